/* extract_subjects: the subject of each claim of a sentence, the noun
 * phrase it counts or measures, read from the words before the figure (or
 * after it, or the list or clause it belongs to). Part of the extract
 * stage (extract_internal.h). */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

bool is_blank_char(UChar c)
{
    return u_isspace(c) || c == 0x3000;
}

/* Does the lexicon's segmentation of t[a, b) put a word across cut: is
 * a trim word at a subject's edge only part of a word (共 of 共享单车, 有 of
 * 有效载荷, 达 of 达标企业)? */
static bool splits_word(const struct sentence_ctx *cx, int32_t a, int32_t b, int32_t cut)
{
    if (!cx->rs->words || cut <= a || cut >= b)
        return false;
    struct wc_word *w = xmalloc((size_t)(b - a) * sizeof *w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, b, w);
    bool across = false;
    for (size_t j = 0; j < k && !across; j++)
        across = w[j].start < cut && cut < w[j].end;
    free(w);
    return across;
}

/* Trim rule words, time references and blanks off both ends of [*a, *b);
 * a rule word of one character that is part of a word of the lexicon
 * stays (a longer one is a word of its own: 其中 before 华锐, where the
 * lexicon would read 中华). */
static void trim_subject(const struct sentence_ctx *cx, int32_t *a, int32_t *b)
{
    const struct word_list *trim = &cx->rs->subject.trim;
    for (bool changed = true; changed && *a < *b;) {
        changed = false;
        int32_t n;
        if (is_blank_char(cx->t[*a])) {
            (*a)++;
            changed = true;
        } else if (is_blank_char(cx->t[*b - 1])) {
            (*b)--;
            changed = true;
        } else if ((n = word_list_match(trim, cx->t, *a, *b)) && *b - *a - n != 1 &&
                   (n > 1 || !splits_word(cx, *a, *b, *a + n))) {
            *a += n;
            changed = true;
        } else if ((n = word_list_match_before(trim, cx->t, *a, *b)) && *b - *a - n != 1 &&
                   (n > 1 || !splits_word(cx, *a, *b, *b - n))) {
            *b -= n; /* never down to one character: 占比 is a subject, 比 is not */
            changed = true;
        }
        if (changed)
            continue;
        /* the first time (in the order found) that begins at a or ends at b */
        const struct spans *ts = &cx->times;
        size_t first = SIZE_MAX;
        bool front = false;
        for (size_t j = starting_before(ts, *a, false); j < ts->n && ts->by_start[j].start == *a; j++)
            if (ts->by_start[j].end <= *b && ts->by_start[j].i < first) {
                first = ts->by_start[j].i;
                front = true;
            }
        for (size_t j = ending_before(ts, *b, false); j < ts->n && ts->by_end[j].end == *b; j++)
            if (ts->by_end[j].start >= *a && ts->by_end[j].i < first) {
                first = ts->by_end[j].i;
                front = false;
            }
        if (first != SIZE_MAX) {
            if (front)
                *a = ts->at[first].end;
            else
                *b = ts->at[first].start;
            changed = true;
        }
    }
}

static bool is_head(const struct subject_rule *s, const struct wc_word *w)
{
    return name_list_has(&s->head_classes, w->tag);
}

/* May w, a word of one character, be a piece of a word the dictionary
 * does not know: a Han character that is no numeral, no time, and no word
 * that stops, trims or links a phrase (的, 占, 在, 和) or makes a rate (每)? */
static bool is_loose_char(const struct sentence_ctx *cx, const struct wc_word *w)
{
    const struct subject_rule *s = &cx->rs->subject;
    int32_t p = w->start;
    if (w->end - p != 1 || !u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC) ||
        numbers_is_numeral_char(cx->rs, cx->t, p, cx->end) || !strcmp(w->tag, "t") ||
        name_list_has(&s->stop_classes, w->tag))
        return false;
    const struct word_list *stops[] = {&s->trim, &s->linkers, &s->stop_after, &s->split_before, &s->list_joiners,
                                       &s->delimiters, &s->clause_delimiters};
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (word_list_match(stops[i], cx->t, p, w->end) == 1)
            return false;
    for (size_t i = 0; i < cx->rs->n_comparison_markers; i++)
        if (word_list_match(&cx->rs->comparison_markers[i].words, cx->t, p, w->end) == 1)
            return false;
    for (size_t i = 0; i < cx->rs->n_rate_separators; i++) /* 每: 成交均价每平方米 */
        if (word_list_match(&cx->rs->rate_separators[i].words, cx->t, p, w->end) == 1)
            return false;
    return true;
}

/* Is t[a, b) digits only (a figure, a year: no word of a subject)? */
static bool all_digits(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]))
            return false;
    return b > a;
}

/* Does t[a, b) hold a letter (a label, not a figure or a mark such as /)? */
bool has_letter(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (u_isalpha(cx->t[p]))
            return true;
    return false;
}

/* Is t[a, b) Latin letters only (ending in digits where it has any: O3)? */
static bool is_latin_word(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    if (b <= a || !u_isalpha(cx->t[a]) || u_hasBinaryProperty(cx->t[a], UCHAR_IDEOGRAPHIC))
        return false;
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]) && cx->t[p] != '.' && (!u_isalpha(cx->t[p]) || u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC)))
            return false;
    return true;
}

/* Is t[a, b) digits, with a decimal point between two of them (2.5)? */
static bool is_code_digits(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        if (!u_isdigit(cx->t[p]) && !(cx->t[p] == '.' && p > a && p + 1 < b))
            return false;
    return b > a;
}

/* Does a figure of the sentence begin at p? */
static bool figure_at(const struct sentence_ctx *cx, int32_t p)
{
    /* the sentence's claims are made in the order of the text: bisect */
    size_t lo = cx->first, hi = cx->doc->nclaims;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cx->doc->claims[mid].start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cx->doc->nclaims && cx->doc->claims[lo].start == p;
}

/* Two single characters or more in a row that the dictionary splits,
 * one of them a noun, the first no verb right after a noun (篮板球起势),
 * and two of them right before a figure a name or ending in a noun (鱼重三斤半
 * stays apart), are one word it does not know (钟诚, 會景閣, 孝善食堂,
 * 配备助餐服务人员, 两次最终流拍); a verb after two of them, the last a
 * noun, begins the clause's predicate (在平邑 | 吃下了; 差餉寬減 stays): a
 * name (of name_classes) where one of them is a name or a place (林鄭),
 * else a noun; its frequency 0. The count of words left. */
static size_t join_single_chars(const struct sentence_ctx *cx, struct wc_word *w, size_t k)
{
    const struct subject_rule *s = &cx->rs->subject;
    size_t out = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        bool noun = false, name = false;
        while (j < k && is_loose_char(cx, &w[j]) && (j == i || w[j].start == w[j - 1].end) &&
               (j - i < 2 || !name_list_has(&s->verb_classes, w[j].tag) || !is_head(s, &w[j - 1]))) {
            noun = noun || (is_head(s, &w[j]) && !name_list_has(&s->verb_classes, w[j].tag));
            name = name || name_list_has(&s->place_classes, w[j].tag) || name_list_has(&s->name_classes, w[j].tag);
            j++;
        }
        bool verb_first = name_list_has(&s->verb_classes, w[i].tag);
        bool verb_last = j > i && name_list_has(&s->verb_classes, w[j - 1].tag);
        if (j - i >= 2 && noun && (!verb_first || i == 0 || !is_head(s, &w[i - 1])) &&
            (j < k || w[j - 1].end - w[i].start >= 3 || !figure_at(cx, w[j - 1].end) ||
             (!verb_last && (name_list_has(&s->name_classes, w[i].tag) || is_head(s, &w[j - 1]))))) {
            w[out] = (struct wc_word){w[i].start, w[j - 1].end, name && s->name_classes.n ? s->name_classes.names[0] : "n", 0};
            out++;
            i = j;
        } else {
            w[out++] = w[i++];
        }
    }
    return out;
}

/* Where the phrase ends in a single character that the dictionary takes
 * for a word of its own after a longer word, but the longer word's last
 * character and it make a noun (派/发现/金 → 派/发/现金): make them so. */
static void regroup_last_char(const struct sentence_ctx *cx, struct wc_word *w, size_t k)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (k < 2 || w[k - 1].end - w[k - 1].start != 1 || w[k - 2].end - w[k - 2].start < 2 ||
        w[k - 2].end != w[k - 1].start || !u_hasBinaryProperty(cx->t[w[k - 1].start], UCHAR_IDEOGRAPHIC) ||
        !u_hasBinaryProperty(cx->t[w[k - 2].end - 1], UCHAR_IDEOGRAPHIC))
        return;
    uint32_t freq, rest_freq;
    const char *tag = wordclass_tag(cx->rs->words, cx->t + w[k - 1].start - 1, 2, &freq);
    if (!tag || !name_list_has(&s->head_classes, tag) || name_list_has(&s->verb_classes, tag))
        return;
    int32_t rest = w[k - 2].end - 1 - w[k - 2].start;
    const char *rest_tag = wordclass_tag(cx->rs->words, cx->t + w[k - 2].start, rest, &rest_freq);
    if (!rest_tag)
        return;
    w[k - 2].end--;
    w[k - 2].tag = rest_tag;
    w[k - 2].freq = rest_freq;
    w[k - 1].start--;
    w[k - 1].tag = tag;
    w[k - 1].freq = freq;
}

/* The words of t[a, b) with their classes, into *w (made larger as
 * needed; the caller frees it): their count. */
