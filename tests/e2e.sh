#!/bin/sh
# e2e: the pipeline binary end to end, over fixtures/ and the error cases.
#
#   sh tests/e2e.sh build/pipeline        (from the top of the repository)
#
# Every fixture fixtures/CASE/ holds input/ (the documents) and expected/
# (claims.csv, documents.csv and, when it is not 0, the exit code in `exit`).
# For each fixture: the exit code; claims.csv and documents.csv byte for byte;
# claims.json present and opening with {"claims": [; a second run over the
# first one's output gives byte-identical files; no temporary files left; the
# claim rows are as many as documents.csv counts; and the bytes of the input
# at byte_start..byte_end of every claim are its quote.
#
# Then the error cases: exit code, message and what was (not) written.
#
# Prints one line per failure and closes with "e2e: N passed, N failed".
# Needs only POSIX sh and the base tools (sed grep cmp head tail mktemp).
set -u
suite=e2e
. tests/lib/suite.sh
. tests/lib/checks.sh

TAB=$(printf '\t')

# run ARGS...: the binary, stdout to $tmp/stdout, stderr to $tmp/stderr,
# exit code in $rc. A sanitizer report is turned into its own failure.
if command -v timeout >/dev/null 2>&1; then
    limit="timeout 120"
else
    limit=""
fi
runs=0
run() {
    $limit "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    runs=$((runs + 1))
    if grep -q -e 'Sanitizer' -e 'runtime error:' -e 'LeakSanitizer' "$tmp/stderr"; then
        fail "run $runs ($*)" "sanitizer: $(grep -e 'Sanitizer' -e 'runtime error:' "$tmp/stderr" | head -n 1)"
    fi
}

# same_file CASE NAME EXPECTED ACTUAL: byte for byte, else the first line that differs
same_file() {
    if [ ! -f "$4" ]; then
        fail "$1" "$2 was not written"
    elif cmp -s "$3" "$4"; then
        pass
    else
        n=$(cmp "$3" "$4" 2>&1 | sed -n '/EOF/d;s/.* line \([0-9]*\).*/\1/p')
        if [ -z "$n" ]; then # one is a prefix of the other
            a=$(wc -l <"$3") b=$(wc -l <"$4")
            n=$((a < b ? a + 1 : b + 1))
        fi
        want=$(sed -n "${n}{s/$CR\$//;p;}" "$3" | clip)
        got=$(sed -n "${n}{s/$CR\$//;p;}" "$4" | clip)
        fail "$1" "$2 differs at line $n: expected [$want] got [$got]"
    fi
}

# escape: backslash, CR and LF of the whole input written as \\ \r \n
escape() {
    sed -e ':a' -e '$!{' -e 'N' -e 'ba' -e '}' \
        -e 's/\\/\\\\/g' -e "s/$CR/\\\\r/g" -e 's/\n/\\n/g'
}

# claim_spans CLAIMS_CSV: one line per claim row, "START<TAB>END<TAB>DOC<TAB>QUOTE",
# QUOTE escaped as by escape; a row that cannot be read becomes "?<TAB>ROW".
# Fields are RFC 4180: a quoted field may hold "" and line breaks.
claim_spans() {
    sed -e '1d' \
        -e ':a' -e '/^[^"]*"\([^"]*"[^"]*"\)*[^"]*$/{' -e '$!{' -e 'N' -e 'ba' -e '}' -e '}' \
        -e "s/$CR\$//" -e 's/\\/\\\\/g' -e "s/$CR/\\\\r/g" -e 's/\n/\\n/g' "$1" |
        sed -E -e "s/^\"[^\"]*\",\"(([^\"]|\"\")*)\",[0-9]+,[0-9]+,([0-9]+),([0-9]+),\"(([^\"]|\"\")*)\",.*\$/\\3$TAB\\4$TAB\\1$TAB\\5/" \
            -e 't ok' -e "s/^/?$TAB/" -e 'b' -e ':ok' -e 's/""/"/g'
}

