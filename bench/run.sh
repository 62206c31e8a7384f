#!/bin/sh
# make bench (= sh bench/run.sh, from the repository top): throughput, memory
# and the peer comparison of build/pipeline. See BENCH.md, which this writes.
#
#   1. builds build/pipeline (make CFLAGS=-O2) and its helpers into build/bench/
#   2. generates build/bench/corpus/ (about 216 MB, 2,000 documents) from the
#      repository's own texts with bench/gencorpus.c, when missing or stale
#   3. the floor: bench/floor.c, ICU word segmentation of the whole corpus
#   4. the pipeline with --jobs 1 and --jobs $(nproc), RUNS times each, median
#   5. the pipeline with --jobs 1 on a corpus 5x larger (build/bench/corpus5/,
#      generated, measured RUNS5 times, deleted)
#   6. the peer: Microsoft Recognizers-Text (bench/recognizers.js) on a 200 KB
#      slice, line by line, when node and npm are there
#   7. the scale stage: inputs that grow, each measured at two sizes (a
#      feed of 5,000 and 20,000 items, a clause of 10,000 and 40,000 changes,
#      a list of 10,000 and 40,000 figures: CPU time per MB must not grow with
#      the size), a feed of about 40 MB and a 100 MB document of one line
#      (peak memory)
#   8. a table on stdout and BENCH.md at the top, with verdicts
#
# `sh bench/run.sh scale` (= make bench-scale) runs the build and the scale
# stage alone, and writes its tables to build/bench/scale.md, not BENCH.md.
#
# Never fails: a target missed, a tool missing or a step that breaks is
# reported, and the exit status is 0.
#
# Environment (for quick trials; the defaults are the benchmark):
#   BENCH_RUNS (5) BENCH_RUNS5 (1) BENCH_DOCS (2000) BENCH_DOC_BYTES (108000)
#   BENCH_BIG (1: run the 5x corpus; 0 skips it) BENCH_MD (BENCH.md)
#   BENCH_SCALE_RUNS (3) BENCH_SCALE_MB (100: the one-line document's size)
#   BENCH_SCALE_N (10000: changes and figures of the smaller clause and list)
#   BENCH_SCALE_FEED_ITEMS (118000: the items of the large feed, about 40 MB)
#   BENCH_PIPELINE (build/pipeline, built first: another binary to measure)
set -u
cd "$(dirname "$0")/.." || exit 0
export LC_ALL=C
STAGE=${1:-all}

B=build/bench
RUNS=${BENCH_RUNS:-5}
RUNS5=${BENCH_RUNS5:-1}
NDOCS=${BENCH_DOCS:-2000}
DOC_BYTES=${BENCH_DOC_BYTES:-108000}
BIG=${BENCH_BIG:-1}
MD=${BENCH_MD:-BENCH.md}
SEED=20241129
SLICE_BYTES=204800
RECOGNIZERS_VERSION=1.3.1
RECOGNIZERS_MODELS=number,percentage,currency,dimension
CC=${CC:-cc}
NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
NOTES=""

note() {
    echo "bench: $*"
    NOTES="$NOTES
- $*"
}

mkdir -p "$B" || exit 0
# shellcheck disable=SC2317
cleanup() {
    rm -rf "$B/corpus5" "$B/corpus5.tmp" "$B/out" "$B/out5" "$B/out-slice" "$B/scale"
}
trap 'cleanup' EXIT
trap 'cleanup; exit 0' INT TERM

START_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
START_SECS=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing Debian's time package (for peak RSS)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends time >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends time >/dev/null 2>&1; }
fi
if [ -x /usr/bin/time ]; then
    HAVE_TIME=1
else
    HAVE_TIME=0
    note "/usr/bin/time is missing (install Debian's time package as root): no peak RSS"
fi

HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
# cpu_busy: CPU time used so far by the whole machine, in clock ticks
cpu_busy() {
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat 2>/dev/null || echo n/a
}

# measure CMD...: runs CMD (stdout and stderr to $B/cmd.out, $B/cmd.err);
# sets M_E (wall seconds), M_CPU (user + system seconds), M_RSS (peak KiB),
# M_RC, and M_OTHER: the CPUs that other processes kept busy meanwhile
# (the machine's busy time less CMD's, over the wall time; 0 on an idle one).
measure() {
    c0=$(cpu_busy)
    t0=$(date +%s.%N)
    if [ "$HAVE_TIME" = 1 ]; then
        /usr/bin/time -f '%U %S %M' -o "$B/time.out" "$@" >"$B/cmd.out" 2>"$B/cmd.err"
        M_RC=$?
    else
        "$@" >"$B/cmd.out" 2>"$B/cmd.err"
        M_RC=$?
    fi
    t1=$(date +%s.%N)
    c1=$(cpu_busy)
    M_E=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ "$HAVE_TIME" = 1 ] && [ -s "$B/time.out" ]; then
        # GNU time puts "Command exited with non-zero status N" first
        # shellcheck disable=SC2046
        set -- $(tail -n 1 "$B/time.out")
        M_CPU=$(awk -v u="$1" -v s="$2" 'BEGIN { printf "%.3f", u + s }')
        M_RSS=$3
    else
        M_CPU=n/a
        M_RSS=n/a
    fi
    M_OTHER=$(awk -v c0="$c0" -v c1="$c1" -v hz="$HZ" -v cpu="$M_CPU" -v e="$M_E" 'BEGIN {
        if (c0 == "n/a" || c1 == "n/a" || cpu == "n/a" || e <= 0) { print "n/a"; exit }
        o = ((c1 - c0) / hz - cpu) / e; printf "%.2f", o < 0 ? 0 : o }')
}

