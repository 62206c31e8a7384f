/* examples: every rule's examples, run as tests.
 *
 * An example is a text and the claims it must give, in order; each
 * expected claim names only the fields it checks (CLAIMS.md names). The
 * text is processed exactly as a document would be. */
#ifndef PIPELINE_EXAMPLES_H
#define PIPELINE_EXAMPLES_H

#include <stdio.h>

#include "rules.h"
#include "segment.h"

/* Run all examples of rs, writing one line per failure to out
 * ("file:line: rule ID: ..."). Counts go to *passed and *failed. */
void examples_run(const struct rule_set *rs, struct segmenter *sg, FILE *out, int *passed,
                  int *failed);

#endif
