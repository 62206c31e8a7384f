#!/bin/sh
# inputs: what the pipeline reads, and what it must not.
#
#   sh tests/inputs.sh build/pipeline        (from the top of the repository)
#
# gzip     concatenated members, a truncated stream, a missing trailer,
#          trailing zeros; an empty archive is no documents (exit 2)
# network  an input named like a URL is the local file, never fetched
# special  a FIFO, a link to /dev/zero, a file too large (sparse), a
#          symbolic link diamond: only regular files, each read once
# charsets a UTF-16LE mark wins over a lone surrogate; a NUL in a UTF-8
#          page is no UTF-16; lines and columns counted in the charset
# feeds    nested 3000 deep, a 10 MB description, cut short: read, partial
# archive  \u0000 in an article; invalid UTF-8 in a title, a url, a file name
# output   OUT_DIR inside the input, three runs: never read back
# names    one name in two inputs, a file given twice, archive ids that
#          collide: names unique, claim ids unique
#
# Needs POSIX sh, the Debian base tools and gzip, mkfifo, truncate, iconv;
# python3 for a server in the URL case (that part skipped without it).
set -u
suite=inputs
. tests/lib/suite.sh
. tests/lib/checks.sh

# a small good document with two claims
good=$tmp/good.txt
printf '%s\n' '社区服务简报' '' '全街道新建社区养老服务站8处，配备助餐服务人员65名。' >"$good"

# rows DOCUMENTS_CSV: the number of rows (documents) in it
rows() {
    r=0
    for st in ok partial failed skipped; do
        k=$(csv_get "$1" status "$st" "#")
        r=$((r + ${k:-0}))
    done
    echo "$r"
}

# articles N FIRST: N JSON Lines articles, ids FIRST.., one claim each
articles() {
    awk -v n="$1" -v first="$2" 'BEGIN { for (i = first; i < first + n; i++)
        printf "{\"id\":\"a%d\",\"content\":\"全县新建学校%d所。\"}\n", i, i % 90 + 2 }'
}

# ================================================================ gzip

c="gzip members"
g=$tmp/gz
mkdir -p "$g"
articles 1000 0 | gzip -c >"$tmp/m1.gz"
articles 1000 1000 | gzip -c >"$tmp/m2.gz"
cat "$tmp/m1.gz" "$tmp/m2.gz" >"$g/two.jsonl.gz"
pl 120 256 "$g" "$tmp/o-gz"
exit_is "$c" 0
n=$(csv_get "$tmp/o-gz/documents.csv" status ok "#")
check "$c" "$n articles of the two members read, expected 2000" [ "$n" -eq 2000 ]
doc_ok "$c" "$tmp/o-gz" "two.jsonl.gz#a1999" 1

# zeros after the last member (a tape block's padding) are not an error
c="gzip padded with zeros"
mkdir -p "$tmp/gzpad"
{ cat "$tmp/m1.gz"; head -c 512 /dev/zero; } >"$tmp/gzpad/pad.jsonl.gz"
pl 120 256 "$tmp/gzpad" "$tmp/o-gzpad"
exit_is "$c" 0
n=$(csv_get "$tmp/o-gzpad/documents.csv" status ok "#")
check "$c" "$n articles read, expected 1000" [ "$n" -eq 1000 ]

# the previous dataset is there; a broken archive fails by name, exit 1
c="gzip truncated"
mkdir -p "$tmp/gzcut"
size=$(wc -c <"$tmp/m1.gz")
head -c $((size / 2)) "$tmp/m1.gz" >"$tmp/gzcut/cut.jsonl.gz"
pl 120 256 "$tmp/gzcut" "$tmp/o-gzcut"
exit_is "$c" 1
row "$tmp/o-gzcut/documents.csv" cut.jsonl.gz
case $row_status/$row_error in
"failed/cut.jsonl.gz: truncated gzip stream"*) pass ;;
*) fail "$c" "documents.csv row of cut.jsonl.gz is [${row_line:-none}], expected failed: truncated gzip stream" ;;
esac
stderr_has "$c" "pipeline: cut.jsonl.gz: truncated gzip stream"
n=$(csv_get "$tmp/o-gzcut/documents.csv" status failed "#")
check "$c" "$n documents failed, expected the archive alone (no piece of a line read as an article)" [ "$n" -eq 1 ]

