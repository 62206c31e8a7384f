/* reviews: the reviewers' file in (decoded as documents are, parsed by
 * libcsv), verdicts out beside the claims, and what matched nothing out on
 * its own. */
#include "reviews.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decimal.h"
#include "decode.h"
#include "model.h"
#include "normalise.h"
#include "outfile.h"
#include "csvfile.h"
#include "xalloc.h"

struct reviews {
    struct review *at;
    size_t n, cap;
    size_t *slots;    /* open addressing over at[] by id: index + 1, 0 = empty */
    size_t nslots;
    size_t *by_doc;   /* indices of at[], sorted by doc, then file order */
    size_t bad;
    char encoding[32];
    char separator;
};

static int column(const struct csvfile *t, const char *name)
{
    for (size_t j = 0; t->n && j < t->widths[0]; j++)
        if (!strcmp(t->rows[0][j], name))
            return (int)j;
    return -1;
}

static const char *cell(const struct csvfile *t, size_t row, int col)
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

/* The separator of the header line: the one of , ; and tab it holds most
 * of outside quotes (a comma when none). */
static char separator_of(const char *s, size_t n)
{
    size_t count[3] = {0, 0, 0};
    bool quoted = false;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            count[0] += s[i] == ',', count[1] += s[i] == ';', count[2] += s[i] == '\t';
    }
    return count[1] > count[0] && count[1] >= count[2] ? ';' : count[2] > count[0] ? '\t' : ',';
}

/* The file as UTF-8 text (to free), its charset found as a document's is;
 * NULL (err set) when it cannot be read or decoded. */
static char *read_text(const char *path, size_t *n, char *encoding, size_t encoding_size, struct pl_error *err)
{
    struct doc *doc = doc_new(path, path);
    char *text = NULL;
    if (decode_read(doc) && decode_text(doc)) {
        int32_t from = doc->len > 0 && doc->text[0] == 0xFEFF; /* a BOM the charset kept */
        text = xmalloc((size_t)(doc->len - from) * 3 + 1);
        *n = decode_utf8_of(text, doc->text + from, doc->len - from);
        text[*n] = 0;
        snprintf(encoding, encoding_size, "%s", doc->encoding ? doc->encoding : "UTF-8");
    } else {
        pl_error_set(err, NULL, 0, 0, "%s", doc->error ? doc->error : "cannot read the reviews file");
    }
    doc_free(doc);
    return text;
}

struct doc_key {
    const char *doc;
    size_t i;
};

static int by_doc_order(const void *a, const void *b)
{
    const struct doc_key *x = a, *y = b;
    int c = strcmp(x->doc, y->doc);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* What is wrong with a row, in e; nothing when it is good. */
static void check_row(const struct reviews *r, const char *path, int line, const char *cid, bool described,
                      const char *v, const char *cv, struct pl_error *e)
{
    if (!v[0])
        pl_error_set(e, path, line, 0, "a corrected_value or note without a verdict (ok, wrong or unsure)");
    else if (!normalise_id_valid(cid) && !(described && !cid[0]))
        pl_error_set(e, path, line, 0,
                     "claim_id \"%s\" is not a claim id (16 letters of ghjkmnpqrstvwxyz)%s", cid,
                     described ? "" : "; with the claim's doc, quote and value it would be found by them");
    else if (strcmp(v, "ok") && strcmp(v, "wrong") && strcmp(v, "unsure")) {
        char lower[16] = "";
        for (size_t i = 0; v[i] && i + 1 < sizeof lower; i++)
            lower[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] - 'A' + 'a' : v[i]);
        bool cased = strlen(v) < sizeof lower && (!strcmp(lower, "ok") || !strcmp(lower, "wrong") ||
                                                   !strcmp(lower, "unsure"));
        pl_error_set(e, path, line, 0, "verdict \"%s\" is not ok, wrong or unsure%s", v,
                     cased ? " (written in lower case)" : "");
    } else if (cv[0] && !decimal_plain(cv))
        pl_error_set(e, path, line, 0,
                     "corrected_value \"%s\" is not a plain decimal number (such as 12, -3 or 0.25: digits, "
                     "no 万 or 亿, no grouping, no exponent)",
                     cv);
    else if (cid[0] && reviews_find(r, cid))
        pl_error_set(e, path, line, 0, "a second review of claim %s", cid);
}

