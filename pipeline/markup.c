/* markup: libxml2 parses; this file chooses what to read and finds every
 * character of it again in the source (align_node), so that offsets stay
 * offsets into the file the user gave. */
#include "markup.h"

#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "decode.h"
#include "srcmap.h"
#include "tables.h"
#include "xalloc.h"

/* The page source: the decoded text of the whole file, with the byte
 * offset of each unit (offsets[len] = end of file). */
struct source {
    const UChar *s;
    const int32_t *off;
    int32_t len;
    int32_t cursor;          /* text nodes are found in order: never before this */
    int32_t limit;           /* … and begin before this (a feed's item ends before it) */
    int32_t first;           /* where the first text found begins, else -1 */
};

/* The text being built. */
struct out {
    UChar *text;
    int32_t *offsets, *ends;
    int32_t len, cap;
    bool pending_space;
    bool space_newline;      /* the pending white space holds a line break */
    bool space_nbsp_only;    /* … or is all &nbsp; */
    int32_t space_start, space_end;
};

struct walk {
    const struct markup_rule *rule;
    struct source *src;
    struct out *out;
    struct table_builder *tables;  /* the page's tables, or NULL (a feed's items) */
    int32_t caption_start;
};

/* ------------------------------------------------------------ output */

static void out_unit(struct out *o, UChar u, int32_t start, int32_t end)
{
    if (o->len + 2 > o->cap) {
        o->cap = o->cap ? o->cap * 2 : 1024;
        o->text = xrealloc(o->text, (size_t)o->cap * sizeof *o->text);
        o->offsets = xrealloc(o->offsets, (size_t)o->cap * sizeof *o->offsets);
        o->ends = xrealloc(o->ends, (size_t)o->cap * sizeof *o->ends);
    }
    o->text[o->len] = u;
    o->offsets[o->len] = start;
    o->ends[o->len++] = end;
}

static bool is_space(UChar32 c)
{
    return u_isUWhiteSpace(c) || c == 0xA0 || c == 0x3000;
}

static bool is_latin_alnum(UChar32 c)
{
    return c < 0x80 && (u_isalnum(c) || c == '%');
}

/* A paragraph break (never two in a row, never first). */
static void out_break(struct out *o)
{
    o->pending_space = false;
    if (o->len > 0 && o->text[o->len - 1] != '\n') {
        int32_t at = o->ends[o->len - 1];
        out_unit(o, '\n', at, at);
    }
}

/* One character of text at bytes [start, end). A run of white space is
 * one space, as a browser shows it; but a run that wraps a source line or
 * is only &nbsp; joins Chinese text without one (约&nbsp;300公里 is
 * 约300公里), as between Latin letters and digits it stays a space (one
 * no-break space where it was only &nbsp;: 3&nbsp;000). */
static void out_char(struct out *o, UChar32 c, int32_t start, int32_t end)
{
    if (is_space(c)) {
        if (!o->pending_space) {
            o->space_start = start;
            o->space_end = end;
            o->space_newline = false;
            o->space_nbsp_only = true;
        }
        o->space_newline = o->space_newline || c == '\n' || c == '\r';
        o->space_nbsp_only = o->space_nbsp_only && c == 0xA0;
        o->pending_space = true;
        return;
    }
    if (o->pending_space && o->len > 0 && o->text[o->len - 1] != '\n') {
        UChar32 last = o->text[o->len - 1];
        bool latin = is_latin_alnum(last) && is_latin_alnum(c);
        /* &nbsp; between digits stays no-break: 3&nbsp;000 is one figure */
        if (latin || !(o->space_newline || o->space_nbsp_only))
            out_unit(o, latin && o->space_nbsp_only ? 0xA0 : ' ', o->space_start, o->space_end);
    }
    o->pending_space = false;
    if (U_IS_BMP(c)) {
        out_unit(o, (UChar)c, start, end);
    } else {
        out_unit(o, U16_LEAD(c), start, end);
        out_unit(o, U16_TRAIL(c), start, end);
    }
}

/* ------------------------------------------------------------ alignment */

/* The character an entity at s[p] ('&') stands for, and its length. The
 * name begins at s[name]: p + 1, or after an escaped "&amp;" in the source
 * of an RSS description, whose HTML was escaped once more. */
static bool entity_named(const struct source *src, int32_t p, int32_t name, UChar32 *c, int32_t *len)
{
    const UChar *s = src->s;
    int32_t q = name, limit = name + 40 < src->len ? name + 40 : src->len;
    while (q < limit && s[q] != ';' && s[q] != '&' && s[q] != '<' && !is_space(s[q]))
        q++;
    if (q >= limit || s[q] != ';' || q == name)
        return false;
    char text[48];
    int32_t n = 0;
    for (int32_t i = name; i < q; i++) {
        if (s[i] > 0x7F)
            return false;
        text[n++] = (char)s[i];
    }
    text[n] = '\0';
    long v = -1;
    if (text[0] == '#') {
        char *end;
        v = text[1] == 'x' || text[1] == 'X' ? strtol(text + 2, &end, 16) : strtol(text + 1, &end, 10);
        if (*end || end == text + 1 || v <= 0 || v > 0x10FFFF)
            return false;
    } else {
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)text);
        if (!e)
            return false;
        v = (long)e->value;
    }
    *c = (UChar32)v;
    *len = q + 1 - p;
    return true;
}

