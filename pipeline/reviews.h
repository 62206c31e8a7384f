/* reviews: reviewers' verdicts on claims, kept across reruns.
 *
 * A reviews file is a CSV with a header naming at least claim_id and
 * verdict (ok, wrong or unsure), and optionally corrected_value (a number)
 * and note; other columns (doc, quote … of the template) are ignored. A
 * rerun with --reviews writes each verdict beside its claim; reviews whose
 * claim no longer exists go to orphaned_reviews.csv: none is dropped
 * silently. */
#ifndef PIPELINE_REVIEWS_H
#define PIPELINE_REVIEWS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

struct review {
    char claim_id[17];
    char *verdict;
    char *corrected_value;   /* "" when none */
    char *note;              /* "" when none */
    int line;                /* in the reviews file */
    bool used;
};

struct reviews;

/* Read a reviews file. NULL when it cannot be read (err says why) or rows
 * are malformed: then every malformed row is passed to report (file, line
 * and what is wrong) and err says how many; without report, err is the
 * first malformed row. A
 * corrected_value must be a plain decimal (decimal_plain): it is written
 * bare into claims.csv and claims.json. */
struct reviews *reviews_load(const char *path, void (*report)(void *ctx, const struct pl_error *e), void *ctx,
                             struct pl_error *err);
/* The review of claim_id, or NULL. Safe from any thread. */
const struct review *reviews_find(const struct reviews *r, const char *claim_id);
/* Count rv as matched (it is not an orphan). One thread at a time. */
void reviews_mark_used(struct reviews *r, const struct review *rv);
/* The reviews not used, as CSV with a header. */
void reviews_write_orphans(const struct reviews *r, FILE *f);
size_t reviews_orphans(const struct reviews *r);
void reviews_free(struct reviews *r);

/* Write OUT_DIR/reviews.csv, a reviews file with a row for every claim of
 * OUT_DIR/claims.csv (verdict empty, doc, quote, value and unit beside it).
 * False (err set) if claims.csv cannot be read or reviews.csv exists. */
bool reviews_template(const char *out_dir, struct pl_error *err);

#endif
