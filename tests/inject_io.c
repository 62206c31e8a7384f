/* inject_io: an LD_PRELOAD library that makes file system calls fail on
 * demand, for tests/hostile.sh (in the manner of jq's inject_errors.c).
 *
 *   cc -shared -fPIC -o inject_io.so tests/inject_io.c -ldl
 *   INJECT_IO_FAIL=MODE INJECT_IO_PATH=TEXT [INJECT_IO_AFTER=N] \
 *       LD_PRELOAD=./inject_io.so build/pipeline ...
 *
 * Only calls on a path that contains TEXT are touched (every path when
 * INJECT_IO_PATH is unset or empty). MODE is one of:
 *
 *   enospc  a full disk: writes to files opened for writing (a stream of
 *           fopen, fopen64; a descriptor of open, open64, openat, written
 *           with write) succeed for the first N bytes written to all such
 *           files together, then fail with ENOSPC (the write that crosses
 *           the limit is partial, as the kernel's). fileno() of such a
 *           stream is the real descriptor, so fsync() works on it.
 *   erofs   a read-only file system: opening for writing (fopen, fopen64,
 *           open, open64, openat, creat), rename, unlink, rmdir and mkdir
 *           (of a path that does not exist yet) fail with EROFS.
 *   rename  the rename() after the first N matching ones fails with EIO,
 *           once: the ones before and after it succeed (so that a
 *           program's undo can be checked).
 *   vanish  a file removed between discovery and reading: opening it for
 *           reading first unlinks it, so the open fails with ENOENT.
 *   eio     a failing disk: a file opened for reading (fopen, fopen64,
 *           open, open64, openat) gives its first N bytes, then reads fail
 *           with EIO.
 *   slow    a slow commit: every matching rename() waits N milliseconds
 *           first (logged before it waits, so that a test can send a
 *           signal or start another run meanwhile).
 *   plant   an attacker who wins the race: the first file created on a
 *           matching path (fopen for writing, open with O_CREAT) is made,
 *           just before, a symbolic link to INJECT_IO_VICTIM.
 *
 * N is INJECT_IO_AFTER (default 0). Every injected failure is counted; when
 * INJECT_IO_LOG names a file, a line "MODE CALL PATH" is appended to it for
 * each one, so that a test can tell that the failure was injected at all.
 *
 * Streams are intercepted at fopen: glibc's stdio writes through internal
 * calls that no preloaded write() would see. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum mode { NONE, ENOSPC_MODE, EROFS_MODE, RENAME_MODE, VANISH_MODE, EIO_MODE, SLOW_MODE, PLANT_MODE };

static enum mode mode(void)
{
    const char *m = getenv("INJECT_IO_FAIL");
    if (!m)
        return NONE;
    if (!strcmp(m, "enospc"))
        return ENOSPC_MODE;
    if (!strcmp(m, "erofs"))
        return EROFS_MODE;
    if (!strcmp(m, "rename"))
        return RENAME_MODE;
    if (!strcmp(m, "vanish"))
        return VANISH_MODE;
    if (!strcmp(m, "eio"))
        return EIO_MODE;
    if (!strcmp(m, "slow"))
        return SLOW_MODE;
    if (!strcmp(m, "plant"))
        return PLANT_MODE;
    return NONE;
}

static long long after(void)
{
    const char *a = getenv("INJECT_IO_AFTER");
    return a && *a ? atoll(a) : 0;
}

static int matches(const char *path)
{
    const char *p = getenv("INJECT_IO_PATH");
    return path && (!p || !*p || strstr(path, p));
}

static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) {
        fprintf(stderr, "inject_io: no %s\n", name);
        abort();
    }
    return f;
}

/* log what was injected; the caller's errno is kept */
static void injected(const char *call, const char *path)
{
    const char *log = getenv("INJECT_IO_LOG");
    if (!log || !*log)
        return;
    int e = errno;
    int (*real_open)(const char *, int, ...) = real("open");
    int fd = real_open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        char line[4096];
        int n = snprintf(line, sizeof line, "%s %s %s\n", getenv("INJECT_IO_FAIL"), call, path);
        if (n > 0) {
            ssize_t w = write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
            (void)w;
        }
        close(fd);
    }
    errno = e;
}