static size_t subject_words(const struct sentence_ctx *cx, int32_t a, int32_t b, struct wc_word **w)
{
    *w = xmalloc((size_t)(b - a) * sizeof **w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, b, *w);
    /* the rule's nouns (收入, 占比: verbs to the dictionary) are nouns,
     * where they span whole words */
    const struct word_list *nouns = &cx->rs->subject.nouns;
    /* a word across a time reference is a time: 6月10日落至 (found in the
     * times' index: a clause of n figures each with its time is no n²) */
    for (size_t i = 0; i < k; i++)
        if (spans_overlap(&cx->times, (*w)[i].start, (*w)[i].end))
            (*w)[i].tag = "t";
    size_t out = 0;
    for (size_t i = 0; i < k; i++) {
        struct wc_word x = (*w)[i];
        int32_t n = word_list_match(nouns, cx->t, x.start, b);
        size_t j = i;
        while (n && j < k && (*w)[j].end < x.start + n)
            j++;
        if (n && j < k && (*w)[j].end == x.start + n) {
            x.end = (*w)[j].end;
            x.tag = "n";
            i = j;
        } else if (word_list_match(&cx->rs->subject.verbs, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "v";
        } else if (word_list_match(&cx->rs->subject.adverbs, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "d"; /* 价格已基本稳定在: no noun */
        } else if (word_list_match(&cx->rs->subject.when_words, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "tg"; /* 登陸時中心附近最大風力: a time, no noun */
        } else if (x.end - x.start == 3 && name_list_has(&cx->rs->subject.idiom_classes, x.tag)) {
            x.tag = "n"; /* an idiom of three characters is mostly a noun: 大暴雨, 攻坚战 */
        } else if (word_list_match(&cx->rs->subject.delimiters, cx->t, x.start, b) == x.end - x.start) {
            x.tag = "x"; /* a character the rule reads as a delimiter (丶 for 、) is punctuation */
        }
        (*w)[out++] = x;
    }
    regroup_last_char(cx, *w, out);
    out = join_single_chars(cx, *w, out);
    /* Latin letters with digits right after them are one name: PM10浓度, O3超标率;
     * and so are Latin words joined by a hyphen: 本田CR-V销量 */
    size_t glued = 0;
    for (size_t i = 0; i < out; i++) {
        struct wc_word x = (*w)[i];
        for (;;) {
            if (i + 1 < out && (*w)[i + 1].start == x.end && is_latin_word(cx, x.start, x.end) &&
                u_isdigit(cx->t[x.end]) && is_code_digits(cx, (*w)[i + 1].start, (*w)[i + 1].end)) {
                x.end = (*w)[i + 1].end;
                i++;
            } else if (i + 2 < out && (*w)[i + 1].start == x.end && (*w)[i + 1].end == x.end + 1 &&
                       u_charType(cx->t[x.end]) == U_DASH_PUNCTUATION && (*w)[i + 2].start == x.end + 1 &&
                       is_latin_word(cx, x.start, x.end) &&
                       (is_latin_word(cx, (*w)[i + 2].start, (*w)[i + 2].end) ||
                        is_code_digits(cx, (*w)[i + 2].start, (*w)[i + 2].end))) {
                x.end = (*w)[i + 2].end;
                i += 2;
            } else {
                break;
            }
            x.tag = "eng";
        }
        (*w)[glued++] = x;
    }
    out = glued;
    /* digits with Latin letters right after them are one name: 5G基站, 4K电视;
     * a character with an average mark after it is one word: 亩均产值, 村均收入 */
    size_t kept = 0;
    for (size_t i = 0; i < out; i++) {
        struct wc_word x = (*w)[i];
        const struct wc_word *y = i + 1 < out && (*w)[i + 1].start == x.end ? &(*w)[i + 1] : NULL;
        if (y && all_digits(cx, x.start, x.end) && u_hasBinaryProperty(cx->t[x.end], UCHAR_ALPHABETIC) &&
            !u_hasBinaryProperty(cx->t[x.end], UCHAR_IDEOGRAPHIC)) {
            x.end = y->end;
            x.tag = y->tag;
            i++;
        } else if (y && x.end - x.start == 1 && u_hasBinaryProperty(cx->t[x.start], UCHAR_IDEOGRAPHIC) &&
                   strcmp(x.tag, "t") && i + 2 < out &&
                   !numbers_is_numeral_char(cx->rs, cx->t, x.start, cx->end) &&
                   word_list_match(&cx->rs->subject.average_marks, cx->t, y->start, y->end) == y->end - y->start) {
            x.end = y->end;
            x.tag = "n";
            x.freq = 0;
            i++;
        }
        (*w)[kept++] = x;
    }
    out = kept;
    return out;
}



static bool is_verb(const struct subject_rule *s, const struct wc_word *w)
{
    return name_list_has(&s->verb_classes, w->tag);
}

/* May a word stand inside a subject, before its head: a noun, a modifier,
 * any word of a class that neither stops a phrase nor is a verb. */
static bool is_inner(const struct subject_rule *s, const struct wc_word *w)
{
    return !is_verb(s, w) && !name_list_has(&s->stop_classes, w->tag);
}

/* A verb so rare that between nouns it is part of them (风电装机容量,
 * 在校学生), where a common one is the clause's verb (公司实现营业收入). */
static bool is_compound_verb(const struct subject_rule *s, const struct wc_word *w)
{
    return is_verb(s, w) && w->freq > 0 && w->freq < (uint32_t)s->compound_verb_max_freq;
}

/* Before the things a measure word counts, a verb of two characters or
 * more, rare or a noun of action (开办, 组建, 培育), no rarer than
 * clause_verb_min_freq, is the clause's verb, not part of the noun
 * (开办返乡入乡市场主体 → 返乡入乡市场主体, where 返乡 is rarer). */
static bool is_clause_verb(const struct subject_rule *s, const struct wc_word *w, bool count)
{
    return count && is_verb(s, w) && w->end - w->start >= 2 && w->freq >= (uint32_t)s->clause_verb_min_freq &&
           s->clause_verb_min_freq > 0;
}

/* The words of w[from, to) that may stand in a noun phrase: no
 * punctuation, particle or the like. */
static size_t words_between(const struct subject_rule *s, const struct wc_word *w, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t j = from; j < to; j++)
        n += !name_list_has(&s->stop_classes, w[j].tag);
    return n;
}

/* Is w[i] a place that stands before what the phrase w[i, h) names, as its
 * scope: a word of a scope class, of two characters or more and no
 * not_places word (城镇新增就业 stays), with two words or more after it
 * before any 的, none of them a place, a locative or a name the dictionary
 * does not know (监利县粮食产量 → 粮食产量; 温州房价, 南京房价的上涨幅度,
 * 普陀區西磨盤, 温州瓯北临江房价 stay). */
static bool is_place_before(const struct sentence_ctx *cx, const struct wc_word *w, size_t i, size_t h)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!name_list_has(&s->scope_classes, w[i].tag) || w[i].end - w[i].start < 2 ||
        word_list_match(&s->not_places, cx->t, w[i].start, w[i].end) == w[i].end - w[i].start)
        return false;
    size_t n = 0, singles = 0;
    for (size_t j = i + 1; j < h; j++) {
        if (word_list_match(&s->linkers, cx->t, w[j].start, w[j].end) == w[j].end - w[j].start)
            break;
        if (name_list_has(&s->place_classes, w[j].tag) || name_list_has(&s->locative_classes, w[j].tag))
            return false;
        singles = w[j].end - w[j].start == 1 ? singles + 1 : 0;
        if (singles >= 2 && is_inner(s, &w[j]) && is_inner(s, &w[j - 1]))
            return false;
        n += !name_list_has(&s->stop_classes, w[j].tag);
    }
    return n >= 2;
}

/* Is w[i], of an edge class (a measure word), with a one-character
 * measure word of suffix_classes after it, a grade of the noun after them
 * (兆瓦级风电机组), not the measure of a figure? */
static bool is_grade(const struct subject_rule *s, const struct wc_word *w, size_t i, size_t h)
{
    return i + 2 < h && w[i + 1].end - w[i + 1].start == 1 && name_list_has(&s->suffix_classes, w[i + 1].tag) &&
           w[i].end - w[i].start >= 2 && is_head(s, &w[i + 2]);
}

/* Is w[i] a body (body_classes) before a name that ends the phrase
 * w[i, h): 吉林队杰米尔 → 杰米尔? */
static bool is_body_before_name(const struct subject_rule *s, const struct wc_word *w, size_t i, size_t h)
{
    if (!name_list_has(&s->body_classes, w[i].tag) || i + 1 >= h)
        return false;
    for (size_t j = i + 1; j < h; j++)
        if (!name_list_has(&s->name_classes, w[j].tag))
            return false;
    return true;
}

static bool is_linker_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    return word_list_match(&cx->rs->subject.linkers, cx->t, w->start, w->end) == w->end - w->start;
}

/* Is w a word the subject rule trims (共, 累计, 已)? Inside a phrase it
 * stops it as it would end it. */
static bool is_trim_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    return word_list_match(&cx->rs->subject.trim, cx->t, w->start, w->end) == w->end - w->start &&
           !is_linker_word(cx, w);
}

/* Is w a comparison marker (比, 较): what follows it is a base, not a subject. */
static bool is_comparison_word(const struct sentence_ctx *cx, const struct wc_word *w)
{
    for (size_t i = 0; i < cx->rs->n_comparison_markers; i++)
        if (word_list_match(&cx->rs->comparison_markers[i].words, cx->t, w->start, w->end) == w->end - w->start)
            return true;
    return false;
}

/* May w, right before a figure that is no measure word's, name the event
 * counted (起降, 支付): a verb of two characters or more that the rule
 * neither trims nor stops a phrase at (实现, 开展). */
static bool is_event_verb(const struct sentence_ctx *cx, const struct wc_word *w)
{
    const struct subject_rule *s = &cx->rs->subject;
    return is_verb(s, w) && w->end - w->start >= 2 && !is_trim_word(cx, w) &&
           word_list_match(&s->stop_after, cx->t, w->start, w->end) != w->end - w->start;
}

