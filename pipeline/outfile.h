/* outfile: output files that appear whole or not at all.
 *
 * Each file is written under a temporary name in the output folder
 * (".NAME.tmp-PID") and renamed over NAME by outfile_commit_all once every
 * file of the dataset was written completely; outfile_discard removes a
 * temporary file. A failed run leaves the previous dataset as it was. */
#ifndef PIPELINE_OUTFILE_H
#define PIPELINE_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

struct outfile {
    char *path;       /* the final name */
    char *tmp_path;
    FILE *f;
    char *buffer;     /* f's */
};

/* Remove the temporary files open now when the process is interrupted
 * (SIGINT, SIGTERM, SIGHUP), then die of the signal as before. */
void outfile_clean_on_signals(void);

/* Whether outfile_close syncs a file to disk before it is renamed, and
 * outfile_commit_all the folder after (off until set). Either way a run
 * that fails, is interrupted or killed leaves no file half written;
 * synced, the dataset also survives a power cut (or a crash of the
 * system) whole, and the run lasts as long as the disk takes to write it. */
void outfile_sync_on_close(bool on);

/* Create the temporary file for dir/name. False (err set) on failure. */
bool outfile_open(struct outfile *o, const char *dir, const char *name, struct pl_error *err);
/* Give the stream f, opened and not yet used, a buffer of
 * OUTFILE_BUFFER_BYTES, so that writes reach the system in pieces that
 * large (or a document's rows at a time, where emit flushes); the buffer
 * is returned, to be freed once f is closed. */
enum { OUTFILE_BUFFER_BYTES = 256 * 1024 };
char *outfile_buffer(FILE *f);
/* When files are synced on close: have what was written so far go to
 * disk, without waiting for it (where the system can: Linux's
 * sync_file_range), so that the sync of outfile_close finds little left
 * to do. */
void outfile_write_behind(struct outfile *o);
/* Flush, sync (if set) and close the temporary file, checking every write. */
bool outfile_close(struct outfile *o, struct pl_error *err);
/* Rename the closed temporary files files[0..n) to their final names, all
 * or none: the files they replace are first moved aside, and put back if
 * any rename fails. Entries never opened (all zero) are passed over. */
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
