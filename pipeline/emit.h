/* emit: the dataset — claims.csv, claims.json, documents.csv, the
 * reviewers' site (report.html and the folder report/), its description
 * datapackage.json, which run
 * and shard it is run.json, and on
 * request claims.excel.csv and orphaned_reviews.csv (removed where an
 * earlier run left them and this one is not asked for them).
 *
 * Documents are added one at a time, in output order (by name), and written
 * as they come, so memory does not grow with the corpus. Nothing appears in
 * the output folder until emit_finish has written every file completely;
 * then all are renamed into place. The columns are those of CLAIMS.md in
 * its order; numbers are plain decimals, never exponents. */
#ifndef PIPELINE_EMIT_H
#define PIPELINE_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "model.h"

struct emitter;
struct review;
struct reviews;
struct rule_set;

/* Which run a dataset is of, and which shard of it: its run.json, which
 * `pipeline merge` checks before it joins shards. */
struct emit_run {
    char id[17];             /* 16 hex digits: a hash of the inputs and of what shapes the output */
    unsigned shard, shards;  /* shard K of N; 0 of 1 for a whole run (or a merge) */
};

struct emit_options {
    struct emit_run run;
    bool excel;                  /* also claims.excel.csv: BOM, formulas defused */
    struct reviews *reviews;     /* verdicts to write beside their claims, or NULL */
    const struct rule_set *rules;/* for datapackage.json's units */
    size_t claims_ahead;         /* a document of more claims has its rows made as they are
                                  * written, this many at a time; 0: EMIT_CLAIMS_AHEAD */
};

/* The names of the dataset's files, NULL-terminated. A run writes those
 * its options ask for and removes the others. */
extern const char *const EMIT_FILES[];

/* Start a dataset in out_dir (which must exist), locking it for this run.
 * NULL (err set) if another run holds it or the temporary files cannot be
 * created. */
struct emitter *emit_begin(const char *out_dir, const struct emit_options *eo, struct pl_error *err);
/* Render doc's rows into doc->rows (claims looked up in the reviews), the
 * audit page's part too. Thread-safe: documents are rendered where they
 * are analysed, so that emit_add only writes bytes; but the claims' rows
 * and the page's part of a document of more than eo->claims_ahead claims
 * are made by emit_add as it writes them, a slice at a time. */
enum { EMIT_CLAIMS_AHEAD = 2048 };
void emit_render(struct doc *doc, const struct emit_options *eo);
/* Write doc's rows (rendered now if they were not). False (err set) on a
 * write error. */
bool emit_add(struct emitter *em, struct doc *doc, struct pl_error *err);
/* A document read in blocks (doc->in_blocks): its claims written block
 * after block as they are made, its row and its part of the page (held in
 * scratch files meanwhile) when it ends. Begin with the document; add
 * each block (a document of its own whose claims are the document's, in
 * order); end with the document, its claims counted in doc->nclaims (its
 * claims array unused). False (err set) on a write error. */
struct emit_stream;
struct emit_stream *emit_stream_begin(struct emitter *em, struct pl_error *err);
bool emit_stream_part(struct emit_stream *s, struct doc *part, struct pl_error *err);
/* Frees s, whatever it returns. */
bool emit_stream_end(struct emit_stream *s, struct doc *doc, struct pl_error *err);

/* Complete every file and rename them into place, removing the dataset's
 * files of an earlier run that this one does not write; frees em. False
 * (err set, nothing renamed) on failure. */
bool emit_finish(struct emitter *em, struct pl_error *err);
/* Abandon the dataset: temporary files removed, em freed. */
void emit_abort(struct emitter *em);

/* run.json: {"run": ID, "shard": K, "shards": N}, one line. */
void emit_run_json(FILE *f, const struct emit_run *r);

/* Copy a scratch file, from its start, to `to`; false on a read error. */
bool emit_copy(FILE *from, FILE *to);

/* The formats (emit_csv.c, emit_json.c). */
extern const char *const EMIT_CLAIM_COLUMNS[];
extern const char *const EMIT_DOCUMENT_COLUMNS[];
extern const char *const EMIT_CHECK_COLUMNS[];    /* checks.csv: CHECKS.md's columns */
/* A check's row of checks.csv; its claims' ids joined by + into b. */
void emit_csv_check(struct buf *b, const struct doc *doc, const struct check *k);
void emit_check_ids(struct buf *b, const struct doc *doc, const struct check *k);
/* A check as one JSON object (claims.json's "checks"; with page, for the
 * audit page: no doc, numbers as strings, < > & escaped as everywhere). */