/* Does w[0, i), before a 的 at w[i], end in an owner or a place rather
 * than in the thing whose attribute follows (金银花的价格): a place
 * (浙江的熱帶氣旋, 公司的毛利率), a word ending in a locative (市面上的身价,
 * 范围内的限额), nouns a locative opens (附近海域或地區的風力), or a name
 * the dictionary does not know, joined of single characters
 * (葉劉淑儀的選舉廣告)? */
static bool is_owner(const struct sentence_ctx *cx, const struct wc_word *w, size_t i)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (i == 0)
        return false;
    const struct wc_word *x = &w[i - 1];
    if (name_list_has(&s->place_classes, x->tag) ||
        word_list_match_before(&s->locatives, cx->t, x->start, x->end) > 0)
        return true;
    if (x->freq == 0 && name_list_has(&s->name_classes, x->tag) && x->end - x->start >= 2)
        return true;
    /* nouns that a locative opens: 附近海域或地區的風力 */
    for (size_t j = i; j-- > 0;) {
        if (name_list_has(&s->locative_classes, w[j].tag))
            return true;
        bool join = w[j].end - w[j].start == 1 && name_list_has(&s->join_classes, w[j].tag);
        if (!join && (!is_inner(s, &w[j]) || is_verb(s, &w[j])))
            break;
    }
    return false;
}

/* Is w[from, to), in brackets after a noun, a remark on it rather than
 * another name of it (地区生产总值（GDP）, 企业(个体)): a clause, with a
 * verb or a word that never stands in a noun (熱帶氣旋(不包括熱帶低壓),
 * 投入强度（与国内生产总值之比）)? */
static bool is_aside(const struct sentence_ctx *cx, const struct wc_word *w, size_t from, size_t to)
{
    const struct subject_rule *s = &cx->rs->subject;
    for (size_t j = from; j < to; j++)
        if (u_hasBinaryProperty(cx->t[w[j].start], UCHAR_IDEOGRAPHIC) &&
            (name_list_has(&s->stop_classes, w[j].tag) || (is_verb(s, &w[j]) && !is_head(s, &w[j]))))
            return true;
    return false;
}

/* Where w[i - 1] is a closing bracket whose opening one is among w[0, i - 1):
 * the index of that opening bracket; else −1. */
static int32_t bracket_before(const struct sentence_ctx *cx, const struct wc_word *w, size_t i)
{
    if (i == 0 || w[i - 1].end - w[i - 1].start != 1)
        return -1;
    UChar close = cx->t[w[i - 1].start], open;
    if (close == 0x201D || close == 0x2019) /* ” ’: quotes ICU pairs as no brackets */
        open = (UChar)(close - 1);
    else if (u_getIntPropertyValue(close, UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_CLOSE)
        open = (UChar)u_getBidiPairedBracket(close);
    else
        return -1;
    for (size_t j = i - 1; j-- > 0;)
        if (w[j].end - w[j].start == 1 && cx->t[w[j].start] == open)
            return (int32_t)j;
    return -1;
}

/* Is t[a, b) empty or made of event links only (各占, 累计): words that
 * leave a verb before them the event the figure counts (早中晚水稻种植各占
 * 48万亩), where a copula does not (指数收盘为24494点)? */
static bool links_only(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    while (a < b) {
        int32_t n = word_list_match(&cx->rs->subject.event_links, cx->t, a, b);
        if (!n)
            return false;
        a += n;
    }
    return true;
}

/* The head noun phrase of t[*a, *b) that the figure after it counts: the
 * last noun and the nouns, modifiers and rare verbs before it (企业管理人员,
 * 最高补偿限额), through 的 between nouns (金银花的价格); the verb before it
 * and the words after it are left out (回引企业家, 房价还), but where the
 * phrase ends at the figure (adjacent), a verb right after the noun names
 * what the figure counts of it (飞机起降20.3万架次). With no noun, the
 * phrase's verbs (签约), and false; with no verb either, *a = *b. *verb_end
 * (if not NULL) says whether the phrase ends in a verb left out of it
 * (中国生产了3100万平方米的太阳能热水器): the figure may count its object. */
static int32_t bracket_end(const struct sentence_ctx *cx, int32_t p, int32_t end);

static bool phrase_before(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool adjacent, bool count,
                          bool *verb_end)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (verb_end)
        *verb_end = false;
    if (!cx->rs->words || *b <= *a)
        return *b > *a;
    struct wc_word *w;
    size_t k = subject_words(cx, *a, *b, &w);
    /* 住客占总数59%: the subject is before 占 (a word of its own, not of
     * 占比), where it has a noun */
    for (size_t j = k; j-- > 1;) {
        const struct wc_word *x = &w[j];
        if (word_list_match(&s->split_before, cx->t, x->start, x->end) == x->end - x->start) {
            int32_t from = *a, to = x->start, after = x->end;
            bool event = !count && links_only(cx, x->start, x->end);
            free(w);
            if (phrase_before(cx, &from, &to, event, count, NULL)) {
                *a = from;
                *b = to;
                return true;
            }
            *a = after;
            k = subject_words(cx, *a, *b, &w);
            break;
        }
    }
    size_t h = k;
    while (h > 0 && !is_head(s, &w[h - 1]))
        h--;
    /* a scope is no head where a noun (no verb) comes before it:
     * 杰米尔砍下全场最高, 胡雪峰贡献全队最高 */
    if (h > 1 && word_list_match(&s->scopes, cx->t, w[h - 1].start, w[h - 1].end) == w[h - 1].end - w[h - 1].start) {
        size_t g = h - 1;
        while (g > 0 && (!is_head(s, &w[g - 1]) || is_verb(s, &w[g - 1])))
            g--;
        if (g > 0)
            h = g;
    }
    /* a bracket after the noun belongs to it: 地区生产总值（GDP） */
    int32_t open = bracket_before(cx, w, k);
    size_t from = h ? h - 1 : 0; /* where the phrase is followed back from */
    if (open > 0 && (size_t)open < h && is_head(s, &w[open - 1]) && !is_aside(cx, w, (size_t)open + 1, k - 1)) {
        from = (size_t)open - 1;
        h = k;
    } else if (open > 0 && (size_t)open < h && is_head(s, &w[open - 1])) {
        from = (size_t)open - 1; /* the noun before a remark: 熱帶氣旋(不包括熱帶低壓) */
        h = (size_t)open;
    }
    /* a name's last character the dictionary gives a class of its own: 钟诚 */
    if (h > 0 && h + 1 == k && w[h].end - w[h].start == 1 && name_list_has(&s->tail_classes, w[h].tag))
        h++;
    /* a one-character measure word after the noun is its suffix: 电子零组件类,
     * and a noun's suffix the dictionary reads as a word of its own: 村级便民服务站 */
    else if (h > 0 && h + 1 == k && w[h].end - w[h].start == 1 &&
             (name_list_has(&s->suffix_classes, w[h].tag) ||
              word_list_match(&s->noun_suffixes, cx->t, w[h].start, w[h].end) == 1))
        h++;
    /* the event counted: 飞机起降20.3万架次, 资金支付50% (a predicate's verb,
     * 指数收盘为, is no part of it) */
    else if (adjacent && h > 0 && h < k && is_event_verb(cx, &w[h]) &&
             (h + 1 == k || (h + 2 == k && links_only(cx, w[h + 1].start, w[h + 1].end))))
        h++;
    /* the event alone where the noun acts on something first: 三峡累计向下游
     * 放水约190亿立方米 gives 放水 */
    if (adjacent && h > 0 && h + 1 < k && is_event_verb(cx, &w[k - 1])) {
        bool stop = false;
        for (size_t j = h; j + 1 < k; j++)
            stop = stop || name_list_has(&s->stop_classes, w[j].tag) || is_trim_word(cx, &w[j]);
        if (stop) {
            *a = w[k - 1].start;
            *b = w[k - 1].end;
            free(w);
            return false;
        }
    }
    if (verb_end)
        *verb_end = h < k && is_verb(s, &w[k - 1]) && !is_head(s, &w[k - 1]);
    if (h == 0) {
        size_t first = 0, last = k;
        while (first < k && !is_verb(s, &w[first]))
            first++;
        while (last > first && !is_verb(s, &w[last - 1]))
            last--;
        while (first > 0 && first < last && is_inner(s, &w[first - 1]) && !u_isdigit(cx->t[w[first - 1].start]))
            first--; /* 总诊疗 */
        /* the common verb whose object the rest is: 开展透析治疗 → 透析治疗 */
        if (first + 1 < last && is_verb(s, &w[first]) && !is_compound_verb(s, &w[first]) &&
            is_verb(s, &w[first + 1]))
            first++;
        if (first < last) {
            *a = w[first].start;
            *b = w[last - 1].end;
        } else {
            *a = *b;
        }
        free(w);
        return false;
    }
    /* back to a word that stops a phrase; verbs inside stay (粮食种植面积) */
    size_t i = from;
    bool linked = false; /* a 的 was passed */
    bool owned = false;  /* the phrase begins after 的: no verb of a clause opens it, nor
                          * a time or a measure word (新北市的老年人口比例) */
    while (i > 0) {
        const struct wc_word *l = &w[i - 1];
        bool noun_before = i >= 2 && (is_head(s, &w[i - 2]) || name_list_has(&s->edge_classes, w[i - 2].tag));
        /* through 的 only from a noun: 金银花的价格, not 签约服务的全科医生 */
        bool noun_of = i >= 2 && is_head(s, &w[i - 2]) && !is_verb(s, &w[i - 2]);
        /* a short adverb or pronoun glued to a noun is part of it: 基本每股收益, 均价,
         * and where it opens the phrase: 直接经济损失, 各类企业经费支出 (one
         * character only before a name of two or more: 曾俊華, not
         * 该项目总投资; no demonstrative: 该镇农村集体经济收入) */
        bool glue = name_list_has(&s->glue_classes, l->tag) && l->end - l->start <= 2 &&
                    (noun_before || w[h - 1].end - w[i].start == 1 ||
                     ((i == 1 || name_list_has(&s->stop_classes, w[i - 2].tag)) && is_head(s, &w[i]) &&
                      !is_verb(s, &w[i]) && !is_trim_word(cx, l) &&
                      !word_list_match(&s->demonstratives, cx->t, l->start, l->end) &&
                      (l->end - l->start == 2 ||
                       ((name_list_has(&s->name_classes, w[i].tag) || name_list_has(&s->place_classes, w[i].tag)) &&
                        w[i].end - w[i].start >= 2))));
        if (u_isdigit(cx->t[l->start]) && all_digits(cx, l->start, l->end))
            break; /* a figure or a year: 2024年春节假期全国电影票房 */
        if (word_list_match(&s->topics, cx->t, l->start, l->end) == l->end - l->start)
            break; /* 江苏队方面胡雪峰 */
        if (is_trim_word(cx, l) || is_comparison_word(cx, l))
            break; /* 全国共报告法定传染病, 較上周市值 */
        /* 及 between nouns joins them: 酒店及公寓住客 (not between verbs:
         * 投资和经营建筑面积) */
        if (i >= 2 && is_head(s, &w[i - 2]) && name_list_has(&s->join_classes, l->tag) && l->end - l->start == 1 &&
            !(is_verb(s, &w[i - 2]) && is_verb(s, &w[i]))) {
            i--;
            continue;
        }
        /* a list of items before the head is part of it: 交通、转诊等费用 */
        if (i >= 2 && (is_head(s, &w[i - 2]) || is_verb(s, &w[i - 2])) &&
            word_list_match(&s->list_joiners, cx->t, l->start, l->end) == l->end - l->start) {
            i--;
            continue;
        }
        /* a bracket inside: 研究与试验发展（R&D）经费 */
        int32_t open = bracket_before(cx, w, i);
        if (open >= 0 && i >= 2 && is_head(s, &w[i - 2])) {
            i = (size_t)open;
            continue;
        }
        /* through one 的 only, and not after an owner or a place: 补脾胃等功效的
         * 太子参的价格 → 太子参的价格, 市面上的身价 → 身价 */
        if (is_linker_word(cx, l) && noun_of && (linked || is_owner(cx, w, i - 1))) {
            owned = true;
            break;
        }
        linked = linked || is_linker_word(cx, l);
        if (is_inner(s, l) || is_verb(s, l) || glue || (noun_of && is_linker_word(cx, l)))
            i--;
        else
            break;
    }
    /* one word right after an adverbial's opener, ending the phrase, is
     * no subject: 销售额按季下跌 → 销售额, 按月上升 → none */
    if (i > 0 && i + 1 == h && h == k &&
        word_list_match(&s->adverbial_openers, cx->t, w[i - 1].start, w[i - 1].end) == w[i - 1].end - w[i - 1].start) {
        int32_t from = *a, to = w[i - 1].start;
        free(w);
        trim_subject(cx, &from, &to);
        if (to > from && phrase_before(cx, &from, &to, false, count, NULL)) {
            *a = from;
            *b = to;
            return true;
        }
        *a = *b;
        return false;
    }
    /* a common verb inside with two words or more after it is its clause's
     * verb, and they its object: 奉节开通“双师课堂”班, 劳务聘用在册村医 (one
     * word after it makes a noun with it: 粮食种植面积; a rare one before a
     * noun of action too: 家庭医生签约服务对象) */
    int depth = 0;        /* of brackets: a verb in an aside is none of the clause's */
    bool cut = false;     /* the phrase begins after such a verb */
    size_t words = 0;     /* after w[j], out of asides and punctuation */
    for (size_t j = h; j-- > i + 1;) {
        UChar c = cx->t[w[j].start];
        if (w[j].end - w[j].start == 1 && u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_NONE) {
            depth += u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_CLOSE ? 1 : -1;
            continue;
        }
        if (depth == 0 && words >= 2 && w[j].end - w[j].start >= 2 && is_verb(s, &w[j]) &&
            !is_head(s, &w[j]) && w[j].freq &&
            (!is_compound_verb(s, &w[j]) || (is_clause_verb(s, &w[j], count) && !(is_head(s, &w[j + 1]) && is_verb(s, &w[j + 1]))))) {
            i = j + 1;
            cut = true;
            break;
        }
        if (depth == 0 && !name_list_has(&s->stop_classes, w[j].tag))
            words++;
    }
    /* it begins with its first noun or modifier: the common verb whose
     * object it is (回引企业家, 引进社会资本; a rare one is part of it:
     * 从业人员, 捕捞产量), a numeral, a time or a measure word go */
    bool object = false; /* a clause's verb before its object was left out */
    while (i + 1 < h && ((!owned && is_verb(s, &w[i]) && !is_head(s, &w[i]) && !is_compound_verb(s, &w[i]) && w[i].freq &&
                          (object = true)) ||
                         (!object && i + 2 < h && is_clause_verb(s, &w[i], count) &&
                          !name_list_has(&s->stop_classes, w[i + 1].tag) && words_between(s, w, i + 1, h) >= 2 &&
                          (object = true)) ||
                         (!owned && name_list_has(&s->edge_classes, w[i].tag) && !is_grade(s, w, i, h) &&
                          word_list_match(&s->ages, cx->t, w[i].start, w[i].end) != w[i].end - w[i].start) ||
                         all_digits(cx, w[i].start, w[i].end) || is_linker_word(cx, &w[i]) ||
                         word_list_match(&s->scopes, cx->t, w[i].start, w[i].end) == w[i].end - w[i].start ||
                         is_place_before(cx, w, i, h) ||
                         is_body_before_name(s, w, i, h)))
        i++; /* and a scope: 全县有用耕地面积, and the 的 after it: 公司的毛利率;
              * a place before two words or more: 监利县粮食产量 (温州房价 stays);
              * a body before a name: 江苏队胡雪峰 */
    /* what a measure word counts is the noun a clause before 的 describes:
     * 高于全国平均水平的省（市）有6个 → 省（市） */
    if (count && (object || cut))
        for (size_t j = h - 1; j-- > i;)
            if (is_linker_word(cx, &w[j])) {
                i = j + 1;
                break;
            }
    *a = w[i].start;
    *b = w[h - 1].end;
    free(w);
    return true;
}

