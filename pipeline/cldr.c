/* cldr: unit and currency names read from ICU's data. */
#include "cldr.h"

#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unorm2.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

static const char *const LOCALES[] = {"zh", "zh_Hant", "zh_Hant_HK"};
static const char *const WIDTHS[] = {"units", "unitsShort", "unitsNarrow"};
/* The symbols Chinese text also writes units with (mm, km², kWh, hPa):
 * the narrow patterns of this locale, whose display names are English
 * words and are left out. */
static const char SYMBOLS_LOCALE[] = "en";

enum { MAX_WORDS = 32, MAX_LEN = 32 };

/* The words given so far, to give each once. */
struct seen {
    UChar words[MAX_WORDS][MAX_LEN];
    int32_t lens[MAX_WORDS];
    size_t n;
};

static bool is_blank(UChar c)
{
    return c == ' ' || c == 0xa0 || c == 0x202f || c == 0x3000;
}

static void give(struct seen *s, const UChar *w, int32_t n, cldr_word_fn *fn, void *ctx)
{
    while (n > 0 && is_blank(w[0]))
        w++, n--;
    while (n > 0 && is_blank(w[n - 1]))
        n--;
    /* a lone Latin letter after a figure (5G, 3A) names a model, not t or g */
    if (n <= 0 || n > MAX_LEN || s->n == MAX_WORDS || (n == 1 && w[0] < 0x80))
        return;
    for (size_t i = 0; i < s->n; i++)
        if (s->lens[i] == n && !memcmp(s->words[i], w, (size_t)n * sizeof *w))
            return;
    memcpy(s->words[s->n], w, (size_t)n * sizeof *w);
    s->lens[s->n++] = n;
    fn(ctx, w, n);
}

/* A word and, where it differs, its compatibility form: m³ is also
 * written m3, as Chinese reports set it. */
static void give_folded(struct seen *s, const UChar *w, int32_t n, cldr_word_fn *fn, void *ctx)
{
    give(s, w, n, fn, ctx);
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    UChar folded[MAX_LEN];
    int32_t m = U_SUCCESS(st) ? unorm2_normalize(nfkc, w, n, folded, MAX_LEN, &st) : 0;
    if (U_SUCCESS(st) && m > 0)
        give(s, folded, m, fn, ctx);
}

/* The words of one unit entry: its display name (unless symbols_only) and
 * its patterns; with symbols_only, only the words of the patterns, with
 * their compatibility forms. */
static void entry_words(UResourceBundle *unit, bool symbols_only, struct seen *s, cldr_word_fn *fn, void *ctx)
{
    static const UChar PLACE[] = {'{', '0', '}'};
    int32_t size = ures_getSize(unit);
    for (int32_t i = 0; i < size; i++) {
        UErrorCode st = U_ZERO_ERROR;
        UResourceBundle *e = ures_getByIndex(unit, i, NULL, &st);
        if (U_SUCCESS(st) && ures_getType(e) == URES_STRING) {
            int32_t n;
            const UChar *str = ures_getString(e, &n, &st);
            const char *key = ures_getKey(e);
            if (U_SUCCESS(st) && key && !strcmp(key, "dnam")) {
                if (!symbols_only)
                    give(s, str, n, fn, ctx);
            } else if (U_SUCCESS(st) && key && strcmp(key, "per") && n > 3 && !memcmp(str, PLACE, sizeof PLACE)) {
                if (symbols_only)
                    give_folded(s, str + 3, n - 3, fn, ctx);
                else
                    give(s, str + 3, n - 3, fn, ctx);
            }
        }
        ures_close(e);
    }
}

/* The words of the unit type/name in one width of one locale. */
static void locale_words(const char *locale, const char *width, const char *type, const char *name,
                         bool symbols_only, struct seen *s, cldr_word_fn *fn, void *ctx)
{
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *rb = ures_open(U_ICUDATA_NAME "-unit", locale, &st);
    UResourceBundle *table = ures_getByKey(rb, width, NULL, &st);
    UResourceBundle *group = ures_getByKey(table, type, NULL, &st);
    UResourceBundle *unit = ures_getByKey(group, name, NULL, &st);
    if (U_SUCCESS(st))
        entry_words(unit, symbols_only, s, fn, ctx);
    ures_close(unit);
    ures_close(group);
    ures_close(table);
    ures_close(rb);
}

size_t cldr_unit_words(const char *id, cldr_word_fn *fn, void *ctx)
{
    char type[64];
    const char *dash = strchr(id, '-');
    if (!dash || (size_t)(dash - id) >= sizeof type)
        return 0;
    memcpy(type, id, (size_t)(dash - id));
    type[dash - id] = '\0';
    struct seen s = {0};
    for (size_t l = 0; l < sizeof LOCALES / sizeof *LOCALES; l++)
        for (size_t w = 0; w < sizeof WIDTHS / sizeof *WIDTHS; w++)
            locale_words(LOCALES[l], WIDTHS[w], type, dash + 1, false, &s, fn, ctx);
    locale_words(SYMBOLS_LOCALE, "unitsNarrow", type, dash + 1, true, &s, fn, ctx);
    return s.n;
}

size_t cldr_currency_words(const char *iso, cldr_word_fn *fn, void *ctx)
{
    UChar code[4];
    if (strlen(iso) != 3)
        return 0;
    u_charsToUChars(iso, code, 4);
    struct seen s = {0};
    for (size_t l = 0; l < sizeof LOCALES / sizeof *LOCALES; l++) {
        UErrorCode st = U_ZERO_ERROR;
        UBool choice;
        int32_t n;
        const UChar *name = ucurr_getName(code, LOCALES[l], UCURR_LONG_NAME, &choice, &n, &st);
        /* ICU gives the code back where it has no name */
        if (U_SUCCESS(st) && !(n == 3 && !u_memcmp(name, code, 3)))
            give(&s, name, n, fn, ctx);
    }
    return s.n;
}

void cldr_each_currency(cldr_code_fn *fn, void *ctx)
{
    UErrorCode st = U_ZERO_ERROR;
    UEnumeration *e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st);
    const char *iso;
    while (U_SUCCESS(st) && (iso = uenum_next(e, NULL, &st)))
        fn(ctx, iso);
    uenum_close(e);
}
