/* archive: JSON Lines, read line by line from the file (gzip undone with
 * zlib's inflate, every member of it), so an archive is never held whole.
 * The file is read here, never through a library that would take a name
 * for a URL. */
#include "archive.h"

#include <cJSON.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "decode.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- bytes */

/* The archive's bytes: the file's, or what its gzip members inflate to. */
struct source {
    int fd;
    bool gz;             /* the file begins with gzip's magic bytes */
    bool in_member;      /* inflating a member: its end is not reached */
    bool eof;            /* the file is read to its end */
    z_stream z;
    unsigned char in[1 << 16];
    size_t consumed;     /* bytes of the file read so far */
    char *error;         /* why reading stopped before the end (to free) */
};

/* Read more of the file into s->in (what was not inflated yet is kept). */
static void fill(struct source *s)
{
    if (s->z.avail_in && s->z.next_in != s->in)
        memmove(s->in, s->z.next_in, s->z.avail_in);
    s->z.next_in = s->in;
    ssize_t n;
    do
        n = read(s->fd, s->in + s->z.avail_in, sizeof s->in - s->z.avail_in);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        s->error = xasprintf("cannot read: %s", strerror(errno));
        s->eof = true;
    } else if (n == 0) {
        s->eof = true;
    } else {
        s->z.avail_in += (uInt)n;
        s->consumed += (size_t)n;
    }
}

static void source_open(struct source *s, int fd)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->z.next_in = s->in;
    while (!s->eof && s->z.avail_in < 2)
        fill(s);
    s->gz = s->z.avail_in >= 2 && s->in[0] == 0x1F && s->in[1] == 0x8B;
    /* 16 + 15: a gzip header and trailer, the largest window */
    if (s->gz && inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
        s->error = xstrdup("cannot start inflating: out of memory");
        s->gz = false;
    }
}

static void source_close(struct source *s)
{
    if (s->gz)
        inflateEnd(&s->z);
    free(s->error);
}

/* Up to cap bytes of the archive's text into out: how many, 0 at its end
 * or where it cannot be read further (s->error set). A gzip stream that
 * ends inside a member (truncated, or without its trailer) is an error,
 * not an end: zlib reports such an end like a clean one unless asked. */
static size_t source_read(struct source *s, unsigned char *out, size_t cap)
{
    if (s->error)
        return 0;
    if (!s->gz) {
        if (!s->z.avail_in && !s->eof)
            fill(s);
        size_t n = s->z.avail_in < cap ? s->z.avail_in : cap;
        memcpy(out, s->z.next_in, n);
        s->z.next_in += n;
        s->z.avail_in -= (uInt)n;
        return n;
    }
    for (;;) {
        if (!s->z.avail_in && !s->eof)
            fill(s);
        if (s->error)
            return 0;
        if (!s->in_member) {
            /* between members: another member, or zeros that pad a tape
             * block (gzip itself allows them) */
            while (s->z.avail_in && *s->z.next_in == 0) {
                s->z.next_in++;
                s->z.avail_in--;
            }
            if (!s->z.avail_in) {
                if (s->eof)
                    return 0;
                continue;
            }
            inflateReset(&s->z);
            s->in_member = true;
        }
        if (!s->z.avail_in && s->eof) {
            s->error = xasprintf("truncated gzip stream: the file ends inside a member, after %zu bytes",
                                 s->consumed);
            return 0;
        }
        s->z.next_out = out;
        s->z.avail_out = (uInt)(cap < UINT32_MAX ? cap : UINT32_MAX);
        int rc = inflate(&s->z, Z_NO_FLUSH);
        size_t got = (size_t)(s->z.next_out - out);
        if (rc == Z_STREAM_END) {
            s->in_member = false;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            s->error = xasprintf("corrupt gzip data (%s), at byte %zu of the file",
                                 s->z.msg ? s->z.msg : "inflate failed",
                                 s->consumed - s->z.avail_in);
            return got;
        }
        if (got)
            return got;
    }
}

/* ---------------------------------------------------------------- names */

/* The names handed out in one archive, to keep them unique. */
struct names {
    char **slots;
    size_t n, cap;
};