static bool head_before(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool adjacent, bool *verb_end)
{
    return phrase_before(cx, a, b, adjacent, false, verb_end);
}

/* The nouns a measure word counts, at the start of t[*a, *b): its first
 * run of nouns, with the modifiers and rare verbs right before it (1032名
 * 在校学生实践实习 → 在校学生, 330所村卫生室合理布局 → 村卫生室). False
 * where it holds no noun. */
static bool is_after(const struct subject_rule *s, const struct wc_word *w, bool events)
{
    return name_list_has(&s->after_classes, w->tag) || (events && is_verb(s, w));
}

/* Where w[j] is an opening bracket whose closing one is among w[j + 1, k)
 * and a noun a measure word counts (with events, a verb too) comes right
 * after it: that closing bracket's index; else −1. */
static int32_t aside_at(const struct sentence_ctx *cx, const struct wc_word *w, size_t k, size_t j, bool events)
{
    if (w[j].end - w[j].start != 1)
        return -1;
    UChar open = cx->t[w[j].start];
    if (u_getIntPropertyValue(open, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_OPEN)
        return -1;
    UChar close = (UChar)u_getBidiPairedBracket(open);
    for (size_t c = j + 1; c + 1 < k; c++)
        if (w[c].end - w[c].start == 1 && cx->t[w[c].start] == close)
            return is_after(&cx->rs->subject, &w[c + 1], events) ? (int32_t)c : -1;
    return -1;
}

/* Is t[p] a one-character conjunction of join_classes (及) with a Han
 * character that is no numeral after it: a phrase after a figure may go on
 * through it to a noun (13個主要隧道廣告及地鐵燈箱廣告), where before a
 * figure it begins the next item (15家物流企业和8家科技公司)? */
static bool joins_nouns_at(const struct sentence_ctx *cx, int32_t p)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (p + 1 >= cx->end || !cx->rs->words || !u_hasBinaryProperty(cx->t[p + 1], UCHAR_IDEOGRAPHIC) ||
        numbers_is_numeral_char(cx->rs, cx->t, p + 1, cx->end))
        return false;
    const char *tag = wordclass_tag(cx->rs->words, cx->t + p, 1, NULL);
    return tag && name_list_has(&s->join_classes, tag);
}

static bool head_after(const struct sentence_ctx *cx, int32_t *a, int32_t *b, bool at_start, bool events)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!cx->rs->words || *b <= *a)
        return *b > *a;
    struct wc_word *w;
    size_t k = subject_words(cx, *a, *b, &w);
    size_t f = 0;
    while (f < k && !is_after(s, &w[f], events)) {
        /* an aside in brackets inside the noun: 46个村(社区)服务中心 */
        if (f > 0 && is_inner(s, &w[f - 1]) && aside_at(cx, w, k, f, events) > 0) {
            f--;
            break;
        }
        f++;
    }
    if (f == k) {
        free(w);
        return false;
    }
    size_t i = 0;
    bool stops = false; /* right after the figure, a verb before the noun with
                         * nothing between describes it: 3记进攻篮板球 */
    for (size_t j = 0; j < f; j++)
        stops = stops || !(is_inner(s, &w[j]) || is_verb(s, &w[j]));
    for (size_t j = 0; j < f && stops; j++)
        if (!is_inner(s, &w[j]) && !is_compound_verb(s, &w[j]))
            i = j + 1;
    bool modifiers = true; /* a verb's object begins with no verb of its own */
    for (size_t j = 0; j < f; j++)
        modifiers = modifiers && is_inner(s, &w[j]);
    if (at_start && (i > 0 || !modifiers)) {
        free(w);
        return false;
    }
    /* on to the last noun before a word that stops it; modifiers, times and
     * rare verbs between nouns stay (农村幸福院, 绿色养生老年食谱) */
    size_t e = f + 1;
    for (size_t j = f + 1; j < k; j++) {
        int32_t c = aside_at(cx, w, k, j, events);
        if (c > 0) {
            e = (size_t)c + 2;
            j = (size_t)c + 1;
        } else if (is_after(s, &w[j], events))
            e = j + 1;
        else if (j + 1 < k && w[j].end - w[j].start == 1 && name_list_has(&s->join_classes, w[j].tag) &&
                 is_after(s, &w[j - 1], events) && is_after(s, &w[j + 1], false))
            continue; /* 主要隧道廣告及地鐵燈箱廣告 */
        else if (j + 1 < k && is_verb(s, &w[j]) && is_head(s, &w[j]) && w[j - 1].end == w[j].start &&
                 w[j].end == w[j + 1].start && is_after(s, &w[j - 1], false) && is_after(s, &w[j + 1], false))
            continue; /* a noun of action between two nouns is one of them: 重点旅游景区 */
        else if (!is_inner(s, &w[j]) && !is_compound_verb(s, &w[j]))
            break;
    }
    *a = w[i].start;
    *b = w[e - 1].end;
    free(w);
    return true;
}

