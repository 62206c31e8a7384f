/* emit_html: the reviewers' audit site — report.html, the entry page, and
 * the folder report/ beside it: the shared style sheet and scripts and a
 * page of each document (report/d/KEY.html, KEY a hash of its name). Every
 * page opens from disk and loads nothing but the site's own files.
 *
 * A document's page: its text with its claims highlighted, coloured by
 * kind, beside a table of its claims alone (drawn by the page's script,
 * virtually: any number of rows); a highlight opens the claim's panel (its
 * fields, the reviewer's verdict); the two ends of a change are one row.
 * The entry page: a summary (documents by status, claims by kind, how many
 * were not read in full, the reviews) and a line per document.
 *
 * Documents arrive one at a time (emit_add) and each one's page is written
 * and closed as it comes; its line of the entry page (and the reviews the
 * run applied to its claims) wait in scratch files, and emit_html_finish
 * writes the entry page from them. Only counters are held in memory.
 *
 * Everything taken from the documents is HTML-escaped; the claims' and
 * documents' JSON lives in <script type="application/json"> elements with
 * every < > & written as \u003c \u003e \u0026, so no text can close the
 * element. The scripts build the tables with textContent only. The style
 * sheet and scripts are files of their own under pipeline/page/, embedded
 * by the build (page.h). Nothing in the site depends on the time or the
 * machine: the same input gives the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "decimal.h"
#include "decode.h"
#include "emit.h"
#include "outfile.h"
#include "reviews.h"
#include "page.h"
#include "reviews.h"
#include "xalloc.h"


/* The kinds of CLAIMS.md, in the order the summary lists them; a kind the
 * rules add comes after them, in order of appearance. */
static const char *const KINDS[] = {"count", "money", "percent", "pp", "ratio", "measure"};
enum { NKINDS = sizeof KINDS / sizeof KINDS[0], INDENT_MAX = 32 };

struct kind_count {
    char *kind;
    size_t n;
};