# median VALUE...: the median (n/a when there are none or one is n/a)
median() {
    printf '%s\n' "$@" | awk '$1 == "n/a" || $1 == "" { bad = 1; next } { v[++n] = $1 }
        END {
            if (bad || n == 0) { print "n/a"; exit }
            for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
            if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2
        }'
}

# calc EXPR with a=$2 b=$3: a float expression, n/a when an operand is
calc() {
    awk -v a="${2:-n/a}" -v b="${3:-n/a}" -v fmt="${4:-%.2f}" \
        'BEGIN { if (a == "n/a" || b == "n/a" || a == "" || b == "") { print "n/a"; exit }
                 a += 0; b += 0; r = '"$1"'; printf fmt "\n", r }' 2>/dev/null || echo n/a
}

mib() { calc 'a / 1024' "$1" 1 '%.1f'; }

# ---------------------------------------------------------------- build
echo "bench: make CFLAGS=-O2 build/pipeline"
PIPE=build/pipeline
if ! make --no-print-directory CFLAGS=-O2 build/pipeline; then
    if [ -x "$PIPE" ]; then
        note "make CFLAGS=-O2 build/pipeline failed: measured the build/pipeline already there"
    else
        note "make CFLAGS=-O2 build/pipeline failed and there is no build/pipeline: pipeline not measured"
        PIPE=""
    fi
fi

if [ -n "${BENCH_PIPELINE:-}" ]; then
    PIPE=$BENCH_PIPELINE
    note "measured $PIPE (BENCH_PIPELINE), not the build/pipeline just built"
fi

# ---------------------------------------------------------------- scale
# Inputs that grow: each measured at two sizes, 4 times apart, with one
# job; the CPU time per MB of the larger over the smaller's shows a cost
# that grows faster than the input (1 for a linear one; 4 for a quadratic
# one). CPU time per MB is that of the run less the start-up's (the run on
# a line of text), which would make the smaller input look slower.
# And one document of one line, BENCH_SCALE_MB MB dense in figures: its
# peak memory. Sets SCALE_TABLE and SCALE_TARGETS.
SCALE_RUNS=${BENCH_SCALE_RUNS:-3}
SCALE_MB=${BENCH_SCALE_MB:-100}
SCALE_N=${BENCH_SCALE_N:-10000}
SCALE_FEED_ITEMS=${BENCH_SCALE_FEED_ITEMS:-118000}
S=$B/scale

