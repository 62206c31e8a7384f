/* emit_csv: RFC 4180 rows through libcsv. Text fields are quoted by
 * csv_write; numeric fields are written bare so that spreadsheets read
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
    "subject", "time_ref", "when", "sentence", "rule", "verdict", "corrected_value", "review_note", NULL};

const char *const EMIT_DOCUMENT_COLUMNS[] = {
    "doc", "bytes", "encoding", "claims", "status", "error", "encoding_confidence",
    "title", "date", "date_from", "url", NULL};

const char *const EMIT_CHECK_COLUMNS[] = {
    "check_id", "doc", "relation", "claim_ids", "stated", "computed", "tolerance", "verdict", "rule", "note", NULL};

const char *emit_status(const struct doc *doc)
{
    static const char *const NAMES[] = {"ok", "partial", "failed", "skipped"};
    return NAMES[doc->status];
}

/* Excel reads a cell that begins with = + - @ (or a tab or CR) as a
 * formula: in the Excel file such text cells begin with an apostrophe,
 * which Excel and LibreOffice show as text and do not display. Numeric
 * cells are never changed. */
static void cell(struct buf *b, const char *s, bool first, bool excel)
{
    if (!first)
        buf_putc(b, ',');
    if (!s || !*s)
        return;
    char *safe = excel && strchr("=+-@\t\r", s[0]) ? xasprintf("'%s", s) : NULL;
    const char *v = safe ? safe : s;
    size_t n = strlen(v);
    if (!memchr(v, '"', n)) {
        /* what csv_write makes of a field without quotes: the field quoted */
        char *out = buf_reserve(b, n + 2);
        out[0] = '"';
        memcpy(out + 1, v, n);
        out[n + 1] = '"';
        buf_commit(b, n + 2);
    } else {
        /* quoted straight into the buffer: at worst every byte a quote, doubled */
        size_t room = 2 * n + 2;
        buf_commit(b, csv_write(buf_reserve(b, room), room, v, n));
    }
    free(safe);
}

static void text(struct buf *b, const char *s, bool first)
{
    cell(b, s, first, false);
}

static void number(struct buf *b, const char *s)
{
    buf_putc(b, ',');
    buf_puts(b, s);
}

static void size_number(struct buf *b, size_t v)
{
    buf_putc(b, ',');
    buf_put_size(b, v);
}

static void decimal_number(struct buf *b, bool present, struct decimal d)
{
    char n[64];
    buf_putc(b, ',');
    if (present) {
        decimal_format(d, n, sizeof n);
        buf_puts(b, n);
    }
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

/* The sentence's cell: copied from where the memo says it was written, if
 * it is the same. */
static void sentence_cell(struct buf *b, const char *s, bool excel, struct emit_memo *m)
{
    if (!m || !s || !*s) {
        cell(b, s, false, excel);
        return;
    }
    if (m->sentence == s) {
        char *to = buf_reserve(b, m->len); /* may move the buffer: copy after */
        memcpy(to, b->data + m->at, m->len);
        buf_commit(b, m->len);
        return;
    }
    m->sentence = s;
    m->at = b->len;
    cell(b, s, false, excel);
    m->len = b->len - m->at;
}

static void claim_row(struct buf *b, const struct doc *doc, const struct claim *c, bool excel,
                      struct emit_memo *m)
{
    char group[32];
    cell(b, c->id, true, excel);
    cell(b, doc->name, false, excel);
    size_number(b, (size_t)c->line);
    size_number(b, (size_t)c->column);
    size_number(b, c->byte_start);
    size_number(b, c->byte_end);
    cell(b, c->quote, false, excel);
    decimal_number(b, true, c->value);
    cell(b, c->unit, false, excel);
    cell(b, c->kind, false, excel);
    cell(b, c->qualifier, false, excel);
    decimal_number(b, c->has_lower, c->lower);
    decimal_number(b, c->has_upper, c->upper);
    cell(b, c->role, false, excel);
    if (c->group)
        snprintf(group, sizeof group, "g%d", c->group);
    cell(b, c->group ? group : NULL, false, excel);
    cell(b, c->period, false, excel);
    cell(b, c->subject, false, excel);
    cell(b, c->time_ref, false, excel);
    cell(b, c->when, false, excel);
    if (c->sentence) {
        sentence_cell(b, c->sentence, excel, m);
    } else {
        struct buf scratch = {0};
        cell(b, claim_sentence(doc, c, &scratch), false, excel);
        buf_free(&scratch);
    }
    cell(b, c->rule, false, excel);
    cell(b, c->review ? c->review->verdict : NULL, false, excel);
    number(b, c->review ? c->review->corrected_value : "");
    cell(b, c->review ? c->review->note : NULL, false, excel);
    buf_append(b, "\r\n", 2);
}

void emit_csv_claim(struct buf *b, const struct doc *doc, const struct claim *c, struct emit_memo *m)
{
    claim_row(b, doc, c, false, m);
}

void emit_csv_claim_excel(struct buf *b, const struct doc *doc, const struct claim *c, struct emit_memo *m)
{
    claim_row(b, doc, c, true, m);
}

void emit_csv_document(struct buf *b, const struct doc *doc)
{
    text(b, doc->name, true);
    size_number(b, doc->nbytes);
    text(b, doc->encoding, false);
    size_number(b, doc->nclaims);
    text(b, emit_status(doc), false);
    text(b, doc->error, false);
    if (doc->encoding && doc->encoding[0])
        size_number(b, (size_t)doc->encoding_confidence);
    else
        number(b, "");
    text(b, doc->title, false);
    text(b, doc->day[0] ? doc->day : NULL, false);
    text(b, doc->day_from, false);
    text(b, doc->url, false);
    buf_append(b, "\r\n", 2);
}

/* The claims' ids of a check, joined by +. */
void emit_check_ids(struct buf *b, const struct doc *doc, const struct check *k)
{
    for (size_t i = 0; i < k->nclaims; i++) {
        if (i)
            buf_putc(b, '+');
        buf_puts(b, doc->claims[k->claims[i]].id);
    }
}

void emit_csv_check(struct buf *b, const struct doc *doc, const struct check *k)
{
    struct buf ids = {0};
    emit_check_ids(&ids, doc, k);
    text(b, k->id, true);
    text(b, doc->name, false);
    text(b, k->relation, false);
    text(b, ids.data, false);
    decimal_number(b, true, k->stated);
    decimal_number(b, true, k->computed);
    decimal_number(b, k->has_tolerance, k->tolerance);
    text(b, k->consistent ? "consistent" : "inconsistent", false);
    text(b, k->rule, false);
    text(b, k->note, false);
    buf_append(b, "\r\n", 2);
    buf_free(&ids);
}
