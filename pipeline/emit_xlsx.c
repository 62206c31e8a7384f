/* emit_xlsx: claims.xlsx, the dataset as a workbook (libxlsxwriter), for
 * reviewers who work in a spreadsheet.
 *
 * Three sheets: claims (the columns of claims.csv), documents (those of
 * documents.csv) and reviews (the review template's columns, the verdicts
 * the run carried filled in, verdict a list to pick from). Cells are
 * typed: what claims.csv quotes is text (ids, quotes such as 16.4%, names),
 * what it writes bare is a number (values with their digits grouped and
 * as many decimals as they have; positions plain); a number of more than
 * 15 significant digits, which a spreadsheet's double would round, stays
 * text. Each sheet has its header frozen, an autofilter and column widths;
 * one that reaches the sheet's limit of rows goes on in another
 * ("claims (2)").
 *
 * The rows are the claims.csv and documents.csv rows emit rendered,
 * parsed back here, so that the workbook has what the CSV files have,
 * column for column. The workbook is written in libxlsxwriter's constant
 * memory mode (rows go to its scratch files as they come) into the
 * temporary file of outfile, and committed with the other files. */
#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "decimal.h"
#include "xalloc.h"

/* Excel's longest text in a cell, in characters: longer text (a sentence
 * of a table read as one line) is cut, with … at its end. */
enum { CELL_TEXT_MAX = 32000 };
/* Decimals a value format is made for: more are shown as 15. */
enum { MAX_DECIMALS = 15 };

static const char *const REVIEW_COLUMNS[] = {"claim_id", "verdict", "corrected_value", "note", "doc", "line",
                                             "quote", "value", "unit", "qualifier", "subject", "sentence",
                                             NULL};

struct sheet {
    lxw_worksheet *ws;
    const char *name;
    const char *const *columns;
    int ncolumns;
    int part;          /* 1, then 2 … for sheets that go on */
    lxw_row_t row;     /* the next row to write */
};

struct emit_xlsx {
    lxw_workbook *wb;
    lxw_format *header, *text, *plain;
    lxw_format *grouped[MAX_DECIMALS + 1]; /* #,##0 with 0 … 15 decimals */
    struct sheet claims, documents, reviews;
    int review_from_claim[16]; /* for each review column, its claims.csv column (-1: none) */
    char *tmpdir;
    lxw_error error;   /* the first write that failed */
};

/* How wide a column is shown, by what it holds. */
static double width_of(const char *name)
{
    static const struct {
        const char *name;
        double width;
    } W[] = {{"claim_id", 19}, {"doc", 28},     {"quote", 16},   {"value", 16},     {"lower", 14},
             {"upper", 14},    {"subject", 22}, {"time_ref", 14}, {"when", 22}, {"sentence", 70}, {"rule", 24},
             {"note", 24},     {"review_note", 24}, {"corrected_value", 16}, {"error", 40}, {"title", 40},
             {"url", 30},      {"verdict", 9},  {"line", 7},     {"column", 7}};
    for (size_t i = 0; i < sizeof W / sizeof *W; i++)
        if (!strcmp(W[i].name, name))
            return W[i].width;
    return 11;
}

/* Whether a bare number of this column is a position or a count (shown
 * plain) rather than a figure (shown with its digits grouped). */
static bool plain_number(const char *name)
{
    return !strcmp(name, "line") || !strcmp(name, "column") || !strcmp(name, "byte_start") ||
           !strcmp(name, "byte_end") || !strcmp(name, "encoding_confidence");
}

static void note_error(struct emit_xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
        x->error = e;
}

static void sheet_open(struct emit_xlsx *x, struct sheet *s)
{
    char name[32];
    if (s->part > 1)
        snprintf(name, sizeof name, "%s (%d)", s->name, s->part);
    else
        snprintf(name, sizeof name, "%s", s->name);
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) {
        note_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int j = 0; j < s->ncolumns; j++) {
        note_error(x, worksheet_set_column(s->ws, (lxw_col_t)j, (lxw_col_t)j, width_of(s->columns[j]), NULL));
        note_error(x, worksheet_write_string(s->ws, 0, (lxw_col_t)j, s->columns[j], x->header));
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    s->row = 1;
}