# scale_sources: the paragraphs with figures of the seed and of the
# fixtures' UTF-8 texts, one a line
scale_sources() {
    for f in seeds/*.txt fixtures/*/input/*.txt; do
        iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && tr -d '\r' <"$f"
    done | grep '[0-9]' | grep -v '^[[:space:]]*$'
}

# gen_feed FILE N: an RSS feed of N items, one a line, each a paragraph
gen_feed() {
    scale_sources | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' | awk -v n="$2" '
        { p[k++] = $0 }
        END {
            print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            print "<rss version=\"2.0\"><channel><title>feed</title>"
            for (i = 0; i < n; i++)
                printf "<item><title>item %d</title><link>https://example.org/%d</link><description>%s</description></item>\n", i, i, p[i % k]
            print "</channel></rss>"
        }' >"$1"
}

# gen_repeat FILE N HEAD PIECE TAIL: HEAD, N times PIECE (%d: its number), TAIL, on one line
gen_repeat() {
    awk -v n="$2" -v head="$3" -v piece="$4" -v tail="$5" 'BEGIN {
        printf "%s", head
        for (i = 1; i <= n; i++) printf piece, i
        printf "%s\n", tail }' >"$1"
}

# gen_line FILE MB: the source paragraphs joined on one line, MB x 10^6 bytes at least
gen_line() {
    scale_sources | tr -d '\n' >"$S/chunk"
    awk -v want="$2" -v size="$(wc -c <"$S/chunk")" 'BEGIN {
        n = int(want * 1e6 / size) + 1
        getline c <ARGV[1]
        for (i = 0; i < n; i++) printf "%s", c
        printf "\n"
        exit }' "$S/chunk" >"$1"
}

# scale_run LABEL DIR RUNS: the pipeline (one job) on DIR RUNS times; sets
# R_E (median wall s), R_CPU (median CPU s), R_RSS (median peak KiB),
# R_MB (input MB), R_CLAIMS
scale_run() {
    es="" cs="" rs=""
    i=1
    while [ "$i" -le "$3" ]; do
        rm -rf "$S/out"
        sync
        # shellcheck disable=SC2086
        measure "$PIPE" $J1 "$2" "$S/out"
        [ "$M_RC" = 0 ] || note "$1 exited with $M_RC: $(tail -n 2 "$B/cmd.err" | tr '\n' ' ')"
        R_CLAIMS=$(awk -F, 'NR > 1 { s += $4 } END { print s + 0 }' "$S/out/documents.csv" 2>/dev/null || echo n/a)
        echo "bench: $1 run $i: $M_E s, $M_RSS KiB, $R_CLAIMS claims, other load $M_OTHER CPUs"
        es="$es $M_E"
        cs="$cs $M_CPU"
        rs="$rs $M_RSS"
        i=$((i + 1))
    done
    rm -rf "$S/out"
    # shellcheck disable=SC2086
    R_E=$(median $es)
    # shellcheck disable=SC2086
    R_CPU=$(median $cs)
    # shellcheck disable=SC2086
    R_RSS=$(median $rs)
    R_MB=$(calc 'a / 1e6' "$(find "$2" -type f -exec cat {} + | wc -c)" 1 '%.2f')
}

# scale_pair NAME WHAT SMALL LARGE: a row for each of $S/NAME-SMALL and
# $S/NAME-LARGE and a target row: CPU time per MB (user + system, the
# start-up's less), larger over smaller; CPU time, not wall time, because
# other work on a shared machine stretches wall time and not CPU time
scale_pair() {
    scale_run "$1 $3" "$S/$1-$3" "$SCALE_RUNS"
    e1=$R_E cpu1=$R_CPU mb1=$R_MB n1=$R_CLAIMS r1=$R_RSS
    scale_run "$1 $4" "$S/$1-$4" "$SCALE_RUNS"
    spm1=$(awk -v e="$cpu1" -v s="$START_CPU" -v m="$mb1" 'BEGIN { if (e == "n/a" || s == "n/a") print "n/a"; else printf "%.3f", (e - s) / m }')
    spm2=$(awk -v e="$R_CPU" -v s="$START_CPU" -v m="$R_MB" 'BEGIN { if (e == "n/a" || s == "n/a") print "n/a"; else printf "%.3f", (e - s) / m }')
    ratio=$(calc 'a / b' "$spm2" "$spm1")
    SCALE_TABLE="$SCALE_TABLE
| $2, $3 | $mb1 | $n1 | $(mib "$r1") | $e1 | $cpu1 | $spm1 |
| $2, $4 | $R_MB | $R_CLAIMS | $(mib "$R_RSS") | $R_E | $R_CPU | $spm2 |"
    SCALE_TARGETS="$SCALE_TARGETS
| $2: CPU time per MB at $4 within 1.5× of $3 | **$ratio×** ($spm2 / $spm1 CPU s a MB) | **$(verdict "$ratio" '<=' 1.5)** |"
}

scale_stage() {
    SCALE_TABLE="| input | MB | claims | peak RSS (MiB) | wall s (median) | CPU s (median) | CPU s a MB, start-up less |
|---|---:|---:|---:|---:|---:|---:|"
    SCALE_TARGETS="| target | measured | verdict |
|---|---|---|"
    [ -n "$PIPE" ] || return 0
    rm -rf "$S"
    mkdir -p "$S" || return 0
    echo "bench: scale: generating its inputs in $S"
    for n in 5000 20000; do
        mkdir -p "$S/feed-$n" && gen_feed "$S/feed-$n/feed.xml" "$n"
    done
    for n in "$SCALE_N" $((SCALE_N * 4)); do
        mkdir -p "$S/clause-$n" "$S/list-$n"
        gen_repeat "$S/clause-$n/clause.txt" "$n" "产值" "从2022年16.4%%提升至21.65%%，" "。"
        {
            gen_repeat /dev/stdout "$n" "" "产品%d、" "" | tr -d '\n' | sed 's/、$//'
            gen_repeat /dev/stdout "$n" "的增速分别为" "%d.5%%、" "" | tr -d '\n' | sed 's/、$/。/'
            echo
        } >"$S/list-$n/list.txt"
    done
    mkdir -p "$S/line" && gen_line "$S/line/line.txt" "$SCALE_MB"
    mkdir -p "$S/bigfeed" && gen_feed "$S/bigfeed/feed.xml" "$SCALE_FEED_ITEMS"
    mkdir -p "$S/start" && echo "1" >"$S/start/start.txt"
    scale_run "start-up" "$S/start" "$SCALE_RUNS"
    START_CPU=$R_CPU
    SCALE_TABLE="$SCALE_TABLE
| start-up (a line of text) | – | – | $(mib "$R_RSS") | $R_E | $R_CPU | – |"
    scale_pair feed "RSS feed, one item a line" 5000 20000
    scale_pair clause "one clause of changes (从2022年16.4%提升至21.65%，…)" "$SCALE_N" $((SCALE_N * 4))
    scale_pair list "one list (产品1、…的增速分别为1.5%、…)" "$SCALE_N" $((SCALE_N * 4))
    scale_run "a feed of $SCALE_FEED_ITEMS items" "$S/bigfeed" 1
    SCALE_TABLE="$SCALE_TABLE
| RSS feed, one item a line, $SCALE_FEED_ITEMS (peak memory) | $R_MB | $R_CLAIMS | $(mib "$R_RSS") | $R_E | $R_CPU | $(calc 'a / b' "$R_CPU" "$R_MB" '%.3f') |"
    SCALE_TARGETS="$SCALE_TARGETS
| peak RSS of a feed of $R_MB MB < 128 MiB | **$(mib "$R_RSS") MiB** | **$(verdict "$R_RSS" '<' 131072)** |"
    rm -rf "$S/bigfeed"
    scale_run "one line of $SCALE_MB MB" "$S/line" 1
    SCALE_TABLE="$SCALE_TABLE
| one line dense in figures | $R_MB | $R_CLAIMS | $(mib "$R_RSS") | $R_E | $R_CPU | $(calc 'a / b' "$R_CPU" "$R_MB" '%.3f') |"
    SCALE_TARGETS="$SCALE_TARGETS
| peak RSS of a $SCALE_MB MB one-line dense document < 128 MiB | **$(mib "$R_RSS") MiB** | **$(verdict "$R_RSS" '<' 131072)** |"
    rm -rf "$S"
}

# verdict VALUE OP LIMIT: PASS, MISS or n/a
verdict() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        if (v == "n/a" || v == "") { print "n/a (not measured)"; exit }
        v += 0; ok = (op == ">=") ? v >= l : (op == "<") ? v < l : v <= l
        print ok ? "PASS" : "MISS" }'
}

if [ "$STAGE" = scale ]; then
    J1=""
    "$PIPE" --help 2>&1 | grep -q -- --jobs && J1="--jobs 1"
    scale_stage
    {
        echo "# Scale ($(date -u '+%Y-%m-%d %H:%M:%S UTC'), $PIPE, commit $(git rev-parse --short HEAD 2>/dev/null || echo n/a); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"
        echo
        echo "$SCALE_TABLE"
        echo
        echo "$SCALE_TARGETS"
        [ -n "$NOTES" ] && printf '\nNotes:%s\n' "$NOTES"
    } >"$B/scale.md"
    echo
    cat "$B/scale.md"
    exit 0
fi

# build_helper OUT SRC FLAGS...: compiles SRC when OUT is missing or older
build_helper() {
    out=$1
    src=$2
    shift 2
    if [ ! -x "$out" ] || [ -n "$(find "$src" -newer "$out" 2>/dev/null)" ]; then
        echo "bench: $CC -O2 $src -> $out"
        # shellcheck disable=SC2068
        $CC -O2 -std=c11 -Wall -Wextra -o "$out" "$src" $@ || { rm -f "$out"; return 1; }
    fi
}

build_helper "$B/gencorpus" bench/gencorpus.c || { note "bench/gencorpus.c did not build: nothing measured"; exit 0; }
# shellcheck disable=SC2046
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists icu-uc icu-i18n &&
    build_helper "$B/floor" bench/floor.c $(pkg-config --cflags icu-uc icu-i18n) \
        $(pkg-config --libs icu-uc icu-i18n); then
    FLOOR=$B/floor
else
    FLOOR=""
    note "bench/floor.c did not build (needs ICU: pkg-config icu-uc icu-i18n): no floor"
fi

JOBS=0
if [ -n "$PIPE" ] && "$PIPE" --help 2>&1 | grep -q -- --jobs; then
    JOBS=1
fi
if [ "$JOBS" = 1 ]; then
    J1="--jobs 1"
    JN="--jobs $NPROC"
else
    J1=""
    JN=""
    [ -n "$PIPE" ] && note "build/pipeline has no --jobs yet: measured as it runs (one thread), no N-jobs run"
fi

# ---------------------------------------------------------------- corpus
SOURCES=$(ls fixtures/*/input/*.txt seeds/*.txt 2>/dev/null)
# gen_corpus DIR NDOCS: DIR from the sources, unless there with the same stamp
gen_corpus() {
    dir=$1
    n=$2
    # shellcheck disable=SC2086
    stamp="$n $DOC_BYTES $SEED $(cat $SOURCES bench/gencorpus.c | cksum)"
    if [ -d "$dir" ] && [ "$(cat "$dir.stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    rm -rf "$dir" "$dir.tmp" "$dir.stamp"
    echo "bench: generating $dir ($n documents of about $DOC_BYTES bytes)"
    # shellcheck disable=SC2086
    "$B/gencorpus" "$dir.tmp" "$n" "$DOC_BYTES" "$SEED" $SOURCES || { rm -rf "$dir.tmp"; return 1; }
    mv "$dir.tmp" "$dir" && printf '%s\n' "$stamp" >"$dir.stamp"
}

# corpus_bytes DIR: total bytes (and reads it all, so that it is cached)
corpus_bytes() {
    find "$1" -type f -name '*.txt' -exec cat {} + | wc -c | tr -d ' '
}

if ! gen_corpus "$B/corpus" "$NDOCS"; then
    note "the corpus could not be generated: nothing measured"
    exit 0
fi
BYTES=$(corpus_bytes "$B/corpus")
DOCS=$(find "$B/corpus" -type f -name '*.txt' | wc -l | tr -d ' ')
CORPUS_MB=$(calc 'a / 1e6' "$BYTES" 1 '%.1f')
echo "bench: corpus $B/corpus: $DOCS documents, $BYTES bytes"

# run_measured PREFIX LABEL RUNS OUT COMMAND...: COMMAND run RUNS times
# through measure. OUT, unless "-", is the folder the command writes: removed
# before each run and after the last, its documents.csv giving the claims.
# Sets PREFIX_E (median wall s), PREFIX_RSS (median peak KiB), PREFIX_CPU,
# PREFIX_OTHER (medians), PREFIX_RUNS (each run's wall s), PREFIX_CLAIMS.
run_measured() {
    p=$1 label=$2 runs=$3 out=$4
    shift 4
    es="" rs="" cs="" os="" claims=n/a
    i=1
    while [ "$i" -le "$runs" ]; do
        [ "$out" = - ] || rm -rf "$out"
        # what earlier runs wrote goes to disk first, so that no run pays
        # for another's writeback
        sync
        measure "$@"
        if [ "$M_RC" != 0 ]; then
            note "$label exited with $M_RC: $(tail -n 2 "$B/cmd.err" | tr '\n' ' ')"
        fi
        if [ "$out" != - ] && [ -f "$out/documents.csv" ]; then
            claims=$(awk -F, 'NR > 1 { s += $4 } END { print s + 0 }' "$out/documents.csv")
        fi
        shown=""
        [ "$out" = - ] || shown=", $claims claims"
        echo "bench: $label run $i: $M_E s, $M_RSS KiB$shown, other load $M_OTHER CPUs"
        es="$es $M_E"
        rs="$rs $M_RSS"
        cs="$cs $M_CPU"
        os="$os $M_OTHER"
        i=$((i + 1))
    done
    [ "$out" = - ] || rm -rf "$out"
    # shellcheck disable=SC2086
    eval "${p}_E=\$(median $es) ${p}_RSS=\$(median $rs) ${p}_CPU=\$(median $cs) ${p}_OTHER=\$(median $os)"
    eval "${p}_CLAIMS=\$claims ${p}_RUNS=\"\$es\""
}

# ---------------------------------------------------------------- floor
FLOOR_E=n/a FLOOR_MBS=n/a FLOOR_RSS=n/a FLOOR_CPU=n/a FLOOR_OTHER=n/a FLOOR_RUNS="" FLOOR_WORDS=n/a
if [ -n "$FLOOR" ]; then
    run_measured FLOOR floor "$RUNS" - "$FLOOR" "$B/corpus"
    FLOOR_WORDS=$(sed -n 's/.* bytes, \([0-9]*\) words.*/\1/p' "$B/cmd.out")
    FLOOR_MBS=$(calc 'a / 1e6 / b' "$BYTES" "$FLOOR_E")
fi

# ---------------------------------------------------------------- pipeline
# run_pipeline PREFIX CORPUS OUT RUNS JOBS_ARGS: the pipeline on CORPUS,
# writing OUT, through run_measured
run_pipeline() {
    p=$1 corpus=$2 out=$3 runs=$4
    shift 4
    run_measured "$p" "pipeline $* $corpus" "$runs" "$out" "$PIPE" "$@" "$corpus" "$out"
}

P1_E=n/a P1_RSS=n/a P1_CPU=n/a P1_OTHER=n/a P1_CLAIMS=n/a P1_RUNS=""
PN_E=n/a PN_RSS=n/a PN_CPU=n/a PN_OTHER=n/a PN_CLAIMS=n/a PN_RUNS=""
P5_E=n/a P5_RSS=n/a P5_CPU=n/a P5_OTHER=n/a P5_CLAIMS=n/a P5_RUNS="" BYTES5=n/a DOCS5=n/a
if [ -n "$PIPE" ]; then
    # shellcheck disable=SC2086
    run_pipeline P1 "$B/corpus" "$B/out" "$RUNS" $J1
    if [ "$JOBS" = 1 ] && [ "$NPROC" -gt 1 ]; then
        # shellcheck disable=SC2086
        run_pipeline PN "$B/corpus" "$B/out" "$RUNS" $JN
    elif [ "$JOBS" = 1 ]; then
        note "one CPU: no N-jobs run"
    fi
    if [ "$BIG" = 1 ]; then
        if gen_corpus "$B/corpus5" $((NDOCS * 5)); then
            BYTES5=$(corpus_bytes "$B/corpus5")
            DOCS5=$(find "$B/corpus5" -type f -name '*.txt' | wc -l | tr -d ' ')
            echo "bench: corpus $B/corpus5: $DOCS5 documents, $BYTES5 bytes"
            # shellcheck disable=SC2086
            run_pipeline P5 "$B/corpus5" "$B/out5" "$RUNS5" $J1
        else
            note "the 5x corpus could not be generated"
        fi
        rm -rf "$B/corpus5" "$B/corpus5.stamp"
    fi
fi

# ---------------------------------------------------------------- peer
SLICE=$B/slice.txt
# the first SLICE_BYTES of the corpus in its sorted order, cut at a line end
find "$B/corpus" -type f -name '*.txt' | sort | head -n 10 | xargs cat 2>/dev/null | head -c "$SLICE_BYTES" |
    sed '$d' >"$SLICE"
SLICE_B=$(wc -c <"$SLICE" | tr -d ' ')
RT_E=n/a RT_OTHER=n/a RT_MBS=n/a RT_RUNS="" RT_RESULTS=n/a RT_LINES=n/a RT_VERSION=n/a NODE_VERSION=n/a
PS_E=n/a PS_MBS=n/a
if command -v node >/dev/null 2>&1; then
    NODE_VERSION=$(node --version)
    if [ ! -f "$B/node_modules/@microsoft/recognizers-text-suite/package.json" ]; then
        if command -v npm >/dev/null 2>&1; then
            echo "bench: npm install @microsoft/recognizers-text-suite@$RECOGNIZERS_VERSION into $B/node_modules"
            npm install --prefix "$B" --no-audit --no-fund --loglevel=error \
                "@microsoft/recognizers-text-suite@$RECOGNIZERS_VERSION" >/dev/null ||
                note "npm install @microsoft/recognizers-text-suite failed"
        else
            note "npm is missing: no Recognizers-Text"
        fi
    fi
    if [ -f "$B/node_modules/@microsoft/recognizers-text-suite/package.json" ]; then
        RT_VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
            "$B/node_modules/@microsoft/recognizers-text-suite/package.json" | head -n 1)
        ss="" os=""
        i=1
        while [ "$i" -le "$RUNS" ]; do
            measure node bench/recognizers.js "$B" "$SLICE" "$RECOGNIZERS_MODELS"
            cp "$B/cmd.out" "$B/rt.out"
            [ "$M_RC" = 0 ] || note "bench/recognizers.js failed: $(head -n 3 "$B/cmd.err" | tr '\n' ' ')"
            s=$(sed -n 's/.*"seconds":\([0-9.e+-]*\).*/\1/p' "$B/rt.out")
            echo "bench: Recognizers-Text run $i: ${s:-n/a} s, other load $M_OTHER CPUs"
            ss="$ss ${s:-n/a}"
            os="$os $M_OTHER"
            i=$((i + 1))
        done
        RT_RESULTS=$(sed -n 's/.*"results":\([0-9]*\).*/\1/p' "$B/rt.out")
        RT_LINES=$(sed -n 's/.*"lines":\([0-9]*\).*/\1/p' "$B/rt.out")
        # shellcheck disable=SC2086
        RT_E=$(calc 'a' "$(median $ss)" 1 '%.3f')
        # shellcheck disable=SC2086
        RT_OTHER=$(median $os)
        RT_RUNS=$(for s in $ss; do calc 'a' "$s" 1 ' %.3f'; done | tr -d '\n')
        RT_MBS=$(calc 'a / 1e6 / b' "$SLICE_B" "$RT_E" '%.4f')
    fi
