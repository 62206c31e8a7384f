/* check: the relations a document's text states between its figures,
 * found from its claims and the check rules, recomputed exactly.
 *
 * Five finders, each a mechanism whose cue words are rules
 * (rules/checks.json):
 *   comparison  A … 比/较/与 B (相比) … 增加/下降 D: D against A − B, or
 *               (A − B) / B, A / B, by D's unit;
 *   change      a change group (由 A 提高到 B) followed by 提高 D;
 *   share       P … 占 [whole] (的比重为) S%: S against P / W, the whole
 *               found by its name among the claims' subjects, or, when the
 *               text names none, as the figure the shares' parts add up to
 *               or the total (共) of their kind before them;
 *   parts       T … 其中 P1 … P2 …: a sum, when the parts' labels make a
 *               whole of the rules' partitions (城镇|乡村);
 *   table       a table's total row, its groups (其中) and its 比重 column:
 *               each row's share of the total, each group's sum, when the
 *               group's shares make 100 or its labels a partition.
 * The words between claims are read where a rule names a cue; the figures
 * are the claims alone. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "normalise.h"
#include "xalloc.h"

/* ------------------------------------------------------------ decimals */

static struct decimal dneg(struct decimal d)
{
    d.m = -d.m;
    return d;
}

static bool dsub(struct decimal a, struct decimal b, struct decimal *out)
{
    return decimal_add(a, dneg(b), out);
}

static struct decimal pow10d(int e)
{
    return (struct decimal){1, e};
}

static bool dzero(struct decimal d)
{
    return d.m == 0;
}

static int dsign(struct decimal d)
{
    return d.m > 0 ? 1 : d.m < 0 ? -1 : 0;
}

static struct decimal dnormal(struct decimal d)
{
    struct decimal out;
    if (!decimal_add(d, (struct decimal){0, 0}, &out))
        return d;
    return out;
}

/* a ÷ b to about 16 significant digits; mode -1 rounds down, 1 up, 0 to
 * the nearest. */
static bool ddiv(struct decimal a, struct decimal b, int mode, struct decimal *out)
{
    if (b.m == 0)
        return false;
    if (a.m == 0) {
        *out = (struct decimal){0, 0};
        return true;
    }
    __int128 num = a.m, den = b.m;
    int e = a.e - b.e;
    if (den < 0) {
        den = -den;
        num = -num;
    }
    __int128 lim = den * (__int128)1000000000000000LL; /* 1e15 */
    for (int k = 0; k < 40 && (num < 0 ? -num : num) < lim; k++) {
        num *= 10;
        e--;
    }
    __int128 q = num / den, r = num % den;
    if (r != 0) {
        if (mode > 0 && num > 0)
            q++;
        else if (mode < 0 && num < 0)
            q--;
        else if (mode == 0 && (r < 0 ? -r : r) * 2 >= den)
            q += num < 0 ? -1 : 1;
    }
    while (q > INT64_MAX || q < -INT64_MAX) {
        /* never here with 1e15 ≤ |q| < 1e17, but stay safe */
        __int128 rr = q % 10;
        q /= 10;
        e++;
        if (rr && mode > 0 && q > 0)
            q++;
        else if (rr && mode < 0 && q < 0)
            q--;
    }
    *out = dnormal((struct decimal){(int64_t)q, e});
    return true;
}

struct decimal check_round(struct decimal d, int places)
{
    if (d.e >= -places)
        return d;
    int drop = -places - d.e;
    if (drop > 18)
        return (struct decimal){0, 0};
    int64_t p = 1;
    for (int i = 0; i < drop; i++)
        p *= 10;
    int64_t q = d.m / p, r = d.m % p;
    if ((r < 0 ? -r : r) >= p - (r < 0 ? -r : r))
        q += d.m < 0 ? -1 : 1;
    return dnormal((struct decimal){q, -places});
}

/* ------------------------------------------------------------ figures */

static bool is_digit_at(const unsigned char *s, size_t i, size_t n, size_t *len, int *digit)
{
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        *len = 1;
        *digit = s[i] - '0';
        return true;
    }
    /* full-width digits U+FF10–U+FF19: EF BC 90–99 */
    if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99) {
        *len = 3;
        *digit = s[i + 2] - 0x90;
        return true;
    }
    return false;
}

static bool is_point_at(const unsigned char *s, size_t i, size_t n, size_t *len)
{
    if (i < n && s[i] == '.') {
        *len = 1;
        return true;
    }
    if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x8E) { /* ． */
        *len = 3;
        return true;
    }
    return false;
}

/* The figure as written in c's quote when it is one run of digits (with a
 * point, thousands commas): its number and how many digits follow the
 * point; false for a Han numeral, a range, a mixture (5万4千). *at and
 * *end: the run's bytes in the quote. */
static bool written_digits(const struct claim *c, struct decimal *number, int *places, size_t *at, size_t *end)
{
    const unsigned char *s = (const unsigned char *)c->quote;
    size_t n = strlen(c->quote);
    int runs = 0;
    int64_t m = 0;
    int k = 0;
    bool point = false, overflow = false;
    for (size_t i = 0; i < n;) {
        size_t len;
        int dg;
        if (!is_digit_at(s, i, n, &len, &dg)) {
            i++;
            continue;
        }
        if (++runs > 1)
            return false;
        *at = i;
        while (i < n) {
            size_t pl;
            if (is_digit_at(s, i, n, &len, &dg)) {
                if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, dg, &m))
                    overflow = true;
                if (point)
                    k++;
                i += len;
            } else if (!point && is_point_at(s, i, n, &pl) && (is_digit_at(s, i + pl, n, &len, &dg))) {
                point = true;
                i += pl;
            } else if (s[i] == ',' && is_digit_at(s, i + 1, n, &len, &dg)) {
                i++;
            } else {
                break;
            }
        }
        *end = i;
    }
    if (runs != 1 || overflow)
        return false;
    *number = dnormal((struct decimal){m, -k});
    *places = k;
    return true;
}

/* What one unit of the figure as written is worth in canonical units
 * (万 → 10000; 1 for a figure without a multiplier). */
static bool written_factor(const struct claim *c, struct decimal *unit, struct decimal *factor)
{
    struct decimal number;
    int places;
    size_t at, end;
    if (!written_digits(c, &number, &places, &at, &end))
        return false;
    struct decimal f = decimal_int(1);
    struct decimal v = dsign(c->value) < 0 ? dneg(c->value) : c->value; /* -2.5: its digits have no sign */
    if (!dzero(number) && !decimal_div(v, number, &f))
        return false;
    if (dzero(number) && c->unit_rule)
        f = c->unit_rule->factor;
    *factor = f;
    *unit = pow10d(-places);
    return true;
}

struct decimal check_half_unit(const struct claim *c)
{
    struct decimal unit, factor, h;
    if (written_factor(c, &unit, &factor) && decimal_mul(unit, factor, &h) &&
        decimal_mul(h, (struct decimal){5, -1}, &h))
        return h;
    /* a Han numeral: its last non-zero digit (三千五百万: 百万) */
    struct decimal v = c->value;
    if (dzero(v))
        return (struct decimal){5, -1};
    return (struct decimal){5, v.e - 1};
}

