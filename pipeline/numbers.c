/* numbers: reading numerals, Arabic and Han.
 *
 * A numeral is read as a list of tokens — digits 0–9 and multipliers (10,
 * 100, 1000, 10^4, 10^8) — and then evaluated: adjacent ascending digits
 * are a range (二三十), digits alone are positional (二〇二三), anything
 * else is the usual grouped reading (一百零五, 三千五百万, 一亿二千万).
 * Values are exact decimals. */
#include "numbers.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unicode/uchar.h>

#define MAX_TOKENS 64

/* TOK_VAGUE stands where a digit would: 几十 (read 1), 十几 (read 0).
 * TOK_TENS (廿 = 20) is read as a digit and 十. */
enum token_type { TOK_NONE, TOK_DIGIT, TOK_MULT, TOK_VAGUE, TOK_TENS };

struct token {
    enum token_type type;
    int64_t value;
    int32_t end;
    const char *vague;   /* TOK_VAGUE: the rule id */
};

static int arabic_digit(UChar c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19)
        return c - 0xFF10;
    return -1;
}

/* A vague word of the given position at s[pos]: its length, rule id in *id. */
static int32_t vague_at(const struct rule_set *rs, enum vague_position where, const UChar *s,
                        int32_t pos, int32_t len, const char **id)
{
    for (size_t i = 0; i < rs->n_vague_numerals; i++) {
        if (rs->vague_numerals[i].position != where)
            continue;
        int32_t m = word_list_match(&rs->vague_numerals[i].words, s, pos, len);
        if (m) {
            *id = rs->vague_numerals[i].id;
            return m;
        }
    }
    return 0;
}

/* The units that ICU reads as a Han digit or multiplier (what han_token
 * takes without the rules' words): one bit each, worked out once. */
static uint64_t han_numeral_units[65536 / 64];
static pthread_once_t han_numeral_once = PTHREAD_ONCE_INIT;
static atomic_bool han_numeral_ready;

