/* test_patterns: what the pattern reader makes of a source; for every
 * pattern of the rules, that each search gives what the plain ICU call
 * gives; and that the rules' group of span patterns, searched in one pass,
 * gives what its patterns give one by one — over the fixture texts and the
 * rule examples. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

#include "harness.h"
#include "pattern.h"
#include "rules.h"
#include "xalloc.h"

/* ------------------------------------------------------------ the reader */

static UChar *utf16(const char *s, int32_t *n)
{
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, n, s, -1, &status);
    UChar *u = xmalloc(((size_t)*n + 1) * sizeof *u);
    status = U_ZERO_ERROR;
    u_strFromUTF8(u, *n + 1, n, s, -1, &status);
    return u;
}

static struct pattern *open_utf8(const char *source)
{
    int32_t n;
    UChar *u = utf16(source, &n);
    UParseError pe;
    UErrorCode status = U_ZERO_ERROR;
    struct pattern *p = pattern_open(u, n, &pe, &status);
    free(u);
    return p;
}

/* Does set hold exactly the characters of `in` among those of `probe`?
 * "*" for in: the set is any. */
static bool set_is(const struct charset *set, const char *in, const char *probe)
{
    if (!strcmp(in, "*"))
        return set->any;
    if (set->any)
        return false;
    int32_t n, m;
    UChar *yes = utf16(in, &n), *all = utf16(probe, &m);
    bool ok = true;
    for (int32_t i = 0; i < m;) {
        UChar32 c;
        U16_NEXT(all, i, m, c);
        bool want = false;
        for (int32_t j = 0; j < n;) {
            UChar32 d;
            U16_NEXT(yes, j, n, d);
            want = want || c == d;
        }
        ok = ok && charset_has(set, c) == want;
    }
    free(yes);
    free(all);
    return ok;
}

static void reader_cases(void)
{
    static const struct {
        const char *source, *first, *last, *required;
        int reach, max_length; /* UTF-16 units; -1: no bound */
        bool anchored;
    } cases[] = {
        {"abc", "a", "c", "a", 1, 3, false},
        {"a|bc|d?e", "abde", "ace", "abe", 2, 2, false},
        {"[0-9]+年", "0123456789", "年", "年", -1, -1, false},
        {"(?:近|这)?[0-9]+年(?:来|以来)?", "近这05", "年来", "年", -1, -1, false},
        {"增长了?$", "增", "长了", "增", 1, 3, true},
        {"(?:增长|下降)了?$|跌$", "增下跌", "长降了跌", "增下跌", 1, 3, true},
        {"(?:增长$)?跌", "增跌", "跌", "跌", 3, 3, false},
        {"一(?<![0-9]一)(?![半成])", "一", "一", "一", 1, 1, false},
        {"(?<=涨幅)(?:为|达)?$", "*", "*", "*", -1, 1, true},
        {"[^，。]{0,8}至", "*", "至", "至", 17, 17, false},
        {"\\d+元", "*", "元", "元", -1, -1, false},
        {"[\\u4e00-\\u4e03]x", "\u4e00\u4e01\u4e02\u4e03", "x", "x", 2, 2, false},
        {"\\.5", ".", "5", ".", 1, 2, false},
        {"a{2,3}b{0,2}", "a", "ab", "a", 1, 5, false},
        {"[0-9]{2,4}(?:年|月份)", "0123456789", "年份", "年月", 5, 6, false},
        {"(?i)abc", "*", "*", "*", -1, -1, false},
        {"(a)\\1", "*", "*", "*", -1, -1, false},
        {"x*", "*", "*", "*", -1, -1, false},
        {"[[a-z]--[aeiou]]", "*", "*", "*", -1, -1, false},
        {"第\U00020000+", "第", "\U00020000", "第", 1, -1, false},
        {"[a-]", "a-", "a-", "a-", 1, 1, false},
    };
    const char *probe = "abcdexyz05-.年月份来近这增长了降跌下一半涨幅为达至元\u4e00\u4e01\u4e02\u4e03\u4e04第\U00020000";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct pattern *p = open_utf8(cases[i].source);
        CHECK(p, "%s: does not compile", cases[i].source);
        if (!p)
            continue;
        CHECK(set_is(&p->first, cases[i].first, probe), "%s: first set is not %s", cases[i].source,
              cases[i].first);
        CHECK(set_is(&p->last, cases[i].last, probe), "%s: last set is not %s", cases[i].source, cases[i].last);
        CHECK(set_is(&p->required, cases[i].required, probe), "%s: required set is not %s", cases[i].source,
              cases[i].required);
        CHECK(p->reach == cases[i].reach, "%s: reach %d, expected %d", cases[i].source, p->reach,
              cases[i].reach);
        CHECK(p->max_length == cases[i].max_length, "%s: longest match %d, expected %d", cases[i].source,
              p->max_length, cases[i].max_length);
        CHECK(p->end_anchored == cases[i].anchored, "%s: anchored %d, expected %d", cases[i].source,
              p->end_anchored, cases[i].anchored);
        pattern_close(p);
    }
    /* groups nested deeper (80) than the reader goes (64): left to ICU, read as any */
    char deep[2 * 80 + 2];
    memset(deep, '(', 80);
    deep[80] = 'a';
    memset(deep + 81, ')', 80);
    deep[161] = '\0';
    struct pattern *p = open_utf8(deep);
    CHECK(p && !p->native && p->first.any && p->max_length == -1, "80 nested groups: native %d",
          p ? p->native : -1);
    pattern_close(p);
}

