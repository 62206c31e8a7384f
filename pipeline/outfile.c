/* outfile: temporary file + rename, so that readers never see half a file;
 * a lock, so that two runs never write one folder at once. */
#define _GNU_SOURCE /* sync_file_range, fopencookie, getrandom */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

/* The temporary files that exist now, for the signal handler: a fixed
 * table of pointers, each set or cleared whole (sig_atomic_t-sized). */
enum { MAX_TEMPS = 64 };
static char *volatile temps[MAX_TEMPS];
/* During a commit a signal only says that it came; it is acted on after. */
static volatile sig_atomic_t committing, deferred;

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
    for (int i = 0; path && i < MAX_TEMPS; i++)
        if (temps[i] == path)
            temps[i] = NULL;
}

static void remove_tree(int dfd, const char *name);

static void die_of(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i])
            remove_tree(AT_FDCWD, temps[i]); /* async-signal-safe; a folder with its files */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_signal(int sig)
{
    if (committing)
        deferred = sig;
    else
        die_of(sig);
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

/* The suffix of a temporary name: 12 letters and digits nobody can guess
 * (getrandom; else the clock, the process and a counter, mixed). */
static void random_suffix(char out[13])
{
    static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[12];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        static unsigned counter;
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        uint64_t x = (uint64_t)t.tv_nsec ^ ((uint64_t)t.tv_sec << 30) ^ ((uint64_t)getpid() << 17) ^ ++counter;
        for (size_t i = 0; i < sizeof r; i++) {
            x ^= x >> 33;
            x *= 0xff51afd7ed558ccdULL;
            x ^= x >> 29;
            r[i] = (unsigned char)x;
        }
    }
    for (size_t i = 0; i < sizeof r; i++)
        out[i] = ALNUM[r[i] % (sizeof ALNUM - 1)];
    out[12] = '\0';
}

/* A new file "dir/.name.tmp-XXXXXXXXXXXX" of this run alone: created by
 * this call (O_EXCL), never through a link (O_NOFOLLOW). Its descriptor,
 * or -1 (errno set); *path is its name (the caller frees it). */
static int create_temp(const char *dir, const char *name, char **path)
{
    for (int tries = 0; tries < 100; tries++) {
        char suffix[13];
        random_suffix(suffix);
        *path = xasprintf("%s/.%s.tmp-%s", dir, name, suffix);
        int fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
        free(*path);
    }
    *path = NULL;
    errno = EEXIST;
    return -1;
}

/* Remove dfd/name, and all it holds if it is a folder (the site's: two
 * levels; deeper than 8 is left): links are removed, never followed.
 * Async-signal-safe, for die_of: system calls only, on the stack (the
 * folder read with getdents64, not opendir, which allocates). */
struct dirent64_head {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

static bool remove_tree_at(int dfd, const char *name, int depth)
{
    if (unlinkat(dfd, name, 0) == 0)
        return true;
    if ((errno != EISDIR && errno != EPERM) || depth > 8)
        return false;
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[4096];
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0)
            break;
        bool removed = false;
        for (long at = 0; at < n;) {
            const struct dirent64_head *e = (const struct dirent64_head *)(buf + at);
            at += e->reclen;
            if (!strcmp(e->name, ".") || !strcmp(e->name, ".."))
                continue;
            removed = remove_tree_at(fd, e->name, depth + 1) || removed;
        }
        if (!removed)
            break; /* what is left stays */
        lseek(fd, 0, SEEK_SET); /* read again what is left */
    }
    close(fd);
    return unlinkat(dfd, name, AT_REMOVEDIR) == 0;
}

static void remove_tree(int dfd, const char *name)
{
    remove_tree_at(dfd, name, 0);
}

/* Remove path, a file or a folder with all it holds. */
static void remove_path(const char *path)
{
    remove_tree(AT_FDCWD, path);
}

/* ------------------------------------------------------------ streams */

/* The stream's writes go to the descriptor through here, so that the
 * reason of the first failed write is kept: stdio keeps only that one
 * failed, and errno is long overwritten when a caller looks. */
struct outfile_sink {
    int fd;
    int error;  /* errno of the first failed write or close; 0 */
};

