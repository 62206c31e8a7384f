/* fuzz_patterns: the input's first line as a pattern, the rest as a text
 * (both UTF-8; invalid input is skipped). Where ICU compiles the pattern,
 * every search of pattern.c must give what the plain ICU call gives: the
 * matches in order (find_all, and the pattern alone in a group), the first
 * match in a region (find), a match at a region's start (looking_at) and of
 * a whole region (matches). ICU
 * itself can loop or take exponential time on some patterns ($*? does):
 * both matchers get a time limit, and an input where ICU runs out of it is
 * passed over. */
#include <unicode/ustring.h>

#include "fuzz.h"
#include "pattern.h"

static UChar *utf16(const uint8_t *s, size_t n, int32_t *len)
{
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, len, (const char *)s, (int32_t)n, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return NULL;
    UChar *u = malloc((size_t)*len * sizeof *u + sizeof *u);
    status = U_ZERO_ERROR;
    u_strFromUTF8(u, *len + 1, NULL, (const char *)s, (int32_t)n, &status);
    if (U_FAILURE(status)) {
        free(u);
        return NULL;
    }
    return u;
}

enum { TIME_LIMIT = 20 }; /* ICU's units of its steps */

struct spans {
    int32_t at[64][2];
    int n;
};

static void add(void *arg, int32_t a, int32_t b)
{
    struct spans *s = arg;
    if (s->n < 64) {
        s->at[s->n][0] = a;
        s->at[s->n][1] = b;
    }
    s->n++;
}

static void add_k(void *arg, size_t k, int32_t a, int32_t b)
{
    (void)k;
    add(arg, a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl || nl - data > 128 || size > 1024)
        return 0;
    int32_t np, n;
    UChar *src = utf16(data, (size_t)(nl - data), &np);
    UChar *t = src ? utf16(nl + 1, size - (size_t)(nl + 1 - data), &n) : NULL;
    UParseError pe;
    UErrorCode status = U_ZERO_ERROR;
    struct pattern *p = t ? pattern_open(src, np, &pe, &status) : NULL;
    if (p) {
        URegularExpression *re = uregex_clone(p->re, &status);
        uregex_setTimeLimit(re, TIME_LIMIT, &status);
        uregex_setTimeLimit(p->re, TIME_LIMIT, &status);
        /* matches in order over the whole text */
        struct spans x = {0}, y = {0};
        pattern_find_all(p, t, 0, n, add, &x);
        uregex_setText(re, t, n, &status);
        while (U_SUCCESS(status) && uregex_findNext(re, &status)) {
            int32_t a = uregex_start(re, 0, &status), b = uregex_end(re, 0, &status);
            if (b > a)
                add(&y, a, b);
        }
        if (status == U_REGEX_TIME_OUT)
            goto done;
        FUZZ_CHECK(x.n == y.n && !memcmp(x.at, y.at, sizeof x.at[0] * (size_t)(x.n < 64 ? x.n : 64)),
                   "find_all: %d matches, ICU %d", x.n, y.n);
        /* and alone in a group, whose search goes its own way */
        struct pattern_group g;
        struct pattern_scratch scratch = {0};
        struct spans z = {0};
        pattern_group_init(&g, &p, 1);
        pattern_group_find_all(&g, &scratch, t, 0, n, add_k, &z);
        pattern_group_free(&g);
        pattern_scratch_free(&scratch);
        FUZZ_CHECK(z.n == y.n && !memcmp(z.at, y.at, sizeof z.at[0] * (size_t)(z.n < 64 ? z.n : 64)),
                   "group: %d matches, ICU %d", z.n, y.n);
        /* regions from a third and two thirds of the way */
        pattern_set_text(p, t, n);
        for (int32_t from = 0; from <= n; from += n / 3 + 1) {
            if (from < n && U16_IS_TRAIL(t[from]) && from > 0 && U16_IS_LEAD(t[from - 1]))
                continue; /* regions lie between characters */
            for (int32_t to = from; to <= n; to += (n - from) / 2 + 1) {
                if (to < n && U16_IS_TRAIL(t[to]) && to > 0 && U16_IS_LEAD(t[to - 1]))
                    continue;
                int32_t at1 = -1, at2 = -1;
                bool a = pattern_find(p, t, from, to, &at1);
                status = U_ZERO_ERROR;
                uregex_setRegion(re, from, to, &status);
                bool b = uregex_findNext(re, &status);
                if (b)
                    at2 = uregex_start(re, 0, &status);
                if (status == U_REGEX_TIME_OUT)
                    goto done;
                FUZZ_CHECK(a == b && at1 == at2, "find [%d, %d): %d at %d, ICU %d at %d", from, to, a, at1, b, at2);
                for (int whole = 0; whole <= 1; whole++) {
                    a = whole ? pattern_matches(p, t, from, to) : pattern_looking_at(p, t, from, to);
                    uregex_setRegion(re, from, to, &status);
                    b = whole ? uregex_matches(re, -1, &status) : uregex_lookingAt(re, -1, &status);
                    if (status == U_REGEX_TIME_OUT)
                        goto done;
                    FUZZ_CHECK(a == b, "%s [%d, %d): %d, ICU %d", whole ? "matches" : "looking_at", from, to, a, b);
                }
            }
        }
    done:
        uregex_close(re);
        pattern_close(p);
    }
    free(t);
    free(src);
    return 0;
}