struct emit_html {
    const struct reviews *orphans; /* whose unused reviews the entry page lists, or NULL */
    FILE *index;    /* report.html */
    char *site;     /* the site's folder (report/, under its temporary name) */
    FILE *docs;     /* scratch: the index's rows of the documents */
    FILE *reviewed; /* scratch: the reviews the run applied, for the page's export */
    struct outfile docs_file, reviewed_file; /* … their files */
    size_t ndocs, nclaims, nproblems, nreviewed;
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

/* The highlight of the document's claim i: <mark> around its text; bad:
 * a figure of a relation that does not add up. */
static void open_mark(struct render *r, size_t i, const struct claim *c, bool bad)
{
    struct buf *b = r->out;
    char value[64];
    decimal_format(c->value, value, sizeof value);
    buf_puts(b, "<mark class=\"cl k-");
    buf_puts(b, class_name(c->kind));
    buf_puts(b, " r-");
    buf_puts(b, class_name(c->role));
    if (bad)
        buf_puts(b, " chk-bad");
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

/* A check in words: its relation, the computation and its verdict. */
static void put_check_words(struct buf *b, const struct check *k)
{
    buf_puts(b, "<span class=\"chk-rel\">");
    put_html(b, k->relation);
    buf_puts(b, "</span> ");
    put_html(b, k->note);
}

/* The document's relations that do not add up, at the top of its section,
 * each a link to its stated figure; a line says how many were checked. */
static void put_checks(struct buf *b, const struct doc *doc)
{
    if (!doc->nchecks)
        return;
    size_t bad = 0;
    for (size_t i = 0; i < doc->nchecks; i++)
        bad += !doc->checks[i].consistent;
    if (!bad) {
        buf_printf(b, "<p class=\"checks-ok\">%zu %s of the text's own arithmetic checked: all add up.</p>\n",
                   doc->nchecks, plural(doc->nchecks, "relation", "relations"));
        return;
    }
    buf_printf(b,
               "<div class=\"checks\" role=\"region\" aria-label=\"Arithmetic\"><p class=\"checks-head\">"
               "%zu of %zu %s of the text's own arithmetic %s not add up:</p>\n<ul>\n",
               bad, doc->nchecks, plural(doc->nchecks, "relation", "relations"), bad == 1 ? "does" : "do");
    for (size_t i = 0; i < doc->nchecks; i++) {
        const struct check *k = &doc->checks[i];
        if (k->consistent)
            continue;
        buf_puts(b, "<li><a class=\"chk-link\" href=\"#c-");
        put_html(b, doc->claims[k->claims[0]].id);
        buf_puts(b, "\">");
        put_html(b, doc->claims[k->claims[0]].quote);
        buf_puts(b, "</a>: ");
        put_check_words(b, k);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul></div>\n");
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
    if (doc->title || doc->day[0] || doc->url) {
        buf_puts(b, "<p class=\"doc-meta\">");
        const char *sep = "";
        char date[40];
        snprintf(date, sizeof date, "%s%s%s%s", doc->day, doc->day_from ? " (" : "",
                 doc->day_from ? doc->day_from : "", doc->day_from ? ")" : "");
        const char *labels[] = {"title", "date", "url"};
        const char *values[] = {doc->title, doc->day[0] ? date : NULL, doc->url};
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
    put_checks(b, doc);
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

/* The claims of doc's relations that do not add up: bad[i] set for each
 * figure of one; NULL when there are none. */
static bool *bad_claims(const struct doc *doc)
{
    bool *bad = NULL;
    for (size_t i = 0; i < doc->nchecks; i++) {
        if (doc->checks[i].consistent)
            continue;
        if (!bad)
            bad = xcalloc(doc->nclaims, sizeof *bad);
        for (size_t j = 0; j < doc->checks[i].nclaims; j++)
            bad[doc->checks[i].claims[j]] = true;
    }
    return bad;
}

/* After the stated figure of a relation that does not add up, beside it:
 * the computation in words. */
static void put_check_notes(struct buf *b, const struct doc *doc, size_t claim)
{
    for (size_t i = 0; i < doc->nchecks; i++) {
        const struct check *k = &doc->checks[i];
        if (k->consistent || k->claims[0] != claim)
            continue;
        buf_puts(b, "<span class=\"chk\" role=\"note\" lang=\"zh\">");
        put_check_words(b, k);
        buf_puts(b, "</span>");
    }
}

/* doc's text with its claims marked, as the section's (or a block's part of it). */
static void put_section_text(struct render *r, const struct doc *doc)
{
    struct buf *b = r->out;
    int32_t pos = 0, len = doc->len;
    bool *bad = bad_claims(doc);
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        /* sorted and apart, as extract makes them; clamped all the same */
        int32_t s = c->start < pos ? pos : c->start > len ? len : c->start;
        int32_t e = c->end < s ? s : c->end > len ? len : c->end;
        put_text(r, doc->text + pos, s - pos, doc->markup);
        flush_breaks(r, doc->markup);
        open_mark(r, i, c, bad && bad[i]);
        put_text(r, doc->text + s, e - s, doc->markup);
        buf_puts(b, "</mark>");
        if (bad && bad[i])
            put_check_notes(b, doc, i);
        pos = e;
        if (b->len >= FLUSH_AT)
            flush(r);
    }
    put_text(r, doc->text + pos, len - pos, doc->markup);
    free(bad);
}

static void put_section(struct render *r, const struct doc *doc)
{
    if (!put_section_head(r, doc, doc->text && doc->len > 0))
        return;
    struct buf *b = r->out;
    if (!doc->text || doc->len <= 0) {
        /* claims without text to place them in: their quotes alone */
        for (size_t i = 0; i < doc->nclaims; i++) {
            open_mark(r, i, &doc->claims[i], false);
            put_html(b, doc->claims[i].quote);
            buf_puts(b, "</mark> ");
        }
    } else {
        put_section_text(r, doc);
    }
    buf_puts(b, "</div>\n</section>\n");
}

/* ------------------------------------------------------------ the site */

/* The site's folder (report/): the shared style sheet and scripts, and a
 * page of each document under d/, named by a hash of the document's name
 * (so that a document's page is the same whatever else the run read, and
 * the shards of a run can be merged by copying their pages). */
static const char SITE_DIR[] = "report";

/* name's page: 16 hex digits of its 64-bit FNV-1a hash. */
static void page_key(const char *name, char key[17])
{
    uint64_t x = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)name; p && *p; p++)
        x = (x ^ *p) * 1099511628211u;
    for (int i = 15; i >= 0; i--, x >>= 4)
        key[i] = "0123456789abcdef"[x & 15];
    key[16] = '\0';
}

/* The page of doc, created afresh in site/d/ (its key in key; a name whose
 * hash another document took gets -2, -3 …). NULL (err set) on failure. */
static FILE *open_doc_page(struct emit_html *h, const struct doc *doc, char key[32], struct pl_error *err)
{
    char base[17];
    page_key(doc->name, base);
    for (unsigned n = 1; n < 1000; n++) {
        if (n == 1)
            snprintf(key, 32, "%s", base);
        else
            snprintf(key, 32, "%s-%u", base, n);
        char *path = xasprintf("%s/d/%s.html", h->site, key);
        FILE *f = fopen(path, "wx");
        int e = errno;
        free(path);
        if (f)
            return f;
        if (e != EEXIST) {
            pl_error_set(err, doc->name, 0, 0, "cannot create its page in the site: %s", strerror(e));
            return NULL;
        }
    }
    pl_error_set(err, doc->name, 0, 0, "cannot create its page in the site: %s", strerror(EEXIST));
    return NULL;
}

static void put_csp(FILE *f)
{
    /* the page's own files alone ('self': the site's folder on disk) */
    fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'self'; script-src 'self'; img-src data:\">\n"
          "<link rel=\"icon\" href=\"data:,\">\n",
          f);
}

/* A document's page up to its section: nothing in it depends on the
 * others. */
static void put_doc_head(FILE *f, const struct doc *doc)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
          f);
    put_csp(f);
    fputs("<title>", f);
    put_html_file(f, doc->name);
    fputs(" · Claims audit</title>\n<link rel=\"stylesheet\" href=\"../report.css\">\n</head>\n"
          "<body class=\"doc-page\">\n"
          "<div id=\"loading\" class=\"loading\" role=\"status\">Loading the document…</div>\n"
          "<header class=\"top\"><a class=\"back\" href=\"../../report.html\">‹ All documents</a>"
          "<h1>Claims audit</h1>"
          "<p>Click a highlight for its fields and your verdict, a row to find it in the text, "
          "a column's name to sort by it.</p></header>\n"
          "<main class=\"split\">\n<div id=\"docs\">\n",
          f);
    /* the names of the members of each claim's array in the claims' data */
    fputs("<script type=\"application/json\" id=\"claim-fields\">[", f);
    for (size_t i = 0; EMIT_PAGE_CLAIM_FIELDS[i]; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", EMIT_PAGE_CLAIM_FIELDS[i]);
    fputs("]</script>\n", f);
}

