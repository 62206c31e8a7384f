/* emit_html: report.html, the reviewers' audit page — one self-contained
 * file (inline CSS and JS, nothing fetched) that opens from disk.
 *
 * At the top a summary (documents by status, claims by kind, the documents
 * not read in full and why); then each document's text with its claims
 * highlighted, coloured by kind, beside a sortable, filterable table of all
 * claims. A highlight opens a small panel of the claim's fields and links to
 * its row; a row scrolls to its highlight. The two ends of a change (from
 * and to, one group) are one row, "from → to".
 *
 * Documents arrive one at a time (emit_add) and are written to the page as
 * they come: each document's section, then its claims as a JSON array of
 * their own. The summary is known only at the end: emit_html_finish writes
 * it after the documents (the page's script shows it at the top, and sets
 * the title from it), with the documents not read in full, which wait in a
 * scratch file. Only counters are held in memory.
 *
 * Everything taken from the documents is HTML-escaped; the claims' JSON
 * lives in <script type="application/json"> elements with every < > &
 * written as \u003c \u003e \u0026, so no text can close the element. The
 * page's script builds the table with textContent only. Nothing in the page
 * depends on the time or the machine: the same input gives the same bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "decode.h"
#include "emit.h"
#include "reviews.h"
#include "xalloc.h"

static void put_page_css(FILE *f);
static void put_page_js(FILE *f);

/* The kinds of CLAIMS.md, in the order the summary lists them; a kind the
 * rules add comes after them, in order of appearance. */
static const char *const KINDS[] = {"count", "money", "percent", "pp", "ratio", "measure"};
enum { NKINDS = sizeof KINDS / sizeof KINDS[0], INDENT_MAX = 32 };

struct kind_count {
    char *kind;
    size_t n;
};

struct emit_html {
    FILE *page;
    FILE *problems; /* scratch: the summary's items of documents not read in full */
    size_t ndocs, nclaims, nproblems;
    size_t status[4]; /* by enum doc_status */
    struct kind_count *kinds;
    size_t nkinds;
};

/* Documents of more UTF-16 units than this have their page part rendered
 * by emit_html_add, written out as it goes: held whole, beside the other
 * documents in flight, a large one's part would take several times its
 * size in memory. */
enum { RENDER_AHEAD_MAX = 1 << 22, FLUSH_AT = 1 << 20 };

/* One document's part being rendered: on the thread that analysed it,
 * with holes for the page's indices, or (sink set) by emit_html_add, the
 * indices written in and the text flushed to sink as it grows. */
struct render {
    struct doc_rows *rows;
    struct buf *out;  /* the row being written */
    int row;
    FILE *sink;
    size_t doc_index, first_claim;

    /* Line breaks of the text being written: held until text follows, so
     * that runs of blank lines become one paragraph gap. */
    int breaks;
    bool written, after_cr;
    UChar indent[INDENT_MAX];
    int nindent;
};

/* ------------------------------------------------------------ escaping */

/* The bytes HTML text or an attribute value writes otherwise: & < > " '
 * and control characters but tab and line breaks. */
static const bool HTML_SPECIAL[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, [0x7F] = 1};

/* Where the HTML_SPECIAL byte c goes, at most 6 bytes: its entity (a
 * control character: U+FFFD). Where they end. */
static char *put_special(char *o, unsigned char c)
{
    const char *e;
    switch (c) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    default: e = "\xEF\xBF\xBD";
    }
    size_t n = strlen(e);
    memcpy(o, e, n);
    return o + n;
}

/* s[0..n) as HTML text or attribute value: & < > " ' escaped; control
 * characters other than tab and line breaks shown as U+FFFD. */
static void put_html_n(struct buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && !HTML_SPECIAL[*p])
            p++;
        buf_append(b, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        char *to = buf_reserve(b, 6);
        buf_commit(b, (size_t)(put_special(to, *p++) - to));
    }
}

static void put_html(struct buf *b, const char *s)
{
    if (s)
        put_html_n(b, s, strlen(s));
}

static void put_html_file(FILE *f, const char *s)
{
    struct buf b = {0};
    put_html(&b, s);
    if (b.len)
        fwrite(b.data, 1, b.len, f);
    buf_free(&b);
}

/* A name usable in a class: letters, digits, - and _ only; else "other". */
static const char *class_name(const char *s)
{
    if (!s || !*s)
        return "other";
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return "other";
    }
    return s;
}

/* A place in the row being written where the document's page index (or,
 * with is_claim, its claim's) goes when the part is added. */
static void hole_at(struct render *r, size_t at, bool is_claim, size_t claim)
{
    if (r->sink) { /* the index is known: in it goes */
        char n[24];
        int len = snprintf(n, sizeof n, "%zu", is_claim ? r->first_claim + claim : r->doc_index);
        struct buf *b = r->out;
        buf_reserve(b, (size_t)len);
        memmove(b->data + at + len, b->data + at, b->len - at);
        memcpy(b->data + at, n, (size_t)len);
        buf_commit(b, (size_t)len);
        return;
    }
    struct doc_rows *rows = r->rows;
    int k = r->row;
    if (rows->nholes[k] == rows->holes_cap[k]) {
        rows->holes_cap[k] = rows->holes_cap[k] ? 2 * rows->holes_cap[k] : 16;
        rows->holes[k] = xrealloc(rows->holes[k], rows->holes_cap[k] * sizeof *rows->holes[k]);
    }
    rows->holes[k][rows->nholes[k]++] = (struct row_hole){at, claim, is_claim};
}

/* ... here, at the end of what is written so far */
static void hole(struct render *r, bool is_claim, size_t claim)
{
    hole_at(r, r->out->len, is_claim, claim);
}

/* With a sink, what is written so far goes out. */
static void flush(struct render *r)
{
    if (r->sink && r->out->len) {
        fwrite(r->out->data, 1, r->out->len, r->sink);
        r->out->len = 0;
    }
}

static void begin_row(struct render *r, int row)
{
    r->row = row;
    r->out = &r->rows->text[row];
}

/* ------------------------------------------------------------ text */

/* text[0..n) (UTF-16) as UTF-8, escaped as put_html_n escapes, in one
 * pass; unpaired surrogates become U+FFFD. */
static void put_utf16(struct render *r, const UChar *text, int32_t n)
{
    if (n <= 0)
        return;
    /* at most 6 bytes a unit: an ASCII one as &quot; */
    char *out = buf_reserve(r->out, (size_t)n * 6), *o = out;
    for (int32_t i = 0; i < n;) {
        UChar c = text[i];
        if (c < 0x80 && HTML_SPECIAL[c]) {
            o = put_special(o, (unsigned char)c);
            i++;
        } else {
            o = (char *)decode_put_utf8((unsigned char *)o, text, &i, n);
        }
    }
    buf_commit(r->out, (size_t)(o - out));
}

