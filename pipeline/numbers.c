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

/* TOK_VAGUE stands where a digit would: 几十 (read 1), 十几 (read 0). */
enum token_type { TOK_NONE, TOK_DIGIT, TOK_MULT, TOK_VAGUE };

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

/* The Han numeral at s[pos]: its type, value and length. */
static enum token_type han_token(const struct rule_set *rs, const UChar *s, int32_t pos,
                                 int32_t len, int64_t *value, int32_t *n)
{
    for (size_t i = 0; i < rs->n_numerals; i++) {
        int32_t m = word_list_match(&rs->numerals[i].words, s, pos, len);
        if (m) {
            *value = rs->numerals[i].value;
            *n = m;
            return *value >= 0 && *value <= 9 ? TOK_DIGIT : TOK_NONE;
        }
    }
    UChar c = s[pos];
    if (c < 0x3000 || !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return TOK_NONE;
    double v = u_getNumericValue(c);
    *n = 1;
    if (v >= 0 && v <= 9 && v == (int)v) {
        *value = (int64_t)v;
        return TOK_DIGIT;
    }
    /* 10^12 (兆) is left out: in current usage 兆 is mostly mega (兆瓦). */
    if (v == 10 || v == 100 || v == 1000 || v == 1e4 || v == 1e8) {
        *value = (int64_t)v;
        return TOK_MULT;
    }
    return TOK_NONE;
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
        if ((v >= 0 && v <= 9 && v == (int)v) || v == 10 || v == 100 || v == 1000 || v == 1e4 || v == 1e8)
            han_numeral_units[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    atomic_store_explicit(&han_numeral_ready, true, memory_order_release);
}

static void know_han_numerals(void)
{
    if (!atomic_load_explicit(&han_numeral_ready, memory_order_acquire))
        pthread_once(&han_numeral_once, find_han_numeral_units);
}

/* Can a numeral begin with c: a Han numeral, or the first unit of a
 * numeral or vague word of the rules? False rules it out; true means look
 * closer. (After know_han_numerals.) */
static inline bool may_begin_han_numeral(const struct rule_set *rs, UChar c)
{
    return (han_numeral_units[c >> 6] >> (c & 63) & 1) || WORD_LIST_BIT(rs->numeral_firsts, c);
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
    if (han_token(rs, s, pos, len, &v, &n) != TOK_NONE)
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

/* The grouped reading of tokens[0..n): 一百零五 = 105, 一百五 = 150. */
static bool grouped_value(const struct token *t, int n, struct decimal *out)
{
    int64_t total = 0, section = 0, digit = -1, last_big = 0;
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
            section += (digit < 0 ? 1 : digit) * m;
        } else {
            section += digit < 0 ? 0 : digit;
            if (section == 0 && total == 0)
                section = 1;
            if (m > last_big) {
                if (__builtin_mul_overflow(total + section, m, &total))
                    return false;
                last_big = m;
            } else {
                total += section * m;
            }
            section = 0;
        }
        digit = -1;
    }
    /* a last digit right after 百 千 万 亿 counts in the next lower place:
     * 三千五 = 3500, 一万二 = 12000 (三千零五 is 3005) */
    if (digit > 0 && n >= 2 && t[n - 2].type == TOK_MULT && t[n - 2].value >= 100)
        digit *= t[n - 2].value / 10;
    *out = decimal_int(total + section + (digit < 0 ? 0 : digit));
    return true;
}

/* Read the Han numeral tokens from pos; returns their count. */
static int han_tokens(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                      struct token *t)
{
    int n = 0;
    while (pos < len && n < MAX_TOKENS) {
        int64_t v = 0;
        int32_t k;
        const char *vague = NULL;
        enum token_type type = han_token(rs, s, pos, len, &v, &k);
        if (type == TOK_NONE && (k = vague_at(rs, VAGUE_DIGIT, s, pos, len, &vague)))
            type = TOK_VAGUE;
        if (type == TOK_NONE)
            break;
        pos += k;
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

/* A decimal point word and digits after s[pos]: the fraction and its end. */
static bool read_fraction(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                          bool han, struct decimal *frac, int32_t *end)
{
    int32_t p = pos, k = 0;
    if (!han && p < len && (s[p] == '.' || s[p] == 0xFF0E))
        k = 1;
    else if (han)
        for (size_t i = 0; i < rs->n_decimal_points && !k; i++)
            k = word_list_match(&rs->decimal_points[i].words, s, p, len);
    if (!k)
        return false;
    p += k;
    int64_t m = 0;
    int e = 0;
    for (;;) {
        int d = -1;
        int32_t n = 1;
        if (han) {
            int64_t v;
            if (p < len && han_token(rs, s, p, len, &v, &n) == TOK_DIGIT)
                d = (int)v;
        } else if (p < len) {
            d = arabic_digit(s[p]);
        }
        if (d < 0 || e <= -18)
            break;
        m = m * 10 + d;
        e--;
        p += n;
    }
    if (e == 0)
        return false;
    *frac = decimal_int(0);
    decimal_add(*frac, (struct decimal){m, e}, frac); /* normalised */
    *end = p;
    return true;
}

/* Trailing multipliers after a numeral ending at pos: multiply out->value,
 * recording a cut before each. */
static void trailing_multipliers(const struct rule_set *rs, const UChar *s, int32_t pos,
                                 int32_t len, struct numeral *out)
{
    while (pos < len) {
        int64_t v;
        int32_t k;
        /* 二十多万, 5千余万: a vague word between the numeral and a multiplier */
        const char *id;
        int32_t w = out->vague ? 0 : vague_at(rs, VAGUE_BETWEEN, s, pos, len, &id);
        if (w && pos + w < len && han_token(rs, s, pos + w, len, &v, &k) == TOK_MULT) {
            out->vague = id;
            pos += w;
        }
        if (han_token(rs, s, pos, len, &v, &k) != TOK_MULT)
            break;
        struct decimal next;
        if (!decimal_mul(out->value, decimal_int(v), &next))
            break;
        if (out->ncuts < NUMERAL_MAX_CUTS) {
            out->cuts[out->ncuts].end = pos;
            out->cuts[out->ncuts].value = out->value;
            out->cuts[out->ncuts].has_multiplier = out->has_multiplier;
            out->ncuts++;
        }
        out->value = next;
        if (out->is_range)
            decimal_mul(out->upper, decimal_int(v), &out->upper);
        out->has_multiplier = true;
        out->han = true;
        pos += k;
    }
    out->end = pos;
}

static bool scan_arabic(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                        struct numeral *out)
{
    int64_t m = 0;
    int32_t p = pos;
    int digits = 0, group = 0;
    bool separated = false;
    while (p < len) {
        int d = arabic_digit(s[p]);
        if (d < 0) {
            /* a thousands separator: ',' after a group, then exactly three digits */
            bool group_ok = separated ? group == 3 : group >= 1 && group <= 3;
            if (s[p] == ',' && group_ok && p + 3 < len && arabic_digit(s[p + 1]) >= 0 &&
                arabic_digit(s[p + 2]) >= 0 && arabic_digit(s[p + 3]) >= 0 &&
                (p + 4 >= len || arabic_digit(s[p + 4]) < 0 || s[p + 4] == ',')) {
                separated = true;
                group = 0;
                p++;
                continue;
            }
            break;
        }
        if (digits >= 18)
            return false;
        m = m * 10 + d;
        digits++;
        group++;
        p++;
    }
    out->value = decimal_int(m);
    out->arabic = true;
    struct decimal frac;
    int32_t fend;
    if (read_fraction(rs, s, p, len, false, &frac, &fend)) {
        decimal_add(out->value, frac, &out->value);
        p = fend;
    } else if (!separated) {
        out->int_digits = digits;
    }
    trailing_multipliers(rs, s, p, len, out);
    return true;
}

static bool scan_han(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                     struct numeral *out)
{
    struct token t[MAX_TOKENS];
    int n = han_tokens(rs, s, pos, len, t);
    if (n == 0)
        return false;
    out->han = true;
    /* the trailing run of multipliers: numbers_scan may cut before each */
    int lead = n;
    while (lead > 0 && t[lead - 1].type == TOK_MULT)
        lead--;
    /* adjacent ascending digits then multipliers: a range */
    if (lead == 2 && t[0].type == TOK_DIGIT && t[1].type == TOK_DIGIT && t[0].value >= 1 &&
        t[1].value == t[0].value + 1) {
        out->is_range = true;
        out->value = decimal_int(t[0].value);
        out->upper = decimal_int(t[1].value);
        trailing_multipliers(rs, s, t[1].end, len, out);
        return true;
    }
    if (lead >= 2 && all_digits(t, lead)) {
        /* positional: 二〇二三 */
        int64_t m = 0;
        if (lead > 18)
            return false;
        for (int i = 0; i < lead; i++)
            m = m * 10 + t[i].value;
        out->value = decimal_int(m);
        out->int_digits = lead;
        trailing_multipliers(rs, s, t[lead - 1].end, len, out);
        return true;
    }
    /* digits that follow a digit (other than 零) end the numeral there */
    for (int i = 1; i < n; i++) {
        if (t[i].type == TOK_DIGIT && t[i - 1].type == TOK_DIGIT && t[i - 1].value != 0) {
            n = i;
            break;
        }
    }
    /* a Han decimal: 十二点五, 三点五亿 */
    struct decimal frac;
    int32_t fend;
    if (read_fraction(rs, s, t[n - 1].end, len, true, &frac, &fend)) {
        if (!grouped_value(t, n, &out->value))
            return false;
        decimal_add(out->value, frac, &out->value);
        out->has_multiplier = !all_digits(t, n);
        trailing_multipliers(rs, s, fend, len, out);
        return true;
    }
    /* the integer reading, with a cut before each trailing multiplier */
    lead = n;
    while (lead > 0 && t[lead - 1].type == TOK_MULT)
        lead--;
    for (int k = lead; k < n; k++) {
        if (k == 0 || out->ncuts >= NUMERAL_MAX_CUTS)
            continue;
        /* a cut's multiplier must scale all before it: 二十五|千克 and
         * 三千五百|万 are cuts, 三千五|百万 and 一亿二千|万 are not */
        bool scales_all = true;
        for (int j = 0; j < k && scales_all; j++)
            scales_all = t[j].type != TOK_MULT || t[j].value < t[k].value;
        if (!scales_all)
            continue;
        struct decimal v;
        if (!grouped_value(t, k, &v))
            return false;
        out->cuts[out->ncuts].end = t[k - 1].end;
        out->cuts[out->ncuts].value = v;
        out->cuts[out->ncuts].has_multiplier = !all_digits(t, k);
        out->ncuts++;
    }
    if (!grouped_value(t, n, &out->value))
        return false;
    out->has_multiplier = !all_digits(t, n);
    if (!out->has_multiplier)
        out->int_digits = n;
    out->vague = vague_of(t, n);
    out->end = t[n - 1].end;
    /* 二十多万: after the tokens only a vague word between the numeral and
     * a multiplier can bring more */
    if (!out->vague)
        trailing_multipliers(rs, s, out->end, len, out);
    return true;
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
