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
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/utf8.h>

#include "xalloc.h"

/* The files and folders met so far, by device and inode: each is read
 * (or walked) once, however many links or inputs lead to it. */
struct ids {
    struct id {
        dev_t dev;
        ino_t ino;
        bool used;
    } *slots;
    size_t n, cap;
};

static size_t id_hash(const struct ids *t, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
    return (size_t)(h ^ h >> 29) & (t->cap - 1);
}

/* Add (dev, ino) unless it is there: true when it was added. */
static bool ids_add(struct ids *t, dev_t dev, ino_t ino)
{
    if (2 * (t->n + 1) > t->cap) {
        struct ids old = *t;
        t->cap = old.cap ? 2 * old.cap : 256;
        t->slots = xcalloc(t->cap, sizeof *t->slots);
        t->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].used)
                ids_add(t, old.slots[i].dev, old.slots[i].ino);
        free(old.slots);
    }
    size_t i = id_hash(t, dev, ino);
    for (; t->slots[i].used; i = (i + 1) & (t->cap - 1))
        if (t->slots[i].dev == dev && t->slots[i].ino == ino)
            return false;
    t->slots[i] = (struct id){dev, ino, true};
    t->n++;
    return true;
}

static bool ids_has(const struct ids *t, dev_t dev, ino_t ino)
{
    if (!t->cap)
        return false;
    for (size_t i = id_hash(t, dev, ino); t->slots[i].used; i = (i + 1) & (t->cap - 1))
        if (t->slots[i].dev == dev && t->slots[i].ino == ino)
            return true;
    return false;
}

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
    const char *skip;            /* the head is no document: why (a note) */
    struct level *levels;
    size_t depth, cap;
    struct buf path, name;       /* of the head: its next document */
    struct discovery *d;
};

struct discovery {
    struct source *sources;
    size_t n;
    struct source *handed;       /* whose head was handed out last */
    struct ids seen;             /* files and folders met */
    struct ids written;          /* the folders the run writes: never inputs */
    struct buf last;             /* the name handed out last, as found */
    bool last_shared;            /* and another input had a document of that name */
    struct buf named;            /* the name handed out, made unique */
};

static const char OUTPUT_FOLDER[] = "the output folder (or one the run writes), not read as input";
static const char READ_ONCE[] = "the same file as one met before (through a link, or given twice), read once";

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

/* Open the folder at s->path as a new level: 1; 0 if it was walked
 * already (a link loop, two links to one folder: passed over); -1 if it
 * cannot be read (s->error set) or is written by the run (s->skip set). */
static int enter(struct source *s)
{
    struct stat st;
    DIR *dir = NULL;
    if (stat(s->path.data, &st) == 0) {
        if (ids_has(&s->d->written, st.st_dev, st.st_ino)) {
            s->skip = OUTPUT_FOLDER;
            return -1;
        }
        if (!ids_add(&s->d->seen, st.st_dev, st.st_ino))
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
    s->skip = NULL;
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
        if (folder) {
            if (enter(s) < 0) {
                s->has_head = true;
                return;
            }
            continue;
        }
        /* a file met before is said once, not read again; what cannot be
         * looked at is left to the reading, which says why */
        struct stat st;
        if (stat(s->path.data, &st) == 0 && !ids_add(&s->d->seen, st.st_dev, st.st_ino))
            s->skip = READ_ONCE;
        s->has_head = true;
        return;
    }
}

/* Whether the folder holding the file at path is one the run writes. */
static bool in_written(struct discovery *d, const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    struct stat st;
    bool in = stat(dir, &st) == 0 && ids_has(&d->written, st.st_dev, st.st_ino);
    free(dir);
    return in;
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
        if (in_written(s->d, given))
            s->skip = OUTPUT_FOLDER;
        else if (!ids_add(&s->d->seen, st.st_dev, st.st_ino))
            s->skip = READ_ONCE;
        return true;
    }
    size_t len = strlen(given);
    while (len > 1 && given[len - 1] == '/')
        len--;
    buf_append(&s->path, given, len);
    buf_puts(&s->name, "");
    int entered = enter(s);
    if (entered < 0 && !s->skip) {
        pl_error_set(err, given, 0, 0, "%s", s->error);
        return false;
    }
    if (entered > 0) {
        advance(s);
    } else {
        /* the output folder, or a folder given twice: a note, then nothing */
        s->is_file = s->has_head = true;
        buf_puts(&s->name, given);
        if (!s->skip)
            s->skip = "a folder given before, walked once";
    }
    return true;
}