c="gzip without its trailer"
mkdir -p "$tmp/gztrail"
head -c $((size - 8)) "$tmp/m1.gz" >"$tmp/gztrail/notrailer.jsonl.gz"
pl 120 256 "$tmp/gztrail" "$tmp/o-gztrail"
exit_is "$c" 1
n=$(csv_get "$tmp/o-gztrail/documents.csv" status ok "#")
check "$c" "$n articles read, expected all 1000 (the data is whole, its check is missing)" [ "$n" -eq 1000 ]
row "$tmp/o-gztrail/documents.csv" notrailer.jsonl.gz
case $row_status/$row_error in
"failed/notrailer.jsonl.gz: truncated gzip stream"*) pass ;;
*) fail "$c" "documents.csv row of notrailer.jsonl.gz is [${row_line:-none}], expected failed: truncated gzip stream" ;;
esac

c="gzip corrupt"
mkdir -p "$tmp/gzbad"
{ head -c 100 "$tmp/m1.gz"; printf 'garbage garbage garbage garbage'; tail -c +132 "$tmp/m1.gz"; } >"$tmp/gzbad/bad.jsonl.gz"
pl 120 256 "$tmp/gzbad" "$tmp/o-gzbad"
exit_is "$c" 1
row "$tmp/o-gzbad/documents.csv" bad.jsonl.gz
case $row_status/$row_error in
"failed/bad.jsonl.gz: corrupt gzip data"*) pass ;;
*) fail "$c" "documents.csv row of bad.jsonl.gz is [${row_line:-none}], expected failed: corrupt gzip data" ;;
esac

# an empty archive (or one of blank lines) is no documents: exit 2, and the
# previous dataset stays as it was
c="empty archive"
mkdir -p "$tmp/empty"
printf '\n  \n' >"$tmp/empty/none.jsonl"
: | gzip -c >"$tmp/empty/none.jsonl.gz"
pl 60 64 "$good" "$tmp/o-empty"
cp -R "$tmp/o-empty" "$tmp/o-empty-copy"
pl 60 64 "$tmp/empty" "$tmp/o-empty"
exit_is "$c" 2
stderr_has "$c" "no documents"
same_dataset "$c" "$tmp/o-empty-copy" "$tmp/o-empty"

# ================================================================ network

# an input written as a URL, where a local path of that name exists (the
# double slash is one): the local file is read, nothing is fetched, even
# with a server there to answer (python3's, when there is one)
c="an input named like a URL"
port=$((20000 + $$ % 20000))
mkdir -p "$tmp/url/http:/127.0.0.1:$port" "$tmp/srv"
printf '{"id":"local","content":"全县新建学校5所。"}\n' >"$tmp/url/http:/127.0.0.1:$port/x.jsonl"
printf '{"id":"remote","content":"全县新建学校77所。"}\n' >"$tmp/srv/x.jsonl"
server=""
if command -v python3 >/dev/null 2>&1; then
    (cd "$tmp/srv" && exec python3 -m http.server "$port" --bind 127.0.0.1) >"$tmp/srv.log" 2>&1 &
    server=$!
    sleep 1
else
    note "skipped: the server of the URL case (no python3): the local file is still checked"
fi
# the pipeline and the rules by absolute paths, for runs from another folder
abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
rules=$(pwd)/rules
# and a feed whose DTD and entity are on that server
cat >"$tmp/url/feed.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:$port/rss.dtd" [
<!ENTITY remote SYSTEM "http://127.0.0.1:$port/x.jsonl">
]>
<rss><channel><item><description>全县新建学校5所。&remote;</description></item></channel></rss>
EOF
go 60 64 sh -c 'cd "$1" && exec "$2" --rules "$3" "$4" feed.xml "$5"' sh "$tmp/url" "$abs" "$rules" "http://127.0.0.1:$port/x.jsonl" "$tmp/o-url"
[ -n "$server" ] && kill "$server" 2>/dev/null
exit_is "$c" 0
doc_ok "$c" "$tmp/o-url" "x.jsonl#local" 1
doc_ok "$c" "$tmp/o-url" "feed.xml#1" 1
if [ -n "$server" ]; then
    check "$c" "the server was asked: $(grep -o 'GET [^ ]*' "$tmp/srv.log" | head -n 3 | tr '\n' ' ')" \
        sh -c '! grep -q GET "$1"' sh "$tmp/srv.log"
