/* table: libcsv's callbacks gather fields into rows. */
#include "table.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void on_field(void *s, size_t len, void *ctx)
{
    struct table *t = ctx;
    t->row = xrealloc(t->row, (t->width + 1) * sizeof *t->row);
    t->row[t->width++] = xstrndup(s ? (const char *)s : "", len);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct table *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
        t->widths = xrealloc(t->widths, t->cap * sizeof *t->widths);
    }
    t->rows[t->n] = t->row;
    t->widths[t->n++] = t->width;
    t->row = NULL;
    t->width = 0;
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->widths[i]; j++)
            free(t->rows[i][j]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->widths);
    for (size_t j = 0; j < t->width; j++)
        free(t->row[j]);
    free(t->row);
}

bool table_read(const char *path, struct table *t, struct pl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pl_error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    char buf[65536];
    size_t n;
    bool ok = true, first = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        size_t skip = 0;
        if (first && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
            skip = 3; /* a BOM, as spreadsheets write */
        first = false;
        ok = csv_parse(&p, buf + skip, n - skip, on_field, on_row, t) == n - skip;
    }
    ok = ok && csv_fini(&p, on_field, on_row, t) == 0;
    if (!ok)
        pl_error_set(err, path, (int)t->n + 1, 0, "malformed CSV: %s", csv_strerror(csv_error(&p)));
    csv_free(&p);
    fclose(f);
    return ok;
}