/* ------------------------------------------------------------ against ICU */

struct found {
    int32_t (*at)[2];
    size_t n, cap;
};

static void add_found(void *arg, int32_t a, int32_t b)
{
    struct found *f = arg;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->at = xrealloc(f->at, f->cap * sizeof *f->at);
    }
    f->at[f->n][0] = a;
    f->at[f->n][1] = b;
    f->n++;
}

static const char *pattern_id;
static size_t searches;
/* The pattern being compared, alone in a group: its search as a group
 * must find what ICU finds too (the automaton's walks share a memo there). */
static struct pattern_group alone;
static struct pattern_scratch alone_scratch;

struct kfound {
    int32_t (*at)[3];
    size_t n, cap;
    int32_t k;
};

static void add_kfound(void *arg, size_t k, int32_t a, int32_t b)
{
    struct kfound *f = arg;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->at = xrealloc(f->at, f->cap * sizeof *f->at);
    }
    f->at[f->n][0] = (int32_t)k;
    f->at[f->n][1] = a;
    f->at[f->n][2] = b;
    f->n++;
}

static void add_one(void *arg, int32_t a, int32_t b)
{
    struct kfound *f = arg;
    add_kfound(f, (size_t)f->k, a, b);
}

/* The plain ICU calls, on a clone that shares nothing with p. */
static void plain_find_all(URegularExpression *re, const UChar *t, int32_t len, int32_t start, int32_t end,
                           struct found *out)
{
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, t, len, &status);
    uregex_setRegion(re, start, end, &status);
    while (U_SUCCESS(status) && uregex_findNext(re, &status)) {
        int32_t a = uregex_start(re, 0, &status), b = uregex_end(re, 0, &status);
        if (b > a)
            add_found(out, a, b);
    }
}

