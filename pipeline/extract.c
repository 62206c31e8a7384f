/* extract: rules applied around each numeral of a sentence.
 *
 * Per sentence: the spans that no claim may touch (exclusion and time_ref
 * patterns) are found first; then every numeral is read with the longest
 * unit that fits, trying the shorter readings the scanner offers (3千米 is
 * 3 km, not 3000 m); then, over the sentence's claims, roles, periods, time
 * references and subjects. Word segmentation runs only where a Han numeral
 * needs checking, over the window of Han text around it. The exclusion and
 * time patterns are searched together (rs->spans, one pass a sentence). */
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "decode.h"
#include "numbers.h"
#include "tables.h"

/* A sentence longer than this (UTF-16 units) is written as the claim's
 * surroundings, SENTENCE_CONTEXT either side: one row per claim must not
 * carry a megabyte each. */
enum { SENTENCE_MAX = 400, SENTENCE_CONTEXT = 150 };

struct span {
    int32_t start, end;
    const struct word_list *for_units; /* an exclusion for figures of these units only */
    bool except;                   /* for figures of all units but these (for_units) */
    bool joined;                   /* a time made of two joined by a word (3月至5月) */
};

/* Spans found in a sentence, in the order found, and an index of them
 * (spans_index, once they are all found) so that a sentence with
 * thousands of figures asks each question in logarithmic time. */
struct ordered {
    int32_t start, end;
    uint32_t i;                    /* its place in at[] */
};

struct spans {
    struct span *at;
    size_t n, cap;
    struct ordered *by_start;      /* by start, then place */
    struct ordered *by_end;        /* by end, then place */
    int32_t *reach;                /* the largest end of by_start[0..k] */
    size_t *free_upto;             /* times: 1 + the last of by_end[0..k] in no change
                                    * phrase, 0 if none (set by assign_time_refs) */
    size_t index_cap;
};

/* What a claim carries while its sentence is being read. */
struct pending {
    int32_t role_marker;           /* where a change or delta phrase begins, else -1 */
    bool delta_after;              /* a delta by the words after it (2%的涨幅) */
    bool from_table;               /* its unit is its table's */
    const struct implied_unit_rule *implied; /* the noun rule whose unit it took (人口为512万) */
    const char *rule;              /* rule ids, "+"-joined (one of rule_ids), or NULL */
};

/* The strings of rule ids the claims of a document were made by, each
 * once, in the document's arena: a long list's 40,000 figures share a few. */
struct rule_ids {
    const char **slot;             /* open addressing; NULL: empty */
    size_t cap, n;
    struct buf joined;             /* scratch: a string being made */
};

/* A unit read off a table's header or caption (单位：亿元, （%）): a figure
 * of the column takes it, times the multiplier written with it. */
struct table_unit {
    const struct unit_rule *unit, *per;
    struct decimal factor;
    const char *rule;              /* the rule id that found it */
};

/* What a table gives the figures of one of its cells. */
struct cell_context {
    struct table_unit unit;        /* unit == NULL: none */
    int32_t first;                 /* a figure that begins here takes the unit */
    const char *subject;
    const char *role, *role_rule;  /* delta, from the column's header; else NULL */
    const char *time_ref;
};

struct sentence_ctx {
    struct segmenter *sg;
    const struct rule_set *rs;
    struct doc *doc;
    const UChar *t;
    int32_t start, end;
    struct spans excluded, times;
    struct spans unit_excluded;    /* exclusions for figures of some units only */
    struct pattern_scratch spans_scratch; /* for the search of rs->spans */
    struct spans changes;          /* from the change marker to the to end */
    struct spans bases;            /* times that are a comparison's base (较去年春节档), unindexed */
    bool *words;                   /* word boundaries (by sentence offset), known for */
    size_t words_cap;
    int32_t words_from, words_to;  /* t[words_from, words_to]; from > to: none yet */
    /* Where the clause (phrase) holding each place of the sentence begins,
     * and where its clause ends: made on first use, each sentence. */
    int32_t *clause_from, *phrase_from, *clause_to;
    size_t clauses_cap;
    bool clauses_ready;
    size_t first;                  /* the sentence's first claim in doc->claims */
    struct pending *pending;       /* one per claim of the sentence */
    size_t pending_cap;
    struct rule_ids rule_ids;
    const char *sentence;          /* UTF-8, made when the first claim is */
    const struct cell_context *cell; /* reading a table's cell, else NULL */
    struct spans table_spans;      /* what of the document's tables no sentence reads */
    bool place_read;               /* place_unit is known: */
    const struct place_rule *place;  /* the document's place, or NULL */
    const struct unit_rule *place_unit; /* the money of the document's place, or NULL */
};

/* One way of reading a numeral and what follows it. */
struct reading {
    int32_t start, end;            /* the quote */
    int32_t number_end;            /* end of the numeral (and of 余/多) */
    struct decimal number, upper;
    bool is_range, has_multiplier;
    struct decimal multiplier;     /* the trailing 万/亿 of this reading */
    const struct unit_rule *unit;
    const struct qualifier_rule *qualifier;
    const char *connector;         /* range or list connector rule id */
    const char *vague;             /* vague numeral rule id (几十, 上万) */
    const struct unit_rule *per;   /* a rate's denominator (元/吨), with its separator rule id */
    const char *rate;
    const char *table;             /* the unit is a table's or implied (rule id), not written here */
    const struct implied_unit_rule *implied; /* the noun rule whose unit it took, or NULL */
    const char *carry;             /* rule id of what joins it to the figure it took its unit from */
    const char *half;              /* halves rule id (三斤半) */
    const char *compound;          /* compound rule id of the last part (5元3角) */
    const char *plus_minus;        /* plus-minus sign rule id (正负3%: bounds −3 to 3) */
    int int_digits;                /* the numeral is a plain integer of so many digits, else 0 */
};

static char *utf8_of(struct doc *doc, const UChar *s, int32_t n)
{
    char *out = arena_alloc(&doc->arena, 3 * (size_t)n + 1);
    out[decode_utf8_of(out, s, n)] = '\0';
    return out;
}

/* [a, b) holds nothing but blanks and at most one word of l. */
static bool only_word_between(const struct word_list *l, const UChar *t, int32_t a, int32_t b)
{
    while (a < b && (u_isspace(t[a]) || t[a] == 0x3000))
        a++;
    while (b > a && (u_isspace(t[b - 1]) || t[b - 1] == 0x3000))
        b--;
    return a == b || word_list_match(l, t, a, b) == b - a;
}

static void spans_push(struct spans *s, int32_t start, int32_t end)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->at = xrealloc(s->at, s->cap * sizeof *s->at);
    }
    s->at[s->n++] = (struct span){start, end, NULL, false, false};
}

static int by_start_order(const void *x, const void *y)
{
    const struct ordered *a = x, *b = y;
    return a->start != b->start ? (a->start < b->start ? -1 : 1) : a->i < b->i ? -1 : a->i > b->i;
}

static int by_end_order(const void *x, const void *y)
{
    const struct ordered *a = x, *b = y;
    return a->end != b->end ? (a->end < b->end ? -1 : 1) : a->i < b->i ? -1 : a->i > b->i;
}

static void spans_index(struct spans *s)
{
    if (!s->n)
        return;
    if (s->n > s->index_cap) {
        s->index_cap = s->cap;
        s->by_start = xrealloc(s->by_start, s->index_cap * sizeof *s->by_start);
        s->by_end = xrealloc(s->by_end, s->index_cap * sizeof *s->by_end);
        s->reach = xrealloc(s->reach, s->index_cap * sizeof *s->reach);
        s->free_upto = xrealloc(s->free_upto, s->index_cap * sizeof *s->free_upto);
    }
    for (size_t i = 0; i < s->n; i++)
        s->by_start[i] = s->by_end[i] = (struct ordered){s->at[i].start, s->at[i].end, (uint32_t)i};
    qsort(s->by_start, s->n, sizeof *s->by_start, by_start_order);
    qsort(s->by_end, s->n, sizeof *s->by_end, by_end_order);
    for (size_t k = 0; k < s->n; k++)
        s->reach[k] = k && s->reach[k - 1] > s->by_start[k].end ? s->reach[k - 1] : s->by_start[k].end;
}

static void spans_free(struct spans *s)
{
    free(s->at);
    free(s->by_start);
    free(s->by_end);
    free(s->reach);
    free(s->free_upto);
}

/* How many of v[0..n), in order of their ends (by_end) or starts, have
 * that end or start before `at` (or at it, with or_at). */
static size_t count_before(const struct ordered *v, size_t n, bool by_end, int32_t at, bool or_at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int32_t x = by_end ? v[mid].end : v[mid].start;
        if (x < at || (or_at && x == at))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t starting_before(const struct spans *s, int32_t at, bool or_at)
{
    return count_before(s->by_start, s->n, false, at, or_at);
}

static size_t ending_before(const struct spans *s, int32_t at, bool or_at)
{
    return count_before(s->by_end, s->n, true, at, or_at);
}

/* Does an indexed span overlap [start, end)? */
static bool spans_overlap(const struct spans *s, int32_t start, int32_t end)
{
    size_t k = starting_before(s, end, false);
    return k && s->reach[k - 1] > start;
}

/* Is name in the words of l, whole? */
static bool in_words(const struct word_list *l, const char *name)
{
    UChar u[32];
    int32_t n = 0;
    for (; name[n] && n < 32; n++)
        u[n] = (UChar)(unsigned char)name[n];
    return n < 32 && word_list_match(l, u, 0, n) == n;
}

/* Does an indexed span of s, an exclusion held for some units only (一批
 * but not 一美元), hold for a figure over [start, end) of unit u? */
static bool excluded_for(const struct spans *s, int32_t start, int32_t end, const struct unit_rule *u)
{
    /* the spans that start before end, back while one of them reaches start */
    for (size_t k = starting_before(s, end, false); k > 0 && s->reach[k - 1] > start; k--) {
        const struct span *x = &s->at[s->by_start[k - 1].i];
        if (x->end > start && x->except != (in_words(x->for_units, u->unit) || in_words(x->for_units, u->kind)))
            return true;
    }
    return false;
}

/* A match of the spans' patterns: an exclusion or a time reference. */
static const struct unit_rule *place_money(const struct rule_set *rs, const struct doc *doc,
                                           const struct place_rule **place);

/* The document's place (place_money), asked once a document; NULL where it
 * names none. */
static const struct place_rule *document_place(struct sentence_ctx *cx)
{
    if (!cx->place_read) {
        cx->place = NULL;
        cx->place_unit = place_money(cx->rs, cx->doc, &cx->place);
        cx->place_read = true;
    }
    return cx->place;
}

static void push_found(void *ctx, size_t k, int32_t a, int32_t b)
{
    struct sentence_ctx *cx = ctx;
    if (k < cx->rs->n_exclusions && (cx->rs->exclusions[k].for_units.n || cx->rs->exclusions[k].except_units.n)) {
        const struct pattern_rule *p = &cx->rs->exclusions[k];
        spans_push(&cx->unit_excluded, a, b);
        struct span *x = &cx->unit_excluded.at[cx->unit_excluded.n - 1];
        x->except = !p->for_units.n;
        x->for_units = x->except ? &p->except_units : &p->for_units;
        return;
    }
    if (k >= cx->rs->n_exclusions) {
        const struct place_rule *place = cx->rs->time_refs[k - cx->rs->n_exclusions].place_rule;
        if (place && document_place(cx) != place)
            return; /* 106年 is a year of Taiwan's calendar only in a report of Taiwan */
    }
    spans_push(k < cx->rs->n_exclusions ? &cx->excluded : &cx->times, a, b);
}

/* Patterns that end at a figure ($) look this far back at most: a verb, a
 * comparison, a marker and what stands between. */
enum { BEFORE_REACH = 32 };

/* Does p match within t[start, end) so that the match ends at end (the
 * pattern ends in $)? The match start goes to *at. */
static bool match_ending_at(const struct sentence_ctx *cx, struct pattern *p, int32_t start,
                            int32_t end, int32_t *at)
{
    if (!p)
        return false;
    /* 同比增长 7.3%: the space of a typeset page before the figure */
    while (end > start && u_charType(cx->t[end - 1]) == U_SPACE_SEPARATOR)
        end--;
    if (end - start > BEFORE_REACH)
        start = end - BEFORE_REACH;
    return pattern_find(p, cx->t, start, end, at);
}

/* ------------------------------------------------------------ lexicon */

static const struct qualifier_rule *qualifier_at(const struct sentence_ctx *cx, int32_t pos,
                                                 enum qualifier_position where,
                                                 const struct unit_rule *unit, int32_t *len);

/* Has the integer part of the figure written in digits at num_start at
 * least n digits (thousands separators between them are stepped over)?
 * A figure with a multiplier (3萬) has as many as its value. */
static bool has_int_digits(const struct sentence_ctx *cx, int32_t num_start, const struct reading *r,
                           int n)
{
    if (r && r->has_multiplier) {
        int64_t least = 1;
        for (int i = 1; i < n; i++)
            least *= 10;
        return decimal_cmp(r->number, decimal_int(least)) >= 0;
    }
    int k = 0;
    for (int32_t p = num_start; p < cx->end && k < n; p++) {
        if (u_isdigit(cx->t[p]))
            k++;
        else if (!((cx->t[p] == ',' || cx->t[p] == 0xFF0C) && p + 1 < cx->end && u_isdigit(cx->t[p + 1])))
            break;
    }
    return k >= n;
}

/* Does the figure at num_start begin its clause: nothing but a qualifier
 * (约) and spaces between it and the sentence's start or a punctuation
 * mark? */
static bool begins_clause(const struct sentence_ctx *cx, int32_t num_start)
{
    int32_t n, p = num_start;
    if (qualifier_at(cx, p, QUAL_BEFORE, NULL, &n))
        p -= n;
    while (p > cx->start && u_charType(cx->t[p - 1]) == U_SPACE_SEPARATOR)
        p--;
    return p == cx->start || !u_isalnum(cx->t[p - 1]);
}

/* Does the phrase end after the unit u ending at pos: the sentence's end,
 * a punctuation mark or a space, or a qualifier written after a unit
 * (三千块左右)? */
static bool ends_phrase(const struct sentence_ctx *cx, const struct unit_rule *u, int32_t pos)
{
    int32_t n;
    return pos >= cx->end || !u_isalnum(cx->t[pos]) || qualifier_at(cx, pos, QUAL_AFTER_UNIT, u, &n);
}

/* Does one of u's near words stand within two characters after the unit
 * ending at unit_end (8级大风, 6级风), or, a word of two characters or more,
 * before the numeral at num_start in its sentence (风力10级; 风 alone is
 * too short to tell there: 风险)? For a rule that says so, a figure that
 * begins its clause or has a multiplier (multiplied) needs none (三五百块). */
static bool near_word(const struct sentence_ctx *cx, const struct unit_rule *u, int32_t num_start,
                      bool multiplied, int32_t unit_end)
{
    if (u->near_or_spoken && (multiplied || begins_clause(cx, num_start)))
        return true;
    for (int32_t p = unit_end; p < unit_end + 2 && p < cx->end; p++)
        if (word_list_match(&u->near_words, cx->t, p, cx->end))
            return true;
    for (int32_t p = cx->start; p < num_start; p++)
        if (word_list_match(&u->near_words, cx->t, p, num_start) > 1)
            return true;
    return false;
}

static const char *connector_at(const struct word_rule *rules, size_t n, const UChar *t,
                                int32_t pos, int32_t end, int32_t *len);

/* Are t[a, b) the words between two members of a list: a list connector
 * (、) and no other mark (a comma or a semicolon parts clauses)? */
static bool list_between(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    bool joined = false;
    for (int32_t p = a, n; p < b; p++) {
        if (connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, p, b, &n)) {
            joined = true;
            p += n - 1;
        } else if (u_ispunct(cx->t[p])) {
            return false;
        }
    }
    return joined;
}

/* Does a word of a place class (the lexicon's ns, nt) end right before the
 * digits that end at pos (广东23)? */
static bool place_before_digits(const struct sentence_ctx *cx, int32_t pos)
{
    enum { WORDS_BACK = 2 * WORDCLASS_MAX_WORD };
    while (pos > cx->start && u_isdigit(cx->t[pos - 1]))
        pos--;
    int32_t a = pos - WORDS_BACK > cx->start ? pos - WORDS_BACK : cx->start;
    struct wc_word w[WORDS_BACK];
    size_t k = pos > a && cx->rs->words ? wordclass_segment(cx->rs->words, cx->t, a, pos, w) : 0;
    return k && w[k - 1].end == pos && name_list_has(&cx->rs->subject.place_classes, w[k - 1].tag);
}

/* Is the unit u's word of n characters at pos one of a tally: does the
 * sentence hold, right after a digit, another of u's words (58金 55银), or
 * the same word in a list with this one where places count them
 * (广东23金、山东22金; not 宝剑500金、盾牌300金, prices)? */
static bool in_tally(const struct sentence_ctx *cx, const struct unit_rule *u, int32_t pos, int32_t n)
{
    enum { NEIGHBOUR_MAX = 24 }; /* how far the next member of a list stands: 23金、山东22金 */
    int place = -1;              /* place_before_digits(pos), asked once where needed */
    for (int32_t q = cx->start + 1; q < cx->end; q++) {
        if (q == pos || !u_isdigit(cx->t[q - 1]))
            continue;
        int32_t m = word_list_match(&u->words, cx->t, q, cx->end);
        if (!m)
            continue;
        if (m != n || memcmp(cx->t + q, cx->t + pos, (size_t)n * sizeof *cx->t))
            return true;
        if (abs(q - pos) > NEIGHBOUR_MAX || !list_between(cx, q < pos ? q : pos, q < pos ? pos : q))
            continue;
        if (place < 0)
            place = place_before_digits(cx, pos);
        if (place && place_before_digits(cx, q))
            return true;
    }
    return false;
}

/* An ASCII letter, and an ASCII letter or digit: what a unit written in
 * Latin symbols (GW, m3) is made of. */
static bool latin_letter(UChar c)
{
    return c < 0x80 && isalpha(c);
}

static bool latin_alnum(UChar c)
{
    return c < 0x80 && isalnum(c);
}

/* A money unit of its own currency (not a local one) whose word ends at
 * pos: its length back from pos. */
static const struct unit_rule *named_currency(const struct sentence_ctx *cx, int32_t pos, int32_t *len)
{
    const struct unit_rule *best = NULL;
    int32_t best_len = 0;
    *len = 0;
    if (pos <= cx->start || !WORD_LIST_BIT(cx->rs->currency_lasts, cx->t[pos - 1]))
        return NULL; /* no currency's word ends here */
    for (size_t i = 0; i < cx->rs->n_units; i++) {
        const struct unit_rule *u = &cx->rs->units[i];
        if (u->local || u->after_currency || u->position != UNIT_SUFFIX)
            continue;
        int32_t n = word_list_match_before(&u->words, cx->t, cx->start, pos);
        if (n > best_len && !strcmp(u->kind, "money")) {
            best = u;
            best_len = n;
        }
    }
    *len = best_len;
    return best;
}

/* The currency named right before the numeral at pos, blanks between
 * (港币 2960元): its rule, and where its word begins in *at; NULL where none. */
static int32_t spaces_before(const struct sentence_ctx *cx, int32_t lo, int32_t pos);

static const struct unit_rule *currency_before(const struct sentence_ctx *cx, int32_t pos, int32_t *at)
{
    pos -= spaces_before(cx, cx->start, pos);
    int32_t n;
    const struct unit_rule *named = named_currency(cx, pos, &n);
    *at = pos - n;
    return named;
}

/* The currency named right after a local 元 at pos (21.8億元人民幣): its
 * rule and the length of its word in *len; NULL where none. */
static const struct unit_rule *currency_after(const struct sentence_ctx *cx, int32_t pos, int32_t *len)
{
    const struct rule_set *rs = cx->rs;
    const struct unit_rule *best = NULL;
    *len = 0;
    unsigned b = pos < cx->end ? cx->t[pos] & 1023 : 0; /* the units whose words begin with t[pos] */
    for (size_t k = rs->unit_index_start[b]; pos < cx->end && k < rs->unit_index_start[b + 1]; k++) {
        const struct unit_rule *u = &rs->units[rs->unit_index[k]];
        if (u->local || u->after_currency || u->position != UNIT_SUFFIX || strcmp(u->kind, "money"))
            continue;
        int32_t n = word_list_match(&u->words, cx->t, pos, cx->end);
        if (n > *len) {
            best = u;
            *len = n;
        }
    }
    return best;
}

/* Does the Han numeral at pos begin with a digit (三千, 两万), not with a
 * multiplier alone (十分, 千瓦)? */
static bool digit_first(const struct sentence_ctx *cx, int32_t pos)
{
    return numbers_han_digit(cx->rs, cx->t, pos, cx->end) >= 1;
}

/* Does a word of a place class in the lexicon begin at pos and run past
 * its first n characters (台湾, 臺北市 after 台)? */
static bool begins_place(const struct sentence_ctx *cx, int32_t pos, int32_t n)
{
    enum { PLACE_WINDOW = 6 };
    int32_t end = pos + PLACE_WINDOW < cx->end ? pos + PLACE_WINDOW : cx->end;
    if (!cx->rs->words || pos + n >= end || !u_hasBinaryProperty(cx->t[pos + n], UCHAR_IDEOGRAPHIC))
        return false;
    struct wc_word w[PLACE_WINDOW];
    size_t k = wordclass_segment(cx->rs->words, cx->t, pos, end, w);
    return k > 0 && w[0].start == pos && w[0].end > pos + n && name_list_has(&cx->rs->subject.place_classes, w[0].tag);
}

/* The longest unit at pos, for a numeral that begins at num_start (a unit
 * that needs a word before the numeral, like 翻一番, is checked there) and
 * is a plain integer of int_digits digits (0: it is not); with per, only
 * units that can be a rate's denominator. Of two rules of one word, the
 * one with a condition on the numeral or the phrase wins (85折, 三千块). */
static const struct unit_rule *suffix_unit(const struct sentence_ctx *cx, int32_t pos,
                                           int32_t num_start, const struct reading *r, bool per,
                                           int32_t *len)
{
    int int_digits = r ? r->int_digits : 0;
    const struct unit_rule *best = NULL;
    int32_t best_len = 0;
    const struct rule_set *rs = cx->rs;
    unsigned b = pos < cx->end ? cx->t[pos] & 1023 : 0;
    for (size_t k = rs->unit_index_start[b]; pos < cx->end && k < rs->unit_index_start[b + 1]; k++) {
        const struct unit_rule *u = &rs->units[rs->unit_index[k]];
        if (per ? !u->per : u->position != UNIT_SUFFIX)
            continue;
        if (u->before_number.n && !word_list_match_before(&u->before_number, cx->t, cx->start, num_start))
            continue;
        /* a Han numeral of a digit and a multiplier is as sure a figure as
         * digits are before the measure words of a rule that says so
         * (一萬九千三百四十對; 九间棚 is a name, 十分 an adverb, 一百单八将
         * a phrase) */
        if (u->digits_only && !u_isdigit(cx->t[num_start]) &&
            !(u->han_multiplied && r && r->has_multiplier && digit_first(cx, num_start)))
            continue;
        int32_t at;
        if (u->after_currency && !currency_before(cx, num_start, &at))
            continue;
        if (u->int_digits && u->int_digits != int_digits)
            continue;
        if (u->min_int_digits && !has_int_digits(cx, num_start, r, u->min_int_digits))
            continue;
        int32_t n = word_list_match(&u->words, cx->t, pos, cx->end);
        /* a unit of Latin letters ends its word: GW of 2.6GWh is not a unit */
        if (n && pos + n < cx->end && latin_letter(cx->t[pos + n - 1]) && latin_letter(cx->t[pos + n]))
            continue;
        bool longer = n > best_len || (n && n == best_len && (u->int_digits || u->phrase_end || u->after_currency) &&
                                       !best->int_digits && !best->phrase_end && !best->after_currency);
        if (longer && !word_list_match(&u->not_followed_by, cx->t, pos + n, cx->end) &&
            (!u->phrase_end || ends_phrase(cx, u, pos + n)) && (!u->tally || in_tally(cx, u, pos, n)) &&
            (!u->near_words.n || near_word(cx, u, num_start, r && r->has_multiplier, pos + n))) {
            best = u;
            best_len = n;
        }
    }
    /* a measure word of one character that begins the name of a place
     * (5 台湾同胞, 59170595 臺北市) is none */
    if (best && best_len == 1 && !strcmp(best->kind, "count") && begins_place(cx, pos, best_len)) {
        best = NULL;
        best_len = 0;
    }
    *len = best_len;
    return best;
}

/* A unit written before the numeral at pos (百分之十五), perhaps with a
 * linking word between (诊疗人次达6832.5万): its length back from pos. */
static const struct unit_rule *prefix_unit(const struct sentence_ctx *cx, int32_t pos, int32_t *len)
{
    const struct unit_rule *best = NULL;
    int32_t best_len = 0;
    for (size_t i = 0; i < cx->rs->n_units; i++) {
        const struct unit_rule *u = &cx->rs->units[i];
        if (u->position != UNIT_PREFIX)
            continue;
        int32_t gap = word_list_match_before(&u->gap_words, cx->t, cx->start, pos);
        int32_t n = word_list_match_before(&u->words, cx->t, cx->start, pos);
        if (!n && gap && (n = word_list_match_before(&u->words, cx->t, cx->start, pos - gap)))
            n += gap;
        if (n > best_len) {
            best = u;
            best_len = n;
        }
    }
    *len = best_len;
    return best;
}

/* The longest qualifier at pos (before it, for QUAL_BEFORE); after a unit,
 * unit is that unit (a rule may take only units of one kind). */
static const struct qualifier_rule *qualifier_at(const struct sentence_ctx *cx, int32_t pos,
                                                 enum qualifier_position where,
                                                 const struct unit_rule *unit, int32_t *len)
{
    const struct qualifier_rule *best = NULL;
    int32_t best_len = 0;
    for (size_t i = 0; i < cx->rs->n_qualifiers; i++) {
        const struct qualifier_rule *q = &cx->rs->qualifiers[i];
        if (q->position != where || q->reach || (q->unit_kind && (!unit || strcmp(q->unit_kind, unit->kind))))
            continue;
        int32_t n = where == QUAL_BEFORE ? word_list_match_before(&q->words, cx->t, cx->start, pos)
                                         : word_list_match(&q->words, cx->t, pos, cx->end);
        /* the 约 of 签约 ends another word */
        if (n && where == QUAL_BEFORE &&
            word_list_match_before(&q->not_preceded_by, cx->t, cx->start, pos - n))
            continue;
        /* the 多 of 多元 begins another word */
        if (n && where != QUAL_BEFORE && word_list_match(&q->not_followed_by, cx->t, pos + n, cx->end))
            continue;
        if (n > best_len) {
            best = q;
            best_len = n;
        }
    }
    *len = best_len;
    return best;
}

static bool is_delimiter(const struct sentence_ctx *cx, int32_t pos, bool phrase);

/* A before-qualifier with a reach that governs the figure at pos from a
 * few words back (约占广告开支七成), with no figure, blank or delimiter
 * between; the quote does not take it. */
/* Does a word that links a noun to its figure (为, 是, 达) end at pos? A
 * qualifier before such a noun does not reach the figure: 就业不足率为1.2%. */
static int32_t link_length_before(const struct sentence_ctx *cx, int32_t pos)
{
    int32_t longest = 0;
    for (size_t k = 0; k < cx->rs->n_implied_unit_links; k++) {
        int32_t n = word_list_match_before(&cx->rs->implied_unit_links[k].words, cx->t, cx->start, pos);
        longest = n > longest ? n : longest;
    }
    return longest;
}

static bool link_before(const struct sentence_ctx *cx, int32_t pos)
{
    return link_length_before(cx, pos) > 0;
}

static const struct qualifier_rule *qualifier_reaching(const struct sentence_ctx *cx, int32_t pos,
                                                       const struct unit_rule *unit)
{
    for (size_t i = 0; i < cx->rs->n_qualifiers; i++) {
        const struct qualifier_rule *q = &cx->rs->qualifiers[i];
        if (q->position != QUAL_BEFORE || !q->reach || (q->unit_kind && strcmp(q->unit_kind, unit->kind)))
            continue;
        for (int32_t p = pos; p > cx->start && pos - p <= q->reach; p--) {
            int32_t n = word_list_match_before(&q->words, cx->t, cx->start, p);
            /* the 約 of 合約佔 ends another word */
            if (n && !word_list_match_before(&q->not_preceded_by, cx->t, cx->start, p - n))
                return q;
            if (numbers_is_numeral_char(cx->rs, cx->t, p - 1, cx->end) || u_isspace(cx->t[p - 1]) ||
                is_delimiter(cx, p - 1, false) || link_before(cx, p))
                break;
        }
    }
    return NULL;
}

static const char *connector_at(const struct word_rule *rules, size_t n, const UChar *t,
                                int32_t pos, int32_t end, int32_t *len)
{
    for (size_t i = 0; i < n; i++) {
        int32_t k = word_list_match(&rules[i].words, t, pos, end);
        if (k) {
            *len = k;
            return rules[i].id;
        }
    }
    *len = 0;
    return NULL;
}

/* Spaces of a typeset page: up to three space separators from pos. */
static int32_t spaces_at(const struct sentence_ctx *cx, int32_t pos)
{
    int32_t q = pos;
    while (q < cx->end && q - pos < 3 && u_charType(cx->t[q]) == U_SPACE_SEPARATOR)
        q++;
    return q - pos;
}

/* Spaces of a typeset page before pos: up to three space separators back
 * to lo at most. */
static int32_t spaces_before(const struct sentence_ctx *cx, int32_t lo, int32_t pos)
{
    int32_t q = pos;
    while (q > lo && pos - q < 3 && u_charType(cx->t[q - 1]) == U_SPACE_SEPARATOR)
        q--;
    return pos - q;
}

/* A range connector after a figure's first end at pos: 8—10万元, 20 - 100个,
 * 1万(含)-5万元 (an aside on the first end before it). Its rule id, and
 * the length of all of it in *len. */
static const char *range_connector_at(const struct sentence_ctx *cx, int32_t pos, int32_t *len)
{
    const struct rule_set *rs = cx->rs;
    int32_t p = pos + spaces_at(cx, pos), n;
    connector_at(rs->range_asides, rs->n_range_asides, cx->t, p, cx->end, &n);
    p += n;
    const char *id = connector_at(rs->range_connectors, rs->n_range_connectors, cx->t, p, cx->end, &n);
    if (!id) {
        *len = 0;
        return NULL;
    }
    /* a blank before a minus sign and none after it, before a percentage,
     * begin a figure of its own, as a table's next cell: 101,421.14 -18.53%
     * (5 - 8%, 5-8% and 5 -8元 stay ranges) */
    bool spaced_before = p > pos, spaced_after = spaces_at(cx, p + n) > 0;
    struct numeral next;
    int32_t m;
    const struct unit_rule *u = spaced_before && !spaced_after && numbers_scan(rs, cx->t, p + n, cx->end, &next) &&
                                        next.start == p + n
                                    ? suffix_unit(cx, next.end + spaces_at(cx, next.end), next.start, NULL, false, &m)
                                    : NULL; /* -8.6 % as a typeset page sets it */
    bool percent = u && !strcmp(u->kind, "percent");
    for (size_t i = 0; percent && i < rs->n_minus_signs; i++)
        if (word_list_match(&rs->minus_signs[i].words, cx->t, p, cx->end) == n) {
            *len = 0;
            return NULL;
        }
    p += n;
    p += spaces_at(cx, p);
    *len = p - pos;
    return id;
}

static bool is_delimiter(const struct sentence_ctx *cx, int32_t pos, bool phrase)
{
    const struct subject_rule *s = &cx->rs->subject;
    return word_list_match(&s->clause_delimiters, cx->t, pos, cx->end) ||
           (phrase && word_list_match(&s->delimiters, cx->t, pos, cx->end));
}

/* The clauses of the sentence, at every place at once: a sentence without
 * a delimiter would otherwise be walked from each of its figures. */
static void find_clauses(struct sentence_ctx *cx)
{
    size_t n = (size_t)(cx->end - cx->start) + 1;
    if (n > cx->clauses_cap) {
        cx->clause_from = xrealloc(cx->clause_from, n * sizeof *cx->clause_from);
        cx->phrase_from = xrealloc(cx->phrase_from, n * sizeof *cx->phrase_from);
        cx->clause_to = xrealloc(cx->clause_to, n * sizeof *cx->clause_to);
        cx->clauses_cap = n;
    }
    const struct subject_rule *rule = &cx->rs->subject;
    int32_t s = cx->start;
    cx->clause_from[0] = cx->phrase_from[0] = s;
    for (int32_t i = s + 1; i <= cx->end; i++) {
        bool clause = is_delimiter(cx, i - 1, false);
        cx->clause_from[i - s] = clause ? i : cx->clause_from[i - 1 - s];
        cx->phrase_from[i - s] = clause || word_list_match(&rule->delimiters, cx->t, i - 1, cx->end)
                                     ? i
                                     : cx->phrase_from[i - 1 - s];
    }
    /* a clause delimiter at i is where a clause begins at i + 1 */
    cx->clause_to[cx->end - s] = cx->end;
    for (int32_t i = cx->end - 1; i >= s; i--)
        cx->clause_to[i - s] = cx->clause_from[i + 1 - s] == i + 1 ? i : cx->clause_to[i + 1 - s];
    cx->clauses_ready = true;
}