static bool entity_at(const struct source *src, int32_t p, UChar32 *c, int32_t *len)
{
    if (!entity_named(src, p, p + 1, c, len))
        return false;
    /* &amp;nbsp; is &nbsp; escaped again */
    UChar32 inner;
    int32_t k;
    if (*c == '&' && entity_named(src, p, p + *len, &inner, &k)) {
        *c = inner;
        *len = k;
    }
    return true;
}

/* Match the code points t[0..n) at source position p; span[i] gets the
 * source range of t[i]. Returns the end of the match, or -1. */
static int32_t match_at(const struct source *src, int32_t p, const UChar32 *t, int32_t n,
                        int32_t (*span)[2])
{
    const UChar *s = src->s;
    for (int32_t i = 0; i < n; i++) {
        if (p >= src->len || s[p] == '<')
            return -1;
        UChar32 c;
        int32_t k;
        if (s[p] == '&' && entity_at(src, p, &c, &k) && c == t[i]) {
            /* an entity */
        } else if (s[p] == '&' && t[i] == '&' && entity_named(src, p, p + 1, &c, &k) && c == '&') {
            /* &amp; that does not begin an escaped entity */
        } else if (t[i] == '\n' && s[p] == '\r') {
            k = p + 1 < src->len && s[p + 1] == '\n' ? 2 : 1;
        } else {
            int32_t q = p;
            U16_NEXT(s, q, src->len, c);
            if (c != t[i])
                return -1;
            k = q - p;
        }
        span[i][0] = p;
        span[i][1] = p + k;
        p += k;
    }
    return p;
}

/* Skip markup at s[p] ('<'): a comment, a tag or a declaration. CDATA's
 * opening is skipped alone: what it holds is text. */
static int32_t skip_markup(const struct source *src, int32_t p)
{
    const UChar *s = src->s;
    static const UChar comment[] = {'<', '!', '-', '-'}, cdata[] = {'<', '!', '[', 'C', 'D', 'A', 'T', 'A', '['};
    if (p + 4 <= src->len && !memcmp(s + p, comment, sizeof comment)) {
        for (int32_t q = p + 4; q + 3 <= src->len; q++)
            if (s[q] == '-' && s[q + 1] == '-' && s[q + 2] == '>')
                return q + 3;
        return src->len;
    }
    if (p + 9 <= src->len && !memcmp(s + p, cdata, sizeof cdata))
        return p + 9;
    for (int32_t q = p + 1; q < src->len; q++)
        if (s[q] == '>')
            return q + 1;
    return src->len;
}

/* Find the text t (UTF-8, as libxml2 gives it) in the source from the
 * cursor on, and append it to the output with its byte spans. Text that
 * cannot be found (markup libxml2 had to repair) is left out. */
static void align_text(struct walk *w, const xmlChar *utf8)
{
    struct source *src = w->src;
    int32_t len = 0;
    UErrorCode status = U_ZERO_ERROR;
    const char *text = (const char *)utf8;
    u_strFromUTF8(NULL, 0, &len, text, -1, &status);
    if (len == 0)
        return;
    UChar *u = xmalloc(((size_t)len + 1) * sizeof *u);
    status = U_ZERO_ERROR;
    u_strFromUTF8(u, len + 1, &len, text, -1, &status);
    UChar32 *t = xmalloc(((size_t)len + 1) * sizeof *t);
    int32_t n = 0;
    bool all_space = true;
    for (int32_t i = 0; i < len;) {
        U16_NEXT(u, i, len, t[n]);
        all_space = all_space && is_space(t[n]);
        n++;
    }
    free(u);
    if (all_space) {
        free(t);
        return;
    }
    int32_t (*span)[2] = xmalloc((size_t)n * sizeof *span);
    for (int32_t p = src->cursor; p < src->limit;) {
        if (src->s[p] == '<') {
            p = skip_markup(src, p);
            continue;
        }
        int32_t end = match_at(src, p, t, n, span);
        if (end >= 0) {
            for (int32_t i = 0; i < n; i++)
                out_char(w->out, t[i], src->off[span[i][0]], src->off[span[i][1]]);
            if (src->first < 0)
                src->first = p;
            src->cursor = end;
            break;
        }
        p++;
    }
    free(span);
    free(t);
}

/* ------------------------------------------------------------ the tree */

static const char *attr(const xmlNode *n, const char *name, char *buf, size_t size)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    snprintf(buf, size, "%s", (const char *)v);
    xmlFree(v);
    return buf;
}

static bool is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