/* The claims' array of a document: read by the page's script. */
static const char CLAIMS_OPEN[] = "<script type=\"application/json\" id=\"claims-data\">[\n";
static const char CLAIMS_CLOSE[] = "\n]</script>\n";

/* After the section and the claims' data: the table (drawn by the
 * script), the panel and the scripts. */
static void put_doc_tail(FILE *f)
{
    fputs("</div>\n<aside id=\"claims\" aria-label=\"Claims\">\n"
          "<div id=\"panel\" role=\"dialog\" aria-label=\"Claim\" hidden></div>\n"
          "<div class=\"filters\" id=\"filters\"></div>\n"
          "<div class=\"table-wrap\" id=\"table-wrap\"></div>\n"
          "<noscript><p class=\"no-text\">The table of claims needs JavaScript.</p></noscript>\n"
          "</aside>\n</main>\n"
          "<script src=\"../common.js\"></script>\n<script src=\"../report.js\"></script>\n"
          "</body>\n</html>\n",
          f);
}

/* A rendered row with its holes filled: the document's index is doc, its
 * first claim's is first_claim (on a document's own page: 0 and 0). */
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

static void put_claims_data(FILE *f, const struct doc_rows *rows)
{
    fputs(CLAIMS_OPEN, f);
    put_part(f, rows, ROWS_PAGE_CLAIMS, 0, 0);
    fputs(CLAIMS_CLOSE, f);
}

