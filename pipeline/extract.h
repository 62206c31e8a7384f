/* extract: the claims of a document, found with the rules.
 *
 * For every sentence that holds a numeral, reads each numeral with the
 * number scanner and looks around it: qualifiers, multipliers, units and
 * measure words, ranges and lists that share a unit, exclusions (dates,
 * ordinals, names, idioms), then the roles of change and delta, periods,
 * time references and the subject. Only a numeral with a unit is a claim.
 * The claims get their spans in doc->text, their numeral, unit rule,
 * qualifier, role, group, period, subject, time_ref, sentence and rule ids;
 * normalise computes the rest. */
#ifndef PIPELINE_EXTRACT_H
#define PIPELINE_EXTRACT_H

#include "model.h"
#include "rules.h"
#include "segment.h"

/* Append the claims of doc (already segmented) to doc->claims, in text
 * order. Uses the rule set's patterns, so a rule set serves one thread. */
void extract_claims(struct segmenter *sg, const struct rule_set *rs, struct doc *doc);

/* Add how often the words of each place of rs stand in doc's text to
 * counts[0..rs->n_places), and its Han characters in traditional forms and
 * in all to counts[rs->n_places] and counts[rs->n_places + 1]: the
 * report's place (whose money 元 is) is the one named most, and in a report
 * in traditional script one name will do. A document read in blocks counts
 * them over its whole text first (doc->place_counts). */
void extract_count_places(const struct rule_set *rs, const struct doc *doc, size_t *counts);

#endif
