/* extract: rules applied around each numeral of a sentence.
 *
 * Per sentence: the spans that no claim may touch (exclusion and time_ref
 * patterns) are found first; then every numeral is read with the longest
 * unit that fits, trying the shorter readings the scanner offers (3千米 is
 * 3 km, not 3000 m); then, over the sentence's claims, roles, periods, time
 * references and subjects. Word segmentation runs only where a Han numeral
 * needs checking, over the window of Han text around it. The exclusion and
 * time patterns are searched together (rs->spans, one pass a sentence).
 *
 * This file reads the figures; the roles, periods and time references
 * are extract_roles.c's, the subjects extract_subjects.c's, and the
 * tables extract_tables.c's (what they share: extract_internal.h). */
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "decode.h"
#include "extract_internal.h"

char *utf8_of(struct doc *doc, const UChar *s, int32_t n)
{
    char *out = arena_alloc(&doc->arena, 3 * (size_t)n + 1);
    out[decode_utf8_of(out, s, n)] = '\0';
    return out;
}

/* [a, b) holds nothing but blanks and at most one word of l. */
bool only_word_between(const struct word_list *l, const UChar *t, int32_t a, int32_t b)
{
    while (a < b && (u_isspace(t[a]) || t[a] == 0x3000))
        a++;
    while (b > a && (u_isspace(t[b - 1]) || t[b - 1] == 0x3000))
        b--;
    return a == b || word_list_match(l, t, a, b) == b - a;
}

void spans_push(struct spans *s, int32_t start, int32_t end)
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

void spans_index(struct spans *s)
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

size_t starting_before(const struct spans *s, int32_t at, bool or_at)
{
    return count_before(s->by_start, s->n, false, at, or_at);
}

size_t ending_before(const struct spans *s, int32_t at, bool or_at)
{
    return count_before(s->by_end, s->n, true, at, or_at);
}

/* Does an indexed span overlap [start, end)? */
bool spans_overlap(const struct spans *s, int32_t start, int32_t end)
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

/* Is the figure r, 一 alone, a member of a list of counts whose member
 * before it is of its measure word, a mark between and a place's name
 * after it (廣東六例,上海四例,廣西一例)? Then the exclusion of 一 alone (an
 * article: 一例外, 这一次) holds not: the list counts it. */
