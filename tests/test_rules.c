/* test_rules: the rule loader's errors (tests/bad_rules.txt, one stanza
 * per bad file, each with the exact message), and the shipped rules load. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "harness.h"
#include "rules.h"
#include "xalloc.h"

#define DATA "tests/bad_rules.txt"

static void check_stanza(const char *name, int line, const char *text, const char *want)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load_text("rules/test.json", text, &err);
    char got[1024] = "(loaded without error)";
    if (!rs)
        pl_error_format(&err, got, sizeof got);
    CHECK_AT(DATA, line, !rs && strcmp(got, want) == 0, "%s:\n  want: %s\n  got:  %s", name, want, got);
    CHECK_AT(DATA, line, rs || err.source[0], "%s: no source line for the caret", name);
    rules_free(rs);
}

int main(void)
{
    FILE *f = fopen(DATA, "r");
    CHECK(f != NULL, "cannot open %s", DATA);
    if (!f)
        return test_summary("rules");
    char line[4096], name[256] = "";
    struct buf text = {0};
    int lineno = 0, start = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strncmp(line, "### ", 4)) {
            snprintf(name, sizeof name, "%.*s", (int)strcspn(line + 4, "\n"), line + 4);
            text.len = 0;
            buf_append(&text, "", 0);
            start = lineno;
        } else if (!strncmp(line, "--- ", 4) && name[0]) {
            line[strcspn(line, "\n")] = '\0';
            check_stanza(name, start, text.data, line + 4);
            name[0] = '\0';
        } else if (name[0]) {
            buf_puts(&text, line);
        }
    }
    fclose(f);
    buf_free(&text);

    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs != NULL, "the shipped rules do not load: %s:%d:%d: %s", err.path, err.line, err.column, err.text);
    if (rs) {
        CHECK(rs->n_examples >= 60, "only %zu rule examples", rs->n_examples);
        CHECK(rs->n_units > 0 && rs->n_qualifiers > 0, "units and qualifiers are loaded");
    }
    rules_free(rs);
    struct pl_error missing = {0};
    CHECK(!rules_load("tests/no-such-folder", &missing) && strstr(missing.text, "cannot open"),
          "a missing rules folder is an error: %s", missing.text);
    u_cleanup();
    return test_summary("rules");
}