# check_spans CASE INPUT_DIR CLAIMS_CSV DOCUMENTS_CSV: every quote is the
# source bytes at its span; as many rows as documents.csv counts claims
check_spans() {
    case_=$1 in_dir=$2
    claim_spans "$3" >"$tmp/spans"
    # doc<TAB>encoding of every document, to read sources not in UTF-8
    sed -E -n '2,$s/^"(([^"]|"")*)",[0-9]*,"?([^",]*)"?,.*$/\1	\3/p' "$4" >"$tmp/encodings"
    bad=0 rows=0
    while IFS= read -r rec; do
        rows=$((rows + 1))
        s=${rec%%"$TAB"*}
        rest=${rec#*"$TAB"}
        if [ "$s" = "?" ]; then
            fail "$case_" "claims.csv row $rows cannot be read: $(printf '%s' "$rest" | clip)"
            bad=$((bad + 1))
            continue
        fi
        e=${rest%%"$TAB"*}
        rest=${rest#*"$TAB"}
        doc=${rest%%"$TAB"*}
        q=${rest#*"$TAB"}
        enc=$(grep -F "$doc$TAB" "$tmp/encodings" | head -n 1 | cut -f 2)
        f=$in_dir/${doc%%#*} # an item of a feed: offsets into the feed
        [ -d "$in_dir" ] || f=$in_dir # a single file given as input
        case $doc in
        *.jsonl\#* | *.ndjson\#* | *.gz\#*) pass; continue ;; # offsets into the article's text
        esac
        if [ ! -f "$f" ]; then
            fail "$case_" "claim row $rows: no input file $f"
            bad=$((bad + 1))
            continue
        fi
        if [ -z "$q" ] || [ "$e" -le "$s" ]; then
            fail "$case_" "$doc: claim row $rows has an empty span $s..$e or quote [$q]"
            bad=$((bad + 1))
            continue
        fi
        case $enc in
        UTF-8*) to_utf8() { cat; } ;;
        *) to_utf8() { iconv -f "$enc" -t UTF-8; } ;;
        esac
        case $q in
        *\\*) src=$({ tail -c +$((s + 1)) "$f" | head -c $((e - s)) | to_utf8; printf x; } | escape)
            src=${src%x} ;;
        *) src=$(tail -c +$((s + 1)) "$f" | head -c $((e - s)) | to_utf8) ;;
        esac
        if [ "$src" != "$q" ]; then
            fail "$case_" "$doc: bytes $s..$e are [$src], the quote is [$q]"
            bad=$((bad + 1))
        fi
    done <"$tmp/spans"
    [ "$bad" -eq 0 ] && pass
    # the claims column of documents.csv (4th, after doc, bytes, encoding)
    counted=0
    # shellcheck disable=SC2013 # numbers, one a line
    for n in $(sed -E -n '2,$s/^"(([^"]|"")*)",[0-9]*,("[^"]*")?,([0-9]+),.*$/\4/p' "$4"); do
        counted=$((counted + n))
    done
    if [ "$rows" -eq "$counted" ]; then
        pass
    else
        fail "$case_" "claims.csv has $rows rows, documents.csv counts $counted claims"
    fi
}

# ---------------------------------------------------------------- fixtures

