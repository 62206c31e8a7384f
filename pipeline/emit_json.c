/* emit_json: claims and documents as JSON objects, one a line, written
 * straight into a buffer. Numbers are put in raw, as the same plain
 * decimals the CSV has; absent optional fields are null. Strings are
 * escaped as cJSON escapes them (" \ and control characters; the rest,
 * UTF-8 included, as it is), so that the bytes do not depend on which
 * writer made them. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "reviews.h"

/* The bytes a string escapes, by form: bit 1 in claims.json (control
 * characters, " and \), bit 2 in the page's (those and < > &). */
enum { IN_JSON = 1, IN_PAGE = 2 };
static const unsigned char ESCAPE[256] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ['"'] = 3, ['\\'] = 3, ['<'] = IN_PAGE, ['>'] = IN_PAGE, ['&'] = IN_PAGE};

/* s as a JSON string; in the page's form also < > & as \u escapes, so
 * that no text can close the <script> element that holds it. Runs that
 * need no escape are copied whole. */
static void put_string(struct buf *b, const char *s, bool page)
{
    static const char HEX[] = "0123456789abcdef";
    unsigned char form = page ? IN_PAGE : IN_JSON;
    size_t n = strlen(s);
    /* the worst case: every byte a \u00XX */
    char *out = buf_reserve(b, 6 * n + 2), *o = out;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    *o++ = '"';
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && !(ESCAPE[*p] & form))
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p == end)
            break;
        unsigned char c = *p++;
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = HEX[c >> 4];
            *o++ = HEX[c & 15];
        }
    }
    *o++ = '"';
    buf_commit(b, (size_t)(o - out));
}

void emit_json_page_string(struct buf *b, const char *s)
{
    put_string(b, s ? s : "", true);
}

/* The members of a claim's page form, in order: emit_json_claim's keys
 * with the page, which writes the values alone. */
const char *const EMIT_PAGE_CLAIM_FIELDS[] = {
    "claim_id", "doc",  "line",  "column", "quote",   "value",    "unit",
    "kind",     "qualifier", "lower", "upper", "role", "group", "period",
    "subject",  "time_ref", "when", "rule", "verdict", "corrected_value", "review_note", NULL};

/* An object being written: {"key":value,...}, or in the page's form an
 * array of the values alone, [value,...]. */
struct object {
    struct buf *b;
    bool page;
    bool empty;
    bool escape;                   /* keys and values, text in the page's form (< > & escaped) */
};

/* Each key is a literal: K("name") passes it with its length. */
#define K(name) name, sizeof name - 1

static inline void key(struct object *o, const char *k, size_t n)
{
    if (o->page) {
        buf_putc(o->b, o->empty ? '[' : ',');
        o->empty = false;
        return;
    }
    char *to = buf_reserve(o->b, n + 4);
    to[0] = o->empty ? '{' : ',';
    to[1] = '"';
    memcpy(to + 2, k, n);
    to[n + 2] = '"';
    to[n + 3] = ':';
    buf_commit(o->b, n + 4);
    o->empty = false;
}

static inline void add_text(struct object *o, const char *k, size_t kn, const char *s)
{
    key(o, k, kn);
    if (s && *s)
        put_string(o->b, s, o->page || o->escape);
    else
        buf_append(o->b, "null", 4);
}

static void add_raw(struct object *o, const char *k, size_t kn, const char *s)
{
    key(o, k, kn);
    buf_puts(o->b, s);
}

/* A decimal as a raw JSON number (claims.json) or as a string (the audit
 * page's data, whose JavaScript would round a long number). */
static void add_decimal(struct object *o, const char *k, size_t kn, bool present, struct decimal d)
{
    char n[64];
    if (!present) {
        add_text(o, k, kn, NULL);
        return;
    }
    decimal_format(d, n, sizeof n);
    if (o->page)
        add_text(o, k, kn, n);
    else
        add_raw(o, k, kn, n);
}

static inline void add_size(struct object *o, const char *k, size_t kn, size_t v)
{
    key(o, k, kn);
    buf_put_size(o->b, v);
}

static void close_object(struct object *o)
{
    if (o->page)
        buf_append(o->b, o->empty ? "[]" : "]", o->empty ? 2 : 1);
    else
        buf_append(o->b, o->empty ? "{}" : "}", o->empty ? 2 : 1);
}

/* The sentence: copied from where the memo says it was written, if it is
 * the same. */
static void add_sentence(struct object *o, const char *s, struct emit_memo *m)
{
    if (!m || !s || !*s) {
        add_text(o, K("sentence"), s);
        return;
    }
    key(o, K("sentence"));
    if (m->sentence == s) {
        char *to = buf_reserve(o->b, m->len); /* may move the buffer: copy after */
        memcpy(to, o->b->data + m->at, m->len);
        buf_commit(o->b, m->len);
        return;
    }
    m->sentence = s;
    m->at = o->b->len;
    put_string(o->b, s, o->page);
    m->len = o->b->len - m->at;
}

