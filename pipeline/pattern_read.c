/* pattern_read: a pattern's source read into the tree the matcher walks
 * and the character sets the searches filter with. See pattern_tree.h. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

#include "pattern_tree.h"
#include "xalloc.h"

/* ------------------------------------------------------------ character sets */

/* The filter of a set that holds nothing (or anything: never read); the
 * sets of a node are that until read, so that asking one is never amiss. */
static const uint64_t no_filter[64];
#define NO_SETS .set.filter = no_filter, .first.filter = no_filter, .last.filter = no_filter

struct set_builder {
    bool any;
    UChar32 (*ranges)[2];
    size_t n, cap;
};

static void builder_add(struct set_builder *b, UChar32 lo, UChar32 hi)
{
    if (b->any)
        return;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->ranges = xrealloc(b->ranges, b->cap * sizeof *b->ranges);
    }
    b->ranges[b->n][0] = lo;
    b->ranges[b->n][1] = hi;
    b->n++;
}

static void builder_union(struct set_builder *into, const struct set_builder *from)
{
    if (from->any) {
        into->any = true;
        return;
    }
    for (size_t i = 0; i < from->n; i++)
        builder_add(into, from->ranges[i][0], from->ranges[i][1]);
}

static void builder_free(struct set_builder *b)
{
    free(b->ranges);
    *b = (struct set_builder){0};
}

static int range_cmp(const void *a, const void *b)
{
    const UChar32 *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* bits as one of p's filters: a set of the same bits before has it
 * already (a class, the first set of its sequence, of its group …). */
static const uint64_t *filter_of(struct pattern *p, const uint64_t *bits)
{
    if (!memcmp(bits, no_filter, sizeof no_filter))
        return no_filter;
    for (size_t i = 0; i < p->nfilters; i++)
        if (!memcmp(p->filters[i], bits, sizeof no_filter))
            return p->filters[i];
    p->filters = xrealloc(p->filters, (p->nfilters + 1) * sizeof *p->filters);
    uint64_t *f = xmalloc(sizeof no_filter);
    memcpy(f, bits, sizeof no_filter);
    p->filters[p->nfilters++] = f;
    return f;
}

/* Sorted and merged ranges, and the filter of their characters (p's). */
static void charset_build(struct pattern *p, struct charset *s, struct set_builder *b)
{
    *s = (struct charset){.any = b->any, .filter = no_filter};
    if (b->any)
        return;
    if (b->n)
        qsort(b->ranges, b->n, sizeof *b->ranges, range_cmp);
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (n && b->ranges[i][0] <= b->ranges[n - 1][1] + 1) {
            if (b->ranges[i][1] > b->ranges[n - 1][1])
                b->ranges[n - 1][1] = b->ranges[i][1];
        } else {
            b->ranges[n][0] = b->ranges[i][0];
            b->ranges[n][1] = b->ranges[i][1];
            n++;
        }
    }
    s->ranges = xmalloc((n ? n : 1) * sizeof *s->ranges);
    if (n)
        memcpy(s->ranges, b->ranges, n * sizeof *s->ranges);
    s->n = n;
    uint64_t filter[64] = {0};
    for (size_t i = 0; i < n; i++) {
        if (s->ranges[i][1] - s->ranges[i][0] >= 4095) {
            memset(filter, 0xff, sizeof filter);
            break;
        }
        for (UChar32 c = s->ranges[i][0]; c <= s->ranges[i][1]; c++)
            filter[(c & 4095) >> 6] |= (uint64_t)1 << (c & 63);
    }
    s->filter = filter_of(p, filter);
}


bool charset_has(const struct charset *s, UChar32 c)
{
    return set_has(s, c);
}

