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

/* The claim id: 16 lowercase hex digits of a 64-bit FNV-1a hash. */
void normalise_claim_id(const char *doc_name, size_t byte_start, size_t byte_end,
                        const char *quote, char out[17]);

#endif