static bool is_blank(UChar c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* The held line breaks (at most a paragraph gap; none before the first
 * text), then the indentation of the line that follows them. */
static void flush_breaks(struct render *r, bool paragraphs)
{
    if (r->breaks && r->written) {
        int n = paragraphs || r->breaks > 1 ? 2 : 1;
        for (int i = 0; i < n; i++)
            buf_append(r->out, "<br>", 4);
    }
    if (r->nindent)
        put_utf16(r, r->indent, r->nindent);
    r->breaks = 0;
    r->nindent = 0;
    r->written = true;
}

/* text[0..n) of a document's text: '\n', '\r' and "\r\n" are line breaks,
 * blank lines are dropped. paragraphs: every break is a paragraph's end
 * (text taken out of markup). */
static void put_text(struct render *r, const UChar *text, int32_t n, bool paragraphs)
{
    int32_t i = 0;
    while (i < n) {
        UChar c = text[i];
        if (c == '\n' || c == '\r') {
            if (!(c == '\n' && r->after_cr))
                r->breaks++;
            r->after_cr = c == '\r';
            r->nindent = 0;
            i++;
            continue;
        }
        r->after_cr = false;
        if (r->breaks && is_blank(c)) {
            if (r->nindent < INDENT_MAX)
                r->indent[r->nindent++] = c;
            i++;
            continue;
        }
        int32_t j = i;
        while (j < n && text[j] != '\n' && text[j] != '\r')
            j++;
        flush_breaks(r, paragraphs);
        put_utf16(r, text + i, j - i);
        i = j;
    }
}

/* ------------------------------------------------------------ claims */

/* The claims' members of the page's JSON array, each an array of the
 * values of the fields named in the page's claim-fields: those of
 * claims.json, numbers as strings (the plain decimals of claims.csv, so that
 * no digit is lost to a double), doc the document's index on the page, and
 * without what the page does not show. */
static void put_claims_json(struct render *r, const struct doc *doc)
{
    begin_row(r, ROWS_PAGE_CLAIMS);
    for (size_t i = 0; i < doc->nclaims; i++) {
        size_t doc_at;
        if (i)
            buf_append(r->out, ",\n", 2);
        emit_json_claim(r->out, doc, &doc->claims[i], &doc_at, NULL);
        hole_at(r, doc_at, false, 0);
        if (r->out->len >= FLUSH_AT)
            flush(r);
    }
}

static void count_kind(struct emit_html *h, const char *kind)
{
    if (!kind)
        kind = "";
    for (size_t i = 0; i < h->nkinds; i++) {
        if (!strcmp(h->kinds[i].kind, kind)) {
            h->kinds[i].n++;
            return;
        }
    }
    h->kinds = xrealloc(h->kinds, (h->nkinds + 1) * sizeof *h->kinds);
    h->kinds[h->nkinds++] = (struct kind_count){xstrdup(kind), 1};
}

/* The highlight of the document's claim i: <mark> around its text. */
static void open_mark(struct render *r, size_t i, const struct claim *c)
{
    struct buf *b = r->out;
    char value[64];
    decimal_format(c->value, value, sizeof value);
    buf_puts(b, "<mark class=\"cl k-");
    buf_puts(b, class_name(c->kind));
    buf_puts(b, " r-");
    buf_puts(b, class_name(c->role));
    if (c->review) {
        /* a reviewed claim: marked with its verdict */
        buf_puts(b, " reviewed v-");
        buf_puts(b, class_name(c->review->verdict));
    }
    buf_puts(b, "\" id=\"c-");
    put_html(b, c->id);
    buf_puts(b, "\" data-i=\"");
    hole(r, true, i);
    buf_puts(b, "\" tabindex=\"0\" title=\"");
    put_html(b, value);
    if (c->unit) {
        buf_putc(b, ' ');
        put_html(b, c->unit);
    }
    buf_puts(b, "\">");
}

/* ------------------------------------------------------------ documents */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void put_badge(struct buf *b, const struct doc *doc)
{
    buf_printf(b, "<span class=\"badge s-%s\">%s</span>", emit_status(doc), emit_status(doc));
}

/* The section's head; false when there is no text to show (the section
 * then ends here). has_text: the document has text (or claims) to show. */
static bool put_section_head(struct render *r, const struct doc *doc, bool has_text)
{
    begin_row(r, ROWS_PAGE_SECTION);
    struct buf *b = r->out;
    buf_puts(b, "<section class=\"doc\" id=\"d-");
    hole(r, false, 0);
    buf_puts(b, "\" data-name=\"");
    put_html(b, doc->name);
    buf_puts(b, "\">\n<div class=\"doc-head\"><h2>");
    put_html(b, doc->name);
    buf_puts(b, "</h2> ");
    put_badge(b, doc);
    buf_printf(b, " <span class=\"meta\">%zu %s", doc->nclaims, plural(doc->nclaims, "claim", "claims"));
    if (doc->encoding && doc->encoding[0]) {
        buf_puts(b, " · ");
        put_html(b, doc->encoding);
        if (doc->encoding_confidence < 100)
            buf_printf(b, " (detected, confidence %d)", doc->encoding_confidence);
    }
    buf_printf(b, " · %zu %s</span></div>\n", doc->nbytes, plural(doc->nbytes, "byte", "bytes"));
    if (doc->title || doc->date || doc->url) {
        buf_puts(b, "<p class=\"doc-meta\">");
        const char *sep = "";
        const char *labels[] = {"title", "date", "url"};
        const char *values[] = {doc->title, doc->date, doc->url};
        for (int i = 0; i < 3; i++) {
            if (!values[i] || !values[i][0])
                continue;
            buf_printf(b, "%s<span class=\"label\">%s</span> <span lang=\"zh\">", sep, labels[i]);
            put_html(b, values[i]);
            buf_puts(b, "</span>");
            sep = " · ";
        }
        buf_puts(b, "</p>\n");
    }
    if (doc->error && doc->error[0]) {
        buf_printf(b, "<p class=\"error s-%s\">", emit_status(doc));
        put_html(b, doc->error);
        buf_puts(b, "</p>\n");
    }
    /* a failed or skipped document's text, if any was decoded, is not what
     * was read: nothing is shown but why */
    if ((doc->status == DOC_SKIPPED || doc->status == DOC_FAILED || !has_text) && !doc->nclaims) {
        buf_puts(b, "<p class=\"no-text\">No text to show.</p>\n</section>\n");
        return false;
    }
    buf_puts(b, "<div class=\"text\" lang=\"zh\">");
    r->breaks = 0;
    r->nindent = 0;
    r->written = false;
    r->after_cr = false;
    return true;
}

/* doc's text with its claims marked, as the section's (or a block's part of it). */
static void put_section_text(struct render *r, const struct doc *doc)
{
    struct buf *b = r->out;
    int32_t pos = 0, len = doc->len;
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        /* sorted and apart, as extract makes them; clamped all the same */
        int32_t s = c->start < pos ? pos : c->start > len ? len : c->start;
        int32_t e = c->end < s ? s : c->end > len ? len : c->end;
        put_text(r, doc->text + pos, s - pos, doc->markup);
        flush_breaks(r, doc->markup);
        open_mark(r, i, c);
        put_text(r, doc->text + s, e - s, doc->markup);
        buf_puts(b, "</mark>");
        pos = e;
        if (b->len >= FLUSH_AT)
            flush(r);
    }
    put_text(r, doc->text + pos, len - pos, doc->markup);
}

static void put_section(struct render *r, const struct doc *doc)
{
    if (!put_section_head(r, doc, doc->text && doc->len > 0))
        return;
    struct buf *b = r->out;
    if (!doc->text || doc->len <= 0) {
        /* claims without text to place them in: their quotes alone */
        for (size_t i = 0; i < doc->nclaims; i++) {
            open_mark(r, i, &doc->claims[i]);
            put_html(b, doc->claims[i].quote);
            buf_puts(b, "</mark> ");
        }
    } else {
        put_section_text(r, doc);
    }
    buf_puts(b, "</div>\n</section>\n");
}

static void put_problem(struct render *r, const struct doc *doc)
{
    begin_row(r, ROWS_PAGE_PROBLEM);
    struct buf *b = r->out;
    buf_puts(b, "<li><a href=\"#d-");
    hole(r, false, 0);
    buf_puts(b, "\">");
    put_html(b, doc->name);
    buf_puts(b, "</a> ");
    put_badge(b, doc);
    buf_puts(b, " <span class=\"why\">");
    put_html(b, doc->error && doc->error[0] ? doc->error : "no reason given");
    buf_puts(b, "</span></li>\n");
}

/* ------------------------------------------------------------ interface */

static void put_page_head(FILE *f);

struct emit_html *emit_html_begin(FILE *page, struct pl_error *err)
{
    struct emit_html *h = xcalloc(1, sizeof *h);
    h->page = page;
    h->problems = tmpfile();
    if (!h->problems) {
        pl_error_set(err, NULL, 0, 0, "cannot create a scratch file for report.html: %s",
                     strerror(errno));
        emit_html_free(h);
        return NULL;
    }
    put_page_head(page);
    return h;
}

void emit_html_render(const struct doc *doc, struct doc_rows *rows)
{
    if (doc->len > RENDER_AHEAD_MAX)
        return; /* emit_html_add writes it out */
    struct render r = {.rows = rows};
    /* room for the text, its escapes and marks, and each claim's data, so
     * that the parts are not copied as they grow */
    buf_reserve(&rows->text[ROWS_PAGE_SECTION], doc->nbytes + doc->nbytes / 2 + 192 * doc->nclaims);
    buf_reserve(&rows->text[ROWS_PAGE_CLAIMS], 512 * doc->nclaims);
    put_section(&r, doc);
    put_claims_json(&r, doc);
    if (doc->status != DOC_OK)
        put_problem(&r, doc);
    rows->page = true;
}