/* ------------------------------------------------------------ reading the source
 *
 * Each piece of the pattern is summed up by what its matches can begin and
 * end with, a set of which every match holds one character (the smallest
 * the reader finds) and how far from the start that character can stand
 * at most (its reach), the longest match, whether it can match
 * empty, whether it consumes nothing at all (an assertion), and whether its
 * match always ends at $. The reader follows
 * literals, classes without set operations, groups, alternation, quantifiers
 * and assertions; anything else stops it, and the pattern is then "any". */


struct piece {
    struct set_builder first, last, required;
    int32_t max_length;              /* UTF-16 units, or UNBOUNDED */
    int32_t reach;                   /* a required character ends within this many units of
                                      * the start (UNBOUNDED: no telling) */
    bool nullable, zero_width, anchored;
};




struct reader {
    struct pattern *p;               /* whose tree and sets are read */
    const UChar *s;
    int32_t n, i;
    bool failed;
    bool native;                     /* the tree holds all the pattern says */
    int behind;                      /* inside this many lookbehinds */
    int depth;                       /* inside this many groups */
};

enum { MAX_DEPTH = 64 };

static struct node *seq_push(struct seq *s)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->nodes = xrealloc(s->nodes, s->cap * sizeof *s->nodes);
    }
    struct node *nd = &s->nodes[s->n++];
    *nd = (struct node){.min = 1, .max = 1, NO_SETS};
    return nd;
}

static struct seq *group_push(struct node *g)
{
    if (g->nalts == g->alts_cap) {
        g->alts_cap = g->alts_cap ? 2 * g->alts_cap : 2;
        g->alts = xrealloc(g->alts, g->alts_cap * sizeof *g->alts);
    }
    g->alts[g->nalts] = (struct seq){.first = {.any = true, .filter = no_filter},
                                      .required = {.any = true, .filter = no_filter},
                                      .reach = UNBOUNDED};
    return &g->alts[g->nalts++];
}

/* No more room for g's alternatives than they take, once all are read. */
static void group_fit(struct node *g)
{
    if (g->nalts < g->alts_cap) {
        g->alts = xrealloc(g->alts, g->nalts * sizeof *g->alts);
        g->alts_cap = g->nalts;
    }
}

static void node_free(struct node *nd)
{
    free(nd->dispatch_char);
    free(nd->dispatch_alts);
    free(nd->units);
    free(nd->set.ranges);
    free(nd->first.ranges);
    free(nd->last.ranges);
    for (size_t i = 0; i < nd->nalts; i++) {
        for (size_t k = 0; k < nd->alts[i].n; k++)
            node_free(&nd->alts[i].nodes[k]);
        free(nd->alts[i].nodes);
        free(nd->alts[i].first.ranges);
        free(nd->alts[i].required.ranges);
    }
    free(nd->alts);
}

static struct piece piece_empty(void)
{
    return (struct piece){.required.any = true, .reach = UNBOUNDED, .nullable = true, .zero_width = true};
}

/* one character of a class, not yet known */
static struct piece piece_class(void)
{
    return (struct piece){.max_length = 1, .reach = 1};
}

static struct piece piece_any(void)
{
    struct piece p = piece_class();
    p.first.any = p.last.any = p.required.any = true;
    p.max_length = 2;
    p.reach = UNBOUNDED;
    return p;
}

static void class_add(struct piece *p, UChar32 lo, UChar32 hi)
{
    builder_add(&p->first, lo, hi);
    builder_add(&p->last, lo, hi);
    builder_add(&p->required, lo, hi);
    if (hi > 0xFFFF)
        p->max_length = p->reach = 2; /* a surrogate pair */
}

static struct piece piece_char(UChar32 c)
{
    struct piece p = piece_class();
    class_add(&p, c, c);
    return p;
}

static void piece_free(struct piece *p)
{
    builder_free(&p->first);
    builder_free(&p->last);
    builder_free(&p->required);
}

/* How many characters a set holds; the fewer, the better it filters. */
static double builder_size(const struct set_builder *b)
{
    if (b->any)
        return 1e18;
    double n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += (double)b->ranges[i][1] - b->ranges[i][0] + 1;
    return n;
}

