/* pipeline: one run, from input paths to a dataset in an output folder.
 *
 *   discover → decode → (markup | archive) → segment → extract → normalise → when → emit
 *
 * Each document goes through decode…normalise on its own and is then handed
 * to emit, in name order (a feed's items and an archive's articles in
 * their order in the file). */
#ifndef PIPELINE_PIPELINE_H
#define PIPELINE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

struct pipeline_summary;

/* How a file is read, by its name's ending. */
enum pipeline_format {
    FORMAT_TEXT,    /* plain text */
    FORMAT_HTML,    /* .html .htm .xhtml .shtml: the article of a page */
    FORMAT_XML,     /* .xml .rss .atom: each item of a feed a document */
    FORMAT_JSONL,   /* .jsonl .ndjson (.gz): each line an article */
};

enum pipeline_format pipeline_format_of(const char *name);

struct pipeline_options {
    const char *const *inputs;
    size_t ninputs;
    const char *out_dir;
    const char *rules_dir;
    const char *encoding;     /* --encoding: the charset of every file; NULL to detect */
    const char *text_field;   /* --text-field of JSON Lines archives; NULL: content, then text */
    const char *id_field;     /* --id-field; NULL: id */
    int jobs;                 /* --jobs: worker threads; 0: one per online CPU */
    unsigned shard, shards;   /* --shard K/N: only input files of shard K of N; N = 0: all */
    bool excel;               /* --excel: also claims.excel.csv */
    const char *reviews;      /* --reviews FILE: reviewers' verdicts to carry, or NULL */
    const char *date;         /* --date YYYY-MM-DD: every document's date, or NULL */
    /* Called once for each document that fails, with its message. */
    void (*on_failure)(const char *message);
    /* Called for each input passed over (the output folder, a file met
     * before), with why; may be NULL. */
    void (*on_note)(const char *message);
    /* Called after each input file, with the summary so far; may be NULL. */
    void (*on_progress)(const struct pipeline_summary *sum);
};

/* The kinds of CLAIMS.md, in this order in pipeline_summary.by_kind. */
extern const char *const PIPELINE_KINDS[];
enum { PIPELINE_NKINDS = 6 };

struct pipeline_summary {
    size_t documents, failed, skipped, claims;
    size_t by_kind[PIPELINE_NKINDS];
    size_t files, files_total;      /* input files done, of all */
    size_t bytes;                   /* of the input files done */
    size_t orphaned_reviews;        /* reviews whose claim is gone (orphaned_reviews.csv) */
    size_t applied_reviews;         /* reviews written beside a claim */
    size_t reattached_reviews;      /* of them, those found by doc, quote and value (the id changed) */
    size_t bad_reviews;             /* malformed rows of the reviews file, not applied */
    char reviews_read_as[64];       /* its charset, and its separator when not a comma */
    size_t checks, inconsistent;    /* relations checked (checks.csv), of them inconsistent */
};

/* Run the whole flow. Returns an exit code; with EXIT_USAGE, err says why.
 * The summary is filled in as far as the run got. */
enum pipeline_exit pipeline_run(const struct pipeline_options *o, struct pipeline_summary *sum,
                                struct pl_error *err);

/* decode → (markup) → segment → extract → normalise for one document whose
 * bytes are already in doc->bytes, read as format (not FORMAT_XML or
 * FORMAT_JSONL: those are many documents). On failure doc->status says so. */
void pipeline_process_as(struct segmenter *sg, const struct rule_set *rs, struct doc *doc,
                         enum pipeline_format format);
/* pipeline_process_as for plain text. */
void pipeline_process(struct segmenter *sg, const struct rule_set *rs, struct doc *doc);

/* segment → extract → normalise → when for a decoded document (doc->text set). */
void pipeline_analyse(struct segmenter *sg, const struct rule_set *rs, struct doc *doc);

/* --stdin-jsonl: articles as JSON Lines on `in`, claims as JSON Lines on
 * `out`, one object a claim, written as each article is done; nothing is
 * kept between articles. Articles that fail, and a stream broken off (the
 * articles after it lost), are handed to o->on_failure; nothing is
 * printed. Returns an exit code. */
enum pipeline_exit pipeline_stream(const struct pipeline_options *o, FILE *in, FILE *out,
                                   struct pipeline_summary *sum, struct pl_error *err);

/* The number of online CPUs (at least 1). */
int pipeline_default_jobs(void);

/* The rules folder to use when none is given: the installed one
 * (EXE_DIR/../share/pipeline/rules), else the source tree's (EXE_DIR/../rules),
 * else "rules". The caller frees it. */
char *pipeline_default_rules_dir(void);

#endif
