# checks: running the pipeline under limits and checking its dataset, for
# the suites that run it (e2e.sh, hostile.sh, inputs.sh). Sourced after
# tests/lib/suite.sh, which gives $bin, $tmp and pass/fail/check.
#
#   go SECONDS MB COMMAND...   run with a time limit and a cap on file size
#   pl SECONDS MB ARGS...      the pipeline so
#   exit_is, no_dotfiles, not_created, stderr_has, stderr_line, csv_get,
#   row, claim_rows, doc_ok, doc_failed, same_dataset: see each below
case $bin in
*asan*) asan=1 ;;
*) asan=0 ;;
esac

CR=$(printf '\r')

# clip: stdin's first line, CR dropped, cut to about 200 bytes on a
# character boundary
LEAD=$(printf '\300-\367')
TRAIL=$(printf '\200-\277')
clip() {
    text=$(sed -n "1{s/$CR\$//;p;q;}")
    if [ "$(printf '%s' "$text" | wc -c)" -le 200 ]; then
        printf '%s' "$text"
    else
        printf '%s' "$text" | head -c 200 | LC_ALL=C sed "s/[$LEAD][$TRAIL]*\$//"
        printf '...'
    fi
}

# ---------------------------------------------------------------- running

# now_ms: the wall clock in milliseconds (GNU date; else whole seconds)
now_ms() {
    nm_t=$(date +%s%N 2>/dev/null)
    case $nm_t in
    *N | '') echo $(($(date +%s) * 1000)) ;;
    *) echo $((nm_t / 1000000)) ;;
    esac
}

timev=""
if [ -x /usr/bin/time ] && /usr/bin/time -v -o "$tmp/time" true 2>/dev/null &&
    grep -q 'Maximum resident' "$tmp/time"; then
    timev=/usr/bin/time
fi

# go SECONDS MB COMMAND...: run COMMAND with a time limit and a cap on the size
# of each file it writes, stdout to $tmp/stdout, stderr to $tmp/stderr. Sets
# rc (124: timed out), wall_ms and rss_kb (empty without /usr/bin/time -v). A
# sanitizer report is a failure of its own.
runs=0
go() {
    go_secs=$1 go_cap=$(($2 * 2048)) # 512-byte blocks
    shift 2
    runs=$((runs + 1))
    rm -f "$tmp/time"
    go_start=$(now_ms)
    (
        ulimit -f "$go_cap" 2>/dev/null
        trap '' XFSZ
        if [ -n "$timev" ]; then
            exec "$timev" -v -o "$tmp/time" timeout "$go_secs" "$@"
        else
            exec timeout "$go_secs" "$@"
        fi
    ) >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    wall_ms=$(($(now_ms) - go_start))
    rss_kb=""
    [ -f "$tmp/time" ] && rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
    if grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/stderr"; then
        fail "run $runs (${go_what:-$*})" \
            "sanitizer: $(grep -e 'Sanitizer' -e 'runtime error:' "$tmp/stderr" | clip)"
    fi
}
# pl SECONDS MB ARGS...: the pipeline itself
pl() {
    pl_secs=$1 pl_mb=$2
    shift 2
    go "$pl_secs" "$pl_mb" "$bin" "$@"
}
# seconds MS: "12.3"
seconds() { echo "$(($1 / 1000)).$(($1 % 1000 / 100))"; }

# ---------------------------------------------------------------- checks

# exit_is CASE WANT...: rc is one of WANT
exit_is() {
    ei_case=$1
    shift
    for ei_w in "$@"; do
        if [ "$rc" -eq "$ei_w" ]; then
            pass
            return
        fi
    done
    if [ "$rc" -eq 124 ]; then
        fail "$ei_case" "did not finish within the time limit (timeout)"
    else
        fail "$ei_case" "exit $rc, expected $(echo "$@" | sed 's/ / or /g'): $(clip <"$tmp/stderr")"
    fi
}

# no_dotfiles CASE DIR: no temporary (hidden) files left behind
no_dotfiles() {
    left=""
    for f in "$2"/.[!.]* "$2"/..?*; do
        if [ -e "$f" ] || [ -L "$f" ]; then left="$left ${f##*/}"; fi
    done
    if [ -z "$left" ]; then pass; else fail "$1" "temporary files left in the output folder:$left"; fi
}

# not_created CASE PATH
not_created() {
    if [ -e "$2" ]; then fail "$1" "$2 was left behind by a run that failed"; else pass; fi
}

# stderr_has CASE TEXT / stderr_line CASE LINE
stderr_has() {
    if grep -q -F -e "$2" "$tmp/stderr"; then pass; else fail "$1" "stderr lacks [$2]: $(clip <"$tmp/stderr")"; fi
}
stderr_line() {
    if grep -q -x -F -e "$2" "$tmp/stderr"; then pass; else fail "$1" "stderr has no line [$2]: $(clip <"$tmp/stderr")"; fi
}

