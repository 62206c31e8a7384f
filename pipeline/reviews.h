/* reviews: reviewers' verdicts on claims, kept across reruns.
 *
 * A reviews file is a CSV with a header naming at least claim_id and
 * verdict (ok, wrong or unsure), and optionally corrected_value (a number),
 * note, and the claim's doc, line, quote and value (as the template has
 * them); other columns are ignored. It is read as a spreadsheet saves it:
 * in UTF-8 with or without a BOM, UTF-16 with a BOM, or another charset
 * ICU's detector finds (GBK, GB18030, Big5); its fields separated by
 * commas, semicolons or tabs (whichever its header line holds most of).
 *
 * A rerun with --reviews writes each verdict beside its claim. A review
 * whose claim id is gone (its document was edited above it) is
 * re-attached to the claim of its document with the same quote and value,
 * the nearest to its line; reviews that match nothing go to
 * orphaned_reviews.csv: none is dropped silently. */
#ifndef PIPELINE_REVIEWS_H
#define PIPELINE_REVIEWS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

struct doc;

struct review {
    char claim_id[17];       /* "" when the file's id was not one: matched by doc, quote and value only */
    char *verdict;
    char *corrected_value;   /* "" when none */
    char *note;              /* "" when none */
    char *doc, *quote, *value; /* the claim as the file describes it; "" when not given */
    int claim_line;          /* the claim's line in its document; 0 when not given */
    int line;                /* in the reviews file */
    bool used;
    bool reattached;         /* applied to a claim of another id */
    size_t order;            /* its place among the reviews sorted by doc */
};

struct reviews;

/* Read a reviews file. NULL (err says why) when it cannot be read, its
 * charset is not found, or it lacks the columns claim_id and verdict.
 * Otherwise the good rows are kept and every malformed row is passed to
 * report (file, line and what is wrong: a verdict not ok, wrong or unsure,
 * a corrected_value that is not a plain decimal (decimal_plain: it is
 * written bare into claims.csv and claims.json), an id that is not one, a
 * second review of a claim) and counted (reviews_bad). */
struct reviews *reviews_load(const char *path, void (*report)(void *ctx, const struct pl_error *e), void *ctx,
                             struct pl_error *err);
/* The rows of the file that were malformed and not applied. */
size_t reviews_bad(const struct reviews *r);
/* The charset the file was read in ("UTF-8", "GB18030" ...) and its field
 * separator. */
const char *reviews_encoding(const struct reviews *r);
char reviews_separator(const struct reviews *r);
/* The review of claim_id, or NULL. Safe from any thread. */
const struct review *reviews_find(const struct reviews *r, const char *claim_id);
/* Give each claim of doc its review: the one of its id; else, where
 * follow, a review of doc whose id matches none of doc's claims and whose
 * quote (and value, where given) is the claim's, the nearest to its line
 * taking it. Reads r only: safe from any thread, for documents of
 * different names. */
void reviews_attach(const struct reviews *r, struct doc *doc, bool follow);
/* Count rv as applied to the claim claim_id (it is not an orphan; where
 * the ids differ, it was re-attached). One thread at a time. */
void reviews_mark_used(struct reviews *r, const struct review *rv, const char *claim_id);
/* The reviews not used, as CSV with a header (claim_id, verdict,
 * corrected_value, note, line, doc, quote, value). */
void reviews_write_orphans(const struct reviews *r, FILE *f);
/* The reviews not used, each in turn (for the audit page). */
const struct review *reviews_orphan_at(const struct reviews *r, size_t *i);
size_t reviews_orphans(const struct reviews *r);
/* The reviews applied, and of them those re-attached to a claim of
 * another id. */
size_t reviews_applied(const struct reviews *r);
size_t reviews_reattached(const struct reviews *r);
void reviews_free(struct reviews *r);

/* Write OUT_DIR/reviews.csv, a reviews file (UTF-8 with a BOM, as
 * spreadsheets read it) with a row for every claim of OUT_DIR/claims.csv:
 * the verdicts the run carried, and what a reviewer judges by (doc, line,
 * quote, value, unit, qualifier, subject, sentence). False (err set) if
 * claims.csv cannot be read or reviews.csv exists. */
bool reviews_template(const char *out_dir, struct pl_error *err);

#endif
