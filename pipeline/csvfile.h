/* csvfile: a whole CSV file as rows of fields, read with libcsv (a
 * byte-order mark at the start is skipped, as spreadsheets write one).
 * For the small files the pipeline reads back: reviews, a run's claims. */
#ifndef PIPELINE_CSVFILE_H
#define PIPELINE_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct csvfile {
    char ***rows;       /* rows[i][j]: field j of row i, NUL-terminated */
    size_t *widths;     /* fields in row i */
    int *lines;         /* the line of the file where row i begins (1-based) */
    int line;           /* the line being read */
    int row_line;       /* where the row being read began; 0 before its first field */
    size_t n, cap;
    char **row;         /* the row being read */
    size_t width;
};

/* Read path into t (zeroed by the caller). False (err: the row, libcsv's
 * reason) when it cannot be read or is not strict CSV. */
bool csvfile_read(const char *path, struct csvfile *t, struct pl_error *err);
/* The same for the UTF-8 text data[0, n) (no BOM), its fields separated
 * by delim (',' ';' or '\t'); path names it in err. */
bool csvfile_parse(const char *path, const char *data, size_t n, char delim, struct csvfile *t, struct pl_error *err);
void csvfile_free(struct csvfile *t);

#endif
