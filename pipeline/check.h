/* check: a report's own arithmetic.
 *
 * After normalise, per document, the check stage finds the relations the
 * text states between its figures (CHECKS.md): a total and its parts
 * (sum), a share and its part and whole (share), a difference and its two
 * figures (difference), the two ends of a change and its stated size
 * (change_pp, change_percent, change_fold). It reads the claims only —
 * their units, roles, groups, subjects and positions, the words between
 * them and the tables' cells they stand in — and the check rules of the
 * rule set (section "checks"), never changes a claim, and recomputes each
 * relation in exact decimal arithmetic.
 *
 * Verdicts. Every figure stands for the interval its writing allows: half
 * a unit of its last digit either side (27.6% is 27.55 to 27.65; 12345亿元
 * is ± 0.5亿元; a Han numeral's last digit is its last non-zero one), a
 * whole unit either side when approximate (约), open above for over (多 余
 * 以上), below for under (近 不到), both ends of a range. The computed
 * figure is the interval its inputs give (when the rule says its inputs are
 * rounded; else from their values alone), rounded outward; the relation is
 * consistent when the stated interval meets it. A relation one of whose
 * figures is not a claim is not found: nothing is emitted. */
#ifndef PIPELINE_CHECK_H
#define PIPELINE_CHECK_H

#include <stdbool.h>

#include "decimal.h"
#include "model.h"
#include "rules.h"

/* Find and verify the relations of doc's claims; they go to doc->checks
 * (in doc's arena), in the order of the document: by their first claim,
 * then by the stated one. Each gets an id (a hash of the document's name
 * and its claims' ids) and a note. Finding nothing leaves doc->nchecks 0. */
void check_doc(const struct rule_set *rs, struct doc *doc);

/* The interval a written figure stands for (see above), in canonical
 * units. lo_open / hi_open: unbounded on that side. */
struct check_interval {
    struct decimal lo, hi;
    bool lo_open, hi_open;
};
struct check_interval check_claim_interval(const struct claim *c);

/* Half a unit of c's last written digit, in canonical units (0.05 for
 * 27.6%, 5000 for 141178万人, 50 for 83.30万人). */
struct decimal check_half_unit(const struct claim *c);

/* The arithmetic of one relation, on the claims given (the stated one
 * first, the inputs after, as in struct check). sign: -1 when the text
 * says the stated change is a fall (下降 0.04 个百分点 states -0.04), else
 * 1. fold_minus_one: 增长 N 倍 (B / A − 1) rather than 是…的 N 倍.
 * inputs_rounded: widen the computed interval by the inputs' rounding.
 * Fills stated, computed, tolerance, has_tolerance and consistent of
 * out; false (out untouched) when it cannot be computed (a division by a
 * figure that may be zero, an overflow). */
bool check_compute(const char *relation, const struct claim *const *claims, size_t n, int sign,
                   bool fold_minus_one, bool inputs_rounded, struct check *out);

/* d rounded to the given number of decimal places (half away from zero). */
struct decimal check_round(struct decimal d, int places);

#endif