static ssize_t sink_write(void *c, const char *buf, size_t n)
{
    struct outfile_sink *s = c;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(s->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (!s->error)
                s->error = w < 0 ? errno : EIO;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static ssize_t sink_read(void *c, char *buf, size_t n)
{
    struct outfile_sink *s = c;
    ssize_t r;
    while ((r = read(s->fd, buf, n)) < 0 && errno == EINTR)
        ;
    if (r < 0 && !s->error)
        s->error = errno;
    return r;
}

static int sink_seek(void *c, off64_t *at, int whence)
{
    struct outfile_sink *s = c;
    off_t r = lseek(s->fd, (off_t)*at, whence);
    if (r < 0) {
        if (!s->error)
            s->error = errno;
        return -1;
    }
    *at = r;
    return 0;
}

static int sink_close(void *c)
{
    struct outfile_sink *s = c;
    int r = s->fd >= 0 ? close(s->fd) : 0;
    if (r != 0 && !s->error)
        s->error = errno;
    s->fd = -1;
    return r;
}

bool outfile_open(struct outfile *o, const char *dir, const char *name, struct pl_error *err)
{
    o->path = xasprintf("%s/%s", dir, name);
    int fd = create_temp(dir, name, &o->tmp_path);
    if (fd < 0) {
        int e = errno;
        pl_error_set(err, o->path, 0, 0, "cannot create a temporary file beside it: %s", strerror(e));
        outfile_discard(o);
        return false;
    }
    remember(o->tmp_path);
    o->sink = xcalloc(1, sizeof *o->sink);
    o->sink->fd = fd;
    cookie_io_functions_t io = {.write = sink_write, .close = sink_close};
    o->f = fopencookie(o->sink, "w", io);
    if (!o->f) {
        pl_error_set(err, o->tmp_path, 0, 0, "cannot create: %s", strerror(errno));
        close(fd);
        o->sink->fd = -1;
        outfile_discard(o);
        return false;
    }
    o->buffer = outfile_buffer(o->f);
    return true;
}

/* An unnamed file in dir, open for reading and writing: O_TMPFILE where
 * the file system has it, else a new name removed at once. */
static int create_scratch(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    for (int tries = 0; tries < 100; tries++) {
        char suffix[13];
        random_suffix(suffix);
        char *path = xasprintf("%s/.pipeline-scratch-%s", dir, suffix);
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        int e = errno;
        if (fd >= 0)
            unlink(path);
        free(path);
        if (fd >= 0 || e != EEXIST) {
            errno = e;
            return fd;
        }
    }
    errno = EEXIST;
    return -1;
}

bool outfile_scratch(struct outfile *o, struct pl_error *err)
{
    memset(o, 0, sizeof *o);
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    int fd = create_scratch(dir);
    if (fd < 0) {
        pl_error_set(err, dir, 0, 0, "cannot create a scratch file: %s", strerror(errno));
        return false;
    }
    o->sink = xcalloc(1, sizeof *o->sink);
    o->sink->fd = fd;
    cookie_io_functions_t io = {.read = sink_read, .write = sink_write, .seek = sink_seek, .close = sink_close};
    o->f = fopencookie(o->sink, "w+", io);
    if (!o->f) {
        pl_error_set(err, dir, 0, 0, "cannot create a scratch file: %s", strerror(errno));
        close(fd);
        outfile_discard(o);
        return false;
    }
    o->buffer = outfile_buffer(o->f);
    return true;
}

bool outfile_scratch_check(struct outfile *o, const char *what, struct pl_error *err)
{
    if (fflush(o->f) == 0 && !ferror(o->f))
        return true;
    pl_error_set(err, NULL, 0, 0, "cannot write the scratch file of %s: %s", what, strerror(outfile_error(o)));
    return false;
}

int outfile_error(const struct outfile *o)
{
    return o->sink && o->sink->error ? o->sink->error : EIO;
}

bool outfile_open_folder(struct outfile *o, const char *dir, const char *name, struct pl_error *err)
{
    memset(o, 0, sizeof *o);
    o->path = xasprintf("%s/%s", dir, name);
    o->folder = true;
    for (int tries = 0; tries < 100; tries++) {
        char suffix[13];
        random_suffix(suffix);
        o->tmp_path = xasprintf("%s/.%s.tmp-%s", dir, name, suffix);
        if (mkdir(o->tmp_path, 0777) == 0) {
            remember(o->tmp_path);
            return true;
        }
        int e = errno;
        free(o->tmp_path);
        o->tmp_path = NULL;
        if (e != EEXIST) {
            pl_error_set(err, o->path, 0, 0, "cannot create a temporary folder beside it: %s", strerror(e));
            return false;
        }
    }
    pl_error_set(err, o->path, 0, 0, "cannot create a temporary folder beside it: %s", strerror(EEXIST));
    return false;
}

void outfile_absent(struct outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    o->path = xasprintf("%s/%s", dir, name);
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

/* The reason a write to o failed. */
static int write_error(const struct outfile *o)
{
    return o->sink && o->sink->error ? o->sink->error : errno ? errno : EIO;
}

bool outfile_check(struct outfile *o, struct pl_error *err)
{
    if (!o->f)
        return true;
    if (fflush(o->f) == 0 && !ferror(o->f))
        return true;
    pl_error_set(err, o->tmp_path, 0, 0, "cannot write: %s", strerror(write_error(o)));
    return false;
}

void outfile_write_behind(struct outfile *o)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (sync_on_close && o->f && fflush(o->f) == 0)
        sync_file_range(o->sink->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)o;
#endif
}

bool outfile_close(struct outfile *o, struct pl_error *err)
{
    if (!o->f)
        return true; /* closed already, or never opened */
    errno = 0;
    bool ok = !ferror(o->f) && fflush(o->f) == 0;
    int e = ok ? 0 : write_error(o);
    if (ok && sync_on_close && fsync(o->sink->fd) != 0) {
        ok = false;
        e = errno;
    }
    if (fclose(o->f) != 0 && ok) {
        ok = false;
        e = write_error(o);
    }
    o->f = NULL;
    free(o->buffer);
    o->buffer = NULL;
    free(o->sink);
    o->sink = NULL;
    if (!ok)
        pl_error_set(err, o->tmp_path, 0, 0, "cannot write: %s", strerror(e));
    return ok;
}

/* ------------------------------------------------------------ the lock */

/* Which of names[] (NULL-terminated) name is a temporary file of
 * (".NAME.tmp-..."), or -1. */
static int temp_of(const char *name, const char *const *names)
{
    for (int i = 0; names && names[i]; i++) {
        size_t n = strlen(names[i]);
        if (name[0] == '.' && !strncmp(name + 1, names[i], n) && !strncmp(name + 1 + n, ".tmp-", 5))
            return i;
    }
    return -1;
}

/* Whether name is a file moved aside by a commit (".NAME.tmp-...old"). */
static bool is_aside(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".old");
}

/* What a run killed outright (kill -9, a power cut) left in dir: its
 * temporary files, and the previous dataset's files where it died inside
 * the commit. Every one is a file of that run, since the lock says no
 * other run is writing. A commit first moves the previous files aside,
 * then renames the new ones into place, then removes the ones aside: a
 * new file still under its temporary name says the commit did not
 * end, and the previous files are put back (a dataset name that the
 * previous dataset lacked may keep the new file); without one it did,
 * and they go. */
static void remove_leftovers(const char *dir, const char *const *names)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    int dfd = dirfd(d);
    const struct dirent *e;
    bool unfinished = false;
    while ((e = readdir(d)))
        if (temp_of(e->d_name, names) >= 0 && !is_aside(e->d_name))
            unfinished = true;
    rewinddir(d);
    while ((e = readdir(d))) {
        int i = temp_of(e->d_name, names);
        if (i < 0)
            continue;
        /* the names only: a link is never followed */
        if (!unfinished || !is_aside(e->d_name) || renameat(dfd, e->d_name, dfd, names[i]) != 0)
            remove_tree(dfd, e->d_name);
    }
    closedir(d);
}