else
    note "node is missing: Recognizers-Text skipped"
fi
# the pipeline on the same slice, start-up included (for reference)
if [ -n "$PIPE" ]; then
    mkdir -p "$B/slice" && cp "$SLICE" "$B/slice/slice.txt"
    ss=""
    i=1
    while [ "$i" -le "$RUNS" ]; do
        rm -rf "$B/out-slice"
        # shellcheck disable=SC2086
        measure "$PIPE" $J1 "$B/slice" "$B/out-slice"
        ss="$ss $M_E"
        i=$((i + 1))
    done
    rm -rf "$B/out-slice" "$B/slice"
    # shellcheck disable=SC2086
    PS_E=$(median $ss)
    PS_MBS=$(calc 'a / 1e6 / b' "$SLICE_B" "$PS_E")
fi

# ---------------------------------------------------------------- scale
scale_stage

# ---------------------------------------------------------------- figures
P1_MBS=$(calc 'a / 1e6 / b' "$BYTES" "$P1_E")
PN_MBS=$(calc 'a / 1e6 / b' "$BYTES" "$PN_E")
P5_MBS=$(calc 'a / 1e6 / b' "$BYTES5" "$P5_E")
P1_DPS=$(calc 'a / b' "$DOCS" "$P1_E" '%.1f')
PN_DPS=$(calc 'a / b' "$DOCS" "$PN_E" '%.1f')
P5_DPS=$(calc 'a / b' "$DOCS5" "$P5_E" '%.1f')
FLOOR_DPS=$(calc 'a / b' "$DOCS" "$FLOOR_E" '%.1f')
P1_CPS=$(calc 'a / b' "$P1_CLAIMS" "$P1_E" '%.0f')
PN_CPS=$(calc 'a / b' "$PN_CLAIMS" "$PN_E" '%.0f')
P5_CPS=$(calc 'a / b' "$P5_CLAIMS" "$P5_E" '%.0f')

