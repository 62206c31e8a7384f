/* decimal: exact decimal numbers, m × 10^e.
 *
 * Figures are parsed, multiplied by 万 or 亿 and written back without
 * passing through binary floating point, so 193.8万 is 1938000 and never
 * 1938000.0000000002. */
#ifndef PIPELINE_DECIMAL_H
#define PIPELINE_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct decimal {
    int64_t m;
    int e;
};

/* The longest text a decimal can have, its terminating NUL included:
 * every operation that would make a longer one fails instead, so a figure
 * too long to write is refused whole, never cut. */
#define DECIMAL_TEXT_MAX 64

/* The decimal of an integer. */
struct decimal decimal_int(int64_t n);
/* a × b; false when the mantissa would overflow or the text would pass
 * DECIMAL_TEXT_MAX (out unchanged; so for div, add and parse). */
bool decimal_mul(struct decimal a, struct decimal b, struct decimal *out);
/* a ÷ b when the quotient is a finite decimal of at most 18 digits
 * (1 ÷ 0.5 = 2, 3 ÷ 1e4 = 0.0003); false otherwise. */
bool decimal_div(struct decimal a, struct decimal b, struct decimal *out);
/* a + b; false on overflow. */
bool decimal_add(struct decimal a, struct decimal b, struct decimal *out);
/* Parse "12", "0.5", "-3", "1e4" (the form rule files use); false if s is not
 * entirely such a number. */
bool decimal_parse(const char *s, struct decimal *out);
/* Whether s is a number as the outputs write one, and JSON and CSV can
 * carry bare: -?(0|[1-9][0-9]*)(\.[0-9]+)?, at most 40 characters. "5.",
 * ".5", "+5", "007", "1e5" and anything with a space are not. */
bool decimal_plain(const char *s);
/* Plain decimal text, never an exponent: "6000000000", "0.5", "21.65".
 * Writes at most n bytes (n >= DECIMAL_TEXT_MAX always suffices). */
void decimal_format(struct decimal d, char *out, size_t n);
double decimal_to_double(struct decimal d);
/* -1, 0 or 1 as a < b, a = b, a > b; exact. */
int decimal_cmp(struct decimal a, struct decimal b);

#endif
