/* csvfile: libcsv's callbacks gather fields into rows. */
#include "csvfile.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void on_field(void *s, size_t len, void *ctx)
{
    struct csvfile *t = ctx;
    if (!t->row_line)
        t->row_line = t->line;
    t->row = xrealloc(t->row, (t->width + 1) * sizeof *t->row);
    t->row[t->width++] = xstrndup(s ? (const char *)s : "", len);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct csvfile *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
        t->widths = xrealloc(t->widths, t->cap * sizeof *t->widths);
        t->lines = xrealloc(t->lines, t->cap * sizeof *t->lines);
    }
    t->lines[t->n] = t->row_line ? t->row_line : t->line;
    t->row_line = 0;
    t->rows[t->n] = t->row;
    t->widths[t->n++] = t->width;
    t->row = NULL;
    t->width = 0;
}

void csvfile_free(struct csvfile *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->widths[i]; j++)
            free(t->rows[i][j]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->widths);
    free(t->lines);
    for (size_t j = 0; j < t->width; j++)
        free(t->row[j]);
    free(t->row);
}

/* Feed data[0, n) to p a line at a time, so that each row knows the line
 * it began on (a quoted field may hold line breaks). */
static bool feed(struct csv_parser *p, struct csvfile *t, const char *data, size_t n)
{
    bool ok = true;
    for (const char *at = data, *end = data + n; ok && at < end;) {
        const char *nl = memchr(at, '\n', (size_t)(end - at));
        size_t len = nl ? (size_t)(nl + 1 - at) : (size_t)(end - at);
        ok = csv_parse(p, at, len, on_field, on_row, t) == len;
        at += len;
        t->line += nl != NULL;
    }
    return ok;
}

static bool end(struct csv_parser *p, struct csvfile *t, bool ok, const char *path, struct pl_error *err)
{
    ok = ok && csv_fini(p, on_field, on_row, t) == 0;
    if (!ok)
        pl_error_set(err, path, t->row_line ? t->row_line : t->line, 0, "malformed CSV: %s",
                     csv_strerror(csv_error(p)));
    csv_free(p);
    return ok;
}

bool csvfile_read(const char *path, struct csvfile *t, struct pl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pl_error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    t->line = 1;
    char buf[65536];
    size_t n;
    bool ok = true, first = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        size_t skip = 0;
        if (first && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
            skip = 3; /* a BOM, as spreadsheets write */
        first = false;
        ok = feed(&p, t, buf + skip, n - skip);
    }
    fclose(f);
    return end(&p, t, ok, path, err);
}

bool csvfile_parse(const char *path, const char *data, size_t n, char delim, struct csvfile *t, struct pl_error *err)
{
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    csv_set_delim(&p, (unsigned char)delim);
    t->line = 1;
    return end(&p, t, feed(&p, t, data, n), path, err);
}
