/* test_claims: short texts through the whole per-document flow (decode →
 * segment → extract → normalise) against tests/claims.tsv.
 *
 * Columns (tab-separated; '#' lines and blank lines skipped):
 *
 *   text  quote  value  unit  qualifier     the first claim of the text
 *   text  -                                  the text gives no claim at all
 *
 * In text, \n stands for a line break and \t for a tab. value is written as
 * decimal_format writes it. Every claim of every text must also hold the
 * claim invariant: its quote is the input's bytes byte_start..byte_end, the
 * span is not empty, and line and column are 1 or more. A failure names the
 * data file and line. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "decimal.h"
#include "emit.h"
#include "harness.h"
#include "model.h"
#include "pipeline.h"
#include "rules.h"
#include "segment.h"
#include "xalloc.h"

#define DATA "tests/claims.tsv"
#define MAX_FIELDS 8

/* s with \n and \t turned into a line break and a tab, in place. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && (r[1] == 'n' || r[1] == 't')) {
            *w++ = r[1] == 'n' ? '\n' : '\t';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The claim invariant, for every claim of doc. */
static void check_invariant(int line, const struct doc *doc)
{
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        const char *q = or_empty(c->quote);
        size_t n = strlen(q);
        bool span_ok = c->byte_start < c->byte_end && c->byte_end <= doc->nbytes;
        CHECK_AT(DATA, line, span_ok, "claim %zu (%s): bad byte span %zu-%zu of %zu", i + 1, q,
                 c->byte_start, c->byte_end, doc->nbytes);
        CHECK_AT(DATA, line,
                 span_ok && n == c->byte_end - c->byte_start &&
                     memcmp(doc->bytes + c->byte_start, q, n) == 0,
                 "claim %zu (%s): the quote is not the input bytes %zu-%zu", i + 1, q,
                 c->byte_start, c->byte_end);
        CHECK_AT(DATA, line, c->line >= 1 && c->column >= 1, "claim %zu (%s): line %d column %d",
                 i + 1, q, c->line, c->column);
    }
}

/* Each claim's page form (report.html's data) is an array with a value
 * for each of EMIT_PAGE_CLAIM_FIELDS, in that order. */
static void check_page_form(int line, const struct doc *doc)
{
    size_t nfields = 0;
    while (EMIT_PAGE_CLAIM_FIELDS[nfields])
        nfields++;
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        struct buf b = {0};
        size_t doc_at;
        emit_json_claim(&b, doc, c, &doc_at, NULL);
        /* the writer puts the document's index in its place */
        char *json = xasprintf("%.*s7%s", (int)doc_at, b.data, b.data + doc_at);
        cJSON *a = cJSON_Parse(json);
        bool ok = cJSON_IsArray(a) && (size_t)cJSON_GetArraySize(a) == nfields;
        for (size_t k = 0; ok && k < nfields; k++) {
            const char *name = EMIT_PAGE_CLAIM_FIELDS[k];
            const cJSON *v = cJSON_GetArrayItem(a, (int)k);
            if (!strcmp(name, "claim_id"))
                ok = cJSON_IsString(v) && !strcmp(v->valuestring, c->id);
            else if (!strcmp(name, "doc"))
                ok = cJSON_IsNumber(v) && v->valueint == 7;
            else if (!strcmp(name, "line"))
                ok = cJSON_IsNumber(v) && v->valueint == c->line;
            else if (!strcmp(name, "quote"))
                ok = cJSON_IsString(v) && !strcmp(v->valuestring, or_empty(c->quote));
            else if (!strcmp(name, "unit"))
                ok = c->unit ? cJSON_IsString(v) && !strcmp(v->valuestring, c->unit) : cJSON_IsNull(v);
            else if (!strcmp(name, "rule"))
                ok = cJSON_IsString(v) && !strcmp(v->valuestring, or_empty(c->rule));
        }
        CHECK_AT(DATA, line, ok, "claim %zu: the page form is not one value a field: %s", i + 1, json);
        cJSON_Delete(a);
        free(json);
        buf_free(&b);
    }
}

/* "quote, quote, ..." of doc's claims into out. */
static void list_claims(const struct doc *doc, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < doc->nclaims && k < n; i++) {
        int w = snprintf(out + k, n - k, "%s%s", i ? ", " : "", or_empty(doc->claims[i].quote));
        if (w < 0)
            break;
        k += (size_t)w;
    }
}

static void check_row(struct segmenter *sg, const struct rule_set *rs, int line, char **f, int nf)
{
    unescape(f[0]);
    const char *text = f[0];
    struct doc *doc = doc_new("claims.tsv", "");
    doc->nbytes = strlen(text);
    doc->bytes = (unsigned char *)xstrndup(text, doc->nbytes);
    pipeline_process(sg, rs, doc);
    char got[1024];
    list_claims(doc, got, sizeof got);
    CHECK_AT(DATA, line, doc->status == DOC_OK, "%s: the document failed: %s", text,
             or_empty(doc->error));
    if (doc->status != DOC_OK) {
        doc_free(doc);
        return;
    }
    check_invariant(line, doc);
    check_page_form(line, doc);
    if (!strcmp(f[1], "-")) {
        CHECK_AT(DATA, line, doc->nclaims == 0, "%s: want no claim, got [%s]", text, got);
        doc_free(doc);
        return;
    }
    struct decimal v;
    bool data_ok = nf >= 5 && f[1][0] && decimal_parse(f[2], &v) && f[3][0] && f[4][0];
    CHECK_AT(DATA, line, data_ok, "bad row: want text, quote, value, unit, qualifier");
    CHECK_AT(DATA, line, !data_ok || doc->nclaims > 0, "%s: want the claim %s, got none", text,
             f[1]);
    if (data_ok && doc->nclaims > 0) {
        const struct claim *c = &doc->claims[0];
        char value[64];
        decimal_format(c->value, value, sizeof value);
        bool same = !strcmp(or_empty(c->quote), f[1]) && !strcmp(value, f[2]) &&
                    !strcmp(or_empty(c->unit), f[3]) && !strcmp(or_empty(c->qualifier), f[4]);
        CHECK_AT(DATA, line, same, "%s:\n  want: %s %s %s %s\n  got:  %s %s %s %s (claims: %s)",
                 text, f[1], f[2], f[3], f[4], or_empty(c->quote), value, or_empty(c->unit),
                 or_empty(c->qualifier), got);
    }
    doc_free(doc);
}

int main(void)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs != NULL, "the rules do not load: %s:%d:%d: %s", err.path, err.line, err.column,
          err.text);
    struct segmenter *sg = rs ? segmenter_new(&err) : NULL;
    CHECK(!rs || sg != NULL, "no segmenter: %s", err.text);
    FILE *f = fopen(DATA, "r");
    CHECK(f != NULL, "cannot open %s", DATA);
    int rows = 0;
    if (rs && sg && f) {
        char line[4096];
        int lineno = 0;
        while (fgets(line, sizeof line, f)) {
            lineno++;
            line[strcspn(line, "\r\n")] = '\0';
            if (!line[0] || line[0] == '#')
                continue;
            char *field[MAX_FIELDS];
            int nf = split_tabs(line, field, MAX_FIELDS);
            if (nf < 2) {
                CHECK_AT(DATA, lineno, false, "bad row: want text and quote (or -)");
                continue;
            }
            check_row(sg, rs, lineno, field, nf);
            rows++;
        }
        CHECK(rows >= 40, "%s has only %d rows", DATA, rows);
    }
    if (f)
        fclose(f);
    segmenter_free(sg);
    rules_free(rs);
    u_cleanup();
    return test_summary("claims");
}