/* Where the clause (or, with phrase, the subject phrase) holding pos begins:
 * after the last delimiter before it. */
static int32_t clause_start(struct sentence_ctx *cx, int32_t pos, bool phrase)
{
    if (!cx->clauses_ready)
        find_clauses(cx);
    return (phrase ? cx->phrase_from : cx->clause_from)[pos - cx->start];
}

/* Where the clause holding pos ends: at the first delimiter from it. */
static int32_t clause_end(struct sentence_ctx *cx, int32_t pos)
{
    if (!cx->clauses_ready)
        find_clauses(cx);
    return cx->clause_to[pos - cx->start];
}

/* ------------------------------------------------------------ numerals */

/* Word boundaries of t[from, to] within the sentence (indexed from the
 * sentence's start), segmenting t[from, to) if they are not known yet. */
static const bool *words_of(struct sentence_ctx *cx, int32_t from, int32_t to)
{
    if (from < cx->words_from || to > cx->words_to) {
        size_t n = (size_t)(cx->end - cx->start) + 1;
        if (n > cx->words_cap) {
            cx->words = xrealloc(cx->words, n * sizeof *cx->words);
            cx->words_cap = n;
        }
        segment_words(cx->sg, cx->t, from, to, cx->words + (from - cx->start));
        cx->words_from = from;
        cx->words_to = to;
    }
    return cx->words;
}

/* Word boundaries of the whole sentence. */
static const bool *sentence_words(struct sentence_ctx *cx)
{
    return words_of(cx, cx->start, cx->end);
}

/* Can c stand inside a run of text that ICU's dictionary segmentation takes
 * as a whole (Han, kana, and what clings to them)? Spaces, punctuation and
 * digits cannot: a word boundary stands on either side of them next to such
 * a run, and what lies beyond does not change the words within it. Letters
 * and anything unsure count as inside: a window only grows. */
static bool inside_dictionary_run(UChar c)
{
    if (c < 0x80)
        return false;
    switch (u_charType(c)) {
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_DECIMAL_DIGIT_NUMBER:
        return false;
    default:
        return true;
    }
}

/* Word boundaries around t[from, to]: only the window of the sentence
 * between the separators nearest either side is segmented, which gives the
 * boundaries a segmentation of the whole sentence gives there. */
static const bool *words_around(struct sentence_ctx *cx, int32_t from, int32_t to)
{
    if (from >= cx->words_from && to <= cx->words_to)
        return cx->words; /* known: the window found before holds this one */
    while (from > cx->start && inside_dictionary_run(cx->t[from - 1]))
        from--;
    while (to < cx->end && inside_dictionary_run(cx->t[to]))
        to++;
    return words_of(cx, from, to);
}

/* The class of the longest word of the lexicon that begins at t[at] and is
 * longer than len units, or NULL if it holds none. */
static const char *longer_word(const struct sentence_ctx *cx, int32_t at, int32_t len)
{
    for (int32_t n = WORDCLASS_MAX_WORD; n > len; n--) {
        const char *tag = at + n <= cx->end ? wordclass_tag(cx->rs->words, cx->t + at, n, NULL) : NULL;
        if (tag)
            return tag;
    }
    return NULL;
}

/* A numeral written in Han characters only is a number when the word it
 * sits in begins with it (or with its qualifier) and ends within the quote:
 * 三峡, 八中 and 千方百计 are words that merely contain one. */
static bool han_numeral_stands_alone(struct sentence_ctx *cx, const struct numeral *num,
                                     int32_t quote_start, int32_t quote_end)
{
    int32_t from = num->start < quote_start ? num->start : quote_start;
    const bool *b = words_around(cx, from, quote_end);
    /* a particle ICU joins to the numeral begins no word with it: 有三|个
     * (a particle is Han, so the window that holds the numeral holds it:
     * its boundary is known once the particle is) */
    bool joined = num->start > cx->start &&
                  word_list_match(&cx->rs->numeral_joined_words, cx->t, num->start - 1, num->start) == 1 &&
                  num->start - 1 >= cx->words_from && b[num->start - 1 - cx->start];
    if (!b[num->start - cx->start] && !b[quote_start - cx->start] && !joined)
        return false;
    int32_t e = num->end;
    while (e < cx->end && !b[e - cx->start])
        e++;
    if (e > quote_end)
        return false;
    /* a word of the lexicon that begins with the numeral and runs past the
     * quote, of a class of names: 百家乐 (baccarat), which ICU splits */
    const char *tag = longer_word(cx, num->start, quote_end - num->start);
    return !tag || !name_list_has(&cx->rs->numeral_word_classes, tag);
}

/* Read what follows a numeral ending at `end` with value `number`. */
static void read_suffix(const struct sentence_ctx *cx, struct reading *r, int32_t end,
                        int32_t num_start, bool spaced, const struct unit_rule *prefixed)
{
    int32_t n, whole;
    const struct qualifier_rule *q = qualifier_at(cx, end, QUAL_AFTER_NUMBER, NULL, &n);
    /* a unit word that begins with the qualifier's is the unit's:
     * 12亿多米尼加比索 (no 多 and 米) */
    if (q && !prefixed && suffix_unit(cx, end, num_start, r, false, &whole) && whole > n)
        q = NULL;
    if (q) {
        r->qualifier = q;
        end += n;
    }
    r->number_end = end;
    if (prefixed) {
        r->unit = prefixed;
    } else {
        r->unit = suffix_unit(cx, end, num_start, r, false, &n);
        /* 6 天, 0.8 个百分点, 3729 座: a space of a typeset page before the
         * unit, after Arabic digits; not after what is most often a year
         * (2019 年, 07 年) nor in text set letter by letter (近 三 年) */
        int32_t gap = r->unit || !spaced ? 0 : spaces_at(cx, end);
        if (gap && (r->unit = suffix_unit(cx, end + gap, num_start, r, false, &n)) &&
            r->int_digits == 4 && !strcmp(r->unit->unit, "year"))
            r->unit = NULL;
        if (gap && r->unit)
            end += gap;
        end += n;
    }
    if (r->unit) {
        /* a rate: 2000元/吨 */
        const char *sep = connector_at(cx->rs->rate_separators, cx->rs->n_rate_separators, cx->t,
                                       end, cx->end, &n);
        int32_t m;
        const struct unit_rule *per = sep ? suffix_unit(cx, end + n, num_start, NULL, true, &m) : NULL;
        /* a denominator with its own quantity: 15.2元/500克 is per 500 g */
        struct numeral dn;
        const struct unit_rule *per_each = NULL;
        int32_t me = 0;
        if (sep && !per && end + n < cx->end && u_isdigit(cx->t[end + n]) &&
            numbers_scan(cx->rs, cx->t, end + n, cx->end, &dn) && dn.start == end + n && !dn.has_multiplier &&
            !dn.is_range && !dn.vague && dn.value.m > 0)
            per_each = suffix_unit(cx, dn.end, dn.start, NULL, true, &me);
        if (per_each) {
            struct decimal each;
            if (!decimal_div(r->number, dn.value, &each)) {
                /* 100元/3公斤: a rate that cannot be written whole is no figure */
                r->unit = NULL;
                r->end = r->number_end;
                return;
            }
            r->number = each;
            r->per = per_each;
            r->rate = sep;
            end = dn.end + me;
        } else if (per) {
            r->per = per;
            r->rate = sep;
            end += n + m;
        } else if (sep && latin_alnum(cx->t[end - 1]) && end + n < cx->end && latin_letter(cx->t[end + n])) {
            /* 50m3/s: a rate of symbols whose denominator no rule reads
             * is no figure of the unit before it */
            r->unit = NULL;
            r->end = r->number_end;
            return;
        }
        q = qualifier_at(cx, end, QUAL_AFTER_UNIT, r->unit, &n);
        /* a page set with blanks around its figures: 占全國 90% 以上 */
        int32_t blanks = q ? 0 : spaces_at(cx, end);
        if (blanks && (q = qualifier_at(cx, end + blanks, QUAL_AFTER_UNIT, r->unit, &n)))
            n += blanks;
        if (q && !r->qualifier) {
            r->qualifier = q;
            end += n;
        }
    }
    r->end = end;
}

/* Does a figure (or what closes one: a letter, a bracket, another dash)
 * end right before pos? A dash there joins two figures, 一-二个月,
 * 1万(含)-5万元, 1万元--5万元: it is no minus sign. */
static bool after_figure(const struct sentence_ctx *cx, int32_t pos)
{
    if (pos <= cx->start)
        return false;
    UChar before = cx->t[pos - 1];
    if (latin_alnum(before))
        return true;
    int8_t type = u_charType(before);
    if (type == U_END_PUNCTUATION || type == U_DASH_PUNCTUATION)
        return true;
    for (size_t i = 0; i < cx->rs->n_minus_signs; i++)
        if (word_list_match_before(&cx->rs->minus_signs[i].words, cx->t, cx->start, pos))
            return true;
    return numbers_is_numeral_char(cx->rs, cx->t, pos - 1, cx->end);
}

/* Is num an integer of Arabic digits after a leading zero (07, 000)? */
static bool leading_zero(const struct sentence_ctx *cx, const struct numeral *num)
{
    UChar c = cx->t[num->start];
    return (c == '0' || c == 0xFF10) && num->int_digits > 1;
}

/* May a space stand between num and its unit? Only after Arabic digits
 * with no leading zero (07 年); four of them are a year before 年 (see
 * read_suffix). */
static bool spaced_unit_ok(const struct sentence_ctx *cx, const struct numeral *num)
{
    return num->arabic && !leading_zero(cx, num);
}

/* Is the word t[from, to) in Han script the end of a longer word (the 负
 * of 胜负 and 抱负 is no minus sign)? */
static bool ends_a_word(struct sentence_ctx *cx, int32_t from, int32_t to)
{
    if (!u_hasBinaryProperty(cx->t[from], UCHAR_IDEOGRAPHIC))
        return false;
    return !words_around(cx, from, to)[from - cx->start];
}

/* number (and upper, of a range) times f, both or neither: false where a
 * product cannot be held. */
static bool scale_by(struct decimal *number, struct decimal *upper, bool range, struct decimal f)
{
    struct decimal n, u = *upper;
    if (!decimal_mul(*number, f, &n) || (range && !decimal_mul(*upper, f, &u)))
        return false;
    *number = n;
    *upper = u;
    return true;
}

/* Does t[a, b) hold a numeral's character, a digit or a multiplier (not
 * only a word of degree, 上)? */
static bool holds_numeral(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (u_getNumericValue(cx->t[p]) != U_NO_NUMERIC_VALUE || numbers_han_digit(cx->rs, cx->t, p, b) >= 0)
            return true;
    return false;
}

/* The best reading of num: the longest unit, the longest numeral. With
 * signed_, a minus sign before it counts (not for the second end of a
 * range or a later member of a list, where it is the connector). */
static struct reading read_numeral(struct sentence_ctx *cx, const struct numeral *num,
                                   bool signed_)
{
    struct reading best = {0};
    int32_t start = num->start, n;
    /* a plus-minus sign (±, 正负) is no minus: before a figure of its own
     * it states the bounds −x to x; after one (100±5) it is a tolerance */
    const char *plus_minus = NULL;
    for (size_t i = 0; signed_ && i < cx->rs->n_plus_minus_signs && !plus_minus; i++) {
        n = word_list_match_before(&cx->rs->plus_minus_signs[i].words, cx->t, cx->start, start);
        if (n && !after_figure(cx, start - n)) {
            plus_minus = cx->rs->plus_minus_signs[i].id;
            start -= n;
        } else if (n) {
            signed_ = false;
        }
    }
    /* a minus sign right before the digits, not the dash of a range (10-20) */
    bool negative = false;
    for (size_t i = 0; signed_ && !plus_minus && i < cx->rs->n_minus_signs && !negative; i++) {
        n = word_list_match_before(&cx->rs->minus_signs[i].words, cx->t, cx->start, start);
        if (n && !after_figure(cx, start - n) && !ends_a_word(cx, start - n, start)) {
            negative = true;
            start -= n;
        }
    }
    /* a plus sign right before the digits and after no word is the
     * figure's, as a minus is (+2051% in a column of changes); after one it
     * joins (33.0分+15.4篮板) */
    for (size_t i = 0; signed_ && !plus_minus && !negative && i < cx->rs->n_plus_signs; i++) {
        n = word_list_match_before(&cx->rs->plus_signs[i].words, cx->t, cx->start, start);
        if (n && (start - n == cx->start || !u_isalnum(cx->t[start - n - 1])) && !after_figure(cx, start - n)) {
            start -= n;
            break;
        }
    }
    int32_t best_unit_len = -2; /* the full reading wins when no reading has a unit */
    for (int i = -1; i < num->ncuts; i++) {
        struct reading r = {.start = start, .is_range = num->is_range, .upper = num->upper,
                            .vague = num->vague};
        int32_t end = i < 0 ? num->end : num->cuts[i].end;
        if (i >= 0 && !holds_numeral(cx, num->start, end))
            continue; /* 上|千克: a cut before any digit leaves no figure */
        r.number = i < 0 ? num->value : num->cuts[i].value;
        r.has_multiplier = i < 0 ? num->has_multiplier : num->cuts[i].has_multiplier;
        r.int_digits = i < 0 ? num->int_digits : 0;
        read_suffix(cx, &r, end, num->start, spaced_unit_ok(cx, num), NULL);
        int32_t unit_len = r.unit ? r.end - r.number_end : -1;
        if (unit_len > best_unit_len) {
            best = r;
            best_unit_len = unit_len;
        }
    }
    /* a unit written before the numeral counts where none follows it:
     * 百分之十五, 人口十八万余 */
    const struct unit_rule *prefixed = best.unit ? NULL : prefix_unit(cx, start, &n);
    if (prefixed) {
        struct reading r = {.start = start - n, .is_range = num->is_range, .upper = num->upper,
                            .vague = num->vague, .number = num->value,
                            .has_multiplier = num->has_multiplier};
        read_suffix(cx, &r, num->end, num->start, false, prefixed);
        best = r;
    }
    /* a currency named before the figure is the money of its 元: 港币两千九百六十元;
     * a part of it is its own (人民幣14.74分: hundredths) */
    int32_t named_at;
    const struct unit_rule *named = best.unit && (best.unit->local || best.unit->after_currency)
                                        ? currency_before(cx, best.start, &named_at)
                                        : NULL;
    if (named && !scale_by(&best.number, &best.upper, best.is_range, best.unit->factor))
        named = best.unit = NULL; /* no figure rather than one of the wrong size */
    if (named) {
        best.unit = named;
        best.start = named_at;
    }
    /* and one named right after it: 21.8億元人民幣 */
    int32_t named_len;
    if (!named && best.unit && best.unit->local &&
        (named = currency_after(cx, best.end, &named_len)) &&
        scale_by(&best.number, &best.upper, best.is_range, best.unit->factor)) {
        best.unit = named;
        best.end += named_len;
        const struct qualifier_rule *q = best.qualifier ? NULL : qualifier_at(cx, best.end, QUAL_AFTER_UNIT, named, &n);
        if (q) {
            best.qualifier = q;
            best.end += n;
        }
    }
    const struct qualifier_rule *before = qualifier_at(cx, best.start, QUAL_BEFORE, NULL, &n);
    /* one between a unit written before and its numeral, in the quote
     * already: 總出入境人次約530萬 */
    if (!before && prefixed && (before = qualifier_at(cx, start, QUAL_BEFORE, NULL, &n)))
        n = 0;
    /* a page set with blanks around its figures: 減少約 42 億元 */
    if (!before) {
        int32_t blanks = spaces_before(cx, cx->start, best.start);
        if (blanks && (before = qualifier_at(cx, best.start - blanks, QUAL_BEFORE, NULL, &n)))
            n += blanks;
    }
    /* 每 between the qualifier and its figure: 約每5.4分鐘出生一個嬰兒 (a
     * word, not the slash of 元/吨) */
    for (size_t i = 0; !before && i < cx->rs->n_rate_separators; i++) {
        int32_t per = word_list_match_before(&cx->rs->rate_separators[i].words, cx->t, cx->start, best.start);
        if (per && u_hasBinaryProperty(cx->t[best.start - per], UCHAR_IDEOGRAPHIC) &&
            (before = qualifier_at(cx, best.start - per, QUAL_BEFORE, NULL, &n)))
            n += per;
    }
    /* a word the unit needs before the numeral belongs to the quote: 翻一番 */
    if (best.unit && best.unit->before_number.n)
        best.start -= word_list_match_before(&best.unit->before_number, cx->t, cx->start, best.start);
    if (negative) {
        best.number.m = -best.number.m;
        best.upper.m = -best.upper.m;
    }
    best.plus_minus = plus_minus;
    if (before) {
        /* 约300公里: the quote takes the qualifier; one written after the
         * unit wins (约30%以上). 约15万多吨 is about, as 约115多万吨 is: the
         * 多 right after the number only says the figure is round */
        best.start -= n;
        if (!best.qualifier ||
            (best.qualifier->position == QUAL_AFTER_NUMBER && !strcmp(before->qualifier, "approx")))
            best.qualifier = before;
    } else if (!best.qualifier && best.unit) {
        best.qualifier = qualifier_reaching(cx, best.start, best.unit);
    }
    return best;
}

/* The first end of a range takes the multiplier of its second where that
 * keeps it at most the second: 8—10万元 is 80000 to 100000, 七千到九千亿元
 * 7000亿 to 9000亿 (of 九千亿 the 亿, not the 千亿), 一千到两千万元 1000万 to
 * 2000万; 8500到3万港元 stays 8500. The largest such multiplier wins. */
static struct decimal shared_multiplier(const struct numeral *second, struct decimal lower,
                                        struct decimal upper)
{
    for (int i = 0; i < second->ncuts; i++) {
        /* value = cuts[i].value × f: f is the multipliers after cut i */
        int64_t base = second->cuts[i].value.m;
        if (base == 0 || second->value.m % base != 0)
            continue;
        struct decimal f = {second->value.m / base, second->value.e - second->cuts[i].value.e}, v;
        if (decimal_mul(lower, f, &v) && decimal_cmp(v, upper) <= 0)
            return v;
    }
    return lower;
}

/* The multiplier of a list's last member read as number (2611亿千瓦时:
 * 1e8), where it is written after all its digits and scales them (the
 * numeral's first cut); false where there is none, or it is 1. */
static bool list_multiplier(const struct numeral *member, struct decimal number, struct decimal *f)
{
    if (!member->has_multiplier || member->ncuts == 0)
        return false;
    struct decimal base = member->cuts[0].value;
    if (base.m == 0 || number.m % base.m != 0)
        return false;
    *f = (struct decimal){number.m / base.m, number.e - base.e};
    return decimal_cmp(*f, (struct decimal){1, 0}) != 0;
}

static struct pending *pending_for(struct sentence_ctx *cx, size_t index)
{
    size_t k = index - cx->first;
    if (k >= cx->pending_cap) {
        size_t cap = cx->pending_cap ? cx->pending_cap * 2 : 16;
        while (cap <= k)
            cap *= 2;
        cx->pending = xrealloc(cx->pending, cap * sizeof *cx->pending);
        memset(cx->pending + cx->pending_cap, 0, (cap - cx->pending_cap) * sizeof *cx->pending);
        cx->pending_cap = cap;
    }
    return &cx->pending[k];
}

static size_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

/* s[0, n) as one of the document's rule id strings. */
static const char *rule_ids_intern(struct sentence_ctx *cx, const char *s, size_t n)
{
    struct rule_ids *ri = &cx->rule_ids;
    if (2 * (ri->n + 1) > ri->cap) {
        size_t cap = ri->cap ? 2 * ri->cap : 64;
        const char **slot = xcalloc(cap, sizeof *slot);
        for (size_t i = 0; i < ri->cap; i++)
            if (ri->slot[i]) {
                size_t h = hash_bytes(ri->slot[i], strlen(ri->slot[i])) & (cap - 1);
                while (slot[h])
                    h = (h + 1) & (cap - 1);
                slot[h] = ri->slot[i];
            }
        free(ri->slot);
        ri->slot = slot;
        ri->cap = cap;
    }
    size_t h = hash_bytes(s, n) & (ri->cap - 1);
    for (; ri->slot[h]; h = (h + 1) & (ri->cap - 1))
        if (!strncmp(ri->slot[h], s, n) && !ri->slot[h][n])
            return ri->slot[h];
    ri->n++;
    return ri->slot[h] = arena_strndup(&cx->doc->arena, s, n);
}

static void add_rule_id(struct sentence_ctx *cx, struct pending *p, const char *id)
{
    if (!id)
        return;
    struct buf *b = &cx->rule_ids.joined;
    b->len = 0;
    if (p->rule) {
        buf_puts(b, p->rule);
        buf_puts(b, "+");
    }
    buf_puts(b, id);
    p->rule = rule_ids_intern(cx, b->data, b->len);
}

static void add_claim(struct sentence_ctx *cx, const struct reading *r)
{
    struct claim *c = doc_add_claim(cx->doc);
    c->start = r->start;
    c->end = r->end;
    c->number = r->number;
    c->number_upper = r->upper;
    c->is_range = r->is_range;
    c->plus_minus = r->plus_minus != NULL;
    c->unit_rule = r->unit;
    c->per_rule = r->per;
    c->qualifier = r->is_range    ? "range"
                   : r->plus_minus ? "approx"
                   : r->qualifier ? r->qualifier->qualifier
                   : r->vague     ? "over"
                                  : "exact";
    c->role = "level";
    int32_t a = cx->start, b = cx->end;
    while (a < b && (u_isspace(cx->t[a]) || cx->t[a] == 0x3000))
        a++;
    while (b > a && (u_isspace(cx->t[b - 1]) || cx->t[b - 1] == 0x3000))
        b--;
    if (b - a <= SENTENCE_MAX) {
        if (!cx->sentence)
            cx->sentence = utf8_of(cx->doc, cx->t + a, b - a);
        c->sentence = cx->sentence;
    } else {
        /* a sentence without end (a page of figures, a broken file): the
         * claim's surroundings, marked as cut; made as its row is */
        int32_t from = r->start - SENTENCE_CONTEXT > a ? r->start - SENTENCE_CONTEXT : a;
        int32_t to = r->end + SENTENCE_CONTEXT < b ? r->end + SENTENCE_CONTEXT : b;
        while (from > a && U16_IS_TRAIL(cx->t[from]))
            from--;
        while (to < b && U16_IS_TRAIL(cx->t[to]))
            to++;
        c->context_start = from;
        c->context_end = to;
        c->context_cut_before = from > a;
        c->context_cut_after = to < b;
    }
    struct pending *p = pending_for(cx, cx->doc->nclaims - 1);
    p->role_marker = -1;
    p->delta_after = false;
    p->rule = NULL;
    add_rule_id(cx, p, r->unit->id);
    if (r->qualifier && !r->is_range)
        add_rule_id(cx, p, r->qualifier->id);
    add_rule_id(cx, p, r->connector);
    add_rule_id(cx, p, r->vague);
    add_rule_id(cx, p, r->half);
    add_rule_id(cx, p, r->compound);
    add_rule_id(cx, p, r->plus_minus);
    if (r->per) {
        add_rule_id(cx, p, r->rate);
        add_rule_id(cx, p, r->per->id);
    }
    add_rule_id(cx, p, r->table);
    add_rule_id(cx, p, r->carry);
    p->from_table = r->table && cx->cell;
    p->implied = cx->cell ? NULL : r->implied;
}


/* ------------------------------------------------------------ units not written by the figure */

/* Read text s[0, n) as a unit the way a figure's unit is read ("1" is put
 * before it): 亿元 is CNY × 1e8, % percent, 元/公斤 a rate. False unless the
 * whole of it is one unit. */
static bool read_unit_once(const struct sentence_ctx *cx, const UChar *s, int32_t n, struct table_unit *out)
{
    enum { UNIT_TEXT_MAX = 24 };
    if (n <= 0 || n > UNIT_TEXT_MAX)
        return false;
    /* 2022年 is a time, not a unit; digits after a rate's separator count
     * its denominator (元/500克) */
    bool per = false;
    for (int32_t i = 0, k; i < n; i++) {
        per = per || connector_at(cx->rs->rate_separators, cx->rs->n_rate_separators, s, i, n, &k);
        if (u_isdigit(s[i]) && !per)
            return false;
    }
    UChar buf[UNIT_TEXT_MAX + 2];
    buf[0] = '1';
    memcpy(buf + 1, s, (size_t)n * sizeof *buf);
    buf[n + 1] = 0;
    struct sentence_ctx tmp = {.sg = cx->sg, .rs = cx->rs, .doc = cx->doc, .t = buf, .start = 0, .end = n + 1};
    struct numeral num;
    if (!numbers_scan(cx->rs, buf, 0, n + 1, &num) || num.start != 0 || num.is_range || num.vague)
        return false;
    struct reading r = read_numeral(&tmp, &num, false);
    if (!r.unit || r.start != 0 || r.end != n + 1 || r.qualifier || r.unit->power_of)
        return false;
    out->unit = r.unit;
    out->per = r.per;
    out->factor = r.number;
    return true;
}

/* As read_unit_once; else a currency named together with a money unit
 * that carries the multiplier, in either order: 人民币百万元, 百万元人民币,
 * 港币千元 (the currency's unit, the other's multiplier). */
static bool read_unit_text(const struct sentence_ctx *cx, const UChar *s, int32_t n, struct table_unit *out)
{
    if (read_unit_once(cx, s, n, out))
        return true;
    for (int32_t k = 1; k < n; k++) {
        struct table_unit a, b;
        if (!read_unit_once(cx, s, k, &a) || !read_unit_once(cx, s + k, n - k, &b))
            continue;
        if (strcmp(a.unit->kind, "money") || strcmp(b.unit->kind, "money") || a.per || b.per)
            continue;
        bool a_names = a.factor.m == 1 && a.factor.e == 0;
        struct decimal f;
        if (!decimal_mul(a.factor, b.factor, &f))
            return false;
        *out = a_names ? b : a;
        out->unit = a_names ? a.unit : b.unit;
        out->factor = f;
        return true;
    }
    return false;
}

/* After a unit that the figure takes from elsewhere, a qualifier such as
 * 以上 may still follow the figure: 建筑面积2万以上. */
static void qualifier_after_taken_unit(const struct sentence_ctx *cx, struct reading *r)
{
    int32_t n;
    const struct qualifier_rule *q = qualifier_at(cx, r->number_end, QUAL_AFTER_UNIT, r->unit, &n);
    r->end = r->number_end;
    if (q && !r->qualifier) {
        r->qualifier = q;
        r->end += n;
    }
}

/* A figure that begins a table's cell and has no unit of its own takes
 * the unit of its column, row or table. */
static bool cell_unit(const struct sentence_ctx *cx, const struct numeral *num, struct reading *r)
{
    const struct cell_context *cc = cx->cell;
    if (!cc || !cc->unit.unit || r->start != cc->first || num->is_range)
        return false;
    struct decimal v;
    if (!decimal_mul(r->number, cc->unit.factor, &v))
        return false;
    r->number = v;
    r->unit = cc->unit.unit;
    r->per = cc->unit.per;
    r->table = cc->unit.rule;
    qualifier_after_taken_unit(cx, r);
    return true;
}

/* The implied-unit rule whose word stands at t[pos] (after) or ends at pos
 * (before, perhaps with a linking word between), or NULL; with sums, only
 * the rules of a total (总计), else only the others. */
static const struct implied_unit_rule *implied_word(const struct sentence_ctx *cx, int32_t pos, bool after,
                                                    int32_t from, bool sums)
{
    for (size_t i = 0; i < cx->rs->n_implied_units; i++) {
        const struct implied_unit_rule *m = &cx->rs->implied_units[i];
        if (m->sum != sums || (after && m->verb) || m->ratio)
            continue; /* a ratio's word speaks of a header only */
        if (after ? word_list_match(&m->words, cx->t, pos, cx->end) > 0
                  : word_list_match_before(&m->words, cx->t, from, pos) > 0)
            return m;
    }
    return NULL;
}

/* Is u a currency other than the one the place's 元 stands for (local,
 * the local unit, where the document names no place)? 港元 in a Hong Kong
 * report is not; 美元 is, and 人民币 there too. Asks the document's place
 * once. */
static bool other_currency(struct sentence_ctx *cx, const struct unit_rule *u, const struct unit_rule *local)
{
    if (u->local || strcmp(u->kind, "money"))
        return false;
    document_place(cx);
    return strcmp(u->unit, cx->place_unit ? cx->place_unit->unit : local->unit) != 0;
}

/* r takes the unit of the implied-unit rule m. */
static bool take_implied(struct sentence_ctx *cx, const struct implied_unit_rule *m, struct reading *r)
{
    struct table_unit u;
    if ((m->no_multiplier && r->has_multiplier) || !read_unit_text(cx, m->unit_text, m->unit_len, &u))
        return false;
    if (m->after_same_unit) {
        size_t i = cx->first;
        while (i < cx->doc->nclaims && cx->doc->claims[i].unit_rule != u.unit &&
               (!u.unit->local || cx->doc->claims[i].unit_rule->local ||
                strcmp(cx->doc->claims[i].unit_rule->kind, "money") ||
                other_currency(cx, cx->doc->claims[i].unit_rule, u.unit)))
            i++;
        if (i == cx->doc->nclaims)
            return false;
    }
    /* the place's money, where the sentence has named another currency
     * before: 估值1000亿美元，估值增至1200亿 is no yuan, nor sure dollars */
    if (u.unit->local && !u.per)
        for (size_t i = cx->first; i < cx->doc->nclaims; i++)
            if (other_currency(cx, cx->doc->claims[i].unit_rule, u.unit))
                return false;
    struct decimal v;
    if (!decimal_mul(r->number, u.factor, &v))
        return false;
    r->number = v;
    r->unit = u.unit;
    r->per = u.per;
    r->table = m->id;
    r->implied = m;
    qualifier_after_taken_unit(cx, r);
    return true;
}

/* A total (总计160) takes the unit of the figures before it in its
 * sentence where they are two or more, all of one unit, and add up to it. */
static bool sum_of_parts(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                         struct reading *r)
{
    const struct claim *first = cx->doc->nclaims > cx->first ? &cx->doc->claims[cx->first] : NULL;
    if (!first || cx->doc->nclaims - cx->first < 2 || !first->unit_rule)
        return false;
    struct decimal total = decimal_int(0);
    for (size_t i = cx->first; i < cx->doc->nclaims; i++) {
        const struct claim *c = &cx->doc->claims[i];
        if (c->unit_rule != first->unit_rule || c->per_rule || c->is_range || c->plus_minus ||
            !decimal_add(total, c->number, &total))
            return false;
    }
    if (decimal_cmp(total, r->number) != 0)
        return false;
    r->unit = first->unit_rule;
    r->table = m->id;
    qualifier_after_taken_unit(cx, r);
    return true;
}

/* Where the time references that end at pos begin (the earliest), or pos
 * where none ends there. */
static int32_t time_ending_at(const struct sentence_ctx *cx, int32_t pos)
{
    const struct spans *s = &cx->times;
    int32_t from = pos;
    for (size_t k = ending_before(s, pos, false); k < ending_before(s, pos, true); k++)
        from = s->by_end[k].start < from ? s->by_end[k].start : from;
    return from;
}

/* Where a comparison's base that ends at pos begins, with the word that
 * makes it one (比上年, 较去年同期); pos where none ends there. */
static int32_t base_ending_at(const struct sentence_ctx *cx, int32_t pos)
{
    for (size_t k = 0; k < cx->bases.n; k++) {
        const struct span *b = &cx->bases.at[k];
        if (b->end != pos)
            continue;
        int32_t s = b->start - spaces_before(cx, cx->start, b->start), n = 0;
        for (size_t m = 0; m < cx->rs->n_comparison_markers && !n; m++)
            n = word_list_match_before(&cx->rs->comparison_markers[m].words, cx->t, cx->start, s);
        if (!n)
            n = word_list_match_before(&cx->rs->time_phrase.comparison_before, cx->t, cx->start, s);
        return n ? s - n : pos;
    }
    return pos;
}

/* Does the unit that rule m implies count things (金牌: 个), which no
 * fraction does? */
static bool counts_things(const struct sentence_ctx *cx, const struct implied_unit_rule *m)
{
    struct table_unit u;
    return !read_unit_text(cx, m->unit_text, m->unit_len, &u) || !strcmp(u.unit->kind, "count");
}

/* A figure with no unit word takes the unit its subject implies, where the
 * subject stands right by it (or a time between them): 常住人口为512.3万,
 * 数千万的用户, 人口2023年末为51.2万. Only a figure
 * with a multiplier, a vague numeral or a qualifier such as 余 counts: a
 * bare number by a noun is too often a code, a name or a rank; except a
 * bare integer of up to three digits or a decimal right after a noun whose
 * rule says so (金牌22, 指數為 127.79), or an integer right before one
 * (11省份). */
