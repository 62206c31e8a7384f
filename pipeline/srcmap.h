/* srcmap: byte offsets of a source file to 1-based line and column.
 *
 * Built once per file (a table of line starts); lookups are a binary
 * search. Lines end at U+000A and columns count characters (code points),
 * both in the file's charset: UTF-8 unless told otherwise, so that a byte
 * 0x0A inside a UTF-16 character is no line end and a double-byte
 * character is one column. A byte-order mark is not a character of the
 * first line. */
#ifndef PIPELINE_SRCMAP_H
#define PIPELINE_SRCMAP_H

#include <stdbool.h>
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
    struct UConverter *cv;         /* the charset, when not UTF-8 */
};

/* Index bytes, UTF-8 (not copied: they must outlive the map). Free with
 * srcmap_free. */
void srcmap_init(struct srcmap *m, const unsigned char *bytes, size_t nbytes);
/* As srcmap_init, for the window bytes[from, to) alone, whose first byte
 * is at `line` and `column` of the file: building and using the map costs
 * what the window holds (a feed's item is counted within the item). */
void srcmap_init_window(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                        int column);
/* As srcmap_init_window, for bytes in charset (a name ICU knows; NULL or
 * "UTF-8…": UTF-8); one_line: the window is one line whatever it holds
 * (an article of an archive, whose line is the archive's). */
void srcmap_init_charset(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                         int column, const char *charset, bool one_line);
/* The line and column of byte offset `at` (clamped to the file or window). */
void srcmap_locate(struct srcmap *m, size_t at, int *line, int *column);
void srcmap_free(struct srcmap *m);

#endif
