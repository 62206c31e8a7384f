/* xalloc: allocation that never returns NULL, and an arena per document.
 *
 * Out of memory is not an error a caller can handle here: every function
 * below prints "pipeline: out of memory" and aborts instead of returning
 * NULL. */
#ifndef PIPELINE_XALLOC_H
#define PIPELINE_XALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A bump allocator: everything allocated from it is freed at once by
 * arena_free. One arena belongs to one document (or one rule set) and is
 * never shared between threads. */
struct arena {
    struct arena_block *head;
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
    char *data;
    size_t len, cap;
};

/* Make room for n more bytes (and the NUL). */
void buf_grow(struct buf *b, size_t n);

/* Room for n more bytes: where they go. buf_commit(b, m) then counts the
 * m <= n bytes written there. */
static inline char *buf_reserve(struct buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap)
        buf_grow(b, n);
    return b->data + b->len;
}

static inline void buf_commit(struct buf *b, size_t m)
{
    b->len += m;
    b->data[b->len] = '\0';
}

static inline void buf_append(struct buf *b, const char *s, size_t n)
{
    char *to = buf_reserve(b, n);
    if (n)
        memcpy(to, s, n);
    buf_commit(b, n);
}

static inline void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1)[0] = c;
    buf_commit(b, 1);
}

void buf_puts(struct buf *b, const char *s);
/* v in decimal digits. */
void buf_put_size(struct buf *b, size_t v);

/* v in decimal digits at the end of out: the index of the first digit
 * (they run to the end of out). */
enum { SIZE_DIGITS = 24 };
static inline size_t size_digits(char out[SIZE_DIGITS], size_t v)
{
    size_t i = SIZE_DIGITS;
    do {
        out[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return i;
}

/* Append the whole file at path: the files the pipeline reads whole
 * (documents, rule files, shard outputs) are read with this. False, with
 * *error the errno of the open or the read that failed (b is then to be
 * freed all the same). */
bool buf_read_file(struct buf *b, const char *path, int *error);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* No more room than b's bytes take: for a buffer kept a while once made. */
void buf_fit(struct buf *b);

#endif