static bool implied_unit(struct sentence_ctx *cx, const struct numeral *num, struct reading *r)
{
    if (cx->cell || cx->rs->n_implied_units == 0)
        return false;
    if (num->han && !num->arabic && !num->vague && !(num->has_multiplier && digit_first(cx, num->start)))
        return false; /* 千万, 万一: words before they are figures (一百一十五億 is one) */
    /* the upper end of a range whose lower end was read with no unit
     * (20-30万居民): alone it would be a wrong figure */
    for (size_t i = 0; i < cx->rs->n_range_connectors; i++) {
        int32_t n = word_list_match_before(&cx->rs->range_connectors[i].words, cx->t, cx->start, r->start);
        if (n && after_figure(cx, r->start - n))
            return false;
    }
    /* a range of bare numbers is no more a figure than one is
     * (1997-2007人口: years) */
    if (!num->has_multiplier && !num->vague && (!r->qualifier || num->is_range)) {
        /* a decimal is no code or rank: 住宅價格指數為 127.79 */
        bool fraction = num->arabic && !num->han && !num->is_range && num->value.e < 0;
        if (num->start != r->start || (!num->int_digits && !fraction))
            return false;
        const struct implied_unit_rule *m = implied_word(cx, r->start, false, cx->start, true);
        if (m)
            return num->int_digits && sum_of_parts(cx, m, r);
        /* with a link word between, and perhaps blanks: 住宅價格指數為 127.79,
         * and then an integer of more digits too (恒生科技指數收報5270: an
         * index's level, which a link word names, has up to six) */
        int32_t p = r->start - spaces_before(cx, cx->start, r->start);
        int32_t gap = link_length_before(cx, p);
        enum { LINKED_DIGITS_MAX = 6 };
        if (num->arabic && num->int_digits <= LINKED_DIGITS_MAX && p - gap < r->start &&
            (m = implied_word(cx, p - gap, false, cx->start, false)) && m->bare &&
            !(fraction && counts_things(cx, m)))
            return take_implied(cx, m, r);
        if (num->int_digits > 3 || !num->arabic)
            return false;
        m = implied_word(cx, r->start, false, cx->start, false);
        if (m && m->bare && !(fraction && counts_things(cx, m)))
            return take_implied(cx, m, r);
        m = implied_word(cx, r->number_end, true, 0, false);
        /* the noun whole, not the start of a longer word (国家统计局) */
        return m && m->bare_before && num->int_digits &&
               !longer_word(cx, r->number_end, word_list_match(&m->words, cx->t, r->number_end, cx->end)) &&
               take_implied(cx, m, r);
    }
    int32_t after = r->number_end;
    after += word_list_match(&cx->rs->subject.linkers, cx->t, after, cx->end);
    const struct implied_unit_rule *m = implied_word(cx, after, true, 0, false);
    if (!m) {
        int32_t before = r->start;
        int32_t gap = link_length_before(cx, before);
        m = implied_word(cx, before, false, cx->start, false);
        if (!m && gap)
            m = implied_word(cx, before - gap, false, cx->start, false);
        /* a time between the noun and its figure: 人口2023年末为51.2万 */
        int32_t time = time_ending_at(cx, before - gap);
        if (!m && time < before - gap)
            m = implied_word(cx, time, false, cx->start, false);
        /* a comparison's base between the noun and the verb of its change:
         * 游客人数比上年增加12万 */
        int32_t base = base_ending_at(cx, before - gap);
        if (!m && base < before - gap)
            m = implied_word(cx, base, false, cx->start, false);
        /* a time with 的 before the figure, a link before the time:
         * 就業人數由4月至6月的357.16萬 */
        int32_t de = word_list_match_before(&cx->rs->subject.linkers, cx->t, cx->start, before);
        if (!m && de && (time = time_ending_at(cx, before - de)) < before - de)
            m = implied_word(cx, time - link_length_before(cx, time), false, cx->start, false);
    }
    return m && take_implied(cx, m, r);
}

/* A figure with a multiplier and no unit word that follows a figure whose
 * unit a noun implied takes that unit where only a list connector, the
 * verb of a change or a comparison's base stands between them (支出67亿、
 * 54亿及18亿; 开支1507亿，来年再升至1564亿; 指数为127.79，较上月126.60):
 * the noun governs them both. */
static bool carried_unit(struct sentence_ctx *cx, const struct numeral *num, struct reading *r)
{
    const struct rule_set *rs = cx->rs;
    if (cx->cell || rs->n_implied_unit_carries == 0 || cx->doc->nclaims <= cx->first)
        return false;
    size_t last = cx->doc->nclaims - 1;
    const struct implied_unit_rule *m = pending_for(cx, last)->implied;
    int32_t prev_end = cx->doc->claims[last].end;
    if (!m || prev_end > r->start)
        return false;
    /* a bare figure only where the noun's rule takes bare ones (指数 127.79) */
    if ((num->han && !num->arabic && !num->vague) || (!num->has_multiplier && !num->vague && !m->bare))
        return false;
    for (size_t k = 0; k < rs->n_implied_unit_carries; k++) {
        if (pattern_matches(rs->implied_unit_carries[k].re, cx->t, prev_end, r->start)) {
            if (!take_implied(cx, m, r))
                return false;
            r->carry = rs->implied_unit_carries[k].id;
            return true;
        }
    }
    return false;
}

/* Digits right after a decimal point are the fraction of a figure that was
 * not read (the 5 of 1.2.5) or of one without its integer (.5元); digits
 * with a leading zero after a digit and a space, and three digits after a
 * space and a group of one to three, are the rest of a figure set with
 * plain spaces that was not read whole (3 000 平方米, 12 345 元): no
 * figure of their own. */
static bool tail_of_figure(const struct sentence_ctx *cx, int32_t pos)
{
    const UChar *t = cx->t;
    if ((t[pos] == '0' || t[pos] == 0xFF10) && pos + 1 < cx->end && u_isdigit(t[pos + 1])) {
        int32_t p = pos;
        while (p > cx->start && u_charType(t[p - 1]) == U_SPACE_SEPARATOR)
            p--;
        if (p < pos && p > cx->start && u_isdigit(t[p - 1]))
            return true;
    }
    /* numbers.c joins such groups only where a word follows them */
    if (pos - 2 >= cx->start && t[pos - 1] == ' ' && u_isdigit(t[pos - 2]) && pos + 3 <= cx->end &&
        u_isdigit(t[pos + 1]) && u_isdigit(t[pos + 2]) && (pos + 3 == cx->end || !u_isdigit(t[pos + 3]))) {
        int32_t q = pos - 2;
        while (q > cx->start && u_isdigit(t[q - 1]))
            q--;
        if (pos - 1 - q <= 3 && (q == cx->start || t[q - 1] != '.'))
            return true;
    }
    /* a Han numeral that a line's wrap split with a blank (四十 九公厘): its
     * second part alone would be a wrong figure */
    if (pos - 2 >= cx->start && u_charType(t[pos - 1]) == U_SPACE_SEPARATOR &&
        numbers_is_numeral_char(cx->rs, t, pos - 2, cx->end) && !u_isdigit(t[pos - 2]) &&
        numbers_is_numeral_char(cx->rs, t, pos, cx->end) && !u_isdigit(t[pos]))
        return true;
    return pos > cx->start && (t[pos - 1] == '.' || t[pos - 1] == 0xFF0E);
}

/* 两米半, 三斤半, 三成半: a half after the unit that ends a word (not the
 * 半 of 5元半价) and is no number of a unit after it (not 两个半小时) adds
 * one half of the unit. */
static void and_a_half(struct sentence_ctx *cx, struct reading *r)
{
    const struct rule_set *rs = cx->rs;
    int32_t n, m;
    const char *id = r->unit && !r->is_range && r->number_end < r->end
                         ? connector_at(rs->halves, rs->n_halves, cx->t, r->end, cx->end, &n)
                         : NULL;
    if (!id || r->unit->position != UNIT_SUFFIX || suffix_unit(cx, r->end + n, r->start, NULL, false, &m))
        return;
    const bool *b = words_around(cx, r->start, r->end + n);
    if (!b[r->end + n - cx->start])
        return;
    struct decimal half = {5, -1}, v;
    if (!decimal_add(r->number, r->number.m < 0 ? (struct decimal){-5, -1} : half, &v))
        return;
    r->number = v;
    r->end += n;
    r->half = id;
}

/* 5元3角2分, 2小时05分03秒, 3成5: the parts of one figure written in
 * smaller units after its unit (the rules' compounds) join it, each where a
 * plain numeral and the part's word follow the unit word that ends the
 * reading. A part whose rule has no words is a single digit that nothing
 * reads on from (3成5, not 3成5个 or 3成5月). */
static void compound_parts(struct sentence_ctx *cx, struct reading *r)
{
    const struct rule_set *rs = cx->rs;
    if (!r->unit || r->is_range || r->per || r->half || r->number_end >= r->end)
        return;
    /* a page that sets its figures apart by blanks sets the parts so too
     * (7 成 4) */
    bool spaced = u_charType(cx->t[r->number_end]) == U_SPACE_SEPARATOR;
    for (size_t i = 0; i < rs->n_compounds; i++) {
        const struct compound_rule *c = &rs->compounds[i];
        struct numeral part;
        int32_t at = spaced ? r->end + spaces_at(cx, r->end) : r->end; /* r->end moves with each part */
        /* a part may follow a figure with a multiplier where its rule says
         * so (143万8401令吉71仙) */
        if ((r->has_multiplier && !c->after_multiplier) || !word_list_match_before(&c->after, cx->t, r->number_end, r->end) ||
            !numbers_scan(rs, cx->t, at, cx->end, &part) || part.start != at || part.is_range ||
            part.has_multiplier || part.vague)
            continue;
        int32_t w = 0, m, after = spaced ? part.end + spaces_at(cx, part.end) : part.end;
        if (c->words.n) {
            if (!(w = word_list_match(&c->words, cx->t, after, cx->end)))
                continue;
            w += after - part.end;
        } else if (part.end - part.start != c->digits || part.value.e < 0 || part.value.m < 0 ||
                   /* set apart by blanks, a digit is a part only where its phrase
                   * ends (7 成 4，), or a qualifier or 的 follows (7 成 4 左右, 2
                   * 倍 3 的水平); not 增长 3 倍 2 月份 */
                   (spaced && after < cx->end && !u_ispunct(cx->t[after]) &&
                    !qualifier_at(cx, after, QUAL_AFTER_UNIT, r->unit, &m) &&
                    !word_list_match(&rs->subject.linkers, cx->t, after, cx->end)) ||
                   /* by value, not mantissa: 60 is held as 6e1 (38秒60) */
                   decimal_cmp(part.value, decimal_int(c->digits == 1 ? 10 : c->digits == 2 ? 100 : 1000)) >= 0 ||
                   (after < cx->end && (numbers_is_numeral_char(rs, cx->t, after, cx->end) ||
                                        suffix_unit(cx, after, part.start, NULL, false, &m))) ||
                   spans_overlap(&cx->times, part.start, part.end + 1)) {
            continue;
        }
        struct decimal v, add;
        if (!decimal_mul(r->number, c->scale, &v) || !decimal_mul(part.value, c->factor, &add) ||
            !decimal_add(v, add, &v))
            return;
        r->number = v;
        r->end = part.end + w;
        if (c->unit)
            r->unit = c->unit;
        r->compound = c->id;
        i = (size_t)-1; /* the next part: 5元3角 then 2分 */
    }
}

/* Does delta rule d's marker before a figure end at b, the text from a
 * (the clause) on? Where it begins in *at. A rule not_opening takes no
 * marker that opens its sentence or its line (▲ as a bullet); in a table's
 * cell it opens nothing (↑ 9.9%). */
static bool delta_marker_before(const struct sentence_ctx *cx, const struct delta_rule *d, int32_t a,
                                int32_t b, int32_t *at)
{
    if (!match_ending_at(cx, d->before, a, b, at))
        return false;
    int32_t p = *at;
    while (p > cx->start && u_charType(cx->t[p - 1]) == U_SPACE_SEPARATOR)
        p--;
    return !d->not_opening || cx->cell || (p > cx->start && cx->t[p - 1] != '\n' && cx->t[p - 1] != '\r');
}

/* The first delta rule whose pattern before a figure ends at b, the text
 * from a (the clause) on; where its marker begins in *at. NULL: none. */
static const struct delta_rule *delta_before(struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *at)
{
    for (size_t k = 0; k < cx->rs->n_deltas; k++)
        if (delta_marker_before(cx, &cx->rs->deltas[k], a, b, at))
            return &cx->rs->deltas[k];
    return NULL;
}

/* Is the first end r of what reads as a range, after a change verb, the
 * change, and r2 the level it reached (上漲20元至1,405元, 減少2,022口至
 * 31,186口)? So where a level connector joins them and r2 is at least its
 * rule's ratio times r; a range of percentages stays one (增长5%至15%). */
static bool change_then_level(struct sentence_ctx *cx, const struct reading *r, const struct reading *r2)
{
    const struct rule_set *rs = cx->rs;
    if (!strcmp(r->unit->kind, "percent") || r->number.m <= 0)
        return false;
    int32_t p = r->end + spaces_at(cx, r->end), marker;
    for (size_t i = 0; i < rs->n_level_connectors; i++) {
        const struct level_connector_rule *c = &rs->level_connectors[i];
        struct decimal least;
        if (word_list_match(&c->words, cx->t, p, cx->end) && decimal_mul(r->number, c->min_ratio, &least) &&
            decimal_cmp(r2->number, least) >= 0 &&
            !word_list_match(&c->not_followed_by, cx->t, r2->end + spaces_at(cx, r2->end), cx->end))
            return delta_before(cx, clause_start(cx, r->start, false), r->start, &marker) != NULL;
    }
    return false;
}

/* 分别下降0.7个、0.2个百分点: a figure whose unit word is how the unit of
 * a later member of its list is written short (个 of 个百分点: the unit
 * rule's list_short), with members between it written so too, takes that
 * unit (3万人、5万人次 is no such list: 人 is a unit of its own). */
static void elided_unit(struct sentence_ctx *cx, struct reading *r)
{
    enum { MEMBERS_MAX = 16 };
    const struct rule_set *rs = cx->rs;
    int32_t w = r->end - r->number_end, n, end = r->end;
    if (w <= 0)
        return;
    for (int k = 0; k < MEMBERS_MAX; k++) {
        const char *id = connector_at(rs->list_connectors, rs->n_list_connectors, cx->t, end, cx->end, &n);
        struct numeral member;
        int32_t at = end + n + (id ? spaces_at(cx, end + n) : 0);
        if (!id || !numbers_scan(rs, cx->t, at, cx->end, &member) || member.start != at)
            return;
        struct reading rm = read_numeral(cx, &member, false);
        if (rm.start != member.start || !rm.unit || rm.per || rm.end - rm.number_end < w ||
            memcmp(cx->t + rm.number_end, cx->t + r->number_end, (size_t)w * sizeof *cx->t))
            return;
        if (rm.end - rm.number_end > w) { /* the whole word, at last */
            if (word_list_match(&rm.unit->list_short, cx->t, r->number_end, r->end) == w) {
                r->unit = rm.unit;
                r->connector = id;
            }
            return;
        }
        end = rm.end; /* another member written as short: 0.7个、0.5个和0.2个百分点 */
    }
}

/* Read the numeral at pos; add its claim if it is one. Returns where to go
 * on scanning. */
static int32_t take_numeral(struct sentence_ctx *cx, int32_t pos)
{
    const struct rule_set *rs = cx->rs;
    struct numeral num;
    /* a figure that cannot be read whole is skipped whole */
    if (!numbers_scan(rs, cx->t, pos, cx->end, &num))
        return num.end > pos ? num.end : pos + 1;
    int32_t next = num.end > pos ? num.end : pos + 1;
    if (tail_of_figure(cx, pos))
        return next;
    /* digits after a leading zero begin no figure: a code (编号007), or the
     * tail of one a stray blank cut (181萬2, 000元); inside a time of its
     * parts (2小时05分) they are read with the figure before them */
    if (num.arabic && leading_zero(cx, &num))
        return next;
    if (spans_overlap(&cx->excluded, num.start, num.end) || spans_overlap(&cx->times, num.start, num.end))
        return next;
    struct reading r = read_numeral(cx, &num, true);
    /* 万 or 亿 alone with no word of degree before it is no figure: a name
     * (全國萬人健走大會師), a chart's axis label (亿元); 近万人, 超万人 and
     * 上万人 are */
    if (num.han && !num.arabic && !num.vague && !r.qualifier && num.end - num.start == 1 &&
        u_getNumericValue(cx->t[num.start]) >= 10000)
        return next;
    /* a multiplier alone that begins a unit's word is that unit's: 千克 is
     * a kilogram, 千米 a kilometre, not a thousand grams or metres */
    int32_t n;
    if (num.han && !num.arabic && !num.vague && !r.qualifier && !digit_first(cx, num.start) &&
        suffix_unit(cx, num.start, num.start, NULL, false, &n) && num.start + n > num.end)
        return next;
    if (!r.unit) {
        /* a range whose first end has no unit: 10-20元, 8—10万元 */
        const char *id = range_connector_at(cx, r.number_end, &n);
        struct numeral second;
        if (id && numbers_scan(rs, cx->t, r.number_end + n, cx->end, &second) &&
            !spans_overlap(&cx->excluded, second.start, second.end)) {
            struct reading r2 = read_numeral(cx, &second, false);
            struct reading first = r;
            first.unit = r2.unit;
            if (r2.unit && r2.start == second.start && change_then_level(cx, &first, &r2)) {
                /* 上升了0.2至5.8年: the change in the level's unit, and the level after */
                r.unit = r2.unit;
                r.per = r2.per;
                r.rate = r2.rate;
            } else if (r2.unit && r2.start == second.start) {
                r.number = shared_multiplier(&second, r.number, r2.number);
                r.upper = r2.number;
                r.is_range = true;
                r.unit = r2.unit;
                r.per = r2.per; /* the rate of the second end: 1000至2000元每平米 */
                r.rate = r2.rate;
                r.end = r2.end;
                r.connector = id;
                next = r2.end;
            }
        }
    } else if (!r.is_range) {
        /* a range with a unit on both ends: 2万元至5万元, 10%-15%; a unit
         * written before the first end is written again or not at all
         * (百分之五到百分之八, 百分之一至二) */
        const char *id = range_connector_at(cx, r.end, &n);
        int32_t at = r.end + n;
        bool prefixed = r.unit->position == UNIT_PREFIX && !r.table;
        int32_t again = id && prefixed ? word_list_match(&r.unit->words, cx->t, at, cx->end) : 0;
        struct numeral second;
        if (id && numbers_scan(rs, cx->t, at + again, cx->end, &second) && second.start == at + again) {
            struct reading r2 = read_numeral(cx, &second, false);
            bool fits = again ? r2.unit == r.unit && r2.start == at
                              : r2.start == second.start && (r2.unit == r.unit || (prefixed && !r2.unit));
            if (fits && !change_then_level(cx, &r, &r2)) {
                r.upper = r2.number;
                r.is_range = true;
                r.end = r2.end;
                r.connector = id;
                next = r2.end;
            }
        }
    }
    if (r.unit && !r.is_range && !r.per && !r.table)
        elided_unit(cx, &r);
    if (!r.unit) {
        /* a list sharing the unit of its last member: 0.9、5.9个百分点 */
        int32_t p = r.number_end;
        for (int k = 0; k < 16 && !r.unit; k++) {
            /* blanks of a typeset page around the connector: 1.7 、2.8个百分点 */
            int32_t before = spaces_at(cx, p);
            const char *id = connector_at(rs->list_connectors, rs->n_list_connectors, cx->t, p + before,
                                          cx->end, &n);
            n += before;
            n += id ? spaces_at(cx, p + n) : 0;
            struct numeral member;
            if (!id || !numbers_scan(rs, cx->t, p + n, cx->end, &member) || member.start != p + n)
                break;
            /* a time is no member (注:1、2016年基本每股收益: 1 is no year) */
            if (spans_overlap(&cx->times, member.start, member.end) ||
                spans_overlap(&cx->excluded, member.start, member.end))
                break;
            struct reading rm = read_numeral(cx, &member, false);
            if (rm.start != member.start)
                break;
            if (rm.unit) {
                /* and its multiplier, where the figure has none: 分别为4665、2611亿千瓦时
                 * is 4665亿 too; a multiplier that does not fit (3000、2万人) is no
                 * reading rather than a wrong one */
                struct decimal f;
                if (!num.has_multiplier && list_multiplier(&member, rm.number, &f)) {
                    double a = fabs(decimal_to_double(r.number)), b = fabs(decimal_to_double(member.cuts[0].value));
                    if (!(a <= b * 100 && b <= a * 100) || !decimal_mul(r.number, f, &r.number))
                        return next;
                }
                r.unit = rm.unit;
                r.connector = id;
            }
            p = rm.number_end;
        }
        if (!r.unit && !cell_unit(cx, &num, &r) && !implied_unit(cx, &num, &r) &&
            !carried_unit(cx, &num, &r))
            return next;
        if (!r.table)
            r.end = r.number_end;
    }
    and_a_half(cx, &r);
    compound_parts(cx, &r);
    /* the cheaper test first: segmenting words is what costs */
    if (!r.is_range && excluded_for(&cx->unit_excluded, num.start, num.end, r.unit))
        return next;
    if (num.han && !num.arabic && !han_numeral_stands_alone(cx, &num, r.start, r.end))
        return next;
    add_claim(cx, &r);
    return next > r.end ? next : r.end;
}

/* ------------------------------------------------------------ roles */

static void assign_roles(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    const struct rule_set *rs = cx->rs;
    for (size_t i = cx->first; i + 1 < doc->nclaims; i++) {
        struct claim *a = &doc->claims[i], *b = &doc->claims[i + 1];
        if (strcmp(a->role, "level") || strcmp(b->role, "level"))
            continue;
        for (size_t k = 0; k < rs->n_changes; k++) {
            int32_t marker;
            if (!pattern_matches(rs->changes[k].between, cx->t, a->end, b->start) ||
                !match_ending_at(cx, rs->changes[k].before, clause_start(cx, a->start, false), a->start,
                                 &marker))
                continue;
            a->role = "from";
            b->role = "to";
            spans_push(&cx->changes, marker, b->end);
            a->group = b->group = ++doc->groups;
            pending_for(cx, i)->role_marker = marker;
            pending_for(cx, i + 1)->role_marker = marker;
            add_rule_id(cx, pending_for(cx, i), rs->changes[k].id);
            add_rule_id(cx, pending_for(cx, i + 1), rs->changes[k].id);
            break;
        }
    }
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        if (strcmp(c->role, "level"))
            continue;
        for (size_t k = 0; k < rs->n_deltas; k++) {
            const struct delta_rule *d = &rs->deltas[k];
            int32_t marker = -1;
            bool before = delta_marker_before(cx, d, clause_start(cx, c->start, false), c->start, &marker);
            if (before || (d->after && pattern_looking_at(d->after, cx->t, c->end, clause_end(cx, c->end)))) {
                c->role = "delta";
                pending_for(cx, i)->role_marker = marker;
                pending_for(cx, i)->delta_after = !before;
                add_rule_id(cx, pending_for(cx, i), d->id);
                break;
            }
        }
    }
}

/* Is t[start, end) exactly one list connector (、 和)? */
static bool is_list_connector(const struct sentence_ctx *cx, int32_t start, int32_t end)
{
    /* blanks of a typeset page around it: 1.7 、2.8个百分点 */
    start += spaces_at(cx, start);
    end -= start < end ? spaces_before(cx, start, end) : 0;
    int32_t n;
    return connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, start, end, &n) &&
           start + n == end;
}

/* The last rule that claim i of the sentence took (its role's), or NULL. */
static const char *last_rule_id(struct sentence_ctx *cx, size_t i)
{
    const char *r = pending_for(cx, i)->rule;
    if (!r)
        return NULL;
    const char *plus = strrchr(r, '+');
    return plus ? rule_ids_intern(cx, plus + 1, strlen(plus + 1)) : r;
}

/* Is the figure t[start, end) alone in brackets that open at `after`, the
 * end of the figure before it (blanks between): 增加296.7万吨(59.3亿斤)
 * says the same change in another unit. */
static bool restates(const struct sentence_ctx *cx, int32_t after, int32_t start, int32_t end)
{
    while (after < start && u_charType(cx->t[after]) == U_SPACE_SEPARATOR)
        after++;
    if (after + 1 != start || u_charType(cx->t[after]) != U_START_PUNCTUATION)
        return false;
    return end < cx->end && u_charType(cx->t[end]) == U_END_PUNCTUATION;
}

/* Members of a list share the role of the first: 分别增长3.2%、4.5%和6.1%,
 * as does a figure in brackets that says the one before it in another
 * unit; and of the last where the words after the list make it a delta,
 * for members of its unit: 出现1.2%和0.8%的涨幅. */
static void spread_list_roles(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first + 1; i < doc->nclaims; i++) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        if (!strcmp(c->role, "level") && !strcmp(prev->role, "delta") &&
            (is_list_connector(cx, prev->end, c->start) || restates(cx, prev->end, c->start, c->end))) {
            c->role = prev->role;
            /* the rule that made the figure before a delta */
            add_rule_id(cx, pending_for(cx, i), is_list_connector(cx, prev->end, c->start)
                                                     ? cx->rs->list_connectors[0].id
                                                     : last_rule_id(cx, i - 1));
        }
    }
    for (size_t i = doc->nclaims; i-- > cx->first + 1;) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        if (pending_for(cx, i)->delta_after && !strcmp(prev->role, "level") && prev->unit_rule == c->unit_rule &&
            is_list_connector(cx, prev->end, c->start)) {
            prev->role = c->role;
            pending_for(cx, i - 1)->delta_after = true;
            add_rule_id(cx, pending_for(cx, i - 1), cx->rs->list_connectors[0].id);
        }
    }
}

/* A qualifier that reaches over a verb to the first figure of a list
 * (分别约占百分之29和百分之47) speaks of the list: a figure of the same
 * unit after a list connector that has none of its own takes it. One
 * written against the first figure (约29%和47%) is that figure's alone. */
static void spread_list_qualifiers(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    const struct qualifier_rule *q = NULL; /* the list's, from its head */
    for (size_t i = cx->first + 1; i < doc->nclaims; i++) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        int32_t n;
        if (prev->unit_rule != c->unit_rule || !is_list_connector(cx, prev->end, c->start)) {
            q = NULL;
            continue;
        }
        if (!q && !qualifier_at(cx, prev->start, QUAL_BEFORE, prev->unit_rule, &n) &&
            (q = qualifier_reaching(cx, prev->start, prev->unit_rule)) && strcmp(prev->qualifier, q->qualifier))
            q = NULL; /* the head's own qualifier is another (约占30%以上) */
        if (!q || strcmp(c->qualifier, "exact")) {
            q = NULL;
            continue;
        }
        c->qualifier = q->qualifier;
        add_rule_id(cx, pending_for(cx, i), q->id);
    }
}

static void assign_periods(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        /* the ends of a change share their period: 由每人每月148元提高到158元 */
        if (!strcmp(c->role, "to") && i > cx->first && doc->claims[i - 1].group == c->group &&
            doc->claims[i - 1].period) {
            c->period = doc->claims[i - 1].period;
            continue;
        }
        /* a period word governs the figures after it up to the next figure */
        int32_t from = clause_start(cx, c->start, false);
        if (i > cx->first && doc->claims[i - 1].end > from)
            from = doc->claims[i - 1].end;
        for (size_t k = 0; k < cx->rs->n_periods; k++) {
            const struct pattern_rule *p = &cx->rs->periods[k];
            if (pattern_find(p->re, cx->t, from, c->start, NULL)) {
                c->period = p->period;
                add_rule_id(cx, pending_for(cx, i), p->id);
                break;
            }
        }
    }
}

/* Is time span t inside a change phrase that does not hold [start, end)
 * (with start > end: inside any change phrase)? The year of
 * 由2022年的6.1万元提高到6.5万元 belongs to that change alone. */
static bool inside_other_change(const struct sentence_ctx *cx, const struct span *t, int32_t start,
                                int32_t end)
{
    const struct spans *ch = &cx->changes;
    for (size_t k = starting_before(ch, t->start, true); k-- > 0 && ch->reach[k] >= t->end;) {
        const struct ordered *c = &ch->by_start[k];
        if (c->end >= t->end && (start > end || end <= c->start || start >= c->end))
            return true;
    }
    return false;
}

/* The nearest time reference of the sentence that ends by `at` (the
 * longest, where several end there), for the claim [start, end). */
static const struct span *time_before(const struct sentence_ctx *cx, int32_t at, int32_t start,
                                      int32_t end)
{
    const struct spans *ts = &cx->times, *ch = &cx->changes;
    size_t k = ending_before(ts, at, true);
    if (!k)
        return NULL;
    /* the latest end of a time that serves: one in no change phrase, or
     * one inside change phrases that all hold the claim */
    bool found = ts->free_upto[k - 1] > 0;
    int32_t top = found ? ts->by_end[ts->free_upto[k - 1] - 1].end : 0;
    for (size_t m = starting_before(ch, end, false); m-- > 0 && ch->reach[m] > start;) {
        const struct ordered *c = &ch->by_start[m];
        if (c->end <= start)
            continue;
        size_t lo = ending_before(ts, c->start, false);
        for (size_t j = ending_before(ts, c->end < at ? c->end : at, true); j-- > lo;) {
            const struct ordered *t = &ts->by_end[j];
            if (found && t->end <= top)
                break;
            if (t->start >= c->start && !inside_other_change(cx, &ts->at[t->i], start, end)) {
                found = true;
                top = t->end;
                break;
            }
        }
    }
    if (!found)
        return NULL;
    const struct span *best = NULL;
    for (size_t j = ending_before(ts, top, false); j < k && ts->by_end[j].end == top; j++) {
        const struct span *t = &ts->at[ts->by_end[j].i];
        if (!inside_other_change(cx, t, start, end) && (!best || t->start < best->start))
            best = t;
    }
    return best;
}

/* The brackets of the sentence, from the opening mark to the closing one
 * ([open, close), -1 for close where none), in *asides; their number. */
static size_t sentence_asides(const struct sentence_ctx *cx, struct span **asides)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    size_t n = 0, cap = 0, depth = 0, *open = NULL;
    *asides = NULL;
    for (int32_t p = cx->start, w; p < cx->end; p += w ? w : 1) {
        if ((w = word_list_match(&m->open_brackets, cx->t, p, cx->end))) {
            if (n == cap) {
                cap = cap ? 2 * cap : 4;
                *asides = xrealloc(*asides, cap * sizeof **asides);
                open = xrealloc(open, cap * sizeof *open);
            }
            open[depth] = n;
            (*asides)[n++] = (struct span){p, -1, NULL, false, false};
            depth++;
        } else if ((w = word_list_match(&m->close_brackets, cx->t, p, cx->end)) && depth) {
            (*asides)[open[--depth]].end = p;
        }
    }
    free(open);
    return n;
}

/* Time s, or where it stands in brackets that hold more than it and not
 * the claim [start, end) (2014年全省（2013年为500亿元）实现6835亿元), the time
 * before the brackets: an aside's time is the aside's own. Brackets that
 * hold a time alone ((截至今天下午5时)) are the time of what follows. */
static const struct span *time_outside_asides(const struct sentence_ctx *cx, const struct span *s,
                                              const struct span *asides, size_t n, int32_t start,
                                              int32_t end)
{
    for (size_t guard = 0; s && guard <= n; guard++) {
        const struct span *in = NULL;
        for (size_t k = 0; k < n; k++) {
            const struct span *a = &asides[k];
            if (a->end >= 0 && a->start < s->start && s->end <= a->end && (!in || a->start > in->start))
                in = a;
        }
        if (!in || (in->start < start && end <= in->end))
            return s;
        int32_t a = in->start + word_list_match(&cx->rs->table_marks.open_brackets, cx->t, in->start, in->end);
        int32_t b = in->end;
        while (a < b && u_isUWhiteSpace(cx->t[a]))
            a++;
        while (b > a && u_isUWhiteSpace(cx->t[b - 1]))
            b--;
        if (s->start == a && s->end == b)
            return s;
        s = time_before(cx, in->start, start, end);
    }
    return s;
}

/* 2021年、2022年全县投资分别为50亿元、60亿元: the times of a list, then a
 * word for "respectively", then as many figures that took the list: the
 * first figure takes the first time, and so on. took[i] is the time claim
 * cx->first + i took. */
static void respective_times(struct sentence_ctx *cx, const struct span **took)
{
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims;) {
        const struct span *s = took[i - cx->first];
        size_t n = 1;
        while (i + n < doc->nclaims && took[i + n - cx->first] == s && !doc->claims[i + n].group)
            n++;
        bool said = false; /* 分别 between the list and the first figure */
        for (int32_t p = s ? s->end : 0; s && p < doc->claims[i].start && !said; p++)
            said = word_list_match(&tp->respectively, cx->t, p, doc->claims[i].start) > 0;
        if (!said || n < 2 || doc->claims[i].group) {
            i += n;
            continue;
        }
        /* the parts of the list: between list joiners */
        int32_t cut[16], k = 0, a = s->start;
        for (int32_t p = s->start; p < s->end && k < 15; p++) {
            int32_t w = word_list_match(&tp->list_joiners, cx->t, p, s->end);
            if (w && p > a) {
                cut[k++] = a;
                cut[k++] = p;
                a = p + w;
                p += w - 1;
            }
        }
        if (a < s->end && k < 16) {
            cut[k++] = a;
            cut[k++] = s->end;
        }
        /* 一、二季度: parts that share what follows the last are no times alone */
        for (int32_t j = 0; j < k; j += 2) {
            int32_t p = cut[j];
            while (p < cut[j + 1] && (u_isdigit(cx->t[p]) || numbers_is_numeral_char(cx->rs, cx->t, p, cut[j + 1])))
                p++;
            if (p == cut[j + 1])
                k = 0;
        }
        if (k && (size_t)k / 2 == n)
            for (size_t j = 0; j < n; j++)
                doc->claims[i + j].time_ref = utf8_of(doc, cx->t + cut[2 * j], cut[2 * j + 1] - cut[2 * j]);
        i += n;
    }
}