struct check_interval check_claim_interval(const struct claim *c)
{
    struct decimal h = check_half_unit(c);
    struct check_interval r = {c->value, c->value, false, false};
    const char *q = c->qualifier ? c->qualifier : "exact";
    if (!strcmp(q, "approx"))
        decimal_mul(h, decimal_int(2), &h);
    struct decimal lo = c->value, hi = c->value;
    if (!strcmp(q, "range")) {
        if (c->has_lower)
            lo = c->lower;
        if (c->has_upper)
            hi = c->upper;
    }
    if (!dsub(lo, h, &r.lo) || !decimal_add(hi, h, &r.hi))
        r.lo_open = r.hi_open = true;
    if (!strcmp(q, "over"))
        r.hi_open = true;
    if (!strcmp(q, "under"))
        r.lo_open = true;
    return r;
}

/* ------------------------------------------------------------ intervals */

typedef struct check_interval ival;

static ival point(struct decimal v)
{
    return (ival){v, v, false, false};
}

static bool ival_add(ival a, ival b, ival *out)
{
    ival r = {.lo_open = a.lo_open || b.lo_open, .hi_open = a.hi_open || b.hi_open};
    if ((!r.lo_open && !decimal_add(a.lo, b.lo, &r.lo)) || (!r.hi_open && !decimal_add(a.hi, b.hi, &r.hi)))
        return false;
    *out = r;
    return true;
}

static bool ival_sub(ival a, ival b, ival *out)
{
    ival r = {.lo_open = a.lo_open || b.hi_open, .hi_open = a.hi_open || b.lo_open};
    if ((!r.lo_open && !dsub(a.lo, b.hi, &r.lo)) || (!r.hi_open && !dsub(a.hi, b.lo, &r.hi)))
        return false;
    *out = r;
    return true;
}

/* a ÷ b for b > 0 throughout; rounded outward. */
static bool ival_div(ival a, ival b, ival *out)
{
    if (b.lo_open || dsign(b.lo) <= 0)
        return false;
    ival r = {0};
    if (a.lo_open)
        r.lo_open = true;
    else if (dsign(a.lo) >= 0) {
        if (b.hi_open)
            r.lo = (struct decimal){0, 0};
        else if (!ddiv(a.lo, b.hi, -1, &r.lo))
            return false;
    } else if (!ddiv(a.lo, b.lo, -1, &r.lo))
        return false;
    if (a.hi_open)
        r.hi_open = true;
    else if (dsign(a.hi) >= 0) {
        if (!ddiv(a.hi, b.lo, 1, &r.hi))
            return false;
    } else if (b.hi_open)
        r.hi = (struct decimal){0, 0};
    else if (!ddiv(a.hi, b.hi, 1, &r.hi))
        return false;
    *out = r;
    return true;
}

static bool ival_scale(ival a, struct decimal k, ival *out)
{
    ival r = a;
    if ((!a.lo_open && !decimal_mul(a.lo, k, &r.lo)) || (!a.hi_open && !decimal_mul(a.hi, k, &r.hi)))
        return false;
    *out = r;
    return true;
}

static ival ival_neg(ival a)
{
    return (ival){dneg(a.hi), dneg(a.lo), a.hi_open, a.lo_open};
}

static bool ival_meet(ival a, ival b)
{
    bool lo_ok = a.lo_open || b.hi_open || decimal_cmp(a.lo, b.hi) <= 0;
    bool hi_ok = a.hi_open || b.lo_open || decimal_cmp(b.lo, a.hi) <= 0;
    return lo_ok && hi_ok;
}

/* The half width of a (the larger side about c); false when open. */
static bool ival_reach(ival a, struct decimal c, struct decimal *out)
{
    if (a.lo_open || a.hi_open)
        return false;
    struct decimal d1, d2;
    if (!dsub(c, a.lo, &d1) || !dsub(a.hi, c, &d2))
        return false;
    *out = decimal_cmp(d1, d2) >= 0 ? d1 : d2;
    if (dsign(*out) < 0)
        *out = (struct decimal){0, 0};
    return true;
}

/* ------------------------------------------------------------ arithmetic */

static ival input(const struct claim *c, bool rounded)
{
    return rounded ? check_claim_interval(c) : point(c->value);
}

/* Decimal places of the stated figure's written unit (0.05 → 2 for the
 * unit 0.1 … counted from the half unit). */
static int stated_places(const struct claim *c)
{
    struct decimal h = check_half_unit(c);
    /* h = 5 × 10^e for the unit 10^(e+1); else h's own place */
    int places = h.m == 5 || h.m == -5 ? -(h.e + 1) : -h.e;
    return places > 0 ? places : 0;
}

bool check_compute(const char *relation, const struct claim *const *claims, size_t n, int sign,
                   bool fold_minus_one, bool inputs_rounded, struct check *out)
{
    if (n < 2)
        return false;
    const struct claim *st = claims[0];
    ival stated = check_claim_interval(st);
    struct decimal sv = st->value;
    if (sign < 0) {
        stated = ival_neg(stated);
        sv = dneg(sv);
    }
    ival comp;
    struct decimal cv;
    bool divided = false;
    if (!strcmp(relation, "sum")) {
        comp = point((struct decimal){0, 0});
        cv = comp.lo;
        for (size_t i = 1; i < n; i++)
            if (!ival_add(comp, input(claims[i], inputs_rounded), &comp) ||
                !decimal_add(cv, claims[i]->value, &cv))
                return false;
    } else if (!strcmp(relation, "share")) {
        if (n != 3)
            return false;
        ival q;
        if (!ival_div(input(claims[1], inputs_rounded), input(claims[2], inputs_rounded), &q) ||
            !ival_scale(q, decimal_int(100), &comp))
            return false;
        struct decimal p;
        if (!decimal_mul(claims[1]->value, decimal_int(100), &p) || !ddiv(p, claims[2]->value, 0, &cv))
            return false;
        divided = true;
    } else if (!strcmp(relation, "difference") || !strcmp(relation, "change_pp")) {
        if (n != 3)
            return false;
        /* difference: a − b; change_pp: to − from */
        const struct claim *a = !strcmp(relation, "difference") ? claims[1] : claims[2];
        const struct claim *b = !strcmp(relation, "difference") ? claims[2] : claims[1];
        if (!ival_sub(input(a, inputs_rounded), input(b, inputs_rounded), &comp) || !dsub(a->value, b->value, &cv))
            return false;
    } else if (!strcmp(relation, "change_percent") || !strcmp(relation, "change_fold")) {
        if (n != 3)
            return false;
        ival from = input(claims[1], inputs_rounded), to = input(claims[2], inputs_rounded), q;
        if (!ival_div(to, from, &q))
            return false;
        struct decimal qv;
        if (!ddiv(claims[2]->value, claims[1]->value, 0, &qv))
            return false;
        if (!strcmp(relation, "change_percent") || fold_minus_one) {
            if (!ival_sub(q, point(decimal_int(1)), &q) || !dsub(qv, decimal_int(1), &qv))
                return false;
        }
        if (!strcmp(relation, "change_percent")) {
            if (!ival_scale(q, decimal_int(100), &q) || !decimal_mul(qv, decimal_int(100), &qv))
                return false;
        }
        comp = q;
        cv = qv;
        divided = true;
    } else {
        return false;
    }
    int places = stated_places(st);
    struct decimal t1, t2;
    out->has_tolerance = ival_reach(stated, sv, &t1) && ival_reach(comp, cv, &t2) && decimal_add(t1, t2, &t1);
    out->tolerance = out->has_tolerance ? check_round(t1, places + 2) : (struct decimal){0, 0};
    if (divided)
        cv = check_round(cv, places + 1);
    out->stated = sv;
    out->computed = cv;
    out->consistent = ival_meet(stated, comp);
    return true;
}

