#!/bin/sh
# office: what the pipeline writes for spreadsheets, opened by LibreOffice
# (headless): claims.xlsx has its ids and quotes as text and its values as
# numbers with their digits grouped, on three sheets; claims.excel.csv keeps
# its Chinese text and its numbers as numbers, and a formula-looking cell
# stays text; a reviews file LibreOffice saves in GBK is read back by
# --reviews, every verdict applied.
#
#   sh tests/office/run.sh build/pipeline    (make test-office; from the repo top)
#
# Installs Debian's libreoffice-calc-nogui and unzip when missing (as root).
set -u
bin=${1:-build/pipeline}
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc-nogui"
command -v unzip >/dev/null 2>&1 || need="$need unzip"
if [ -n "$need" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "office: missing$need; run: sudo apt-get install -y --no-install-recommends$need"
        echo "office: 0 passed, 1 failed"
        exit 1
    fi
    # shellcheck disable=SC2086 # package names
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >/dev/null; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
cp seeds/*.txt "$tmp/in/"
printf '=SUM(A1)类项目3个，各类投资分别增长8.2%%和-6.3%%。\n' >"$tmp/in/zz-formula.txt"
"$bin" --excel "$tmp/in" "$tmp/out" 2>/dev/null
[ -f "$tmp/out/claims.excel.csv" ] && ok || bad "no claims.excel.csv"

# UTF-8 (76), comma, double quote, from line 1, as a spreadsheet opens it
HOME=$tmp timeout 180 soffice --headless --norestore --nolockcheck \
    --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$tmp/x" "$tmp/out/claims.excel.csv" \
    >"$tmp/soffice.log" 2>&1
xlsx=$tmp/x/claims.excel.xlsx
if [ -f "$xlsx" ]; then ok; else bad "LibreOffice did not convert: $(tail -n 2 "$tmp/soffice.log")"; fi
# the strings' text, without the rich-text runs LibreOffice splits mixed
# scripts into (<r><t>约300</t></r><r><t>公里</t></r>)
unzip -p "$xlsx" xl/sharedStrings.xml 2>/dev/null | sed -e 's|</si>|\n|g' -e 's/<[^>]*>//g' >"$tmp/strings.xml"
unzip -p "$xlsx" xl/worksheets/sheet1.xml >"$tmp/sheet.xml" 2>/dev/null

# the Chinese text is intact
grep -q "约300公里" "$tmp/strings.xml" && ok || bad "the quote 约300公里 is not in the sheet's strings"
grep -q "距离重庆主城" "$tmp/strings.xml" && ok || bad "the subject 距离重庆主城 is not in the sheet's strings"
# value (column H) of the first claim is a number: no t="s" on H2, and <v>300</v>
h2=$(grep -o '<c r="H2"[^>]*>[^/]*</v>' "$tmp/sheet.xml" | head -n 1)
case $h2 in
*'t="s"'* | '') bad "H2 (value) is not a number: [$h2]" ;;
*'<v>300</v>'*) ok ;;
*) bad "H2 (value) is [$h2], expected 300" ;;
esac
# the negative value stays a number, its quote stays text
grep -q '<v>-6.3</v>' "$tmp/sheet.xml" && ok || bad "the value -6.3 is not a number cell"
grep -q -- "-6.3%" "$tmp/strings.xml" && ok || bad "the quote -6.3% is not text"
# the formula-looking subject is text, not a formula
if grep -q '<f>' "$tmp/sheet.xml"; then bad "a cell became a formula"; else ok; fi
grep -q "=SUM(A1)" "$tmp/strings.xml" && ok || bad "=SUM(A1) is not kept as text"

# claims.xlsx, as LibreOffice reads it: saved again as a workbook of its own
[ -f "$tmp/out/claims.xlsx" ] && ok || bad "no claims.xlsx"
HOME=$tmp timeout 180 soffice --headless --norestore --nolockcheck \
    --convert-to xlsx --outdir "$tmp/wb" "$tmp/out/claims.xlsx" >"$tmp/soffice.log" 2>&1
wb=$tmp/wb/claims.xlsx
if [ -f "$wb" ]; then ok; else bad "LibreOffice did not open claims.xlsx: $(tail -n 2 "$tmp/soffice.log")"; fi
unzip -p "$wb" xl/workbook.xml 2>/dev/null >"$tmp/wb.xml"
for sheet in claims documents reviews; do
    grep -q "<sheet name=\"$sheet\"" "$tmp/wb.xml" && ok || bad "claims.xlsx has no sheet $sheet"
done
unzip -p "$wb" xl/worksheets/sheet1.xml >"$tmp/wsheet.xml" 2>/dev/null
unzip -p "$wb" xl/sharedStrings.xml 2>/dev/null | sed -e 's|</si>|\n|g' -e 's/<[^>]*>//g' >"$tmp/wstrings.xml"
# the id (A2) a string, the value (H2) the number 300
case $(grep -o '<c r="A2"[^>]*>' "$tmp/wsheet.xml") in
*'t="s"'*) ok ;;
*) bad "A2 (claim_id) is not text: $(grep -o '<c r="A2"[^>]*>' "$tmp/wsheet.xml")" ;;
esac
h2=$(grep -o '<c r="H2"[^>]*>[^/]*</v>' "$tmp/wsheet.xml" | head -n 1)
case $h2 in
*'t="s"'* | '') bad "H2 (value) of claims.xlsx is not a number: [$h2]" ;;
*'<v>300</v>'*) ok ;;
*) bad "H2 (value) of claims.xlsx is [$h2], expected 300" ;;
esac
grep -q '<autoFilter' "$tmp/wsheet.xml" && ok || bad "claims.xlsx has no autofilter"
# (a headless LibreOffice keeps no view: the frozen header is checked in the file written)
unzip -p "$tmp/out/claims.xlsx" xl/worksheets/sheet1.xml 2>/dev/null | grep -q '<pane [^>]*state="frozen"' && ok ||
    bad "the header of claims.xlsx is not frozen"
grep -q -- "-6.3%" "$tmp/wstrings.xml" && ok || bad "the quote -6.3% is not text in claims.xlsx"
grep -q "=SUM(A1)" "$tmp/wstrings.xml" && ! grep -q '<f>' "$tmp/wsheet.xml" && ok ||
    bad "=SUM(A1) is not text in claims.xlsx"
# the values as shown: digits grouped
HOME=$tmp timeout 180 soffice --headless --norestore --nolockcheck \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1' \
    --outdir "$tmp/shown" "$tmp/out/claims.xlsx" >"$tmp/soffice.log" 2>&1
shown=$(ls "$tmp/shown"/*.csv 2>/dev/null | head -n 1)
grep -q '1万余名,"10,000"' "$shown" 2>/dev/null && ok ||
    bad "1万余名 is not shown as 10,000: $(grep '1万余名' "$shown" 2>/dev/null | head -n 1 | cut -c 1-160)"

# the review template, filled in, saved by LibreOffice in GBK, read back
"$bin" review-template "$tmp/out" 2>/dev/null
sed -E '1!s/^("[g-z]{16}"),,,,/\1,"ok",,"checked",/' "$tmp/out/reviews.csv" >"$tmp/filled.csv"
n=$(($(wc -l <"$tmp/filled.csv") - 1))
# UTF-8 in, GBK (67) out, separated by commas; special numbers not
# detected, as the import dialog has it
HOME=$tmp timeout 180 soffice --headless --norestore --nolockcheck --infilter="CSV:44,34,76,1,,0,false,false" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,67' --outdir "$tmp/gbk" "$tmp/filled.csv" \
    >"$tmp/soffice.log" 2>&1
gbk=$tmp/gbk/filled.csv
if iconv -f GBK -t UTF-8 "$gbk" 2>/dev/null | grep -q '距离重庆主城' && ! iconv -f UTF-8 -t UTF-8 "$gbk" >/dev/null 2>&1; then
    ok
else
    bad "LibreOffice did not save the reviews in GBK: $(tail -n 2 "$tmp/soffice.log")"
fi
"$bin" --reviews "$gbk" "$tmp/in" "$tmp/back" 2>"$tmp/back.err"
rc=$?
[ "$rc" -eq 0 ] && ok || bad "--reviews of the GBK file: exit $rc: $(head -n 3 "$tmp/back.err")"
grep -q "reviews (GB18030): $n applied" "$tmp/back.err" && ok ||
    bad "not every review of the GBK file was applied ($n): $(grep reviews "$tmp/back.err")"
[ "$(grep -c ',"ok",,"checked"' "$tmp/back/claims.csv")" -eq "$n" ] && ok ||
    bad "$(grep -c ',"ok",,"checked"' "$tmp/back/claims.csv") of $n claims carry their verdict"
iconv -f UTF-8 -t UTF-8 "$tmp/back/claims.json" >/dev/null 2>&1 && ok || bad "claims.json is not UTF-8"

echo "office: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
