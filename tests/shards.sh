#!/bin/sh
# shards: `--shard K/N` runs merged by `pipeline merge` equal one run, byte
# for byte, for N = 1, 3 and 5; and `--stdin-jsonl` gives an archive's
# claims, line by line.
#
#   sh tests/shards.sh build/pipeline      (from the top of the repository)
set -u
suite=shards
. tests/lib/suite.sh

mkdir "$tmp/in"
for d in fixtures/*/input; do
    case_=${d%/input}
    cp -R "$d" "$tmp/in/${case_#fixtures/}"
done
"$bin" --jobs 1 "$tmp/in" "$tmp/single" >/dev/null 2>&1
for n in 1 3 5; do
    outs=""
    k=0
    while [ "$k" -lt "$n" ]; do
        "$bin" --shard "$k/$n" "$tmp/in" "$tmp/s$n-$k" >/dev/null 2>&1
        rc=$?
        if [ "$rc" -le 1 ]; then ok; else bad "--shard $k/$n: exit $rc"; fi
        outs="$outs $tmp/s$n-$k"
        k=$((k + 1))
    done
    # shellcheck disable=SC2086 # the shard folders, one word each
    if "$bin" merge "$tmp/m$n" $outs 2>"$tmp/err"; then ok; else bad "merge of $n shards: $(head -n 1 "$tmp/err")"; fi
    for f in claims.csv claims.json documents.csv; do
        if cmp -s "$tmp/single/$f" "$tmp/m$n/$f"; then ok; else bad "$n shards merged: $f differs from one run"; fi
    done
done

# a merge into the folder of a run leaves none of that run's files: the
# page and the package were of the run, not of the merged dataset
"$bin" fixtures/seed/input "$tmp/m1" >/dev/null 2>&1
outs=""
k=0
while [ "$k" -lt 3 ]; do outs="$outs $tmp/s3-$k"; k=$((k + 1)); done
# shellcheck disable=SC2086 # the shard folders, one word each
"$bin" merge "$tmp/m1" $outs 2>/dev/null || bad "merge into the folder of a run"
[ ! -e "$tmp/m1/report.html" ] && ok || bad "merge left the page of an earlier run"
cmp -s "$tmp/single/claims.csv" "$tmp/m1/claims.csv" && ok || bad "merge into the folder of a run: claims.csv differs"

# a shard of nothing is an empty dataset, and merges
"$bin" --shard 0/1 fixtures/seed/input "$tmp/one" >/dev/null 2>&1 && ok || bad "--shard 0/1"
if "$bin" merge "$tmp/none" "$tmp/one" && cmp -s "$tmp/one/claims.csv" "$tmp/none/claims.csv"; then ok; else bad "merge of one shard"; fi
if "$bin" merge "$tmp/x" "$tmp/no-such-shard" 2>/dev/null; then bad "merge of a missing shard succeeded"; else ok; fi
[ -e "$tmp/x" ] && bad "a failed merge left $tmp/x" || ok

# --stdin-jsonl: the archive's claims, one JSON object a line
"$bin" --stdin-jsonl <fixtures/mixed/input/seed.jsonl >"$tmp/stream" 2>"$tmp/stream.err"
rc=$?
if [ "$rc" -eq 1 ]; then ok; else bad "--stdin-jsonl: exit $rc, expected 1 (one malformed line)"; fi
want=$(grep -c '^{"claim_id":.*"doc":"mixed/seed.jsonl#' "$tmp/single/claims.json")
got=$(grep -c '^{"claim_id":' "$tmp/stream")
if [ "$want" -eq "$got" ]; then ok; else bad "--stdin-jsonl: $got claims, the run over the archive has $want"; fi
grep -q 'stdin:2:' "$tmp/stream.err" && ok || bad "--stdin-jsonl: the malformed line is not named: $(head -n 1 "$tmp/stream.err")"

finish
