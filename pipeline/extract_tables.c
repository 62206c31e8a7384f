/* extract_tables: the claims of a document's tables (tables.c finds them).
 * Part of the extract stage (extract_internal.h). */
#include "extract_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "tables.h"

/* A table's cells are read one by one as sentences of their own. Which
 * rows are headers, captions (one cell across the table), sections (one
 * label in the first column, for the rows below it) and data (a cell that
 * begins with a figure that is no date) is read off the cells; a figure
 * takes the unit written in its column's header, else its row's label (or,
 * for a part, 其中 or #, the label of the row above that is its whole),
 * its section, the table's caption or the unit line above the table, else
 * the unit its labels imply (never in a ledger, whose rows write their
 * units); its subject is its row's label (or section) and its column's
 * header. */

void apply_cell(struct sentence_ctx *cx)
{
    const struct cell_context *cc = cx->cell;
    for (size_t i = cx->first; i < cx->doc->nclaims; i++) {
        struct claim *c = &cx->doc->claims[i];
        struct pending *p = pending_for(cx, i);
        c->subject = cc->subject;
        if (cc->time_ref && !c->time_ref)
            c->time_ref = cc->time_ref;
        /* a column's role holds for the figure that is the whole cell,
         * whether its unit is the table's or its own (18.53% under 同比增长) */
        bool whole_cell = c->start == cc->first && c->end == cx->end;
        if ((p->from_table || whole_cell) && cc->role && !strcmp(c->role, "level")) {
            c->role = cc->role;
            add_rule_id(cx, p, cc->role_rule);
        }
    }
}

/* The length of a mark of list (rs->table_marks) at t[p], t ending at end; 0: none. */
static int32_t mark_at(const struct word_list *list, const UChar *t, int32_t p, int32_t end)
{
    return word_list_match(list, t, p, end);
}

/* Does t[p] end a unit's text: white space, a bracket (a gloss opens one:
 * 万人(10000 persons)) or a unit end? */
static bool ends_unit_text(const struct sentence_ctx *cx, int32_t p, int32_t end)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    return u_isUWhiteSpace(cx->t[p]) || mark_at(&m->close_brackets, cx->t, p, end) ||
           mark_at(&m->open_brackets, cx->t, p, end) || mark_at(&m->unit_ends, cx->t, p, end);
}

enum { UNIT_MARKERS = 1, UNIT_BRACKETS = 2, UNIT_WHOLE = 4 };

/* Is t[a, b) words set apart by blanks, one of them a unit (to *u) and
 * the others words of a change of the table's headers: (环比 % 变动)? */
static bool unit_among_change_words(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *u)
{
    bool found = false;
    for (int32_t p = a; p < b;) {
        while (p < b && is_blank_char(cx->t[p]))
            p++;
        int32_t q = p;
        while (q < b && !is_blank_char(cx->t[q]))
            q++;
        if (q == p)
            break;
        bool change = false;
        for (size_t k = 0; k < cx->rs->n_table_delta_headers && !change; k++)
            change = word_list_match(&cx->rs->table_delta_headers[k].words, cx->t, p, q) == q - p;
        if (!change) {
            if (found || !read_unit_text(cx, cx->t + p, q - p, u))
                return false;
            found = true;
        }
        p = q;
    }
    return found;
}

/* Does t[a, b) hold a word that introduces a table's unit and its colon
 * (单位：; not 单位面积产量, 用人单位)? */
static bool unit_marker_in(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    for (int32_t p = a; p < b; p++)
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = p + word_list_match(&cx->rs->table_unit_markers[k].words, cx->t, p, b);
            while (q > p && q < b && is_blank_char(cx->t[q]))
                q++;
            if (q > p && mark_at(&cx->rs->table_marks.colons, cx->t, q, b))
                return true;
        }
    return false;
}

/* Does a list of units go on at e after the unit u a marker names, one
 * of them another measure than u's and no percentage (单位:元/kg、元/头、%:
 * which column is in which is not said)? A percentage (单位:万元、%) names
 * the columns of rates, which say so in their headers. */
static bool other_units_listed(const struct sentence_ctx *cx, const struct table_unit *u, int32_t e, int32_t b)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t n;;) {
        while (e < b && is_blank_char(cx->t[e]))
            e++;
        if (e >= b || !(n = mark_at(&m->unit_ends, cx->t, e, b)))
            return false;
        int32_t q = e + n;
        while (q < b && is_blank_char(cx->t[q]))
            q++;
        e = q;
        while (e < b && !ends_unit_text(cx, e, b))
            e++;
        struct table_unit v;
        if (!read_unit_text(cx, cx->t + q, e - q, &v))
            return false;
        if (strcmp(v.unit->kind, "percent") &&
            (v.unit != u->unit || v.per != u->per || decimal_cmp(v.factor, u->factor) != 0))
            return true; /* 单位:万元、亿元 says no more which is which */
    }
}

/* Where the unit's text begins after the unit marker k at p (单位:万元):
 * past its colons and blanks; -1 where the marker is not at p. */
static int32_t after_unit_marker(const struct sentence_ctx *cx, size_t k, int32_t p, int32_t b)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    int32_t n = word_list_match(&cx->rs->table_unit_markers[k].words, cx->t, p, b);
    if (!n)
        return -1;
    int32_t q = p + n;
    for (int32_t c; q < b; q += c)
        if (!(c = mark_at(&m->colons, cx->t, q, b)) && !(c = u_isUWhiteSpace(cx->t[q]) ? 1 : 0))
            break;
    return q;
}

/* The units a marker lists in t[a, b) (单位:万户,万人), each of another
 * measure: up to max of them in out, their number returned; 0 where the
 * marker names one unit or none, or the list reads not whole. */
enum { LISTED_UNITS_MAX = 4 };

static int listed_units(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *out, int max)
{
    const UChar *t = cx->t;
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a; p < b; p++) {
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = after_unit_marker(cx, k, p, b);
            if (q < 0)
                continue;
            int count = 0;
            for (;;) {
                int32_t e = q;
                while (e < b && !ends_unit_text(cx, e, b))
                    e++;
                if (count == max || !read_unit_text(cx, t + q, e - q, &out[count]))
                    return 0;
                out[count].rule = cx->rs->table_unit_markers[k].id;
                for (int i = 0; i < count; i++)
                    if (!strcmp(out[i].unit->unit, out[count].unit->unit))
                        return 0; /* 万元、亿元: which column is in which is not said */
                count++;
                while (e < b && is_blank_char(t[e]))
                    e++;
                int32_t sep = e < b ? mark_at(&m->unit_ends, t, e, b) : 0;
                if (!sep)
                    return count >= 2 ? count : 0;
                q = e + sep;
                while (q < b && is_blank_char(t[q]))
                    q++;
            }
        }
    }
    return 0;
}

/* Of the units a caption lists, the one of the measure the header implies
 * (总户数 under 单位:万户,万人: 万户); false where none or more fit. */
static bool listed_unit_for(const struct sentence_ctx *cx, const struct table_unit *listed, int n,
                            const struct implied_unit_rule *m, struct table_unit *u)
{
    struct table_unit v;
    if (!m || !read_unit_text(cx, m->unit_text, m->unit_len, &v))
        return false;
    int found = -1;
    for (int i = 0; i < n; i++)
        if (!listed[i].per && !strcmp(listed[i].unit->unit, v.unit->unit)) {
            if (found >= 0)
                return false;
            found = i;
        }
    if (found < 0)
        return false;
    *u = listed[found];
    return true;
}

/* Where the English of a unit written in two languages begins: a rate's
 * separator set apart by a blank after Han text, and after it no Han
 * character but Latin letters or a percent sign (億澳門元/ 108 MOP, 百分比 /
 * %); b where there is none (元/kg is a rate). */
static int32_t english_gloss_start(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    const UChar *t = cx->t;
    bool han = false;
    for (int32_t p = a; p < b; p++) {
        int32_t n;
        if (u_hasBinaryProperty(t[p], UCHAR_IDEOGRAPHIC)) {
            han = true;
            continue;
        }
        if (!han || !connector_at(cx->rs->rate_separators, cx->rs->n_rate_separators, t, p, b, &n))
            continue;
        bool blank = (p > a && u_isUWhiteSpace(t[p - 1])) || (p + n < b && u_isUWhiteSpace(t[p + n]));
        bool latin = false;
        for (int32_t q = p + n; q < b; q++) {
            UErrorCode e = U_ZERO_ERROR;
            if (u_hasBinaryProperty(t[q], UCHAR_IDEOGRAPHIC))
                return b;
            latin = latin || uscript_getScript(t[q], &e) == USCRIPT_LATIN ||
                    word_list_match(&cx->rs->table_marks.percent_signs, t, q, b);
        }
        if (!blank || !latin)
            return b;
        while (p > a && u_isUWhiteSpace(t[p - 1]))
            p--;
        return p;
    }
    return b;
}

/* Find a unit in t[a, b): after a marker (单位：万元), in brackets (（亿元）),
 * or the whole text (%), as `ways` allows. The unit's text goes to
 * [*ua, *ub). */
