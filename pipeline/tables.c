/* tables: cells on a grid, from the markup reader or found in plain text.
 *
 * The grid places a cell at the first column of its row that no cell from
 * a row above still covers (rowspan), as a browser lays out a table. */
#include "tables.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "numbers.h"
#include "rules.h"
#include "xalloc.h"

/* ------------------------------------------------------------ the grid */

struct open_table {
    struct doc_table t;
    size_t cap;
    int row;                       /* the current row, -1 before the first */
    int col;                       /* the next column to try in it */
    int *busy;                     /* busy[c]: the first row column c is free again */
    int nbusy;
    int open_cell;                 /* index of the open cell, or -1 */
    struct nested *nested;         /* tables inside its cells */
    size_t nnested;
};

/* A table inside a cell of another (a page's layout: 东北 | a table of
 * its provinces' rows). */
struct nested {
    int cell;                      /* the cell of the outer table that holds it */
    struct doc_table t;
};

enum { TABLE_DEPTH_MAX = 16 };

struct table_builder {
    struct open_table stack[TABLE_DEPTH_MAX];
    int depth;                     /* open tables; deeper ones are ignored */
    int ignored;                   /* tables opened past TABLE_DEPTH_MAX */
    struct doc_table *done;
    size_t ndone, cap;
};

struct table_builder *tables_builder_new(void)
{
    return xcalloc(1, sizeof(struct table_builder));
}

bool tables_open(const struct table_builder *b)
{
    return b->depth > 0;
}

static void table_add_done(struct doc_table **arr, size_t *n, size_t *cap, const struct doc_table *t)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        *arr = xrealloc(*arr, *cap * sizeof **arr);
    }
    (*arr)[(*n)++] = *t;
}

void tables_begin(struct table_builder *b, int32_t at)
{
    if (b->depth == TABLE_DEPTH_MAX) {
        b->ignored++;
        return;
    }
    struct open_table *o = &b->stack[b->depth++];
    memset(o, 0, sizeof *o);
    o->row = -1;
    o->open_cell = -1;
    o->t.start = o->t.end = at;
}

void tables_row(struct table_builder *b)
{
    if (!b->depth || b->ignored)
        return;
    struct open_table *o = &b->stack[b->depth - 1];
    o->row++;
    o->col = 0;
}

static void mark_busy(struct open_table *o, int col, int until)
{
    if (col >= o->nbusy) {
        int n = col + 8;
        o->busy = xrealloc(o->busy, (size_t)n * sizeof *o->busy);
        memset(o->busy + o->nbusy, 0, (size_t)(n - o->nbusy) * sizeof *o->busy);
        o->nbusy = n;
    }
    o->busy[col] = until;
}

/* Spans beyond these are taken as written wrong: a browser caps them too.
 * Cells past COLS_MAX columns are left out, so that spans cannot make the
 * grid (and its bookkeeping) grow beyond the cells written. */
enum { SPAN_MAX = 1000, COLS_MAX = 4096 };

void tables_cell_begin(struct table_builder *b, int32_t at, int rowspan, int colspan, bool header)
{
    if (!b->depth || b->ignored)
        return;
    struct open_table *o = &b->stack[b->depth - 1];
    if (o->row < 0)
        tables_row(b);
    rowspan = rowspan < 1 ? 1 : rowspan > SPAN_MAX ? SPAN_MAX : rowspan;
    colspan = colspan < 1 ? 1 : colspan > SPAN_MAX ? SPAN_MAX : colspan;
    while (o->col < o->nbusy && o->busy[o->col] > o->row)
        o->col++;
    if (o->col + colspan > COLS_MAX) {
        o->open_cell = -1;
        return;
    }
    if (o->t.ncells == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->t.cells = xrealloc(o->t.cells, o->cap * sizeof *o->t.cells);
    }
    struct table_cell *c = &o->t.cells[o->t.ncells];
    *c = (struct table_cell){.start = at, .end = at, .row = o->row, .col = o->col,
                             .rowspan = rowspan, .colspan = colspan, .header = header};
    o->open_cell = (int)o->t.ncells++;
    for (int k = 0; k < colspan; k++)
        mark_busy(o, o->col + k, o->row + rowspan);
    o->col += colspan;
    if (o->col > o->t.ncols)
        o->t.ncols = o->col;
    if (o->row + rowspan > o->t.nrows)
        o->t.nrows = o->row + rowspan;
}

void tables_cell_end(struct table_builder *b, int32_t at)
{
    if (!b->depth || b->ignored)
        return;
    struct open_table *o = &b->stack[b->depth - 1];
    if (o->open_cell >= 0)
        o->t.cells[o->open_cell].end = at;
    o->open_cell = -1;
}

void tables_caption(struct table_builder *b, int32_t start, int32_t end)
{
    if (!b->depth || b->ignored)
        return;
    struct open_table *o = &b->stack[b->depth - 1];
    o->t.caption_start = start;
    o->t.caption_end = end;
}


static bool is_blank(UChar c)
{
    /* Unicode's White_Space holds no character above U+3000, and these
     * of ASCII: most text is answered without asking ICU */
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D);
    if (c > 0x3000)
        return false;
    return u_isUWhiteSpace(c) || c == 0xA0 || c == 0x3000;
}

static size_t byte_at(const struct doc *doc, int32_t pos)
{
    return (size_t)doc->offsets[pos];
}

/* Trim a span of blanks and give it its byte span. */
static void settle(const struct doc *doc, int32_t *start, int32_t *end, size_t *bs, size_t *be)
{
    if (*end > doc->len)
        *end = doc->len;
    if (*start > *end)
        *start = *end;
    while (*start < *end && is_blank(doc->text[*start]))
        (*start)++;
    while (*end > *start && is_blank(doc->text[*end - 1]))
        (*end)--;
    *bs = byte_at(doc, *start);
    *be = *end > *start ? byte_at(doc, *end) : *bs;
}

static void settle_table(const struct doc *doc, struct doc_table *t)
{
    for (size_t i = 0; i < t->ncells; i++) {
        struct table_cell *c = &t->cells[i];
        settle(doc, &c->start, &c->end, &c->byte_start, &c->byte_end);
    }
    settle(doc, &t->start, &t->end, &t->byte_start, &t->byte_end);
    settle(doc, &t->caption_start, &t->caption_end, &t->caption_byte_start, &t->caption_byte_end);
}

static void doc_add_table(struct doc *doc, struct doc_table *t)
{
    settle_table(doc, t);
    size_t cap = doc->ntables;
    table_add_done(&doc->tables, &doc->ntables, &cap, t);
}

void tables_builder_finish(struct table_builder *b, struct doc *doc)
{
    while (b->depth) /* a page that never closed its tables */
        tables_end(b, doc->len, doc->text);
    /* inner tables end first: put them in text order */
    for (size_t i = 1; i < b->ndone; i++)
        for (size_t j = i; j > 0 && b->done[j].start < b->done[j - 1].start; j--) {
            struct doc_table t = b->done[j];
            b->done[j] = b->done[j - 1];
            b->done[j - 1] = t;
        }
    for (size_t i = 0; i < b->ndone; i++)
        doc_add_table(doc, &b->done[i]);
    free(b->done);
    free(b);
}

/* ------------------------------------------------------------ in text */

struct line {
    int32_t start, end;            /* without the line break */
};

/* A horizontal line of box drawing (─ ━ ═ and their dashed forms): a
 * rule's dash. */
static bool box_rule(UChar c)
{
    return c == 0x2500 || c == 0x2501 || c == 0x2504 || c == 0x2505 || c == 0x2508 || c == 0x2509 || c == 0x254C ||
           c == 0x254D || c == 0x2550;
}

/* Does the line close a box (└──┴──┘: a corner that ends it)? Its rows end
 * there, as a next box's begin. */
static bool box_bottom(const UChar *t, const struct line *l)
{
    for (int32_t p = l->start; p < l->end; p++)
        if (t[p] == 0x2514 || t[p] == 0x2518 || t[p] == 0x2517 || t[p] == 0x251B || (t[p] >= 0x2558 && t[p] <= 0x255D))
            return true;
    return false;
}

/* A pipe, or a line or a junction of box drawing that stands for one
 * (│ ├ ┼ ┤ ┌ ┬ ┐ └ ┴ ┘, light, heavy or double): a table drawn in boxes is
 * a Markdown table, its rules delimiter rows. */
bool tables_box_char(UChar c)
{
    return c >= 0x2500 && c <= 0x257F;
}

static bool is_pipe(UChar c)
{
    return c == '|' || c == 0xFF5C || (tables_box_char(c) && !box_rule(c));
}

static int32_t skip_blanks(const UChar *t, int32_t p, int32_t end)
{
    while (p < end && is_blank(t[p]))
        p++;
    return p;
}

static int32_t trim_end(const UChar *t, int32_t start, int32_t end)
{
    while (end > start && is_blank(t[end - 1]))
        end--;
    return end;
}

/* The line without the blanks around it. */
static struct line trimmed(const UChar *t, const struct line *l)
{
    int32_t a = skip_blanks(t, l->start, l->end);
    return (struct line){a, trim_end(t, a, l->end)};
}

/* A Markdown row: its first non-blank character is a pipe (lead), or it
 * holds one (in a table with a delimiter row, rows need no leading pipe). */
static bool markdown_row(const UChar *t, const struct line *l, bool lead)
{
    int32_t p = skip_blanks(t, l->start, l->end);
    if (lead) /* a lone pipe has no cell: it parts the cells of a flattened table */
        return p < l->end && is_pipe(t[p]) && skip_blanks(t, p + 1, l->end) < l->end;
    for (; p < l->end; p++)
        if (is_pipe(t[p]))
            return true;
    return false;
}

/* A delimiter row: pipes, dashes, colons and blanks, with a dash. */
static bool markdown_delimiter(const UChar *t, const struct line *l)
{
    bool dash = false;
    for (int32_t p = l->start; p < l->end; p++) {
        UChar c = t[p];
        if (c == '-' || box_rule(c))
            dash = true;
        else if (!is_pipe(c) && c != ':' && !is_blank(c))
            return false;
    }
    return dash;
}

/* The pipes of a line, an escaped one not counted. */
static int pipes(const UChar *t, const struct line *l)
{
    int k = 0;
    for (int32_t p = l->start; p < l->end; p++)
        k += is_pipe(t[p]) && !(p > l->start && t[p - 1] == '\\');
    return k;
}

/* Does a cell after a row's first, of any of the n lines, begin with a
 * figure? */

/* How many cells of a row of pipes hold something. */
static int filled_cells(const UChar *t, const struct line *l)
{
    int n = 0;
    bool filled = false;
    for (int32_t p = l->start; p <= l->end; p++) {
        if (p == l->end || is_pipe(t[p])) {
            n += filled;
            filled = false;
        } else if (!is_blank(t[p])) {
            filled = true;
        }
    }
    return n;
}

static bool row_figure(const UChar *t, const struct line *lines, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int col = 0;
        int32_t p = skip_blanks(t, lines[k].start, lines[k].end);
        if (p < lines[k].end && is_pipe(t[p]))
            p++;
        for (bool cell_start = true; p < lines[k].end; p++) {
            if (is_pipe(t[p])) {
                col++;
                cell_start = true;
            } else if (cell_start && !is_blank(t[p])) {
                if (col > 0 && (u_isdigit(t[p]) || ((t[p] == '-' || t[p] == '+') && p + 1 < lines[k].end &&
                                                    u_isdigit(t[p + 1]))))
                    return true;
                cell_start = false;
            }
        }
    }
    return false;
}

/* Grow a table by one cell [start, end) at row, col; the cell, until the
 * next one is pushed. */
static struct table_cell *push_cell(struct doc_table *t, size_t *cap, int32_t start, int32_t end, int row, int col)
{
    if (t->ncells == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        t->cells = xrealloc(t->cells, *cap * sizeof *t->cells);
    }
    t->cells[t->ncells++] = (struct table_cell){.start = start, .end = end, .row = row, .col = col,
                                                .rowspan = 1, .colspan = 1};
    if (col + 1 > t->ncols)
        t->ncols = col + 1;
    if (row + 1 > t->nrows)
        t->nrows = row + 1;
    return &t->cells[t->ncells - 1];
}

/* Does a row with no figure hold two pipes with nothing between them (單位(元/公斤) | ||||)?
 * A page that flattened a table dropped its empty cells and its merged
 * cells' spans there: which column its cells head is not known. */
static bool collapsed_row(const UChar *t, const struct line *l)
{
    int32_t p = skip_blanks(t, l->start, l->end);
    for (p += p < l->end && is_pipe(t[p]); p + 1 < l->end; p++)
        if (is_pipe(t[p]) && is_pipe(t[p + 1]))
            return !row_figure(t, l, 1);
    return false;
}

static bool bracketed(const UChar *t, const struct line *f);

/* The fields of a row of pipes, trimmed: a leading pipe opens the first,
 * a pipe at the end closes the last; at most max. */
static int pipe_fields(const UChar *t, const struct line *l, struct line *f, int max)
{
    int32_t p = skip_blanks(t, l->start, l->end), end = trim_end(t, l->start, l->end);
    if (p < end && is_pipe(t[p]))
        p++;
    int n = 0;
    for (int32_t a = p; a <= end && n < max; a++) {
        if (a == end || is_pipe(t[a])) {
            if (a == end && a == p)
                break; /* nothing after the last pipe */
            f[n++] = trimmed(t, &(struct line){p, a});
            p = a + 1;
        }
    }
    return n;
}

/* The cells of a row of pipes. With lead, rows begin with a pipe, which
 * opens the first cell; without, a row that begins with one has an empty
 * first cell (| | (%) under 品种 | 本周 | 同比). */
static void markdown_cells(const UChar *t, const struct line *l, struct doc_table *table, size_t *cap,
                           int row, bool lead)
{
    enum { NOTE_MAX = 6 };
    bool collapsed = collapsed_row(t, l);
    bool loose = !lead && collapsed; /* with lead, || is an empty cell in its place */
    /* ... unless the row's first cell is a note in brackets ((个) under 单
     * 位 数): the corner column names rows, it has no unit; the row lost
     * its corner's cell, and its cells their places */
    struct line first;
    if (lead && collapsed && row > 0 && pipe_fields(t, l, &first, 1) == 1)
        loose = bracketed(t, &first) && first.end - first.start <= NOTE_MAX;
    int32_t p = skip_blanks(t, l->start, l->end);
    if (lead && p < l->end && is_pipe(t[p]))
        p++; /* after the leading pipe */
    int32_t end = trim_end(t, l->start, l->end);
    int col = 0;
    int32_t cell = p;
    while (cell < end && box_rule(t[cell]))
        cell++;
    for (; p <= end; p++) {
        bool last = p == end;
        if (last || (is_pipe(t[p]) && !(p > l->start && t[p - 1] == '\\'))) {
            if (!(last && cell == p)) { /* a row that ends with its pipe has no cell after it */
                struct table_cell *c = push_cell(table, cap, cell, p, row, col++);
                c->loose = loose;
                c->collapsed = collapsed;
            }
            cell = p + 1;
            /* the rule a tree of boxes draws into a cell (├── 税收收入) is
             * none of its text */
            while (cell < end && box_rule(t[cell]))
                cell++;
        }
    }
}

/* The fields of a line: separated by a tab or by blanks min_gap characters
 * wide or more (an ideographic space is two wide). Returns the number of
 * fields, their spans in f (at most max). */
static int fields_of(const UChar *t, const struct line *l, struct line *f, int max, int min_gap)
{
    int n = 0;
    int32_t p = skip_blanks(t, l->start, l->end), end = trim_end(t, l->start, l->end);
    while (p < end) {
        int32_t q = p;
        for (;;) {
            if (q >= end)
                break;
            if (t[q] == '\t')
                break;
            if (is_blank(t[q])) {
                int32_t r = q;
                int width = 0;
                while (r < end && is_blank(t[r]) && t[r] != '\t') {
                    width += t[r] == 0x3000 ? 2 : 1;
                    r++;
                }
                if (width >= min_gap || (r < end && t[r] == '\t'))
                    break;
                q = r;
                continue;
            }
            q++;
        }
        if (n < max)
            f[n] = (struct line){p, q};
        n++;
        p = skip_blanks(t, q, end);
    }
    return n;
}

/* The fields of a line of aligned columns: separated by a tab or by blanks
 * two characters wide or more. */
static int aligned_fields(const UChar *t, const struct line *l, struct line *f, int max)
{
    return fields_of(t, l, f, max, 2);
}

/* The fields of a line separated by blanks of any width (排名 代表团 金牌,
 * 1 中国 201 111). */
static int blank_fields(const UChar *t, const struct line *l, struct line *f, int max)
{
    return fields_of(t, l, f, max, 1);
}

/* Does a field begin with a figure (a digit, perhaps after a sign)? */
static bool field_is_figure(const UChar *t, const struct line *f)
{
    int32_t p = f->start;
    if (p < f->end && (t[p] == '-' || t[p] == '+' || t[p] == 0x2212))
        p++;
    return p < f->end && u_isdigit(t[p]);
}

enum { FIELDS_MAX = 64 };

/* Is the field a figure and nothing else: digits, a sign, a decimal point,
 * thousands commas, a percent sign at its end (201, -1.5, 12,345, 3.2%)? */
static bool field_is_bare_figure(const UChar *t, const struct line *f)
{
    int32_t p = f->start, e = f->end;
    if (p < e && (t[p] == '-' || t[p] == '+' || t[p] == 0x2212))
        p++;
    if (e > p && (t[e - 1] == '%' || t[e - 1] == 0xFF05))
        e--;
    if (p >= e || !u_isdigit(t[p]) || !u_isdigit(t[e - 1]))
        return false;
    for (; p < e; p++)
        if (!u_isdigit(t[p]) && t[p] != '.' && t[p] != ',')
            return false;
    return true;
}

static bool field_is_bare_year(const UChar *t, const struct line *f);
static bool field_is_value(const UChar *t, const struct line *f);

/* Is the row of pipes one of values only after its first cell (bare
 * figures, placeholders, ratios), none of them a year? Rows a page's copy
 * sets a blank line apart go on their table only so: a row of years, of
 * times of other forms (2024E, 1-6月), of figures with words (1号店, 0-14岁)
 * or a note (| 注 | 1.本表… |) may head a table of its own. */
static bool figures_row(const UChar *t, const struct line *l)
{
    struct line f[FIELDS_MAX];
    int n = pipe_fields(t, l, f, FIELDS_MAX), values = 0;
    for (int c = 1; c < n; c++) {
        if (field_is_bare_year(t, &f[c]) || (f[c].end > f[c].start && !field_is_value(t, &f[c])))
            return false;
        values += f[c].end > f[c].start;
    }
    return values > 0;
}

