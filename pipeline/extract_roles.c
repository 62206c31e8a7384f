/* extract_roles: the roles of a sentence's claims (a change from one level
 * to another, a delta, a level), their periods and time references, and
 * what the figures of a list share. Part of the extract stage
 * (extract_internal.h). */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Is the figure t[start, end) alone in brackets that open at `after`, the
 * end of the figure before it (blanks between): 增加296.7万吨(59.3亿斤)
 * says the same change in another unit. */
static bool restates(const struct sentence_ctx *cx, int32_t after, int32_t start, int32_t end)
{
    while (after < start && u_charType(cx->t[after]) == U_SPACE_SEPARATOR)
        after++;
    if (after + 1 != start || u_charType(cx->t[after]) != U_START_PUNCTUATION)
        return false;
    return end < cx->end && u_charType(cx->t[end]) == U_END_PUNCTUATION;
}

/* Claim i + 1 of the document, if it says claim i in another unit in
 * brackets right after it: its index, else 0. */
static size_t restated_by(const struct sentence_ctx *cx, size_t i)
{
    const struct doc *doc = cx->doc;
    if (i + 1 >= doc->nclaims)
        return 0;
    const struct claim *a = &doc->claims[i], *r = &doc->claims[i + 1];
    return !strcmp(r->role, "level") && restates(cx, a->end, r->start, r->end) ? i + 1 : 0;
}

/* Claims i and j are the ends of a change that rule k of the changes
 * reads: their roles, group and rule. */
static void mark_change(struct sentence_ctx *cx, size_t i, size_t j, size_t k, int32_t marker)
{
    struct doc *doc = cx->doc;
    struct claim *a = &doc->claims[i], *b = &doc->claims[j];
    a->role = "from";
    b->role = "to";
    spans_push(&cx->changes, marker, b->end);
    a->group = b->group = ++doc->groups;
    pending_for(cx, i)->role_marker = marker;
    pending_for(cx, j)->role_marker = marker;
    add_rule_id(cx, pending_for(cx, i), cx->rs->changes[k].id);
    add_rule_id(cx, pending_for(cx, j), cx->rs->changes[k].id);
}

/* How many levels from claim i on are a list, joined by list connectors
 * (14.2%和17.6%). */
static size_t list_run(const struct sentence_ctx *cx, size_t i)
{
    const struct doc *doc = cx->doc;
    size_t n = 1;
    while (i + n < doc->nclaims && !strcmp(doc->claims[i + n].role, "level") &&
           is_list_connector(cx, doc->claims[i + n - 1].end, doc->claims[i + n].start))
        n++;
    return n;
}

/* Are the claims of one canonical unit? */
static bool same_unit(const struct claim *a, const struct claim *b)
{
    return a->unit_rule && b->unit_rule && !strcmp(a->unit_rule->unit, b->unit_rule->unit);
}

/* Are the claims of one kind (a claim of no unit is of any)? */
static bool same_kind(const struct claim *a, const struct claim *b)
{
    return !a->unit_rule || !b->unit_rule || !strcmp(a->unit_rule->kind, b->unit_rule->kind);
}

/* Two lists of as many levels, from claim i on, as the starts and the
 * ends of changes (分别由14.2%和17.6%提高到14.8%和18.3%): each start paired
 * with the end in its place, of its unit (分别投入3亿元和5亿元，占比为37.5%
 * 和62.5% are no changes). The length of a list, or 0; in *run the length
 * of the list from claim i, paired or not. */