static bool find_unit(const struct sentence_ctx *cx, int32_t a, int32_t b, int ways, struct table_unit *u,
                      int32_t *ua, int32_t *ub, int *way)
{
    const UChar *t = cx->t;
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a; (ways & UNIT_MARKERS) && p < b; p++) {
        for (size_t k = 0; k < cx->rs->n_table_unit_markers; k++) {
            int32_t q = after_unit_marker(cx, k, p, b);
            if (q < 0)
                continue;
            /* or the unit in brackets after the marker, perhaps with
             * blanks inside: 单位（万元）, 单位：（元/公斤 ）; where a unit
             * follows the brackets, they name its money (单位：（人民币）万元) */
            int32_t open = mark_at(&m->open_brackets, t, q, b);
            q += open;
            while (q < b && is_blank_char(t[q]))
                q++;
            int32_t e = q;
            while (e < b && !ends_unit_text(cx, e, b))
                e++;
            int32_t f = e;
            while (f > q && is_blank_char(t[f - 1]))
                f--;
            int32_t close = open ? mark_at(&m->close_brackets, t, e, b) : 0, q2 = e + close, e2 = q2;
            while (close && e2 < b && !ends_unit_text(cx, e2, b))
                e2++;
            if (close && e2 > q2 && read_unit_text(cx, t + q2, e2 - q2, u)) {
                q = q2;
                e = f = e2;
            }
            if (read_unit_text(cx, t + q, f - q, u)) {
                if (other_units_listed(cx, u, e, b))
                    return false; /* no unit is sure of any column */
                u->rule = cx->rs->table_unit_markers[k].id;
                *way = UNIT_MARKERS;
                *ua = p - word_list_match_before(&m->open_brackets, t, a, p);
                *ub = e + mark_at(&m->close_brackets, t, e, b);
                return true;
            }
        }
    }
    for (int32_t p = a; (ways & UNIT_BRACKETS) && p < b; p++) {
        int32_t open = mark_at(&m->open_brackets, t, p, b), close = 0;
        if (!open)
            continue;
        int32_t q = p + open;
        while (q < b && !(close = mark_at(&m->close_brackets, t, q, b)))
            q++;
        int32_t s = q > p + open ? p + open : q, e = q;
        while (s < e && u_isUWhiteSpace(t[s]))
            s++;
        while (e > s && u_isUWhiteSpace(t[e - 1]))
            e--;
        int32_t name_to = p;
        while (name_to > a && is_blank_char(t[name_to - 1]))
            name_to--;
        if (q < b && (read_unit_text_after(cx, t + s, e - s, t, a, name_to, u) || unit_among_change_words(cx, s, e, u))) {
            u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
            *way = UNIT_BRACKETS;
            *ua = p;
            *ub = q + close;
            return true;
        }
    }
    /* a header ending in a percent sign: 增长% */
    int32_t e = b;
    while (e > a && is_blank_char(t[e - 1]))
        e--;
    int32_t pct = word_list_match_before(&m->percent_signs, t, a, e);
    if ((ways & UNIT_BRACKETS) && pct && e - a > pct && read_unit_text(cx, t + e - pct, pct, u)) {
        u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
        *way = UNIT_BRACKETS;
        *ua = e - pct;
        *ub = e;
        return true;
    }
    int32_t g = english_gloss_start(cx, a, b);
    if ((ways & UNIT_WHOLE) && (read_unit_text(cx, t + a, b - a, u) || (g < b && read_unit_text(cx, t + a, g - a, u)))) {
        u->rule = cx->rs->n_table_unit_markers ? cx->rs->table_unit_markers[0].id : NULL;
        *way = UNIT_WHOLE;
        *ua = a;
        *ub = b;
        return true;
    }
    return false;
}

/* A label as a subject: Markdown emphasis and the blanks between Han
 * characters (合 计) left out, line breaks as blanks, a prefix such as
 * 其中： trimmed. NULL when nothing is left. */
static const char *label_text(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    if (b <= a)
        return NULL;
    UChar *u = xmalloc((size_t)(b - a) * sizeof *u);
    int32_t n = 0;
    for (int32_t p = a; p < b; p++) {
        UChar c = cx->t[p];
        if (c == '*' || c == '_' || c == '`')
            continue;
        if (u_isUWhiteSpace(c)) {
            int32_t q = p;
            while (q < b && u_isUWhiteSpace(cx->t[q]))
                q++;
            bool ascii_both = n > 0 && u[n - 1] < 0x80 && q < b && cx->t[q] < 0x80;
            if (ascii_both)
                u[n++] = ' ';
            p = q - 1;
            continue;
        }
        u[n++] = c;
    }
    int32_t s = 0;
    for (bool again = true; again;) {
        again = false;
        for (size_t k = 0; k < cx->rs->n_table_label_trims; k++) {
            int32_t m = word_list_match(&cx->rs->table_label_trims[k].words, u, s, n);
            if (m && m < n - s) {
                s += m;
                again = true;
            }
        }
    }
    /* nor is its outline number (1.公务接待费; 1、 is a trim too, which makes
     * the row a part of the one above; this makes it none) */
    s = numbers_outline_end(u, s, n);
    /* an aside at its end is no part of what it names: 小額捐贈（不多於1000元） */
    for (int32_t p = n - 1; p > s; p--) {
        int t = u_getIntPropertyValue(u[p], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        if (t == U_BPT_CLOSE && p + 1 < n)
            break; /* a closed aside inside: 研究与试验发展（R&D）经费 */
        if (t == U_BPT_OPEN) {
            n = p;
            break;
        }
    }
    while (n > s && u[n - 1] == ' ')
        n--; /* the blank before an aside: Number of Beds (unit) */
    const char *out = n > s ? utf8_of(cx->doc, u + s, n - s) : NULL;
    free(u);
    return out;
}

/* What one header or label cell says. */
struct label {
    int32_t name_start, name_end;  /* the text without its unit */
    bool has_unit;
    int way;                       /* how the unit was written: UNIT_MARKERS … */
    struct table_unit unit;
};

static struct label read_label(struct sentence_ctx *cx, const struct table_cell *c, int ways)
{
    struct label l = {c->start, c->end, false, 0, {0}};
    int32_t ua, ub;
    if (c->end > c->start && find_unit(cx, c->start, c->end, ways, &l.unit, &ua, &ub, &l.way)) {
        l.has_unit = true;
        spans_push(&cx->table_spans, ua, ub);
        if (ua > c->start) {
            l.name_end = ua;
        } else {
            l.name_start = ub;
        }
    }
    return l;
}

/* The times and exclusions of t[a, b) into cx->times and cx->excluded, in
 * place of the sentence's (a table's cells are read after). */
static void find_spans_in(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    cx->excluded.n = cx->times.n = 0;
    pattern_group_find_all(&cx->rs->spans, &cx->spans_scratch, cx->t, a, b, push_found, cx);
}

/* Is t[a, b) all one time reference or exclusion (2018年, a date)? Also
 * whether a figure at a is in one. (Replaces cx->times, find_spans_in.) */
static bool time_span(struct sentence_ctx *cx, int32_t a, int32_t b, bool whole, int32_t *ta, int32_t *tb)
{
    find_spans_in(cx, a, b);
    for (int k = 0; k < 2; k++) {
        const struct spans *sp = k ? &cx->excluded : &cx->times;
        for (size_t i = 0; i < sp->n; i++) {
            if (sp->at[i].start <= a && (whole ? sp->at[i].end >= b : sp->at[i].end > a)) {
                if (ta) {
                    *ta = sp->at[i].start;
                    *tb = sp->at[i].end;
                }
                return k == 0 || !whole;
            }
        }
    }
    return false;
}

static bool year_like(const struct sentence_ctx *cx, int32_t a, int32_t b);

/* Does a time reference open t[a, b) with a year of four digits, words after
 * it that name no price base (2019年决算数, 2025/06 港元; not 年末常住人口,
 * 1-9月累计, whose year a caption may give, nor 2015年不变价GDP, whose year
 * is the prices')? Its span in [*ta, *tb). (Replaces cx->times,
 * find_spans_in.) */
static bool time_opens(struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *ta, int32_t *tb)
{
    find_spans_in(cx, a, b);
    for (size_t i = 0; i < cx->times.n; i++) {
        int32_t e = cx->times.at[i].end;
        if (cx->times.at[i].start != a || e >= b ||
            word_list_match(&cx->rs->table_marks.price_bases, cx->t, e, b))
            continue;
        if (e - a >= 4 && year_like(cx, a, a + 4)) { /* 2019年, 2025/06 */
            *ta = a;
            *tb = e;
            return true;
        }
    }
    return false;
}

/* The first time t[a, b) names with a numeral (表1 2020年主要农产品产量:
 * 2020年), or NULL; a time with none (比上年增长), or right after a
 * comparison's marker (比2019年增长), is a comparison's, no date of the
 * table's. (Replaces cx->times, find_spans_in.) */
static const char *time_named_in(struct sentence_ctx *cx, int32_t a, int32_t b)
{
    find_spans_in(cx, a, b);
    const struct span *first = NULL;
    for (size_t i = 0; i < cx->times.n; i++) {
        const struct span *s = &cx->times.at[i];
        int32_t n = 0;
        for (size_t m = 0; m < cx->rs->n_comparison_markers && !n; m++)
            n = word_list_match_before(&cx->rs->comparison_markers[m].words, cx->t, a, s->start);
        if (n)
            continue; /* a comparison's base (比2019年增长): no time of the figures */
        bool dated = false;
        for (int32_t p = s->start; p < s->end && !dated; p++)
            dated = numbers_is_numeral_char(cx->rs, cx->t, p, s->end);
        if (dated && (!first || s->start < first->start))
            first = s;
    }
    return first ? utf8_of(cx->doc, cx->t + first->start, first->end - first->start) : NULL;
}

/* Does the cell hold a ratio (豬糧比價 6.57:1, 6.57∶1: the rules' colons) or
 * a time of day: no figure of the table? */
static bool ratio_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    for (int32_t q = c->start; q < c->end; q++)
        if (mark_at(&cx->rs->table_marks.colons, cx->t, q, c->end))
            return q > c->start && u_isdigit(cx->t[q - 1]) && q + 1 < c->end && u_isdigit(cx->t[q + 1]);
    return false;
}

/* The cell's text without the blanks around it, to [*a, *b). */
static void cell_text(const struct sentence_ctx *cx, const struct table_cell *c, int32_t *a, int32_t *b)
{
    *a = c->start;
    *b = c->end;
    while (*a < *b && is_blank_char(cx->t[*a]))
        (*a)++;
    while (*b > *a && is_blank_char(cx->t[*b - 1]))
        (*b)--;
}

/* Is the cell a placeholder for a figure the page left out (——, -, …,
 * or words that say so: 不適用)? */
static bool placeholder_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    if (a == b)
        return false;
    if (word_list_match(&cx->rs->table_marks.not_given, cx->t, a, b) == b - a)
        return true;
    for (int32_t q = a; q < b; q++)
        if (!u_hasBinaryProperty(cx->t[q], UCHAR_DASH) && cx->t[q] != 0x2026 && cx->t[q] != 0x22EF)
            return false;
    return true;
}

/* Does the cell say a unit with a marker (单位:万元)? */
static bool unit_line_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    struct table_unit u;
    int32_t ua, ub;
    int way;
    return find_unit(cx, c->start, c->end, UNIT_MARKERS, &u, &ua, &ub, &way);
}

