/* test_formats: the seed in four forms (fixtures/mixed: UTF-8 text, GB18030
 * text, an HTML page around it, a JSON Lines archive) gives the same claims,
 * and the bytes at every claim's offsets, decoded on their own, are the
 * plain text's quote. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uclean.h>
#include <unicode/ucnv.h>

#include "archive.h"
#include "decode.h"
#include "harness.h"
#include "pipeline.h"
#include "xalloc.h"

#define DIR "fixtures/mixed/input/"

static struct segmenter *sg;
static struct rule_set *rs;

static struct doc *read_form(const char *file)
{
    char *path = xasprintf(DIR "%s", file);
    struct doc *doc = doc_new(file, path);
    free(path);
    if (decode_read(doc))
        pipeline_process_as(sg, rs, doc, pipeline_format_of(file));
    return doc;
}

static struct doc *article;

static bool keep_seed(void *ctx, struct doc *doc)
{
    (void)ctx;
    if (!strcmp(doc->name, "seed.jsonl#seed") && decode_text(doc)) {
        pipeline_analyse(sg, rs, doc);
        article = doc;
    } else {
        doc_free(doc);
    }
    return true;
}

/* bytes[start, end) in charset, as UTF-8; HTML entities resolved when html. */
static char *decoded(const struct doc *doc, size_t start, size_t end, bool html)
{
    UErrorCode status = U_ZERO_ERROR;
    char *out = xmalloc((end - start) * 4 + 1);
    int32_t n = ucnv_convert("UTF-8", doc->encoding, out, (int32_t)((end - start) * 4 + 1),
                             (const char *)doc->bytes + start, (int32_t)(end - start), &status);
    out[U_SUCCESS(status) ? n : 0] = '\0';
    if (html && strchr(out, '&')) {
        /* let libxml2 read the fragment, then take its text */
        htmlDocPtr d = htmlReadMemory(out, (int)strlen(out), NULL, "UTF-8",
                                      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
        xmlChar *t = d ? xmlNodeGetContent((xmlNode *)d) : NULL;
        free(out);
        out = xstrdup(t ? (const char *)t : "");
        xmlFree(t);
        xmlFreeDoc(d);
    }
    return out;
}

static void same_claims(const struct doc *ref, const struct doc *form, bool html)
{
    CHECK(form->status == DOC_OK, "%s: %s", form->name, form->error ? form->error : "");
    CHECK(form->nclaims == ref->nclaims, "%s: %zu claims, the text has %zu", form->name, form->nclaims,
          ref->nclaims);
    for (size_t i = 0; i < form->nclaims && i < ref->nclaims; i++) {
        const struct claim *a = &ref->claims[i], *b = &form->claims[i];
        char va[64], vb[64];
        decimal_format(a->value, va, sizeof va);
        decimal_format(b->value, vb, sizeof vb);
        char *at = decoded(form, b->byte_start, b->byte_end, html);
        CHECK(!strcmp(at, a->quote), "%s claim %zu: the bytes at %zu..%zu read \"%s\", want \"%s\"", form->name,
              i + 1, b->byte_start, b->byte_end, at, a->quote);
        free(at);
        CHECK(!strcmp(va, vb) && !strcmp(a->unit, b->unit) && !strcmp(a->qualifier, b->qualifier) &&
                  !strcmp(a->role, b->role),
              "%s claim %zu (%s): %s %s %s %s, the text has %s %s %s %s", form->name, i + 1, a->quote, vb,
              b->unit, b->qualifier, b->role, va, a->unit, a->qualifier, a->role);
        CHECK(!strcmp(a->subject ? a->subject : "", b->subject ? b->subject : ""),
              "%s claim %zu (%s): subject %s, the text has %s", form->name, i + 1, a->quote,
              b->subject ? b->subject : "-", a->subject ? a->subject : "-");
    }
}

static char *stream_failure;

static void keep_failure(const char *message)
{
    if (!stream_failure)
        stream_failure = xstrdup(message);
}

/* --stdin-jsonl over a gzip stream cut short: the claims before the cut
 * are written, the cut is handed to on_failure (only main.c prints) and
 * the exit code says some failed. */
static void stream_cut_off(void)
{
    struct buf gz = {0};
    int e = 0;
    CHECK(buf_read_file(&gz, "fixtures/archive/input/news.jsonl.gz", &e), "cannot read the archive fixture");
    FILE *in = tmpfile(), *out = tmpfile(), *errors = tmpfile();
    fwrite(gz.data, 1, gz.len - 4, in); /* the trailer cut */
    rewind(in);
    fflush(stderr);
    int saved = dup(fileno(stderr));
    dup2(fileno(errors), fileno(stderr));
    struct pipeline_options o = {.rules_dir = "rules", .on_failure = keep_failure};
    struct pipeline_summary sum;
    struct pl_error err = {0};
    enum pipeline_exit code = pipeline_stream(&o, in, out, &sum, &err);
    fflush(stderr);
    dup2(saved, fileno(stderr));
    close(saved);
    CHECK(code == EXIT_SOME_FAILED, "a stream cut off: exit %d, expected %d", (int)code, EXIT_SOME_FAILED);
    CHECK(stream_failure && strstr(stream_failure, "stdin"), "a stream cut off is handed to on_failure: %s",
          stream_failure ? stream_failure : "nothing");
    CHECK(ftell(errors) == 0, "pipeline_stream printed %ld bytes itself", ftell(errors));
    CHECK(ftell(out) > 0, "the claims before the cut are written");
    free(stream_failure);
    fclose(in);
    fclose(out);
    fclose(errors);
    buf_free(&gz);
}

int main(void)
{
    struct pl_error err = {0};
    rs = rules_load("rules", &err);
    sg = segmenter_new(&err);
    CHECK(rs && sg, "rules and segmenter: %s", err.text);
    if (!rs || !sg)
        return test_summary("formats");
    struct doc *text = read_form("seed.txt");
    CHECK(text->nclaims >= 50, "the seed gives %zu claims", text->nclaims);
    struct doc *gb = read_form("seed-gb18030.txt");
    CHECK(!strcmp(gb->encoding, "GB18030"), "detected %s", gb->encoding);
    same_claims(text, gb, false);
    struct doc *page = read_form("seed.html");
    same_claims(text, page, true);
    CHECK(page->title && page->date && page->url, "the page's title, date and url are read");
    struct archive_options ao = {NULL, NULL};
    char *error = NULL;
    long n = archive_read(DIR "seed.jsonl", "seed.jsonl", &ao, keep_seed, NULL, &error);
    CHECK(n == 3, "the archive has 3 articles (one malformed), read %ld", n);
    CHECK(article != NULL, "the article with id seed is read");
    if (article) {
        same_claims(text, article, false);
        CHECK(article->archive_line == 1 && article->claims[0].line == 1,
              "an article's claims carry its line in the archive");
    }
    free(error);
    stream_cut_off();
    doc_free(text);
    doc_free(gb);
    doc_free(page);
    doc_free(article);
    segmenter_free(sg);
    rules_free(rs);
    u_cleanup();
    xmlCleanupParser();
    return test_summary("formats");
}
