/* wordclass: the part-of-speech lexicon and the segmentation it gives.
 *
 * The words live in one pool of UTF-16 units, indexed by an open-addressing
 * hash table (FNV-1a over the units, linear probing), made once at load.
 * Segmentation is jieba's: every word of the lexicon that begins at each
 * place is an edge of a graph over the text, and the route that maximises
 * the sum of the words' log frequencies wins, computed from the right end.
 * As in jieba, the table also holds every beginning of a word (with no
 * frequency), so that the words at a place are looked up only as long as
 * what is read begins one. */
#include "wordclass.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "xalloc.h"

/* 8 bytes: the table is the lexicon's largest part (a slot for every word
 * and beginning of a word, at most half of them full). */
struct entry {
    uint32_t key : 22;             /* offset into pool; NO_KEY: empty */
    uint32_t len : 3;              /* UTF-16 units */
    uint32_t tag : 7;              /* index into tags */
    uint32_t freq;                 /* 0: no word, only the beginning of longer ones */
};

enum { MAX_TAGS = 128, NO_KEY = (1 << 22) - 1 };

struct wordclass {
    UChar *pool;                   /* the words; a beginning of a word is its word's units */
    size_t pool_len, pool_cap;
    struct entry *table;
    int32_t *single;               /* 65536: the entry of the word of one unit c, or −1 */
    size_t mask;                   /* table size − 1 */
    size_t n;                      /* words */
    size_t entries;                /* words and beginnings of words */
    char *tags[MAX_TAGS];
    uint64_t tag_keys[MAX_TAGS];
    size_t ntags;
    double log_total;
    UChar *fold;                   /* 65536 units: the simplified form of each unit */
    uint64_t han[65536 / 64];      /* bit c: is_han(c), asked once of ICU at load */
    char *key;                     /* path and fold path, for the shared copy */
    int refs;                      /* holders of the shared copy (under shared_lock) */
    struct wordclass *next_shared;
};

/* Lexicons loaded, shared by every rule set that loads the same files: the
 * workers of a run each load the rules, and a lexicon is read-only once
 * loaded, so one copy serves them all. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct wordclass *shared;

static uint32_t hash_units(const UChar *s, int32_t n)
{
    uint32_t h = 2166136261u;
    for (int32_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 16777619u;
    }
    return h;
}

static const struct entry *find(const struct wordclass *wc, const UChar *s, int32_t n)
{
    if (n == 1)
        return wc->single[s[0]] < 0 ? NULL : &wc->table[wc->single[s[0]]];
    for (size_t i = hash_units(s, n) & wc->mask;; i = (i + 1) & wc->mask) {
        const struct entry *e = &wc->table[i];
        if (e->key == NO_KEY)
            return NULL;
        if (e->len == n && !memcmp(wc->pool + e->key, s, (size_t)n * sizeof *s))
            return e;
    }
}

/* A tag of at most 7 bytes as one number, to compare tags quickly. */
static uint64_t tag_key(const char *tag, size_t len)
{
    uint64_t k = len;
    for (size_t i = 0; i < len && i < 7; i++)
        k |= (uint64_t)(unsigned char)tag[i] << (8 * (i + 1));
    return k;
}

static uint8_t intern_tag(struct wordclass *wc, const char *tag, size_t len)
{
    uint64_t k = tag_key(tag, len);
    for (size_t i = 0; i < wc->ntags; i++)
        if (wc->tag_keys[i] == k)
            return (uint8_t)i;
    wc->tag_keys[wc->ntags] = k;
    wc->tags[wc->ntags] = xstrndup(tag, len);
    return (uint8_t)wc->ntags++;
}

struct line {
    const char *word, *tag;
    size_t word_len, tag_len;
    unsigned long freq;
};