/* Does a cell begin with a figure (a digit, perhaps signed) that is no date? */
static bool figure_cell(struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t p = c->start + mark_at(&cx->rs->table_marks.signs, cx->t, c->start, c->end);
    if (p >= c->end || !u_isdigit(cx->t[p]))
        return false;
    if (ratio_cell(cx, c))
        return false;
    /* an outline number begins a label (1.因公出国(境)费用, 2、公务接待费) */
    if (numbers_outline_end(cx->t, p, c->end) > p)
        return false;
    int32_t e = c->start;
    while (e < c->end && !is_blank_char(cx->t[e]))
        e++;
    /* a number before words set apart by a blank numbers a title (8-17
     * 各类粮食产量), where a unit after a figure is a word or two (12.5 万吨) */
    enum { SPACED_UNIT_MAX = 4 };
    int32_t w = e;
    while (w < c->end && is_blank_char(cx->t[w]))
        w++;
    if (w > e && c->end - w > SPACED_UNIT_MAX && u_hasBinaryProperty(cx->t[w], UCHAR_IDEOGRAPHIC))
        return false;
    /* a date set with blanks is one (2022 年度, 2022 年 1 月 1 日) */
    return !time_span(cx, c->start, e, false, NULL, NULL) &&
           !(e < c->end && time_span(cx, c->start, c->end, true, NULL, NULL));
}

/* Is t[a, b) a bare year (four digits, 1900 to 2100)? In a table such a
 * cell is a row's or column's time, never a figure, where it stands in
 * the first column or in a row of years. */
static bool year_like(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    /* a year marked an estimate or a forecast (2024E, 2025F) is one too */
    if (b - a > 4 && word_list_match(&cx->rs->table_marks.year_marks, cx->t, a + 4, b) == b - a - 4)
        b = a + 4;
    if (b - a != 4)
        return false;
    int v = 0;
    for (int32_t p = a; p < b; p++) {
        if (cx->t[p] < '0' || cx->t[p] > '9')
            return false;
        v = v * 10 + (cx->t[p] - '0');
    }
    return v >= 1900 && v <= 2100;
}

/* The implied-unit rule of the words of t[a, b): of the word that ends
 * last, the head of a name (GDP增速 is a rate, 收入 of 人均收入 money; a
 * rule's head words count only where they end it: 增值税); two rules whose
 * words end there disagree (*conflict). */
static const struct implied_unit_rule *implied_in(const struct sentence_ctx *cx, int32_t a, int32_t b,
                                                  bool *conflict)
{
    const struct implied_unit_rule *found = NULL;
    int32_t found_end = a, ratio_end = a;
    bool tie = false;
    for (int32_t p = a; p < b; p++)
        for (size_t i = 0; i < cx->rs->n_implied_units; i++) {
            const struct implied_unit_rule *m = &cx->rs->implied_units[i];
            /* a total, or a verb that needs money named before it: never a header's */
            int32_t n = m->sum || m->after_same_unit ? 0 : word_list_match(&m->words, cx->t, p, b);
            int32_t h = word_list_match(&m->head_words, cx->t, p, b);
            n = p + h == b && h > n ? h : n; /* a head word ends the name */
            if (n && m->ratio) {
                ratio_end = p + n > ratio_end ? p + n : ratio_end;
                continue;
            }
            if (!n || p + n < found_end)
                continue;
            if (found && found != m && p + n == found_end)
                tie = true;
            else if (p + n > found_end)
                tie = false;
            found = m;
            found_end = p + n;
        }
    /* a ratio named after every other word: 学生与专任教师比 (not 占比) */
    if (ratio_end > found_end)
        return NULL;
    if (tie)
        *conflict = true;
    return found;
}

static bool implied_table_unit(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                               struct table_unit *u)
{
    if (!m || !read_unit_text(cx, m->unit_text, m->unit_len, u))
        return false;
    u->rule = m->id;
    return true;
}

/* Does the implied-unit rule m name a unit of another kind than u? */
static bool implied_differs(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                            const struct table_unit *u)
{
    struct table_unit v;
    return implied_table_unit(cx, m, &v) && u->unit && strcmp(v.unit->kind, u->unit->kind);
}

/* Does the implied-unit rule m name another count than u, of things of
 * their own (户 against 人)? Not one of things in general or of visits
 * (table_marks.general_counts: 企业 are counted in 个, 门诊人数 in 人次),
 * and not another kind: a table in % holds rates of money named columns. */
static bool other_measure(const struct sentence_ctx *cx, const struct implied_unit_rule *m,
                          const struct table_unit *u)
{
    const struct name_list *general = &cx->rs->table_marks.general_counts;
    struct table_unit v;
    if (!implied_table_unit(cx, m, &v) || !u->unit || strcmp(v.unit->kind, "count") || strcmp(u->unit->kind, "count"))
        return false;
    return strcmp(v.unit->unit, u->unit->unit) && !name_list_has(general, v.unit->unit) &&
           !name_list_has(general, u->unit->unit);
}

/* Join two labels with a blank; either may be NULL. */
static const char *join_labels(struct doc *doc, const char *a, const char *b)
{
    if (!a || !b)
        return a ? a : b;
    char *s = arena_alloc(&doc->arena, strlen(a) + strlen(b) + 2);
    sprintf(s, "%s %s", a, b);
    return s;
}

enum row_kind { ROW_EMPTY, ROW_HEADER, ROW_CAPTION, ROW_SECTION, ROW_DATA, ROW_TEXT };

/* What the header cells of a column, or the label cells of a row, say. */
struct header_facts {
    const char *name;
    bool has_unit;
    bool marker_unit;              /* said with 单位: the whole table's */
    bool has_cell_unit;            /* a row's cell that is a unit alone (公斤) */
    struct table_unit cell_unit;
    struct table_unit unit;
    const char *role, *role_rule;
    bool change_alone;             /* its name says a change and nothing else (同比) */
    const struct header_facts *lost_column; /* a row's: the header of its last column, which lost its place */
    const char *time_ref;
    bool implies_conflict;
    const struct implied_unit_rule *implied;
    bool whole_unit;               /* unit is the whole cell (亿元), not in brackets or after 单位 */
    bool implied_inherited;        /* implied is a row's section's, not of its own words */
    bool implied_head;             /* the implying word ends the name (股基交易额), not inside
                                    * it (上市公司 of 归属于上市公司股东的净利润) */
    bool names_count;              /* and names the number of what it counts (上市公司家数:
                                    * count_words) */
    bool unread_unit;            /* a multiplier or a rate in brackets no unit rule reads
                                    * (港元(千$), 全员劳动生产率(元/人年)) */
    bool label_time_read;          /* a row's: label_time is known (read once a row) */
    const char *label_time;        /* a row's: the time inside its label (减:2019年度已使用金额) */
};

static const char *delta_header(struct sentence_ctx *cx, int32_t a, int32_t b, bool *alone);

/* Does t[a, b) hold brackets around a multiplier (千, 万, 亿 …)? */
static bool multiplier_in_brackets(const struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *open_at,
                                   int32_t *ma, int32_t *mb)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (int32_t p = a, open; p < b; p++) {
        if (!(open = mark_at(&m->open_brackets, cx->t, p, b)))
            continue;
        bool found = false, others = false;
        int32_t q = p + open;
        for (; q < b && !mark_at(&m->close_brackets, cx->t, q, b); q++) {
            double v = u_getNumericValue(cx->t[q]);
            bool multiplier = v != U_NO_NUMERIC_VALUE && v >= 100 && !u_isdigit(cx->t[q]);
            found = found || multiplier;
            /* a currency's sign with it (千$) says the money the name writes */
            others = others || !(multiplier || u_charType(cx->t[q]) == U_CURRENCY_SYMBOL);
        }
        if (found) {
            *open_at = p;
            *ma = p + open;
            *mb = others || q == b ? *ma : q;
            return true;
        }
    }
    return false;
}

/* A unit of money that ends at e, a field of its own (2025/06 中期 港元):
 * to *u. */
static bool money_before(const struct sentence_ctx *cx, int32_t a, int32_t e, struct table_unit *u)
{
    while (e > a && is_blank_char(cx->t[e - 1]))
        e--;
    int32_t s = e;
    while (s > a && !is_blank_char(cx->t[s - 1]))
        s--;
    return s < e && read_unit_text(cx, cx->t + s, e - s, u) && !strcmp(u->unit->kind, "money") && !u->per;
}

/* Scale u by the multipliers of t[a, b) (千, 百万; a currency's sign among
 * them is passed over). */
static bool scale_unit(const struct sentence_ctx *cx, int32_t a, int32_t b, struct table_unit *u)
{
    int e = 0;
    for (int32_t q = a; q < b; q++) {
        double v = u_getNumericValue(cx->t[q]);
        if (u_charType(cx->t[q]) == U_CURRENCY_SYMBOL)
            continue;
        int k = 0;
        for (double x = v; x >= 10; x /= 10)
            k++;
        if (v == U_NO_NUMERIC_VALUE || v < 100)
            return false;
        e += k;
    }
    u->factor.e += e;
    return e > 0;
}

/* Does a row's label name a place or a body (北京, 城东街道, 全国): a word
 * of it of a place class, or a scope as a whole? */
static bool label_is_place(const struct sentence_ctx *cx, const char *label)
{
    const struct subject_rule *s = &cx->rs->subject;
    UChar u[64];
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, 64, &n, label, -1, &e);
    if (U_FAILURE(e) || n <= 0 || n > 64 || !cx->rs->words)
        return false;
    if (word_list_match(&s->scopes, u, 0, n) == n)
        return true;
    struct wc_word w[64];
    size_t k = wordclass_segment(cx->rs->words, u, 0, n, w);
    for (size_t i = 0; i < k; i++)
        if (name_list_has(&s->place_classes, w[i].tag))
            return true;
    return false;
}

/* Where a label written in two languages ends its first: at the blanks
 * before a word of Latin letters that follow Han characters (门诊人次
 * Out-patients), else at b. */
