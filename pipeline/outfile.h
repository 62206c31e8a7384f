/* outfile: output files that appear whole or not at all, in a folder that
 * one run writes at a time.
 *
 * A run locks its output folder (outfile_lock), writes each file under an
 * unpredictable temporary name (".NAME.tmp-XXXXXXXX", created afresh: a
 * name planted beforehand, a symbolic link above all, is never followed or
 * reused) and renames the files over their final names together
 * (outfile_commit_all) once every file of the dataset was written
 * completely; the dataset's names this run does not write are removed in
 * the same commit. A failed run leaves the previous dataset as it was; so
 * does SIGINT, SIGTERM or SIGHUP, which during a commit waits for it to end.
 * Temporary files of a run killed outright are removed by the next run
 * into the folder, and where it was killed inside a commit, the previous
 * files it had moved aside are put back. */
#ifndef PIPELINE_OUTFILE_H
#define PIPELINE_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

struct outfile_sink;

struct outfile {
    char *path;       /* the final name */
    char *tmp_path;   /* NULL: not written by this run (removed at commit) */
    FILE *f;
    char *buffer;     /* f's */
    struct outfile_sink *sink; /* f's descriptor and its first write error */
    bool folder;      /* a folder of files (outfile_open_folder), f unused */
};

/* Remove the temporary files open now when the process is interrupted
 * (SIGINT, SIGTERM, SIGHUP), then die of the signal as before; a signal
 * that comes during outfile_commit_all does so once the commit is done or
 * undone. */
void outfile_clean_on_signals(void);

/* Whether outfile_close syncs a file to disk before it is renamed, and
 * outfile_commit_all the folder after (off until set). Either way a run
 * that fails, is interrupted or killed leaves no file half written;
 * synced, the dataset also survives a power cut (or a crash of the
 * system) whole, and the run lasts as long as the disk takes to write it. */
void outfile_sync_on_close(bool on);

/* The lock of an output folder: one run writes it at a time. */
struct outfile_lock {
    int fd;           /* -1: not held */
    char *path;
};

/* Lock dir (which must exist) for this run, through the file
 * dir/.pipeline.lock (flock), which says who holds it. False (err names
 * the holder: process, host, since when) when another run holds it, or
 * when the lock file is a hard link or not a regular file: this run
 * writes nothing. Once locked, what a run killed outright left of the
 * names names[] (NULL-terminated) is cleared: its temporary files
 * removed, and the previous files of a commit it did not end put back. */
bool outfile_lock(struct outfile_lock *lk, const char *dir, const char *const *names, struct pl_error *err);
/* Remove the lock file and release the lock (nothing when not held). */
void outfile_unlock(struct outfile_lock *lk);

/* Create the temporary file for dir/name. False (err set) on failure. */
bool outfile_open(struct outfile *o, const char *dir, const char *name, struct pl_error *err);
/* Create the temporary folder for dir/name, a folder of files that is
 * committed whole like a file: the caller writes into o->tmp_path. A
 * folder replaced, or one left by a run killed outright, is removed with
 * all it holds (links inside it are removed, never followed). False (err
 * set) on failure. */
bool outfile_open_folder(struct outfile *o, const char *dir, const char *name, struct pl_error *err);
/* Mark dir/name as a file of the dataset that this run does not write:
 * outfile_commit_all removes it where an earlier run left it. */
void outfile_absent(struct outfile *o, const char *dir, const char *name);
/* Give the stream f, opened and not yet used, a buffer of
 * OUTFILE_BUFFER_BYTES, so that writes reach the system in pieces that
 * large (or a document's rows at a time, where emit flushes); the buffer
 * is returned, to be freed once f is closed. */
enum { OUTFILE_BUFFER_BYTES = 256 * 1024 };
char *outfile_buffer(FILE *f);
/* Flush what was written so far. False (err: the file and the reason of
 * the first write that failed, such as "No space left on device") when a
 * write failed. */
bool outfile_check(struct outfile *o, struct pl_error *err);
/* When files are synced on close: have what was written so far go to
 * disk, without waiting for it (where the system can: Linux's
 * sync_file_range), so that the sync of outfile_close finds little left
 * to do. */
void outfile_write_behind(struct outfile *o);
/* A scratch file: an unnamed file in TMPDIR (else /tmp), gone when
 * closed or when the process ends, written and then read back (rewind,
 * fread) through o->f. Its writes and reads go through o's sink, which
 * keeps the reason of the first that failed. False (err says why) when it
 * cannot be made. Free with outfile_discard. */
bool outfile_scratch(struct outfile *o, struct pl_error *err);
/* Flush the scratch file o. False (err: "cannot write the scratch file
 * of WHAT: " and the reason, such as "No space left on device") when a
 * write to it failed. */
bool outfile_scratch_check(struct outfile *o, const char *what, struct pl_error *err);
/* The reason of the first write or read of o that failed (EIO when none
 * was kept), for messages. */
int outfile_error(const struct outfile *o);
/* Flush, sync (if set) and close the temporary file, checking every write. */
bool outfile_close(struct outfile *o, struct pl_error *err);
/* Rename the closed temporary files files[0..n) to their final names and
 * remove the names marked absent, all or none: the files they replace are
 * first moved aside, and put back if any rename fails. Entries never
 * opened (all zero) are passed over. */
bool outfile_commit_all(struct outfile *files, size_t n, struct pl_error *err);
/* Close (if open) and remove the temporary file; frees the names. */
void outfile_discard(struct outfile *o);
/* The folders a run created, newest last, so that a failed run can take
 * them away again. */
struct made_dirs {
    char **paths;
    size_t n;
};

/* Create dir and its parents as needed, recording each one created in
 * made. On failure (err set) the ones it created are removed again. */
bool outfile_make_dir(const char *dir, struct made_dirs *made, struct pl_error *err);
/* Remove the recorded folders, newest first, where they are empty; then
 * forget them. */
void outfile_unmake_dirs(struct made_dirs *made);
/* Forget the recorded folders, keeping them. */
void outfile_keep_dirs(struct made_dirs *made);

#endif