/* The noun phrase that begins at `a`, up to a delimiter, a numeral or a
 * stop word; with at_start, only one that its first word begins; with
 * events, verbs are of it as nouns are (两次防守反击). */
/* The word of the lexicon that holds t[p] among the words of t[a, ...):
 * its tag, or NULL without a lexicon. */
static const char *tag_at(const struct sentence_ctx *cx, int32_t a, int32_t p, int32_t *end)
{
    if (!cx->rs->words)
        return NULL;
    int32_t to = p + WORDCLASS_MAX_WORD < cx->end ? p + WORDCLASS_MAX_WORD : cx->end;
    struct wc_word *w = xmalloc((size_t)(to - a) * sizeof *w);
    size_t k = wordclass_segment(cx->rs->words, cx->t, a, to, w);
    const char *tag = NULL;
    for (size_t j = 0; j < k && !tag; j++)
        if (w[j].start <= p && p < w[j].end) {
            tag = w[j].tag;
            *end = w[j].end;
        }
    free(w);
    return tag;
}

/* Does a numeral begin at t[p] (within a phrase from a): a digit, or a
 * Han numeral that is no character of a word (登陆, 参与)? Where it is one,
 * *word is where that word ends (else p). */
static bool numeral_at(const struct sentence_ctx *cx, int32_t a, int32_t p, int32_t *word)
{
    *word = p;
    if (!numbers_is_numeral_char(cx->rs, cx->t, p, cx->end))
        return false;
    if (u_isdigit(cx->t[p]))
        return true;
    int32_t end;
    const char *tag = tag_at(cx, a, p, &end);
    if (!tag || tag[0] == 'm' || !strcmp(tag, "un"))
        return true;
    *word = end;
    return false;
}

/* Where the bracket that opens at t[p] closes (the index after its
 * closing character), within t[p, end); −1 where none opens there or it
 * does not close. */