static int32_t first_language_end(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    bool han = false;
    for (int32_t p = a; p < b; p++) {
        UErrorCode e = U_ZERO_ERROR;
        if (u_hasBinaryProperty(cx->t[p], UCHAR_IDEOGRAPHIC)) {
            han = true;
        } else if (han && u_isUWhiteSpace(cx->t[p])) {
            int32_t q = p;
            while (q < b && u_isUWhiteSpace(cx->t[q]))
                q++;
            if (q < b && u_isalpha(cx->t[q]) && uscript_getScript(cx->t[q], &e) == USCRIPT_LATIN)
                return p;
            p = q - 1;
        }
    }
    return b;
}

/* Do the brackets that close t[a, b) hold a rate (元/人年): the separator
 * of rate.slash between two words? */
static bool rate_in_brackets(const struct sentence_ctx *cx, int32_t a, int32_t b)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    while (b > a && is_blank_char(cx->t[b - 1]))
        b--;
    int32_t close = b - 1;
    if (close <= a || !mark_at(&m->close_brackets, cx->t, close, b))
        return false;
    /* a rate's separator (a rate rule's) between two letters of words, Han
     * or Latin (元/人年, USD/t; not 2023/12/31, +/-); y/y too, whose figures'
     * unit is not known either */
    bool slash = false;
    for (int32_t p = close - 1; p >= a; p--) {
        if (mark_at(&m->open_brackets, cx->t, p, close))
            return slash;
        for (size_t k = 0; p > a && !slash && k < cx->rs->n_rate_separators; k++) {
            int32_t n = word_list_match(&cx->rs->rate_separators[k].words, cx->t, p, close);
            slash = n && p + n < close && u_isalpha(cx->t[p - 1]) && u_isalpha(cx->t[p + n]);
        }
    }
    return false;
}

/* Add what cell c says to h: its unit (a later one wins with last_unit),
 * its name, or its time (2023年), a change (比上年增长), an implied unit.
 * With first_language, a name in two languages is named in its first. */
static void read_header(struct sentence_ctx *cx, const struct table_cell *c, int ways, bool last_unit,
                        bool first_language, struct header_facts *h)
{
    struct label l = read_label(cx, c, ways);
    /* the figures are scaled by a multiplier whose unit no rule reads: their
     * size is not known; a multiplier alone in brackets (净利润(万)) is
     * none of the name, and scales the unit the name implies (below) */
    int32_t open_at, ma = 0, mb = 0;
    if (!l.has_unit && multiplier_in_brackets(cx, c->start, c->end, &open_at, &ma, &mb)) {
        h->unread_unit = true;
        if (mb > ma && open_at >= l.name_start && open_at < l.name_end)
            l.name_end = open_at;
        /* a unit of money right before it (港元(千$)): that money, scaled */
        if (mb > ma && money_before(cx, l.name_start, open_at, &l.unit) && scale_unit(cx, ma, mb, &l.unit)) {
            l.has_unit = true;
            l.way = UNIT_BRACKETS;
            h->unread_unit = false;
            ma = mb = 0;
        }
    }
    /* a rate in brackets that no unit rule reads (元/人年): the figures'
     * unit is not known, whatever the row's words imply */
    if (!l.has_unit && rate_in_brackets(cx, c->start, c->end))
        h->unread_unit = true;
    if (first_language && !l.has_unit && l.name_end > l.name_start) {
        /* a ledger's label may end in its unit set apart, as the field of a
         * column of units: 地区生产总值 亿元 */
        int32_t q = l.name_end, name = q;
        while (q > l.name_start && !u_isUWhiteSpace(cx->t[q - 1]))
            q--;
        name = q;
        while (name > l.name_start && u_isUWhiteSpace(cx->t[name - 1]))
            name--;
        /* a field of one character before it is a word spaced out (股 本,
         * 总 股 本), no name and its unit */
        int32_t before = name;
        while (before > l.name_start && !u_isUWhiteSpace(cx->t[before - 1]))
            before--;
        int32_t ua, ub;
        if (name - before >= 2 && find_unit(cx, q, l.name_end, UNIT_WHOLE, &l.unit, &ua, &ub, &l.way)) {
            l.has_unit = true;
            l.way = UNIT_BRACKETS; /* the row's own unit, not a unit to a price */
            l.name_end = q;
        }
    }
    /* a time that opens the name and a unit run on after it (2024年上半年
     * 人民币千元): the column's time, and its unit as if in brackets */
    int32_t ot, oe;
    if (!l.has_unit && l.name_end > l.name_start && time_opens(cx, l.name_start, l.name_end, &ot, &oe)) {
        int32_t ua, ub;
        if (find_unit(cx, oe, l.name_end, UNIT_WHOLE, &l.unit, &ua, &ub, &l.way)) {
            l.has_unit = true;
            l.way = UNIT_BRACKETS;
            l.name_end = oe;
        }
    }
    if (first_language)
        l.name_end = first_language_end(cx, l.name_start, l.name_end);
    if (l.has_unit && !last_unit && l.way == UNIT_WHOLE) {
        if (!h->has_cell_unit) {
            h->has_cell_unit = true;
            h->cell_unit = l.unit;
        }
    } else if (l.has_unit && (last_unit || !h->has_unit)) {
        h->has_unit = true;
        h->marker_unit = l.way == UNIT_MARKERS;
        h->whole_unit = l.way == UNIT_WHOLE;
        h->unit = l.unit;
    }
    int32_t ta, tz;
    bool named_before = h->name != NULL;
    if (year_like(cx, l.name_start, l.name_end))
        h->time_ref = utf8_of(cx->doc, cx->t + l.name_start, l.name_end - l.name_start);
    else if (time_span(cx, l.name_start, l.name_end, true, &ta, &tz))
        h->time_ref = utf8_of(cx->doc, cx->t + ta, tz - ta);
    else {
        h->change_alone = h->change_alone && !h->name;
        h->name = join_labels(cx->doc, h->name, label_text(cx, l.name_start, l.name_end));
        /* a time that opens a name (2019年决算数, 1-9月累计) is the time of
         * its figures */
        if (!h->time_ref && time_opens(cx, l.name_start, l.name_end, &ta, &tz))
            h->time_ref = utf8_of(cx->doc, cx->t + ta, tz - ta);
    }
    bool alone = false;
    const char *delta = delta_header(cx, l.name_start, l.name_end, &alone);
    if (delta) {
        h->role = "delta";
        h->role_rule = delta;
        h->change_alone = alone && !named_before;
    }
    const struct implied_unit_rule *m = implied_in(cx, l.name_start, l.name_end, &h->implies_conflict);
    h->implied = m ? m : h->implied;
    if (m) {
        h->implied_inherited = false;
        int32_t e = l.name_end;
        while (e > l.name_start && is_blank_char(cx->t[e - 1]))
            e--;
        h->implied_head = word_list_match_before(&m->words, cx->t, l.name_start, e) > 0;
        h->names_count = word_list_match_before(&m->count_words, cx->t, l.name_start, e) > 0;
    }
    /* 归属母公司净利润(万): 万 of the 元 that 净利润 implies */
    enum { SCALED_UNIT_MAX = 16 };
    UChar scaled[SCALED_UNIT_MAX];
    struct table_unit u;
    if (mb > ma && m && h->implied_head && !h->implies_conflict && !h->has_unit &&
        mb - ma + m->unit_len <= SCALED_UNIT_MAX) {
        u_memcpy(scaled, cx->t + ma, mb - ma);
        u_memcpy(scaled + (mb - ma), m->unit_text, m->unit_len);
        if (read_unit_text(cx, scaled, mb - ma + m->unit_len, &u)) {
            u.rule = m->id;
            h->has_unit = true;
            h->unit = u;
            h->unread_unit = false;
        }
    }
}

/* Does a header name t[a, b) say a change (比上年增长)? The delta rule's id;
 * *alone: the words of the change are the whole name (同比). */
static const char *delta_header(struct sentence_ctx *cx, int32_t a, int32_t b, bool *alone)
{
    while (b > a && is_blank_char(cx->t[b - 1]))
        b--;
    int32_t save_start = cx->start, save_end = cx->end;
    cx->start = a;
    cx->end = b;
    const char *id = NULL;
    int32_t at;
    const struct delta_rule *d = delta_before(cx, a, b, &at);
    if (d) {
        id = d->id;
        *alone = at <= a;
    }
    for (size_t k = 0; k < cx->rs->n_table_delta_headers && !id; k++) {
        int32_t n = word_list_match_before(&cx->rs->table_delta_headers[k].words, cx->t, a, b);
        if (n) {
            id = cx->rs->table_delta_headers[k].id;
            *alone = n >= b - a;
        }
    }
    cx->start = save_start;
    cx->end = save_end;
    return id;
}

/* Where the drawing of a box begins in t[s, e) (──┬──, 科 目 │ …); e
 * where none does. */
static int32_t box_start(const UChar *t, int32_t s, int32_t e)
{
    for (int32_t p = s; p < e; p++)
        if (tables_box_char(t[p]))
            return p;
    return e;
}

/* The unit of the line just above the table (单位：亿元), when it says one.
 * Above a table drawn in a box, the lines of the box over the rows read (a
 * header of two levels) are passed over, up to the text before the box
 * (its caption, perhaps on one line with the box's first rule); blanks
 * that set the line's parts apart do not count to its length. */
static bool unit_line_above(struct sentence_ctx *cx, const struct doc_table *tb, struct table_unit *u)
{
    enum { LINE_MAX = 80, BOX_LINES_MAX = 4 };
    int32_t e = tb->start;
    for (int boxed = 0;; boxed++) {
        while (e > 0 && is_blank_char(cx->t[e - 1]))
            e--;
        int32_t s = e, chars = 0;
        while (s > 0 && cx->t[s - 1] != '\n' && chars <= LINE_MAX)
            chars += !is_blank_char(cx->t[--s]);
        if (s == e)
            return false;
        int32_t box = box_start(cx->t, s, e);
        if (box == s && boxed < BOX_LINES_MAX) {
            e = s; /* a line of the box: its rules, its header's cells */
            continue;
        }
        if (box < e)
            e = box; /* the text before the box's first rule */
        else if (chars > LINE_MAX)
            return false;
        int32_t ua, ub;
        int way;
        if (!find_unit(cx, s, e, UNIT_MARKERS, u, &ua, &ub, &way))
            return false;
        spans_push(&cx->table_spans, ua, ub);
        return true;
    }
}