static void find_han_numeral_units(void)
{
    for (UChar32 c = 0x3000; c <= 0xFFFF; c++) {
        if (!u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
            continue;
        double v = u_getNumericValue(c);
        if ((v >= 0 && v <= 9 && v == (int)v) || v == 10 || v == 100 || v == 1000 || v == 1e4 ||
            v == 1e8 || v == 1e12 || v == 20 || v == 30 || v == 40)
            han_numeral_units[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    atomic_store_explicit(&han_numeral_ready, true, memory_order_release);
}

static void know_han_numerals(void)
{
    if (!atomic_load_explicit(&han_numeral_ready, memory_order_acquire))
        pthread_once(&han_numeral_once, find_han_numeral_units);
}

/* The Han numeral at s[pos]: its type, value and length; TOK_NONE at the
 * end of the text (spaces after a figure can lead there). */
static enum token_type han_token(const struct rule_set *rs, const UChar *s, int32_t pos,
                                 int32_t len, int64_t *value, int32_t *n)
{
    if (pos >= len)
        return TOK_NONE;
    for (size_t i = 0; i < rs->n_numerals; i++) {
        int32_t m = word_list_match(&rs->numerals[i].words, s, pos, len);
        if (m) {
            *value = rs->numerals[i].value;
            *n = m;
            return *value >= 0 && *value <= 9 ? TOK_DIGIT : TOK_NONE;
        }
    }
    UChar c = s[pos];
    know_han_numerals();
    if (!(han_numeral_units[c >> 6] >> (c & 63) & 1))
        return TOK_NONE; /* none of the values below: asked of ICU once for all */
    if (c < 0x3000 || !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return TOK_NONE;
    double v = u_getNumericValue(c);
    *n = 1;
    if (v >= 0 && v <= 9 && v == (int)v) {
        *value = (int64_t)v;
        return TOK_DIGIT;
    }
    /* 兆 is 10^12 (Taiwan's 3兆元); where it is mega (兆瓦) the unit after
     * it wins through the cut before it */
    if (v == 10 || v == 100 || v == 1000 || v == 1e4 || v == 1e8 || v == 1e12) {
        *value = (int64_t)v;
        return TOK_MULT;
    }
    /* 廿 卅 卌: twenty, thirty, forty, a tens digit and 十 in one */
    if (v == 20 || v == 30 || v == 40) {
        *value = (int64_t)v;
        return TOK_TENS;
    }
    return TOK_NONE;
}

int numbers_han_digit(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len)
{
    int64_t v;
    int32_t n;
    return han_token(rs, s, pos, len, &v, &n) == TOK_DIGIT ? (int)v : -1;
}

/* Can a numeral begin with c: a Han numeral, or the first unit of a
 * numeral or vague word of the rules? False rules it out; true means look
 * closer. (After know_han_numerals.) */
static inline bool may_begin_han_numeral(const struct rule_set *rs, UChar c)
{
    return (han_numeral_units[c >> 6] >> (c & 63) & 1) || WORD_LIST_BIT(rs->numeral_firsts, c);
}

/* A half (半) at s[pos]: its length, or 0. */
static int32_t half_at(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len)
{
    for (size_t i = 0; i < rs->n_halves; i++) {
        int32_t k = word_list_match(&rs->halves[i].words, s, pos, len);
        if (k)
            return k;
    }
    return 0;
}

bool numbers_is_numeral_char(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len)
{
    int64_t v;
    int32_t n;
    const char *id;
    if (arabic_digit(s[pos]) >= 0)
        return true;
    know_han_numerals();
    if (!may_begin_han_numeral(rs, s[pos]))
        return false;
    if (han_token(rs, s, pos, len, &v, &n) != TOK_NONE || half_at(rs, s, pos, len))
        return true;
    /* a vague word begins a numeral only before a multiplier: 几十, 上万 */
    n = vague_at(rs, VAGUE_DIGIT, s, pos, len, &id);
    return n && pos + n < len && han_token(rs, s, pos + n, len, &v, &n) == TOK_MULT;
}

int32_t numbers_next_numeral(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len)
{
    know_han_numerals();
    for (; pos < len; pos++)
        if (arabic_digit(s[pos]) >= 0 ||
            (may_begin_han_numeral(rs, s[pos]) && numbers_is_numeral_char(rs, s, pos, len)))
            return pos;
    return len;
}

/* The grouped reading of tokens[0..n): 一百零五 = 105, 一百五 = 150,
 * 一万零十二 = 10012 (十 after 零 is 一十), 四万万 = 4 × 10^8 (a big
 * multiplier right after another multiplies it). False when the value is
 * too long to hold. */
static bool grouped_value(const struct token *t, int n, struct decimal *out)
{
    struct decimal total = decimal_int(0);
    int64_t section = 0, digit = -1, last_big = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].type == TOK_DIGIT) {
            digit = t[i].value;
            continue;
        }
        if (t[i].type == TOK_VAGUE) {
            /* 几十 counts its tens from one; 十几 and 十几万 add nothing sure */
            bool after_mult = i > 0 && t[i - 1].type == TOK_MULT;
            digit = !after_mult && i + 1 < n && t[i + 1].type == TOK_MULT ? 1 : 0;
            continue;
        }
        int64_t m = t[i].value;
        if (m < 10000) {
            /* a multiplier with no digit, or with 零, counts once: 十二, 零十二 */
            bool zero = digit == 0 && i > 0 && t[i - 1].type == TOK_DIGIT;
            section += (digit < 0 || zero ? 1 : digit) * m;
        } else {
            section += digit < 0 ? 0 : digit;
            bool stacked = section == 0 && i > 0 && t[i - 1].type == TOK_MULT && t[i - 1].value >= 10000;
            struct decimal v;
            if (stacked) {
                if (!decimal_mul(total, decimal_int(m), &total))
                    return false;
                last_big = m > last_big ? m : last_big;
            } else {
                if (section == 0 && total.m == 0)
                    section = 1;
                if (m > last_big) {
                    if (!decimal_add(total, decimal_int(section), &v) ||
                        !decimal_mul(v, decimal_int(m), &total))
                        return false;
                    last_big = m;
                } else if (!decimal_mul(decimal_int(section), decimal_int(m), &v) ||
                           !decimal_add(total, v, &total)) {
                    return false;
                }
            }
            section = 0;
        }
        digit = -1;
    }
    /* a last digit right after 百 千 万 亿 counts in the next lower place:
     * 三千五 = 3500, 一万二 = 12000 (三千零五 is 3005) */
    if (digit > 0 && n >= 2 && t[n - 2].type == TOK_MULT && t[n - 2].value >= 100)
        digit *= t[n - 2].value / 10;
    return decimal_add(total, decimal_int(section + (digit < 0 ? 0 : digit)), out);
}

/* Read the Han numeral tokens from pos; returns their count, or -1 when
 * the run holds more than MAX_TOKENS (*end is then where it ends: the
 * figure is refused whole). */
static int han_tokens(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                      struct token *t, int32_t *end)
{
    int n = 0;
    while (pos < len) {
        int64_t v = 0;
        int32_t k;
        const char *vague = NULL;
        enum token_type type = han_token(rs, s, pos, len, &v, &k);
        if (type == TOK_NONE && (k = vague_at(rs, VAGUE_DIGIT, s, pos, len, &vague)))
            type = TOK_VAGUE;
        if (type == TOK_NONE)
            break;
        if (n >= MAX_TOKENS - 1) {
            /* too long to hold: the whole run goes */
            do
                pos += k;
            while (pos < len && (han_token(rs, s, pos, len, &v, &k) != TOK_NONE ||
                                 (k = vague_at(rs, VAGUE_DIGIT, s, pos, len, &vague))));
            *end = pos;
            return -1;
        }
        pos += k;
        if (type == TOK_TENS) {
            t[n++] = (struct token){TOK_DIGIT, v / 10, pos, NULL};
            type = TOK_MULT;
            v = 10;
        }
        t[n++] = (struct token){type, v, pos, vague};
    }
    /* a vague word is a numeral only beside a multiplier (几十, 十几) */
    for (int i = 0; i < n; i++) {
        bool beside = (i > 0 && t[i - 1].type == TOK_MULT) || (i + 1 < n && t[i + 1].type == TOK_MULT);
        if (t[i].type == TOK_VAGUE && !beside)
            return i;
    }
    return n;
}

static const char *vague_of(const struct token *t, int n)
{
    for (int i = 0; i < n; i++)
        if (t[i].type == TOK_VAGUE)
            return t[i].vague;
    return NULL;
}

static bool all_digits(const struct token *t, int n)
{
    for (int i = 0; i < n; i++)
        if (t[i].type != TOK_DIGIT)
            return false;
    return true;
}

/* Unicode's format characters (Cf: zero width space, the bidi controls,
 * U+FEFF, the soft hyphen) are invisible: inside a figure they are stepped
 * over and stay inside its span. */
static inline bool invisible(UChar c)
{
    return c >= 0xAD && u_charType(c) == U_FORMAT_CHAR;
}

static int32_t after_invisible(const UChar *s, int32_t p, int32_t len)
{
    while (p < len && invisible(s[p]))
        p++;
    return p;
}

/* The space of a figure set with spaces (2513 亿元, 1000  万元, from PDFs
 * and typeset pages): up to three space separators or invisible
 * characters. Returns where it ends (p when there is none). */
static int32_t after_spaces(const UChar *s, int32_t p, int32_t len)
{
    int32_t q = p;
    while (q < len && q - p < 3 && (u_charType(s[q]) == U_SPACE_SEPARATOR || invisible(s[q])))
        q++;
    return q;
}

/* A thousands separator: the comma, or a no-break or thin space (3 000,
 * 3&nbsp;000 in HTML). */
static inline bool thousands_separator(UChar c)
{
    return c == ',' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/* Three digits at s[p] and then no fourth. */
static bool three_digits_at(const UChar *s, int32_t p, int32_t len)
{
    return p + 2 < len && arabic_digit(s[p]) >= 0 && arabic_digit(s[p + 1]) >= 0 &&
           arabic_digit(s[p + 2]) >= 0 && (p + 3 >= len || arabic_digit(s[p + 3]) < 0);
}

/* Where groups of three digits set off by single spaces end, the first
 * space at s[p] after a first group of one to three digits at s[start]:
 * 321 146件 and 1 000 000元 as yearbooks print them. Only where a word
 * (a unit, a multiplier) follows the last group right away and no digits
 * and a space come before the first, so that columns of figures (12 345
 * 678, a table's row) stay apart; p where there are none. */
static int32_t spaced_groups_end(const UChar *s, int32_t start, int32_t p, int32_t len)
{
    if (start >= 2 && s[start - 1] == ' ' && arabic_digit(s[start - 2]) >= 0)
        return p;
    int32_t q = p;
    while (q < len && s[q] == ' ' && three_digits_at(s, q + 1, len))
        q += 4;
    if (q == p || q >= len)
        return p;
    UChar32 c = s[q];
    bool word = u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || (u_isalpha(c) && arabic_digit(c) < 0);
    return word ? q : p;
}

/* An integer in Arabic digits. */
struct digit_run {
    int64_t m;
    int digits;
    bool separated;     /* has a thousands separator */
    bool leading_zero;  /* 01 */
    int32_t end;
};

/* Read the digits at s[p] (at least one is there), with thousands separators
 * in their places and invisible characters between digits. False when the
 * run cannot be read whole — more than 18 digits, or a comma out of place
 * (12,34) — and r->end is then where the whole run ends, so that no part
 * of it is read as a figure of its own. */
static bool read_digit_run(const UChar *s, int32_t p, int32_t len, struct digit_run *r)
{
    memset(r, 0, sizeof *r);
    r->leading_zero = arabic_digit(s[p]) == 0 && p + 1 < len && arabic_digit(s[p + 1]) >= 0;
    int group = 0;
    bool whole = true;
    int32_t start = p, spaced = p; /* spaces before this are separators */
    for (;;) {
        int d = p < len ? arabic_digit(s[p]) : -1;
        if (d >= 0) {
            if (r->digits < 18)
                r->m = r->m * 10 + d;
            else
                whole = false;
            r->digits++;
            group++;
            p++;
            continue;
        }
        if (p >= len)
            break; /* the text ends with the run: nothing after it to read */
        int32_t q = after_invisible(s, p, len);
        if (q > p && q < len && arabic_digit(s[q]) >= 0) {
            p = q;
            continue;
        }
        if (s[p] == ' ' && !r->separated && group >= 1 && group <= 3 && spaced <= p)
            spaced = spaced_groups_end(s, start, p, len);
        if (s[p] == ' ' && p < spaced) {
            r->separated = true;
            group = 0;
            p++;
            continue;
        }
        if (p + 1 < len && thousands_separator(s[p]) && arabic_digit(s[p + 1]) >= 0) {
            /* a first group of one to three digits, then groups of three */
            bool placed = (r->separated ? group == 3 : group >= 1 && group <= 3) &&
                          three_digits_at(s, p + 1, len);
            if (placed || s[p] == ',') {
                whole = whole && placed;
                r->separated = true;
                group = 0;
                p++;
                continue;
            }
        }
        break;
    }
    r->end = p;
    return whole;
}

/* A decimal point word and digits after s[pos]: the fraction and its end.
 * 0 when there is none; -1 when its digits cannot be held (more than 18),
 * with *end past them all. With spaced, spaces may stand after the point
 * (numbers_spaced_point). */
static int read_fraction(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                         bool han, bool spaced, struct decimal *frac, int32_t *end)
{
    int32_t p = han ? pos : after_invisible(s, pos, len), k = 0;
    for (size_t i = 0; i < rs->n_decimal_points && !k; i++)
        k = word_list_match(&rs->decimal_points[i].words, s, p, len);
    /* between Arabic digits only a full stop is a point, in any of its
     * forms (8﹒69); a word (8点69, a time of day) and a dot of a list
     * (1・2層, floors 1 and 2) are none */
    if (!han && k && (k != 1 || !u_hasBinaryProperty(s[p], UCHAR_S_TERM)))
        k = 0;
    if (!k)
        return 0;
    p += k;
    if (spaced)
        p = after_spaces(s, p, len);
    int64_t m = 0;
    int e = 0;
    bool whole = true;
    for (;;) {
        int d = -1;
        int32_t n = 1;
        if (han) {
            int64_t v;
            if (p < len && han_token(rs, s, p, len, &v, &n) == TOK_DIGIT)
                d = (int)v;
        } else {
            int32_t q = after_invisible(s, p, len);
            if (q < len && (d = arabic_digit(s[q])) >= 0)
                p = q;
        }
        if (d < 0)
            break;
        if (e > -18) {
            m = m * 10 + d;
            e--;
        } else if (d != 0) {
            whole = false;
        }
        p += n;
    }
    if (m == 0 && e == 0 && whole)
        return 0;
    *end = p;
    if (!whole)
        return -1;
    *frac = decimal_int(0);
    decimal_add(*frac, (struct decimal){m, e}, frac); /* normalised */
    return 1;
}

/* Trailing multipliers after a numeral ending at pos: multiply out->value,
 * recording a cut before each; with spaced, spaces may stand before the
 * first (2513 亿元). The product of the multipliers goes to *scale. False
 * when the value grows too long to hold (out->end is then past the run). */
static bool trailing_multipliers(const struct rule_set *rs, const UChar *s, int32_t pos,
                                 int32_t len, bool spaced, struct numeral *out,
                                 struct decimal *scale)
{
    *scale = decimal_int(1);
    bool whole = true, between = false;
    int32_t end = pos;
    while (pos < len) {
        int64_t v;
        int32_t k;
        /* 二十多万, 5千余万, 十几万多亿: a vague word between the numeral and
         * a multiplier (one a numeral) */
        const char *id;
        int32_t w = between ? 0 : vague_at(rs, VAGUE_BETWEEN, s, pos, len, &id);
        if (w && pos + w < len && han_token(rs, s, pos + w, len, &v, &k) == TOK_MULT) {
            out->vague = out->vague ? out->vague : id;
            between = true;
            pos += w;
        }
        int32_t at = spaced && pos == end ? after_spaces(s, pos, len) : pos;
        if (han_token(rs, s, at, len, &v, &k) != TOK_MULT)
            break;
        pos = at;
        struct decimal next;
        if (!whole || !decimal_mul(out->value, decimal_int(v), &next) ||
            (out->is_range && !decimal_mul(out->upper, decimal_int(v), &out->upper)) ||
            !decimal_mul(*scale, decimal_int(v), scale)) {
            whole = false;
            pos += k;
            continue;
        }
        if (out->ncuts < NUMERAL_MAX_CUTS) {
            out->cuts[out->ncuts].end = pos;
            out->cuts[out->ncuts].value = out->value;
            out->cuts[out->ncuts].has_multiplier = out->has_multiplier;
            out->ncuts++;
        }
        out->value = next;
        out->has_multiplier = true;
        out->han = true;
        pos += k;
        end = pos;
    }
    out->end = whole ? end : pos;
    return whole;
}

/* Where the multipliers after a figure refused at p end: they go with it,
 * no 亿元 is left to read alone. */
static int32_t past_multipliers(const struct rule_set *rs, const UChar *s, int32_t p, int32_t len)
{
    int64_t v;
    int32_t k;
    for (int32_t q = after_spaces(s, p, len); q < len && han_token(rs, s, q, len, &v, &k) == TOK_MULT;)
        p = q += k;
    return p;
}

/* After an Arabic numeral and its multipliers, the lower places written on
 * (5万4千6百, 3万4000, 3兆128億793萬2000, 100万三千, 3万零500): each
 * part below the place of the one before it. scale is the product of the
 * last multipliers read. Returns false when a part is out of its place
 * (the whole figure is refused, out->end past it). */
static bool lower_places(const struct rule_set *rs, const UChar *s, int32_t len,
                         struct numeral *out, struct decimal scale)
{
    int parts = 0;
    bool spaced = false;
    while (decimal_cmp(scale, decimal_int(100)) >= 0 && out->end < len && !out->vague &&
           !out->is_range) {
        int32_t p = out->end;
        int64_t v;
        int32_t k;
        /* a page set with spaces around its multipliers (6 萬 5,090 公噸,
         * 1 億 2,345 萬 6,789 元): the digits after one are its lower
         * places as they are with no space */
        int32_t q = after_spaces(s, p, len);
        if ((!parts || spaced) && q > p && q < len && p >= 2 && after_spaces(s, p - 2, len) == p - 1 &&
            arabic_digit(s[q]) >= 0) {
            p = q;
            spaced = true;
        } else if (spaced) {
            return true;
        }
        bool zero = han_token(rs, s, p, len, &v, &k) == TOK_DIGIT && v == 0;
        if (zero)
            p += k; /* 零 says a place is skipped */
        struct numeral part = {0};
        struct decimal part_scale = decimal_int(1);
        bool single = false;
        if (p < len && arabic_digit(s[p]) >= 0) {
            /* thousands separators in their places are good in a lower
             * part too (78兆9,450.05億, 1億2,345萬) */
            struct digit_run r;
            if (!read_digit_run(s, p, len, &r)) {
                out->end = past_multipliers(rs, s, r.end, len);
                return false;
            }
            part.value = decimal_int(r.m);
            single = r.digits == 1 && !zero;
            struct decimal frac;
            int32_t fend;
            int f = read_fraction(rs, s, r.end, len, false, false, &frac, &fend);
            if (f && (f < 0 || !decimal_add(part.value, frac, &part.value))) {
                out->end = past_multipliers(rs, s, fend, len);
                return false;
            }
            single = single && !f;
            r.end = f ? fend : r.end;
            if (!trailing_multipliers(rs, s, r.end, len, spaced, &part, &part_scale)) {
                out->end = part.end;
                return false;
            }
        } else if (p < len && han_token(rs, s, p, len, &v, &k) == TOK_DIGIT && v > 0) {
            /* only a Han part with a place of its own (三千, not the 一 of
             * 100万一次): a lone Han digit may begin the next word */
            struct token t[MAX_TOKENS];
            int32_t run_end;
            int n = han_tokens(rs, s, p, len, t, &run_end);
            if (n < 0) {
                out->end = run_end;
                return false;
            }
            if (n < 2 || t[1].type != TOK_MULT || !grouped_value(t, n, &part.value) || vague_of(t, n))
                return true;
            int32_t e = t[n - 1].end;
            /* the Han part's own top place is its scale */
            for (int i = 0; i < n; i++)
                if (t[i].type == TOK_MULT && decimal_cmp(decimal_int(t[i].value), part_scale) > 0)
                    part_scale = decimal_int(t[i].value);
            part.end = e;
        } else {
            return true;
        }
        struct decimal lower = part.value;
        if (single && spaced && decimal_cmp(part_scale, decimal_int(1)) == 0) {
            out->end = part.end; /* 6 萬 5: 60005 or 65000, no sure figure (6 萬 5 千 is one) */
            return false;
        }
        if (single && decimal_cmp(part_scale, decimal_int(1)) == 0) {
            /* 3万5 as 三万五: a last lone digit is one place lower */
            struct decimal tenth;
            if (!decimal_div(scale, decimal_int(10), &tenth) || !decimal_mul(lower, tenth, &lower))
                return false;
        }
        if (decimal_cmp(lower, scale) >= 0 || decimal_cmp(part_scale, scale) >= 0) {
            out->end = part.end;
            return false;
        }
        if (!decimal_add(out->value, lower, &out->value)) {
            out->end = part.end;
            return false;
        }
        out->end = part.end;
        out->ncuts = 0; /* a later multiplier scales only its own part */
        /* 3亿4千多万: the vague word of the part is the figure's */
        out->vague = out->vague ? out->vague : part.vague;
        scale = part_scale;
        parts++;
    }
    return true;
}

/* A decimal point set apart from its fraction (6835. 27亿元, 6. 2‰, as
 * text copied from a typeset page has it): see numbers.h. */
bool numbers_spaced_point(const UChar *s, int32_t point, int32_t len)
{
    if (point >= len || (s[point] != '.' && s[point] != 0xFF0E))
        return false;
    int32_t b = point;
    while (b > 0 && arabic_digit(s[b - 1]) >= 0)
        b--;
    if (b == point)
        return false;
    /* inside a clause: after a letter, or after a comma or an opening mark
     * (Unicode's opening and initial quotation marks; blanks between);
     * not at the start of a line or after a sentence's or a list's
     * lead-in mark (。 ； ：), where 1. opens an item; but an item's number
     * is short, and four digits or more are a figure (a table's cell a
     * line: 119319. 1) */
    enum { ITEM_NUMBER_MAX = 3 };
    int32_t first = b, before = point - b;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == 0x3000 || s[b - 1] == '\t'))
        b--;
    UChar c = b > 0 ? s[b - 1] : '\n';
    int8_t type = u_charType(c);
    bool line_start = c == '\n' || c == '\r';
    if (!(before > ITEM_NUMBER_MAX && line_start) &&
        (b == 0 || (!u_isalpha(c) && c != ',' && c != 0xFF0C && c != 0x3001 && type != U_START_PUNCTUATION &&
                    type != U_INITIAL_PUNCTUATION)))
        return false;
    int32_t q = after_spaces(s, point + 1, len);
    if (q == point + 1)
        return false;
    int digits = 0;
    while (q + digits < len && arabic_digit(s[q + digits]) >= 0)
        digits++;
    if (digits < 1 || digits > 3)
        return false;
    /* a year and its month opening a chronology's line, text after them
     * (2008. 8 加入公司): no figure; a cell of its own (1998. 6) is one */
    if (line_start && before == 4 && q + digits < len && s[q + digits] != '\n' && s[q + digits] != '\r') {
        int year = 0, month = 0;
        for (int32_t k = first; k < point; k++)
            year = year * 10 + arabic_digit(s[k]);
        for (int32_t k = q; k < q + digits; k++)
            month = month * 10 + arabic_digit(s[k]);
        if (year >= 1900 && year <= 2100 && month >= 1 && month <= 12)
            return false;
    }
    return true;
}

