/* test_wordclass: the word class lexicon of rules/ loads, looks words up
 * (traditional script folded onto it), segments text as jieba does, and a
 * bad lexicon line is an error naming its file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

#include "harness.h"
#include "wordclass.h"
#include "xalloc.h"

static int32_t utf16(const char *s, UChar *out, int32_t cap)
{
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(out, cap, &n, s, -1, &st);
    return U_SUCCESS(st) ? n : 0;
}

static void check_tag(const struct wordclass *wc, const char *word, const char *want)
{
    UChar u[16];
    int32_t n = utf16(word, u, 16);
    const char *tag = wordclass_tag(wc, u, n, NULL);
    CHECK(want ? tag && !strcmp(tag, want) : !tag, "%s: want tag %s, got %s", word, want ? want : "(none)",
          tag ? tag : "(none)");
}

/* The words of text joined by "|", each followed by "/tag". */
static void check_segment(const struct wordclass *wc, const char *text, const char *want)
{
    UChar u[256];
    int32_t n = utf16(text, u, 256);
    struct wc_word w[256];
    size_t k = wordclass_segment(wc, u, 0, n, w);
    struct buf got = {0};
    for (size_t i = 0; i < k; i++) {
        char s[64];
        int32_t len = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strToUTF8(s, sizeof s, &len, u + w[i].start, w[i].end - w[i].start, &st);
        buf_printf(&got, "%s%.*s/%s", i ? "|" : "", (int)len, s, w[i].tag);
    }
    CHECK(!strcmp(got.data ? got.data : "", want), "%s:\n  want: %s\n  got:  %s", text, want, got.data);
    buf_free(&got);
}

int main(void)
{
    struct pl_error err = {0};
    struct wordclass *wc = wordclass_load("rules/wordclass.tsv", "rules/wordclass_fold.tsv", &err);
    CHECK(wc != NULL, "rules/wordclass.tsv does not load: %s:%d: %s", err.path, err.line, err.text);
    if (!wc)
        return test_summary("wordclass");
    CHECK(wordclass_size(wc) > 50000, "only %zu words", wordclass_size(wc));
    check_tag(wc, "个", "q");
    check_tag(wc, "岗位", "n");
    check_tag(wc, "征集", "v");
    check_tag(wc, "的", "uj");
    check_tag(wc, "养老", "nr"); /* jieba tags some common words as names: kept */
    check_tag(wc, "開支", "v");
    check_tag(wc, "岗位岗位", NULL);
    check_segment(wc, "征集1694个岗位", "征集/v|1694/m|个/q|岗位/n");
    check_segment(wc, "選舉開支", "選舉/v|開支/v");
    check_segment(wc, "安置1032名在校学生实践实习",
                  "安置/v|1032/m|名/q|在校学生/n|实践/v|实习/v");
    check_segment(wc, "GDP增长1.5%", "GDP/eng|增长/v|1.5/m|%/x");
    /* without a lexicon every Han character is a word of its own */
    check_segment(NULL, "岗位", "岗/un|位/un");
    wordclass_free(wc);

    char path[] = "/tmp/test_wordclass_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "cannot make a temporary file");
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w");
        fputs("# a comment\n岗位\t10\tn\n岗位 10 n\n", f);
        fclose(f);
        struct pl_error bad = {0};
        struct wordclass *none = wordclass_load(path, NULL, &bad);
        char got[1024];
        pl_error_format(&bad, got, sizeof got);
        CHECK(!none && bad.line == 3 && strstr(got, "expected a word of 1 to 6 UTF-16 units"),
              "a bad line: %s", got);
        wordclass_free(none);
        remove(path);
    }
    u_cleanup();
    return test_summary("wordclass");
}