/* A row whose own cell names a unit (a price table's 单位 column: 公斤):
 * where the figure has no unit, or one of the same kind (money and 万元),
 * it is the figure's, and so is a rate of money where the figure is money
 * (元/500克 for the 元 of a column of 均价); where the figure is money
 * (单位：元, a column of 价格) and the row's unit is not, it is what the
 * money is per (元/公斤). Else (a percent column) the figure keeps its own. */
static void rate_of_row(struct table_unit *unit, const struct table_unit *row, bool guessed)
{
    bool one = row->factor.m == 1 && row->factor.e == 0;
    bool money = unit->unit && !strcmp(unit->unit->kind, "money");
    if (!unit->unit || (row->per && !unit->per && money && !strcmp(row->unit->kind, "money")) ||
        (!unit->per && !row->per && !strcmp(unit->unit->kind, row->unit->kind))) {
        *unit = *row; /* the row's own 万元 carries its multiplier */
    } else if (!strcmp(unit->unit->kind, "money") && !unit->per && strcmp(row->unit->kind, "money") &&
               !row->per && one) {
        unit->per = row->unit;
    } else if (guessed) {
        *unit = *row; /* the row writes its unit, its words only implied one */
    }
}

/* Is a cell running text rather than a figure or a label (a page laid out
 * in a table holds its article in a cell)? Such a cell is read as text. */
static bool prose_cell(const struct sentence_ctx *cx, const struct doc_table *tb, const struct table_cell *c)
{
    enum { CELL_TEXT_MAX = 100 };
    if (c->end - c->start > CELL_TEXT_MAX && !tb->ledger)
        return true; /* a ledger's label may be longer: its gloss in English (tables.c) */
    for (int32_t p = c->start; p < c->end; p++)
        if (mark_at(&cx->rs->table_marks.prose_ends, cx->t, p, c->end))
            return true;
    return false;
}

/* Is the cell's text, blanks aside, a word of one of the n rules? */
static bool header_word(const struct sentence_ctx *cx, const struct table_cell *c, const struct word_rule *rules,
                        size_t n)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    for (size_t k = 0; k < n; k++)
        if (a < b && word_list_match(&rules[k].words, cx->t, a, b) == b - a)
            return true;
    return false;
}

/* Does the cell head a column of ranks (排名)? */
static bool rank_header(const struct sentence_ctx *cx, const struct table_cell *c)
{
    return header_word(cx, c, cx->rs->table_rank_headers, cx->rs->n_table_rank_headers);
}

/* Does the cell head a column of times (月份)? */
static bool time_header(const struct sentence_ctx *cx, const struct table_cell *c)
{
    return header_word(cx, c, cx->rs->table_time_headers, cx->rs->n_table_time_headers);
}

/* Row r's label: the cell of its first column, or NULL where none. */
static const struct table_cell *row_label(const struct doc_table *tb, const int *grid, int nc, int r)
{
    int i = grid[(size_t)r * nc];
    return i < 0 ? NULL : &tb->cells[i];
}

/* Does row r's label (its first cell) begin with a mark of a part of the
 * row above (其中：, #: rs->table_label_trims)? The rule's id, else NULL. */
static const char *part_cell(const struct sentence_ctx *cx, const struct table_cell *c);

static const char *part_label(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                              int r)
{
    const struct table_cell *c = row_label(tb, grid, nc, r);
    return c ? part_cell(cx, c) : NULL;
}

/* Does the cell begin with a word that makes it a part (其中：, #)? The
 * rule's id, else NULL. */
static const char *part_cell(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a = c->start;
    while (a < c->end && is_blank_char(cx->t[a]))
        a++;
    for (size_t k = 0; k < cx->rs->n_table_label_trims; k++)
        if (word_list_match(&cx->rs->table_label_trims[k].words, cx->t, a, c->end))
            return cx->rs->table_label_trims[k].id;
    return NULL;
}

/* May a part whose words imply the unit of rule m count in its whole's
 * unit: m implies none, or one of the same kind? */
static bool part_fits(const struct sentence_ctx *cx, const struct implied_unit_rule *m, const struct table_unit *whole)
{
    struct table_unit u;
    if (!m)
        return true;
    return implied_table_unit(cx, m, &u) && !strcmp(u.unit->kind, whole->unit->kind) && !u.per == !whole->per;
}

/* Where the header repeats the name of its first column (品种 本期价格 上期价格
 * 品种 本期价格 上期价格), the table is groups of columns side by side, each
 * led by a column of labels: groups[k] is where the group of column k
 * begins (0 for all where the header repeats nothing). */
static int *column_groups(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                          const enum row_kind *kind, int first_data)
{
    int *groups = xcalloc((size_t)nc, sizeof *groups);
    int header = -1;
    for (int r = 0; r < first_data; r++)
        if (kind[r] == ROW_HEADER)
            header = r;
    int first = header >= 0 ? grid[(size_t)header * nc] : -1;
    if (first < 0)
        return groups;
    const struct table_cell *name = &tb->cells[first];
    int32_t len = name->end - name->start;
    int start = 0;
    for (int k = 1; k < nc; k++) {
        int i = grid[(size_t)header * nc + k];
        if (len > 0 && i >= 0 && i != grid[(size_t)header * nc + k - 1] &&
            tb->cells[i].end - tb->cells[i].start == len &&
            !memcmp(cx->t + tb->cells[i].start, cx->t + name->start, (size_t)len * sizeof *cx->t))
            start = k;
        groups[k] = start;
    }
    return groups;
}

/* The label of the group of columns (column_groups) that cell c of a data
 * row falls in, for a group after the first: the group's first cell in the
 * row where it holds a letter and is no figure; else NULL. */
static const char *group_label(struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                               const bool *figure, const int *groups, const struct table_cell *c)
{
    int g = groups[c->col];
    if (g == 0 || g == c->col)
        return NULL;
    int i = grid[(size_t)c->row * nc + g];
    if (i < 0 || figure[i])
        return NULL;
    const struct table_cell *l = &tb->cells[i];
    if (!has_letter(cx, l->start, l->end))
        return NULL;
    struct header_facts h = {0};
    read_header(cx, l, UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false, tb->ledger, &h);
    return h.name;
}

/* Does the label of row r (its first cell) end in a word that leaves it
 * open, a line break after it: 的 (归属于上市公司股东的)? */
static bool label_ends_open(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                            int r)
{
    const struct table_cell *c = row_label(tb, grid, nc, r);
    if (!c)
        return false;
    int32_t e = c->end;
    while (e > c->start && is_blank_char(cx->t[e - 1]))
        e--;
    return e > c->start && word_list_match_before(&cx->rs->subject.linkers, cx->t, c->start, e) > 0;
}

enum { RANK_MARK_MAX = 3, RANK_DIGITS_MAX = 3 }; /* N or NEW among ranks of up to 999 */
enum { CODE_DIGITS_MIN = 6, ROW_NUMBER_DIGITS_MAX = 3 };
/* the rows of a header that may name a column, from the top */
enum { HEADER_LEVELS_MAX = 3 };

/* The digits of a cell that holds digits alone (blanks around them); 0
 * where it holds anything else. */
static int digits_alone(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    for (int32_t q = a; q < b; q++)
        if (cx->t[q] < '0' || cx->t[q] > '9')
            return 0;
    return (int)(b - a);
}

/* Is scaled u's unit with a multiplier (万人 against 人, 万元 against 元)? */
static bool scaled_by(const struct table_unit *u, const struct table_unit *scaled)
{
    return u->unit && scaled->unit && !u->per && !scaled->per && !strcmp(u->unit->unit, scaled->unit->unit) &&
           u->factor.m == 1 && u->factor.e == 0 && !(scaled->factor.m == 1 && scaled->factor.e == 0);
}

/* Could the cell be a row's number: a whole number of a few digits? */
static bool row_number(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int n = digits_alone(cx, c);
    return n > 0 && n <= ROW_NUMBER_DIGITS_MAX;
}

/* Does the cell's figure have a fraction (364.65)? No rank has: in a column
 * of ranks such a figure is one that lost its place. */
static bool has_fraction(const struct sentence_ctx *cx, const struct table_cell *c)
{
    int32_t a, b;
    cell_text(cx, c, &a, &b);
    for (int32_t q = a + 1; q + 1 < b; q++)
        if ((cx->t[q] == '.' || cx->t[q] == 0xFF0E) && u_isdigit(cx->t[q - 1]) && u_isdigit(cx->t[q + 1]))
            return true;
    return false;
}

/* Which columns hold labels: the first, and those whose lowest header
 * cell (above the first row of data) says what the first's says, as two
 * tables set side by side do (項目 | 行次 | 金額 | 項目 | 行次 | 金額). */
static bool *label_columns(const struct sentence_ctx *cx, const struct doc_table *tb, const int *grid, int nc,
                           const bool *figure, int first_data)
{
    bool *label = xcalloc((size_t)nc + 1, sizeof *label);
    int *head = xmalloc(((size_t)nc + 1) * sizeof *head);
    for (int k = 0; k < nc; k++) {
        head[k] = -1;
        for (int r = 0; r < first_data; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && !figure[i] && tb->cells[i].end > tb->cells[i].start)
                head[k] = i;
        }
    }
    label[0] = true;
    for (int k = 1; k < nc && head[0] >= 0; k++) {
        if (head[k] < 0)
            continue;
        int32_t a0, b0, a, b;
        cell_text(cx, &tb->cells[head[0]], &a0, &b0);
        cell_text(cx, &tb->cells[head[k]], &a, &b);
        label[k] = b - a == b0 - a0 && b > a && !memcmp(cx->t + a, cx->t + a0, (size_t)(b - a) * sizeof *cx->t);
    }
    free(head);
    return label;
}

