/* floor: what whole-corpus ICU word segmentation costs.
 *
 *   floor DIR...
 *
 * Reads every regular file under each DIR (recursively, in directory
 * order, hidden names skipped, links followed), converts it from UTF-8 to UTF-16 and runs
 * ICU's word break iterator (UBRK_WORD, locale "zh": the dictionary pass
 * for Han text) over the whole text, counting the words (segments whose
 * rule status is not UBRK_WORD_NONE: no spaces or punctuation). No
 * sentence splitting, no extraction, no output but one line of totals:
 *
 *   floor: FILES files, BYTES bytes, WORDS words, SECONDS s, MB/s
 *
 * One thread, one iterator reused for every file. Needs ICU only. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

static UBreakIterator *words;
static unsigned long long nfiles, nbytes, nwords, nfailed;
static char *buf;
static size_t bufcap;
static UChar *text;
static size_t textcap;

static void *grow(void *p, size_t *cap, size_t need, size_t unit)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 1 << 20;
    while (c < need)
        c *= 2;
    p = realloc(p, c * unit);
    if (!p) {
        fprintf(stderr, "floor: out of memory\n");
        exit(2);
    }
    *cap = c;
    return p;
}

static void segment_file(const char *path, off_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
        nfailed++;
        return;
    }
    buf = grow(buf, &bufcap, (size_t)size + 1, 1);
    size_t len = 0, got;
    while ((got = fread(buf + len, 1, bufcap - len, f)) > 0) {
        len += got;
        if (len == bufcap)
            buf = grow(buf, &bufcap, bufcap + 1, 1);
    }
    fclose(f);

    /* UTF-16 never needs more units than UTF-8 has bytes */
    text = grow(text, &textcap, len + 1, sizeof *text);
    UErrorCode status = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8WithSub(text, (int32_t)textcap, &ulen, buf, (int32_t)len, 0xFFFD, NULL,
                         &status);
    if (U_SUCCESS(status))
        ubrk_setText(words, text, ulen, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "floor: %s: %s\n", path, u_errorName(status));
        nfailed++;
        return;
    }
    unsigned long long n = 0;
    ubrk_first(words);
    while (ubrk_next(words) != UBRK_DONE)
        if (ubrk_getRuleStatus(words) >= UBRK_WORD_NONE_LIMIT)
            n++;
    nwords += n;
    nbytes += len;
    nfiles++;
}

static int walk(const char *path)
{
    struct stat st;
    if (stat(path, &st)) {
        fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISREG(st.st_mode)) {
        segment_file(path, st.st_size);
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return 0;
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(n);
        if (!child) {
            fprintf(stderr, "floor: out of memory\n");
            exit(2);
        }
        snprintf(child, n, "%s/%s", path, e->d_name);
        rc = walk(child);
        free(child);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: floor DIR...\n");
        return 2;
    }
    UErrorCode status = U_ZERO_ERROR;
    words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "floor: cannot open the word break iterator: %s\n", u_errorName(status));
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++) {
        if (walk(argv[i]))
            return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("floor: %llu files, %llu bytes, %llu words, %.3f s, %.3f MB/s\n", nfiles, nbytes,
           nwords, s, s > 0 ? (double)nbytes / 1e6 / s : 0.0);
    ubrk_close(words);
    free(buf);
    free(text);
    u_cleanup();
    return nfailed ? 1 : 0;
}