bool outfile_lock(struct outfile_lock *lk, const char *dir, const char *const *names, struct pl_error *err)
{
    lk->fd = -1;
    lk->path = xasprintf("%s/.pipeline.lock", dir);
    for (int tries = 0; tries < 100; tries++) {
        int fd = open(lk->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno == ELOOP) {
            pl_error_set(err, lk->path, 0, 0, "is a symbolic link: the lock is never taken through one");
            break;
        }
        if (fd < 0) {
            pl_error_set(err, lk->path, 0, 0, "cannot create the lock of the output folder: %s", strerror(errno));
            break;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            char holder[256] = "";
            ssize_t n = e == EWOULDBLOCK ? pread(fd, holder, sizeof holder - 1, 0) : -1;
            holder[n > 0 ? n : 0] = '\0';
            holder[strcspn(holder, "\n")] = '\0';
            if (e == EWOULDBLOCK)
                pl_error_set(err, dir, 0, 0, "another run is writing this output folder (%s): nothing written",
                             holder[0] ? holder : "it has not said who it is yet");
            else
                pl_error_set(err, lk->path, 0, 0, "cannot lock the output folder: %s", strerror(e));
            close(fd);
            break;
        }
        /* the run before may have removed the file as this one opened it:
         * the lock holds only on the file that has the name now */
        struct stat held, named;
        if (fstat(fd, &held) != 0 || lstat(lk->path, &named) != 0 || held.st_dev != named.st_dev ||
            held.st_ino != named.st_ino) {
            close(fd);
            continue;
        }
        /* a name anyone who can write dir could have planted: a hard link
         * to another file, or a FIFO, is never truncated or written */
        if (!S_ISREG(held.st_mode) || held.st_nlink != 1) {
            pl_error_set(err, lk->path, 0, 0,
                         "is not a file of its own (a hard link, or not a regular file): the lock is never "
                         "taken through it; remove it");
            flock(fd, LOCK_UN);
            close(fd);
            break;
        }
        char host[128] = "";
        gethostname(host, sizeof host - 1);
        char since[32] = "";
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm))
            strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
        char who[256];
        int len = snprintf(who, sizeof who, "process %ld on %s since %s\n", (long)getpid(), host[0] ? host : "?",
                           since);
        if (ftruncate(fd, 0) != 0 || pwrite(fd, who, (size_t)len, 0) != len) {
            /* who holds it is only for the message of another run */
        }
        lk->fd = fd;
        remember(lk->path);
        remove_leftovers(dir, names);
        return true;
    }
    if (!err->set)
        pl_error_set(err, lk->path, 0, 0, "cannot lock the output folder: it keeps changing");
    free(lk->path);
    lk->path = NULL;
    return false;
}