/* "word<TAB>number<TAB>tag": false if the line is not of this form. */
static bool parse_line(const char *s, const char *end, struct line *l)
{
    const char *t1 = memchr(s, '\t', (size_t)(end - s));
    if (!t1 || t1 == s)
        return false;
    const char *t2 = memchr(t1 + 1, '\t', (size_t)(end - t1 - 1));
    if (!t2 || t2 == t1 + 1 || t2 + 1 >= end)
        return false;
    unsigned long f = 0;
    for (const char *p = t1 + 1; p < t2; p++) {
        if (*p < '0' || *p > '9' || f > 100000000ul)
            return false;
        f = f * 10 + (unsigned long)(*p - '0');
    }
    *l = (struct line){s, t2 + 1, (size_t)(t1 - s), (size_t)(end - t2 - 1), f};
    return l->tag_len < 8;
}

/* The UTF-16 form of a word of UTF-8 (at most WORDCLASS_MAX_WORD + 1
 * units, else false): the lexicon's words are read by the hundred
 * thousand, so not through ICU's general converter. */
static bool utf16_of(const char *s, size_t len, UChar *out, int32_t *n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    int32_t k = 0;
    while (p < end) {
        uint32_t c;
        int more;
        if (*p < 0x80) {
            c = *p;
            more = 0;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            more = 1;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            more = 2;
        } else if ((*p & 0xF8) == 0xF0) {
            c = *p & 0x07;
            more = 3;
        } else {
            return false;
        }
        if (end - p <= more)
            return false;
        for (int i = 1; i <= more; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = c << 6 | (p[i] & 0x3F);
        }
        p += more + 1;
        if (c >= 0x110000 || (c >= 0xD800 && c < 0xE000))
            return false;
        int32_t units = c > 0xFFFF ? 2 : 1;
        if (k + units > WORDCLASS_MAX_WORD + 1)
            return false;
        if (units == 2) {
            out[k++] = U16_LEAD(c);
            out[k++] = U16_TRAIL(c);
        } else {
            out[k++] = (UChar)c;
        }
    }
    *n = k;
    return true;
}

static bool read_lines(const char *path, struct buf *b, struct pl_error *err)
{
    int e;
    if (!buf_read_file(b, path, &e)) {
        pl_error_set(err, path, 0, 0, "cannot read word class file: %s", strerror(e));
        return false;
    }
    return true;
}

/* The lexicon is read a line at a time, never held whole (2.5 MB, at the
 * peak of the memory a run takes at start-up): its text up to the first
 * NUL byte, if any (as a string of the whole file would end there). */
struct line_reader {
    FILE *f;
    size_t left;                   /* bytes of the text not read yet */
    char *buf;                     /* [start, len) read and not yet taken */
    size_t cap, start, len;
};

/* The lines of r->f, counted as its text holds line breaks, plus one, and
 * the length of the text; the file read again from its start after. */
static bool count_lines(struct line_reader *r, size_t *lines)
{
    char chunk[1 << 14];
    size_t got;
    *lines = 1;
    r->left = 0;
    while ((got = fread(chunk, 1, sizeof chunk, r->f)) > 0) {
        const char *nul = memchr(chunk, '\0', got);
        size_t n = nul ? (size_t)(nul - chunk) : got;
        for (const char *p = chunk; (p = memchr(p, '\n', n - (size_t)(p - chunk))); p++)
            (*lines)++;
        r->left += n;
        if (nul)
            break;
    }
    if (ferror(r->f))
        return false;
    rewind(r->f);
    r->cap = 1 << 16;
    r->buf = xmalloc(r->cap);
    r->start = r->len = 0;
    return true;
}

/* The next line [*s, *end) (its line break left out), or false at the end
 * of the text. */
