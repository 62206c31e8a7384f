/* emit_datapackage: datapackage.json, a Frictionless Data Package (v2)
 * describing claims.csv, documents.csv and checks.csv: field types, descriptions, the
 * unit of each number, the enumerations of kind, unit, qualifier and role,
 * claim_id as primary key and doc as a foreign key to documents.csv. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "rules.h"
#include "xalloc.h"

struct field {
    const char *name, *type, *description;
    bool required;
    const char *const *choices;   /* enum, or NULL */
    const char *pattern;          /* or NULL */
    const char *unit;             /* what a number counts, or NULL */
};

static const char *const KINDS[] = {"count", "money", "percent", "pp", "ratio", "measure", NULL};
static const char *const QUALIFIERS[] = {"exact", "approx", "over", "under", "range", NULL};
static const char *const ROLES[] = {"level", "from", "to", "delta", NULL};
static const char *const PERIODS[] = {"day", "week", "month", "quarter", "semester", "year", NULL};
static const char *const STATUSES[] = {"ok", "partial", "failed", "skipped", NULL};
static const char *const VERDICTS[] = {"ok", "wrong", "unsure", NULL};
static const char *const DATE_FROMS[] = {"option", "page", "feed", "archive", "text", NULL};

static const struct field CLAIM_FIELDS[] = {
    {"claim_id", "string", "Stable id: a hash of doc, byte span and quote; survives reruns", true, NULL, "^[ghjkmnpqrstvwxyz]{16}$", NULL},
    {"doc", "string", "The document: its path relative to the input folder (NAME#ID for an item of a feed or an article of an archive)", true, NULL, NULL, NULL},
    {"line", "integer", "1-based line of the quote in the document (for an archive article: its line in the archive)", true, NULL, NULL, "line"},
    {"column", "integer", "1-based column of the quote, in characters", true, NULL, NULL, "character"},
    {"byte_start", "integer", "0-based offset of the quote's first byte in the input file (an archive article: in its text)", true, NULL, NULL, "byte"},
    {"byte_end", "integer", "Offset just past the quote's last byte (half-open span)", true, NULL, NULL, "byte"},
    {"quote", "string", "The figure as written in the source: qualifier, number, multiplier, unit", true, NULL, NULL, NULL},
    {"value", "number", "The number after multipliers and the unit's factor, before any qualifier", true, NULL, NULL, "the unit in column unit"},
    {"unit", "string", "Canonical unit; a rate is UNIT/UNIT", true, NULL, NULL, NULL},
    {"kind", "string", "What the figure is", true, KINDS, NULL, NULL},
    {"qualifier", "string", "exact, or how the text bounds it", true, QUALIFIERS, NULL, NULL},
    {"lower", "number", "Lower bound implied by the qualifier (over: the value; range: its lower end); empty where open", false, NULL, NULL, "the unit in column unit"},
    {"upper", "number", "Upper bound implied by the qualifier (under: the value; range: its upper end); empty where open", false, NULL, NULL, "the unit in column unit"},
    {"role", "string", "level, the from or to end of a change, or a delta", true, ROLES, NULL, NULL},
    {"group", "string", "Shared by the two ends of one change within a document", false, NULL, "^g[0-9]+$", NULL},
    {"period", "string", "The rate period the text gives", false, PERIODS, NULL, NULL},
    {"subject", "string", "What is counted or measured, as written", false, NULL, NULL, NULL},
    {"time_ref", "string", "The time the figure refers to, as written", false, NULL, NULL, NULL},
    {"when", "string", "time_ref resolved to ISO 8601 against the document's date: a year, month or day (2022, 2022-06, 2022-06-30) or an interval of two (2022-01/2022-06); empty where it cannot be resolved", false, NULL, "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$", NULL},
    {"sentence", "string", "The sentence that holds the claim (the claim's surroundings, marked with …, when it is very long)", true, NULL, NULL, NULL},
    {"rule", "string", "Ids of the rules that produced the claim, joined by +", true, NULL, NULL, NULL},
    {"verdict", "string", "A reviewer's verdict from --reviews", false, VERDICTS, NULL, NULL},
    {"corrected_value", "number", "The value the reviewer says is right", false, NULL, NULL, "the unit in column unit"},
    {"review_note", "string", "The reviewer's note", false, NULL, NULL, NULL},
    {NULL, NULL, NULL, false, NULL, NULL, NULL}};

