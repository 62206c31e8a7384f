/* pipeline: one run, from input paths to a dataset in an output folder.
 *
 *   discover → decode → segment → extract → normalise → emit
 *
 * Each document goes through decode…normalise on its own and is then handed
 * to emit, in name order. */
#ifndef PIPELINE_PIPELINE_H
#define PIPELINE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"
#include "rules.h"
#include "segment.h"

#define PIPELINE_VERSION "0.1.0"

/* Exit codes of the command. */
enum pipeline_exit {
    EXIT_ALL_OK = 0,        /* every document processed */
    EXIT_SOME_FAILED = 1,   /* some documents failed; the rest were written */
    EXIT_USAGE = 2,         /* bad usage, rules or output folder: nothing written */
};

struct pipeline_options {
    const char *const *inputs;
    size_t ninputs;
    const char *out_dir;
    const char *rules_dir;
    /* Called once for each document that fails, with its message. */
    void (*on_failure)(const char *message);
};

struct pipeline_summary {
    size_t documents, failed, claims;
};

/* Run the whole flow. Returns an exit code; with EXIT_USAGE, err says why.
 * The summary is filled in as far as the run got. */
enum pipeline_exit pipeline_run(const struct pipeline_options *o, struct pipeline_summary *sum,
                                struct pl_error *err);

/* decode → segment → extract → normalise for one document whose bytes are
 * already in doc->bytes. On failure doc->status is DOC_FAILED. */
void pipeline_process(struct segmenter *sg, const struct rule_set *rs, struct doc *doc);

/* The rules folder to use when none is given: the installed one
 * (EXE_DIR/../share/pipeline/rules), else the source tree's (EXE_DIR/../rules),
 * else "rules". The caller frees it. */
char *pipeline_default_rules_dir(void);

#endif