fi

# ================================================================ special files

c="special files"
s=$tmp/special
mkdir -p "$s/sub"
cp "$good" "$s/good.txt"
mkfifo "$s/fifo.txt"
mkfifo "$s/feed.jsonl"
ln -s /dev/zero "$s/zero.txt"
ln -s /dev/null "$s/null.jsonl"
truncate -s 1100M "$s/sub/huge.txt"
pl 30 64 "$s" "$tmp/o-special"
exit_is "$c" 1
doc_ok "$c" "$tmp/o-special" good.txt 2
for d in fifo.txt feed.jsonl zero.txt null.jsonl; do
    row "$tmp/o-special/documents.csv" "$d"
    case $row_status/$row_error in
    "skipped/$d: not a regular file"*) pass ;;
    *) fail "$c" "documents.csv row of $d is [${row_line:-none}], expected skipped: not a regular file" ;;
    esac
done
row "$tmp/o-special/documents.csv" sub/huge.txt
case $row_status/$row_error in
"failed/sub/huge.txt: file too large"*) pass ;;
*) fail "$c" "documents.csv row of sub/huge.txt is [${row_line:-none}], expected failed: file too large" ;;
esac
if [ -n "$rss_kb" ]; then
    check "$c" "peak memory $((rss_kb / 1024)) MB: the huge file was read before being refused" [ "$rss_kb" -lt 262144 ]
fi
rm -f "$s/sub/huge.txt"

# a diamond: each level two links to the next, 17 levels; one file at the
# bottom, read once
c="symbolic link diamond"
dm=$tmp/diamond
mkdir -p "$dm/l17"
cp "$good" "$dm/l17/report.txt"
i=16
while [ $i -ge 0 ]; do
    mkdir -p "$dm/l$i"
    ln -s "../l$((i + 1))" "$dm/l$i/a"
    ln -s "../l$((i + 1))" "$dm/l$i/b"
    i=$((i - 1))
done
pl 60 64 "$dm/l0" "$tmp/o-diamond"
exit_is "$c" 0
n=$(rows "$tmp/o-diamond/documents.csv")
check "$c" "$n documents of one file, expected 1" [ "$n" -eq 1 ]

# ================================================================ charsets

c="UTF-16LE with its mark and a lone surrogate"
e=$tmp/enc
mkdir -p "$e"
# the mark, a line, then a lone low surrogate (DC00) on line 2
{
    printf '\377\376'
    printf '%s\n' '全县新建学校12所。' | iconv -f UTF-8 -t UTF-16LE
    printf '\000\334'
    printf '%s\n' '投入资金3亿元。' | iconv -f UTF-8 -t UTF-16LE
} >"$e/lone.txt"
# a UTF-8 page with one NUL in it
{ printf '%s' '全县新建学校12所，'; printf '\000'; printf '%s\n' '投入资金3亿元。'; } >"$e/nul.txt"
pl 60 64 "$e" "$tmp/o-enc"
exit_is "$c" 1
doc_failed "$c" "$tmp/o-enc" lone.txt "lone.txt:2: invalid UTF-16LE byte 0x00"
c="a NUL in a UTF-8 page"
row "$tmp/o-enc/documents.csv" nul.txt
case $row_status/$row_error in
"skipped/nul.txt: binary file (a NUL byte at offset 26), skipped") pass ;;
*) fail "$c" "documents.csv row of nul.txt is [${row_line:-none}], expected skipped as binary, not read as UTF-16" ;;
esac

# 上 is U+4E0A: in UTF-16LE its bytes are 0A 4E, a line feed and N to a
# byte counter; in GB18030 a column is one character of two bytes
c="positions in UTF-16 and GB18030"
p=$tmp/pos
mkdir -p "$p"
text=$(printf '%s\n' '上海市上半年简报' '上半年全县新建学校12所。')
{ printf '\377\376'; printf '%s\n' "$text" | iconv -f UTF-8 -t UTF-16LE; } >"$p/le.txt"
{ printf '\376\377'; printf '%s\n' "$text" | iconv -f UTF-8 -t UTF-16BE; } >"$p/be.txt"
printf '%s\n' "$text" | iconv -f UTF-8 -t GB18030 >"$p/gb.txt"
printf '%s\n' "$text" >"$p/u8.txt"
pl 60 64 "$p" "$tmp/o-pos"
exit_is "$c" 0
for d in le.txt be.txt gb.txt u8.txt; do
    got=$(csv_get "$tmp/o-pos/claims.csv" doc "$d" line column quote | head -n 1)
    check "$c" "$d: the claim is at [$got], expected line 2, column 10 (12所)" [ "$got" = "$(printf '2\t10\t12所')" ]