static bool scan_arabic(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                        struct numeral *out)
{
    struct digit_run r;
    bool whole = read_digit_run(s, pos, len, &r);
    int32_t p = r.end;
    out->value = decimal_int(r.m);
    out->arabic = true;
    struct decimal frac;
    int32_t fend;
    int f = read_fraction(rs, s, p, len, false, false, &frac, &fend);
    if (!f && p < len && numbers_spaced_point(s, after_invisible(s, p, len), len))
        f = read_fraction(rs, s, p, len, false, true, &frac, &fend);
    if (f) {
        p = fend;
        whole = whole && f > 0 && decimal_add(out->value, frac, &out->value);
    } else if (!r.separated) {
        out->int_digits = r.digits;
    }
    if (!whole) {
        out->end = past_multipliers(rs, s, p, len);
        return false;
    }
    struct decimal scale;
    if (!trailing_multipliers(rs, s, p, len, true, out, &scale))
        return false;
    return lower_places(rs, s, len, out, scale);
}

/* Is t[k] a multiplier greater than every multiplier before it, so that it
 * scales all of t[0, k) (二十五|千克, 三千五百|万; not 三千五|百万)? */
static bool scales_all(const struct token *t, int k)
{
    if (t[k].type != TOK_MULT)
        return false;
    for (int j = 0; j < k; j++)
        if (t[j].type == TOK_MULT && t[j].value >= t[k].value)
            return false;
    return true;
}

