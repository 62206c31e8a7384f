/* numbers: the number scanner.
 *
 * Reads one numeral at a position of a UTF-16 text: ASCII or full-width
 * digits with an optional decimal point and thousands separators, Han
 * numerals (一 二 … 十 百 千 万 亿 兆 零 〇 廿, financial 壹 贰 … 拾 佰 仟, whose
 * values come from ICU, plus the numerals of the rule set such as 两, and
 * the half 半 = 0.5 of the rules' halves),
 * positional Han digits (二〇二三, 一八九四萬四四三六), Han decimals (十二点五),
 * adjacent-digit ranges (二三十 = 20 to 30, 三五百 = 300 to 500, 三十五六 =
 * 35 to 36, 一万二三千 = 12000 to 13000), mixtures (2.4万, 3万亿,
 * 5万4千6百, 3兆128億793萬2000), figures set with thousands separators (1,234,
 * 3 000 with a no-break space), a space before the multiplier (2513 亿)
 * and invisible format characters inside (Unicode Cf). It knows no
 * units, qualifiers or context: that is extract's work. */
#ifndef PIPELINE_NUMBERS_H
#define PIPELINE_NUMBERS_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "decimal.h"
#include "rules.h"

#define NUMERAL_MAX_CUTS 6

struct numeral {
    int32_t start, end;            /* UTF-16 units */
    struct decimal value;          /* after multipliers: 2.4万 → 24000 */
    bool is_range;                 /* 二三十: value 20, upper 30 */
    struct decimal upper;
    bool han;                      /* has a Han numeral character */
    bool arabic;                   /* has a digit */
    bool has_multiplier;           /* has 十 百 千 万 亿 … */
    int int_digits;                /* digits of a plain integer (2022 → 4), else 0 */
    const char *vague;             /* id of the vague-numeral rule that read it
                                    * (几十 → 10, 十几万 → 100000), else NULL */
    /* Shorter readings that end inside a trailing run of multipliers:
     * 3千米 can be 3 + 千米 as well as 3千 + 米. cuts[0] ends before the
     * first multiplier of the run, cuts[1] before the second, and so on;
     * ncuts may be 0. A cut is offered only where the multiplier after it
     * scales everything before it (三千五百|万, not 一亿二千|万). */
    int ncuts;
    struct {
        int32_t end;
        struct decimal value;
        bool has_multiplier;
    } cuts[NUMERAL_MAX_CUTS];
};

/* Is c where a numeral can begin (a digit or a Han numeral)? */
bool numbers_is_numeral_char(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len);
/* The first place in s[pos, len) where a numeral can begin, or len. */
int32_t numbers_next_numeral(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len);

/* Read the numeral that begins at s[pos]. False when none begins there
 * (out->end <= pos), or when one does but cannot be read whole: more than
 * 18 significant digits, a value longer than DECIMAL_TEXT_MAX, thousands
 * separators out of place (12,34), a part out of its place (3万5万). Then
 * out->end is where that figure ends: no part of it is a numeral. */
/* Whether the point at s[point] is a decimal point set apart from its
 * fraction (6835. 27亿元, 6. 2‰, in text copied from a typeset page): right
 * after digits, then one to three spaces, then one to three digits and no
 * more. Only inside a clause, where the digits follow a letter, a comma or
 * an opening mark: at the start of a line or after 。 ； ： "1. 25家" is an
 * item number and then a figure, and four digits after the space
 * (5. 2019年) begin a sentence.
 * The figure is then read whole, and no sentence ends at the point. */
bool numbers_spaced_point(const UChar *s, int32_t point, int32_t len);

bool numbers_scan(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len,
                  struct numeral *out);

/* The value of the Han digit at s[pos] (一 … 九, 〇, and the rules' 两),
 * or -1 where none stands there (a multiplier, 十, anything else). */
int numbers_han_digit(const struct rule_set *rs, const UChar *s, int32_t pos, int32_t len);

/* Where the outline number that begins a label at t[p] ends, its mark
 * taken (1.因公出国(境)费用, 2、公务接待费, 一、 税收收入: one to three
 * digits and a point or 、, or one to three Han numerals and 、, then a
 * word that is no numeral, a blank before it allowed: not 二、三产业, nor
 * 1.5); p where none begins there. */
int32_t numbers_outline_end(const UChar *t, int32_t p, int32_t end);

#endif
