#!/bin/sh
# office: claims.excel.csv opened by LibreOffice (headless) as a spreadsheet
# keeps its Chinese text and its numbers as numbers, and a formula-looking
# cell stays text.
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

echo "office: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
