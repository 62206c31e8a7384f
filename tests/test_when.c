/* test_when: time references resolved against a document's date, against
 * tests/when.tsv (when_resolve with the rules of rules/), and the dates of
 * pages, feeds and archives (when_parse_date). A failure names the data
 * file and line. Columns (tab-separated; '#' lines and blank lines
 * skipped):
 *
 *   date  time_ref  when
 *
 * date: the document's date, YYYY-MM-DD, or "-" for none; when: what
 * time_ref resolves to, or "-" where it cannot be resolved. A row whose
 * first field is "parse" checks when_parse_date instead: the second field
 * is the date as given, the third what it is read as ("-": none). */
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "harness.h"
#include "rules.h"
#include "when.h"
#include "xalloc.h"

#define DATA "tests/when.tsv"

int main(void)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs, "rules: %s", err.text);
    if (!rs)
        return test_summary("when");
    FILE *f = fopen(DATA, "r");
    CHECK(f, "cannot open %s", DATA);
    char line[1024];
    int n = 0, rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *field[4];
        if (split_tabs(line, field, 4) != 3) {
            CHECK_AT(DATA, n, false, "want 3 tab-separated fields");
            continue;
        }
        rows++;
        const char *want = strcmp(field[2], "-") ? field[2] : "";
        char got[WHEN_MAX];
        if (!strcmp(field[0], "parse")) {
            bool ok = when_parse_date(field[1], got);
            CHECK_AT(DATA, n, ok == (want[0] != 0) && !strcmp(got, want), "date %s: want \"%s\", got \"%s\"",
                     field[1], want, got);
            continue;
        }
        const char *day = strcmp(field[0], "-") ? field[0] : NULL;
        bool ok = when_resolve(rs, field[1], day, got);
        CHECK_AT(DATA, n, ok == (want[0] != 0) && !strcmp(got, want), "%s at %s: want \"%s\", got \"%s\"",
                 field[1], day ? day : "no date", want, got);
    }
    if (f)
        fclose(f);
    CHECK(rows >= 80, "%s holds %d rows; the table is at least 80", DATA, rows);
    printf("when: %d rows of %s\n", rows, DATA);
    rules_free(rs);
    u_cleanup();
    return test_summary("when");
}