/* ------------------------------------------------------------ the document */

struct ctx {
    const struct rule_set *rs;
    struct doc *doc;
    struct claim *claims;          /* doc's, each quote its text as read (a page's without markup) */
    const UChar *t;
    int32_t len;
    long *sent;                    /* each claim's sentence, -1: none (a table's) */
    int *table;                    /* each claim's table, -1: none */
    struct check *out;
    size_t n, cap;
};

static long sentence_of(const struct doc *doc, int32_t pos)
{
    size_t lo = 0, hi = doc->nsentences;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->sentences[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < doc->nsentences && doc->sentences[lo].start <= pos && pos < doc->sentences[lo].end)
        return (long)lo;
    return -1;
}

static const struct claim *C(const struct ctx *x, size_t i)
{
    return &x->claims[i];
}

static bool unit_is(const struct claim *c, const char *u)
{
    return c->unit && !strcmp(c->unit, u);
}

static bool same_unit(const struct claim *a, const struct claim *b)
{
    return a->unit && b->unit && !strcmp(a->unit, b->unit);
}

static bool role_is(const struct claim *c, const char *r)
{
    return c->role && !strcmp(c->role, r);
}

/* A figure of an amount (not a rate, a share, a change in points). */
static bool is_amount(const struct claim *c)
{
    return !unit_is(c, "percent") && !unit_is(c, "pp") && !unit_is(c, "fold");
}

/* How far the finders look from a figure for the others of its relation:
 * a relation's figures stand near each other, and a document of many
 * figures (a list of 40,000) must not be searched in the square of them. */
enum { REACH = 16, FAR = 2000 };

/* The claim whose quote holds text position p, or -1 (claims are sorted
 * and apart). */
static long claim_at(const struct ctx *x, int32_t p)
{
    size_t lo = 0, hi = x->doc->nclaims;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (C(x, mid)->end <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->doc->nclaims && C(x, lo)->start <= p ? (long)lo : -1;
}

/* Where the words before claim i may begin: the end of the claim before
 * it in its sentence, or the sentence's start. */
static int32_t gap_start(const struct ctx *x, size_t i)
{
    long s = x->sent[i];
    int32_t from = s >= 0 ? x->doc->sentences[s].start : 0;
    if (i > 0 && x->sent[i - 1] == s && C(x, i - 1)->end > from)
        from = C(x, i - 1)->end;
    return from;
}

/* Is a word of l at p, not inside a word of not (比 of 比重)? Its length. */
static int32_t cue_at(const struct word_list *l, const struct word_list *not, const UChar *t, int32_t p,
                      int32_t end)
{
    int32_t n = word_list_match(l, t, p, end);
    if (!n)
        return 0;
    for (int32_t q = p - 4 < 0 ? 0 : p - 4; q <= p; q++) {
        int32_t m = word_list_match(not, t, q, end);
        if (m && q + m > p)
            return 0;
    }
    return n;
}

/* The last cue of l in [from, to): its place, or -1. */
static int32_t last_cue(const struct word_list *l, const struct word_list *not, const UChar *t, int32_t from,
                        int32_t to, int32_t *len)
{
    for (int32_t p = to - 1; p >= from; p--) {
        int32_t n = cue_at(l, not, t, p, to);
        if (n) {
            *len = n;
            return p;
        }
    }
    return -1;
}

static int32_t first_cue(const struct word_list *l, const struct word_list *not, const UChar *t, int32_t from,
                         int32_t to, int32_t *len)
{
    for (int32_t p = from; p < to; p++) {
        int32_t n = cue_at(l, not, t, p, to);
        if (n) {
            *len = n;
            return p;
        }
    }
    return -1;
}

/* The direction a word right before claim i gives its figure: 1 (up), -1
 * (down) or 0 (none). */
static int direction(const struct ctx *x, const struct check_rule *r, size_t i)
{
    int32_t from = gap_start(x, i), end = C(x, i)->start;
    int32_t tail = word_list_match_before(&r->tails, x->t, from, end);
    end -= tail;
    int32_t up = word_list_match_before(&r->up, x->t, from, end);
    int32_t down = word_list_match_before(&r->down, x->t, from, end);
    if (!up && !down)
        return 0;
    return up >= down ? 1 : -1;
}

static bool is_blank_or_mark(UChar c)
{
    return u_isspace(c) || u_ispunct(c) || c == 0x3000;
}

/* Does [from, to) hold only marks, blanks, the words of l and the quotes
 * of claims? */
static bool only_words(const struct ctx *x, const struct word_list *l, int32_t from, int32_t to)
{
    for (int32_t p = from; p < to;) {
        if (is_blank_or_mark(x->t[p])) {
            p++;
            continue;
        }
        int32_t n = word_list_match(l, x->t, p, to);
        long c = claim_at(x, p);
        if (c >= 0)
            n = C(x, (size_t)c)->end - p;
        if (!n)
            return false;
        p += n;
    }
    return true;
}

/* Does [from, to) hold only marks, blanks, claims and the words of the
 * rule's gap words, closers and direction words (the verbs of the other
 * changes of one comparison)? */
static bool only_gap(const struct ctx *x, const struct check_rule *r, int32_t from, int32_t to)
{
    const struct word_list *lists[] = {&r->gap_words, &r->closers, &r->up, &r->down, &r->tails};
    for (int32_t p = from; p < to;) {
        if (is_blank_or_mark(x->t[p])) {
            p++;
            continue;
        }
        int32_t n = 0;
        for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
            int32_t m = word_list_match(lists[k], x->t, p, to);
            if (m > n)
                n = m;
        }
        long c = claim_at(x, p);
        if (!n && c >= 0)
            n = C(x, (size_t)c)->end - p;
        if (!n)
            return false;
        p += n;
    }
    return true;
}

/* Does [from, to) hold one of the marks that end a clause (；。)? */
static bool clause_break(const struct ctx *x, int32_t from, int32_t to)
{
    for (int32_t p = from; p < to; p++)
        if (x->t[p] == 0xFF1B || x->t[p] == ';' || x->t[p] == 0x3002 || x->t[p] == 0xFF01 || x->t[p] == 0xFF1F)
            return true;
    return false;
}

/* Where the direction word before claim i begins (its start if none). */
static int32_t verb_start(const struct ctx *x, const struct check_rule *r, size_t i)
{
    int32_t from = gap_start(x, i), end = C(x, i)->start;
    end -= word_list_match_before(&r->tails, x->t, from, end);
    int32_t up = word_list_match_before(&r->up, x->t, from, end);
    int32_t down = word_list_match_before(&r->down, x->t, from, end);
    return end - (up > down ? up : down);
}

static char *utf8_of(struct doc *doc, const UChar *s, int32_t n)
{
    int32_t need = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, s, n, &st);
    char *out = arena_alloc(&doc->arena, (size_t)need + 1);
    st = U_ZERO_ERROR;
    u_strToUTF8(out, need + 1, NULL, s, n, &st);
    out[need] = '\0';
    return out;
}