void extract_table(struct sentence_ctx *cx, const struct doc_table *tb)
{
    enum { GRID_MAX = 1 << 20 };
    int nr = tb->nrows, nc = tb->ncols;
    if (nr <= 0 || nc <= 0 || (size_t)nr * (size_t)nc > GRID_MAX)
        return;
    int *grid = xmalloc((size_t)nr * (size_t)nc * sizeof *grid);
    for (size_t i = 0; i < (size_t)nr * (size_t)nc; i++)
        grid[i] = -1;
    bool *figure = xcalloc(tb->ncells + 1, sizeof *figure);
    bool *prose = xcalloc(tb->ncells + 1, sizeof *prose);
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        for (int r = c->row; r < c->row + c->rowspan && r < nr; r++)
            for (int k = c->col; k < c->col + c->colspan && k < nc; k++)
                grid[(size_t)r * nc + k] = (int)i;
        prose[i] = prose_cell(cx, tb, c);
        figure[i] = !prose[i] && figure_cell(cx, c);
    }
    /* a column headed by a rank word (排名, 序号) holds ranks: no figures,
     * no labels; one headed by a word of time (月份) holds times, and those
     * of its cells that read as figures (1-2, 3: months; a bare year is a
     * time, below) are neither */
    bool *rank = xcalloc(tb->ncells + 1, sizeof *rank);
    bool time_column = false; /* its rows are times of their own: the caption's is none of theirs */
    bool rank_column = false;
    bool *rank_col = xcalloc((size_t)nc + 1, sizeof *rank_col); /* headed by a rank word */
    for (int k = 0; k < nc; k++) {
        int top = grid[k];
        /* a rank word may head the column in the second row of a header of
         * two levels (收入 over 項目 | 行次 | 金額), under an empty cell or
         * a first row that lost its places (收入 | 支出 | ||||) */
        int below = nr > 1 ? grid[(size_t)nc + k] : -1;
        if (below >= 0 && tb->cells[below].row == 1 && !figure[below] && rank_header(cx, &tb->cells[below]) &&
            (top < 0 || tb->cells[top].end == tb->cells[top].start || tb->cells[top].loose))
            top = below;
        if (top < 0 || figure[top])
            continue;
        bool times = time_header(cx, &tb->cells[top]);
        time_column = time_column || times;
        if (!times && !rank_header(cx, &tb->cells[top]))
            continue;
        rank_column = rank_column || !times;
        rank_col[k] = !times;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && i != top && tb->cells[i].col == k &&
                (!times || (figure[i] && !year_like(cx, tb->cells[i].start, tb->cells[i].end))) &&
                (times || !figure[i] || !has_fraction(cx, &tb->cells[i]))) {
                rank[i] = true;
                figure[i] = false;
            }
        }
    }
    /* a column of small whole numbers among which a short word of Latin
     * letters stands for one (a chart's last week: 1, N, 2, N, 22: N a new
     * entry) holds ranks */
    for (int k = 0; k < nc; k++) {
        int marks = 0, small = 0, other = 0;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r || rank[i])
                continue;
            const struct table_cell *c = &tb->cells[i];
            int32_t a, b, letters = 0, digits = 0;
            cell_text(cx, c, &a, &b);
            for (int32_t q = a; q < b; q++) {
                letters += latin_letter(cx->t[q]);
                digits += u_isdigit(cx->t[q]) != 0;
            }
            if (a == b)
                continue;
            if (letters == b - a && letters <= RANK_MARK_MAX)
                marks++;
            else if (digits == b - a && digits <= RANK_DIGITS_MAX)
                small++;
            else
                other++;
        }
        /* two marks at least, under a header that names no unit (员工(人)
         * with an NA among its counts holds counts) */
        struct table_unit u;
        int32_t ua, ub;
        int way;
        if (marks < 2 || !small || other ||
            (grid[k] >= 0 && find_unit(cx, tb->cells[grid[k]].start, tb->cells[grid[k]].end, UNIT_MARKERS | UNIT_BRACKETS,
                                       &u, &ua, &ub, &way)))
            continue;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r) {
                rank[i] = true;
                figure[i] = false;
            }
        }
    }
    /* bare years in the first column, or filling a row, are times */
    bool *year_row = xcalloc((size_t)nr, sizeof *year_row);
    for (int r = 0; r < nr; r++)
        year_row[r] = true;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (figure[i] && !year_like(cx, c->start, c->end))
            year_row[c->row] = false;
    }
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (figure[i] && (c->col == 0 || year_row[c->row]) && year_like(cx, c->start, c->end))
            figure[i] = false;
    }
    free(year_row);
    /* a column whose cells below its top are mostly words names things
     * (型号: E3 1231 V3, B85M-G Plus, 3.0): a figure among them is a name.
     * Only rows with figures count: a header the page repeats over each
     * part of a table (| 6月 | 1-6月累计 | 累计 |) names no things */
    int *figure_row = xcalloc((size_t)nr, sizeof *figure_row); /* figures a row holds */
    for (size_t i = 0; i < tb->ncells; i++)
        if (figure[i] && tb->cells[i].row < nr)
            figure_row[tb->cells[i].row]++;
    for (int k = 0; k < nc; k++) {
        int words = 0, figs = 0, codes = 0;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r || prose[i] || rank[i] || !figure_row[r])
                continue;
            if (figure[i]) {
                figs++;
                codes += digits_alone(cx, &tb->cells[i]) >= CODE_DIGITS_MIN && figure_row[r] == 1;
                continue;
            }
            words += has_letter(cx, tb->cells[i].start, tb->cells[i].end);
        }
        /* or where its figures are codes, long runs of digits alone, each
         * the only figure of its row (名稱及編號: 司法支出 under 3500000000) */
        if (!figs || words < 2 || (2 * figs > words && codes < figs))
            continue;
        for (int r = 1; r < nr; r++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r)
                figure[i] = false;
        }
    }
    free(figure_row);
    /* whole numbers of a few digits before a row's label, figures after it,
     * number the row (款 項 目 節 of a budget: 5 | | 司法支出 | 37,440,173) */
    for (int r = 1; r < nr; r++) {
        int label = -1, after = 0; /* the row's first cell of words, and the figures after it */
        for (int k = 0; k < nc; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || tb->cells[i].col != k || tb->cells[i].row != r)
                continue;
            if (label >= 0)
                after += figure[i];
            else if (!figure[i] && !prose[i] && has_letter(cx, tb->cells[i].start, tb->cells[i].end))
                label = k;
        }
        if (label <= 0 || !after)
            continue;
        bool numbers = true;
        for (int k = 0; k < label && numbers; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r && figure[i])
                numbers = digits_alone(cx, &tb->cells[i]) > 0 && digits_alone(cx, &tb->cells[i]) <= ROW_NUMBER_DIGITS_MAX;
        }
        for (int k = 0; k < label && numbers; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i >= 0 && tb->cells[i].col == k && tb->cells[i].row == r && figure[i]) {
                figure[i] = false;
                rank[i] = true;
            }
        }
    }
    /* rows: what their own cells (those that begin in them) hold */
    enum row_kind *kind = xcalloc((size_t)nr, sizeof *kind);
    int *nonempty = xcalloc((size_t)nr, sizeof *nonempty), *figures = xcalloc((size_t)nr, sizeof *figures);
    int *only = xcalloc((size_t)nr, sizeof *only), *first_figure = xmalloc((size_t)nr * sizeof *first_figure);
    for (int r = 0; r < nr; r++)
        first_figure[r] = nc;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (c->end == c->start || prose[i] || rank[i])
            continue;
        nonempty[c->row]++;
        figures[c->row] += figure[i];
        only[c->row] = (int)i;
        if (figure[i] && c->col < first_figure[c->row])
            first_figure[c->row] = c->col;
    }
    int first_data = nr;
    bool headed = false; /* a header row came before */
    for (int r = 0; r < nr; r++) {
        if (nonempty[r] == 0)
            kind[r] = ROW_EMPTY;
        else if (figures[r])
            kind[r] = ROW_DATA;
        else if (nonempty[r] == 1 && nc >= 2 && tb->cells[only[r]].colspan >= nc)
            kind[r] = ROW_CAPTION;
        else if (nonempty[r] == 1 && nc >= 2 && tb->cells[only[r]].col == 0)
            /* one cell above the header that says a unit with 单位 is the
             * table's unit line (| (2002年) 单位:万元 | ||||), not a section's */
            kind[r] = !headed && first_data == nr && unit_line_cell(cx, &tb->cells[only[r]]) ? ROW_CAPTION
                                                                                            : ROW_SECTION;
        else
            kind[r] = r < first_data ? ROW_HEADER : ROW_TEXT;
        headed = headed || kind[r] == ROW_HEADER;
        if (kind[r] == ROW_DATA && first_data == nr)
            first_data = r;
    }
    if (first_data == nr)
        goto done; /* no figures in cells: a table for layout, read as text */
    /* where a column numbers the rows (行次), a row with a small whole
     * number in a column of labels lost a cell before it, as a page drops
     * empty cells (二、上級補助收入 | 2 | 二、外交支出 | 29, 7 | 七、…支出 |
     * 34): its cells' columns are not known, and its small whole numbers
     * may be rows' numbers; none of them is read */
    bool *misplaced = xcalloc((size_t)nr + 1, sizeof *misplaced);
    if (rank_column) {
        bool *label = label_columns(cx, tb, grid, nc, figure, first_data);
        for (size_t i = 0; i < tb->ncells; i++) {
            const struct table_cell *c = &tb->cells[i];
            if (c->row < nr && c->col < nc && kind[c->row] == ROW_DATA && label[c->col] && !rank_col[c->col] &&
                !prose[i] && row_number(cx, c))
                misplaced[c->row] = true;
        }
        free(label);
    }
    /* the cells are the table's to read, not the text's */
    for (size_t i = 0; i < tb->ncells; i++)
        if (!prose[i] && tb->cells[i].end > tb->cells[i].start)
            spans_push(&cx->table_spans, tb->cells[i].start, tb->cells[i].end);
    /* the table's own unit and what its captions imply */
    struct table_unit table_unit = {0};
    struct table_unit listed[LISTED_UNITS_MAX]; /* a caption's units of several measures */
    int n_listed = 0;
    bool has_table_unit = false, conflict = false;
    const struct implied_unit_rule *table_implied = NULL;
    const char *table_time = NULL; /* the caption's: the cells' where no header names one */
    if (tb->caption_end > tb->caption_start) {
        struct table_cell cap = {.start = tb->caption_start, .end = tb->caption_end};
        table_time = time_column ? NULL : time_named_in(cx, cap.start, cap.end);
        struct label l = read_label(cx, &cap, UNIT_MARKERS | UNIT_BRACKETS);
        if (l.has_unit) {
            table_unit = l.unit;
            has_table_unit = true;
        } else {
            n_listed = listed_units(cx, cap.start, cap.end, listed, LISTED_UNITS_MAX);
        }
        const struct implied_unit_rule *m = implied_in(cx, tb->caption_start, tb->caption_end, &conflict);
        table_implied = m ? m : table_implied;
        /* a caption that names its units but none for sure (单位:元/kg、元/头、%)
         * leaves nothing to imply either */
        if (!l.has_unit && unit_marker_in(cx, tb->caption_start, tb->caption_end))
            conflict = true;
    }
    for (int r = 0; r < nr; r++) {
        if (kind[r] != ROW_CAPTION)
            continue;
        const struct table_cell *c = row_label(tb, grid, nc, r);
        if (!table_time && !time_column)
            table_time = time_named_in(cx, c->start, c->end);
        struct label l = read_label(cx, c, UNIT_MARKERS | UNIT_BRACKETS);
        if (l.has_unit && !has_table_unit) {
            table_unit = l.unit;
            has_table_unit = true;
        } else if (!l.has_unit && !n_listed) {
            n_listed = listed_units(cx, c->start, c->end, listed, LISTED_UNITS_MAX);
        }
        const struct implied_unit_rule *m = implied_in(cx, c->start, c->end, &conflict);
        if (m && table_implied && m != table_implied)
            conflict = true;
        table_implied = m ? m : table_implied;
    }
    if (!has_table_unit && tb->caption_end <= tb->caption_start)
        has_table_unit = unit_line_above(cx, tb, &table_unit);
    /* columns, from the header rows above the first data row */
    struct header_facts *cols = xcalloc((size_t)nc, sizeof *cols);
    bool lost_unit = false; /* a header cell that lost its place named a unit */
    bool *marked = xcalloc((size_t)nr, sizeof *marked); /* a header row that says 单位: a units row */
    for (size_t i = 0; i < tb->ncells; i++)
        if (tb->cells[i].row < first_data && unit_line_cell(cx, &tb->cells[i]))
            marked[tb->cells[i].row] = true;
    for (int k = 0; k < nc; k++) {
        struct header_facts *col = &cols[k];
        int last = -1;
        for (int r = 0; r < first_data; r++) {
            int i = grid[(size_t)r * nc + k];
            if (kind[r] != ROW_HEADER || i < 0 || i == last)
                continue;
            last = i;
            struct header_facts before = *col;
            read_header(cx, &tb->cells[i], UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, true, tb->ledger, col);
            if (col->marker_unit) { /* 单位：万元 over a column speaks for the table */
                if (!has_table_unit) {
                    table_unit = col->unit;
                    has_table_unit = true;
                }
                col->has_unit = col->marker_unit = false;
            } else if (tb->cells[i].loose) {
                /* a unit in a row whose cells lost their places ((%) under
                 * 上周 of 上周 本周 環比) is no column's: some column is in it,
                 * which is not known (金额 | 占调整预算% | 比上年增长% | |||
                 * under 2020年执行数), so none that writes no unit is sure */
                lost_unit = lost_unit || (col->has_unit && !before.has_unit && !marked[r]);
                col->has_unit = before.has_unit;
                col->unit = before.unit;
                col->role = before.role;
                col->role_rule = before.role_rule;
            }
        }
        /* a column of changes (增幅%) speaks for itself alone: its rate is
         * not the unit of the other columns (3月 1-3月 of a port table) */
        if (col->role)
            continue;
        /* a column's unit unlike the caption's leaves the table none sure;
         * the corner names the rows, not their measure */
        if (k > 0 && col->implied && !col->implies_conflict && table_implied && col->implied != table_implied)
            conflict = true;
        /* a column that is a part of the one before it (其中专职 after
         * 工作者) counts in its unit; not one numbered (2、面积 after
         * 1、人口(万人)), which is the next of a list */
        int top = grid[k];
        if (k > 1 && !col->has_unit && !col->implied && top >= 0 && tb->cells[top].col == k &&
            part_cell(cx, &tb->cells[top]) && !u_isdigit(cx->t[tb->cells[top].start])) {
            col->has_unit = cols[k - 1].has_unit;
            col->unit = cols[k - 1].unit;
            col->implied = cols[k - 1].implied;
            col->implies_conflict = cols[k - 1].implies_conflict;
        }
        /* a column's header implies its own column's unit (read with its
         * cells), the corner's the table's where the caption implies none
         * (各縣市旅遊人次 over 縣市: the corner names the rows): 在校学生数
         * says nothing of 学校数 beside it */
        if (k == 0 && col->implied && !col->implies_conflict && !table_implied && !col->implied->names_rows)
            table_implied = col->implied;
    }
    /* a unit alone over a column of labels, where no row has a figure (亿元
     * in the corner over 股基交易额, 两融余额): the table's; one in brackets
     * there ((个) under 类别) is some column's whose header lost its place */
    int labels_end = nc;
    for (int r = first_data; r < nr; r++)
        if (kind[r] == ROW_DATA && first_figure[r] < labels_end)
            labels_end = first_figure[r];
    for (int k = 0; k < labels_end && !has_table_unit; k++)
        if (cols[k].has_unit && cols[k].whole_unit && !cols[k].role &&
            !(grid[k] >= 0 && time_header(cx, &tb->cells[grid[k]]))) {
            table_unit = cols[k].unit;
            has_table_unit = true;
        }
    /* a column of changes named by the change alone (同比 after 产量) speaks
     * of the column just before it, where that one names a measure */
    for (int k = 2; k < nc; k++)
        if (cols[k].change_alone && cols[k - 1].name && !cols[k - 1].role && !cols[k - 1].time_ref)
            cols[k].name = cols[k - 1].name;
    /* rows of data, and the sections and labels they fall under */
    const char *section = NULL;
    struct table_unit section_unit = {0};
    bool has_section_unit = false;
    const struct header_facts *lost_column = NULL;
    const struct implied_unit_rule *section_implied = NULL;
    struct header_facts *rows = xcalloc((size_t)nr, sizeof *rows);
    struct table_unit whole_unit = {0};
    bool has_whole_unit = false, rows_write_units = tb->ledger, rows_name_measures = false;
    int last_data = -1;
    const char *prev_part = NULL;
    for (int r = 0; r < nr; r++) {
        if (kind[r] == ROW_SECTION && last_data >= 0 && last_data == r - 1 &&
            label_ends_open(cx, tb, grid, nc, last_data)) {
            /* the rest of the label of the row above, its line broken after
             * 的 (归属于上市公司股东的 / 每股净资产(元/股)): its words and its
             * unit are that row's */
            read_header(cx, row_label(tb, grid, nc, r), UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false,
                        tb->ledger, &rows[last_data]);
            kind[r] = ROW_EMPTY;
            continue;
        }
        if (kind[r] == ROW_SECTION) {
            has_whole_unit = false;
            const struct table_cell *c = row_label(tb, grid, nc, r);
            struct label l = read_label(cx, c, UNIT_MARKERS | UNIT_BRACKETS);
            /* a row that names a change and its unit alone (| 增长% | |||
             * under | 6月 | 1-6月累计 | 累计 |), in a row whose pipes
             * meet as a page sets a row that lost its cells' places, is no
             * section: it is the header of the last column: the rows below
             * it until the next section read that column by it (a row of
             * empty cells in their places, | 比上年增长(%) | | |, is a
             * section of rates) */
            bool alone = false;
            if (l.has_unit && c->collapsed && delta_header(cx, l.name_start, l.name_end, &alone) && alone) {
                read_header(cx, c, UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, true, tb->ledger, &rows[r]);
                lost_column = &rows[r];
                continue;
            }
            lost_column = NULL;
            /* a time alone names no section: a row of a time column whose
             * figures the page left empty (| 2018 | ||||) */
            bool time = year_like(cx, l.name_start, l.name_end) ||
                        time_span(cx, l.name_start, l.name_end, true, NULL, NULL);
            section = time ? NULL : label_text(cx, l.name_start, l.name_end);
            has_section_unit = l.has_unit;
            section_unit = l.unit;
            bool own_conflict = false;
            section_implied = implied_in(cx, l.name_start, l.name_end, &own_conflict);
            if (own_conflict)
                section_implied = NULL;
            if (section_implied && table_implied && section_implied != table_implied)
                conflict = true;
            table_implied = section_implied ? section_implied : table_implied;
            continue;
        }
        if (kind[r] != ROW_DATA)
            continue;
        bool first_data = last_data < 0;
        last_data = r;
        struct header_facts *f = &rows[r];
        f->lost_column = lost_column;
        int last = -1;
        for (int k = 0; k < nc; k++) {
            int i = grid[(size_t)r * nc + k];
            if (i < 0 || i == last)
                continue;
            last = i;
            if (prose[i] || rank[i])
                continue;
            if (figure[i] || tb->cells[i].col >= first_figure[r]) {
                /* a cell of the row that is a unit: a price table's 单位 column */
                int32_t ua, ub;
                int way;
                struct table_unit u;
                const struct table_cell *c = &tb->cells[i];
                if (!figure[i] && !f->has_cell_unit && c->end > c->start &&
                    find_unit(cx, c->start, c->end, UNIT_WHOLE, &u, &ua, &ub, &way)) {
                    f->has_cell_unit = true;
                    f->cell_unit = u;
                }
                continue;
            }
            if (k > 0 && placeholder_cell(cx, &tb->cells[i]))
                continue; /* a figure left out (——) is no part of the label */
            read_header(cx, &tb->cells[i], UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false, tb->ledger, f);
        }
        /* a first row the corner names (出院人数 over the years) */
        const struct table_cell *corner = grid[0] >= 0 ? &tb->cells[grid[0]] : NULL;
        if (tb->corner_names_row && !f->name && first_data && corner && corner->end > corner->start)
            read_header(cx, corner, UNIT_MARKERS | UNIT_BRACKETS | UNIT_WHOLE, false, tb->ledger, f);
        if (f->implies_conflict)
            f->implied = NULL;
        /* a part (其中：, #) that writes no unit counts in its whole's, the
         * row above that is no part, unless its words imply another kind
         * (#城镇化率 under 人口（万人）) */
        rows_write_units = rows_write_units || f->has_unit;
        const char *part = part_label(cx, tb, grid, nc, r);
        /* a row with no mark and no unit of its own right after a part
         * is another (其中:台湾同胞 / 香港同胞 / 澳门同胞); not in a ledger,
         * whose rows write their units (出生人数 after # 人口比重) */
        if (!part && prev_part && !f->has_unit && has_whole_unit && !tb->ledger)
            part = prev_part;
        prev_part = part;
        if (!part) {
            has_whole_unit = f->has_unit;
            whole_unit = f->unit;
        } else if (!f->has_unit && has_whole_unit && part_fits(cx, f->implied, &whole_unit)) {
            f->has_unit = true;
            f->unit = whole_unit;
            f->unit.rule = part;
        }
        if (!f->has_unit && has_section_unit) {
            f->has_unit = true;
            f->unit = section_unit;
        }
        if (!f->implied && section_implied) {
            f->implied = section_implied;
            f->implied_inherited = true;
        }
        if (!f->name)
            f->name = section;
        /* a row's implied unit is its own: another row that implies none
         * is another measure (产量 beside 面积, 纳税人 beside 增值税), of
         * no unit known */
        if (f->implied && table_implied && f->implied != table_implied)
            conflict = true;
        rows_name_measures = rows_name_measures || f->has_unit || f->implied;
    }
    /* a ledger whose rows name places or kinds and neither write nor imply
     * a unit (新竹縣 12,067,372 …) counts in the measure its caption or
     * columns name (各縣市旅遊人次) */
    if (tb->ledger && !rows_name_measures)
        rows_write_units = false;
    if (conflict)
        table_implied = NULL;
    /* do the columns of figures differ in more than their times? A
     * ledger's column that is no time and writes no unit (指数, 比重 after
     * the years) holds another measure than its rows' units say */
    bool columns_differ = false;
    for (int k = 0; k < nc; k++)
        columns_differ = columns_differ || cols[k].has_unit || cols[k].role || cols[k].implied ||
                         (tb->ledger && k > 0 && !cols[k].time_ref);
    int *groups = column_groups(cx, tb, grid, nc, kind, first_data);
    /* the cells of the data rows, after their labels */
    bool indexed = false;
    for (size_t i = 0; i < tb->ncells; i++) {
        const struct table_cell *c = &tb->cells[i];
        if (c->row >= nr || kind[c->row] != ROW_DATA || c->end == c->start || prose[i] || rank[i])
            continue; /* a rank's column may stand among the figures' (行次 of an account) */
        const struct header_facts *f = &rows[c->row];
        if (c->col < first_figure[c->row] || ratio_cell(cx, c))
            continue; /* a label: before the row's first figure */
        if (misplaced[c->row] && row_number(cx, c))
            continue;
        const struct header_facts *col = c->col < nc ? &cols[c->col] : NULL;
        /* a ledger's column that is no time and writes no unit (同比增长
         * after the years) holds another measure than its rows' units say:
         * only a figure that writes its own unit is read there (18.53%) */
        bool own_unit_only = false;
        if (c->loose) {
            /* a row of fewer figures than columns: which column is not
             * known, so neither is its unit where columns have their own;
             * nor, where a column numbers the rows (行次), whether a small
             * whole number is a figure or a row's number */
            if (columns_differ || (rank_column && row_number(cx, c)))
                continue;
            col = NULL;
        } else if (tb->ledger && col && !col->time_ref && !col->has_unit) {
            own_unit_only = true;
        }
        /* a change that lost its column (| 增长% | |||) heads the last one,
         * as a table of levels and their growth sets it; the row's own unit
         * is its other columns', and without one they are not known */
        struct header_facts last_column;
        if (f->lost_column && col && c->col == nc - 1) {
            last_column = *f->lost_column;
            last_column.time_ref = last_column.time_ref ? last_column.time_ref : col->time_ref;
            col = &last_column;
        }
        else if (f->lost_column && !f->has_unit)
            own_unit_only = true;
        /* 港元(千$): a figure of the column is read only where it writes its
         * own unit; so where a header cell that lost its place named one */
        if ((col && col->unread_unit && !col->has_unit) || (lost_unit && !(col && col->has_unit) && !f->has_unit))
            own_unit_only = true;
        /* a header that did not fit: which column is what, is not known */
        if (tb->header_lost)
            own_unit_only = true;
        struct cell_context cc = {.first = c->start};
        bool guessed = false, row_unit = false;
        if (own_unit_only)
            ; /* no unit of the table's */
        else if (col && col->has_unit)
            /* a header that is a unit's word alone (人口) names the measure,
             * the unit line its scale (单位:万人) */
            cc.unit = col->whole_unit && has_table_unit && scaled_by(&col->unit, &table_unit) ? table_unit : col->unit;
        else if ((row_unit = f->has_unit))
            cc.unit = f->unit;
        else if (has_table_unit) {
            /* a column whose name says what it counts, other than the table's
             * unit counts (总户数 under 单位:万人), is in none of it */
            if (!(col && col->implied_head && !col->implies_conflict && other_measure(cx, col->implied, &table_unit)))
                cc.unit = table_unit;
        } else if (n_listed) {
            /* a caption that lists units of several measures (单位:万户,万人)
             * gives each column or row the one its header implies, and
             * nothing else a unit: an implied one lacks the 万 */
            if (!(col && !col->implies_conflict && listed_unit_for(cx, listed, n_listed, col->implied, &cc.unit)))
                listed_unit_for(cx, listed, n_listed, f->implied, &cc.unit);
        } else if (rows_write_units)
            ; /* rows that write their units (a yearbook's): one that writes none is not known */
        else if (tb->counted)
            ; /* a layout told by counting cells alone: units as written only */
        else if (!(guessed = implied_table_unit(cx, f->implied, &cc.unit)) &&
                 !(col && !col->implies_conflict && implied_table_unit(cx, col->implied, &cc.unit)))
            guessed = implied_table_unit(cx, table_implied, &cc.unit);
        /* the unit a row writes in a cell of its own beats one its label or
         * the caption only implies (財政收入 | 千公噸); a column's header
         * implies the measure of its own cells (比上年增长: percent) */
        if (f->has_cell_unit && !tb->header_lost)
            rate_of_row(&cc.unit, &f->cell_unit, guessed);
        /* a row whose name's last word implies a measure of another kind than
         * the unit in its own brackets (股基交易额（双）: money, and pairs), or
         * that names the number of things (上市公司家数) under a unit the
         * table gives of another kind (亿元), counts in neither for sure; a
         * share or a change in percent is of any measure */
        else if (!guessed && cc.unit.unit && strcmp(cc.unit.unit->kind, "percent") &&
                 strcmp(cc.unit.unit->kind, "pp") && !f->implied_inherited &&
                 (row_unit ? f->implied_head : f->names_count) && implied_differs(cx, f->implied, &cc.unit))
            cc.unit = (struct table_unit){0};
        /* what a row counts is its label (总开支, 合计); its column's header
         * says whose or which measure, and names the figure only where
         * the row has no label; but where the label names a place or a body
         * under a header of its own (地区), it says where, and its column's
         * header what is counted: 全国 R&D经费 (a change's column, 增长,
         * speaks of the row's own figure) */
        cc.subject = f->name ? f->name : col ? col->name : NULL;
        /* a row of groups of columns, each led by a label of its own (品种
         * 本期 上期 品种 本期 上期: 菠菜 4 3 蒜薹 6 8): its group's label
         * names the cell */
        const char *group = group_label(cx, tb, grid, nc, figure, groups, c);
        if (group)
            cc.subject = group;
        if (f->name && col && col->name && !col->role && c->col > 0 && first_figure[c->row] > 0 &&
            cols[first_figure[c->row] - 1].name && label_is_place(cx, f->name)) {
            struct buf both = {0};
            buf_puts(&both, f->name);
            buf_puts(&both, " ");
            buf_puts(&both, col->name);
            cc.subject = arena_strdup(&cx->doc->arena, both.data);
            buf_free(&both);
        }
        cc.role = col && col->role ? col->role : f->role;
        cc.role_rule = col && col->role ? col->role_rule : f->role_rule;
        cc.time_ref = col && col->time_ref ? col->time_ref : f->time_ref;
        if (!cc.time_ref) {
            /* a time inside the row's label (减:2019年度已使用金额), else the caption's */
            struct header_facts *row = &rows[c->row];
            if (!row->label_time_read) {
                const struct table_cell *label = row_label(tb, grid, nc, c->row);
                row->label_time = label && label != c ? time_named_in(cx, label->start, label->end) : NULL;
                row->label_time_read = true;
            }
            cc.time_ref = row->label_time ? row->label_time : table_time;
        }
        cx->start = c->start;
        cx->end = c->end;
        cx->cell = &cc;
        if (!indexed) {
            spans_index(&cx->table_spans);
            indexed = true;
        }
        extract_sentence(cx);
        cx->cell = NULL;
    }
    free(groups);
    free(rows);
    free(cols);
    free(marked);
    free(misplaced);
done:
    free(rank_col);
    free(rank);
    free(first_figure);
    free(only);
    free(figures);
    free(nonempty);
    free(kind);
    free(prose);
    free(figure);
    free(grid);
}

/* Exclude the tables' spans that overlap the sentence (but not the table
 * whose cell it is): table_spans is indexed, reach ordered. */
void exclude_tables(struct sentence_ctx *cx)
{
    const struct spans *ts = &cx->table_spans;
    size_t lo = 0, hi = ts->n;
    while (lo < hi) { /* the first whose reach passes the sentence's start */
        size_t mid = lo + (hi - lo) / 2;
        if (ts->reach[mid] > cx->start)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t k = lo; k < ts->n && ts->by_start[k].start < cx->end; k++) {
        int32_t a = ts->by_start[k].start, b = ts->by_start[k].end;
        if (b > cx->start && !(cx->cell && a <= cx->start && cx->end <= b))
            spans_push(&cx->excluded, a, b);
    }
}