static size_t pair_lists(struct sentence_ctx *cx, size_t i, size_t *run)
{
    struct doc *doc = cx->doc;
    const struct rule_set *rs = cx->rs;
    size_t n = *run = list_run(cx, i);
    if (n < 2 || strcmp(doc->claims[i].role, "level") || i + 2 * n > doc->nclaims ||
        strcmp(doc->claims[i + n].role, "level") || list_run(cx, i + n) != n)
        return 0;
    for (size_t m = 0; m < n; m++)
        if (!same_unit(&doc->claims[i + m], &doc->claims[i + n + m]))
            return 0;
    const struct claim *a = &doc->claims[i], *last = &doc->claims[i + n - 1], *b = &doc->claims[i + n];
    for (size_t k = 0; k < rs->n_changes; k++) {
        int32_t marker;
        if (!pattern_matches(rs->changes[k].between, cx->t, last->end, b->start) ||
            !match_ending_at(cx, rs->changes[k].before, clause_start(cx, a->start, false), a->start, &marker))
            continue;
        for (size_t m = 0; m < n; m++)
            mark_change(cx, i + m, i + n + m, k, marker);
        return n;
    }
    return 0;
}

/* Is claim j, right after a change's start that ends at a_end, the size
 * of the change rule ch (由177.1亿元下降60.30%至70.3亿元): of a kind the rule
 * names (size_kinds), after a word of a delta rule, with a figure of the
 * start's unit after it in their clause? (从120亿元中计提10%为12亿元 takes
 * a part: no word of a change before 10%.) */
static bool change_size(struct sentence_ctx *cx, const struct change_rule *ch, size_t i, size_t j,
                        int32_t a_end)
{
    const struct doc *doc = cx->doc;
    const struct claim *a = &doc->claims[i], *s = &doc->claims[j];
    if (j + 1 >= doc->nclaims || !s->unit_rule || !name_list_has(&ch->size_kinds, s->unit_rule->kind) ||
        !same_unit(a, &doc->claims[j + 1]) || same_kind(a, s) ||
        clause_end(cx, a_end) < doc->claims[j + 1].start)
        return false;
    int32_t marker;
    for (size_t k = 0; k < cx->rs->n_deltas; k++)
        if (delta_marker_before(cx, &cx->rs->deltas[k], a_end, s->start, &marker))
            return true;
    return false;
}

void assign_roles(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    const struct rule_set *rs = cx->rs;
    /* a list is tried as a change's starts once, from its first member
     * (from each of them, a long list would cost its length squared) */
    size_t list_end = 0;
    for (size_t i = cx->first; i + 1 < doc->nclaims; i++) {
        size_t run = 0, n = i >= list_end ? pair_lists(cx, i, &run) : 0;
        if (n) {
            i += 2 * n - 1;
            continue;
        }
        if (run >= 2)
            list_end = i + run;
        /* each end may be said again in another unit in brackets after it
         * (由1833万亩(122.2万公顷)发展到2078万亩(138.5万公顷)): the words
         * between stand after the first end's brackets, and the two
         * restatements are a change of their own */
        size_t ra = restated_by(cx, i), j0 = ra ? ra + 1 : i + 1;
        if (j0 >= doc->nclaims)
            break;
        struct claim *a = &doc->claims[i];
        int32_t a0 = ra ? doc->claims[ra].end + 1 : a->end;
        if (strcmp(a->role, "level"))
            continue;
        for (size_t k = 0; k < rs->n_changes; k++) {
            /* the change's size between its ends: their words stand after it */
            bool size = change_size(cx, &rs->changes[k], i, j0, a0);
            size_t j = size ? j0 + 1 : j0;
            int32_t a_end = size ? doc->claims[j0].end : a0;
            const struct claim *b = &doc->claims[j];
            int32_t marker;
            /* a change's ends are of one kind (从120亿元中计提10%为12亿元: no
             * change from 10% to 12亿元; nor 由3倍扩大到50%的企业, though
             * 由1.2倍回落至95% is one) */
            if (!same_kind(a, b) || strcmp(b->role, "level") ||
                !pattern_matches(rs->changes[k].between, cx->t, a_end, b->start) ||
                !match_ending_at(cx, rs->changes[k].before, clause_start(cx, a->start, false), a->start,
                                 &marker))
                continue;
            /* a start that ends a list after the change's marker is none:
             * 分别由14.2%和17.6%提高到14.8% is no change from 17.6% to
             * 14.8% (由12个社区的3000户, 从5万人口的县城的3000名 may be one) */
            const struct claim *before = i > cx->first ? &doc->claims[i - 1] : NULL;
            if (before && before->end > marker && same_unit(before, b) &&
                is_list_connector(cx, before->end, a->start))
                continue;
            mark_change(cx, i, j, k, marker);
            size_t rb = restated_by(cx, j);
            if (ra && rb && !size)
                mark_change(cx, ra, rb, k, marker);
            break;
        }
    }
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        if (strcmp(c->role, "level"))
            continue;
        /* a figure that opens its clause right after a colon (增幅：4.5%)
         * may take the words of the clause before it: a rule whose pattern
         * ends in the colon reads them */
        int32_t from = clause_start(cx, c->start, false);
        if (from > cx->start && from + spaces_at(cx, from) == c->start &&
            word_list_match(&rs->table_marks.colons, cx->t, from - 1, from))
            from = clause_start(cx, from - 1, false);
        for (size_t k = 0; k < rs->n_deltas; k++) {
            const struct delta_rule *d = &rs->deltas[k];
            int32_t marker = -1;
            bool before = delta_marker_before(cx, d, from, c->start, &marker);
            if (before || (d->after && pattern_looking_at(d->after, cx->t, c->end, clause_end(cx, c->end)))) {
                c->role = "delta";
                pending_for(cx, i)->role_marker = marker;
                pending_for(cx, i)->delta_after = !before;
                add_rule_id(cx, pending_for(cx, i), d->id);
                break;
            }
        }
    }
}

