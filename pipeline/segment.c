/* segment: line rejoining, sentences and words.
 *
 * Owns the ICU break iterators (struct segmenter). Sentence splitting runs
 * over the whole document; word splitting, the expensive dictionary pass,
 * only over the stretches of text that extract asks about. */
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "numbers.h"
#include "tables.h"
#include "xalloc.h"

struct segmenter {
    UBreakIterator *sentences;
    UBreakIterator *words;
    bool eager;
};

void segmenter_set_eager(struct segmenter *sg, bool eager)
{
    sg->eager = eager;
}

bool segmenter_eager(const struct segmenter *sg)
{
    return sg->eager;
}

struct segmenter *segmenter_new(struct pl_error *err)
{
    UErrorCode status = U_ZERO_ERROR;
    struct segmenter *sg = xcalloc(1, sizeof *sg);
    sg->sentences = ubrk_open(UBRK_SENTENCE, "zh", NULL, 0, &status);
    if (U_SUCCESS(status))
        sg->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
        pl_error_set(err, NULL, 0, 0, "cannot open ICU break iterators: %s", u_errorName(status));
        segmenter_free(sg);
        return NULL;
    }
    return sg;
}

void segmenter_free(struct segmenter *sg)
{
    if (!sg)
        return;
    if (sg->sentences)
        ubrk_close(sg->sentences);
    if (sg->words)
        ubrk_close(sg->words);
    free(sg);
}

static bool is_break(UChar c)
{
    return c == '\n' || c == '\r';
}