/* The index's row of a document: [name, page, status, claims, bytes,
 * error, reviewed by the run] as JSON in the page's form. */
static void put_index_row(struct emit_html *h, const struct emit_html_entry *e, const char *key)
{
    struct buf b = {0};
    buf_puts(&b, h->ndocs ? ",\n[" : "\n[");
    emit_json_page_string(&b, e->name);
    buf_printf(&b, ",\"%s\",", key);
    emit_json_page_string(&b, e->status);
    buf_printf(&b, ",%zu,%zu,", e->nclaims, e->nbytes);
    emit_json_page_string(&b, e->error ? e->error : "");
    buf_printf(&b, ",%zu]", e->nreviewed);
    fwrite(b.data, 1, b.len, h->docs);
    buf_free(&b);
}

/* The reviews the run applied to claims[0..n) of the document of page
 * key, for the page's export: [claim, page, verdict, corrected, note,
 * line, quote, value] (line 0, quote and value "" where not known), so
 * that the next run can find a claim whose id changed. How many. */
static size_t put_reviews(struct emit_html *h, const struct claim *claims, size_t n, const char *key)
{
    struct buf b = {0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const struct review *rv = claims[i].review;
        if (!rv)
            continue;
        buf_puts(&b, h->nreviewed + k ? ",\n[" : "\n[");
        emit_json_page_string(&b, claims[i].id);
        buf_printf(&b, ",\"%s\",", key);
        emit_json_page_string(&b, rv->verdict);
        buf_putc(&b, ',');
        emit_json_page_string(&b, rv->corrected_value);
        buf_putc(&b, ',');
        emit_json_page_string(&b, rv->note);
        char value[DECIMAL_TEXT_MAX] = "";
        if (claims[i].quote)
            decimal_format(claims[i].value, value, sizeof value);
        buf_printf(&b, ",%d,", claims[i].line);
        emit_json_page_string(&b, claims[i].quote);
        buf_putc(&b, ',');
        emit_json_page_string(&b, value);
        buf_putc(&b, ']');
        k++;
    }
    if (b.len)
        fwrite(b.data, 1, b.len, h->reviewed);
    buf_free(&b);
    h->nreviewed += k;
    return k;
}

static const char *const STATUS[] = {"ok", "partial", "failed", "skipped"};

/* A document added: counted, its row in the index. */
static void count_entry(struct emit_html *h, const struct emit_html_entry *e, const char *key)
{
    put_index_row(h, e, key);
    h->nclaims += e->nclaims;
    int st = 0;
    while (st < 3 && strcmp(STATUS[st], e->status))
        st++;
    h->nproblems += st != DOC_OK;
    h->status[st]++;
    h->ndocs++;
}

static void count_doc(struct emit_html *h, const struct doc *doc, const char *key, size_t nclaims, size_t nreviewed)
{
    struct emit_html_entry e = {doc->name, emit_status(doc), doc->error, nclaims, doc->nbytes, nreviewed};
    count_entry(h, &e, key);
}

/* Close the document's page of key; false (err set) if a write failed. */
static bool close_doc_page(const struct emit_html *h, FILE *f, const char *key, bool ok, struct pl_error *err)
{
    int e = ferror(f) ? errno : 0;
    ok = !e && ok;
    if (fclose(f) != 0) {
        e = e ? e : errno;
        ok = false;
    }
    if (!ok) {
        char *path = xasprintf("%s/d/%s.html", h->site, key);
        pl_error_set(err, path, 0, 0, "cannot write: %s", strerror(e ? e : EIO));
        free(path);
    }
    return ok;
}

/* ------------------------------------------------------------ interface */

