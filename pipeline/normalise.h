/* normalise: raw claims into the fields of CLAIMS.md.
 *
 * value = the numeral × the unit's factor (八成 → 80, 1300斤 → 650 kg);
 * canonical unit and kind from the unit rule; bounds from the qualifier
 * (over: lower = value; under: upper = value; range: both); the quote's
 * byte span, line and column in the input file; the quote itself, copied
 * from the input bytes; and the claim id, a hash of the document name, the
 * byte span and the quote, so that an id survives reruns and edits
 * elsewhere in the document. */
#ifndef PIPELINE_NORMALISE_H
#define PIPELINE_NORMALISE_H

#include "model.h"

void normalise_claims(struct doc *doc);

/* The claim id: a 64-bit FNV-1a hash written as 16 lowercase letters of
 * ghjkmnpqrstvwxyz, one a hex digit (0 → g … f → z), so that no
 * spreadsheet reads it as a number. */
void normalise_claim_id(const char *doc_name, size_t byte_start, size_t byte_end,
                        const char *quote, char out[17]);
/* FNV-1a of n bytes at data, continuing from h (0xcbf29ce484222325 to
 * begin): the hash of ids. */
uint64_t normalise_fnv1a(uint64_t h, const void *data, size_t n);
/* h written as an id (16 letters and a NUL into out). */
void normalise_id_letters(uint64_t h, char out[17]);
/* Whether id is an id of this form. */
bool normalise_id_valid(const char *id);
/* An id of the form of earlier versions (16 hex digits, the same hash) in
 * this form into out; false when hex is not of that form. */
bool normalise_id_from_hex(const char *hex, char out[17]);

#endif