/* ------------------------------------------------------------ nested tables */

static bool blank_cell(const UChar *t, const struct table_cell *c);
static bool field_has_digit(const UChar *t, const struct line *f);

/* Are the tables nested in o's cells the rows of o, split by a page's
 * layout (区域 | [排名 | 省市 | 今日 | 昨日] over 东北 | [22 | 辽宁省 | 16.45 |
 * 16.47] …)? So where each holds a cell of its own, they all stand in one
 * column and are of one width, no row holds two, and no cell of o spans
 * rows; two of them at least, the first their header. */
static bool nested_rows(const UChar *t, const struct open_table *o)
{
    if (o->nnested < 2)
        return false; /* one table in a page's frame is a table of its own */
    int col = o->t.cells[o->nested[0].cell].col, width = o->nested[0].t.ncols;
    for (size_t k = 0; k < o->nnested; k++) {
        const struct nested *n = &o->nested[k];
        const struct table_cell *c = &o->t.cells[n->cell];
        if (c->col != col || c->colspan != 1 || n->t.ncols != width || n->t.nrows < 1 ||
            (k > 0 && c->row == o->t.cells[o->nested[k - 1].cell].row) ||
            (k > 0 && n->cell == o->nested[k - 1].cell))
            return false;
        for (size_t i = 0; i < n->t.ncells; i++)
            if (n->t.cells[i].rowspan != 1 || n->t.cells[i].colspan != 1)
                return false;
    }
    for (size_t i = 0; i < o->t.ncells; i++)
        if (o->t.cells[i].rowspan != 1)
            return false;
    /* each holder's row has a label of its own (东北), and each nested
     * table but the first opens with figures: one that opens with a row of
     * words has a header of its own, and is a table of its own (two tables
     * of a page's column, one above the other) */
    for (size_t k = 0; k < o->nnested; k++) {
        const struct nested *n = &o->nested[k];
        int row = o->t.cells[n->cell].row;
        bool label = false, figure = k == 0;
        for (size_t i = 0; i < o->t.ncells && !label; i++)
            label = (int)i != n->cell && o->t.cells[i].row == row && !blank_cell(t, &o->t.cells[i]);
        for (size_t i = 0; i < n->t.ncells && !figure; i++)
            figure = n->t.cells[i].row == 0 &&
                     field_has_digit(t, &(struct line){n->t.cells[i].start, n->t.cells[i].end});
        if (!label || !figure)
            return false;
    }
    /* and the first is the header of them all: words, no bare figure (排名 |
     * 省市 | 2015-12-27); rows with none would read their ranks as prices */
    for (size_t i = 0; i < o->nested[0].t.ncells; i++) {
        const struct table_cell *c = &o->nested[0].t.cells[i];
        struct line f = trimmed(t, &(struct line){c->start, c->end});
        if (c->row == 0 && field_is_bare_figure(t, &f))
            return false;
    }
    return true;
}

/* The cells of o with those of its nested tables in their holders' place:
 * each row of o as high as its nested table, its other cells across that
 * many rows, the columns after the holders' one to the right of the
 * nested tables' columns. */
static void splice_nested(struct open_table *o)
{
    int nr = o->t.nrows, col = o->t.cells[o->nested[0].cell].col, width = o->nested[0].t.ncols;
    int *height = xcalloc((size_t)nr + 1, sizeof *height), *top = xcalloc((size_t)nr + 1, sizeof *top);
    for (int r = 0; r < nr; r++)
        height[r] = 1;
    for (size_t k = 0; k < o->nnested; k++)
        height[o->t.cells[o->nested[k].cell].row] = o->nested[k].t.nrows;
    for (int r = 1; r <= nr; r++)
        top[r] = top[r - 1] + height[r - 1];
    struct doc_table t = o->t;
    t.cells = NULL;
    t.ncells = 0;
    size_t cap = 0;
    for (size_t i = 0; i < o->t.ncells; i++) {
        const struct table_cell *c = &o->t.cells[i];
        size_t k = 0;
        while (k < o->nnested && o->nested[k].cell != (int)i)
            k++;
        if (k == o->nnested) {
            struct table_cell *d = push_cell(&t, &cap, c->start, c->end, top[c->row],
                                             c->col > col ? c->col + width - 1 : c->col);
            d->rowspan = height[c->row];
            d->colspan = c->colspan;
            d->header = c->header;
            if (d->row + d->rowspan > t.nrows)
                t.nrows = d->row + d->rowspan;
            continue;
        }
        const struct doc_table *in = &o->nested[k].t;
        for (size_t j = 0; j < in->ncells; j++) {
            const struct table_cell *e = &in->cells[j];
            struct table_cell *d = push_cell(&t, &cap, e->start, e->end, top[c->row] + e->row, col + e->col);
            d->header = e->header || c->header;
        }
    }
    free(o->t.cells);
    o->t = t;
    free(height);
    free(top);
}

void tables_end(struct table_builder *b, int32_t at, const UChar *text)
{
    if (b->ignored) {
        b->ignored--;
        return;
    }
    if (!b->depth)
        return;
    struct open_table *o = &b->stack[--b->depth];
    o->t.end = at;
    free(o->busy);
    bool spliced = nested_rows(text, o);
    if (spliced)
        splice_nested(o);
    for (size_t k = 0; k < o->nnested; k++) {
        if (spliced)
            free(o->nested[k].t.cells);
        else
            table_add_done(&b->done, &b->ndone, &b->cap, &o->nested[k].t);
    }
    free(o->nested);
    /* a table inside a cell of another waits for it */
    struct open_table *outer = b->depth ? &b->stack[b->depth - 1] : NULL;
    if (outer && outer->open_cell >= 0 && o->t.ncells) {
        outer->nested = xrealloc(outer->nested, (outer->nnested + 1) * sizeof *outer->nested);
        outer->nested[outer->nnested++] = (struct nested){outer->open_cell, o->t};
    } else if (o->t.ncells) {
        table_add_done(&b->done, &b->ndone, &b->cap, &o->t);
    } else {
        free(o->t.cells);
    }
}

/* The fields of a line of aligned columns, or 0 where a field holds two
 * figures or more set with single blanks (97.9 98.8 100.3): there the
 * wide gaps part groups of columns, not columns, and the line is no row
 * of them. */
static int aligned_row(const UChar *t, const struct line *l, struct line *f)
{
    int n = aligned_fields(t, l, f, FIELDS_MAX);
    for (int k = 0; k < n && k < FIELDS_MAX; k++) {
        struct line g[3];
        int m = blank_fields(t, &f[k], g, 3);
        bool figures = m >= 2;
        for (int c = 0; c < m && c < 3 && figures; c++)
            figures = field_is_bare_figure(t, &g[c]);
        if (figures)
            return 0;
    }
    return n;
}

static bool field_is_year(const UChar *t, const struct line *f);

/* Is the field one to four digits and nothing else? */
static bool short_digits(const UChar *t, const struct line *f)
{
    if (f->end - f->start < 1 || f->end - f->start > 4)
        return false;
    for (int32_t p = f->start; p < f->end; p++)
        if (t[p] < '0' || t[p] > '9')
            return false;
    return true;
}

/* Does the field begin with one of the units of a date (年 月 日 号 季)? */
static bool date_word_first(const UChar *t, const struct line *f)
{
    UChar c = f->end > f->start ? t[f->start] : 0;
    return c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7 || c == 0x5B63;
}

/* Do the digits that open the field go on as a date's do: a unit of a date
 * after them (6月, 31日) or a separator and a digit (12/31, 1-6月)? */
static bool date_word_after(const UChar *t, const struct line *f)
{
    int32_t q = f->start;
    while (q < f->end && u_isdigit(t[q]))
        q++;
    if (date_word_first(t, &(struct line){q, f->end}))
        return true;
    return q + 1 < f->end && (t[q] == '/' || t[q] == '-' || t[q] == 0xFF0F || t[q] == 0xFF0D) && u_isdigit(t[q + 1]);
}

/* Does the field end with 年 or 月, as a date's parts before its next do? */
static bool date_part_last(const UChar *t, const struct line *f)
{
    UChar c = f->end > f->start ? t[f->end - 1] : 0;
    return c == 0x5E74 || c == 0x6708;
}

/* A date set with blanks inside, as a report's table header copied out of
 * a PDF is (2022 年度, 2022 年 1 月 1 日), is one field: the fields of a
 * line of single blanks joined so; returns their new number. */
static int date_fields(const UChar *t, struct line *f, int n)
{
    int m = 0;
    for (int k = 0; k < n;) {
        struct line g = f[k++];
        for (;;) {
            if (k < n && short_digits(t, &g) && date_word_first(t, &f[k])) {
                g.end = f[k++].end;
            } else if (k + 1 < n && date_part_last(t, &g) && short_digits(t, &f[k]) &&
                       date_word_first(t, &f[k + 1])) {
                g.end = f[k + 1].end;
                k += 2;
            } else {
                break;
            }
        }
        f[m++] = g;
    }
    return m;
}

static bool field_has_digit(const UChar *t, const struct line *f)
{
    for (int32_t p = f->start; p < f->end; p++)
        if (u_isdigit(t[p]))
            return true;
    return false;
}

/* Does the field hold a numeral, a digit or a Han one (表1, 表一)? */
static bool field_has_numeral(const UChar *t, const struct line *f)
{
    for (int32_t p = f->start; p < f->end; p++)
        if (u_getNumericValue(t[p]) != U_NO_NUMERIC_VALUE)
            return true;
    return false;
}

/* The year (1900 to 2100) of four digits that opens the field, or 0. */
static int year_opening(const UChar *t, const struct line *f)
{
    int v = 0;
    if (f->end - f->start < 4)
        return 0;
    for (int32_t p = f->start; p < f->start + 4; p++) {
        if (t[p] < '0' || t[p] > '9')
            return 0;
        v = v * 10 + (t[p] - '0');
    }
    return v >= 1900 && v <= 2100 ? v : 0;
}

enum { TIME_MARKS_MAX = 4 };

/* The marks after the year that opens the field, digits, blanks and what
 * brackets hold aside (2024年6月30日(未经审计): 3). */
static int time_marks(const UChar *t, const struct line *f)
{
    int marks = 0, depth = 0;
    for (int32_t p = f->start + 4; p < f->end; p++) {
        int32_t b = u_getIntPropertyValue(t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        depth += b == U_BPT_OPEN ? 1 : b == U_BPT_CLOSE && depth > 0 ? -1 : 0;
        marks += !depth && b == U_BPT_NONE && !u_isdigit(t[p]) && !u_isUWhiteSpace(t[p]);
    }
    return marks;
}

/* Is the field a year alone, 年 after it or not (2023, 2023年)? */
static bool field_is_bare_year(const UChar *t, const struct line *f)
{
    int32_t n = f->end - f->start;
    return year_opening(t, f) && (n == 4 || (n == 5 && t[f->start + 4] == 0x5E74));
}


/* The fields of a line of a table set with single blanks, a date set
 * with blanks inside one field. */
static int single_blank_fields(const UChar *t, const struct line *l, struct line *f, int max)
{
    int n = blank_fields(t, l, f, max);
    return n > max ? n : date_fields(t, f, n);
}

/* Letters of a gloss in English: ASCII letters, and marks inside words. */
static bool gloss_char(UChar c, int *letters, bool *small)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++*letters;
        *small = *small || c >= 'a';
        return true;
    }
    return c == '-' || c == ',' || c == '.' || c == '\'' || c == '&';
}

/* A word of a gloss: letters and marks inside words, a small letter among
 * them (a name in capitals, GDP, is no gloss); long, a word of three
 * letters or more, or short (of, a). 0 no gloss, 1 short, 2 long. */
static int gloss_word(const UChar *t, const struct line *f)
{
    int letters = 0;
    bool small = false;
    for (int32_t p = f->start; p < f->end; p++)
        if (!gloss_char(t[p], &letters, &small))
            return 0;
    return !letters || !small ? 0 : letters >= 3 ? 2 : 1;
}

/* Is the line blanks alone, or empty? */
static bool blank_line(const UChar *t, const struct line *l)
{
    return skip_blanks(t, l->start, l->end) == l->end;
}

enum { GLOSS_LINES_MAX = 2 }; /* lines of English under a caption or a label */

/* Is the line a gloss alone: a Latin letter and no Han character, as the
 * English lines of a bilingual table's header are (number of patients
 * treated (10000 person-time), cure rate)? A line with two bare figures or
 * more is a row whose label is English (Total 6.6 108.3 64.0). */
static bool gloss_line(const UChar *t, const struct line *l)
{
    bool letter = false;
    for (int32_t p = l->start; p < l->end; p++) {
        if (u_hasBinaryProperty(t[p], UCHAR_IDEOGRAPHIC) || U16_IS_SURROGATE(t[p]))
            return false;
        letter = letter || (t[p] < 0x80 && u_isalpha(t[p]));
    }
    if (!letter)
        return false;
    /* a group of three digits after a figure is its thousands set apart
     * (per 1 000 Population), no figure of its own */
    struct line f[FIELDS_MAX];
    int n = blank_fields(t, l, f, FIELDS_MAX), figures = 0;
    for (int k = 0; k < n && k < FIELDS_MAX; k++) {
        bool thousands = k > 0 && f[k].end - f[k].start == 3 && short_digits(t, &f[k]) &&
                         field_is_bare_figure(t, &f[k - 1]);
        figures += field_is_bare_figure(t, &f[k]) && !thousands;
    }
    return figures < 2;
}

static bool has_han(const UChar *t, const struct line *f)
{
    for (int32_t p = f->start; p < f->end; p++)
        if (u_hasBinaryProperty(t[p], UCHAR_IDEOGRAPHIC))
            return true;
    return false;
}

/* The fields of a line of a table set with single blanks less the English
 * a bilingual table glosses its Chinese with (项目 item, 医院 hospitals,
 * 中医医院 hospitals of traditional chinese): words of a gloss, the short
 * ones only next to a long one. */
static int table_fields(const UChar *t, const struct line *l, struct line *f, int max)
{
    int n = single_blank_fields(t, l, f, max);
    if (n > max || n > FIELDS_MAX)
        return n;
    int kind[FIELDS_MAX];
    for (int k = 0; k < n; k++)
        kind[k] = gloss_word(t, &f[k]);
    for (int pass = 0; pass < 2; pass++) /* a short word takes the side of a long one */
        for (int k = 0; k < n; k++) {
            int side = pass ? n - 1 - k : k, near = pass ? side + 1 : side - 1;
            if (kind[side] == 1 && near >= 0 && near < n && kind[near] == 2)
                kind[side] = 2;
        }
    /* a gloss follows the Chinese it glosses: English after a year or a
     * figure names a column of its own (2019 2020 Growth Rate in) */
    for (int k = 0; k < n; k++)
        if (kind[k] == 2 && (k == 0 || (kind[k - 1] != 2 && !has_han(t, &f[k - 1]))))
            for (int r = k; r < n && kind[r] == 2; r++)
                kind[r] = 0;
    int m = 0;
    for (int k = 0; k < n; k++)
        if (kind[k] != 2)
            f[m++] = f[k];
    return m;
}

/* The same, where the table has width columns: a row label set with
 * blanks inside (股 本, as a PDF spaces a short word out) is one field, so
 * where the fields before the first with a digit are more than one and
 * the line has more fields than width, they are joined to make width. */
static int row_fields(const UChar *t, const struct line *l, struct line *f, int width)
{
    int n = table_fields(t, l, f, FIELDS_MAX);
    int extra = n - width, lead = 0;
    while (lead < n && lead < FIELDS_MAX && !field_has_digit(t, &f[lead]))
        lead++;
    if (extra <= 0 || n > FIELDS_MAX || lead <= extra)
        return n;
    f[0].end = f[extra].end;
    memmove(f + 1, f + 1 + extra, (size_t)(n - 1 - extra) * sizeof *f);
    return width;
}