/* Is the element left out, with all it holds? */
static bool skipped(const struct markup_rule *rule, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    char lower[64];
    snprintf(lower, sizeof lower, "%s", (const char *)n->name);
    for (char *c = lower; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    if (name_list_has(&rule->skip, lower))
        return true;
    /* a table's rows and groups of rows are no page chrome, whatever their
     * class says (<tr class="header"> is its header row); its cells may be
     * (<td class="share-bar">) */
    if (is_element(n, "tr") || is_element(n, "th") || is_element(n, "thead") || is_element(n, "tbody") ||
        is_element(n, "tfoot"))
        return false;
    char buf[512];
    const char *attrs[] = {"class", "id"};
    for (size_t a = 0; a < 2; a++) {
        const char *v = attr(n, attrs[a], buf, sizeof buf);
        if (!v)
            continue;
        for (char *c = buf; *c; c++)
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        for (size_t i = 0; i < rule->boilerplate.n; i++)
            if (strstr(buf, rule->boilerplate.names[i]))
                return true;
    }
    return false;
}

static bool is_block(const struct markup_rule *rule, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    char lower[64];
    snprintf(lower, sizeof lower, "%s", (const char *)n->name);
    for (char *c = lower; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    return name_list_has(&rule->blocks, lower);
}

/* Visit root's subtree in document order without recursion (pages can
 * nest deeper than a stack should): enter decides whether to go into a
 * node's children; leave is called after them. Entity references are
 * never entered: their expansion is what billion-laughs files abuse. */
static void visit(xmlNode *root, bool (*enter)(void *, xmlNode *), void (*leave)(void *, xmlNode *),
                  void *ctx)
{
    xmlNode *n = root;
    for (;;) {
        bool into = n->type != XML_ENTITY_REF_NODE && n->type != XML_ENTITY_DECL &&
                    n->type != XML_DTD_NODE && enter(ctx, n);
        if (into && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (into || n->type == XML_ELEMENT_NODE)
                leave(ctx, n);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            into = true;
        }
    }
}

/* ------------------------------------------------------------ tables */

/* A table's elements tell the builder where its rows and cells are in the
 * text being laid out (every cell is a block, so its text stands apart). */
static int span_attr(const xmlNode *n, const char *name)
{
    char buf[32];
    return attr(n, name, buf, sizeof buf) ? atoi(buf) : 1;
}

static void table_enter(struct walk *w, xmlNode *n)
{
    if (!w->tables || n->type != XML_ELEMENT_NODE)
        return;
    int32_t at = w->out->len;
    if (is_element(n, "table"))
        tables_begin(w->tables, at);
    else if (!tables_open(w->tables))
        return;
    else if (is_element(n, "tr"))
        tables_row(w->tables);
    else if (is_element(n, "td") || is_element(n, "th"))
        tables_cell_begin(w->tables, at, span_attr(n, "rowspan"), span_attr(n, "colspan"), is_element(n, "th"));
    else if (is_element(n, "caption"))
        w->caption_start = at;
}

static void table_leave(struct walk *w, xmlNode *n)
{
    if (!w->tables || n->type != XML_ELEMENT_NODE)
        return;
    int32_t at = w->out->len;
    if (is_element(n, "table"))
        tables_end(w->tables, at, w->out->text);
    else if (!tables_open(w->tables))
        return;
    else if (is_element(n, "td") || is_element(n, "th"))
        tables_cell_end(w->tables, at);
    else if (is_element(n, "caption"))
        tables_caption(w->tables, w->caption_start, at);
}

static bool enter_text(void *ctx, xmlNode *n)
{
    struct walk *w = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            align_text(w, n->content);
        return false;
    }
    if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE)
        return false;
    if (skipped(w->rule, n))
        return false;
    if (is_block(w->rule, n))
        out_break(w->out);
    table_enter(w, n);
    return true;
}

static void leave_text(void *ctx, xmlNode *n)
{
    struct walk *w = ctx;
    if (skipped(w->rule, n))
        return;
    table_leave(w, n);
    if (is_block(w->rule, n))
        out_break(w->out);
}

/* Text length under n, of what would be read. */
struct measure {
    const struct markup_rule *rule;
    long chars;
};

static bool enter_measure(void *ctx, xmlNode *n)
{
    struct measure *m = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        m->chars += n->content ? xmlUTF8Strlen(n->content) : 0;
        return false;
    }
    return n->type == XML_ELEMENT_NODE && !skipped(m->rule, n);
}