static int32_t length_sum(int32_t a, int32_t b)
{
    if (a == UNBOUNDED || b == UNBOUNDED || a > INT32_MAX / 2 || b > INT32_MAX / 2)
        return UNBOUNDED;
    return a + b;
}

/* a then b; b is freed */
static void piece_concat(struct piece *a, struct piece *b)
{
    if (a->nullable)
        builder_union(&a->first, &b->first);
    if (b->nullable) {
        builder_union(&b->last, &a->last);
    }
    builder_free(&a->last);
    a->last = b->last;
    b->last = (struct set_builder){0};
    if (builder_size(&b->required) < builder_size(&a->required)) {
        struct set_builder t = a->required;
        a->required = b->required;
        b->required = t;
        a->reach = b->reach == UNBOUNDED ? UNBOUNDED : length_sum(a->max_length, b->reach);
    }
    a->max_length = length_sum(a->max_length, b->max_length);
    a->anchored = b->anchored || (a->anchored && b->zero_width);
    a->nullable = a->nullable && b->nullable;
    a->zero_width = a->zero_width && b->zero_width;
    piece_free(b);
}

/* a or b; b is freed */
static void piece_alternate(struct piece *a, struct piece *b)
{
    builder_union(&a->first, &b->first);
    builder_union(&a->last, &b->last);
    builder_union(&a->required, &b->required);
    if (a->max_length != UNBOUNDED && (b->max_length == UNBOUNDED || b->max_length > a->max_length))
        a->max_length = b->max_length;
    if (a->reach != UNBOUNDED && (b->reach == UNBOUNDED || b->reach > a->reach))
        a->reach = b->reach;
    a->nullable = a->nullable || b->nullable;
    a->zero_width = a->zero_width && b->zero_width;
    a->anchored = a->anchored && b->anchored;
    piece_free(b);
}

static UChar32 peek(const struct reader *r)
{
    if (r->i >= r->n)
        return U_SENTINEL;
    UChar32 c;
    int32_t i = r->i;
    U16_NEXT(r->s, i, r->n, c);
    return c;
}

static UChar32 take(struct reader *r)
{
    if (r->i >= r->n) {
        r->failed = true;
        return U_SENTINEL;
    }
    UChar32 c;
    U16_NEXT(r->s, r->i, r->n, c);
    return c;
}

static bool take_if(struct reader *r, UChar32 c)
{
    if (peek(r) != c)
        return false;
    take(r);
    return true;
}

static int hex_value(UChar32 c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static UChar32 take_hex(struct reader *r, int digits)
{
    UChar32 v = 0;
    for (int k = 0; k < digits; k++) {
        int h = hex_value(take(r));
        if (h < 0) {
            r->failed = true;
            return 0;
        }
        v = v * 16 + h;
    }
    return v;
}

enum escape_kind { ESC_CHAR, ESC_CLASS, ESC_ASSERTION, ESC_UNKNOWN };

/* After a backslash: one character (*c), a class like \d, an assertion
 * like \b, or something the reader does not follow. */
static enum escape_kind take_escape(struct reader *r, UChar32 *c)
{
    UChar32 e = take(r);
    switch (e) {
    case 'u': *c = take_hex(r, 4); return ESC_CHAR;
    case 'U': *c = take_hex(r, 8); return ESC_CHAR;
    case 'x':
        if (take_if(r, '{')) {
            UChar32 v = 0;
            int h, digits = 0;
            while ((h = hex_value(peek(r))) >= 0 && digits++ < 8) {
                take(r);
                v = v * 16 + h;
            }
            if (!digits || !take_if(r, '}'))
                r->failed = true;
            *c = v;
        } else {
            *c = take_hex(r, 2);
        }
        return ESC_CHAR;
    case 't': *c = '\t'; return ESC_CHAR;
    case 'n': *c = '\n'; return ESC_CHAR;
    case 'r': *c = '\r'; return ESC_CHAR;
    case 'f': *c = '\f'; return ESC_CHAR;
    case 'a': *c = 0x07; return ESC_CHAR;
    case 'e': *c = 0x1b; return ESC_CHAR;
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H':
    case 'v': case 'V': case 'R': case 'X':
        return ESC_CLASS;
    case 'p': case 'P': case 'N':
        if (take_if(r, '{')) {
            while (r->i < r->n && take(r) != '}')
                ;
        } else {
            take(r);
        }
        return ESC_CLASS;
    case 'b': case 'B':
        return ESC_ASSERTION;
    default:
        if (e == U_SENTINEL || (e < 0x80 && ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') ||
                                             (e >= 'A' && e <= 'Z'))))
            return ESC_UNKNOWN; /* back references, \A \G \Z \Q, control letters */
        *c = e;
        return ESC_CHAR;
    }
}