/* Two adjacent digits after a multiplier, one more than the other, are a
 * range of the place after it (三十五六 = 35 to 36, 一万二三千 = 12000 to
 * 13000, 一百二三十 = 120 to 130), and multipliers after them scale both
 * (三十五六万). i is where the first digit stands (t[i - 1] a multiplier).
 * False where t is not so written, or its value is too long to hold. */
static bool range_after_multiplier(const struct token *t, int n, int i, struct numeral *out)
{
    if (i < 1 || i + 1 >= n || t[i - 1].type != TOK_MULT || t[i].value < 1 ||
        t[i + 1].value != t[i].value + 1)
        return false;
    int64_t high = t[i - 1].value;
    int j = i + 2;
    int64_t place = high >= 10 ? high / 10 : 1;
    if (j < n && t[j].type == TOK_MULT && t[j].value < high)
        place = t[j++].value;
    struct decimal prefix, scale = decimal_int(1), lower, upper;
    for (int k = j; k < n; k++) /* what is left scales all before it: 三十五六万 */
        if (!scales_all(t, k) || !decimal_mul(scale, decimal_int(t[k].value), &scale))
            return false;
    if (!grouped_value(t, i, &prefix) ||
        !decimal_add(prefix, decimal_int(t[i].value * place), &lower) ||
        !decimal_add(prefix, decimal_int(t[i + 1].value * place), &upper) ||
        !decimal_mul(lower, scale, &out->value) || !decimal_mul(upper, scale, &out->upper))
        return false;
    out->is_range = true;
    out->has_multiplier = true;
    out->end = t[n - 1].end;
    return true;
}