R_FLOOR=$(calc 'a / b' "$P1_MBS" "$FLOOR_MBS")
R_FLOOR_CPU=$(calc 'b / a' "$P1_CPU" "$FLOOR_CPU")
R_JOBS=$(calc 'a / b' "$PN_MBS" "$P1_MBS")
R_PEER=$(calc 'a / b' "$P1_MBS" "$RT_MBS" '%.0f')
R_RSS5=$(calc 'a / b' "$P5_RSS" "$P1_RSS" '%.3f')
RSS_MAX=$(calc '(a > b ? a : b)' "$P1_RSS" "${PN_RSS}" '%.0f')
[ "$PN_RSS" = n/a ] && RSS_MAX=$P1_RSS

V_FLOOR=$(verdict "$R_FLOOR" '>=' 1.5)
V_JOBS=$(verdict "$R_JOBS" '>=' 1.7)
# with N idle CPUs and perfect overlap, N jobs can be at most N x CPU(1) / CPU(N) faster
R_JOBS_CEIL=$(calc 'a * b' "$NPROC" "$(calc 'a / b' "$P1_CPU" "$PN_CPU" '%.4f')")
[ "$NPROC" != 2 ] && [ "$R_JOBS" != n/a ] && V_JOBS="$V_JOBS (target is for 2 cores; this machine has $NPROC)"
V_PEER=$(verdict "$R_PEER" '>=' 500)
V_RSS=$(verdict "$RSS_MAX" '<' 65536)
V_RSS5=$(verdict "$R_RSS5" '<=' 1.10)

