/* pattern: a rule's regular expression, matched and searched. The source
 * is read by pattern_read.c, its automaton made by pattern_dfa.c; here are
 * the backtracking matcher and the searches. See pattern.h. */
#include "pattern.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

#include "pattern_tree.h"
#include "xalloc.h"

/* ------------------------------------------------------------ the matcher
 *
 * A backtracking matcher over the tree, with ICU's semantics for what the
 * tree can hold: alternatives tried in order, greedy, lazy and possessive
 * repetition of a class, an optional group tried first (or, lazy, last),
 * lookahead that sees up to the end of the bounds, lookbehind that sees
 * back to the start of the text (ICU's lookbehind ignores the start of the
 * bounds), ^ at the start of the bounds, $ at their end or before a line
 * end there. t is the whole text: index 0 is its start. Matching goes on in
 * a continuation: what is left of the enclosing sequences once a group's
 * alternative is done. */

struct bounds {
    const UChar *t;
    int32_t start, end;              /* what the match and its lookarounds see */
    int32_t must_end;                /* -1, or where the match must end */
};

struct cont {
    const struct seq *seq;
    size_t idx;
    const struct cont *next;
};

static bool is_line_end(UChar32 c)
{
    return (c >= 0x0a && c <= 0x0d) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* $ without the multiline flag: at the end, or before a line end (or
 * \r\n) that ends the text, but not between \r and \n. */
static bool at_dollar(const struct bounds *b, int32_t pos)
{
    if (pos >= b->end)
        return true;
    int32_t i = pos;
    UChar32 c;
    U16_NEXT(b->t, i, b->end, c);
    if (i >= b->end)
        return is_line_end(c) && !(c == 0x0a && pos > b->start && b->t[pos - 1] == 0x0d);
    return c == 0x0d && b->t[i] == 0x0a && i + 1 >= b->end;
}

static int32_t match_seq(const struct bounds *b, const struct seq *s, size_t idx, int32_t pos,
                         const struct cont *k);

/* Does some alternative of look's match where it stands? */
static bool look_holds(const struct bounds *b, const struct node *look, int32_t pos)
{
    if (!look->behind) {
        struct bounds ahead = {b->t, b->start, b->end, -1};
        for (size_t a = 0; a < look->nalts; a++)
            if (match_seq(&ahead, &look->alts[a], 0, pos, NULL) >= 0)
                return true;
        return false;
    }
    /* a match that ends at pos, from no further back than its longest; as
     * in ICU, it may begin before the bounds, anywhere in the text */
    if (!look->last.any) {
        UChar32 c;
        if (pos <= 0)
            return false;
        U16_GET(b->t, 0, pos - 1, pos, c); /* the character that ends at pos */
        if (!set_has(&look->last, c))
            return false;
    }
    struct bounds behind = {b->t, b->start, pos, pos};
    int32_t from = pos - look->look_length;
    if (from < 0)
        from = 0;
    for (int32_t q = pos; q >= from; q--) {
        if (q > 0 && q < pos && U16_IS_TRAIL(b->t[q]) && U16_IS_LEAD(b->t[q - 1]))
            continue;
        for (size_t a = 0; a < look->nalts; a++)
            if (match_seq(&behind, &look->alts[a], 0, q, NULL) >= 0)
                return true;
    }
    return false;
}

/* Is a character of s in t[pos, pos + reach) (and before end)? */
static bool holds_within(const struct charset *s, const UChar *t, int32_t pos, int32_t end, int32_t reach)
{
    int32_t limit = reach < end - pos ? pos + reach : end;
    for (int32_t i = pos; i < limit;) {
        UChar32 c;
        U16_NEXT(t, i, end, c);
        if (set_has(s, c))
            return true;
    }
    return false;
}

static bool set_takes(const struct node *nd, UChar32 c)
{
    return set_has(&nd->set, c) != nd->negated;
}

/* Match s from its node idx at pos, then k; the end of the whole match,
 * or -1. */
static int32_t match_seq(const struct bounds *b, const struct seq *s, size_t idx, int32_t pos,
                         const struct cont *k)
{
    for (;;) {
        if (idx == s->n) {
            if (k) {
                s = k->seq;
                idx = k->idx;
                k = k->next;
                continue;
            }
            return b->must_end < 0 || pos == b->must_end ? pos : -1;
        }
        const struct node *nd = &s->nodes[idx];
        switch (nd->kind) {
        case N_STRING:
            if (nd->nunits > b->end - pos)
                return -1;
            for (int32_t i = 0; i < nd->nunits; i++)
                if (b->t[pos + i] != nd->units[i])
                    return -1;
            pos += nd->nunits;
            idx++;
            continue;
        case N_SET: {
            if (nd->min == 1 && nd->max == 1) { /* one character */
                if (pos >= b->end)
                    return -1;
                UChar32 c;
                U16_NEXT(b->t, pos, b->end, c);
                if (!set_takes(nd, c))
                    return -1;
                idx++;
                continue;
            }
            int32_t p = pos, count = 0;
            while ((nd->max == UNBOUNDED || count < nd->max) && p < b->end) {
                int32_t q = p;
                UChar32 c;
                U16_NEXT(b->t, q, b->end, c);
                if (!set_takes(nd, c))
                    break;
                p = q;
                count++;
            }
            if (count < nd->min)
                return -1;
            if (nd->mode == POSSESSIVE || nd->min == nd->max) {
                pos = p;
                idx++;
                continue;
            }
            if (nd->mode == GREEDY) {
                for (int32_t j = count;; j--) {
                    int32_t r = match_seq(b, s, idx + 1, p, k);
                    if (r >= 0 || j == nd->min)
                        return r;
                    U16_BACK_1(b->t, pos, p);
                }
            }
            p = pos;
            for (int32_t j = 0; j < nd->min; j++)
                U16_FWD_1(b->t, p, b->end);
            for (int32_t j = nd->min;; j++) {
                int32_t r = match_seq(b, s, idx + 1, p, k);
                if (r >= 0 || j == count)
                    return r;
                U16_FWD_1(b->t, p, b->end);
            }
        }
        case N_GROUP: {
            const struct cont after = {s, idx + 1, k};
            int32_t r;
            if (nd->min == 0 && nd->mode == LAZY && (r = match_seq(b, s, idx + 1, pos, k)) >= 0)
                return r;
            UChar32 c = -1;
            if (pos < b->end)
                U16_GET(b->t, 0, pos, b->end, c);
            if (nd->ndispatch) {
                for (uint64_t alts = c >= 0 ? pattern_dispatch(nd, c) : 0; alts; alts &= alts - 1) {
                    const struct seq *alt = &nd->alts[__builtin_ctzll(alts)];
                    if (alt->reach >= 0 && !holds_within(&alt->required, b->t, pos, b->end, alt->reach))
                        continue;
                    if ((r = match_seq(b, alt, 0, pos, &after)) >= 0)
                        return r;
                }
            } else if (nd->first.any || (c >= 0 && set_has(&nd->first, c))) {
                for (size_t a = 0; a < nd->nalts; a++) {
                    const struct seq *alt = &nd->alts[a];
                    if (!alt->first.any && (c < 0 || !set_has(&alt->first, c)))
                        continue;
                    if (alt->reach >= 0 && !holds_within(&alt->required, b->t, pos, b->end, alt->reach))
                        continue;
                    if ((r = match_seq(b, alt, 0, pos, &after)) >= 0)
                        return r;
                }
            }
            if (nd->min == 0 && nd->mode == GREEDY)
                return match_seq(b, s, idx + 1, pos, k);
            return -1;
        }
        case N_LOOK:
            if (look_holds(b, nd, pos) == nd->negative)
                return -1;
            idx++;
            continue;
        case N_CARET:
            if (pos != b->start)
                return -1;
            idx++;
            continue;
        case N_DOLLAR:
            if (!at_dollar(b, pos))
                return -1;
            idx++;
            continue;
        }
    }
}

/* The end of a match of p at pos within t[start, end) (ending at
 * must_end unless that is -1), or -1. */
static int32_t native_match(const struct pattern *p, const UChar *t, int32_t start, int32_t end,
                            int32_t pos, int32_t must_end)
{
    if (p->dfa && must_end < 0)
        return dfa_match(p->dfa, t, pos, end, NULL, 0, 0);
    if (p->filter && dfa_match(p->filter, t, pos, end, NULL, 0, 0) < 0)
        return -1;
    struct bounds b = {t, start, end, must_end};
    return match_seq(&b, p->whole, 0, pos, NULL);
}

/* ------------------------------------------------------------ patterns */

struct pattern *pattern_open(const UChar *source, int32_t n, UParseError *pe, UErrorCode *status)
{
    URegularExpression *re = uregex_open(source, n, 0, pe, status);
    if (U_FAILURE(*status))
        return NULL;
    struct pattern *p = xcalloc(1, sizeof *p);
    p->re = re;
    pattern_read(p, source, n);
    if (p->native)
        p->dfa = dfa_build(p->root, false);
    if (p->native && !p->dfa)
        p->filter = dfa_build(p->root, true);
    return p;
}

struct pattern *pattern_clone(const struct pattern *p)
{
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(p->re, &status);
    if (U_FAILURE(status))
        return NULL;
    struct pattern *c = xmalloc(sizeof *c);
    *c = *p;
    c->re = re;
    c->clone_of = p;
    return c;
}

void pattern_close(struct pattern *p)
{
    if (!p)
        return;
    uregex_close(p->re);
    if (p->clone_of) {
        free(p);
        return;
    }
    dfa_free(p->dfa);
    dfa_free(p->filter);
    pattern_unread(p);
    free(p);
}

void pattern_set_text(struct pattern *p, const UChar *t, int32_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(p->re, t, len, &status);
}

static UChar32 char_at(const UChar *t, int32_t i, int32_t end)
{
    UChar32 c;
    U16_NEXT(t, i, end, c);
    return c;
}

static UChar32 char_before(const UChar *t, int32_t start, int32_t end)
{
    UChar32 c;
    U16_PREV(t, start, end, c);
    return c;
}

/* The first place at or after i in t[i, end) of a character of s (end if
 * none). */
static int32_t next_of(const struct charset *s, const UChar *t, int32_t i, int32_t end)
{
    while (i < end) {
        int32_t at = i;
        UChar32 c;
        U16_NEXT(t, i, end, c);
        if (set_has(s, c))
            return at;
    }
    return end;
}

/* Where in t[start, end) a match can begin, for a search from `from`:
 * -1 if nowhere, else the first place to try. */
static int32_t first_try(const struct pattern *p, const UChar *t, int32_t start, int32_t end)
{
    /* a match that ends at $ ends at end, or before a line end there */
    if (p->end_anchored && !p->last.any && end > start) {
        UChar32 c = char_before(t, start, end);
        if (!is_line_end(c) && !set_has(&p->last, c))
            return -1;
    }
    int32_t from = start;
    if (!p->first.any && (from = next_of(&p->first, t, start, end)) == end)
        return -1;
    /* and it is at most max_length units long */
    if (p->end_anchored && p->max_length >= 0 && end - p->max_length - 2 > from)
        from = end - p->max_length - 2;
    if (!p->required.any && next_of(&p->required, t, from, end) == end)
        return -1;
    return from;
}

/* The first match in t[start, end) that begins at or after from, natively:
 * its start in *at, its end returned, or -1. */
/* Is a try at i worth it: 1 yes, 0 no, -1 neither here nor after (no
 * required character follows). *required_at holds the next required
 * character at or after the last place asked about. */
static int worth_trying(const struct pattern *p, const UChar *t, int32_t i, int32_t end, int32_t *required_at)
{
    if (p->required.any)
        return 1;
    if (*required_at < i)
        *required_at = next_of(&p->required, t, i, end);
    if (*required_at == end)
        return -1;
    return p->reach < 0 || *required_at - i < p->reach;
}

static int32_t native_find(const struct pattern *p, const UChar *t, int32_t start, int32_t end,
                           int32_t from, int32_t *at)
{
    int32_t required_at = from - 1;
    for (int32_t i = from; i <= end;) {
        int32_t next = i;
        if (i < end) {
            UChar32 c;
            U16_NEXT(t, next, end, c);
            if (!set_has(&p->first, c)) {
                i = next;
                continue;
            }
        } else if (!p->first.any) {
            break; /* only an empty match fits at the end */
        }
        int worth = worth_trying(p, t, i, end, &required_at);
        if (worth < 0)
            break;
        if (!worth) {
            i = next;
            continue;
        }
        int32_t e = native_match(p, t, start, end, i, -1);
        if (e >= 0) {
            *at = i;
            return e;
        }
        if (i == end)
            break;
        i = next;
    }
    return -1;
}

bool pattern_find(struct pattern *p, const UChar *t, int32_t start, int32_t end, int32_t *at)
{
    if (start > end)
        return false;
    int32_t from = first_try(p, t, start, end), a;
    if (from < 0)
        return false;
    if (p->native) {
        if (native_find(p, t, start, end, from, &a) < 0)
            return false;
        if (at)
            *at = a;
        return true;
    }
    /* the region stays as it was given: lookbehind sees all of it */
    UErrorCode status = U_ZERO_ERROR;
    uregex_setRegionAndStart(p->re, start, end, from, &status);
    if (U_SUCCESS(status) && uregex_findNext(p->re, &status) && U_SUCCESS(status)) {
        if (at)
            *at = uregex_start(p->re, 0, &status);
        return true;
    }
    return false;
}

bool pattern_looking_at(struct pattern *p, const UChar *t, int32_t start, int32_t end)
{
    if (start > end || (!p->first.any && (start == end || !set_has(&p->first, char_at(t, start, end)))))
        return false;
    if (p->native)
        return native_match(p, t, start, end, start, -1) >= 0;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setRegion(p->re, start, end, &status);
    return U_SUCCESS(status) && uregex_lookingAt(p->re, -1, &status) && U_SUCCESS(status);
}

int32_t pattern_match_end(struct pattern *p, const UChar *t, int32_t start, int32_t end, int32_t at)
{
    if (at < start || at > end || (!p->first.any && (at == end || !set_has(&p->first, char_at(t, at, end)))))
        return -1;
    if (p->native)
        return native_match(p, t, start, end, at, -1);
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(p->re, t + start, end - start, &status);
    uregex_useTransparentBounds(p->re, true, &status);
    uregex_useAnchoringBounds(p->re, false, &status);
    uregex_setRegion(p->re, at - start, end - start, &status);
    int32_t e = -1;
    if (U_SUCCESS(status) && uregex_lookingAt(p->re, -1, &status) && U_SUCCESS(status))
        e = start + uregex_end(p->re, 0, &status);
    uregex_useTransparentBounds(p->re, false, &status);
    uregex_useAnchoringBounds(p->re, true, &status);
    return U_SUCCESS(status) ? e : -1;
}

bool pattern_matches(struct pattern *p, const UChar *t, int32_t start, int32_t end)
{
    if (start > end)
        return false;
    if (!p->first.any && (start == end || !set_has(&p->first, char_at(t, start, end))))
        return false;
    if (!p->last.any && (start == end || !set_has(&p->last, char_before(t, start, end))))
        return false;
    if (p->native)
        return native_match(p, t, start, end, start, end) >= 0;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setRegion(p->re, start, end, &status);
    return U_SUCCESS(status) && uregex_matches(p->re, -1, &status) && U_SUCCESS(status);
}

void pattern_find_all(struct pattern *p, const UChar *t, int32_t start, int32_t end,
                      void (*found)(void *arg, int32_t a, int32_t b), void *arg)
{
    UErrorCode status = U_ZERO_ERROR;
    if (p->native) {
        /* as findNext goes: from the end of each match, one further after
         * an empty one */
        int32_t from = start, a, e;
        while (from <= end && (e = native_find(p, t, start, end, from, &a)) >= 0) {
            if (e > a) {
                found(arg, a, e);
                from = e;
            } else {
                if (a >= end)
                    break;
                from = a;
                U16_FWD_1(t, from, end);
            }
        }
        return;
    }
    /* by ICU, as findNext goes over the region; the text ends with it */
    int32_t from = p->first.any ? start : next_of(&p->first, t, start, end);
    if (from == end && !p->first.any)
        return;
    uregex_setText(p->re, t, end, &status);
    uregex_setRegionAndStart(p->re, start, end, from, &status);
    while (U_SUCCESS(status) && uregex_findNext(p->re, &status)) {
        int32_t a = uregex_start(p->re, 0, &status), b = uregex_end(p->re, 0, &status);
        if (U_SUCCESS(status) && b > a)
            found(arg, a, b);
    }
}

/* ------------------------------------------------------------ runs
 *
 * What failed tries teach, for searches that try places in order. An
 * alternative of the pattern that begins with an unbounded repetition of a
 * class C (C+ R, C* R) and fails at i fails at every later place of the run
 * of C that begins at i: a match there, C taking up to some j and R
 * matching from j, would be a match at i too (C takes one more, R sees the
 * same text). So the alternatives are tried one by one, in their order, and
 * one that failed so is passed over until its run ends. */

struct runs {
    int32_t until[64];               /* alternative a fails before until[a] */
};

static void runs_init(struct runs *r)
{
    for (int a = 0; a < 64; a++)
        r->until[a] = -1;
}

/* The class an alternative's run is of, or NULL. */
static const struct node *run_class(const struct seq *alt)
{
    const struct node *nd = alt->n > 1 ? &alt->nodes[0] : NULL;
    return nd && nd->kind == N_SET && nd->max == UNBOUNDED ? nd : NULL;
}

/* The match at i, trying the root's alternatives as the root group would
 * (in order, where they can begin and a required character is in reach),
 * but passing over those known to fail here; the end, or -1. */
static int32_t match_alternatives(const struct pattern *p, const UChar *t, int32_t start, int32_t end,
                                  int32_t i, struct runs *runs)
{
    const struct node *root = p->root;
    if (root->nalts > 64)
        return native_match(p, t, start, end, i, -1);
    UChar32 c;
    U16_GET(t, 0, i, end, c);
    uint64_t alts = root->ndispatch ? pattern_dispatch(root, c) : ~(uint64_t)0 >> (64 - root->nalts);
    struct bounds b = {t, start, end, -1};
    for (; alts; alts &= alts - 1) {
        int a = __builtin_ctzll(alts);
        const struct seq *alt = &root->alts[a];
        if (i < runs->until[a])
            continue;
        if (!root->ndispatch && !alt->first.any && !set_has(&alt->first, c))
            continue;
        if (alt->reach >= 0 && !holds_within(&alt->required, t, i, end, alt->reach))
            continue;
        int32_t e = match_seq(&b, alt, 0, i, NULL);
        if (e >= 0)
            return e;
        const struct node *run = run_class(alt);
        if (run) { /* it fails up to the end of this run of its class */
            int32_t j = i;
            while (j < end) {
                int32_t q = j;
                UChar32 ch;
                U16_NEXT(t, q, end, ch);
                if (!set_takes(run, ch))
                    break;
                j = q;
            }
            runs->until[a] = j;
        }
    }
    return -1;
}

/* ------------------------------------------------------------ groups */

struct found_k {
    void (*found)(void *arg, size_t k, int32_t a, int32_t b);
    void *arg;
    size_t k;
};

static void found_one(void *arg, int32_t a, int32_t b)
{
    struct found_k *fk = arg;
    fk->found(fk->arg, fk->k, a, b);
}

enum { GROUP_MAX = 64, GROUP_SETS = 2 * GROUP_MAX };

/* Can pattern k of the group be searched through the tables? */
static bool tabled(const struct pattern *p, size_t k)
{
    return k < GROUP_MAX && p->native && !p->first.any;
}

static bool same_set(const struct charset *a, const struct charset *b)
{
    return a->n == b->n && !memcmp(a->ranges, b->ranges, a->n * sizeof *a->ranges);
}

/* The index of set s among the group's, added if new. */
static uint8_t set_index(struct pattern_group *g, const struct charset *s)
{
    for (size_t j = 0; j < g->nsets; j++)
        if (same_set(g->sets[j], s))
            return (uint8_t)j;
    g->sets[g->nsets] = s;
    return (uint8_t)g->nsets++;
}

void pattern_group_init(struct pattern_group *g, struct pattern *const *patterns, size_t n)
{
    *g = (struct pattern_group){.n = n};
    g->patterns = xmalloc((n ? n : 1) * sizeof *g->patterns);
    g->sets = xmalloc(GROUP_SETS * sizeof *g->sets);
    g->first_set = xcalloc(n ? n : 1, sizeof *g->first_set);
    g->required_set = xcalloc(n ? n : 1, sizeof *g->required_set);
    for (size_t k = 0; k < n; k++) {
        struct pattern *p = g->patterns[k] = patterns[k];
        if (!tabled(p, k))
            continue;
        g->first_set[k] = set_index(g, &p->first);
        if (!p->required.any)
            g->required_set[k] = set_index(g, &p->required);
    }
    /* each character's sets, then the characters of the same sets as one class */
    uint64_t (*of)[2] = xcalloc(65536, sizeof *of);
    for (size_t j = 0; j < g->nsets; j++) {
        const struct charset *cs = g->sets[j];
        for (size_t i = 0; i < cs->n; i++)
            for (UChar32 c = cs->ranges[i][0]; c <= cs->ranges[i][1] && c <= 0xFFFF; c++)
                of[c][j / 64] |= (uint64_t)1 << (j % 64);
    }
    g->class_of = xcalloc(65536, sizeof *g->class_of);
    g->class_sets = xcalloc(1, sizeof *g->class_sets); /* class 0: no set */
    g->nclasses = 1;
    g->marked = xcalloc(65536 / 64, sizeof *g->marked);
    for (size_t c = 0; c < 65536; c++) {
        if (!of[c][0] && !of[c][1])
            continue;
        size_t k = 1;
        while (k < g->nclasses && (g->class_sets[k][0] != of[c][0] || g->class_sets[k][1] != of[c][1]))
            k++;
        if (k == g->nclasses) {
            g->class_sets = xrealloc(g->class_sets, (k + 1) * sizeof *g->class_sets);
            g->class_sets[k][0] = of[c][0];
            g->class_sets[k][1] = of[c][1];
            g->nclasses++;
        }
        g->class_of[c] = (uint16_t)k;
        g->marked[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    free(of);
}

void pattern_group_share(struct pattern_group *g, const struct pattern_group *from,
                         struct pattern *const *patterns)
{
    *g = *from;
    g->borrowed = true;
    g->patterns = xmalloc((g->n ? g->n : 1) * sizeof *g->patterns);
    for (size_t k = 0; k < g->n; k++)
        g->patterns[k] = patterns[k];
}

void pattern_group_free(struct pattern_group *g)
{
    free(g->patterns);
    if (g->borrowed)
        return;
    free(g->sets);
    free(g->first_set);
    free(g->required_set);
    free(g->class_of);
    free(g->class_sets);
    free(g->marked);
}

void pattern_scratch_free(struct pattern_scratch *s)
{
    for (size_t k = 0; k < s->n; k++)
        free(s->places[k].bits);
    free(s->places);
    free(s->memo);
    *s = (struct pattern_scratch){0};
}

/* A memo of n places for a search's automaton walks: entries of earlier
 * searches are told apart by their epoch, so that it is cleared only when
 * the epochs run out. */
static uint32_t memo_begin(struct pattern_scratch *s, size_t n)
{
    if (s->memo_cap < n) {
        s->memo = xrealloc(s->memo, n * sizeof *s->memo);
        memset(s->memo + s->memo_cap, 0, (n - s->memo_cap) * sizeof *s->memo);
        s->memo_cap = n;
    }
    if (++s->memo_epoch > MEMO_EPOCHS) {
        memset(s->memo, 0, s->memo_cap * sizeof *s->memo);
        s->memo_epoch = 1;
    }
    return s->memo_epoch;
}

/* l cleared for a search of words * 64 places. Its bits are 0 but for the
 * places of the last search, so that only a list that had places is
 * cleared (most sets have none in most sentences). */
static void clear_places(struct pattern_places *l, size_t words)
{
    if (l->cap < words) {
        l->cap = words;
        free(l->bits);
        l->bits = xcalloc(words, sizeof *l->bits);
    } else if (l->n) {
        memset(l->bits, 0, l->words * sizeof *l->bits);
    }
    l->words = words;
    l->n = 0;
}

static inline void add_place(struct pattern_places *l, int32_t at)
{
    l->bits[at >> 6] |= (uint64_t)1 << (at & 63);
    l->n++;
}

/* The first place of l at or after place i (relative to the search's
 * start), or -1. */
static int32_t next_place(const struct pattern_places *l, int32_t i)
{
    size_t w = (size_t)i >> 6;
    if (w >= l->words)
        return -1;
    uint64_t b = l->bits[w] & (~(uint64_t)0 << (i & 63));
    while (!b) {
        if (++w == l->words)
            return -1;
        b = l->bits[w];
    }
    return (int32_t)(w * 64 + (size_t)__builtin_ctzll(b));
}

/* The places of character c at `at` (relative to the search's start), for
 * each set of the group. */
static void add_places(const struct pattern_group *g, struct pattern_scratch *s, UChar32 c, int32_t at)
{
    uint64_t sets[2] = {0, 0};
    if (c <= 0xFFFF) {
        sets[0] = g->class_sets[g->class_of[c]][0];
        sets[1] = g->class_sets[g->class_of[c]][1];
    } else {
        for (size_t j = 0; j < g->nsets; j++)
            if (set_has(g->sets[j], c))
                sets[j / 64] |= (uint64_t)1 << (j % 64);
    }
    for (size_t w = 0; w < 2; w++)
        for (uint64_t b = sets[w]; b; b &= b - 1)
            add_place(&s->places[w * 64 + (size_t)__builtin_ctzll(b)], at);
}

void pattern_group_find_all(const struct pattern_group *g, struct pattern_scratch *s, const UChar *t,
                            int32_t start, int32_t end,
                            void (*found)(void *arg, size_t k, int32_t a, int32_t b), void *arg)
{
    if (s->n < g->nsets) {
        s->places = xrealloc(s->places, g->nsets * sizeof *s->places);
        for (size_t k = s->n; k < g->nsets; k++)
            s->places[k] = (struct pattern_places){0};
        s->n = g->nsets;
    }
    /* one pass: where the characters of each set stand */
    size_t words = (size_t)(end - start) / 64 + 1;
    for (size_t k = 0; k < g->nsets; k++)
        clear_places(&s->places[k], words);
    for (int32_t i = start; i < end;) {
        UChar u = t[i];
        if (!U16_IS_SURROGATE(u)) {
            if (g->marked[u >> 6] >> (u & 63) & 1)
                add_places(g, s, u, i - start);
            i++;
            continue;
        }
        int32_t at = i;
        UChar32 c;
        U16_NEXT(t, i, end, c);
        add_places(g, s, c, at - start);
    }
    /* then each pattern in turn, as pattern_find_all would go */
    for (size_t k = 0; k < g->n; k++) {
        struct pattern *p = g->patterns[k];
        struct found_k fk = {found, arg, k};
        if (!tabled(p, k)) {
            pattern_find_all(p, t, start, end, found_one, &fk);
            continue;
        }
        const struct pattern_places *tries = &s->places[g->first_set[k]];
        const struct pattern_places *req = &s->places[g->required_set[k]];
        if (!tries->n)
            continue;
        uint32_t epoch = p->dfa ? memo_begin(s, (size_t)(end - start) + 1) : 0;
        int32_t from = start, r = -1;
        struct runs runs;
        runs_init(&runs);
        for (int32_t j = next_place(tries, 0); j >= 0; j = next_place(tries, j + 1)) {
            int32_t i = start + j;
            if (i < from)
                continue;
            if (!p->required.any) {
                /* the next required character at or after i, near enough
                 * (looked for again only once i has passed it) */
                if (r < j)
                    r = next_place(req, j);
                if (r < 0)
                    break;
                if (p->reach >= 0 && r - j >= p->reach)
                    continue;
            }
            if (p->filter && dfa_match(p->filter, t, i, end, NULL, 0, 0) < 0)
                continue; /* no match here: the loose automaton finds none */
            int32_t e = p->dfa ? dfa_match(p->dfa, t, i, end, s->memo, start, epoch)
                               : match_alternatives(p, t, start, end, i, &runs);
            if (e > i) { /* never empty: the pattern has a first set */
                found(arg, k, i, e);
                from = e;
            }
        }
    }
}