/* The claims' array of a document: its own element, read by the page's
 * script with the others in order. */
static const char CLAIMS_OPEN[] = "<script type=\"application/json\" class=\"claims-data\">[\n";
static const char CLAIMS_CLOSE[] = "\n]</script>\n";

/* A large document's part, rendered and written out as it goes. */
static void render_out(struct emit_html *h, const struct doc *doc)
{
    struct doc_rows rows = {0};
    struct render r = {.rows = &rows, .doc_index = h->ndocs, .first_claim = h->nclaims};
    r.sink = h->page;
    put_section(&r, doc);
    flush(&r);
    if (doc->nclaims) {
        fputs(CLAIMS_OPEN, h->page);
        put_claims_json(&r, doc);
        flush(&r);
        fputs(CLAIMS_CLOSE, h->page);
    }
    if (doc->status != DOC_OK) {
        r.sink = h->problems;
        put_problem(&r, doc);
        flush(&r);
    }
    for (int k = 0; k < NROWS; k++)
        buf_free(&rows.text[k]);
}

/* A rendered row with its holes filled: the document's index on the page
 * is doc, its first claim's is first_claim. */
static void put_part(FILE *f, const struct doc_rows *rows, int row, size_t doc, size_t first_claim)
{
    const struct buf *b = &rows->text[row];
    size_t at = 0;
    for (size_t i = 0; i < rows->nholes[row]; i++) {
        const struct row_hole *hl = &rows->holes[row][i];
        fwrite(b->data + at, 1, hl->at - at, f);
        char digits[SIZE_DIGITS];
        size_t d = size_digits(digits, hl->is_claim ? first_claim + hl->claim : doc);
        fwrite(&digits[d], 1, SIZE_DIGITS - d, f);
        at = hl->at;
    }
    if (b->len > at)
        fwrite(b->data + at, 1, b->len - at, f);
}

bool emit_html_add(struct emit_html *h, const struct doc *doc, struct pl_error *err)
{
    const struct doc_rows *rows = doc->rows;
    if (!rows->page) {
        render_out(h, doc);
    } else {
        put_part(h->page, rows, ROWS_PAGE_SECTION, h->ndocs, h->nclaims);
        if (doc->nclaims) {
            fputs(CLAIMS_OPEN, h->page);
            put_part(h->page, rows, ROWS_PAGE_CLAIMS, h->ndocs, h->nclaims);
            fputs(CLAIMS_CLOSE, h->page);
        }
    }
    for (size_t i = 0; i < doc->nclaims; i++)
        count_kind(h, doc->claims[i].kind);
    h->nclaims += doc->nclaims;
    if (doc->status != DOC_OK && rows->page)
        put_part(h->problems, rows, ROWS_PAGE_PROBLEM, h->ndocs, h->nclaims);
    h->nproblems += doc->status != DOC_OK;
    h->status[doc->status]++;
    h->ndocs++;
    if (ferror(h->problems)) {
        pl_error_set(err, NULL, 0, 0, "cannot write the scratch file of report.html");
        return false;
    }
    return true;
}

struct emit_html_stream {
    struct emit_html *h;
    struct doc_rows rows;
    struct render r;
    FILE *text, *claims;   /* scratch: the section's text and the claims' array */
    size_t nclaims;
    bool has_text;
};

struct emit_html_stream *emit_html_stream_begin(struct emit_html *h, struct pl_error *err)
{
    struct emit_html_stream *s = xcalloc(1, sizeof *s);
    s->h = h;
    s->text = tmpfile();
    s->claims = s->text ? tmpfile() : NULL;
    if (!s->claims) {
        pl_error_set(err, NULL, 0, 0, "cannot create a scratch file for report.html: %s", strerror(errno));
        if (s->text)
            fclose(s->text);
        free(s);
        return NULL;
    }
    s->r.rows = &s->rows;
    s->r.doc_index = h->ndocs;
    return s;
}

void emit_html_stream_part(struct emit_html_stream *s, const struct doc *part)
{
    struct render *r = &s->r;
    r->first_claim = s->h->nclaims + s->nclaims;
    r->sink = s->text;
    begin_row(r, ROWS_PAGE_SECTION);
    put_section_text(r, part);
    flush(r);
    if (part->nclaims) {
        r->sink = s->claims;
        if (s->nclaims)
            fputs(",\n", s->claims);
        put_claims_json(r, part);
        flush(r);
    }
    for (size_t i = 0; i < part->nclaims; i++)
        count_kind(s->h, part->claims[i].kind);
    s->nclaims += part->nclaims;
    s->has_text = s->has_text || part->len > 0;
}

bool emit_html_stream_end(struct emit_html_stream *s, const struct doc *doc, struct pl_error *err)
{
    struct emit_html *h = s->h;
    struct render *r = &s->r;
    r->sink = h->page;
    bool ok = true;
    if (put_section_head(r, doc, s->has_text)) {
        flush(r);
        ok = emit_copy(s->text, h->page);
        fputs("</div>\n</section>\n", h->page);
    } else {
        flush(r);
    }
    if (s->nclaims) {
        fputs(CLAIMS_OPEN, h->page);
        ok = emit_copy(s->claims, h->page) && ok;
        fputs(CLAIMS_CLOSE, h->page);
    }
    h->nclaims += s->nclaims;
    if (doc->status != DOC_OK) {
        r->sink = h->problems;
        put_problem(r, doc);
        flush(r);
    }
    h->nproblems += doc->status != DOC_OK;
    h->status[doc->status]++;
    h->ndocs++;
    fclose(s->text);
    fclose(s->claims);
    for (int k = 0; k < NROWS; k++)
        buf_free(&s->rows.text[k]);
    free(s);
    if (!ok || ferror(h->problems)) {
        pl_error_set(err, NULL, 0, 0, "cannot write the scratch files of report.html");
        return false;
    }
    return true;
}

static void put_kind_chip(FILE *f, const char *kind, size_t n)
{
    fprintf(f, "<button type=\"button\" class=\"chip k-%s\" data-kind=\"", class_name(kind));
    put_html_file(f, kind);
    fputs("\"><span class=\"swatch\"></span>", f);
    put_html_file(f, kind[0] ? kind : "(none)");
    fprintf(f, " <b>%zu</b></button>\n", n);
}

/* Documents by status, claims by kind, the documents not read in full.
 * False if the scratch file of the problems cannot be read back. */
static bool put_summary(struct emit_html *h, FILE *f)
{
    static const char *const STATUS[] = {"ok", "partial", "failed", "skipped"};
    /* the page's title, set from here by its script */
    fprintf(f, "<section id=\"summary\" aria-label=\"Summary\" data-title=\"Claims audit: %zu %s, %zu %s\">\n",
            h->ndocs, plural(h->ndocs, "document", "documents"), h->nclaims,
            plural(h->nclaims, "claim", "claims"));
    fprintf(f, "<div class=\"stat\"><h3>%s</h3><div class=\"big\">%zu</div>\n",
            plural(h->ndocs, "Document", "Documents"), h->ndocs);
    fputs("<div class=\"statuses\">", f);
    for (int i = 0; i < 4; i++)
        fprintf(f, "<span class=\"st%s\"><span class=\"badge s-%s\">%s</span> %zu</span> ",
                h->status[i] ? "" : " zero", STATUS[i], STATUS[i], h->status[i]);
    fputs("</div></div>\n", f);
    fprintf(f, "<div class=\"stat\"><h3>%s by kind</h3><div class=\"big\">%zu</div>\n",
            plural(h->nclaims, "Claim", "Claims"), h->nclaims);
    fputs("<div class=\"chips\">\n", f);
    for (size_t k = 0; k < NKINDS; k++)
        for (size_t i = 0; i < h->nkinds; i++)
            if (!strcmp(h->kinds[i].kind, KINDS[k]))
                put_kind_chip(f, h->kinds[i].kind, h->kinds[i].n);
    for (size_t i = 0; i < h->nkinds; i++) {
        bool known = false;
        for (size_t k = 0; k < NKINDS; k++)
            known = known || !strcmp(h->kinds[i].kind, KINDS[k]);
        if (!known)
            put_kind_chip(f, h->kinds[i].kind, h->kinds[i].n);
    }
    if (!h->nkinds)
        fputs("<span class=\"none\">No claims were found.</span>\n", f);
    fputs("</div></div>\n<div class=\"stat problems\"><h3>Not read in full</h3>\n", f);
    bool ok = true;
    if (h->nproblems) {
        fprintf(f, "<div class=\"big\">%zu</div>\n<ul>\n", h->nproblems);
        ok = emit_copy(h->problems, f);
        fputs("</ul>", f);
    } else {
        fputs("<p class=\"none\">None: every document was read in full.</p>", f);
    }
    fputs("</div>\n</section>\n", f);
    return ok;
}