END_SECS=$(date +%s)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
MEM_TOTAL=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo n/a)
ICU_VERSION=$(pkg-config --modversion icu-uc 2>/dev/null || echo n/a)
CC_VERSION=$($CC --version 2>/dev/null | head -n 1)
WALL=$((END_SECS - START_SECS))

BUSY=$(printf '%s\n' "$FLOOR_OTHER" "$P1_OTHER" "$PN_OTHER" "$P5_OTHER" "$RT_OTHER" |
    awk '$1 != "n/a" && $1 + 0 > m { m = $1 + 0 } END { print m + 0 }')
if awk -v m="$BUSY" 'BEGIN { exit !(m >= 0.25) }'; then
    note "the machine was busy: other processes kept up to $BUSY of its $NPROC CPUs busy during the runs (column other load). Wall-clock figures are lower than on an idle machine, the N-jobs one most of all; CPU s is less affected"
fi
[ "$JOBS" = 1 ] && J1_LABEL="--jobs 1" || J1_LABEL="(no --jobs)"
TABLE="| run | input | MB/s | documents/s | claims/s | claims | peak RSS (MiB) | CPU s | other load | wall s (median) | wall s (each run) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
| floor: ICU word break, whole text | corpus, $CORPUS_MB MB | $FLOOR_MBS | $FLOOR_DPS | – | – | $(mib "$FLOOR_RSS") | $FLOOR_CPU | $FLOOR_OTHER | $FLOOR_E |$FLOOR_RUNS |
| pipeline $J1_LABEL | corpus, $CORPUS_MB MB | $P1_MBS | $P1_DPS | $P1_CPS | $P1_CLAIMS | $(mib "$P1_RSS") | $P1_CPU | $P1_OTHER | $P1_E |$P1_RUNS |
| pipeline --jobs $NPROC | corpus, $CORPUS_MB MB | $PN_MBS | $PN_DPS | $PN_CPS | $PN_CLAIMS | $(mib "$PN_RSS") | $PN_CPU | $PN_OTHER | $PN_E |$PN_RUNS |
| pipeline $J1_LABEL | 5× corpus, $(calc 'a / 1e6' "$BYTES5" 1 '%.1f') MB | $P5_MBS | $P5_DPS | $P5_CPS | $P5_CLAIMS | $(mib "$P5_RSS") | $P5_CPU | $P5_OTHER | $P5_E |$P5_RUNS |
| Recognizers-Text $RT_VERSION, zh-cn, line by line | slice, $SLICE_B bytes | $RT_MBS | – | – | ${RT_RESULTS:-n/a} entities | – | – | $RT_OTHER | $RT_E |$RT_RUNS |
| pipeline $J1_LABEL, start-up included | slice, $SLICE_B bytes | $PS_MBS | – | – | – | – | – | – | $PS_E | |"