static int for_writing(const char *m)
{
    return m && (strchr(m, 'w') || strchr(m, 'a') || strchr(m, '+'));
}

static int flags_write(int flags)
{
    return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
}

/* ------------------------------------------------------------ streams */

struct cookie {
    int fd;
    FILE *stream;
    char *path;
    long long pos; /* bytes read so far (eio) */
};

enum { MAX_STREAMS = 256 };
static struct cookie *streams[MAX_STREAMS];
static long long written; /* enospc: bytes accepted so far, all files */
/* the program may have threads: the table and the counters are shared */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* plant: the first creation on a matching path finds a link there */
static int planted;

static void plant(const char *name, const char *path)
{
    const char *victim = getenv("INJECT_IO_VICTIM");
    if (mode() != PLANT_MODE || !matches(path) || !victim)
        return;
    pthread_mutex_lock(&lock);
    int first = !planted++;
    pthread_mutex_unlock(&lock);
    if (first && symlink(victim, path) == 0)
        injected(name, path);
}

static ssize_t cookie_write(void *c_, const char *buf, size_t size)
{
    struct cookie *c = c_;
    pthread_mutex_lock(&lock);
    long long room = after() - written;
    size_t n = size;
    if (room <= 0) {
        pthread_mutex_unlock(&lock);
        injected("write", c->path);
        errno = ENOSPC;
        return 0;
    }
    if ((long long)n > room)
        n = (size_t)room;
    written += (long long)n; /* reserved; what was not written is given back */
    pthread_mutex_unlock(&lock);
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(c->fd, buf + done, n - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        done += (size_t)w;
    }
    if (done < n) {
        int e = errno;
        pthread_mutex_lock(&lock);
        written -= (long long)(n - done);
        pthread_mutex_unlock(&lock);
        errno = e;
        return (ssize_t)done;
    }
    if (done < size) {
        injected("write", c->path);
        errno = ENOSPC;
    }
    return (ssize_t)done;
}

static ssize_t cookie_read(void *c_, char *buf, size_t size)
{
    struct cookie *c = c_;
    long long room = after() - c->pos;
    if (room <= 0) {
        injected("read", c->path);
        errno = EIO;
        return -1;
    }
    if ((long long)size > room)
        size = (size_t)room;
    ssize_t r;
    do
        r = read(c->fd, buf, size);
    while (r < 0 && errno == EINTR);
    if (r > 0)
        c->pos += r;
    return r;
}

static int cookie_close(void *c_)
{
    struct cookie *c = c_;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i] == c)
            streams[i] = NULL;
    pthread_mutex_unlock(&lock);
    int r = close(c->fd);
    free(c->path);
    free(c);
    return r;
}

