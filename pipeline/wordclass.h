/* wordclass: a part-of-speech lexicon, and words with their classes.
 *
 * The lexicon is rules/wordclass.tsv (one "word<TAB>frequency<TAB>tag" a
 * line, from jieba's dictionary: contrib/wordclass/make.py), with
 * rules/wordclass_fold.tsv (traditional → simplified characters, from ICU)
 * folding a report in traditional script onto it. Tags are jieba's: n
 * noun (ns place, nt organisation, nz other name), v verb, vn verbal noun,
 * a adjective, d adverb, p preposition, c conjunction, u particle, m
 * numeral, q measure word, t time, f locality, r pronoun …
 *
 * Loaded once with the rules, read-only after: any number of threads may
 * look words up and segment at once. A look-up is a hash probe. */
#ifndef PIPELINE_WORDCLASS_H
#define PIPELINE_WORDCLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "error.h"

struct wordclass;

/* One word of a segmented text: t[start, end), its tag ("un" for a Han
 * character the lexicon does not hold, "x" for punctuation and blanks,
 * "m" for a run of digits, "eng" for a run of Latin letters) and its
 * frequency in the lexicon (0 when it holds none). */
struct wc_word {
    int32_t start, end;
    const char *tag;
    uint32_t freq;
};

/* The longest word (in UTF-16 units) the lexicon holds. */
enum { WORDCLASS_MAX_WORD = 6 };

/* Load the lexicon at path and the fold table at fold_path (NULL: none).
 * NULL with err set (file and line) when a file cannot be read or a line
 * is not "word<TAB>number<TAB>tag". One copy is shared by every load of the
 * same files until the last holder frees it (thread-safe). Free with
 * wordclass_free. */
struct wordclass *wordclass_load(const char *path, const char *fold_path, struct pl_error *err);
void wordclass_free(struct wordclass *wc);

/* The number of words loaded. */
size_t wordclass_size(const struct wordclass *wc);

/* The tag of the word s[0, n) (traditional characters folded), or NULL
 * when the lexicon does not hold it; *freq (if not NULL) its frequency. */
const char *wordclass_tag(const struct wordclass *wc, const UChar *s, int32_t n, uint32_t *freq);

/* Is c a Han character, and one in a traditional form (the fold table
 * maps it onto another: 個 → 个)? For telling a report's script. */
bool wordclass_is_han(const struct wordclass *wc, UChar c);
bool wordclass_is_traditional(const struct wordclass *wc, UChar c);

/* Call fn for every word of tag with at most max_len UTF-16 units, in the
 * form the lexicon holds (simplified) and, for a one-unit word, in each
 * traditional form that folds onto it (个 and 個). */
void wordclass_each(const struct wordclass *wc, const char *tag, int32_t max_len,
                    void (*fn)(void *ctx, const UChar *word, int32_t len), void *ctx);

/* Split t[from, to) into words, the lexicon's most probable segmentation
 * (each word's frequency, as jieba does; a Han character it does not hold is
 * a word of its own with tag "un"), and write them to out (room for to − from
 * words: never more). Returns the number of words. wc may be NULL: each
 * Han character is then a word with tag "". */
size_t wordclass_segment(const struct wordclass *wc, const UChar *t, int32_t from, int32_t to,
                         struct wc_word *out);

#endif
