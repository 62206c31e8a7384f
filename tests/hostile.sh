#!/bin/sh
# hostile: the pipeline binary against hostile inputs and hostile conditions.
#
#   sh tests/hostile.sh build/pipeline        (from the top of the repository)
#
# 1. binary files (NUL bytes) beside a good one
# 2. invalid UTF-8 in the middle of a file, truncated UTF-8 at its very end
# 3. a 1 MB line without a line break; 400 KB without any punctuation
# 4. a 100 MB document (plain build only); the same run interrupted by
#    SIGINT and by SIGTERM
# 5. a symbolic link loop in the input tree; a link to itself
# 6. a dangling link; a file removed after discovery; a read error
# 7. an output folder read-only or full; a rename of the commit that fails
# 8. an input path that does not exist among others
# 9. a disk full under a big row; two runs into one folder; a signal and
#    kill -9 during the commit (and a failed run after it); a link planted
#    at a temporary name; a lock file planted as a hard link; an unknown
#    --encoding; names with terminal escapes
# +  names that CSV and JSON must escape; 300 files under a limit of 32
#    open descriptors
#
# For every case: the run goes on with the other documents, the message names
# the file (and the line where there is one), no temporary (dot) files are left
# in OUT_DIR, and no sanitizer report appears on stderr.
#
# Cases 7, 9 (but its last two) and the injected parts of 6 preload
# tests/inject_io.c (built here
# with cc into the temporary folder); they are skipped, and counted neither
# way, with an ASan build, since LD_PRELOAD and ASan do not mix. Case 4 (and
# the interrupted runs, which use its input) runs with the plain build only.
# Big inputs are generated once per run in a mktemp -d folder, removed on
# exit. Every run of the pipeline is limited in time (timeout) and in the
# size of each file it writes (ulimit -f, with SIGXFSZ ignored so that a
# write past it fails with EFBIG), so that a runaway output cannot fill the
# disk.
#
# Prints one line per failure, "hostile: timing ..." lines for the big inputs,
# "hostile: skipped ..." notes, and closes with "hostile: N passed, N failed".
# Needs only POSIX sh and the Debian base tools (awk sed grep cmp cp ln mktemp
# timeout; /usr/bin/time for the peak memory figure when present; cc for the
# preloaded library).
set -u
suite=hostile
. tests/lib/suite.sh
. tests/lib/checks.sh

# ---------------------------------------------------------------- inputs

# a small good document with two claims, and another with one
good=$tmp/good.txt
printf '%s\n' '社区服务简报' '' '全街道新建社区养老服务站8处，配备助餐服务人员65名。' >"$good"
other=$tmp/other.txt
printf '%s\n' '文化简报' '' '建成农家书屋146家。' >"$other"
# a line of Chinese text, so that files with one bad byte are still UTF-8
zh='今年以来，全县上下坚持稳中求进工作总基调，扎实推进各项民生实事落地见效。'

# ================================================================ 1. binary