static const char *const COLUMNS[][2] = {{"doc", "Document"},  {"quote", "Quote"},
                                         {"value", "Value"},   {"unit", "Unit"},
                                         {"kind", "Kind"},     {"qualifier", "Qualifier"},
                                         {"role", "Role"},     {"subject", "Subject"},
                                         {"time_ref", "Time"}, {"rule", "Rule"}};

static const char *const FILTERS[][2] = {{"doc", "Document"},
                                         {"kind", "Kind"},
                                         {"unit", "Unit"},
                                         {"rule", "Rule"},
                                         {"qualifier", "Qualifier"}};

/* What comes before the documents: nothing in it depends on them. */
static void put_page_head(FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
          "<link rel=\"icon\" href=\"data:,\">\n"
          "<title>Claims audit</title>\n<style>\n",
          f);
    put_page_css(f);
    fputs("</style>\n</head>\n<body>\n<header class=\"top\"><h1>Claims audit</h1>"
          "<p>Every figure the pipeline found, in its text. Click a highlight for its fields, "
          "a row to find it in the text, a column's name to sort by it.</p></header>\n"
          "<main class=\"split\">\n<div id=\"docs\">\n",
          f);
    /* the names of the members of each claim's array in the claims-data */
    fputs("<script type=\"application/json\" id=\"claim-fields\">[", f);
    for (size_t i = 0; EMIT_PAGE_CLAIM_FIELDS[i]; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", EMIT_PAGE_CLAIM_FIELDS[i]);
    fputs("]</script>\n", f);
}

bool emit_html_finish(struct emit_html *h, struct pl_error *err)
{
    FILE *f = h->page;
    fputs("</div>\n<aside id=\"claims\" aria-label=\"Claims\">\n<div class=\"filters\">\n", f);
    for (size_t i = 0; i < sizeof FILTERS / sizeof FILTERS[0]; i++)
        fprintf(f,
                "<label>%s <select id=\"f-%s\" data-key=\"%s\"><option value=\"\">all</option>"
                "</select></label>\n",
                FILTERS[i][1], FILTERS[i][0], FILTERS[i][0]);
    fputs("<span class=\"shown\" id=\"shown\"></span>"
          "<button type=\"button\" id=\"clear\" class=\"link\">clear filters</button>\n"
          "</div>\n<div class=\"table-wrap\" id=\"table-wrap\">\n<table id=\"claims-table\">\n"
          "<thead><tr>",
          f);
    for (size_t i = 0; i < sizeof COLUMNS / sizeof COLUMNS[0]; i++)
        fprintf(f, "<th class=\"c-%s\" data-key=\"%s\"><button type=\"button\">%s</button></th>",
                COLUMNS[i][0], COLUMNS[i][0], COLUMNS[i][1]);
    fputs("</tr></thead>\n<tbody></tbody>\n</table>\n"
          "<div class=\"pager\" id=\"pager\" hidden><button type=\"button\" id=\"prev\" "
          "class=\"link\">‹ previous</button><span id=\"page-at\"></span><button type=\"button\" "
          "id=\"next\" class=\"link\">next ›</button></div>\n"
          "<noscript><p class=\"no-text\">The table of claims needs JavaScript.</p></noscript>\n"
          "</div>\n</aside>\n</main>\n",
          f);
    bool ok = put_summary(h, f);
    fputs("<div id=\"panel\" role=\"dialog\" aria-label=\"Claim\" hidden></div>\n<script>\n", f);
    put_page_js(f);
    fputs("</script>\n</body>\n</html>\n", f);
    if (!ok || ferror(h->problems)) {
        pl_error_set(err, NULL, 0, 0, "cannot read back the scratch file of report.html");
        return false;
    }
    return true;
}

void emit_html_free(struct emit_html *h)
{
    if (!h)
        return;
    if (h->problems)
        fclose(h->problems);
    for (size_t i = 0; i < h->nkinds; i++)
        free(h->kinds[i].kind);
    free(h->kinds);
    free(h);
}

/* ------------------------------------------------------------ the page */

/* BEGIN PAGE ASSETS: the page's style sheet and script, a line a string */

