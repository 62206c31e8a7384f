/* discover: walking input folders, one sorted listing a level.
 *
 * A folder's entries are sorted with a folder's name ending in '/': that
 * puts "a.txt" ('.' < '/') before the files of folder "a", and those before
 * "a0", just as sorting the whole list of relative names would. Walking
 * the sorted levels depth first thus gives each input path's documents in
 * name order; discover_next merges the paths' streams. */
#define _DEFAULT_SOURCE /* d_type's DT_DIR, DT_REG */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

/* One folder being walked. */
struct level {
    char **entries;     /* sorted; a folder's name ends in '/' */
    char *text;         /* the entries' names, one after another */
    size_t n, next;
    dev_t dev;          /* a link back to a folder being walked is a loop */
    ino_t ino;
    size_t path_len, name_len;   /* of the folder's path and name */
};

/* One input path: a file, or a folder and the levels open below it. */
struct source {
    const char *given;
    bool is_file, has_head;
    char error[256];             /* the head is a folder that cannot be read: why */
    struct level *levels;
    size_t depth, cap;
    struct buf path, name;       /* of the head: its next document */
};

struct discovery {
    struct source *sources;
    size_t n;
    struct source *handed;       /* whose head was handed out last */
};

static int compare_entries(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the entry e of the folder open in path is itself a folder. */
static bool is_folder(struct buf *path, const struct dirent *e)
{
#ifdef DT_DIR
    if (e->d_type == DT_DIR)
        return true;
    if (e->d_type == DT_REG)
        return false;
#endif
    /* a link, or a file system that does not say: where it leads */
    size_t len = path->len;
    buf_putc(path, '/');
    buf_puts(path, e->d_name);
    struct stat st;
    bool dir = stat(path->data, &st) == 0 && S_ISDIR(st.st_mode);
    path->len = len;
    path->data[len] = '\0';
    return dir;
}

static void leave(struct source *s)
{
    struct level *lv = &s->levels[--s->depth];
    free(lv->entries);
    free(lv->text);
}

/* Open the folder at s->path as a new level: 1; 0 if it is being walked
 * already (a link loop: passed over); -1 (s->error set) if it cannot be
 * read. */
static int enter(struct source *s)
{
    struct stat st;
    DIR *dir = NULL;
    if (stat(s->path.data, &st) == 0) {
        for (size_t i = 0; i < s->depth; i++)
            if (s->levels[i].dev == st.st_dev && s->levels[i].ino == st.st_ino)
                return 0;
        dir = opendir(s->path.data);
    }
    if (!dir) {
        snprintf(s->error, sizeof s->error, "cannot read folder: %s", strerror(errno));
        return -1;
    }
    struct buf text = {0};
    size_t *at = NULL, n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            at = xrealloc(at, cap * sizeof *at);
        }
        at[n++] = text.len;
        buf_puts(&text, e->d_name);
        if (is_folder(&s->path, e))
            buf_putc(&text, '/');
        buf_putc(&text, '\0'); /* the names lie one after another */
    }
    closedir(dir);
    char **entries = xmalloc((n ? n : 1) * sizeof *entries);
    for (size_t i = 0; i < n; i++)
        entries[i] = text.data + at[i];
    free(at);
    qsort(entries, n, sizeof *entries, compare_entries);
    if (s->depth == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->levels = xrealloc(s->levels, s->cap * sizeof *s->levels);
    }
    s->levels[s->depth++] = (struct level){entries, text.data, n, 0, st.st_dev, st.st_ino,
                                           s->path.len, s->name.len};
    return 1;
}

static void set(struct buf *b, size_t len, const char *sep, const char *s, size_t n)
{
    b->len = len;
    buf_puts(b, sep);
    buf_append(b, s, n);
}

/* Move s on to its next document (s->has_head), or to its end. A folder
 * that cannot be read is a head too, with s->error set. */
static void advance(struct source *s)
{
    s->has_head = false;
    s->error[0] = '\0';
    while (s->depth) {
        struct level *lv = &s->levels[s->depth - 1];
        if (lv->next == lv->n) {
            leave(s);
            continue;
        }
        const char *e = lv->entries[lv->next++];
        size_t n = strlen(e);
        bool folder = e[n - 1] == '/';
        set(&s->path, lv->path_len, "/", e, n - folder);
        set(&s->name, lv->name_len, lv->name_len ? "/" : "", e, n - folder);
        if (!folder || enter(s) < 0) {
            s->has_head = true;
            return;
        }
    }
}

/* Start s on the path given: its first document. */
static bool start(struct source *s, const char *given, struct pl_error *err)
{
    s->given = given;
    struct stat st;
    if (stat(given, &st) != 0) {
        pl_error_set(err, given, 0, 0, "no such file or folder");
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        const char *base = strrchr(given, '/');
        s->is_file = s->has_head = true;
        buf_puts(&s->path, given);
        buf_puts(&s->name, base ? base + 1 : given);
        return true;
    }
    size_t len = strlen(given);
    while (len > 1 && given[len - 1] == '/')
        len--;
    buf_append(&s->path, given, len);
    buf_puts(&s->name, "");
    if (enter(s) < 0) {
        pl_error_set(err, given, 0, 0, "%s", s->error);
        return false;
    }
    advance(s);
    return true;
}

struct discovery *discover_open(const char *const *paths, size_t n, struct pl_error *err)
{
    struct discovery *d = xcalloc(1, sizeof *d);
    d->sources = xcalloc(n ? n : 1, sizeof *d->sources);
    d->n = n;
    for (size_t i = 0; i < n; i++) {
        if (!start(&d->sources[i], paths[i], err)) {
            discover_close(d);
            return NULL;
        }
    }
    return d;
}

static int compare_heads(const struct source *a, const struct source *b)
{
    int c = strcmp(a->name.data, b->name.data);
    return c ? c : strcmp(a->path.data, b->path.data);
}

bool discover_next(struct discovery *d, struct input_file *f)
{
    struct source *s = d->handed;
    d->handed = NULL;
    if (s && s->is_file)
        s->has_head = false; /* its one document is out */
    else if (s)
        advance(s);
    struct source *first = NULL;
    for (size_t i = 0; i < d->n; i++)
        if (d->sources[i].has_head && (!first || compare_heads(&d->sources[i], first) < 0))
            first = &d->sources[i];
    if (!first)
        return false;
    d->handed = first;
    *f = (struct input_file){first->name.data, first->path.data, first->error[0] ? first->error : NULL};
    return true;
}

void discover_close(struct discovery *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        struct source *s = &d->sources[i];
        while (s->depth)
            leave(s);
        free(s->levels);
        buf_free(&s->path);
        buf_free(&s->name);
    }
    free(d->sources);
    free(d);
}