static uint64_t hash_name(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of name: where it is, or the empty one where it would go. */
static char **names_slot(const struct names *t, const char *name)
{
    size_t i = hash_name(name) & (t->cap - 1);
    while (t->slots[i] && strcmp(t->slots[i], name))
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

/* Add name unless it is there: true when it was added. */
static bool names_add(struct names *t, const char *name)
{
    if (2 * (t->n + 1) > t->cap) {
        struct names old = *t;
        t->cap = old.cap ? 2 * old.cap : 64;
        t->slots = xcalloc(t->cap, sizeof *t->slots);
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i])
                *names_slot(t, old.slots[i]) = old.slots[i];
        free(old.slots);
    }
    char **slot = names_slot(t, name);
    if (*slot)
        return false;
    *slot = xstrdup(name);
    t->n++;
    return true;
}

static void names_free(struct names *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i]);
    free(t->slots);
}

/* A number id as written, as short as reads back the same: 1.4, not 1. */
static char *number_id(double v)
{
    char s[64];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(s, sizeof s, "%.*g", digits, v);
        if (strtod(s, NULL) == v)
            break;
    }
    return xstrdup(s);
}

/* The article's name, "NAME#ID" (else "NAME#LINE"), unique in the archive:
 * an id seen before gets its line, "NAME#ID (line N)". */
static char *article_name(struct names *seen, const char *name, const cJSON *id, long line)
{
    char *what = cJSON_IsString(id)   ? decode_valid_utf8(id->valuestring, strlen(id->valuestring))
                 : cJSON_IsNumber(id) ? number_id(id->valuedouble)
                                      : xasprintf("%ld", line);
    char *full = xasprintf("%s#%s", name, what);
    for (int k = 1; !names_add(seen, full); k++) {
        free(full);
        full = k == 1 ? xasprintf("%s#%s (line %ld)", name, what, line)
                      : xasprintf("%s#%s (line %ld, %d)", name, what, line, k);
    }
    free(what);
    return full;
}

/* ---------------------------------------------------------------- articles */

static const cJSON *field(const cJSON *o, const char *name)
{
    return name ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
}

/* A string field as valid UTF-8 (what is not becomes U+FFFD), or NULL. */
static char *string_field(const cJSON *o, const char *name)
{
    const cJSON *v = field(o, name);
    return cJSON_IsString(v) ? decode_valid_utf8(v->valuestring, strlen(v->valuestring)) : NULL;
}

/* A NUL written \u0000 would end cJSON's C string there, and the article
 * with it: it becomes U+FFFD (\uFFFD, as long as written), the rest is
 * read. Backslashes are followed in pairs, so \\u0000 is left alone. */
static void replace_nul_escapes(char *line)
{
    for (char *p = line; (p = strchr(p, '\\')); p += 2) {
        if (p[1] == 'u' && !strncmp(p + 2, "0000", 4))
            memcpy(p + 2, "FFFD", 4);
        else if (!p[1])
            break;
    }
}

/* One line of the archive into a document. */
static struct doc *article(const char *path, const char *name, long line, char *text,
                           const struct archive_options *o, struct names *seen)
{
    replace_nul_escapes(text);
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithOpts(text, &end, true);
    char *msg = NULL;
    const cJSON *body = NULL;
    const char *tried = o->text_field ? o->text_field : "content\" or \"text";
    if (!json) {
        long column = 1;
        for (const char *p = text; end && p < end; p++)
            column += ((unsigned char)*p & 0xC0) != 0x80;
        msg = xasprintf("%s:%ld:%ld: invalid JSON", name, line, column);
    } else if (!cJSON_IsObject(json)) {
        msg = xasprintf("%s:%ld: not a JSON object", name, line);
    } else {
        body = o->text_field ? field(json, o->text_field) : field(json, "content");
        if (!o->text_field && !cJSON_IsString(body))
            body = field(json, "text");
        if (!cJSON_IsString(body))
            msg = xasprintf("%s:%ld: no text field \"%s\" (a string)", name, line, tried);
    }
    const cJSON *id = json && cJSON_IsObject(json) ? field(json, o->id_field ? o->id_field : "id") : NULL;
    char *doc_name = article_name(seen, name, id, line);
    struct doc *doc = doc_new(doc_name, path);
    free(doc_name);
    doc->archive_line = (int)line;
    if (msg) {
        doc_fail(doc, msg);
        free(msg);
    } else {
        doc->nbytes = strlen(body->valuestring);
        doc->bytes = (unsigned char *)xstrdup(body->valuestring);
        doc->title = string_field(json, "title");
        doc->url = string_field(json, "url");
        doc->date = string_field(json, "date");
        if (!doc->date)
            doc->date = string_field(json, "published");
    }
    cJSON_Delete(json);
    return doc;
}

