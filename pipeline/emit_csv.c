/* emit_csv: RFC 4180 rows through libcsv. Text fields are quoted by
 * csv_fwrite; numeric fields are written bare so that spreadsheets read
 * them as numbers; rows end in CRLF. */
#include <csv.h>
#include <string.h>

#include "emit.h"

const char *const EMIT_CLAIM_COLUMNS[] = {
    "claim_id", "doc", "line", "column", "byte_start", "byte_end", "quote", "value",
    "unit", "kind", "qualifier", "lower", "upper", "role", "group", "period",
    "subject", "time_ref", "sentence", "rule", NULL};

const char *const EMIT_DOCUMENT_COLUMNS[] = {
    "doc", "bytes", "encoding", "claims", "status", "error", "encoding_confidence",
    "title", "date", "url", NULL};

const char *emit_status(const struct doc *doc)
{
    static const char *const NAMES[] = {"ok", "partial", "failed", "skipped"};
    return NAMES[doc->status];
}

static void text(FILE *f, const char *s, bool first)
{
    if (!first)
        fputc(',', f);
    if (s && *s)
        csv_fwrite(f, s, strlen(s));
}

static void number(FILE *f, const char *s)
{
    fputc(',', f);
    fputs(s, f);
}

void emit_csv_header(FILE *f, const char *const *columns)
{
    for (const char *const *c = columns; *c; c++) {
        if (c != columns)
            fputc(',', f);
        fputs(*c, f);
    }
    fputs("\r\n", f);
}

void emit_csv_claim(FILE *f, const struct doc *doc, const struct claim *c)
{
    char n[64], group[32];
    text(f, c->id, true);
    text(f, doc->name, false);
    snprintf(n, sizeof n, "%d", c->line);
    number(f, n);
    snprintf(n, sizeof n, "%d", c->column);
    number(f, n);
    snprintf(n, sizeof n, "%zu", c->byte_start);
    number(f, n);
    snprintf(n, sizeof n, "%zu", c->byte_end);
    number(f, n);
    text(f, c->quote, false);
    decimal_format(c->value, n, sizeof n);
    number(f, n);
    text(f, c->unit, false);
    text(f, c->kind, false);
    text(f, c->qualifier, false);
    if (c->has_lower)
        decimal_format(c->lower, n, sizeof n);
    number(f, c->has_lower ? n : "");
    if (c->has_upper)
        decimal_format(c->upper, n, sizeof n);
    number(f, c->has_upper ? n : "");
    text(f, c->role, false);
    if (c->group)
        snprintf(group, sizeof group, "g%d", c->group);
    text(f, c->group ? group : NULL, false);
    text(f, c->period, false);
    text(f, c->subject, false);
    text(f, c->time_ref, false);
    text(f, c->sentence, false);
    text(f, c->rule, false);
    fputs("\r\n", f);
}

void emit_csv_document(FILE *f, const struct doc *doc)
{
    char n[64];
    text(f, doc->name, true);
    snprintf(n, sizeof n, "%zu", doc->nbytes);
    number(f, n);
    text(f, doc->encoding, false);
    snprintf(n, sizeof n, "%zu", doc->nclaims);
    number(f, n);
    text(f, emit_status(doc), false);
    text(f, doc->error, false);
    if (doc->encoding && doc->encoding[0])
        snprintf(n, sizeof n, "%d", doc->encoding_confidence);
    number(f, doc->encoding && doc->encoding[0] ? n : "");
    text(f, doc->title, false);
    text(f, doc->date, false);
    text(f, doc->url, false);
    fputs("\r\n", f);
}