struct reviews *reviews_load(const char *path, void (*report)(void *ctx, const struct pl_error *e), void *ctx,
                             struct pl_error *err)
{
    struct reviews *r = xcalloc(1, sizeof *r);
    size_t len = 0;
    char *text = read_text(path, &len, r->encoding, sizeof r->encoding, err);
    struct csvfile t = {0};
    if (!text || !csvfile_parse(path, text, len, r->separator = separator_of(text, len), &t, err)) {
        free(text);
        csvfile_free(&t);
        reviews_free(r);
        return NULL;
    }
    free(text);
    int id = column(&t, "claim_id"), verdict = column(&t, "verdict");
    int value = column(&t, "corrected_value"), note = column(&t, "note");
    int doc = column(&t, "doc"), quote = column(&t, "quote"), cvalue = column(&t, "value"), cline = column(&t, "line");
    if (id < 0 || verdict < 0) {
        pl_error_set(err, path, 1, 0,
                     "a reviews file needs the columns claim_id and verdict (its header, read as %s "
                     "separated by %s, has none)",
                     r->encoding, r->separator == ';' ? "semicolons" : r->separator == '\t' ? "tabs" : "commas");
        csvfile_free(&t);
        reviews_free(r);
        return NULL;
    }
    r->nslots = t.n * 2 + 1;
    r->slots = xcalloc(r->nslots, sizeof *r->slots);
    for (size_t i = 1; i < t.n; i++) {
        const char *cid = cell(&t, i, id), *v = cell(&t, i, verdict), *cv = cell(&t, i, value);
        const char *nt = cell(&t, i, note);
        int line = t.lines[i];
        if (!v[0] && !cv[0] && !nt[0])
            continue; /* not reviewed yet: a row of the template */
        char idbuf[17];
        if (normalise_id_from_hex(cid, idbuf))
            cid = idbuf; /* an id of an earlier version: the same hash */
        bool described = cell(&t, i, doc)[0] && cell(&t, i, quote)[0];
        /* an id a spreadsheet turned into a number: found by what it describes */
        const char *key = normalise_id_valid(cid) ? cid : "";
        struct pl_error e = {0};
        check_row(r, path, line, normalise_id_valid(cid) || !described ? cid : "", described, v, cv, &e);
        if (e.set) {
            /* every bad row, so that the file is mended in one go; the
             * good ones still apply */
            if (report)
                report(ctx, &e);
            else if (!r->bad)
                *err = e;
            r->bad++;
            continue;
        }
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 64;
            r->at = xrealloc(r->at, r->cap * sizeof *r->at);
        }
        struct review *rv = &r->at[r->n];
        memset(rv, 0, sizeof *rv);
        memcpy(rv->claim_id, key, strlen(key) + 1);
        rv->verdict = xstrdup(v);
        rv->corrected_value = xstrdup(cv);
        rv->note = xstrdup(nt);
        rv->doc = xstrdup(cell(&t, i, doc));
        rv->quote = xstrdup(cell(&t, i, quote));
        rv->value = xstrdup(cell(&t, i, cvalue));
        rv->claim_line = atoi(cell(&t, i, cline));
        rv->line = line;
        r->n++;
        if (key[0]) {
            size_t s = hash(key, r->nslots);
            while (r->slots[s])
                s = (s + 1) % r->nslots;
            r->slots[s] = r->n;
        }
    }
    csvfile_free(&t);
    struct doc_key *keys = xmalloc((r->n + 1) * sizeof *keys);
    for (size_t i = 0; i < r->n; i++)
        keys[i] = (struct doc_key){r->at[i].doc, i};
    qsort(keys, r->n, sizeof *keys, by_doc_order);
    r->by_doc = xmalloc((r->n + 1) * sizeof *r->by_doc);
    for (size_t k = 0; k < r->n; k++) {
        r->by_doc[k] = keys[k].i;
        r->at[keys[k].i].order = k;
    }
    free(keys);
    return r;
}

size_t reviews_bad(const struct reviews *r)
{
    return r ? r->bad : 0;
}

const char *reviews_encoding(const struct reviews *r)
{
    return r->encoding;
}

char reviews_separator(const struct reviews *r)
{
    return r->separator;
}

const struct review *reviews_find(const struct reviews *r, const char *claim_id)
{
    if (!r || !r->nslots || !claim_id[0])
        return NULL;
    for (size_t s = hash(claim_id, r->nslots); r->slots[s]; s = (s + 1) % r->nslots) {
        const struct review *rv = &r->at[r->slots[s] - 1];
        if (!strcmp(rv->claim_id, claim_id))
            return rv;
    }
    return NULL;
}

/* Whether the claim is the one rv describes: its quote, and its value
 * where rv gives one. */
static bool describes(const struct review *rv, const struct claim *c)
{
    if (!c->quote || strcmp(rv->quote, c->quote))
        return false;
    struct decimal v;
    return !rv->value[0] || (decimal_parse(rv->value, &v) && decimal_cmp(v, c->value) == 0);
}

