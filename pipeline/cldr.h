/* cldr: the Chinese names of units and currencies in CLDR, as ICU ships it.
 *
 * A unit is named by its CLDR id, "length-millimeter" (the unit tree's
 * type, a dash, the unit); its words are, for the locales zh, zh_Hant and
 * zh_Hant_HK and the widths units, unitsShort and unitsNarrow, the display
 * name and the text after "{0}" of every count pattern that begins with the
 * number (毫米, 公釐; 每秒{0}米 is left out: the unit stands on both sides).
 * A currency is named by its ISO 4217 code; its words are its long names in
 * those locales (新台币, 新台幣). Each word is given once. */
#ifndef PIPELINE_CLDR_H
#define PIPELINE_CLDR_H

#include <stddef.h>
#include <unicode/utypes.h>

typedef void cldr_word_fn(void *ctx, const UChar *word, int32_t len);

/* Give every word of the unit `id` to fn; the number of words (0: ICU knows
 * no such unit). */
size_t cldr_unit_words(const char *id, cldr_word_fn *fn, void *ctx);

/* Give every long name of the currency `iso` to fn; the number of names. */
size_t cldr_currency_words(const char *iso, cldr_word_fn *fn, void *ctx);

typedef void cldr_code_fn(void *ctx, const char *iso);

/* Give the ISO 4217 code of every currency in common use that ICU knows
 * (not deprecated) to fn. */
void cldr_each_currency(cldr_code_fn *fn, void *ctx);

#endif