static bool rule_gives(const struct check_rule *r, const char *relation)
{
    return name_list_has(&r->relations, relation);
}

/* Record a relation of the claims idx[0..n) (the stated one first). */
static void emit(struct ctx *x, const struct check_rule *r, const char *relation, const size_t *idx, size_t n,
                 int sign, bool fold_minus_one)
{
    if (!rule_gives(r, relation))
        return;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            if (idx[a] == idx[b])
                return;
    const struct claim *cl[64];
    if (n > 64)
        return;
    for (size_t i = 0; i < n; i++)
        cl[i] = C(x, idx[i]);
    struct check k = {0};
    if (!check_compute(relation, cl, n, sign, fold_minus_one, r->inputs_rounded, &k))
        return;
    k.relation = relation;
    k.rule = r->id;
    k.claims = arena_alloc(&x->doc->arena, n * sizeof *k.claims);
    memcpy(k.claims, idx, n * sizeof *idx);
    k.nclaims = n;
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 8;
        x->out = xrealloc(x->out, x->cap * sizeof *x->out);
    }
    x->out[x->n++] = k;
}

/* The relation D's unit makes of two figures a and b of one unit: NULL
 * when it makes none. */
static const char *change_kind(const struct claim *d, const struct claim *a)
{
    if (unit_is(d, "pp"))
        return unit_is(a, "percent") ? "change_pp" : NULL;
    if (unit_is(d, "percent"))
        return is_amount(a) ? "change_percent" : NULL;
    if (unit_is(d, "fold"))
        return is_amount(a) ? "change_fold" : NULL;
    if (same_unit(d, a) && is_amount(a))
        return "difference";
    return NULL;
}

/* Emit what D says of the change from `from` to `to` (its sign). */
static void emit_change(struct ctx *x, const struct check_rule *r, size_t d, size_t from, size_t to, int dir)
{
    const char *kind = change_kind(C(x, d), C(x, from));
    if (!kind || !same_unit(C(x, from), C(x, to)))
        return;
    size_t idx[3] = {d, from, to};
    if (!strcmp(kind, "difference")) {
        idx[1] = to;
        idx[2] = from;
    }
    bool fold = !strcmp(kind, "change_fold");
    /* a fold states a ratio: its sign is its own */
    emit(x, r, kind, idx, 3, fold ? 1 : dir, fold && dir > 0);
}

/* comparison: A … 比 B … 增加 D. */
static void find_comparisons(struct ctx *x, const struct check_rule *r)
{
    for (size_t i = 0; i < x->doc->nclaims; i++) {
        if (x->sent[i] < 0 || role_is(C(x, i), "from") || role_is(C(x, i), "to"))
            continue;
        int dir = direction(x, r, i);
        if (!dir)
            continue;
        /* B: the nearest claim before D that is no change itself */
        size_t j = i;
        bool found = false;
        while (j-- > 0 && i - j <= REACH && x->sent[j] == x->sent[i]) {
            if (!direction(x, r, j)) {
                found = true;
                break;
            }
        }
        if (!found)
            continue;
        if (!only_gap(x, r, C(x, j)->end, verb_start(x, r, i)))
            continue;
        /* A: the nearest claim of B's unit before it */
        size_t a = j;
        found = false;
        while (a-- > 0 && j - a <= REACH && x->sent[a] == x->sent[i]) {
            if (same_unit(C(x, a), C(x, j)) && !direction(x, r, a)) {
                found = true;
                break;
            }
            if (same_unit(C(x, a), C(x, i)) && !direction(x, r, a))
                break; /* another figure of D's kind stands between */
        }
        if (!found)
            continue;
        /* the cue before B: only marks and gap words between A and it, no
         * clause's end between it and B */
        int32_t cue = -1;
        for (int32_t p = gap_start(x, j); p < C(x, j)->start && cue < 0; p++)
            if (cue_at(&r->cues, &r->not_cues, x->t, p, C(x, j)->start) && only_gap(x, r, C(x, a)->end, p) &&
                !clause_break(x, p, C(x, j)->start))
                cue = p;
        if (cue < 0)
            continue;
        emit_change(x, r, i, j, a, dir);
    }
}

/* change: a group's from and to, then 提高 D. */
static void find_changes(struct ctx *x, const struct check_rule *r)
{
    for (size_t i = 0; i + 1 < x->doc->nclaims; i++) {
        if (!role_is(C(x, i), "to") || !C(x, i)->group || x->sent[i] < 0)
            continue;
        size_t from = i;
        bool found = false;
        while (from-- > 0 && i - from <= REACH)
            if (C(x, from)->group == C(x, i)->group && role_is(C(x, from), "from")) {
                found = true;
                break;
            }
        if (!found)
            continue;
        for (size_t d = i + 1; d < x->doc->nclaims && x->sent[d] == x->sent[i]; d++) {
            int dir = direction(x, r, d);
            if (!dir || !only_gap(x, r, C(x, i)->end, verb_start(x, r, d)))
                break;
            emit_change(x, r, d, from, i, dir);
        }
    }
}

/* Does the subject of claim c name what name names? */
static bool names(const struct claim *c, const char *name)
{
    if (!c->subject || !c->subject[0] || !name[0])
        return false;
    /* the subject holds the name (地区生产总值 for 生产总值), or the name ends
     * with a subject of three characters or more (全县地区生产总值) */
    size_t ns = strlen(c->subject), nn = strlen(name);
    return strstr(c->subject, name) || (ns >= 9 && ns <= nn && !strcmp(name + nn - ns, c->subject));
}

/* The last two characters of s (UTF-8), for comparing heads of subjects. */
static const char *head(const char *s)
{
    if (!s)
        return "";
    size_t n = strlen(s), k = 0;
    const char *p = s + n;
    while (p > s && k < 2) {
        p--;
        if (((unsigned char)*p & 0xC0) != 0x80)
            k++;
    }
    return p;
}

/* A claim of unit u that a total's word (共 合计) stands before in its clause,
 * whose subject ends as part's does, before claim `before`: the nearest. */
static long find_total(const struct ctx *x, const struct check_rule *r, size_t part, size_t before)
{
    const struct claim *p = C(x, part);
    for (size_t k = before; k-- > 0 && before - k <= FAR;) {
        const struct claim *c = C(x, k);
        if (!same_unit(c, p) || k == part || x->sent[k] < 0 || decimal_cmp(c->value, p->value) <= 0)
            continue;
        int32_t tl;
        if (first_cue(&r->totals, &r->not_cues, x->t, gap_start(x, k), c->start, &tl) < 0)
            continue;
        if (!c->subject || !p->subject || strcmp(head(c->subject), head(p->subject)))
            continue;
        return (long)k;
    }
    return -1;
}

struct bare {
    size_t share, part;
};

/* The whole of shares whose text names none: the figure their parts add
 * up to, or a total before them. */
