#!/usr/bin/env python3
"""Make rules/wordclass.tsv and rules/wordclass_fold.tsv from packaged data.

usage: contrib/wordclass/make.py [DICT] [OUTDIR]
       contrib/wordclass/make.py --check [RULES_DIR]   (the files there are
       what the packages installed here give; a source not installed is
       skipped)

wordclass.tsv: the part-of-speech lexicon of jieba (Debian's python3-jieba,
/usr/lib/python3/dist-packages/jieba/dict.txt, MIT licence): one word a
line, "word<TAB>frequency<TAB>tag", sorted by word (UTF-8 bytes). Kept: words
of at most 6 characters with a frequency of at least MIN_FREQ (compound
nouns of 3 characters or more: RARE_MIN_FREQ). Person names (nr) stay: the
tag holds common words too (养老 is nr).

wordclass_fold.tsv: "traditional<TAB>simplified" for every character of
the CJK Unified Ideographs block (and its extension A) that ICU's
Traditional-Simplified transliteration (`uconv`, package icu-devtools) turns
into one other character, so that a report in traditional script is looked
up in the (simplified) lexicon.

Run it again when the package changes (make wordclass); the files are kept
in the repository so that neither package is needed to build or run.
"""
import subprocess
import sys

DICT = "/usr/lib/python3/dist-packages/jieba/dict.txt"
MIN_FREQ = 10
MAX_CHARS = 6
# rarer compound nouns are kept (城镇化率, 市场主体): they name what reports count
RARE_MIN_FREQ = 2
RARE_TAGS = {"n", "nz", "nt", "vn", "j"}
RARE_MIN_CHARS = 3


def package_version(name):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def lexicon(path, out_path):
    words = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            if len(word) > MAX_CHARS:
                continue
            rare_noun = freq >= RARE_MIN_FREQ and tag in RARE_TAGS and len(word) >= RARE_MIN_CHARS
            if freq < MIN_FREQ and not rare_noun:
                continue
            if word not in words or words[word][0] < freq:
                words[word] = (freq, tag)
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Word classes from jieba's dict.txt (python3-jieba %s, MIT licence,\n"
                  "# https://github.com/fxsjy/jieba), made by contrib/wordclass/make.py:\n"
                  "# words of at most %d characters, frequency >= %d (nouns of 3 characters or\n"
                  "# more: >= %d).\n"
                  "# word<TAB>frequency<TAB>tag (n noun, v verb, q measure word, m numeral,\n"
                  "# t time, p preposition, d adverb, c conjunction, u particle, ...)\n"
                  % (package_version("python3-jieba"), MAX_CHARS, MIN_FREQ, RARE_MIN_FREQ))
        for word in sorted(words, key=lambda w: w.encode("utf-8")):
            freq, tag = words[word]
            out.write("%s\t%d\t%s\n" % (word, freq, tag))
    return len(words)


def fold(out_path):
    chars = [chr(c) for c in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000))]
    text = "\n".join(chars) + "\n"
    res = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Traditional-Simplified"],
                         input=text.encode("utf-8"), capture_output=True, check=True)
    simp = res.stdout.decode("utf-8").split("\n")
    if len(simp) < len(chars):
        sys.exit("uconv gave %d lines for %d characters" % (len(simp), len(chars)))
    n = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Traditional -> simplified characters, from ICU's Traditional-Simplified\n"
                  "# transliteration (uconv, icu-devtools %s), made by contrib/wordclass/make.py:\n"
                  "# one character that becomes one other character.\n"
                  % package_version("icu-devtools"))
        for t, s in zip(chars, simp):
            if len(s) == 1 and s != t:
                out.write("%s\t%s\n" % (t, s))
                n += 1
    return n


def check(rules):
    import filecmp
    import os
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp()
    checked, failed = 0, 0
    try:
        if os.path.exists(DICT):
            lexicon(DICT, tmp + "/wordclass.tsv")
            checked += 1
            if not filecmp.cmp(tmp + "/wordclass.tsv", rules + "/wordclass.tsv", shallow=False):
                print("%s/wordclass.tsv: not what %s gives: run make wordclass" % (rules, DICT))
                failed += 1
        if shutil.which("uconv"):
            fold(tmp + "/wordclass_fold.tsv")
            checked += 1
            if not filecmp.cmp(tmp + "/wordclass_fold.tsv", rules + "/wordclass_fold.tsv", shallow=False):
                print("%s/wordclass_fold.tsv: not what uconv gives: run make wordclass" % rules)
                failed += 1
    finally:
        shutil.rmtree(tmp)
    print("wordclass sources: %d passed, %d failed" % (checked - failed, failed))
    return 1 if failed else 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--check":
        return check(argv[2] if len(argv) > 2 else "rules")
    path = argv[1] if len(argv) > 1 else DICT
    outdir = argv[2] if len(argv) > 2 else "rules"
    n = lexicon(path, outdir + "/wordclass.tsv")
    f = fold(outdir + "/wordclass_fold.tsv")
    print("%s/wordclass.tsv: %d words; %s/wordclass_fold.tsv: %d characters" % (outdir, n, outdir, f))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
