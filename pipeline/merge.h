/* merge: shard outputs into the dataset one run would have written.
 *
 * `pipeline --shard K/N` runs over the input files whose name hashes to K
 * (of N); each file lands whole in one shard. merge_shards reads the
 * claims.csv, claims.json and documents.csv of every shard folder and
 * writes them to out_dir in single-run order (by input file name, a file's
 * documents in their own order), row for row and byte for byte as the
 * shards wrote them. */
#ifndef PIPELINE_MERGE_H
#define PIPELINE_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Is the input file `name` in shard k of n? */
bool merge_in_shard(const char *name, unsigned k, unsigned n);

/* Merge shards[0..n) into out_dir. False (err set, nothing written) when a
 * shard's files are missing or malformed, or out_dir cannot be written. */
bool merge_shards(const char *out_dir, const char *const *shards, size_t n, struct pl_error *err);

#endif