static void bare_wholes(struct ctx *x, const struct check_rule *r, const struct bare *b, size_t n)
{
    long whole = -1;
    /* runs of two parts or more, longest first (of a sentence's first REACH) */
    size_t m = n < REACH ? n : REACH;
    for (size_t len = m; len >= 2 && whole < 0; len--) {
        for (size_t from = 0; from + len <= m && whole < 0; from++) {
            struct decimal sum = {0, 0}, tol = {0, 0};
            bool ok = true;
            for (size_t k = from; k < from + len && ok; k++) {
                const struct claim *p = C(x, b[k].part);
                ok = same_unit(p, C(x, b[from].part)) && decimal_add(sum, p->value, &sum) &&
                     decimal_add(tol, check_half_unit(p), &tol);
            }
            if (!ok)
                continue;
            size_t first = b[from].part;
            for (size_t k = first > FAR ? first - FAR : 0; k < first && whole < 0; k++) {
                const struct claim *c = C(x, k);
                if (!same_unit(c, C(x, b[from].part)))
                    continue;
                bool is_part = false;
                for (size_t q = 0; q < m; q++)
                    is_part |= b[q].part == k;
                struct decimal d, t;
                if (is_part || !dsub(c->value, sum, &d) || !decimal_add(tol, check_half_unit(c), &t))
                    continue;
                if (dsign(d) < 0)
                    d = dneg(d);
                if (decimal_cmp(d, t) <= 0)
                    whole = (long)k;
            }
        }
    }
    for (size_t k = 0; k < n; k++) {
        long w = whole >= 0 && same_unit(C(x, (size_t)whole), C(x, b[k].part))
                     ? whole
                     : find_total(x, r, b[k].part, b[0].part);
        if (w < 0)
            continue;
        size_t idx[3] = {b[k].share, b[k].part, (size_t)w};
        emit(x, r, "share", idx, 3, 1, false);
    }
}

static bool is_clause_mark(UChar c)
{
    return c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' || c == 0x3002 || c == 0xFF1A || c == ':' ||
           c == 0x3001;
}

/* The part of share i named before its cue, stated earlier (第三产业增加值
 * 占地区生产总值比重为52.6%, with 第三产业增加值129.16亿元 before it): the
 * nearest amount before whose subject is that name, or ends it and is
 * three characters or more; -1 if none. */
static long part_by_subject(const struct ctx *x, size_t i, int32_t cue)
{
    long s = x->sent[i];
    int32_t from = s >= 0 ? x->doc->sentences[s].start : 0;
    for (size_t k = i; k-- > 0 && i - k <= REACH;)
        if (C(x, k)->end <= cue && C(x, k)->end > from)
            from = C(x, k)->end;
    int32_t a = cue;
    while (a > from && !is_clause_mark(x->t[a - 1]))
        a--;
    while (a < cue && is_blank_or_mark(x->t[a]))
        a++;
    if (cue - a < 2)
        return -1;
    const char *name = utf8_of(x->doc, x->t + a, cue - a);
    size_t nn = strlen(name);
    for (size_t k = i; k-- > 0 && i - k <= FAR;) {
        const struct claim *c = C(x, k);
        if (!is_amount(c) || role_is(c, "delta") || role_is(c, "from") || !c->subject || c->end > a)
            continue;
        /* a clause apart: not the figure the name is the subject of (三家企业装机容量占) */
        bool apart = x->sent[k] != s;
        for (int32_t p = c->end; p < a && !apart; p++)
            apart = is_clause_mark(x->t[p]);
        if (!apart)
            continue;
        size_t ns = strlen(c->subject);
        if (!strcmp(c->subject, name) || (ns >= 9 && ns < nn && !strcmp(name + nn - ns, c->subject)))
            return (long)k;
    }
    return -1;
}

/* share: P … 占 [whole] 的比重为 S%. */
static void find_shares(struct ctx *x, const struct check_rule *r)
{
    struct bare *bare = NULL;
    size_t nbare = 0, cap = 0;
    long bare_sentence = -1;
    for (size_t i = 0; i < x->doc->nclaims; i++) {
        const struct claim *s = C(x, i);
        if (x->sent[i] < 0 || !unit_is(s, "percent") || role_is(s, "delta"))
            continue;
        int32_t cl;
        int32_t cue = last_cue(&r->cues, &r->not_cues, x->t, gap_start(x, i), s->start, &cl);
        size_t j = i;
        if (cue < 0 && i > 0 && x->sent[i - 1] == x->sent[i] && is_amount(C(x, i - 1))) {
            /* the whole may stand between the cue and the share */
            cue = last_cue(&r->cues, &r->not_cues, x->t, gap_start(x, i - 1), C(x, i - 1)->start, &cl);
            j = i - 1;
        }
        if (cue < 0)
            continue;
        /* the part: the nearest amount before the cue, past growth rates */
        bool found = false;
        while (j-- > 0 && i - j <= REACH && x->sent[j] == x->sent[i]) {
            if (is_amount(C(x, j))) {
                found = !role_is(C(x, j), "delta") && !role_is(C(x, j), "from");
                break;
            }
            if (!role_is(C(x, j), "delta"))
                break;
        }
        bool by_subject = false;
        if (!found || !only_words(x, &r->gap_words, C(x, j)->end, cue)) {
            long p = part_by_subject(x, i, cue);
            if (p < 0)
                continue;
            j = (size_t)p;
            by_subject = true;
        }
        /* the whole stated between the cue and the share (占该县121亿元生产总值的) */
        long inner = -1;
        for (size_t k = j + 1; k < i; k++)
            if (C(x, k)->start >= cue + cl && same_unit(C(x, k), C(x, j)) && is_amount(C(x, k)))
                inner = (long)k;
        if (inner >= 0) {
            size_t idx[3] = {i, j, (size_t)inner};
            emit(x, r, "share", idx, 3, 1, false);
            continue;
        }
        /* the whole's name: the words between the cue and the share */
        int32_t ns = cue + cl, ne = s->start;
        for (;;) {
            while (ne > ns && is_blank_or_mark(x->t[ne - 1]))
                ne--;
            int32_t k = word_list_match_before(&r->suffixes, x->t, ns, ne);
            if (!k)
                break;
            ne -= k;
        }
        while (ns < ne && is_blank_or_mark(x->t[ns]))
            ns++;
        bool scope = ns == ne || word_list_match(&r->scopes, x->t, ns, ne) == ne - ns;
        if (scope && by_subject)
            continue; /* a part found by its name needs a whole named too */
        if (scope) {
            if (x->sent[i] != bare_sentence && nbare) {
                bare_wholes(x, r, bare, nbare);
                nbare = 0;
            }
            bare_sentence = x->sent[i];
            if (nbare == cap) {
                cap = cap ? 2 * cap : 8;
                bare = xrealloc(bare, cap * sizeof *bare);
            }
            bare[nbare++] = (struct bare){i, j};
            continue;
        }
        const char *name = utf8_of(x->doc, x->t + ns, ne - ns);
        long whole = -1;
        for (size_t k = i; k-- > 0 && whole < 0 && i - k <= FAR;)
            if (k != j && same_unit(C(x, k), C(x, j)) && names(C(x, k), name) && !role_is(C(x, k), "delta"))
                whole = (long)k;
        for (size_t k = i + 1; k < x->doc->nclaims && whole < 0 && k - i <= FAR; k++)
            if (same_unit(C(x, k), C(x, j)) && names(C(x, k), name) && !role_is(C(x, k), "delta"))
                whole = (long)k;
        if (whole < 0)
            continue;
        size_t idx[3] = {i, j, (size_t)whole};
        emit(x, r, "share", idx, 3, 1, false);
    }
    if (nbare)
        bare_wholes(x, r, bare, nbare);
    free(bare);
}