/* Is t[start, end) exactly one list connector (、 和)? */
bool is_list_connector(const struct sentence_ctx *cx, int32_t start, int32_t end)
{
    /* blanks of a typeset page around it: 1.7 、2.8个百分点 */
    start += spaces_at(cx, start);
    end -= start < end ? spaces_before(cx, start, end) : 0;
    int32_t n;
    return connector_at(cx->rs->list_connectors, cx->rs->n_list_connectors, cx->t, start, end, &n) &&
           start + n == end;
}

/* The last rule that claim i of the sentence took (its role's), or NULL. */
static const char *last_rule_id(struct sentence_ctx *cx, size_t i)
{
    const char *r = pending_for(cx, i)->rule;
    if (!r)
        return NULL;
    const char *plus = strrchr(r, '+');
    return plus ? rule_ids_intern(cx, plus + 1, strlen(plus + 1)) : r;
}

/* Members of a list share the role of the first: 分别增长3.2%、4.5%和6.1%,
 * as does a figure in brackets that says the one before it in another
 * unit; and of the last where the words after the list make it a delta,
 * for members of its unit: 出现1.2%和0.8%的涨幅. */
void spread_list_roles(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first + 1; i < doc->nclaims; i++) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        if (!strcmp(c->role, "level") && !strcmp(prev->role, "delta") &&
            (is_list_connector(cx, prev->end, c->start) || restates(cx, prev->end, c->start, c->end))) {
            c->role = prev->role;
            /* the rule that made the figure before a delta */
            add_rule_id(cx, pending_for(cx, i), is_list_connector(cx, prev->end, c->start)
                                                     ? cx->rs->list_connectors[0].id
                                                     : last_rule_id(cx, i - 1));
        }
    }
    for (size_t i = doc->nclaims; i-- > cx->first + 1;) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        if (pending_for(cx, i)->delta_after && !strcmp(prev->role, "level") && prev->unit_rule == c->unit_rule &&
            is_list_connector(cx, prev->end, c->start)) {
            prev->role = c->role;
            pending_for(cx, i - 1)->delta_after = true;
            add_rule_id(cx, pending_for(cx, i - 1), cx->rs->list_connectors[0].id);
        }
    }
}

/* A qualifier that reaches over a verb to the first figure of a list
 * (分别约占百分之29和百分之47) speaks of the list: a figure of the same
 * unit after a list connector that has none of its own takes it. One
 * written against the first figure (约29%和47%) is that figure's alone. */