void outfile_unlock(struct outfile_lock *lk)
{
    if (lk->fd >= 0) {
        /* removed while still held: a run that opens it now finds it gone
         * once it has the lock, and makes a new one */
        unlink(lk->path);
        forget(lk->path);
        close(lk->fd);
    }
    lk->fd = -1;
    free(lk->path);
    lk->path = NULL;
}

/* ------------------------------------------------------------ the commit */

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

/* A name to move path aside to: ".NAME.tmp-XXXXXXXXXXXX.old" beside it,
 * so that the next run removes it if this one is killed. */
static char *aside_name(const struct outfile *o)
{
    if (o->tmp_path)
        return xasprintf("%s.old", o->tmp_path);
    const char *slash = strrchr(o->path, '/');
    size_t dl = slash ? (size_t)(slash - o->path) + 1 : 0;
    char suffix[13];
    random_suffix(suffix);
    return xasprintf("%.*s.%s.tmp-%s.old", (int)dl, o->path, o->path + dl, suffix);
}

static bool commit(struct outfile *files, size_t n, struct pl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (files[i].path && !files[i].folder && lstat(files[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            pl_error_set(err, files[i].path, 0, 0, "is a folder: the dataset cannot replace it");
            return false;
        }
    }
    char **aside = xcalloc(n, sizeof *aside);
    size_t moved = 0, placed = 0;
    bool ok = true;
    /* move the previous dataset aside: the files replaced, and the ones
     * this run does not write */
    for (; moved < n && ok; moved++) {
        struct stat st;
        if (!files[moved].path || lstat(files[moved].path, &st) != 0)
            continue;
        aside[moved] = aside_name(&files[moved]);
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
            continue; /* not part of this dataset */
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
            remove_path(aside[i]);
        free(aside[i]);
        if (ok) {
            forget(files[i].tmp_path);
            free(files[i].tmp_path);
            files[i].tmp_path = NULL;
        }
    }
    free(aside);
    return ok;
}

bool outfile_commit_all(struct outfile *files, size_t n, struct pl_error *err)
{
    /* a signal now would leave a mix of the two datasets: it waits */
    committing = 1;
    bool ok = commit(files, n, err);
    committing = 0;
    if (deferred)
        die_of(deferred); /* the files not committed are still in temps */
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
    free(o->sink);
    o->sink = NULL;
    if (o->tmp_path)
        remove_path(o->tmp_path);
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
