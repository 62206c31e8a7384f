#!/bin/sh
# scale: a document too large to hold is read in blocks, and a feed's items
# each in their own part of the feed; either way the claims are those of
# the parts. Correctness only: time and memory are measured by
# `make bench-scale` (bench/run.sh scale), by doubling the input.
#
#   sh tests/scale.sh build/pipeline      (from the top of the repository)
#
# A one-line document of more than a block (1 MiB) is made of copies of one
# line of the seed (its paragraphs with figures that end a sentence): its
# claims are the line's, copy after copy, whatever the block size and the
# number of jobs, and the whole dataset is byte for byte the one read whole.
# A document of many lines (the fixtures' texts again and again) read in
# blocks of 5000 bytes is the one read whole, byte for byte.
# A Markdown table and two of aligned columns, many blocks of 4000 bytes
# long, give the claims read whole; a head no block can carry makes the
# document partial.
# A feed of the seed's paragraphs, one an item, gives the claims of its two
# A document of more claims than are rendered ahead gives the dataset
# rendered ahead, its rows made a slice at a time.
# halves, written one item a line or all on one line; read as a stream
# (item by item from its file), feeds give the dataset read whole.
set -u
suite=scale
. tests/lib/suite.sh
seed=fixtures/seed/input/000_ff1407c177cb8361.txt
mkdir "$tmp/part" "$tmp/huge" "$tmp/feed" "$tmp/halves" "$tmp/oneline"

# claims.csv without what depends on where a claim is (id, document, line,
# column, bytes) and the change group's number
claims() {
    sed -E -e 1d -e 's/^"[g-z]{16}","[^"]*",[0-9]+,[0-9]+,[0-9]+,[0-9]+,//' \
        -e 's/,"g[0-9]+",/,"g",/' "$1/claims.csv"
}

run() { # OUT INPUT [ENV...]: the pipeline's exit status in OUT.rc
    out=$1 in=$2
    shift 2
    env "$@" "$bin" "$in" "$out" >/dev/null 2>"$out.err"
    echo $? >"$out.rc"
}

# ---------------------------------------------------------------- one line
grep '[0-9].*。$' "$seed" | tr -d '\n' >"$tmp/line"
printf '\n' >>"$tmp/line"
cp "$tmp/line" "$tmp/part/a.txt"
copies=240
i=0
while [ "$i" -lt "$copies" ]; do
    tr -d '\n' <"$tmp/line"
    i=$((i + 1))
done >"$tmp/huge/a.txt"
printf '\n' >>"$tmp/huge/a.txt"
size=$(wc -c <"$tmp/huge/a.txt")
check size "the document is over a block (1 MiB): $size bytes" [ "$size" -gt 1048576 ]

run "$tmp/o-part" "$tmp/part"
run "$tmp/o-blocks" "$tmp/huge"
run "$tmp/o-small" "$tmp/huge" PIPELINE_BLOCK_BYTES=8192
run "$tmp/o-whole" "$tmp/huge" PIPELINE_BLOCK_BYTES=100000000
"$bin" --jobs 2 "$tmp/huge" "$tmp/o-jobs2" >/dev/null 2>"$tmp/o-jobs2.err"
echo $? >"$tmp/o-jobs2.rc"
for o in part blocks small whole jobs2; do
    check "$o" "exit 0 ($(cat "$tmp/o-$o.err"))" [ "$(cat "$tmp/o-$o.rc")" = 0 ]
done
n=$(claims "$tmp/o-part" | wc -l)
check part "the line has claims" [ "$n" -gt 10 ]
i=0
while [ "$i" -lt "$copies" ]; do
    claims "$tmp/o-part"
    i=$((i + 1))
done >"$tmp/expected"
claims "$tmp/o-blocks" >"$tmp/got"
check blocks "the claims of $copies copies of the line are its claims, copy after copy" \
    cmp -s "$tmp/expected" "$tmp/got"
for o in small whole jobs2; do
    for f in claims.csv claims.json documents.csv report.html; do
        check "$o" "$f is the one read in blocks of 1 MiB" cmp -s "$tmp/o-blocks/$f" "$tmp/o-$o/$f"
    done
