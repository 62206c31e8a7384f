/* srcmap: byte offsets of a source file to 1-based line and column.
 *
 * Built once per file (a table of line starts); lookups are a binary
 * search. Columns count characters (UTF-8 sequences), not bytes. */
#ifndef PIPELINE_SRCMAP_H
#define PIPELINE_SRCMAP_H

#include <stddef.h>

struct srcmap {
    const unsigned char *bytes;
    size_t nbytes;
    size_t *line_starts;
    size_t nlines;
    /* the last answer: lookups in order along one line go on from it, so
     * a megabyte line with many claims is counted once */
    size_t last_line, last_at;
    int last_column;
};

/* Index bytes (not copied: they must outlive the map). Free with srcmap_free. */
void srcmap_init(struct srcmap *m, const unsigned char *bytes, size_t nbytes);
/* The line and column of byte offset `at` (clamped to the file). */
void srcmap_locate(struct srcmap *m, size_t at, int *line, int *column);
void srcmap_free(struct srcmap *m);

#endif