static void leave_none(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

static long text_length(const struct markup_rule *rule, xmlNode *n)
{
    struct measure m = {rule, 0};
    visit(n, enter_measure, leave_none, &m);
    return m.chars;
}

/* The article: the largest content element (article, main), else the
 * element whose paragraphs hold the most text, else the whole page. */
struct choose {
    const struct markup_rule *rule;
    xmlNode *best_content, *best_parent;
    long content_chars, parent_chars;
};

static bool enter_choose(void *ctx, xmlNode *n)
{
    struct choose *c = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
    if (skipped(c->rule, n))
        return false;
    char lower[64];
    snprintf(lower, sizeof lower, "%s", (const char *)n->name);
    for (char *s = lower; *s; s++)
        *s = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
    if (name_list_has(&c->rule->content, lower)) {
        long chars = text_length(c->rule, n);
        if (chars > c->content_chars) {
            c->content_chars = chars;
            c->best_content = n;
        }
    }
    if (!strcmp(lower, "p") && n->parent) {
        /* a paragraph scores for its parent; the sum lives in _private */
        long chars = text_length(c->rule, n);
        intptr_t score = (intptr_t)n->parent->_private + chars;
        n->parent->_private = (void *)score;
        if (score > c->parent_chars) {
            c->parent_chars = score;
            c->best_parent = n->parent;
        }
        return false;
    }
    return true;
}

static xmlNode *find_element(xmlNode *root, const char *name)
{
    xmlNode *n = root;
    while (n) {
        if (is_element(n, name))
            return n;
        if (n->children && n->type != XML_ENTITY_REF_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent;
        if (!n || n == root)
            return NULL;
        n = n->next;
    }
    return NULL;
}

static char *text_of(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    char *s = xstrdup((const char *)c);
    xmlFree(c);
    /* metadata is one line */
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return s;
}

/* title, date and url from <title>, <meta> and <link rel=canonical>. */
static void page_metadata(struct doc *doc, xmlNode *root)
{
    char buf[1024], content[1024];
    for (xmlNode *n = root; n;) {
        if (is_element(n, "meta") && attr(n, "content", content, sizeof content)) {
            const char *key = attr(n, "property", buf, sizeof buf);
            if (!key)
                key = attr(n, "name", buf, sizeof buf);
            if (key && !strcasecmp(key, "og:title") && !doc->title)
                doc->title = xstrdup(content);
            else if (key && (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "pubdate") ||
                             !strcasecmp(key, "publishdate") || !strcasecmp(key, "date")) &&
                     !doc->date)
                doc->date = xstrdup(content);
            else if (key && !strcasecmp(key, "og:url") && !doc->url)
                doc->url = xstrdup(content);
        } else if (is_element(n, "link") && attr(n, "rel", buf, sizeof buf) && !strcasecmp(buf, "canonical") &&
                   attr(n, "href", content, sizeof content)) {
            free(doc->url);
            doc->url = xstrdup(content);
        }
        if (n->children && n->type != XML_ENTITY_REF_NODE && !is_element(n, "body")) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent;
        if (n)
            n = n->next;
    }
    if (!doc->title) {
        xmlNode *t = find_element(root, "title");
        if (t)
            doc->title = text_of(t);
    }
}

/* The page source as UTF-8 for libxml2 (it was decoded already). */
static char *source_utf8(const struct doc *doc, int32_t *n)
{
    UErrorCode status = U_ZERO_ERROR;
    *n = 0;
    u_strToUTF8(NULL, 0, n, doc->text, doc->len, &status);
    char *buf = xmalloc((size_t)*n + 1);
    status = U_ZERO_ERROR;
    u_strToUTF8(buf, *n + 1, n, doc->text, doc->len, &status);
    return buf;
}

static void install(struct doc *doc, struct out *o)
{
    out_unit(o, 0, 0, 0); /* room for the terminator */
    o->len--;
    free(doc->text);
    free(doc->offsets);
    free(doc->ends);
    doc->text = o->text;
    doc->offsets = o->offsets;
    doc->ends = o->ends;
    doc->len = o->len;
    /* offsets[len] and ends[len]: where the text ends */
    int32_t end = o->len ? o->ends[o->len - 1] : 0;
    doc->offsets[o->len] = end;
    doc->ends[o->len] = end;
    doc->text[o->len] = 0;
    doc->markup = true;
}

/* XML_PARSE_HUGE (which htmlCtxtUseOptions takes too) lifts libxml2's limits on depth (256 → 2048) and on one
 * text node (10 MB); HTML declares no entities, so it opens no entity
 * bomb. XML feeds are parsed without it. */
static const int HTML_OPTIONS = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

/* The parser's error that stopped it early (nesting too deep, an entity
 * loop), as "NAME:LINE: text"; NULL when it read the whole input. */
static char *stopped_early(xmlParserCtxtPtr ctxt, const char *name)
{
    const xmlError *e = &ctxt->lastError;
    if (e->level != XML_ERR_FATAL)
        return NULL;
    char text[256];
    snprintf(text, sizeof text, "%s", e->message ? e->message : "unreadable");
    text[strcspn(text, "\n")] = '\0';
    return xasprintf("%s:%d: %s", name, e->line, text);
}

/* libxml2 asks its loader for every outside resource (a DTD, an external
 * entity), and its default one would open a file or a URL: ours loads
 * nothing, whatever the options say. Set once, for every thread. */
static xmlParserInputPtr load_nothing(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void set_loader(void)
{
    xmlSetExternalEntityLoader(load_nothing);
}

static void never_load(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, set_loader);
}

void markup_init(void)
{
    xmlInitParser();
}

bool markup_html(struct doc *doc, const struct markup_rule *rule)
{
    never_load();
    int32_t n;
    char *utf8 = source_utf8(doc, &n);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    htmlDocPtr page = ctxt ? htmlCtxtReadMemory(ctxt, utf8, n, doc->name, "UTF-8", HTML_OPTIONS) : NULL;
    free(utf8);
    xmlNode *root = page ? xmlDocGetRootElement(page) : NULL;
    char *early = ctxt ? stopped_early(ctxt, doc->name) : NULL;
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    if (!root) {
        char *msg = early ? xstrdup(early) : xasprintf("%s: not an HTML page libxml2 can read", doc->name);
        doc_fail(doc, msg);
        free(msg);
        free(early);
        if (page)
            xmlFreeDoc(page);
        return false;
    }
    if (early) {
        /* libxml2 gave up part way (markup nested past its limit): what it
         * read is kept, and the document says what was not */
        char *msg = xasprintf("%s; the page is read only to there", early);
        doc_partial(doc, msg);
        free(msg);
        free(early);
    }
    page_metadata(doc, root);
    struct source src = {doc->text, doc->offsets, doc->len, 0, doc->len, -1};
    struct out o = {0};
    struct walk w = {rule, &src, &o, tables_builder_new(), 0};
    xmlNode *title = find_element(root, "title");
    if (title) {
        visit(title, enter_text, leave_text, &w);
        out_break(&o);
    }
    struct choose c = {.rule = rule};
    visit((xmlNode *)page, enter_choose, leave_none, &c);
    xmlNode *article = c.best_content ? c.best_content : c.best_parent;
    if (!article)
        article = find_element(root, "body");
    visit(article ? article : root, enter_text, leave_text, &w);
    xmlFreeDoc(page);
    install(doc, &o);
    tables_builder_finish(w.tables, doc);
    return true;
}

/* ------------------------------------------------------------ feeds */

static const char *local_name(const xmlNode *n)
{
    return (const char *)n->name;
}

struct feed_walk {
    struct doc *feed;
    const struct markup_rule *rule;
    doc_fn fn;
    void *ctx;
    long items;
    bool stop;
    int32_t *line_starts;
    long nlines;
    int32_t floor;           /* where the last item's text began: the next one's is after it */
    struct srcmap map;       /* of the feed's bytes, asked in order, item after item */
    struct doc *held;        /* the last item read, handed on with the next (or marked
                              * partial first, when the parser stopped early) */
};

/* Hand on the item held, and hold item (NULL: none). */
static void hand_on(struct feed_walk *f, struct doc *item)
{
    if (f->held && !f->fn(f->ctx, f->held))
        f->stop = true;
    f->held = item;
}

/* The text of an item field: HTML inside it (RSS descriptions) is read as
 * HTML, every text node found again in the feed's source. */
static void read_field(struct walk *w, xmlNode *field)
{
    xmlChar *content = xmlNodeGetContent(field);
    if (!content)
        return;
    if (strchr((const char *)content, '<')) {
        htmlDocPtr part = htmlReadMemory((const char *)content, (int)strlen((const char *)content), NULL,
                                         "UTF-8", HTML_OPTIONS);
        if (part) {
            visit((xmlNode *)part, enter_text, leave_text, w);
            xmlFreeDoc(part);
        }
    } else {
        visit(field, enter_text, leave_text, w);
    }
    xmlFree(content);
    out_break(w->out);
}

static bool enter_field(void *ctx, xmlNode *n)
{
    struct walk *w = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_DOCUMENT_NODE;
    if (name_list_has(&w->rule->feed_text, local_name(n))) {
        read_field(w, n);
        return false;
    }
    return true;
}

static void item_metadata(struct doc *item, xmlNode *n)
{
    char buf[1024];
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = local_name(c);
        if (!strcmp(name, "title") && !item->title)
            item->title = text_of(c);
        else if (!strcmp(name, "link") && !item->url)
            item->url = attr(c, "href", buf, sizeof buf) ? xstrdup(buf) : text_of(c);
        else if ((!strcmp(name, "pubDate") || !strcmp(name, "published") || !strcmp(name, "updated") ||
                  !strcmp(name, "date")) &&
                 !item->date)
            item->date = text_of(c);
    }
}