static int32_t bracket_end(const struct sentence_ctx *cx, int32_t p, int32_t end)
{
    if (p >= end || u_getIntPropertyValue(cx->t[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_OPEN)
        return -1;
    UChar close = (UChar)u_getBidiPairedBracket(cx->t[p]);
    for (int32_t q = p + 1; q < end; q++) {
        UChar c = cx->t[q];
        if (c == close)
            return q + 1;
        if (u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE) != U_BPT_NONE)
            return -1;
    }
    return -1;
}

static bool phrase_span(struct sentence_ctx *cx, int32_t *pa, int32_t *pb, bool at_start, bool events);

const char *phrase_from(struct sentence_ctx *cx, int32_t a, bool at_start, bool events)
{
    int32_t b;
    if (!phrase_span(cx, &a, &b, at_start, events))
        return NULL;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* The noun phrase right after the figure c where it ends its clause, or
 * ends before a word that joins it to another (帐面标价60万元租金，
 * 替代2250万吨标准煤或760亿千瓦时电力), not where a verb goes on
 * (门票50元半价出售); else NULL. */
static const char *noun_after(struct sentence_ctx *cx, const struct claim *c)
{
    int32_t a = c->end, b;
    if (!phrase_span(cx, &a, &b, true, false))
        return NULL;
    /* a unit's own word names the money, not what it is of: 5.74亿元人民币 */
    for (size_t i = 0; i < cx->rs->n_units; i++)
        if (word_list_match(&cx->rs->units[i].words, cx->t, a, b) == b - a)
            return NULL;
    int32_t p = b;
    while (p < cx->end && is_blank_char(cx->t[p]))
        p++;
    if (p < cx->end && !is_delimiter(cx, p, false)) {
        int32_t end;
        const char *tag = tag_at(cx, b, p, &end);
        if (!tag || !name_list_has(&cx->rs->subject.join_classes, tag))
            return NULL;
    }
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* The span [*pa, *pb) of the noun phrase that begins at *pa (see
 * phrase_from); false where there is none. */
static bool phrase_span(struct sentence_ctx *cx, int32_t *pa, int32_t *pb, bool at_start, bool events)
{
    int32_t a = *pa;
    const struct subject_rule *s = &cx->rs->subject;
    /* an amount in words between a measure word and its noun is the noun's
     * (收治的2个七八岁小儿乙脑患者) */
    int32_t skip;
    const char *tag;
    if (a < cx->end && !u_isdigit(cx->t[a]) && numbers_is_numeral_char(cx->rs, cx->t, a, cx->end) &&
        (tag = tag_at(cx, a, a, &skip)) && !strcmp(tag, "m") && skip - a >= 2 &&
        !numbers_is_numeral_char(cx->rs, cx->t, skip - 1, cx->end))
        a = skip;
    int32_t b = a, chars = 0, word;
    while (b < cx->end && chars < s->max_chars) {
        if (is_delimiter(cx, b, true) || numeral_at(cx, a, b, &word) || is_blank_char(cx->t[b]))
            break;
        /* a word that a numeral's character begins stays whole: 参与 */
        if (word > b + 1) {
            for (; b < word && b < cx->end; b++)
                if (!U16_IS_TRAIL(cx->t[b]))
                    chars++;
            continue;
        }
        if (b > a && word_list_match(&s->stop_after, cx->t, b, cx->end) && !joins_nouns_at(cx, b))
            break;
        if (!U16_IS_TRAIL(cx->t[b]))
            chars++;
        b++;
    }
    trim_subject(cx, &a, &b);
    if (!head_after(cx, &a, &b, at_start, events) || b <= a)
        return false;
    *pa = a;
    *pb = b;
    return true;
}

/* What follows the figure: directly after a measure word (1694个岗位), or
 * after a linker (20元以下的处方). */
static const char *subject_after(struct sentence_ctx *cx, const struct claim *c, bool at_start, bool events)
{
    /* a delta's 的 names the change, not the thing: 1.5%的正增长 */
    int32_t n = strcmp(c->role, "delta") ? word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end) : 0;
    return phrase_from(cx, c->end + n, at_start, events);
}

/* Where the phrase before the figure begins: its clause or list item, after
 * the previous figure, after a restarting verb (第一产业实现增加值 → 增加值). */
static int32_t before_start(struct sentence_ctx *cx, size_t index, int32_t end, int32_t *restart)
{
    if (restart)
        *restart = -1;
    struct doc *doc = cx->doc;
    /* 预算总额 177.1 亿元: the space of a typeset page before the figure
     * divides no phrase */
    while (end > cx->start && u_charType(cx->t[end - 1]) == U_SPACE_SEPARATOR)
        end--;
    /* its clause, where a list (、) may be the subject's, after the previous
     * figure, no longer than twice a subject */
    int32_t a = clause_start(cx, end, false);
    if (index > cx->first && doc->claims[index - 1].end > a && doc->claims[index - 1].end <= end) {
        a = doc->claims[index - 1].end;
        /* what the measure word before counts, and an aside in brackets
         * after it, are that count's: 12个县(市)85.2万人受灾 leaves nothing
         * before 85.2万人 */
        const struct unit_rule *u = doc->claims[index - 1].unit_rule;
        int32_t pa = a, pb;
        if (u && u->subject_after && phrase_span(cx, &pa, &pb, false, false) && pa == a && pb <= end) {
            int32_t q = bracket_end(cx, pb, end);
            if ((q > pb ? q : pb) == end)
                a = end;
        }
    }
    int32_t limit = end - cx->rs->subject.max_chars * 2;
    if (a < limit)
        a = limit;
    /* from its last blank (a heading's: 狂風暴雨襲浙江 已轉移23萬人); the
     * scan stays within [a, end), so that a list of n figures in one clause
     * costs n short scans, not n scans back to the clause's start */
    for (int32_t p = end - 1; p > a; p--)
        if (is_blank_char(cx->t[p])) {
            a = p + 1;
            break;
        }
    for (int32_t p = end - 1; p > a; p--) {
        int32_t n = word_list_match(&cx->rs->subject.restart_after, cx->t, p, end);
        if (n && p + n < end) {
            if (restart)
                *restart = p;
            a = p + n;
            break;
        }
    }
    return a;
}

/* Where the word of subject.adjunct_classes that ends at a begins (t[from,
 * a) segmented), or −1 where none does. */
static int32_t adjunct_start(const struct sentence_ctx *cx, int32_t from, int32_t a)
{
    if (!cx->rs->words || a <= from)
        return -1;
    struct wc_word *w;
    size_t k = subject_words(cx, from, a, &w);
    int32_t p = k && name_list_has(&cx->rs->subject.adjunct_classes, w[k - 1].tag) ? w[k - 1].start : -1;
    free(w);
    return p;
}

/* Where the noun t[a, b) of the phrase t[from, to) stands right after a
 * word of subject.adjunct_classes (a preposition) with a verb after it:
 * where that verb begins (在比赛中得到 → 得到); else −1. */
static int32_t adjunct_before(const struct sentence_ctx *cx, int32_t from, int32_t a, int32_t b, int32_t to)
{
    const struct subject_rule *s = &cx->rs->subject;
    if (!cx->rs->words || a <= from || b >= to)
        return -1;
    struct wc_word *w;
    size_t k = subject_words(cx, from, to, &w);
    bool after = false;
    int32_t verb = -1;
    for (size_t j = 0; j < k; j++) {
        if (w[j].end == a)
            after = name_list_has(&s->adjunct_classes, w[j].tag);
        if (w[j].start >= b && verb < 0 && is_verb(s, &w[j]))
            verb = w[j].start;
    }
    free(w);
    return after ? verb : -1;
}

/* The head noun phrase before the figure; NULL where the phrase has no
 * noun, its verbs then in *verb (NULL if none). An event is a figure whose
 * unit is no measure word: a verb right before it is what it counts of the
 * noun (飞机起降20.3万架次), where a measure word counts the noun itself
 * (报告法定传染病发病6951478例). */
static const char *subject_before(struct sentence_ctx *cx, size_t index, int32_t end, bool event,
                                  const char **verb, bool *verb_end, bool *one_verb, bool *verb_first,
                                  bool *verb_apart)
{
    if (one_verb)
        *one_verb = false;
    if (verb_apart)
        *verb_apart = false;
    if (verb_first)
        *verb_first = false;
    int32_t restart;
    int32_t a = before_start(cx, index, end, &restart);
    int32_t figure = end;
    trim_subject(cx, &a, &end);
    int32_t trimmed = end, a0 = a;
    bool noun = phrase_before(cx, &a, &end, event && links_only(cx, end, figure), !event, verb_end);
    if (verb_end && trimmed < figure && word_list_match(&cx->rs->subject.verb_markers, cx->t, trimmed, figure))
        *verb_end = true; /* 中国生产了3100万平方米的太阳能热水器 */
    /* words after the noun that the phrase leaves out (a verb, a
     * preposition) make the figure theirs, and the noun its 的 points at
     * what it measures: 三峡水库将在6月10日落至145米的汛限水位, 王老吉曾以
     * 每年35-40元的价格 */
    if (verb_end && noun && end < trimmed &&
        word_list_match(&cx->rs->subject.linkers, cx->t, cx->doc->claims[index].end, cx->end))
        *verb_end = true;
    /* a noun after a preposition is where or whom the verb after it acts,
     * and the verb is what the figure counts: 在平邑吃下了约4000吨 → 吃下 */
    int32_t acts = noun && end < trimmed ? adjunct_before(cx, a0, a, end, trimmed) : -1;
    if (acts >= 0) {
        noun = false;
        a = acts;
        end = trimmed;
        trim_subject(cx, &a, &end);
    }
    if (!noun)
        trim_subject(cx, &a, &end);
    const char *text = end > a ? utf8_of(cx->doc, cx->t + a, end - a) : NULL;
    /* what a restarting verb's subject right before it achieved is that
     * subject's: 第一产业实现增加值 → 第一产业增加值 (not where it is a
     * scope, 全市实现地区生产总值) */
    if (noun && restart >= 0) {
        int32_t ta = clause_start(cx, restart, true), tb = restart;
        if (index > cx->first && cx->doc->claims[index - 1].end > ta)
            ta = cx->doc->claims[index - 1].end;
        trim_subject(cx, &ta, &tb);
        int32_t hb = tb;
        if (tb == restart && tb > ta && head_before(cx, &ta, &hb, false, NULL) && hb == tb &&
            word_list_match(&cx->rs->subject.scopes, cx->t, ta, tb) != tb - ta) {
            struct buf both = {0};
            buf_puts(&both, utf8_of(cx->doc, cx->t + ta, tb - ta));
            buf_puts(&both, text);
            text = arena_strdup(&cx->doc->arena, both.data);
            buf_free(&both);
        }
    }
    if (verb)
        *verb = noun ? NULL : text;
    /* a noun phrase that opens with a verb and ends where the figure's
     * phrase does: 拉动GDP */
    if (verb_first && noun && end == figure && cx->rs->words) {
        struct wc_word *w;
        size_t k = subject_words(cx, a, end, &w);
        *verb_first = k > 1 && is_verb(&cx->rs->subject, &w[0]) && !is_head(&cx->rs->subject, &w[0]);
        free(w);
    }
    /* the phrase one verb of two characters or more after words of no
     * phrase (还曾创下 → 创下: the clause's own subject is left unsaid; a
     * verb that opens its clause, 死亡15人，受伤80人, names what it counts) */
    if ((one_verb || verb_apart) && !noun && end - a >= 2 && cx->rs->words) {
        struct wc_word *w;
        size_t k = subject_words(cx, a, end, &w);
        bool alone = k == 1 && is_verb(&cx->rs->subject, &w[0]);
        if (one_verb)
            *one_verb = alone && a > a0;
        /* words between the verb opening the phrase and the figure, no
         * mark of a done verb (已攀升至, not 发放了): the verb says what
         * became of something, not what is counted */
        if (verb_apart && alone && a == a0) {
            int32_t p = w[0].end, n; /* blanks and words trimmed (編列共) are nothing between */
            while (p < figure) {
                if (is_blank_char(cx->t[p]))
                    p++;
                else if ((n = word_list_match(&cx->rs->subject.trim, cx->t, p, figure)) > 0)
                    p += n;
                else
                    break;
            }
            *verb_apart = p < figure && !word_list_match(&cx->rs->subject.verb_markers, cx->t, p, figure);
        }
        free(w);
    }
    return noun ? text : NULL;
}

/* Does the phrase before the figure end in a verb that points forward
 * (仍有94万亩耕地)? */
static bool points_forward(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL);
    return word_list_match_before(&cx->rs->subject.forward_verbs, cx->t, a, end) > 0;
}

/* A share (a percentage) whose clause opens with 占 (subject.split_before, a word of its
 * own) is a share of what the clause before names: 运输开支最高，占总选举开支
 * 35% (the head of that clause), 装机容量占到新增市场的51%，2008年占到72.8%
 * (the subject of its figure, where it holds a share). NULL where the clause
 * does not open so, or the clause before holds a figure of another kind
 * (可替代2250万吨标准煤，占社会总能耗的1%: what it is a share of). */
static const char *share_subject(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct subject_rule *s = &cx->rs->subject;
    struct doc *doc = cx->doc;
    int32_t a0 = before_start(cx, index, end, NULL), a = a0, b = end, n = 0;
    trim_subject(cx, &a, &b); /* 占 is trimmed: it stands at a or just before */
    for (int32_t p = a0; p <= a && p < b && !n; p++) {
        n = word_list_match(&s->split_before, cx->t, p, b);
        if (n && p + n < a)
            n = 0;
        else if (n)
            a = p;
    }
    if (!n || !cx->rs->words)
        return NULL;
    /* a word of its own, or words of their own (占到), not 占比 */
    struct wc_word *w;
    int32_t to = a + 2 * WORDCLASS_MAX_WORD < b ? a + 2 * WORDCLASS_MAX_WORD : b;
    size_t k = subject_words(cx, a, to, &w), j = 0;
    while (j < k && w[j].end < a + n)
        j++;
    bool own = j < k && w[j].end == a + n;
    free(w);
    if (!own)
        return NULL;
    int32_t clause = clause_start(cx, a, false);
    if (clause <= cx->start)
        return NULL;
    int32_t pa = clause_start(cx, clause - 1, false), pb = clause - 1;
    if (index > cx->first && doc->claims[index - 1].end > pa) {
        /* a share after a share: 占到新增市场的51%，2008年占到72.8% */
        const struct unit_rule *u = doc->claims[index - 1].unit_rule;
        return u && !strcmp(u->kind, "percent") ? doc->claims[index - 1].subject : NULL;
    }
    trim_subject(cx, &pa, &pb);
    if (pb <= pa || !head_before(cx, &pa, &pb, false, NULL))
        return NULL;
    return utf8_of(doc, cx->t + pa, pb - pa);
}

/* Cut last's words that follow what first names (see name_list). */
static void cut_shared_tail(struct sentence_ctx *cx, const struct span *first, struct span *last)
{
    struct wc_word *w;
    size_t k = subject_words(cx, first->start, first->end, &w);
    int32_t wa = k ? w[k - 1].start : 0, wn = k ? w[k - 1].end - w[k - 1].start : 0;
    free(w);
    k = subject_words(cx, last->start, last->end, &w);
    /* a word that ends as the first name's last word does, in two
     * characters or more: 传染病 in 呼吸道传染病报告发病率, 产业 in 第三产业
     * 增加值 after 第二产业 */
    int32_t cut = -1;
    for (size_t j = k; j-- > 0 && cut < 0 && wn >= 2;) {
        int32_t m = 0;
        while (m < wn && m < w[j].end - w[j].start && cx->t[w[j].end - 1 - m] == cx->t[wa + wn - 1 - m])
            m++;
        if (m >= 2)
            cut = w[j].end;
    }
    for (size_t j = 1; j < k && cut < 0; j++)
        if (word_list_match(&cx->rs->subject.split_before, cx->t, w[j].start, last->end) >= w[j].end - w[j].start)
            cut = w[j].start;
    free(w);
    if (cut > last->start)
        last->end = cut;
}

/* A list of n figures after a list of n names gives each figure its name:
 * 基础设施投资、工业投资和房地产开发投资分别增长8.2%、12.5%和6.3%. Where
 * the names before the last are of one length, one or two characters, and
 * the last is longer, the
 * rest of the last is their shared head: 一、二、三产业增加值 gives
 * 一产业增加值, 二产业增加值, 三产业增加值. */
void name_list(struct sentence_ctx *cx, size_t first, size_t last)
{
    struct doc *doc = cx->doc;
    int32_t marker = pending_for(cx, first)->role_marker;
    int32_t b = marker >= 0 ? marker : doc->claims[first].start;
    int32_t a = clause_start(cx, b, false);
    if (first > cx->first && doc->claims[first - 1].end > a)
        a = doc->claims[first - 1].end;
    /* the names end where the list's own word (分别) begins: 报告发病率和
     * 死亡率分别较上年下降 */
    bool own = false;
    for (int32_t p = a; p < b && !own; p++)
        if (word_list_match(&cx->rs->subject.list_ends, cx->t, p, b)) {
            own = p == a;
            b = p;
        }
    trim_subject(cx, &a, &b);
    /* a clause that opens with it names them in the clause before: 将政纲
     * 设计、网站设计传讯等入帐营运开支，分别占20.9万及39.8万元 */
    bool before = false;
    if (own && b <= a && a > cx->start && (first == cx->first || doc->claims[first - 1].end < a)) {
        int32_t clause = clause_start(cx, a, false);
        if (clause > cx->start) {
            b = clause - 1;
            a = clause_start(cx, b, false);
            if (first > cx->first && doc->claims[first - 1].end > a)
                a = doc->claims[first - 1].end;
            trim_subject(cx, &a, &b);
            before = true;
        }
    }
    size_t want = last - first + 1;
    struct span items[16] = {{0}};
    size_t n = 0;
    /* split at the list's connectors, else (及 joining nouns within an item:
     * 自然疫源及虫媒传染病、血源及性传播传染病) at the phrase's delimiters */
    for (int pass = 0; pass < 2 && n != want; pass++) {
        n = 0;
        int32_t item = a;
        for (int32_t p = a; p < b && n < 16; p++) {
            int32_t k = 0;
            if (pass == 0)
                connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, p, b, &k);
            else
                k = word_list_match(&cx->rs->subject.delimiters, cx->t, p, b);
            if (k) {
                items[n++] = (struct span){item, p, NULL, false, false};
                item = p + k;
                p += k - 1;
            }
        }
        if (n < 16)
            items[n++] = (struct span){item, b, NULL, false, false};
    }
    /* a clause of 分别 and figures alone after as many figures of their
     * own subjects speaks of those, each in turn: 出口总额150亿美元，进口
     * 总额90亿美元，分别增长10%和5% */
    if (n != want && own && first - cx->first >= want) {
        for (size_t k = 0; k < want; k++) {
            const char *s = doc->claims[first - want + k].subject;
            for (size_t j = 0; s && j < k; j++)
                if (!strcmp(s, doc->claims[first - want + j].subject))
                    s = NULL;
            if (!s)
                return;
        }
        for (size_t k = 0; k < want; k++)
            doc->claims[first + k].subject = doc->claims[first - want + k].subject;
        return;
    }
    if (n != want)
        return;
    /* a scope before the first name is none of it: 全省一、二、三产业 */
    int32_t scope = word_list_match(&cx->rs->subject.scopes, cx->t, items[0].start, items[0].end);
    if (scope && scope < items[0].end - items[0].start)
        items[0].start += scope;
    /* an ordinal's mark before the first name only: 第一、二、三产业 (where
     * the names are not all of one length with it: 第一、第二和第三产业) */
    int32_t mark = word_list_match(&cx->rs->subject.ordinal_marks, cx->t, items[0].start, items[0].end), len = 0;
    bool shared = false;
    for (int32_t lead = 0; lead <= mark && !shared; lead += mark ? mark : 1) {
        len = items[0].end - items[0].start - lead;
        shared = len > 0 && len <= 2 && items[n - 1].end - items[n - 1].start > len;
        for (size_t k = 0; k + 1 < n && shared; k++)
            shared = items[k].end - items[k].start - (k ? 0 : lead) == len;
    }
    /* names of Latin letters and digits before the last, which is one with
     * Han words after it, share those words: SO2、NO2浓度 gives SO2浓度 */
    if (!shared && n > 1) {
        int32_t code = items[n - 1].start;
        while (code < items[n - 1].end && !u_hasBinaryProperty(cx->t[code], UCHAR_IDEOGRAPHIC))
            code++;
        shared = code < items[n - 1].end && is_latin_word(cx, items[n - 1].start, code);
        for (size_t k = 0; k + 1 < n && shared; k++)
            shared = is_latin_word(cx, items[k].start, items[k].end);
        if (shared)
            len = code - items[n - 1].start;
    }
    /* the first item is its head noun phrase, without the words that lead
     * into the list: 甲乙类传染病中的肠道传染病 → 肠道传染病 */
    int32_t ia = items[0].start, ib = items[0].end;
    if (!shared && ib > ia && head_before(cx, &ia, &ib, false, NULL) && ib == items[0].end)
        items[0].start = ia;
    /* what follows the last name is said of them all (呼吸道传染病报告发病率,
     * 试验发展经费所占比重): the last ends where the first's last word does in
     * it (肠道传染病、呼吸道传染病报告发病率 → 呼吸道传染病), else before a
     * word the subject stands before (所占) */
    if (!shared && !before && cx->rs->words)
        cut_shared_tail(cx, &items[0], &items[n - 1]);
    /* named in the clause before, the first item begins after its last word
     * that stops a phrase, the last ends at its first: 林郑月娥将政纲设计 →
     * 政纲设计, 网站设计传讯等入帐营运开支 → 网站设计传讯 */
    if (before && cx->rs->words) {
        const struct name_list *stops = &cx->rs->subject.stop_classes;
        struct wc_word *w;
        size_t k = subject_words(cx, items[0].start, items[0].end, &w);
        for (size_t j = k; j-- > 0;)
            if (name_list_has(stops, w[j].tag)) {
                items[0].start = w[j].end;
                break;
            }
        free(w);
        k = subject_words(cx, items[n - 1].start, items[n - 1].end, &w);
        for (size_t j = 1; j < k; j++)
            if (name_list_has(stops, w[j].tag)) {
                items[n - 1].end = w[j].start;
                break;
            }
        free(w);
    }
    for (size_t k = 0; k < n; k++) {
        if (items[k].end <= items[k].start)
            return;
    }
    for (size_t k = 0; k < n; k++) {
        struct buf name = {0};
        char *own = utf8_of(doc, cx->t + items[k].start, items[k].end - items[k].start);
        buf_puts(&name, own);
        if (shared && k + 1 < n)
            buf_puts(&name, utf8_of(doc, cx->t + items[n - 1].start + len,
                                    items[n - 1].end - items[n - 1].start - len));
        doc->claims[first + k].subject = arena_strdup(&doc->arena, name.data);
        buf_free(&name);
    }
}

