/* discover: the input paths into a sorted list of documents.
 *
 * A folder is walked recursively; hidden files and folders (name starting
 * with '.') are skipped, symbolic links to folders already being walked are
 * not followed twice. A document's name is its path relative to the folder
 * given (a single file's name is its base name). */
#ifndef PIPELINE_DISCOVER_H
#define PIPELINE_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct input_file {
    char *name;   /* as written in the output */
    char *path;   /* where to read it */
};

struct input_list {
    struct input_file *files;
    size_t n, cap;
};

/* Append the files of paths[0..n) to list, then sort the list by name.
 * False (err set) if a path does not exist or a folder cannot be read. */
bool discover(const char *const *paths, size_t n, struct input_list *list, struct pl_error *err);
void input_list_free(struct input_list *list);

#endif