/* Is the field in brackets, (万人次)? */
static bool bracketed(const UChar *t, const struct line *f)
{
    return f->end - f->start >= 2 &&
           u_getIntPropertyValue(t[f->start], UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_OPEN &&
           u_getIntPropertyValue(t[f->end - 1], UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_CLOSE;
}

/* Does the field name a column that is part of the one before it, as a
 * yearbook marks 其中 with # (#门急诊 after the units of 诊疗人数)? */
static bool part_column(const UChar *t, const struct line *f)
{
    return f->end - f->start >= 2 && (t[f->start] == '#' || t[f->start] == 0xFF03) && !u_isdigit(t[f->start + 1]);
}

/* The fields of a line of the columns' units under a header of width
 * fields: each in brackets ((万人次), (%)), as many as the header's or one
 * fewer (no corner), and among them the names of columns that are parts
 * of the column before them (#门急诊), *parts of them; the fields' number
 * (the fields to f, FIELDS_MAX of room), else 0 (no such line, or l NULL). */
static int units_line(const UChar *t, const struct line *l, int width, int *parts, struct line *f)
{
    int m = l ? blank_fields(t, l, f, FIELDS_MAX) : 0, found = 0;
    *parts = 0;
    if (m < 2 || m > FIELDS_MAX)
        return 0;
    for (int c = 0; c < m; c++) {
        if (c > 0 && bracketed(t, &f[c - 1]) && part_column(t, &f[c]))
            found++;
        else if (!bracketed(t, &f[c]))
            return 0;
    }
    if (m - found != width && m - found != width - 1)
        return 0;
    *parts = found;
    return m;
}

/* The length of the brackets that close a field and hold no time, as a
 * unit's (全员劳动生产率(元/人年): 6, 价格(元/50公斤)) do: no bracket, no
 * year (four digits) nor a date (12/31, 1-6月); else 0. */
static int32_t unit_bracket_len(const UChar *t, const struct line *f)
{
    if (f->end - f->start < 3 ||
        u_getIntPropertyValue(t[f->end - 1], UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_CLOSE)
        return 0;
    for (int32_t p = f->end - 2; p >= f->start; p--) {
        int32_t b = u_getIntPropertyValue(t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        if (b == U_BPT_OPEN)
            return f->end - p;
        if (b == U_BPT_CLOSE)
            return 0;
        struct line rest = {p, f->end - 1};
        if (u_isdigit(t[p]) && (p == f->start || !u_isdigit(t[p - 1])) &&
            (year_opening(t, &rest) || date_word_after(t, &rest)))
            return 0;
    }
    return 0;
}

/* The kind of a line of a table set with single blanks, by its fields:
 * 0 none; 1 a header (no field is a bare figure: 地区 2022年 2023年); 2 a
 * row (each field is a bare figure or holds no digit, and two or more are
 * figures). A field of more than 12 characters (a unit in brackets at its
 * end not counted) or with a mark of a sentence is prose. */
static int single_blank_line(const UChar *t, const struct line *f, int n)
{
    if (n > FIELDS_MAX)
        return 0; /* more fields than were read: no line of a table */
    int figures = 0;
    bool mixed = false;
    for (int c = 0; c < n; c++) {
        if (f[c].end - f[c].start - unit_bracket_len(t, &f[c]) > 12)
            return 0;
        bool has_digit = false;
        int depth = 0;
        for (int32_t p = f[c].start; p < f[c].end; p++) {
            UChar ch = t[p];
            /* a list in brackets names a row: 油菜(瓢儿白、上海青) */
            int32_t bracket = u_getIntPropertyValue(ch, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
            depth += bracket == U_BPT_OPEN ? 1 : bracket == U_BPT_CLOSE && depth > 0 ? -1 : 0;
            if (!depth && (ch == 0x3002 || ch == 0xFF0C || ch == 0xFF1B || ch == 0xFF1A || ch == 0x3001 ||
                           ch == 0xFF01 || ch == 0xFF1F))
                return 0;
            has_digit = has_digit || u_isdigit(ch);
        }
        /* a year or a date names a column: 2022 年度 */
        bool date = has_digit && field_is_year(t, &f[c]);
        bool figure = has_digit && !date && field_is_bare_figure(t, &f[c]);
        mixed = mixed || (has_digit && !figure && !date);
        figures += figure;
    }
    return !figures ? 1 : figures >= 2 && !mixed ? 2 : 0;
}

/* The caption of a text table: the short line just above it, a blank line
 * between allowed, that is no row of a table itself; in a bilingual table
 * (glosses), a line or two of English under it passed over. */
static void caption_above(const UChar *t, const struct line *lines, size_t first, const bool *used, bool glosses,
                          struct doc_table *table)
{
    enum { CAPTION_MAX = 80 };
    size_t k = first;
    int blanks = 0, skipped = 0;
    while (k > 0) {
        const struct line *l = &lines[--k];
        int32_t s = skip_blanks(t, l->start, l->end), e = trim_end(t, l->start, l->end);
        if (s == e) {
            if (++blanks == 2)
                return;
            continue;
        }
        if (glosses && !used[k] && gloss_line(t, l) && ++skipped <= GLOSS_LINES_MAX)
            continue;
        /* a line with a pipe is a piece of a table, no caption ((%) |) */
        if (!used[k] && e - s <= CAPTION_MAX && !pipes(t, l)) {
            table->caption_start = s;
            table->caption_end = e;
        }
        return;
    }
}

static void text_caption(const UChar *t, const struct line *lines, size_t first, const bool *used,
                         struct doc_table *table)
{
    caption_above(t, lines, first, used, false, table);
}

/* ------------------------------------------------------------ a cell a line */

/* A Markdown table as a web page flattens it: each row opens with a line
 * of a lone pipe, then each of its cells stands on a line of its own,
 * closed by a pipe (|, 月份 |, 产量(万吨) |, 同比% |, |, 1-2 |, 22256.3 |,
 * …). The first row is the header. */

/* Is the line a lone pipe, blanks around it allowed? */
static bool lone_pipe(const UChar *t, const struct line *l)
{
    int32_t p = skip_blanks(t, l->start, l->end);
    return p < l->end && is_pipe(t[p]) && skip_blanks(t, p + 1, l->end) == l->end;
}

/* Is the line pipes alone, one at least, blanks between them allowed (|, |||)? */
static bool pipes_alone(const UChar *t, const struct line *l)
{
    int32_t k = 0;
    for (int32_t p = l->start; p < l->end; p++) {
        if (is_pipe(t[p]))
            k++;
        else if (!is_blank(t[p]))
            return false;
    }
    return k > 0;
}

/* A cell's line closed by its pipe and then empty cells (93 | |, 死亡数 |
 * |, as a page writes a row's last cell and the empty one after it): the
 * end of the cell's text, and *empty the empty cells after it; -1 where
 * the line is none. */
static int32_t pipe_cell_then_empty(const UChar *t, const struct line *l, int *empty)
{
    int32_t p = skip_blanks(t, l->start, l->end), e = p;
    while (e < l->end && !is_pipe(t[e]))
        e++;
    int32_t end = trim_end(t, p, e);
    if (end == p || e == l->end || t[e - 1] == '\\')
        return -1;
    *empty = -1; /* the pipe that closes the cell */
    for (int32_t q = e; q < l->end; q++) {
        if (is_pipe(t[q]))
            ++*empty;
        else if (!is_blank(t[q]))
            return -1;
    }
    return end;
}

/* A cell's line: text, then a pipe that ends the line and is its only one.
 * Returns the end of the cell's text, or -1 when the line is none. */
static int32_t pipe_cell(const UChar *t, const struct line *l)
{
    int empty;
    int32_t end = pipe_cell_then_empty(t, l, &empty);
    return end >= 0 && !empty ? end : -1;
}

static bool sentence_mark(UChar c);

/* Is the line above lines[i] the upper half of a corner split across its
 * lines (品种 over 市县 |: a short word with no pipe and no digit)? 1 if
 * so, the caption above it; else 0. */
static size_t corner_above(const UChar *t, const struct line *lines, size_t i, const bool *used)
{
    enum { CORNER_HALF_MAX = 4 };
    if (i < 2 || used[i - 1])
        return 0;
    struct line l = trimmed(t, &lines[i - 1]), above = trimmed(t, &lines[i - 2]);
    /* under a caption, not under prose (a short title over the table is
     * the caption itself) */
    return l.end > l.start && l.end - l.start <= CORNER_HALF_MAX && !pipes(t, &l) && !field_has_digit(t, &l) &&
           has_han(t, &l) && above.end > above.start && !sentence_mark(t[above.end - 1]);
}

/* Find a table of a cell a line whose first row opens at lines[i]; add it
 * to doc. Each row must hold as many cells as the header, two or more,
 * with two rows at least below the header and a figure in a cell after a
 * row's first; else there is no table (a row that lost a cell would shift
 * the figures of the rows after it), and no part of it is one either. A
 * lone pipe after the last row closes the table. Returns the line after
 * the lines of the layout. */
/* A cell's line of such a table: closed by its pipe alone, or with
 * trailing, by its pipe and then empty cells (*empty of them). The end of
 * the cell's text, or -1. */
static int32_t pipe_cell_line(const UChar *t, const struct line *l, bool trailing, int *empty)
{
    *empty = 0;
    return trailing ? pipe_cell_then_empty(t, l, empty) : pipe_cell(t, l);
}

/* The layout from lines[i] read with cells closed by their pipe alone, or
 * with trailing, by their pipe and empty cells after it: whether it is a
 * table (each row as many cells, two or more, three rows at least, a
 * figure after a row's first); *end the line after its lines. */
static bool pipe_cells_fit(const UChar *t, const struct line *lines, size_t n, const bool *used, size_t i,
                           bool trailing, size_t *end)
{
    int empty;
    *end = i;
    while (*end < n && !used[*end] && (lone_pipe(t, &lines[*end]) || pipe_cell_line(t, &lines[*end], trailing, &empty) >= 0))
        ++*end;
    int width = -1, rows = 0, cells = 0;
    bool figure = false, ok = true;
    for (size_t k = i; k <= *end && ok; k++) {
        if (k == *end || lone_pipe(t, &lines[k])) {
            if (k > i) { /* the row before ends */
                if (!cells) /* an empty row: the closing pipe, if last */
                    ok = k == *end;
                else if (width < 0)
                    width = cells;
                else
                    ok = cells == width;
                rows += cells > 0;
            }
            cells = 0;
            continue;
        }
        struct line c = {skip_blanks(t, lines[k].start, lines[k].end), pipe_cell_line(t, &lines[k], trailing, &empty)};
        if (rows > 0 && cells > 0)
            figure = figure || field_is_figure(t, &c);
        cells += 1 + empty;
    }
    return ok && width >= 2 && rows >= 3 && figure;
}

static size_t find_pipe_cells(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    const UChar *t = doc->text;
    /* cells closed by their pipe alone; else, where every row fits so,
     * cells with empty ones after them (93 | |, a page's last cell of
     * each row and the empty one after it) */
    size_t end, strict_end;
    bool trailing = false;
    if (!pipe_cells_fit(t, lines, n, used, i, false, &strict_end)) {
        trailing = true;
        if (!pipe_cells_fit(t, lines, n, used, i, true, &end))
            return strict_end > i ? strict_end : i + 1;
    } else {
        end = strict_end;
    }
    struct doc_table table = {.start = lines[i].start, .end = lines[end - 1].end};
    size_t ccap = 0;
    int row = -1, col = 0, empty;
    for (size_t k = i; k < end; k++) {
        used[k] = true;
        if (lone_pipe(t, &lines[k])) {
            row++;
            col = 0;
        } else {
            int32_t s = skip_blanks(t, lines[k].start, lines[k].end);
            push_cell(&table, &ccap, s, pipe_cell_line(t, &lines[k], trailing, &empty), row, col);
            col += 1 + empty;
        }
    }
    text_caption(t, lines, i, used, &table);
    doc_add_table(doc, &table);
    return end;
}

static bool field_is_placeholder(const UChar *t, const struct line *f);

/* Is the field a ratio of bare figures (豬糧比價 6.57:1, 6.57∶1)? */
static bool field_is_ratio(const UChar *t, const struct line *f)
{
    int32_t colon = f->start;
    while (colon < f->end && t[colon] != ':' && t[colon] != 0xFF1A && t[colon] != 0x2236)
        colon++;
    struct line a = {f->start, colon}, b = {colon + 1, f->end};
    return colon < f->end && field_is_bare_figure(t, &a) && field_is_bare_figure(t, &b);
}

/* May the field stand in a row after its label: a bare figure, a
 * placeholder of one not given (—) or a ratio? */
static bool field_is_value(const UChar *t, const struct line *f)
{
    return field_is_bare_figure(t, f) || field_is_placeholder(t, f) || field_is_ratio(t, f);
}

/* How many values (field_is_value) follow the label c[r], before lim. */
static size_t values_after(const UChar *t, const struct line *c, size_t r, size_t lim)
{
    size_t k = 0;
    while (r + 1 + k < lim && field_is_value(t, &c[r + 1 + k]))
        k++;
    return k;
}

/* Is c[r, r + head) a row like the first under a header of head cells
 * (c[head, 2 head)): a label that is no value, then the values (one at
 * least) in the same places? */
static bool fixed_row(const UChar *t, const struct line *c, size_t head, size_t r)
{
    bool any = false;
    for (size_t k = 0; k < head; k++) {
        bool v = field_is_value(t, &c[r + k]);
        if (k == 0 ? v : v != field_is_value(t, &c[head + k]))
            return false;
        any = any || v;
    }
    return head >= 2 && any;
}

/* The width of rows of a fixed number of cells under a header of as many
 * that holds no value, the most rows alike (fixed_row), three at least,
 * each ending in a value (words after a row's figures are the next row's
 * label, where its header is one cell short: 商品名称 merged over a name
 * and a spec); 0 where none. *stop: the end of the last row. */
static size_t fixed_width(const UChar *t, const struct line *c, size_t m, size_t *stop)
{
    enum { WIDTH_MAX = 12 };
    size_t best = 0, best_rows = 0;
    for (size_t w = 2; w <= WIDTH_MAX && 2 * w <= m; w++) {
        bool header = field_is_value(t, &c[2 * w - 1]);
        for (size_t k = 0; k < w && header; k++)
            header = !field_is_value(t, &c[k]) && c[k].end > c[k].start;
        if (!header)
            continue;
        size_t rows = 0;
        while (w + (rows + 1) * w <= m && fixed_row(t, c, w, w + rows * w))
            rows++;
        if (rows >= 3 && rows > best_rows) {
            best = w;
            best_rows = rows;
        }
    }
    *stop = best ? best + best_rows * best : 0;
    return best;
}

/* The same where the stream opens with a caption of a cell or two before
 * the header (单位:人 | unit:person), the header's corner may be empty,
 * and sections of a label and empty cells stand among the rows (一、高等教育
 * | | | over (一)研究生 | 728627 | 1106551 | 3139598): rows of width cells,
 * each a label, then a value in each of its other cells or in none; three
 * rows of values at least, the most of them. *from: the header's first
 * cell; *stop: the end of the last row of values. */
static size_t sectioned_width(const UChar *t, const struct line *c, size_t m, size_t *from, size_t *stop)
{
    enum { WIDTH_MAX = 12, CAPTION_CELLS_MAX = 2 };
    size_t best = 0, best_rows = 0;
    *from = *stop = 0;
    for (size_t o = 0; o <= CAPTION_CELLS_MAX; o++)
        for (size_t w = 3; w <= WIDTH_MAX && o + 2 * w <= m; w++) {
            bool header = true;
            for (size_t k = 0; k < w && header; k++)
                header = !field_is_value(t, &c[o + k]) && (k == 0 || c[o + k].end > c[o + k].start);
            size_t rows = 0, end = 0;
            for (size_t r = o + w; header && r + w <= m; r += w) {
                if (c[r].end == c[r].start || field_is_value(t, &c[r]))
                    break; /* no label */
                size_t values = 0, empty = 0;
                for (size_t k = 1; k < w; k++) {
                    values += field_is_value(t, &c[r + k]);
                    empty += c[r + k].end == c[r + k].start;
                }
                if (values == w - 1) {
                    rows++;
                    end = r + w;
                } else if (empty != w - 1) {
                    break;
                }
            }
            if (rows >= 3 && rows > best_rows) {
                best = w;
                best_rows = rows;
                *from = o;
                *stop = end;
            }
        }
    return best;
}

/* Does the field say in words that its figure is not given (不適用)? */
static bool field_not_given(const UChar *t, const struct line *f, const struct table_marks_rule *marks)
{
    return f->end > f->start && word_list_match(&marks->not_given, t, f->start, f->end) == f->end - f->start;
}

/* Does the field say a change in words around its figure (減少1.78個百分點,
 * 同比增加0.5个百分点): a word of a change before its first digit? */
static bool field_change_in_words(const UChar *t, const struct line *f, const struct table_marks_rule *marks)
{
    for (int32_t p = f->start; p < f->end && !u_isdigit(t[p]); p++) {
        int32_t n = word_list_match(&marks->change_words, t, p, f->end);
        for (int32_t q = p + n; n && q < f->end; q++)
            if (u_isdigit(t[q]))
                return true;
    }
    return false;
}

/* The cells of rows a cell a line, and the line of each. */
struct label_cells {
    const UChar *t;
    struct line *c;
    size_t *at, m;
    const struct table_marks_rule *marks;
};

/* How many cells after the label c[r] its row takes under a header of
 * width columns: the values after it (values_after), or width - 1 where
 * its cells fill the row's place whole: each a value, words for a figure
 * not given (不適用) or a figure amid words (減少1.78個百分點), a bare
 * figure among them, and the cell after them none or no value (the next
 * row's label). */
static size_t row_cells(const struct label_cells *lc, size_t r, size_t width)
{
    const UChar *t = lc->t;
    const struct line *c = lc->c;
    size_t k = values_after(t, c, r, lc->m);
    if (k >= width - 1 || r + width > lc->m || (r + width < lc->m && field_is_value(t, &c[r + width])))
        return k;
    bool figure = false;
    for (size_t x = r + 1; x < r + width; x++) {
        if (!field_is_value(t, &c[x]) && !field_not_given(t, &c[x], lc->marks) &&
            !field_change_in_words(t, &c[x], lc->marks))
            return k;
        figure = figure || field_is_bare_figure(t, &c[x]);
    }
    return figure ? width - 1 : k;
}

/* Is c[r], a label with no cell (row_cells 0), one whose next label's row
 * is whole (稀釋每股收益(元/股) | / | / ||| / 扣除…每股收益(元/股) | / 0.072 |
 * …): a row of no figure, passed over? */
static bool empty_row(const struct label_cells *lc, size_t r, size_t width)
{
    return r + 1 < lc->m && !field_is_value(lc->t, &lc->c[r + 1]) && row_cells(lc, r + 1, width) == width - 1;
}

/* A row of such a table: its label c[at] and the cells after it. */
struct label_row {
    size_t at, cells;
};

/* The rows from c[r] under a header of width columns, each a label and
 * its cells (row_cells), a row of no figure passed over (empty_row), up to
 * a label with none or too many: stores them in rows[*nrows…] (room for
 * lc->m), counts the whole ones (*full); returns where they end. */
static size_t walk_rows(const struct label_cells *lc, size_t r, size_t width, struct label_row *rows,
                        size_t *nrows, size_t *full)
{
    while (r < lc->m && !field_is_bare_figure(lc->t, &lc->c[r])) {
        size_t k = row_cells(lc, r, width);
        if (k == 0 && empty_row(lc, r, width)) {
            r++;
            continue;
        }
        if (k == 0 || k > width - 1)
            break;
        *full += k == width - 1;
        rows[(*nrows)++] = (struct label_row){r, k};
        r += 1 + k;
    }
    return r;
}

/* The cells from c[r] that head the columns again further down (2018年末 |
 * 2017年末 | 本期末比上年同期末增減(%) | 2016年末 | under rows of 2018年 |
 * 2017年 | …): width - 1 of them over the columns after the first (the
 * corner empty) or width, then a whole row; each non-empty, a year where
 * the first header c[0, width) has one in its column and words where it
 * has words, a year among them (not a row that lost a cell, 研發投入佔比(%)
 * | 不適用 | 不適用, nor headings). How many, or 0. */
static size_t header_again(const struct label_cells *lc, size_t r, size_t width)
{
    const UChar *t = lc->t;
    for (size_t hn = width - 1; hn <= width && r + hn < lc->m; hn++) {
        bool alike = true, year = false;
        for (size_t col = width - hn; col < width && alike; col++) {
            const struct line *c = &lc->c[r + col - (width - hn)];
            bool y = field_is_year(t, c);
            if (col == 0)
                alike = c->end > c->start && !field_is_value(t, c);
            else
                alike = c->end > c->start && y == field_is_year(t, &lc->c[col]) && (y || !field_is_value(t, c));
            year = year || (col > 0 && y);
        }
        if (alike && year && !field_is_value(t, &lc->c[r + hn]) && row_cells(lc, r + hn, width) == width - 1)
            return hn;
    }
    return 0;
}

/* Adds table (its caption set) with the header c[h, h + hn) (over the
 * columns after the first where hn is width - 1) and rows[0, nrows) (a
 * row of fewer cells than width - 1 has cells of no known column).
 * Returns the table's last line. */
static size_t add_label_table(struct doc *doc, const struct label_cells *lc, size_t h, size_t hn,
                              const struct label_row *rows, size_t nrows, size_t width, struct doc_table *table)
{
    size_t ccap = 0;
    for (size_t k = 0; k < hn; k++)
        push_cell(table, &ccap, lc->c[h + k].start, lc->c[h + k].end, 0, (int)(k + width - hn));
    for (size_t j = 0; j < nrows; j++)
        for (size_t x = 0; x <= rows[j].cells; x++)
            push_cell(table, &ccap, lc->c[rows[j].at + x].start, lc->c[rows[j].at + x].end, (int)(j + 1), (int)x)
                ->loose = x > 0 && rows[j].cells < width - 1;
    size_t stop = rows[nrows - 1].at + rows[nrows - 1].cells + 1;
    table->start = lc->c[h].start;
    table->end = lc->c[stop - 1].end;
    doc_add_table(doc, table);
    return lc->at[stop - 1];
}

/* Rows a cell a line told apart by their labels, from lines[i] (指 标 |,
 * 本 月 |, 同比增减% |, 一、城市接待旅游人数(人次) |, 7009753 |, -7.3 |, …),
 * their header set in a line of pipes of its own where hline < n
 * (主要會計數據 | 2018年 | 2017年 | 本期比上年同期增減(%) | 2016年 |, a
 * delimiter row under it, then 營業收入 | / 13,689,875,849.6 | / …: words
 * and years, no figure, no empty cell, three columns at least), else the
 * cells before the first label that a bare figure follows, or those before
 * a delimiter row (主要財務指標 | / 2018年 | / … / ---|---| / 基本每股收益
 * (元/股) | / 0.111 | …). Each row is a label and the values up to the next
 * label, as many as the header has columns after its first, or cells that
 * fill its place whole (row_cells: 不適用, 減少1.78個百分點); a row of
 * fewer, where the page merged two cells, has cells of no known column; a
 * label with no cell before a whole row is a row of no figure; three whole
 * rows at least, or every row whole and taking every cell under a header
 * of three columns or more. Else rows of the header's width, alike: a
 * label, words that are no values (a unit column: 粮食 | 万吨 | 14.03 |)
 * and then values (fixed_width); three at least, else no table. The
 * header written again further down (header_again) heads a table of its
 * own with the rows under it, one whole row at least. Lone pipes and
 * lines of pipes alone part nothing; a lone pipe may close the table.
 * Returns the line after the layout's, *found whether a table was. */
static size_t find_label_rows_under(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i,
                                    size_t hline, const struct table_marks_rule *marks, bool *found)
{
    const UChar *t = doc->text;
    struct line hc[FIELDS_MAX];
    int w = 0;
    *found = false;
    if (hline < n) {
        w = pipes(t, &lines[hline]) >= 3 && !used[hline] ? pipe_fields(t, &lines[hline], hc, FIELDS_MAX) : 0;
        for (int k = 0; k < w; k++)
            if (field_is_bare_figure(t, &hc[k]) || hc[k].end == hc[k].start)
                w = 0; /* a header: words and years, no figure, no empty cell */
        if (w < 3)
            return i;
    }
    size_t end = i;
    for (; end < n && !used[end]; end++)
        if (pipe_cell(t, &lines[end]) < 0 && !(end > i && (pipes_alone(t, &lines[end]) ||
                                                        markdown_delimiter(t, &lines[end]))))
            break;
    struct label_cells lc = {t, xmalloc((end - i + (size_t)w + 1) * sizeof *lc.c),
                             xmalloc((end - i + (size_t)w + 1) * sizeof *lc.at), 0, marks};
    for (int k = 0; k < w; k++) {
        lc.at[lc.m] = hline;
        lc.c[lc.m++] = hc[k];
    }
    size_t delim_head = (size_t)w; /* the cells before a delimiter row: the header's */
    for (size_t k = i; k < end; k++) {
        if (markdown_delimiter(t, &lines[k])) {
            if (!delim_head)
                delim_head = lc.m;
            continue;
        }
        if (pipes_alone(t, &lines[k]))
            continue;
        struct line cell = {lines[k].start, pipe_cell(t, &lines[k])};
        lc.at[lc.m] = k;
        lc.c[lc.m++] = trimmed(t, &cell);
    }
    const struct line *c = lc.c;
    size_t m = lc.m, head = 0;
    while (head + 1 < m && (field_is_bare_figure(t, &c[head]) || !field_is_bare_figure(t, &c[head + 1])))
        head++;
    if (delim_head >= 2)
        head = delim_head;
    struct label_row *rows = xmalloc((m + 1) * sizeof *rows);
    size_t full = 0, seen = 0, stop = head >= 2 ? walk_rows(&lc, head, head, rows, &seen, &full) : head;
    /* fewer rows are a table where each is whole and they take every cell
     * to the last, under a header of three columns or more (a day's
     * bulletin of one city's row: 市县 | 小白菜 | … | 涨跌幅度(%) | / 海口 |
     * 3.47 | …) */
    bool whole = full >= 1 && full == seen && stop == m && head >= 3;
    bool fixed = false;
    if (full < 3 && !whole && !w) {
        head = fixed_width(t, c, m, &stop);
        full = head ? (stop - head) / head : 0;
        fixed = full >= 3;
        for (seen = 0; seen < full; seen++) /* rows of head cells each */
            rows[seen] = (struct label_row){head + seen * head, head - 1};
    }
    if (full >= 3 || whole) {
        struct doc_table table = {0};
        size_t first_line = w ? hline : i;
        text_caption(t, lines, first_line - (w ? 0 : corner_above(t, lines, i, used)), used, &table);
        int32_t cs = table.caption_start, ce = table.caption_end;
        size_t last = add_label_table(doc, &lc, 0, head, rows, seen, head, &table);
        for (size_t k = first_line; k <= last; k++)
            used[k] = true;
        /* the header again, and the rows under it */
        for (size_t hn; !fixed && stop < m && (hn = header_again(&lc, stop, head)) > 0;) {
            size_t n2 = 0, f2 = 0, e2 = walk_rows(&lc, stop + hn, head, rows, &n2, &f2);
            if (!f2)
                break;
            /* the same table going on under its corner left empty keeps
             * its caption (單位:元); a corner of its own opens another */
            struct doc_table more = {0};
            if (hn < head) {
                more.caption_start = cs;
                more.caption_end = ce;
            }
            last = add_label_table(doc, &lc, stop, hn, rows, n2, head, &more);
            for (size_t k = lc.at[stop]; k <= last; k++)
                used[k] = true;
            stop = e2;
        }
        end = last + 1;
        if (end < n && !used[end] && lone_pipe(t, &lines[end]))
            used[end++] = true;
        *found = true;
    }
    free(rows);
    free(lc.c);
    free(lc.at);
    return end > i ? end : i + 1;
}

static size_t find_label_rows(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i,
                              const struct table_marks_rule *marks)
{
    bool found;
    return find_label_rows_under(doc, lines, n, used, i, n, marks, &found);
}

/* ------------------------------------------------------------ a stream of cells */

/* A table flattened into a stream of cells parted by pipes, its rows not
 * marked: cells on lines of their own between lone pipes (指 标 / | /
 * 2014年 / | / 2013年 / | / | / 1470 / …: an empty cell where two pipes
 * meet), or run on in a line of text (指 标 | 年末数(万人) | 比重(%) |
 * 常住人口 | 53.48 | | 其中:城镇 | …). The header is the cells before the
 * first label that a bare figure follows; each row is a label, perhaps
 * empty, and as many cells as the header has columns after its first,
 * each a bare figure, a placeholder or empty, a figure among them; two
 * rows at least. A row of as many cells with no figure heads the next
 * table, the lines of its first cell but the last that table's caption
 * (二、在校学生数 计量单位:人 / 指 标). Elsewhere the stream ends. */

enum { STREAM_PIPES_MIN = 6 }; /* a table run on in a line: a header and two rows of two cells */

struct stream_cell {
    int32_t start, end;            /* trimmed; start == end: empty */
    size_t first, last;            /* its lines */
};

struct cell_stream {
    struct stream_cell *at;
    size_t n, cap;
};

static void stream_push(struct cell_stream *s, int32_t start, int32_t end, size_t first, size_t last)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 32;
        s->at = xrealloc(s->at, s->cap * sizeof *s->at);
    }
    s->at[s->n++] = (struct stream_cell){start, end, first, last};
}

/* A mark that ends a sentence before a table run on in its line. */
static bool sentence_end(UChar c)
{
    return c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ';' || c == '!' || c == '?';
}

/* A cell of such a stream is a line or two (a caption and a corner at
 * most), or a header a page broke word by word (2017 / 年 / 12 / 月 |
 * 同比增长( / % / ) |): short pieces, a line each. */
enum { CELL_LINES_MAX = 2, PIECE_LINES_MAX = 6, PIECE_CHARS_MAX = 4 };

/* Is the line a cell of a flattened table: of max characters at most,
 * with no mark of a sentence or a colon? */
static bool short_cell(const UChar *t, const struct line *l, int32_t max)
{
    int32_t a = skip_blanks(t, l->start, l->end), e = trim_end(t, l->start, l->end);
    if (a >= e || e - a > max || pipes(t, l))
        return false;
    for (int32_t p = a; p < e; p++)
        if (sentence_mark(t[p]) || t[p] == 0x3001 || t[p] == 0xFF1A || t[p] == ':')
            return false;
    return true;
}

static bool piece_line(const UChar *t, const struct line *l)
{
    return short_cell(t, l, PIECE_CHARS_MAX);
}

/* ... and one above the stream's first pipe, of its caption: no figure of
 * prose broken into short lines (增长 / 5.2% / 表1 / |) */
static bool caption_piece(const UChar *t, const struct line *l)
{
    for (int32_t p = l->start; p < l->end; p++)
        if (t[p] == '%' || t[p] == 0xFF05 || t[p] == '.' || t[p] == 0xFF0E)
            return false;
    return piece_line(t, l);
}

/* The cells between lone pipes from lines[i], the first lone pipe, the
 * line above it the first cell (with the pieces above it); returns the
 * line after the stream. */
static size_t lone_pipe_stream(const UChar *t, const struct line *lines, size_t n, const bool *used, size_t i,
                               struct cell_stream *s)
{
    size_t top = i - 1;
    while (top > 0 && !used[top - 1] && caption_piece(t, &lines[top - 1]) && caption_piece(t, &lines[top]) &&
           i - top < PIECE_LINES_MAX)
        top--;
    stream_push(s, skip_blanks(t, lines[top].start, lines[top].end), trim_end(t, lines[i - 1].start, lines[i - 1].end),
                top, i - 1);
    size_t k = i;
    while (k < n && !used[k] && lone_pipe(t, &lines[k])) {
        size_t a = ++k;
        while (k < n && !used[k] && !lone_pipe(t, &lines[k]) && !pipes(t, &lines[k]) && !blank_line(t, &lines[k]) &&
               (k - a < CELL_LINES_MAX || (k - a < PIECE_LINES_MAX && piece_line(t, &lines[k]) &&
                                           piece_line(t, &lines[k - 1]))))
            k++;
        if (k < n && !used[k] && lone_pipe(t, &lines[k])) {
            if (k == a)
                stream_push(s, lines[k].start, lines[k].start, a, a);
            else
                stream_push(s, skip_blanks(t, lines[a].start, lines[a].end),
                            trim_end(t, lines[k - 1].start, lines[k - 1].end), a, k - 1);
        } else if (k > a) { /* the last cell: the line after the last pipe */
            stream_push(s, skip_blanks(t, lines[a].start, lines[a].end), trim_end(t, lines[a].start, lines[a].end),
                        a, a);
            return a + 1;
        }
    }
    return k;
}

/* The cells of a table run on in the line l, from after the mark that
 * ends the sentence before its first pipe to its last pipe. */
static void inline_stream(const UChar *t, const struct line *l, size_t li, struct cell_stream *s)
{
    int32_t first = l->start;
    while (first < l->end && !is_pipe(t[first]))
        first++;
    int32_t a = first;
    while (a > l->start && !sentence_end(t[a - 1]))
        a--;
    for (int32_t p = a; p < l->end; p++) {
        if (!is_pipe(t[p]))
            continue;
        int32_t cs = skip_blanks(t, a, p);
        stream_push(s, cs, trim_end(t, cs, p), li, li);
        a = p + 1;
    }
}

static bool stream_figure(const UChar *t, const struct stream_cell *c)
{
    struct line f = {c->start, c->end};
    return field_is_bare_figure(t, &f);
}

/* Is c a cell of a row after its label: a value (field_is_value) or
 * empty? */
static bool stream_value(const UChar *t, const struct stream_cell *c)
{
    struct line f = {c->start, c->end};
    return c->start == c->end || field_is_value(t, &f);
}

/* The rows of the stream's cells from h, a table's header, of width
 * cells: how many, two at least, else 0. */
static size_t stream_rows(const UChar *t, const struct cell_stream *s, size_t h, size_t width)
{
    size_t rows = 0;
    for (size_t r = h + width; r + width <= s->n; r += width, rows++) {
        if (stream_figure(t, &s->at[r]))
            break;
        bool fits = true, figure = false;
        for (size_t k = r + 1; k < r + width && fits; k++) {
            fits = stream_value(t, &s->at[k]);
            figure = figure || stream_figure(t, &s->at[k]);
        }
        if (!fits || !figure)
            break;
    }
    return rows >= 2 ? rows : 0;
}

/* May c stand in a stream's header: no figure but a year (2013 | 2014)? */
static bool stream_header_cell(const UChar *t, const struct stream_cell *c)
{
    struct line f = {c->start, c->end};
    return !stream_figure(t, c) || field_is_year(t, &f);
}

/* The caption a stream's cells before its header make (單位:萬元): from the
 * first of them that holds text to the last; false where none does. */
static bool stream_caption(const struct cell_stream *s, size_t head, int32_t *start, int32_t *end)
{
    size_t a = 0, b = head;
    while (a < b && s->at[a].start == s->at[a].end)
        a++;
    while (b > a && s->at[b - 1].start == s->at[b - 1].end)
        b--;
    if (a == b)
        return false;
    *start = s->at[a].start;
    *end = s->at[b - 1].end;
    return true;
}

/* Is c a cell of a units row under a stream's header: a unit in brackets
 * and no figure (单位(元/公斤), (%))? */
static bool stream_unit_cell(const UChar *t, const struct stream_cell *c)
{
    enum { UNIT_CELL_MAX = 16 };
    bool open = false, close = false;
    for (int32_t p = c->start; p < c->end; p++) {
        if (u_isdigit(t[p]))
            return false;
        int32_t type = u_getIntPropertyValue(t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        open = open || type == U_BPT_OPEN;
        close = close || (open && type == U_BPT_CLOSE);
    }
    return c->end - c->start <= UNIT_CELL_MAX && close;
}

/* Is c a percent unit's cell, (%)? */
static bool stream_percent_unit(const UChar *t, const struct stream_cell *c)
{
    int32_t n = 0;
    for (int32_t p = c->start; p < c->end; p++)
        n += t[p] == '%' || t[p] == 0xFF05;
    return n == 1 && c->end - c->start == 3 && stream_unit_cell(t, c);
}

/* Does the cell end with a percent sign (-2.9%)? */
static bool ends_in_percent(const UChar *t, const struct stream_cell *c)
{
    return c->end > c->start && (t[c->end - 1] == '%' || t[c->end - 1] == 0xFF05);
}

/* Where the columns of a units row of two cells part, a unit and (%) (单位(元/公斤)
 * | (%) under 上周 | 本周 | 去年同期 | 环比 | 同比): the page lost the spans,
 * and the cells tell them: from the first column whose cells all end in %
 * to the last, every one does, and none before it does. rows[k] is where
 * the k-th of n full rows of width cells begins. The first column of the
 * second unit, or 0 where the cells tell none. */
static int units_split(const UChar *t, const struct cell_stream *s, const size_t *rows, size_t n, size_t width)
{
    int split = 0;
    for (size_t c = 1; c < width; c++) {
        size_t pct = 0;
        for (size_t k = 0; k < n; k++)
            pct += ends_in_percent(t, &s->at[rows[k] + c]);
        if (pct == n && !split)
            split = (int)c;
        else if (pct != (split ? n : 0))
            return 0;
    }
    return split > 1 ? split : 0;
}

/* A stream whose rows a page ends with an empty cell each (区域 | 省市 |
 * 今日均价 | … | | 东北 | 辽宁省 | 11.25 | … | 元/KG | | 吉林省 | 10.91 |
 * …): the header is its first row of three cells or more with no figure
 * but a year, two rows at least below it of as many cells, or of one less
 * where the row lost its first cell to a label across rows (东北 over 吉林省),
 * each a label and a figure after it; the rows above the header are its
 * caption. Adds the table to doc and returns true, or false where the
 * stream has no such rows. */
static bool blank_ended_rows(struct doc *doc, bool *used, const struct cell_stream *s)
{
    enum { WIDTH_MIN = 3 };
    const UChar *t = doc->text;
    size_t head = 0, width = 0, end = 0, rows = 0;
    /* a units row under the header: its cells (one, or a unit and (%)),
     * where it begins, and the column where its second unit begins */
    size_t units = 0, units_at = 0;
    int split = 0;
    size_t *full = NULL, nfull = 0, full_cap = 0; /* where the full rows begin */
    bool below_line = false; /* the header tried without the stream's first cell */
    for (size_t a = 0; a < s->n && !rows;) {
        size_t b = a;
        while (b < s->n && s->at[b].start < s->at[b].end)
            b++;
        /* a header: no figure but a year */
        bool header = b - a >= WIDTH_MIN;
        for (size_t k = a; k < b && header; k++)
            header = stream_header_cell(t, &s->at[k]);
        size_t r = b + 1, count = 0, nu = 0;
        nfull = 0;
        if (header && r < s->n) {
            size_t e = r;
            while (e < s->n && s->at[e].start < s->at[e].end)
                e++;
            nu = e - r;
            bool all = nu >= 1 && nu <= 2;
            for (size_t k = r; k < e && all; k++)
                all = stream_unit_cell(t, &s->at[k]);
            if (all && (nu == 1 || (!stream_percent_unit(t, &s->at[r]) && stream_percent_unit(t, &s->at[r + 1]))))
                r = e + 1;
            else
                nu = 0;
        }
        bool labels2 = false; /* full rows have a second column of labels */
        while (header && r < s->n) {
            size_t e = r;
            while (e < s->n && s->at[e].start < s->at[e].end)
                e++;
            bool figure = false;
            for (size_t k = r + 1; k < e; k++)
                figure = figure || stream_figure(t, &s->at[k]);
            if ((e - r != b - a && e - r + 1 != b - a) || stream_figure(t, &s->at[r]) || !figure)
                break;
            if (e - r == b - a) {
                labels2 = labels2 || !stream_figure(t, &s->at[r + 1]);
                if (nfull == full_cap) {
                    full_cap = full_cap ? 2 * full_cap : 16;
                    full = xrealloc(full, full_cap * sizeof *full);
                }
                full[nfull++] = r;
            }
            /* a row one short lost its first cell only where a figure
             * follows its label and the full rows have two labels (东北 |
             * 辽宁省 | 11.25 over 吉林省 | 10.91); else it lost its last
             * (西片 | 丙县 | 11.80 | 0.5 under five columns): no row of it */
            else if (!labels2 || !stream_figure(t, &s->at[r + 1]))
                break;
            count++;
            end = e;
            r = e + 1;
        }
        /* a unit and (%) over the columns: where they part, as the cells
         * tell it; where they do not, no table of these rows */
        int parts = nu == 2 ? units_split(t, s, full, nfull, b - a) : 0;
        if (count >= 2 && (nu != 2 || parts)) {
            head = a;
            width = b - a;
            rows = count;
            units = nu;
            units_at = b + 1;
            split = parts;
        } else if (a == 0 && !below_line && b - a > WIDTH_MIN) {
            /* the stream's first cell is the line above its first pipe: a
             * caption (表1 重点监测的畜禽产品价格) before the header's cells */
            below_line = true;
            a = 1;
            continue;
        }
        a = b + 1;
    }
    free(full);
    if (!rows)
        return false;
    struct doc_table table = {0};
    size_t ccap = 0;
    int row = 0, col = 0;
    /* the label across the rows one short after its own, by its index:
     * push_cell may move the cells */
    size_t group = SIZE_MAX;
    for (size_t k = head; k < end; k++) {
        const struct stream_cell *c = &s->at[k];
        if (units && k == units_at) {
            /* the units row: over the columns of its unit each */
            int cols = (int)width - 1, first = units == 2 ? split - 1 : cols;
            push_cell(&table, &ccap, c->start, c->end, row, 1)->colspan = first;
            if (units == 2)
                push_cell(&table, &ccap, s->at[k + 1].start, s->at[k + 1].end, row, split)->colspan = cols - first;
            k += units - 1;
            continue;
        }
        if (c->start == c->end) {
            row++;
            size_t e = k + 1;
            while (e < end && s->at[e].start < s->at[e].end)
                e++;
            col = e - k - 1 < width ? 1 : 0;
            if (col && group != SIZE_MAX)
                table.cells[group].rowspan++;
            else
                group = SIZE_MAX;
            continue;
        }
        push_cell(&table, &ccap, c->start, c->end, row, col++);
        if (row > 0 && col == 1)
            group = table.ncells - 1;
    }
    stream_caption(s, head, &table.caption_start, &table.caption_end);
    table.start = s->at[head].start;
    table.end = s->at[end - 1].end;
    for (size_t k = s->at[0].first; k <= s->at[end - 1].last; k++)
        used[k] = true;
    doc_add_table(doc, &table);
    return true;
}

/* A stream whose rows hold words after their label, in the same places in
 * every row (a spec and a unit column: 大 米 | 粳米 | 千克 | 5.74 | 0.01 |
 * 0.2, under 商品名称 | 规格等级 | 单位 | 本期价格(元) | …): rows of the
 * header's width, alike, three at least (fixed_width, as for rows a cell
 * a line). Adds the table and returns true; false where the cells make
 * none. */
static bool fixed_stream_rows(struct doc *doc, const struct line *lines, bool *used, const struct cell_stream *s)
{
    const UChar *t = doc->text;
    struct line *c = xmalloc((s->n + 1) * sizeof *c);
    for (size_t k = 0; k < s->n; k++)
        c[k] = (struct line){s->at[k].start, s->at[k].end};
    size_t stop, from = 0, width = fixed_width(t, c, s->n, &stop);
    if (!width)
        width = sectioned_width(t, c, s->n, &from, &stop);
    free(c);
    if (!width)
        return false;
    struct doc_table table = {.start = s->at[from].start, .end = s->at[stop - 1].end};
    size_t ccap = 0;
    for (size_t k = from; k < stop; k++)
        if (s->at[k].start < s->at[k].end)
            push_cell(&table, &ccap, s->at[k].start, s->at[k].end, (int)((k - from) / width),
                      (int)((k - from) % width));
    for (size_t k = s->at[0].first; k <= s->at[stop - 1].last; k++)
        used[k] = true;
    if (from) { /* the cells before the header: its caption (单位:人 | unit:person) */
        table.caption_start = s->at[0].start;
        table.caption_end = s->at[from - 1].end;
    } else {
        text_caption(t, lines, s->at[0].first, used, &table);
    }
    doc_add_table(doc, &table);
    return true;
}

static size_t find_cell_stream(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    const UChar *t = doc->text;
    struct cell_stream s = {0};
    size_t next;
    if (lone_pipe(t, &lines[i])) {
        if (i == 0 || used[i - 1] || pipes(t, &lines[i - 1]) || blank_line(t, &lines[i - 1]))
            return i + 1;
        next = lone_pipe_stream(t, lines, n, used, i, &s);
    } else {
        inline_stream(t, &lines[i], i, &s);
        next = i + 1;
    }
    /* the header's width: the cells before the first label a figure follows;
     * a header holds no figure but a year (2013 | 2014): figures before the
     * first label are a table whose head this stream lacks (its line above
     * cut it off), no table to read */
    size_t width = 0, rows, head = 0;
    bool found = false;
    struct line caption = {0, 0};
    while (width + 1 < s.n && (stream_figure(t, &s.at[width]) || !stream_figure(t, &s.at[width + 1])))
        width++;
    /* rows shorter than that, from the first label to the next (單位:萬元 |
     * | 項目 | 合計 | … | | 行政經費 | 312.23 | …): the cells before the
     * header of their width are its caption */
    size_t next_label = width + 1;
    while (next_label < s.n && stream_value(t, &s.at[next_label]))
        next_label++;
    if (next_label < s.n && next_label - width < width && next_label - width >= 2) {
        head = width - (next_label - width);
        width = next_label - width;
        /* a header of rows parted by empty cells holds none but at its
         * end (地区 | 均价 | 环比 | | 华东 | 猪肉 | 26.50 …: rows of two widths,
         * which blank_ended_rows reads; this one would slide them) */
        for (size_t k = head; k + 1 < head + width; k++)
            if (s.at[k].start == s.at[k].end)
                width = 0;
    }
    for (size_t k = head; k < head + width; k++)
        if (!stream_header_cell(t, &s.at[k]))
            width = 0;
    if (head > 0 && width >= 2 && stream_rows(t, &s, head, width) > 0)
        stream_caption(&s, head, &caption.start, &caption.end);
    for (size_t first = head; width >= 2 && (rows = stream_rows(t, &s, head, width)) > 0;) {
        struct doc_table table = {0};
        size_t ccap = 0;
        const struct stream_cell *corner = &s.at[head];
        int32_t corner_start = corner->start;
        if (head > 0 && corner->last > corner->first) { /* a caption above the corner */
            corner_start = skip_blanks(t, lines[corner->last].start, lines[corner->last].end);
            table.caption_start = corner->start;
            table.caption_end = trim_end(t, lines[corner->last - 1].start, lines[corner->last - 1].end);
        }
        if (head == first && caption.end > caption.start) {
            corner_start = corner->start;
            table.caption_start = caption.start;
            table.caption_end = caption.end;
        }
        size_t end = head + width * (1 + rows);
        for (size_t k = head; k < end; k++) {
            const struct stream_cell *c = &s.at[k];
            if (c->start == c->end)
                continue;
            push_cell(&table, &ccap, k == head ? corner_start : c->start, c->end, (int)((k - head) / width),
                      (int)((k - head) % width));
        }
        table.start = corner_start;
        table.end = s.at[end - 1].end;
        for (size_t k = s.at[head == first ? 0 : head].first; k <= s.at[end - 1].last; k++)
            used[k] = true;
        if (head == 0)
            text_caption(t, lines, s.at[0].first, used, &table);
        doc_add_table(doc, &table);
        found = true;
        /* the next table: a row of as many cells, no figure among them */
        head = end;
        bool header = head + width <= s.n;
        for (size_t k = head; header && k < head + width; k++)
            header = s.at[k].start < s.at[k].end && !stream_figure(t, &s.at[k]);
        if (!header)
            break;
    }
    if (!found && !blank_ended_rows(doc, used, &s))
        fixed_stream_rows(doc, lines, used, &s);
    free(s.at);
    return next > i ? next : i + 1;
}

/* ------------------------------------------------------------ a cell a line, no pipes */

/* A table a web page flattens with no pipes at all: each cell a line of its
 * own, blank lines between (价格指数 / 2023 年 / 第一季 / … / 整体指数 PPI /
 * 3.3 / -0.2 / …). Its rows are a label and as many bare figures each, three
 * rows at least; the lines above the first row, back to a line that is no
 * cell (a caption with a colon, prose), are its header: a corner, then the
 * columns' headers, each of as many lines, then perhaps notes in brackets
 * (环比 % 变动) that differ in words only, which say the unit of all its
 * figures and stand as its caption. A header that does not fit is left
 * out, and so is its unit. */

enum { PLAIN_CELL_MAX = 24 }; /* a cell of such a table is short: a label, a figure, a note */

/* Is the line a cell of such a table? */
static bool plain_cell(const UChar *t, const struct line *l)
{
    return short_cell(t, l, PLAIN_CELL_MAX);
}

/* Do two notes differ in words only: the same characters but ideographs
 * and blanks, a symbol among them ((环比 % 变动), (同比 % 变动); not (亿元)
 * and (万人), which differ in their units)? */
static bool same_but_words(const UChar *t, const struct line *a, const struct line *b)
{
    int32_t p = a->start, q = b->start;
    bool symbol = false;
    for (;;) {
        while (p < a->end && (u_hasBinaryProperty(t[p], UCHAR_IDEOGRAPHIC) || is_blank(t[p])))
            p++;
        while (q < b->end && (u_hasBinaryProperty(t[q], UCHAR_IDEOGRAPHIC) || is_blank(t[q])))
            q++;
        if (p == a->end || q == b->end)
            return p == a->end && q == b->end && symbol;
        symbol = symbol || u_getIntPropertyValue(t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_NONE;
        if (t[p++] != t[q++])
            return false;
    }
}

/* Is the line a label of such a table's body: short, with no mark of a
 * sentence, perhaps numbered (一、 分季节, 1、 夏粮: 、 only after a number
 * that opens it) or a part (其中: 稻谷: a colon with words after it)? With
 * joined, 、 may join two words of it too (交通运输、仓储和邮政业). */
static bool plain_label(const UChar *t, const struct line *l, bool joined)
{
    int32_t a = skip_blanks(t, l->start, l->end), e = trim_end(t, l->start, l->end);
    /* a rate's denominator alone (/公斤) is a unit's cell, no label */
    if (a >= e || e - a > PLAIN_CELL_MAX || pipes(t, l) || t[a] == '/' || t[a] == 0xFF0F)
        return false;
    bool colon = false;
    for (int32_t p = numbers_outline_end(t, a, e); p < e; p++) {
        /* 、 between two words of a name (交通运输、仓储和邮政业), where
         * the caller allows it */
        bool joins = joined && t[p] == 0x3001 && p > a && p + 1 < e &&
                     u_hasBinaryProperty(t[p - 1], UCHAR_IDEOGRAPHIC) && u_hasBinaryProperty(t[p + 1], UCHAR_IDEOGRAPHIC);
        if (sentence_mark(t[p]) || (t[p] == 0x3001 && !joins))
            return false;
        if (t[p] == 0xFF1A || t[p] == ':') {
            if (colon || skip_blanks(t, p + 1, e) == e)
                return false;
            colon = true;
        }
    }
    return true;
}

/* Is the field a figure of such a table: a bare figure, or one whose
 * point a typeset page spaced (119319. 1)? */
static bool plain_figure(const UChar *t, const struct line *f)
{
    if (field_is_bare_figure(t, f))
        return true;
    int32_t p = f->start;
    while (p < f->end && u_isdigit(t[p]))
        p++;
    /* as the number scanner reads it: four digits or more, no year */
    if (p == f->start || p + 2 >= f->end || !numbers_spaced_point(t, p, f->end))
        return false;
    for (int32_t q = skip_blanks(t, p + 1, f->end); q < f->end; q++)
        if (!u_isdigit(t[q]))
            return false;
    return true;
}

/* Is the r-th cell in brackets ((千公顷), (环比 % 变动))? */
static bool bracketed_at(const UChar *t, const struct line *lines, const size_t *idx, size_t r)
{
    struct line f = trimmed(t, &lines[idx[r]]);
    return bracketed(t, &f);
}

/* Does the r-th cell end in brackets as a unit's are ((千公顷), 增长(%))? */
static bool unit_closes_at(const UChar *t, const struct line *lines, const size_t *idx, size_t r)
{
    struct line f = trimmed(t, &lines[idx[r]]);
    return unit_bracket_len(t, &f) > 0;
}

static bool plain_figure_at(const UChar *t, const struct line *lines, const size_t *idx, size_t r)
{
    struct line f = trimmed(t, &lines[idx[r]]);
    return plain_figure(t, &f);
}

/* A cell a line set column by column, as a page may flatten a table: the
 * header's h cells, the n labels of the rows, then the n figures of each
 * column after the first in turn (产品名称 / 产量 / 比上年增长% / 粮食 / 油料 /
 * … / 135197 / 62.3 / … / 5.2 / 16.0 / …), perhaps after a caption of a
 * line or two (单位:吨). So where the figures that follow the labels are
 * (h - 1) * n exactly, three rows at least and four figures (one column of
 * three may be a table cut short). The line after the table, or 0 where
 * the cells idx[0, m) are not such a table. */
static size_t column_major(struct doc *doc, const struct line *lines, const size_t *idx, size_t m, bool *used)
{
    enum { CAPTION_LINES_MAX = 2, COLUMNS_MAX = 6, ROWS_MIN = 3 };
    const UChar *t = doc->text;
    size_t words = 0, figures = 0;
    while (words < m && !plain_figure_at(t, lines, idx, words))
        words++;
    while (words + figures < m && plain_figure_at(t, lines, idx, words + figures))
        figures++;
    /* one reading only: where two fit, the counts tell nothing */
    size_t cap = 0, h = 0, fits = 0;
    for (size_t c = 0; c <= CAPTION_LINES_MAX; c++)
        for (size_t w = 2; w <= COLUMNS_MAX; w++)
            if (words >= c + w + ROWS_MIN && figures == (w - 1) * (words - c - w) && figures > ROWS_MIN) {
                cap = c;
                h = w;
                fits++;
            }
    if (fits != 1)
        return 0;
    size_t n = words - cap - h, last = words + figures - 1;
    struct doc_table table = {.start = lines[idx[cap]].start, .end = lines[idx[last]].end,
                              .counted = true};
    size_t ccap = 0;
    for (size_t x = cap; x <= last; x++) { /* in the text's order */
        struct line f = trimmed(t, &lines[idx[x]]);
        size_t row = x < cap + h ? 0 : x < words ? x - cap - h + 1 : (x - words) % n + 1;
        size_t col = x < cap + h ? x - cap : x < words ? 0 : (x - words) / n + 1;
        push_cell(&table, &ccap, f.start, f.end, (int)row, (int)col);
    }
    if (cap) {
        table.caption_start = trimmed(t, &lines[idx[0]]).start;
        table.caption_end = trimmed(t, &lines[idx[cap - 1]]).end;
    }
    for (size_t x = idx[0]; x <= idx[last]; x++)
        used[x] = true;
    if (!cap)
        text_caption(t, lines, idx[0], used, &table);
    doc_add_table(doc, &table);
    return idx[last] + 1;
}

/* The year of the r-th cell where it is a bare year (2007, 2007年), else 0. */
static int bare_year_at(const UChar *t, const struct line *lines, const size_t *idx, size_t r)
{
    struct line f = trimmed(t, &lines[idx[r]]);
    return field_is_bare_year(t, &f) ? year_opening(t, &f) : 0;
}

/* A corner over years in order as the columns' names, the first row's
 * figures right after them with no label of their own, its label the
 * corner's (出院人数 / 2007 / … / 2011 / 144.2 / … / 201.2 / 其中:医院 /
 * 132.7 / …: the cell r0, then 2 y figures); then rows of a label and y
 * figures, two at least. The line after the table, or 0 where the cells
 * from idx[r0] are not such a table. */
static size_t years_over_first_row(struct doc *doc, const struct line *lines, const size_t *idx, size_t m,
                                   size_t r0, size_t k, bool *used)
{
    const UChar *t = doc->text;
    size_t y = 0;
    while (y < k && bare_year_at(t, lines, idx, r0 + 1 + y) &&
           (y == 0 || bare_year_at(t, lines, idx, r0 + 1 + y) == bare_year_at(t, lines, idx, r0 + y) + 1))
        y++;
    if (y < 2 || k != 2 * y)
        return 0;
    /* a corner with a year is a title (表3 2019-2021年…); PM2.5年均浓度 is
     * a corner */
    struct line corner = trimmed(t, &lines[idx[r0]]);
    for (int32_t p = corner.start; p + 4 <= corner.end; p++)
        if (year_opening(t, &(struct line){p, corner.end}))
            return 0;
    size_t r = r0 + 1 + k, rows = 0;
    while (r + y < m && !plain_figure_at(t, lines, idx, r)) {
        size_t c = 1;
        while (c <= y && plain_figure_at(t, lines, idx, r + c))
            c++;
        if (c <= y || (r + y + 1 < m && plain_figure_at(t, lines, idx, r + y + 1)))
            break;
        rows++;
        r += y + 1;
    }
    if (rows < 2)
        return 0;
    size_t last = r - 1;
    struct doc_table table = {.start = lines[idx[r0]].start, .end = lines[idx[last]].end, .corner_names_row = true};
    size_t ccap = 0;
    for (size_t c = 0; c <= y; c++) {
        struct line f = trimmed(t, &lines[idx[r0 + c]]);
        push_cell(&table, &ccap, f.start, f.end, 0, (int)c);
    }
    /* the first row's label, empty: the corner names it (corner_names_row) */
    struct line first = trimmed(t, &lines[idx[r0 + 1 + y]]);
    push_cell(&table, &ccap, first.start, first.start, 1, 0);
    int row = 1;
    for (size_t x = r0 + 1 + y; x <= last; row++) {
        size_t c0 = x == r0 + 1 + y ? 1 : 0;
        for (size_t c = c0; c <= y; c++, x++) {
            struct line f = trimmed(t, &lines[idx[x]]);
            push_cell(&table, &ccap, f.start, f.end, row, (int)c);
        }
    }
    for (size_t x = idx[r0]; x <= idx[last]; x++)
        used[x] = true;
    text_caption(t, lines, idx[r0], used, &table);
    doc_add_table(doc, &table);
    return idx[last] + 1;
}

static size_t find_plain_cells(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    const UChar *t = doc->text;
    size_t *idx = NULL, m = 0, cap = 0, end = i;
    for (; end < n && !used[end]; end++) {
        if (blank_line(t, &lines[end]))
            continue; /* a blank line between cells */
        struct line f = trimmed(t, &lines[end]);
        /* 、 joins the words of a row's label, a figure on one of the next
         * two lines (after a cell of its unit: 交通运输、仓储和邮政业 / 亿元 /
         * 697.2); a title (表2 猪肉、牛肉价格) or a source (资料来源：市统计局、
         * 市农业农村局) ends the table */
        bool joined = false;
        for (size_t next = end + 1, seen = 0; next < n && !used[next] && seen < 2 && !joined; next++) {
            if (blank_line(t, &lines[next]))
                continue;
            struct line g = trimmed(t, &lines[next]);
            joined = plain_figure(t, &g);
            seen++;
        }
        if (!plain_label(t, &lines[end], joined) && !plain_figure(t, &f)) /* a plain_cell is a label too */
            break;
        if (m == cap)
            idx = xrealloc(idx, (cap = cap ? 2 * cap : 64) * sizeof *idx);
        idx[m++] = end;
    }
    /* the first row: a label two figures follow (a date of one figure
     * above the table is none: 国家统计局 / 2018824) */
    size_t r0 = 0;
    while (r0 + 2 < m && (plain_figure_at(t, lines, idx, r0) || !plain_figure_at(t, lines, idx, r0 + 1) ||
                          !plain_figure_at(t, lines, idx, r0 + 2)))
        r0++;
    size_t k = 0;
    while (r0 + 1 + k < m && plain_figure_at(t, lines, idx, r0 + 1 + k))
        k++;
    size_t years_next = years_over_first_row(doc, lines, idx, m, r0, k, used);
    if (years_next) {
        free(idx);
        return years_next;
    }
    /* the rows: a label and k figures; a label alone before another label
     * heads a section of them (一、 分季节 / 1、 夏粮 / 26613. 1 / …) */
    size_t rows = 0, last = r0, r = r0;
    while (k >= 2 && r < m && !plain_figure_at(t, lines, idx, r)) {
        bool row = r + k < m;
        for (size_t c = 1; row && c <= k; c++)
            row = plain_figure_at(t, lines, idx, r + c);
        if (row) {
            rows++;
            last = r + k;
            r += k + 1;
        } else if (r + 1 < m && !plain_figure_at(t, lines, idx, r + 1)) {
            r++;
        } else {
            break;
        }
    }
    /* the header: cells before the first row, from after the last line
     * that is no cell of a header */
    size_t first = r0;
    while (first > 0 && plain_cell(t, &lines[idx[first - 1]]))
        first--;
    if (rows < 3) {
        size_t next = column_major(doc, lines, idx, m, used);
        free(idx);
        return next ? next : end > i ? end : i + 1;
    }
    /* a corner (perhaps), then columns of as many lines each, then perhaps
     * notes in brackets that differ in words only, the unit of all */
    size_t head = r0 - first, notes = 0;
    while (notes + 1 < head && bracketed_at(t, lines, idx, r0 - 1 - notes))
        notes++;
    for (size_t x = r0 - notes + 1; x < r0; x++) {
        struct line a = trimmed(t, &lines[idx[r0 - notes]]), b = trimmed(t, &lines[idx[x]]);
        if (!same_but_words(t, &a, &b))
            notes = 0; /* notes that differ: no unit of all the table */
    }
    size_t cols = head >= 1 + notes ? head - 1 - notes : 0, per = cols % k == 0 ? cols / k : 0;
    /* columns of several lines each, where two lines of a column end in
     * a unit (绝对额(亿元) / 比上年同期增长(%)), are no columns: a column's
     * name ends in its unit, the lines above them a title */
    for (size_t c = 0; per >= 2 && c < k; c++) {
        size_t units = 0;
        for (size_t x = 0; x < per; x++)
            units += unit_closes_at(t, lines, idx, first + 1 + c * per + x);
        if (units >= 2)
            per = 0;
    }
    /* a title of a line or two above the corner (2021年全市生产总值及增长速度
     * / 指 标 / 绝对数(亿元) / 比上年增长(%); 社会消费品零售总额 / 2022年9月 /
     * 指标 / …): the header without it, its last line the caption */
    enum { TITLE_LINES_MAX = 2, TITLE_WORD_MIN = 5 };
    bool titled = per == 0 && notes == 0 && cols > k && cols <= k + TITLE_LINES_MAX;
    /* a title of two lines names what or when, no short word of a header
     * (商品 / 单位 / 本周价格 …: 商品 is the corner) */
    for (size_t x = first; titled && cols - k > 1 && x < first + (cols - k); x++) {
        struct line f = trimmed(t, &lines[idx[x]]);
        titled = field_has_numeral(t, &f) || f.end - f.start >= TITLE_WORD_MIN;
    }
    /* ... and its last line is no year alone, the first line of a column
     * wrapped in two (2023年 / 1-9月) */
    if (titled && cols - k > 1) {
        struct line f = trimmed(t, &lines[idx[first + (cols - k) - 1]]);
        titled = !field_is_bare_year(t, &f);
    }
    if (titled) {
        size_t title = cols - k;
        first += title;
        head -= title;
        cols = k;
        per = 1;
    }
    bool corner = per >= 1;
    /* else no corner: each column a name, then its unit in brackets
     * (播种面积 / (千公顷); 比上年同期 / 增长(%)), the lines above them a
     * title (2022年上半年), the caption */
    bool named = per == 0 && head >= 2 * k;
    size_t named_first = named ? r0 - 2 * k : first;
    for (size_t c = 0; named && c < k; c++)
        named = !bracketed_at(t, lines, idx, named_first + 2 * c) &&
                unit_closes_at(t, lines, idx, named_first + 2 * c + 1);
    if (named) {
        per = 2;
        notes = 0;
        first = named_first;
    }
    struct doc_table table = {.start = lines[idx[first]].start, .end = lines[idx[last]].end};
    size_t ccap = 0, row = 0, top = first + corner;
    if (per >= 1) {
        if (corner) {
            struct line c = trimmed(t, &lines[idx[first]]);
            push_cell(&table, &ccap, c.start, c.end, 0, 0);
        }
        for (size_t c = 0; c < k; c++) {
            struct line a = trimmed(t, &lines[idx[top + c * per]]), b = trimmed(t, &lines[idx[top + c * per + per - 1]]);
            push_cell(&table, &ccap, a.start, b.end, 0, (int)c + 1);
        }
        row = 1;
    } else {
        first = r0;
        table.start = lines[idx[r0]].start;
    }
    for (size_t x = r0; x < last;) {
        size_t width = x + k <= last && plain_figure_at(t, lines, idx, x + 1) ? k : 0;
        for (size_t c = 0; c <= width; c++) {
            struct line f = trimmed(t, &lines[idx[x + c]]);
            push_cell(&table, &ccap, f.start, f.end, (int)row, (int)c);
        }
        x += width + 1;
        row++;
    }
    for (size_t x = idx[first]; x <= idx[last]; x++)
        used[x] = true;
    if (per >= 1 && notes) {
        struct line a = trimmed(t, &lines[idx[r0 - notes]]), b = trimmed(t, &lines[idx[r0 - 1]]);
        table.caption_start = a.start;
        table.caption_end = b.end;
    } else if (named && first > 0 && !plain_figure_at(t, lines, idx, first - 1)) {
        struct line a = trimmed(t, &lines[idx[first - 1]]); /* the title's last line */
        table.caption_start = a.start;
        table.caption_end = a.end;
    } else {
        /* lines enough for a header above the rows that do not fit: the
         * last of them is no caption, and no figure has a unit but its own */
        table.header_lost = per == 0 && !named && !notes && head >= k;
        if (!table.header_lost)
            text_caption(t, lines, idx[first], used, &table);
    }
    doc_add_table(doc, &table);
    size_t next = idx[last] + 1;
    free(idx);
    return next;
}

/* ------------------------------------------------------------ ledgers */

/* A yearbook's page as text sets each row as its label, often in two
 * languages and with its unit (机构数(个) Number of Institutions (unit)),
 * then its figures, all with single blanks, under a line that names the
 * columns (2009 2010): the label's blanks make the fields of its rows no
 * columns, so the figures at a row's end are its cells. */

/* Does a character end a sentence or a clause (。，；！？): a label holds none. */
static bool sentence_mark(UChar c)
{
    return c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F;
}

/* Is a field a placeholder of a figure not given (—, …, -, *), three
 * characters at most? */
static bool field_is_placeholder(const UChar *t, const struct line *f)
{
    if (f->end <= f->start || f->end - f->start > 3)
        return false;
    for (int32_t p = f->start; p < f->end; p++)
        if (!u_hasBinaryProperty(t[p], UCHAR_DASH) && t[p] != 0x2026 && t[p] != 0x22EF && t[p] != '*')
            return false;
    return true;
}

/* Does a field begin with a year (1900 to 2100), alone or with 年 and
 * what follows it (2023年, 2023年末, 2023年12月31日, 2023 年度)? */
static bool field_is_year(const UChar *t, const struct line *f)
{
    int32_t e = f->start + 4, y = skip_blanks(t, e, f->end);
    if (f->end != e && !(f->end > y && t[y] == 0x5E74))
        return false;
    return year_opening(t, f) != 0;
}

/* A label (a name and its English gloss), and a line of Latin letters
 * alone (a longer one is a note that ends the ledger), in characters but
 * the blanks that align them */
enum { LEDGER_LABEL_MAX = 160, LEDGER_LINE_MAX = 100 };

/* Is t[a, b) a label: a letter in it, no mark of a sentence, not too long? */
static bool ledger_label(const UChar *t, int32_t a, int32_t b, bool row)
{
    if (b <= a)
        return false;
    bool letter = false;
    int32_t shown = 0; /* the blanks that align its columns aside */
    for (int32_t p = a; p < b; p++) {
        if (sentence_mark(t[p]))
            return false;
        letter = letter || u_isalpha(t[p]);
        shown += !is_blank(t[p]);
    }
    /* a line of Latin letters alone, longer than a line's label, is a note */
    bool han = row || has_han(t, &(struct line){a, b});
    return letter && shown <= (han ? LEDGER_LABEL_MAX : LEDGER_LINE_MAX);
}

/* A row of a ledger: a label, then figures (or placeholders of figures),
 * one at least, to the line's end. Returns how many fields end the row
 * (f holds the line's n fields), 0 if the line is no such row. */
static int ledger_row(const UChar *t, const struct line *l, struct line *f, int *n)
{
    *n = blank_fields(t, l, f, FIELDS_MAX);
    if (*n < 2 || *n > FIELDS_MAX)
        return 0;
    int run = 0, figures = 0;
    while (run < *n) {
        const struct line *x = &f[*n - 1 - run];
        bool figure = field_is_bare_figure(t, x);
        if (!figure && !field_is_placeholder(t, x))
            break;
        figures += figure;
        run++;
    }
    if (!figures || run == *n || !ledger_label(t, f[0].start, f[*n - run - 1].end, true))
        return 0;
    return run;
}

/* A line of a label alone in a ledger (人口(万人) Population (10 000
 * persons), a section): no figure at its end. */
static bool ledger_label_line(const UChar *t, const struct line *l, struct line *f)
{
    int n = blank_fields(t, l, f, FIELDS_MAX);
    if (n < 1 || n > FIELDS_MAX || field_is_bare_figure(t, &f[n - 1]) || field_is_placeholder(t, &f[n - 1]))
        return false;
    return ledger_label(t, f[0].start, f[n - 1].end, false);
}

/* Does the line name a ledger's width columns, a year among them: as
 * many fields, or one more (the corner, 指标), or more before columns that
 * begin with a year (指标 Item 2009 2010 增长%)? A name of a column opens
 * with no bracket and is no figure but a year; the years stand together;
 * the corner holds no year (where it does, a name of a column was split
 * and the years stand one column off). *corner: the fields before the
 * columns. */
static bool ledger_header(const UChar *t, const struct line *l, struct line *f, int width, int *corner)
{
    int n = single_blank_fields(t, l, f, FIELDS_MAX);
    if (n < width || n > FIELDS_MAX)
        return false;
    *corner = n - width;
    for (int k = 0; k < *corner; k++)
        if (field_is_year(t, &f[k]))
            return false;
    bool years = true, any = false, gap = false;
    for (int k = *corner; k < n; k++) {
        bool year = field_is_year(t, &f[k]);
        if (year && gap)
            return false; /* a name between years: 2020 over 2019, a phrase split */
        gap = gap || (any && !year);
        years = years && year;
        any = any || year;
        if (u_charType(t[f[k].start]) == U_START_PUNCTUATION || (!year && field_is_figure(t, &f[k])))
            return false;
        for (int32_t p = f[k].start; p < f[k].end; p++)
            if (sentence_mark(t[p]))
                return false;
    }
    return any && (*corner <= 1 || years || field_is_year(t, &f[*corner]));
}

/* Does the line hold a colon (单位:元: a unit line, no label's rest)? */
static bool has_colon(const UChar *t, const struct line *l)
{
    for (int32_t p = l->start; p < l->end; p++)
        if (t[p] == ':' || t[p] == 0xFF1A)
            return true;
    return false;
}

/* Does the line name columns by two years or more (项目 2022年12月31日
 * 2022 年 1 月 1 日 同比增减): a header, no label, that begins a table? */
static bool names_years(const UChar *t, const struct line *l)
{
    struct line f[FIELDS_MAX];
    int n = single_blank_fields(t, l, f, FIELDS_MAX), years = 0;
    for (int k = 0; k < n && k < FIELDS_MAX; k++)
        years += field_is_year(t, &f[k]);
    return years >= 2;
}

/* A line of figures alone (2891 3280 2589 2939): how many, or 0. */
static int figures_line(const UChar *t, const struct line *l)
{
    struct line f[FIELDS_MAX];
    int n = blank_fields(t, l, f, FIELDS_MAX), figures = 0;
    if (n < 2 || n > FIELDS_MAX)
        return 0;
    for (int k = 0; k < n; k++) {
        if (field_is_bare_figure(t, &f[k]))
            figures++;
        else if (!field_is_placeholder(t, &f[k]))
            return 0;
    }
    return figures >= 2 ? n : 0;
}

/* Is lines[j] the figures of a ledger's row whose label wrapped onto lines
 * of its own above them (年末营运线路长度(公里) Year-end Length of Public
 * Transportation / Routes (km) / 2891 3280 2589 2939)? The label's line
 * to *label; how many figures, else 0. */
static int wrapped_row(const UChar *t, const struct line *lines, const bool *used, size_t j, size_t *label)
{
    struct line f[FIELDS_MAX];
    int k = figures_line(t, &lines[j]);
    if (!k)
        return 0;
    for (size_t back = 1; back <= GLOSS_LINES_MAX + 1 && back <= j && !used[j - back]; back++) {
        const struct line *l = &lines[j - back];
        if (gloss_line(t, l))
            continue;
        if (!ledger_label_line(t, l, f))
            return 0;
        *label = j - back;
        return k;
    }
    return 0;
}

/* Is lines[j] the label of a row wrapped onto the lines below it, or an
 * English line of it (see wrapped_row)? */
static bool label_of_wrapped(const UChar *t, const struct line *lines, size_t n, const bool *used, size_t j)
{
    size_t label;
    for (size_t k = j + 1; k < n && k <= j + 3; k++)
        if (wrapped_row(t, lines, used, k, &label))
            return label <= j;
    return false;
}

/* Find a ledger whose first row is lines[i]; add it to doc. Returns the
 * line after it, or i + 1 when there is none. */
static size_t find_ledger(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    const UChar *t = doc->text;
    struct line f[FIELDS_MAX];
    int m, width = 0, full = 0;
    size_t last = i;
    for (size_t j = i; j < n && !used[j]; j++) {
        size_t label;
        int run = ledger_row(t, &lines[j], f, &m);
        if (!run)
            run = wrapped_row(t, lines, used, j, &label);
        if (run) {
            last = j;
            if (run > width)
                width = run, full = 0;
            full += run == width;
        } else if (!ledger_label_line(t, &lines[j], f) || names_years(t, &lines[j])) {
            break; /* the header of the next table ends this one */
        }
    }
    if (width < 2 || full < 2)
        return last + 1;
    /* a short label alone right after the last row may be the rest of its
     * label, broken after 的 (归属于上市公司股东的 / 每股净资产(元/股)): the
     * table holds it, and its reader says whether it is */
    enum { LEDGER_TAIL_MAX = 16 }; /* the rest of a label is a few words */
    if (last + 1 < n && !used[last + 1] && ledger_label_line(t, &lines[last + 1], f) &&
        !names_years(t, &lines[last + 1]) && !has_colon(t, &lines[last + 1]) &&
        trim_end(t, lines[last + 1].start, lines[last + 1].end) - skip_blanks(t, lines[last + 1].start, lines[last + 1].end) <=
            LEDGER_TAIL_MAX)
        last++;
    /* the line that names the columns: above the first row, or above the
     * labels alone just above it */
    enum { LEDGER_LEAD_MAX = 3 };
    size_t head = i, label;
    int corner = 0;
    bool found = false;
    for (int lead = 0; !found && lead <= LEDGER_LEAD_MAX && head > 0 && !used[head - 1];) {
        head--;
        if (ledger_header(t, &lines[head], f, width, &corner))
            found = true;
        else if (wrapped_row(t, lines, used, head, &label))
            head = label; /* a row wrapped onto its lines: no lead */
        else if (ledger_label_line(t, &lines[head], f))
            lead++;
        else
            break;
    }
    /* a header of two lines, years in both (2019 2020 Growth Rate in /
     * 2020 over 2019), cannot say which year heads which column */
    if (found && head > 0 && !used[head - 1]) {
        int hn = blank_fields(t, &lines[head - 1], f, FIELDS_MAX);
        for (int k = 0; k < hn && k < FIELDS_MAX && found; k++)
            found = !(field_is_year(t, &f[k]) && f[k].end - f[k].start <= 5);
    }
    if (!found)
        return last + 1;
    struct doc_table table = {.start = lines[head].start, .end = lines[last].end, .ledger = true};
    size_t ccap = 0;
    int hn = single_blank_fields(t, &lines[head], f, FIELDS_MAX);
    if (corner > 0)
        push_cell(&table, &ccap, f[0].start, f[corner - 1].end, 0, 0);
    for (int k = corner; k < hn; k++)
        push_cell(&table, &ccap, f[k].start, f[k].end, 0, k - corner + 1);
    for (size_t j = head + 1; j <= last; j++) {
        int row = (int)(j - head);
        int run = ledger_row(t, &lines[j], f, &m), wrapped = run ? 0 : wrapped_row(t, lines, used, j, &label);
        if (wrapped) { /* the label from its line above, the figures here */
            struct line l = trimmed(t, &lines[label]);
            push_cell(&table, &ccap, l.start, l.end, row, 0);
            blank_fields(t, &lines[j], f, FIELDS_MAX);
            for (int k = 0; k < wrapped; k++)
                push_cell(&table, &ccap, f[k].start, f[k].end, row, k + 1);
            continue;
        }
        if (!run) {
            if (!label_of_wrapped(t, lines, n, used, j))
                push_cell(&table, &ccap, lines[j].start, lines[j].end, row, 0);
            continue;
        }
        push_cell(&table, &ccap, f[0].start, f[m - run - 1].end, row, 0);
        for (int k = 0; k < run; k++)
            push_cell(&table, &ccap, f[m - run + k].start, f[m - run + k].end, row, k + 1)->loose = run < width;
    }
    for (size_t j = head; j <= last; j++)
        used[j] = true;
    text_caption(t, lines, head, used, &table);
    doc_add_table(doc, &table);
    return last + 1;
}

/* Two columns set with a blank, a year and a figure a row, under a line
 * of two names (年 出國人次 / 2014年 11841175 / 2015年 13181504 …), three
 * rows at least: the figures of one measure by year. */
static size_t find_year_column(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    enum { YEAR_ROWS_MIN = 3 };
    const UChar *t = doc->text;
    struct line f[FIELDS_MAX];
    if (blank_fields(t, &lines[i], f, FIELDS_MAX) != 2 || field_has_digit(t, &f[0]) || field_has_digit(t, &f[1]))
        return i + 1;
    size_t j = i + 1;
    while (j < n && !used[j] && blank_fields(t, &lines[j], f, FIELDS_MAX) == 2 && field_is_year(t, &f[0]) &&
           field_is_bare_figure(t, &f[1]))
        j++;
    if (j - i - 1 < YEAR_ROWS_MIN)
        return i + 1;
    struct doc_table table = {.start = lines[i].start, .end = lines[j - 1].end};
    size_t ccap = 0;
    for (size_t k = i; k < j; k++) {
        blank_fields(t, &lines[k], f, FIELDS_MAX);
        push_cell(&table, &ccap, f[0].start, f[0].end, (int)(k - i), 0);
        push_cell(&table, &ccap, f[1].start, f[1].end, (int)(k - i), 1);
        used[k] = true;
    }
    text_caption(t, lines, i, used, &table);
    doc_add_table(doc, &table);
    return j;
}

/* Two columns under a header whose second names a unit in brackets
 * (项目 金额(人民币元)), a row a line: a label, then its value after the
 * last blank (募集资金总额 1,930,167,800.00; 减:购买理财产品 -), three rows
 * at least. */
static size_t find_label_column(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    enum { LABEL_ROWS_MIN = 3, LABEL_ROWS_MAX = 64 }; /* a statement's rows; more are read as text */
    const UChar *t = doc->text;
    struct line f[FIELDS_MAX];
    if (blank_fields(t, &lines[i], f, FIELDS_MAX) != 2 || field_has_digit(t, &f[0]) ||
        field_has_digit(t, &f[1]) ||
        u_getIntPropertyValue(t[f[1].end - 1], UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_CLOSE)
        return i + 1;
    struct line label[LABEL_ROWS_MAX], value[LABEL_ROWS_MAX];
    size_t rows = 0, j = i + 1;
    for (; j < n && !used[j] && rows < LABEL_ROWS_MAX; j++) {
        struct line l = trimmed(t, &lines[j]);
        int32_t b = l.end;
        while (b > l.start && !is_blank(t[b - 1]))
            b--;
        struct line v = {b, l.end}, a = {l.start, trim_end(t, l.start, b)};
        bool sentence = false;
        for (int32_t p = a.start; p < a.end && !sentence; p++)
            sentence = sentence_mark(t[p]);
        if (b == l.start || a.end == a.start || sentence || !(field_is_bare_figure(t, &v) || field_is_placeholder(t, &v)))
            break;
        label[rows] = a;
        value[rows++] = v;
    }
    if (rows < LABEL_ROWS_MIN)
        return i + 1;
    struct doc_table table = {.start = lines[i].start, .end = lines[j - 1].end};
    size_t ccap = 0;
    blank_fields(t, &lines[i], f, FIELDS_MAX);
    push_cell(&table, &ccap, f[0].start, f[0].end, 0, 0);
    push_cell(&table, &ccap, f[1].start, f[1].end, 0, 1);
    for (size_t k = 0; k < rows; k++) {
        push_cell(&table, &ccap, label[k].start, label[k].end, (int)k + 1, 0);
        push_cell(&table, &ccap, value[k].start, value[k].end, (int)k + 1, 1);
    }
    for (size_t k = i; k < j; k++)
        used[k] = true;
    text_caption(t, lines, i, used, &table);
    doc_add_table(doc, &table);
    return j;
}

/* Columns set with single blanks, as tables copied out of a web page are:
 * a header line with no digit, then two or more lines of as many fields,
 * each of bare figures and labels (排名 代表团 金牌 银牌 / 1 中国 201 111),
 * three fields or more. Under the header, a line of the columns' units in
 * brackets is a second header row; the English of a bilingual yearbook is
 * left out (glosses after names, its lines alone before the first row);
 * a label alone on its line, then its figures on the next, is one row. */
static size_t find_single_blank(struct doc *doc, const struct line *lines, size_t n, bool *used, size_t i)
{
    const UChar *t = doc->text;
    struct line hf[FIELDS_MAX], u[FIELDS_MAX], f[FIELDS_MAX]; /* the header, the units, a row */
    int width = table_fields(t, &lines[i], hf, FIELDS_MAX);
    if (width < 3 || width > FIELDS_MAX || single_blank_line(t, hf, width) != 1)
        return i + 1;
    /* a line of units under the header, one a column, the corner's perhaps
     * left out ((万人次) (万人) (%)), and the columns that are parts of the
     * one before them (#门急诊): the rows have a field more for each */
    int parts;
    int units = units_line(t, i + 1 < n && !used[i + 1] ? &lines[i + 1] : NULL, width, &parts, u);
    int cols = width + parts;
    if (cols > FIELDS_MAX)
        return i + 1;
    size_t first = i + 1 + (units > 0);
    /* a bilingual table: its header glosses its names, or English lines
     * follow it */
    bool glosses = single_blank_fields(t, &lines[i], f, FIELDS_MAX) != width ||
                   (first < n && !used[first] && gloss_line(t, &lines[first]));
    while (first < n && !used[first] && gloss_line(t, &lines[first]))
        first++;
    /* rows; lines that go on a row's label (归属于上市公司股东的 / 净利润):
     * one field of no digit, with no mark of a sentence; and a row's
     * figures alone after such a line, its label */
    size_t j = first, rows = 1;
    bool label_above = false;
    for (; j < n && !used[j]; j++) {
        int w = row_fields(t, &lines[j], f, cols);
        bool row = single_blank_line(t, f, w) == 2;
        if (w == cols && row) {
            rows++;
        } else if (w == cols - 1 && row && label_above && field_is_bare_figure(t, &f[0])) {
            rows++;
        } else if (!(w == 1 && j > i + 1 && single_blank_line(t, f, 1) == 1)) {
            break;
        }
        label_above = w == 1;
    }
    while (j > i + 1 && table_fields(t, &lines[j - 1], f, FIELDS_MAX) == 1)
        j--; /* a label's line after the last row is the text's again */
    if (rows < 3)
        return j;
    struct doc_table table = {.start = lines[i].start, .end = lines[j - 1].end};
    size_t ccap = 0;
    /* the header: the corner and the names, then the units, the names of
     * parts a row below them, under the name and unit of their whole */
    /* (units_line took a part only after a unit in brackets, never first) */
    int um = units, lead = units ? width - (um - parts) : 0, col = lead;
    int name_col[FIELDS_MAX], unit_col[FIELDS_MAX], span[FIELDS_MAX];
    for (int k = 0; k < width; k++)
        name_col[k] = k, span[k] = 1;
    for (int c = 0, h = lead; c < um; c++, col++) {
        if (part_column(t, &u[c]))
            span[h - 1]++;
        else
            name_col[h++] = col;
        unit_col[c] = col;
    }
    for (int k = 0; k < width; k++)
        push_cell(&table, &ccap, hf[k].start, hf[k].end, 0, name_col[k])->colspan = span[k];
    for (int c = 0; c < um; c++) {
        struct table_cell *cell = push_cell(&table, &ccap, u[c].start, u[c].end, part_column(t, &u[c]) ? 2 : 1,
                                            unit_col[c]);
        if (c + 1 < um && part_column(t, &u[c + 1]))
            cell->colspan = 2; /* over its part's column too */
    }
    int row = units ? (parts ? 3 : 2) : 1;
    struct line label = {0, 0};
    for (size_t k = first; k < j; k++) {
        int w = row_fields(t, &lines[k], f, cols);
        if (w == 1) {
            label = f[0];
            continue;
        }
        int c0 = cols - w;
        if (c0 == 1)
            push_cell(&table, &ccap, label.start, label.end, row, 0);
        else if (c0 != 0)
            continue;
        for (int c = 0; c < w; c++)
            push_cell(&table, &ccap, f[c].start, f[c].end, row, c0 + c);
        row++;
    }
    for (size_t k = i; k < j; k++)
        used[k] = true;
    caption_above(t, lines, i, used, glosses, &table);
    doc_add_table(doc, &table);
    return j;
}

/* ------------------------------------------------------------ a table in a line */

/* A table a page flattened into one line, its cells parted by blanks, with
 * a column of units: the header's unit column (marks->unit_columns) and the
 * k names after it, then rows of a label (words, blanks among them), a
 * unit and k values each (旅游總體情況統計表 2008年5月 指 標 單位 本期
 * 同比增減(%) 累計 同比增減(%) 一、接待入境人數 萬人次 4.14 -71.8 31.30
 * -23.0 其中: 外國人 萬人次 2.85 …). The names are as many as the first
 * row's values; every row has a label, a unit and as many values, two rows
 * at least; what follows the last is the text's again. */

enum { FLAT_UNIT_MAX = 8,    /* the characters of a unit cell (萬人次, 萬美元) */
       FLAT_WORDS_MAX = 4096 }; /* the words of a line a table may be flattened into */

/* May w be a row's unit cell: short, no digit, no value? */
static bool flat_unit(const UChar *t, const struct line *w)
{
    return w->end - w->start <= FLAT_UNIT_MAX && !field_has_digit(t, w) && !field_is_placeholder(t, w);
}

/* The row of the flattened table that begins at words[r] (its label):
 * where its values begin (*v), or 0 where no row of k values is there. */
static size_t flat_row(const UChar *t, const struct line *w, size_t n, size_t r, size_t k, size_t *v)
{
    size_t a = r;
    while (a < n && !field_is_value(t, &w[a]))
        a++;
    if (a == n || a < r + 2 || !flat_unit(t, &w[a - 1]))
        return 0;
    size_t e = a;
    while (e < n && field_is_value(t, &w[e]))
        e++;
    if (e - a != k)
        return 0;
    *v = a;
    return e;
}

static size_t find_flat_table(struct doc *doc, const struct line *lines, bool *used, size_t i,
                              const struct table_marks_rule *marks)
{
    const UChar *t = doc->text;
    /* only a line that names a unit column, of FLAT_WORDS_MAX words at most
     * (a hostile line of blanks and letters costs no memory in proportion) */
    bool named = false;
    for (int32_t p = lines[i].start; p < lines[i].end && !named; p++)
        named = word_list_match(&marks->unit_columns, t, p, lines[i].end) > 0;
    if (!named)
        return i + 1;
    struct line *w = xmalloc(FLAT_WORDS_MAX * sizeof *w);
    int words = blank_fields(t, &lines[i], w, FLAT_WORDS_MAX);
    size_t n = words <= FLAT_WORDS_MAX ? (size_t)words : 0, u = 0;
    /* the unit column's name, alone in its word */
    while (u < n && word_list_match(&marks->unit_columns, t, w[u].start, w[u].end) != w[u].end - w[u].start)
        u++;
    size_t v = u + 1;
    while (v < n && !field_is_value(t, &w[v]))
        v++;
    size_t k = 0;
    while (v + k < n && field_is_value(t, &w[v + k]))
        k++;
    /* the names, then the first row's label, one word, and its unit: as
     * many names as the row has values, two at least (a name set with a
     * blank inside, 本 期, makes more words than values: which word heads
     * which column is not known) */
    size_t r = u + 1 + k, rows = 0, at, e, end = r;
    if (u < n && v < n && k >= 2 && v == r + 2)
        for (; (e = flat_row(t, w, n, end, k, &at)); end = e)
            rows++;
    /* no mark of a sentence inside it (a comma between digits parts
     * thousands): words a page set apart with blanks (各 单位 要 按照 要求
     * …，今年 共 新增 企业 120 家) are prose */
    bool prose = false;
    for (int32_t p = rows >= 2 ? w[u].start : 0; rows >= 2 && p < w[end - 1].end && !prose; p++)
        prose = sentence_mark(t[p]) ||
                (t[p] == ',' && !(p > 0 && u_isdigit(t[p - 1]) && p + 1 < doc->len && u_isdigit(t[p + 1])));
    if (rows < 2 || prose) {
        free(w);
        return i + 1;
    }
    size_t corner = u > 0 && !field_has_digit(t, &w[u - 1]) ? u - 1 : u;
    struct doc_table table = {.start = w[corner].start, .end = w[end - 1].end};
    size_t ccap = 0;
    if (corner < u)
        push_cell(&table, &ccap, w[corner].start, w[corner].end, 0, 0);
    push_cell(&table, &ccap, w[u].start, w[u].end, 0, 1);
    for (size_t c = 0; c < k; c++)
        push_cell(&table, &ccap, w[u + 1 + c].start, w[u + 1 + c].end, 0, (int)c + 2);
    int row = 1;
    for (size_t next = r; (e = flat_row(t, w, n, next, k, &at)); next = e, row++) {
        push_cell(&table, &ccap, w[next].start, w[at - 2].end, row, 0);
        push_cell(&table, &ccap, w[at - 1].start, w[at - 1].end, row, 1);
        for (size_t c = 0; c < k; c++)
            push_cell(&table, &ccap, w[at + c].start, w[at + c].end, row, (int)c + 2);
    }
    /* the words before the corner, its title */
    if (corner > 0) {
        table.caption_start = w[0].start;
        table.caption_end = w[corner - 1].end;
    }
    used[i] = true;
    free(w);
    doc_add_table(doc, &table);
    return i + 1;
}

/* The line of t that begins at start (before its break). */
static struct line line_at(const struct doc *doc, int32_t start)
{
    int32_t e = start;
    while (e < doc->len && doc->text[e] != '\n' && doc->text[e] != '\r')
        e++;
    return (struct line){start, e};
}

/* Where the line before the one that begins at start begins; -1: none. */
static int32_t line_start_before(const struct doc *doc, int32_t start)
{
    if (start <= 0)
        return -1;
    int32_t p = start - 1;
    if (p > 0 && doc->text[p] == '\n' && doc->text[p - 1] == '\r')
        p--;
    while (p > 0 && doc->text[p - 1] != '\n' && doc->text[p - 1] != '\r')
        p--;
    return p;
}

static bool cell_line(const struct doc *doc, int32_t start)
{
    struct line l = line_at(doc, start);
    return lone_pipe(doc->text, &l) || pipe_cell(doc->text, &l) >= 0;
}

/* Where a cut before the line at at would part a ledger's rows from the
 * line that names its columns, a few lines above: that line's start (or
 * its caption's, the line of a label just above it); else at. */
static int32_t ledger_cut(const struct doc *doc, int32_t at)
{
    enum { LEDGER_BACK_MAX = 12 };
    const UChar *t = doc->text;
    struct line f[FIELDS_MAX];
    int width = 0, m;
    int32_t cut = at, p = at;
    for (int k = 0; k < LEDGER_BACK_MAX && p >= 0; k++, p = line_start_before(doc, p)) {
        struct line l = line_at(doc, p);
        int run = ledger_row(t, &l, f, &m);
        if (run) {
            width = run > width ? run : width;
            continue;
        }
        int corner;
        if (width >= 2 && p < at && ledger_header(t, &l, f, width, &corner)) {
            cut = p;
            int32_t q = line_start_before(doc, p);
            struct line c = q >= 0 ? line_at(doc, q) : (struct line){0, 0};
            if (q > 0 && ledger_label_line(t, &c, f))
                cut = q;
            break;
        }
        if (!ledger_label_line(t, &l, f))
            break;
    }
    return cut > 0 ? cut : at;
}

int32_t tables_cell_lines_cut(const struct doc *doc, int32_t at)
{
    if (at <= 0 || at >= doc->len)
        return at;
    if (!cell_line(doc, at))
        return ledger_cut(doc, at);
    int32_t first = at, row = -1;
    for (int32_t p = at; p >= 0 && cell_line(doc, p); p = line_start_before(doc, p)) {
        first = p;
        struct line l = line_at(doc, p);
        if (row < 0 && lone_pipe(doc->text, &l))
            row = p;
    }
    if (first == at)
        return at;
    return first > 0 ? first : row > 0 ? row : at;
}

static int by_start(const void *a, const void *b)
{
    int32_t x = ((const struct doc_table *)a)->start, y = ((const struct doc_table *)b)->start;
    return (x > y) - (x < y);
}

/* The cells of a table's row r, whose cells lie row by row (a Markdown
 * table as found): cells[from[r], from[r + 1]). */
struct row_cells {
    struct doc_table *table;
    size_t *from;
};

static bool index_rows(struct doc_table *table, struct row_cells *rc)
{
    rc->table = table;
    rc->from = xcalloc((size_t)table->nrows + 1, sizeof *rc->from);
    for (size_t k = 0; k < table->ncells; k++) {
        if (k > 0 && table->cells[k].row < table->cells[k - 1].row)
            return false; /* not row by row */
        rc->from[table->cells[k].row + 1] = k + 1;
    }
    for (int r = 1; r <= table->nrows; r++)
        if (rc->from[r] < rc->from[r - 1])
            rc->from[r] = rc->from[r - 1]; /* a row of no cell */
    return true;
}

/* The cell of row r at col, or NULL. */
static struct table_cell *cell_at(const struct row_cells *rc, int r, int col)
{
    for (size_t k = rc->from[r]; k < rc->from[r + 1]; k++)
        if (rc->table->cells[k].col == col)
            return &rc->table->cells[k];
    return NULL;
}

static bool blank_cell(const UChar *t, const struct table_cell *c)
{
    return skip_blanks(t, c->start, c->end) == c->end;
}

/* The last cell of row r, and the last that is not blank. */
static void row_ends(const UChar *t, const struct row_cells *rc, int r, struct table_cell **last,
                     struct table_cell **filled)
{
    *last = *filled = NULL;
    for (size_t k = rc->from[r]; k < rc->from[r + 1]; k++) {
        struct table_cell *c = &rc->table->cells[k];
        if (!*last || c->col > (*last)->col)
            *last = c;
        if (!blank_cell(t, c) && (!*filled || c->col > (*filled)->col))
            *filled = c;
    }
}

static bool header_lacks_corner(const UChar *t, const struct row_cells *rc, int r)
{
    struct table_cell *first = cell_at(rc, r, 0), *last, *filled;
    row_ends(t, rc, r, &last, &filled);
    if (!first || blank_cell(t, first) || !last)
        return false;
    if (blank_cell(t, last))
        return true;
    /* ... or one cell short of the rows, every cell of it opened by a year
     * (| 2024年中报 | 2023年年报 | over | 每股收益 | 0.18 | 0.33 |, | 2024/06/30
     * | 2023/12/31 |, | 2024年6月30日(未经审计) |; not | 2023年主要指标 |
     * 绝对数(亿元) |, a corner over columns) */
    if (last->col != rc->table->ncols - 2)
        return false;
    /* ... where each is a time with few marks besides its digits, brackets
     * aside (2024年6月30日(未经审计)), or all are alike after their years
     * (2024年上半年人民币千元 | 2023年上半年人民币千元); not 2024年预算科目
     * over 2023年决算数, a corner's name */
    bool few = true, alike = true;
    struct line f0 = trimmed(t, &(struct line){first->start, first->end});
    for (size_t k = rc->from[r]; k < rc->from[r + 1]; k++) {
        struct table_cell *c = &rc->table->cells[k];
        struct line g = trimmed(t, &(struct line){c->start, c->end});
        if (blank_cell(t, c))
            continue;
        if (!year_opening(t, &g))
            return false;
        few = few && time_marks(t, &g) <= TIME_MARKS_MAX;
        alike = alike && g.end - g.start == f0.end - f0.start &&
                !u_strncmp(t + g.start + 4, t + f0.start + 4, g.end - g.start - 4);
    }
    return few || alike;
}

/* Is a cell of the table a bare figure (1,461,540; -44.44)? */
static bool table_has_figure(const UChar *t, const struct doc_table *tb)
{
    for (size_t k = 0; k < tb->ncells; k++) {
        struct line f = trimmed(t, &(struct line){tb->cells[k].start, tb->cells[k].end});
        if (field_is_bare_figure(t, &f))
            return true;
    }
    return false;
}

/* A header row that lacks its corner and ends in an empty cell instead
 * (| 2025/09 港元 | 比较 | 2024/09 港元 | |), or is a cell short, each of its
 * cells a time (| 2024年 | 2023年 |), over rows that each begin with
 * a label and end with a figure or a placeholder: its cells stand one
 * column to the right, over the figures, not over the labels; so do those
 * of the same header written again further down. Rows of one cell above
 * it are titles, and among the rows sections or notes. */
static void header_without_corner(const UChar *t, struct doc_table *table)
{
    int labels = 0, h = 0;
    struct row_cells rc;
    bool *header = NULL;
    if (!index_rows(table, &rc))
        goto done;
    /* rows of one cell above the header are titles (| 1、本地生产总值 | |||) */
    for (; h < table->nrows; h++) {
        struct table_cell *a = cell_at(&rc, h, 0), *last, *filled;
        row_ends(t, &rc, h, &last, &filled);
        if (!a || filled != a)
            break;
    }
    if (table->nrows - h < 3 || table->ncols < 3 || !header_lacks_corner(t, &rc, h))
        goto done;
    header = xcalloc((size_t)table->nrows, sizeof *header);
    header[h] = true;
    for (int r = h + 1; r < table->nrows; r++) {
        struct table_cell *a = cell_at(&rc, r, 0), *last, *filled;
        row_ends(t, &rc, r, &last, &filled);
        if (a && filled == a)
            continue; /* a row of one cell: a section's title, a note */
        if (!a || !filled)
            goto done;
        struct line la = trimmed(t, &(struct line){a->start, a->end});
        struct line lb = trimmed(t, &(struct line){filled->start, filled->end});
        if (field_has_digit(t, &la) && blank_cell(t, last)) {
            header[r] = true; /* the header again (its first cell filled: a has a digit) */
            continue;
        }
        if (bracketed(t, &lb))
            lb.start++; /* an account's loss in brackets: (646,093) */
        /* a row's number before its label (| 1 | 北京市 | 0.02 |): the label
         * is the next cell */
        struct table_cell *b = cell_at(&rc, r, 1);
        if (b && short_digits(t, &la)) {
            struct line l1 = trimmed(t, &(struct line){b->start, b->end});
            if (l1.end > l1.start && !field_has_digit(t, &l1))
                la = l1;
        }
        /* a label numbered as a list's item (1、夏粮) is a label */
        la.start = numbers_outline_end(t, la.start, la.end);
        if (la.end == la.start || field_has_digit(t, &la) || !(field_is_figure(t, &lb) || field_is_placeholder(t, &lb)))
            goto done;
        labels++;
    }
    if (labels < 2)
        goto done;
    size_t m = 0;
    for (size_t k = 0; k < table->ncells; k++) {
        struct table_cell c = table->cells[k];
        if (header[c.row]) {
            if (blank_cell(t, &c))
                continue;
            c.col++;
        }
        table->cells[m++] = c;
    }
    table->ncells = m;
done:
    free(header);
    free(rc.from);
}

/* The first of the lines above a Markdown table's rows (from line i) that
 * make its header, wrapped over them by a page (| 指 标 | 绝对数 / (亿元) | /
 * 比上年增长 / (%) |): up from i, lines with no figure, the first of them
 * opening with a pipe and the rest not, that hold between them as many
 * pipes as the row at i. i where there are none. */
static size_t wrapped_header(const UChar *t, const struct line *lines, const bool *used, size_t i)
{
    enum { HEADER_LINES_MAX = 6 };
    int want = pipes(t, &lines[i]), have = 0;
    for (size_t k = i; k > 0 && i - k < HEADER_LINES_MAX;) {
        const struct line *l = &lines[--k];
        if (used[k] || blank_line(t, l) || row_figure(t, l, 1))
            return i;
        have += pipes(t, l);
        if (markdown_row(t, l, true)) /* its first line */
            return have == want && k + 1 < i ? k : i;
        if (have > want)
            return i;
    }
    return i;
}

void tables_find_text(struct doc *doc, const struct table_marks_rule *marks)
{
    size_t first = doc->ntables;
    const UChar *t = doc->text;
    size_t n = 0, cap = 64;
    struct line *lines = xmalloc(cap * sizeof *lines);
    for (int32_t p = 0; p <= doc->len;) {
        int32_t e = p;
        while (e < doc->len && t[e] != '\n' && t[e] != '\r')
            e++;
        if (n == cap) {
            cap *= 2;
            lines = xrealloc(lines, cap * sizeof *lines);
        }
        lines[n++] = (struct line){p, e};
        if (e >= doc->len)
            break;
        p = e + (t[e] == '\r' && e + 1 < doc->len && t[e + 1] == '\n' ? 2 : 1);
    }
    bool *used = xcalloc(n ? n : 1, sizeof *used);
    /* Markdown: consecutive rows, two or more besides a delimiter row; rows
     * that begin with a pipe, or any with a pipe when the second line of
     * the block is a delimiter row */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        for (;;) {
            while (j < n && markdown_row(t, &lines[j], true) && !box_bottom(t, &lines[j]))
                j++;
            /* a blank line between rows of as many pipes, as a page's copy
             * may set every row: the rows go on where the row after it holds
             * figures (not where it heads a table of its own, of years or
             * over a delimiter row, nor a note) */
            if (j > i && j + 1 < n && blank_line(t, &lines[j]) && markdown_row(t, &lines[j + 1], true) &&
                pipes(t, &lines[j + 1]) == pipes(t, &lines[j - 1]) && figures_row(t, &lines[j + 1]) &&
                !(j + 2 < n && markdown_delimiter(t, &lines[j + 2]))) {
                j++;
                continue;
            }
            break;
        }
        if (j == i + 1)
            j = i; /* a header that opens with a pipe over rows that do not (| 绝对数 | 增长 |) */
        /* rows of many more cells than the first are a stream of cells run
         * on in lines, no Markdown rows: twice as many, or three filled
         * cells more than the first has cells (empty cells at a row's end
         * are its padding) */
        enum { EXTRA_CELLS_MAX = 3 };
        for (size_t k = i + 1; k < j; k++)
            if (pipes(t, &lines[k]) > 2 * pipes(t, &lines[i]) + 1 ||
                filled_cells(t, &lines[k]) > pipes(t, &lines[i]) + EXTRA_CELLS_MAX)
                j = i;
        /* (not where the line above the delimiter is one cell of a table a
         * cell a line: 2016年 | over ---|---|, the last of its header's) */
        if (j == i && i + 1 < n && markdown_row(t, &lines[i], false) && markdown_delimiter(t, &lines[i + 1]) &&
            pipe_cell(t, &lines[i]) < 0) {
            /* lines of one cell closed by a pipe under it are a table's
             * rows a cell a line, the header set in one line */
            bool found;
            size_t taken = find_label_rows_under(doc, lines, n, used, i + 2, i, marks, &found);
            if (found) {
                i = taken;
                continue;
            }
            /* rows of more cells than the delimiter row has columns belong
             * to another table the page set below it */
            j = i + 2;
            while (j < n && markdown_row(t, &lines[j], false) && !markdown_delimiter(t, &lines[j]) &&
                   pipes(t, &lines[j]) <= pipes(t, &lines[i + 1]) + 1)
                j++;
        }
        bool lead = j > i;
        if (j == i) {
            /* rows without a leading pipe or a delimiter row (a table
             * copied out of a page: 指标 | 年末数 | 比重 |): consecutive
             * lines of the same number of pipes, two or more, with a
             * figure in a cell after the first */
            int k = pipes(t, &lines[i]);
            while (k >= 2 && j < n && !box_bottom(t, &lines[j]) &&
                   (pipes(t, &lines[j]) == k || (j > i && collapsed_row(t, &lines[j]))))
                j++;
            if (j - i < 2 || !row_figure(t, lines + i, j - i))
                j = i;
        }
        size_t rows = 0;
        for (size_t k = i; k < j; k++)
            rows += !markdown_delimiter(t, &lines[k]) && !blank_line(t, &lines[k]);
        size_t head = lead && rows >= 2 ? wrapped_header(t, lines, used, i) : i;
        if (rows >= 2) {
            struct doc_table table = {.start = lines[head].start, .end = lines[j - 1].end};
            size_t ccap = 0;
            int row = 0;
            if (head < i) { /* the header's lines, read as one row */
                struct line l = {lines[head].start, lines[i - 1].end};
                markdown_cells(t, &l, &table, &ccap, row++, lead);
                for (size_t k = head; k < i; k++)
                    used[k] = true;
            }
            for (size_t k = i; k < j; k++) {
                used[k] = true;
                if (!markdown_delimiter(t, &lines[k]) && !blank_line(t, &lines[k]))
                    markdown_cells(t, &lines[k], &table, &ccap, row++, lead);
            }
            header_without_corner(t, &table);
            text_caption(t, lines, head, used, &table);
            /* rows of figures right under a table of no figure, a header of
             * other widths (项 目 | 2020年执行数 | … over 金额 | 占预算% |
             * ||||): which column is what is not known */
            if (head == i && i > 0 && used[i - 1] && pipes(t, &lines[i - 1]) >= 2 && row_figure(t, lines + i, 1) &&
                doc->ntables > 0 && doc->tables[doc->ntables - 1].end >= lines[i - 1].start &&
                !table_has_figure(t, &doc->tables[doc->ntables - 1]))
                table.header_lost = true;
            doc_add_table(doc, &table);
        }
        i = j > i ? j : i + 1;
    }
    /* a cell a line, each row opened by a lone pipe */
    for (size_t i = 0; i < n;)
        i = !used[i] && lone_pipe(t, &lines[i]) ? find_pipe_cells(doc, lines, n, used, i) : i + 1;
    /* ... or rows told apart by their labels */
    for (size_t i = 0; i < n;)
        i = !used[i] && pipe_cell(t, &lines[i]) >= 0 ? find_label_rows(doc, lines, n, used, i, marks) : i + 1;
    /* ... or no pipes at all, a cell a line */
    for (size_t i = 0; i < n;)
        i = !used[i] && plain_cell(t, &lines[i]) ? find_plain_cells(doc, lines, n, used, i) : i + 1;
    /* ... or a stream of cells, between lone pipes or run on in a line */
    for (size_t i = 0; i < n;)
        i = !used[i] && (lone_pipe(t, &lines[i]) || pipes(t, &lines[i]) >= STREAM_PIPES_MIN)
                ? find_cell_stream(doc, lines, n, used, i)
                : i + 1;
    /* aligned columns: consecutive lines of the same number of fields (a
     * first line may lack the first, the corner of the table), with a figure
     * after the first field */
    struct line f[FIELDS_MAX];
    for (size_t i = 0; i < n;) {
        int width = used[i] ? 0 : aligned_row(t, &lines[i], f);
        if (width < 2 || width > FIELDS_MAX) {
            i++;
            continue;
        }
        size_t j = i + 1;
        int w = width;
        if (j < n && !used[j] && aligned_row(t, &lines[j], f) == width + 1)
            w = width + 1;
        for (;;) {
            while (j < n && !used[j] && aligned_row(t, &lines[j], f) == w)
                j++;
            /* a blank line between groups of rows, as a yearbook or an
             * annals sets them, where a row of as many fields follows with
             * a figure after its first (a new table's header has none) */
            if (j - i >= 2 && j + 1 < n && !used[j] && !used[j + 1] &&
                blank_line(t, &lines[j]) &&
                aligned_row(t, &lines[j + 1], f) == w && field_is_figure(t, &f[1])) {
                j++;
                continue;
            }
            break;
        }
        bool figure = false;
        for (size_t k = i; k < j && !figure; k++) {
            int m = aligned_fields(t, &lines[k], f, FIELDS_MAX);
            for (int c = 1; c < m && !figure; c++)
                figure = field_is_figure(t, &f[c]);
        }
        if (j - i >= 2 && figure) {
            struct doc_table table = {.start = lines[i].start, .end = lines[j - 1].end};
            size_t ccap = 0;
            for (size_t k = i; k < j; k++) {
                used[k] = true;
                int m = aligned_fields(t, &lines[k], f, FIELDS_MAX);
                for (int c = 0; c < m; c++)
                    push_cell(&table, &ccap, f[c].start, f[c].end, (int)(k - i), c + (w - m));
            }
            text_caption(t, lines, i, used, &table);
            doc_add_table(doc, &table);
        }
        i = j;
    }
    /* a table flattened into a line, with a column of units */
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            find_flat_table(doc, lines, used, i, marks);
    /* ledgers: rows of a label and figures set with single blanks */
    for (size_t i = 0; i < n;) {
        int m = 0, run = used[i] ? 0 : ledger_row(t, &lines[i], f, &m);
        bool years = run > 0;
        for (int k = m - run; k < m && years; k++)
            years = field_is_year(t, &f[k]);
        if (!run || years) /* 指标 Item 2009 2010 names the columns of the rows below */
            i++;
        else
            i = find_ledger(doc, lines, n, used, i);
    }
    /* columns set with single blanks */
    for (size_t i = 0; i < n;)
        i = used[i] ? i + 1 : find_single_blank(doc, lines, n, used, i);
    /* ... two of them, a year and a figure */
    for (size_t i = 0; i < n;)
        i = used[i] ? i + 1 : find_year_column(doc, lines, n, used, i);
    /* ... or a label and a value under a unit */
    for (size_t i = 0; i < n;)
        i = used[i] ? i + 1 : find_label_column(doc, lines, n, used, i);
    free(used);
    free(lines);
    /* the passes above found their tables each in turn: in the order of
     * the text, as the reader of a document in blocks expects them (no two
     * begin on one line: a pass takes no line another has used) */
    if (doc->ntables - first > 1)
        qsort(doc->tables + first, doc->ntables - first, sizeof *doc->tables, by_start);
    /* a table that goes on from the one right above it, no line between
     * (a statement's second header: 项目 2022年12月31日 …), keeps its
     * caption: 单位:万元 */
    for (size_t k = first + 1; k < doc->ntables; k++) {
        struct doc_table *a = &doc->tables[k - 1], *b = &doc->tables[k];
        int32_t p = a->end;
        while (p < b->start && (is_blank(doc->text[p]) || doc->text[p] == '\n' || doc->text[p] == '\r'))
            p++;
        int breaks = 0;
        for (int32_t q = a->end; q < p; q++)
            breaks += doc->text[q] == '\n';
        struct line head = line_at(doc, b->start);
        if (p == b->start && breaks == 1 && b->caption_start == b->caption_end && a->caption_end > a->caption_start &&
            names_years(doc->text, &head)) {
            b->caption_start = a->caption_start;
            b->caption_end = a->caption_end;
            b->caption_byte_start = a->caption_byte_start;
            b->caption_byte_end = a->caption_byte_end;
        }
    }
}

/* ------------------------------------------------------------ after edits */

/* The first text position whose byte is at or after b. */
static int32_t position_of(const struct doc *doc, size_t b)
{
    int32_t lo = 0, hi = doc->len;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if ((size_t)doc->offsets[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void relocate(const struct doc *doc, int32_t *start, int32_t *end, size_t bs, size_t be)
{
    *start = position_of(doc, bs);
    *end = be > bs ? position_of(doc, be) : *start;
}

void tables_relocate(struct doc *doc)
{
    for (size_t i = 0; i < doc->ntables; i++) {
        struct doc_table *t = &doc->tables[i];
        for (size_t k = 0; k < t->ncells; k++) {
            struct table_cell *c = &t->cells[k];
            relocate(doc, &c->start, &c->end, c->byte_start, c->byte_end);
        }
        relocate(doc, &t->start, &t->end, t->byte_start, t->byte_end);
        relocate(doc, &t->caption_start, &t->caption_end, t->caption_byte_start, t->caption_byte_end);
    }
}

bool tables_keep_break(const struct doc *doc, int32_t line_start, int32_t next_line)
{
    for (size_t i = 0; i < doc->ntables; i++) {
        const struct doc_table *t = &doc->tables[i];
        int32_t from = t->caption_end > t->caption_start && t->caption_start < t->start ? t->caption_start
                                                                                          : t->start;
        if ((line_start >= from && line_start <= t->end) || next_line == from)
            return true;
    }
    return false;
}