struct emit_html *emit_html_begin(FILE *index, const char *site, struct pl_error *err)
{
    struct emit_html *h = xcalloc(1, sizeof *h);
    h->index = index;
    h->site = xstrdup(site);
    if (!outfile_scratch(&h->docs_file, err) || !outfile_scratch(&h->reviewed_file, err)) {
        emit_html_free(h);
        return NULL;
    }
    h->docs = h->docs_file.f;
    h->reviewed = h->reviewed_file.f;
    char *d = xasprintf("%s/d", site);
    bool ok = mkdir(d, 0777) == 0;
    if (!ok)
        pl_error_set(err, d, 0, 0, "cannot create the site's folder of pages: %s", strerror(errno));
    free(d);
    /* the style sheet and scripts every page shares */
    for (const struct page_asset *a = PAGE_ASSETS; ok && a->name; a++) {
        char *path = xasprintf("%s/%s", site, a->name);
        FILE *f = fopen(path, "wx");
        ok = f && fwrite(a->data, 1, a->len, f) == a->len;
        ok = f && fclose(f) == 0 && ok;
        if (!ok)
            pl_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno ? errno : EIO));
        free(path);
    }
    if (!ok) {
        emit_html_free(h);
        return NULL;
    }
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
    rows->page = true;
}

/* A large document's part, rendered and written out as it goes. */
static void render_out(FILE *f, const struct doc *doc)
{
    struct doc_rows rows = {0};
    struct render r = {.rows = &rows, .sink = f};
    put_section(&r, doc);
    flush(&r);
    fputs(CLAIMS_OPEN, f);
    put_claims_json(&r, doc);
    flush(&r);
    fputs(CLAIMS_CLOSE, f);
    for (int k = 0; k < NROWS; k++)
        buf_free(&rows.text[k]);
}

bool emit_html_add(struct emit_html *h, const struct doc *doc, struct pl_error *err)
{
    char key[32];
    FILE *f = open_doc_page(h, doc, key, err);
    if (!f)
        return false;
    put_doc_head(f, doc);
    const struct doc_rows *rows = doc->rows;
    if (!rows->page) {
        render_out(f, doc);
    } else {
        put_part(f, rows, ROWS_PAGE_SECTION, 0, 0);
        put_claims_data(f, rows);
    }
    put_doc_tail(f);
    for (size_t i = 0; i < doc->nclaims; i++)
        count_kind(h, doc->claims[i].kind);
    size_t reviewed = put_reviews(h, doc->claims, doc->nclaims, key);
    count_doc(h, doc, key, doc->nclaims, reviewed);
    if (!close_doc_page(h, f, key, true, err))
        return false;
    return outfile_scratch_check(&h->docs_file, "report.html", err) &&
           outfile_scratch_check(&h->reviewed_file, "report.html", err);
}

struct emit_html_stream {
    struct emit_html *h;
    struct doc_rows rows;
    struct render r;
    FILE *text, *claims; /* scratch: the section's text, the claims' array */
    struct outfile text_file, claims_file; /* … their files */
    size_t nclaims, nreviewed;
    bool has_text;
};

struct emit_html_stream *emit_html_stream_begin(struct emit_html *h, struct pl_error *err)
{
    struct emit_html_stream *s = xcalloc(1, sizeof *s);
    s->h = h;
    if (!outfile_scratch(&s->text_file, err) || !outfile_scratch(&s->claims_file, err)) {
        outfile_discard(&s->text_file);
        free(s);
        return NULL;
    }
    s->text = s->text_file.f;
    s->claims = s->claims_file.f;
    s->r.rows = &s->rows;
    return s;
}

void emit_html_stream_part(struct emit_html_stream *s, const struct doc *part)
{
    struct render *r = &s->r;
    r->first_claim = s->nclaims;
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
    /* the document's page key is known from its name: the part's */
    char key[17];
    page_key(part->name, key);
    s->nreviewed += put_reviews(s->h, part->claims, part->nclaims, key);
    s->nclaims += part->nclaims;
    s->has_text = s->has_text || part->len > 0;
}