nfix=0
for dir in fixtures/*/; do
    dir=${dir%/}
    case_=${dir#fixtures/}
    if [ ! -d "$dir/input" ] || [ ! -d "$dir/expected" ]; then
        continue
    fi
    nfix=$((nfix + 1))
    want_rc=0
    [ -f "$dir/expected/exit" ] && want_rc=$(tr -dc '0-9' <"$dir/expected/exit")
    out=$tmp/fixture/$case_
    mkdir -p "$tmp/fixture"

    run "$dir/input" "$out"
    check "$case_" "exit $rc, expected $want_rc: $(clip <"$tmp/stderr")" [ "$rc" -eq "$want_rc" ]
    same_file "$case_" claims.csv "$dir/expected/claims.csv" "$out/claims.csv"
    same_file "$case_" documents.csv "$dir/expected/documents.csv" "$out/documents.csv"
    if [ -f "$out/claims.json" ] && [ "$(head -c 12 "$out/claims.json")" = '{"claims": [' ]; then
        pass
    else
        fail "$case_" "claims.json missing or not opening with {\"claims\": ["
    fi
    [ -f "$out/claims.csv" ] && check_spans "$case_" "$dir/input" "$out/claims.csv" "$out/documents.csv"

    # again, over the first run's dataset, synced to disk: the same bytes
    mkdir -p "$tmp/first"
    rm -f "$tmp/first/"*
    cp "$out/"* "$tmp/first/" 2>/dev/null
    run --fsync "$dir/input" "$out"
    differ=""
    for f in claims.csv claims.json documents.csv; do
        cmp -s "$tmp/first/$f" "$out/$f" || differ="$differ $f"
    done
    same=1
    [ -z "$differ" ] && [ "$rc" -eq "$want_rc" ] || same=0
    check "$case_" "a second run gives exit $rc (expected $want_rc), different bytes in:${differ:- none}" \
        [ "$same" -eq 1 ]
    no_dotfiles "$case_" "$out"
done
[ "$nfix" -gt 0 ] || fail fixtures "no fixtures found under fixtures/ (run from the top of the repository)"

# A single file as the input: named by its base name, the same claims.
if [ -f fixtures/employment/input/employment.txt ]; then
    run fixtures/employment/input/employment.txt "$tmp/single"
    check "single file input" "exit $rc, expected 0" [ "$rc" -eq 0 ]
    same_file "single file input" claims.csv fixtures/employment/expected/claims.csv "$tmp/single/claims.csv"
fi

# ---------------------------------------------------------------- errors

# a small good document, with two claims
good=$tmp/good.txt
printf '%s\n' '社区服务简报' '' '全街道新建社区养老服务站8处，配备助餐服务人员65名。' >"$good"

# doc_row CASE DOCUMENTS_CSV DOC STATUS ERROR: the document's row says so
doc_row() {
    row=$(grep -F -e "\"$3\"," "$2" 2>/dev/null | sed "s/$CR\$//")
    # status and error are the 5th and 6th columns; more may follow
    case $row in
    *",\"$4\",\"$5\"" | *",\"$4\",$5" | *",\"$4\",\"$5\","* | *",\"$4\",$5,"*) pass ;;
    *) fail "$1" "documents.csv row of $3 is [$row], expected status $4 and error [$5]" ;;
    esac
}

# missing input path: exit 2, the path named, nothing written
c="missing input"
run "$good" "$tmp/no-such-file.txt" "$tmp/e-missing"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "$tmp/no-such-file.txt"
not_created "$c" "$tmp/e-missing"

# --date: the date of every document, winning over a dateline; a day that
# is not one is refused, nothing written
c="--date"
dated=$tmp/dated
mkdir -p "$dated"
printf '%s\n' '本报讯（2018年7月20日）今年以来，全县新增企业300家。' >"$dated/a.txt"
run "$dated" "$tmp/e-dateline"
check "$c" "exit $rc, expected 0" [ "$rc" -eq 0 ]
check "$c" "the dateline's date: $(sed -n 2p "$tmp/e-dateline/documents.csv")" \
    grep -q -F '"2018-07-20","text"' "$tmp/e-dateline/documents.csv"
check "$c" "today's when from the dateline" grep -q -F '"今年以来","2018-01-01/2018-07-20"' "$tmp/e-dateline/claims.csv"
run --date 2019-06-06 "$dated" "$tmp/e-date"
check "$c" "exit $rc, expected 0" [ "$rc" -eq 0 ]
check "$c" "--date wins: $(sed -n 2p "$tmp/e-date/documents.csv")" \
    grep -q -F '"2019-06-06","option"' "$tmp/e-date/documents.csv"
check "$c" "when against --date" grep -q -F '"今年以来","2019-01-01/2019-06-06"' "$tmp/e-date/claims.csv"
for bad_date in 2019-02-30 2019-6-6 yesterday; do
    run --date "$bad_date" "$dated" "$tmp/e-bad-date"
    check "$c $bad_date" "exit $rc, expected 2" [ "$rc" -eq 2 ]
    stderr_has "$c $bad_date" "--date $bad_date"
    not_created "$c $bad_date" "$tmp/e-bad-date"
done

# a folder with no documents, and one with hidden files only
c="empty folder"
mkdir "$tmp/empty"
run "$tmp/empty" "$tmp/e-empty"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "no documents"
not_created "$c" "$tmp/e-empty"

c="hidden files only"
mkdir -p "$tmp/hidden/.sub"
cp "$good" "$tmp/hidden/.draft.txt"
cp "$good" "$tmp/hidden/.sub/report.txt"
run "$tmp/hidden" "$tmp/e-hidden"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "no documents"
not_created "$c" "$tmp/e-hidden"

# an unreadable file beside a good one (a dangling link: root reads anything)
c="unreadable file"
mkdir "$tmp/unreadable"
cp "$good" "$tmp/unreadable/good.txt"
ln -s "$tmp/nowhere/gone.txt" "$tmp/unreadable/gone.txt"
run "$tmp/unreadable" "$tmp/e-unreadable"
check "$c" "exit $rc, expected 1" [ "$rc" -eq 1 ]
stderr_has "$c" "gone.txt: cannot read"
doc_row "$c" "$tmp/e-unreadable/documents.csv" gone.txt failed "gone.txt: cannot read: No such file or directory"
doc_row "$c" "$tmp/e-unreadable/documents.csv" good.txt ok ""
n=$(grep -c -F '"good.txt",' "$tmp/e-unreadable/claims.csv" 2>/dev/null)
check "$c" "claims.csv has ${n:-no} rows of good.txt, expected 2" [ "${n:-0}" -eq 2 ]
[ -f "$tmp/e-unreadable/claims.csv" ] &&
    check_spans "$c" "$tmp/unreadable" "$tmp/e-unreadable/claims.csv" "$tmp/e-unreadable/documents.csv"

# an empty file
c="empty file"
mkdir "$tmp/emptyfile"
cp "$good" "$tmp/emptyfile/good.txt"
: >"$tmp/emptyfile/empty.txt"
run "$tmp/emptyfile" "$tmp/e-emptyfile"
check "$c" "exit $rc, expected 1" [ "$rc" -eq 1 ]
stderr_line "$c" "pipeline: empty.txt: empty file"
doc_row "$c" "$tmp/e-emptyfile/documents.csv" empty.txt failed "empty.txt: empty file"
doc_row "$c" "$tmp/e-emptyfile/documents.csv" good.txt ok ""

# invalid UTF-8 on line 3: the message names the document, the line and the byte
c="invalid UTF-8"
mkdir -p "$tmp/invalid/sub"
{
    printf '%s\n' '交通建设简报' ''
    printf '全年新改建农村公路\303(86公里，完成投资1.2亿元。\n'
    printf '%s\n' '新建桥梁12座。'
} >"$tmp/invalid/sub/roads.txt"
cp "$good" "$tmp/invalid/good.txt"
run "$tmp/invalid" "$tmp/e-invalid"
check "$c" "exit $rc, expected 1" [ "$rc" -eq 1 ]
stderr_line "$c" "pipeline: sub/roads.txt:3: invalid UTF-8 byte 0xC3"
doc_row "$c" "$tmp/e-invalid/documents.csv" sub/roads.txt failed "sub/roads.txt:3: invalid UTF-8 byte 0xC3"
n=$(grep -c -F '"sub/roads.txt",' "$tmp/e-invalid/claims.csv" 2>/dev/null)
check "$c" "claims.csv has ${n:-no} rows of the failed document" [ "${n:-1}" -eq 0 ]

# a UTF-8 sequence cut short by the end of the file (line 4, no newline)
c="truncated UTF-8"
mkdir "$tmp/truncated"
{
    printf '%s\n' '交通建设简报' '' '新建桥梁12座。'
    printf '\344\270'
} >"$tmp/truncated/cut.txt"
run "$tmp/truncated" "$tmp/e-truncated"
check "$c" "exit $rc, expected 1" [ "$rc" -eq 1 ]
stderr_line "$c" "pipeline: cut.txt:4: invalid UTF-8 byte 0xE4"
doc_row "$c" "$tmp/e-truncated/documents.csv" cut.txt failed "cut.txt:4: invalid UTF-8 byte 0xE4"

# OUT_DIR below a regular file, OUT_DIR a regular file
c="OUT_DIR below a file"
mkdir "$tmp/outfile"
printf 'keep\n' >"$tmp/outfile/plain"
run "$good" "$tmp/outfile/plain/out"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "$tmp/outfile/plain/out"
# shellcheck disable=SC2012 # names of our own making
check "$c" "something was created beside the file: $(ls -A "$tmp/outfile" | tr '\n' ' ')" \
    [ "$(ls -A "$tmp/outfile")" = plain ]
check "$c" "the regular file changed" [ "$(cat "$tmp/outfile/plain")" = keep ]

c="OUT_DIR a file"
run "$good" "$tmp/outfile/plain"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "$tmp/outfile/plain"
check "$c" "the regular file changed" [ "$(cat "$tmp/outfile/plain")" = keep ]

# OUT_DIR whose last part cannot be created (a name over 255 bytes): the
# parts before it must not be left behind either
c="OUT_DIR name too long"
long=$(printf '%0300d' 0)
run "$good" "$tmp/toolong/new/$long"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "cannot create the output folder"
not_created "$c" "$tmp/toolong"

# a malformed rule file: the position of the bad value, nothing written
c="malformed rule file"
cp -R rules "$tmp/rules"
ln=$(sed -n '/"unit": "person"/=' "$tmp/rules/units.json" | head -n 1)
if [ -z "$ln" ]; then
    fail "$c" "rules/units.json has no line with \"unit\": \"person\" to break"
else
    sed "${ln}s/\"unit\": \"person\"/\"unit\": 5/" "$tmp/rules/units.json" >"$tmp/units.json"
    mv "$tmp/units.json" "$tmp/rules/units.json"
    # the column of "unit" in characters: the bytes before it, less UTF-8 continuation bytes
    prefix=$(sed -n "${ln}{s/\"unit\": 5.*//;p;}" "$tmp/rules/units.json")
    col=$(($(printf '%s' "$prefix" | LC_ALL=C tr -d '\200-\277' | wc -c) + 1))
    run --rules "$tmp/rules" "$good" "$tmp/e-rules"
    check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
    stderr_line "$c" "pipeline: $tmp/rules/units.json:$ln:$col: expected a string for \"unit\""
    not_created "$c" "$tmp/e-rules"