/* Characters that ICU may read otherwise inside a class (set syntax, or
 * space ignored): a class that holds them is left to ICU. */
static bool unclear_in_class(UChar32 c)
{
    return c == '{' || c == '}' || c == '$' || c == '&' || c == '^' || c == '[' ||
           c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0x200e || c == 0x200f ||
           c == 0x2028 || c == 0x2029;
}

/* A bracket class, after its [; its characters go to nd. */
/* Does the class that begins at r (after its [) hold what ICU may read
 * otherwise than as characters and ranges: set operators (-- &&, with
 * escapes in between or not), nested sets, or the characters of
 * unclear_in_class? Such a class is taken as any character, and its
 * pattern left to ICU. */
static bool unclear_class(const struct reader *r)
{
    UChar prev = 0;
    for (int32_t i = r->i; i < r->n; i++) {
        UChar c = r->s[i];
        if (c == '\\' && i + 1 < r->n) {
            c = r->s[++i];
            if (c == '-' && prev == '-')
                return true;
        } else if (c == ']' && i > r->i && !(i == r->i + 1 && r->s[r->i] == '^')) {
            return false;
        } else if ((c == '-' || c == '&') && prev == c) {
            return true;
        } else if (c != '^' && c != '-' && unclear_in_class(c)) {
            return true;
        } else if (c == '^' && i > r->i) {
            return true;
        }
        prev = c;
    }
    return true;
}

static struct piece read_class(struct reader *r, struct node *nd)
{
    struct piece p = piece_class();
    struct set_builder chars = {0};
    bool unclear = unclear_class(r);
    bool negated = take_if(r, '^');
    if (peek(r) == ']')
        r->failed = true;
    while (!r->failed) {
        UChar32 c = take(r);
        if (c == ']' || c == U_SENTINEL)
            break;
        if (c == '[' || (c == '&' && peek(r) == '&') || (c == '-' && peek(r) == '-')) {
            r->failed = true; /* nested sets and set operations */
            break;
        }
        if (c == '\\') {
            enum escape_kind k = take_escape(r, &c);
            if (k == ESC_CLASS) {
                p.first.any = p.last.any = p.required.any = true;
                p.max_length = 2;
                p.reach = UNBOUNDED;
                r->native = false;
                continue;
            }
            if (k != ESC_CHAR) {
                r->failed = true;
                break;
            }
        }
        UChar32 hi = c;
        if (peek(r) == '-') {
            int32_t save = r->i;
            take(r);
            if (peek(r) == ']') {
                r->i = save; /* a - before ] stands for itself */
            } else {
                hi = take(r);
                if (hi == '\\' && take_escape(r, &hi) != ESC_CHAR)
                    r->failed = true;
                else if (hi == '[')
                    r->failed = true;
                if (hi < c)
                    r->failed = true;
            }
        }
        class_add(&p, c, hi);
        builder_add(&chars, c, hi);
    }
    if (negated || unclear) {
        p.first.any = p.last.any = p.required.any = true;
        p.max_length = 2;
        p.reach = UNBOUNDED;
    }
    if (unclear)
        r->native = false;
    nd->kind = N_SET;
    nd->negated = negated;
    charset_build(r->p, &nd->set, &chars);
    builder_free(&chars);
    return p;
}