/* Do the labels make a whole of one of the rule's partitions: each holds
 * exactly one of its words, each word held once? */
static bool partition(const struct check_rule *r, char *const *labels, size_t n)
{
    for (size_t p = 0; p < r->partitions.n; p++) {
        const char *set = r->partitions.names[p];
        size_t members = 1;
        for (const char *s = set; *s; s++)
            members += *s == '|';
        if (members != n)
            continue;
        bool used[64] = {false};
        bool ok = n <= 64;
        for (size_t l = 0; l < n && ok; l++) {
            int hits = 0, which = -1, m = 0;
            for (const char *s = set; ok;) {
                const char *e = strchr(s, '|');
                size_t len = e ? (size_t)(e - s) : strlen(s);
                char word[64];
                if (len >= sizeof word) {
                    ok = false;
                    break;
                }
                memcpy(word, s, len);
                word[len] = '\0';
                if (len && strstr(labels[l], word)) {
                    hits++;
                    which = m;
                }
                m++;
                if (!e)
                    break;
                s = e + 1;
            }
            ok = ok && hits == 1 && !used[which];
            if (ok)
                used[which] = true;
        }
        if (ok)
            return true;
    }
    return false;
}

/* parts: T … 其中 P1 … P2 …, the parts' labels a partition. */
static void find_parts(struct ctx *x, const struct check_rule *r)
{
    size_t n = x->doc->nclaims;
    for (size_t i = 0; i + 1 < n; i++) {
        if (x->sent[i] < 0 || x->sent[i + 1] < 0)
            continue;
        int32_t cl;
        int32_t cue = first_cue(&r->cues, &r->not_cues, x->t, C(x, i)->end, C(x, i + 1)->start, &cl);
        if (cue < 0)
            continue;
        long cs = sentence_of(x->doc, cue);
        /* the total: the nearest amount at or before claim i, in the cue's
         * sentence or the one before */
        size_t t = i + 1;
        bool found = false;
        while (t-- > 0 && i + 1 - t <= REACH && x->sent[t] >= cs - 1 && x->sent[t] >= 0)
            if (is_amount(C(x, t)) && !role_is(C(x, t), "delta") && !role_is(C(x, t), "from")) {
                found = true;
                break;
            }
        if (!found)
            continue;
        size_t parts[64], np = 0;
        char *labels[64];
        int32_t label_from = cue + cl;
        for (size_t k = i + 1; k < n && x->sent[k] == x->sent[i + 1] && np < 64; k++) {
            const struct claim *c = C(x, k);
            int32_t from = k == i + 1 ? label_from : C(x, k - 1)->end;
            if (!same_unit(c, C(x, t)) || role_is(c, "delta"))
                continue;
            int32_t nl;
            if (np && first_cue(&r->cues, &r->not_cues, x->t, from, c->start, &nl) >= 0)
                break; /* a listing of its own inside */
            labels[np] = utf8_of(x->doc, x->t + from, c->start - from);
            parts[np++] = k;
        }
        if (np < 2 || !partition(r, labels, np))
            continue;
        size_t idx[65];
        idx[0] = t;
        memcpy(idx + 1, parts, np * sizeof *parts);
        emit(x, r, "sum", idx, np + 1, 1, false);
    }
}

/* Does a cell's text, its blanks left out (合　计), hold a word of l (at its
 * start only, with at_start)? */
static bool cell_has(const struct ctx *x, const struct word_list *l, const struct word_list *not,
                     const struct table_cell *tc, bool at_start)
{
    if (!tc || tc->end <= tc->start)
        return false;
    int32_t n = 0;
    UChar *u = xmalloc((size_t)(tc->end - tc->start) * sizeof *u);
    for (int32_t p = tc->start; p < tc->end; p++)
        if (!u_isspace(x->t[p]) && x->t[p] != 0x3000)
            u[n++] = x->t[p];
    int32_t len;
    bool found = at_start ? word_list_match(l, u, 0, n) > 0 : first_cue(l, not, u, 0, n, &len) >= 0;
    free(u);
    return found;
}

/* The year a time names (2023年), or -1. */
static int year_of(const char *t)
{
    for (; *t; t++)
        if (t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9' && t[2] >= '0' && t[2] <= '9' && t[3] >= '0' &&
            t[3] <= '9' && !(t[4] >= '0' && t[4] <= '9'))
            return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    return -1;
}

static bool holds_name(const struct name_list *l, const char *t)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(t, l->names[i]))
            return true;
    return false;
}

/* Is time a earlier than time b: by their years, else by the rule's words
 * (上年 before 本年)? -1: a before b, 1: after, 0: cannot tell. */
static int time_order(const struct check_rule *r, const char *a, const char *b)
{
    int ya = year_of(a), yb = year_of(b);
    if (ya >= 0 && yb >= 0 && ya != yb)
        return ya < yb ? -1 : 1;
    bool pa = holds_name(&r->previous, a), pb = holds_name(&r->previous, b);
    bool ca = !pa && holds_name(&r->current, a), cb = !pb && holds_name(&r->current, b);
    if (pa && cb)
        return -1;
    if (ca && pb)
        return 1;
    return 0;
}

/* A table's changes: in a row, a change (a column of deltas: 增长%) and two
 * figures of one unit whose columns are two times (2023年 and 2022年, 本年
 * and 上年): the change against the two. */
static void table_changes(struct ctx *x, const struct check_rule *r, const long *grid, int R, int K,
                          const bool *data)
{
    for (int row = 0; row < R; row++) {
        if (!data[row])
            continue;
        long amounts[2];
        int n = 0;
        for (int col = 1; col < K; col++) {
            long a = grid[row * K + col];
            if (a < 0 || role_is(C(x, (size_t)a), "delta") || !C(x, (size_t)a)->time_ref)
                continue;
            if (n < 2)
                amounts[n] = a;
            n++;
        }
        if (n != 2 || !same_unit(C(x, (size_t)amounts[0]), C(x, (size_t)amounts[1])))
            continue;
        int order = time_order(r, C(x, (size_t)amounts[0])->time_ref, C(x, (size_t)amounts[1])->time_ref);
        if (!order)
            continue;
        size_t from = (size_t)(order < 0 ? amounts[0] : amounts[1]), to = (size_t)(order < 0 ? amounts[1] : amounts[0]);
        for (int col = 1; col < K; col++) {
            long d = grid[row * K + col];
            if (d >= 0 && role_is(C(x, (size_t)d), "delta"))
                emit_change(x, r, (size_t)d, from, to, 1);
        }
    }
}