/* Is the figure after claim j a change in a list with it, its change word
 * after the connector: 分别较上年下降1.66%和上升9.02%? */
static bool listed_change(struct sentence_ctx *cx, size_t j)
{
    int32_t marker = pending_for(cx, j + 1)->role_marker;
    return marker > cx->doc->claims[j].end && is_list_connector(cx, cx->doc->claims[j].end, marker);
}

static void distribute_list_subjects(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    size_t i = cx->first;
    while (i < doc->nclaims) {
        size_t j = i;
        while (j + 1 < doc->nclaims && (is_list_connector(cx, doc->claims[j].end, doc->claims[j + 1].start) ||
                                        listed_change(cx, j)))
            j++;
        if (j > i)
            name_list(cx, i, j);
        i = j + 1;
    }
}

/* The head noun phrase of the clause before the one that holds pos (in its
 * sentence), or NULL where it names none. */
static const char *clause_before_subject(struct sentence_ctx *cx, int32_t pos)
{
    int32_t clause = clause_start(cx, pos, false);
    if (clause <= cx->start)
        return NULL;
    int32_t from = clause_start(cx, clause - 1, false), to = clause - 1;
    trim_subject(cx, &from, &to);
    for (;;) {
        int32_t a = from, b = to;
        if (b <= a || !head_before(cx, &a, &b, false, NULL))
            return NULL;
        /* not a noun after a preposition, but the one before it:
         * 总预算案在蓝白联手删减下 → 总预算案 */
        int32_t p = adjunct_start(cx, from, a);
        if (p < 0)
            return utf8_of(cx->doc, cx->t + a, b - a);
        to = p;
        trim_subject(cx, &from, &to);
    }
}

/* subject with the verb that begins at marker (before the figure at
 * figure) written after it; subject alone where no verb begins there. */
static const char *with_change_verb(struct sentence_ctx *cx, const char *subject, int32_t marker, int32_t figure)
{
    if (!cx->rs->words || marker >= figure)
        return subject;
    struct wc_word *w;
    size_t k = subject_words(cx, marker, figure, &w);
    const char *out = subject;
    if (k && is_verb(&cx->rs->subject, &w[0])) {
        struct buf both = {0};
        buf_puts(&both, subject);
        buf_puts(&both, utf8_of(cx->doc, cx->t + w[0].start, w[0].end - w[0].start));
        out = arena_strdup(&cx->doc->arena, both.data);
        buf_free(&both);
    }
    free(w);
    return out;
}

/* Where the phrase right before the figure (ending at end) is a list of as
 * many names as the figure counts (华锐、金风、东汽三家): the list; else
 * NULL. */
