/* examples: running the examples of the rule files against the pipeline. */
#include "examples.h"

#include <cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "pipeline.h"
#include "xalloc.h"

/* The claim's field as text ("" when absent), for comparison. */
static void field_text(const struct claim *c, const char *field, char *out, size_t n)
{
    const char *s = NULL;
    out[0] = '\0';
    if (!strcmp(field, "quote")) s = c->quote;
    else if (!strcmp(field, "unit")) s = c->unit;
    else if (!strcmp(field, "kind")) s = c->kind;
    else if (!strcmp(field, "qualifier")) s = c->qualifier;
    else if (!strcmp(field, "role")) s = c->role;
    else if (!strcmp(field, "period")) s = c->period;
    else if (!strcmp(field, "subject")) s = c->subject;
    else if (!strcmp(field, "time_ref")) s = c->time_ref;
    else if (!strcmp(field, "when")) s = c->when;
    else if (!strcmp(field, "rule")) s = c->rule;
    else if (!strcmp(field, "group")) {
        if (c->group)
            snprintf(out, n, "g%d", c->group);
        return;
    } else if (!strcmp(field, "value"))
        decimal_format(c->value, out, n);
    else if (!strcmp(field, "lower") && c->has_lower)
        decimal_format(c->lower, out, n);
    else if (!strcmp(field, "upper") && c->has_upper)
        decimal_format(c->upper, out, n);
    if (s)
        snprintf(out, n, "%s", s);
}

static bool same(const cJSON *want, const char *got)
{
    if (cJSON_IsNull(want))
        return !got[0];
    if (cJSON_IsString(want))
        return !strcmp(want->valuestring, got);
    if (cJSON_IsNumber(want)) {
        if (!got[0])
            return false;
        double g = strtod(got, NULL), w = want->valuedouble;
        return fabs(g - w) <= 1e-9 * fmax(1.0, fabs(w));
    }
    return false;
}

static void describe(const cJSON *v, char *out, size_t n)
{
    if (cJSON_IsString(v))
        snprintf(out, n, "\"%s\"", v->valuestring);
    else if (cJSON_IsNumber(v))
        snprintf(out, n, "%.15g", v->valuedouble);
    else
        snprintf(out, n, "null");
}

/* A check's claims' quotes, joined by " + ". */
static void check_quotes(const struct doc *doc, const struct check *k, struct buf *b)
{
    for (size_t i = 0; i < k->nclaims; i++)
        buf_printf(b, "%s%s", i ? " + " : "", doc->claims[k->claims[i]].quote);
}

/* Does doc give the checks the example expects, each with its relation,
 * its claims' quotes in order, its verdict (and computed value where
 * given), and no other? */
