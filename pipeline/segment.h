/* segment: the document's text into sentences, and a sentence into words.
 *
 * Reports copied out of PDFs and page columns break lines inside
 * sentences, even inside words (开展透 / blank line / 析治疗). Such breaks
 * are removed before anything else looks at the text; the offset map keeps
 * every remaining character pointing at its original bytes. Sentences and
 * words come from ICU's break iterators (dictionary segmentation for
 * Chinese). */
#ifndef PIPELINE_SEGMENT_H
#define PIPELINE_SEGMENT_H

#include <stdbool.h>

#include "error.h"
#include "model.h"
#include "rules.h"

/* ICU break iterators, opened once and reused; one per thread. */
struct segmenter;

/* NULL (err filled) if ICU cannot open its iterators. */
struct segmenter *segmenter_new(struct pl_error *err);
void segmenter_free(struct segmenter *sg);

/* Remove the line breaks (and blank lines, and the spaces around them) that
 * fall inside a sentence: after a line of at least rule->min_line_chars
 * characters that does not end in one of rule->sentence_end, and not in or
 * right before a table of doc->tables (whose spans are found again after).
 * Edits doc->text, doc->offsets and doc->len in place. */
void segment_join_lines(struct doc *doc, const struct line_join_rule *rule);

/* Remove the readings in pinyin that some pages write in brackets after a
 * Han character (增長(zhǎng)15.23%, 共計(jì), 12個(gè)盟市): a bracket that
 * holds lower-case Latin letters and blanks only, at least one of them
 * with a tone mark, right after an ideograph. The words then meet as
 * written without the reading; the offset map keeps every remaining
 * character pointing at its original bytes, and tables are found again.
 * Edits doc->text, doc->offsets, doc->ends and doc->len in place. */
void segment_drop_readings(struct doc *doc);

/* Word segmentation is lazy: only sentences whose numerals need it are
 * segmented. With eager set, every sentence is, as a whole-text
 * segmentation would: for tests that the two give the same claims. */
void segmenter_set_eager(struct segmenter *sg, bool eager);
bool segmenter_eager(const struct segmenter *sg);

/* Split doc->text into doc->sentences; no sentence ends at a point
 * between numerals of the rules (二．二億, 五.○二%). */
void segment_sentences(struct segmenter *sg, const struct rule_set *rs, struct doc *doc);

/* Word boundaries of text[start, end): boundary[i] is true when a word
 * starts or ends at start + i (i from 0 to end - start inclusive). */
void segment_words(struct segmenter *sg, const UChar *text, int32_t start, int32_t end,
                   bool *boundary);

#endif