/* The bytes item's text comes from, [*from, *to) in its source's bytes
 * (offsets and ends as install set them); false when it has no text. */
static bool item_span(const struct doc *item, size_t *from, size_t *to)
{
    if (!item->len)
        return false;
    *from = (size_t)item->offsets[0];
    *to = (size_t)item->ends[0];
    for (int32_t i = 0; i < item->len; i++) {
        if ((size_t)item->offsets[i] < *from)
            *from = (size_t)item->offsets[i];
        if ((size_t)item->ends[i] > *to)
            *to = (size_t)item->ends[i];
    }
    return true;
}

/* Give item bytes of its own: src[from, to), the part of the feed its
 * text comes from (src's first byte is the file's byte src_base), which
 * begins at line and column of the file; its offsets and ends made
 * relative to it, doc->base its first byte in the file. So an item holds
 * its part of the feed alone, however large the feed. */
static void settle_item(struct doc *item, const unsigned char *src, size_t src_base, size_t from, size_t to,
                        int line, int column)
{
    item->bytes = xmalloc(to > from ? to - from : 1);
    memcpy(item->bytes, src + from, to - from);
    item->nbytes = to - from;
    item->base = src_base + from;
    for (int32_t i = 0; i <= item->len; i++) {
        item->offsets[i] -= (int32_t)from;
        item->ends[i] -= (int32_t)from;
    }
    item->window_from = 0;
    item->window_to = item->nbytes;
    item->window_line = line;
    item->window_column = column;
}