static struct doc *overlong(const char *path, const char *name, long line, struct names *seen)
{
    char *doc_name = article_name(seen, name, NULL, line);
    struct doc *doc = doc_new(doc_name, path);
    free(doc_name);
    doc->archive_line = (int)line;
    char *msg = xasprintf("%s:%ld: line too long (over %zu bytes)", name, line, (size_t)DECODE_MAX_BYTES);
    doc_fail(doc, msg);
    free(msg);
    return doc;
}

static bool blank(const struct buf *line)
{
    return strspn(line->data, " \t\r") == line->len;
}

static long read_lines(struct source *src, const char *path, const char *name,
                       const struct archive_options *o, doc_fn fn, void *ctx)
{
    struct buf line = {0};
    struct names seen = {0};
    unsigned char *chunk = xmalloc(1 << 16);
    long lineno = 0, count = 0;
    bool go_on = true, too_long = false;
    size_t n;
    while (go_on && (n = source_read(src, chunk, 1 << 16)) > 0) {
        const char *data = (const char *)chunk;
        size_t start = 0;
        for (const char *nl; go_on && (nl = memchr(data + start, '\n', n - start));) {
            size_t i = (size_t)(nl - data);
            if (!too_long)
                buf_append(&line, data + start, i - start);
            start = i + 1;
            lineno++;
            if (line.len && line.data[line.len - 1] == '\r')
                line.data[--line.len] = '\0';
            if (too_long || !blank(&line)) {
                count++;
                go_on = fn(ctx, too_long ? overlong(path, name, lineno, &seen)
                                         : article(path, name, lineno, line.data, o, &seen));
            }
            too_long = false;
            line.len = 0;
            line.data[0] = '\0';
        }
        if (!too_long)
            buf_append(&line, data + start, n - start);
        if (line.len > DECODE_MAX_BYTES) {
            /* the rest of the line is not kept: it fails as too long */
            too_long = true;
            buf_free(&line);
            line = (struct buf){0};
            buf_puts(&line, "");
        }
    }
    /* the last line without a line end is an article, unless the stream
     * broke off: then it is a piece of one, and the error says so */
    if (go_on && !src->error && (too_long || (line.len && !blank(&line)))) {
        count++;
        fn(ctx, too_long ? overlong(path, name, lineno + 1, &seen)
                         : article(path, name, lineno + 1, line.data, o, &seen));
    }
    free(chunk);
    buf_free(&line);
    names_free(&seen);
    return count;
}

/* Read the archive open on fd; *error when it broke off. */
static long read_fd(int fd, const char *path, const char *name, const struct archive_options *o,
                    doc_fn fn, void *ctx, char **error)
{
    struct source src;
    source_open(&src, fd);
    long n = read_lines(&src, path, name, o, fn, ctx);
    if (src.error) {
        *error = xasprintf("%s: %s (%ld article(s) read before it)", name, src.error, n);
    }
    source_close(&src);
    return n;
}

long archive_read(const char *path, const char *name, const struct archive_options *o, doc_fn fn,
                  void *ctx, char **error)
{
    size_t size;
    char *why = NULL;
    int fd = decode_open(path, SIZE_MAX, &size, &why);
    if (fd < 0) {
        *error = xasprintf("%s: %s", name, why);
        free(why);
        return fd;
    }
    long n = read_fd(fd, path, name, o, fn, ctx, error);
    close(fd);
    return n;
}

long archive_read_stream(FILE *f, const char *name, const struct archive_options *o, doc_fn fn,
                         void *ctx, char **error)
{
    return read_fd(fileno(f), name, name, o, fn, ctx, error);
}