static void compare_region(struct pattern *p, URegularExpression *re, const UChar *t, int32_t len,
                           int32_t start, int32_t end)
{
    struct found x = {0}, y = {0};
    pattern_find_all(p, t, start, end, add_found, &x);
    plain_find_all(re, t, len, start, end, &y);
    bool same = x.n == y.n;
    for (size_t i = 0; same && i < x.n; i++)
        same = x.at[i][0] == y.at[i][0] && x.at[i][1] == y.at[i][1];
    CHECK(same, "%s: find_all on [%d, %d) gives %zu matches, ICU %zu", pattern_id, start, end, x.n, y.n);
    struct kfound g = {0};
    pattern_group_find_all(&alone, &alone_scratch, t, start, end, add_kfound, &g);
    same = g.n == y.n;
    for (size_t i = 0; same && i < g.n; i++)
        same = g.at[i][1] == y.at[i][0] && g.at[i][2] == y.at[i][1];
    CHECK(same, "%s: as a group on [%d, %d) gives %zu matches, ICU %zu", pattern_id, start, end, g.n, y.n);
    free(g.at);
    free(x.at);
    free(y.at);

    /* the region searches, at every place of the region; the first
     * difference is told */
    char what[160] = "";
    pattern_set_text(p, t, len);
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, t, len, &status);
    for (int32_t k = start; k <= end; k++) {
        if (k < end && U16_IS_TRAIL(t[k]))
            continue;
        int32_t from = k - 32 < start ? start : k - 32, at1 = -1, at2 = -1;
        bool a = pattern_find(p, t, from, k, &at1);
        status = U_ZERO_ERROR;
        uregex_setRegion(re, from, k, &status);
        bool b = uregex_findNext(re, &status);
        if (b)
            at2 = uregex_start(re, 0, &status);
        if ((a != b || at1 != at2) && !*what)
            snprintf(what, sizeof what, "find on [%d, %d): %d at %d, ICU %d at %d", from, k, a, at1, b, at2);
        a = pattern_looking_at(p, t, k, end);
        uregex_setRegion(re, k, end, &status);
        b = uregex_lookingAt(re, -1, &status);
        if (a != b && !*what)
            snprintf(what, sizeof what, "looking at [%d, %d): %d, ICU %d", k, end, a, b);
        /* a match at k that sees the whole text around it */
        int32_t e1 = pattern_match_end(p, t, 0, len, k), e2 = -1;
        uregex_useTransparentBounds(re, true, &status);
        uregex_useAnchoringBounds(re, false, &status);
        uregex_setRegion(re, k, len, &status);
        if (uregex_lookingAt(re, -1, &status))
            e2 = uregex_end(re, 0, &status);
        uregex_useTransparentBounds(re, false, &status);
        uregex_useAnchoringBounds(re, true, &status);
        if (e1 != e2 && !*what)
            snprintf(what, sizeof what, "match end at %d: %d, ICU %d", k, e1, e2);
        for (int32_t w = 0; w <= 12 && k + w <= end; w += 3) {
            a = pattern_matches(p, t, k, k + w);
            uregex_setRegion(re, k, k + w, &status);
            b = uregex_matches(re, -1, &status);
            if (a != b && !*what)
                snprintf(what, sizeof what, "matches [%d, %d): %d, ICU %d", k, k + w, a, b);
        }
        searches++;
    }
    CHECK(!*what, "%s: %s", pattern_id, what);
}

/* Each line of text, and each of its pieces between 。 */
static void compare_text(struct pattern *p, const char *text)
{
    pattern_group_init(&alone, &p, 1);
    int32_t len;
    UChar *t = utf16(text, &len);
    URegularExpression *re = uregex_clone(p->re, &(UErrorCode){U_ZERO_ERROR});
    int32_t line = 0;
    for (int32_t i = 0; i <= len; i++) {
        if (i < len && t[i] != '\n' && t[i] != 0x3002)
            continue;
        compare_region(p, re, t, len, line, i);
        if (t[i] == 0x3002 || i == len)
            line = i + 1 > len ? len : i + 1;
        else
            line = i + 1;
    }
    compare_region(p, re, t, len, 0, len);
    uregex_close(re);
    free(t);
    pattern_group_free(&alone);
}

/* ------------------------------------------------------------ groups */

static size_t group_regions;

/* The rules' group of spans gives, region after region, what its patterns
 * give one by one. */
static void compare_group(const struct pattern_group *g, struct pattern_scratch *scratch, const char *text)
{
    int32_t len;
    UChar *t = utf16(text, &len);
    int32_t from = 0;
    for (int32_t i = 0; i <= len; i++) {
        if (i < len && t[i] != '\n' && t[i] != 0x3002)
            continue;
        struct kfound x = {0}, y = {0};
        pattern_group_find_all(g, scratch, t, from, i, add_kfound, &x);
        for (size_t k = 0; k < g->n; k++) {
            y.k = (int32_t)k;
            pattern_find_all(g->patterns[k], t, from, i, add_one, &y);
        }
        bool same = x.n == y.n;
        for (size_t j = 0; same && j < x.n; j++)
            same = !memcmp(x.at[j], y.at[j], sizeof x.at[j]);
        CHECK(same, "group: [%d, %d) gives %zu matches, its patterns one by one %zu", from, i, x.n, y.n);
        group_regions++;
        free(x.at);
        free(y.at);
        from = i + 1;
    }
    free(t);
}

