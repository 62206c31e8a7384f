#!/bin/sh
# page: the audit site's style sheets and scripts are the files under
# pipeline/page/, embedded and written into the site's folder byte for byte; no page code sits in C string
# literals; each script parses (node --check, when node is installed).
#
#   sh tests/page.sh build/pipeline      (from the top of the repository)
set -u
suite=page
. tests/lib/suite.sh

"$bin" --jobs 1 seeds "$tmp/out" 2>/dev/null || bad "pipeline on seeds/"
page=$tmp/out/report.html
for f in pipeline/page/*.css pipeline/page/*.js; do
    [ -s "$f" ] && ok || bad "$f is empty"
done
# the site's folder holds each page file as it is, and the pages use them
for f in pipeline/page/*.css pipeline/page/*.js; do
    cmp -s "$f" "$tmp/out/report/${f##*/}" && ok || bad "report/${f##*/} is not pipeline/page/${f##*/}"
done
for f in report.css common.js index.js; do
    grep -q "\"report/$f\"" "$page" && ok || bad "report.html does not use report/$f"
done
doc=$(ls "$tmp/out/report/d/"*.html | head -n 1)
for f in report.css common.js report.js; do
    grep -q "\"../$f\"" "$doc" && ok || bad "a document's page does not use ../$f"
done
# a page per document, and only this run's: a rerun with other documents
# into the same folder leaves none of the earlier pages
n=$(ls "$tmp/out/report/d" | wc -l)
docs=$(($(wc -l <"$tmp/out/documents.csv") - 1))
[ "$n" -eq "$docs" ] && ok || bad "$n pages in report/d for $docs documents"
"$bin" --jobs 1 fixtures/employment/input "$tmp/out" 2>/dev/null || bad "rerun into the same folder"
n=$(ls "$tmp/out/report/d" | wc -l)
docs=$(($(wc -l <"$tmp/out/documents.csv") - 1))
[ "$n" -eq "$docs" ] && ok || bad "after a rerun: $n pages in report/d for $docs documents"
ls -a "$tmp/out" | grep -q '\.tmp-' && bad "a temporary file or folder left: $(ls -a "$tmp/out" | tr '\n' ' ')" || ok
# each document's page is named in the entry page
for f in "$tmp/out/report/d/"*.html; do
    k=${f##*/}
    grep -q "\"${k%.html}\"" "$page" && ok || bad "report.html does not name the page $k"
done
# no style or script in the C sources: their telltales
for pat in 'function (' 'addEventListener' 'border-radius' 'font-size:'; do
    grep -l -F "$pat" pipeline/*.c >"$tmp/hits" 2>/dev/null
    [ ! -s "$tmp/hits" ] && ok || bad "page code ($pat) in $(tr '\n' ' ' <"$tmp/hits")"
done
if command -v node >/dev/null 2>&1; then
    for f in pipeline/page/*.js; do
        node --check "$f" 2>"$tmp/err" && ok || bad "$f: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
    done
else
    note "node not installed: the scripts' syntax is not checked"
fi
finish
