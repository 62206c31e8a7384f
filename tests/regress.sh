#!/bin/sh
# regress: every input a fuzzer found (tests/regress/TARGET-NAME.bin) run
# through its target, built without libFuzzer beside the pipeline
# (BUILD/regress/TARGET), under a time limit: no crash, no hang, no
# sanitizer report.
#
#   sh tests/regress.sh build/pipeline      (BUILD is the binary's folder)
set -u
build=$(dirname "${1:-build/pipeline}")
passed=0 failed=0
for f in tests/regress/*; do
    [ -f "$f" ] || continue
    target=$(basename "$f")
    target=${target%%-*}
    bin=$build/regress/$target
    if [ ! -x "$bin" ]; then
        failed=$((failed + 1))
        echo "FAIL $f: no $bin"
        continue
    fi
    if out=$(timeout 20 "$bin" "$f" 2>&1) && ! printf '%s' "$out" | grep -q -E 'ERROR|runtime error|check failed'; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $f: $(printf '%s' "$out" | grep -E 'ERROR|runtime error|check failed|SUMMARY' | head -n 3)"
    fi
done
echo "regress: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
