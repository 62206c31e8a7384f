#!/bin/sh
# jobs: the output is byte-identical whatever the number of threads.
#
#   sh tests/jobs.sh build/pipeline      (from the top of the repository)
#
# Runs every fixture's input together (texts, pages, feeds, archives,
# failures) with --jobs 1, 2, 3 and 8 and compares the three files.
set -u
suite=jobs
. tests/lib/suite.sh
mkdir "$tmp/in"
for d in fixtures/*/input; do
    case_=${d%/input}
    cp -R "$d" "$tmp/in/${case_#fixtures/}"
done
for j in 1 2 3 8; do
    "$bin" --jobs "$j" "$tmp/in" "$tmp/out-$j" >/dev/null 2>"$tmp/err-$j"
    echo $? >"$tmp/rc-$j"
done
for j in 2 3 8; do
    for f in claims.csv claims.json documents.csv; do
        if cmp -s "$tmp/out-1/$f" "$tmp/out-$j/$f"; then
            ok
        else
            bad "--jobs $j: $f differs from --jobs 1"
        fi
    done
    if cmp -s "$tmp/rc-1" "$tmp/rc-$j"; then
        ok
    else
        bad "--jobs $j: exit $(cat "$tmp/rc-$j"), --jobs 1 exit $(cat "$tmp/rc-1")"
    fi
done
finish
