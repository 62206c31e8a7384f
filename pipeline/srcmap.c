/* srcmap: line-start table of a file, for "path:line:column" positions. */
#include "srcmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void srcmap_init(struct srcmap *m, const unsigned char *bytes, size_t nbytes)
{
    srcmap_init_window(m, bytes, 0, nbytes, 1, 1);
}

void srcmap_init_window(struct srcmap *m, const unsigned char *bytes, size_t from, size_t to, int line,
                        int column)
{
    size_t cap = 64, n = 0;
    size_t *starts = xmalloc(cap * sizeof *starts);
    starts[n++] = from;
    const unsigned char *p = bytes + from, *end = bytes + to, *nl;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
        if (n == cap) {
            cap *= 2;
            starts = xrealloc(starts, cap * sizeof *starts);
        }
        starts[n++] = (size_t)(nl - bytes) + 1;
        p = nl + 1;
    }
    m->bytes = bytes;
    m->nbytes = to;
    m->line_starts = starts;
    m->nlines = n;
    m->first_line = line;
    m->first_column = column;
    m->last_line = (size_t)-1;
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
    /* a byte-order mark is not a character of the first line */
    if (from == 0 && m->nbytes >= 3 && m->bytes[0] == 0xEF && m->bytes[1] == 0xBB && m->bytes[2] == 0xBF)
        from = at < 3 ? at : 3;
    if (m->last_line == lo && m->last_at <= at && m->last_at >= from) {
        from = m->last_at;
        col = m->last_column;
    }
    for (size_t i = from; i < at; i++)
        if ((m->bytes[i] & 0xC0) != 0x80)
            col++;
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
}