static bool next_line(struct line_reader *r, const char **s, const char **end)
{
    for (;;) {
        char *from = r->buf + r->start;
        char *nl = memchr(from, '\n', r->len - r->start);
        if (nl || (!r->left && r->len > r->start)) {
            *s = from;
            *end = nl ? nl : r->buf + r->len;
            r->start = (size_t)(*end - r->buf) + (nl != NULL);
            return true;
        }
        if (!r->left)
            return false;
        /* what is left to the front, room for more, and more */
        memmove(r->buf, from, r->len - r->start);
        r->len -= r->start;
        r->start = 0;
        if (r->cap - r->len < (1 << 15)) {
            r->cap *= 2;
            r->buf = xrealloc(r->buf, r->cap);
        }
        size_t want = r->cap - r->len < r->left ? r->cap - r->len : r->left;
        size_t got = fread(r->buf + r->len, 1, want, r->f);
        if (!got)
            return false; /* shorter than it was: a read error, or the file changed */
        r->len += got;
        r->left -= got;
    }
}

/* The table twice as large, its entries placed anew: at most half full. */
static void grow_table(struct wordclass *wc)
{
    size_t size = 2 * (wc->mask + 1);
    struct entry *old = wc->table;
    size_t old_size = wc->mask + 1;
    wc->table = xmalloc(size * sizeof *wc->table);
    for (size_t i = 0; i < size; i++)
        wc->table[i].key = NO_KEY;
    wc->mask = size - 1;
    for (size_t k = 0; k < old_size; k++) {
        if (old[k].key == NO_KEY)
            continue;
        size_t i = hash_units(wc->pool + old[k].key, old[k].len) & wc->mask;
        while (wc->table[i].key != NO_KEY)
            i = (i + 1) & wc->mask;
        wc->table[i] = old[k];
        if (old[k].len == 1)
            wc->single[wc->pool[old[k].key]] = (int32_t)i;
    }
    free(old);
}

/* Add w[0, n) (folded), its units at pool offset at where that holds them
 * already (the word it begins), else added to the pool; *key gets the
 * offset of its units. False if the table held it already. */
static bool add_word(struct wordclass *wc, const UChar *w, int32_t n, uint32_t freq, uint8_t tag, uint32_t at,
                     uint32_t *key)
{
    UChar folded[WORDCLASS_MAX_WORD];
    for (int32_t i = 0; i < n; i++)
        folded[i] = wc->fold[w[i]];
    size_t i = hash_units(folded, n) & wc->mask;
    for (; wc->table[i].key != NO_KEY; i = (i + 1) & wc->mask) {
        struct entry *e = &wc->table[i];
        if (e->len == n && !memcmp(wc->pool + e->key, folded, (size_t)n * sizeof *folded)) {
            if (freq && !e->freq)
                wc->n++; /* a word that begins another, added after it */
            if (freq > e->freq) {  /* the more frequent reading of a folded pair */
                e->freq = freq;
                e->tag = tag;
            }
            *key = e->key;
            return false;
        }
    }
    if (at == NO_KEY) {
        if (wc->pool_len + (size_t)n > wc->pool_cap) {
            wc->pool_cap = wc->pool_cap ? wc->pool_cap * 2 : 1 << 16;
            wc->pool = xrealloc(wc->pool, wc->pool_cap * sizeof *wc->pool);
        }
        memcpy(wc->pool + wc->pool_len, folded, (size_t)n * sizeof *folded);
        at = (uint32_t)wc->pool_len;
        wc->pool_len += (size_t)n;
    }
    wc->table[i] = (struct entry){.key = at, .len = (uint32_t)n, .tag = tag, .freq = freq};
    if (n == 1)
        wc->single[folded[0]] = (int32_t)i;
    if (freq)
        wc->n++;
    if (++wc->entries * 2 > wc->mask + 1)
        grow_table(wc);
    *key = at;
    return true;
}

/* The word w[0, n) and every beginning of it (an entry of no frequency
 * where it is no word of its own, whose units are the word's). */
static void add_word_and_prefixes(struct wordclass *wc, const UChar *w, int32_t n, uint32_t freq, uint8_t tag)
{
    uint32_t key;
    add_word(wc, w, n, freq, tag, NO_KEY, &key);
    /* longest first: a beginning held already has its own held too */
    for (int32_t k = n - 1; k >= 1 && add_word(wc, w, k, 0, 0, key, &key); k--)
        ;
}

