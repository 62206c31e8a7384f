/* gencorpus: a large, varied, reproducible corpus from a few small texts.
 *
 *   gencorpus OUT_DIR NDOCS DOC_BYTES SEED SOURCE...
 *
 * Every non-empty line of every SOURCE (a plain-text report, UTF-8; lines
 * that are not valid UTF-8 are left out, exact duplicates kept once) is a
 * paragraph. Document i (OUT_DIR/NNNNN.txt) takes paragraphs from a shuffle
 * of all of them, reshuffled when used up, until it holds about DOC_BYTES
 * (between 0.75 and 1.25 times, so the sizes vary), separated by one or two
 * line breaks. Each ASCII and full-width digit is replaced by a random one
 * half the time (a number's first digit stays non-zero), so that no two
 * copies of a paragraph carry the same figures. Document i depends only on
 * SEED and i: the first documents of a larger corpus are those of a smaller
 * one made with the same seed and size. No dependencies but libc. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct para {
    char *s;
    size_t n;
};

static struct para *paras;
static size_t npara, cappara;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "gencorpus: out of memory\n");
        exit(2);
    }
    return p;
}

/* splitmix64: one 64-bit state, good enough and the same everywhere */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t below(uint64_t *s, uint32_t n)
{
    return (uint32_t)(next(s) % n);
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3, cp = c & 0x07;
        } else {
            return 0;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static void add_para(const char *s, size_t n)
{
    /* trim trailing blanks and CR, leading BOM */
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        s += 3, n -= 3;
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    if (lead == n || !valid_utf8((const unsigned char *)s, n))
        return;
    for (size_t i = 0; i < npara; i++)
        if (paras[i].n == n && !memcmp(paras[i].s, s, n))
            return;
    if (npara == cappara) {
        cappara = cappara ? 2 * cappara : 256;
        paras = xrealloc(paras, cappara * sizeof *paras);
    }
    paras[npara].s = xrealloc(NULL, n);
    memcpy(paras[npara].s, s, n);
    paras[npara++].n = n;
}

static void read_source(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (cap - len < 65536)
            buf = xrealloc(buf, cap = cap * 2 + 65536);
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    if (memchr(buf, 0, len)) { /* binary or UTF-16: not a source */
        free(buf);
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || buf[i] == '\n') {
            add_para(buf + start, i - start);
            start = i + 1;
        }
    }
    free(buf);
}

static int is_digit_at(const unsigned char *s, size_t n, size_t i, size_t *width)
{
    if (s[i] >= '0' && s[i] <= '9') {
        *width = 1;
        return 1;
    }
    /* full-width ０..９: EF BC 90..99 */
    if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99) {
        *width = 3;
        return 1;
    }
    return 0;
}

/* Writes paragraph p to f with its digits varied. */
static size_t write_varied(FILE *f, const struct para *p, uint64_t *rng, unsigned char *tmp)
{
    const unsigned char *s = (const unsigned char *)p->s;
    memcpy(tmp, s, p->n);
    int prev_digit = 0;
    for (size_t i = 0; i < p->n;) {
        size_t w;
        if (!is_digit_at(s, p->n, i, &w)) {
            prev_digit = 0;
            i++;
            continue;
        }
        unsigned last = w == 1 ? s[i] : s[i + 2];
        unsigned zero = w == 1 ? '0' : 0x90;
        if (below(rng, 2)) {
            unsigned d = (!prev_digit && last != zero) ? 1 + below(rng, 9) : below(rng, 10);
            tmp[i + w - 1] = (unsigned char)(zero + d);
        }
        prev_digit = 1;
        i += w;
    }
    return fwrite(tmp, 1, p->n, f);
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: gencorpus OUT_DIR NDOCS DOC_BYTES SEED SOURCE...\n");
        return 2;
    }
    const char *out = argv[1];
    long ndocs = strtol(argv[2], NULL, 10);
    long doc_bytes = strtol(argv[3], NULL, 10);
    uint64_t seed = strtoull(argv[4], NULL, 10);
    if (ndocs <= 0 || doc_bytes <= 0) {
        fprintf(stderr, "gencorpus: NDOCS and DOC_BYTES must be positive\n");
        return 2;
    }
    for (int i = 5; i < argc; i++)
        read_source(argv[i]);
    if (!npara) {
        fprintf(stderr, "gencorpus: no paragraphs in the sources\n");
        return 2;
    }
    if (mkdir(out, 0755) && errno != EEXIST) {
        fprintf(stderr, "gencorpus: %s: %s\n", out, strerror(errno));
        return 2;
    }
    size_t maxn = 0, unique = 0;
    for (size_t i = 0; i < npara; i++) {
        unique += paras[i].n;
        if (paras[i].n > maxn)
            maxn = paras[i].n;
    }
    unsigned char *tmp = xrealloc(NULL, maxn);
    size_t *order = xrealloc(NULL, npara * sizeof *order);
    size_t pathcap = strlen(out) + 32;
    char *path = xrealloc(NULL, pathcap);
    unsigned long long total = 0;
    for (long d = 0; d < ndocs; d++) {
        uint64_t rng = seed ^ (0xD1B54A32D192ED03ull * (uint64_t)(d + 1));
        next(&rng);
        long target = doc_bytes * 3 / 4 + (long)below(&rng, (uint32_t)(doc_bytes / 2 + 1));
        snprintf(path, pathcap, "%s/%05ld.txt", out, d);
        FILE *f = fopen(path, "wb");
        if (!f) {
            fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
            return 2;
        }
        long written = 0;
        size_t used = npara;
        while (written < target) {
            if (used == npara) { /* Fisher-Yates over all paragraphs */
                for (size_t i = 0; i < npara; i++)
                    order[i] = i;
                for (size_t i = npara - 1; i > 0; i--) {
                    size_t j = below(&rng, (uint32_t)(i + 1)), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                used = 0;
            }
            written += (long)write_varied(f, &paras[order[used++]], &rng, tmp);
            int breaks = 1 + (int)below(&rng, 2);
            fwrite("\n\n", 1, (size_t)breaks, f);
            written += breaks;
        }
        if (fclose(f)) {
            fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
            return 2;
        }
        total += (unsigned long long)written;
    }
    fprintf(stderr, "gencorpus: %ld documents, %llu bytes, from %zu paragraphs (%zu bytes)\n",
            ndocs, total, npara, unique);
    return 0;
}