# csv_get CSV KEY_COLUMN KEY COLUMN...: for each record of CSV (RFC 4180, a
# header row; quoted fields may hold "" and line breaks) whose KEY_COLUMN is
# KEY, one line: the COLUMNs joined by a tab (CR and LF in them as \r \n);
# with COLUMN "#" the count of such records instead
csv_get() {
    [ -f "$1" ] || return 0
    csv_file=$1
    shift
    kcol=$1 kval=$2 cols=$(shift 2; echo "$*") LC_ALL=C awk '
    BEGIN { kcol = ENVIRON["kcol"]; kval = ENVIRON["kval"]; cols = ENVIRON["cols"] }
    function flush(   i, out, v) {
        if (nf == 0) return
        if (NR_rec++ == 0) {
            for (i = 1; i <= nf; i++) idx[F[i]] = i
            nc = split(cols, want, " ")
        } else if ((kcol in idx) && F[idx[kcol]] == kval) {
            count++
            if (want[1] != "#") {
                out = ""
                for (i = 1; i <= nc; i++) {
                    v = (want[i] in idx) ? F[idx[want[i]]] : ""
                    gsub(/\r/, "\\r", v); gsub(/\n/, "\\n", v); gsub(/\t/, "\\t", v)
                    out = out (i > 1 ? "\t" : "") v
                }
                print out
            }
        }
        nf = 0
    }
    {
        line = $0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (inq) {
                if (c == "\"") {
                    if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ } else inq = 0
                } else f = f c
            } else if (c == "\"") inq = 1
            else if (c == ",") { F[++nf] = f; f = "" }
            else f = f c
        }
        if (inq) { f = f "\n"; next }
        sub(/\r$/, "", f) # the CR of the CRLF record end
        if (f != "" || nf > 0) { F[++nf] = f; f = "" }
        flush()
    }
    END { if (want[1] == "#") print count + 0 }' "$csv_file"
}

# row DOCUMENTS_CSV DOC: sets row_status, row_error, row_claims and row_line
# (all its fields, for messages) from DOC's row; empty when it has none
row() {
    row_line=$(csv_get "$1" doc "$2" doc bytes encoding claims status error | head -n 1)
    row_status=$(printf '%s\n' "$row_line" | cut -f 5)
    row_error=$(printf '%s\n' "$row_line" | cut -f 6)
    row_claims=$(printf '%s\n' "$row_line" | cut -f 4)
    case $row_claims in *[!0-9]* | '') row_claims="" ;; esac
    row_line=$(printf '%s\n' "$row_line" | tr '\t' '|')
}

# claim_rows CLAIMS_CSV DOC: the number of DOC's claims
claim_rows() {
    cr_n=$(csv_get "$1" doc "$2" "#")
    echo "${cr_n:-0}"
}

# doc_ok CASE OUT DOC CLAIMS: DOC's row says ok with CLAIMS claims (at least
# CLAIMS when it begins with +), and claims.csv has that many of its rows
doc_ok() {
    row "$2/documents.csv" "$3"
    if [ "$row_status" != ok ]; then
        fail "$1" "documents.csv row of $3 is [${row_line:-none}], expected ok"
        return
    fi
    case $4 in
    +*) want=${4#+} atleast=1 ;;
    *) want=$4 atleast=0 ;;
    esac
    n=$(claim_rows "$2/claims.csv" "$3")
    ok=0
    if [ "$atleast" -eq 1 ]; then
        [ "$n" -ge "$want" ] && [ "${row_claims:-0}" -eq "$n" ] && ok=1
        want="at least $want"
    else
        [ "$n" -eq "$want" ] && [ "${row_claims:--1}" -eq "$want" ] && ok=1
    fi
    check "$1" "$3: $n claims in claims.csv and ${row_claims:-?} in documents.csv, expected $want" [ "$ok" -eq 1 ]
}

# doc_failed CASE OUT DOC ERROR: DOC's row says failed with exactly ERROR,
# stderr has "pipeline: ERROR", and claims.csv has no row of it
doc_failed() {
    row "$2/documents.csv" "$3"
    if [ "$row_status" = failed ] && [ "$row_error" = "$4" ]; then
        pass
    else
        fail "$1" "documents.csv row of $3 is [${row_line:-none}], expected failed with [$4]"
    fi
    stderr_line "$1" "pipeline: $4"
    n=$(claim_rows "$2/claims.csv" "$3")
    check "$1" "claims.csv has $n rows of the failed document $3" [ "$n" -eq 0 ]
}

# same_dataset CASE COPY OUT: the same files, byte for byte, and no others
same_dataset() {
    differ=""
    for f in "$2"/* "$3"/*; do
        f=${f##*/}
        [ -e "$2/$f" ] || [ -e "$3/$f" ] || continue
        case " $differ " in *" $f "*) continue ;; esac
        if [ -d "$2/$f" ] && [ -d "$3/$f" ]; then # the site's folder
            diff -r -q "$2/$f" "$3/$f" >/dev/null 2>&1 || differ="$differ $f"
        else
            cmp -s "$2/$f" "$3/$f" 2>/dev/null || differ="$differ $f"
        fi
    done
    check "$1" "the previous dataset changed:$differ" [ -z "$differ" ]
}