/* Is time s exactly one word of list l? */
static bool is_whole_word(const struct sentence_ctx *cx, const struct word_list *l, const struct span *s)
{
    return word_list_match(l, cx->t, s->start, s->end) == s->end - s->start;
}

static void assign_time_refs(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    struct spans *ts = &cx->times;
    struct span *asides;
    size_t nasides = sentence_asides(cx, &asides);
    const struct span **took = xcalloc(doc->nclaims - cx->first, sizeof *took);
    /* 是去年同期的1.5倍: the time a ratio is of is a base, no figure's time */
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    size_t had = ts->n;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        if (!c->unit_rule || !c->unit_rule->kind || strcmp(c->unit_rule->kind, "ratio"))
            continue;
        for (size_t k = 0; k < ts->n; k++)
            if (ts->at[k].end <= c->start && only_word_between(&tp->base_linkers, cx->t, ts->at[k].end, c->start) &&
                word_list_match_before(&tp->ratio_of, cx->t, cx->start, ts->at[k].start) > 0) {
                ts->at[k] = ts->at[--ts->n];
                break;
            }
    }
    if (ts->n < had)
        spans_index(ts);
    spans_index(&cx->changes);
    for (size_t j = 0; j < ts->n; j++) {
        bool in_change = inside_other_change(cx, &ts->at[ts->by_end[j].i], 1, 0);
        ts->free_upto[j] = in_change ? (j ? ts->free_upto[j - 1] : 0) : j + 1;
    }
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        int32_t at = c->start;
        const struct span *s = NULL;
        /* 较去年春节档的52.3元: the figure right after a base is the base's */
        for (size_t b = 0; !s && b < cx->bases.n; b++) {
            const struct span *base = &cx->bases.at[b];
            if (base->end <= c->start &&
                only_word_between(&cx->rs->time_phrase.base_linkers, cx->t, base->end, c->start))
                s = base;
        }
        /* the to end of a change takes a time between its from end and it
         * (从每斤50元涨到现在300元), no other of its own change phrase */
        if (!s && !strcmp(c->role, "to")) {
            int32_t from_end = -1;
            for (size_t j = i; j-- > cx->first && from_end < 0;)
                if (doc->claims[j].group == c->group && !strcmp(doc->claims[j].role, "from"))
                    from_end = doc->claims[j].end;
            s = from_end >= 0 ? time_before(cx, at, c->start, c->end) : NULL;
            if (s && s->start < from_end)
                s = NULL;
            at = pending_for(cx, i)->role_marker;
        }
        if (!s)
            s = time_outside_asides(cx, time_before(cx, at, c->start, c->end), asides, nasides, c->start,
                                    c->end);
        /* 今天投票，晚间9时57分开票完毕，得票率40.05%: an instant of the clock
         * dates an event; its figures take the time before it, where there
         * is one, unless a bound (截至17时30分) makes it the end of a period */
        if (s && s->end - s->start > 1 &&
            word_list_match_before(&tp->instant_ends, cx->t, s->start, s->end) > 0 &&
            !word_list_match(&tp->bound_prefixes, cx->t, s->start, s->end)) {
            const struct span *before = time_before(cx, s->start, c->start, c->end);
            if (before)
                s = before;
        }
        /* 2007年……占到当年新增市场的51%: an anaphor stands for the time
         * before it, unless that is a day counted back from it (前一交易日……当日) */
        if (s && is_whole_word(cx, &tp->anaphors, s)) {
            const struct span *antecedent = time_before(cx, s->start, c->start, c->end);
            if (antecedent && !is_whole_word(cx, &tp->counted_days, antecedent))
                s = antecedent;
        }
        /* 9月5日沪指盘中最高3056点: a part of a trading day is of the day
         * before it, where one is named; a part after parts keeps its own */
        if (s && is_whole_word(cx, &tp->day_parts, s)) {
            const struct span *day = s;
            while ((day = time_before(cx, day->start, c->start, c->end)) && is_whole_word(cx, &tp->day_parts, day))
                ;
            if (day)
                s = day;
        }
        if (s)
            c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
        took[i - cx->first] = s;
    }
    /* 沪市867家上市公司2009年上半年实现净利润4369亿元: a figure with no time
     * before it, in no change, takes the time after it in its clause that a
     * figure after that time in the clause takes (not a comparison's base) */
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        if (took[i - cx->first] || c->group)
            continue;
        /* 完成投资50亿元（2022年）: brackets right after a figure, of a time alone */
        int32_t open = word_list_match(&m->open_brackets, cx->t, c->end, cx->end);
        for (size_t k = 0; open && k < ts->n; k++) {
            const struct span *s = &ts->at[k];
            if (s->start == c->end + open && word_list_match(&m->close_brackets, cx->t, s->end, cx->end)) {
                c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
                took[i - cx->first] = s;
            }
        }
        if (took[i - cx->first])
            continue;
        int32_t to = clause_end(cx, c->end);
        /* only a time after the figure in its clause can be one (without
         * this test a list of n figures in one clause and no time cost n²) */
        if (starting_before(ts, to, false) == starting_before(ts, c->end, false))
            continue;
        for (size_t j = i + 1; j < doc->nclaims && doc->claims[j].start < to; j++) {
            const struct span *s = took[j - cx->first];
            if (!s || s->start < c->end || s->end > doc->claims[j].start)
                continue;
            bool base = s >= cx->bases.at && s < cx->bases.at + cx->bases.n;
            if (!base && time_outside_asides(cx, s, asides, nasides, c->start, c->end) == s) {
                c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
                took[i - cx->first] = s;
            }
            break;
        }
    }
    respective_times(cx, took);
    free(took);
    free(asides);
}

/* ------------------------------------------------------------ subjects */

static bool is_blank_char(UChar c)
{
    return u_isspace(c) || c == 0x3000;
}

/* Does the lexicon's segmentation of t[a, b) put a word across cut: is
 * a trim word at a subject's edge only part of a word (共 of 共享单车, 有 of
 * 有效载荷, 达 of 达标企业)? */
static bool splits_word(const struct sentence_ctx *cx, int32_t a, int32_t b, int32_t cut)
{
    if (!cx->rs->words || cut <= a || cut >= b)
        return false;
    struct wc_word *w = xmalloc((size_t)(b - a) * sizeof *w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, b, w);
    bool across = false;
    for (size_t j = 0; j < k && !across; j++)
        across = w[j].start < cut && cut < w[j].end;
    free(w);
    return across;
}

/* Trim rule words, time references and blanks off both ends of [*a, *b);
 * a rule word of one character that is part of a word of the lexicon
 * stays (a longer one is a word of its own: 其中 before 华锐, where the
 * lexicon would read 中华). */
static void trim_subject(const struct sentence_ctx *cx, int32_t *a, int32_t *b)
{
    const struct word_list *trim = &cx->rs->subject.trim;
    for (bool changed = true; changed && *a < *b;) {
        changed = false;
        int32_t n;
        if (is_blank_char(cx->t[*a])) {
            (*a)++;
            changed = true;
        } else if (is_blank_char(cx->t[*b - 1])) {
            (*b)--;
            changed = true;
        } else if ((n = word_list_match(trim, cx->t, *a, *b)) && *b - *a - n != 1 &&
                   (n > 1 || !splits_word(cx, *a, *b, *a + n))) {
            *a += n;
            changed = true;
        } else if ((n = word_list_match_before(trim, cx->t, *a, *b)) && *b - *a - n != 1 &&
                   (n > 1 || !splits_word(cx, *a, *b, *b - n))) {
            *b -= n; /* never down to one character: 占比 is a subject, 比 is not */
            changed = true;
        }
        if (changed)
            continue;
        /* the first time (in the order found) that begins at a or ends at b */
        const struct spans *ts = &cx->times;
        size_t first = SIZE_MAX;
        bool front = false;
        for (size_t j = starting_before(ts, *a, false); j < ts->n && ts->by_start[j].start == *a; j++)
            if (ts->by_start[j].end <= *b && ts->by_start[j].i < first) {
                first = ts->by_start[j].i;
                front = true;
            }
        for (size_t j = ending_before(ts, *b, false); j < ts->n && ts->by_end[j].end == *b; j++)
            if (ts->by_end[j].start >= *a && ts->by_end[j].i < first) {
                first = ts->by_end[j].i;
                front = false;
            }
        if (first != SIZE_MAX) {
            if (front)
                *a = ts->at[first].end;
            else
                *b = ts->at[first].start;
            changed = true;
        }
    }
}

static bool is_head(const struct subject_rule *s, const struct wc_word *w)
{
    return name_list_has(&s->head_classes, w->tag);
}

/* May w, a word of one character, be a piece of a word the dictionary
 * does not know: a Han character that is no numeral, no time, and no word
 * that stops, trims or links a phrase (的, 占, 在, 和) or makes a rate (每)? */
static bool is_loose_char(const struct sentence_ctx *cx, const struct wc_word *w)
{
    const struct subject_rule *s = &cx->rs->subject;
    int32_t p = w->start;
    if (w->end - p != 1 || !u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC) ||
        numbers_is_numeral_char(cx->rs, cx->t, p, cx->end) || !strcmp(w->tag, "t") ||
        name_list_has(&s->stop_classes, w->tag))
        return false;
    const struct word_list *stops[] = {&s->trim, &s->linkers, &s->stop_after, &s->split_before, &s->list_joiners,
                                       &s->delimiters, &s->clause_delimiters};
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (word_list_match(stops[i], cx->t, p, w->end) == 1)
            return false;
    for (size_t i = 0; i < cx->rs->n_comparison_markers; i++)
        if (word_list_match(&cx->rs->comparison_markers[i].words, cx->t, p, w->end) == 1)
            return false;
    for (size_t i = 0; i < cx->rs->n_rate_separators; i++) /* 每: 成交均价每平方米 */
        if (word_list_match(&cx->rs->rate_separators[i].words, cx->t, p, w->end) == 1)
            return false;
    return true;
}

/* Is t[a, b) digits only (a figure, a year: no word of a subject)? */
static bool all_digits(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]))
            return false;
    return b > a;
}

/* Does t[a, b) hold a letter (a label, not a figure or a mark such as /)? */
static bool has_letter(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (u_isalpha(cx->t[p]))
            return true;
    return false;
}

/* Is t[a, b) Latin letters only (ending in digits where it has any: O3)? */
static bool is_latin_word(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    if (b <= a || !u_isalpha(cx->t[a]) || u_hasBinaryProperty(cx->t[a], UCHAR_IDEOGRAPHIC))
        return false;
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]) && cx->t[p] != '.' && (!u_isalpha(cx->t[p]) || u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC)))
            return false;
    return true;
}

/* Is t[a, b) digits, with a decimal point between two of them (2.5)? */
static bool is_code_digits(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]) && !(cx->t[p] == '.' && p > a && p + 1 < b))
            return false;
    return b > a;
}

/* Does a figure of the sentence begin at p? */
static bool figure_at(const struct sentence_ctx *cx, int32_t p)
{
    /* the sentence's claims are made in the order of the text: bisect */
    size_t lo = cx->first, hi = cx->doc->nclaims;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cx->doc->claims[mid].start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cx->doc->nclaims && cx->doc->claims[lo].start == p;
}

/* Two single characters or more in a row that the dictionary splits,
 * one of them a noun, the first no verb right after a noun (篮板球起势),
 * and two of them right before a figure a name or ending in a noun (鱼重三斤半
 * stays apart), are one word it does not know (钟诚, 會景閣, 孝善食堂,
 * 配备助餐服务人员, 两次最终流拍); a verb after two of them, the last a
 * noun, begins the clause's predicate (在平邑 | 吃下了; 差餉寬減 stays): a
 * name (of name_classes) where one of them is a name or a place (林鄭),
 * else a noun; its frequency 0. The count of words left. */
static size_t join_single_chars(const struct sentence_ctx *cx, struct wc_word *w, size_t k)
{
    const struct subject_rule *s = &cx->rs->subject;
    size_t out = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        bool noun = false, name = false;
        while (j < k && is_loose_char(cx, &w[j]) && (j == i || w[j].start == w[j - 1].end) &&
               (j - i < 2 || !name_list_has(&s->verb_classes, w[j].tag) || !is_head(s, &w[j - 1]))) {
            noun = noun || (is_head(s, &w[j]) && !name_list_has(&s->verb_classes, w[j].tag));
            name = name || name_list_has(&s->place_classes, w[j].tag) || name_list_has(&s->name_classes, w[j].tag);
            j++;
        }
        bool verb_first = name_list_has(&s->verb_classes, w[i].tag);
        bool verb_last = j > i && name_list_has(&s->verb_classes, w[j - 1].tag);
        if (j - i >= 2 && noun && (!verb_first || i == 0 || !is_head(s, &w[i - 1])) &&
            (j < k || w[j - 1].end - w[i].start >= 3 || !figure_at(cx, w[j - 1].end) ||
             (!verb_last && (name_list_has(&s->name_classes, w[i].tag) || is_head(s, &w[j - 1]))))) {
            w[out] = (struct wc_word){w[i].start, w[j - 1].end, name && s->name_classes.n ? s->name_classes.names[0] : "n", 0};
            out++;
            i = j;
        } else {
            w[out++] = w[i++];
        }
    }
    return out;
}

/* Where the phrase ends in a single character that the dictionary takes
 * for a word of its own after a longer word, but the longer word's last
 * character and it make a noun (派/发现/金 → 派/发/现金): make them so. */
static void regroup_last_char(const struct sentence_ctx *cx, struct wc_word *w, size_t k)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (k < 2 || w[k - 1].end - w[k - 1].start != 1 || w[k - 2].end - w[k - 2].start < 2 ||
        w[k - 2].end != w[k - 1].start || !u_hasBinaryProperty(cx->t[w[k - 1].start], UCHAR_IDEOGRAPHIC) ||
        !u_hasBinaryProperty(cx->t[w[k - 2].end - 1], UCHAR_IDEOGRAPHIC))
        return;
    uint32_t freq, rest_freq;
    const char *tag = wordclass_tag(cx->rs->words, cx->t + w[k - 1].start - 1, 2, &freq);
    if (!tag || !name_list_has(&s->head_classes, tag) || name_list_has(&s->verb_classes, tag))
        return;
    int32_t rest = w[k - 2].end - 1 - w[k - 2].start;
    const char *rest_tag = wordclass_tag(cx->rs->words, cx->t + w[k - 2].start, rest, &rest_freq);
    if (!rest_tag)
        return;
    w[k - 2].end--;
    w[k - 2].tag = rest_tag;
    w[k - 2].freq = rest_freq;
    w[k - 1].start--;
    w[k - 1].tag = tag;
    w[k - 1].freq = freq;
}

/* The words of t[a, b) with their classes, into *w (made larger as
 * needed; the caller frees it): their count. */
static size_t subject_words(const struct sentence_ctx *cx, int32_t a, int32_t b, struct wc_word **w)
{
    *w = xmalloc((size_t)(b - a) * sizeof **w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, b, *w);
    /* the rule's nouns (收入, 占比: verbs to the dictionary) are nouns,
     * where they span whole words */
    const struct word_list *nouns = &cx->rs->subject.nouns;
    /* a word across a time reference is a time: 6月10日落至 (found in the
     * times' index: a clause of n figures each with its time is no n²) */
    for (size_t i = 0; i < k; i++)
        if (spans_overlap(&cx->times, (*w)[i].start, (*w)[i].end))
            (*w)[i].tag = "t";
    size_t out = 0;
    for (size_t i = 0; i < k; i++) {
        struct wc_word x = (*w)[i];
        int32_t n = word_list_match(nouns, cx->t, x.start, b);
        size_t j = i;
        while (n && j < k && (*w)[j].end < x.start + n)
            j++;
        if (n && j < k && (*w)[j].end == x.start + n) {
            x.end = (*w)[j].end;
            x.tag = "n";
            i = j;
        } else if (word_list_match(&cx->rs->subject.verbs, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "v";
        } else if (word_list_match(&cx->rs->subject.adverbs, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "d"; /* 价格已基本稳定在: no noun */
        } else if (word_list_match(&cx->rs->subject.when_words, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "tg"; /* 登陸時中心附近最大風力: a time, no noun */
        } else if (x.end - x.start == 3 && name_list_has(&cx->rs->subject.idiom_classes, x.tag)) {
            x.tag = "n"; /* an idiom of three characters is mostly a noun: 大暴雨, 攻坚战 */
        } else if (word_list_match(&cx->rs->subject.delimiters, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "x"; /* a character the rule reads as a delimiter (丶 for 、) is punctuation */
        }
        (*w)[out++] = x;
    }
    regroup_last_char(cx, *w, out);
    out = join_single_chars(cx, *w, out);
    /* Latin letters with digits right after them are one name: PM10浓度, O3超标率;
     * and so are Latin words joined by a hyphen: 本田CR-V销量 */
    size_t glued = 0;
    for (size_t i = 0; i < out; i++) {
        struct wc_word x = (*w)[i];
        for (;;) {
            if (i + 1 < out && (*w)[i + 1].start == x.end && is_latin_word(cx, x.start, x.end) &&
                u_isdigit(cx->t[x.end]) && is_code_digits(cx, (*w)[i + 1].start, (*w)[i + 1].end)) {
                x.end = (*w)[i + 1].end;
                i++;
            } else if (i + 2 < out && (*w)[i + 1].start == x.end && (*w)[i + 1].end == x.end + 1 &&
                       u_charType(cx->t[x.end]) == U_DASH_PUNCTUATION && (*w)[i + 2].start == x.end + 1 &&
                       is_latin_word(cx, x.start, x.end) &&
                       (is_latin_word(cx, (*w)[i + 2].start, (*w)[i + 2].end) ||
                        is_code_digits(cx, (*w)[i + 2].start, (*w)[i + 2].end))) {
                x.end = (*w)[i + 2].end;
                i += 2;
            } else {
                break;
            }
            x.tag = "eng";
        }
        (*w)[glued++] = x;
    }
    out = glued;
    /* digits with Latin letters right after them are one name: 5G基站, 4K电视;
     * a character with an average mark after it is one word: 亩均产值, 村均收入 */
    size_t kept = 0;
    for (size_t i = 0; i < out; i++) {
        struct wc_word x = (*w)[i];
        const struct wc_word *y = i + 1 < out && (*w)[i + 1].start == x.end ? &(*w)[i + 1] : NULL;
        if (y && all_digits(cx, x.start, x.end) && u_hasBinaryProperty(cx->t[x.end], UCHAR_ALPHABETIC) &&
            !u_hasBinaryProperty(cx->t[x.end], UCHAR_IDEOGRAPHIC)) {
            x.end = y->end;
            x.tag = y->tag;
            i++;
        } else if (y && x.end - x.start == 1 && u_hasBinaryProperty(cx->t[x.start], UCHAR_IDEOGRAPHIC) &&
                   strcmp(x.tag, "t") && i + 2 < out &&
                   !numbers_is_numeral_char(cx->rs, cx->t, x.start, cx->end) &&
                   word_list_match(&cx->rs->subject.average_marks, cx->t, y->start, y->end) == y->end - y->start) {
            x.end = y->end;
            x.tag = "n";
            x.freq = 0;
            i++;
        }
        (*w)[kept++] = x;
    }
    out = kept;
    return out;
}



static bool is_verb(const struct subject_rule *s, const struct wc_word *w)
{
    return name_list_has(&s->verb_classes, w->tag);
}

/* May a word stand inside a subject, before its head: a noun, a modifier,
 * any word of a class that neither stops a phrase nor is a verb. */
static bool is_inner(const struct subject_rule *s, const struct wc_word *w)
{
    return !is_verb(s, w) && !name_list_has(&s->stop_classes, w->tag);
}

/* A verb so rare that between nouns it is part of them (风电装机容量,
 * 在校学生), where a common one is the clause's verb (公司实现营业收入). */
static bool is_compound_verb(const struct subject_rule *s, const struct wc_word *w)
{
    return is_verb(s, w) && w->freq > 0 && w->freq < (uint32_t)s->compound_verb_max_freq;
}

/* Before the things a measure word counts, a verb of two characters or
 * more, rare or a noun of action (开办, 组建, 培育), no rarer than
 * clause_verb_min_freq, is the clause's verb, not part of the noun
 * (开办返乡入乡市场主体 → 返乡入乡市场主体, where 返乡 is rarer). */
static bool is_clause_verb(const struct subject_rule *s, const struct wc_word *w, bool count)
{
    return count && is_verb(s, w) && w->end - w->start >= 2 && w->freq >= (uint32_t)s->clause_verb_min_freq &&
           s->clause_verb_min_freq > 0;
}

/* The words of w[from, to) that may stand in a noun phrase: no
 * punctuation, particle or the like. */
static size_t words_between(const struct subject_rule *s, const struct wc_word *w, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t j = from; j < to; j++)
        n += !name_list_has(&s->stop_classes, w[j].tag);
    return n;
}

/* Is w[i] a place that stands before what the phrase w[i, h) names, as its
 * scope: a word of a scope class, of two characters or more and no
 * not_places word (城镇新增就业 stays), with two words or more after it
 * before any 的, none of them a place, a locative or a name the dictionary
 * does not know (监利县粮食产量 → 粮食产量; 温州房价, 南京房价的上涨幅度,
 * 普陀區西磨盤, 温州瓯北临江房价 stay). */
static bool is_place_before(const struct sentence_ctx *cx, const struct wc_word *w, size_t i, size_t h)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!name_list_has(&s->scope_classes, w[i].tag) || w[i].end - w[i].start < 2 ||
        word_list_match(&s->not_places, cx->t, w[i].start, w[i].end) == w[i].end - w[i].start)
        return false;
    size_t n = 0, singles = 0;
    for (size_t j = i + 1; j < h; j++) {
        if (word_list_match(&s->linkers, cx->t, w[j].start, w[j].end) == w[j].end - w[j].start)
            break;
        if (name_list_has(&s->place_classes, w[j].tag) || name_list_has(&s->locative_classes, w[j].tag))
            return false;
        singles = w[j].end - w[j].start == 1 ? singles + 1 : 0;
        if (singles >= 2 && is_inner(s, &w[j]) && is_inner(s, &w[j - 1]))
            return false;
        n += !name_list_has(&s->stop_classes, w[j].tag);
    }
    return n >= 2;
}

/* Is w[i], of an edge class (a measure word), with a one-character
 * measure word of suffix_classes after it, a grade of the noun after them
 * (兆瓦级风电机组), not the measure of a figure? */
static bool is_grade(const struct subject_rule *s, const struct wc_word *w, size_t i, size_t h)
{
    return i + 2 < h && w[i + 1].end - w[i + 1].start == 1 && name_list_has(&s->suffix_classes, w[i + 1].tag) &&
           w[i].end - w[i].start >= 2 && is_head(s, &w[i + 2]);
}

/* Is w[i] a body (body_classes) before a name that ends the phrase
 * w[i, h): 吉林队杰米尔 → 杰米尔? */
static bool is_body_before_name(const struct subject_rule *s, const struct wc_word *w, size_t i, size_t h)
{
    if (!name_list_has(&s->body_classes, w[i].tag) || i + 1 >= h)
        return false;
    for (size_t j = i + 1; j < h; j++)
        if (!name_list_has(&s->name_classes, w[j].tag))
            return false;
    return true;
}

static bool is_linker_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    return word_list_match(&cx->rs->subject.linkers, cx->t, w->start, w->end) == w->end - w->start;
}

/* Is w a word the subject rule trims (共, 累计, 已)? Inside a phrase it
 * stops it as it would end it. */
static bool is_trim_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    return word_list_match(&cx->rs->subject.trim, cx->t, w->start, w->end) == w->end - w->start &&
           !is_linker_word(cx, w);
}

/* Is w a comparison marker (比, 较): what follows it is a base, not a subject. */
static bool is_comparison_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    for (size_t i = 0; i < cx->rs->n_comparison_markers; i++)
        if (word_list_match(&cx->rs->comparison_markers[i].words, cx->t, w->start, w->end) == w->end - w->start)
            return true;
    return false;
}

/* May w, right before a figure that is no measure word's, name the event
 * counted (起降, 支付): a verb of two characters or more that the rule
 * neither trims nor stops a phrase at (实现, 开展). */
static bool is_event_verb(const struct sentence_ctx *cx, const struct wc_word *w)
{
    const struct subject_rule *s = &cx->rs->subject;
    return is_verb(s, w) && w->end - w->start >= 2 && !is_trim_word(cx, w) &&
           word_list_match(&s->stop_after, cx->t, w->start, w->end) != w->end - w->start;
}

/* Does w[0, i), before a 的 at w[i], end in an owner or a place rather
 * than in the thing whose attribute follows (金银花的价格): a place
 * (浙江的熱帶氣旋, 公司的毛利率), a word ending in a locative (市面上的身价,
 * 范围内的限额), nouns a locative opens (附近海域或地區的風力), or a name
 * the dictionary does not know, joined of single characters
 * (葉劉淑儀的選舉廣告)? */
static bool is_owner(const struct sentence_ctx *cx, const struct wc_word *w, size_t i)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (i == 0)
        return false;
    const struct wc_word *x = &w[i - 1];
    if (name_list_has(&s->place_classes, x->tag) ||
        word_list_match_before(&s->locatives, cx->t, x->start, x->end) > 0)
        return true;
    if (x->freq == 0 && name_list_has(&s->name_classes, x->tag) && x->end - x->start >= 2)
        return true;
    /* nouns that a locative opens: 附近海域或地區的風力 */
    for (size_t j = i; j-- > 0;) {
        if (name_list_has(&s->locative_classes, w[j].tag))
            return true;
        bool join = w[j].end - w[j].start == 1 && name_list_has(&s->join_classes, w[j].tag);
        if (!join && (!is_inner(s, &w[j]) || is_verb(s, &w[j])))
            break;
    }
    return false;
}

/* Is w[from, to), in brackets after a noun, a remark on it rather than
 * another name of it (地区生产总值（GDP）, 企业(个体)): a clause, with a
 * verb or a word that never stands in a noun (熱帶氣旋(不包括熱帶低壓),
 * 投入强度（与国内生产总值之比）)? */
static bool is_aside(const struct sentence_ctx *cx, const struct wc_word *w, size_t from, size_t to)
{
    const struct subject_rule *s = &cx->rs->subject;
    for (size_t j = from; j < to; j++)
        if (u_hasBinaryProperty(cx->t[w[j].start], UCHAR_IDEOGRAPHIC) &&
            (name_list_has(&s->stop_classes, w[j].tag) || (is_verb(s, &w[j]) && !is_head(s, &w[j]))))
            return true;
    return false;
}

/* Where w[i - 1] is a closing bracket whose opening one is among w[0, i - 1):
 * the index of that opening bracket; else −1. */