static char **texts;
static size_t ntexts;

/* Patterns written to reach the matchers' corners (repetitions given up,
 * or not, to what follows; optional groups; lookbehind near the start; $
 * before line ends; for the automaton, which alternative and which count
 * wins: the first that matches, greedy or lazy, not the longest; characters
 * outside the BMP), each against texts that try them. The first
 * NOT_AUTOMATA are for the backtracking matcher alone, the rest make
 * automata. */
static void crafted_cases(void)
{
    static const char *const patterns[] = {
        /* the backtracking matcher: lookaround, anchors, possessive */
        "[0-9]+(?=年)", "(?<![0-9])[0-9]{2}", "[^，。]{0,4}$", "[0-9]++5", "第[0-9]*+号",
        /* the automaton */
        "[0-9]+[A-Za-z]+", "[0-9]{2,4}年", "[0-9]+(?:x)?y", "[a-z]+[a-z0-9]", "[0-9]*?5",
        "(?:近|这)?[0-9]+年(?:来|以来)?", "a(?:b|bc)c", "[0-9]+[0-9]", "第[0-9]+(?:号)??", "a|ab",
        "ab|a", "(?:a|ab)(?:c|bcd)", "[0-9]+?[0-9]", "[0-9]{2,4}?[0-9]?", "(?:ab)??c", "x(?:y(?:z)?)?",
        "[^，。]+?。", "[^，。]*", "[𠀀-𠀂]+[a-z]", "[a-c𠀁]{1,3}?b|𠀂x", "[0-9]+(?:年|年度)?以?",
        "(?:a(?:b)?)?c", "(?:x|)y", "(?:ab|a)(?:bc|c)?", "(?:a|ab)??b", "[ab]{0,2}b", "(?:|a)b"};
    enum { NOT_AUTOMATA = 5 };
    static const char *const texts[] = {
        "2023年增长12.5%，GDP 123abc，45xy 6y 12345年", "ab abc abcc a1b2 x55 9995",
        "近3年来，这10年，去年\r\n第12号，第3", "一二三\n45\r\n678\r", "第12号令 2020年 abcd1",
        "abcd abcbcd xyzxyx ababc c 12。34，5。", "𠀀𠀁abc 𠀂x a𠀁b 𠀁𠀁𠀁b 2024年度以 3年以"};
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        struct pattern *p = open_utf8(patterns[i]);
        CHECK(p && p->native, "%s: not matched natively", patterns[i]);
        CHECK(!p || !p->dfa == (i < NOT_AUTOMATA), "%s: %s an automaton", patterns[i],
              p && p->dfa ? "made" : "not made");
        /* the backtracking ones are tried only where their loose automaton
         * (lookaround and anchors as empty, possessive as greedy) matches:
         * compare_text shows that this loses no match */
        CHECK(!p || !p->filter == (i >= NOT_AUTOMATA), "%s: %s a loose automaton", patterns[i],
              p && p->filter ? "made" : "not made");
        if (!p)
            continue;
        pattern_id = patterns[i];
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
            compare_text(p, texts[k]);
        pattern_close(p);
    }
}

static void read_texts(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        size_t n = strlen(path);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            read_texts(path);
        } else if (S_ISREG(st.st_mode) && n > 4 && !strcmp(path + n - 4, ".txt") && strstr(path, "/input/")) {
            FILE *f = fopen(path, "rb");
            char *s = xmalloc((size_t)st.st_size + 1);
            size_t got = f ? fread(s, 1, (size_t)st.st_size, f) : 0;
            s[got] = '\0';
            if (f)
                fclose(f);
            UErrorCode status = U_ZERO_ERROR;
            u_strFromUTF8(NULL, 0, NULL, s, (int32_t)got, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR && strlen(s) == got) { /* valid UTF-8 without NUL */
                texts = xrealloc(texts, (ntexts + 1) * sizeof *texts);
                texts[ntexts++] = s;
            } else {
                free(s);
            }
        }
        free(path);
    }
    if (d)
        closedir(d);
}