/* The length of the run of digits at t[i], and their positional value. */
static int digit_run(const struct token *t, int n, int i, int64_t *value)
{
    int k = 0;
    *value = 0;
    while (i + k < n && t[i + k].type == TOK_DIGIT && k < 18)
        *value = *value * 10 + t[i + k++].value;
    return k;
}

/* Positional digits on both sides of 萬 or 億, the digits after it filling
 * its places (一八九四萬四四三六 = 18944436, 一〇三六萬九八八九): how many
 * tokens of t that reading takes, the value in *out; 0 where t is not
 * written so (digits, a multiplier of 萬 or more, two digits or more);
 * −1 where it is but the places do not fit (一八九四萬四四: 44 or 4400?),
 * or a multiplier follows: no reading of it is sure. After a single digit
 * only a run that fits is such a reading (一万二三 is read as before). */
static int positional_groups(const struct token *t, int n, struct decimal *out)
{
    int64_t first, group;
    int a = digit_run(t, n, 0, &first), i = a;
    if (a == 0)
        return 0; /* 萬二三四五 begins with no digit */
    struct decimal total = decimal_int(first);
    while (i + 2 < n && t[i].type == TOK_MULT && t[i].value >= 10000) {
        int places = 0;
        for (int64_t m = t[i].value; m > 1; m /= 10)
            places++;
        int b = digit_run(t, n, i + 1, &group);
        if (b < 2)
            break;
        if (b != places)
            return a >= 2 ? -1 : 0;
        if (!decimal_mul(total, decimal_int(t[i].value), &total) ||
            !decimal_add(total, decimal_int(group), &total))
            return -1;
        *out = total;
        i += 1 + b;
    }
    if (i == a)
        return 0;
    return i < n && t[i].type != TOK_DIGIT ? -1 : i;
}