void reviews_attach(const struct reviews *r, struct doc *doc, bool follow)
{
    if (!r)
        return;
    for (size_t i = 0; i < doc->nclaims; i++)
        doc->claims[i].review = reviews_find(r, doc->claims[i].id);
    if (!follow || !r->n)
        return;
    /* doc's reviews: by_doc[lo, hi) */
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->at[r->by_doc[mid]].doc, doc->name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (hi = lo; hi < r->n && !strcmp(r->at[r->by_doc[hi]].doc, doc->name); hi++)
        ;
    if (lo == hi)
        return;
    bool *found = xcalloc(hi - lo, sizeof *found);
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct review *rv = doc->claims[i].review;
        if (rv && rv->order >= lo && rv->order < hi)
            found[rv->order - lo] = true;
    }
    for (size_t k = lo; k < hi; k++) {
        const struct review *rv = &r->at[r->by_doc[k]];
        if (found[k - lo] || !rv->quote[0])
            continue;
        struct claim *best = NULL;
        for (size_t i = 0; i < doc->nclaims; i++) {
            struct claim *c = &doc->claims[i];
            if (c->review || !describes(rv, c))
                continue;
            if (!best || abs(c->line - rv->claim_line) < abs(best->line - rv->claim_line))
                best = c;
        }
        if (best)
            best->review = rv;
    }
    free(found);
}

void reviews_mark_used(struct reviews *r, const struct review *rv, const char *claim_id)
{
    if (!r || !rv)
        return;
    struct review *at = &r->at[rv - r->at];
    at->used = true;
    at->reattached = at->reattached || strcmp(at->claim_id, claim_id) != 0;
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
    fputs("claim_id,verdict,corrected_value,note,line,doc,quote,value\r\n", f);
    for (size_t i = 0; r && i < r->n; i++) {
        const struct review *rv = &r->at[i];
        if (rv->used)
            continue;
        csv_text(f, rv->claim_id, true);
        csv_text(f, rv->verdict, false);
        fprintf(f, ",%s", rv->corrected_value);
        csv_text(f, rv->note, false);
        fprintf(f, ",%d", rv->line);
        csv_text(f, rv->doc, false);
        csv_text(f, rv->quote, false);
        if (decimal_plain(rv->value))
            fprintf(f, ",%s", rv->value);
        else
            csv_text(f, rv->value, false);
        fputs("\r\n", f);
    }
}

const struct review *reviews_orphan_at(const struct reviews *r, size_t *i)
{
    for (; r && *i < r->n; ++*i)
        if (!r->at[*i].used)
            return &r->at[(*i)++];
    return NULL;
}

size_t reviews_orphans(const struct reviews *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n; i++)
        n += !r->at[i].used;
    return n;
}

size_t reviews_applied(const struct reviews *r)
{
    return r ? r->n - reviews_orphans(r) : 0;
}

size_t reviews_reattached(const struct reviews *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n; i++)
        n += r->at[i].used && r->at[i].reattached;
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
        free(r->at[i].doc);
        free(r->at[i].quote);
        free(r->at[i].value);
    }
    free(r->at);
    free(r->slots);
    free(r->by_doc);
    free(r);
}

bool reviews_template(const char *out_dir, struct pl_error *err)
{
    char *claims = xasprintf("%s/claims.csv", out_dir), *target = xasprintf("%s/reviews.csv", out_dir);
    struct csvfile t = {0};
    struct stat st;
    bool ok = false;
    if (stat(target, &st) == 0) {
        pl_error_set(err, target, 0, 0, "exists already: a filled-in reviews file is never overwritten");
    } else if (csvfile_read(claims, &t, err)) {
        /* the reviewer's columns, then what the claim is (the sentence last: it is long) */
        static const char *const FROM[] = {"claim_id", "verdict", "corrected_value", "review_note", "doc", "line",
                                           "quote", "value", "unit", "qualifier", "subject", "sentence"};
        enum { NCOLS = sizeof FROM / sizeof *FROM };
        int col[NCOLS];
        for (int j = 0; j < NCOLS; j++)
            col[j] = column(&t, FROM[j]);
        struct outfile o = {0};
        struct outfile_lock lock = {.fd = -1};
        static const char *const NAMES[] = {"reviews.csv", NULL};
        if (col[0] < 0) {
            pl_error_set(err, claims, 1, 0, "no claim_id column");
        } else if (outfile_lock(&lock, out_dir, NAMES, err) && outfile_open(&o, out_dir, "reviews.csv", err)) {
            fputs("\xEF\xBB\xBF" /* as spreadsheets read UTF-8 */
                  "claim_id,verdict,corrected_value,note,doc,line,quote,value,unit,qualifier,subject,sentence\r\n",
                  o.f);
            for (size_t i = 1; i < t.n; i++) {
                for (int j = 0; j < NCOLS; j++) {
                    const char *s = cell(&t, i, col[j]);
                    /* numbers bare, so that a spreadsheet reads them as numbers */
                    if (decimal_plain(s) && (!strcmp(FROM[j], "value") || !strcmp(FROM[j], "line") ||
                                             !strcmp(FROM[j], "corrected_value")))
                        fprintf(o.f, j ? ",%s" : "%s", s);
                    else
                        csv_text(o.f, s, j == 0);
                }
                fputs("\r\n", o.f);
            }
            ok = outfile_close(&o, err) && outfile_commit_all(&o, 1, err);
            outfile_discard(&o);
        }
        outfile_unlock(&lock);
    }
    csvfile_free(&t);
    free(claims);
    free(target);
    return ok;
}