static struct piece read_alternation(struct reader *r, struct node *group);

/* The first and last sets of a group's match, for the matcher (any where
 * a match can be empty). */
static void group_sets(struct pattern *p, struct node *nd, const struct piece *inner)
{
    struct set_builder first = {.any = inner->nullable}, last = {.any = inner->nullable};
    builder_union(&first, &inner->first);
    builder_union(&last, &inner->last);
    charset_build(p, &nd->first, &first);
    charset_build(p, &nd->last, &last);
    builder_free(&first);
    builder_free(&last);
}

enum { DISPATCH_MIN_ALTS = 4, DISPATCH_MAX_CHARS = 1024 };

static int compare_chars(const void *a, const void *b)
{
    UChar32 x = *(const UChar32 *)a, y = *(const UChar32 *)b;
    return (x > y) - (x < y);
}

/* The dispatch table of a group, where it pays and can be made: up to 64
 * alternatives, none that can match empty, few first characters. */
static void make_dispatch(struct node *nd)
{
    if (nd->nalts < DISPATCH_MIN_ALTS || nd->nalts > 64)
        return;
    size_t total = 0;
    for (size_t a = 0; a < nd->nalts; a++) {
        const struct charset *f = &nd->alts[a].first;
        if (f->any)
            return;
        for (size_t i = 0; i < f->n; i++)
            total += (size_t)(f->ranges[i][1] - f->ranges[i][0]) + 1;
        if (total > DISPATCH_MAX_CHARS)
            return;
    }
    UChar32 *chars = xmalloc((total ? total : 1) * sizeof *chars);
    size_t n = 0;
    for (size_t a = 0; a < nd->nalts; a++) {
        const struct charset *f = &nd->alts[a].first;
        for (size_t i = 0; i < f->n; i++)
            for (UChar32 c = f->ranges[i][0]; c <= f->ranges[i][1]; c++)
                chars[n++] = c;
    }
    qsort(chars, n, sizeof *chars, compare_chars);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || chars[u - 1] != chars[i])
            chars[u++] = chars[i];
    nd->dispatch_char = chars;
    nd->dispatch_alts = xcalloc(u ? u : 1, sizeof *nd->dispatch_alts);
    nd->ndispatch = u;
    for (size_t k = 0; k < u; k++)
        for (size_t a = 0; a < nd->nalts; a++)
            if (set_has(&nd->alts[a].first, chars[k]))
                nd->dispatch_alts[k] |= (uint64_t)1 << a;
}


/* A group, after its (; its alternatives go to nd. */
static struct piece read_group(struct reader *r, struct node *nd)
{
    nd->kind = N_GROUP;
    if (take_if(r, '?')) {
        UChar32 c = take(r);
        if (c == '=' || c == '!') {
            nd->kind = N_LOOK;
            nd->negative = c == '!';
        } else if (c == '<' && (peek(r) == '=' || peek(r) == '!')) {
            nd->kind = N_LOOK;
            nd->behind = true;
            nd->negative = take(r) == '!';
        } else if (c == '<') {
            while (r->i < r->n && take(r) != '>') /* a named group */
                ;
        } else if (c == '>') {
            r->native = false; /* atomic */
        } else if (c != ':') {
            r->failed = true; /* flags, comments */
        }
    }
    /* a lookbehind's match ends where it stands: what ICU does with
     * lookarounds and anchors inside one is left to ICU */
    if (nd->kind == N_LOOK && r->behind)
        r->native = false;
    r->behind += nd->behind;
    struct piece inner = read_alternation(r, nd);
    r->behind -= nd->behind;
    if (!take_if(r, ')'))
        r->failed = true;
    group_fit(nd);
    group_sets(r->p, nd, &inner);
    make_dispatch(nd);
    if (nd->kind == N_LOOK) {
        nd->look_length = inner.max_length;
        if (nd->behind && nd->look_length == UNBOUNDED)
            r->native = false;
        piece_free(&inner);
        return piece_empty();
    }
    return inner;
}