static bool is_blank(UChar c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* The text of doc now ends at len, its characters moved up over those
 * removed: the end's offsets follow, and the tables are found again. */
static void shorten(struct doc *doc, int32_t len)
{
    doc->offsets[len] = doc->offsets[doc->len];
    if (doc->ends)
        doc->ends[len] = doc->ends[doc->len];
    doc->text[len] = 0;
    doc->len = len;
    tables_relocate(doc);
}

void segment_join_lines(struct doc *doc, const struct line_join_rule *rule)
{
    UChar *t = doc->text;
    int32_t *off = doc->offsets, *ends = doc->ends;
    int32_t len = doc->len, o = 0, line_start = 0, i = 0;
    int32_t in_line_start = 0; /* where the line began in the text as it was */
    if (rule->list_item)
        pattern_set_text(rule->list_item, t, len);
    while (i < len) {
        if (!is_break(t[i])) { /* the rest of the line, moved up as one run */
            int32_t j = i + 1;
            while (j < len && !is_break(t[j]))
                j++;
            if (o != i) {
                memmove(t + o, t + i, (size_t)(j - i) * sizeof *t);
                if (ends)
                    memmove(ends + o, ends + i, (size_t)(j - i) * sizeof *ends);
                memmove(off + o, off + i, (size_t)(j - i) * sizeof *off);
            }
            o += j - i;
            i = j;
            continue;
        }
        /* the line just ended is t[line_start, o), in output positions */
        int32_t end = o;
        while (end > line_start && is_blank(t[end - 1]))
            end--;
        /* counted as far as the rule asks; a block that begins inside a
         * line begins inside a long one */
        int32_t chars = line_start == 0 && doc->mid_line ? rule->min_line_chars : 0;
        for (int32_t k = line_start; k < end && chars < rule->min_line_chars; k++)
            chars += !U16_IS_TRAIL(t[k]);
        /* skip the break, blank lines and the next line's indentation */
        int32_t j = i;
        while (j < len && (is_break(t[j]) || is_blank(t[j])))
            j++;
        bool join = j < len && chars >= rule->min_line_chars &&
                    !word_list_match_before(&rule->sentence_end, t, line_start, end) &&
                    !tables_keep_break(doc, in_line_start, j) &&
                    !(rule->list_item && pattern_looking_at(rule->list_item, t, j, len));
        if (join) {
            o = end;
            i = j;
            continue;
        }
        while (i < j) {
            t[o] = t[i];
            if (ends)
                ends[o] = ends[i];
            off[o++] = off[i++];
        }
        line_start = o;
        in_line_start = j;
    }
    shorten(doc, o);
}

/* Is c a vowel of pinyin with its tone mark (ā á ǎ à … ǖ ǘ ǚ ǜ, ü), or a
 * combining tone mark (U+0300 grave to U+030C caron)? */
static bool is_pinyin_tone(UChar c)
{
    static const UChar TONED[] = u"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
    if (c >= 0x0300 && c <= 0x030C)
        return true;
    for (size_t i = 0; TONED[i]; i++)
        if (TONED[i] == c)
            return true;
    return false;
}

/* Where the reading in brackets that opens at t[p], a ( or （, closes (the
 * index after its closing bracket); -1 where it is none
 * (segment_drop_readings). */
static int32_t reading_end(const UChar *t, int32_t p, int32_t len)
{
    if (p == 0 || !u_hasBinaryProperty(t[p - 1], UCHAR_IDEOGRAPHIC))
        return -1;
    UChar close = (UChar)u_getBidiPairedBracket(t[p]);
    bool tone = false;
    for (int32_t q = p + 1; q < len && q - p <= 32; q++) {
        UChar c = t[q];
        if (c == close)
            return tone ? q + 1 : -1;
        bool marked = is_pinyin_tone(c);
        if (!(c >= 'a' && c <= 'z') && !marked && c != ' ')
            return -1; /* (kg), (ｍｍ), (café): no reading */
        tone = tone || marked;
    }
    return -1;
}

void segment_drop_readings(struct doc *doc)
{
    UChar *t = doc->text;
    int32_t *off = doc->offsets, *ends = doc->ends;
    int32_t len = doc->len, o = 0;
    for (int32_t i = 0; i < len;) {
        int32_t e = t[i] == 0x28 || t[i] == 0xFF08 ? reading_end(t, i, len) : -1; /* ( （ */
        if (e > i) {
            i = e;
            continue;
        }
        t[o] = t[i];
        if (ends)
            ends[o] = ends[i];
        off[o++] = off[i++];
    }
    if (o == len)
        return;
    shorten(doc, o);
}

/* Whether a sentence break at end falls after a decimal point set apart from
 * its fraction (numbers_spaced_point). */
static bool spaced_point_before(const UChar *t, int32_t end, int32_t len)
{
    int32_t p = end;
    while (p > 0 && u_charType(t[p - 1]) == U_SPACE_SEPARATOR && end - p < 3)
        p--;
    return p < end && p > 0 && numbers_spaced_point(t, p - 1, len);
}

/* Whether a sentence break at end falls after a point between numerals
 * (二．二億, 五.○二%: read as a decimal point by the rules). */
static bool point_between_numerals(const struct rule_set *rs, const UChar *t, int32_t end, int32_t len)
{
    return end >= 2 && end < len && (t[end - 1] == 0xFF0E || t[end - 1] == '.') &&
           numbers_is_numeral_char(rs, t, end - 2, len) && numbers_is_numeral_char(rs, t, end, len);
}

void segment_sentences(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(sg->sentences, doc->text, doc->len, &status);
    size_t cap = 64, n = 0;
    struct sentence *s = xmalloc(cap * sizeof *s);
    int32_t start = ubrk_first(sg->sentences), end;
    while (U_SUCCESS(status) && (end = ubrk_next(sg->sentences)) != UBRK_DONE) {
        if (spaced_point_before(doc->text, end, doc->len) || point_between_numerals(rs, doc->text, end, doc->len))
            continue; /* 6835. 27亿元 and 二．二億 are one figure of one sentence */
        if (n == cap) {
            cap *= 2;
            s = xrealloc(s, cap * sizeof *s);
        }
        s[n++] = (struct sentence){start, end};
        start = end;
    }
    doc->sentences = s;
    doc->nsentences = n;
}

void segment_words(struct segmenter *sg, const UChar *text, int32_t start, int32_t end,
                   bool *boundary)
{
    UErrorCode status = U_ZERO_ERROR;
    for (int32_t i = 0; i <= end - start; i++)
        boundary[i] = false;
    ubrk_setText(sg->words, text + start, end - start, &status);
    if (U_FAILURE(status)) {
        for (int32_t i = 0; i <= end - start; i++)
            boundary[i] = true;
        return;
    }
    for (int32_t b = ubrk_first(sg->words); b != UBRK_DONE; b = ubrk_next(sg->words))
        boundary[b] = true;
}
