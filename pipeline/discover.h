/* discover: the documents of the input paths, one at a time, in name order.
 *
 * A folder is walked recursively; hidden files and folders (name starting
 * with '.') are skipped, symbolic links to folders already being walked are
 * not followed twice. A document's name is its path relative to the folder
 * given (a single file's name is its base name).
 *
 * The documents come in the order of their names (then paths), across all
 * the paths given, as if the whole list had been sorted. Only the listings
 * of the folders on the way down to the current one are held, never the
 * whole list: memory does not grow with the number of documents. */
#ifndef PIPELINE_DISCOVER_H
#define PIPELINE_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct input_file {
    const char *name;   /* as written in the output */
    const char *path;   /* where to read it */
    const char *error;  /* not NULL: a folder that could not be read, and why */
};

struct discovery;

/* Start on paths[0..n). NULL (err set) if a path does not exist or a
 * folder given cannot be read. */
struct discovery *discover_open(const char *const *paths, size_t n, struct pl_error *err);
/* The next document: true and *f set, its strings valid until the next
 * call; false at the end. A folder below those given that cannot be read
 * (locked, or gone since the walk began) comes as an entry of its own,
 * in its place, with f->error saying why; the walk goes on past it. */
bool discover_next(struct discovery *d, struct input_file *f);
void discover_close(struct discovery *d);

#endif