static bool checks_match(const struct doc *doc, const struct rule_example *e, FILE *out)
{
    bool ok = true;
    size_t want = (size_t)cJSON_GetArraySize(e->checks);
    bool *seen = doc->nchecks ? calloc(doc->nchecks, sizeof *seen) : NULL;
    const cJSON *x;
    cJSON_ArrayForEach(x, e->checks) {
        const char *rel = cJSON_GetObjectItemCaseSensitive(x, "relation")->valuestring;
        const char *verdict = cJSON_GetObjectItemCaseSensitive(x, "verdict")->valuestring;
        const cJSON *quotes = cJSON_GetObjectItemCaseSensitive(x, "quotes");
        const cJSON *computed = cJSON_GetObjectItemCaseSensitive(x, "computed");
        struct buf w = {0};
        const cJSON *q;
        cJSON_ArrayForEach(q, quotes) buf_printf(&w, "%s%s", w.len ? " + " : "", cJSON_IsString(q) ? q->valuestring : "?");
        bool found = false;
        for (size_t i = 0; i < doc->nchecks && !found; i++) {
            const struct check *k = &doc->checks[i];
            struct buf g = {0};
            check_quotes(doc, k, &g);
            if (!seen[i] && !strcmp(k->relation, rel) && !strcmp(g.data ? g.data : "", w.data ? w.data : "")) {
                found = seen[i] = true;
                char got[DECIMAL_TEXT_MAX];
                decimal_format(k->computed, got, sizeof got);
                if (strcmp(verdict, k->consistent ? "consistent" : "inconsistent") ||
                    (computed && !same(computed, got))) {
                    fprintf(out, "%s:%d: rule %s: check %s of %s: expected %s%s, got %s, computed %s (%s)\n", e->file,
                            rules_example_line(e), e->rule_id, rel, w.data, verdict,
                            computed ? " with the computed value given" : "",
                            k->consistent ? "consistent" : "inconsistent", got, k->note);
                    ok = false;
                }
            }
            buf_free(&g);
        }
        if (!found) {
            fprintf(out, "%s:%d: rule %s: expected a check %s of %s, found none in \"%s\"\n", e->file,
                    rules_example_line(e), e->rule_id, rel, w.data ? w.data : "", e->text);
            ok = false;
        }
        buf_free(&w);
    }
    if (doc->nchecks != want) {
        for (size_t i = 0; i < doc->nchecks; i++) {
            if (seen[i])
                continue;
            struct buf g = {0};
            check_quotes(doc, &doc->checks[i], &g);
            fprintf(out, "%s:%d: rule %s: a check not expected: %s of %s (%s) in \"%s\"\n", e->file,
                    rules_example_line(e), e->rule_id, doc->checks[i].relation, g.data, doc->checks[i].note,
                    e->text);
            buf_free(&g);
        }
        ok = false;
    }
    free(seen);
    return ok;
}

static bool run_one(const struct rule_set *rs, struct segmenter *sg, const struct rule_example *e,
                    FILE *out)
{
    struct doc *doc = doc_new("example", "");
    doc->nbytes = strlen(e->text);
    doc->bytes = (unsigned char *)xstrndup(e->text, doc->nbytes);
    doc->date_option = e->date;
    bool ok = true;
    pipeline_process_as(sg, rs, doc, !strcmp(e->format, "html") ? FORMAT_HTML : FORMAT_TEXT);
    size_t want = e->claims ? (size_t)cJSON_GetArraySize(e->claims) : doc->nclaims;
    if (doc->status == DOC_OK && e->checks && !checks_match(doc, e, out))
        ok = false;
    if (doc->status != DOC_OK) {
        fprintf(out, "%s:%d: rule %s: the example failed: %s\n", e->file, rules_example_line(e), e->rule_id,
                doc->error);
        ok = false;
    } else if (doc->nclaims != want) {
        struct buf got = {0};
        for (size_t i = 0; i < doc->nclaims; i++)
            buf_printf(&got, "%s%s", i ? ", " : "", doc->claims[i].quote);
        fprintf(out, "%s:%d: rule %s: expected %zu claim(s), got %zu [%s] in \"%s\"\n", e->file,
                rules_example_line(e), e->rule_id, want, doc->nclaims, got.data ? got.data : "", e->text);
        buf_free(&got);
        ok = false;
    } else {
        size_t i = 0;
        const cJSON *expected;
        const cJSON *list = e->claims;
        cJSON_ArrayForEach(expected, list) {
            const cJSON *field;
            cJSON_ArrayForEach(field, expected) {
                char got[1024], w[1024];
                field_text(&doc->claims[i], field->string, got, sizeof got);
                if (same(field, got))
                    continue;
                describe(field, w, sizeof w);
                fprintf(out, "%s:%d: rule %s: claim %zu (%s): %s expected %s, got \"%s\"\n", e->file,
                        rules_example_line(e), e->rule_id, i + 1, doc->claims[i].quote, field->string, w, got);
                ok = false;
            }
            i++;
        }
    }
    doc_free(doc);
    return ok;
}

void examples_run(const struct rule_set *rs, struct segmenter *sg, FILE *out, int *passed,
                  int *failed)
{
    *passed = *failed = 0;
    for (size_t i = 0; i < rs->n_examples; i++) {
        if (run_one(rs, sg, &rs->examples[i], out))
            (*passed)++;
        else
            (*failed)++;
    }
}
