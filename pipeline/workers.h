/* workers: documents analysed on a pool of threads and handed back in the
 * order they were submitted.
 *
 * At most `in_flight` documents are between submit and done at any time,
 * so memory grows with the largest documents, not with their number.
 * done() is called once a document, in submission order, one call at a
 * time, on the submitting thread or on a worker (mostly the one that
 * worked on the document): what it shares with the submitting thread
 * needs a lock. work() runs on a worker with that worker's state (its own
 * rules and segmenter: ICU's regular expressions and break iterators
 * serve one thread). */
#ifndef PIPELINE_WORKERS_H
#define PIPELINE_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef void (*work_fn)(void *state, struct doc *doc);

struct workers;

/* Start n threads, thread i with states[i]. NULL if a thread cannot start. */
struct workers *workers_start(int n, void **states, work_fn work, doc_fn done, void *ctx,
                              size_t in_flight);
/* Queue doc; while the queue is full, wait (handing finished documents to
 * done if no other thread is).
 * False once done has returned false (doc is then freed). */
bool workers_submit(struct workers *w, struct doc *doc);
/* Wait for every document, hand the rest to done, stop the threads and
 * free w. False if done returned false. */
bool workers_finish(struct workers *w);

#endif