static const char *const PAGE_CSS[] = {
    ":root {\n",
    "  --fg: #1f2328; --muted: #5f6b76; --line: #d8dee4; --soft: #f6f8fa; --accent: #0b5cad;\n",
    "  --k-bg: #eceff2; --k-line: #8c959f;\n",
    "}\n",
    "* { box-sizing: border-box; }\n",
    "[hidden] { display: none !important; }\n",
    "html { scroll-padding-top: 16px; }\n",
    "body {\n",
    "  margin: 0; color: var(--fg); background: #fff;\n",
    "  font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC',\n",
    "    'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif;\n",
    "}\n",
    "button { font: inherit; color: inherit; }\n",
    "h1, h2 { margin: 0; font-weight: 600; }\n",
    "header.top {\n",
    "  display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap;\n",
    "  padding: 14px 24px 10px; border-bottom: 1px solid var(--line);\n",
    "}\n",
    "header.top h1 { font-size: 18px; }\n",
    "header.top p { margin: 0; color: var(--muted); }\n",
    "\n",
    "/* kinds: a pale background and a darker underline */\n",
    ".k-count { --k-bg: #dbeafe; --k-line: #2563eb; }\n",
    ".k-money { --k-bg: #d9f2e1; --k-line: #15803d; }\n",
    ".k-percent { --k-bg: #fdecc8; --k-line: #c2410c; }\n",
    ".k-pp { --k-bg: #ede4fb; --k-line: #7c3aed; }\n",
    ".k-ratio { --k-bg: #fbe1ee; --k-line: #be185d; }\n",
    ".k-measure { --k-bg: #d5f0ee; --k-line: #0f766e; }\n",
    "\n",
    "/* summary */\n",
    "#summary {\n",
    "  display: flex; flex-wrap: wrap; gap: 12px 40px; align-items: flex-start;\n",
    "  padding: 14px 24px; border-bottom: 1px solid var(--line); background: var(--soft);\n",
    "}\n",
    ".stat h3 {\n",
    "  margin: 0 0 2px; font-size: 11px; font-weight: 600; letter-spacing: .05em;\n",
    "  text-transform: uppercase; color: var(--muted);\n",
    "}\n",
    ".stat .big { font-size: 22px; font-weight: 600; line-height: 1.2; margin-bottom: 6px; "
    "font-variant-numeric: tabular-nums; }\n",
    ".statuses { display: flex; gap: 10px; flex-wrap: wrap; }\n",
    ".statuses .zero { opacity: .45; }\n",
    ".chips { display: flex; gap: 6px; flex-wrap: wrap; max-width: 560px; }\n",
    ".chip {\n",
    "  display: inline-flex; align-items: center; gap: 6px; padding: 2px 9px;\n",
    "  border: 1px solid var(--line); border-radius: 999px; background: #fff; cursor: pointer;\n",
    "}\n",
    ".chip:hover { border-color: var(--k-line); }\n",
    ".chip b { font-weight: 600; font-variant-numeric: tabular-nums; }\n",
    ".swatch {\n",
    "  width: 12px; height: 12px; border-radius: 3px; background: var(--k-bg);\n",
    "  border-bottom: 2px solid var(--k-line);\n",
    "}\n",
    ".problems { flex: 1 1 320px; min-width: 280px; }\n",
    ".problems ul { margin: 0; padding: 0; list-style: none; max-height: 9.5em; overflow: auto; "
    "}\n",
    ".problems p.none { margin: 4px 0 0; }\n",
    ".problems li { margin: 2px 0; }\n",
    ".problems .why { color: #8a1f11; word-break: break-word; }\n",
    ".none { color: var(--muted); }\n",
    ".badge {\n",
    "  display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px;\n",
    "  line-height: 18px; border: 1px solid transparent;\n",
    "}\n",
    ".s-ok { background: #e6f4ea; color: #1a6b34; }\n",
    ".s-partial { background: #fff4d6; color: #7a5200; }\n",
    ".s-failed { background: #fde7e5; color: #a1261a; }\n",
    ".s-skipped { background: #eceff2; color: #4a5560; }\n",
    "\n",
    "/* documents beside the table */\n",
    "main.split { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); }\n",
    "#docs { padding: 8px 24px 40vh 24px; }\n",
    "section.doc { padding: 14px 0 18px; border-bottom: 1px solid var(--line); }\n",
    "section.doc:last-child { border-bottom: 0; }\n",
    ".doc-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }\n",
    ".doc-head h2 { font-size: 15px; word-break: break-all; }\n",
    ".meta, .doc-meta { color: var(--muted); font-size: 13px; }\n",
    ".doc-meta { margin: 4px 0 0; word-break: break-all; }\n",
    ".label { text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }\n",
    "p.error { margin: 8px 0 0; padding: 6px 10px; border-radius: 4px; word-break: break-word; }\n",
    ".no-text { color: var(--muted); font-style: italic; margin: 10px 0 0; }\n",
    ".text { margin-top: 10px; font-size: 15px; line-height: 1.95; max-width: 48em; word-break: "
    "break-word; }\n",
    "\n",
    "/* highlights */\n",
    "mark.cl {\n",
    "  color: inherit; background: var(--k-bg); border-bottom: 2px solid var(--k-line);\n",
    "  border-radius: 2px; padding: 1px 1px 0; cursor: pointer;\n",
    "}\n",
    "mark.cl:hover, mark.cl:focus-visible { outline: 1px solid var(--k-line); outline-offset: 1px; "
    "}\n",
    "mark.cl.selected { outline: 2px solid var(--k-line); outline-offset: 1px; }\n",
    "mark.cl.r-from::after, mark.cl.r-to::after, mark.cl.r-delta::after {\n",
    "  font-size: 10px; line-height: 1; vertical-align: super; margin-left: 2px; color: "
    "var(--k-line);\n",
    "}\n",
    "mark.cl.r-from::after { content: 'from'; }\n",
    "mark.cl.r-to::after { content: 'to'; }\n",
    "mark.cl.r-delta::after { content: '\\0394'; }\n",
    "mark.flash { animation: flash 1.8s ease-out; }\n",
    "tr.flash td { animation: flash-row 1.8s ease-out; }\n",
    "@keyframes flash {\n",
    "  0%, 40% { box-shadow: 0 0 0 4px #f2b705; background-color: #ffe071; }\n",
    "  100% { box-shadow: 0 0 0 4px rgba(242, 183, 5, 0); }\n",
    "}\n",
    "@keyframes flash-row {\n",
    "  0%, 40% { background-color: #ffe9a0; }\n",
    "}\n",
    "\n",
    "/* the table of claims */\n",
    "aside#claims {\n",
    "  position: sticky; top: 0; height: 100vh; display: flex; flex-direction: column;\n",
    "  border-left: 1px solid var(--line); background: #fff;\n",
    "}\n",
    ".filters {\n",
    "  display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center;\n",
    "  padding: 10px 14px; border-bottom: 1px solid var(--line); background: var(--soft);\n",
    "}\n",
    ".filters label { display: inline-flex; align-items: center; gap: 5px; color: var(--muted); "
    "font-size: 13px; }\n",
    ".filters select {\n",
    "  font: inherit; font-size: 13px; color: var(--fg); max-width: 13em; padding: 2px 4px;\n",
    "  border: 1px solid var(--line); border-radius: 4px; background: #fff;\n",
    "}\n",
    ".shown { color: var(--muted); font-size: 13px; margin-left: auto; }\n",
    "button.link { border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; "
    "font-size: 13px; }\n",
    "button.link:hover { text-decoration: underline; }\n",
    ".table-wrap { flex: 1; overflow: auto; }\n",
    "table { border-collapse: collapse; width: 100%; font-size: 12.5px; }\n",
    "thead th {\n",
    "  position: sticky; top: 0; z-index: 1; background: #fff; text-align: left; padding: 0;\n",
    "  border-bottom: 1px solid var(--line); white-space: nowrap; font-weight: 600;\n",
    "}\n",
    "thead th button {\n",
    "  border: 0; background: none; padding: 7px 6px; cursor: pointer; font-weight: 600; width: "
    "100%; text-align: left;\n",
    "}\n",
    "thead th button:hover { background: var(--soft); }\n",
    "thead th[aria-sort=ascending] button::after { content: ' \\25B2'; font-size: 9px; }\n",
    "thead th[aria-sort=descending] button::after { content: ' \\25BC'; font-size: 9px; }\n",
    "tbody td { padding: 5px 6px; border-bottom: 1px solid #eef1f4; vertical-align: top; }\n",
    "tbody tr { cursor: pointer; }\n",
    "tbody tr:hover td { background: #f6f9fc; }\n",
    "tbody tr.selected td { background: #eaf2fc; }\n",
    "td.c-doc { max-width: 6.5em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; "
    "color: var(--muted); }\n",
    "td.c-quote a { color: inherit; text-decoration: none; border-bottom: 2px solid var(--k-line); "
    "}\n",
    "td.c-value { text-align: right; font-variant-numeric: tabular-nums; }\n",
    "td.c-value span.v { white-space: nowrap; }\n",
    "th.c-value button { text-align: right; }\n",
    "td.c-kind span { display: inline-block; padding: 0 6px; border-radius: 3px; background: "
    "var(--k-bg); }\n",
    "td.c-rule { color: var(--muted); font-size: 11.5px; min-width: 8em; }\n",
    "td.c-subject { min-width: 6em; }\n",
    "td.c-time_ref { min-width: 4.2em; }\n",
    ".arrow { color: var(--muted); padding: 0 3px; }\n",
    ".pager { display: flex; gap: 16px; justify-content: center; align-items: center; padding: "
    "10px; color: var(--muted); font-size: 13px; }\n",
    "button.link:disabled { color: #b4bcc4; cursor: default; text-decoration: none; }\n",
    ".empty-row td { color: var(--muted); font-style: italic; cursor: default; }\n",
    "\n",
    "/* the panel of one claim */\n",
    "#panel {\n",
    "  position: absolute; z-index: 10; width: 400px; max-width: calc(100vw - 16px);\n",
    "  background: #fff; border: 1px solid #c9d1d9; border-radius: 6px;\n",
    "  box-shadow: 0 6px 20px rgba(31, 35, 40, .14); font-size: 13px;\n",
    "}\n",
    "#panel .p-head {\n",
    "  display: flex; align-items: center; gap: 8px; padding: 8px 10px 6px 12px;\n",
    "  border-bottom: 1px solid var(--line); border-top: 3px solid var(--k-line); border-radius: "
    "6px 6px 0 0;\n",
    "}\n",
    "#panel .p-head .q { font-size: 15px; font-weight: 600; flex: 1; word-break: break-word; }\n",
    "#panel .close { border: 0; background: none; font-size: 18px; line-height: 1; cursor: "
    "pointer; color: var(--muted); padding: 2px 4px; }\n",
    "#panel dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 3px "
    "10px; margin: 0; padding: 8px 12px; }\n",
    "#panel dd.wide { grid-column: 2 / -1; }\n",
    "#panel dt { color: var(--muted); }\n",
    "#panel dd { margin: 0; word-break: break-word; }\n",
    "#panel dd.absent { color: #aab2ba; }\n",
    "#panel .p-foot { display: flex; gap: 14px; padding: 6px 12px 9px; border-top: 1px solid "
    "var(--line); }\n",
    "\n",
    "/* narrow: the table above the documents */\n",
    "@media (max-width: 1100px) {\n",
    "  main.split { display: flex; flex-direction: column; }\n",
    "  #docs { padding-bottom: 24px; }\n",
    "  aside#claims {\n",
    "    order: -1; position: static; height: auto; max-height: 60vh;\n",
    "    border-left: 0; border-bottom: 1px solid var(--line);\n",
    "  }\n",
    "}\n",
    "mark.reviewed { outline: 2px dashed #555; outline-offset: 1px; }\n",
    "mark.v-ok { outline-color: #2e7d32; }\n",
    "mark.v-wrong { outline-color: #c62828; outline-style: solid; }\n",
    "mark.v-unsure { outline-color: #ef6c00; }\n",
    "@media print {\n",
    "  aside#claims { position: static; height: auto; }\n",
    "  .table-wrap { overflow: visible; }\n",
    "}\n",
    NULL};

