/* srcmap: line-start table of a file, for "path:line:column" positions.
 * UTF-8 is counted here, byte by byte; any other charset through ICU's
 * converter. */
#include "srcmap.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "xalloc.h"

static void add_start(struct srcmap *m, size_t *cap, size_t at)
{
    if (m->nlines == *cap) {
        *cap *= 2;
        m->line_starts = xrealloc(m->line_starts, *cap * sizeof *m->line_starts);
    }
    m->line_starts[m->nlines++] = at;
}

/* The line starts of the window in the map's charset: where the character
 * after each U+000A begins. */
static void charset_lines(struct srcmap *m, size_t from, size_t *cap)
{
    enum { CHUNK = 4096 };
    UChar out[CHUNK];
    int32_t offsets[CHUNK];
    const char *src = (const char *)m->bytes + from, *limit = (const char *)m->bytes + m->nbytes;
    bool after_lf = false;
    ucnv_reset(m->cv);
    UErrorCode status;
    do {
        const char *base = src;
        UChar *target = out;
        status = U_ZERO_ERROR;
        ucnv_toUnicode(m->cv, &target, out + CHUNK, &src, limit, offsets, true, &status);
        for (int32_t i = 0; i < target - out; i++) {
            if (after_lf)
                add_start(m, cap, (size_t)(base - (const char *)m->bytes) + (size_t)offsets[i]);
            after_lf = out[i] == 0x0A;
        }
    } while (status == U_BUFFER_OVERFLOW_ERROR);
    if (after_lf)
        add_start(m, cap, m->nbytes);
}

void srcmap_init(struct srcmap *m, const unsigned char *bytes, size_t nbytes)
{
    srcmap_init_charset(m, bytes, 0, nbytes, 1, 1, NULL, false);
}

void srcmap_init_window(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                        int column)
{
    srcmap_init_charset(m, bytes, from, to, line, column, NULL, false);
}

void srcmap_init_charset(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                         int column, const char *charset, bool one_line)
{
    size_t cap = 64;
    memset(m, 0, sizeof *m);
    m->line_starts = xmalloc(cap * sizeof *m->line_starts);
    m->line_starts[m->nlines++] = from;
    m->bytes = bytes;
    m->nbytes = to;
    m->first_line = line;
    m->first_column = column;
    m->last_line = (size_t)-1;
    if (charset && *charset && strncmp(charset, "UTF-8", 5) != 0) {
        UErrorCode status = U_ZERO_ERROR;
        m->cv = ucnv_open(charset, &status);
        if (U_FAILURE(status))
            m->cv = NULL;
    }
    if (one_line)
        return;
    if (m->cv) {
        charset_lines(m, from, &cap);
        return;
    }
    const unsigned char *p = bytes + from, *end = bytes + to, *nl;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
        add_start(m, &cap, (size_t)(nl - bytes) + 1);
        p = nl + 1;
    }
}

/* The characters of bytes [from, at) in the map's charset; a byte-order
 * mark at the file's start is none. */
static int count_chars(struct srcmap *m, size_t from, size_t at)
{
    int n = 0;
    if (!m->cv) {
        if (from == 0 && m->nbytes >= 3 && m->bytes[0] == 0xEF && m->bytes[1] == 0xBB && m->bytes[2] == 0xBF)
            from = at < 3 ? at : 3;
        for (size_t i = from; i < at; i++)
            n += (m->bytes[i] & 0xC0) != 0x80;
        return n;
    }
    ucnv_reset(m->cv);
    const char *src = (const char *)m->bytes + from, *limit = (const char *)m->bytes + at;
    while (src < limit) {
        UErrorCode status = U_ZERO_ERROR;
        const char *was = src;
        UChar32 c = ucnv_getNextUChar(m->cv, &src, limit, &status);
        if (U_FAILURE(status) || src == was)
            break;
        n += !(c == 0xFEFF && was == (const char *)m->bytes);
    }
    return n;
}

void srcmap_locate(struct srcmap *m, size_t at, int *line, int *column)
{
    if (at > m->nbytes)
        at = m->nbytes;
    if (at < m->line_starts[0])
        at = m->line_starts[0];
    size_t lo = 0, hi = m->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->line_starts[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    int col = lo ? 1 : m->first_column;
    size_t from = m->line_starts[lo];
    if (m->last_line == lo && m->last_at <= at && m->last_at >= from) {
        from = m->last_at;
        col = m->last_column;
    }
    col += count_chars(m, from, at);
    m->last_line = lo;
    m->last_at = at;
    m->last_column = col;
    *line = m->first_line + (int)lo;
    *column = col;
}

void srcmap_free(struct srcmap *m)
{
    free(m->line_starts);
    m->line_starts = NULL;
    m->nlines = 0;
    if (m->cv)
        ucnv_close(m->cv);
    m->cv = NULL;
}