TARGETS="| target | measured | verdict |
|---|---|---|
| single thread ≥ 1.5× the floor | pipeline $J1_LABEL / floor = **$R_FLOOR×** ($P1_MBS / $FLOOR_MBS MB/s); in CPU time $R_FLOOR_CPU× ($FLOOR_CPU s / $P1_CPU s) | **$V_FLOOR** |
| N jobs on 2 cores ≥ 1.7× single | --jobs $NPROC / --jobs 1 = **$R_JOBS×** ($PN_MBS / $P1_MBS MB/s); CPU time $PN_CPU s against $P1_CPU s, so on $NPROC idle CPUs at most $R_JOBS_CEIL× | **$V_JOBS** |
| ≥ 500× Recognizers-Text | pipeline $J1_LABEL / Recognizers = **$R_PEER×** ($P1_MBS / $RT_MBS MB/s) | **$V_PEER** |
| peak RSS < 64 MiB on the 200 MB corpus | **$(mib "$RSS_MAX") MiB** (largest of the 1-job and N-job medians) | **$V_RSS** |
| peak RSS on the 5× corpus within 10 % | 5× / 1× = **$R_RSS5** ($(mib "$P5_RSS") / $(mib "$P1_RSS") MiB, --jobs 1) | **$V_RSS5** |"