bool emit_html_stream_end(struct emit_html_stream *s, const struct doc *doc, struct pl_error *err)
{
    struct emit_html *h = s->h;
    struct render *r = &s->r;
    char key[32];
    bool ok = outfile_scratch_check(&s->text_file, "report.html", err) &&
              outfile_scratch_check(&s->claims_file, "report.html", err);
    FILE *f = ok ? open_doc_page(h, doc, key, err) : NULL;
    int read_error = 0;
    if (f) {
        put_doc_head(f, doc);
        r->sink = f;
        if (put_section_head(r, doc, s->has_text)) {
            flush(r);
            if (!emit_copy(s->text, f))
                read_error = outfile_error(&s->text_file);
            fputs("</div>\n</section>\n", f);
        } else {
            flush(r);
        }
        fputs(CLAIMS_OPEN, f);
        if (!read_error && !emit_copy(s->claims, f))
            read_error = outfile_error(&s->claims_file);
        fputs(CLAIMS_CLOSE, f);
        put_doc_tail(f);
        count_doc(h, doc, key, s->nclaims, s->nreviewed);
        ok = close_doc_page(h, f, key, true, err);
    } else {
        ok = false;
    }
    outfile_discard(&s->text_file);
    outfile_discard(&s->claims_file);
    for (int k = 0; k < NROWS; k++)
        buf_free(&s->rows.text[k]);
    free(s);
    if (ok && read_error) {
        pl_error_set(err, NULL, 0, 0, "cannot read back the scratch files of report.html: %s", strerror(read_error));
        ok = false;
    }
    return ok && outfile_scratch_check(&h->docs_file, "report.html", err) &&
           outfile_scratch_check(&h->reviewed_file, "report.html", err);
}

void emit_html_merge_claim(struct emit_html *h, const char *doc, const char *id, const char *kind,
                           const struct review *rv)
{
    count_kind(h, kind);
    if (!rv)
        return;
    char key[17];
    page_key(doc, key);
    struct claim c = {0};
    snprintf(c.id, sizeof c.id, "%s", id);
    c.review = rv;
    put_reviews(h, &c, 1, key);
}

/* Copy the file from into to (created afresh); false on failure. */
static bool copy_file(const char *from, const char *to)
{
    if (link(from, to) == 0) /* the shard's page is never written again: shared */
        return true;
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wx") : NULL;
    bool ok = in && out;
    char chunk[65536];
    size_t n;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

bool emit_html_merge_doc(struct emit_html *h, const char *shard_site, const struct emit_html_entry *e,
                         struct pl_error *err)
{
    char key[17];
    page_key(e->name, key);
    char *from = xasprintf("%s/d/%s.html", shard_site, key);
    char *to = xasprintf("%s/d/%s.html", h->site, key);
    bool ok = copy_file(from, to);
    if (!ok)
        pl_error_set(err, from, 0, 0, "cannot copy the page of %s into the merged site: %s", e->name,
                     strerror(errno ? errno : EIO));
    free(from);
    free(to);
    if (ok)
        count_entry(h, e, key);
    return ok;
}

static void put_kind_chip(FILE *f, const char *kind, size_t n)
{
    fprintf(f, "<span class=\"chip k-%s\" data-kind=\"", class_name(kind));
    put_html_file(f, kind);
    fputs("\"><span class=\"swatch\"></span>", f);
    put_html_file(f, kind[0] ? kind : "(none)");
    fprintf(f, " <b>%zu</b></span>\n", n);
}

/* Documents by status, claims by kind, how many were not read in full,
 * the reviews. */
static void put_summary(struct emit_html *h, FILE *f)
{
    fputs("<section id=\"summary\" aria-label=\"Summary\">\n", f);
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
    if (h->nproblems)
        fprintf(f, "<div class=\"big\">%zu</div>\n<button type=\"button\" class=\"link\" id=\"show-problems\">"
                   "list them and why</button>\n",
                h->nproblems);
    else
        fputs("<p class=\"none\">None: every document was read in full.</p>", f);
    fputs("</div>\n<div class=\"stat reviews\"><h3>Reviews</h3><div class=\"big\" id=\"reviewed\"></div>\n"
          "<div id=\"review-counts\"></div>\n"
          "<button type=\"button\" id=\"export\">Export reviews (CSV)</button></div>\n"
          "</section>\n",
          f);
}

void emit_html_orphans(struct emit_html *h, const struct reviews *r)
{
    h->orphans = r;
}

/* The reviews no claim took, listed where the reviewer sees them first. */
static void put_orphans(struct emit_html *h, FILE *f)
{
    size_t i = 0, n = reviews_orphans(h->orphans);
    const struct review *rv = reviews_orphan_at(h->orphans, &i);
    if (!rv)
        return;
    fprintf(f, "<section id=\"orphans\" class=\"orphans\" aria-label=\"Orphaned reviews\">\n<h2>%zu %s no claim "
               "took</h2>\n<p>Their claim is gone from this run's text, and no claim of their document has their "
               "quote and value; they are kept in <code>orphaned_reviews.csv</code>.</p>\n<div class=\"orphans-wrap\">"
               "<table><thead><tr><th>Document</th><th>Quote</th><th>Value</th><th>Verdict</th>"
               "<th>Corrected value</th><th>Note</th><th>Claim id</th><th>Line of the reviews file</th></tr>"
               "</thead>\n<tbody>\n",
            n, n == 1 ? "review" : "reviews");
    struct buf b = {0};
    for (; rv; rv = reviews_orphan_at(h->orphans, &i)) {
        b.len = 0;
        const char *cells[] = {rv->doc, rv->quote, rv->value, rv->verdict, rv->corrected_value, rv->note,
                               rv->claim_id};
        buf_puts(&b, "<tr>");
        for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
            buf_puts(&b, "<td>");
            put_html(&b, cells[k]);
            buf_puts(&b, "</td>");
        }
        buf_printf(&b, "<td>%d</td></tr>\n", rv->line);
        fwrite(b.data, 1, b.len, f);
    }
    buf_free(&b);
    fputs("</tbody></table></div>\n</section>\n", f);
}