/* The sheet's filter over its rows (and the verdicts' list), once they
 * are all written. */
static void sheet_close(struct emit_xlsx *x, struct sheet *s)
{
    if (!s->ws)
        return;
    note_error(x, worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(s->ncolumns - 1)));
    if (s == &x->reviews && s->row > 1) {
        static char *const VERDICTS[] = {"ok", "wrong", "unsure", NULL};
        lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST,
                                 .value_list = (char **)VERDICTS,
                                 .ignore_blank = LXW_VALIDATION_ON,
                                 .error_type = LXW_VALIDATION_ERROR_TYPE_STOP};
        note_error(x, worksheet_data_validation_range(s->ws, 1, 1, s->row - 1, 1, &v));
    }
}

/* The next row of s: a new sheet where this one is full. */
static lxw_row_t next_row(struct emit_xlsx *x, struct sheet *s)
{
    if (s->ws && s->row >= LXW_ROW_MAX) {
        sheet_close(x, s);
        s->part++;
        sheet_open(x, s);
    }
    return s->row++;
}

struct emit_xlsx *emit_xlsx_begin(const char *path, struct pl_error *err)
{
    struct emit_xlsx *x = xcalloc(1, sizeof *x);
    const char *tmpdir = getenv("TMPDIR");
    x->tmpdir = tmpdir && *tmpdir ? xstrdup(tmpdir) : NULL;
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir, .use_zip64 = LXW_TRUE};
    x->wb = workbook_new_opt(path, &o);
    if (!x->wb) {
        pl_error_set(err, path, 0, 0, "cannot start the workbook");
        free(x->tmpdir);
        free(x);
        return NULL;
    }
    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_bg_color(x->header, 0xEAEEF2);
    x->text = workbook_add_format(x->wb);
    format_set_num_format(x->text, "@");
    x->plain = workbook_add_format(x->wb);
    format_set_num_format(x->plain, "0");
    for (int d = 0; d <= MAX_DECIMALS; d++) {
        char f[32] = "#,##0";
        if (d) {
            strcat(f, ".");
            for (int i = 0; i < d; i++)
                strcat(f, "0");
        }
        x->grouped[d] = workbook_add_format(x->wb);
        format_set_num_format(x->grouped[d], f);
    }
    x->claims = (struct sheet){.name = "claims", .columns = EMIT_CLAIM_COLUMNS, .part = 1};
    x->documents = (struct sheet){.name = "documents", .columns = EMIT_DOCUMENT_COLUMNS, .part = 1};
    x->reviews = (struct sheet){.name = "reviews", .columns = REVIEW_COLUMNS, .part = 1};
    struct sheet *all[] = {&x->claims, &x->documents, &x->reviews};
    for (int k = 0; k < 3; k++) {
        while (all[k]->columns[all[k]->ncolumns])
            all[k]->ncolumns++;
        sheet_open(x, all[k]);
    }
    for (int j = 0; REVIEW_COLUMNS[j]; j++) {
        const char *want = !strcmp(REVIEW_COLUMNS[j], "note") ? "review_note" : REVIEW_COLUMNS[j];
        x->review_from_claim[j] = -1;
        for (int i = 0; EMIT_CLAIM_COLUMNS[i]; i++)
            if (!strcmp(EMIT_CLAIM_COLUMNS[i], want))
                x->review_from_claim[j] = i;
    }
    return x;
}

/* A field of a rendered CSV row: text (it was quoted; unquoted in text)
 * or a bare number (empty when the field was). */
struct field {
    bool quoted;
    struct buf text;
};

/* Read the row at *p (up to end) into fields[0, max); where the next row
 * begins. The rows are emit's own: fields quoted or bare, CRLF after each. */