void spread_list_qualifiers(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    const struct qualifier_rule *q = NULL; /* the list's, from its head */
    for (size_t i = cx->first + 1; i < doc->nclaims; i++) {
        struct claim *prev = &doc->claims[i - 1], *c = &doc->claims[i];
        int32_t n;
        if (prev->unit_rule != c->unit_rule || !is_list_connector(cx, prev->end, c->start)) {
            q = NULL;
            continue;
        }
        if (!q && !qualifier_at(cx, prev->start, QUAL_BEFORE, prev->unit_rule, &n) &&
            (q = qualifier_reaching(cx, prev->start, prev->unit_rule)) && strcmp(prev->qualifier, q->qualifier))
            q = NULL; /* the head's own qualifier is another (约占30%以上) */
        if (!q || strcmp(c->qualifier, "exact")) {
            q = NULL;
            continue;
        }
        c->qualifier = q->qualifier;
        add_rule_id(cx, pending_for(cx, i), q->id);
    }
}

void assign_periods(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        /* the ends of a change share their period: 由每人每月148元提高到158元 */
        if (!strcmp(c->role, "to") && i > cx->first && doc->claims[i - 1].group == c->group &&
            doc->claims[i - 1].period) {
            c->period = doc->claims[i - 1].period;
            continue;
        }
        /* a period word governs the figures after it up to the next figure */
        int32_t from = clause_start(cx, c->start, false);
        if (i > cx->first && doc->claims[i - 1].end > from)
            from = doc->claims[i - 1].end;
        for (size_t k = 0; k < cx->rs->n_periods; k++) {
            const struct pattern_rule *p = &cx->rs->periods[k];
            if (pattern_find(p->re, cx->t, from, c->start, NULL)) {
                c->period = p->period;
                add_rule_id(cx, pending_for(cx, i), p->id);
                break;
            }
        }
    }
}

/* Is time span t inside a change phrase that does not hold [start, end)
 * (with start > end: inside any change phrase)? The year of
 * 由2022年的6.1万元提高到6.5万元 belongs to that change alone. */
static bool inside_other_change(const struct sentence_ctx *cx, const struct span *t, int32_t start,
                                int32_t end)
{
    const struct spans *ch = &cx->changes;
    for (size_t k = starting_before(ch, t->start, true); k-- > 0 && ch->reach[k] >= t->end;) {
        const struct ordered *c = &ch->by_start[k];
        if (c->end >= t->end && (start > end || end <= c->start || start >= c->end))
            return true;
    }
    return false;
}

/* The nearest time reference of the sentence that ends by `at` (the
 * longest, where several end there), for the claim [start, end). */
static const struct span *time_before(const struct sentence_ctx *cx, int32_t at, int32_t start,
                                      int32_t end)
{
    const struct spans *ts = &cx->times, *ch = &cx->changes;
    size_t k = ending_before(ts, at, true);
    if (!k)
        return NULL;
    /* the latest end of a time that serves: one in no change phrase, or
     * one inside change phrases that all hold the claim */
    bool found = ts->free_upto[k - 1] > 0;
    int32_t top = found ? ts->by_end[ts->free_upto[k - 1] - 1].end : 0;
    for (size_t m = starting_before(ch, end, false); m-- > 0 && ch->reach[m] > start;) {
        const struct ordered *c = &ch->by_start[m];
        if (c->end <= start)
            continue;
        size_t lo = ending_before(ts, c->start, false);
        for (size_t j = ending_before(ts, c->end < at ? c->end : at, true); j-- > lo;) {
            const struct ordered *t = &ts->by_end[j];
            if (found && t->end <= top)
                break;
            if (t->start >= c->start && !inside_other_change(cx, &ts->at[t->i], start, end)) {
                found = true;
                top = t->end;
                break;
            }
        }
    }
    if (!found)
        return NULL;
    const struct span *best = NULL;
    for (size_t j = ending_before(ts, top, false); j < k && ts->by_end[j].end == top; j++) {
        const struct span *t = &ts->at[ts->by_end[j].i];
        if (!inside_other_change(cx, t, start, end) && (!best || t->start < best->start))
            best = t;
    }
    return best;
}