static bool enter_feed(void *ctx, xmlNode *n)
{
    struct feed_walk *f = ctx;
    if (f->stop)
        return false;
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_DOCUMENT_NODE;
    if (!name_list_has(&f->rule->feed_items, local_name(n)))
        return true;
    struct doc *feed = f->feed;
    char *name = xasprintf("%s#%ld", feed->name, ++f->items);
    struct doc *item = doc_new(name, feed->path);
    free(name);
    item->encoding = feed->encoding;
    item->encoding_confidence = feed->encoding_confidence;
    /* the search for the item's text starts on the item's line, after the
     * last item's text began, and ends with the line where the next
     * element begins: each item is looked for in its own part of the feed */
    long line = xmlGetLineNo(n);
    struct source src = {feed->text, feed->offsets, feed->len, f->floor, feed->len, -1};
    if (line > 0 && line <= f->nlines && f->line_starts[line - 1] > src.cursor)
        src.cursor = f->line_starts[line - 1];
    xmlNode *next = n->next;
    while (next && next->type != XML_ELEMENT_NODE)
        next = next->next;
    long next_line = next ? xmlGetLineNo(next) : -1;
    if (next_line > 0 && next_line < f->nlines && f->line_starts[next_line] > src.cursor)
        src.limit = f->line_starts[next_line];
    struct out o = {0};
    struct walk w = {f->rule, &src, &o, NULL, 0};
    visit(n, enter_field, leave_none, &w);
    item_metadata(item, n);
    install(item, &o);
    if (src.first >= 0)
        f->floor = src.first;
    size_t from = 0, to = 0;
    int at_line = 0, at_column = 0;
    if (item_span(item, &from, &to))
        srcmap_locate(&f->map, from, &at_line, &at_column);
    settle_item(item, feed->bytes, 0, from, to, at_line, at_column);
    hand_on(f, item);
    return false;
}

/* Whether the feed declares entities: then libxml2's own limits hold
 * (XML_PARSE_HUGE would lift its checks on entity expansion). */
static bool declares_entities(const struct doc *feed)
{
    static const UChar decl[] = {'<', '!', 'E', 'N', 'T', 'I', 'T', 'Y', 0};
    return u_strFindFirst(feed->text, feed->len, decl, 8) != NULL;
}

long markup_feed(struct doc *feed, const struct markup_rule *rule, doc_fn fn, void *ctx)
{
    never_load();
    int32_t n;
    char *utf8 = source_utf8(feed, &n);
    /* never XML_PARSE_NOENT or DTD loading: no entity expansion, no file
     * or network read for an external entity. A feed without entities is
     * read with XML_PARSE_HUGE (nesting to 2048 levels, a text of up to
     * the largest document read, not 10 MB) and, where the parser stops
     * even so, read as far as it got: partial */
    bool entities = declares_entities(feed);
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC |
                  XML_PARSE_BIG_LINES | (entities ? 0 : XML_PARSE_HUGE | XML_PARSE_RECOVER);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr xml = ctxt ? xmlCtxtReadMemory(ctxt, utf8, n, feed->name, "UTF-8", options) : NULL;
    free(utf8);
    char *early = ctxt ? stopped_early(ctxt, feed->name) : NULL;
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    if (!xml || !xmlDocGetRootElement(xml) || (early && entities)) {
        char *msg = early ? xasprintf("%s (not well-formed XML)", early)
                          : xasprintf("%s: not well-formed XML", feed->name);
        doc_fail(feed, msg);
        free(msg);
        free(early);
        if (xml)
            xmlFreeDoc(xml);
        return -1;
    }
    struct feed_walk f = {.feed = feed, .rule = rule, .fn = fn, .ctx = ctx};
    f.line_starts = xmalloc(((size_t)feed->len + 2) * sizeof *f.line_starts);
    f.line_starts[f.nlines++] = 0;
    for (int32_t i = 0; i < feed->len; i++)
        if (feed->text[i] == '\n')
            f.line_starts[f.nlines++] = i + 1;
    srcmap_init_charset(&f.map, feed->bytes, 0, feed->nbytes, 1, 1, feed->encoding, false);
    visit((xmlNode *)xml, enter_feed, leave_none, &f);
    srcmap_free(&f.map);
    if (f.items == 0) {
        /* no items: the whole document is one */
        struct doc *whole = doc_new(feed->name, feed->path);
        doc_borrow(whole, feed);
        struct source src = {feed->text, feed->offsets, feed->len, 0, feed->len, -1};
        struct out o = {0};
        struct walk w = {rule, &src, &o, NULL, 0};
        visit((xmlNode *)xml, enter_text, leave_text, &w);
        install(whole, &o);
        f.held = whole;
        f.items = 1;
    }
    if (early && f.held) {
        /* the rest of the feed, after the item where the parser stopped */
        char *msg = xasprintf("%s (read up to there)", early);
        doc_partial(f.held, msg);
        free(msg);
    }
    hand_on(&f, NULL);
    free(early);
    free(f.line_starts);
    xmlFreeDoc(xml);
    return f.items;
}

/* ------------------------------------------------------------ feeds read as a stream
 *
 * A large feed is read from its file a piece at a time by libxml2's
 * streaming reader, one item expanded at a time, so that memory holds the
 * item being read, what the reader has read ahead, and the feed's bytes
 * from where the last item's text began (the window): not the feed. */

/* Can the feed open as fd (size bytes) be read as a stream: UTF-8 without
 * a NUL byte (what decoding it whole would find), and no entity declared
 * (those are left to libxml2's own limits, reading it whole)? fd is
 * rewound. */