static int32_t bracket_before(const struct sentence_ctx *cx, const struct wc_word *w, size_t i)
{
    if (i == 0 || w[i - 1].end - w[i - 1].start != 1)
        return -1;
    UChar close = cx->t[w[i - 1].start], open;
    if (close == 0x201D || close == 0x2019) /* ” ’: quotes ICU pairs as no brackets */
        open = (UChar)(close - 1);
    else if (u_getIntPropertyValue(close, UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_CLOSE)
        open = (UChar)u_getBidiPairedBracket(close);
    else
        return -1;
    for (size_t j = i - 1; j-- > 0;)
        if (w[j].end - w[j].start == 1 && cx->t[w[j].start] == open)
            return (int32_t)j;
    return -1;
}

/* Is t[a, b) empty or made of event links only (各占, 累计): words that
 * leave a verb before them the event the figure counts (早中晚水稻种植各占
 * 48万亩), where a copula does not (指数收盘为24494点)? */
static bool links_only(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    while (a < b) {
        int32_t n = word_list_match(&cx->rs->subject.event_links, cx->t, a, b);
        if (!n)
            return false;
        a += n;
    }
    return true;
}

/* The head noun phrase of t[*a, *b) that the figure after it counts: the
 * last noun and the nouns, modifiers and rare verbs before it (企业管理人员,
 * 最高补偿限额), through 的 between nouns (金银花的价格); the verb before it
 * and the words after it are left out (回引企业家, 房价还), but where the
 * phrase ends at the figure (adjacent), a verb right after the noun names
 * what the figure counts of it (飞机起降20.3万架次). With no noun, the
 * phrase's verbs (签约), and false; with no verb either, *a = *b. *verb_end
 * (if not NULL) says whether the phrase ends in a verb left out of it
 * (中国生产了3100万平方米的太阳能热水器): the figure may count its object. */
static int32_t bracket_end(const struct sentence_ctx *cx, int32_t p, int32_t end);

static bool phrase_before(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool adjacent, bool count,
                          bool *verb_end)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (verb_end)
        *verb_end = false;
    if (!cx->rs->words || *b <= *a)
        return *b > *a;
    struct wc_word *w;
    size_t k = subject_words(cx, *a, *b, &w);
    /* 住客占总数59%: the subject is before 占 (a word of its own, not of
     * 占比), where it has a noun */
    for (size_t j = k; j-- > 1;) {
        const struct wc_word *x = &w[j];
        if (word_list_match(&s->split_before, cx->t, x->start, x->end) == x->end - x->start) {
            int32_t from = *a, to = x->start, after = x->end;
            bool event = !count && links_only(cx, x->start, x->end);
            free(w);
            if (phrase_before(cx, &from, &to, event, count, NULL)) {
                *a = from;
                *b = to;
                return true;
            }
            *a = after;
            k = subject_words(cx, *a, *b, &w);
            break;
        }
    }
    size_t h = k;
    while (h > 0 && !is_head(s, &w[h - 1]))
        h--;
    /* a scope is no head where a noun (no verb) comes before it:
     * 杰米尔砍下全场最高, 胡雪峰贡献全队最高 */
    if (h > 1 && word_list_match(&s->scopes, cx->t, w[h - 1].start, w[h - 1].end) == w[h - 1].end - w[h - 1].start) {
        size_t g = h - 1;
        while (g > 0 && (!is_head(s, &w[g - 1]) || is_verb(s, &w[g - 1])))
            g--;
        if (g > 0)
            h = g;
    }
    /* a bracket after the noun belongs to it: 地区生产总值（GDP） */
    int32_t open = bracket_before(cx, w, k);
    size_t from = h ? h - 1 : 0; /* where the phrase is followed back from */
    if (open > 0 && (size_t)open < h && is_head(s, &w[open - 1]) && !is_aside(cx, w, (size_t)open + 1, k - 1)) {
        from = (size_t)open - 1;
        h = k;
    } else if (open > 0 && (size_t)open < h && is_head(s, &w[open - 1])) {
        from = (size_t)open - 1; /* the noun before a remark: 熱帶氣旋(不包括熱帶低壓) */
        h = (size_t)open;
    }
    /* a name's last character the dictionary gives a class of its own: 钟诚 */
    if (h > 0 && h + 1 == k && w[h].end - w[h].start == 1 && name_list_has(&s->tail_classes, w[h].tag))
        h++;
    /* a one-character measure word after the noun is its suffix: 电子零组件类,
     * and a noun's suffix the dictionary reads as a word of its own: 村级便民服务站 */
    else if (h > 0 && h + 1 == k && w[h].end - w[h].start == 1 &&
             (name_list_has(&s->suffix_classes, w[h].tag) ||
              word_list_match(&s->noun_suffixes, cx->t, w[h].start, w[h].end) == 1))
        h++;
    /* the event counted: 飞机起降20.3万架次, 资金支付50% (a predicate's verb,
     * 指数收盘为, is no part of it) */
    else if (adjacent && h > 0 && h < k && is_event_verb(cx, &w[h]) &&
             (h + 1 == k || (h + 2 == k && links_only(cx, w[h + 1].start, w[h + 1].end))))
        h++;
    /* the event alone where the noun acts on something first: 三峡累计向下游
     * 放水约190亿立方米 gives 放水 */
    if (adjacent && h > 0 && h + 1 < k && is_event_verb(cx, &w[k - 1])) {
        bool stop = false;
        for (size_t j = h; j + 1 < k; j++)
            stop = stop || name_list_has(&s->stop_classes, w[j].tag) || is_trim_word(cx, &w[j]);
        if (stop) {
            *a = w[k - 1].start;
            *b = w[k - 1].end;
            free(w);
            return false;
        }
    }
    if (verb_end)
        *verb_end = h < k && is_verb(s, &w[k - 1]) && !is_head(s, &w[k - 1]);
    if (h == 0) {
        size_t first = 0, last = k;
        while (first < k && !is_verb(s, &w[first]))
            first++;
        while (last > first && !is_verb(s, &w[last - 1]))
            last--;
        while (first > 0 && first < last && is_inner(s, &w[first - 1]) && !u_isdigit(cx->t[w[first - 1].start]))
            first--; /* 总诊疗 */
        /* the common verb whose object the rest is: 开展透析治疗 → 透析治疗 */
        if (first + 1 < last && is_verb(s, &w[first]) && !is_compound_verb(s, &w[first]) &&
            is_verb(s, &w[first + 1]))
            first++;
        if (first < last) {
            *a = w[first].start;
            *b = w[last - 1].end;
        } else {
            *a = *b;
        }
        free(w);
        return false;
    }
    /* back to a word that stops a phrase; verbs inside stay (粮食种植面积) */
    size_t i = from;
    bool linked = false; /* a 的 was passed */
    bool owned = false;  /* the phrase begins after 的: no verb of a clause opens it, nor
                          * a time or a measure word (新北市的老年人口比例) */
    while (i > 0) {
        const struct wc_word *l = &w[i - 1];
        bool noun_before = i >= 2 && (is_head(s, &w[i - 2]) || name_list_has(&s->edge_classes, w[i - 2].tag));
        /* through 的 only from a noun: 金银花的价格, not 签约服务的全科医生 */
        bool noun_of = i >= 2 && is_head(s, &w[i - 2]) && !is_verb(s, &w[i - 2]);
        /* a short adverb or pronoun glued to a noun is part of it: 基本每股收益, 均价,
         * and where it opens the phrase: 直接经济损失, 各类企业经费支出 (one
         * character only before a name of two or more: 曾俊華, not
         * 该项目总投资; no demonstrative: 该镇农村集体经济收入) */
        bool glue = name_list_has(&s->glue_classes, l->tag) && l->end - l->start <= 2 &&
                    (noun_before || w[h - 1].end - w[i].start == 1 ||
                     ((i == 1 || name_list_has(&s->stop_classes, w[i - 2].tag)) && is_head(s, &w[i]) &&
                      !is_verb(s, &w[i]) && !is_trim_word(cx, l) &&
                      !word_list_match(&s->demonstratives, cx->t, l->start, l->end) &&
                      (l->end - l->start == 2 ||
                       ((name_list_has(&s->name_classes, w[i].tag) || name_list_has(&s->place_classes, w[i].tag)) &&
                        w[i].end - w[i].start >= 2))));
        if (u_isdigit(cx->t[l->start]) && all_digits(cx, l->start, l->end))
            break; /* a figure or a year: 2024年春节假期全国电影票房 */
        if (word_list_match(&s->topics, cx->t, l->start, l->end) == l->end - l->start)
            break; /* 江苏队方面胡雪峰 */
        if (is_trim_word(cx, l) || is_comparison_word(cx, l))
            break; /* 全国共报告法定传染病, 較上周市值 */
        /* 及 between nouns joins them: 酒店及公寓住客 (not between verbs:
         * 投资和经营建筑面积) */
        if (i >= 2 && is_head(s, &w[i - 2]) && name_list_has(&s->join_classes, l->tag) && l->end - l->start == 1 &&
            !(is_verb(s, &w[i - 2]) && is_verb(s, &w[i]))) {
            i--;
            continue;
        }
        /* a list of items before the head is part of it: 交通、转诊等费用 */
        if (i >= 2 && (is_head(s, &w[i - 2]) || is_verb(s, &w[i - 2])) &&
            word_list_match(&s->list_joiners, cx->t, l->start, l->end) == l->end - l->start) {
            i--;
            continue;
        }
        /* a bracket inside: 研究与试验发展（R&D）经费 */
        int32_t open = bracket_before(cx, w, i);
        if (open >= 0 && i >= 2 && is_head(s, &w[i - 2])) {
            i = (size_t)open;
            continue;
        }
        /* through one 的 only, and not after an owner or a place: 补脾胃等功效的
         * 太子参的价格 → 太子参的价格, 市面上的身价 → 身价 */
        if (is_linker_word(cx, l) && noun_of && (linked || is_owner(cx, w, i - 1))) {
            owned = true;
            break;
        }
        linked = linked || is_linker_word(cx, l);
        if (is_inner(s, l) || is_verb(s, l) || glue || (noun_of && is_linker_word(cx, l)))
            i--;
        else
            break;
    }
    /* one word right after an adverbial's opener, ending the phrase, is
     * no subject: 销售额按季下跌 → 销售额, 按月上升 → none */
    if (i > 0 && i + 1 == h && h == k &&
        word_list_match(&s->adverbial_openers, cx->t, w[i - 1].start, w[i - 1].end) == w[i - 1].end - w[i - 1].start) {
        int32_t from = *a, to = w[i - 1].start;
        free(w);
        trim_subject(cx, &from, &to);
        if (to > from && phrase_before(cx, &from, &to, false, count, NULL)) {
            *a = from;
            *b = to;
            return true;
        }
        *a = *b;
        return false;
    }
    /* a common verb inside with two words or more after it is its clause's
     * verb, and they its object: 奉节开通“双师课堂”班, 劳务聘用在册村医 (one
     * word after it makes a noun with it: 粮食种植面积; a rare one before a
     * noun of action too: 家庭医生签约服务对象) */
    int depth = 0;        /* of brackets: a verb in an aside is none of the clause's */
    bool cut = false;     /* the phrase begins after such a verb */
    size_t words = 0;     /* after w[j], out of asides and punctuation */
    for (size_t j = h; j-- > i + 1;) {
        UChar c = cx->t[w[j].start];
        if (w[j].end - w[j].start == 1 && u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_NONE) {
            depth += u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_CLOSE ? 1 : -1;
            continue;
        }
        if (depth == 0 && words >= 2 && w[j].end - w[j].start >= 2 && is_verb(s, &w[j]) &&
            !is_head(s, &w[j]) && w[j].freq &&
            (!is_compound_verb(s, &w[j]) || (is_clause_verb(s, &w[j], count) && !(is_head(s, &w[j + 1]) && is_verb(s, &w[j + 1]))))) {
            i = j + 1;
            cut = true;
            break;
        }
        if (depth == 0 && !name_list_has(&s->stop_classes, w[j].tag))
            words++;
    }
    /* it begins with its first noun or modifier: the common verb whose
     * object it is (回引企业家, 引进社会资本; a rare one is part of it:
     * 从业人员, 捕捞产量), a numeral, a time or a measure word go */
    bool object = false; /* a clause's verb before its object was left out */
    while (i + 1 < h && ((!owned && is_verb(s, &w[i]) && !is_head(s, &w[i]) && !is_compound_verb(s, &w[i]) && w[i].freq &&
                          (object = true)) ||
                         (!object && i + 2 < h && is_clause_verb(s, &w[i], count) &&
                          !name_list_has(&s->stop_classes, w[i + 1].tag) && words_between(s, w, i + 1, h) >= 2 &&
                          (object = true)) ||
                         (!owned && name_list_has(&s->edge_classes, w[i].tag) && !is_grade(s, w, i, h) &&
                          word_list_match(&s->ages, cx->t, w[i].start, w[i].end) != w[i].end - w[i].start) ||
                         all_digits(cx, w[i].start, w[i].end) || is_linker_word(cx, &w[i]) ||
                         word_list_match(&s->scopes, cx->t, w[i].start, w[i].end) == w[i].end - w[i].start ||
                         is_place_before(cx, w, i, h) ||
                         is_body_before_name(s, w, i, h)))
        i++; /* and a scope: 全县有用耕地面积, and the 的 after it: 公司的毛利率;
              * a place before two words or more: 监利县粮食产量 (温州房价 stays);
              * a body before a name: 江苏队胡雪峰 */
    /* what a measure word counts is the noun a clause before 的 describes:
     * 高于全国平均水平的省（市）有6个 → 省（市） */
    if (count && (object || cut))
        for (size_t j = h - 1; j-- > i;)
            if (is_linker_word(cx, &w[j])) {
                i = j + 1;
                break;
            }
    *a = w[i].start;
    *b = w[h - 1].end;
    free(w);
    return true;
}

static bool head_before(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool adjacent, bool *verb_end)
{
    return phrase_before(cx, a, b, adjacent, false, verb_end);
}

/* The nouns a measure word counts, at the start of t[*a, *b): its first
 * run of nouns, with the modifiers and rare verbs right before it (1032名
 * 在校学生实践实习 → 在校学生, 330所村卫生室合理布局 → 村卫生室). False
 * where it holds no noun. */
static bool is_after(const struct subject_rule *s, const struct wc_word *w, bool events)
{
    return name_list_has(&s->after_classes, w->tag) || (events && is_verb(s, w));
}

/* Where w[j] is an opening bracket whose closing one is among w[j + 1, k)
 * and a noun a measure word counts (with events, a verb too) comes right
 * after it: that closing bracket's index; else −1. */
static int32_t aside_at(const struct sentence_ctx *cx, const struct wc_word *w, size_t k, size_t j, bool events)
{
    if (w[j].end - w[j].start != 1)
        return -1;
    UChar open = cx->t[w[j].start];
    if (u_getIntPropertyValue(open, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_OPEN)
        return -1;
    UChar close = (UChar)u_getBidiPairedBracket(open);
    for (size_t c = j + 1; c + 1 < k; c++)
        if (w[c].end - w[c].start == 1 && cx->t[w[c].start] == close)
            return is_after(&cx->rs->subject, &w[c + 1], events) ? (int32_t)c : -1;
    return -1;
}

/* Is t[p] a one-character conjunction of join_classes (及) with a Han
 * character that is no numeral after it: a phrase after a figure may go on
 * through it to a noun (13個主要隧道廣告及地鐵燈箱廣告), where before a
 * figure it begins the next item (15家物流企业和8家科技公司)? */
static bool joins_nouns_at(const struct sentence_ctx *cx, int32_t p)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (p + 1 >= cx->end || !cx->rs->words || !u_hasBinaryProperty(cx->t[p + 1], UCHAR_IDEOGRAPHIC) ||
        numbers_is_numeral_char(cx->rs, cx->t, p + 1, cx->end))
        return false;
    const char *tag = wordclass_tag(cx->rs->words, cx->t + p, 1, NULL);
    return tag && name_list_has(&s->join_classes, tag);
}

static bool head_after(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool at_start, bool events)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!cx->rs->words || *b <= *a)
        return *b > *a;
    struct wc_word *w;
    size_t k = subject_words(cx, *a, *b, &w);
    size_t f = 0;
    while (f < k && !is_after(s, &w[f], events)) {
        /* an aside in brackets inside the noun: 46个村(社区)服务中心 */
        if (f > 0 && is_inner(s, &w[f - 1]) && aside_at(cx, w, k, f, events) > 0) {
            f--;
            break;
        }
        f++;
    }
    if (f == k) {
        free(w);
        return false;
    }
    size_t i = 0;
    bool stops = false; /* right after the figure, a verb before the noun with
                         * nothing between describes it: 3记进攻篮板球 */
    for (size_t j = 0; j < f; j++)
        stops = stops || !(is_inner(s, &w[j]) || is_verb(s, &w[j]));
    for (size_t j = 0; j < f && stops; j++)
        if (!is_inner(s, &w[j]) && !is_compound_verb(s, &w[j]))
            i = j + 1;
    bool modifiers = true; /* a verb's object begins with no verb of its own */
    for (size_t j = 0; j < f; j++)
        modifiers = modifiers && is_inner(s, &w[j]);
    if (at_start && (i > 0 || !modifiers)) {
        free(w);
        return false;
    }
    /* on to the last noun before a word that stops it; modifiers, times and
     * rare verbs between nouns stay (农村幸福院, 绿色养生老年食谱) */
    size_t e = f + 1;
    for (size_t j = f + 1; j < k; j++) {
        int32_t c = aside_at(cx, w, k, j, events);
        if (c > 0) {
            e = (size_t)c + 2;
            j = (size_t)c + 1;
        } else if (is_after(s, &w[j], events))
            e = j + 1;
        else if (j + 1 < k && w[j].end - w[j].start == 1 && name_list_has(&s->join_classes, w[j].tag) &&
                 is_after(s, &w[j - 1], events) && is_after(s, &w[j + 1], false))
            continue; /* 主要隧道廣告及地鐵燈箱廣告 */
        else if (j + 1 < k && is_verb(s, &w[j]) && is_head(s, &w[j]) && w[j - 1].end == w[j].start &&
                 w[j].end == w[j + 1].start && is_after(s, &w[j - 1], false) && is_after(s, &w[j + 1], false))
            continue; /* a noun of action between two nouns is one of them: 重点旅游景区 */
        else if (!is_inner(s, &w[j]) && !is_compound_verb(s, &w[j]))
            break;
    }
    *a = w[i].start;
    *b = w[e - 1].end;
    free(w);
    return true;
}

/* The noun phrase that begins at `a`, up to a delimiter, a numeral or a
 * stop word; with at_start, only one that its first word begins; with
 * events, verbs are of it as nouns are (两次防守反击). */
/* The word of the lexicon that holds t[p] among the words of t[a, ...):
 * its tag, or NULL without a lexicon. */
static const char *tag_at(const struct sentence_ctx *cx, int32_t a, int32_t p, int32_t *end)
{
    if (!cx->rs->words)
        return NULL;
    int32_t to = p + WORDCLASS_MAX_WORD < cx->end ? p + WORDCLASS_MAX_WORD : cx->end;
    struct wc_word *w = xmalloc((size_t)(to - a) * sizeof *w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, to, w);
    const char *tag = NULL;
    for (size_t j = 0; j < k && !tag; j++)
        if (w[j].start <= p && p < w[j].end) {
            tag = w[j].tag;
            *end = w[j].end;
        }
    free(w);
    return tag;
}

/* Does a numeral begin at t[p] (within a phrase from a): a digit, or a
 * Han numeral that is no character of a word (登陆, 参与)? Where it is one,
 * *word is where that word ends (else p). */
static bool numeral_at(const struct sentence_ctx *cx, int32_t a, int32_t p, int32_t *word)
{
    *word = p;
    if (!numbers_is_numeral_char(cx->rs, cx->t, p, cx->end))
        return false;
    if (u_isdigit(cx->t[p]))
        return true;
    int32_t end;
    const char *tag = tag_at(cx, a, p, &end);
    if (!tag || tag[0] == 'm' || !strcmp(tag, "un"))
        return true;
    *word = end;
    return false;
}

/* Where the bracket that opens at t[p] closes (the index after its
 * closing character), within t[p, end); −1 where none opens there or it
 * does not close. */
static int32_t bracket_end(const struct sentence_ctx *cx, int32_t p, int32_t end)
{
    if (p >= end || u_getIntPropertyValue(cx->t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_OPEN)
        return -1;
    UChar close = (UChar)u_getBidiPairedBracket(cx->t[p]);
    for (int32_t q = p + 1; q < end; q++) {
        UChar c = cx->t[q];
        if (c == close)
            return q + 1;
        if (u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_NONE)
            return -1;
    }
    return -1;
}

static bool phrase_span(struct sentence_ctx *cx, int32_t *pa, int32_t *pb, bool at_start, bool events);

static const char *phrase_from(struct sentence_ctx *cx, int32_t a, bool at_start, bool events)
{
    int32_t b;
    if (!phrase_span(cx, &a, &b, at_start, events))
        return NULL;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* The noun phrase right after the figure c where it ends its clause, or
 * ends before a word that joins it to another (帐面标价60万元租金，
 * 替代2250万吨标准煤或760亿千瓦时电力), not where a verb goes on
 * (门票50元半价出售); else NULL. */
static const char *noun_after(struct sentence_ctx *cx, const struct claim *c)
{
    int32_t a = c->end, b;
    if (!phrase_span(cx, &a, &b, true, false))
        return NULL;
    /* a unit's own word names the money, not what it is of: 5.74亿元人民币 */
    for (size_t i = 0; i < cx->rs->n_units; i++)
        if (word_list_match(&cx->rs->units[i].words, cx->t, a, b) == b - a)
            return NULL;
    int32_t p = b;
    while (p < cx->end && is_blank_char(cx->t[p]))
        p++;
    if (p < cx->end && !is_delimiter(cx, p, false)) {
        int32_t end;
        const char *tag = tag_at(cx, b, p, &end);
        if (!tag || !name_list_has(&cx->rs->subject.join_classes, tag))
            return NULL;
    }
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* The span [*pa, *pb) of the noun phrase that begins at *pa (see
 * phrase_from); false where there is none. */
static bool phrase_span(struct sentence_ctx *cx, int32_t *pa, int32_t *pb, bool at_start, bool events)
{
    int32_t a = *pa;
    const struct subject_rule *s = &cx->rs->subject;
    /* an amount in words between a measure word and its noun is the noun's
     * (收治的2个七八岁小儿乙脑患者) */
    int32_t skip;
    const char *tag;
    if (a < cx->end && !u_isdigit(cx->t[a]) && numbers_is_numeral_char(cx->rs, cx->t, a, cx->end) &&
        (tag = tag_at(cx, a, a, &skip)) && !strcmp(tag, "m") && skip - a >= 2 &&
        !numbers_is_numeral_char(cx->rs, cx->t, skip - 1, cx->end))
        a = skip;
    int32_t b = a, chars = 0, word;
    while (b < cx->end && chars < s->max_chars) {
        if (is_delimiter(cx, b, true) || numeral_at(cx, a, b, &word) || is_blank_char(cx->t[b]))
            break;
        /* a word that a numeral's character begins stays whole: 参与 */
        if (word > b + 1) {
            for (; b < word && b < cx->end; b++)
                if (!U16_IS_TRAIL(cx->t[b]))
                    chars++;
            continue;
        }
        if (b > a && word_list_match(&s->stop_after, cx->t, b, cx->end) && !joins_nouns_at(cx, b))
            break;
        if (!U16_IS_TRAIL(cx->t[b]))
            chars++;
        b++;
    }
    trim_subject(cx, &a, &b);
    if (!head_after(cx, &a, &b, at_start, events) || b <= a)
        return false;
    *pa = a;
    *pb = b;
    return true;
}

/* What follows the figure: directly after a measure word (1694个岗位), or
 * after a linker (20元以下的处方). */
static const char *subject_after(struct sentence_ctx *cx, const struct claim *c, bool at_start, bool events)
{
    /* a delta's 的 names the change, not the thing: 1.5%的正增长 */
    int32_t n = strcmp(c->role, "delta") ? word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end) : 0;
    return phrase_from(cx, c->end + n, at_start, events);
}

/* Where the phrase before the figure begins: its clause or list item, after
 * the previous figure, after a restarting verb (第一产业实现增加值 → 增加值). */
static int32_t before_start(struct sentence_ctx *cx, size_t index, int32_t end, int32_t *restart)
{
    if (restart)
        *restart = -1;
    struct doc *doc = cx->doc;
    /* 预算总额 177.1 亿元: the space of a typeset page before the figure
     * divides no phrase */
    while (end > cx->start && u_charType(cx->t[end - 1]) == U_SPACE_SEPARATOR)
        end--;
    /* its clause, where a list (、) may be the subject's, after the previous
     * figure, no longer than twice a subject */
    int32_t a = clause_start(cx, end, false);
    if (index > cx->first && doc->claims[index - 1].end > a && doc->claims[index - 1].end <= end) {
        a = doc->claims[index - 1].end;
        /* what the measure word before counts, and an aside in brackets
         * after it, are that count's: 12个县(市)85.2万人受灾 leaves nothing
         * before 85.2万人 */
        const struct unit_rule *u = doc->claims[index - 1].unit_rule;
        int32_t pa = a, pb;
        if (u && u->subject_after && phrase_span(cx, &pa, &pb, false, false) && pa == a && pb <= end) {
            int32_t q = bracket_end(cx, pb, end);
            if ((q > pb ? q : pb) == end)
                a = end;
        }
    }
    int32_t limit = end - cx->rs->subject.max_chars * 2;
    if (a < limit)
        a = limit;
    /* from its last blank (a heading's: 狂風暴雨襲浙江 已轉移23萬人); the
     * scan stays within [a, end), so that a list of n figures in one clause
     * costs n short scans, not n scans back to the clause's start */
    for (int32_t p = end - 1; p > a; p--)
        if (is_blank_char(cx->t[p])) {
            a = p + 1;
            break;
        }
    for (int32_t p = end - 1; p > a; p--) {
        int32_t n = word_list_match(&cx->rs->subject.restart_after, cx->t, p, end);
        if (n && p + n < end) {
            if (restart)
                *restart = p;
            a = p + n;
            break;
        }
    }
    return a;
}

/* Where the word of subject.adjunct_classes that ends at a begins (t[from,
 * a) segmented), or −1 where none does. */
static int32_t adjunct_start(const struct sentence_ctx *cx, int32_t from, int32_t a)
{
    if (!cx->rs->words || a <= from)
        return -1;
    struct wc_word *w;
    size_t k = subject_words(cx, from, a, &w);
    int32_t p = k && name_list_has(&cx->rs->subject.adjunct_classes, w[k - 1].tag) ? w[k - 1].start : -1;
    free(w);
    return p;
}

/* Where the noun t[a, b) of the phrase t[from, to) stands right after a
 * word of subject.adjunct_classes (a preposition) with a verb after it:
 * where that verb begins (在比赛中得到 → 得到); else −1. */
static int32_t adjunct_before(const struct sentence_ctx *cx, int32_t from, int32_t a, int32_t b, int32_t to)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!cx->rs->words || a <= from || b >= to)
        return -1;
    struct wc_word *w;
    size_t k = subject_words(cx, from, to, &w);
    bool after = false;
    int32_t verb = -1;
    for (size_t j = 0; j < k; j++) {
        if (w[j].end == a)
            after = name_list_has(&s->adjunct_classes, w[j].tag);
        if (w[j].start >= b && verb < 0 && is_verb(s, &w[j]))
            verb = w[j].start;
    }
    free(w);
    return after ? verb : -1;
}

/* The head noun phrase before the figure; NULL where the phrase has no
 * noun, its verbs then in *verb (NULL if none). An event is a figure whose
 * unit is no measure word: a verb right before it is what it counts of the
 * noun (飞机起降20.3万架次), where a measure word counts the noun itself
 * (报告法定传染病发病6951478例). */
static const char *subject_before(struct sentence_ctx *cx, size_t index, int32_t end, bool event,
                                  const char **verb, bool *verb_end, bool *one_verb, bool *verb_first,
                                  bool *verb_apart)
{
    if (one_verb)
        *one_verb = false;
    if (verb_apart)
        *verb_apart = false;
    if (verb_first)
        *verb_first = false;
    int32_t restart;
    int32_t a = before_start(cx, index, end, &restart);
    int32_t figure = end;
    trim_subject(cx, &a, &end);
    int32_t trimmed = end, a0 = a;
    bool noun = phrase_before(cx, &a, &end, event && links_only(cx, end, figure), !event, verb_end);
    if (verb_end && trimmed < figure && word_list_match(&cx->rs->subject.verb_markers, cx->t, trimmed, figure))
        *verb_end = true; /* 中国生产了3100万平方米的太阳能热水器 */
    /* words after the noun that the phrase leaves out (a verb, a
     * preposition) make the figure theirs, and the noun its 的 points at
     * what it measures: 三峡水库将在6月10日落至145米的汛限水位, 王老吉曾以
     * 每年35-40元的价格 */
    if (verb_end && noun && end < trimmed &&
        word_list_match(&cx->rs->subject.linkers, cx->t, cx->doc->claims[index].end, cx->end))
        *verb_end = true;
    /* a noun after a preposition is where or whom the verb after it acts,
     * and the verb is what the figure counts: 在平邑吃下了约4000吨 → 吃下 */
    int32_t acts = noun && end < trimmed ? adjunct_before(cx, a0, a, end, trimmed) : -1;
    if (acts >= 0) {
        noun = false;
        a = acts;
        end = trimmed;
        trim_subject(cx, &a, &end);
    }
    if (!noun)
        trim_subject(cx, &a, &end);
    const char *text = end > a ? utf8_of(cx->doc, cx->t + a, end - a) : NULL;
    /* what a restarting verb's subject right before it achieved is that
     * subject's: 第一产业实现增加值 → 第一产业增加值 (not where it is a
     * scope, 全市实现地区生产总值) */
    if (noun && restart >= 0) {
        int32_t ta = clause_start(cx, restart, true), tb = restart;
        if (index > cx->first && cx->doc->claims[index - 1].end > ta)
            ta = cx->doc->claims[index - 1].end;
        trim_subject(cx, &ta, &tb);
        int32_t hb = tb;
        if (tb == restart && tb > ta && head_before(cx, &ta, &hb, false, NULL) && hb == tb &&
            word_list_match(&cx->rs->subject.scopes, cx->t, ta, tb) != tb - ta) {
            struct buf both = {0};
            buf_puts(&both, utf8_of(cx->doc, cx->t + ta, tb - ta));
            buf_puts(&both, text);
            text = arena_strdup(&cx->doc->arena, both.data);
            buf_free(&both);
        }
    }
    if (verb)
        *verb = noun ? NULL : text;
    /* a noun phrase that opens with a verb and ends where the figure's
     * phrase does: 拉动GDP */
    if (verb_first && noun && end == figure && cx->rs->words) {
        struct wc_word *w;
        size_t k = subject_words(cx, a, end, &w);
        *verb_first = k > 1 && is_verb(&cx->rs->subject, &w[0]) && !is_head(&cx->rs->subject, &w[0]);
        free(w);
    }
    /* the phrase one verb of two characters or more after words of no
     * phrase (还曾创下 → 创下: the clause's own subject is left unsaid; a
     * verb that opens its clause, 死亡15人，受伤80人, names what it counts) */
    if ((one_verb || verb_apart) && !noun && end - a >= 2 && cx->rs->words) {
        struct wc_word *w;
        size_t k = subject_words(cx, a, end, &w);
        bool alone = k == 1 && is_verb(&cx->rs->subject, &w[0]);
        if (one_verb)
            *one_verb = alone && a > a0;
        /* words between the verb opening the phrase and the figure, no
         * mark of a done verb (已攀升至, not 发放了): the verb says what
         * became of something, not what is counted */
        if (verb_apart && alone && a == a0) {
            int32_t p = w[0].end, n; /* blanks and words trimmed (編列共) are nothing between */
            while (p < figure) {
                if (is_blank_char(cx->t[p]))
                    p++;
                else if ((n = word_list_match(&cx->rs->subject.trim, cx->t, p, figure)) > 0)
                    p += n;
                else
                    break;
            }
            *verb_apart = p < figure && !word_list_match(&cx->rs->subject.verb_markers, cx->t, p, figure);
        }
        free(w);
    }
    return noun ? text : NULL;
}

/* Does the phrase before the figure end in a verb that points forward
 * (仍有94万亩耕地)? */
static bool points_forward(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL);
    return word_list_match_before(&cx->rs->subject.forward_verbs, cx->t, a, end) > 0;
}

/* A share (a percentage) whose clause opens with 占 (subject.split_before, a word of its
 * own) is a share of what the clause before names: 运输开支最高，占总选举开支
 * 35% (the head of that clause), 装机容量占到新增市场的51%，2008年占到72.8%
 * (the subject of its figure, where it holds a share). NULL where the clause
 * does not open so, or the clause before holds a figure of another kind
 * (可替代2250万吨标准煤，占社会总能耗的1%: what it is a share of). */
static const char *share_subject(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct subject_rule *s = &cx->rs->subject;
    struct doc *doc = cx->doc;
    int32_t a0 = before_start(cx, index, end, NULL), a = a0, b = end, n = 0;
    trim_subject(cx, &a, &b); /* 占 is trimmed: it stands at a or just before */
    for (int32_t p = a0; p <= a && p < b && !n; p++) {
        n = word_list_match(&s->split_before, cx->t, p, b);
        if (n && p + n < a)
            n = 0;
        else if (n)
            a = p;
    }
    if (!n || !cx->rs->words)
        return NULL;
    /* a word of its own, or words of their own (占到), not 占比 */
    struct wc_word *w;
    int32_t to = a + 2 * WORDCLASS_MAX_WORD < b ? a + 2 * WORDCLASS_MAX_WORD : b;
    size_t k = subject_words(cx, a, to, &w), j = 0;
    while (j < k && w[j].end < a + n)
        j++;
    bool own = j < k && w[j].end == a + n;
    free(w);
    if (!own)
        return NULL;
    int32_t clause = clause_start(cx, a, false);
    if (clause <= cx->start)
        return NULL;
    int32_t pa = clause_start(cx, clause - 1, false), pb = clause - 1;
    if (index > cx->first && doc->claims[index - 1].end > pa) {
        /* a share after a share: 占到新增市场的51%，2008年占到72.8% */
        const struct unit_rule *u = doc->claims[index - 1].unit_rule;
        return u && !strcmp(u->kind, "percent") ? doc->claims[index - 1].subject : NULL;
    }
    trim_subject(cx, &pa, &pb);
    if (pb <= pa || !head_before(cx, &pa, &pb, false, NULL))
        return NULL;
    return utf8_of(doc, cx->t + pa, pb - pa);
}

/* Cut last's words that follow what first names (see name_list). */
static void cut_shared_tail(struct sentence_ctx *cx, const struct span *first, struct span *last)
{
    struct wc_word *w;
    size_t k = subject_words(cx, first->start, first->end, &w);
    int32_t wa = k ? w[k - 1].start : 0, wn = k ? w[k - 1].end - w[k - 1].start : 0;
    free(w);
    k = subject_words(cx, last->start, last->end, &w);
    /* a word that ends as the first name's last word does, in two
     * characters or more: 传染病 in 呼吸道传染病报告发病率, 产业 in 第三产业
     * 增加值 after 第二产业 */
    int32_t cut = -1;
    for (size_t j = k; j-- > 0 && cut < 0 && wn >= 2;) {
        int32_t m = 0;
        while (m < wn && m < w[j].end - w[j].start && cx->t[w[j].end - 1 - m] == cx->t[wa + wn - 1 - m])
            m++;
        if (m >= 2)
            cut = w[j].end;
    }
    for (size_t j = 1; j < k && cut < 0; j++)
        if (word_list_match(&cx->rs->subject.split_before, cx->t, w[j].start, last->end) >= w[j].end - w[j].start)
            cut = w[j].start;
    free(w);
    if (cut > last->start)
        last->end = cut;
}

/* A list of n figures after a list of n names gives each figure its name:
 * 基础设施投资、工业投资和房地产开发投资分别增长8.2%、12.5%和6.3%. Where
 * the names before the last are of one length, one or two characters, and
 * the last is longer, the
 * rest of the last is their shared head: 一、二、三产业增加值 gives
 * 一产业增加值, 二产业增加值, 三产业增加值. */
static void name_list(struct sentence_ctx *cx, size_t first, size_t last)
{
    struct doc *doc = cx->doc;
    int32_t marker = pending_for(cx, first)->role_marker;
    int32_t b = marker >= 0 ? marker : doc->claims[first].start;
    int32_t a = clause_start(cx, b, false);
    if (first > cx->first && doc->claims[first - 1].end > a)
        a = doc->claims[first - 1].end;
    /* the names end where the list's own word (分别) begins: 报告发病率和
     * 死亡率分别较上年下降 */
    bool own = false;
    for (int32_t p = a; p < b && !own; p++)
        if (word_list_match(&cx->rs->subject.list_ends, cx->t, p, b)) {
            own = p == a;
            b = p;
        }
    trim_subject(cx, &a, &b);
    /* a clause that opens with it names them in the clause before: 将政纲
     * 设计、网站设计传讯等入帐营运开支，分别占20.9万及39.8万元 */
    bool before = false;
    if (own && b <= a && a > cx->start && (first == cx->first || doc->claims[first - 1].end < a)) {
        int32_t clause = clause_start(cx, a, false);
        if (clause > cx->start) {
            b = clause - 1;
            a = clause_start(cx, b, false);
            if (first > cx->first && doc->claims[first - 1].end > a)
                a = doc->claims[first - 1].end;
            trim_subject(cx, &a, &b);
            before = true;
        }
    }
    size_t want = last - first + 1;
    struct span items[16] = {{0}};
    size_t n = 0;
    /* split at the list's connectors, else (及 joining nouns within an item:
     * 自然疫源及虫媒传染病、血源及性传播传染病) at the phrase's delimiters */
    for (int pass = 0; pass < 2 && n != want; pass++) {
        n = 0;
        int32_t item = a;
        for (int32_t p = a; p < b && n < 16; p++) {
            int32_t k = 0;
            if (pass == 0)
                connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, p, b, &k);
            else
                k = word_list_match(&cx->rs->subject.delimiters, cx->t, p, b);
            if (k) {
                items[n++] = (struct span){item, p, NULL, false, false};
                item = p + k;
                p += k - 1;
            }
        }
        if (n < 16)
            items[n++] = (struct span){item, b, NULL, false, false};
    }
    /* a clause of 分别 and figures alone after as many figures of their
     * own subjects speaks of those, each in turn: 出口总额150亿美元，进口
     * 总额90亿美元，分别增长10%和5% */
    if (n != want && own && first - cx->first >= want) {
        for (size_t k = 0; k < want; k++) {
            const char *s = doc->claims[first - want + k].subject;
            for (size_t j = 0; s && j < k; j++)
                if (!strcmp(s, doc->claims[first - want + j].subject))
                    s = NULL;
            if (!s)
                return;
        }
        for (size_t k = 0; k < want; k++)
            doc->claims[first + k].subject = doc->claims[first - want + k].subject;
        return;
    }
    if (n != want)
        return;
    /* a scope before the first name is none of it: 全省一、二、三产业 */
    int32_t scope = word_list_match(&cx->rs->subject.scopes, cx->t, items[0].start, items[0].end);
    if (scope && scope < items[0].end - items[0].start)
        items[0].start += scope;
    /* an ordinal's mark before the first name only: 第一、二、三产业 (where
     * the names are not all of one length with it: 第一、第二和第三产业) */
    int32_t mark = word_list_match(&cx->rs->subject.ordinal_marks, cx->t, items[0].start, items[0].end), len = 0;
    bool shared = false;
    for (int32_t lead = 0; lead <= mark && !shared; lead += mark ? mark : 1) {
        len = items[0].end - items[0].start - lead;
        shared = len > 0 && len <= 2 && items[n - 1].end - items[n - 1].start > len;
        for (size_t k = 0; k + 1 < n && shared; k++)
            shared = items[k].end - items[k].start - (k ? 0 : lead) == len;
    }
    /* names of Latin letters and digits before the last, which is one with
     * Han words after it, share those words: SO2、NO2浓度 gives SO2浓度 */
    if (!shared && n > 1) {
        int32_t code = items[n - 1].start;
        while (code < items[n - 1].end && !u_hasBinaryProperty(cx->t[code], UCHAR_IDEOGRAPHIC))
            code++;
        shared = code < items[n - 1].end && is_latin_word(cx, items[n - 1].start, code);
        for (size_t k = 0; k + 1 < n && shared; k++)
            shared = is_latin_word(cx, items[k].start, items[k].end);
        if (shared)
            len = code - items[n - 1].start;
    }
    /* the first item is its head noun phrase, without the words that lead
     * into the list: 甲乙类传染病中的肠道传染病 → 肠道传染病 */
    int32_t ia = items[0].start, ib = items[0].end;
    if (!shared && ib > ia && head_before(cx, &ia, &ib, false, NULL) && ib == items[0].end)
        items[0].start = ia;
    /* what follows the last name is said of them all (呼吸道传染病报告发病率,
     * 试验发展经费所占比重): the last ends where the first's last word does in
     * it (肠道传染病、呼吸道传染病报告发病率 → 呼吸道传染病), else before a
     * word the subject stands before (所占) */
    if (!shared && !before && cx->rs->words)
        cut_shared_tail(cx, &items[0], &items[n - 1]);
    /* named in the clause before, the first item begins after its last word
     * that stops a phrase, the last ends at its first: 林郑月娥将政纲设计 →
     * 政纲设计, 网站设计传讯等入帐营运开支 → 网站设计传讯 */
    if (before && cx->rs->words) {
        const struct name_list *stops = &cx->rs->subject.stop_classes;
        struct wc_word *w;
        size_t k = subject_words(cx, items[0].start, items[0].end, &w);
        for (size_t j = k; j-- > 0;)
            if (name_list_has(stops, w[j].tag)) {
                items[0].start = w[j].end;
                break;
            }
        free(w);
        k = subject_words(cx, items[n - 1].start, items[n - 1].end, &w);
        for (size_t j = 1; j < k; j++)
            if (name_list_has(stops, w[j].tag)) {
                items[n - 1].end = w[j].start;
                break;
            }
        free(w);
    }
    for (size_t k = 0; k < n; k++) {
        if (items[k].end <= items[k].start)
            return;
    }
    for (size_t k = 0; k < n; k++) {
        struct buf name = {0};
        char *own = utf8_of(doc, cx->t + items[k].start, items[k].end - items[k].start);
        buf_puts(&name, own);
        if (shared && k + 1 < n)
            buf_puts(&name, utf8_of(doc, cx->t + items[n - 1].start + len,
                                    items[n - 1].end - items[n - 1].start - len));
        doc->claims[first + k].subject = arena_strdup(&doc->arena, name.data);
        buf_free(&name);
    }
}

