/* tables: the tables of a document, as cells on a grid (struct doc_table
 * in model.h), whatever they were written as.
 *
 * Two sources feed it. The HTML reader builds a table element by element
 * with a builder (rows, cells with their spans, captions) as it lays out
 * the page's text; a text document is searched for Markdown tables (rows
 * of cells between `|`, an optional `---` delimiter row; or a cell a line,
 * as a web page flattens one: a lone `|` opens each row, each cell a line
 * closed by `|`; or a stream of cells parted by pipes, its rows unmarked,
 * on lines between lone pipes or run on in a line) and for tables in
 * aligned columns (cells separated by a tab or two or more blanks, on two
 * or more consecutive lines with the same number of cells and a figure in
 * a cell after the first), tables whose columns are set with single blanks,
 * and ledgers (a yearbook's rows: a label, then figures to the line's end,
 * under a line naming the columns by year; doc_table.ledger). What the
 * cells mean (headers, units, subjects) is extract's work; this module
 * only knows their places. */
#ifndef PIPELINE_TABLES_H
#define PIPELINE_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* ------------------------------------------------------------ from markup */

/* A table under construction; tables nest (a table in a cell of another is
 * a table of its own). Positions are in the text being laid out. */
struct table_builder;

struct table_builder *tables_builder_new(void);
/* <table> begins at text position at. */
void tables_begin(struct table_builder *b, int32_t at);
/* <tr>: a new row of the innermost open table. */
void tables_row(struct table_builder *b);
/* <td> or <th> (header) begins at at, spanning rowspan rows and colspan
 * columns (values below 1 count as 1); a cell outside a row opens one. */
void tables_cell_begin(struct table_builder *b, int32_t at, int rowspan, int colspan, bool header);
/* The open cell ends at at. */
void tables_cell_end(struct table_builder *b, int32_t at);
/* <caption> of the innermost open table: text [start, end). */
void tables_caption(struct table_builder *b, int32_t start, int32_t end);
/* </table> at at, text the page's text laid out so far (at units at
 * least); a table with no cell is dropped. */
void tables_end(struct table_builder *b, int32_t at, const UChar *text);
/* Whether a table is open. */
bool tables_open(const struct table_builder *b);
/* Hand the finished tables to doc (whose text, offsets and ends are the
 * laid-out text by now): cells trimmed of blanks, byte spans set. Frees b. */
void tables_builder_finish(struct table_builder *b, struct doc *doc);

/* ------------------------------------------------------------ in text */

/* Find Markdown tables and tables in aligned columns in doc->text and add
 * them to doc->tables. A table's caption is the short line just above it,
 * where there is one. marks: the rules' words a cell may say for a figure
 * not given (不适用) and for a change around its figure (減少1.78個百分點). */
struct table_marks_rule;
void tables_find_text(struct doc *doc, const struct table_marks_rule *marks);

/* Is c drawing a box (U+2500 to U+257F: ─ │ ┌ ├ ┼ …), as a table in text
 * may be drawn? */
bool tables_box_char(UChar c);

/* Where to cut doc->text before the line that begins at position at, so
 * as not to cut into a table that the part before the cut may not show
 * whole: into the lines of a table a cell a line (a lone pipe, or a cell
 * closed by a pipe), at the first of those lines, or, where they begin the
 * text, at the row (its lone pipe) that holds at; between a ledger's rows
 * and the line above them that names its columns, at that line (or at its
 * caption). Elsewhere at. */
int32_t tables_cell_lines_cut(const struct doc *doc, int32_t at);

/* After doc->text was edited (lines joined), find every span again from
 * its byte span. */
void tables_relocate(struct doc *doc);

/* Must the break after the line that begins at line_start, before the line
 * that begins at next_line, stay? It must in a table (or its caption) and
 * before one: no line is joined to a table's. */
bool tables_keep_break(const struct doc *doc, int32_t line_start, int32_t next_line);

#endif