static bool streamable(int fd, size_t size)
{
    static const char DECL[] = "<!ENTITY";
    enum { CHUNK = 1 << 16 };
    unsigned char *buf = xmalloc(CHUNK + 4);
    size_t have = 0, left = size;
    int matched = 0;
    bool ok = true;
    while (ok && (left > 0 || have > 0)) {
        ssize_t got = 0;
        if (left > 0) {
            while ((got = read(fd, buf + have, left < CHUNK ? left : CHUNK)) < 0 && errno == EINTR)
                ;
            if (got <= 0) {
                ok = false;
                break;
            }
            left -= (size_t)got;
        }
        int32_t n = (int32_t)(have + (size_t)got), i = 0;
        while (ok && i < n) {
            uint8_t b = buf[i];
            /* "<!ENTITY" is ASCII: followed character by character */
            matched = b == (uint8_t)DECL[matched] ? matched + 1 : b == '<';
            ok = matched < 8;
            if (b < 0x80) {
                ok = ok && b != 0;
                i++;
                continue;
            }
            if (left > 0 && i + 1 + U8_COUNT_TRAIL_BYTES(b) > n)
                break; /* cut by the chunk: read with the next */
            UChar32 c;
            U8_NEXT(buf, i, n, c);
            ok = ok && c >= 0;
        }
        have = (size_t)(n - i);
        memmove(buf, buf + i, have);
        if (left == 0 && i >= n)
            break;
        if (left == 0 && have > 0) {
            ok = false; /* a character cut by the end of the file */
            break;
        }
    }
    free(buf);
    return ok && lseek(fd, 0, SEEK_SET) == 0;
}

struct feed_stream {
    int fd;
    size_t left;             /* bytes still to read (the file's size when opened) */
    size_t max;              /* the most the window may hold */
    bool too_large;
    int read_error;          /* errno of a read that failed, else 0 */
    unsigned char *buf;      /* the window: the file's bytes [at, at + len) */
    size_t at, len, cap;
    int line, column;        /* where the window begins */
    char *error;             /* the parser's first fatal error, "NAME:LINE: text" */
    const char *name;
};

/* libxml2's input: the file, each piece kept in the window too. */
static int stream_read(void *ctx, char *out, int n)
{
    struct feed_stream *s = ctx;
    if (n <= 0 || s->left == 0)
        return 0;
    size_t want = (size_t)n < s->left ? (size_t)n : s->left;
    if (s->len + want > s->max) {
        s->too_large = true;
        return -1;
    }
    ssize_t got;
    while ((got = read(s->fd, out, want)) < 0 && errno == EINTR)
        ;
    if (got < 0) {
        s->read_error = errno;
        return -1;
    }
    if (got == 0) {
        s->left = 0;
        return 0;
    }
    if (s->len + (size_t)got > s->cap) {
        s->cap = s->cap ? s->cap : 1 << 16;
        while (s->cap < s->len + (size_t)got)
            s->cap *= 2;
        s->buf = xrealloc(s->buf, s->cap);
    }
    memcpy(s->buf + s->len, out, (size_t)got);
    s->len += (size_t)got;
    s->left -= (size_t)got;
    return (int)got;
}

static int stream_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static void stream_error(void *ctx, xmlErrorPtr e)
{
    struct feed_stream *s = ctx;
    if (s->error || !e || e->level != XML_ERR_FATAL)
        return;
    char text[256];
    snprintf(text, sizeof text, "%s", e->message ? e->message : "unreadable");
    text[strcspn(text, "\n")] = '\0';
    s->error = xasprintf("%s:%d: %s", s->name, e->line, text);
}

/* Count lines and columns over the window's bytes up to the file's byte
 * pos (a byte-order mark is no character), from where the window begins. */