/* The digits of a {m,n} quantifier; -1 if there are none. */
static long take_count(struct reader *r)
{
    long n = 0;
    int digits = 0;
    UChar32 c;
    while ((c = peek(r)) >= '0' && c <= '9' && digits++ < 9) {
        take(r);
        n = n * 10 + (c - '0');
    }
    return digits ? n : -1;
}

static void node_char(struct reader *r, struct node *nd, UChar32 c)
{
    struct set_builder b = {0};
    builder_add(&b, c, c);
    nd->kind = N_SET;
    charset_build(r->p, &nd->set, &b);
    builder_free(&b);
}

/* One element and its quantifier, its node appended to s. */
static struct piece read_element(struct reader *r, struct seq *s)
{
    struct piece p;
    struct node *nd = seq_push(s);
    UChar32 c = take(r), e;
    switch (c) {
    case '(':
        if (r->depth >= MAX_DEPTH) { /* the reader recurses a group: no deeper */
            r->failed = true;
            return piece_empty();
        }
        r->depth++;
        p = read_group(r, nd);
        r->depth--;
        break;
    case '[': p = read_class(r, nd); break;
    case '.': p = piece_any(); r->native = false; break;
    case '^': p = piece_empty(); nd->kind = N_CARET; break;
    case '$': p = piece_empty(); p.anchored = true; nd->kind = N_DOLLAR; break;
    case '*': case '+': case '?': case '{': case '}': case ')': case '|': case ']':
        r->failed = true;
        return piece_empty();
    case '\\':
        switch (take_escape(r, &e)) {
        case ESC_CHAR: p = piece_char(e); node_char(r, nd, e); break;
        case ESC_CLASS: p = piece_any(); r->native = false; break;
        case ESC_ASSERTION: p = piece_empty(); r->native = false; break;
        default: r->failed = true; return piece_empty();
        }
        break;
    default: p = piece_char(c); node_char(r, nd, c); break;
    }
    if ((nd->kind == N_CARET || nd->kind == N_DOLLAR) && r->behind)
        r->native = false;
    /* the node may have moved if a group below grew s: it is the last */
    nd = &s->nodes[s->n - 1];
    long min = 1, max = 1;
    c = peek(r);
    if (c == '?' || c == '*' || c == '+') {
        take(r);
        min = c == '+';
        max = c == '?' ? 1 : UNBOUNDED;
    } else if (c == '{') {
        take(r);
        min = take_count(r);
        max = take_if(r, ',') ? (peek(r) == '}' ? UNBOUNDED : take_count(r)) : min;
        if (!take_if(r, '}') || min < 0 || (max != UNBOUNDED && max < min))
            r->failed = true;
    } else {
        return p;
    }
    enum repeat_mode mode = GREEDY;
    if (peek(r) == '?' || peek(r) == '+')
        mode = take(r) == '?' ? LAZY : POSSESSIVE;
    nd->min = (int32_t)min;
    nd->max = max == UNBOUNDED ? UNBOUNDED : (int32_t)max;
    nd->mode = mode;
    /* the matcher repeats single characters; a group at most once */
    if (nd->kind != N_SET && !(nd->kind == N_GROUP && min <= 1 && max == 1 && mode != POSSESSIVE))
        r->native = false;
    if (min == 0) {
        p.nullable = true;
        p.anchored = false;
        builder_free(&p.required);
        p.required.any = true;
        p.reach = UNBOUNDED;
    }
    if (p.max_length != 0 && p.max_length != UNBOUNDED)
        p.max_length = max == UNBOUNDED || max > INT32_MAX / 2 / p.max_length ? UNBOUNDED
                                                                           : p.max_length * (int32_t)max;
    return p;
}