/* table: a total row, groups of parts, a column of shares. */
static void find_tables(struct ctx *x, const struct check_rule *r)
{
    struct doc *doc = x->doc;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const struct doc_table *tb = &doc->tables[ti];
        int R = tb->nrows, K = tb->ncols;
        if (R < 3 || K < 2 || (size_t)R * (size_t)K > 1u << 20)
            continue;
        long *grid = xmalloc((size_t)R * (size_t)K * sizeof *grid);
        for (int k = 0; k < R * K; k++)
            grid[k] = -1;
        const struct table_cell **cell = xcalloc((size_t)R * (size_t)K, sizeof *cell);
        for (size_t c = 0; c < tb->ncells; c++) {
            const struct table_cell *tc = &tb->cells[c];
            if (tc->row < R && tc->col < K)
                cell[tc->row * K + tc->col] = tc;
        }
        size_t first = 0, last = doc->nclaims;
        while (first < last) {
            size_t mid = (first + last) / 2;
            if (C(x, mid)->start < tb->start)
                first = mid + 1;
            else
                last = mid;
        }
        for (size_t i = first; i < doc->nclaims && C(x, i)->start < tb->end; i++) {
            if (x->table[i] != (int)ti)
                continue;
            /* the cell that holds it: cells are in text order */
            size_t lo = 0, hi = tb->ncells;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (tb->cells[mid].end <= C(x, i)->start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            const struct table_cell *tc = lo < tb->ncells ? &tb->cells[lo] : NULL;
            if (tc && tc->start <= C(x, i)->start && C(x, i)->start < tc->end && tc->row < R && tc->col < K &&
                tc->col > 0 && !tc->loose && grid[tc->row * K + tc->col] < 0)
                grid[tc->row * K + tc->col] = (long)i;
        }
        /* data rows hold a figure after their label */
        bool *data = xcalloc((size_t)R, sizeof *data);
        for (int row = 0; row < R; row++)
            for (int col = 1; col < K; col++)
                data[row] |= grid[row * K + col] >= 0;
        /* the column of shares: a header above it names one */
        int share = -1;
        for (int col = 1; col < K && share < 0; col++)
            for (int row = 0; row < R && share < 0; row++) {
                const struct table_cell *tc = cell[row * K + col];
                if (data[row] || !tc)
                    continue;
                if (cell_has(x, &r->headers, &r->not_cues, tc, false))
                    share = col;
            }
        /* the total row: its label says so, or its share is 100 */
        int total = -1;
        for (int row = 0; row < R && total < 0; row++) {
            if (!data[row])
                continue;
            if (cell_has(x, &r->totals, &r->not_cues, cell[row * K], false))
                total = row;
            else if (share >= 0 && grid[row * K + share] >= 0 &&
                     !decimal_cmp(C(x, (size_t)grid[row * K + share])->value, decimal_int(100)))
                total = row;
        }
        if (total < 0) {
            table_changes(x, r, grid, R, K, data);
            goto next;
        }
        /* shares: each row's of the total, in the nearest column of amounts to the left */
        if (share >= 0) {
            for (int row = total + 1; row < R; row++) {
                long s = grid[row * K + share];
                if (s < 0 || !unit_is(C(x, (size_t)s), "percent"))
                    continue;
                for (int col = share - 1; col >= 1; col--) {
                    long p = grid[row * K + col], w = grid[total * K + col];
                    if (p < 0 || w < 0 || !is_amount(C(x, (size_t)w)))
                        continue;
                    if (same_unit(C(x, (size_t)p), C(x, (size_t)w))) {
                        size_t idx[3] = {(size_t)s, (size_t)p, (size_t)w};
                        emit(x, r, "share", idx, 3, 1, false);
                    }
                    break;
                }
            }
        }
        /* groups: rows after the total, a new one at each 其中 */
        for (int from = total + 1; from < R;) {
            int to = from + 1;
            while (to < R && data[to]) {
                if (cell_has(x, &r->groups, &r->not_cues, cell[to * K], true))
                    break;
                to++;
            }
            int n = 0;
            for (int row = from; row < to; row++)
                n += data[row];
            if (n >= 2 && n <= 64) {
                /* evidence that the group is whole: its shares make 100, or its labels a partition */
                bool whole = false;
                if (share >= 0) {
                    struct decimal sum = {0, 0}, tol = {0, 0};
                    bool ok = true;
                    for (int row = from; row < to && ok; row++) {
                        long s = grid[row * K + share];
                        ok = s >= 0 && decimal_add(sum, C(x, (size_t)s)->value, &sum) &&
                             decimal_add(tol, check_half_unit(C(x, (size_t)s)), &tol);
                    }
                    struct decimal d;
                    if (ok && dsub(sum, decimal_int(100), &d)) {
                        if (dsign(d) < 0)
                            d = dneg(d);
                        whole = decimal_cmp(d, tol) <= 0;
                    }
                }
                if (!whole) {
                    char *labels[64];
                    int k = 0;
                    for (int row = from; row < to; row++) {
                        const struct table_cell *lab = cell[row * K];
                        labels[k++] = lab ? utf8_of(doc, x->t + lab->start, lab->end - lab->start) : (char *)"";
                    }
                    whole = partition(r, labels, (size_t)k);
                }
                for (int col = 1; whole && col < K; col++) {
                    long w = grid[total * K + col];
                    if (col == share || w < 0 || !is_amount(C(x, (size_t)w)))
                        continue;
                    size_t idx[65];
                    size_t m = 0;
                    idx[m++] = (size_t)w;
                    for (int row = from; row < to; row++) {
                        long p = grid[row * K + col];
                        if (p < 0 || !same_unit(C(x, (size_t)p), C(x, (size_t)w)))
                            break;
                        idx[m++] = (size_t)p;
                    }
                    if (m == (size_t)n + 1)
                        emit(x, r, "sum", idx, m, 1, false);
                }
            }
            from = to;
        }
        table_changes(x, r, grid, R, K, data);
    next:
        free(data);
        free(cell);
        free(grid);
    }
}

/* ------------------------------------------------------------ notes, order */

/* The figure v as c is written: in its multiplier and unit (83.29万人). */
static void put_as_written(struct buf *b, const struct claim *c, struct decimal v, const char *fallback_unit)
{
    struct decimal unit, factor, w;
    char num[DECIMAL_TEXT_MAX];
    struct decimal n;
    int places;
    size_t at, end;
    if (written_factor(c, &unit, &factor) && written_digits(c, &n, &places, &at, &end) &&
        ddiv(v, factor, 0, &w)) {
        decimal_format(check_round(w, places + 2), num, sizeof num);
        buf_printf(b, "%s%s", num, c->quote + end);
        return;
    }
    decimal_format(v, num, sizeof num);
    buf_printf(b, "%s%s", num, fallback_unit);
}

/* The quote without the qualifier before the figure (约). */
static const char *bare_quote(const struct claim *c)
{
    struct decimal n;
    int places;
    size_t at, end;
    if (written_digits(c, &n, &places, &at, &end))
        return c->quote + at;
    return c->quote;
}

