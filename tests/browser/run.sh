#!/bin/sh
# browser: report.html in a real browser — Debian's headless Chromium driven
# by Playwright (tests/browser/report.test.js).
#
#   sh tests/browser/run.sh build/pipeline        (from the top of the repository)
#
# Installs what is missing: the chromium package (as root, with apt-get; an
# `apt-get update` only when the install fails), a font with Chinese glyphs
# for the screenshot, and playwright-core (the version pinned in
# tests/browser/package.json) into tests/browser/node_modules. No browser is
# ever downloaded: Playwright drives /usr/bin/chromium.
#
# Then runs the pipeline on seeds/, hostile input, the fixtures and
# generated corpora of 10,000 and 100,000 documents (SITE_SCALES="10000"
# for the first alone) into a temporary folder, opens the sites from disk
# and checks them (report.test.js says what); saves screenshots in
# build/browser/. Closes with "browser: N passed, N failed".
set -u

fail_setup() {
    echo "browser: $1" >&2
    echo "browser: 0 passed, 1 failed"
    exit 1
}

bin=${1:-}
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "usage: sh tests/browser/run.sh PIPELINE (an executable; got '${bin}')" >&2
    fail_setup "no pipeline binary to test"
fi
here=$(cd "$(dirname "$0")" && pwd) || fail_setup "cannot find tests/browser"

# apt_install PACKAGE...: as root; `apt-get update` only if the install fails
apt_install() {
    if [ "$(id -u)" != 0 ]; then
        echo "browser: missing $*: run as root, or: sudo apt-get install -y --no-install-recommends $*" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" ||
        { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; }
}

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
    apt_install chromium >&2 || fail_setup "cannot install chromium"
fi
# Chinese text drawn as boxes makes a useless screenshot; the checks do not
# depend on it, so a failed font install is only a warning.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    apt_install fonts-wqy-microhei >&2 || echo "browser: no Chinese font; the screenshot will show boxes" >&2
fi

command -v node >/dev/null 2>&1 || fail_setup "node is missing (Node.js 20 or later)"
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
    version=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' "$here/package.json")
    [ -n "$version" ] || fail_setup "tests/browser/package.json pins no playwright-core"
    command -v npm >/dev/null 2>&1 || fail_setup "npm is missing"
    # a browser is never downloaded: playwright-core has no install script
    (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-package-lock \
        --no-audit --no-fund "playwright-core@$version") >&2 ||
        fail_setup "cannot install playwright-core@$version"
fi

CHROMIUM=$chromium exec node "$here/report.test.js" "$bin"