/* Is nd one literal character, once? */
static bool is_literal(const struct node *nd)
{
    return nd->kind == N_SET && nd->min == 1 && nd->max == 1 && !nd->negated && nd->set.n == 1 &&
           nd->set.ranges[0][0] == nd->set.ranges[0][1];
}

/* Runs of literal characters in s made one N_STRING node each: compared
 * unit by unit, without a step of the matcher a character. */
static void join_literals(struct seq *s)
{
    size_t out = 0;
    for (size_t i = 0; i < s->n;) {
        if (!is_literal(&s->nodes[i])) {
            s->nodes[out++] = s->nodes[i++];
            continue;
        }
        struct node str = {.kind = N_STRING, .min = 1, .max = 1, NO_SETS};
        str.units = xmalloc(2 * (s->n - i) * sizeof *str.units);
        for (; i < s->n && is_literal(&s->nodes[i]); i++) {
            UChar32 c = s->nodes[i].set.ranges[0][0];
            U16_APPEND_UNSAFE(str.units, str.nunits, c);
            node_free(&s->nodes[i]);
        }
        s->nodes[out++] = str;
    }
    s->n = out;
}

/* What a node's match can begin with: *any when it cannot be told, *empty
 * when the node can match empty (an assertion, an optional part). */
struct node_start {
    const struct charset *set;       /* NULL with any */
    UChar32 single;                  /* N_STRING: its first character */
    bool any, empty;
};

static struct node_start node_start(const struct node *nd)
{
    struct node_start st = {.single = -1};
    switch (nd->kind) {
    case N_STRING:
        U16_GET(nd->units, 0, 0, nd->nunits, st.single);
        break;
    case N_SET:
        st.any = nd->negated;
        st.set = &nd->set;
        st.empty = nd->min == 0;
        break;
    case N_GROUP:
        st.any = nd->first.any; /* any, too, where the group can match empty */
        st.set = &nd->first;
        st.empty = nd->min == 0;
        break;
    default: /* assertions consume nothing */
        st.empty = true;
        break;
    }
    return st;
}

/* Do the class c and the start st share a character? */
static bool overlaps(const struct charset *c, const struct node_start *st)
{
    if (st->any)
        return true;
    if (st->single >= 0)
        return set_has(c, st->single);
    if (!st->set)
        return false; /* an assertion: it begins with nothing */
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < st->set->n; j++)
            if (c->ranges[i][0] <= st->set->ranges[j][1] && st->set->ranges[j][0] <= c->ranges[i][1])
                return true;
    return false;
}

/* A repetition of a class that nothing after it in its sequence can begin
 * with (and that sequence cannot end without consuming more) gives up no
 * character to what follows: at a shorter count the next character is one
 * of the class, which the rest cannot begin with. So it is matched
 * possessively, without trying the shorter counts. [0-9]+[届屆] fails at
 * once after the digits, not once for each of them. */
static void possess_repetitions(struct seq *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct node *nd = &s->nodes[i];
        if (nd->kind != N_SET || nd->negated || nd->min == nd->max || nd->mode == POSSESSIVE)
            continue;
        bool disjoint = true, ends_empty = true;
        for (size_t j = i + 1; j < s->n && disjoint; j++) {
            struct node_start st = node_start(&s->nodes[j]);
            disjoint = !overlaps(&nd->set, &st);
            if (!st.empty) {
                ends_empty = false;
                break;
            }
        }
        if (disjoint && !ends_empty) {
            nd->mode = POSSESSIVE;
            nd->as_greedy = true;
        }
    }
}