done

# ================================================================ feeds

c="feeds past libxml2's limits"
f=$tmp/feeds
mkdir -p "$f"
# feed DEPTH: three items, the second's figure nested DEPTH elements deep
feed() {
    awk -v d="$1" 'BEGIN {
        printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel>\n"
        printf "<item><title>一</title><description>全县新建学校12所。</description></item>\n"
        printf "<item><title>二</title><description>投入资金3亿元。"
        for (i = 0; i < d; i++) printf "<x>"
        printf "新增就业500人。"
        for (i = 0; i < d; i++) printf "</x>"
        printf "</description></item>\n"
        printf "<item><title>三</title><description>建成农家书屋146家。</description></item>\n"
        printf "</channel></rss>\n" }'
}
feed 300 >"$f/deep300.xml"
feed 3000 >"$f/deep3000.xml"
# cut inside the second item's nesting
feed 300 | head -c 2300 >"$f/cut.xml"
# a description of 10.4 MB
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<rss><channel><item><description>"
    for (i = 0; i < 400000; i++) printf "全县新建学校12所。"
    printf "</description></item></channel></rss>\n" }' >"$f/big.xml"
pl 120 512 "$f" "$tmp/o-feeds"
exit_is "$c" 1
for d in deep300.xml deep3000.xml; do
    doc_ok "$c" "$tmp/o-feeds" "$d#1" 1
    doc_ok "$c" "$tmp/o-feeds" "$d#2" 2
    doc_ok "$c" "$tmp/o-feeds" "$d#3" 1
done
doc_ok "$c" "$tmp/o-feeds" "cut.xml#1" 1
row "$tmp/o-feeds/documents.csv" "cut.xml#2"
case $row_status/$row_claims/$row_error in
"partial/2/cut.xml:4: Premature end of data"*) pass ;;
*) fail "$c" "documents.csv row of cut.xml#2 is [${row_line:-none}], expected partial with its 2 claims" ;;
esac
doc_ok "$c" "$tmp/o-feeds" "big.xml#1" 400000

# ================================================================ archive strings

c="NUL in an archive"
a=$tmp/arch
mkdir -p "$a"
{
    printf '%s\n' '{"id":"nul","content":"前言\u0000全县新建学校12所。"}'
    printf '%s\n' '{"id":"lit","content":"\\u0000 全县新建学校12所。"}'
} >"$a/nul.jsonl"
pl 60 64 "$a" "$tmp/o-arch"
exit_is "$c" 0
doc_ok "$c" "$tmp/o-arch" "nul.jsonl#nul" 1
doc_ok "$c" "$tmp/o-arch" "nul.jsonl#lit" 1

# valid UTF-8 everywhere: iconv refuses anything else
utf8_ok() {
    for u in "$2"/claims.json "$2"/claims.csv "$2"/documents.csv "$2"/report.html; do
        if iconv -f UTF-8 -t UTF-8 "$u" >/dev/null 2>&1; then pass; else fail "$1" "${u##*/} is not valid UTF-8"; fi
    done
}
c="invalid UTF-8 in a title and a url"
rm -rf "$a" && mkdir -p "$a"
printf '{"id":"t","title":"bad \377\376 title","url":"http://x/\377","content":"全县新建学校12所。"}\n' >"$a/t.jsonl"
pl 60 64 "$a" "$tmp/o-title"
exit_is "$c" 0
doc_ok "$c" "$tmp/o-title" "t.jsonl#t" 1
utf8_ok "$c" "$tmp/o-title"
t=$(csv_get "$tmp/o-title/documents.csv" doc "t.jsonl#t" title url)
check "$c" "title and url are [$t], expected U+FFFD for each bad byte" [ "$t" = "$(printf 'bad \357\277\275\357\277\275 title\thttp://x/\357\277\275')" ]

