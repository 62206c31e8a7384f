/* emit_json: claims and documents as cJSON objects, one a line. Numbers are
 * put in raw, as the same plain decimals the CSV has; absent optional
 * fields are null. */
#include <cJSON.h>
#include <stdlib.h>

#include "emit.h"
#include "reviews.h"

static void add_text(cJSON *o, const char *key, const char *s)
{
    if (s && *s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_raw(cJSON *o, const char *key, const char *s)
{
    cJSON_AddItemToObject(o, key, cJSON_CreateRaw(s));
}

/* A decimal as a raw JSON number (claims.json) or as a string (the audit
 * page's data, whose JavaScript would round a long number). */
static void add_decimal(cJSON *o, const char *key, bool present, struct decimal d, bool as_text)
{
    char n[64];
    if (!present) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    decimal_format(d, n, sizeof n);
    if (as_text)
        cJSON_AddStringToObject(o, key, n);
    else
        add_raw(o, key, n);
}

static void add_size(cJSON *o, const char *key, size_t v)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", v);
    add_raw(o, key, n);
}

static void print(FILE *f, cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    if (s)
        fputs(s, f);
    free(s);
    cJSON_Delete(o);
}

cJSON *emit_json_claim_object(const struct doc *doc, const struct claim *c, bool numbers_as_text)
{
    cJSON *o = cJSON_CreateObject();
    char group[32];
    add_text(o, "claim_id", c->id);
    add_text(o, "doc", doc->name);
    add_size(o, "line", (size_t)c->line);
    add_size(o, "column", (size_t)c->column);
    add_size(o, "byte_start", c->byte_start);
    add_size(o, "byte_end", c->byte_end);
    add_text(o, "quote", c->quote);
    add_decimal(o, "value", true, c->value, numbers_as_text);
    add_text(o, "unit", c->unit);
    add_text(o, "kind", c->kind);
    add_text(o, "qualifier", c->qualifier);
    add_decimal(o, "lower", c->has_lower, c->lower, numbers_as_text);
    add_decimal(o, "upper", c->has_upper, c->upper, numbers_as_text);
    add_text(o, "role", c->role);
    if (c->group)
        snprintf(group, sizeof group, "g%d", c->group);
    add_text(o, "group", c->group ? group : NULL);
    add_text(o, "period", c->period);
    add_text(o, "subject", c->subject);
    add_text(o, "time_ref", c->time_ref);
    add_text(o, "sentence", c->sentence);
    add_text(o, "rule", c->rule);
    add_text(o, "verdict", c->review ? c->review->verdict : NULL);
    if (c->review && c->review->corrected_value[0] && !numbers_as_text)
        add_raw(o, "corrected_value", c->review->corrected_value);
    else
        add_text(o, "corrected_value", c->review ? c->review->corrected_value : NULL);
    add_text(o, "review_note", c->review ? c->review->note : NULL);
    return o;
}

void emit_json_claim(FILE *f, const struct doc *doc, const struct claim *c)
{
    print(f, emit_json_claim_object(doc, c, false));
}

void emit_json_document(FILE *f, const struct doc *doc)
{
    cJSON *o = cJSON_CreateObject();
    add_text(o, "doc", doc->name);
    add_size(o, "bytes", doc->nbytes);
    add_text(o, "encoding", doc->encoding);
    add_size(o, "claims", doc->nclaims);
    add_text(o, "status", emit_status(doc));
    add_text(o, "error", doc->error);
    if (doc->encoding && doc->encoding[0])
        add_size(o, "encoding_confidence", (size_t)doc->encoding_confidence);
    else
        cJSON_AddNullToObject(o, "encoding_confidence");
    add_text(o, "title", doc->title);
    add_text(o, "date", doc->date);
    add_text(o, "url", doc->url);
    print(f, o);
}