/* Is the figure after claim j a change in a list with it, its change word
 * after the connector: 分别较上年下降1.66%和上升9.02%? */
static bool listed_change(struct sentence_ctx *cx, size_t j)
{
    int32_t marker = pending_for(cx, j + 1)->role_marker;
    return marker > cx->doc->claims[j].end && is_list_connector(cx, cx->doc->claims[j].end, marker);
}

static void distribute_list_subjects(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    size_t i = cx->first;
    while (i < doc->nclaims) {
        size_t j = i;
        while (j + 1 < doc->nclaims && (is_list_connector(cx, doc->claims[j].end, doc->claims[j + 1].start) ||
                                        listed_change(cx, j)))
            j++;
        if (j > i)
            name_list(cx, i, j);
        i = j + 1;
    }
}

/* The head noun phrase of the clause before the one that holds pos (in its
 * sentence), or NULL where it names none. */
static const char *clause_before_subject(struct sentence_ctx *cx, int32_t pos)
{
    int32_t clause = clause_start(cx, pos, false);
    if (clause <= cx->start)
        return NULL;
    int32_t from = clause_start(cx, clause - 1, false), to = clause - 1;
    trim_subject(cx, &from, &to);
    for (;;) {
        int32_t a = from, b = to;
        if (b <= a || !head_before(cx, &a, &b, false, NULL))
            return NULL;
        /* not a noun after a preposition, but the one before it:
         * 总预算案在蓝白联手删减下 → 总预算案 */
        int32_t p = adjunct_start(cx, from, a);
        if (p < 0)
            return utf8_of(cx->doc, cx->t + a, b - a);
        to = p;
        trim_subject(cx, &from, &to);
    }
}

/* subject with the verb that begins at marker (before the figure at
 * figure) written after it; subject alone where no verb begins there. */
static const char *with_change_verb(struct sentence_ctx *cx, const char *subject, int32_t marker, int32_t figure)
{
    if (!cx->rs->words || marker >= figure)
        return subject;
    struct wc_word *w;
    size_t k = subject_words(cx, marker, figure, &w);
    const char *out = subject;
    if (k && is_verb(&cx->rs->subject, &w[0])) {
        struct buf both = {0};
        buf_puts(&both, subject);
        buf_puts(&both, utf8_of(cx->doc, cx->t + w[0].start, w[0].end - w[0].start));
        out = arena_strdup(&cx->doc->arena, both.data);
        buf_free(&both);
    }
    free(w);
    return out;
}

/* Where the phrase right before the figure (ending at end) is a list of as
 * many names as the figure counts (华锐、金风、东汽三家): the list; else
 * NULL. */
static const char *counted_list(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct claim *c = &cx->doc->claims[index];
    if (end != c->start || c->is_range || c->has_lower || c->has_upper)
        return NULL;
    int32_t a = before_start(cx, index, end, NULL), b = end;
    trim_subject(cx, &a, &b);
    if (b != end || b <= a)
        return NULL;
    const struct word_list *d = &cx->rs->subject.delimiters;
    double items = 1;
    int32_t last = a, first_end = -1;
    for (int32_t p = a; p < b; p++) {
        int32_t n = word_list_match(d, cx->t, p, b);
        if (n && !is_blank_char(cx->t[p])) {
            if (p == last)
                return NULL;
            if (first_end < 0)
                first_end = p;
            items++;
            last = p + n;
            p += n - 1;
        }
    }
    if (items < 2 || last >= b || decimal_to_double(c->number) != items)
        return NULL;
    /* the first name without the words that lead into the list: 引进华为 */
    int32_t ia = a, ib = first_end;
    if (head_before(cx, &ia, &ib, false, NULL) && ib == first_end)
        a = ia;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* Where the phrase before the figure holds a base opener, as a word of its
 * own, and ends with a linker (是曾俊华的近两倍, 学生人数为全区的一半): the
 * figure's subject, what stands before the opener, or with nothing there
 * what the figure before it (else the clause before) spoke of; else NULL. */
static const char *base_subject(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct subject_rule *s = &cx->rs->subject;
    int32_t a = before_start(cx, index, end, NULL);
    while (a < end && is_blank_char(cx->t[a]))
        a++;
    int32_t l = word_list_match_before(&s->linkers, cx->t, a, end);
    if (!l || !cx->rs->words)
        return NULL;
    struct wc_word *w;
    size_t k = subject_words(cx, a, end - l, &w);
    int32_t opener = -1;
    for (size_t j = 0; j + 1 < k; j++)
        if (word_list_match(&s->base_openers, cx->t, w[j].start, w[j].end) == w[j].end - w[j].start)
            opener = w[j].start;
    free(w);
    if (opener < 0)
        return NULL;
    if (opener == a) {
        const struct claim *prev = index > cx->first ? &cx->doc->claims[index - 1] : NULL;
        return prev ? prev->subject : clause_before_subject(cx, end);
    }
    int32_t b = opener;
    trim_subject(cx, &a, &b);
    int32_t hb = b;
    if (b <= a || !head_before(cx, &a, &hb, false, NULL) || hb != b)
        return NULL;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* A change's own noun in the phrase of its change, ending after where
 * that phrase begins: its subject (同比涨幅较上月收窄, 较上月降幅扩大,
 * 较上季增速回落), not what the sentence opened with. NULL where none. */
static const char *change_noun_subject(struct sentence_ctx *cx, size_t index, int32_t marker)
{
    const struct claim *c = &cx->doc->claims[index];
    const struct word_list *nouns = &cx->rs->subject.change_nouns;
    if (marker < 0 || marker >= c->start || strcmp(c->role, "delta"))
        return NULL;
    int32_t a = clause_start(cx, marker, false);
    if (index > cx->first && cx->doc->claims[index - 1].end > a)
        a = cx->doc->claims[index - 1].end;
    int32_t from = -1, to = marker;
    for (int32_t p = a; p < c->start; p++) {
        int32_t n = word_list_match(nouns, cx->t, p, c->start);
        if (n && p + n > to) {
            from = p;
            to = p + n;
        }
    }
    return from >= 0 ? utf8_of(cx->doc, cx->t + from, to - from) : NULL;
}

/* Does the phrase before the figure open with a comparison marker that
 * names a base after it (较去年第三季210.5亿元, 环比3月的157.9万辆; not
 * 同比增长): the figure is the base's, no time's or noun's there? */
static bool base_before(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL), b = end;
    trim_subject(cx, &a, &b);
    if (b <= a || !cx->rs->words)
        return false;
    struct wc_word *w;
    size_t k = subject_words(cx, a, b, &w);
    /* a marker whose first character is one (较, 比上), or any marker that
     * a base time follows (环比3月, not 同比增长) */
    bool base = false;
    for (size_t m = 0; k > 1 && m < cx->rs->n_comparison_markers && !base; m++)
        base = is_comparison_word(cx, &w[0]) &&
               word_list_match(&cx->rs->comparison_markers[m].words, cx->t, w[0].start, w[0].start + 1) == 1;
    for (size_t j = 0; k > 1 && !base && j < cx->bases.n; j++)
        base = is_comparison_word(cx, &w[0]) &&
               cx->bases.at[j].start == w[0].end + spaces_at(cx, w[0].end);
    free(w);
    return base;
}

/* Is the phrase before the figure (see before_start) empty, but for
 * blanks? (其中3万元为自筹 is not: 其中 takes up what the figure before
 * counts.) */
static bool bare_before(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL);
    while (a < end && is_blank_char(cx->t[a]))
        a++;
    return a >= end;
}

static void assign_subjects(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        const struct claim *prev = i > cx->first ? &doc->claims[i - 1] : NULL;
        int32_t marker = pending_for(cx, i)->role_marker;
        int32_t end = marker >= 0 ? marker : c->start;
        if (!strcmp(c->role, "to") && prev) {
            c->subject = prev->subject;
            continue;
        }
        if ((c->subject = change_noun_subject(cx, i, marker)))
            continue;
        const struct unit_rule *u = c->unit_rule;
        bool measure = u && u->subject_after;
        /* a unit word that names what is counted: 9篮板, 110万人口 */
        int32_t named = u ? word_list_match_before(&u->subject_words, cx->t, c->start, c->end) : 0;
        if (named) {
            c->subject = utf8_of(doc, cx->t + c->end - named, named);
            continue;
        }
        /* a count right after as many names as it counts counts them:
         * 华锐、金风、东汽三家 */
        if (measure && (c->subject = counted_list(cx, i, end)))
            continue;
        /* a count of times whose event follows it: 连续两次防守反击 */
        if (u && u->subject_event && (c->subject = subject_after(cx, c, true, true)))
            continue;
        const char *verb = NULL;
        if (u && !strcmp(u->kind, "percent") && (c->subject = share_subject(cx, i, end)))
            continue;
        /* 是X的 before the figure: X is its base, what the clause before
         * spoke of is its subject (达441.5万元，是曾俊华的近两倍) */
        if ((c->subject = base_subject(cx, i, end)))
            continue;
        /* the figure of a comparison's base speaks of what the figure
         * before it does: 销售额210亿元，较去年同季230亿元 */
        if (prev && prev->subject && base_before(cx, i, end)) {
            c->subject = prev->subject;
            continue;
        }
        bool verb_end;
        bool one_verb, verb_first, verb_apart;
        const char *before = subject_before(cx, i, end, !measure, &verb, &verb_end, &one_verb, &verb_first, &verb_apart);
        /* a from end whose change phrase opens its clause: 以前亩产1300斤 */
        if (!before && marker >= 0 && !strcmp(c->role, "from"))
            before = subject_before(cx, i, c->start, !measure, NULL, NULL, NULL, NULL, NULL);
        /* what follows the figure wins after a measure word, or when the
         * phrase before has no noun of its own (仍有, or nothing) */
        if (measure || (!before && !verb) || points_forward(cx, i, end))
            c->subject = subject_after(cx, c, false, false);
        /* a verb alone before and 的 after: what the figure is of follows
         * (已砍下21分的胡雪峰) */
        else if (!before && word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end))
            c->subject = subject_after(cx, c, true, false);
        /* a verb's object right after the figure: 替代2250万吨标准煤 */
        else if (verb_end)
            c->subject = subject_after(cx, c, true, false);
        /* a noun right after the figure is what it measures: 帐面标价60万元
         * 租金, 53%选举开支 */
        else if (!word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end))
            c->subject = noun_after(cx, c);
        if (!c->subject)
            c->subject = before;
        /* a verb and its object before a change are the change they make:
         * 拉动GDP增长0.1个百分点 → 拉动GDP增长 */
        if (c->subject && c->subject == before && verb_first && marker >= 0)
            c->subject = with_change_verb(cx, before, marker, c->start);
        /* a verb alone, after words of no phrase, before a figure of the
         * unit of the figure before it goes on with that figure's subject:
         * 批发价曾涨至200-250元，还曾创下250-260元; of another unit it names
         * what is counted: 占比21.65%，签约32万余人 */
        if (!c->subject && one_verb && strcmp(c->role, "from") && prev && prev->subject && prev->unit_rule && u &&
            !strcmp(prev->unit_rule->unit, u->unit))
            c->subject = prev->subject;
        /* a change with no noun of its own changes what the clause before
         * names: 温州房价几乎是节节攀升，每月平均要上涨1000至2000元每平米 */
        if (!c->subject && verb && !strcmp(c->role, "delta") && !(prev && prev->end > clause_start(cx, end, false)))
            c->subject = clause_before_subject(cx, end);
        /* a figure with nothing of its own speaks of the one before it:
         * 1228亿元，同比增长1.5%; 突破五万亿元，达到5.3万亿元 */
        /* where the phrase names nothing counted, its verb (签约32万余人),
         * else the figure before it speaks of the same */
        /* a verb alone with words between it and the figure (已攀升至)
         * says what became of what the clause before names */
        if (!c->subject && verb_apart && !(prev && prev->end > clause_start(cx, end, false)))
            c->subject = clause_before_subject(cx, end);
        if (!c->subject)
            c->subject = verb;
        /* a count with nothing before it in its phrase, no 的 after it and
         * no change from it: the verb right after it names what it counts
         * (85.2万人受灾，36人死亡; not a share: 7成以上集中于) */
        if (!c->subject && !before && u && !strcmp(u->kind, "count") && strcmp(c->role, "from") &&
            !word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end) && bare_before(cx, i, end))
            c->subject = subject_after(cx, c, true, true);
        if (!c->subject && prev)
            c->subject = prev->subject;
        /* a clause of nothing but the figure goes on with what the clause
         * before names: 产量继续提高，达到了200万千瓦 */
        if (!c->subject)
            c->subject = clause_before_subject(cx, end);
    }
    distribute_list_subjects(cx);
}

/* ------------------------------------------------------------ sentences */

static void extract_sentence(struct sentence_ctx *cx);

/* ------------------------------------------------------------ tables */

/* A table's cells are read one by one as sentences of their own. Which
 * rows are headers, captions (one cell across the table), sections (one
 * label in the first column, for the rows below it) and data (a cell that
 * begins with a figure that is no date) is read off the cells; a figure
 * takes the unit written in its column's header, else its row's label (or,
 * for a part, 其中 or #, the label of the row above that is its whole),
 * its section, the table's caption or the unit line above the table, else
 * the unit its labels imply (never in a ledger, whose rows write their
 * units); its subject is its row's label (or section) and its column's
 * header. */

static void apply_cell(struct sentence_ctx *cx)
{
    const struct cell_context *cc = cx->cell;
    for (size_t i = cx->first; i < cx->doc->nclaims; i++) {
        struct claim *c = &cx->doc->claims[i];
        struct pending *p = pending_for(cx, i);
        c->subject = cc->subject;
        if (cc->time_ref && !c->time_ref)
            c->time_ref = cc->time_ref;
        /* a column's role holds for the figure that is the whole cell,
         * whether its unit is the table's or its own (18.53% under 同比增长) */
        bool whole_cell = c->start == cc->first && c->end == cx->end;
        if ((p->from_table || whole_cell) && cc->role && !strcmp(c->role, "level")) {
            c->role = cc->role;
            add_rule_id(cx, p, cc->role_rule);
        }
    }
}

/* The length of a mark of list (rs->table_marks) at t[p], t ending at end; 0: none. */
static int32_t mark_at(const struct word_list *list, const UChar *t, int32_t p, int32_t end)
{
    return word_list_match(list, t, p, end);
}

/* Does t[p] end a unit's text: white space, a bracket (a gloss opens one:
 * 万人(10000 persons)) or a unit end? */
static bool ends_unit_text(const struct sentence_ctx *cx, int32_t p, int32_t end)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    return u_isUWhiteSpace(cx->t[p]) || mark_at(&m->close_brackets, cx->t, p, end) ||
           mark_at(&m->open_brackets, cx->t, p, end) || mark_at(&m->unit_ends, cx->t, p, end);
}

enum { UNIT_MARKERS = 1, UNIT_BRACKETS = 2, UNIT_WHOLE = 4 };

/* Is t[a, b) words set apart by blanks, one of them a unit (to *u) and
 * the others words of a change of the table's headers: (环比 % 变动)? */
static bool unit_among_change_words(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *u)
{
    bool found = false;
    for (int32_t p = a; p < b;) {
        while (p < b && is_blank_char(cx->t[p]))
            p++;
        int32_t q = p;
        while (q < b && !is_blank_char(cx->t[q]))
            q++;
        if (q == p)
            break;
        bool change = false;
        for (size_t k = 0; k < cx->rs->n_table_delta_headers && !change; k++)
            change = word_list_match(&cx->rs->table_delta_headers[k].words, cx->t, p, q) == q - p;
        if (!change) {
            if (found || !read_unit_text(cx, cx->t + p, q - p, u))
                return false;
            found = true;
        }
        p = q;
    }
    return found;
}

/* Does t[a, b) hold a word that introduces a table's unit and its colon
 * (单位：; not 单位面积产量, 用人单位)? */
static bool unit_marker_in(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = p + word_list_match(&cx->rs->table_unit_markers[k].words, cx->t, p, b);
            while (q > p && q < b && is_blank_char(cx->t[q]))
                q++;
            if (q > p && mark_at(&cx->rs->table_marks.colons, cx->t, q, b))
                return true;
        }
    return false;
}

/* Does a list of units go on at e after the unit u a marker names, one
 * of them another measure than u's and no percentage (单位:元/kg、元/头、%:
 * which column is in which is not said)? A percentage (单位:万元、%) names
 * the columns of rates, which say so in their headers. */
static bool other_units_listed(const struct sentence_ctx *cx, const struct table_unit *u, int32_t e, int32_t b)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t n;;) {
        while (e < b && is_blank_char(cx->t[e]))
            e++;
        if (e >= b || !(n = mark_at(&m->unit_ends, cx->t, e, b)))
            return false;
        int32_t q = e + n;
        while (q < b && is_blank_char(cx->t[q]))
            q++;
        e = q;
        while (e < b && !ends_unit_text(cx, e, b))
            e++;
        struct table_unit v;
        if (!read_unit_text(cx, cx->t + q, e - q, &v))
            return false;
        if (strcmp(v.unit->kind, "percent") &&
            (v.unit != u->unit || v.per != u->per || decimal_cmp(v.factor, u->factor) != 0))
            return true; /* 单位:万元、亿元 says no more which is which */
    }
}

/* Where the unit's text begins after the unit marker k at p (单位:万元):
 * past its colons and blanks; -1 where the marker is not at p. */
static int32_t after_unit_marker(const struct sentence_ctx *cx, size_t k, int32_t p, int32_t b)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    int32_t n = word_list_match(&cx->rs->table_unit_markers[k].words, cx->t, p, b);
    if (!n)
        return -1;
    int32_t q = p + n;
    for (int32_t c; q < b; q += c)
        if (!(c = mark_at(&m->colons, cx->t, q, b)) && !(c = u_isUWhiteSpace(cx->t[q]) ? 1 : 0))
            break;
    return q;
}

/* The units a marker lists in t[a, b) (单位:万户,万人), each of another
 * measure: up to max of them in out, their number returned; 0 where the
 * marker names one unit or none, or the list reads not whole. */
enum { LISTED_UNITS_MAX = 4 };

static int listed_units(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *out, int max)
{
    const UChar *t = cx->t;
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a; p < b; p++) {
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = after_unit_marker(cx, k, p, b);
            if (q < 0)
                continue;
            int count = 0;
            for (;;) {
                int32_t e = q;
                while (e < b && !ends_unit_text(cx, e, b))
                    e++;
                if (count == max || !read_unit_text(cx, t + q, e - q, &out[count]))
                    return 0;
                out[count].rule = cx->rs->table_unit_markers[k].id;
                for (int i = 0; i < count; i++)
                    if (!strcmp(out[i].unit->unit, out[count].unit->unit))
                        return 0; /* 万元、亿元: which column is in which is not said */
                count++;
                while (e < b && is_blank_char(t[e]))
                    e++;
                int32_t sep = e < b ? mark_at(&m->unit_ends, t, e, b) : 0;
                if (!sep)
                    return count >= 2 ? count : 0;
                q = e + sep;
                while (q < b && is_blank_char(t[q]))
                    q++;
            }
        }
    }
    return 0;
}

/* Of the units a caption lists, the one of the measure the header implies
 * (总户数 under 单位:万户,万人: 万户); false where none or more fit. */
static bool listed_unit_for(const struct sentence_ctx *cx, const struct table_unit *listed, int n,
                            const struct implied_unit_rule *m, struct table_unit *u)
{
    struct table_unit v;
    if (!m || !read_unit_text(cx, m->unit_text, m->unit_len, &v))
        return false;
    int found = -1;
    for (int i = 0; i < n; i++)
        if (!listed[i].per && !strcmp(listed[i].unit->unit, v.unit->unit)) {
            if (found >= 0)
                return false;
            found = i;
        }
    if (found < 0)
        return false;
    *u = listed[found];
    return true;
}

/* Where the English of a unit written in two languages begins: a rate's
 * separator set apart by a blank after Han text, and after it no Han
 * character but Latin letters or a percent sign (億澳門元/ 108 MOP, 百分比 /
 * %); b where there is none (元/kg is a rate). */
static int32_t english_gloss_start(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    const UChar *t = cx->t;
    bool han = false;
    for (int32_t p = a; p < b; p++) {
        int32_t n;
        if (u_hasBinaryProperty(t[p], UCHAR_IDEOGRAPHIC)) {
            han = true;
            continue;
        }
        if (!han || !connector_at(cx->rs->rate_separators, cx->rs->n_rate_separators, t, p, b, &n))
            continue;
        bool blank = (p > a && u_isUWhiteSpace(t[p - 1])) || (p + n < b && u_isUWhiteSpace(t[p + n]));
        bool latin = false;
        for (int32_t q = p + n; q < b; q++) {
            UErrorCode e = U_ZERO_ERROR;
            if (u_hasBinaryProperty(t[q], UCHAR_IDEOGRAPHIC))
                return b;
            latin = latin || uscript_getScript(t[q], &e) == USCRIPT_LATIN ||
                    word_list_match(&cx->rs->table_marks.percent_signs, t, q, b);
        }
        if (!blank || !latin)
            return b;
        while (p > a && u_isUWhiteSpace(t[p - 1]))
            p--;
        return p;
    }
    return b;
}

/* Find a unit in t[a, b): after a marker (单位：万元), in brackets (（亿元）),
 * or the whole text (%), as `ways` allows. The unit's text goes to
 * [*ua, *ub). */
static bool find_unit(const struct sentence_ctx *cx, int32_t a, int32_t b, int ways, struct table_unit *u,
                      int32_t *ua, int32_t *ub, int *way)
{
    const UChar *t = cx->t;
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a; (ways & UNIT_MARKERS) && p < b; p++) {
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = after_unit_marker(cx, k, p, b);
            if (q < 0)
                continue;
            /* or the unit in brackets after the marker: 单位（万元） */
            if (!mark_at(&m->colons, t, q - 1, b) && !u_isUWhiteSpace(t[q - 1]))
                q += mark_at(&m->open_brackets, t, q, b);
            int32_t e = q;
            while (e < b && !ends_unit_text(cx, e, b))
                e++;
            if (read_unit_text(cx, t + q, e - q, u)) {
                if (other_units_listed(cx, u, e, b))
                    return false; /* no unit is sure of any column */
                u->rule = cx->rs->table_unit_markers[k].id;
                *way = UNIT_MARKERS;
                *ua = p - word_list_match_before(&m->open_brackets, t, a, p);
                *ub = e + mark_at(&m->close_brackets, t, e, b);
                return true;
            }
        }
    }
    for (int32_t p = a; (ways & UNIT_BRACKETS) && p < b; p++) {
        int32_t open = mark_at(&m->open_brackets, t, p, b), close = 0;
        if (!open)
            continue;
        int32_t q = p + open;
        while (q < b && !(close = mark_at(&m->close_brackets, t, q, b)))
            q++;
        int32_t s = q > p + open ? p + open : q, e = q;
        while (s < e && u_isUWhiteSpace(t[s]))
            s++;
        while (e > s && u_isUWhiteSpace(t[e - 1]))
            e--;
        if (q < b && (read_unit_text(cx, t + s, e - s, u) || unit_among_change_words(cx, s, e, u))) {
            u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
            *way = UNIT_BRACKETS;
            *ua = p;
            *ub = q + close;
            return true;
        }
    }
    /* a header ending in a percent sign: 增长% */
    int32_t e = b;
    while (e > a && is_blank_char(t[e - 1]))
        e--;
    int32_t pct = word_list_match_before(&m->percent_signs, t, a, e);
    if ((ways & UNIT_BRACKETS) && pct && e - a > pct && read_unit_text(cx, t + e - pct, pct, u)) {
        u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
        *way = UNIT_BRACKETS;
        *ua = e - pct;
        *ub = e;
        return true;
    }
    int32_t g = english_gloss_start(cx, a, b);
    if ((ways & UNIT_WHOLE) && (read_unit_text(cx, t + a, b - a, u) || (g < b && read_unit_text(cx, t + a, g - a, u)))) {
        u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
        *way = UNIT_WHOLE;
        *ua = a;
        *ub = b;
        return true;
    }
    return false;
}

/* A label as a subject: Markdown emphasis and the blanks between Han
 * characters (合 计) left out, line breaks as blanks, a prefix such as
 * 其中： trimmed. NULL when nothing is left. */
static const char *label_text(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    if (b <= a)
        return NULL;
    UChar *u = xmalloc((size_t)(b - a) * sizeof *u);
    int32_t n = 0;
    for (int32_t p = a; p < b; p++) {
        UChar c = cx->t[p];
        if (c == '*' || c == '_' || c == '`')
            continue;
        if (u_isUWhiteSpace(c)) {
            int32_t q = p;
            while (q < b && u_isUWhiteSpace(cx->t[q]))
                q++;
            bool ascii_both = n > 0 && u[n - 1] < 0x80 && q < b && cx->t[q] < 0x80;
            if (ascii_both)
                u[n++] = ' ';
            p = q - 1;
            continue;
        }
        u[n++] = c;
    }
    int32_t s = 0;
    for (bool again = true; again;) {
        again = false;
        for (size_t k = 0; k < cx->rs->n_table_label_trims; k++) {
            int32_t m = word_list_match(&cx->rs->table_label_trims[k].words, u, s, n);
            if (m && m < n - s) {
                s += m;
                again = true;
            }
        }
    }
    /* an aside at its end is no part of what it names: 小額捐贈（不多於1000元） */
    for (int32_t p = n - 1; p > s; p--) {
        int t = u_getIntPropertyValue(u[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        if (t == U_BPT_CLOSE && p + 1 < n)
            break; /* a closed aside inside: 研究与试验发展（R&D）经费 */
        if (t == U_BPT_OPEN) {
            n = p;
            break;
        }
    }
    while (n > s && u[n - 1] == ' ')
        n--; /* the blank before an aside: Number of Beds (unit) */
    const char *out = n > s ? utf8_of(cx->doc, u + s, n - s) : NULL;
    free(u);
    return out;
}

/* What one header or label cell says. */
struct label {
    int32_t name_start, name_end;  /* the text without its unit */
    bool has_unit;
    int way;                       /* how the unit was written: UNIT_MARKERS … */
    struct table_unit unit;
};

static struct label read_label(struct sentence_ctx *cx, const struct table_cell *c, int ways)
{
    struct label l = {c->start, c->end, false, 0, {0}};
    int32_t ua, ub;
    if (c->end > c->start && find_unit(cx, c->start, c->end, ways, &l.unit, &ua, &ub, &l.way)) {
        l.has_unit = true;
        spans_push(&cx->table_spans, ua, ub);
        if (ua > c->start) {
            l.name_end = ua;
        } else {
            l.name_start = ub;
        }
    }
    return l;
}

/* The times and exclusions of t[a, b) into cx->times and cx->excluded, in
 * place of the sentence's (a table's cells are read after). */
static void find_spans_in(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    cx->excluded.n = cx->times.n = 0;
    pattern_group_find_all(&cx->rs->spans, &cx->spans_scratch, cx->t, a, b, push_found, cx);
}

/* Is t[a, b) all one time reference or exclusion (2018年, a date)? Also
 * whether a figure at a is in one. (Replaces cx->times, find_spans_in.) */
static bool time_span(struct sentence_ctx *cx, int32_t a, int32_t b, bool whole, int32_t *ta, int32_t *tb)
{
    find_spans_in(cx, a, b);
    for (int k = 0; k < 2; k++) {
        const struct spans *sp = k ? &cx->excluded : &cx->times;
        for (size_t i = 0; i < sp->n; i++) {
            if (sp->at[i].start <= a && (whole ? sp->at[i].end >= b : sp->at[i].end > a)) {
                if (ta) {
                    *ta = sp->at[i].start;
                    *tb = sp->at[i].end;
                }
                return k == 0 || !whole;
            }
        }
    }
    return false;
}

/* The first time t[a, b) names with a numeral (表1 2020年主要农产品产量:
 * 2020年), or NULL; a time with none (比上年增长), or right after a
 * comparison's marker (比2019年增长), is a comparison's, no date of the
 * table's. (Replaces cx->times, find_spans_in.) */
static const char *time_named_in(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    find_spans_in(cx, a, b);
    const struct span *first = NULL;
    for (size_t i = 0; i < cx->times.n; i++) {
        const struct span *s = &cx->times.at[i];
        int32_t n = 0;
        for (size_t m = 0; m < cx->rs->n_comparison_markers && !n; m++)
            n = word_list_match_before(&cx->rs->comparison_markers[m].words, cx->t, a, s->start);
        if (n)
            continue; /* a comparison's base (比2019年增长): no time of the figures */
        bool dated = false;
        for (int32_t p = s->start; p < s->end && !dated; p++)
            dated = numbers_is_numeral_char(cx->rs, cx->t, p, s->end);
        if (dated && (!first || s->start < first->start))
            first = s;
    }
    return first ? utf8_of(cx->doc, cx->t + first->start, first->end - first->start) : NULL;
}

/* Does the cell hold a ratio (豬糧比價 6.57:1, 6.57∶1: the rules' colons) or
 * a time of day: no figure of the table? */
static bool ratio_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    for (int32_t q = c->start; q < c->end; q++)
        if (mark_at(&cx->rs->table_marks.colons, cx->t, q, c->end))
            return q > c->start && u_isdigit(cx->t[q - 1]) && q + 1 < c->end && u_isdigit(cx->t[q + 1]);
    return false;
}

/* The cell's text without the blanks around it, to [*a, *b). */
static void cell_text(const struct sentence_ctx *cx, const struct table_cell *c, int32_t *a, int32_t *b)
{
    *a = c->start;
    *b = c->end;
    while (*a < *b && is_blank_char(cx->t[*a]))
        (*a)++;
    while (*b > *a && is_blank_char(cx->t[*b - 1]))
        (*b)--;
}

/* Is the cell a placeholder for a figure the page left out (——, -, …)? */
static bool placeholder_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    if (a == b)
        return false;
    for (int32_t q = a; q < b; q++)
        if (!u_hasBinaryProperty(cx->t[q], UCHAR_DASH) && cx->t[q] != 0x2026 && cx->t[q] != 0x22EF)
            return false;
    return true;
}

/* Does the cell say a unit with a marker (单位:万元)? */
static bool unit_line_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    struct table_unit u;
    int32_t ua, ub;
    int way;
    return find_unit(cx, c->start, c->end, UNIT_MARKERS, &u, &ua, &ub, &way);
}

