/* outfile: temporary file + rename, so that readers never see half a file. */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

bool outfile_open(struct outfile *o, const char *dir, const char *name, struct pl_error *err)
{
    o->path = xasprintf("%s/%s", dir, name);
    o->tmp_path = xasprintf("%s/.%s.tmp-%ld", dir, name, (long)getpid());
    o->f = fopen(o->tmp_path, "wb");
    if (!o->f) {
        pl_error_set(err, o->tmp_path, 0, 0, "cannot create: %s", strerror(errno));
        outfile_discard(o);
        return false;
    }
    return true;
}

bool outfile_close(struct outfile *o, struct pl_error *err)
{
    if (!o->f)
        return true;
    bool ok = !ferror(o->f) && fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
    int e = errno;
    if (fclose(o->f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    o->f = NULL;
    if (!ok)
        pl_error_set(err, o->tmp_path, 0, 0, "cannot write: %s", strerror(e ? e : EIO));
    return ok;
}

bool outfile_commit(struct outfile *o, struct pl_error *err)
{
    if (rename(o->tmp_path, o->path) != 0) {
        pl_error_set(err, o->path, 0, 0, "cannot rename the finished file into place: %s",
                     strerror(errno));
        return false;
    }
    free(o->tmp_path);
    o->tmp_path = NULL;
    free(o->path);
    o->path = NULL;
    return true;
}

void outfile_discard(struct outfile *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp_path)
        unlink(o->tmp_path);
    free(o->tmp_path);
    free(o->path);
    o->tmp_path = o->path = NULL;
}

bool outfile_make_dir(const char *dir, struct pl_error *err)
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
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
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
    return ok;
}