static const char *const RELATIONS[] = {"sum", "share", "difference", "change_pp", "change_percent", "change_fold", NULL};
static const char *const CHECK_VERDICTS[] = {"consistent", "inconsistent", NULL};

static const struct field CHECK_FIELDS[] = {
    {"check_id", "string", "Stable id: a hash of doc, the relation and its claims' ids", true, NULL, "^[ghjkmnpqrstvwxyz]{16}$", NULL},
    {"doc", "string", "The document, as in claims.csv", true, NULL, NULL, NULL},
    {"relation", "string", "What the text says ties the figures together", true, RELATIONS, NULL, NULL},
    {"claim_ids", "string", "The claims of the relation (claims.csv), the stated one first, then those it is computed from, joined by +", true, NULL, "^[ghjkmnpqrstvwxyz]{16}(\\+[ghjkmnpqrstvwxyz]{16})+$", NULL},
    {"stated", "number", "The stated figure (negative for a stated fall), in its canonical unit", true, NULL, NULL, "the unit of the stated claim"},
    {"computed", "number", "The same figure computed from the others, exactly (a quotient rounded one place past the stated figure's)", true, NULL, NULL, "the unit of the stated claim"},
    {"tolerance", "number", "How far apart they may be: the rounding of the stated figure and of its inputs; empty where a qualifier leaves it open", false, NULL, NULL, "the unit of the stated claim"},
    {"verdict", "string", "consistent when the stated figure and the computed one agree within the report's rounding", true, CHECK_VERDICTS, NULL, NULL},
    {"rule", "string", "Id of the check rule that found the relation", true, NULL, NULL, NULL},
    {"note", "string", "The computation in words", true, NULL, NULL, NULL},
    {NULL, NULL, NULL, false, NULL, NULL, NULL}};

static const struct field DOCUMENT_FIELDS[] = {
    {"doc", "string", "The document, as in claims.csv", true, NULL, NULL, NULL},
    {"bytes", "integer",
     "Size of the document's input (an archive article: of its text; a feed's item: of the part of the feed "
     "its text comes from)",
     true, NULL, NULL, "byte"},
    {"encoding", "string", "The charset it was read in", false, NULL, NULL, NULL},
    {"claims", "integer", "How many claims it gave", true, NULL, NULL, "claim"},
    {"status", "string", "ok; partial (read in part, see error); failed; skipped (not a text document)", true, STATUSES, NULL, NULL},
    {"error", "string", "Why it failed, was read in part or skipped: file and position", false, NULL, NULL, NULL},
    {"encoding_confidence", "integer", "How sure the charset detector was, 0 to 100 (100: not guessed)", false, NULL, NULL, "percent"},
    {"title", "string", "The page's or article's title", false, NULL, NULL, NULL},
    {"date", "string", "The document's date, that relative times are resolved against (YYYY-MM-DD): --date, else the page's, feed's or archive's date, else a dateline in its first lines", false, NULL, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", NULL},
    {"date_from", "string", "Where the date came from", false, DATE_FROMS, NULL, NULL},
    {"url", "string", "The page's or article's address", false, NULL, NULL, NULL},
    {NULL, NULL, NULL, false, NULL, NULL, NULL}};

static cJSON *strings(const char *const *list)
{
    cJSON *a = cJSON_CreateArray();
    for (; *list; list++)
        cJSON_AddItemToArray(a, cJSON_CreateString(*list));
    return a;
}

/* The unit column: a canonical unit of the rules, or a rate of two. */
static char *unit_pattern(const struct rule_set *rs)
{
    struct buf b = {0};
    for (size_t i = 0; i < rs->n_units; i++) {
        bool seen = rs->units[i].all_currencies; /* a template's placeholder is no unit */
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(rs->units[j].unit, rs->units[i].unit);
        if (!seen)
            buf_printf(&b, "%s%s", b.len ? "|" : "", rs->units[i].unit);
    }
    char *p = xasprintf("^(%s)(/(%s))?$", b.data ? b.data : "", b.data ? b.data : "");
    buf_free(&b);
    return p;
}

static cJSON *schema(const struct field *fields, const char *key, const char *foreign,
                     const char *unit_pattern)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "$schema", "https://datapackage.org/profiles/2.0/tableschema.json");
    cJSON *fs = cJSON_AddArrayToObject(s, "fields");
    for (const struct field *f = fields; f->name; f++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", f->name);
        cJSON_AddStringToObject(o, "type", f->type);
        cJSON_AddStringToObject(o, "description", f->description);
        if (f->unit)
            cJSON_AddStringToObject(o, "unit", f->unit);
        cJSON *c = cJSON_CreateObject();
        if (f->required)
            cJSON_AddTrueToObject(c, "required");
        if (f->choices)
            cJSON_AddItemToObject(c, "enum", strings(f->choices));
        const char *pattern = !strcmp(f->name, "unit") && unit_pattern ? unit_pattern : f->pattern;
        if (pattern)
            cJSON_AddStringToObject(c, "pattern", pattern);
        if (c->child)
            cJSON_AddItemToObject(o, "constraints", c);
        else
            cJSON_Delete(c);
        cJSON_AddItemToArray(fs, o);
    }
    cJSON *pk = cJSON_AddArrayToObject(s, "primaryKey");
    cJSON_AddItemToArray(pk, cJSON_CreateString(key));
    if (foreign) {
        cJSON *fk = cJSON_AddArrayToObject(s, "foreignKeys");
        cJSON *k = cJSON_CreateObject();
        cJSON *kf = cJSON_AddArrayToObject(k, "fields");
        cJSON_AddItemToArray(kf, cJSON_CreateString("doc"));
        cJSON *ref = cJSON_AddObjectToObject(k, "reference");
        cJSON_AddStringToObject(ref, "resource", foreign);
        cJSON *rf = cJSON_AddArrayToObject(ref, "fields");
        cJSON_AddItemToArray(rf, cJSON_CreateString("doc"));
        cJSON_AddItemToArray(fk, k);
    }
    cJSON *missing = cJSON_AddArrayToObject(s, "missingValues");
    cJSON_AddItemToArray(missing, cJSON_CreateString(""));
    return s;
}