static bool scan_han(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                     struct numeral *out)
{
    struct token t[MAX_TOKENS];
    int n = han_tokens(rs, s, pos, len, t, &out->end);
    if (n < 0)
        return false;
    int32_t half = n ? 0 : half_at(rs, s, pos, len);
    if (half) {
        /* 半斤, 半成: a half before a unit (the rules say before which) */
        out->han = true;
        out->value = (struct decimal){5, -1};
        out->end = pos + half;
        return true;
    }
    if (n == 0)
        return false;
    out->han = true;
    /* 兆 begins no numeral: 兆瓦 is a unit */
    if (t[0].type == TOK_MULT && t[0].value > 100000000)
        return false;
    /* the trailing run of multipliers: numbers_scan may cut before each */
    int lead = n;
    while (lead > 0 && t[lead - 1].type == TOK_MULT)
        lead--;
    struct decimal scale;
    /* adjacent ascending digits: a range (七八, 二三十); before a multiplier
     * any two ascending digits are (三五百 is 300 to 500) */
    if (lead == 2 && t[0].type == TOK_DIGIT && t[1].type == TOK_DIGIT && t[0].value >= 1 &&
        (t[1].value == t[0].value + 1 || (lead < n && t[1].value > t[0].value))) {
        out->is_range = true;
        out->value = decimal_int(t[0].value);
        out->upper = decimal_int(t[1].value);
        return trailing_multipliers(rs, s, t[1].end, len, false, out, &scale);
    }
    if (lead >= 2 && all_digits(t, lead)) {
        /* positional: 二〇二三 */
        int64_t m = 0;
        if (lead > 18) {
            out->end = t[n - 1].end; /* its multipliers go with it */
            return false;
        }
        for (int i = 0; i < lead; i++)
            m = m * 10 + t[i].value;
        out->value = decimal_int(m);
        out->int_digits = lead;
        /* and a Han decimal after them: 五〇五七點四億 */
        struct decimal frac;
        int32_t fend;
        int f = lead == n ? read_fraction(rs, s, t[lead - 1].end, len, true, false, &frac, &fend) : 0;
        if (f < 0 || (f && !decimal_add(out->value, frac, &out->value))) {
            out->end = fend;
            return false;
        }
        return trailing_multipliers(rs, s, f ? fend : t[lead - 1].end, len, false, out, &scale);
    }
    int used = positional_groups(t, n, &out->value);
    if (used) {
        out->end = t[(used > 0 ? used : n) - 1].end;
        out->has_multiplier = true;
        return used > 0;
    }
    /* digits that follow a digit (other than 零) after a multiplier are a
     * range of its next place, or no sure reading: the whole run goes
     * (三十五六岁 gave 6 years) */
    for (int i = 1; i < n; i++) {
        if (t[i].type == TOK_DIGIT && t[i - 1].type == TOK_DIGIT && t[i - 1].value != 0) {
            if (range_after_multiplier(t, n, i - 1, out))
                return true;
            out->end = t[n - 1].end;
            return false;
        }
    }
    /* a Han decimal: 十二点五, 三点五亿 */
    struct decimal frac;
    int32_t fend;
    int f = read_fraction(rs, s, t[n - 1].end, len, true, false, &frac, &fend);
    if (f) {
        if (f < 0 || !grouped_value(t, n, &out->value) || !decimal_add(out->value, frac, &out->value)) {
            out->end = fend;
            return false;
        }
        out->has_multiplier = !all_digits(t, n);
        return trailing_multipliers(rs, s, fend, len, false, out, &scale);
    }
    /* the integer reading, with a cut before each trailing multiplier */
    lead = n;
    while (lead > 0 && t[lead - 1].type == TOK_MULT)
        lead--;
    for (int k = lead; k < n; k++) {
        if (k == 0 || out->ncuts >= NUMERAL_MAX_CUTS)
            continue;
        /* 廿 卅 hold a digit and 十 in one character: no cut inside it */
        if (t[k - 1].end == t[k].end)
            continue;
        /* a cut's multiplier must scale all before it: 二十五|千克 and
         * 三千五百|万 are cuts, 三千五|百万 and 一亿二千|万 are not */
        if (!scales_all(t, k))
            continue;
        struct decimal v;
        if (!grouped_value(t, k, &v)) {
            out->end = t[n - 1].end;
            return false;
        }
        out->cuts[out->ncuts].end = t[k - 1].end;
        out->cuts[out->ncuts].value = v;
        out->cuts[out->ncuts].has_multiplier = !all_digits(t, k);
        out->ncuts++;
    }
    out->end = t[n - 1].end;
    if (!grouped_value(t, n, &out->value))
        return false;
    out->has_multiplier = !all_digits(t, n);
    if (!out->has_multiplier)
        out->int_digits = n;
    out->vague = vague_of(t, n);
    /* 三億四千多萬: a vague word and a multiplier smaller than one inside
     * the numeral scale only the group after that one (3億 + 4千多 × 萬),
     * not the whole of it */
    const char *id;
    int64_t m;
    int32_t w = vague_at(rs, VAGUE_BETWEEN, s, out->end, len, &id), k;
    if (w && han_token(rs, s, out->end + w, len, &m, &k) == TOK_MULT) {
        int j = n - 1;
        while (j >= 0 && !(t[j].type == TOK_MULT && t[j].value > m))
            j--;
        if (j >= 0) {
            struct decimal high, low, scaled;
            if (j + 1 >= n || !grouped_value(t, j + 1, &high) || !grouped_value(t + j + 1, n - j - 1, &low) ||
                !decimal_mul(low, decimal_int(m), &scaled) || !decimal_add(high, scaled, &out->value)) {
                out->end = out->end + w + k;
                return false;
            }
            out->vague = out->vague ? out->vague : id;
            out->has_multiplier = true;
            out->ncuts = 0; /* no part before it is a figure of this unit */
            out->end += w + k;
            return true;
        }
    }
    /* 二十多万, 十几万多亿: after the tokens only a vague word between the
     * numeral and a multiplier can bring more */
    return trailing_multipliers(rs, s, out->end, len, false, out, &scale);
}