/* Does a cell begin with a figure (a digit, perhaps signed) that is no date? */
static bool figure_cell(struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t p = c->start + mark_at(&cx->rs->table_marks.signs, cx->t, c->start, c->end);
    if (p >= c->end || !u_isdigit(cx->t[p]))
        return false;
    if (ratio_cell(cx, c))
        return false;
    int32_t e = c->start;
    while (e < c->end && !is_blank_char(cx->t[e]))
        e++;
    /* a number before words set apart by a blank numbers a title (8-17
     * 各类粮食产量), where a unit after a figure is a word or two (12.5 万吨) */
    enum { SPACED_UNIT_MAX = 4 };
    int32_t w = e;
    while (w < c->end && is_blank_char(cx->t[w]))
        w++;
    if (w > e && c->end - w > SPACED_UNIT_MAX && u_hasBinaryProperty(cx->t[w], UCHAR_IDEOGRAPHIC))
        return false;
    /* a date set with blanks is one (2022 年度, 2022 年 1 月 1 日) */
    return !time_span(cx, c->start, e, false, NULL, NULL) &&
           !(e < c->end && time_span(cx, c->start, c->end, true, NULL, NULL));
}

/* Is t[a, b) a bare year (four digits, 1900 to 2100)? In a table such a
 * cell is a row's or column's time, never a figure, where it stands in
 * the first column or in a row of years. */
static bool year_like(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    /* a year marked an estimate or a forecast (2024E, 2025F) is one too */
    if (b - a > 4 && word_list_match(&cx->rs->table_marks.year_marks, cx->t, a + 4, b) == b - a - 4)
        b = a + 4;
    if (b - a != 4)
        return false;
    int v = 0;
    for (int32_t p = a; p < b; p++) {
        if (cx->t[p] < '0' || cx->t[p] > '9')
            return false;
        v = v * 10 + (cx->t[p] - '0');
    }
    return v >= 1900 && v <= 2100;
}

/* The implied-unit rule of the words of t[a, b): of the word that ends
 * last, the head of a name (GDP增速 is a rate, 收入 of 人均收入 money);
 * two rules whose words end there disagree (*conflict). */
static const struct implied_unit_rule *implied_in(const struct sentence_ctx *cx, int32_t a, int32_t b,
                                                  bool *conflict)
{
    const struct implied_unit_rule *found = NULL;
    int32_t found_end = a, ratio_end = a;
    bool tie = false;
    for (int32_t p = a; p < b; p++)
        for (size_t i = 0; i < cx->rs->n_implied_units; i++) {
            const struct implied_unit_rule *m = &cx->rs->implied_units[i];
            /* a total, or a verb that needs money named before it: never a header's */
            int32_t n = m->sum || m->after_same_unit ? 0 : word_list_match(&m->words, cx->t, p, b);
            if (n && m->ratio) {
                ratio_end = p + n > ratio_end ? p + n : ratio_end;
                continue;
            }
            if (!n || p + n < found_end)
                continue;
            if (found && found != m && p + n == found_end)
                tie = true;
            else if (p + n > found_end)
                tie = false;
            found = m;
            found_end = p + n;
        }
    /* a ratio named after every other word: 学生与专任教师比 (not 占比) */
    if (ratio_end > found_end)
        return NULL;
    if (tie)
        *conflict = true;
    return found;
}

static bool implied_table_unit(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                               struct table_unit *u)
{
    if (!m || !read_unit_text(cx, m->unit_text, m->unit_len, u))
        return false;
    u->rule = m->id;
    return true;
}

/* Does the implied-unit rule m name a unit of another kind than u? */
static bool implied_differs(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                            const struct table_unit *u)
{
    struct table_unit v;
    return implied_table_unit(cx, m, &v) && u->unit && strcmp(v.unit->kind, u->unit->kind);
}

/* Does the implied-unit rule m name another count than u, of things of
 * their own (户 against 人)? Not one of things in general or of visits
 * (table_marks.general_counts: 企业 are counted in 个, 门诊人数 in 人次),
 * and not another kind: a table in % holds rates of money named columns. */
static bool other_measure(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                          const struct table_unit *u)
{
    const struct name_list *general = &cx->rs->table_marks.general_counts;
    struct table_unit v;
    if (!implied_table_unit(cx, m, &v) || !u->unit || strcmp(v.unit->kind, "count") || strcmp(u->unit->kind, "count"))
        return false;
    return strcmp(v.unit->unit, u->unit->unit) && !name_list_has(general, v.unit->unit) &&
           !name_list_has(general, u->unit->unit);
}

/* Join two labels with a blank; either may be NULL. */
static const char *join_labels(struct doc *doc, const char *a, const char *b)
{
    if (!a || !b)
        return a ? a : b;
    char *s = arena_alloc(&doc->arena, strlen(a) + strlen(b) + 2);
    sprintf(s, "%s %s", a, b);
    return s;
}

enum row_kind { ROW_EMPTY, ROW_HEADER, ROW_CAPTION, ROW_SECTION, ROW_DATA, ROW_TEXT };

/* What the header cells of a column, or the label cells of a row, say. */
struct header_facts {
    const char *name;
    bool has_unit;
    bool marker_unit;              /* said with 单位: the whole table's */
    bool has_cell_unit;            /* a row's cell that is a unit alone (公斤) */
    struct table_unit cell_unit;
    struct table_unit unit;
    const char *role, *role_rule;
    bool change_alone;             /* its name says a change and nothing else (同比) */
    const struct header_facts *lost_column; /* a row's: the header of its last column, which lost its place */
    const char *time_ref;
    bool implies_conflict;
    const struct implied_unit_rule *implied;
    bool whole_unit;               /* unit is the whole cell (亿元), not in brackets or after 单位 */
    bool implied_inherited;        /* implied is a row's section's, not of its own words */
    bool implied_head;             /* the implying word ends the name (股基交易额), not inside
                                    * it (上市公司 of 归属于上市公司股东的净利润) */
    bool names_count;              /* and names the number of what it counts (上市公司家数:
                                    * count_words) */
    bool unknown_scale;            /* a multiplier in brackets no unit rule reads (港元(千$)) */
    bool label_time_read;          /* a row's: label_time is known (read once a row) */
    const char *label_time;        /* a row's: the time inside its label (减:2019年度已使用金额) */
};

static const char *delta_header(struct sentence_ctx *cx, int32_t a, int32_t b, bool *alone);

/* Does t[a, b) hold brackets around a multiplier (千, 万, 亿 …)? */
static bool multiplier_in_brackets(const struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *open_at,
                                   int32_t *ma, int32_t *mb)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a, open; p < b; p++) {
        if (!(open = mark_at(&m->open_brackets, cx->t, p, b)))
            continue;
        bool found = false, others = false;
        int32_t q = p + open;
        for (; q < b && !mark_at(&m->close_brackets, cx->t, q, b); q++) {
            double v = u_getNumericValue(cx->t[q]);
            bool multiplier = v != U_NO_NUMERIC_VALUE && v >= 100 && !u_isdigit(cx->t[q]);
            found = found || multiplier;
            /* a currency's sign with it (千$) says the money the name writes */
            others = others || !(multiplier || u_charType(cx->t[q]) == U_CURRENCY_SYMBOL);
        }
        if (found) {
            *open_at = p;
            *ma = p + open;
            *mb = others || q == b ? *ma : q;
            return true;
        }
    }
    return false;
}

/* A unit of money that ends at e, a field of its own (2025/06 中期 港元):
 * to *u. */
static bool money_before(const struct sentence_ctx *cx, int32_t a, int32_t e, struct table_unit *u)
{
    while (e > a && is_blank_char(cx->t[e - 1]))
        e--;
    int32_t s = e;
    while (s > a && !is_blank_char(cx->t[s - 1]))
        s--;
    return s < e && read_unit_text(cx, cx->t + s, e - s, u) && !strcmp(u->unit->kind, "money") && !u->per;
}

/* Scale u by the multipliers of t[a, b) (千, 百万; a currency's sign among
 * them is passed over). */
static bool scale_unit(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *u)
{
    int e = 0;
    for (int32_t q = a; q < b; q++) {
        double v = u_getNumericValue(cx->t[q]);
        if (u_charType(cx->t[q]) == U_CURRENCY_SYMBOL)
            continue;
        int k = 0;
        for (double x = v; x >= 10; x /= 10)
            k++;
        if (v == U_NO_NUMERIC_VALUE || v < 100)
            return false;
        e += k;
    }
    u->factor.e += e;
    return e > 0;
}

/* Does a row's label name a place or a body (北京, 城东街道, 全国): a word
 * of it of a place class, or a scope as a whole? */
static bool label_is_place(const struct sentence_ctx *cx, const char *label)
{
    const struct subject_rule *s = &cx->rs->subject;
    UChar u[64];
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, 64, &n, label, -1, &e);
    if (U_FAILURE(e) || n <= 0 || n > 64 || !cx->rs->words)
        return false;
    if (word_list_match(&s->scopes, u, 0, n) == n)
        return true;
    struct wc_word w[64];
    size_t k = wordclass_segment(cx->rs->words, u, 0, n, w);
    for (size_t i = 0; i < k; i++)
        if (name_list_has(&s->place_classes, w[i].tag))
            return true;
    return false;
}

/* Where a label written in two languages ends its first: at the blanks
 * before a word of Latin letters that follow Han characters (门诊人次
 * Out-patients), else at b. */
static int32_t first_language_end(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    bool han = false;
    for (int32_t p = a; p < b; p++) {
        UErrorCode e = U_ZERO_ERROR;
        if (u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC)) {
            han = true;
        } else if (han && u_isUWhiteSpace(cx->t[p])) {
            int32_t q = p;
            while (q < b && u_isUWhiteSpace(cx->t[q]))
                q++;
            if (q < b && u_isalpha(cx->t[q]) && uscript_getScript(cx->t[q], &e) == USCRIPT_LATIN)
                return p;
            p = q - 1;
        }
    }
    return b;
}

/* Add what cell c says to h: its unit (a later one wins with last_unit),
 * its name, or its time (2023年), a change (比上年增长), an implied unit.
 * With first_language, a name in two languages is named in its first. */
static void read_header(struct sentence_ctx *cx, const struct table_cell *c, int ways, bool last_unit,
                        bool first_language, struct header_facts *h)
{
    struct label l = read_label(cx, c, ways);
    /* the figures are scaled by a multiplier whose unit no rule reads: their
     * size is not known; a multiplier alone in brackets (净利润(万)) is
     * none of the name, and scales the unit the name implies (below) */
    int32_t open_at, ma = 0, mb = 0;
    if (!l.has_unit && multiplier_in_brackets(cx, c->start, c->end, &open_at, &ma, &mb)) {
        h->unknown_scale = true;
        if (mb > ma && open_at >= l.name_start && open_at < l.name_end)
            l.name_end = open_at;
        /* a unit of money right before it (港元(千$)): that money, scaled */
        if (mb > ma && money_before(cx, l.name_start, open_at, &l.unit) && scale_unit(cx, ma, mb, &l.unit)) {
            l.has_unit = true;
            l.way = UNIT_BRACKETS;
            h->unknown_scale = false;
            ma = mb = 0;
        }
    }
    if (first_language && !l.has_unit && l.name_end > l.name_start) {
        /* a ledger's label may end in its unit set apart, as the field of a
         * column of units: 地区生产总值 亿元 */
        int32_t q = l.name_end, name = q;
        while (q > l.name_start && !u_isUWhiteSpace(cx->t[q - 1]))
            q--;
        name = q;
        while (name > l.name_start && u_isUWhiteSpace(cx->t[name - 1]))
            name--;
        /* a field of one character before it is a word spaced out (股 本,
         * 总 股 本), no name and its unit */
        int32_t before = name;
        while (before > l.name_start && !u_isUWhiteSpace(cx->t[before - 1]))
            before--;
        int32_t ua, ub;
        if (name - before >= 2 && find_unit(cx, q, l.name_end, UNIT_WHOLE, &l.unit, &ua, &ub, &l.way)) {
            l.has_unit = true;
            l.way = UNIT_BRACKETS; /* the row's own unit, not a unit to a price */
            l.name_end = q;
        }
    }
    if (first_language)
        l.name_end = first_language_end(cx, l.name_start, l.name_end);
    if (l.has_unit && !last_unit && l.way == UNIT_WHOLE) {
        if (!h->has_cell_unit) {
            h->has_cell_unit = true;
            h->cell_unit = l.unit;
        }
    } else if (l.has_unit && (last_unit || !h->has_unit)) {
        h->has_unit = true;
        h->marker_unit = l.way == UNIT_MARKERS;
        h->whole_unit = l.way == UNIT_WHOLE;
        h->unit = l.unit;
    }
    int32_t ta, tz;
    bool named_before = h->name != NULL;
    if (year_like(cx, l.name_start, l.name_end))
        h->time_ref = utf8_of(cx->doc, cx->t + l.name_start, l.name_end - l.name_start);
    else if (time_span(cx, l.name_start, l.name_end, true, &ta, &tz))
        h->time_ref = utf8_of(cx->doc, cx->t + ta, tz - ta);
    else {
        h->change_alone = h->change_alone && !h->name;
        h->name = join_labels(cx->doc, h->name, label_text(cx, l.name_start, l.name_end));
    }
    bool alone = false;
    const char *delta = delta_header(cx, l.name_start, l.name_end, &alone);
    if (delta) {
        h->role = "delta";
        h->role_rule = delta;
        h->change_alone = alone && !named_before;
    }
    const struct implied_unit_rule *m = implied_in(cx, l.name_start, l.name_end, &h->implies_conflict);
    h->implied = m ? m : h->implied;
    if (m) {
        h->implied_inherited = false;
        int32_t e = l.name_end;
        while (e > l.name_start && is_blank_char(cx->t[e - 1]))
            e--;
        h->implied_head = word_list_match_before(&m->words, cx->t, l.name_start, e) > 0;
        h->names_count = word_list_match_before(&m->count_words, cx->t, l.name_start, e) > 0;
    }
    /* 归属母公司净利润(万): 万 of the 元 that 净利润 implies */
    enum { SCALED_UNIT_MAX = 16 };
    UChar scaled[SCALED_UNIT_MAX];
    struct table_unit u;
    if (mb > ma && m && h->implied_head && !h->implies_conflict && !h->has_unit &&
        mb - ma + m->unit_len <= SCALED_UNIT_MAX) {
        u_memcpy(scaled, cx->t + ma, mb - ma);
        u_memcpy(scaled + (mb - ma), m->unit_text, m->unit_len);
        if (read_unit_text(cx, scaled, mb - ma + m->unit_len, &u)) {
            u.rule = m->id;
            h->has_unit = true;
            h->unit = u;
            h->unknown_scale = false;
        }
    }
}

/* Does a header name t[a, b) say a change (比上年增长)? The delta rule's id;
 * *alone: the words of the change are the whole name (同比). */
static const char *delta_header(struct sentence_ctx *cx, int32_t a, int32_t b, bool *alone)
{
    while (b > a && is_blank_char(cx->t[b - 1]))
        b--;
    int32_t save_start = cx->start, save_end = cx->end;
    cx->start = a;
    cx->end = b;
    const char *id = NULL;
    int32_t at;
    const struct delta_rule *d = delta_before(cx, a, b, &at);
    if (d) {
        id = d->id;
        *alone = at <= a;
    }
    for (size_t k = 0; k < cx->rs->n_table_delta_headers && !id; k++) {
        int32_t n = word_list_match_before(&cx->rs->table_delta_headers[k].words, cx->t, a, b);
        if (n) {
            id = cx->rs->table_delta_headers[k].id;
            *alone = n >= b - a;
        }
    }
    cx->start = save_start;
    cx->end = save_end;
    return id;
}

/* Where the drawing of a box begins in t[s, e) (──┬──, 科 目 │ …); e
 * where none does. */
static int32_t box_start(const UChar *t, int32_t s, int32_t e)
{
    for (int32_t p = s; p < e; p++)
        if (tables_box_char(t[p]))
            return p;
    return e;
}

/* The unit of the line just above the table (单位：亿元), when it says one.
 * Above a table drawn in a box, the lines of the box over the rows read (a
 * header of two levels) are passed over, up to the text before the box
 * (its caption, perhaps on one line with the box's first rule); blanks
 * that set the line's parts apart do not count to its length. */
static bool unit_line_above(struct sentence_ctx *cx, const struct doc_table *tb, struct table_unit *u)
{
    enum { LINE_MAX = 80, BOX_LINES_MAX = 4 };
    int32_t e = tb->start;
    for (int boxed = 0;; boxed++) {
        while (e > 0 && is_blank_char(cx->t[e - 1]))
            e--;
        int32_t s = e, chars = 0;
        while (s > 0 && cx->t[s - 1] != '\n' && chars <= LINE_MAX)
            chars += !is_blank_char(cx->t[--s]);
        if (s == e)
            return false;
        int32_t box = box_start(cx->t, s, e);
        if (box == s && boxed < BOX_LINES_MAX) {
            e = s; /* a line of the box: its rules, its header's cells */
            continue;
        }
        if (box < e)
            e = box; /* the text before the box's first rule */
        else if (chars > LINE_MAX)
            return false;
        int32_t ua, ub;
        int way;
        if (!find_unit(cx, s, e, UNIT_MARKERS, u, &ua, &ub, &way))
            return false;
        spans_push(&cx->table_spans, ua, ub);
        return true;
    }
}

/* A row whose own cell names a unit (a price table's 单位 column: 公斤):
 * where the figure has no unit, or one of the same kind (money and 万元),
 * it is the figure's, and so is a rate of money where the figure is money
 * (元/500克 for the 元 of a column of 均价); where the figure is money
 * (单位：元, a column of 价格) and the row's unit is not, it is what the
 * money is per (元/公斤). Else (a percent column) the figure keeps its own. */
static void rate_of_row(struct table_unit *unit, const struct table_unit *row, bool guessed)
{
    bool one = row->factor.m == 1 && row->factor.e == 0;
    bool money = unit->unit && !strcmp(unit->unit->kind, "money");
    if (!unit->unit || (row->per && !unit->per && money && !strcmp(row->unit->kind, "money")) ||
        (!unit->per && !row->per && !strcmp(unit->unit->kind, row->unit->kind))) {
        *unit = *row; /* the row's own 万元 carries its multiplier */
    } else if (!strcmp(unit->unit->kind, "money") && !unit->per && strcmp(row->unit->kind, "money") &&
               !row->per && one) {
        unit->per = row->unit;
    } else if (guessed) {
        *unit = *row; /* the row writes its unit, its words only implied one */
    }
}

/* Is a cell running text rather than a figure or a label (a page laid out
 * in a table holds its article in a cell)? Such a cell is read as text. */
static bool prose_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    enum { CELL_TEXT_MAX = 100 };
    if (c->end - c->start > CELL_TEXT_MAX)
        return true;
    for (int32_t p = c->start; p < c->end; p++)
        if (mark_at(&cx->rs->table_marks.prose_ends, cx->t, p, c->end))
            return true;
    return false;
}

/* Is the cell's text, blanks aside, a word of one of the n rules? */
static bool header_word(const struct sentence_ctx *cx, const struct table_cell *c, const struct word_rule *rules,
                        size_t n)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    for (size_t k = 0; k < n; k++)
        if (a < b && word_list_match(&rules[k].words, cx->t, a, b) == b - a)
            return true;
    return false;
}

/* Does the cell head a column of ranks (排名)? */
static bool rank_header(const struct sentence_ctx *cx, const struct table_cell *c)
{
    return header_word(cx, c, cx->rs->table_rank_headers, cx->rs->n_table_rank_headers);
}

/* Does the cell head a column of times (月份)? */
static bool time_header(const struct sentence_ctx *cx, const struct table_cell *c)
{
    return header_word(cx, c, cx->rs->table_time_headers, cx->rs->n_table_time_headers);
}

/* Row r's label: the cell of its first column, or NULL where none. */
static const struct table_cell *row_label(const struct doc_table *tb, const int *grid, int nc, int r)
{
    int i = grid[(size_t)r * nc];
    return i < 0 ? NULL : &tb->cells[i];
}

/* Does row r's label (its first cell) begin with a mark of a part of the
 * row above (其中：, #: rs->table_label_trims)? The rule's id, else NULL. */
static const char *part_cell(const struct sentence_ctx *cx, const struct table_cell *c);

static const char *part_label(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                              int r)
{
    const struct table_cell *c = row_label(tb, grid, nc, r);
    return c ? part_cell(cx, c) : NULL;
}

/* Does the cell begin with a word that makes it a part (其中：, #)? The
 * rule's id, else NULL. */
static const char *part_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a = c->start;
    while (a < c->end && is_blank_char(cx->t[a]))
        a++;
    for (size_t k = 0; k < cx->rs->n_table_label_trims; k++)
        if (word_list_match(&cx->rs->table_label_trims[k].words, cx->t, a, c->end))
            return cx->rs->table_label_trims[k].id;
    return NULL;
}

/* May a part whose words imply the unit of rule m count in its whole's
 * unit: m implies none, or one of the same kind? */
static bool part_fits(const struct sentence_ctx *cx, const struct implied_unit_rule *m, const struct table_unit *whole)
{
    struct table_unit u;
    if (!m)
        return true;
    return implied_table_unit(cx, m, &u) && !strcmp(u.unit->kind, whole->unit->kind) && !u.per == !whole->per;
}

/* Where the header repeats the name of its first column (品种 本期价格 上期价格
 * 品种 本期价格 上期价格), the table is groups of columns side by side, each
 * led by a column of labels: groups[k] is where the group of column k
 * begins (0 for all where the header repeats nothing). */
static int *column_groups(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                          const enum row_kind *kind, int first_data)
{
    int *groups = xcalloc((size_t)nc, sizeof *groups);
    int header = -1;
    for (int r = 0; r < first_data; r++)
        if (kind[r] == ROW_HEADER)
            header = r;
    int first = header >= 0 ? grid[(size_t)header * nc] : -1;
    if (first < 0)
        return groups;
    const struct table_cell *name = &tb->cells[first];
    int32_t len = name->end - name->start;
    int start = 0;
    for (int k = 1; k < nc; k++) {
        int i = grid[(size_t)header * nc + k];
        if (len > 0 && i >= 0 && i != grid[(size_t)header * nc + k - 1] &&
            tb->cells[i].end - tb->cells[i].start == len &&
            !memcmp(cx->t + tb->cells[i].start, cx->t + name->start, (size_t)len * sizeof *cx->t))
            start = k;
        groups[k] = start;
    }
    return groups;
}

/* The label of the group of columns (column_groups) that cell c of a data
 * row falls in, for a group after the first: the group's first cell in the
 * row where it holds a letter and is no figure; else NULL. */
static const char *group_label(struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                               const bool *figure, const int *groups, const struct table_cell *c)
{
    int g = groups[c->col];
    if (g == 0 || g == c->col)
        return NULL;
    int i = grid[(size_t)c->row * nc + g];
    if (i < 0 || figure[i])
        return NULL;
    const struct table_cell *l = &tb->cells[i];
    if (!has_letter(cx, l->start, l->end))
        return NULL;
    struct header_facts h = {0};
    read_header(cx, l, UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false, tb->ledger, &h);
    return h.name;
}

/* Does the label of row r (its first cell) end in a word that leaves it
 * open, a line break after it: 的 (归属于上市公司股东的)? */
static bool label_ends_open(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                            int r)
{
    const struct table_cell *c = row_label(tb, grid, nc, r);
    if (!c)
        return false;
    int32_t e = c->end;
    while (e > c->start && is_blank_char(cx->t[e - 1]))
        e--;
    return e > c->start && word_list_match_before(&cx->rs->subject.linkers, cx->t, c->start, e) > 0;
}

enum { RANK_MARK_MAX = 3, RANK_DIGITS_MAX = 3 }; /* N or NEW among ranks of up to 999 */
enum { CODE_DIGITS_MIN = 6, ROW_NUMBER_DIGITS_MAX = 3 };

/* The digits of a cell that holds digits alone (blanks around them); 0
 * where it holds anything else. */
static int digits_alone(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    for (int32_t q = a; q < b; q++)
        if (cx->t[q] < '0' || cx->t[q] > '9')
            return 0;
    return (int)(b - a);
}