static const char *parse_row(const char *p, const char *end, struct field *fields, int max, int *n)
{
    *n = 0;
    while (p < end) {
        struct field *f = *n < max ? &fields[*n] : NULL;
        if (f) {
            f->text.len = 0;
            f->quoted = *p == '"';
        }
        if (*p == '"') {
            for (p++; p < end; p++) {
                if (*p == '"' && (p + 1 >= end || p[1] != '"')) {
                    p++;
                    break;
                }
                if (*p == '"')
                    p++;
                if (f)
                    buf_putc(&f->text, *p);
            }
        } else {
            const char *s = p;
            while (p < end && *p != ',' && *p != '\r' && *p != '\n')
                p++;
            if (f)
                buf_append(&f->text, s, (size_t)(p - s));
        }
        if (f)
            buf_putc(&f->text, '\0'), f->text.len--;
        ++*n;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        while (p < end && (*p == '\r' || *p == '\n'))
            p++;
        break;
    }
    return p;
}

/* Text cut to what a cell holds, at a character's start. */
static void write_text(struct emit_xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, struct buf *t)
{
    size_t chars = 0, i = 0;
    for (; i < t->len; i++)
        if (((unsigned char)t->data[i] & 0xC0) != 0x80 && ++chars > CELL_TEXT_MAX)
            break;
    if (i < t->len) {
        t->len = i;
        buf_puts(t, "…");
    }
    note_error(x, worksheet_write_string(ws, r, c, t->data, x->text));
}

static void write_field(struct emit_xlsx *x, struct sheet *s, lxw_row_t r, int c, const char *column,
                        struct field *f)
{
    if (f->quoted) {
        write_text(x, s->ws, r, (lxw_col_t)c, &f->text);
        return;
    }
    if (!f->text.len)
        return;
    struct decimal d;
    const char *dot = strchr(f->text.data, '.');
    int decimals = dot ? (int)strlen(dot + 1) : 0;
    /* a double holds 15 significant digits for certain: more stay text */
    if (!decimal_parse(f->text.data, &d) || d.m > 999999999999999LL || d.m < -999999999999999LL) {
        write_text(x, s->ws, r, (lxw_col_t)c, &f->text);
        return;
    }
    lxw_format *fmt = plain_number(column) ? x->plain : x->grouped[decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals];
    note_error(x, worksheet_write_number(s->ws, r, (lxw_col_t)c, strtod(f->text.data, NULL), fmt));
}

enum { MAX_FIELDS = 64 };

static void add_rows(struct emit_xlsx *x, const struct buf *rows, bool claims)
{
    struct field fields[MAX_FIELDS];
    memset(fields, 0, sizeof fields);
    const char *p = rows->data, *end = rows->data + rows->len;
    while (p && p < end) {
        int n;
        p = parse_row(p, end, fields, MAX_FIELDS, &n);
        struct sheet *s = claims ? &x->claims : &x->documents;
        if (!s->ws)
            break;
        lxw_row_t r = next_row(x, s);
        for (int j = 0; j < n && j < s->ncolumns && j < MAX_FIELDS; j++)
            write_field(x, s, r, j, s->columns[j], &fields[j]);
        if (!claims || !x->reviews.ws)
            continue;
        r = next_row(x, &x->reviews);
        for (int j = 0; REVIEW_COLUMNS[j]; j++) {
            int from = x->review_from_claim[j];
            if (from >= 0 && from < n)
                write_field(x, &x->reviews, r, j, REVIEW_COLUMNS[j], &fields[from]);
        }
    }
    for (int j = 0; j < MAX_FIELDS; j++)
        buf_free(&fields[j].text);
}

void emit_xlsx_claims(struct emit_xlsx *x, const struct buf *csv_rows)
{
    if (x && csv_rows->len)
        add_rows(x, csv_rows, true);
}

void emit_xlsx_document(struct emit_xlsx *x, const struct buf *csv_row)
{
    if (x && csv_row->len)
        add_rows(x, csv_row, false);
}

bool emit_xlsx_finish(struct emit_xlsx *x, const char *path, struct pl_error *err)
{
    sheet_close(x, &x->claims);
    sheet_close(x, &x->documents);
    sheet_close(x, &x->reviews);
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    if (x->error == LXW_NO_ERROR)
        x->error = e;
    bool ok = x->error == LXW_NO_ERROR;
    if (!ok)
        pl_error_set(err, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(x->error));
    return ok;
}

void emit_xlsx_free(struct emit_xlsx *x)
{
    if (!x)
        return;
    if (x->wb)
        lxw_workbook_free(x->wb);
    free(x->tmpdir);
    free(x);
}