bool numbers_scan(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                  struct numeral *out)
{
    memset(out, 0, sizeof *out);
    out->start = pos;
    if (pos >= len)
        return false;
    if (arabic_digit(s[pos]) >= 0)
        return scan_arabic(rs, s, pos, len, out);
    return scan_han(rs, s, pos, len, out);
}

int32_t numbers_outline_end(const UChar *t, int32_t p, int32_t end)
{
    enum { OUTLINE_DIGITS_MAX = 3 };
    int32_t q = p;
    bool han = false; /* 一、 二十、: numbered with 、 only */
    while (q < end && q - p < OUTLINE_DIGITS_MAX && u_getNumericValue(t[q]) != U_NO_NUMERIC_VALUE) {
        han = han || !u_isdigit(t[q]);
        q++;
    }
    if (q == p || q + 1 >= end)
        return p;
    bool mark = t[q] == 0x3001 || (!han && (t[q] == '.' || t[q] == 0xFF0E));
    int32_t w = q + 1; /* a blank may stand before the word: 一、 分季节 */
    while (w < end && (t[w] == ' ' || t[w] == 0x3000))
        w++;
    /* a word after it, no numeral: 二、三产业 lists two numerals */
    if (!mark || w >= end || !u_isalpha(t[w]) || u_getNumericValue(t[w]) != U_NO_NUMERIC_VALUE)
        return p;
    return q + 1;
}