static const char *make_note(struct doc *doc, const struct claim *claims, const struct check *k)
{
    struct buf b = {0};
    const struct claim *s = &claims[k->claims[0]];
    const char *rel = k->relation;
    const char *pct = unit_is(s, "pp") ? "个百分点" : unit_is(s, "fold") ? "倍" : "%";
    if (!strcmp(rel, "sum")) {
        for (size_t i = 1; i < k->nclaims; i++)
            buf_printf(&b, "%s%s", i > 1 ? " + " : "", bare_quote(&claims[k->claims[i]]));
    } else if (!strcmp(rel, "share")) {
        buf_printf(&b, "%s / %s × 100", bare_quote(&claims[k->claims[1]]),
                   bare_quote(&claims[k->claims[2]]));
    } else if (!strcmp(rel, "difference") || !strcmp(rel, "change_pp")) {
        size_t a = !strcmp(rel, "difference") ? 1 : 2, c = !strcmp(rel, "difference") ? 2 : 1;
        buf_printf(&b, "%s - %s", bare_quote(&claims[k->claims[a]]), bare_quote(&claims[k->claims[c]]));
    } else if (!strcmp(rel, "change_percent")) {
        buf_printf(&b, "(%s - %s) / %s × 100", bare_quote(&claims[k->claims[2]]),
                   bare_quote(&claims[k->claims[1]]), bare_quote(&claims[k->claims[1]]));
    } else {
        buf_printf(&b, "%s / %s", bare_quote(&claims[k->claims[2]]), bare_quote(&claims[k->claims[1]]));
    }
    buf_puts(&b, " = ");
    bool in_units = !strcmp(rel, "sum") || !strcmp(rel, "difference");
    if (in_units)
        put_as_written(&b, s, k->computed, "");
    else {
        char num[DECIMAL_TEXT_MAX];
        decimal_format(k->computed, num, sizeof num);
        buf_printf(&b, "%s%s", num, pct);
    }
    buf_puts(&b, ", stated ");
    if (dsign(k->stated) < 0)
        buf_puts(&b, "-");
    buf_puts(&b, bare_quote(s));
    if (!in_units && !strchr(bare_quote(s), '%') && !unit_is(s, "pp") && !unit_is(s, "fold"))
        buf_puts(&b, "%");
    if (k->has_tolerance) {
        buf_puts(&b, " (within ");
        if (in_units)
            put_as_written(&b, s, k->tolerance, "");
        else {
            char tol[DECIMAL_TEXT_MAX];
            decimal_format(k->tolerance, tol, sizeof tol);
            buf_puts(&b, tol);
        }
        buf_printf(&b, ": %s)", k->consistent ? "consistent" : "inconsistent");
    } else {
        buf_printf(&b, " (%s)", k->consistent ? "consistent" : "inconsistent");
    }
    const char *out = arena_strdup(&doc->arena, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

/* A relation's key: its name and its claims as a set. */
struct keyed {
    uint64_t key;
    size_t at;
};

static int by_key(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

/* The same claims in the same relation once (two finders may meet them):
 * the first found stays. Returns the count left. */
static size_t drop_repeats(struct ctx *x)
{
    if (x->n < 2)
        return x->n;
    struct keyed *k = xmalloc(x->n * sizeof *k);
    for (size_t i = 0; i < x->n; i++) {
        const struct check *c = &x->out[i];
        size_t ids[65], n = c->nclaims < 65 ? c->nclaims : 65;
        memcpy(ids, c->claims, n * sizeof *ids);
        qsort(ids, n, sizeof *ids, by_index);
        uint64_t h = normalise_fnv1a(0xcbf29ce484222325ULL, c->relation, strlen(c->relation) + 1);
        h = normalise_fnv1a(h, ids, n * sizeof *ids);
        k[i] = (struct keyed){h, i};
    }
    qsort(k, x->n, sizeof *k, by_key);
    bool *drop = xcalloc(x->n, sizeof *drop);
    for (size_t i = 1; i < x->n; i++)
        drop[k[i].at] = k[i].key == k[i - 1].key;
    size_t m = 0;
    for (size_t i = 0; i < x->n; i++)
        if (!drop[i])
            x->out[m++] = x->out[i];
    free(drop);
    free(k);
    return m;
}

static size_t first_claim(const struct check *k)
{
    size_t m = k->claims[0];
    for (size_t i = 1; i < k->nclaims; i++)
        if (k->claims[i] < m)
            m = k->claims[i];
    return m;
}

static int by_order(const void *pa, const void *pb)
{
    const struct check *a = pa, *b = pb;
    size_t fa = first_claim(a), fb = first_claim(b);
    if (fa != fb)
        return fa < fb ? -1 : 1;
    if (a->claims[0] != b->claims[0])
        return a->claims[0] < b->claims[0] ? -1 : 1;
    int c = strcmp(a->relation, b->relation);
    if (c)
        return c;
    return strcmp(a->id, b->id);
}

void check_doc(const struct rule_set *rs, struct doc *doc)
{
    doc->checks = NULL;
    doc->nchecks = 0;
    if (!rs->n_checks || doc->nclaims < 2 || !doc->text)
        return;
    struct ctx x = {.rs = rs, .doc = doc, .t = doc->text, .len = doc->len};
    /* a page's quotes hold its markup (3738.5</span><span …>亿元): the
     * figures are read from the text instead; a text's quotes are its text */
    struct claim *copy = NULL;
    x.claims = doc->claims;
    if (doc->markup) {
        x.claims = copy = xmalloc(doc->nclaims * sizeof *x.claims);
        for (size_t i = 0; i < doc->nclaims; i++) {
            copy[i] = doc->claims[i];
            int32_t st = doc->claims[i].start, en = doc->claims[i].end;
            if (st >= 0 && en <= doc->len && st < en)
                copy[i].quote = utf8_of(doc, doc->text + st, en - st);
        }
    }
    x.sent = xmalloc(doc->nclaims * sizeof *x.sent);
    x.table = xmalloc(doc->nclaims * sizeof *x.table);
    for (size_t i = 0; i < doc->nclaims; i++) {
        x.sent[i] = sentence_of(doc, doc->claims[i].start);
        x.table[i] = -1;
    }
    /* a table's claims: those its text holds (claims are in text order) */
    for (size_t t = 0; t < doc->ntables; t++) {
        struct ctx *px = &x;
        size_t lo = 0, hi = doc->nclaims;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (C(px, mid)->start < doc->tables[t].start)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < doc->nclaims && doc->claims[i].start < doc->tables[t].end; i++) {
            x.table[i] = (int)t;
            x.sent[i] = -1;
        }
    }
    for (size_t k = 0; k < rs->n_checks; k++) {
        const struct check_rule *r = &rs->checks[k];
        switch (r->finder) {
        case CHECK_COMPARISON: find_comparisons(&x, r); break;
        case CHECK_CHANGE: find_changes(&x, r); break;
        case CHECK_SHARE: find_shares(&x, r); break;
        case CHECK_PARTS: find_parts(&x, r); break;
        case CHECK_TABLE: find_tables(&x, r); break;
        }
    }
    x.n = drop_repeats(&x);
    for (size_t i = 0; i < x.n; i++) {
        struct check *k = &x.out[i];
        uint64_t h = 0xcbf29ce484222325ULL;
        h = normalise_fnv1a(h, doc->name, strlen(doc->name) + 1);
        h = normalise_fnv1a(h, k->relation, strlen(k->relation) + 1);
        for (size_t j = 0; j < k->nclaims; j++)
            h = normalise_fnv1a(h, doc->claims[k->claims[j]].id, 17);
        normalise_id_letters(h, k->id);
        k->note = make_note(doc, x.claims, k);
    }
    if (x.n) {
        qsort(x.out, x.n, sizeof *x.out, by_order);
        doc->checks = arena_alloc(&doc->arena, x.n * sizeof *doc->checks);
        memcpy(doc->checks, x.out, x.n * sizeof *x.out);
        doc->nchecks = x.n;
    }
    free(x.out);
    free(copy);
    free(x.sent);
    free(x.table);
}
