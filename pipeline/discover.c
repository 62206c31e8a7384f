/* discover: walking input folders. */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

struct visited {
    dev_t dev;
    ino_t ino;
};

struct walk {
    struct input_list *list;
    struct visited *stack;   /* the folders being walked: a link back to one is a loop */
    size_t depth, cap;
    struct pl_error *err;
};

static void add_file(struct input_list *l, const char *name, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->files = xrealloc(l->files, l->cap * sizeof *l->files);
    }
    l->files[l->n++] = (struct input_file){xstrdup(name), xstrdup(path)};
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool walk_dir(struct walk *w, const char *path, const char *name, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino)
            return true; /* a link back up the tree: walked already */
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->stack = xrealloc(w->stack, w->cap * sizeof *w->stack);
    }
    w->stack[w->depth++] = (struct visited){st->st_dev, st->st_ino};
    DIR *d = opendir(path);
    if (!d) {
        pl_error_set(w->err, path, 0, 0, "cannot read folder: %s", strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, compare_strings);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char *child = xasprintf("%s/%s", path, names[i]);
        char *child_name = name[0] ? xasprintf("%s/%s", name, names[i]) : xstrdup(names[i]);
        struct stat cs;
        if (stat(child, &cs) != 0) {
            /* a dangling link or a file gone meanwhile: reading it will say why */
            add_file(w->list, child_name, child);
        } else if (S_ISDIR(cs.st_mode)) {
            ok = walk_dir(w, child, child_name, &cs) && ok;
        } else {
            add_file(w->list, child_name, child);
        }
        free(child);
        free(child_name);
        free(names[i]);
    }
    free(names);
    w->depth--;
    return ok;
}

static int compare_inputs(const void *a, const void *b)
{
    const struct input_file *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->path, y->path);
}

bool discover(const char *const *paths, size_t n, struct input_list *list, struct pl_error *err)
{
    struct walk w = {.list = list, .err = err};
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            pl_error_set(err, paths[i], 0, 0, "no such file or folder");
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            size_t len = strlen(paths[i]);
            char *root = xstrdup(paths[i]);
            while (len > 1 && root[len - 1] == '/')
                root[--len] = '\0';
            ok = walk_dir(&w, root, "", &st);
            free(root);
        } else {
            const char *base = strrchr(paths[i], '/');
            add_file(list, base ? base + 1 : paths[i], paths[i]);
        }
    }
    free(w.stack);
    if (list->n)
        qsort(list->files, list->n, sizeof *list->files, compare_inputs);
    return ok;
}

void input_list_free(struct input_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->files[i].name);
        free(list->files[i].path);
    }
    free(list->files);
    list->files = NULL;
    list->n = list->cap = 0;
}
