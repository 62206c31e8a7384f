/* test_segmentation: segmenting only the sentences that need it gives the
 * same claims as segmenting every sentence, on every fixture document. */
#include <dirent.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uclean.h>

#include "decode.h"
#include "harness.h"
#include "pipeline.h"
#include "xalloc.h"

static struct rule_set *rs;
static struct segmenter *lazy, *eager;

static struct doc *process(struct segmenter *sg, const char *path)
{
    struct doc *doc = doc_new(path, path);
    if (decode_read(doc))
        pipeline_process_as(sg, rs, doc, pipeline_format_of(path));
    return doc;
}

static int compared;

static void compare(const char *path)
{
    enum pipeline_format f = pipeline_format_of(path);
    if (f == FORMAT_XML || f == FORMAT_JSONL)
        return; /* many documents a file: their items are texts like these */
    struct doc *a = process(lazy, path), *b = process(eager, path);
    CHECK(a->nclaims == b->nclaims, "%s: %zu claims segmenting where needed, %zu segmenting all", path,
          a->nclaims, b->nclaims);
    for (size_t i = 0; i < a->nclaims && i < b->nclaims; i++) {
        const struct claim *x = &a->claims[i], *y = &b->claims[i];
        CHECK(x->byte_start == y->byte_start && x->byte_end == y->byte_end && !strcmp(x->unit, y->unit) &&
                  !strcmp(x->qualifier, y->qualifier) && !strcmp(x->role, y->role) &&
                  !strcmp(x->subject ? x->subject : "", y->subject ? y->subject : "") &&
                  decimal_cmp(x->value, y->value) == 0,
              "%s claim %zu (%s) differs between the two segmentations", path, i + 1, x->quote);
    }
    compared++;
    doc_free(a);
    doc_free(b);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            walk(p);
        else if (S_ISREG(st.st_mode))
            compare(p);
        free(p);
    }
    if (d)
        closedir(d);
}

int main(void)
{
    struct pl_error err = {0};
    rs = rules_load("rules", &err);
    lazy = segmenter_new(&err);
    eager = segmenter_new(&err);
    CHECK(rs && lazy && eager, "set-up: %s", err.text);
    if (!rs || !lazy || !eager)
        return test_summary("segmentation");
    segmenter_set_eager(eager, true);
    walk("fixtures");
    CHECK(compared >= 20, "only %d documents compared", compared);
    segmenter_free(lazy);
    segmenter_free(eager);
    rules_free(rs);
    u_cleanup();
    xmlCleanupParser();
    return test_summary("segmentation");
}
