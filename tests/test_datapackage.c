/* test_datapackage: the dataset of every fixture checked against its own
 * datapackage.json — header = the schema's fields, each cell of its type,
 * within its enum and pattern, required cells present, the primary key
 * unique, every claim's doc a row of documents.csv, every check's doc and
 * claims rows of documents.csv and claims.csv. */
#include <cJSON.h>
#include <csv.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include "csvfile.h"
#include "decimal.h"
#include "harness.h"
#include "pipeline.h"
#include "xalloc.h"

static bool matches(const char *pattern, const char *text)
{
    /* a pattern as long as the rules make it (the unit column's names
     * every currency): its UTF-16 is never longer than its UTF-8 */
    size_t plen = strlen(pattern) + 1;
    UChar *p = xmalloc(plen * sizeof *p), s[4096];
    int32_t pn, sn;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(p, (int32_t)plen, &pn, pattern, -1, &st);
    u_strFromUTF8(s, 4096, &sn, text, -1, &st);
    bool m = false;
    if (U_SUCCESS(st)) {
        URegularExpression *re = uregex_open(p, pn, 0, NULL, &st);
        uregex_setText(re, s, sn, &st);
        m = uregex_find(re, 0, &st) && U_SUCCESS(st);
        uregex_close(re);
    }
    free(p);
    return m;
}

/* Check the table at path against a resource's schema; returns its first
 * column's values (the primary key) through keys. */
static void check_resource(const char *where, const char *path, const cJSON *schema, struct csvfile *t)
{
    struct pl_error err = {0};
    CHECK(csvfile_read(path, t, &err), "%s: cannot read %s as CSV", where, path);
    if (!t->n)
        return;
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(schema, "fields"), *f;
    size_t j = 0;
    cJSON_ArrayForEach(f, fields) {
        const char *name = cJSON_GetObjectItemCaseSensitive(f, "name")->valuestring;
        const char *type = cJSON_GetObjectItemCaseSensitive(f, "type")->valuestring;
        CHECK(j < t->widths[0] && !strcmp(t->rows[0][j], name), "%s: column %zu is %s, the schema says %s", where,
              j + 1, j < t->widths[0] ? t->rows[0][j] : "missing", name);
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(f, "constraints");
        bool required = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "required"));
        const cJSON *choices = cJSON_GetObjectItemCaseSensitive(c, "enum");
        const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(c, "pattern");
        for (size_t i = 1; i < t->n; i++) {
            const char *v = j < t->widths[i] ? t->rows[i][j] : "";
            if (!v[0]) {
                CHECK(!required, "%s row %zu: %s is required", where, i + 1, name);
                continue;
            }
            struct decimal d;
            if (!strcmp(type, "integer"))
                CHECK(strspn(v, "0123456789") == strlen(v), "%s row %zu: %s=%s is no integer", where, i + 1, name, v);
            else if (!strcmp(type, "number"))
                CHECK(decimal_parse(v, &d) && !strchr(v, 'e'), "%s row %zu: %s=%s is no plain number", where, i + 1,
                      name, v);
            if (choices) {
                bool in = false;
                const cJSON *e;
                cJSON_ArrayForEach(e, choices) in = in || !strcmp(e->valuestring, v);
                CHECK(in, "%s row %zu: %s=%s is not one of its enum", where, i + 1, name, v);
            }
            if (pattern)
                CHECK(matches(pattern->valuestring, v), "%s row %zu: %s=%s does not match %s", where, i + 1, name, v,
                      pattern->valuestring);
        }
        j++;
    }
    CHECK(j == t->widths[0], "%s: %zu columns, the schema has %zu fields", where, t->widths[0], j);
    for (size_t i = 2; i < t->n; i++)
        for (size_t k = 1; k < i && i < 2000; k++)
            CHECK(strcmp(t->rows[i][0], t->rows[k][0]), "%s: primary key %s twice", where, t->rows[i][0]);
}

static void check_fixture(const char *name)
{
    char *input = xasprintf("fixtures/%s/input", name);
    char dir[] = "/tmp/test-datapackage-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "temp dir");
    char *out = xasprintf("%s/out", dir);
    const char *inputs[] = {input};
    struct pipeline_options o = {.inputs = inputs, .ninputs = 1, .out_dir = out, .rules_dir = "rules", .jobs = 1};
    struct pipeline_summary sum;
    struct pl_error err = {0};
    enum pipeline_exit code = pipeline_run(&o, &sum, &err);
    CHECK(code != EXIT_USAGE, "%s: the run failed: %s", name, err.text);
    char *pkg = xasprintf("%s/datapackage.json", out);
    FILE *f = fopen(pkg, "rb");
    CHECK(f != NULL, "%s: no datapackage.json", name);
    struct buf text = {0};
    char chunk[8192];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&text, chunk, n);
    if (f)
        fclose(f);
    cJSON *p = text.data ? cJSON_Parse(text.data) : NULL;
    CHECK(p != NULL, "%s: datapackage.json is not JSON", name);
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(p, "resources"), *r;
    struct csvfile claims = {0}, docs = {0}, checks = {0};
    cJSON_ArrayForEach(r, res) {
        const char *rn = cJSON_GetObjectItemCaseSensitive(r, "name")->valuestring;
        char *path = xasprintf("%s/%s", out, cJSON_GetObjectItemCaseSensitive(r, "path")->valuestring);
        char *where = xasprintf("%s %s", name, rn);
        check_resource(where, path, cJSON_GetObjectItemCaseSensitive(r, "schema"),
                       !strcmp(rn, "claims") ? &claims : !strcmp(rn, "checks") ? &checks : &docs);
        free(where);
        free(path);
    }
    /* every check's doc is a document, and its claims are claims */
    for (size_t i = 1; i < checks.n; i++) {
        bool found = false;
        for (size_t k = 1; k < docs.n && !found; k++)
            found = !strcmp(checks.rows[i][1], docs.rows[k][0]);
        CHECK(found, "%s: check row %zu names doc %s, not in documents.csv", name, i + 1, checks.rows[i][1]);
        char *ids = xstrdup(checks.rows[i][3]);
        for (char *id = strtok(ids, "+"); id; id = strtok(NULL, "+")) {
            bool claim = false;
            for (size_t k = 1; k < claims.n && !claim; k++)
                claim = !strcmp(claims.rows[k][0], id);
            CHECK(claim, "%s: check row %zu names claim %s, not in claims.csv", name, i + 1, id);
        }
        free(ids);
    }
    csvfile_free(&checks);
    /* the foreign key: every claim's doc is a document */
    for (size_t i = 1; i < claims.n; i++) {
        bool found = false;
        for (size_t k = 1; k < docs.n && !found; k++)
            found = !strcmp(claims.rows[i][1], docs.rows[k][0]);
        CHECK(found, "%s: claim row %zu names doc %s, not in documents.csv", name, i + 1, claims.rows[i][1]);
    }
    csvfile_free(&claims);
    csvfile_free(&docs);
    cJSON_Delete(p);
    buf_free(&text);
    char *rm = xasprintf("rm -rf %s", dir);
    CHECK(system(rm) == 0, "cleanup");
    free(rm);
    free(pkg);
    free(out);
    free(input);
}

int main(void)
{
    const char *fixtures[] = {"seed", "corpus", "mixed", "markup", "failures", "changes"};
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++)
        check_fixture(fixtures[i]);
    u_cleanup();
    xmlCleanupParser();
    return test_summary("datapackage");
}
