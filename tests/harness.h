/* harness: the smallest test harness that names what failed.
 *
 *   CHECK(cond, "fmt", ...)   counts a pass, or prints "file:line: fmt" and
 *                             counts a failure
 *   CHECK_AT(where, line, cond, "fmt", ...)  the same, naming a data file
 *   return test_summary("name");  prints "name: N passed, N failed" and
 *                             returns the exit status
 *   split_tabs(line, fields, max)  a .tsv row into its fields
 *
 * Header-only: each test program is one .c file that includes it. */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stdio.h>

static int test_passed, test_failed;

#define CHECK_AT(file, line, cond, ...)                          \
    do {                                                         \
        if (cond) {                                              \
            test_passed++;                                       \
        } else {                                                 \
            test_failed++;                                       \
            fprintf(stderr, "%s:%d: ", (file), (int)(line));     \
            fprintf(stderr, __VA_ARGS__);                        \
            fputc('\n', stderr);                                 \
        }                                                        \
    } while (0)

#define CHECK(cond, ...) CHECK_AT(__FILE__, __LINE__, cond, __VA_ARGS__)

/* Split line at tabs into at most max fields (empty fields kept); returns
 * the count. For the .tsv tables the tests read. */
static inline int split_tabs(char *line, char **field, int max)
{
    int n = 0;
    field[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') {
            *p = '\0';
            field[n++] = p + 1;
        }
    }
    return n;
}

static inline int test_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, test_passed, test_failed);
    return test_failed ? 1 : 0;
}

#endif
