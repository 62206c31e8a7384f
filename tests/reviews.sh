#!/bin/sh
# reviews: verdicts survive a rerun; a review whose claim is gone is listed
# in orphaned_reviews.csv, never dropped; the Excel file is what Excel
# needs (BOM, CRLF, formulas defused, numbers left numbers).
#
#   sh tests/reviews.sh build/pipeline      (from the top of the repository)
set -u
suite=reviews
. tests/lib/suite.sh

cp -R fixtures/employment/input "$tmp/in"
"$bin" --jobs 1 "$tmp/in" "$tmp/run1" 2>/dev/null || bad "first run"
"$bin" review-template "$tmp/run1" 2>/dev/null && ok || bad "review-template"
"$bin" review-template "$tmp/run1" 2>/dev/null && bad "review-template overwrote reviews.csv" || ok
claims=$(($(wc -l <"$tmp/run1/claims.csv") - 1))
rows=$(($(wc -l <"$tmp/run1/reviews.csv") - 1))
[ "$claims" -gt 2 ] && [ "$rows" -eq "$claims" ] && ok || bad "template has $rows rows for $claims claims"

# a reviewer says ok to every claim, and wrong with a value and a note to one
sed -E '1!s/^("[g-z]{16}"),,,,/\1,"ok",,"checked",/' "$tmp/run1/reviews.csv" >"$tmp/filled.csv"
first_id=$(sed -n '2s/^"\([g-z]*\)".*/\1/p' "$tmp/filled.csv")
sed -i "2s/^\"$first_id\",\"ok\",,\"checked\"/\"$first_id\",\"wrong\",12.5,\"reads 12.5\"/" "$tmp/filled.csv"