static void extract_table(struct sentence_ctx *cx, const struct doc_table *tb)
{
    enum { GRID_MAX = 1 << 20 };
    int nr = tb->nrows, nc = tb->ncols;
    if (nr <= 0 || nc <= 0 || (size_t)nr * (size_t)nc > GRID_MAX)
        return;
    int *grid = xmalloc((size_t)nr * (size_t)nc * sizeof *grid);
    for (size_t i = 0; i < (size_t)nr * (size_t)nc; i++)
        grid[i] = -1;
    bool *figure = xcalloc(tb->ncells + 1, sizeof *figure);
    bool *prose = xcalloc(tb->ncells + 1, sizeof *prose);
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        for (int r = c->row; r < c->row + c->rowspan && r < nr; r++)
            for (int k = c->col; k < c->col + c->colspan && k < nc; k++)
                grid[(size_t)r * nc + k] = (int)i;
        prose[i] = prose_cell(cx, c);
        figure[i] = !prose[i] && figure_cell(cx, c);
    }
    /* a column headed by a rank word (排名, 序号) holds ranks: no figures,
     * no labels; one headed by a word of time (月份) holds times, and those
     * of its cells that read as figures (1-2, 3: months; a bare year is a
     * time, below) are neither */
    bool *rank = xcalloc(tb->ncells + 1, sizeof *rank);
    bool time_column = false; /* its rows are times of their own: the caption's is none of theirs */
    for (int k = 0; k < nc; k++) {
        int top = grid[k];
        if (top < 0 || figure[top])
            continue;
        bool times = time_header(cx, &tb->cells[top]);
        time_column = time_column || times;
        if (!times && !rank_header(cx, &tb->cells[top]))
            continue;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && i != top && tb->cells[i].col == k &&
                (!times || (figure[i] && !year_like(cx, tb->cells[i].start, tb->cells[i].end)))) {
                rank[i] = true;
                figure[i] = false;
            }
        }
    }
    /* a column of small whole numbers among which a short word of Latin
     * letters stands for one (a chart's last week: 1, N, 2, N, 22: N a new
     * entry) holds ranks */
    for (int k = 0; k < nc; k++) {
        int marks = 0, small = 0, other = 0;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r || rank[i])
                continue;
            const struct table_cell *c = &tb->cells[i];
            int32_t a, b, letters = 0, digits = 0;
            cell_text(cx, c, &a, &b);
            for (int32_t q = a; q < b; q++) {
                letters += latin_letter(cx->t[q]);
                digits += u_isdigit(cx->t[q]) != 0;
            }
            if (a == b)
                continue;
            if (letters == b - a && letters <= RANK_MARK_MAX)
                marks++;
            else if (digits == b - a && digits <= RANK_DIGITS_MAX)
                small++;
            else
                other++;
        }
        /* two marks at least, under a header that names no unit (员工(人)
         * with an NA among its counts holds counts) */
        struct table_unit u;
        int32_t ua, ub;
        int way;
        if (marks < 2 || !small || other ||
            (grid[k] >= 0 && find_unit(cx, tb->cells[grid[k]].start, tb->cells[grid[k]].end, UNIT_MARKERS | UNIT_BRACKETS,
                                       &u, &ua, &ub, &way)))
            continue;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r) {
                rank[i] = true;
                figure[i] = false;
            }
        }
    }
    /* bare years in the first column, or filling a row, are times */
    bool *year_row = xcalloc((size_t)nr, sizeof *year_row);
    for (int r = 0; r < nr; r++)
        year_row[r] = true;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (figure[i] && !year_like(cx, c->start, c->end))
            year_row[c->row] = false;
    }
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (figure[i] && (c->col == 0 || year_row[c->row]) && year_like(cx, c->start, c->end))
            figure[i] = false;
    }
    free(year_row);
    /* a column whose cells below its top are mostly words names things
     * (型号: E3 1231 V3, B85M-G Plus, 3.0): a figure among them is a name.
     * Only rows with figures count: a header the page repeats over each
     * part of a table (| 6月 | 1-6月累计 | 累计 |) names no things */
    int *figure_row = xcalloc((size_t)nr, sizeof *figure_row); /* figures a row holds */
    for (size_t i = 0; i < tb->ncells; i++)
        if (figure[i] && tb->cells[i].row < nr)
            figure_row[tb->cells[i].row]++;
    for (int k = 0; k < nc; k++) {
        int words = 0, figs = 0, codes = 0;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r || prose[i] || rank[i] || !figure_row[r])
                continue;
            if (figure[i]) {
                figs++;
                codes += digits_alone(cx, &tb->cells[i]) >= CODE_DIGITS_MIN && figure_row[r] == 1;
                continue;
            }
            words += has_letter(cx, tb->cells[i].start, tb->cells[i].end);
        }
        /* or where its figures are codes, long runs of digits alone, each
         * the only figure of its row (名稱及編號: 司法支出 under 3500000000) */
        if (!figs || words < 2 || (2 * figs > words && codes < figs))
            continue;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r)
                figure[i] = false;
        }
    }
    free(figure_row);
    /* whole numbers of a few digits before a row's label, figures after it,
     * number the row (款 項 目 節 of a budget: 5 | | 司法支出 | 37,440,173) */
    for (int r = 1; r < nr; r++) {
        int label = -1, after = 0; /* the row's first cell of words, and the figures after it */
        for (int k = 0; k < nc; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r)
                continue;
            if (label >= 0)
                after += figure[i];
            else if (!figure[i] && !prose[i] && has_letter(cx, tb->cells[i].start, tb->cells[i].end))
                label = k;
        }
        if (label <= 0 || !after)
            continue;
        bool numbers = true;
        for (int k = 0; k < label && numbers; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r && figure[i])
                numbers = digits_alone(cx, &tb->cells[i]) > 0 && digits_alone(cx, &tb->cells[i]) <= ROW_NUMBER_DIGITS_MAX;
        }
        for (int k = 0; k < label && numbers; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r && figure[i]) {
                figure[i] = false;
                rank[i] = true;
            }
        }
    }
    /* rows: what their own cells (those that begin in them) hold */
    enum row_kind *kind = xcalloc((size_t)nr, sizeof *kind);
    int *nonempty = xcalloc((size_t)nr, sizeof *nonempty), *figures = xcalloc((size_t)nr, sizeof *figures);
    int *only = xcalloc((size_t)nr, sizeof *only), *first_figure = xmalloc((size_t)nr * sizeof *first_figure);
    for (int r = 0; r < nr; r++)
        first_figure[r] = nc;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (c->end == c->start || prose[i] || rank[i])
            continue;
        nonempty[c->row]++;
        figures[c->row] += figure[i];
        only[c->row] = (int)i;
        if (figure[i] && c->col < first_figure[c->row])
            first_figure[c->row] = c->col;
    }
    int first_data = nr;
    bool headed = false; /* a header row came before */
    for (int r = 0; r < nr; r++) {
        if (nonempty[r] == 0)
            kind[r] = ROW_EMPTY;
        else if (figures[r])
            kind[r] = ROW_DATA;
        else if (nonempty[r] == 1 && nc >= 2 && tb->cells[only[r]].colspan >= nc)
            kind[r] = ROW_CAPTION;
        else if (nonempty[r] == 1 && nc >= 2 && tb->cells[only[r]].col == 0)
            /* one cell above the header that says a unit with 单位 is the
             * table's unit line (| (2002年) 单位:万元 | ||||), not a section's */
            kind[r] = !headed && first_data == nr && unit_line_cell(cx, &tb->cells[only[r]]) ? ROW_CAPTION
                                                                                            : ROW_SECTION;
        else
            kind[r] = r < first_data ? ROW_HEADER : ROW_TEXT;
        headed = headed || kind[r] == ROW_HEADER;
        if (kind[r] == ROW_DATA && first_data == nr)
            first_data = r;
    }
    if (first_data == nr)
        goto done; /* no figures in cells: a table for layout, read as text */
    /* the cells are the table's to read, not the text's */
    for (size_t i = 0; i < tb->ncells; i++)
        if (!prose[i] && tb->cells[i].end > tb->cells[i].start)
            spans_push(&cx->table_spans, tb->cells[i].start, tb->cells[i].end);
    /* the table's own unit and what its captions imply */
    struct table_unit table_unit = {0};
    struct table_unit listed[LISTED_UNITS_MAX]; /* a caption's units of several measures */
    int n_listed = 0;
    bool has_table_unit = false, conflict = false;
    const struct implied_unit_rule *table_implied = NULL;
    const char *table_time = NULL; /* the caption's: the cells' where no header names one */
    if (tb->caption_end > tb->caption_start) {
        struct table_cell cap = {.start = tb->caption_start, .end = tb->caption_end};
        table_time = time_column ? NULL : time_named_in(cx, cap.start, cap.end);
        struct label l = read_label(cx, &cap, UNIT_MARKERS | UNIT_BRACKETS);
        if (l.has_unit) {
            table_unit = l.unit;
            has_table_unit = true;
        } else {
            n_listed = listed_units(cx, cap.start, cap.end, listed, LISTED_UNITS_MAX);
        }
        const struct implied_unit_rule *m = implied_in(cx, tb->caption_start, tb->caption_end, &conflict);
        table_implied = m ? m : table_implied;
        /* a caption that names its units but none for sure (单位:元/kg、元/头、%)
         * leaves nothing to imply either */
        if (!l.has_unit && unit_marker_in(cx, tb->caption_start, tb->caption_end))
            conflict = true;
    }
    for (int r = 0; r < nr; r++) {
        if (kind[r] != ROW_CAPTION)
            continue;
        const struct table_cell *c = row_label(tb, grid, nc, r);
        if (!table_time && !time_column)
            table_time = time_named_in(cx, c->start, c->end);
        struct label l = read_label(cx, c, UNIT_MARKERS | UNIT_BRACKETS);
        if (l.has_unit && !has_table_unit) {
            table_unit = l.unit;
            has_table_unit = true;
        } else if (!l.has_unit && !n_listed) {
            n_listed = listed_units(cx, c->start, c->end, listed, LISTED_UNITS_MAX);
        }
        const struct implied_unit_rule *m = implied_in(cx, c->start, c->end, &conflict);
        if (m && table_implied && m != table_implied)
            conflict = true;
        table_implied = m ? m : table_implied;
    }
    if (!has_table_unit && tb->caption_end <= tb->caption_start)
        has_table_unit = unit_line_above(cx, tb, &table_unit);
    /* columns, from the header rows above the first data row */
    struct header_facts *cols = xcalloc((size_t)nc, sizeof *cols);
    bool lost_unit = false; /* a header cell that lost its place named a unit */
    bool *marked = xcalloc((size_t)nr, sizeof *marked); /* a header row that says 单位: a units row */
    for (size_t i = 0; i < tb->ncells; i++)
        if (tb->cells[i].row < first_data && unit_line_cell(cx, &tb->cells[i]))
            marked[tb->cells[i].row] = true;
    for (int k = 0; k < nc; k++) {
        struct header_facts *col = &cols[k];
        int last = -1;
        for (int r = 0; r < first_data; r++) {
            int i = grid[(size_t)r * nc + k];
            if (kind[r] != ROW_HEADER || i < 0 || i == last)
                continue;
            last = i;
            struct header_facts before = *col;
            read_header(cx, &tb->cells[i], UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, true, tb->ledger, col);
            if (col->marker_unit) { /* 单位：万元 over a column speaks for the table */
                if (!has_table_unit) {
                    table_unit = col->unit;
                    has_table_unit = true;
                }
                col->has_unit = col->marker_unit = false;
            } else if (tb->cells[i].loose) {
                /* a unit in a row whose cells lost their places ((%) under
                 * 上周 of 上周 本周 環比) is no column's: some column is in it,
                 * which is not known (金额 | 占调整预算% | 比上年增长% | |||
                 * under 2020年执行数), so none that writes no unit is sure */
                lost_unit = lost_unit || (col->has_unit && !before.has_unit && !marked[r]);
                col->has_unit = before.has_unit;
                col->unit = before.unit;
                col->role = before.role;
                col->role_rule = before.role_rule;
            }
        }
        /* a column of changes (增幅%) speaks for itself alone: its rate is
         * not the unit of the other columns (3月 1-3月 of a port table) */
        if (col->role)
            continue;
        /* a column's unit unlike the caption's leaves the table none sure;
         * the corner names the rows, not their measure */
        if (k > 0 && col->implied && !col->implies_conflict && table_implied && col->implied != table_implied)
            conflict = true;
        /* a column that is a part of the one before it (其中专职 after
         * 工作者) counts in its unit; not one numbered (2、面积 after
         * 1、人口(万人)), which is the next of a list */
        int top = grid[k];
        if (k > 1 && !col->has_unit && !col->implied && top >= 0 && tb->cells[top].col == k &&
            part_cell(cx, &tb->cells[top]) && !u_isdigit(cx->t[tb->cells[top].start])) {
            col->has_unit = cols[k - 1].has_unit;
            col->unit = cols[k - 1].unit;
            col->implied = cols[k - 1].implied;
            col->implies_conflict = cols[k - 1].implies_conflict;
        }
        /* a column's header implies its own column's unit (read with its
         * cells), the corner's the table's where the caption implies none
         * (各縣市旅遊人次 over 縣市: the corner names the rows): 在校学生数
         * says nothing of 学校数 beside it */
        if (k == 0 && col->implied && !col->implies_conflict && !table_implied)
            table_implied = col->implied;
    }
    /* a unit alone over a column of labels, where no row has a figure (亿元
     * in the corner over 股基交易额, 两融余额): the table's; one in brackets
     * there ((个) under 类别) is some column's whose header lost its place */
    int labels_end = nc;
    for (int r = first_data; r < nr; r++)
        if (kind[r] == ROW_DATA && first_figure[r] < labels_end)
            labels_end = first_figure[r];
    for (int k = 0; k < labels_end && !has_table_unit; k++)
        if (cols[k].has_unit && cols[k].whole_unit && !cols[k].role &&
            !(grid[k] >= 0 && time_header(cx, &tb->cells[grid[k]]))) {
            table_unit = cols[k].unit;
            has_table_unit = true;
        }
    /* a column of changes named by the change alone (同比 after 产量) speaks
     * of the column just before it, where that one names a measure */
    for (int k = 2; k < nc; k++)
        if (cols[k].change_alone && cols[k - 1].name && !cols[k - 1].role && !cols[k - 1].time_ref)
            cols[k].name = cols[k - 1].name;
    /* rows of data, and the sections and labels they fall under */
    const char *section = NULL;
    struct table_unit section_unit = {0};
    bool has_section_unit = false;
    const struct header_facts *lost_column = NULL;
    const struct implied_unit_rule *section_implied = NULL;
    struct header_facts *rows = xcalloc((size_t)nr, sizeof *rows);
    struct table_unit whole_unit = {0};
    bool has_whole_unit = false, rows_write_units = tb->ledger, rows_name_measures = false;
    int last_data = -1;
    const char *prev_part = NULL;
    for (int r = 0; r < nr; r++) {
        if (kind[r] == ROW_SECTION && last_data >= 0 && last_data == r - 1 &&
            label_ends_open(cx, tb, grid, nc, last_data)) {
            /* the rest of the label of the row above, its line broken after
             * 的 (归属于上市公司股东的 / 每股净资产(元/股)): its words and its
             * unit are that row's */
            read_header(cx, row_label(tb, grid, nc, r), UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false,
                        tb->ledger, &rows[last_data]);
            kind[r] = ROW_EMPTY;
            continue;
        }
        if (kind[r] == ROW_SECTION) {
            has_whole_unit = false;
            const struct table_cell *c = row_label(tb, grid, nc, r);
            struct label l = read_label(cx, c, UNIT_MARKERS | UNIT_BRACKETS);
            /* a row that names a change and its unit alone (| 增长% | |||
             * under | 6月 | 1-6月累计 | 累计 |), in a row whose pipes
             * meet as a page sets a row that lost its cells' places, is no
             * section: it is the header of the last column: the rows below
             * it until the next section read that column by it (a row of
             * empty cells in their places, | 比上年增长(%) | | |, is a
             * section of rates) */
            bool alone = false;
            if (l.has_unit && c->collapsed && delta_header(cx, l.name_start, l.name_end, &alone) && alone) {
                read_header(cx, c, UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, true, tb->ledger, &rows[r]);
                lost_column = &rows[r];
                continue;
            }
            lost_column = NULL;
            /* a time alone names no section: a row of a time column whose
             * figures the page left empty (| 2018 | ||||) */
            bool time = year_like(cx, l.name_start, l.name_end) ||
                        time_span(cx, l.name_start, l.name_end, true, NULL, NULL);
            section = time ? NULL : label_text(cx, l.name_start, l.name_end);
            has_section_unit = l.has_unit;
            section_unit = l.unit;
            bool own_conflict = false;
            section_implied = implied_in(cx, l.name_start, l.name_end, &own_conflict);
            if (own_conflict)
                section_implied = NULL;
            if (section_implied && table_implied && section_implied != table_implied)
                conflict = true;
            table_implied = section_implied ? section_implied : table_implied;
            continue;
        }
        if (kind[r] != ROW_DATA)
            continue;
        last_data = r;
        struct header_facts *f = &rows[r];
        f->lost_column = lost_column;
        int last = -1;
        for (int k = 0; k < nc; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || i == last)
                continue;
            last = i;
            if (prose[i] || rank[i])
                continue;
            if (figure[i] || tb->cells[i].col >= first_figure[r]) {
                /* a cell of the row that is a unit: a price table's 单位 column */
                int32_t ua, ub;
                int way;
                struct table_unit u;
                const struct table_cell *c = &tb->cells[i];
                if (!figure[i] && !f->has_cell_unit && c->end > c->start &&
                    find_unit(cx, c->start, c->end, UNIT_WHOLE, &u, &ua, &ub, &way)) {
                    f->has_cell_unit = true;
                    f->cell_unit = u;
                }
                continue;
            }
            if (k > 0 && placeholder_cell(cx, &tb->cells[i]))
                continue; /* a figure left out (——) is no part of the label */
            read_header(cx, &tb->cells[i], UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false, tb->ledger, f);
        }
        if (f->implies_conflict)
            f->implied = NULL;
        /* a part (其中：, #) that writes no unit counts in its whole's, the
         * row above that is no part, unless its words imply another kind
         * (#城镇化率 under 人口（万人）) */
        rows_write_units = rows_write_units || f->has_unit;
        const char *part = part_label(cx, tb, grid, nc, r);
        /* a row with no mark and no unit of its own right after a part
         * is another (其中:台湾同胞 / 香港同胞 / 澳门同胞); not in a ledger,
         * whose rows write their units (出生人数 after # 人口比重) */
        if (!part && prev_part && !f->has_unit && has_whole_unit && !tb->ledger)
            part = prev_part;
        prev_part = part;
        if (!part) {
            has_whole_unit = f->has_unit;
            whole_unit = f->unit;
        } else if (!f->has_unit && has_whole_unit && part_fits(cx, f->implied, &whole_unit)) {
            f->has_unit = true;
            f->unit = whole_unit;
            f->unit.rule = part;
        }
        if (!f->has_unit && has_section_unit) {
            f->has_unit = true;
            f->unit = section_unit;
        }
        if (!f->implied && section_implied) {
            f->implied = section_implied;
            f->implied_inherited = true;
        }
        if (!f->name)
            f->name = section;
        if (f->implied && table_implied && f->implied != table_implied)
            conflict = true;
        if (f->implied)
            table_implied = f->implied;
        rows_name_measures = rows_name_measures || f->has_unit || f->implied;
    }
    /* a ledger whose rows name places or kinds and neither write nor imply
     * a unit (新竹縣 12,067,372 …) counts in the measure its caption or
     * columns name (各縣市旅遊人次) */
    if (tb->ledger && !rows_name_measures)
        rows_write_units = false;
    if (conflict)
        table_implied = NULL;
    /* do the columns of figures differ in more than their times? A
     * ledger's column that is no time and writes no unit (指数, 比重 after
     * the years) holds another measure than its rows' units say */
    bool columns_differ = false;
    for (int k = 0; k < nc; k++)
        columns_differ = columns_differ || cols[k].has_unit || cols[k].role || cols[k].implied ||
                         (tb->ledger && k > 0 && !cols[k].time_ref);
    int *groups = column_groups(cx, tb, grid, nc, kind, first_data);
    /* the cells of the data rows, after their labels */
    bool indexed = false;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (c->row >= nr || kind[c->row] != ROW_DATA || c->end == c->start || prose[i])
            continue;
        const struct header_facts *f = &rows[c->row];
        if (c->col < first_figure[c->row] || ratio_cell(cx, c))
            continue; /* a label: before the row's first figure */
        const struct header_facts *col = c->col < nc ? &cols[c->col] : NULL;
        /* a ledger's column that is no time and writes no unit (同比增长
         * after the years) holds another measure than its rows' units say:
         * only a figure that writes its own unit is read there (18.53%) */
        bool own_unit_only = false;
        if (c->loose) {
            /* a row of fewer figures than columns: which column is not
             * known, so neither is its unit where columns have their own */
            if (columns_differ)
                continue;
            col = NULL;
        } else if (tb->ledger && col && !col->time_ref && !col->has_unit) {
            own_unit_only = true;
        }
        /* a change that lost its column (| 增长% | |||) heads the last one,
         * as a table of levels and their growth sets it; the row's own unit
         * is its other columns', and without one they are not known */
        struct header_facts last_column;
        if (f->lost_column && col && c->col == nc - 1) {
            last_column = *f->lost_column;
            last_column.time_ref = last_column.time_ref ? last_column.time_ref : col->time_ref;
            col = &last_column;
        }
        else if (f->lost_column && !f->has_unit)
            own_unit_only = true;
        /* 港元(千$): a figure of the column is read only where it writes its
         * own unit; so where a header cell that lost its place named one */
        if ((col && col->unknown_scale && !col->has_unit) || (lost_unit && !(col && col->has_unit) && !f->has_unit))
            own_unit_only = true;
        struct cell_context cc = {.first = c->start};
        bool guessed = false, row_unit = false;
        if (own_unit_only)
            ; /* no unit of the table's */
        else if (col && col->has_unit)
            cc.unit = col->unit;
        else if ((row_unit = f->has_unit))
            cc.unit = f->unit;
        else if (has_table_unit) {
            /* a column whose name says what it counts, other than the table's
             * unit counts (总户数 under 单位:万人), is in none of it */
            if (!(col && col->implied_head && !col->implies_conflict && other_measure(cx, col->implied, &table_unit)))
                cc.unit = table_unit;
        } else if (n_listed) {
            /* a caption that lists units of several measures (单位:万户,万人)
             * gives each column or row the one its header implies, and
             * nothing else a unit: an implied one lacks the 万 */
            if (!(col && !col->implies_conflict && listed_unit_for(cx, listed, n_listed, col->implied, &cc.unit)))
                listed_unit_for(cx, listed, n_listed, f->implied, &cc.unit);
        } else if (rows_write_units)
            ; /* rows that write their units (a yearbook's): one that writes none is not known */
        else if (tb->counted)
            ; /* a layout told by counting cells alone: units as written only */
        else if (!(guessed = implied_table_unit(cx, f->implied, &cc.unit)) &&
                 !(col && !col->implies_conflict && implied_table_unit(cx, col->implied, &cc.unit)))
            guessed = implied_table_unit(cx, table_implied, &cc.unit);
        /* the unit a row writes in a cell of its own beats one its label or
         * the caption only implies (財政收入 | 千公噸); a column's header
         * implies the measure of its own cells (比上年增长: percent) */
        if (f->has_cell_unit)
            rate_of_row(&cc.unit, &f->cell_unit, guessed);
        /* a row whose name's last word implies a measure of another kind than
         * the unit in its own brackets (股基交易额（双）: money, and pairs), or
         * that names the number of things (上市公司家数) under a unit the
         * table gives of another kind (亿元), counts in neither for sure; a
         * share or a change in percent is of any measure */
        else if (!guessed && cc.unit.unit && strcmp(cc.unit.unit->kind, "percent") &&
                 strcmp(cc.unit.unit->kind, "pp") && !f->implied_inherited &&
                 (row_unit ? f->implied_head : f->names_count) && implied_differs(cx, f->implied, &cc.unit))
            cc.unit = (struct table_unit){0};
        /* what a row counts is its label (总开支, 合计); its column's header
         * says whose or which measure, and names the figure only where
         * the row has no label; but where the label names a place or a body
         * under a header of its own (地区), it says where, and its column's
         * header what is counted: 全国 R&D经费 (a change's column, 增长,
         * speaks of the row's own figure) */
        cc.subject = f->name ? f->name : col ? col->name : NULL;
        /* a row of groups of columns, each led by a label of its own (品种
         * 本期 上期 品种 本期 上期: 菠菜 4 3 蒜薹 6 8): its group's label
         * names the cell */
        const char *group = group_label(cx, tb, grid, nc, figure, groups, c);
        if (group)
            cc.subject = group;
        if (f->name && col && col->name && !col->role && c->col > 0 && first_figure[c->row] > 0 &&
            cols[first_figure[c->row] - 1].name && label_is_place(cx, f->name)) {
            struct buf both = {0};
            buf_puts(&both, f->name);
            buf_puts(&both, " ");
            buf_puts(&both, col->name);
            cc.subject = arena_strdup(&cx->doc->arena, both.data);
            buf_free(&both);
        }
        cc.role = col && col->role ? col->role : f->role;
        cc.role_rule = col && col->role ? col->role_rule : f->role_rule;
        cc.time_ref = col && col->time_ref ? col->time_ref : f->time_ref;
        if (!cc.time_ref) {
            /* a time inside the row's label (减:2019年度已使用金额), else the caption's */
            struct header_facts *row = &rows[c->row];
            if (!row->label_time_read) {
                const struct table_cell *label = row_label(tb, grid, nc, c->row);
                row->label_time = label && label != c ? time_named_in(cx, label->start, label->end) : NULL;
                row->label_time_read = true;
            }
            cc.time_ref = row->label_time ? row->label_time : table_time;
        }
        cx->start = c->start;
        cx->end = c->end;
        cx->cell = &cc;
        if (!indexed) {
            spans_index(&cx->table_spans);
            indexed = true;
        }
        extract_sentence(cx);
        cx->cell = NULL;
    }
    free(groups);
    free(rows);
    free(cols);
    free(marked);
done:
    free(rank);
    free(first_figure);
    free(only);
    free(figures);
    free(nonempty);
    free(kind);
    free(prose);
    free(figure);
    free(grid);
}

/* Exclude the tables' spans that overlap the sentence (but not the table
 * whose cell it is): table_spans is indexed, reach ordered. */
static void exclude_tables(struct sentence_ctx *cx)
{
    const struct spans *ts = &cx->table_spans;
    size_t lo = 0, hi = ts->n;
    while (lo < hi) { /* the first whose reach passes the sentence's start */
        size_t mid = lo + (hi - lo) / 2;
        if (ts->reach[mid] > cx->start)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t k = lo; k < ts->n && ts->by_start[k].start < cx->end; k++) {
        int32_t a = ts->by_start[k].start, b = ts->by_start[k].end;
        if (b > cx->start && !(cx->cell && a <= cx->start && cx->end <= b))
            spans_push(&cx->excluded, a, b);
    }
}

static int span_order(const void *x, const void *y)
{
    const struct span *a = x, *b = y;
    return a->start != b->start ? (a->start < b->start ? -1 : 1) : (a->end > b->end) - (a->end < b->end);
}

/* Is time k (with the times that touch it: 上年 + 同月) the base that time a,
 * before it, is compared with: a base joiner between them and a comparison
 * word after (2023年11月与上年同月比较)? */
static bool compared_with(const struct sentence_ctx *cx, const struct span *a, size_t k)
{
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    const struct spans *ts = &cx->times;
    int32_t n = word_list_match(&tp->base_joiners, cx->t, a->end, ts->at[k].start);
    if (n <= 0 || a->end + n != ts->at[k].start)
        return false;
    int32_t end = ts->at[k].end;
    for (size_t j = k + 1; j < ts->n && ts->at[j].start <= end; j++)
        if (ts->at[j].end > end)
            end = ts->at[j].end;
    return word_list_match(&tp->comparison_after, cx->t, end, cx->end) > 0;
}

/* Times that overlap, touch or stand apart by a joiner become one, in the
 * order of their starts; a time and its comparison's base stay apart. */
static void merge_times(struct sentence_ctx *cx)
{
    struct spans *ts = &cx->times;
    qsort(ts->at, ts->n, sizeof *ts->at, span_order);
    size_t w = 0;
    for (size_t k = 0; k < ts->n; k++) {
        struct span *last = w ? &ts->at[w - 1] : NULL;
        if (last && (ts->at[k].start <= last->end ||
                     (only_word_between(&cx->rs->time_phrase.joiners, cx->t, last->end, ts->at[k].start) &&
                      !compared_with(cx, last, k)))) {
            last->joined |= ts->at[k].joined || ts->at[k].start > last->end ||
                            word_list_match(&cx->rs->time_phrase.joiners, cx->t, ts->at[k].start, ts->at[k].end);
            if (ts->at[k].end > last->end)
                last->end = ts->at[k].end;
            continue;
        }
        ts->at[w++] = ts->at[k];
    }
    ts->n = w;
}

/* The time references of the sentence as whole phrases: 今年 + 3月 + 至 +
 * 5月份 is one, a prefix and suffixes belong to it (自7月1日起, 去年年底以来),
 * and an open suffix a few words on ends it (自4月中旬启动抗旱工作以来): the
 * words between hold no digit and no punctuation. */
static void compose_times(struct sentence_ctx *cx)
{
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    struct spans *ts = &cx->times;
    if (!ts->n)
        return;
    /* 当日收盘: a part of a day right after a time is no time of its own */
    qsort(ts->at, ts->n, sizeof *ts->at, span_order);
    size_t kept = 0;
    int32_t reach = cx->start - 1;
    for (size_t k = 0; k < ts->n; k++) {
        struct span *s = &ts->at[k];
        if (reach >= s->start && is_whole_word(cx, &tp->day_parts, s))
            continue;
        if (s->end > reach)
            reach = s->end;
        ts->at[kept++] = *s;
    }
    ts->n = kept;
    merge_times(cx);
    /* 星期天(3月3日)下午: a time in brackets right after a time is one with it */
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (size_t k = 1; k < ts->n; k++) {
        int32_t open = word_list_match_before(&m->open_brackets, cx->t, cx->start, ts->at[k].start);
        int32_t close = word_list_match(&m->close_brackets, cx->t, ts->at[k].end, cx->end);
        if (open && close && ts->at[k - 1].end == ts->at[k].start - open) {
            ts->at[k].start -= open;
            ts->at[k].end += close;
        }
    }
    merge_times(cx);
    for (size_t k = 0; k < ts->n; k++) {
        struct span *s = &ts->at[k];
        int32_t end = s->end;
        for (int32_t n; (n = word_list_match(&tp->suffixes, cx->t, s->end, cx->end));)
            s->end += n;
        for (int32_t p = s->end; p < cx->end && p - s->end <= tp->open_reach; p++) {
            int32_t n = word_list_match(&tp->open_suffixes, cx->t, p, cx->end);
            if (n) {
                s->end = p + n;
                break;
            }
            if (!u_isalpha(cx->t[p]) || u_isdigit(cx->t[p]) || numbers_is_numeral_char(cx->rs, cx->t, p, cx->end))
                break;
        }
        /* 从2022年16.4%: a prefix belongs to a range or a time with a suffix only */
        if (s->joined || s->end > end)
            s->start -= word_list_match_before(&tp->prefixes, cx->t, cx->start, s->start);
        else
            s->start -= word_list_match_before(&tp->bound_prefixes, cx->t, cx->start, s->start);
    }
    merge_times(cx);
}

/* Does a comparison_before word (超过, 高于) end at start, or spaces
 * before start (高于 2019 年)? */
static bool after_comparison_word(const struct sentence_ctx *cx, int32_t start)
{
    start -= spaces_before(cx, cx->start, start);
    return word_list_match_before(&cx->rs->time_phrase.comparison_before, cx->t, cx->start, start) > 0;
}

/* Is time t the base of a comparison (比2020年同期, 较上年, 与去年相比,
 * 已超过2019年全年的)? Spaces of a typeset page may stand between the
 * time and its words (比 2019 年). */
static bool comparison_base(const struct sentence_ctx *cx, const struct span *t)
{
    const struct rule_set *rs = cx->rs;
    int32_t start = t->start - spaces_before(cx, cx->start, t->start);
    for (size_t m = 0; m < rs->n_comparison_markers; m++)
        if (word_list_match_before(&rs->comparison_markers[m].words, cx->t, cx->start, start) > 0)
            return true;
    if (after_comparison_word(cx, t->start))
        return true;
    return word_list_match(&rs->time_phrase.comparison_after, cx->t, t->end + spaces_at(cx, t->end), cx->end) > 0;
}

static void extract_sentence(struct sentence_ctx *cx)
{
    const struct rule_set *rs = cx->rs;
    int32_t i = cx->start;
    cx->words_from = cx->end + 1;
    cx->words_to = cx->start - 1;
    cx->clauses_ready = false;
    if (segmenter_eager(cx->sg))
        sentence_words(cx); /* every sentence, as a full segmentation would */
    i = numbers_next_numeral(rs, cx->t, i, cx->end);
    if (i == cx->end)
        return;
    cx->excluded.n = cx->unit_excluded.n = cx->times.n = cx->changes.n = cx->bases.n = 0;
    cx->sentence = NULL;
    cx->first = cx->doc->nclaims;
    pattern_group_find_all(&rs->spans, &cx->spans_scratch, cx->t, cx->start, cx->end, push_found, cx);
    /* a table's figures are read cell by cell, not as the text around them */
    exclude_tables(cx);
    compose_times(cx);
    /* 比一季度提高: the base of a comparison is no time of the figure */
    for (size_t k = 0; k < cx->times.n;) {
        struct span t = cx->times.at[k];
        if (comparison_base(cx, &t)) {
            spans_push(&cx->excluded, t.start, t.end);
            spans_push(&cx->bases, t.start, t.end);
            cx->times.at[k] = cx->times.at[--cx->times.n];
        } else {
            k++;
        }
    }
    spans_index(&cx->excluded);
    spans_index(&cx->unit_excluded);
    spans_index(&cx->times);
    while ((i = numbers_next_numeral(rs, cx->t, i, cx->end)) < cx->end)
        i = take_numeral(cx, i);
    if (cx->doc->nclaims == cx->first)
        return;
    assign_roles(cx);
    spread_list_roles(cx);
    spread_list_qualifiers(cx);
    assign_periods(cx);
    assign_time_refs(cx);
    /* 低于第二季的117.5%: a base named after a comparison word is no time
     * of the figures, yet still a time to the words around it */
    size_t had = cx->times.n;
    for (size_t k = 0; k < cx->bases.n; k++)
        if (after_comparison_word(cx, cx->bases.at[k].start))
            spans_push(&cx->times, cx->bases.at[k].start, cx->bases.at[k].end);
    if (cx->times.n > had)
        spans_index(&cx->times);
    assign_subjects(cx);
    if (cx->cell)
        apply_cell(cx);
    for (size_t k = cx->first; k < cx->doc->nclaims; k++)
        cx->doc->claims[k].rule = pending_for(cx, k)->rule;
}

/* Claims in text order (a table's were read before the text around it):
 * a stable merge sort by start. */
static void sort_claims(struct doc *doc)
{
    size_t n = doc->nclaims;
    struct claim *tmp = xmalloc(n * sizeof *tmp);
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = doc->claims[b].start < doc->claims[a].start ? doc->claims[b++] : doc->claims[a++];
            while (a < mid)
                tmp[k++] = doc->claims[a++];
            while (b < hi)
                tmp[k++] = doc->claims[b++];
        }
        memcpy(doc->claims, tmp, n * sizeof *tmp);
    }
    free(tmp);
}

static void set_text(struct pattern *p, const struct doc *doc)
{
    if (p)
        pattern_set_text(p, doc->text, doc->len);
}

/* The money unit of the document's place: the place whose words the text
 * holds most, at least twice, or once in a report in traditional script
 * (a tie: none; an own word counts twice);
 * NULL where that is no place or
 * its currency has no money rule. */
void extract_count_places(const struct rule_set *rs, const struct doc *doc, size_t *counts)
{
    /* one pass for all places; each place counts its words where no word
     * it counted before stands, as a pass of its own would */
    size_t np = rs->n_places;
    if (!np)
        return;
    /* which units begin a word of some place (a table that stays in the
     * cache), and for those, which places (one bit each, the first 8) */
    uint64_t begin_any[65536 / 64] = {0};
    uint8_t *begins = xcalloc(65536, sizeof *begins);
    for (size_t k = 0; k < np; k++)
        for (int own = 0; own < 2; own++) {
            const struct word_list *l = own ? &rs->places[k].own_words : &rs->places[k].words;
            for (size_t w = 0; w < l->n; w++) {
                UChar c = l->words[w][0];
                begin_any[c >> 6] |= (uint64_t)1 << (c & 63);
                begins[c] |= k < 8 ? (uint8_t)(1u << k) : 0;
            }
        }
    int32_t *free_from = xcalloc(np, sizeof *free_from);
    for (int32_t i = 0; i < doc->len; i++) {
        UChar c = doc->text[i];
        if (wordclass_is_han(rs->words, c)) {
            counts[np + 1]++;
            counts[np] += wordclass_is_traditional(rs->words, c);
        }
        if (!(begin_any[c >> 6] >> (c & 63) & 1))
            continue;
        unsigned which = begins[c];
        for (size_t k = 0; k < np; k++) {
            if (!(k >= 8 || which >> k & 1) || i < free_from[k])
                continue;
            int32_t n = word_list_match(&rs->places[k].words, doc->text, i, doc->len);
            int32_t own = word_list_match(&rs->places[k].own_words, doc->text, i, doc->len);
            if (own >= n && own) {
                /* only a department's name of its own: 臺北市政府統計處
                 * is another's, and counts once */
                counts[k] += i > 0 && u_isalpha(doc->text[i - 1]) ? 1 : 2;
                free_from[k] = i + own;
            } else if (n) {
                counts[k]++;
                free_from[k] = i + n;
            }
        }
    }
    free(begins);
    free(free_from);
}

static const struct unit_rule *place_money(const struct rule_set *rs, const struct doc *doc,
                                           const struct place_rule **place)
{
    size_t best = 0, best_count = 0;
    bool tie = false;
    size_t *counts = xcalloc(rs->n_places + 2, sizeof *counts);
    if (doc->place_counts)
        memcpy(counts, doc->place_counts, (rs->n_places + 2) * sizeof *counts);
    else
        extract_count_places(rs, doc, counts);
    /* a report in traditional script is of Hong Kong, Taiwan or Macau:
     * there fewer words of a place name it (中銀香港 公布全年盈利) */
    const struct place_evidence_rule *e = &rs->place_evidence;
    size_t traditional = counts[rs->n_places], han = counts[rs->n_places + 1];
    bool traditional_script = traditional >= (size_t)e->traditional_min &&
                              traditional * 100 >= han * (size_t)e->traditional_percent;
    size_t least = (size_t)(traditional_script ? e->least_traditional : e->least);
    for (size_t k = 0; k < rs->n_places; k++) {
        size_t count = counts[k];
        if (count > best_count) {
            best = k;
            best_count = count;
            tie = false;
        } else if (count && count == best_count) {
            tie = true;
        }
    }
    free(counts);
    if (best_count < least || tie)
        return NULL;
    *place = &rs->places[best];
    for (size_t i = 0; i < rs->n_units; i++) {
        const struct unit_rule *u = &rs->units[i];
        if (!u->local && !strcmp(u->kind, "money") && !strcmp(u->unit, rs->places[best].currency))
            return u;
    }
    return NULL;
}

/* 元 of a Hong Kong report is HKD: local money units become the place's. */
static void apply_place(const struct rule_set *rs, struct doc *doc, size_t first)
{
    const struct unit_rule *money = NULL;
    const struct place_rule *place = NULL;
    for (size_t i = first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        if (!((const struct unit_rule *)c->unit_rule)->local)
            continue;
        if (!money && !place && !(money = place_money(rs, doc, &place)))
            return;
        /* the place's money is the local unit's own (CNY): nothing changes */
        const struct unit_rule *local = c->unit_rule;
        if (!strcmp(money->unit, local->unit))
            continue;
        /* a part of the local money keeps its size: 5仙 is 0.05 HKD (where
         * it cannot be held, the local unit and its factor stay) */
        if (!scale_by(&c->number, &c->number_upper, c->is_range, local->factor))
            continue;
        c->unit_rule = money;
        size_t n = strlen(c->rule) + strlen(place->id) + 2;
        char *rule = arena_alloc(&doc->arena, n);
        snprintf(rule, n, "%s+%s", c->rule, place->id);
        c->rule = rule;
    }
}

void extract_claims(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    size_t first = doc->nclaims;
    for (size_t k = 0; k < rs->n_periods; k++)
        set_text(rs->periods[k].re, doc);
    for (size_t k = 0; k < rs->n_changes; k++) {
        set_text(rs->changes[k].before, doc);
        set_text(rs->changes[k].between, doc);
    }
    for (size_t k = 0; k < rs->n_deltas; k++) {
        set_text(rs->deltas[k].before, doc);
        set_text(rs->deltas[k].after, doc);
    }
    for (size_t k = 0; k < rs->n_implied_unit_carries; k++)
        set_text(rs->implied_unit_carries[k].re, doc);
    struct sentence_ctx cx = {.sg = sg, .rs = rs, .doc = doc, .t = doc->text};
    for (size_t k = 0; k < doc->ntables; k++)
        extract_table(&cx, &doc->tables[k]);
    spans_index(&cx.table_spans);
    size_t from_tables = doc->nclaims;
    for (size_t s = 0; s < doc->nsentences; s++) {
        cx.start = doc->sentences[s].start;
        cx.end = doc->sentences[s].end;
        extract_sentence(&cx);
    }
    apply_place(rs, doc, first);
    if (from_tables)
        sort_claims(doc);
    pattern_scratch_free(&cx.spans_scratch);
    spans_free(&cx.excluded);
    spans_free(&cx.unit_excluded);
    spans_free(&cx.times);
    spans_free(&cx.changes);
    spans_free(&cx.bases);
    spans_free(&cx.table_spans);
    free(cx.words);
    free(cx.clause_from);
    free(cx.phrase_from);
    free(cx.clause_to);
    free(cx.pending);
    free(cx.rule_ids.slot);
    buf_free(&cx.rule_ids.joined);
}
