/* test_discover: the walk of the input paths gives every document once, in
 * the order of the whole list sorted by name (then path), with hidden
 * entries, link loops and folders or files met before passed over, over a
 * tree built for it in a temporary folder. */
#define _DEFAULT_SOURCE /* mkdtemp, symlink */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "harness.h"

static char top[64];

static void make_file(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", top, rel);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "cannot create %s", path);
    if (f) {
        fputs("全县新增就业2.4万人。\n", f);
        fclose(f);
    }
}

static void make_dir(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", top, rel);
    CHECK(mkdir(path, 0755) == 0, "cannot create folder %s", path);
}

static void make_link(const char *target, const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", top, rel);
    CHECK(symlink(target, path) == 0, "cannot link %s", path);
}

/* Walk paths[0..n) and compare with want[] (name, path relative to top). */
static void expect_walk(const char *what, const char *const *paths, size_t n, const char *const (*want)[2],
                        size_t nwant)
{
    struct pl_error err = {0};
    struct discovery *d = discover_open(paths, n, NULL, &err);
    CHECK(d != NULL, "%s: open failed: %s", what, err.text);
    if (!d)
        return;
    struct input_file f;
    size_t i = 0;
    while (discover_next(d, &f)) {
        if (f.skip)
            continue;
        if (i < nwant) {
            char path[256], name[256];
            snprintf(path, sizeof path, "%s/%s", top, want[i][1]);
            /* "@" in a name: the temporary folder */
            const char *at = strchr(want[i][0], '@');
            if (at)
                snprintf(name, sizeof name, "%.*s%s%s", (int)(at - want[i][0]), want[i][0], top, at + 1);
            else
                snprintf(name, sizeof name, "%s", want[i][0]);
            CHECK(!strcmp(f.name, name) && !strcmp(f.path, path) && !f.error,
                  "%s: document %zu is %s (%s%s%s), expected %s (%s)", what, i, f.name, f.path,
                  f.error ? ": " : "", f.error ? f.error : "", name, path);
        }
        i++;
    }
    CHECK(i == nwant, "%s: %zu documents, expected %zu", what, i, nwant);
    discover_close(d);
}

int main(void)
{
    snprintf(top, sizeof top, "/tmp/test_discover.XXXXXX");
    if (!mkdtemp(top)) {
        perror("mkdtemp");
        return 1;
    }
    make_dir("r1");
    make_file("r1/a.txt");
    make_dir("r1/a");
    make_file("r1/a/x.txt");
    make_dir("r1/a/b");
    make_file("r1/a/b/y.txt");
    make_file("r1/a-b.txt");  /* '-' < '.' < '/' < '0' */
    make_file("r1/a0.txt");
    make_file("r1/b.txt");
    make_file("r1/.hidden.txt");
    make_dir("r1/.hidden");
    make_file("r1/.hidden/z.txt");
    make_dir("r1/empty");
    make_link(".", "r1/loop");          /* back to r1: passed over */
    make_dir("r1/sub");
    make_file("r1/sub/s.txt");
    make_link("..", "r1/sub/up");       /* back to r1 again */
    make_link("nowhere", "r1/dangling"); /* listed: reading it says why */
    make_link("a", "r1/linked");        /* a folder walked already: passed over */
    make_dir("r2");
    make_file("r2/a.txt");
    make_file("r2/c.txt");

    char r1[96], r2[96], c[96], missing[96];
    snprintf(r1, sizeof r1, "%s/r1/", top); /* the trailing slash is dropped */
    snprintf(r2, sizeof r2, "%s/r2", top);
    snprintf(c, sizeof c, "%s/r2/c.txt", top);
    snprintf(missing, sizeof missing, "%s/r3", top);

    static const char *const ONE[][2] = {
        {"a-b.txt", "r1/a-b.txt"},
        {"a.txt", "r1/a.txt"},
        {"a/b/y.txt", "r1/a/b/y.txt"},
        {"a/x.txt", "r1/a/x.txt"},
        {"a0.txt", "r1/a0.txt"},
        {"b.txt", "r1/b.txt"},
        {"dangling", "r1/dangling"},
        {"sub/s.txt", "r1/sub/s.txt"},
    };
    const char *one[] = {r1};
    expect_walk("one folder", one, 1, ONE, sizeof ONE / sizeof *ONE);

    /* several paths: one order across them; one name in two inputs told
     * apart by the input; a file given twice (as itself and in its
     * folder) read once */
    static const char *const THREE[][2] = {
        {"a-b.txt", "r1/a-b.txt"},
        {"a.txt (@/r1)", "r1/a.txt"},
        {"a.txt (@/r2)", "r2/a.txt"},
        {"a/b/y.txt", "r1/a/b/y.txt"},
        {"a/x.txt", "r1/a/x.txt"},
        {"a0.txt", "r1/a0.txt"},
        {"b.txt", "r1/b.txt"},
        {"c.txt", "r2/c.txt"},
        {"dangling", "r1/dangling"},
        {"sub/s.txt", "r1/sub/s.txt"},
    };
    const char *three[] = {c, r2, r1};
    expect_walk("three paths", three, 3, THREE, sizeof THREE / sizeof *THREE);

    static const char *const EMPTY[][2] = {{"", ""}};
    char empty[96];
    snprintf(empty, sizeof empty, "%s/r1/empty", top);
    const char *none[] = {empty};
    expect_walk("an empty folder", none, 1, EMPTY, 0);

    struct pl_error err = {0};
    const char *gone[] = {r2, missing};
    struct discovery *d = discover_open(gone, 2, NULL, &err);
    CHECK(d == NULL && err.set && strstr(err.text, "no such file or folder") && !strcmp(err.path, missing),
          "a missing path: %s: %s", err.path, err.text);
    discover_close(d);

    /* a folder removed while the walk is under way: an entry of its own,
     * in its place, that says why; the walk goes on past it */
    make_dir("r4");
    make_file("r4/a.txt");
    make_dir("r4/m");
    make_file("r4/m/x.txt");
    make_file("r4/z.txt");
    char r4[96], cmd[128];
    snprintf(r4, sizeof r4, "%s/r4", top);
    const char *four[] = {r4};
    d = discover_open(four, 1, NULL, &err);
    CHECK(d != NULL, "r4: open failed: %s", err.text);
    struct input_file f;
    if (d && discover_next(d, &f)) {
        CHECK(!strcmp(f.name, "a.txt") && !f.error, "r4: first %s", f.name);
        snprintf(cmd, sizeof cmd, "rm -rf '%s/m'", r4);
        CHECK(system(cmd) == 0, "cannot remove %s/m", r4);
        bool got = discover_next(d, &f);
        CHECK(got && !strcmp(f.name, "m") && f.error && strstr(f.error, "cannot read folder"),
              "r4: the removed folder comes as %s (%s)", got ? f.name : "nothing",
              got && f.error ? f.error : "no error");
        got = discover_next(d, &f);
        CHECK(got && !strcmp(f.name, "z.txt") && !f.error, "r4: then %s", got ? f.name : "nothing");
        CHECK(!discover_next(d, &f), "r4: more than three entries");
    }
    discover_close(d);

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    CHECK(system(cmd) == 0, "cannot remove %s", top);
    return test_summary("discover");
}