struct discovery *discover_open(const char *const *paths, size_t n, const char *out_dir,
                                struct pl_error *err)
{
    struct discovery *d = xcalloc(1, sizeof *d);
    d->sources = xcalloc(n ? n : 1, sizeof *d->sources);
    d->n = n;
    if (out_dir)
        discover_exclude(d, out_dir);
    for (size_t i = 0; i < n; i++) {
        d->sources[i].d = d;
        if (!start(&d->sources[i], paths[i], err)) {
            discover_close(d);
            return NULL;
        }
    }
    return d;
}

void discover_exclude(struct discovery *d, const char *folder)
{
    struct stat st;
    if (stat(folder, &st) == 0 && S_ISDIR(st.st_mode))
        ids_add(&d->written, st.st_dev, st.st_ino);
}

static int compare_heads(const struct source *a, const struct source *b)
{
    int c = strcmp(a->name.data, b->name.data);
    return c ? c : strcmp(a->path.data, b->path.data);
}

/* The given path of source s, for a name that two inputs share: the
 * folder given, or the folder of the file given ("." for none). */
static void given_folder(const struct source *s, struct buf *b)
{
    size_t len = strlen(s->given);
    if (s->is_file) {
        const char *slash = strrchr(s->given, '/');
        len = slash ? (size_t)(slash - s->given) : 0;
    }
    while (len > 1 && s->given[len - 1] == '/')
        len--;
    if (len)
        buf_append(b, s->given, len);
    else
        buf_puts(b, s->given[0] == '/' ? "/" : ".");
}

/* Append name to b as valid UTF-8 that gives the raw name back: each
 * byte that is not part of a valid UTF-8 sequence as \xHH, and a
 * backslash that comes before an x, a backslash or such a byte doubled
 * (so that "\x41" as written stays apart from a byte written so). A name
 * that is valid UTF-8 without "\x" or "\\" in it is written as it is. */
static void put_name(struct buf *b, const char *name)
{
    const uint8_t *s = (const uint8_t *)name;
    int32_t n = (int32_t)strlen(name);
    for (int32_t i = 0; i < n;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            for (int32_t k = at; k < i; k++)
                buf_printf(b, "\\x%02X", s[k]);
            continue;
        }
        buf_append(b, name + at, (size_t)(i - at));
        if (c == '\\' && i < n) {
            int32_t next = i;
            UChar32 d;
            U8_NEXT(s, next, n, d);
            if (d == 'x' || d == '\\' || d < 0)
                buf_putc(b, '\\');
        }
    }
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
    bool shared = false;
    for (size_t i = 0; i < d->n && !first->skip; i++) {
        const struct source *h = &d->sources[i];
        shared = shared || (h != first && h->has_head && !h->skip && !strcmp(h->name.data, first->name.data));
    }
    d->handed = first;
    /* a name two inputs have is told apart by the input, after it: "a.txt
     * (d1)", "a.txt (d2)" sort where "a.txt" would, as merge expects */
    shared = shared || (d->last_shared && !first->skip && !strcmp(d->last.data, first->name.data));
    d->last.len = 0;
    buf_puts(&d->last, first->name.data);
    d->last_shared = shared;
    d->named.len = 0;
    put_name(&d->named, first->name.data);
    if (shared && !first->skip) {
        struct buf given = {0};
        given_folder(first, &given);
        buf_puts(&d->named, " (");
        put_name(&d->named, given.data);
        buf_putc(&d->named, ')');
        buf_free(&given);
    }
    *f = (struct input_file){d->named.data, first->path.data, first->error[0] ? first->error : NULL, first->skip};
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
    free(d->seen.slots);
    free(d->written.slots);
    buf_free(&d->last);
    buf_free(&d->named);
    free(d->sources);
    free(d);
}
