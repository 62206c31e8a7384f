/* pipeline: the run — rules, discovery, the per-document stages and emit. */
#include "pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "decode.h"
#include "discover.h"
#include "emit.h"
#include "extract.h"
#include "markup.h"
#include "normalise.h"
#include "outfile.h"
#include "xalloc.h"

enum pipeline_format pipeline_format_of(const char *name)
{
    const char *dot = strrchr(name, '/');
    dot = strchr(dot ? dot : name, '.');
    static const struct {
        const char *ending;
        enum pipeline_format format;
    } ENDINGS[] = {
        {".html", FORMAT_HTML}, {".htm", FORMAT_HTML},   {".xhtml", FORMAT_HTML},
        {".shtml", FORMAT_HTML}, {".xml", FORMAT_XML},   {".rss", FORMAT_XML},
        {".atom", FORMAT_XML},   {".jsonl", FORMAT_JSONL}, {".ndjson", FORMAT_JSONL},
        {".jsonl.gz", FORMAT_JSONL}, {".ndjson.gz", FORMAT_JSONL},
    };
    size_t n = strlen(name);
    for (size_t i = 0; dot && i < sizeof ENDINGS / sizeof *ENDINGS; i++) {
        size_t k = strlen(ENDINGS[i].ending);
        if (n >= k && !strcasecmp(name + n - k, ENDINGS[i].ending))
            return ENDINGS[i].format;
    }
    return FORMAT_TEXT;
}

void pipeline_analyse(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    if (doc->status == DOC_FAILED || doc->status == DOC_SKIPPED)
        return;
    if (!doc->markup)
        segment_join_lines(doc, &rs->line_join);
    segment_sentences(sg, doc);
    extract_claims(sg, rs, doc);
    normalise_claims(doc);
}

void pipeline_process(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    pipeline_process_as(sg, rs, doc, FORMAT_TEXT);
}

void pipeline_process_as(struct segmenter *sg, const struct rule_set *rs, struct doc *doc,
                         enum pipeline_format format)
{
    if (!decode_text(doc))
        return;
    if (format == FORMAT_HTML && !markup_html(doc, &rs->markup))
        return;
    pipeline_analyse(sg, rs, doc);
}

/* The state of one run, for the per-document callback. */
struct run {
    const struct pipeline_options *o;
    const struct rule_set *rs;
    struct segmenter *sg;
    struct emitter *em;
    struct pipeline_summary *sum;
    struct pl_error *err;
    bool analyse;          /* documents still to be analysed (items, articles) */
};

/* Count, report and write one finished document; frees it. */
static bool finish(void *ctx, struct doc *doc)
{
    struct run *r = ctx;
    if (r->analyse) {
        if (doc->status == DOC_OK && !doc->text)
            decode_text(doc);
        pipeline_analyse(r->sg, r->rs, doc);
    }
    r->sum->documents++;
    r->sum->claims += doc->nclaims;
    if (doc->status == DOC_FAILED || doc->status == DOC_PARTIAL) {
        r->sum->failed++;
        if (r->o->on_failure)
            r->o->on_failure(doc->error);
    } else if (doc->status == DOC_SKIPPED) {
        r->sum->skipped++;
        if (r->o->on_failure)
            r->o->on_failure(doc->error);
    }
    bool ok = emit_add(r->em, doc, r->err);
    doc_free(doc);
    return ok;
}

/* One input file: one document, or one per item or article. */
static bool process_file(struct run *r, const struct input_file *in)
{
    enum pipeline_format format = pipeline_format_of(in->name);
    if (format == FORMAT_JSONL) {
        struct archive_options ao = {r->o->text_field, r->o->id_field};
        char *error = NULL;
        r->analyse = true;
        long n = archive_read(in->path, in->name, &ao, finish, r, &error);
        r->analyse = false;
        if (n >= 0)
            return !r->err->set;
        struct doc *doc = doc_new(in->name, in->path);
        doc_fail(doc, error);
        free(error);
        return finish(r, doc);
    }
    struct doc *doc = doc_new(in->name, in->path);
    doc->declared_encoding = r->o->encoding;
    if (format == FORMAT_XML && decode_read(doc) && decode_text(doc)) {
        r->analyse = true;
        long n = markup_feed(doc, &r->rs->markup, finish, r);
        r->analyse = false;
        if (n >= 0) {
            doc_free(doc);
            return !r->err->set;
        }
        return finish(r, doc);
    }
    if (format != FORMAT_XML && decode_read(doc))
        pipeline_process_as(r->sg, r->rs, doc, format);
    return finish(r, doc);
}

enum pipeline_exit pipeline_run(const struct pipeline_options *o, struct pipeline_summary *sum,
                                struct pl_error *err)
{
    memset(sum, 0, sizeof *sum);
    struct rule_set *rs = rules_load(o->rules_dir, err);
    if (!rs)
        return EXIT_USAGE;
    struct input_list inputs = {0};
    struct segmenter *sg = NULL;
    struct emitter *em = NULL;
    struct made_dirs made = {0};
    enum pipeline_exit code = EXIT_USAGE;
    if (!discover(o->inputs, o->ninputs, &inputs, err))
        goto done;
    if (inputs.n == 0) {
        pl_error_set(err, o->inputs[0], 0, 0, "no documents found in the input");
        goto done;
    }
    if (!(sg = segmenter_new(err)) || !outfile_make_dir(o->out_dir, &made, err) ||
        !(em = emit_begin(o->out_dir, err)))
        goto done;
    struct run run = {o, rs, sg, em, sum, err, false};
    for (size_t i = 0; i < inputs.n; i++)
        if (!process_file(&run, &inputs.files[i]))
            goto done;
    bool finished = emit_finish(em, err);
    em = NULL;
    if (finished)
        code = sum->failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
done:
    emit_abort(em);
    /* a run that wrote nothing leaves no folders behind */
    if (code == EXIT_USAGE)
        outfile_unmake_dirs(&made);
    else
        outfile_keep_dirs(&made);
    segmenter_free(sg);
    input_list_free(&inputs);
    rules_free(rs);
    return code;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *pipeline_default_rules_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            const char *candidates[] = {"../share/pipeline/rules", "../rules"};
            for (size_t i = 0; i < 2; i++) {
                char *dir = xasprintf("%s/%s", exe, candidates[i]);
                char real[PATH_MAX];
                if (is_dir(dir) && realpath(dir, real)) {
                    free(dir);
                    /* relative to the working folder where it lies below it,
                     * so that messages read "rules/units.json:12:7" */
                    char cwd[PATH_MAX];
                    size_t k = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
                    if (k && strncmp(real, cwd, k) == 0 && real[k] == '/')
                        return xstrdup(real + k + 1);
                    return xstrdup(real);
                }
                free(dir);
            }
        }
    }
    return xstrdup("rules");
}
