#!/bin/sh
# ids: no claim id reads as a number in a spreadsheet. Before, an id was 16
# hex digits, and about one in 650 was all digits or NNNeNNN (3958391330e60103
# became 1.79769313486232E+308, 0188655918912765 lost its zero); now the
# same hash is written in the letters ghjkmnpqrstvwxyz.
#
#   sh tests/ids.sh build/pipeline      (from the top of the repository)
#
# 300,000 claims in 30 generated documents, each line a figure of its own.
set -u
suite=ids
. tests/lib/suite.sh

mkdir "$tmp/in"
awk -v tmp="$tmp/in" 'BEGIN {
    for (f = 0; f < 30; f++) {
        name = sprintf("%s/d%02d.txt", tmp, f)
        for (i = 1; i <= 10000; i++)
            printf "本月新增就业%d人。\n", f * 10000 + i >name
        close(name)
    }
}'
"$bin" --jobs 2 "$tmp/in" "$tmp/out" 2>"$tmp/err"
check run "exit $? : $(head -n 1 "$tmp/err")" [ -s "$tmp/out/claims.csv" ]
sed -E -e 1d -e 's/^"([^"]*)".*/\1/' "$tmp/out/claims.csv" >"$tmp/ids"
n=$(wc -l <"$tmp/ids")
check count "300000 claims, got $n" [ "$n" -eq 300000 ]
check distinct "ids repeat" [ "$(sort -u "$tmp/ids" | wc -l)" -eq "$n" ]
# every id is 16 of the letters, so nothing in it reads as a number
odd=$(grep -c -v -x -E '[ghjkmnpqrstvwxyz]{16}' "$tmp/ids")
check form "$odd ids are not 16 letters of ghjkmnpqrstvwxyz: $(grep -v -x -E '[ghjkmnpqrstvwxyz]{16}' "$tmp/ids" | head -n 3 | tr '\n' ' ')" [ "$odd" -eq 0 ]
# what a spreadsheet reads as a number: digits, a decimal point, an exponent
numeric='[+-]?[0-9]*[.,]?[0-9]+([eE][+-]?[0-9]+)?'
num=$(grep -c -x -E "$numeric" "$tmp/ids")
check number "$num ids read as numbers" [ "$num" -eq 0 ]
# the check would have caught the old form: the same hashes in hex
old=$(tr 'ghjkmnpqrstvwxyz' '0123456789abcdef' <"$tmp/ids" | grep -c -x -E "$numeric")
check sensitive "the hashes in hex give $old numbers (expected some hundreds)" [ "$old" -gt 100 ]
note "of $n ids, $old would read as numbers written in hex, none as written"
finish
