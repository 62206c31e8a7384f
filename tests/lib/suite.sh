# suite: what the shell suites share, sourced after `set -u`, with the
# suite's name in $suite and the pipeline as the suite's first argument:
#
#   suite=jobs; . tests/lib/suite.sh
#
# Gives:
#   $bin      the pipeline (build/pipeline by default; the suite fails at
#             once, with its closing line, if it is not an executable)
#   $tmp      a folder of the suite's own, removed on exit or interruption
#   ok, bad WHY...            a check passed; failed (WHY printed as a FAIL line)
#   pass, fail CASE WHAT      the same, for suites of named cases
#   check CASE WHAT CMD...    pass if CMD succeeds, else fail CASE WHAT
#   note TEXT...              a "SUITE: TEXT" line (timings, skipped parts)
#   finish                    the closing "SUITE: N passed, N failed" line;
#                             its status is the suite's
# Kept out of tests/*.sh: tests/run runs those.
bin=${1:-build/pipeline}
if [ ! -x "$bin" ]; then
    echo "usage: sh tests/$suite.sh PIPELINE (an executable; got '$bin')" >&2
    echo "$suite: 0 passed, 1 failed"
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/$suite.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT PIPE TERM
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
pass() { ok; }
fail() { bad "$1: $2"; }
check() {
    check_case=$1 check_what=$2
    shift 2
    if "$@"; then pass; else fail "$check_case" "$check_what"; fi
}
note() { echo "$suite: $*"; }
finish() {
    echo "$suite: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
