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
#include <stdint.h>

#include "error.h"

/* Is the input file `name` in shard k of n? */
bool merge_in_shard(const char *name, unsigned k, unsigned n);

/* FNV-1a over n bytes at p, going on from h (MERGE_HASH_START at first). */
#define MERGE_HASH_START 0xcbf29ce484222325ULL
uint64_t merge_hash(const void *p, size_t n, uint64_t h);

/* Merge shards[0..n) into out_dir: claims.csv, claims.json and
 * documents.csv joined, datapackage.json and run.json (shard 0 of 1) of
 * the whole run; the page and the other files of a run are per shard.
 * False (err set, nothing written) when a shard's files are missing or
 * malformed, when the shards are not all the shards of one run, each once
 * (run.json), or their columns differ, or out_dir cannot be written. */
bool merge_shards(const char *out_dir, const char *const *shards, size_t n, struct pl_error *err);

#endif