/* The brackets of the sentence, from the opening mark to the closing one
 * ([open, close), -1 for close where none), in *asides; their number. */
static size_t sentence_asides(const struct sentence_ctx *cx, struct span **asides)
{
    const struct table_marks_rule *m = &cx->rs->table_marks;
    size_t n = 0, cap = 0, depth = 0, *open = NULL;
    *asides = NULL;
    for (int32_t p = cx->start, w; p < cx->end; p += w ? w : 1) {
        if ((w = word_list_match(&m->open_brackets, cx->t, p, cx->end))) {
            if (n == cap) {
                cap = cap ? 2 * cap : 4;
                *asides = xrealloc(*asides, cap * sizeof **asides);
                open = xrealloc(open, cap * sizeof *open);
            }
            open[depth] = n;
            (*asides)[n++] = (struct span){p, -1, NULL, false, false};
            depth++;
        } else if ((w = word_list_match(&m->close_brackets, cx->t, p, cx->end)) && depth) {
            (*asides)[open[--depth]].end = p;
        }
    }
    free(open);
    return n;
}

/* Time s, or where it stands in brackets that hold more than it and not
 * the claim [start, end) (2014年全省（2013年为500亿元）实现6835亿元), the time
 * before the brackets: an aside's time is the aside's own. Brackets that
 * hold a time alone ((截至今天下午5时)) are the time of what follows. */
static const struct span *time_outside_asides(const struct sentence_ctx *cx, const struct span *s,
                                              const struct span *asides, size_t n, int32_t start,
                                              int32_t end)
{
    for (size_t guard = 0; s && guard <= n; guard++) {
        const struct span *in = NULL;
        for (size_t k = 0; k < n; k++) {
            const struct span *a = &asides[k];
            if (a->end >= 0 && a->start < s->start && s->end <= a->end && (!in || a->start > in->start))
                in = a;
        }
        if (!in || (in->start < start && end <= in->end))
            return s;
        int32_t a = in->start + word_list_match(&cx->rs->table_marks.open_brackets, cx->t, in->start, in->end);
        int32_t b = in->end;
        while (a < b && u_isUWhiteSpace(cx->t[a]))
            a++;
        while (b > a && u_isUWhiteSpace(cx->t[b - 1]))
            b--;
        if (s->start == a && s->end == b)
            return s;
        s = time_before(cx, in->start, start, end);
    }
    return s;
}

/* 2021年、2022年全县投资分别为50亿元、60亿元: the times of a list, then a
 * word for "respectively", then as many figures that took the list: the
 * first figure takes the first time, and so on. took[i] is the time claim
 * cx->first + i took. */
static void respective_times(struct sentence_ctx *cx, const struct span **took)
{
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    struct doc *doc = cx->doc;
    for (size_t i = cx->first; i < doc->nclaims;) {
        const struct span *s = took[i - cx->first];
        size_t n = 1;
        while (i + n < doc->nclaims && took[i + n - cx->first] == s && !doc->claims[i + n].group)
            n++;
        bool said = false; /* 分别 between the list and the first figure */
        for (int32_t p = s ? s->end : 0; s && p < doc->claims[i].start && !said; p++)
            said = word_list_match(&tp->respectively, cx->t, p, doc->claims[i].start) > 0;
        if (!said || n < 2 || doc->claims[i].group) {
            i += n;
            continue;
        }
        /* the parts of the list: between list joiners */
        int32_t cut[16], k = 0, a = s->start;
        for (int32_t p = s->start; p < s->end && k < 15; p++) {
            int32_t w = word_list_match(&tp->list_joiners, cx->t, p, s->end);
            if (w && p > a) {
                cut[k++] = a;
                cut[k++] = p;
                a = p + w;
                p += w - 1;
            }
        }
        if (a < s->end && k < 16) {
            cut[k++] = a;
            cut[k++] = s->end;
        }
        /* 一、二季度: parts that share what follows the last are no times alone */
        for (int32_t j = 0; j < k; j += 2) {
            int32_t p = cut[j];
            while (p < cut[j + 1] && (u_isdigit(cx->t[p]) || numbers_is_numeral_char(cx->rs, cx->t, p, cut[j + 1])))
                p++;
            if (p == cut[j + 1])
                k = 0;
        }
        if (k && (size_t)k / 2 == n)
            for (size_t j = 0; j < n; j++)
                doc->claims[i + j].time_ref = utf8_of(doc, cx->t + cut[2 * j], cut[2 * j + 1] - cut[2 * j]);
        i += n;
    }
}