static cJSON *resource(const char *name, const char *path, const char *title, cJSON *table)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "name", name);
    cJSON_AddStringToObject(r, "path", path);
    cJSON_AddStringToObject(r, "title", title);
    cJSON_AddStringToObject(r, "type", "table");
    cJSON_AddStringToObject(r, "format", "csv");
    cJSON_AddStringToObject(r, "mediatype", "text/csv");
    cJSON_AddStringToObject(r, "encoding", "utf-8");
    cJSON *d = cJSON_AddObjectToObject(r, "dialect");
    cJSON_AddStringToObject(d, "$schema", "https://datapackage.org/profiles/2.0/tabledialect.json");
    cJSON_AddBoolToObject(d, "header", true);
    cJSON_AddStringToObject(d, "delimiter", ",");
    cJSON_AddStringToObject(d, "lineTerminator", "\r\n");
    cJSON_AddStringToObject(d, "quoteChar", "\"");
    cJSON_AddItemToObject(r, "schema", table);
    return r;
}

void emit_datapackage(FILE *f, const struct rule_set *rs)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "$schema", "https://datapackage.org/profiles/2.0/datapackage.json");
    cJSON_AddStringToObject(p, "name", "numeric-claims");
    cJSON_AddStringToObject(p, "title", "Numeric claims of reports, each with its source reference");
    cJSON_AddStringToObject(p, "description",
                            "Every figure found in the input documents (counts, money, percentages, "
                            "percentage points, ratios, measures) with its value, canonical unit, qualifier, "
                            "bounds, role and the exact bytes it was read from.");
    char *pattern = rs ? unit_pattern(rs) : NULL;
    cJSON *rl = cJSON_AddArrayToObject(p, "resources");
    cJSON_AddItemToArray(rl, resource("claims", "claims.csv", "Claims",
                                      schema(CLAIM_FIELDS, "claim_id", "documents", pattern)));
    cJSON_AddItemToArray(rl, resource("documents", "documents.csv", "Documents",
                                      schema(DOCUMENT_FIELDS, "doc", NULL, NULL)));
    cJSON_AddItemToArray(rl, resource("checks", "checks.csv", "Checks of the reports' own arithmetic",
                                      schema(CHECK_FIELDS, "check_id", "documents", NULL)));
    free(pattern);
    char *s = cJSON_Print(p);
    fputs(s, f);
    fputc('\n', f);
    free(s);
    cJSON_Delete(p);
}
