/* test_check: the arithmetic and tolerance of each relation of the check
 * stage (check_compute) on the table of cases in tests/checks.tsv, and
 * the interval a written figure stands for (check_claim_interval). A
 * failure names the data file and line. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decimal.h"
#include "harness.h"

#define DATA "tests/checks.tsv"
#define MAX_FIELDS 8
#define MAX_CLAIMS 16

/* "QUOTE=VALUE[:QUALIFIER]" into c (its strings point into spec). */
static bool parse_claim(char *spec, struct claim *c)
{
    while (*spec == ' ')
        spec++;
    for (char *e = spec + strlen(spec); e > spec && e[-1] == ' ';)
        *--e = '\0';
    char *eq = strrchr(spec, '=');
    if (!eq)
        return false;
    *eq = '\0';
    char *q = strchr(eq + 1, ':');
    if (q)
        *q++ = '\0';
    char *end = eq + 1 + strlen(eq + 1);
    while (end > eq + 1 && end[-1] == ' ')
        *--end = '\0';
    memset(c, 0, sizeof *c);
    c->quote = spec;
    c->qualifier = q ? q : "exact";
    if (!decimal_parse(eq + 1, &c->value))
        return false;
    c->number = c->value;
    if (q && !strcmp(q, "over")) {
        c->has_lower = true;
        c->lower = c->value;
    } else if (q && !strcmp(q, "under")) {
        c->has_upper = true;
        c->upper = c->value;
    }
    return true;
}

static void check_row(int line, char **f, int n)
{
    CHECK_AT(DATA, line, n >= 5, "expected 5 or 6 columns, got %d", n);
    if (n < 5)
        return;
    const char *relation = f[0], *options = f[1];
    struct claim claims[MAX_CLAIMS];
    const struct claim *ptr[MAX_CLAIMS];
    size_t nc = 0;
    for (char *s = f[2], *bar; s && nc < MAX_CLAIMS; s = bar ? bar + 1 : NULL) {
        bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        bool ok = parse_claim(s, &claims[nc]);
        CHECK_AT(DATA, line, ok, "cannot read the claim \"%s\"", s);
        if (!ok)
            return;
        ptr[nc] = &claims[nc];
        nc++;
    }
    int sign = strstr(options, "down") ? -1 : 1;
    struct check k = {0};
    bool ok = check_compute(relation, ptr, nc, sign, strstr(options, "minus_one") != NULL,
                            strstr(options, "rounded") != NULL, &k);
    CHECK_AT(DATA, line, ok, "%s: cannot be computed", relation);
    if (!ok)
        return;
    char computed[DECIMAL_TEXT_MAX], tolerance[DECIMAL_TEXT_MAX];
    decimal_format(k.computed, computed, sizeof computed);
    decimal_format(k.tolerance, tolerance, sizeof tolerance);
    const char *verdict = k.consistent ? "consistent" : "inconsistent";
    CHECK_AT(DATA, line, !strcmp(verdict, f[3]), "%s: expected %s, got %s (computed %s, tolerance %s)", relation,
             f[3], verdict, computed, k.has_tolerance ? tolerance : "open");
    CHECK_AT(DATA, line, !strcmp(computed, f[4]), "%s: computed %s, expected %s", relation, computed, f[4]);
    if (n >= 6 && f[5][0]) {
        const char *got = k.has_tolerance ? tolerance : "open";
        CHECK_AT(DATA, line, !strcmp(got, f[5]), "%s: tolerance %s, expected %s", relation, got, f[5]);
    }
}

/* Half a unit of the last written digit, and the intervals of qualifiers. */
static void check_intervals(void)
{
    static const struct {
        const char *quote, *value, *qualifier, *half;
    } CASES[] = {
        {"27.6%", "27.6", "exact", "0.05"},       {"12345亿元", "1234500000000", "exact", "50000000"},
        {"83.30万人", "833000", "exact", "50"},   {"3.10人", "3.1", "exact", "0.005"},
        {"1,234.5万元", "12345000", "exact", "500"}, {"三千五百万", "35000000", "exact", "500000"},
        {"２．５％", "2.5", "exact", "0.05"},     {"5万4千人", "54000", "exact", "500"},
        {"约300公里", "300", "approx", "0.5"},      {"-2.5", "-2.5", "exact", "0.05"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        struct claim c = {0};
        c.quote = CASES[i].quote;
        c.qualifier = CASES[i].qualifier;
        decimal_parse(CASES[i].value, &c.value);
        char got[DECIMAL_TEXT_MAX];
        decimal_format(check_half_unit(&c), got, sizeof got);
        CHECK(!strcmp(got, CASES[i].half), "half unit of %s: %s, expected %s", CASES[i].quote, got, CASES[i].half);
    }
    struct claim c = {0};
    c.quote = "约300公里";
    c.qualifier = "approx";
    decimal_parse("300", &c.value);
    struct check_interval iv = check_claim_interval(&c);
    char lo[DECIMAL_TEXT_MAX], hi[DECIMAL_TEXT_MAX];
    decimal_format(iv.lo, lo, sizeof lo);
    decimal_format(iv.hi, hi, sizeof hi);
    CHECK(!strcmp(lo, "299") && !strcmp(hi, "301"), "约300: %s to %s, expected 299 to 301", lo, hi);
    c.qualifier = "over";
    iv = check_claim_interval(&c);
    CHECK(iv.hi_open && !iv.lo_open, "300 over: open above only");
    c.qualifier = "under";
    iv = check_claim_interval(&c);
    CHECK(iv.lo_open && !iv.hi_open, "300 under: open below only");
    char r[DECIMAL_TEXT_MAX];
    decimal_format(check_round((struct decimal){27575, -3}, 2), r, sizeof r);
    CHECK(!strcmp(r, "27.58"), "27.575 rounded to 2 places: %s", r);
    decimal_format(check_round((struct decimal){-48, -2}, 1), r, sizeof r);
    CHECK(!strcmp(r, "-0.5"), "-0.48 rounded to 1 place: %s", r);
}

int main(void)
{
    FILE *f = fopen(DATA, "r");
    CHECK(f != NULL, "cannot open %s", DATA);
    if (f) {
        char line[4096];
        int no = 0;
        while (fgets(line, sizeof line, f)) {
            no++;
            line[strcspn(line, "\r\n")] = '\0';
            if (!line[0] || line[0] == '#')
                continue;
            char *fields[MAX_FIELDS];
            int n = split_tabs(line, fields, MAX_FIELDS);
            check_row(no, fields, n);
        }
        fclose(f);
    }
    check_intervals();
    return test_summary("check");
}