# the report is edited: the sentence of the last claim goes
last_quote=$(tail -n 1 "$tmp/run1/claims.csv" | sed -E 's/^([^,]*,){6}"([^"]*)".*/\2/')
last_id=$(tail -n 1 "$tmp/run1/claims.csv" | sed -E 's/^"([g-z]{16})".*/\1/')
f=$(ls "$tmp/in"/*.txt | head -n 1)
grep -v -F "$last_quote" "$f" >"$tmp/edited" && cp "$tmp/edited" "$f"

"$bin" --jobs 1 --reviews "$tmp/filled.csv" "$tmp/in" "$tmp/run2" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok || bad "rerun with reviews: exit $rc: $(head -n 1 "$tmp/err")"
grep -q "review(s) of claims that are gone" "$tmp/err" && ok || bad "the run does not say reviews were orphaned"
# every claim of the rerun carries its verdict
n2=$(($(wc -l <"$tmp/run2/claims.csv") - 1))
with=$(grep -c -E ',"(ok|wrong)",' "$tmp/run2/claims.csv")
[ "$with" -eq "$n2" ] && ok || bad "$with of $n2 claims carry a verdict"
grep -q "\"$first_id\".*\"wrong\",12.5,\"reads 12.5\"" "$tmp/run2/claims.csv" && ok ||
    bad "the verdict wrong, 12.5 and its note are not on claim $first_id"
grep -q "\"claim_id\":\"$first_id\".*\"verdict\":\"wrong\",\"corrected_value\":12.5" "$tmp/run2/claims.json" && ok ||
    bad "claims.json lacks the verdict of $first_id"
# the document's page marks reviewed claims with their verdict
grep -q "reviewed v-wrong\" id=\"c-$first_id\"" "$tmp/run2"/report/d/*.html && ok ||
    bad "report.html does not mark claim $first_id as reviewed wrong"
[ "$(grep -o 'reviewed v-ok' "$tmp/run2"/report/d/*.html | wc -l)" -eq "$((n2 - 1))" ] && ok ||
    bad "report.html marks $(grep -o 'reviewed v-ok' "$tmp/run2"/report/d/*.html | wc -l) claims ok, expected $((n2 - 1))"
# the review of the claim that is gone is kept
grep -q "^\"$last_id\",\"ok\"" "$tmp/run2/orphaned_reviews.csv" && ok ||
    bad "orphaned_reviews.csv lacks $last_id: $(cat "$tmp/run2/orphaned_reviews.csv")"
# exactly the claims that are gone (the edited line held more than one)
cut -d, -f1 "$tmp/run1/claims.csv" | sed 1d | sort >"$tmp/ids1"
cut -d, -f1 "$tmp/run2/claims.csv" | sed 1d | sort >"$tmp/ids2"
comm -23 "$tmp/ids1" "$tmp/ids2" >"$tmp/gone"
cut -d, -f1 "$tmp/run2/orphaned_reviews.csv" | sed 1d | sort >"$tmp/orphans"
[ -s "$tmp/gone" ] && cmp -s "$tmp/gone" "$tmp/orphans" && ok ||
    bad "orphaned_reviews.csv holds [$(tr '\n' ' ' <"$tmp/orphans")], the claims gone are [$(tr '\n' ' ' <"$tmp/gone")]"
# a malformed row is named, and the run goes on without it (exit 1)
printf 'claim_id,verdict\n"0123456789abcdef","maybe"\n' >"$tmp/badrev.csv"
"$bin" --reviews "$tmp/badrev.csv" "$tmp/in" "$tmp/run3" 2>"$tmp/err3"
[ $? -eq 1 ] && grep -q 'badrev.csv:2: verdict "maybe"' "$tmp/err3" && [ -f "$tmp/run3/claims.csv" ] && ok ||
    bad "a bad verdict: $(head -n 1 "$tmp/err3")"

# corrected values that would not be numbers in claims.json or would split
# a CSV row: refused, every bad row named, the rest written
{
    echo 'claim_id,verdict,corrected_value'
    for v in '5.' '.5' '+5' '007' '"1e 5"' '"1e
5"' '1e5' '" 5"'; do
        printf '"%s","wrong",%s\n' "$first_id" "$v"
    done
} >"$tmp/badvalues.csv"
"$bin" --reviews "$tmp/badvalues.csv" "$tmp/in" "$tmp/run4" 2>"$tmp/err4"
[ $? -eq 1 ] && ! grep -q '"wrong"' "$tmp/run4/claims.csv" && ok ||
    bad "bad corrected values: not exit 1, or one was applied: $(head -n 1 "$tmp/err4")"
for v in '5.' '.5' '+5' '007' '1e 5' '1e5' ' 5'; do
    grep -q -F "corrected_value \"$v\" is not a plain decimal" "$tmp/err4" && ok ||
        bad "the corrected value [$v] is not named: $(head -n 3 "$tmp/err4" | tr '\n' ' ')"
done
# each named by the line it begins on, a line break in a field counted
grep -q -F 'badvalues.csv:10: corrected_value " 5"' "$tmp/err4" && ok ||
    bad "the row after a field with a line break is not named by its line: $(grep -F '" 5"' "$tmp/err4")"
[ "$(grep -c 'badvalues.csv:[0-9]*: corrected_value' "$tmp/err4")" -eq 8 ] && ok ||
    bad "not every bad row is named: $(grep -c 'badvalues.csv:' "$tmp/err4") of 8"

# the good forms are written as numbers
printf 'claim_id,verdict,corrected_value\n"%s","wrong",-0.25\n' "$first_id" >"$tmp/goodvalue.csv"
"$bin" --jobs 1 --reviews "$tmp/goodvalue.csv" "$tmp/in" "$tmp/run5" 2>/dev/null
grep -q "\"claim_id\":\"$first_id\".*\"corrected_value\":-0.25," "$tmp/run5/claims.json" && ok ||
    bad "the corrected value -0.25 is not in claims.json"

# a reviews file of an earlier version, its ids in hex (the same hash):
# read in the letters of today's ids
hex_id=$(printf '%s' "$first_id" | tr 'ghjkmnpqrstvwxyz' '0123456789abcdef')
printf 'claim_id,verdict\n"%s","unsure"\n' "$hex_id" >"$tmp/hexid.csv"
"$bin" --jobs 1 --reviews "$tmp/hexid.csv" "$tmp/in" "$tmp/runhex" 2>/dev/null
grep -q "^\"$first_id\".*,\"unsure\"," "$tmp/runhex/claims.csv" && ok ||
    bad "a review of the hex id $hex_id is not on claim $first_id"

# Excel: BOM, CRLF, text that looks like a formula defused, numbers numbers
printf '各类投资分别增长8.2%%和-6.3%%。\n=SUM(A1)类项目3个。\n' >"$tmp/x.txt"
"$bin" --excel "$tmp/x.txt" "$tmp/xl" 2>/dev/null
head -c 3 "$tmp/xl/claims.excel.csv" | od -An -tx1 | grep -q "ef bb bf" && ok || bad "claims.excel.csv has no BOM"
[ "$(grep -c "$(printf '\r')\$" "$tmp/xl/claims.excel.csv")" -eq "$(wc -l <"$tmp/xl/claims.excel.csv")" ] && ok ||
    bad "claims.excel.csv lines do not all end in CRLF"
grep -q "\"'-6.3%\",-6.3," "$tmp/xl/claims.excel.csv" && ok || bad "the quote -6.3% is not defused, or the value is not bare"
grep -q '"-6.3%",-6.3,' "$tmp/xl/claims.csv" && ok || bad "claims.csv changed the quote -6.3%"
grep -q "\"'=SUM(A1)" "$tmp/xl/claims.excel.csv" && ok || bad "a subject beginning with = is not defused"
# claims.xlsx (its XML read here; make test-office opens it in LibreOffice):
# the cells of claims.csv, ids and quotes text, values numbers
python3 - "$tmp/xl/claims.xlsx" "$tmp/xl/claims.csv" >"$tmp/xlsx.out" 2>&1 <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read('xl/workbook.xml').decode()
print('sheets', ' '.join(re.findall(r'<sheet name="([^"]*)"', book)))
# claims.csv's rows, each field with whether it was quoted (text) or bare (a number)
data = open(sys.argv[2], encoding='utf-8', newline='').read()
rows, row = [], []
for m in re.finditer(r'(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r\n|$)', data):
    if m.group(1) is not None:
        row.append(('text', m.group(1).replace('""', '"')))
    else:
        row.append(('number', m.group(2)) if m.group(2) else None)
    if m.group(3) != ',':
        rows.append(row)
        row = []
        if m.end() >= len(data):
            break
sheet = z.read('xl/worksheets/sheet1.xml').decode()
cells = {}
for ref, attrs, body in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)>(.*?)</c>', sheet):
    text = re.findall(r'<t[^>]*>(.*?)</t>', body)
    num = re.findall(r'<v>(.*?)</v>', body)
    cells[ref] = ('text', text[0]) if 'inlineStr' in attrs else ('number', num[0])
def col(j):
    return chr(ord('A') + j) if j < 26 else 'A' + chr(ord('A') + j - 26)
bad = 0
for i, row in enumerate(rows):
    for j, want in enumerate(row):
        got = cells.get(col(j) + str(i + 1))
        if want and (want[0] == 'text' or i == 0):  # the header is bare, and text
            want = ('text', want[1].replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'))
        # the same double (libxlsxwriter writes 8.2 as 8.199999999999999)
        if got != want and not (got and want and got[0] == want[0] == 'number' and float(got[1]) == float(want[1])):
            bad += 1
            print('cell', col(j) + str(i + 1), rows[0][j][1], 'is', got, 'not', want)
print('cells differing', bad)
PY
grep -q '^sheets claims documents reviews$' "$tmp/xlsx.out" && ok || bad "claims.xlsx sheets: $(head -n 1 "$tmp/xlsx.out")"
grep -q '^cells differing 0$' "$tmp/xlsx.out" && ok || bad "claims.xlsx is not claims.csv, typed: $(head -n 4 "$tmp/xlsx.out")"

# the dataset is what the run wrote: a rerun without --excel or --reviews
# takes the earlier run's claims.excel.csv and orphaned_reviews.csv away,
# and never a file that is not the pipeline's
"$bin" --excel --reviews "$tmp/filled.csv" "$tmp/in" "$tmp/stale" 2>/dev/null
[ -f "$tmp/stale/claims.excel.csv" ] && [ -f "$tmp/stale/claims.xlsx" ] && [ -f "$tmp/stale/orphaned_reviews.csv" ] && ok ||
    bad "--excel --reviews did not write claims.excel.csv, claims.xlsx and orphaned_reviews.csv"
echo mine >"$tmp/stale/notes.csv"
echo mine >"$tmp/stale/reviews.csv"
"$bin" "$tmp/in" "$tmp/stale" 2>/dev/null
[ ! -e "$tmp/stale/claims.excel.csv" ] && [ ! -e "$tmp/stale/claims.xlsx" ] && ok ||
    bad "a run without --excel left the old claims.excel.csv or claims.xlsx"
[ ! -e "$tmp/stale/orphaned_reviews.csv" ] && ok || bad "a run without --reviews left the old orphaned_reviews.csv"
grep -q -x mine "$tmp/stale/notes.csv" && grep -q -x mine "$tmp/stale/reviews.csv" && ok ||
    bad "a rerun touched files that are not the pipeline's"

# the template carries what a reviewer judges by and the verdicts given,
# with a BOM for spreadsheets
"$bin" review-template "$tmp/run2" 2>/dev/null
head -c 3 "$tmp/run2/reviews.csv" | od -An -tx1 | grep -q "ef bb bf" && ok || bad "the template has no BOM"
head -n 1 "$tmp/run2/reviews.csv" | grep -q 'claim_id,verdict,corrected_value,note,doc,line,quote,value,unit,qualifier,subject,sentence' &&
    ok || bad "the template's columns: $(head -n 1 "$tmp/run2/reviews.csv")"
grep -q "^\"$first_id\",\"wrong\",12.5,\"reads 12.5\",\"[^\"]*\",[0-9]*,\"" "$tmp/run2/reviews.csv" && ok ||
    bad "the template lacks the verdict given to $first_id: $(grep "$first_id" "$tmp/run2/reviews.csv")"

# reviews follow the text: a line added at the top of the document changes
# every claim's id, and every review still finds its claim
mkdir "$tmp/f"
cp -R fixtures/employment/input "$tmp/f/in"
"$bin" --jobs 1 "$tmp/f/in" "$tmp/f/run1" 2>/dev/null
"$bin" review-template "$tmp/f/run1" 2>/dev/null
sed -E '1!s/^("[g-z]{16}"),,,,/\1,"ok",,"checked",/' "$tmp/f/run1/reviews.csv" >"$tmp/f/filled.csv"
fid=$(sed -n '3s/^"\([g-z]*\)".*/\1/p' "$tmp/f/filled.csv")
sed -i "3s/^\"$fid\",\"ok\",,\"checked\"/\"$fid\",\"wrong\",7,\"reads 7\"/" "$tmp/f/filled.csv"
fq=$(grep "^\"$fid\"" "$tmp/f/run1/claims.csv" | sed -E 's/^([^,]*,){6}"([^"]*)".*/\2/')
f=$(ls "$tmp/f/in"/*.txt)
{ printf '新增的第一行。\n'; cat "$f"; } >"$tmp/f/edited" && cp "$tmp/f/edited" "$f"
"$bin" --jobs 1 --reviews "$tmp/f/filled.csv" "$tmp/f/in" "$tmp/f/run2" 2>"$tmp/f/err"
rc=$?
n=$(($(wc -l <"$tmp/f/run2/claims.csv") - 1))
[ "$rc" -eq 0 ] && [ "$(grep -c -E ',"(ok|wrong)",' "$tmp/f/run2/claims.csv")" -eq "$n" ] && ok ||
    bad "after a line added above: exit $rc, $(grep -c -E ',"(ok|wrong)",' "$tmp/f/run2/claims.csv") of $n claims carry a verdict"
comm -12 "$tmp/ids1" "$tmp/ids2" >/dev/null
cut -d, -f1 "$tmp/f/run1/claims.csv" | sed 1d | sort >"$tmp/f/ids1"
cut -d, -f1 "$tmp/f/run2/claims.csv" | sed 1d | sort >"$tmp/f/ids2"
[ -z "$(comm -12 "$tmp/f/ids1" "$tmp/f/ids2")" ] && ok || bad "the ids did not change with the line added"
grep -q -E "^\"[g-z]{16}\",\"employment.txt\",[0-9]+,[0-9]+,[0-9]+,[0-9]+,\"$fq\",.*,\"wrong\",7,\"reads 7\"" "$tmp/f/run2/claims.csv" &&
    ok || bad "the verdict wrong, 7 did not follow the claim $fq"
[ "$(sed 1d "$tmp/f/run2/orphaned_reviews.csv" | wc -l)" -eq 0 ] && ok ||
    bad "reviews orphaned after a line added: $(cat "$tmp/f/run2/orphaned_reviews.csv")"
grep -q "reviews (UTF-8.*): $n applied ($n of them found by doc, quote and value" "$tmp/f/err" && ok ||
    bad "the summary does not count the reviews applied: $(grep reviews "$tmp/f/err")"
# the page of the document shows them
grep -q "reviewed v-wrong" "$tmp/f/run2"/report/d/*.html && ok || bad "the page lacks the re-attached verdict"

# a review whose claim is gone keeps its doc, quote and value
grep -v -F "$fq" "$f" >"$tmp/f/edited" && cp "$tmp/f/edited" "$f"
"$bin" --jobs 1 --reviews "$tmp/f/filled.csv" "$tmp/f/in" "$tmp/f/run3" 2>"$tmp/f/err3"
grep -q -E "^\"$fid\",\"wrong\",7,\"reads 7\",[0-9]+,\"employment.txt\",\"$fq\",[0-9.]+" "$tmp/f/run3/orphaned_reviews.csv" &&
    ok || bad "the orphan lacks doc, quote, value: $(cat "$tmp/f/run3/orphaned_reviews.csv")"
grep -q "$fq" "$tmp/f/run3/report.html" && ok || bad "report.html does not list the orphaned review of $fq"

# every bad row in one run, the good ones applied
id1=$(sed -n '2s/^"\([g-z]*\)".*/\1/p' "$tmp/f/filled.csv")
id2=$(sed -n '3s/^"\([g-z]*\)".*/\1/p' "$tmp/f/filled.csv")
id4=$(sed -n '4s/^"\([g-z]*\)".*/\1/p' "$tmp/f/filled.csv")
id5=$(sed -n '5s/^"\([g-z]*\)".*/\1/p' "$tmp/f/filled.csv")
cp -R fixtures/employment/input "$tmp/f/in0"
"$bin" --jobs 1 "$tmp/f/in0" "$tmp/f/run0" 2>/dev/null
printf 'claim_id,verdict,corrected_value,note\n"%s","ok",,\n"%s","OK",,\n"%s","wrong",16亿,"亿"\n"123456","ok",,\n"%s","wrong",3,\n"%s",,5,\n' \
    "$id1" "$id2" "$id4" "$id5" "$id1" >"$tmp/f/multi.csv"
"$bin" --jobs 1 --reviews "$tmp/f/multi.csv" "$tmp/f/in0" "$tmp/f/run4" 2>"$tmp/f/err4"
[ $? -eq 1 ] && ok || bad "a reviews file with bad rows: not exit 1"
grep -q 'multi.csv:3: verdict "OK" is not ok, wrong or unsure (written in lower case)' "$tmp/f/err4" && ok ||
    bad "OK is not named: $(cat "$tmp/f/err4")"
grep -q 'multi.csv:4: corrected_value "16亿" is not a plain decimal' "$tmp/f/err4" && ok || bad "16亿 is not named"
grep -q 'multi.csv:5: claim_id "123456" is not a claim id' "$tmp/f/err4" && ok || bad "123456 is not named"
grep -q 'multi.csv:7: a corrected_value or note without a verdict' "$tmp/f/err4" && ok ||
    bad "a value without a verdict is not named"
grep -q "^\"$id1\".*,\"ok\",," "$tmp/f/run4/claims.csv" && grep -q "^\"$id5\".*,\"wrong\",3," "$tmp/f/run4/claims.csv" &&
    ok || bad "the good rows were not applied"
grep -q "reviews (UTF-8): 2 applied (0 of them .*), 0 orphaned, 4 malformed row(s) not applied" "$tmp/f/err4" && ok ||
    bad "the summary: $(grep reviews "$tmp/f/err4")"

# a reviews file as spreadsheets save it: GBK, GB18030 with its BOM,
# UTF-16 with its BOM, separated by semicolons; the same verdicts
sed '1s/^\xEF\xBB\xBF//' "$tmp/f/filled.csv" >"$tmp/f/plain.csv"
"$bin" --jobs 1 --reviews "$tmp/f/plain.csv" "$tmp/f/in0" "$tmp/f/utf8" 2>/dev/null
iconv -f UTF-8 -t GBK "$tmp/f/plain.csv" >"$tmp/f/gbk.csv"
{ printf '\204\061\225\063'; iconv -f UTF-8 -t GB18030 "$tmp/f/plain.csv"; } >"$tmp/f/gb18030.csv"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$tmp/f/plain.csv"; } >"$tmp/f/utf16.csv"
cut -d, -f1-4 "$tmp/f/plain.csv" | tr , ';' >"$tmp/f/semicolon.csv"
for kind in gbk gb18030 utf16 semicolon; do
    "$bin" --jobs 1 --reviews "$tmp/f/$kind.csv" "$tmp/f/in0" "$tmp/f/$kind" 2>"$tmp/f/$kind.err"
    cmp -s "$tmp/f/utf8/claims.csv" "$tmp/f/$kind/claims.csv" && ok ||
        bad "the reviews file in $kind: $(grep reviews "$tmp/f/$kind.err")"
    iconv -f UTF-8 -t UTF-8 "$tmp/f/$kind/claims.json" >/dev/null 2>&1 && ok || bad "claims.json not UTF-8 ($kind)"
done
grep -q "reviews (GB18030)" "$tmp/f/gbk.err" && ok || bad "GBK is not said: $(grep reviews "$tmp/f/gbk.err")"
grep -q "reviews (UTF-16LE)" "$tmp/f/utf16.err" && ok || bad "UTF-16 is not said: $(grep reviews "$tmp/f/utf16.err")"
grep -q "reviews (UTF-8, separated by semicolons)" "$tmp/f/semicolon.err" && ok ||
    bad "semicolons are not said: $(grep reviews "$tmp/f/semicolon.err")"

# the command line: --help names every file a run writes; a usage error is
# its reason and a hint; --NAME=VALUE; a command after an option
"$bin" --help >"$tmp/help"
"$bin" --excel --reviews "$tmp/filled.csv" "$tmp/in" "$tmp/all" 2>/dev/null
for name in $(ls "$tmp/all") reviews.csv; do
    grep -q -F "$name" "$tmp/help" && ok || bad "--help does not name $name"
done
"$bin" --jobs x "$tmp/in" "$tmp/u" 2>"$tmp/u.err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/u.err")" -eq 2 ] && grep -q 'jobs needs a number' "$tmp/u.err" &&
    grep -q -e '--help' "$tmp/u.err" && ok || bad "a usage error is not its reason and a hint: $(cat "$tmp/u.err")"
"$bin" --jobs=2 "$tmp/in" "$tmp/j2" 2>/dev/null && cmp -s "$tmp/j2/claims.csv" "$tmp/stale/claims.csv" && ok ||
    bad "--jobs=2 does not work"
"$bin" --excel review-template "$tmp/run1" 2>"$tmp/c.err"
[ $? -eq 2 ] && grep -q 'review-template is a command: it comes first' "$tmp/c.err" && ok ||
    bad "--excel review-template: $(cat "$tmp/c.err")"

finish