static void stream_locate(const struct feed_stream *s, size_t pos, int *line, int *column)
{
    *line = s->line;
    *column = s->column;
    size_t i = 0;
    if (s->at == 0 && s->len >= 3 && s->buf[0] == 0xEF && s->buf[1] == 0xBB && s->buf[2] == 0xBF)
        i = 3;
    for (; s->at + i < pos && i < s->len; i++) {
        if (s->buf[i] == '\n') {
            ++*line;
            *column = 1;
        } else if ((s->buf[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Where line `line` begins, in the window (its start when the line began
 * before it); its end when the window ends first. */
static size_t stream_line_start(const struct feed_stream *s, long line)
{
    long l = s->line;
    size_t i = 0;
    while (l < line && i < s->len) {
        const unsigned char *nl = memchr(s->buf + i, '\n', s->len - i);
        if (!nl)
            return s->len;
        i = (size_t)(nl - s->buf) + 1;
        l++;
    }
    return i;
}

/* Let go of the window's bytes before the file's byte pos. */
static void stream_drop(struct feed_stream *s, size_t pos)
{
    if (pos <= s->at)
        return;
    size_t n = pos - s->at < s->len ? pos - s->at : s->len;
    stream_locate(s, s->at + n, &s->line, &s->column);
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
    s->at += n;
}

/* The window's bytes [from, to) decoded, each unit's offset in the window
 * (UTF-8 checked before: a character that is no longer whole ends it). */
static void stream_decode(const struct feed_stream *s, size_t from, size_t to, UChar **text, int32_t **off,
                          int32_t *len)
{
    *text = xmalloc((to - from + 1) * sizeof **text);
    *off = xmalloc((to - from + 1) * sizeof **off);
    int32_t n = 0, i = (int32_t)from, end = (int32_t)to;
    if (s->at == 0 && i == 0 && end >= 3 && s->buf[0] == 0xEF && s->buf[1] == 0xBB && s->buf[2] == 0xBF)
        i = 3;
    while (i < end) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s->buf, i, end, c);
        if (c < 0)
            break;
        if (U_IS_BMP(c)) {
            (*text)[n] = (UChar)c;
            (*off)[n++] = at;
        } else {
            (*text)[n] = U16_LEAD(c);
            (*off)[n++] = at;
            (*text)[n] = U16_TRAIL(c);
            (*off)[n++] = at;
        }
    }
    (*off)[n] = i;
    (*text)[n] = 0;
    *len = n;
}

/* One item, expanded at node n, whose element begins on line `line`; the
 * parser is on line `parser_line`. */
static void stream_item(struct feed_walk *f, struct feed_stream *s, size_t *floor, xmlNode *n, long line,
                        long parser_line)
{
    char *name = xasprintf("%s#%ld", f->feed->name, ++f->items);
    struct doc *item = doc_new(name, f->feed->path);
    free(name);
    item->encoding = "UTF-8";
    item->encoding_confidence = 100;
    /* the item's text is looked for from its line on, after the last
     * item's text began, up to the line the parser has reached */
    size_t from = stream_line_start(s, line), to = stream_line_start(s, parser_line + 1);
    if (*floor > s->at + from)
        from = *floor - s->at < s->len ? *floor - s->at : s->len;
    if (to < from)
        to = from;
    UChar *text;
    int32_t *off, len;
    stream_decode(s, from, to, &text, &off, &len);
    struct source src = {text, off, len, 0, len, -1};
    struct out o = {0};
    struct walk w = {f->rule, &src, &o, NULL, 0};
    visit(n, enter_field, leave_none, &w);
    item_metadata(item, n);
    install(item, &o);
    if (src.first >= 0)
        *floor = s->at + (size_t)off[src.first];
    free(text);
    free(off);
    size_t a = 0, b = 0;
    int l = 0, c = 0;
    if (item_span(item, &a, &b))
        stream_locate(s, s->at + a, &l, &c);
    settle_item(item, s->buf, s->at, a, b, l, c);
    hand_on(f, item);
}

long markup_feed_stream(const char *path, const char *name, const struct markup_rule *rule, size_t max_item,
                        doc_fn fn, void *ctx)
{
    never_load();
    size_t size = 0;
    char *why = NULL;
    int fd = decode_open(path, SIZE_MAX, &size, &why);
    free(why);
    if (fd < 0)
        return 0;
    if (!streamable(fd, size)) {
        close(fd);
        return 0;
    }
    struct feed_stream s = {.fd = fd, .left = size, .max = max_item, .line = 1, .column = 1, .name = name};
    /* as a feed read whole: no network, no entity or DTD loaded (never_load),
     * nesting to 2048 levels, a text as long as an item may be */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC |
                  XML_PARSE_BIG_LINES | XML_PARSE_HUGE | XML_PARSE_RECOVER;
    xmlTextReaderPtr reader = xmlReaderForIO(stream_read, stream_close, &s, name, "UTF-8", options);
    if (!reader) {
        close(fd);
        return 0;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, stream_error, &s);
    /* the feed's name and path, for its items */
    struct doc feed = {.name = (char *)name, .path = (char *)path};
    struct feed_walk f = {.feed = &feed, .rule = rule, .fn = fn, .ctx = ctx};
    size_t floor = 0;
    int ret = xmlTextReaderRead(reader);
    while (ret == 1 && !f.stop) {
        if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT ||
            !name_list_has(&rule->feed_items, (const char *)xmlTextReaderConstLocalName(reader))) {
            ret = xmlTextReaderRead(reader);
            continue;
        }
        xmlNode *n = xmlTextReaderExpand(reader);
        if (!n) {
            /* the parser stopped inside or after the item (a feed cut
             * short): what it read of the item is read, as a feed read
             * whole keeps what it recovered */
            n = xmlTextReaderCurrentNode(reader);
            if (n)
                stream_item(&f, &s, &floor, n, xmlGetLineNo(n), xmlTextReaderGetParserLineNumber(reader));
            ret = -1;
            break;
        }
        stream_item(&f, &s, &floor, n, xmlGetLineNo(n), xmlTextReaderGetParserLineNumber(reader));
        /* what no item after this one reads: the bytes before where this
         * one's text began (the next one's is looked for after) */
        stream_drop(&s, floor);
        ret = xmlTextReaderNext(reader);
    }
    if (f.items > 0 && f.held && (ret < 0 || s.too_large || s.read_error)) {
        char *msg = s.too_large  ? xasprintf("%s: an item of more than %zu bytes (read up to there)", name, max_item)
                    : s.read_error ? xasprintf("%s: cannot read: %s (read up to there)", name, strerror(s.read_error))
                    : s.error      ? xasprintf("%s (read up to there)", s.error)
                                   : xasprintf("%s: not well-formed XML (read up to there)", name);
        doc_partial(f.held, msg);
        free(msg);
    }
    hand_on(&f, NULL);
    xmlFreeTextReader(reader);
    close(fd);
    free(s.buf);
    free(s.error);
    return f.items;
}
