/* fuzz_numbers: numbers_scan at every position of the input read as UTF-8
 * (invalid UTF-8 is skipped); a numeral and its cuts lie inside the text. */
#include <unicode/ustring.h>

#include "fuzz.h"
#include "numbers.h"

FUZZ_SETUP_ONCE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 1 << 20)
        return 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(NULL, 0, &len, (const char *)data, (int32_t)size, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return 0;
    /* exactly len units, no terminator: a read past the end is caught */
    UChar *s = malloc((size_t)(len ? len : 1) * sizeof *s);
    status = U_ZERO_ERROR;
    u_strFromUTF8(s, len, NULL, (const char *)data, (int32_t)size, &status);
    if (U_FAILURE(status)) {
        free(s);
        return 0;
    }
    for (int32_t pos = 0; pos <= len; pos++) {
        struct numeral n;
        if (!numbers_scan(fuzz_rules, s, pos, len, &n))
            continue;
        FUZZ_CHECK(pos <= n.start && n.start <= n.end && n.end <= len,
                   "at %d: numeral [%d, %d) of %d", pos, n.start, n.end, len);
        FUZZ_CHECK(n.ncuts >= 0 && n.ncuts <= NUMERAL_MAX_CUTS, "at %d: %d cuts", pos, n.ncuts);
        for (int i = 0; i < n.ncuts; i++)
            FUZZ_CHECK(n.start < n.cuts[i].end && n.cuts[i].end < n.end,
                       "at %d: cut %d ends at %d, numeral [%d, %d)", pos, i, n.cuts[i].end,
                       n.start, n.end);
    }
    free(s);
    return 0;
}