void emit_json_claim(struct buf *b, const struct doc *doc, const struct claim *c, size_t *page_doc_at,
                     struct emit_memo *m)
{
    struct object o = {b, page_doc_at != NULL, true, false};
    char group[32];
    add_text(&o, K("claim_id"), c->id);
    if (o.page) {
        key(&o, K("doc"));
        *page_doc_at = b->len;
    } else {
        add_text(&o, K("doc"), doc->name);
    }
    add_size(&o, K("line"), (size_t)c->line);
    add_size(&o, K("column"), (size_t)c->column);
    if (!o.page) {
        add_size(&o, K("byte_start"), c->byte_start);
        add_size(&o, K("byte_end"), c->byte_end);
    }
    add_text(&o, K("quote"), c->quote);
    add_decimal(&o, K("value"), true, c->value);
    add_text(&o, K("unit"), c->unit);
    add_text(&o, K("kind"), c->kind);
    add_text(&o, K("qualifier"), c->qualifier);
    add_decimal(&o, K("lower"), c->has_lower, c->lower);
    add_decimal(&o, K("upper"), c->has_upper, c->upper);
    add_text(&o, K("role"), c->role);
    if (c->group)
        snprintf(group, sizeof group, "g%d", c->group);
    add_text(&o, K("group"), c->group ? group : NULL);
    add_text(&o, K("period"), c->period);
    add_text(&o, K("subject"), c->subject);
    add_text(&o, K("time_ref"), c->time_ref);
    add_text(&o, K("when"), c->when);
    if (!o.page && c->sentence) {
        add_sentence(&o, c->sentence, m);
    } else if (!o.page) {
        struct buf scratch = {0};
        add_text(&o, K("sentence"), claim_sentence(doc, c, &scratch));
        buf_free(&scratch);
    }
    add_text(&o, K("rule"), c->rule);
    add_text(&o, K("verdict"), c->review ? c->review->verdict : NULL);
    if (c->review && c->review->corrected_value[0] && !o.page)
        add_raw(&o, K("corrected_value"), c->review->corrected_value);
    else
        add_text(&o, K("corrected_value"), c->review ? c->review->corrected_value : NULL);
    add_text(&o, K("review_note"), c->review ? c->review->note : NULL);
    close_object(&o);
}

void emit_json_document(struct buf *b, const struct doc *doc)
{
    struct object o = {b, false, true, false};
    add_text(&o, K("doc"), doc->name);
    add_size(&o, K("bytes"), doc->nbytes);
    add_text(&o, K("encoding"), doc->encoding);
    add_size(&o, K("claims"), doc->nclaims);
    add_text(&o, K("status"), emit_status(doc));
    add_text(&o, K("error"), doc->error);
    if (doc->encoding && doc->encoding[0])
        add_size(&o, K("encoding_confidence"), (size_t)doc->encoding_confidence);
    else
        add_text(&o, K("encoding_confidence"), NULL);
    add_text(&o, K("title"), doc->title);
    add_text(&o, K("date"), doc->day[0] ? doc->day : NULL);
    add_text(&o, K("date_from"), doc->day_from);
    add_text(&o, K("url"), doc->url);
    close_object(&o);
}

void emit_json_check(struct buf *b, const struct doc *doc, const struct check *k, bool page)
{
    struct buf ids = {0};
    emit_check_ids(&ids, doc, k);
    struct object o = {b, false, true, page};
    add_text(&o, K("check_id"), k->id);
    if (!page)
        add_text(&o, K("doc"), doc->name);
    add_text(&o, K("relation"), k->relation);
    add_text(&o, K("claim_ids"), ids.data);
    if (page) {
        /* the page's numbers are strings: JavaScript would round a long one */
        char n[64];
        decimal_format(k->stated, n, sizeof n);
        add_text(&o, K("stated"), n);
        decimal_format(k->computed, n, sizeof n);
        add_text(&o, K("computed"), n);
        decimal_format(k->tolerance, n, sizeof n);
        add_text(&o, K("tolerance"), k->has_tolerance ? n : NULL);
    } else {
        add_decimal(&o, K("stated"), true, k->stated);
        add_decimal(&o, K("computed"), true, k->computed);
        add_decimal(&o, K("tolerance"), k->has_tolerance, k->tolerance);
    }
    add_text(&o, K("verdict"), k->consistent ? "consistent" : "inconsistent");
    add_text(&o, K("rule"), k->rule);
    add_text(&o, K("note"), k->note);
    close_object(&o);
    buf_free(&ids);
}