c="binary file"
mkdir -p "$tmp/bin"
cp "$good" "$tmp/bin/good.txt"
# text with NUL bytes in it (a file saved by a program, a core dump, ...)
{
    printf 'DATA\000\000\001\002'
    printf '%s\n' '全县新建学校12所，投入资金3.5亿元。'
    printf '\000\377\376\000'
} >"$tmp/bin/data.bin"
# a PNG: NUL bytes too, but its first byte that is not UTF-8 is 0x89
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020\000\000\000\020\010\006\000\000\000\037\363\377a\000\000\000\000IEND\256B`\202' \
    >"$tmp/bin/image.png"
pl 60 64 "$tmp/bin" "$tmp/o-bin"
exit_is "$c" 0 1
doc_ok "$c" "$tmp/o-bin" good.txt 2
any_failed=0
for d in data.bin image.png; do
    row "$tmp/o-bin/documents.csv" "$d"
    case $row_status in
    failed | skipped) pass ;;
    *) fail "$c" "documents.csv row of $d is [${row_line:-none}], expected status failed or skipped" ;;
    esac
    [ "$row_status" = failed ] && any_failed=1
    case $row_error in
    "$d"*[Bb]inary*) pass ;;
    *) fail "$c" "the error of $d is [$row_error], expected it to name $d and say binary" ;;
    esac
    n=$(claim_rows "$tmp/o-bin/claims.csv" "$d")
    check "$c" "claims.csv has $n rows of the binary file $d" [ "$n" -eq 0 ]
    if [ "$row_status" = failed ]; then
        stderr_has "$c" "pipeline: $d"
    fi
done
# a failed document makes the exit 1; skipped binary files do not count
if [ "$any_failed" -eq 1 ]; then
    check "$c" "a document failed, yet the exit is $rc, not 1" [ "$rc" -eq 1 ]
else
    check "$c" "binary files skipped beside good ones, yet the exit is $rc, not 0" [ "$rc" -eq 0 ]
fi
no_dotfiles "$c" "$tmp/o-bin"

# ================================================================ 2. UTF-8

c="invalid UTF-8"
u=$tmp/utf8
mkdir -p "$u"
cp "$good" "$u/good.txt"
# 0xFF on line 500 of 1000, in the middle of the line
LC_ALL=C awk -v zh="$zh" 'BEGIN { for (i = 1; i <= 1000; i++) {
    if (i == 500) printf "新建学校%d所，\377投入资金%d亿元。\n", i, i
    else printf "%s新建学校%d所。\n", zh, i } }' >"$u/mid.txt"
# an encoded surrogate (ED A0 80) on line 3
{ printf '%s\n' "$zh" "$zh"; printf '新建桥梁\355\240\20012座。\n'; } >"$u/surrogate.txt"
# an overlong slash (C0 AF) on line 2
{ printf '%s\n' "$zh"; printf '%s\300\257%s\n' "$zh" "$zh"; } >"$u/overlong.txt"
# a character whose lead byte is missing (85 A8, the tail of 全) on line 2
{ printf '%s\n' "$zh"; printf '\205\250县新建学校12所。%s\n' "$zh"; } >"$u/tail.txt"
# cut at the very end of the file: two of the three bytes of 全, no line end
{ printf '%s\n' "$zh" "$zh"; printf '新建桥梁12座。\345\205'; } >"$u/cut.txt"
# CRLF lines, then the first three bytes of a four-byte character on line 4
{ printf '%s\r\n' "$zh" "$zh" "$zh"; printf '\360\237\230'; } >"$u/cut-crlf.txt"
pl 60 64 "$u" "$tmp/o-utf8"
exit_is "$c" 1
doc_ok "$c" "$tmp/o-utf8" good.txt 2
doc_failed "$c" "$tmp/o-utf8" mid.txt "mid.txt:500: invalid UTF-8 byte 0xFF"
doc_failed "$c" "$tmp/o-utf8" surrogate.txt "surrogate.txt:3: invalid UTF-8 byte 0xED"
doc_failed "$c" "$tmp/o-utf8" overlong.txt "overlong.txt:2: invalid UTF-8 byte 0xC0"
doc_failed "$c" "$tmp/o-utf8" tail.txt "tail.txt:2: invalid UTF-8 byte 0x85"
doc_failed "$c" "$tmp/o-utf8" cut.txt "cut.txt:3: invalid UTF-8 byte 0xE5"
doc_failed "$c" "$tmp/o-utf8" cut-crlf.txt "cut-crlf.txt:4: invalid UTF-8 byte 0xF0"
no_dotfiles "$c" "$tmp/o-utf8"

# ================================================================ 3. 1 MB line

c="1 MB line"
sentence='全县新建学校12所，投入资金3.5亿元，'
mkdir -p "$tmp/line"
LC_ALL=C awk -v s="$sentence" 'BEGIN { n = int(1048576 / length(s)); for (i = 0; i < n; i++) printf "%s", s }' \
    >"$tmp/line/line.txt"
reps=$((1048576 / $(printf '%s' "$sentence" | wc -c)))
# one claim per repetition at least; 256 MB a file is far more than the
# claims of 1 MB of text need (this cap keeps a runaway output off the disk)
pl 60 256 "$tmp/line/line.txt" "$tmp/o-line"
exit_is "$c" 0
row "$tmp/o-line/documents.csv" line.txt
if [ "$rc" -ne 124 ]; then
    ok=0
    [ "$row_status" = ok ] && [ "${row_claims:-0}" -ge "$reps" ] && ok=1
    check "$c" "documents.csv row of line.txt is [${row_line:-none}], expected ok with at least $reps claims" [ "$ok" -eq 1 ]
    no_dotfiles "$c" "$tmp/o-line"
fi
note "timing: 1 MB line: $(seconds "$wall_ms") s wall${rss_kb:+, $((rss_kb / 1024)) MB peak RSS}, exit $rc, ${row_claims:-no} claims ($bin)"

# 400 KB of Han text with no punctuation at all: one sentence, one clause,
# full of Han numerals inside words (统一, 三四). A figure's clause and its
# words must not be looked for by walking back over the whole text.
c="400 KB without punctuation"
mkdir -p "$tmp/bare"
LC_ALL=C awk 'BEGIN {
    n = split("统 一 进 行 万 千 百 十 二 三 四 五 六 七 八 九 全 面 推 动 发 展 经 济 社 会 人 民 群 众", w, " ")
    x = 1
    for (i = 0; i < 136000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648
        printf "%s", w[int(x / 65536) % n + 1]
    }
    printf "\n"
}' >"$tmp/bare/bare.txt"
pl 60 256 "$tmp/bare/bare.txt" "$tmp/o-bare"
exit_is "$c" 0
row "$tmp/o-bare/documents.csv" bare.txt
if [ "$rc" -ne 124 ]; then
    ok=0
    [ "$row_status" = ok ] && [ "${row_claims:-0}" -gt 0 ] && ok=1
    check "$c" "documents.csv row of bare.txt is [${row_line:-none}], expected ok with claims" [ "$ok" -eq 1 ]
    no_dotfiles "$c" "$tmp/o-bare"
fi
note "timing: 400 KB without punctuation: $(seconds "$wall_ms") s wall${rss_kb:+, $((rss_kb / 1024)) MB peak RSS}, exit $rc, ${row_claims:-no} claims ($bin)"

# Tables written to make the grid huge: 20,000 cells of colspan and rowspan
# 1000, and a Markdown table of 20,000 rows (under the 1 MiB of a block). A
# table's layout must cost what its cells cost, and the big table's figures
# are all read.
c="tables with huge spans and many rows"
mkdir -p "$tmp/spans"
awk 'BEGIN {
    printf "<html><body><table>"
    for (i = 0; i < 200; i++) {
        printf "<tr>"
        for (k = 0; k < 100; k++)
            printf "<td colspan=\"1000\" rowspan=\"1000\">%d</td>", k
        printf "</tr>"
    }
    printf "</table><p>投入资金3.5亿元。</p></body></html>\n"
}' >"$tmp/spans/spans.html"
awk 'BEGIN {
    print "单位：万元"; print ""; print "| 项目 | 2022年 | 2023年 |"; print "| --- | --- | --- |"
    for (i = 0; i < 20000; i++)
        printf "| 项目%d | %d | %d.5 |\n", i, i, i
}' >"$tmp/spans/rows.md"
pl 60 512 "$tmp/spans" "$tmp/o-spans"
exit_is "$c" 0
row "$tmp/o-spans/documents.csv" rows.md
check "$c" "rows.md gives ${row_claims:-no} claims, expected 40000" [ "${row_claims:-0}" -eq 40000 ]
row "$tmp/o-spans/documents.csv" spans.html
check "$c" "spans.html row is [${row_line:-none}], expected ok with its claim" [ "$row_status" = ok ]
note "timing: tables with huge spans and many rows: $(seconds "$wall_ms") s wall${rss_kb:+, $((rss_kb / 1024)) MB peak RSS}, exit $rc ($bin)"

# ================================================================ 4. 100 MB document

c="100 MB document"
if [ "$asan" -eq 1 ]; then
    note "skipped: 100 MB document (run with the plain build only)"
else
    mkdir -p "$tmp/huge"
    # paragraphs of five sentences drawn from twenty templates, half of them
    # without figures, the figures varying with the sentence number
    LC_ALL=C awk -v limit=104857600 'BEGIN {
        t[0] = "全县新建学校%d所，投入资金%d.%d亿元。"
        t[1] = "城镇新增就业%d.%d万人，同比增长%d.%d%%。"
        t[2] = "全年接待游客约%d万人次，实现旅游收入%d亿元。"
        t[3] = "会议强调，要坚持以人民为中心的发展思想，扎实推进各项工作落地见效。"
        t[4] = "新改建农村公路%d公里，完成投资%d.%d亿元。"
        t[5] = "粮食播种面积稳定在%d万亩以上，总产量达到%d万吨。"
        t[6] = "该镇累计培训新型职业农民%d名，带动%d户群众增收。"
        t[7] = "下一步，我们将继续加大工作力度，确保各项目标任务如期完成。"
        t[8] = "规模以上工业增加值由%d.%d%%提升至%d.%d%%。"
        t[9] = "居民人均可支配收入%d元，比上年增加%d元。"
        t[10] = "各级各部门要提高政治站位，压紧压实工作责任。"
        t[11] = "近%d家企业参与了本次招聘活动，提供岗位%d个。"
        t[12] = "群众满意度持续提升，获得感、幸福感、安全感不断增强。"
        t[13] = "全市森林覆盖率达到%d.%d%%，空气质量优良天数%d天。"
        t[14] = "与会人员围绕乡村振兴、基层治理等议题进行了深入交流。"
        t[15] = "改造老旧小区%d个，惠及居民%d户。"
        t[16] = "该项目建成后将有效改善周边群众出行条件。"
        t[17] = "发放创业担保贷款%d笔%d万元。"
        t[18] = "此次活动得到了社会各界的广泛关注和积极参与。"
        t[19] = "据统计，全县共有各类市场主体%d.%d万户。"
        size = 0
        for (i = 0; size < limit; ) {
            line = ""
            for (k = 0; k < 5; k++) {
                j = (i * 7 + int(i / 20) * 3) % 20
                line = line sprintf(t[j], i % 997 + 3, i % 13 + 1, i % 10, i % 89 + 2, i % 9)
                i++
            }
            print line
            size += length(line) + 1
        }
    }' >"$tmp/huge/report.txt"
    hbytes=$(wc -c <"$tmp/huge/report.txt")
    pl 300 8192 "$tmp/huge/report.txt" "$tmp/o-huge"
    exit_is "$c" 0
    row "$tmp/o-huge/documents.csv" report.txt
    if [ "$rc" -ne 124 ]; then
        ok=0
        [ "$row_status" = ok ] && [ "${row_claims:-0}" -gt 0 ] && ok=1
        check "$c" "documents.csv row of report.txt is [${row_line:-none}], expected ok with claims" [ "$ok" -eq 1 ]
        no_dotfiles "$c" "$tmp/o-huge"
    fi
    outmb=$(($(cat "$tmp/o-huge"/* 2>/dev/null | wc -c) / 1048576))
    note "timing: 100 MB document ($hbytes bytes): $(seconds "$wall_ms") s wall${rss_kb:+, $((rss_kb / 1024)) MB peak RSS}, exit $rc, ${row_claims:-no} claims, $outmb MB written ($bin)"
    [ -n "$timev" ] || note "no /usr/bin/time -v: no peak memory figure"
    rm -rf "$tmp/o-huge"

    # the same run interrupted after 3 s (it takes far longer), by SIGINT
    # (Ctrl-C) and by SIGTERM (kill, timeout, a CI job cancelled): the
    # temporary files go with it and the previous dataset stays
    for sig in INT TERM; do
        c="run interrupted by SIG$sig"
        pl 60 64 "$other" "$tmp/o-int"
        rm -rf "$tmp/o-int-copy"
        cp -R "$tmp/o-int" "$tmp/o-int-copy"
        timeout -k 5 -s "$sig" 3 "$bin" "$tmp/huge/report.txt" "$tmp/o-int" >"$tmp/stdout" 2>"$tmp/stderr"
        rc=$?
        case $rc in
        124) pass ;;
        137) fail "$c" "SIG$sig did not stop it (ignored by the caller?); killed with SIGKILL" ;;
        *) fail "$c" "exit $rc: the run was not interrupted (finished within 3 s?)" ;;
        esac
        no_dotfiles "$c" "$tmp/o-int"
        same_dataset "$c" "$tmp/o-int-copy" "$tmp/o-int"
        rm -rf "$tmp/o-int" "$tmp/o-int-copy"
    done
    rm -rf "$tmp/huge"
fi

# ================================================================ 5. link loop

c="symbolic link loop"
t=$tmp/loop
mkdir -p "$t/sub/deep"
cp "$good" "$t/a.txt"
cp "$good" "$t/sub/b.txt"
cp "$good" "$t/sub/deep/c.txt"
ln -s .. "$t/sub/loop"         # back to the root
ln -s ../.. "$t/sub/deep/up"   # two levels up
ln -s "$t" "$t/sub/deep/root"  # the root again, by an absolute path
ln -s . "$t/sub/deep/here"     # itself
pl 60 64 "$t" "$tmp/o-loop"
exit_is "$c" 0
rows=$(($(sed -n '$=' "$tmp/o-loop/documents.csv" 2>/dev/null || echo 1) - 1))
check "$c" "documents.csv has $rows documents, expected 3 (a.txt sub/b.txt sub/deep/c.txt, each once): $(sed -n '2,$s/,.*//p' "$tmp/o-loop/documents.csv" 2>/dev/null | tr '\n' ' ')" \
    [ "$rows" -eq 3 ]
for d in a.txt sub/b.txt sub/deep/c.txt; do doc_ok "$c" "$tmp/o-loop" "$d" 2; done
no_dotfiles "$c" "$tmp/o-loop"

# a link to itself cannot be followed: it fails like a dangling link
c="self-referencing link"
mkdir -p "$tmp/self"
cp "$good" "$tmp/self/good.txt"
ln -s self.txt "$tmp/self/self.txt"
pl 60 64 "$tmp/self" "$tmp/o-self"
exit_is "$c" 1
doc_ok "$c" "$tmp/o-self" good.txt 2
row "$tmp/o-self/documents.csv" self.txt
case $row_status/$row_error in
failed/self.txt:*) pass ;;
*) fail "$c" "documents.csv row of self.txt is [${row_line:-none}], expected failed, naming self.txt" ;;
esac
stderr_has "$c" "pipeline: self.txt:"
no_dotfiles "$c" "$tmp/o-self"

# ================================================================ 6. vanished files

c="dangling link"
mkdir -p "$tmp/dangle/sub"
cp "$good" "$tmp/dangle/a.txt"
cp "$good" "$tmp/dangle/sub/z.txt"
ln -s "$tmp/nowhere/gone.txt" "$tmp/dangle/sub/gone.txt"
pl 60 64 "$tmp/dangle" "$tmp/o-dangle"
exit_is "$c" 1
doc_ok "$c" "$tmp/o-dangle" a.txt 2
doc_ok "$c" "$tmp/o-dangle" sub/z.txt 2
doc_failed "$c" "$tmp/o-dangle" sub/gone.txt "sub/gone.txt: cannot read: No such file or directory"
no_dotfiles "$c" "$tmp/o-dangle"

# ---------------------------------------------------------------- the preloaded library

inject=""
if [ "$asan" -eq 1 ]; then
    note "skipped: the injected cases (a file removed after discovery, a read error, an output folder read-only or full, a failed rename): LD_PRELOAD does not mix with ASan; run with the plain build"
elif ! command -v cc >/dev/null 2>&1; then
    fail "inject_io" "no cc to build tests/inject_io.c"
elif cc -shared -fPIC -o "$tmp/inject_io.so" tests/inject_io.c -ldl 2>"$tmp/cc.log"; then
    inject=$tmp/inject_io.so
else
    fail "inject_io" "tests/inject_io.c does not build: $(clip <"$tmp/cc.log")"
fi

# inj MODE PATH AFTER ARGS...: the pipeline with a failure injected
inj() {
    inj_mode=$1 inj_path=$2 inj_after=$3
    shift 3
    rm -f "$tmp/inject.log"
    go_what="$inj_mode after $inj_after on $inj_path"
    go 60 64 env LD_PRELOAD="$inject" INJECT_IO_FAIL="$inj_mode" INJECT_IO_PATH="$inj_path" \
        INJECT_IO_AFTER="$inj_after" INJECT_IO_LOG="$tmp/inject.log" "$bin" "$@"
    go_what=""
}
# injected CASE: the failure was injected at all (else the case proves nothing)
injected() {
    if [ -s "$tmp/inject.log" ]; then pass; else fail "$1" "no failure was injected (does the pipeline still use fopen and rename?)"; fi
}

if [ -n "$inject" ]; then
    # a file removed between discovery and reading: inject_io unlinks it when
    # the pipeline opens it
    c="file removed after discovery"
    v=$tmp/vanish
    mkdir -p "$v"
    for d in a b c; do cp "$good" "$v/$d.txt"; done
    inj vanish "$v/b.txt" 0 "$v" "$tmp/o-vanish"
    injected "$c"
    check "$c" "b.txt was not removed" [ ! -e "$v/b.txt" ]
    exit_is "$c" 1
    doc_ok "$c" "$tmp/o-vanish" a.txt 2
    doc_ok "$c" "$tmp/o-vanish" c.txt 2
    doc_failed "$c" "$tmp/o-vanish" b.txt "b.txt: cannot read: No such file or directory"
    no_dotfiles "$c" "$tmp/o-vanish"

    # a read that fails half-way (a failing disk, a file truncated by NFS)
    c="read error"
    cp "$good" "$v/b.txt"
    inj eio "$v/b.txt" 20 "$v" "$tmp/o-eio"
    injected "$c"
    exit_is "$c" 1
    doc_ok "$c" "$tmp/o-eio" a.txt 2
    doc_ok "$c" "$tmp/o-eio" c.txt 2
    doc_failed "$c" "$tmp/o-eio" b.txt "b.txt: cannot read: Input/output error"
    no_dotfiles "$c" "$tmp/o-eio"
fi

# ================================================================ 7. output folder

if [ -n "$inject" ]; then
    # the previous dataset, from other.txt; the new input gives more bytes
    w=$tmp/write
    mkdir -p "$w/in"
    cp "$good" "$w/in/good.txt"
    LC_ALL=C awk -v zh="$zh" 'BEGIN { for (i = 1; i <= 40; i++)
        printf "%s全县新建学校%d所，投入资金%d.5亿元。\n", zh, i, i }' >"$w/in/more.txt"
    pl 60 64 "$other" "$w/prev"
    check "output folder" "the previous dataset: exit $rc, expected 0" [ "$rc" -eq 0 ]
    # the files of the new dataset and their size, written freely
    pl 60 64 "$w/in" "$w/free"
    check "output folder" "the new dataset: exit $rc, expected 0" [ "$rc" -eq 0 ]
    nfiles=0
    for f in "$w/free"/*; do [ -f "$f" ] && nfiles=$((nfiles + 1)); done
    total=$(cat "$w/free"/* 2>/dev/null | wc -c)
    out=$w/out

    # failing CASE MODE AFTER REASON: into a copy of the previous dataset;
    # exit 2, a message naming a file of OUT_DIR and the reason, no temporary
    # files, the previous dataset as it was
    failing() {
        rm -rf "$out"
        cp -R "$w/prev" "$out"
        inj "$2" "$out" "$3" "$w/in" "$out"
        injected "$1"
        exit_is "$1" 2
        msg=$(grep -e "^pipeline: $out/" "$tmp/stderr" | head -n 1)
        if [ -n "$msg" ]; then
            pass
            case $msg in
            *"$4"*) pass ;;
            *) fail "$1" "the message names the file but not the reason [$4]: $(echo "$msg" | clip)" ;;
            esac
        else
            fail "$1" "no message naming a file of $out: $(clip <"$tmp/stderr")"
        fi
        no_dotfiles "$1" "$out"
        same_dataset "$1" "$w/prev" "$out"
    }
    # fresh CASE MODE AFTER: into an output folder that does not exist yet:
    # exit 2, a message naming it, no folder left behind
    fresh() {
        rm -rf "$w/new"
        inj "$2" "$w/new" "$3" "$w/in" "$w/new/out"
        injected "$1"
        exit_is "$1" 2
        stderr_has "$1" "$w/new"
        not_created "$1" "$w/new"
    }

    failing "read-only output folder" erofs 0 "Read-only file system"
    fresh "read-only output folder, not there yet" erofs 0

    for after in 0 100 $((total / 2)) $((total - 1)); do
        failing "full output folder (ENOSPC after $after of $total bytes)" enospc "$after" "No space left on device"
    done
    fresh "full output folder, not there yet (ENOSPC after $((total / 2)) of $total bytes)" enospc $((total / 2))

    # the scratch files (claims.json's documents, the page's parts) are in
    # TMPDIR: a full one fails the run with the reason, as OUT_DIR does
    for after in 0 100; do
        c="full scratch folder (ENOSPC after $after bytes)"
        rm -rf "$out" "$w/scratch"
        cp -R "$w/prev" "$out"
        mkdir -p "$w/scratch"
        saved_tmpdir=${TMPDIR-}
        export TMPDIR="$w/scratch"
        inj enospc "$w/scratch" "$after" "$w/in" "$out"
        if [ -n "$saved_tmpdir" ]; then TMPDIR=$saved_tmpdir; else unset TMPDIR; fi
        injected "$c"
        exit_is "$c" 2
        stderr_has "$c" "cannot write the scratch file of"
        stderr_has "$c" "No space left on device"
        no_dotfiles "$c" "$out"
        same_dataset "$c" "$w/prev" "$out"
    done

    # the commit: one rename a file moves the previous one aside, one puts
    # the new one in place; each rename fails in turn, the others succeed
    after=0
    while [ $after -lt $((2 * nfiles)) ]; do
        failing "failed rename (rename $((after + 1)) of $((2 * nfiles)))" rename "$after" "Input/output error"
        after=$((after + 1))
    done
    after=0
    while [ $after -lt "$nfiles" ]; do
        fresh "failed rename, output folder not there yet (rename $((after + 1)) of $nfiles)" rename "$after"
        after=$((after + 1))
    done
fi

# ================================================================ 9. one run a folder

if [ -n "$inject" ]; then
    # a disk that fills while a row larger than the write buffer goes out:
    # the reason is the disk's, not "Input/output error"
    c="full output folder, big rows"
    rm -rf "$out"
    cp -R "$w/prev" "$out"
    inj enospc "$out" 300000 "$tmp/line/line.txt" "$out"
    injected "$c"
    exit_is "$c" 2
    stderr_has "$c" "No space left on device"
    no_dotfiles "$c" "$out"
    same_dataset "$c" "$w/prev" "$out"

    # bg_slow OUT MS ARGS...: the pipeline in the background, each rename
    # of its commit slowed by MS; waits (10 s at most) until the commit has
    # begun. Sets bg_pid.
    bg_slow() {
        bg_out=$1 bg_ms=$2
        shift 2
        rm -f "$tmp/inject.log"
        env LD_PRELOAD="$inject" INJECT_IO_FAIL=slow INJECT_IO_PATH="$bg_out/" INJECT_IO_AFTER="$bg_ms" \
            INJECT_IO_LOG="$tmp/inject.log" "$bin" "$@" >"$tmp/bg.out" 2>"$tmp/bg.err" &
        bg_pid=$!
        i=0
        while [ ! -s "$tmp/inject.log" ] && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
    }

    # two runs into one folder: the second says who holds it and writes
    # nothing; the first commits its dataset whole (its renames slowed to
    # a second each, so that the second run, on a loaded machine too, comes
    # while the first holds the lock)
    c="two runs into one folder"
    rm -rf "$out"
    cp -R "$w/prev" "$out"
    bg_slow "$out" 1000 "$w/in" "$out"
    injected "$c"
    pl 60 64 "$good" "$out"
    exit_is "$c" 2
    stderr_has "$c" "$out: another run is writing this output folder (process $bg_pid on "
    wait "$bg_pid"
    rc=$?
    check "$c" "the first run: exit $rc, expected 0: $(clip <"$tmp/bg.err")" [ "$rc" -eq 0 ]
    no_dotfiles "$c" "$out"
    same_dataset "$c" "$w/free" "$out"

    # a signal in the middle of the commit: the commit ends first, and the
    # dataset is the new one whole, never a mix
    for sig in INT TERM; do
        c="SIG$sig during the commit"
        rm -rf "$out"
        cp -R "$w/prev" "$out"
        bg_slow "$out" 300 "$w/in" "$out"
        injected "$c"
        kill -s "$sig" "$bg_pid"
        wait "$bg_pid" 2>/dev/null
        rc=$?
        check "$c" "exit $rc, expected death by SIG$sig" [ "$rc" -gt 128 ]
        no_dotfiles "$c" "$out"
        same_dataset "$c" "$w/free" "$out"
    done

    # killed outright during the commit: the next run removes what it
    # left, and only that
    c="kill -9 during the commit"
    rm -rf "$out"
    cp -R "$w/prev" "$out"
    bg_slow "$out" 300 "$w/in" "$out"
    sleep 0.4
    kill -s KILL "$bg_pid"
    wait "$bg_pid" 2>/dev/null
    : >"$out/.claims.csv.tmp-4242"
    : >"$out/.report.html.tmp-99.old"
    for f in notes.txt .keep .claims.csv.bak .other.tmp-1 reviews.csv; do echo mine >"$out/$f"; done
    pl 60 64 "$w/in" "$out"
    exit_is "$c" 0
    for f in notes.txt .keep .claims.csv.bak .other.tmp-1 reviews.csv; do
        check "$c" "$f, not the pipeline's, was touched" grep -q -x mine "$out/$f"
        rm -f "$out/$f"
    done
    no_dotfiles "$c" "$out"
    same_dataset "$c" "$w/free" "$out"

    # killed outright inside the commit, after the previous claims.csv was
    # moved aside (the first rename done, the second under way), then a
    # run that fails: the previous dataset is put back whole, not left
    # without the files the killed run had moved aside
    c="kill -9 inside the commit, then a failed run"
    rm -rf "$out"
    cp -R "$w/prev" "$out"
    bg_slow "$out" 1000 "$w/in" "$out"
    injected "$c"
    sleep 1.5
    kill -s KILL "$bg_pid"
    wait "$bg_pid" 2>/dev/null
    inj enospc "$out" 0 "$w/in" "$out"
    injected "$c"
    exit_is "$c" 2
    no_dotfiles "$c" "$out"
    same_dataset "$c" "$w/prev" "$out"

    # a link planted at the name of a temporary file as it is created: the
    # file it points to is never written through it
    c="temporary file name planted as a link"
    rm -rf "$out" "$tmp/victim"
    cp -R "$w/prev" "$out"
    echo precious >"$tmp/victim"
    rm -f "$tmp/inject.log"
    go 60 64 env LD_PRELOAD="$inject" INJECT_IO_FAIL=plant INJECT_IO_PATH="$out/.claims.csv.tmp" \
        INJECT_IO_VICTIM="$tmp/victim" INJECT_IO_LOG="$tmp/inject.log" "$bin" "$w/in" "$out"
    injected "$c"
    exit_is "$c" 0
    check "$c" "the file the link points to was written: $(head -c 80 "$tmp/victim")" grep -q -x precious "$tmp/victim"
    check "$c" "claims.csv is not a file of its own" [ -f "$out/claims.csv" ] && [ ! -L "$out/claims.csv" ]
    find "$out" -name '.*' -type l -exec rm -f {} + # the planted link is the attacker's
    same_dataset "$c" "$w/free" "$out"
    no_dotfiles "$c" "$out"
fi

# a folder whose lock another process holds (flock(1) here) is not
# written: exit 2, the dataset as it was
c="output folder locked"
if command -v flock >/dev/null 2>&1; then
    pl 60 64 "$other" "$tmp/o-locked"
    rm -rf "$tmp/o-locked-copy"
    cp -R "$tmp/o-locked" "$tmp/o-locked-copy"
    go 60 64 flock "$tmp/o-locked/.pipeline.lock" "$bin" "$good" "$tmp/o-locked"
    exit_is "$c" 2
    stderr_has "$c" "pipeline: $tmp/o-locked: another run is writing this output folder"
    rm -f "$tmp/o-locked/.pipeline.lock" # flock(1)'s
    no_dotfiles "$c" "$tmp/o-locked"
    same_dataset "$c" "$tmp/o-locked-copy" "$tmp/o-locked"
else
    note "skipped: output folder locked (no flock command)"
fi

# a lock file planted as a hard link to another file: that file is never
# truncated or written, and the run writes nothing
c="lock file planted as a hard link"
pl 60 64 "$other" "$tmp/o-linked"
rm -rf "$tmp/o-linked-copy"
cp -R "$tmp/o-linked" "$tmp/o-linked-copy"
echo precious >"$tmp/lock-victim"
ln "$tmp/lock-victim" "$tmp/o-linked/.pipeline.lock"
pl 60 64 "$good" "$tmp/o-linked"
exit_is "$c" 2
stderr_has "$c" "$tmp/o-linked/.pipeline.lock: is not a file of its own"
check "$c" "the file the lock is linked to was written: $(head -c 80 "$tmp/lock-victim")" \
    grep -q -x precious "$tmp/lock-victim"
rm -f "$tmp/o-linked/.pipeline.lock"
no_dotfiles "$c" "$tmp/o-linked"
same_dataset "$c" "$tmp/o-linked-copy" "$tmp/o-linked"

# an unknown --encoding is a usage error: nothing written
c="--encoding nonsense"
pl 60 64 "$other" "$tmp/o-enc"
rm -rf "$tmp/o-enc-copy"
cp -R "$tmp/o-enc" "$tmp/o-enc-copy"
pl 60 64 --encoding nonsense "$good" "$tmp/o-enc"
exit_is "$c" 2
stderr_has "$c" "pipeline: --encoding nonsense: no such charset"
same_dataset "$c" "$tmp/o-enc-copy" "$tmp/o-enc"
pl 60 64 --encoding nonsense "$good" "$tmp/o-enc-new"
not_created "$c" "$tmp/o-enc-new"

# names with terminal escapes are shown escaped on stderr: no ESC, BEL or
# line break of a name ever reaches the terminal
c="terminal escapes in names"
mkdir -p "$tmp/esc"
cp "$good" "$tmp/esc/good.txt"
ename=$(printf 'a\033]0;owned\007\033[2J\rb.txt')
printf '\377bad\n' >"$tmp/esc/$ename"
pl 60 64 "$tmp/esc" "$tmp/o-esc"
exit_is "$c" 1
stderr_has "$c" 'pipeline: a\x1B]0;owned\x07\x1B[2J\rb.txt:1: invalid UTF-8 byte 0xFF'
check "$c" "stderr holds a raw ESC, BEL or CR" sh -c '! LC_ALL=C grep -q "$(printf "[\033\007\r]")" "$1"' sh "$tmp/stderr"

# ================================================================ 8. missing input

c="missing input among others"
pl 60 64 "$good" "$tmp/no-such-file.txt" "$other" "$tmp/o-missing"
exit_is "$c" 2
stderr_has "$c" "$tmp/no-such-file.txt"
not_created "$c" "$tmp/o-missing"

# ================================================================ extras

# document names that CSV and JSON must escape
c="names to escape"
nd=$tmp/names
mkdir -p "$nd"
cp "$good" "$nd/quote\"comma,x.txt"
cp "$good" "$nd/back\\slash.txt"
cp "$good" "$nd/tab$(printf '\t')ctl$(printf '\001').txt"
pl 60 64 "$nd" "$tmp/o-names"
exit_is "$c" 0
doc_ok "$c" "$tmp/o-names" 'quote"comma,x.txt' 2
doc_ok "$c" "$tmp/o-names" 'back\slash.txt' 2
doc_ok "$c" "$tmp/o-names" "tab$(printf '\t')ctl$(printf '\001').txt" 2
check "$c" "claims.json does not escape the names" \
    grep -q -F -e '"doc":"quote\"comma,x.txt"' -e '"doc": "quote\"comma,x.txt"' "$tmp/o-names/claims.json"
check "$c" "claims.json does not escape the backslash" \
    grep -q -F -e '"doc":"back\\slash.txt"' -e '"doc": "back\\slash.txt"' "$tmp/o-names/claims.json"
check "$c" "claims.json has raw control characters" \
    grep -q -e '"doc": *"tab\\tctl\\u0001\.txt"' "$tmp/o-names/claims.json"
no_dotfiles "$c" "$tmp/o-names"

# many files under a low limit of open descriptors: none may be left open
c="300 files, 32 descriptors"
mkdir -p "$tmp/many"
i=0
while [ $i -lt 300 ]; do
    cp "$good" "$tmp/many/f$i.txt"
    i=$((i + 1))
done
go 60 64 sh -c 'ulimit -n 32 && exec "$@"' sh "$bin" "$tmp/many" "$tmp/o-many"
exit_is "$c" 0
rows=$(($(sed -n '$=' "$tmp/o-many/documents.csv" 2>/dev/null || echo 1) - 1))
n=$(csv_get "$tmp/o-many/documents.csv" status ok "#")
check "$c" "documents.csv has ${n:-0} documents ok out of $rows, expected 300" [ "${n:-0}" -eq 300 ]
no_dotfiles "$c" "$tmp/o-many"

finish