static struct piece read_sequence(struct reader *r, struct seq *s)
{
    struct piece seq = piece_empty();
    while (!r->failed && r->i < r->n && peek(r) != '|' && peek(r) != ')') {
        struct piece e = read_element(r, s);
        piece_concat(&seq, &e);
    }
    join_literals(s);
    possess_repetitions(s);
    if (s->n < s->cap) { /* no more room than its nodes take: they are read-only now */
        s->nodes = xrealloc(s->nodes, s->n * sizeof *s->nodes);
        s->cap = s->n;
    }
    return seq;
}

/* One alternative of group. */
static struct piece read_alternative(struct reader *r, struct node *group)
{
    size_t k = group->nalts;
    group_push(group);
    struct piece p = read_sequence(r, &group->alts[k]);
    struct seq *alt = &group->alts[k];
    if (!p.nullable && !p.first.any) {
        struct set_builder first = {0};
        builder_union(&first, &p.first);
        charset_build(r->p, &alt->first, &first);
        builder_free(&first);
    }
    if (!p.nullable && !p.required.any && p.reach != UNBOUNDED) {
        struct set_builder required = {0};
        builder_union(&required, &p.required);
        charset_build(r->p, &alt->required, &required);
        builder_free(&required);
        alt->reach = p.reach;
    }
    return p;
}

/* Alternatives, each a sequence of group. */
static struct piece read_alternation(struct reader *r, struct node *group)
{
    struct piece p = read_alternative(r, group);
    while (!r->failed && take_if(r, '|')) {
        struct piece q = read_alternative(r, group);
        piece_alternate(&p, &q);
    }
    return p;
}
/* The alternatives of a dispatching group that c can begin. */
uint64_t pattern_dispatch(const struct node *nd, UChar32 c)
{
    size_t lo = 0, hi = nd->ndispatch;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nd->dispatch_char[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nd->ndispatch && nd->dispatch_char[lo] == c ? nd->dispatch_alts[lo] : 0;
}

/* ------------------------------------------------------------ the whole */

enum { NATIVE_MAX_SOURCE = 4096 }; /* UTF-16 units of a pattern's source */

void pattern_read(struct pattern *p, const UChar *source, int32_t n)
{
    p->root = xcalloc(1, sizeof *p->root);
    *p->root = (struct node){.kind = N_GROUP, .min = 1, .max = 1, NO_SETS};
    p->root->first.any = p->root->last.any = true;
    struct reader r = {.p = p, .s = source, .n = n, .native = true};
    struct piece whole = read_alternation(&r, p->root);
    group_fit(p->root);
    group_sets(p, p->root, &whole);
    make_dispatch(p->root);
    if (r.failed || r.i < r.n) {
        whole.first.any = whole.last.any = whole.required.any = true;
        whole.max_length = UNBOUNDED;
        whole.anchored = false;
        r.native = false;
    }
    if (whole.nullable) /* an empty match begins, ends and holds nothing */
        whole.first.any = whole.last.any = whole.required.any = true;
    charset_build(p, &p->first, &whole.first);
    charset_build(p, &p->last, &whole.last);
    charset_build(p, &p->required, &whole.required);
    p->max_length = whole.max_length;
    p->reach = whole.required.any ? UNBOUNDED : whole.reach;
    p->end_anchored = whole.anchored;
    /* the matcher recurses once a node on its way: a long pattern (no rule
     * is near this) is left to ICU, whose backtracking stack is on the heap */
    p->native = r.native && n <= NATIVE_MAX_SOURCE;
    p->whole = xcalloc(1, sizeof *p->whole);
    *p->whole = (struct seq){.nodes = p->root, .n = 1, .cap = 1, .first = {.any = true, .filter = no_filter},
                             .required.filter = no_filter};
    piece_free(&whole);
}

void pattern_unread(struct pattern *p)
{
    free(p->first.ranges);
    free(p->last.ranges);
    free(p->required.ranges);
    node_free(p->root);
    free(p->root);
    free(p->whole);
    for (size_t i = 0; i < p->nfilters; i++)
        free(p->filters[i]);
    free(p->filters);
}
