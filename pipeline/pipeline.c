/* pipeline: the run — rules, discovery, the per-document stages and emit. */
#include "pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "discover.h"
#include "emit.h"
#include "extract.h"
#include "normalise.h"
#include "outfile.h"
#include "xalloc.h"

void pipeline_process(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    if (!decode_text(doc))
        return;
    segment_join_lines(doc, &rs->line_join);
    segment_sentences(sg, doc);
    extract_claims(sg, rs, doc);
    normalise_claims(doc);
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
    for (size_t i = 0; i < inputs.n; i++) {
        struct doc *doc = doc_new(inputs.files[i].name, inputs.files[i].path);
        if (decode_read(doc))
            pipeline_process(sg, rs, doc);
        sum->documents++;
        sum->claims += doc->nclaims;
        if (doc->status == DOC_FAILED) {
            sum->failed++;
            if (o->on_failure)
                o->on_failure(doc->error);
        }
        bool ok = emit_add(em, doc, err);
        doc_free(doc);
        if (!ok)
            goto done;
    }
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
