/* emit_csv: RFC 4180 rows through libcsv. Text fields are quoted by
 * csv_fwrite; numeric fields are written bare so that spreadsheets read
 * them as numbers; rows end in CRLF. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "reviews.h"
#include "xalloc.h"

#include "emit.h"

const char *const EMIT_CLAIM_COLUMNS[] = {
    "claim_id", "doc", "line", "column", "byte_start", "byte_end", "quote", "value",
    "unit", "kind", "qualifier", "lower", "upper", "role", "group", "period",
    "subject", "time_ref", "sentence", "rule", "verdict", "corrected_value", "review_note", NULL};

const char *const EMIT_DOCUMENT_COLUMNS[] = {
    "doc", "bytes", "encoding", "claims", "status", "error", "encoding_confidence",
    "title", "date", "url", NULL};

const char *emit_status(const struct doc *doc)
{
    static const char *const NAMES[] = {"ok", "partial", "failed", "skipped"};
    return NAMES[doc->status];
}

/* Excel reads a cell that begins with = + - @ (or a tab or CR) as a
 * formula: in the Excel file such text cells begin with an apostrophe,
 * which Excel and LibreOffice show as text and do not display. Numeric
 * cells are never changed. */
static void cell(FILE *f, const char *s, bool first, bool excel)
{
    if (!first)
        fputc(',', f);
    if (!s || !*s)
        return;
    char *safe = excel && strchr("=+-@\t\r", s[0]) ? xasprintf("'%s", s) : NULL;
    const char *v = safe ? safe : s;
    /* quoted into a buffer at once: csv_fwrite writes a character a call */
    size_t n = strlen(v), need = csv_write(NULL, 0, v, n);
    char small[512];
    char *out = need <= sizeof small ? small : xmalloc(need);
    csv_write(out, need, v, n);
    fwrite(out, 1, need, f);
    if (out != small)
        free(out);
    free(safe);
}

static void text(FILE *f, const char *s, bool first)
{
    cell(f, s, first, false);
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

static void claim_row(FILE *f, const struct doc *doc, const struct claim *c, bool excel)
{
    char n[64], group[32];
    cell(f, c->id, true, excel);
    cell(f, doc->name, false, excel);
    snprintf(n, sizeof n, "%d", c->line);
    number(f, n);
    snprintf(n, sizeof n, "%d", c->column);
    number(f, n);
    snprintf(n, sizeof n, "%zu", c->byte_start);
    number(f, n);
    snprintf(n, sizeof n, "%zu", c->byte_end);
    number(f, n);
    cell(f, c->quote, false, excel);
    decimal_format(c->value, n, sizeof n);
    number(f, n);
    cell(f, c->unit, false, excel);
    cell(f, c->kind, false, excel);
    cell(f, c->qualifier, false, excel);
    if (c->has_lower)
        decimal_format(c->lower, n, sizeof n);
    number(f, c->has_lower ? n : "");
    if (c->has_upper)
        decimal_format(c->upper, n, sizeof n);
    number(f, c->has_upper ? n : "");
    cell(f, c->role, false, excel);
    if (c->group)
        snprintf(group, sizeof group, "g%d", c->group);
    cell(f, c->group ? group : NULL, false, excel);
    cell(f, c->period, false, excel);
    cell(f, c->subject, false, excel);
    cell(f, c->time_ref, false, excel);
    cell(f, c->sentence, false, excel);
    cell(f, c->rule, false, excel);
    cell(f, c->review ? c->review->verdict : NULL, false, excel);
    number(f, c->review ? c->review->corrected_value : "");
    cell(f, c->review ? c->review->note : NULL, false, excel);
    fputs("\r\n", f);
}

void emit_csv_claim(FILE *f, const struct doc *doc, const struct claim *c)
{
    claim_row(f, doc, c, false);
}

void emit_csv_claim_excel(FILE *f, const struct doc *doc, const struct claim *c)
{
    claim_row(f, doc, c, true);
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