static bool load_fold(struct wordclass *wc, const char *path, struct pl_error *err)
{
    struct buf b = {0};
    bool ok = read_lines(path, &b, err);
    int line = 0;
    for (const char *s = b.data; ok && s && *s;) {
        const char *nl = strchr(s, '\n');
        const char *end = nl ? nl : s + strlen(s);
        line++;
        if (*s != '#' && end > s) {
            UChar u[8];
            int32_t n = 0;
            UErrorCode st = U_ZERO_ERROR;
            u_strFromUTF8(u, 8, &n, s, (int32_t)(end - s), &st);
            if (U_FAILURE(st) || n != 3 || u[1] != '\t') {
                pl_error_set(err, path, line, 1, "expected a character, a tab and a character");
                ok = false;
                break;
            }
            wc->fold[u[0]] = u[2];
        }
        s = nl ? nl + 1 : NULL;
    }
    buf_free(&b);
    return ok;
}

static struct wordclass *load(const char *path, const char *fold_path, struct pl_error *err);
static void destroy(struct wordclass *wc);

static bool is_han_of_icu(UChar c)
{
    /* the units a dictionary word is made of: Han, and the surrogates of
     * the ideographs beyond the basic plane */
    return U16_IS_SURROGATE(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || c == 0x00B7;
}

struct wordclass *wordclass_load(const char *path, const char *fold_path, struct pl_error *err)
{
    char *key = xasprintf("%s\n%s", path, fold_path ? fold_path : "");
    pthread_mutex_lock(&shared_lock);
    struct wordclass *wc = shared;
    while (wc && strcmp(wc->key, key))
        wc = wc->next_shared;
    if (!wc && (wc = load(path, fold_path, err))) {
        wc->key = key;
        key = NULL;
        wc->next_shared = shared;
        shared = wc;
    }
    if (wc)
        wc->refs++;
    pthread_mutex_unlock(&shared_lock);
    free(key);
    return wc;
}

void wordclass_free(struct wordclass *wc)
{
    if (!wc)
        return;
    pthread_mutex_lock(&shared_lock);
    bool last = --wc->refs == 0;
    if (last) {
        struct wordclass **p = &shared;
        while (*p != wc)
            p = &(*p)->next_shared;
        *p = wc->next_shared;
    }
    pthread_mutex_unlock(&shared_lock);
    if (last)
        destroy(wc);
}

static struct wordclass *load(const char *path, const char *fold_path, struct pl_error *err)
{
    struct wordclass *wc = xcalloc(1, sizeof *wc);
    wc->fold = xmalloc(65536 * sizeof *wc->fold);
    wc->single = xmalloc(65536 * sizeof *wc->single);
    for (uint32_t c = 0; c < 65536; c++) {
        wc->fold[c] = (UChar)c;
        wc->single[c] = -1;
        if (is_han_of_icu((UChar)c))
            wc->han[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    if (fold_path && !load_fold(wc, fold_path, err)) {
        destroy(wc);
        return NULL;
    }
    struct line_reader r = {.f = fopen(path, "rb")};
    size_t lines;
    if (!r.f || !count_lines(&r, &lines)) {
        pl_error_set(err, path, 0, 0, "cannot read word class file: %s", strerror(errno ? errno : EIO));
        if (r.f)
            fclose(r.f);
        destroy(wc);
        return NULL;
    }
    size_t size = 1024;
    while (size < 2 * lines)
        size *= 2;
    wc->table = xmalloc(size * sizeof *wc->table);
    for (size_t i = 0; i < size; i++)
        wc->table[i].key = NO_KEY;
    wc->mask = size - 1;
    double total = 0;
    int line = 0;
    bool ok = true;
    const char *s, *end;
    while (next_line(&r, &s, &end)) {
        line++;
        if (*s != '#' && end > s) {
            struct line l;
            UChar w[WORDCLASS_MAX_WORD + 1];
            int32_t n = 0;
            UErrorCode st = U_ZERO_ERROR;
            if (!parse_line(s, end, &l) || !utf16_of(l.word, l.word_len, w, &n))
                st = U_INVALID_FORMAT_ERROR;
            if (U_FAILURE(st) || n < 1 || n > WORDCLASS_MAX_WORD || l.freq == 0) {
                pl_error_set(err, path, line, 1,
                             "expected a word of 1 to %d UTF-16 units, a tab, a frequency "
                             "(1 or more), a tab and a tag",
                             WORDCLASS_MAX_WORD);
                ok = false;
                break;
            }
            uint8_t tag = intern_tag(wc, l.tag, l.tag_len);
            if (wc->ntags == MAX_TAGS) {
                pl_error_set(err, path, line, 1, "more than %d different tags", MAX_TAGS - 1);
                ok = false;
                break;
            }
            if (wc->pool_len + WORDCLASS_MAX_WORD >= NO_KEY) {
                pl_error_set(err, path, line, 1, "more than %d UTF-16 units of words", NO_KEY - WORDCLASS_MAX_WORD);
                ok = false;
                break;
            }
            add_word_and_prefixes(wc, w, n, (uint32_t)l.freq, tag);
            total += (double)l.freq;
        }
    }
    if (ok && ferror(r.f)) {
        pl_error_set(err, path, 0, 0, "cannot read word class file: %s", strerror(errno ? errno : EIO));
        ok = false;
    }
    free(r.buf);
    fclose(r.f);
    if (!ok) {
        destroy(wc);
        return NULL;
    }
    /* no more room than the words take: read-only from here */
    wc->pool = xrealloc(wc->pool, (wc->pool_len ? wc->pool_len : 1) * sizeof *wc->pool);
    wc->pool_cap = wc->pool_len;
    wc->log_total = log(total > 1 ? total : 1);
    return wc;
}

static void destroy(struct wordclass *wc)
{
    free(wc->key);
    for (size_t i = 0; i < wc->ntags; i++)
        free(wc->tags[i]);
    free(wc->pool);
    free(wc->table);
    free(wc->single);
    free(wc->fold);
    free(wc);
}

bool wordclass_is_han(const struct wordclass *wc, UChar c)
{
    return wc && (wc->han[c >> 6] >> (c & 63) & 1);
}

bool wordclass_is_traditional(const struct wordclass *wc, UChar c)
{
    return wc && wc->fold[c] != c;
}

size_t wordclass_size(const struct wordclass *wc)
{
    return wc ? wc->n : 0;
}

const char *wordclass_tag(const struct wordclass *wc, const UChar *s, int32_t n, uint32_t *freq)
{
    if (!wc || n < 1 || n > WORDCLASS_MAX_WORD)
        return NULL;
    UChar folded[WORDCLASS_MAX_WORD];
    for (int32_t i = 0; i < n; i++)
        folded[i] = wc->fold[s[i]];
    const struct entry *e = find(wc, folded, n);
    if (!e || !e->freq)
        return NULL;
    if (freq)
        *freq = e->freq;
    return wc->tags[e->tag];
}

void wordclass_each(const struct wordclass *wc, const char *tag, int32_t max_len,
                    void (*fn)(void *ctx, const UChar *word, int32_t len), void *ctx)
{
    if (!wc)
        return;
    size_t t = 0;
    while (t < wc->ntags && strcmp(wc->tags[t], tag))
        t++;
    if (t == wc->ntags)
        return;
    for (size_t i = 0; i <= wc->mask; i++) {
        const struct entry *e = &wc->table[i];
        if (e->key != NO_KEY && e->freq && e->len <= max_len && e->tag == t)
            fn(ctx, wc->pool + e->key, e->len);
    }
    /* the traditional forms of its one-character words: 個 of 个 */
    for (uint32_t c = 0x3400; max_len >= 1 && c < 0xA000; c++) {
        if (wc->fold[c] == c)
            continue;
        const struct entry *e = find(wc, &wc->fold[c], 1);
        if (e && e->freq && e->tag == t) {
            UChar t = (UChar)c;
            fn(ctx, &t, 1);
        }
    }
}

static bool is_han(const struct wordclass *wc, UChar c)
{
    return wc ? wc->han[c >> 6] >> (c & 63) & 1 : is_han_of_icu(c);
}

/* A run of units that make one word outside the lexicon: digits (with their
 * decimal points and separators), Latin letters, else one unit. */
static int32_t other_run(const struct wordclass *wc, const UChar *t, int32_t i, int32_t to, const char **tag)
{
    UChar c = t[i];
    int32_t j = i + 1;
    if (u_isdigit(c)) {
        while (j < to && (u_isdigit(t[j]) || ((t[j] == '.' || t[j] == ',') && j + 1 < to && u_isdigit(t[j + 1]))))
            j++;
        *tag = "m";
    } else if (u_isalpha(c) && !is_han(wc, c)) {
        while (j < to && u_isalpha(t[j]) && !is_han(wc, t[j]))
            j++;
        *tag = "eng";
    } else {
        *tag = "x";
    }
    return j - i;
}

size_t wordclass_segment(const struct wordclass *wc, const UChar *t, int32_t from, int32_t to,
                         struct wc_word *out)
{
    int32_t n = to - from;
    if (n <= 0)
        return 0;
    enum { STACK = 128 };
    double route_stack[STACK + 1];
    int32_t next_stack[STACK + 1];
    const char *tag_stack[STACK + 1];
    uint32_t freq_stack[STACK + 1];
    UChar fold_stack[STACK];
    double *route = n <= STACK ? route_stack : xmalloc(((size_t)n + 1) * sizeof *route);
    int32_t *next = n <= STACK ? next_stack : xmalloc(((size_t)n + 1) * sizeof *next);
    const char **tags = n <= STACK ? tag_stack : xmalloc(((size_t)n + 1) * sizeof *tags);
    uint32_t *freqs = n <= STACK ? freq_stack : xmalloc(((size_t)n + 1) * sizeof *freqs);
    UChar *f = n <= STACK ? fold_stack : xmalloc((size_t)n * sizeof *f);
    for (int32_t i = 0; i < n; i++)
        f[i] = wc ? wc->fold[t[from + i]] : t[from + i];
    double unknown = wc ? -wc->log_total : 0;
    route[n] = 0;
    for (int32_t i = n - 1; i >= 0; i--) {
        if (!is_han(wc, f[i])) {
            const char *tag;
            int32_t len = other_run(wc, f, i, n, &tag);
            /* a run is taken whole, from its own start only */
            route[i] = route[i + len] + unknown;
            next[i] = i + len;
            tags[i] = tag;
            freqs[i] = 0;
            continue;
        }
        route[i] = route[i + 1] + unknown;
        next[i] = i + 1;
        tags[i] = "un";
        freqs[i] = 0;
        for (int32_t len = 1; wc && len <= WORDCLASS_MAX_WORD && i + len <= n; len++) {
            if (!is_han(wc, f[i + len - 1]))
                break;
            const struct entry *e = find(wc, f + i, len);
            if (!e)
                break; /* no word begins so */
            if (!e->freq)
                continue;
            double r = log((double)e->freq) - wc->log_total + route[i + len];
            if (r > route[i] || (len == 1 && next[i] == i + 1)) {
                route[i] = r;
                next[i] = i + len;
                tags[i] = wc->tags[e->tag];
                freqs[i] = e->freq;
            }
        }
    }
    size_t k = 0;
    for (int32_t i = 0; i < n; i = next[i])
        out[k++] = (struct wc_word){from + i, from + next[i], tags[i], freqs[i]};
    if (n > STACK) {
        free(route);
        free(next);
        free(tags);
        free(freqs);
        free(f);
    }
    return k;
}