static size_t prefiltered, native, automata, npatterns;

static void compare_pattern(const char *id, struct pattern *p, const struct rule_set *rs)
{
    if (!p)
        return;
    pattern_id = id;
    npatterns++;
    prefiltered += !p->first.any;
    native += p->native;
    automata += p->dfa != NULL;
    /* ICU's matcher costs a multiple of the native one at every place it
     * is tried (a rule matched by it took 16 % of a run): a rule the
     * native reader does not follow must be written so that it does
     * (\u0020 for a space in a class, & as an alternative), not left to
     * slow every run silently */
    CHECK(p->native, "%s is matched by ICU's regex, not natively: rewrite it with what pattern_read.c follows",
          id);
    if (p->first.any)
        printf("patterns: %s is tried everywhere\n", id);
    for (size_t i = 0; i < ntexts; i++)
        compare_text(p, texts[i]);
    for (size_t i = 0; i < rs->n_examples; i++)
        compare_text(p, rs->examples[i].text);
}

int main(void)
{
    reader_cases();
    crafted_cases();

    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs, "rules: %s", err.text);
    if (!rs)
        return test_summary("patterns");
    read_texts("fixtures");
    CHECK(ntexts >= 10, "only %zu fixture texts", ntexts);
    for (size_t k = 0; k < rs->n_exclusions; k++)
        compare_pattern(rs->exclusions[k].id, rs->exclusions[k].re, rs);
    for (size_t k = 0; k < rs->n_time_refs; k++)
        compare_pattern(rs->time_refs[k].id, rs->time_refs[k].re, rs);
    for (size_t k = 0; k < rs->n_periods; k++)
        compare_pattern(rs->periods[k].id, rs->periods[k].re, rs);
    for (size_t k = 0; k < rs->n_changes; k++) {
        compare_pattern(rs->changes[k].id, rs->changes[k].before, rs);
        compare_pattern(rs->changes[k].id, rs->changes[k].between, rs);
    }
    for (size_t k = 0; k < rs->n_deltas; k++) {
        compare_pattern(rs->deltas[k].id, rs->deltas[k].before, rs);
        compare_pattern(rs->deltas[k].id, rs->deltas[k].after, rs);
    }
    for (size_t k = 0; k < rs->n_implied_unit_carries; k++)
        compare_pattern(rs->implied_unit_carries[k].id, rs->implied_unit_carries[k].re, rs);
    /* and the patterns of any section, whether compared above or not */
    struct pattern *const *all;
    size_t nall = rules_patterns(rs, &all), foreign = 0;
    for (size_t k = 0; k < nall; k++)
        foreign += !all[k]->native;
    CHECK(nall >= npatterns && foreign == 0, "%zu of the %zu patterns of the rules are matched by ICU's regex",
          foreign, nall);
    struct pattern_scratch scratch = {0};
    for (size_t i = 0; i < ntexts; i++)
        compare_group(&rs->spans, &scratch, texts[i]);
    for (size_t i = 0; i < rs->n_examples; i++)
        compare_group(&rs->spans, &scratch, rs->examples[i].text);
    pattern_scratch_free(&scratch);
    CHECK(group_regions > 1000, "only %zu regions searched by the group", group_regions);
    /* most patterns must be read, or the prefilter does nothing */
    CHECK(prefiltered * 2 > npatterns, "only %zu of %zu patterns have a first set", prefiltered, npatterns);
    printf("patterns: %zu of %zu with a first set, %zu matched here (%zu by automaton), %zu places "
           "searched\n",
           prefiltered, npatterns, native, automata, searches);
    for (size_t i = 0; i < ntexts; i++)
        free(texts[i]);
    free(texts);
    rules_free(rs);
    u_cleanup();
    return test_summary("patterns");
}
