/* test_rules: the rule loader's errors (tests/bad_rules.txt, one stanza
 * per bad file, each with the exact message), the shipped rules load, and
 * their word lists, searched through their indices, find what comparing
 * every word in turn finds; shares of the rules (rules_share), on threads
 * of their own at once, pass every example as the rules do. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "examples.h"
#include "harness.h"
#include "markup.h"
#include "rules.h"
#include "segment.h"
#include "xalloc.h"

#define DATA "tests/bad_rules.txt"

static void check_stanza(const char *name, int line, const char *text, const char *want)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load_text("rules/test.json", text, &err);
    char got[1024] = "(loaded without error)";
    if (!rs)
        pl_error_format(&err, got, sizeof got);
    CHECK_AT(DATA, line, !rs && strcmp(got, want) == 0, "%s:\n  want: %s\n  got:  %s", name, want, got);
    CHECK_AT(DATA, line, rs || err.source[0], "%s: no source line for the caret", name);
    rules_free(rs);
}

/* The first word of l in its order at s[pos] (before: ending at s[pos]),
 * every word compared: what the indices must give. */
static int32_t first_word(const struct word_list *l, const UChar *s, int32_t pos, int32_t len, bool before)
{
    for (size_t i = 0; i < l->n; i++) {
        int32_t n = l->lens[i];
        int32_t at = before ? pos - n : pos;
        if (at >= 0 && at + n <= len && !memcmp(s + at, l->words[i], (size_t)n * sizeof *s))
            return n;
    }
    return 0;
}

/* Every list against text made of all their words (units of the same first
 * and last character side by side, in and out of order), at every place. */
static void check_lists(const struct word_list *const *lists, size_t nlists)
{
    size_t len = 0;
    for (size_t k = 0; k < nlists; k++)
        for (size_t i = 0; i < lists[k]->n; i++)
            len += (size_t)lists[k]->lens[i] + 1;
    UChar *text = xmalloc((2 * len + 1) * sizeof *text);
    int32_t n = 0;
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < nlists; k++)
            for (size_t j = 0; j < lists[k]->n; j++) {
                size_t i = round ? lists[k]->n - 1 - j : j;
                memcpy(text + n, lists[k]->words[i], (size_t)lists[k]->lens[i] * sizeof *text);
                n += lists[k]->lens[i];
                if (round)
                    text[n++] = 0x3001;
            }
    for (size_t k = 0; k < nlists; k++) {
        CHECK(lists[k]->n == 0 || (lists[k]->by_first.slots && lists[k]->by_last.slots),
              "word list %zu is not indexed", k);
        int32_t pos = 0, got = 0, want = 0, got_before = 0, want_before = 0;
        for (; pos <= n; pos++) {
            want = pos < n ? first_word(lists[k], text, pos, n, false) : 0;
            got = word_list_match(lists[k], text, pos, n);
            want_before = pos > 0 ? first_word(lists[k], text, pos, n, true) : 0;
            got_before = word_list_match_before(lists[k], text, 0, pos);
            if (got != want || got_before != want_before)
                break;
        }
        CHECK(pos > n, "word list %zu at %d: %d (want %d), before %d (want %d)", k, pos, got, want, got_before,
              want_before);
    }
    free(text);
}

/* One thread's run of every example, with its own segmenter. */
struct examples_thread {
    const struct rule_set *rs;
    int passed, failed;
    bool ran;
};

static void *run_examples(void *arg)
{
    struct examples_thread *x = arg;
    struct pl_error err = {0};
    struct segmenter *sg = segmenter_new(&err);
    FILE *out = fopen("/dev/null", "w");
    if (sg && out) {
        examples_run(x->rs, sg, out, &x->passed, &x->failed);
        x->ran = true;
    }
    if (out)
        fclose(out);
    segmenter_free(sg);
    return NULL;
}

/* Shares of rs: each rule names a clone of its own of the pattern rs's
 * rule names, which shares its tree; the words are rs's. Two shares and rs
 * run the examples on three threads at once, each as rs alone does. */