static void put_page_css(FILE *f)
{
    for (const char *const *l = PAGE_CSS; *l; l++)
        fputs(*l, f);
}

static const char *const PAGE_JS[] = {
    "(function () {\n",
    "  'use strict';\n",
    "  /* the summary, written after the documents, is shown above them */\n",
    "  var summary = document.getElementById('summary');\n",
    "  var header = document.querySelector('header.top');\n",
    "  header.parentNode.insertBefore(summary, header.nextSibling);\n",
    "  document.title = summary.getAttribute('data-title');\n",
    "  /* each document's claims are an array of their own, in page order;\n",
    "     a claim is the array of its fields' values, named by claim-fields */\n",
    "  var fields = JSON.parse(document.getElementById('claim-fields').textContent);\n",
    "  var claims = [];\n",
    "  document.querySelectorAll('script.claims-data').forEach(function (s) {\n",
    "    JSON.parse(s.textContent).forEach(function (values) {\n",
    "      var c = {};\n",
    "      for (var k = 0; k < fields.length; k++) c[fields[k]] = values[k];\n",
    "      claims.push(c);\n",
    "    });\n",
    "  });\n",
    "  var docNames = [];\n",
    "  document.querySelectorAll('section.doc').forEach(function (s) {\n",
    "    docNames.push(s.getAttribute('data-name') || '');\n",
    "  });\n",
    "  var marks = [];\n",
    "  document.querySelectorAll('mark.cl').forEach(function (m) {\n",
    "    marks[Number(m.getAttribute('data-i'))] = m;\n",
    "  });\n",
    "\n",
    "  /* rows: a claim alone, or the two ends of a change (from, to: one group) */\n",
    "  var ends = new Map();\n",
    "  claims.forEach(function (c, i) {\n",
    "    if (!c.group || (c.role !== 'from' && c.role !== 'to')) return;\n",
    "    var key = c.doc + ' ' + c.group;\n",
    "    var e = ends.get(key);\n",
    "    if (!e) ends.set(key, e = {});\n",
    "    if (e[c.role] === undefined) e[c.role] = i;\n",
    "  });\n",
    "  var rows = [], rowOf = [];\n",
    "  claims.forEach(function (c, i) {\n",
    "    var e = c.group ? ends.get(c.doc + ' ' + c.group) : null;\n",
    "    var pair = e && e.from !== undefined && e.to !== undefined;\n",
    "    if (pair && e.from === i) return;\n",
    "    rows.push(pair && e.to === i ? { to: i, from: e.from } : { to: i, from: -1 });\n",
    "  });\n",
    "  rows.forEach(function (r, n) {\n",
    "    r.n = n;\n",
    "    rowOf[r.to] = r;\n",
    "    if (r.from >= 0) rowOf[r.from] = r;\n",
    "  });\n",
    "  function members(r) { return r.from >= 0 ? [claims[r.from], claims[r.to]] : [claims[r.to]]; "
    "}\n",
    "  /* one field of a row: a pair's differing ends as [from, to] */\n",
    "  function field(r, key) {\n",
    "    var b = claims[r.to][key];\n",
    "    if (r.from < 0) return b == null ? '' : String(b);\n",
    "    var a = claims[r.from][key];\n",
    "    if (key !== 'value' && key !== 'quote' && String(a) === String(b)) return b == null ? '' "
    ": String(b);\n",
    "    return [a == null ? '—' : String(a), b == null ? '—' : String(b)];\n",
    "  }\n",
    "  function kindClass(k) { return /^[A-Za-z0-9_-]+$/.test(k || '') ? k : 'other'; }\n",
    "\n",
    "  var COLUMNS = ['doc', 'quote', 'value', 'unit', 'kind', 'qualifier', 'role', 'subject', "
    "'time_ref', 'rule'];\n",
    "  var PAGE = 300; /* rows drawn at a time: a long table is slow to lay out */\n",
    "  var tbody = document.querySelector('#claims-table tbody');\n",
    "  var wrap = document.getElementById('table-wrap');\n",
    "  var panel = document.getElementById('panel');\n",
    "\n",
    "  /* cells: text only, never markup. how: 'zh' for Chinese text, 'v' for a\n",
    "     number kept on one line; a pair's two ends joined by an arrow */\n",
    "  function put(td, v, how) {\n",
    "    if (Array.isArray(v)) {\n",
    "      td.appendChild(text(v[0], how));\n",
    "      var s = document.createElement('span');\n",
    "      s.className = 'arrow';\n",
    "      s.textContent = '→';\n",
    "      td.appendChild(s);\n",
    "      td.appendChild(document.createElement('wbr'));\n",
    "      td.appendChild(text(v[1], how));\n",
    "    } else {\n",
    "      td.appendChild(text(v, how));\n",
    "    }\n",
    "  }\n",
    "  function text(v, how) {\n",
    "    if (!how) return document.createTextNode(v);\n",
    "    var s = document.createElement('span');\n",
    "    if (how === 'zh') s.lang = 'zh';\n",
    "    else s.className = how;\n",
    "    s.textContent = v;\n",
    "    return s;\n",
    "  }\n",
    "  /* a rule list may break after each + and . */\n",
    "  function ruleCell(td, v) {\n",
    "    String(v).split(/([+.])/).forEach(function (part) {\n",
    "      td.appendChild(document.createTextNode(part));\n",
    "      if (part === '+' || part === '.') td.appendChild(document.createElement('wbr'));\n",
    "    });\n",
    "  }\n",
    "  /* a row's element, made when first needed */\n",
    "  function trOf(r) {\n",
    "    if (r.tr) return r.tr;\n",
    "    var c = claims[r.to];\n",
    "    var tr = document.createElement('tr');\n",
    "    tr.id = 'r-' + c.claim_id;\n",
    "    tr.setAttribute('data-row', r.n);\n",
    "    COLUMNS.forEach(function (key) {\n",
    "      var td = document.createElement('td');\n",
    "      td.className = 'c-' + key + (key === 'quote' || key === 'kind' ? ' k-' + "
    "kindClass(c.kind) : '');\n",
    "      if (key === 'doc') {\n",
    "        td.textContent = docNames[c.doc] || '';\n",
    "        td.title = td.textContent;\n",
    "      } else if (key === 'role' && r.from >= 0) {\n",
    "        put(td, ['from', 'to']);\n",
    "      } else if (key === 'quote') {\n",
    "        var a = document.createElement('a');\n",
    "        a.href = '#c-' + c.claim_id;\n",
    "        put(a, field(r, 'quote'), 'zh');\n",
    "        td.appendChild(a);\n",
    "      } else if (key === 'kind') {\n",
    "        var s = document.createElement('span');\n",
    "        put(s, field(r, 'kind'));\n",
    "        td.appendChild(s);\n",
    "      } else if (key === 'rule') {\n",
    "        var v = field(r, 'rule');\n",
    "        ruleCell(td, Array.isArray(v) ? v.join(' → ') : v);\n",
    "      } else {\n",
    "        put(td, field(r, key), key === 'subject' || key === 'time_ref' ? 'zh' : key === "
    "'value' ? 'v' : '');\n",
    "      }\n",
    "      tr.appendChild(td);\n",
    "    });\n",
    "    return (r.tr = tr);\n",
    "  }\n",
    "\n",
    "  /* the table shows view (the rows that pass the filters, in the sort\n",
    "     order), a page at a time */\n",
    "  var order = rows.slice(), view = order, page = 0;\n",
    "  var pager = document.getElementById('pager');\n",
    "  function render() {\n",
    "    var pages = Math.max(1, Math.ceil(view.length / PAGE));\n",
    "    page = Math.min(Math.max(page, 0), pages - 1);\n",
    "    var from = page * PAGE, to = Math.min(view.length, from + PAGE);\n",
    "    var frag = document.createDocumentFragment();\n",
    "    for (var k = from; k < to; k++) frag.appendChild(trOf(view[k]));\n",
    "    if (!view.length) {\n",
    "      var tr = document.createElement('tr');\n",
    "      tr.className = 'empty-row';\n",
    "      var td = document.createElement('td');\n",
    "      td.colSpan = COLUMNS.length;\n",
    "      td.textContent = rows.length ? 'No claim passes these filters.' : 'No claims.';\n",
    "      tr.appendChild(td);\n",
    "      frag.appendChild(tr);\n",
    "    }\n",
    "    tbody.textContent = '';\n",
    "    tbody.appendChild(frag);\n",
    "    var shown = view.length < rows.length ? view.length + ' of ' + rows.length + ' rows'\n",
    "      : rows.length + (rows.length === 1 ? ' row' : ' rows') + ', ' + claims.length + "
    "(claims.length === 1 ? ' claim' : ' claims');\n",
    "    if (pages > 1) shown = 'rows ' + (from + 1) + '–' + to + ' of ' + view.length +\n",
    "      (view.length < rows.length ? ' (' + rows.length + ' in all)' : '');\n",
    "    document.getElementById('shown').textContent = shown;\n",
    "    pager.hidden = pages < 2;\n",
    "    document.getElementById('page-at').textContent = 'page ' + (page + 1) + ' of ' + pages;\n",
    "    document.getElementById('prev').disabled = page === 0;\n",
    "    document.getElementById('next').disabled = page >= pages - 1;\n",
    "  }\n",
    "  function turn(by) {\n",
    "    page += by;\n",
    "    render();\n",
    "    wrap.scrollTop = 0;\n",
    "  }\n",
    "  document.getElementById('prev').addEventListener('click', function () { turn(-1); });\n",
    "  document.getElementById('next').addEventListener('click', function () { turn(1); });\n",
    "\n",
    "  /* filters */\n",
    "  var selects = Array.prototype.slice.call(document.querySelectorAll('.filters select'));\n",
    "  function valuesOf(key, c) {\n",
    "    if (key === 'rule') return c.rule ? c.rule.split('+') : [];\n",
    "    if (key === 'doc') return [c.doc];\n",
    "    return [c[key] == null ? '' : c[key]];\n",
    "  }\n",
    "  selects.forEach(function (sel) {\n",
    "    var key = sel.getAttribute('data-key');\n",
    "    var counts = new Map();\n",
    "    rows.forEach(function (r) {\n",
    "      var seen = new Set();\n",
    "      members(r).forEach(function (c) { valuesOf(key, c).forEach(function (v) { seen.add(v); "
    "}); });\n",
    "      seen.forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });\n",
    "    });\n",
    "    var values = Array.from(counts.keys());\n",
    "    if (key === 'doc') values.sort(function (a, b) { return a - b; });\n",
    "    else values.sort();\n",
    "    values.forEach(function (v) {\n",
    "      var o = document.createElement('option');\n",
    "      o.value = String(v);\n",
    "      o.textContent = (key === 'doc' ? docNames[v] : v === '' ? '(none)' : v) + ' (' + "
    "counts.get(v) + ')';\n",
    "      sel.appendChild(o);\n",
    "    });\n",
    "    sel.addEventListener('change', function () { applyFilters(); wrap.scrollTop = 0; });\n",
    "  });\n",
    "  function passes(r, active) {\n",
    "    return active.every(function (sel) {\n",
    "      var key = sel.getAttribute('data-key');\n",
    "      return members(r).some(function (c) {\n",
    "        return valuesOf(key, c).some(function (v) { return String(v) === sel.value; });\n",
    "      });\n",
    "    });\n",
    "  }\n",
    "  function applyFilters() {\n",
    "    var active = selects.filter(function (s) { return s.value !== ''; });\n",
    "    view = active.length ? order.filter(function (r) { return passes(r, active); }) : "
    "order;\n",
    "    page = 0;\n",
    "    document.getElementById('clear').hidden = !active.length;\n",
    "    render();\n",
    "  }\n",
    "  function clearFilters() {\n",
    "    selects.forEach(function (s) { s.value = ''; });\n",
    "    applyFilters();\n",
    "  }\n",
    "  document.getElementById('clear').addEventListener('click', clearFilters);\n",
    "\n",
    "  /* sorting: a header's click sorts by it, a second click the other way */\n",
    "  var sortKey = null, sortDir = 1;\n",
    "  var collator = new Intl.Collator('zh', { numeric: true });\n",
    "  function sortValue(r, key) {\n",
    "    if (key === 'value') {\n",
    "      var x = Number(claims[r.to].value);\n",
    "      return Number.isNaN(x) ? '' : x;\n",
    "    }\n",
    "    var v = field(r, key);\n",
    "    return Array.isArray(v) ? v.join(' ') : v;\n",
    "  }\n",
    "  document.querySelectorAll('#claims-table thead th').forEach(function (th) {\n",
    "    th.querySelector('button').addEventListener('click', function () {\n",
    "      var key = th.getAttribute('data-key');\n",
    "      sortDir = sortKey === key ? -sortDir : 1;\n",
    "      sortKey = key;\n",
    "      document.querySelectorAll('#claims-table thead th').forEach(function (o) { "
    "o.removeAttribute('aria-sort'); });\n",
    "      th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');\n",
    "      var keys = new Map();\n",
    "      if (key !== 'doc') rows.forEach(function (r) { keys.set(r, sortValue(r, key)); });\n",
    "      order = rows.slice().sort(function (a, b) {\n",
    "        if (key === 'doc') return sortDir * (a.n - b.n);\n",
    "        var x = keys.get(a), y = keys.get(b), d;\n",
    "        if (x === '' || y === '') d = x === '' ? (y === '' ? 0 : 1) : -1; /* empty last */\n",
    "        else d = sortDir * (typeof x === 'number' ? x - y : collator.compare(x, y));\n",
    "        return d || a.n - b.n;\n",
    "      });\n",
    "      applyFilters();\n",
    "      wrap.scrollTop = 0;\n",
    "    });\n",
    "  });\n",
    "\n",
    "  /* between highlights and rows */\n",
    "  function flash(el) {\n",
    "    if (!el) return;\n",
    "    el.classList.remove('flash');\n",
    "    void el.offsetWidth;\n",
    "    el.classList.add('flash');\n",
    "  }\n",
    "  document.addEventListener('animationend', function (e) {\n",
    "    var el = e.target.closest ? e.target.closest('.flash') : null;\n",
    "    if (el) el.classList.remove('flash');\n",
    "  });\n",
    "  var selected = null;\n",
    "  function select(r) {\n",
    "    if (selected) {\n",
    "      trOf(selected).classList.remove('selected');\n",
    "      [selected.to, selected.from].forEach(function (i) { if (i >= 0 && marks[i]) "
    "marks[i].classList.remove('selected'); });\n",
    "    }\n",
    "    selected = r;\n",
    "    if (!r) return;\n",
    "    trOf(r).classList.add('selected');\n",
    "    [r.to, r.from].forEach(function (i) { if (i >= 0 && marks[i]) "
    "marks[i].classList.add('selected'); });\n",
    "  }\n",
    "  function sideBySide() { return getComputedStyle(document.getElementById('claims')).position "
    "=== 'sticky'; }\n",
    "  /* the page of the table that holds row r; false if the filters hide it */\n",
    "  function turnTo(r) {\n",
    "    var k = view.indexOf(r);\n",
    "    if (k < 0) return false;\n",
    "    if (Math.floor(k / PAGE) !== page) {\n",
    "      page = Math.floor(k / PAGE);\n",
    "      render();\n",
    "    }\n",
    "    return true;\n",
    "  }\n",
    "  /* the row in view inside the table alone, the page left where it is */\n",
    "  function revealRowQuietly(r) {\n",
    "    if (!sideBySide() || !turnTo(r)) return;\n",
    "    var box = wrap.getBoundingClientRect(), at = r.tr.getBoundingClientRect();\n",
    "    if (at.top < box.top + 36 || at.bottom > box.bottom)\n",
    "      wrap.scrollTop += at.top - box.top - wrap.clientHeight / 3;\n",
    "  }\n",
    "  function showRow(r) {\n",
    "    if (!turnTo(r)) {\n",
    "      clearFilters();\n",
    "      turnTo(r);\n",
    "    }\n",
    "    r.tr.scrollIntoView({ block: 'center' });\n",
    "    select(r);\n",
    "    flash(r.tr);\n",
    "  }\n",
    "  function showMark(i) {\n",
    "    var m = marks[i];\n",
    "    if (!m) return;\n",
    "    var r = rowOf[i];\n",
    "    m.scrollIntoView({ block: 'center' });\n",
    "    select(r);\n",
    "    flash(m);\n",
    "    if (r.from >= 0) flash(marks[r.from === i ? r.to : r.from]);\n",
    "    openPanel(i);\n",
    "  }\n",
    "  tbody.addEventListener('click', function (e) {\n",
    "    var tr = e.target.closest('tr[data-row]');\n",
    "    if (!tr) return;\n",
    "    e.preventDefault();\n",
    "    showMark(rows[Number(tr.getAttribute('data-row'))].to);\n",
    "  });\n",
    "  function markOf(el) { return el && el.closest ? el.closest('mark.cl') : null; }\n",
    "  document.getElementById('docs').addEventListener('click', function (e) {\n",
    "    var m = markOf(e.target);\n",
    "    if (!m) return;\n",
    "    var i = Number(m.getAttribute('data-i'));\n",
    "    openPanel(i);\n",
    "    select(rowOf[i]);\n",
    "    revealRowQuietly(rowOf[i]);\n",
    "  });\n",
    "  document.getElementById('docs').addEventListener('keydown', function (e) {\n",
    "    var m = markOf(e.target);\n",
    "    if (!m || (e.key !== 'Enter' && e.key !== ' ')) return;\n",
    "    e.preventDefault();\n",
    "    m.click();\n",
    "  });\n",
    "  document.querySelectorAll('#summary .chip').forEach(function (b) {\n",
    "    b.addEventListener('click', function () {\n",
    "      document.getElementById('f-kind').value = b.getAttribute('data-kind');\n",
    "      applyFilters();\n",
    "      wrap.scrollTop = 0;\n",
    "      if (!sideBySide()) document.getElementById('claims').scrollIntoView({ block: 'start' "
    "});\n",
    "    });\n",
    "  });\n",
    "\n",
    "  /* the panel of one claim: its fields, two a line; a wide one alone */\n",
    "  var FIELDS = ['value', 'unit', 'kind', 'qualifier', 'lower', 'upper', 'role', 'group', "
    "'period',\n",
    "    'time_ref', 'subject*', 'rule*', 'claim_id*', 'verdict', 'corrected_value', 'review_note*'];\n",
    "  var panelFor = -1;\n",
    "  function openPanel(i) {\n",
    "    var c = claims[i], r = rowOf[i];\n",
    "    panelFor = i;\n",
    "    panel.textContent = '';\n",
    "    panel.className = 'k-' + kindClass(c.kind);\n",
    "    var head = document.createElement('div');\n",
    "    head.className = 'p-head';\n",
    "    var q = document.createElement('span');\n",
    "    q.className = 'q';\n",
    "    q.lang = 'zh';\n",
    "    q.textContent = c.quote || '';\n",
    "    head.appendChild(q);\n",
    "    var close = document.createElement('button');\n",
    "    close.type = 'button';\n",
    "    close.className = 'close';\n",
    "    close.setAttribute('aria-label', 'Close');\n",
    "    close.textContent = '×';\n",
    "    close.addEventListener('click', closePanel);\n",
    "    head.appendChild(close);\n",
    "    panel.appendChild(head);\n",
    "    var dl = document.createElement('dl');\n",
    "    function item(name, v, wide) {\n",
    "      var dt = document.createElement('dt');\n",
    "      dt.textContent = name;\n",
    "      var dd = document.createElement('dd');\n",
    "      if (v == null || v === '') {\n",
    "        dd.textContent = '—';\n",
    "        dd.classList.add('absent');\n",
    "      } else {\n",
    "        dd.textContent = String(v);\n",
    "        if (name === 'subject' || name === 'time_ref') dd.lang = 'zh';\n",
    "      }\n",
    "      if (wide) dd.classList.add('wide');\n",
    "      dl.appendChild(dt);\n",
    "      dl.appendChild(dd);\n",
    "    }\n",
    "    FIELDS.forEach(function (f) {\n",
    "      var wide = f.slice(-1) === '*';\n",
    "      var name = wide ? f.slice(0, -1) : f;\n",
    "      item(name, c[name], wide);\n",
    "    });\n",
    "    item('where', (docNames[c.doc] || '') + ', line ' + c.line + ', column ' + c.column, "
    "true);\n",
    "    panel.appendChild(dl);\n",
    "    var foot = document.createElement('div');\n",
    "    foot.className = 'p-foot';\n",
    "    var link = document.createElement('a');\n",
    "    link.href = '#r-' + claims[r.to].claim_id;\n",
    "    link.textContent = 'Show in table';\n",
    "    link.addEventListener('click', function (e) { e.preventDefault(); showRow(r); });\n",
    "    foot.appendChild(link);\n",
    "    if (r.from >= 0) {\n",
    "      var other = r.from === i ? r.to : r.from;\n",
    "      var o = document.createElement('a');\n",
    "      o.href = '#c-' + claims[other].claim_id;\n",
    "      o.textContent = (r.from === i ? 'Change to ' : 'Change from ') + claims[other].quote;\n",
    "      o.addEventListener('click', function (e) { e.preventDefault(); showMark(other); });\n",
    "      foot.appendChild(o);\n",
    "    }\n",
    "    panel.appendChild(foot);\n",
    "    panel.hidden = false;\n",
    "    place(marks[i]);\n",
    "  }\n",
    "  /* below the highlight, else above it; beside the table, kept within the\n",
    "     documents' column where it fits */\n",
    "  function place(m) {\n",
    "    if (!m || panel.hidden) return;\n",
    "    var rect = m.getBoundingClientRect();\n",
    "    var w = panel.offsetWidth, h = panel.offsetHeight;\n",
    "    var pane = document.getElementById('docs').getBoundingClientRect();\n",
    "    var right = Math.min(document.documentElement.clientWidth, pane.right >= w + 16 ? "
    "pane.right : Infinity);\n",
    "    var left = Math.max(8, Math.min(rect.left, right - w - 8));\n",
    "    var top = rect.bottom + 8;\n",
    "    if (top + h > window.innerHeight - 8 && rect.top - h - 8 > 8) top = rect.top - h - 8;\n",
    "    panel.style.left = (left + window.scrollX) + 'px';\n",
    "    panel.style.top = (top + window.scrollY) + 'px';\n",
    "  }\n",
    "  function closePanel() {\n",
    "    panel.hidden = true;\n",
    "    panelFor = -1;\n",
    "  }\n",
    "  document.addEventListener('click', function (e) {\n",
    "    var t = e.target;\n",
    "    if (panel.hidden || !t || !t.closest || panel.contains(t) || markOf(t) || "
    "t.closest('tbody')) return;\n",
    "    closePanel();\n",
    "  });\n",
    "  document.addEventListener('keydown', function (e) {\n",
    "    if (e.key === 'Escape' && !panel.hidden) closePanel();\n",
    "  });\n",
    "  window.addEventListener('resize', function () { if (panelFor >= 0) place(marks[panelFor]); "
    "});\n",
    "\n",
    "  applyFilters();\n",
    "})();\n",
    NULL};

static void put_page_js(FILE *f)
{
    for (const char *const *l = PAGE_JS; *l; l++)
        fputs(*l, f);
}

/* END PAGE ASSETS */