echo
echo "$TABLE"
echo
echo "$TARGETS"
echo
echo "$SCALE_TABLE"
echo
echo "$SCALE_TARGETS"
[ -n "$NOTES" ] && printf '\nnotes:%s\n' "$NOTES"
echo

cat >"$MD" <<EOF
# Benchmark

Written by \`make bench\` (= \`sh bench/run.sh\`, run from the repository
top); rerun it to refresh. These are the figures of the latest run.

- date: $START_DATE, $WALL s for the whole run
- command: \`make bench\`; the pipeline runs as
  \`build/pipeline ${J1:+$J1 }build/bench/corpus build/bench/out\`${JN:+ and
  \`build/pipeline $JN build/bench/corpus build/bench/out\`}, built with
  \`make CFLAGS=-O2 build/pipeline\` (commit $COMMIT, plus whatever the work
  tree held then)
- machine: $NPROC CPUs (nproc), $CPU_MODEL, $MEM_TOTAL of memory; load
  average $LOAD_START at the start, $LOAD_END at the end (the machine may be
  shared: other work running at the same time slows every figure)
- tools: $CC_VERSION; ICU $ICU_VERSION; node $NODE_VERSION

## Results

Medians of $RUNS runs ($RUNS5 on the 5× corpus). MB = 10^6 bytes of input
per second of wall time; peak RSS is GNU time's maximum resident set size
(\`/usr/bin/time -f %M\`) in MiB; CPU s is user + system time; other load
is how many CPUs other processes kept busy meanwhile (from /proc/stat: 0
on an idle machine, $NPROC when they took all of it).

$TABLE

## Targets

$TARGETS

## Scale

Inputs that grow, each at two sizes 4 times apart (one job, medians of
$SCALE_RUNS runs): a cost that grows faster than the input shows as a larger
CPU time per MB at the larger size (4× for a quadratic one). And one document
of a single line, $SCALE_MB MB dense in figures (one run): its peak memory.

$SCALE_TABLE

$SCALE_TARGETS
${NOTES:+
## Notes
$NOTES
}
## How it is measured

- **Corpus** (\`build/bench/corpus/\`, kept between runs, regenerated when
  missing or when its sources or generator change): $DOCS documents,
  $BYTES bytes, written by \`bench/gencorpus.c\` from every line of
  \`fixtures/*/input/*.txt\` and \`seeds/*.txt\` that is valid UTF-8 (each
  distinct line a paragraph). Each document takes paragraphs from shuffles
  of all of them until it holds 81 to 135 KB, one or two line breaks
  between them; every digit is replaced by a random one half the time, so
  that the figures differ from copy to copy. Seed $SEED: the same corpus
  every run. The **5× corpus** (\`build/bench/corpus5/\`, $DOCS5 documents,
  $BYTES5 bytes; its first $DOCS documents are the corpus) is generated
  the same way for the memory check and deleted at the end of the run.
- **Floor** (\`bench/floor.c\`, ICU only): reads every file, converts it to
  UTF-16 and runs ICU's word break iterator (\`UBRK_WORD\`, locale \`zh\`)
  over the whole text, counting words ($FLOOR_WORDS), one thread: what
  whole-corpus ICU word segmentation costs, with no extraction at all.
- **Pipeline**: the whole run, all its output files written (to
  \`build/bench/out/\`, deleted after each run); claims are the sum of the
  \`claims\` column of \`documents.csv\`. The corpus is read once before
  the runs, so every run reads it from the page cache. The output goes to
  the page cache as a run writes it and is not synced (the default; with
  \`--fsync\` a run would also wait for the disk to take its 2 GB); before
  each run (untimed) \`sync\` has what earlier runs wrote go to disk, so
  that no run pays for another's writeback.
- **Peer**: Microsoft Recognizers-Text $RT_VERSION
  (\`@microsoft/recognizers-text-suite\`, installed by npm into
  \`build/bench/node_modules\`), culture \`zh-cn\`, models
  $RECOGNIZERS_MODELS (numbers, percentages, and the number-with-unit
  models for money and measures), run by \`bench/recognizers.js\` on the
  first $SLICE_B bytes of the corpus (${RT_LINES:-n/a} non-empty lines) fed
  one line at a time: fed whole, the number-with-unit models slow down far
  more than in proportion to the text's length (when this was written, 20 KB
  in one piece took the currency model 13.7 s, line by line 0.8 s).
  Its time is the recognition loop alone (loading and building the models
  excluded). The ratio uses the pipeline's 200 MB figure; the pipeline's
  own run on the slice, start-up included, is in the table for reference.
- **Targets**: single thread ≥ 1.5× the floor; N jobs on 2 cores ≥ 1.7×
  single; ≥ 500× Recognizers-Text; peak RSS < 64 MiB on the 200 MB corpus
  and, on the 5× corpus, at most 10 % above it (memory must not grow with
  the input).
EOF
echo "bench: wrote $MD ($WALL s)"
exit 0
