/* reviews: the reviewers' file in (libcsv's parser), verdicts out beside
 * the claims, and what matched nothing out on its own. */
#include "reviews.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "table.h"
#include "decimal.h"
#include "normalise.h"
#include "outfile.h"
#include "xalloc.h"

struct reviews {
    struct review *at;
    size_t n, cap;
    size_t *slots;    /* open addressing over at[]: index + 1, 0 = empty */
    size_t nslots;
};

static int column(const struct table *t, const char *name)
{
    for (size_t j = 0; t->n && j < t->widths[0]; j++)
        if (!strcmp(t->rows[0][j], name))
            return (int)j;
    return -1;
}

static const char *cell(const struct table *t, size_t row, int col)
{
    return col >= 0 && (size_t)col < t->widths[row] ? t->rows[row][col] : "";
}

static size_t hash(const char *id, size_t n)
{
    size_t h = 5381;
    for (; *id; id++)
        h = h * 33 + (unsigned char)*id;
    return h % n;
}

struct reviews *reviews_load(const char *path, void (*report)(void *ctx, const struct pl_error *e), void *ctx,
                             struct pl_error *err)
{
    struct table t = {0};
    if (!table_read(path, &t, err)) {
        table_free(&t);
        return NULL;
    }
    int id = column(&t, "claim_id"), verdict = column(&t, "verdict");
    int value = column(&t, "corrected_value"), note = column(&t, "note");
    if (id < 0 || verdict < 0) {
        pl_error_set(err, path, 1, 0, "a reviews file needs the columns claim_id and verdict");
        table_free(&t);
        return NULL;
    }
    struct reviews *r = xcalloc(1, sizeof *r);
    r->nslots = t.n * 2 + 1;
    r->slots = xcalloc(r->nslots, sizeof *r->slots);
    size_t bad = 0;
    for (size_t i = 1; i < t.n; i++) {
        const char *cid = cell(&t, i, id), *v = cell(&t, i, verdict), *cv = cell(&t, i, value);
        int line = t.lines[i];
        struct pl_error e = {0};
        if (!v[0])
            continue; /* not reviewed yet: a row of the template */
        char idbuf[17];
        if (normalise_id_from_hex(cid, idbuf))
            cid = idbuf; /* an id of an earlier version: the same hash */
        if (!normalise_id_valid(cid))
            pl_error_set(&e, path, line, 0, "claim_id \"%s\" is not a claim id (16 letters of ghjkmnpqrstvwxyz)", cid);
        else if (strcmp(v, "ok") && strcmp(v, "wrong") && strcmp(v, "unsure"))
            pl_error_set(&e, path, line, 0, "verdict \"%s\" is not ok, wrong or unsure", v);
        else if (cv[0] && !decimal_plain(cv))
            pl_error_set(&e, path, line, 0,
                         "corrected_value \"%s\" is not a plain decimal number (such as 12, -3 or 0.25)", cv);
        else if (reviews_find(r, cid))
            pl_error_set(&e, path, line, 0, "a second review of claim %s", cid);
        if (e.set) {
            /* every bad row, so that the file is mended in one go */
            if (report)
                report(ctx, &e);
            else if (!bad)
                *err = e;
            bad++;
        } else {
            if (r->n == r->cap) {
                r->cap = r->cap ? r->cap * 2 : 64;
                r->at = xrealloc(r->at, r->cap * sizeof *r->at);
            }
            struct review *rv = &r->at[r->n];
            memset(rv, 0, sizeof *rv);
            memcpy(rv->claim_id, cid, 17);
            rv->verdict = xstrdup(v);
            rv->corrected_value = xstrdup(cv);
            rv->note = xstrdup(cell(&t, i, note));
            rv->line = line;
            size_t s = hash(cid, r->nslots);
            while (r->slots[s])
                s = (s + 1) % r->nslots;
            r->slots[s] = ++r->n;
        }
    }
    table_free(&t);
    if (bad) {
        if (report)
            pl_error_set(err, path, 0, 0, "%zu malformed row(s), each named above: nothing was written", bad);
        reviews_free(r);
        return NULL;
    }
    return r;
}

const struct review *reviews_find(const struct reviews *r, const char *claim_id)
{
    if (!r || !r->nslots)
        return NULL;
    for (size_t s = hash(claim_id, r->nslots); r->slots[s]; s = (s + 1) % r->nslots) {
        const struct review *rv = &r->at[r->slots[s] - 1];
        if (!strcmp(rv->claim_id, claim_id))
            return rv;
    }
    return NULL;
}

void reviews_mark_used(struct reviews *r, const struct review *rv)
{
    if (r && rv)
        r->at[rv - r->at].used = true;
}

static void csv_text(FILE *f, const char *s, bool first)
{
    if (!first)
        fputc(',', f);
    if (s && *s)
        csv_fwrite(f, s, strlen(s));
}

void reviews_write_orphans(const struct reviews *r, FILE *f)
{
    fputs("claim_id,verdict,corrected_value,note,line\r\n", f);
    for (size_t i = 0; r && i < r->n; i++) {
        const struct review *rv = &r->at[i];
        if (rv->used)
            continue;
        csv_text(f, rv->claim_id, true);
        csv_text(f, rv->verdict, false);
        fprintf(f, ",%s", rv->corrected_value);
        csv_text(f, rv->note, false);
        fprintf(f, ",%d\r\n", rv->line);
    }
}

size_t reviews_orphans(const struct reviews *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n; i++)
        n += !r->at[i].used;
    return n;
}

void reviews_free(struct reviews *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->at[i].verdict);
        free(r->at[i].corrected_value);
        free(r->at[i].note);
    }
    free(r->at);
    free(r->slots);
    free(r);
}

bool reviews_template(const char *out_dir, struct pl_error *err)
{
    char *claims = xasprintf("%s/claims.csv", out_dir), *target = xasprintf("%s/reviews.csv", out_dir);
    struct table t = {0};
    struct stat st;
    bool ok = false;
    if (stat(target, &st) == 0) {
        pl_error_set(err, target, 0, 0, "exists already: a filled-in reviews file is never overwritten");
    } else if (table_read(claims, &t, err)) {
        int id = column(&t, "claim_id"), doc = column(&t, "doc"), quote = column(&t, "quote");
        int value = column(&t, "value"), unit = column(&t, "unit");
        struct outfile o = {0};
        struct outfile_lock lock = {.fd = -1};
        static const char *const NAMES[] = {"reviews.csv", NULL};
        if (id < 0) {
            pl_error_set(err, claims, 1, 0, "no claim_id column");
        } else if (outfile_lock(&lock, out_dir, NAMES, err) && outfile_open(&o, out_dir, "reviews.csv", err)) {
            fputs("claim_id,verdict,corrected_value,note,doc,quote,value,unit\r\n", o.f);
            for (size_t i = 1; i < t.n; i++) {
                csv_text(o.f, cell(&t, i, id), true);
                fputs(",,,", o.f);
                csv_text(o.f, cell(&t, i, doc), false);
                csv_text(o.f, cell(&t, i, quote), false);
                fprintf(o.f, ",%s", cell(&t, i, value));
                csv_text(o.f, cell(&t, i, unit), false);
                fputs("\r\n", o.f);
            }
            ok = outfile_close(&o, err) && outfile_commit_all(&o, 1, err);
            outfile_discard(&o);
        }
        outfile_unlock(&lock);
    }
    table_free(&t);
    free(claims);
    free(target);
    return ok;
}