static bool member_of_counts(const struct sentence_ctx *cx, const struct numeral *num, const struct reading *r)
{
    enum { NAME_MAX = 4 };
    if (cx->doc->nclaims <= cx->first || strcmp(r->unit->kind, "count") || !num->han || num->end - num->start != 1 ||
        decimal_cmp(num->value, decimal_int(1)) != 0 || !cx->rs->words)
        return false;
    const struct claim *prev = &cx->doc->claims[cx->doc->nclaims - 1];
    int32_t p = prev->end;
    if (prev->unit_rule != r->unit || prev->is_range || p >= r->start || !is_delimiter(cx, p, true))
        return false;
    p++;
    if (r->start - p > NAME_MAX || r->start - p < 1)
        return false;
    /* the name of a place, one word of the lexicon (这一次, 每一批: no list's) */
    struct wc_word w[NAME_MAX];
    size_t k = wordclass_segment(cx->rs->words, cx->t, p, r->start, w);
    return k == 1 && w[0].start == p && w[0].end == r->start &&
           name_list_has(&cx->rs->subject.place_classes, w[0].tag);
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

void push_found(void *ctx, size_t k, int32_t a, int32_t b)
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
bool match_ending_at(const struct sentence_ctx *cx, struct pattern *p, int32_t start,
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

/* Does a word of list stand before num_start in its clause (back to a mark
 * of punctuation that is no list connector, 、)? */
static bool word_before(const struct sentence_ctx *cx, const struct word_list *list, int32_t num_start)
{
    int32_t a = num_start, k;
    while (list->n && a > cx->start &&
           !(u_ispunct(cx->t[a - 1]) &&
             !connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, a - 1, num_start, &k)))
        a--;
    for (int32_t p = a; list->n && p < num_start; p++)
        if (word_list_match(list, cx->t, p, num_start))
            return true;
    return false;
}

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
bool latin_letter(UChar c)
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
        if (u->unit_text_after.n &&
            !(cx->name && word_list_match_before(&u->unit_text_after, cx->name, cx->name_from, cx->name_to) > 0))
            continue;
        int32_t n = word_list_match(&u->words, cx->t, pos, cx->end);
        /* a unit of Latin letters ends its word: GW of 2.6GWh is not a unit */
        if (n && pos + n < cx->end && latin_letter(cx->t[pos + n - 1]) && latin_letter(cx->t[pos + n]))
            continue;
        bool longer = n > best_len || (n && n == best_len && (u->int_digits || u->phrase_end || u->after_currency) &&
                                       !best->int_digits && !best->phrase_end && !best->after_currency);
        if (longer && !word_list_match(&u->not_followed_by, cx->t, pos + n, cx->end) &&
            (!u->phrase_end || ends_phrase(cx, u, pos + n)) && (!u->tally || in_tally(cx, u, pos, n)) &&
            (!u->near_words.n || near_word(cx, u, num_start, r && r->has_multiplier, pos + n)) &&
            !word_before(cx, &u->counted_words, num_start)) {
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
const struct qualifier_rule *qualifier_at(const struct sentence_ctx *cx, int32_t pos,
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

const struct qualifier_rule *qualifier_reaching(const struct sentence_ctx *cx, int32_t pos,
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

const char *connector_at(const struct word_rule *rules, size_t n, const UChar *t,
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
int32_t spaces_at(const struct sentence_ctx *cx, int32_t pos)
{
    int32_t q = pos;
    while (q < cx->end && q - pos < 3 && u_charType(cx->t[q]) == U_SPACE_SEPARATOR)
        q++;
    return q - pos;
}

/* Spaces of a typeset page before pos: up to three space separators back
 * to lo at most. */
int32_t spaces_before(const struct sentence_ctx *cx, int32_t lo, int32_t pos)
{
    int32_t q = pos;
    while (q > lo && pos - q < 3 && u_charType(cx->t[q - 1]) == U_SPACE_SEPARATOR)
        q--;
    return pos - q;
}

/* The length of a dash at pos right before digits (the second end of
 * 5.5%至-6.0%, -5至-10摄氏度), else 0: a hyphen-minus or a dash of
 * punctuation, not a minus written as such (−, 负), which is sure. */
static int32_t dash_before_digits(const struct sentence_ctx *cx, int32_t pos)
{
    if (pos + 1 >= cx->end || !u_isdigit(cx->t[pos + 1]))
        return 0;
    UChar c = cx->t[pos];
    return c == '-' || c == 0xFF0D || u_charType(c) == U_DASH_PUNCTUATION ? 1 : 0;
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

bool is_delimiter(const struct sentence_ctx *cx, int32_t pos, bool phrase)
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
int32_t clause_start(struct sentence_ctx *cx, int32_t pos, bool phrase)
{
    if (!cx->clauses_ready)
        find_clauses(cx);
    return (phrase ? cx->phrase_from : cx->clause_from)[pos - cx->start];
}

/* Where the clause holding pos ends: at the first delimiter from it. */
int32_t clause_end(struct sentence_ctx *cx, int32_t pos)
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

/* Is v a round base of a rate: 1, 2 or 5 and zeros (100, 500, 1000)? */
static bool round_base(struct decimal v)
{
    while (v.m % 10 == 0 && v.m != 0) {
        v.m /= 10;
        v.e++;
    }
    return v.e >= 0 && (v.m == 1 || v.m == 2 || v.m == 5);
}

/* The qualifier that stands inside the unit word at t[pos, pos + n) after
 * its measure word (3个多小时: see add_inside_qualifier_words), or NULL. */
static const struct qualifier_rule *qualifier_inside(const struct sentence_ctx *cx, int32_t pos, int32_t n)
{
    for (size_t i = 0; i < cx->rs->n_qualifiers; i++) {
        const struct qualifier_rule *q = &cx->rs->qualifiers[i];
        if (q->position != QUAL_INSIDE_UNIT)
            continue;
        int32_t m = word_list_match(&q->after, cx->t, pos, pos + n);
        int32_t k = m ? word_list_match(&q->words, cx->t, pos + m, pos + n) : 0;
        if (k && m + k < n)
            return q;
    }
    return NULL;
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
        if (r->unit && !r->qualifier)
            r->qualifier = qualifier_inside(cx, end, n);
        end += n;
    }
    if (r->unit) {
        /* a rate: 2000元/吨 */
        const char *sep = connector_at(cx->rs->rate_separators, cx->rs->n_rate_separators, cx->t,
                                       end, cx->end, &n);
        int32_t m;
        const struct unit_rule *per = sep ? suffix_unit(cx, end + n, num_start, NULL, true, &m) : NULL;
        /* a denominator with its own quantity: 15.2元/500克 is per 500 g,
         * 5.8升/100公里 per 100 km; of a count or a measure only a round
         * base (1, 2 or 5 and zeros), else the separator stands between two
         * figures (成交930套/76458.66㎡) */
        struct numeral dn;
        const struct unit_rule *per_each = NULL;
        int32_t me = 0;
        bool scanned = sep && !per && end + n < cx->end && numbers_is_numeral_char(cx->rs, cx->t, end + n, cx->end) &&
                       numbers_scan(cx->rs, cx->t, end + n, cx->end, &dn) && dn.start == end + n;
        /* Han numerals' multipliers are their own quantity (5.31公里/百平方公里,
         * 6.5张/千人: per that many of its unit) */
        bool han = scanned && !u_isdigit(cx->t[dn.start]);
        /* a multiplier that begins the denominator's word is its (元/50千克:
         * per 50 kg, not per 50,000 克) */
        for (int k = 0; scanned && !han && dn.has_multiplier && k < dn.ncuts; k++) {
            int32_t mk;
            if (!dn.cuts[k].has_multiplier && suffix_unit(cx, dn.cuts[k].end, dn.start, NULL, true, &mk) &&
                dn.cuts[k].end + mk > dn.end) {
                dn.end = dn.cuts[k].end;
                dn.value = dn.cuts[k].value;
                dn.has_multiplier = false;
            }
        }
        if (scanned && (!dn.has_multiplier || han) && !dn.is_range && !dn.vague && dn.value.m > 0 &&
            (!strcmp(r->unit->kind, "money") || round_base(dn.value)))
            per_each = suffix_unit(cx, dn.end, dn.start, NULL, true, &me);
        struct decimal quantity = per_each ? dn.value : decimal_int(0);
        if (per_each && per_each->quantity_in && decimal_cmp(dn.value, decimal_int(1)) != 0) {
            /* in the unit of another rule: 500克 is 0.5 kg (1克 stays a gram, as 克 alone) */
            if (!decimal_mul(dn.value, per_each->quantity_factor, &quantity))
                per_each = NULL;
            else
                per_each = per_each->quantity_in;
        }
        if (per_each) {
            struct decimal each;
            if (!decimal_div(r->number, quantity, &each)) {
                /* 100元/3公斤: a rate that cannot be written whole is no figure */
                r->unit = NULL;
                r->end = r->number_end;
                return;
            }
            r->number = each;
            r->per = per_each;
            r->per_quantity = quantity;
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

/* Does a note's mark end at pos, a number of one to three digits in square
 * brackets after a word (综合能耗[3]-3.3%: the minus after it is the
 * figure's, no range's dash)? */
static bool note_mark_before(const struct sentence_ctx *cx, int32_t pos)
{
    enum { NOTE_DIGITS_MAX = 3 };
    UChar close = cx->t[pos - 1];
    if (close != ']' && close != 0xFF3D)
        return false;
    int32_t p = pos - 1;
    while (p > cx->start && pos - 1 - p < NOTE_DIGITS_MAX + 1 && u_isdigit(cx->t[p - 1]))
        p--;
    if (p == pos - 1 || p - 1 <= cx->start || pos - 1 - p > NOTE_DIGITS_MAX)
        return false;
    UChar open = cx->t[p - 1];
    return (open == '[' || open == 0xFF3B) && !u_isdigit(cx->t[p - 2]) && !u_ispunct(cx->t[p - 2]);
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
    if (type == U_END_PUNCTUATION && note_mark_before(cx, pos))
        return false;
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
    /* and a currency named before a figure with a multiplier that no unit
     * word follows: 总计新币929亿, 港币100亿 */
    int32_t named_at;
    if (!best.unit && !prefixed && num->has_multiplier && (prefixed = currency_before(cx, start, &named_at)))
        n = start - named_at;
    if (prefixed) {
        struct reading r = {.start = start - n, .is_range = num->is_range, .upper = num->upper,
                            .vague = num->vague, .number = num->value,
                            .has_multiplier = num->has_multiplier};
        read_suffix(cx, &r, num->end, num->start, false, prefixed);
        best = r;
    }
    /* a currency named before the figure is the money of its 元: 港币两千九百六十元;
     * a part of it is its own (人民幣14.74分: hundredths) */
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
         * unit wins (约30%以上). 约15万多吨 is about, as 约115多万吨 and
         * 约3个多小时 are: the 多 right after the number only says the figure
         * is round */
        best.start -= n;
        if (!best.qualifier ||
            ((best.qualifier->position == QUAL_AFTER_NUMBER || best.qualifier->position == QUAL_INSIDE_UNIT) &&
             !strcmp(before->qualifier, "approx")))
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

struct pending *pending_for(struct sentence_ctx *cx, size_t index)
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
const char *rule_ids_intern(struct sentence_ctx *cx, const char *s, size_t n)
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

void add_rule_id(struct sentence_ctx *cx, struct pending *p, const char *id)
{
    if (!id)
        return;
    /* each rule once: a list member's connector may both carry a unit and
     * spread a role */
    size_t n = strlen(id);
    for (const char *q = p->rule; q && (q = strstr(q, id)); q += n)
        if ((q == p->rule || q[-1] == '+') && (q[n] == '\0' || q[n] == '+'))
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
    struct sentence_ctx tmp = {.sg = cx->sg, .rs = cx->rs, .doc = cx->doc, .t = buf, .start = 0, .end = n + 1,
                               .name = cx->name, .name_from = cx->name_from, .name_to = cx->name_to};
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
bool read_unit_text(const struct sentence_ctx *cx, const UChar *s, int32_t n, struct table_unit *out)
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

bool read_unit_text_after(const struct sentence_ctx *cx, const UChar *s, int32_t n, const UChar *name,
                          int32_t from, int32_t to, struct table_unit *out)
{
    struct sentence_ctx named = *cx;
    named.name = name;
    named.name_from = from;
    named.name_to = to;
    return read_unit_text(&named, s, n, out);
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
bool cell_unit(struct sentence_ctx *cx, const struct numeral *num, struct reading *r)
{
    const struct cell_context *cc = cx->cell;
    if (!cc || !cc->unit.unit || r->start != cc->first || num->is_range)
        return false;
    /* a numeral that a list's mark follows and no other figure (one with
     * a unit, or the cell's last) numbers a label (一、一般公共服務支出,
     * where a row lost an empty cell): no figure */
    int32_t n;
    struct numeral next;
    /* so does an outline number (1.因公出国(境)费用), or a figure with words
     * right after it that are no unit of it nor a qualifier (2.1公务用车购置费:
     * an outline number of two levels) */
    if (numbers_outline_end(cx->t, num->start, cx->end) > num->start)
        return false;
    if (r->number_end + 1 < cx->end && u_hasBinaryProperty(cx->t[r->number_end], UCHAR_IDEOGRAPHIC) &&
        u_hasBinaryProperty(cx->t[r->number_end + 1], UCHAR_IDEOGRAPHIC) &&
        !qualifier_at(cx, r->number_end, QUAL_AFTER_UNIT, NULL, &n))
        return false;
    if (connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, num->end, cx->end, &n)) {
        if (!numbers_scan(cx->rs, cx->t, num->end + n, cx->end, &next) || next.start != num->end + n)
            return false;
        struct reading rn = read_numeral(cx, &next, false);
        if (!rn.unit && next.end + spaces_at(cx, next.end) < cx->end)
            return false;
    }
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

/* The id of the rule of rules/tables.json's implied_unit_carries that
 * t[a, b) is, whole (、, 增至, ，较上年), or NULL. */
static const char *carry_between(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (size_t k = 0; k < cx->rs->n_implied_unit_carries; k++)
        if (pattern_matches(cx->rs->implied_unit_carries[k].re, cx->t, a, b))
            return cx->rs->implied_unit_carries[k].id;
    return NULL;
}

/* Where the verb of a change that ends at pos begins, with no mark in it
 * (升至, 回升至, 增加到: a carry's words), beginning before below; pos where
 * none does. */
static int32_t change_ending_at(const struct sentence_ctx *cx, int32_t below, int32_t pos)
{
    enum { VERB_MAX = 6 };
    for (int32_t k = pos - below + 1; k <= VERB_MAX && pos - k >= cx->start; k++) {
        if (u_ispunct(cx->t[pos - k]) || u_isUWhiteSpace(cx->t[pos - k]))
            break;
        if (k >= 2 && carry_between(cx, pos - k, pos))
            return pos - k;
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
        /* the verb of a change and its 至 between the noun and the new
         * level: 財政儲備回升至6793億 */
        for (int32_t verb = before; !m && (verb = change_ending_at(cx, verb, before)) < before;)
            m = implied_word(cx, verb, false, cx->start, false);
    }
    return m && take_implied(cx, m, r);
}

/* So too a figure with a multiplier and no unit word after one whose unit
 * of money or things is written (從1000億美元成長至2000億, 营收8亿元，
 * 增至12亿): not a percent, a rate or a unit with a factor, whose size a
 * multiplier does not take. */
static bool written_unit_carried(struct sentence_ctx *cx, const struct numeral *num, struct reading *r,
                                 const struct claim *prev)
{
    const struct unit_rule *u = prev->unit_rule;
    if (!u || prev->per_rule || prev->is_range || !num->has_multiplier ||
        (num->han && !num->arabic && !digit_first(cx, num->start)) ||
        u->position != UNIT_SUFFIX || u->power_of || decimal_cmp(u->factor, decimal_int(1)) != 0 ||
        (strcmp(u->kind, "money") && strcmp(u->kind, "count")))
        return false;
    const char *id = carry_between(cx, prev->end, r->start);
    if (!id)
        return false;
    r->unit = u;
    r->carry = id;
    qualifier_after_taken_unit(cx, r);
    return true;
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
    if (prev_end > r->start)
        return false;
    if (!m)
        return written_unit_carried(cx, num, r, &cx->doc->claims[last]);
    /* a bare figure only where the noun's rule takes bare ones (指数 127.79) */
    if ((num->han && !num->arabic && !num->vague) || (!num->has_multiplier && !num->vague && !m->bare))
        return false;
    const char *id = carry_between(cx, prev_end, r->start);
    if (!id || !take_implied(cx, m, r))
        return false;
    r->carry = id;
    return true;
}

/* A later member of a list with no unit of its own takes the unit written
 * before the first member (百分之二十五點二及二十四點六, 人口18万及20万):
 * only right after a figure of such a unit and a list connector, and only
 * where the list ends its phrase at its last member, so that nothing after
 * it could be its unit. */
static bool prefix_carried(struct sentence_ctx *cx, const struct numeral *num, struct reading *r)
{
    const struct rule_set *rs = cx->rs;
    if (cx->cell || cx->doc->nclaims <= cx->first)
        return false;
    const struct claim *prev = &cx->doc->claims[cx->doc->nclaims - 1];
    if (!prev->unit_rule || prev->unit_rule->position != UNIT_PREFIX || prev->is_range || prev->per_rule)
        return false;
    int32_t at = prev->end + spaces_at(cx, prev->end), n;
    const char *id = connector_at(rs->list_connectors, rs->n_list_connectors, cx->t, at, cx->end, &n);
    if (!id || at + n + spaces_at(cx, at + n) != num->start)
        return false;
    /* the list goes on to its last member, each with no unit of its own,
     * and ends its phrase there (not 百分之五十及一、二产业) */
    enum { MEMBERS_MAX = 16 };
    int32_t end = num->end;
    for (int k = 0; k < MEMBERS_MAX; k++) {
        struct numeral next;
        int32_t at = end + spaces_at(cx, end);
        if (!connector_at(rs->list_connectors, rs->n_list_connectors, cx->t, at, cx->end, &n) ||
            !numbers_scan(rs, cx->t, at + n, cx->end, &next) || next.start != at + n)
            break;
        struct reading rn = read_numeral(cx, &next, false);
        if (rn.unit || rn.start != next.start)
            return false;
        end = next.end;
    }
    if (end < cx->end && !is_delimiter(cx, end, true))
        return false;
    r->unit = prev->unit_rule;
    r->carry = id;
    return true;
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
        /* 两年三个多月: a qualifier inside the part's word */
        if (c->words.n && !r->qualifier)
            r->qualifier = qualifier_inside(cx, after, r->end - after);
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
bool delta_marker_before(const struct sentence_ctx *cx, const struct delta_rule *d, int32_t a,
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
const struct delta_rule *delta_before(struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *at)
{
    for (size_t k = 0; k < cx->rs->n_deltas; k++)
        if (delta_marker_before(cx, &cx->rs->deltas[k], a, b, at))
            return &cx->rs->deltas[k];
    return NULL;
}

/* Does a word that makes two figures a range (不等, 之间, 左右) follow the
 * second, after its unit or inside its reading (2万人左右: the qualifier)? */
static bool range_word_after(const struct sentence_ctx *cx, const struct level_connector_rule *c,
                             const struct reading *r2)
{
    for (int32_t q = r2->number_end; q <= r2->end; q++)
        if (word_list_match(&c->not_followed_by, cx->t, q + (q == r2->end ? spaces_at(cx, q) : 0), cx->end))
            return true;
    return false;
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
        /* the level ten times the change or more (上漲20元至1,405元), or
         * below it (減少74.18億元至2.87億元: no range goes down after a
         * change verb) */
        if (word_list_match(&c->words, cx->t, p, cx->end) && decimal_mul(r->number, c->min_ratio, &least) &&
            (decimal_cmp(r2->number, least) >= 0 || decimal_cmp(r2->number, r->number) < 0) &&
            !range_word_after(cx, c, r2))
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

/* After a first end r with a minus of its own, does a doubled dash end at
 * pos before digits? It is a connector of its own (10——15℃) or a dash and
 * the second end's minus (-5--10℃), which the text does not tell apart. */
static bool doubled_dash_after_minus(const struct sentence_ctx *cx, const struct reading *r, int32_t pos)
{
    return r->number.m < 0 && pos - 2 >= cx->start && pos < cx->end && u_isdigit(cx->t[pos]) &&
           dash_before_digits(cx, pos - 1) && (cx->t[pos - 2] == cx->t[pos - 1]);
}

/* Where the reading of the figure at pos ends (pos where none is read):
 * the end of a range's second end that is no claim. */
static int32_t figure_end(struct sentence_ctx *cx, int32_t pos)
{
    struct numeral num;
    if (!numbers_scan(cx->rs, cx->t, pos, cx->end, &num) || num.start != pos)
        return pos;
    return read_numeral(cx, &num, false).end;
}

/* Does a word that opens a from-to change stand right before pos (从5℃到-3℃:
 * the time phrase's prefixes, 从 自)? */
static bool after_from(const struct sentence_ctx *cx, int32_t pos)
{
    return word_list_match_before(&cx->rs->time_phrase.prefixes, cx->t, cx->start, pos) > 0;
}

/* A range's second end r2 written with a dash after its connector: after
 * a first end r with a minus of its own the dash is the second's minus
 * too (-5至-10摄氏度: r2 is made negative); after one without, it is a
 * second dash of the connector (5.5%至-6.0% for 5.5%至6.0%) or a sign
 * across zero (2℃至-5℃), which the text does not tell apart: false, and
 * neither end is a claim. */
static bool signed_second_end(const struct reading *r, struct reading *r2)
{
    if (r->number.m >= 0)
        return false;
    r2->number.m = -r2->number.m;
    r2->upper.m = -r2->upper.m;
    return true;
}

/* The first end v of a range whose second end r2 is a rate per a quantity
 * of its own, divided by that quantity as r2 was (15-20元/500克: 30 to 40
 * CNY/kg); false where the quotient has no end. */
static bool per_quantity_of(const struct reading *r2, struct decimal *v)
{
    return !r2->per_quantity.m || decimal_div(*v, r2->per_quantity, v);
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
    /* a unit word that an exclusion takes from a figure with a multiplier
     * (the 年 of a headline's 324億年升13.7%) leaves it with none of its
     * own: the unit its noun implies may still be its */
    if (r.unit && num.has_multiplier && !r.is_range && !r.per && r.unit->factor.m == 1 && r.unit->factor.e == 0 &&
        excluded_for(&cx->unit_excluded, num.start, num.end, r.unit)) {
        r.unit = NULL;
        r.end = r.number_end;
        if (r.qualifier && r.qualifier->position == QUAL_AFTER_UNIT)
            r.qualifier = NULL; /* one before the figure stays (逾324億) */
    }
    if (!r.unit) {
        /* a range whose first end has no unit: 10-20元, 8—10万元 */
        const char *id = range_connector_at(cx, r.number_end, &n);
        int32_t dash = id ? dash_before_digits(cx, r.number_end + n) : 0;
        if (id && !dash && doubled_dash_after_minus(cx, &r, r.number_end + n))
            return figure_end(cx, r.number_end + n); /* -5——3℃: to 3, or to -3 */
        struct numeral second;
        bool found = id && numbers_scan(rs, cx->t, r.number_end + n + dash, cx->end, &second) &&
                     !spans_overlap(&cx->excluded, second.start, second.end);
        struct reading r2 = found ? read_numeral(cx, &second, false) : (struct reading){0};
        struct reading first = r; /* the first end in the second's unit */
        first.unit = r2.unit;
        if (found && dash) {
            /* a change's verb before a first end with no unit and no minus
             * makes it the change and the second its new level (回落0.6至-0.3%);
             * after one with a minus the two are a range (增长-3至-5%) */
            int32_t marker;
            bool range = r2.unit && r2.start == second.start && !after_from(cx, r.start) &&
                         (r.number.m < 0 || (!change_then_level(cx, &first, &r2) &&
                                             !delta_before(cx, clause_start(cx, r.start, false), r.start, &marker)));
            if (range && !signed_second_end(&r, &r2))
                return r2.end;
            if (!range) /* the dash is the second figure's minus, read on its own */
                found = false;
        }
        if (found) {
            if (r2.unit && r2.start == second.start && change_then_level(cx, &first, &r2)) {
                /* 上升了0.2至5.8年: the change in the level's unit, and the level after */
                r.unit = r2.unit;
                r.per = r2.per;
                r.rate = r2.rate;
            } else if (r2.unit && r2.start == second.start) {
                r.number = shared_multiplier(&second, r.number, r2.number);
                if (!per_quantity_of(&r2, &r.number))
                    return r2.end;
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
        if (id && doubled_dash_after_minus(cx, &r, r.end + n))
            return figure_end(cx, r.end + n);
        int32_t at = r.end + n;
        bool prefixed = r.unit->position == UNIT_PREFIX && !r.table;
        int32_t again = id && prefixed ? word_list_match(&r.unit->words, cx->t, at, cx->end) : 0;
        int32_t dash = id ? dash_before_digits(cx, at + again) : 0;
        struct numeral second;
        if (id && numbers_scan(rs, cx->t, at + again + dash, cx->end, &second) &&
            second.start == at + again + dash) {
            struct reading r2 = read_numeral(cx, &second, false);
            bool fits = again ? r2.unit == r.unit && r2.start == at
                              : r2.start == second.start && (r2.unit == r.unit || (prefixed && !r2.unit));
            if (dash) {
                /* the dash is the second figure's minus, read on its own, but
                 * where the two make a range (下降0.4个百分点至-2.5%, 从5℃到-3℃) */
                fits = fits && !change_then_level(cx, &r, &r2) && !after_from(cx, r.start);
                if (fits && !signed_second_end(&r, &r2))
                    return r2.end;
            }
            if (fits && !change_then_level(cx, &r, &r2)) {
                /* a rate written with the second end only is both ends'
                 * (15元至20元/500克) */
                if (!r.per && r2.per) {
                    if (!per_quantity_of(&r2, &r.number))
                        return r2.end;
                    r.per = r2.per;
                    r.rate = r2.rate;
                }
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
                /* and its rate: 5.30、8.50、4.50元/公斤; not one per a
                 * quantity of its own (4.5元/500克), which the member's
                 * figure was divided by */
                if (rm.per_quantity.m)
                    return next;
                r.unit = rm.unit;
                r.per = rm.per;
                r.rate = rm.rate;
                r.connector = id;
            }
            p = rm.number_end;
        }
        if (!r.unit && !cell_unit(cx, &num, &r) && !implied_unit(cx, &num, &r) &&
            !carried_unit(cx, &num, &r) && !prefix_carried(cx, &num, &r))
            return next;
        if (!r.table)
            r.end = r.number_end;
    }
    and_a_half(cx, &r);
    compound_parts(cx, &r);
    /* the cheaper test first: segmenting words is what costs */
    if (!r.is_range && excluded_for(&cx->unit_excluded, num.start, num.end, r.unit) && !member_of_counts(cx, &num, &r))
        return next;
    if (num.han && !num.arabic && !han_numeral_stands_alone(cx, &num, r.start, r.end))
        return next;
    add_claim(cx, &r);
    return next > r.end ? next : r.end;
}

/* ------------------------------------------------------------ sentences */

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

void extract_sentence(struct sentence_ctx *cx)
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
