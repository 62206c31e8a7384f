/* outfile: temporary file + rename, so that readers never see half a file. */
#define _GNU_SOURCE /* sync_file_range */
#include "outfile.h"

#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* The temporary files that exist now, for the signal handler: a fixed
 * table of pointers, each set or cleared whole (sig_atomic_t-sized). */
enum { MAX_TEMPS = 64 };
static char *volatile temps[MAX_TEMPS];

static bool sync_on_close;

void outfile_sync_on_close(bool on)
{
    sync_on_close = on;
}

static void remember(char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!temps[i]) {
            temps[i] = path;
            return;
        }
}

static void forget(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i] == path)
            temps[i] = NULL;
}

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i])
            unlink(temps[i]); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void outfile_clean_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

bool outfile_open(struct outfile *o, const char *dir, const char *name, struct pl_error *err)
{
    o->path = xasprintf("%s/%s", dir, name);
    o->tmp_path = xasprintf("%s/.%s.tmp-%ld", dir, name, (long)getpid());
    remember(o->tmp_path);
    o->f = fopen(o->tmp_path, "wb");
    if (!o->f) {
        pl_error_set(err, o->tmp_path, 0, 0, "cannot create: %s", strerror(errno));
        outfile_discard(o);
        return false;
    }
    o->buffer = outfile_buffer(o->f);
    return true;
}

char *outfile_buffer(FILE *f)
{
    /* stdio's own buffer is a block (4 KB), and glibc sizes none other
     * itself: a page cache written 4 KB a call costs the kernel three
     * times what it costs in large writes */
    char *b = xmalloc(OUTFILE_BUFFER_BYTES);
    setvbuf(f, b, _IOFBF, OUTFILE_BUFFER_BYTES);
    return b;
}

void outfile_write_behind(struct outfile *o)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (sync_on_close && o->f && fflush(o->f) == 0)
        sync_file_range(fileno(o->f), 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)o;
#endif
}

bool outfile_close(struct outfile *o, struct pl_error *err)
{
    if (!o->f)
        return true; /* closed already, or never opened */
    bool ok = !ferror(o->f) && fflush(o->f) == 0 && (!sync_on_close || fsync(fileno(o->f)) == 0);
    int e = errno;
    if (fclose(o->f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    o->f = NULL;
    free(o->buffer);
    o->buffer = NULL;
    if (!ok)
        pl_error_set(err, o->tmp_path, 0, 0, "cannot write: %s", strerror(e ? e : EIO));
    return ok;
}

/* The renames on disk too: the folder of path synced. Where a system
 * cannot sync a folder (EINVAL), the renames are left to it. */
static void sync_folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash         ? xstrdup(".")
                : slash == path ? xstrdup("/")
                                : xstrndup(path, (size_t)(slash - path));
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

bool outfile_commit_all(struct outfile *files, size_t n, struct pl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (files[i].path && lstat(files[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            pl_error_set(err, files[i].path, 0, 0, "is a folder: the dataset cannot replace it");
            return false;
        }
    }
    char **aside = xcalloc(n, sizeof *aside);
    size_t moved = 0, placed = 0;
    bool ok = true;
    /* move the previous dataset aside */
    for (; moved < n && ok; moved++) {
        struct stat st;
        if (!files[moved].tmp_path || lstat(files[moved].path, &st) != 0)
            continue;
        aside[moved] = xasprintf("%s.old", files[moved].tmp_path);
        if (rename(files[moved].path, aside[moved]) != 0) {
            pl_error_set(err, files[moved].path, 0, 0, "cannot move the previous file aside: %s",
                         strerror(errno));
            free(aside[moved]);
            aside[moved] = NULL;
            ok = false;
            break;
        }
    }
    for (; placed < n && ok; placed++) {
        if (!files[placed].tmp_path)
            continue; /* not opened: not part of this dataset */
        if (rename(files[placed].tmp_path, files[placed].path) != 0) {
            pl_error_set(err, files[placed].path, 0, 0,
                         "cannot rename the finished file into place: %s", strerror(errno));
            ok = false;
            break;
        }
    }
    if (!ok) {
        /* undo: the new files back to their temporary names, the old ones back */
        for (size_t i = 0; i < placed; i++)
            if (files[i].tmp_path)
                rename(files[i].path, files[i].tmp_path);
        for (size_t i = 0; i < moved; i++)
            if (aside[i])
                rename(aside[i], files[i].path);
    }
    for (size_t i = 0; i < n; i++) {
        if (aside[i] && ok)
            unlink(aside[i]);
        free(aside[i]);
        if (ok) {
            forget(files[i].tmp_path);
            free(files[i].tmp_path);
            files[i].tmp_path = NULL;
        }
    }
    free(aside);
    for (size_t i = 0; ok && sync_on_close && i < n; i++) {
        if (files[i].path) { /* the dataset's files share one folder */
            sync_folder_of(files[i].path);
            break;
        }
    }
    return ok;
}

void outfile_discard(struct outfile *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    free(o->buffer);
    o->buffer = NULL;
    if (o->tmp_path)
        unlink(o->tmp_path);
    forget(o->tmp_path);
    free(o->tmp_path);
    free(o->path);
    o->tmp_path = o->path = NULL;
}

bool outfile_make_dir(const char *dir, struct made_dirs *made, struct pl_error *err)
{
    if (!dir[0]) {
        pl_error_set(err, dir, 0, 0, "the output folder has an empty name");
        return false;
    }
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0777) == 0) {
            made->paths = xrealloc(made->paths, (made->n + 1) * sizeof *made->paths);
            made->paths[made->n++] = xstrdup(p);
        } else if (errno != EEXIST) {
            pl_error_set(err, dir, 0, 0, "cannot create the output folder: %s", strerror(errno));
            ok = false;
        } else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            pl_error_set(err, dir, 0, 0, "cannot create the output folder: %s is not a folder", p);
            ok = false;
        }
        *s = c;
        if (!ok || c == '\0')
            break;
    }
    free(p);
    if (!ok)
        outfile_unmake_dirs(made);
    return ok;
}

void outfile_unmake_dirs(struct made_dirs *made)
{
    while (made->n > 0) {
        char *p = made->paths[--made->n];
        rmdir(p);
        free(p);
    }
    free(made->paths);
    made->paths = NULL;
}

void outfile_keep_dirs(struct made_dirs *made)
{
    for (size_t i = 0; i < made->n; i++)
        free(made->paths[i]);
    free(made->paths);
    made->paths = NULL;
    made->n = 0;
}
