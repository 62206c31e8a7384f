# suite: what the shell suites share, sourced after `set -u`, with the
# suite's name in $suite and the pipeline as the suite's first argument:
#
#   suite=jobs; . tests/lib/suite.sh
#
# Gives $bin (the pipeline, build/pipeline by default), $tmp (a folder
# removed on exit), `ok`, `bad WHY...` (counted; WHY printed as a FAIL
# line) and `finish` (the closing "NAME: N passed, N failed" line; its
# status is the suite's). Kept out of tests/*.sh: tests/run runs those.
bin=${1:-build/pipeline}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
finish() {
    echo "$suite: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