# a file name that is not UTF-8: written with \xHH for each bad byte (and a
# backslash before x or another backslash doubled), so that the raw name
# can be had back
c="invalid UTF-8 in a file name"
mkdir -p "$tmp/badname"
cp "$good" "$tmp/badname/$(printf 'a\377\376.txt')"
cp "$good" "$tmp/badname/$(printf 'b\\x41.txt')"
pl 60 64 "$tmp/badname" "$tmp/o-badname"
exit_is "$c" 0
doc_ok "$c" "$tmp/o-badname" 'a\xFF\xFE.txt' 2
doc_ok "$c" "$tmp/o-badname" 'b\\x41.txt' 2
utf8_ok "$c" "$tmp/o-badname"

# ================================================================ output folder

# the output inside the input, three runs: the same dataset each time,
# and stderr says the folder is passed over
c="output folder inside the input"
mkdir -p "$tmp/io/in"
cp "$good" "$tmp/io/in/good.txt"
for run in 1 2 3; do
    pl 60 64 "$tmp/io/in" "$tmp/io/in/out"
    exit_is "$c (run $run)" 0
    n=$(rows "$tmp/io/in/out/documents.csv")
    check "$c" "run $run: $n documents, expected 1 (the output read back as input)" [ "$n" -eq 1 ]
done
stderr_line "$c" "pipeline: out: the output folder (or one the run writes), not read as input"
# the output folder given as the input itself: nothing to read
pl 60 64 "$tmp/io/in/out" "$tmp/io/in/out"
exit_is "$c (as the input)" 2
# a file of the output folder given as an input
pl 60 64 "$good" "$tmp/io/in/out/claims.csv" "$tmp/io/in/out"
exit_is "$c (a file of it)" 0
doc_ok "$c" "$tmp/io/in/out" good.txt 2
row "$tmp/io/in/out/documents.csv" claims.csv
check "$c" "claims.csv of the output folder was read as a document" [ -z "$row_line" ]

# ================================================================ names

c="one name in two inputs"
mkdir -p "$tmp/names/d1" "$tmp/names/d2"
cp "$good" "$tmp/names/d1/a.txt"
printf '%s\n' '文化简报' '' '建成农家书屋146家。' >"$tmp/names/d2/a.txt"
cp "$good" "$tmp/names/d2/b.txt"
go 60 64 sh -c 'cd "$1" && exec "$2" --rules "$3" d1 d2 d2/b.txt "$4"' sh "$tmp/names" "$abs" "$rules" "$tmp/o-names"
exit_is "$c" 0
doc_ok "$c" "$tmp/o-names" "a.txt (d1)" 2
doc_ok "$c" "$tmp/o-names" "a.txt (d2)" 1
doc_ok "$c" "$tmp/o-names" "b.txt" 2
n=$(rows "$tmp/o-names/documents.csv")
check "$c" "$n documents, expected 3 (d2/b.txt given twice is read once)" [ "$n" -eq 3 ]
stderr_has "$c" "b.txt: the same file as one met before"
ids=$(csv_get "$tmp/o-names/claims.csv" kind count claim_id; csv_get "$tmp/o-names/claims.csv" kind money claim_id)
dups=$(printf '%s\n' "$ids" | sort | uniq -d | head -n 3 | tr '\n' ' ')
check "$c" "claim ids twice: $dups" [ -z "$dups" ]

c="archive ids that collide"
mkdir -p "$tmp/ids"
{
    printf '{"id":1.4,"content":"全县新建学校12所。"}\n'
    printf '{"id":1.2,"content":"全县新建学校12所。"}\n'
    printf '{"id":"x","content":"全县新建学校12所。"}\n'
    printf '{"id":"x","content":"全县新建学校12所。"}\n'
    printf '{"id":12345678901,"content":"全县新建学校12所。"}\n'
} >"$tmp/ids/a.jsonl"
pl 60 64 "$tmp/ids" "$tmp/o-ids"
exit_is "$c" 0
for d in "a.jsonl#1.4" "a.jsonl#1.2" "a.jsonl#x" "a.jsonl#x (line 4)" "a.jsonl#12345678901"; do
    doc_ok "$c" "$tmp/o-ids" "$d" 1
done
dups=$(csv_get "$tmp/o-ids/claims.csv" kind count claim_id | sort | uniq -d | head -n 3 | tr '\n' ' ')
check "$c" "claim ids twice: $dups" [ -z "$dups" ]

finish