static void check_shares(const struct rule_set *rs)
{
    struct pl_error err = {0};
    struct rule_set *a = rules_share(rs, &err), *b = a ? rules_share(a, &err) : NULL;
    CHECK(a && b, "rules_share: %s", err.text);
    if (!a || !b) {
        rules_free(a);
        return;
    }
    struct pattern *const *ps, *const *pa;
    size_t n = rules_patterns(rs, &ps), na = rules_patterns(a, &pa);
    CHECK(n == na && n > 0, "a share has %zu patterns, the rules %zu", na, n);
    for (size_t i = 0; i < n && i < na; i++)
        CHECK(pa[i] != ps[i] && pa[i]->re != ps[i]->re && pa[i]->root == ps[i]->root && pa[i]->clone_of == ps[i],
              "pattern %zu of a share is a clone of the rules' own", i);
    for (size_t k = 0; k < rs->n_when && k < a->n_when; k++)
        CHECK(a->when[k].re != rs->when[k].re && a->when[k].re->clone_of == rs->when[k].re &&
                  a->when[k].id == rs->when[k].id,
              "when rule %s of a share names its own clone", rs->when[k].id);
    for (size_t k = 0; k < rs->spans.n; k++)
        CHECK(a->spans.patterns[k]->clone_of == rs->spans.patterns[k] && a->spans.class_of == rs->spans.class_of,
              "span pattern %zu of a share: a clone, with the rules' tables", k);
    CHECK(a->units == rs->units && a->words == rs->words, "a share holds the rules' words");

    markup_init(); /* the HTML examples: libxml2 set up before the threads, as a run does */
    struct examples_thread x[3] = {{.rs = rs}, {.rs = a}, {.rs = b}};
    pthread_t th[3];
    bool started[3];
    for (int i = 0; i < 3; i++)
        started[i] = pthread_create(&th[i], NULL, run_examples, &x[i]) == 0;
    for (int i = 0; i < 3; i++)
        if (started[i])
            pthread_join(th[i], NULL);
    for (int i = 1; i < 3; i++)
        CHECK(started[i] && x[i].ran && x[i].passed == x[0].passed && x[i].failed == x[0].failed && x[0].passed > 0,
              "share %d on a thread: %d passed, %d failed; the rules %d passed, %d failed", i, x[i].passed,
              x[i].failed, x[0].passed, x[0].failed);
    rules_free(b);
    rules_free(a);
}

int main(void)
{
    FILE *f = fopen(DATA, "r");
    CHECK(f != NULL, "cannot open %s", DATA);
    if (!f)
        return test_summary("rules");
    char line[4096], name[256] = "";
    struct buf text = {0};
    int lineno = 0, start = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strncmp(line, "### ", 4)) {
            snprintf(name, sizeof name, "%.*s", (int)strcspn(line + 4, "\n"), line + 4);
            text.len = 0;
            buf_append(&text, "", 0);
            start = lineno;
        } else if (!strncmp(line, "--- ", 4) && name[0]) {
            line[strcspn(line, "\n")] = '\0';
            check_stanza(name, start, text.data, line + 4);
            name[0] = '\0';
        } else if (name[0]) {
            buf_puts(&text, line);
        }
    }
    fclose(f);
    buf_free(&text);

    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs != NULL, "the shipped rules do not load: %s:%d:%d: %s", err.path, err.line, err.column, err.text);
    if (rs) {
        CHECK(rs->n_examples >= 60, "only %zu rule examples", rs->n_examples);
        CHECK(rs->n_units > 0 && rs->n_qualifiers > 0, "units and qualifiers are loaded");
        size_t n = rs->n_units + rs->n_places + rs->n_qualifiers;
        const struct word_list **lists = xmalloc(n * sizeof *lists);
        size_t k = 0;
        for (size_t i = 0; i < rs->n_units; i++)
            lists[k++] = &rs->units[i].words;
        for (size_t i = 0; i < rs->n_places; i++)
            lists[k++] = &rs->places[i].words;
        for (size_t i = 0; i < rs->n_qualifiers; i++)
            lists[k++] = &rs->qualifiers[i].words;
        check_lists(lists, k);
        free(lists);
        check_shares(rs);
    }
    rules_free(rs);
    struct pl_error missing = {0};
    CHECK(!rules_load("tests/no-such-folder", &missing) && strstr(missing.text, "cannot open"),
          "a missing rules folder is an error: %s", missing.text);
    u_cleanup();
    return test_summary("rules");
}
