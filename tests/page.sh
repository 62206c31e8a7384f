#!/bin/sh
# page: the audit page's style sheets and scripts are the files under
# pipeline/page/, embedded byte for byte; no page code sits in C string
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
# report.html holds report.css and report.js whole, between their tags
sed -n '/^<style>$/,/^<\/style>$/p' "$page" | sed '1d;$d' >"$tmp/css"
cmp -s "$tmp/css" pipeline/page/report.css && ok || bad "report.html does not hold pipeline/page/report.css whole"
sed -n '/^<script>$/,/^<\/script>$/p' "$page" | sed '1d;$d' >"$tmp/js"
cmp -s "$tmp/js" pipeline/page/report.js && ok || bad "report.html does not hold pipeline/page/report.js whole"
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