/* Is time s exactly one word of list l? */
bool is_whole_word(const struct sentence_ctx *cx, const struct word_list *l, const struct span *s)
{
    return word_list_match(l, cx->t, s->start, s->end) == s->end - s->start;
}

/* A sentence that opens with a continuation (其中) goes on the sentence
 * before it in its paragraph: its figures with no time of their own take
 * the time of that sentence's last figure (2月20日…共發送旅客8201.9萬人次。
 * 其中鐵路發送旅客1069萬人次: 2月20日). */
static void continued_time(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    int32_t p = cx->start;
    while (p < cx->end && u_isUWhiteSpace(cx->t[p]))
        p++;
    if (cx->first == 0 || cx->first >= doc->nclaims ||
        !word_list_match(&cx->rs->time_phrase.continuations, cx->t, p, cx->end))
        return;
    const struct claim *prev = &doc->claims[cx->first - 1];
    if (!prev->time_ref || prev->end > cx->start)
        return;
    for (int32_t q = prev->end; q < cx->start; q++)
        if (cx->t[q] == '\n')
            return; /* another paragraph's */
    for (size_t i = cx->first; i < doc->nclaims; i++)
        if (!doc->claims[i].time_ref)
            doc->claims[i].time_ref = prev->time_ref;
}

void assign_time_refs(struct sentence_ctx *cx)
{
    struct doc *doc = cx->doc;
    struct spans *ts = &cx->times;
    struct span *asides;
    size_t nasides = sentence_asides(cx, &asides);
    const struct span **took = xcalloc(doc->nclaims - cx->first, sizeof *took);
    /* 是去年同期的1.5倍: the time a ratio is of is a base, no figure's time */
    const struct time_phrase_rule *tp = &cx->rs->time_phrase;
    size_t had = ts->n;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        if (!c->unit_rule || !c->unit_rule->kind || strcmp(c->unit_rule->kind, "ratio"))
            continue;
        for (size_t k = 0; k < ts->n; k++)
            if (ts->at[k].end <= c->start && only_word_between(&tp->base_linkers, cx->t, ts->at[k].end, c->start) &&
                word_list_match_before(&tp->ratio_of, cx->t, cx->start, ts->at[k].start) > 0) {
                ts->at[k] = ts->at[--ts->n];
                break;
            }
    }
    if (ts->n < had)
        spans_index(ts);
    spans_index(&cx->changes);
    for (size_t j = 0; j < ts->n; j++) {
        bool in_change = inside_other_change(cx, &ts->at[ts->by_end[j].i], 1, 0);
        ts->free_upto[j] = in_change ? (j ? ts->free_upto[j - 1] : 0) : j + 1;
    }
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        int32_t at = c->start;
        const struct span *s = NULL;
        /* 较去年春节档的52.3元: the figure right after a base is the base's */
        for (size_t b = 0; !s && b < cx->bases.n; b++) {
            const struct span *base = &cx->bases.at[b];
            if (base->end <= c->start &&
                only_word_between(&cx->rs->time_phrase.base_linkers, cx->t, base->end, c->start))
                s = base;
        }
        /* the to end of a change takes a time between its from end and it
         * (从每斤50元涨到现在300元), no other of its own change phrase */
        if (!s && !strcmp(c->role, "to")) {
            int32_t from_end = -1;
            for (size_t j = i; j-- > cx->first && from_end < 0;)
                if (doc->claims[j].group == c->group && !strcmp(doc->claims[j].role, "from"))
                    from_end = doc->claims[j].end;
            s = from_end >= 0 ? time_before(cx, at, c->start, c->end) : NULL;
            if (s && s->start < from_end)
                s = NULL;
            at = pending_for(cx, i)->role_marker;
        }
        if (!s)
            s = time_outside_asides(cx, time_before(cx, at, c->start, c->end), asides, nasides, c->start,
                                    c->end);
        /* 今天投票，晚间9时57分开票完毕，得票率40.05%: an instant of the clock
         * dates an event; its figures take the time before it, where there
         * is one, unless a bound (截至17时30分) makes it the end of a period */
        if (s && s->end - s->start > 1 &&
            word_list_match_before(&tp->instant_ends, cx->t, s->start, s->end) > 0 &&
            !word_list_match(&tp->bound_prefixes, cx->t, s->start, s->end)) {
            const struct span *before = time_before(cx, s->start, c->start, c->end);
            if (before)
                s = before;
        }
        /* 2007年……占到当年新增市场的51%: an anaphor stands for the time
         * before it, unless that is a day counted back from it (前一交易日……当日) */
        if (s && is_whole_word(cx, &tp->anaphors, s)) {
            const struct span *antecedent = time_before(cx, s->start, c->start, c->end);
            if (antecedent && !is_whole_word(cx, &tp->counted_days, antecedent))
                s = antecedent;
        }
        /* 9月5日沪指盘中最高3056点: a part of a trading day is of the day
         * before it, where one is named; a part after parts keeps its own */
        if (s && is_whole_word(cx, &tp->day_parts, s)) {
            const struct span *day = s;
            while ((day = time_before(cx, day->start, c->start, c->end)) && is_whole_word(cx, &tp->day_parts, day))
                ;
            if (day)
                s = day;
        }
        if (s)
            c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
        took[i - cx->first] = s;
    }
    /* 沪市867家上市公司2009年上半年实现净利润4369亿元: a figure with no time
     * before it, in no change, takes the time after it in its clause that a
     * figure after that time in the clause takes (not a comparison's base) */
    const struct table_marks_rule *m = &cx->rs->table_marks;
    for (size_t i = cx->first; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        if (took[i - cx->first] || c->group)
            continue;
        /* 完成投资50亿元（2022年）: brackets right after a figure, of a time alone */
        int32_t open = word_list_match(&m->open_brackets, cx->t, c->end, cx->end);
        for (size_t k = 0; open && k < ts->n; k++) {
            const struct span *s = &ts->at[k];
            if (s->start == c->end + open && word_list_match(&m->close_brackets, cx->t, s->end, cx->end)) {
                c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
                took[i - cx->first] = s;
            }
        }
        if (took[i - cx->first])
            continue;
        int32_t to = clause_end(cx, c->end);
        /* only a time after the figure in its clause can be one (without
         * this test a list of n figures in one clause and no time cost n²) */
        if (starting_before(ts, to, false) == starting_before(ts, c->end, false))
            continue;
        for (size_t j = i + 1; j < doc->nclaims && doc->claims[j].start < to; j++) {
            const struct span *s = took[j - cx->first];
            if (!s || s->start < c->end || s->end > doc->claims[j].start)
                continue;
            bool base = cx->bases.n && s >= cx->bases.at && s < cx->bases.at + cx->bases.n;
            if (!base && time_outside_asides(cx, s, asides, nasides, c->start, c->end) == s) {
                c->time_ref = utf8_of(doc, cx->t + s->start, s->end - s->start);
                took[i - cx->first] = s;
            }
            break;
        }
    }
    respective_times(cx, took);
    continued_time(cx);
    free(took);
    free(asides);
}

