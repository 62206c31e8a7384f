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
sed -E '1!s/^("[g-z]{16}"),,,/\1,"ok",,"checked",/' "$tmp/run1/reviews.csv" >"$tmp/filled.csv"
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
# a malformed reviews file stops the run before anything is written
printf 'claim_id,verdict\n"0123456789abcdef","maybe"\n' >"$tmp/badrev.csv"
"$bin" --reviews "$tmp/badrev.csv" "$tmp/in" "$tmp/run3" 2>"$tmp/err3"
[ $? -eq 2 ] && grep -q 'badrev.csv:2: verdict "maybe"' "$tmp/err3" && [ ! -e "$tmp/run3" ] && ok ||
    bad "a bad verdict: $(head -n 1 "$tmp/err3")"

# corrected values that would not be numbers in claims.json or would split
# a CSV row: refused, every bad row named, nothing written
{
    echo 'claim_id,verdict,corrected_value'
    for v in '5.' '.5' '+5' '007' '"1e 5"' '"1e
5"' '1e5' '" 5"'; do
        printf '"%s","wrong",%s\n' "$first_id" "$v"
    done
} >"$tmp/badvalues.csv"
"$bin" --reviews "$tmp/badvalues.csv" "$tmp/in" "$tmp/run4" 2>"$tmp/err4"
[ $? -eq 2 ] && [ ! -e "$tmp/run4" ] && ok || bad "bad corrected values: the run was not refused: $(head -n 1 "$tmp/err4")"
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

# the dataset is what the run wrote: a rerun without --excel or --reviews
# takes the earlier run's claims.excel.csv and orphaned_reviews.csv away,
# and never a file that is not the pipeline's
"$bin" --excel --reviews "$tmp/filled.csv" "$tmp/in" "$tmp/stale" 2>/dev/null
[ -f "$tmp/stale/claims.excel.csv" ] && [ -f "$tmp/stale/orphaned_reviews.csv" ] && ok ||
    bad "--excel --reviews did not write claims.excel.csv and orphaned_reviews.csv"
echo mine >"$tmp/stale/notes.csv"
echo mine >"$tmp/stale/reviews.csv"
"$bin" "$tmp/in" "$tmp/stale" 2>/dev/null
[ ! -e "$tmp/stale/claims.excel.csv" ] && ok || bad "a run without --excel left the old claims.excel.csv"
[ ! -e "$tmp/stale/orphaned_reviews.csv" ] && ok || bad "a run without --reviews left the old orphaned_reviews.csv"
grep -q -x mine "$tmp/stale/notes.csv" && grep -q -x mine "$tmp/stale/reviews.csv" && ok ||
    bad "a rerun touched files that are not the pipeline's"

finish
