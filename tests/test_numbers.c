/* test_numbers: the number scanner against tests/numbers.tsv.
 *
 * Each row is scanned at position 0 of its text; a failure names the data
 * file and line. Columns (tab-separated; '#' lines and blank lines skipped):
 *
 *   text  numeral  value  upper  [cuts]
 *
 * numeral: the prefix of text the scanner must consume, "-" when no
 * numeral begins there (numbers_scan false, nothing consumed), or "!" and
 * the prefix of a figure that cannot be read whole (numbers_scan false,
 * out->end at the figure's end: no part of it is read).
 * value, upper: as decimal_format writes them; upper empty unless a range.
 * cuts (optional): "none" for no shorter readings, else space-separated
 * PREFIX=VALUE pairs, in the scanner's order; empty: not checked. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

#include "decimal.h"
#include "harness.h"
#include "numbers.h"
#include "rules.h"

#define DATA "tests/numbers.tsv"
#define MAX_FIELDS 8

/* text in UTF-16 (malloc'ed; the caller frees it), its length in *len. NULL
 * if it is not valid UTF-8. */
static UChar *utf16_of(const char *text, int32_t *len)
{
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, len, text, -1, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return NULL;
    UChar *out = malloc(((size_t)*len + 1) * sizeof *out);
    status = U_ZERO_ERROR;
    u_strFromUTF8(out, *len + 1, len, text, -1, &status);
    if (U_FAILURE(status)) {
        free(out);
        return NULL;
    }
    return out;
}

/* The length in UTF-16 units of prefix, which must begin text; -1 if not. */
static int32_t prefix_units(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(text, prefix, n) != 0)
        return -1;
    int32_t len;
    UChar *u = utf16_of(prefix, &len);
    if (!u)
        return -1;
    free(u);
    return len;
}

static void check_cuts(int line, const char *text, const struct numeral *num, char *spec)
{
    if (!strcmp(spec, "none")) {
        CHECK_AT(DATA, line, num->ncuts == 0, "%s: want no cuts, got %d", text, num->ncuts);
        return;
    }
    int want = 0;
    for (char *item = strtok(spec, " "); item; item = strtok(NULL, " "), want++) {
        char *eq = strchr(item, '=');
        if (!eq) {
            CHECK_AT(DATA, line, false, "bad cut \"%s\" (want PREFIX=VALUE)", item);
            return;
        }
        *eq = '\0';
        int32_t end = prefix_units(text, item);
        CHECK_AT(DATA, line, end >= 0, "cut \"%s\" is not a prefix of \"%s\"", item, text);
        if (want >= num->ncuts) {
            CHECK_AT(DATA, line, false, "%s: want cut %d at \"%s\", got %d cut(s)", text, want + 1,
                     item, num->ncuts);
            continue;
        }
        char got[64];
        decimal_format(num->cuts[want].value, got, sizeof got);
        CHECK_AT(DATA, line, num->cuts[want].end == end && !strcmp(got, eq + 1),
                 "%s: cut %d: want end %d value %s, got end %d value %s", text, want + 1, end,
                 eq + 1, num->cuts[want].end, got);
    }
    CHECK_AT(DATA, line, num->ncuts == want, "%s: want %d cut(s), got %d", text, want, num->ncuts);
}

static void check_row(const struct rule_set *rs, int line, char **f, int nf)
{
    const char *text = f[0], *numeral = f[1];
    int32_t len;
    UChar *s = utf16_of(text, &len);
    if (!s) {
        CHECK_AT(DATA, line, false, "the text is not UTF-8");
        return;
    }
    struct numeral num;
    bool found = numbers_scan(rs, s, 0, len, &num);
    if (!strcmp(numeral, "-")) {
        CHECK_AT(DATA, line, !found && num.end <= num.start,
                 "%s: want no numeral, got one of %d unit(s)", text, (int)(num.end - num.start));
        free(s);
        return;
    }
    if (numeral[0] == '!') {
        /* refused whole: false, and the figure skipped to its end */
        int32_t end = prefix_units(text, numeral + 1);
        CHECK_AT(DATA, line, end > 0, "bad row: the refused figure must be a prefix of the text");
        CHECK_AT(DATA, line, !found && num.end == end,
                 "%s: want \"%s\" refused whole (units 0-%d), got %s, end %d", text, numeral + 1, end,
                 found ? "a numeral" : "a refusal", num.end);
        free(s);
        return;
    }
    int32_t end = prefix_units(text, numeral);
    struct decimal want;
    bool data_ok = end > 0 && nf >= 3 && decimal_parse(f[2], &want);
    CHECK_AT(DATA, line, data_ok, "bad row: numeral must be a prefix of the text, value a number");
    if (!data_ok) {
        free(s);
        return;
    }
    CHECK_AT(DATA, line, found, "%s: no numeral found, want \"%s\"", text, numeral);
    if (!found) {
        free(s);
        return;
    }
    char got[64], upper[64] = "";
    decimal_format(num.value, got, sizeof got);
    if (num.is_range)
        decimal_format(num.upper, upper, sizeof upper);
    const char *want_upper = nf >= 4 ? f[3] : "";
    CHECK_AT(DATA, line, num.start == 0 && num.end == end,
             "%s: want the numeral \"%s\" (units 0-%d), got units %d-%d", text, numeral, end,
             num.start, num.end);
    CHECK_AT(DATA, line, !strcmp(got, f[2]), "%s: want value %s, got %s", text, f[2], got);
    CHECK_AT(DATA, line, !strcmp(upper, want_upper), "%s: want upper \"%s\", got \"%s\"", text,
             want_upper, upper);
    if (nf >= 5 && f[4][0])
        check_cuts(line, text, &num, f[4]);
    free(s);
}

int main(void)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs != NULL, "the rules do not load: %s:%d:%d: %s", err.path, err.line, err.column,
          err.text);
    FILE *f = fopen(DATA, "r");
    CHECK(f != NULL, "cannot open %s", DATA);
    if (!rs || !f) {
        if (f)
            fclose(f);
        rules_free(rs);
        u_cleanup();
        return test_summary("numbers");
    }
    char line[4096];
    int lineno = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *field[MAX_FIELDS];
        int nf = split_tabs(line, field, MAX_FIELDS);
        if (nf < 2) {
            CHECK_AT(DATA, lineno, false, "bad row: want text, numeral, value, upper");
            continue;
        }
        check_row(rs, lineno, field, nf);
        rows++;
    }
    fclose(f);
    CHECK(rows >= 90, "%s has only %d rows", DATA, rows);

    /* the scanner reads at any position, not only at 0 */
    int32_t len;
    UChar *s = utf16_of("投资193.8万元", &len);
    struct numeral num;
    char got[64] = "";
    bool found = numbers_scan(rs, s, 2, len, &num);
    if (found)
        decimal_format(num.value, got, sizeof got);
    CHECK(found && num.start == 2 && num.end == 8 && !strcmp(got, "1938000"),
          "投资193.8万元 at 2: want units 2-8 = 1938000, got %d-%d = %s", num.start, num.end, got);
    CHECK(!numbers_scan(rs, s, len, len, &num), "nothing is read at the end of the text");
    CHECK(numbers_is_numeral_char(rs, s, 2, len) && !numbers_is_numeral_char(rs, s, 0, len),
          "1 begins a numeral, 投 does not");
    free(s);

    rules_free(rs);
    u_cleanup();
    return test_summary("numbers");
}