static const char *counted_list(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct claim *c = &cx->doc->claims[index];
    if (end != c->start || c->is_range || c->has_lower || c->has_upper)
        return NULL;
    int32_t a = before_start(cx, index, end, NULL), b = end;
    trim_subject(cx, &a, &b);
    if (b != end || b <= a)
        return NULL;
    const struct word_list *d = &cx->rs->subject.delimiters;
    double items = 1;
    int32_t last = a, first_end = -1;
    for (int32_t p = a; p < b; p++) {
        int32_t n = word_list_match(d, cx->t, p, b);
        if (n && !is_blank_char(cx->t[p])) {
            if (p == last)
                return NULL;
            if (first_end < 0)
                first_end = p;
            items++;
            last = p + n;
            p += n - 1;
        }
    }
    if (items < 2 || last >= b || decimal_to_double(c->number) != items)
        return NULL;
    /* the first name without the words that lead into the list: 引进华为 */
    int32_t ia = a, ib = first_end;
    if (head_before(cx, &ia, &ib, false, NULL) && ib == first_end)
        a = ia;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* Where the phrase before the figure holds a base opener, as a word of its
 * own, and ends with a linker (是曾俊华的近两倍, 学生人数为全区的一半): the
 * figure's subject, what stands before the opener, or with nothing there
 * what the figure before it (else the clause before) spoke of; else NULL. */
static const char *base_subject(struct sentence_ctx *cx, size_t index, int32_t end)
{
    const struct subject_rule *s = &cx->rs->subject;
    int32_t a = before_start(cx, index, end, NULL);
    while (a < end && is_blank_char(cx->t[a]))
        a++;
    int32_t l = word_list_match_before(&s->linkers, cx->t, a, end);
    if (!l || !cx->rs->words)
        return NULL;
    struct wc_word *w;
    size_t k = subject_words(cx, a, end - l, &w);
    int32_t opener = -1;
    for (size_t j = 0; j + 1 < k; j++)
        if (word_list_match(&s->base_openers, cx->t, w[j].start, w[j].end) == w[j].end - w[j].start)
            opener = w[j].start;
    free(w);
    if (opener < 0)
        return NULL;
    if (opener == a) {
        const struct claim *prev = index > cx->first ? &cx->doc->claims[index - 1] : NULL;
        return prev ? prev->subject : clause_before_subject(cx, end);
    }
    int32_t b = opener;
    trim_subject(cx, &a, &b);
    int32_t hb = b;
    if (b <= a || !head_before(cx, &a, &hb, false, NULL) || hb != b)
        return NULL;
    return utf8_of(cx->doc, cx->t + a, b - a);
}

/* A change's own noun in the phrase of its change, ending after where
 * that phrase begins: its subject (同比涨幅较上月收窄, 较上月降幅扩大,
 * 较上季增速回落), not what the sentence opened with. NULL where none. */
static const char *change_noun_subject(struct sentence_ctx *cx, size_t index, int32_t marker)
{
    const struct claim *c = &cx->doc->claims[index];
    const struct word_list *nouns = &cx->rs->subject.change_nouns;
    if (marker < 0 || marker >= c->start || strcmp(c->role, "delta"))
        return NULL;
    int32_t a = clause_start(cx, marker, false);
    if (index > cx->first && cx->doc->claims[index - 1].end > a)
        a = cx->doc->claims[index - 1].end;
    int32_t from = -1, to = marker;
    for (int32_t p = a; p < c->start; p++) {
        int32_t n = word_list_match(nouns, cx->t, p, c->start);
        if (n && p + n > to) {
            from = p;
            to = p + n;
        }
    }
    return from >= 0 ? utf8_of(cx->doc, cx->t + from, to - from) : NULL;
}

/* Does the phrase before the figure open with a comparison marker that
 * names a base after it (较去年第三季210.5亿元, 环比3月的157.9万辆; not
 * 同比增长): the figure is the base's, no time's or noun's there? */
static bool base_before(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL), b = end;
    trim_subject(cx, &a, &b);
    if (b <= a || !cx->rs->words)
        return false;
    struct wc_word *w;
    size_t k = subject_words(cx, a, b, &w);
    /* a marker whose first character is one (较, 比上), or any marker that
     * a base time follows (环比3月, not 同比增长) */
    bool base = false;
    for (size_t m = 0; k > 1 && m < cx->rs->n_comparison_markers && !base; m++)
        base = is_comparison_word(cx, &w[0]) &&
               word_list_match(&cx->rs->comparison_markers[m].words, cx->t, w[0].start, w[0].start + 1) == 1;
    for (size_t j = 0; k > 1 && !base && j < cx->bases.n; j++)
        base = is_comparison_word(cx, &w[0]) &&
               cx->bases.at[j].start == w[0].end + spaces_at(cx, w[0].end);
    free(w);
    return base;
}

/* Is the phrase before the figure (see before_start) empty, but for
 * blanks? (其中3万元为自筹 is not: 其中 takes up what the figure before
 * counts.) */
bool bare_before(struct sentence_ctx *cx, size_t index, int32_t end)
{
    int32_t a = before_start(cx, index, end, NULL);
    while (a < end && is_blank_char(cx->t[a]))
        a++;
    return a >= end;
}

void assign_subjects(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        const struct claim *prev = i > cx->first ? &doc->claims[i - 1] : NULL;
        int32_t marker = pending_for(cx, i)->role_marker;
        int32_t end = marker >= 0 ? marker : c->start;
        if (!strcmp(c->role, "to") && prev) {
            c->subject = prev->subject;
            continue;
        }
        if ((c->subject = change_noun_subject(cx, i, marker)))
            continue;
        const struct unit_rule *u = c->unit_rule;
        bool measure = u && u->subject_after;
        /* a unit word that names what is counted: 9篮板, 110万人口 */
        int32_t named = u ? word_list_match_before(&u->subject_words, cx->t, c->start, c->end) : 0;
        if (named) {
            c->subject = utf8_of(doc, cx->t + c->end - named, named);
            continue;
        }
        /* a count right after as many names as it counts counts them:
         * 华锐、金风、东汽三家 */
        if (measure && (c->subject = counted_list(cx, i, end)))
            continue;
        /* a count of times whose event follows it: 连续两次防守反击 */
        if (u && u->subject_event && (c->subject = subject_after(cx, c, true, true)))
            continue;
        const char *verb = NULL;
        if (u && !strcmp(u->kind, "percent") && (c->subject = share_subject(cx, i, end)))
            continue;
        /* 是X的 before the figure: X is its base, what the clause before
         * spoke of is its subject (达441.5万元，是曾俊华的近两倍) */
        if ((c->subject = base_subject(cx, i, end)))
            continue;
        /* the figure of a comparison's base speaks of what the figure
         * before it does: 销售额210亿元，较去年同季230亿元 */
        if (prev && prev->subject && base_before(cx, i, end)) {
            c->subject = prev->subject;
            continue;
        }
        bool verb_end;
        bool one_verb, verb_first, verb_apart;
        const char *before = subject_before(cx, i, end, !measure, &verb, &verb_end, &one_verb, &verb_first, &verb_apart);
        /* a from end whose change phrase opens its clause: 以前亩产1300斤 */
        if (!before && marker >= 0 && !strcmp(c->role, "from"))
            before = subject_before(cx, i, c->start, !measure, NULL, NULL, NULL, NULL, NULL);
        /* what follows the figure wins after a measure word, or when the
         * phrase before has no noun of its own (仍有, or nothing) */
        if (measure || (!before && !verb) || points_forward(cx, i, end))
            c->subject = subject_after(cx, c, false, false);
        /* a verb alone before and 的 after: what the figure is of follows
         * (已砍下21分的胡雪峰) */
        else if (!before && word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end))
            c->subject = subject_after(cx, c, true, false);
        /* a verb's object right after the figure: 替代2250万吨标准煤 */
        else if (verb_end)
            c->subject = subject_after(cx, c, true, false);
        /* a noun right after the figure is what it measures: 帐面标价60万元
         * 租金, 53%选举开支 */
        else if (!word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end))
            c->subject = noun_after(cx, c);
        if (!c->subject)
            c->subject = before;
        /* a verb and its object before a change are the change they make:
         * 拉动GDP增长0.1个百分点 → 拉动GDP增长 */
        if (c->subject && c->subject == before && verb_first && marker >= 0)
            c->subject = with_change_verb(cx, before, marker, c->start);
        /* a verb alone, after words of no phrase, before a figure of the
         * unit of the figure before it goes on with that figure's subject:
         * 批发价曾涨至200-250元，还曾创下250-260元; of another unit it names
         * what is counted: 占比21.65%，签约32万余人 */
        if (!c->subject && one_verb && strcmp(c->role, "from") && prev && prev->subject && prev->unit_rule && u &&
            !strcmp(prev->unit_rule->unit, u->unit))
            c->subject = prev->subject;
        /* a change with no noun of its own changes what the clause before
         * names: 温州房价几乎是节节攀升，每月平均要上涨1000至2000元每平米 */
        if (!c->subject && verb && !strcmp(c->role, "delta") && !(prev && prev->end > clause_start(cx, end, false)))
            c->subject = clause_before_subject(cx, end);
        /* a figure with nothing of its own speaks of the one before it:
         * 1228亿元，同比增长1.5%; 突破五万亿元，达到5.3万亿元 */
        /* where the phrase names nothing counted, its verb (签约32万余人),
         * else the figure before it speaks of the same */
        /* a verb alone with words between it and the figure (已攀升至)
         * says what became of what the clause before names */
        if (!c->subject && verb_apart && !(prev && prev->end > clause_start(cx, end, false)))
            c->subject = clause_before_subject(cx, end);
        if (!c->subject)
            c->subject = verb;
        /* a count with nothing before it in its phrase, no 的 after it and
         * no change from it: the verb right after it names what it counts
         * (85.2万人受灾，36人死亡; not a share: 7成以上集中于) */
        if (!c->subject && !before && u && !strcmp(u->kind, "count") && strcmp(c->role, "from") &&
            !word_list_match(&cx->rs->subject.linkers, cx->t, c->end, cx->end) && bare_before(cx, i, end))
            c->subject = subject_after(cx, c, true, true);
        if (!c->subject && prev)
            c->subject = prev->subject;
        /* a clause of nothing but the figure goes on with what the clause
         * before names: 产量继续提高，达到了200万千瓦 */
        if (!c->subject)
            c->subject = clause_before_subject(cx, end);
    }
    distribute_list_subjects(cx);
}