/* a stream over path whose reads or writes fail as the mode says */
static FILE *cookie_stream(const char *path, int flags, const char *m)
{
    int (*real_open)(const char *, int, ...) = real("open");
    int fd = real_open(path, flags | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    struct cookie *c = calloc(1, sizeof *c);
    if (!c) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    c->fd = fd;
    c->path = strdup(path);
    cookie_io_functions_t io = {.read = cookie_read, .write = cookie_write, .close = cookie_close};
    FILE *f = fopencookie(c, m, io);
    if (!f) {
        int e = errno;
        close(fd);
        free(c->path);
        free(c);
        errno = e;
        return NULL;
    }
    c->stream = f;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_STREAMS; i++) {
        if (!streams[i]) {
            streams[i] = c;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return f;
}

static FILE *open_stream(const char *name, const char *path, const char *m)
{
    FILE *(*real_fopen)(const char *, const char *) = real(name);
    enum mode md = mode();
    if (md == NONE || !matches(path))
        return real_fopen(path, m);
    if (for_writing(m))
        plant(name, path);
    if (for_writing(m)) {
        if (md == EROFS_MODE) {
            injected(name, path);
            errno = EROFS;
            return NULL;
        }
        if (md == ENOSPC_MODE) {
            int flags = strchr(m, '+') ? O_RDWR : O_WRONLY;
            flags |= strchr(m, 'a') ? O_CREAT | O_APPEND : O_CREAT | O_TRUNC;
            if (strchr(m, 'x'))
                flags |= O_EXCL;
            return cookie_stream(path, flags, m);
        }
    } else {
        if (md == VANISH_MODE) {
            injected(name, path);
            unlink(path);
        } else if (md == EIO_MODE) {
            return cookie_stream(path, O_RDONLY, m);
        }
    }
    return real_fopen(path, m);
}

FILE *fopen(const char *path, const char *m)
{
    return open_stream("fopen", path, m);
}

FILE *fopen64(const char *path, const char *m)
{
    return open_stream("fopen64", path, m);
}

int fileno(FILE *f)
{
    int fd = -1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_STREAMS && fd < 0; i++)
        if (streams[i] && streams[i]->stream == f)
            fd = streams[i]->fd;
    pthread_mutex_unlock(&lock);
    if (fd >= 0)
        return fd;
    int (*real_fileno)(FILE *) = real("fileno");
    return real_fileno(f);
}

/* ------------------------------------------------------------ descriptors */

/* enospc: the descriptors opened for writing on a matching path, by their
 * number: their writes count against the limit; eio: those opened for
 * reading, and the bytes read from each */
enum { MAX_FDS = 4096 };
static char *written_fds[MAX_FDS];
static char *read_fds[MAX_FDS];
static long long read_pos[MAX_FDS];

static void track(int fd, const char *path, int flags)
{
    if (fd < 0 || fd >= MAX_FDS || !matches(path))
        return;
    char **fds = mode() == ENOSPC_MODE && flags_write(flags) ? written_fds
                 : mode() == EIO_MODE && !flags_write(flags) ? read_fds
                                                              : NULL;
    if (!fds)
        return;
    char *p = strdup(path);
    pthread_mutex_lock(&lock);
    free(fds[fd]);
    fds[fd] = p;
    read_pos[fd] = 0;
    pthread_mutex_unlock(&lock);
}

ssize_t read(int fd, void *buf, size_t size)
{
    ssize_t (*real_read)(int, void *, size_t) = real("read");
    if (fd < 0 || fd >= MAX_FDS || !read_fds[fd])
        return real_read(fd, buf, size);
    long long room = after() - read_pos[fd];
    if (room <= 0) {
        injected("read", read_fds[fd]);
        errno = EIO;
        return -1;
    }
    if ((long long)size > room)
        size = (size_t)room;
    ssize_t r = real_read(fd, buf, size);
    if (r > 0)
        read_pos[fd] += r;
    return r;
}

ssize_t write(int fd, const void *buf, size_t size)
{
    ssize_t (*real_write)(int, const void *, size_t) = real("write");
    if (fd < 0 || fd >= MAX_FDS || !written_fds[fd])
        return real_write(fd, buf, size);
    pthread_mutex_lock(&lock);
    long long room = after() - written;
    size_t n = size;
    if (room > 0 && (long long)n > room)
        n = (size_t)room;
    if (room > 0)
        written += (long long)n; /* reserved; what was not written is given back */
    pthread_mutex_unlock(&lock);
    if (room <= 0) {
        injected("write", written_fds[fd]);
        errno = ENOSPC;
        return -1;
    }
    ssize_t w = real_write(fd, buf, n);
    if (w < (ssize_t)n) {
        int e = errno;
        pthread_mutex_lock(&lock);
        written -= (long long)n - (w > 0 ? w : 0);
        pthread_mutex_unlock(&lock);
        errno = e;
    }
    return w;
}

int close(int fd)
{
    if (fd >= 0 && fd < MAX_FDS && (written_fds[fd] || read_fds[fd])) {
        pthread_mutex_lock(&lock);
        free(written_fds[fd]);
        written_fds[fd] = NULL;
        free(read_fds[fd]);
        read_fds[fd] = NULL;
        pthread_mutex_unlock(&lock);
    }
    int (*real_close)(int) = real("close");
    return real_close(fd);
}

static int refuse_open(const char *name, const char *path, int flags)
{
    if (flags & O_CREAT)
        plant(name, path);
    enum mode md = mode();
    if (md == NONE || !matches(path))
        return 0;
    if (md == EROFS_MODE && flags_write(flags)) {
        injected(name, path);
        errno = EROFS;
        return 1;
    }
    if (md == VANISH_MODE && !flags_write(flags)) {
        injected(name, path);
        unlink(path);
    }
    return 0;
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t md = mode_arg(flags, ap);
    va_end(ap);
    if (refuse_open("open", path, flags))
        return -1;
    int (*f)(const char *, int, ...) = real("open");
    int fd = f(path, flags, md);
    track(fd, path, flags);
    return fd;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t md = mode_arg(flags, ap);
    va_end(ap);
    if (refuse_open("open64", path, flags))
        return -1;
    int (*f)(const char *, int, ...) = real("open64");
    int fd = f(path, flags, md);
    track(fd, path, flags);
    return fd;
}

int openat(int dir, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t md = mode_arg(flags, ap);
    va_end(ap);
    if (refuse_open("openat", path, flags))
        return -1;
    int (*f)(int, const char *, int, ...) = real("openat");
    int fd = f(dir, path, flags, md);
    track(fd, path, flags);
    return fd;
}

int creat(const char *path, mode_t md)
{
    if (refuse_open("creat", path, O_CREAT | O_WRONLY | O_TRUNC))
        return -1;
    int (*f)(const char *, mode_t) = real("creat");
    return f(path, md);
}

/* ------------------------------------------------------------ names */

static long long renames; /* matching renames so far */

int rename(const char *from, const char *to)
{
    int (*f)(const char *, const char *) = real("rename");
    enum mode md = mode();
    if (md == SLOW_MODE && (matches(from) || matches(to))) {
        injected("rename", from);
        struct timespec t = {after() / 1000, after() % 1000 * 1000000};
        while (nanosleep(&t, &t) != 0 && errno == EINTR) {
        }
    }
    if ((md == EROFS_MODE || md == RENAME_MODE) && (matches(from) || matches(to))) {
        if (md == EROFS_MODE) {
            injected("rename", from);
            errno = EROFS;
            return -1;
        }
        pthread_mutex_lock(&lock);
        int fail_now = renames++ == after();
        pthread_mutex_unlock(&lock);
        if (fail_now) {
            injected("rename", from);
            errno = EIO;
            return -1;
        }
    }
    return f(from, to);
}

int unlink(const char *path)
{
    if (mode() == EROFS_MODE && matches(path)) {
        injected("unlink", path);
        errno = EROFS;
        return -1;
    }
    int (*f)(const char *) = real("unlink");
    return f(path);
}

int rmdir(const char *path)
{
    if (mode() == EROFS_MODE && matches(path)) {
        injected("rmdir", path);
        errno = EROFS;
        return -1;
    }
    int (*f)(const char *) = real("rmdir");
    return f(path);
}

int mkdir(const char *path, mode_t md)
{
    struct stat st;
    /* an existing name gives EEXIST first, as the kernel does */
    if (mode() == EROFS_MODE && matches(path) && lstat(path, &st) != 0) {
        injected("mkdir", path);
        errno = EROFS;
        return -1;
    }
    int (*f)(const char *, mode_t) = real("mkdir");
    return f(path, md);
}