fi

# a previous dataset stays as it was when a later run fails with exit 2
c="previous dataset kept"
run "$good" "$tmp/kept"
check "$c" "the first run: exit $rc, expected 0" [ "$rc" -eq 0 ]
mkdir "$tmp/kept-copy"
cp "$tmp/kept/"* "$tmp/kept-copy/"
other=$tmp/other.txt
printf '%s\n' '文化简报' '' '建成农家书屋146家。' >"$other"
for how in "missing input" "bad rules" "no documents" "unknown option"; do
    case $how in
    "missing input") run "$other" "$tmp/no-such-file.txt" "$tmp/kept" ;;
    "bad rules") run --rules "$tmp/rules" "$other" "$tmp/kept" ;;
    "no documents") run "$tmp/empty" "$tmp/kept" ;;
    "unknown option") run --frobnicate "$other" "$tmp/kept" ;;
    esac
    check "$c" "after $how: exit $rc, expected 2" [ "$rc" -eq 2 ]
    differ=""
    for f in claims.csv claims.json documents.csv; do
        cmp -s "$tmp/kept-copy/$f" "$tmp/kept/$f" || differ="$differ $f"
    done
    check "$c" "after $how the dataset changed:$differ" [ -z "$differ" ]
done
no_dotfiles "$c" "$tmp/kept"

