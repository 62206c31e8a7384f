/* emit: the dataset — claims.csv, claims.json and documents.csv.
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

/* Start a dataset in out_dir (which must exist). NULL (err set) if its
 * temporary files cannot be created. */
struct emitter *emit_begin(const char *out_dir, struct pl_error *err);
/* Write doc's row and claims. False (err set) on a write error. */
bool emit_add(struct emitter *em, const struct doc *doc, struct pl_error *err);
/* Complete every file and rename them into place; frees em. False (err
 * set, nothing renamed) on failure. */
bool emit_finish(struct emitter *em, struct pl_error *err);
/* Abandon the dataset: temporary files removed, em freed. */
void emit_abort(struct emitter *em);

/* The formats (emit_csv.c, emit_json.c). */
extern const char *const EMIT_CLAIM_COLUMNS[];
extern const char *const EMIT_DOCUMENT_COLUMNS[];
/* "ok", "failed" or "skipped". */
const char *emit_status(const struct doc *doc);
void emit_csv_header(FILE *f, const char *const *columns);
void emit_csv_claim(FILE *f, const struct doc *doc, const struct claim *c);
void emit_csv_document(FILE *f, const struct doc *doc);
/* One JSON object (a line, no trailing comma). */
void emit_json_claim(FILE *f, const struct doc *doc, const struct claim *c);
void emit_json_document(FILE *f, const struct doc *doc);

#endif
