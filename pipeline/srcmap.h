/* srcmap: byte offsets of a source file to 1-based line and column.
 *
 * Built once per file (a table of line starts); lookups are a binary
 * search. Columns count characters (UTF-8 sequences), not bytes. */
#ifndef PIPELINE_SRCMAP_H
#define PIPELINE_SRCMAP_H

#include <stddef.h>

struct srcmap {
    const unsigned char *bytes;
    size_t nbytes;                 /* the end of the window */
    size_t *line_starts;           /* line_starts[0] is where the window begins */
    size_t nlines;
    int first_line, first_column;  /* where the window begins */
    /* the last answer: lookups in order along one line go on from it, so
     * a megabyte line with many claims is counted once */
    size_t last_line, last_at;
    int last_column;
};

/* Index bytes (not copied: they must outlive the map). Free with srcmap_free. */
void srcmap_init(struct srcmap *m, const unsigned char *bytes, size_t nbytes);
/* As srcmap_init, for the window bytes[from, to) alone, whose first byte
 * is at `line` and `column` of the file: building and using the map costs
 * what the window holds (a feed's item is counted within the item). */
void srcmap_init_window(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                        int column);
/* The line and column of byte offset `at` (clamped to the file or window). */
void srcmap_locate(struct srcmap *m, size_t at, int *line, int *column);
void srcmap_free(struct srcmap *m);

#endif