void emit_json_check(struct buf *b, const struct doc *doc, const struct check *k, bool page);
/* "ok", "failed" or "skipped". */
const char *emit_status(const struct doc *doc);
void emit_csv_header(FILE *f, const char *const *columns);
/* Where the sentence of the claim last written to a buffer went: the
 * claims of one sentence write it once and copy it after. Zeroed for a
 * new buffer; NULL to write every sentence. */
struct emit_memo {
    const char *sentence;
    size_t at, len;
};
void emit_csv_claim(struct buf *b, const struct doc *doc, const struct claim *c, struct emit_memo *m);
/* The same row for Excel: text cells that begin with = + - @ defused. */
void emit_csv_claim_excel(struct buf *b, const struct doc *doc, const struct claim *c, struct emit_memo *m);
void emit_csv_document(struct buf *b, const struct doc *doc);
/* A claim as one JSON object (a line, no trailing comma) with the fields of
 * CLAIMS.md and the review's. With page_doc_at, in the audit page's form:
 * an array of the values of EMIT_PAGE_CLAIM_FIELDS, in that order (the
 * names are written once, not once a claim); numbers as strings, < > &
 * escaped, no byte span or sentence, and the value of "doc" left out, its
 * place put in *page_doc_at (the document's index on the page goes there). */
void emit_json_claim(struct buf *b, const struct doc *doc, const struct claim *c, size_t *page_doc_at,
                     struct emit_memo *m);
extern const char *const EMIT_PAGE_CLAIM_FIELDS[]; /* NULL-terminated */
/* s as a JSON string in the page's form (< > & as \u escapes). */
void emit_json_page_string(struct buf *b, const char *s);
void emit_json_document(struct buf *b, const struct doc *doc);
/* datapackage.json (emit_datapackage.c); rules give the unit column's values. */
void emit_datapackage(FILE *f, const struct rule_set *rules);

/* The audit page report.html (emit_html.c), written to page as documents
 * come: each document's part rendered into its rows (emit_html_render,
 * thread-safe), added in order (the page's indices filled in), the summary
 * and the rest of the page written by emit_html_finish. */
struct emit_html;
/* NULL (err set) if its scratch file cannot be created. */
/* The site: page is report.html, the entry page (the documents, their
 * counts and status, the reviews' export); site the folder (report/, empty)
 * that gets the shared style sheet and scripts and a page of each document
 * (d/), each holding its own claims only. */
struct emit_html *emit_html_begin(FILE *page, const char *site, struct pl_error *err);
void emit_html_render(const struct doc *doc, struct doc_rows *rows);
bool emit_html_add(struct emit_html *h, const struct doc *doc, struct pl_error *err);
/* A document's part written block after block (see emit_stream_begin). */
struct emit_html_stream;
struct emit_html_stream *emit_html_stream_begin(struct emit_html *h, struct pl_error *err);
void emit_html_stream_part(struct emit_html_stream *s, const struct doc *part);
/* Frees s. */
bool emit_html_stream_end(struct emit_html_stream *s, const struct doc *doc, struct pl_error *err);
/* The reviews no claim took (reviews_orphans), listed on the entry page;
 * r must live until emit_html_finish. */
void emit_html_orphans(struct emit_html *h, const struct reviews *r);
bool emit_html_finish(struct emit_html *h, struct pl_error *err);
/* claims.xlsx (emit_xlsx.c): the workbook, written at path (a temporary
 * file of outfile, which it replaces) as rows come: the claims' rows of
 * claims.csv as rendered (the claims sheet and the reviews sheet), the
 * documents' rows of documents.csv. NULL (err set) when it cannot be
 * started. emit_xlsx_finish writes the file: false (err names path) when
 * a cell or the file could not be written. Free with emit_xlsx_free. */
struct emit_xlsx;
struct emit_xlsx *emit_xlsx_begin(const char *path, struct pl_error *err);
void emit_xlsx_claims(struct emit_xlsx *x, const struct buf *csv_rows);
void emit_xlsx_document(struct emit_xlsx *x, const struct buf *csv_row);
bool emit_xlsx_finish(struct emit_xlsx *x, const char *path, struct pl_error *err);
void emit_xlsx_free(struct emit_xlsx *x);

/* The merge of shards (merge.c): each claim counted (with the review the
 * shard's run applied, or NULL), then each document, in order, its page
 * copied from its shard's site folder. */
struct emit_html_entry {
    const char *name, *status, *error;
    size_t nclaims, nbytes, nreviewed;
};
void emit_html_merge_claim(struct emit_html *h, const char *doc, const char *id, const char *kind,
                           const struct review *rv);
bool emit_html_merge_doc(struct emit_html *h, const char *shard_site, const struct emit_html_entry *e,
                         struct pl_error *err);
void emit_html_free(struct emit_html *h);

#endif
