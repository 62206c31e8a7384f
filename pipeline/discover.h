/* discover: the documents of the input paths, one at a time, in name order.
 *
 * A folder is walked recursively; hidden files and folders (name starting
 * with '.') are skipped. Each file and folder is met once, by device and
 * inode: a symbolic link to a folder walked already (a loop, a "diamond"
 * of links) is passed over, and a file met again (through a link, or given
 * twice) comes as a note, not a document. The output folder (and any
 * folder given to discover_exclude) is never walked: a note too. A
 * document's name is its path relative to the folder given (a single
 * file's name is its base name); where two inputs have a document of one
 * name, each is told apart by its input after it: "a.txt (d1)". A name is
 * valid UTF-8: a byte that is not is written \xHH, and a backslash before
 * "x", another backslash or such a byte is doubled, so the raw name can be
 * had back (f->path is the raw one).
 *
 * The documents come in the order of their names (then paths), across all
 * the paths given, as if the whole list had been sorted. Only the listings
 * of the folders on the way down to the current one are held, and the
 * device and inode of each file met (under 50 bytes a file), never the whole
 * list of names. */
#ifndef PIPELINE_DISCOVER_H
#define PIPELINE_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct input_file {
    const char *name;   /* as written in the output */
    const char *path;   /* where to read it */
    const char *error;  /* not NULL: a folder that could not be read, and why */
    const char *skip;   /* not NULL: no document, a note of why it is passed over */
};

struct discovery;

/* Start on paths[0..n), never reading out_dir (NULL: none). NULL (err
 * set) if a path does not exist or a folder given cannot be read. */
struct discovery *discover_open(const char *const *paths, size_t n, const char *out_dir,
                                struct pl_error *err);
/* Never walk folder (one the run has made since it began): the folders
 * met from now on are checked against it. */
void discover_exclude(struct discovery *d, const char *folder);
/* The next document: true and *f set, its strings valid until the next
 * call; false at the end. A folder below those given that cannot be read
 * (locked, or gone since the walk began) comes as an entry of its own,
 * in its place, with f->error saying why; the walk goes on past it. */
bool discover_next(struct discovery *d, struct input_file *f);
void discover_close(struct discovery *d);

#endif