# ... and when the output cannot be put in place (documents.csv is a folder):
# the finished files must not replace the old ones one by one
c="previous dataset kept on a failed rename"
rm "$tmp/kept/documents.csv"
mkdir "$tmp/kept/documents.csv"
run "$other" "$tmp/kept"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "$tmp/kept/documents.csv"
differ=""
for f in claims.csv claims.json; do
    cmp -s "$tmp/kept-copy/$f" "$tmp/kept/$f" || differ="$differ $f"
done
check "$c" "files replaced by the failed run:$differ" [ -z "$differ" ]
no_dotfiles "$c" "$tmp/kept"

# the command line
c="--help"
run --help
check "$c" "exit $rc, expected 0" [ "$rc" -eq 0 ]
check "$c" "no usage on stdout: $(clip <"$tmp/stdout")" grep -q '^usage: pipeline' "$tmp/stdout"

c="--version"
run --version
check "$c" "exit $rc, expected 0" [ "$rc" -eq 0 ]
check "$c" "stdout is [$(clip <"$tmp/stdout")]" grep -q -x 'pipeline [0-9][0-9.]*' "$tmp/stdout"

c="unknown option"
run --frobnicate "$good" "$tmp/e-option"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
stderr_has "$c" "--frobnicate"
not_created "$c" "$tmp/e-option"

c="no OUT_DIR"
run "$good"
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]

c="--rules without a folder"
run "$good" "$tmp/e-rules-arg" --rules
check "$c" "exit $rc, expected 2" [ "$rc" -eq 2 ]
not_created "$c" "$tmp/e-rules-arg"

finish
