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
    for f in claims.csv claims.json documents.csv datapackage.json run.json report.html; do
        if cmp -s "$tmp/single/$f" "$tmp/m$n/$f"; then ok; else bad "$n shards merged: $f differs from one run"; fi
    done
    # the site: every document's page, as one run writes it
    if diff -r -q "$tmp/single/report" "$tmp/m$n/report" >/dev/null 2>&1; then ok; else
        bad "$n shards merged: the site's folder report/ differs from one run's"; fi
done

# a merge into the folder of a run leaves none of that run's files: the
# site is the merged dataset's
"$bin" fixtures/seed/input "$tmp/m1" >/dev/null 2>&1
outs=""
k=0
while [ "$k" -lt 3 ]; do outs="$outs $tmp/s3-$k"; k=$((k + 1)); done
# shellcheck disable=SC2086 # the shard folders, one word each
"$bin" merge "$tmp/m1" $outs 2>/dev/null || bad "merge into the folder of a run"
cmp -s "$tmp/single/report.html" "$tmp/m1/report.html" && diff -r -q "$tmp/single/report" "$tmp/m1/report" >/dev/null &&
    ok || bad "merge left the site of an earlier run"
# every file of a dataset that a merge does not write goes, whatever their
# number (merge holds one entry for each name of the dataset)
echo old >"$tmp/m1/claims.excel.csv"
echo old >"$tmp/m1/orphaned_reviews.csv"
# shellcheck disable=SC2086
"$bin" merge "$tmp/m1" $outs 2>/dev/null || bad "merge into a folder with every file of a dataset"
left=$(cd "$tmp/m1" && ls | tr '\n' ' ')
[ "$left" = "checks.csv claims.csv claims.json datapackage.json documents.csv report report.html run.json " ] && ok ||
    bad "merge left [$left], expected the merged dataset's files alone"
cmp -s "$tmp/single/claims.csv" "$tmp/m1/claims.csv" && ok || bad "merge into the folder of a run: claims.csv differs"

# each output says which run and which shard it is, and merge joins only
# all the shards of one run, each once
grep -q -x '{"run": "[0-9a-f]\{16\}", "shard": 2, "shards": 3}' "$tmp/s3-2/run.json" && ok ||
    bad "run.json of shard 2 of 3 is [$(cat "$tmp/s3-2/run.json")]"
# refused CASE TEXT SHARD...: merge exits 2 saying TEXT and writes nothing
refused() {
    r_case=$1 r_text=$2
    shift 2
    rm -rf "$tmp/refused"
    "$bin" merge "$tmp/refused" "$@" 2>"$tmp/err"
    r_rc=$?
    if [ "$r_rc" -eq 2 ] && grep -q -F -e "$r_text" "$tmp/err" && [ ! -e "$tmp/refused" ]; then
        ok
    else
        bad "merge of $r_case: exit $r_rc, [$(head -n 1 "$tmp/err")], expected exit 2 and [$r_text], nothing written"
    fi
}
refused "a shard twice" "$tmp/s3-1 and $tmp/s3-1 are both shard 1 of 3" "$tmp/s3-0" "$tmp/s3-1" "$tmp/s3-1" "$tmp/s3-2"
refused "a shard missing" "2 shard(s) of 3 of run" "$tmp/s3-0" "$tmp/s3-2"
refused "a shard missing" "missing shard 1" "$tmp/s3-0" "$tmp/s3-2"
refused "shards of two counts" "is shard 1 of 5, $tmp/s3-0 of 3 shards" "$tmp/s3-0" "$tmp/s5-1" "$tmp/s3-2"
"$bin" --shard 1/3 fixtures/seed/input "$tmp/other-1" >/dev/null 2>&1
refused "shards of unrelated runs" "shards of different runs are not merged" "$tmp/s3-0" "$tmp/other-1" "$tmp/s3-2"
"$bin" --excel --shard 1/3 "$tmp/in" "$tmp/excel-1" >/dev/null 2>&1
refused "shards run with other options" "shards of different runs are not merged" "$tmp/s3-0" "$tmp/excel-1" "$tmp/s3-2"
# the same command over files changed since (one byte, the size and the
# time of the file kept) is another run
f=$(find "$tmp/in" -name '*.txt' | sort | head -n 1)
cp -p "$f" "$tmp/kept.txt"
printf 'x' | dd of="$f" bs=1 count=1 conv=notrunc 2>/dev/null
touch -r "$tmp/kept.txt" "$f"
"$bin" --shard 1/3 "$tmp/in" "$tmp/changed-1" >/dev/null 2>&1
cp -p "$tmp/kept.txt" "$f"
id_of() { sed 's/.*"run": "\([0-9a-f]*\)".*/\1/' "$1/run.json"; }
[ "$(id_of "$tmp/changed-1")" != "$(id_of "$tmp/s3-1")" ] && ok ||
    bad "a run over a changed file has the run id of the run before the change"
refused "shards of runs over changed files" "shards of different runs are not merged" \
    "$tmp/s3-0" "$tmp/changed-1" "$tmp/s3-2"
"$bin" --shard 1/3 "$tmp/in" "$tmp/again-1" >/dev/null 2>&1
[ "$(id_of "$tmp/again-1")" = "$(id_of "$tmp/s3-1")" ] && ok ||
    bad "a run over the same files again has another run id"
cp -R "$tmp/s3-1" "$tmp/cols-1"
sed -i '1s/,rule,/,rules,/' "$tmp/cols-1/claims.csv"
refused "shards with other columns" "cols-1/claims.csv:1: has other columns than $tmp/s3-0/claims.csv" \
    "$tmp/s3-0" "$tmp/cols-1" "$tmp/s3-2"
cp -R "$tmp/s3-1" "$tmp/old-1"
rm "$tmp/old-1/run.json"
refused "an output without run.json" "old-1/run.json: cannot read: No such file or directory: not the output of a run" \
    "$tmp/s3-0" "$tmp/old-1" "$tmp/s3-2"

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