bool emit_html_finish(struct emit_html *h, struct pl_error *err)
{
    FILE *f = h->index;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
          f);
    put_csp(f);
    fprintf(f, "<title>Claims audit: %zu %s, %zu %s</title>\n", h->ndocs, plural(h->ndocs, "document", "documents"),
            h->nclaims, plural(h->nclaims, "claim", "claims"));
    fprintf(f, "<link rel=\"stylesheet\" href=\"%s/report.css\">\n</head>\n<body class=\"index-page\">\n"
               "<div id=\"loading\" class=\"loading\" role=\"status\">Loading the list of documents…</div>\n"
               "<header class=\"top\"><h1>Claims audit</h1><p>Every figure the pipeline found, document by "
               "document. Open a document to see its claims in its text and give your verdicts; export "
               "them here for the next run (<code>--reviews</code>).</p></header>\n",
            SITE_DIR);
    put_summary(h, f);
    put_orphans(h, f);
    fputs("<main class=\"index\">\n<div class=\"filters\" id=\"filters\"></div>\n"
          "<div class=\"table-wrap\" id=\"table-wrap\"></div>\n"
          "<noscript><p class=\"no-text\">The list of documents needs JavaScript.</p></noscript>\n</main>\n"
          "<script type=\"application/json\" id=\"docs-data\">[",
          f);
    if (!outfile_scratch_check(&h->docs_file, "report.html", err) ||
        !outfile_scratch_check(&h->reviewed_file, "report.html", err))
        return false;
    int read_error = emit_copy(h->docs, f) ? 0 : outfile_error(&h->docs_file);
    fputs("\n]</script>\n<script type=\"application/json\" id=\"reviews-data\">[", f);
    if (!read_error && !emit_copy(h->reviewed, f))
        read_error = outfile_error(&h->reviewed_file);
    fprintf(f, "\n]</script>\n<script src=\"%s/common.js\"></script>\n<script src=\"%s/index.js\"></script>\n"
               "</body>\n</html>\n",
            SITE_DIR, SITE_DIR);
    if (read_error) {
        pl_error_set(err, NULL, 0, 0, "cannot read back the scratch files of report.html: %s", strerror(read_error));
        return false;
    }
    return true;
}

void emit_html_free(struct emit_html *h)
{
    if (!h)
        return;
    outfile_discard(&h->docs_file);
    outfile_discard(&h->reviewed_file);
    for (size_t i = 0; i < h->nkinds; i++)
        free(h->kinds[i].kind);
    free(h->kinds);
    free(h->site);
    free(h);
}