done
grep -q ',"UTF-8",'"$((n * copies))"',"ok",' "$tmp/o-blocks/documents.csv"
check blocks "documents.csv counts $((n * copies)) claims" [ $? = 0 ]

# ---------------------------------------------------------------- many lines
# every UTF-8 text of the fixtures (tables, places, line breaks inside
# sentences), again and again past a block: read in blocks of 5000 bytes, the
# dataset is the one read whole
mkdir "$tmp/lines"
: >"$tmp/lines/a.txt"
for f in fixtures/*/input/*.txt; do
    iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && { cat "$f"; printf '\n\n'; }
done >"$tmp/texts"
while [ "$(wc -c <"$tmp/lines/a.txt")" -le 1100000 ]; do
    cat "$tmp/texts" >>"$tmp/lines/a.txt"
done
run "$tmp/o-lines-whole" "$tmp/lines" PIPELINE_BLOCK_BYTES=100000000
run "$tmp/o-lines-blocks" "$tmp/lines" PIPELINE_BLOCK_BYTES=5000
for o in whole blocks; do
    check "lines $o" "exit 0 ($(cat "$tmp/o-lines-$o.err"))" [ "$(cat "$tmp/o-lines-$o.rc")" = 0 ]
done
for f in claims.csv claims.json documents.csv report.html; do
    check lines "$f read in blocks of 5000 bytes is the one read whole" \
        cmp -s "$tmp/o-lines-whole/$f" "$tmp/o-lines-blocks/$f"
done

# ---------------------------------------------------------------- tables
# a table several blocks long (Markdown under a unit line, with section
# rows that carry a unit; aligned columns with a corner and a caption;
# aligned columns under a unit line) read in blocks of 4000 bytes gives the
# claims read whole: each block that a table runs past ends before its last
# row, and the next reads the table's head (and last section) first
mkdir "$tmp/tables"
awk 'BEGIN { print "前言：全年收入增长5.2%。"; print ""; print "单位：万元"; print ""
             print "| 地区 | 金额 | 人数（人） |"; print "|---|---|---|"
             for (i = 0; i < 1500; i++) {
                 if (i % 400 == 0) printf "| 收入（%s） | | |\n", i % 800 ? "亿元" : "万元"
                 printf "| 地区%d | %d.5 | %d.5 |\n", i, i + 100, i + 7 }
             print ""; print "结语：共计30亿元。" }' >"$tmp/tables/md.md"
awk 'BEGIN { print "表1 各城市情况"; print "        金额（亿元）    人数（万人）"
             for (i = 0; i < 1500; i++) printf "城市%d    %d.25    %d.75\n", i, i + 10, i + 3
             print "后记：增长3%。" }' >"$tmp/tables/al.txt"
awk 'BEGIN { print "单位：万元"; print "地区    收入    支出"
             for (i = 0; i < 1500; i++) printf "乡%d    %d.5    %d.25\n", i, i + 10, i + 3 }' >"$tmp/tables/al2.txt"
for t in md.md al.txt al2.txt; do
    mkdir "$tmp/table-$t"
    cp "$tmp/tables/$t" "$tmp/table-$t/"
    run "$tmp/o-$t-whole" "$tmp/table-$t" PIPELINE_BLOCK_BYTES=100000000
    run "$tmp/o-$t-blocks" "$tmp/table-$t" PIPELINE_BLOCK_BYTES=4000
    for o in whole blocks; do
        check "$t $o" "exit 0 ($(cat "$tmp/o-$t-$o.err"))" [ "$(cat "$tmp/o-$t-$o.rc")" = 0 ]
    done
    size=$(wc -c <"$tmp/tables/$t")
    check "$t" "the table is several blocks long: $size bytes" [ "$size" -gt 40000 ]
    n=$(grep -c "地区[0-9]\|城市[0-9]\|乡[0-9]" "$tmp/o-$t-blocks/claims.csv")
    check "$t" "the 1500 rows read in blocks give 3000 claims ($n)" [ "$n" = 3000 ]
    for f in claims.csv claims.json documents.csv report.html; do
        check "$t" "$f read in blocks of 4000 bytes is the one read whole" \
            cmp -s "$tmp/o-$t-whole/$f" "$tmp/o-$t-blocks/$f"
    done
done
# rows 400 to 799 are under 收入（亿元）, rows 800 on under 收入（万元）
check md.md "a section's unit holds in the blocks after it" \
    grep -q '"501.5",50150000000,"CNY".*"地区401"' "$tmp/o-md.md-blocks/claims.csv"
check md.md "a later section's unit holds in the blocks after it" \
    grep -q '"1299.5",12995000,"CNY".*"地区1199"' "$tmp/o-md.md-blocks/claims.csv"
# a head longer than half a block cannot be carried: the document says so
run "$tmp/o-md-tiny" "$tmp/table-md.md" PIPELINE_BLOCK_BYTES=100
check "md.md tiny" "a table's head that no block can carry makes the document partial" \
    grep -q '"partial",".*read without its header' "$tmp/o-md-tiny/documents.csv"

# ---------------------------------------------------------------- many claims
# a document of more claims than are rendered ahead (a list of 5000
# figures; the seed, 7 claims at a time) has its rows made as they are
# written, a slice at a time: the dataset is the one rendered ahead
mkdir "$tmp/many"
cp "$seed" "$tmp/many/seed.txt"
{
    awk 'BEGIN { for (i = 1; i <= 5000; i++) printf("%s产品%d", (i > 1 ? "、" : ""), i) }'
    awk 'BEGIN { printf "的增速分别为"; for (i = 1; i <= 5000; i++) printf("%s%d.5%%", (i > 1 ? "、" : ""), i); print "。" }'
} >"$tmp/many/list.txt"
for ahead in 7 default 100000; do
    if [ "$ahead" = default ]; then
        "$bin" --excel "$tmp/many" "$tmp/o-many-$ahead" >/dev/null 2>&1
    else
        PIPELINE_CLAIMS_AHEAD=$ahead "$bin" --excel "$tmp/many" "$tmp/o-many-$ahead" >/dev/null 2>&1
    fi
    check many "exit 0 with rows made $ahead claims at a time" [ $? = 0 ]
done
check many "the list gives its 5000 figures" [ "$(grep -c '"list.txt"' "$tmp/o-many-100000/claims.csv")" = 5000 ]
# a sentence too long to write whole gives each claim its surroundings, 150
# characters either side, "…" where they are cut: those of 2500.5% here,
# made the way the list was (the line's characters, one an array element)
want=$(awk 'BEGIN {
    n = 0
    for (i = 1; i <= 5000; i++) {
        if (i > 1) c[n++] = "、"
        s = sprintf("%d.5%%", i)
        if (i == 2500) { from = n; to = n + length(s) }
        for (k = 1; k <= length(s); k++) c[n++] = substr(s, k, 1)
    }
    c[n++] = "。"
    w = "…"
    for (i = from - 150; i < to + 150; i++) w = w c[i]
    print w "…" }')
check many "the surroundings of 2500.5% in a sentence too long to write whole" \
    sh -c 'grep -F ",\"2500.5%\",2500.5," "$1" | grep -q -F ",\"$2\","' sh "$tmp/o-many-7/claims.csv" "$want"
check many "claims.json gives 2500.5% the same surroundings" \
    grep -q -F "\"sentence\":\"$want\"" "$tmp/o-many-7/claims.json"
for ahead in 7 default; do
    for f in claims.csv claims.json documents.csv claims.excel.csv report.html; do
        check many "$f with rows made $ahead claims at a time is the one rendered ahead" \
            cmp -s "$tmp/o-many-$ahead/$f" "$tmp/o-many-100000/$f"
    done
done

# ---------------------------------------------------------------- feeds
# feed FILE SEP FIRST LAST: items FIRST..LAST of the seed's paragraphs with
# figures, SEP between items
feed() {
    {
        printf '<?xml version="1.0" encoding="UTF-8"?>%s<rss version="2.0"><channel><title>t</title>%s' "$2" "$2"
        grep '[0-9]' "$seed" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' |
            awk -v first="$3" -v last="$4" -v sep="$2" '{ p[n++] = $0 }
                END { for (i = first; i <= last; i++)
                          printf "<item><title>item %d</title><description>%s</description></item>%s", i, p[i % n], sep }'
        printf '</channel></rss>\n'
    } >"$1"
}
items=1500
nl='
'
feed "$tmp/feed/f.xml" "$nl" 1 "$items"
feed "$tmp/oneline/f.xml" "" 1 "$items"
feed "$tmp/halves/f1.xml" "$nl" 1 $((items / 2))
feed "$tmp/halves/f2.xml" "$nl" $((items / 2 + 1)) "$items"
for o in feed oneline halves; do
    run "$tmp/o-$o" "$tmp/$o"
    check "$o" "exit 0" [ "$(cat "$tmp/o-$o.rc")" = 0 ]
    [ "$(cat "$tmp/o-$o.rc")" = 0 ] || sed 's/^/    /' "$tmp/o-$o.err"
done
claims "$tmp/o-halves" >"$tmp/expected"
n=$(wc -l <"$tmp/expected")
check feed "the items have claims" [ "$n" -gt "$items" ]
for o in feed oneline; do
    claims "$tmp/o-$o" >"$tmp/got"
    check "$o" "a feed of $items items gives the claims of its two halves" cmp -s "$tmp/expected" "$tmp/got"
done
# read as a stream (a feed over a block, item by item from its file) or
# whole, feeds give the same dataset byte for byte: one item a line, all on
# one line, the markup fixture's feed (HTML in CDATA, Atom links). A feed
# cut short in an item gives the claims read whole, and is partial (read
# whole, the item cut is a document of its own; as a stream, the parser
# stops before it and the item before is partial).
mkdir "$tmp/stream" "$tmp/cut"
cp fixtures/markup/input/feed.xml "$tmp/stream/fixture.xml"
cp "$tmp/feed/f.xml" "$tmp/stream/lines.xml"
cp "$tmp/oneline/f.xml" "$tmp/stream/oneline.xml"
{
    head -n 1000 "$tmp/feed/f.xml"
    sed -n 1001p "$tmp/feed/f.xml" | cut -c1-30
} >"$tmp/cut/cut.xml"
for o in stream cut; do
    run "$tmp/o-$o" "$tmp/$o" PIPELINE_BLOCK_BYTES=64
    run "$tmp/o-$o-whole" "$tmp/$o" PIPELINE_BLOCK_BYTES=100000000
done
check stream "exit 0: $(cat "$tmp/o-stream.rc")" [ "$(cat "$tmp/o-stream.rc")" = 0 ]
for f in claims.csv claims.json documents.csv report.html; do
    check stream "$f of feeds read as a stream is the one of feeds read whole" \
        cmp -s "$tmp/o-stream/$f" "$tmp/o-stream-whole/$f"
done
check cut "exit 1 (partial) as a stream: $(cat "$tmp/o-cut.rc")" [ "$(cat "$tmp/o-cut.rc")" = 1 ]
check cut "a feed cut short gives the claims read whole" cmp -s "$tmp/o-cut/claims.csv" "$tmp/o-cut-whole/claims.csv"
check cut "the item before the cut is partial" grep -q '^"cut.xml#[0-9]*",.*"partial",' "$tmp/o-cut/documents.csv"
# the items' positions are counted in the feed: the line of the last
# claim is its item's
set -- $(tail -n 1 "$tmp/o-feed/claims.csv" | sed -E 's/^"[g-z]*","f.xml#([0-9]+)",([0-9]+),.*/\1 \2/')
check feed "the last claim (item ${1:-?}) is on its item's line (${2:-?})" \
    sh -c 'sed -n "$1p" "$2" | grep -q "<title>item $3</title>"' - "${2:-0}" "$tmp/feed/f.xml" "${1:-x}"
finish
