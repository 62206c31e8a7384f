/* pipeline: the run — rules, discovery, the per-document stages and emit. */
#include "pipeline.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "check.h"
#include "decode.h"
#include "discover.h"
#include "emit.h"
#include "extract.h"
#include "markup.h"
#include "numbers.h"
#include "merge.h"
#include "normalise.h"
#include "when.h"
#include "outfile.h"
#include "reviews.h"
#include "tables.h"
#include "workers.h"
#include "xalloc.h"
#include <unicode/uchar.h>
#include <unicode/ustring.h>

enum pipeline_format pipeline_format_of(const char *name)
{
    const char *dot = strrchr(name, '/');
    dot = strchr(dot ? dot : name, '.');
    static const struct {
        const char *ending;
        enum pipeline_format format;
    } ENDINGS[] = {
        {".html", FORMAT_HTML}, {".htm", FORMAT_HTML},   {".xhtml", FORMAT_HTML},
        {".shtml", FORMAT_HTML}, {".xml", FORMAT_XML},   {".rss", FORMAT_XML},
        {".atom", FORMAT_XML},   {".jsonl", FORMAT_JSONL}, {".ndjson", FORMAT_JSONL},
        {".jsonl.gz", FORMAT_JSONL}, {".ndjson.gz", FORMAT_JSONL},
    };
    size_t n = strlen(name);
    for (size_t i = 0; dot && i < sizeof ENDINGS / sizeof *ENDINGS; i++) {
        size_t k = strlen(ENDINGS[i].ending);
        if (n >= k && !strcasecmp(name + n - k, ENDINGS[i].ending))
            return ENDINGS[i].format;
    }
    return FORMAT_TEXT;
}

/* A decoded document's tables, lines and sentences. */
static void prepare(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    segment_drop_readings(doc);
    if (!doc->markup) {
        tables_find_text(doc, &rs->table_marks);
        segment_join_lines(doc, &rs->line_join);
    }
    segment_sentences(sg, rs, doc);
}

void pipeline_analyse(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    if (doc->status == DOC_FAILED || doc->status == DOC_SKIPPED)
        return;
    prepare(sg, rs, doc);
    extract_claims(sg, rs, doc);
    normalise_claims(doc);
    when_resolve_doc(rs, doc);
    check_doc(rs, doc);
}

void pipeline_process(struct segmenter *sg, const struct rule_set *rs, struct doc *doc)
{
    pipeline_process_as(sg, rs, doc, FORMAT_TEXT);
}

void pipeline_process_as(struct segmenter *sg, const struct rule_set *rs, struct doc *doc,
                         enum pipeline_format format)
{
    if (!decode_text(doc))
        return;
    if (format == FORMAT_HTML && !markup_html(doc, &rs->markup))
        return;
    pipeline_analyse(sg, rs, doc);
}

/* What one thread needs to analyse documents. */
struct worker {
    const char *date;                /* --date, or NULL */
    struct rule_set *rs;
    struct segmenter *sg;
    const struct emit_options *eo;   /* to render the rows (NULL: not here) */
};

/* Whatever is left to do for a document: read it, decode it, take the
 * article out of a page, analyse. Runs on a worker. */
static void analyse(void *state, struct doc *doc)
{
    struct worker *wk = state;
    if (doc->in_blocks)
        return; /* read and written in blocks, in order (finish) */
    doc->date_option = wk->date;
    if (doc->status == DOC_OK && !doc->bytes && !decode_read(doc))
        goto render;
    if (doc->status == DOC_OK && !doc->text) {
        if (!decode_text(doc))
            goto render;
        if (doc->html && !markup_html(doc, &wk->rs->markup))
            goto render;
    }
    pipeline_analyse(wk->sg, wk->rs, doc);
render:
    if (wk->eo)
        emit_render(doc, wk->eo);
}

/* The state of one run. finish() may run on a worker, one document at a
 * time: the summary, err and the reports (on_failure, on_progress) it
 * shares with the producing thread are taken under mu. */
struct run {
    const struct pipeline_options *o;
    const struct rule_set *rs;     /* the producer's: feeds are split with it */
    struct worker *inline_worker;  /* --jobs 1: analysed right here */
    struct workers *pool;          /* else on threads */
    struct emitter *em;            /* finish()'s alone, until the pool is done */
    struct worker *block_worker;   /* finish()'s: analyses documents read in blocks */
    pthread_mutex_t mu;
    struct pipeline_summary *sum;
    struct pl_error *err;
};

/* Whether writing has failed (err set by finish). */
static bool run_failed(struct run *r)
{
    pthread_mutex_lock(&r->mu);
    bool failed = r->err->set;
    pthread_mutex_unlock(&r->mu);
    return failed;
}

const char *const PIPELINE_KINDS[] = {"count", "money", "percent", "pp", "ratio", "measure", NULL};

static void count_kinds(size_t *by_kind, const struct doc *doc)
{
    for (size_t i = 0; i < doc->nclaims; i++)
        for (int k = 0; k < PIPELINE_NKINDS; k++)
            if (!strcmp(doc->claims[i].kind, PIPELINE_KINDS[k]))
                by_kind[k]++;
}

static struct worker *new_workers(const struct pipeline_options *o, const struct rule_set *rs, int n,
                                  struct pl_error *err);

/* ------------------------------------------------------------ blocks
 *
 * A plain-text document of more than BLOCK_BYTES is read, analysed and
 * written a block at a time, so that memory holds one block, whatever the
 * document: each block is a document of its own (doc->base, the window of
 * its positions) ending where its last whole sentence ends, the rest read
 * again with the next block. Line breaks are sentence ends to ICU, so a
 * block that holds one is cut after a line that joining keeps (a short one,
 * or one ending a sentence); within a line, at the last sentence that the
 * block holds whole; a block of one sentence (a page of figures with no
 * full stop) at its last clause mark. A text table that a block cannot
 * hold is cut between its rows, and the next block reads its head again
 * first (caption or unit line, header rows, first row of figures, last
 * section row), its claims dropped there, so that the rows after are read
 * as rows of the same table, at their own bytes. Cut so, the claims are
 * those of the whole text, but where a sentence outgrows a block (or a
 * table's head half a block: the document is then partial). */

/* A block's claims, rows and sentences take memory too: the first block
 * is small, the next twice as large while claims are few, and a block that
 * made more than BLOCK_CLAIMS claims makes the next one smaller (down to
 * BLOCK_MIN bytes), in proportion. */
enum { BLOCK_BYTES = 1 << 20, BLOCK_CLAIMS = 8192, BLOCK_MIN = 1 << 14 };

/* The block size: PIPELINE_BLOCK_BYTES (for tests: small blocks on small
 * documents), else BLOCK_BYTES. */
static size_t block_bytes(void)
{
    const char *e = getenv("PIPELINE_BLOCK_BYTES");
    long n = e ? strtol(e, NULL, 10) : 0;
    return n >= 64 ? (size_t)n : BLOCK_BYTES;
}

/* The length of b[0, n) without a UTF-8 character cut at its end. */
static size_t whole_chars(const unsigned char *b, size_t n)
{
    size_t j = n;
    while (j > 0 && (b[j - 1] & 0xC0) == 0x80 && n - j < 3)
        j--;
    if (j == 0 || b[j - 1] < 0xC0)
        return n;
    size_t len = b[j - 1] < 0xE0 ? 2 : b[j - 1] < 0xF0 ? 3 : 4;
    return j - 1 + len <= n ? n : j - 1;
}

/* Can the block's text be cut before t[i]: between two characters that
 * no numeral holds (after a clause mark, with marks)? */
static bool cuttable(const struct rule_set *rs, const struct doc *part, int32_t i, bool marks)
{
    static const UChar MARKS[] = {0xFF0C, 0xFF1B, 0xFF1A, 0x3001, ',', ';', ' ', '\t', 0x3000, 0};
    const UChar *t = part->text;
    return !U16_IS_TRAIL(t[i]) && (!marks || u_strchr(MARKS, t[i - 1])) &&
           !numbers_is_numeral_char(rs, t, i - 1, part->len) && !numbers_is_numeral_char(rs, t, i, part->len) &&
           !u_isdigit(t[i - 1]) && !u_isdigit(t[i]);
}

/* Where a block that holds no sentence end is cut: after its last clause
 * mark, else between its last two characters that no numeral holds, else
 * (a block of digits alone) at its end. */
static int32_t clause_cut(const struct rule_set *rs, const struct doc *part)
{
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = part->len - 1; i > 0; i--)
            if (cuttable(rs, part, i, pass == 0))
                return i;
    return part->len;
}

/* Where the line before text position at begins (blank lines skipped). */
static int32_t line_before(const struct doc *part, int32_t at)
{
    const UChar *t = part->text;
    int32_t i = at;
    while (i > 0 && (t[i - 1] == '\n' || t[i - 1] == '\r' || t[i - 1] == ' ' || t[i - 1] == '\t' ||
                     t[i - 1] == 0x3000))
        i--;
    while (i > 0 && t[i - 1] != '\n' && t[i - 1] != '\r')
        i--;
    return i;
}

/* What a block hands on to the next of a table that runs past its end:
 * the text positions of its head (its caption or unit line, its header
 * rows and delimiter, through its first row of figures) and of the last
 * section row (one label in the first column) before the cut, which the
 * next block reads first, so that the rows that follow are read as rows
 * of the same table; head_end 0: nothing to carry. */
struct carry_span {
    int32_t head_from, head_end;
    int32_t section_from, section_end;
};

/* Where the line that holds text position at ends (before its break). */
static int32_t line_end(const struct doc *part, int32_t at)
{
    while (at < part->len && part->text[at] != '\n' && part->text[at] != '\r')
        at++;
    return at;
}

/* Does cell c begin with a figure (a digit, perhaps after a sign)? */
static bool cell_is_figure(const struct doc *part, const struct table_cell *c)
{
    int32_t p = c->start;
    if (p < c->end && (part->text[p] == '-' || part->text[p] == '+' || part->text[p] == 0x2212))
        p++;
    return p < c->end && u_isdigit(part->text[p]);
}

/* The head of table t (from its line before, from) and its last section
 * row before cut, into *carry; false when t has no row of figures before
 * cut (nothing to read the next rows by). */
static bool table_carry(const struct doc *part, const struct doc_table *t, int32_t from, int32_t cut,
                        struct carry_span *carry)
{
    int first = -1;
    for (size_t i = 0; i < t->ncells && first < 0; i++)
        if (t->cells[i].col >= 1 && t->cells[i].start < cut && cell_is_figure(part, &t->cells[i]))
            first = t->cells[i].row;
    if (first < 0)
        return false;
    int32_t head_end = 0;
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].row == first && t->cells[i].end > head_end)
            head_end = t->cells[i].end;
    head_end = line_end(part, head_end);
    if (head_end >= cut)
        return false;
    *carry = (struct carry_span){.head_from = from, .head_end = head_end};
    /* the last section row: one cell written, in the first column (the
     * cells of a text table are in the order of their rows) */
    int row = -1, written = 0;
    const struct table_cell *label = NULL;
    for (size_t i = t->ncells; i-- > 0;) {
        const struct table_cell *c = &t->cells[i];
        if (c->row != row) {
            if (written == 1 && label)
                break;
            row = c->row;
            written = 0;
            label = NULL;
        }
        if (c->row <= first)
            return true;
        if (c->end == c->start || c->start >= cut)
            continue;
        written++;
        label = c->col == 0 ? c : NULL;
    }
    if (written == 1 && label && t->ncols >= 2) {
        int32_t b = label->start;
        while (b > 0 && part->text[b - 1] != '\n' && part->text[b - 1] != '\r')
            b--;
        carry->section_from = b;
        carry->section_end = line_end(part, label->end);
    }
    return true;
}

/* Does table t run on past cut: over it, or to the line just before it
 * (the line cut may be a row of it, written in part only)? */
static bool runs_on(const struct doc *part, const struct doc_table *t, int32_t cut)
{
    int32_t i = t->end;
    while (i < cut && (part->text[i] == '\n' || part->text[i] == '\r' || u_isUWhiteSpace(part->text[i])))
        i++;
    return t->end > cut || (i == cut && cut < part->len);
}

/* Where the block part (not the document's last) ends: where its last
 * line begins (a line break that joining kept ends a sentence), that line
 * being read again with the next block; in a block of one line, where its
 * last sentence begins; with one sentence, at a clause mark (clause_cut).
 * A table is read
 * whole, with the line before it (its caption, or its unit): the first
 * that the cut would split or part from that line goes with the next
 * block, or, begun with the block, stays in it. A table that begins the
 * block and runs past it is cut before its last row, and its head is
 * carried to the next block (*carry); *partial when it cannot be. */
static int32_t block_cut(const struct rule_set *rs, const struct doc *part, struct carry_span *carry,
                         bool *partial)
{
    *carry = (struct carry_span){0};
    *partial = false;
    int32_t cut = part->len;
    while (cut > 0 && part->text[cut - 1] != '\n' && part->text[cut - 1] != '\r')
        cut--;
    if (cut == 0)
        cut = part->nsentences > 1 ? part->sentences[part->nsentences - 1].start
                                   : part->nsentences ? clause_cut(rs, part) : part->len;
    cut = tables_cell_lines_cut(part, cut);
    for (size_t k = 0; k < part->ntables; k++) {
        const struct doc_table *t = &part->tables[k];
        if (!runs_on(part, t, cut))
            continue;
        int32_t from = line_before(part, t->start);
        if (t->caption_end > t->caption_start && t->caption_start < from)
            from = t->caption_start;
        if (from >= cut)
            break;
        if (from > 0)
            cut = from;
        else if (!table_carry(part, t, from, cut, carry)) {
            *partial = true;
            cut = t->end > cut ? t->end : cut;
        }
        break;
    }
    return cut;
}

/* Cut part's text, sentences and tables (a table's cells) at cut. */
static void keep_before(struct doc *part, int32_t cut)
{
    size_t s = 0;
    while (s < part->nsentences && part->sentences[s].start < cut)
        s++;
    part->nsentences = s;
    if (s && part->sentences[s - 1].end > cut)
        part->sentences[s - 1].end = cut;
    size_t t = part->ntables;
    while (t > 0 && part->tables[t - 1].start >= cut)
        free(part->tables[--t].cells);
    part->ntables = t;
    if (t && part->tables[t - 1].end > cut) {
        /* a table that runs on: its rows before the cut */
        struct doc_table *tb = &part->tables[t - 1];
        size_t k = 0;
        tb->nrows = 0;
        for (size_t i = 0; i < tb->ncells; i++)
            if (tb->cells[i].start < cut) {
                tb->cells[k++] = tb->cells[i];
                if (tb->cells[i].row + tb->cells[i].rowspan > tb->nrows)
                    tb->nrows = tb->cells[i].row + tb->cells[i].rowspan;
            }
        tb->ncells = k;
        tb->end = cut;
    }
    part->len = cut < part->len ? cut : part->len;
}

/* Advance the line and column *line:*column over b[0, n). */
static void advance(const unsigned char *b, size_t n, bool bom, int *line, int *column)
{
    size_t i = bom && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    for (; i < n; i++) {
        if (b[i] == '\n') {
            ++*line;
            *column = 1;
        } else if ((b[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* buf[0, have) filled up to want bytes from f, of which *left are still
 * to be read (the file's size when it was opened: a file that grows is
 * read as it was); *eof when none are left. The new have. */
static size_t fill(FILE *f, unsigned char *buf, size_t have, size_t want, size_t *left, bool *eof)
{
    size_t n = want > have ? want - have : 0;
    if (n > *left)
        n = *left;
    size_t got = n ? fread(buf + have, 1, n, f) : 0;
    *left -= got;
    *eof = *left == 0 || got < n;
    return have + got;
}

/* The place words of the UTF-8 text of f (size bytes), counted block
 * after block (cut after a line break) into counts; f is rewound. */
static void count_places(FILE *f, size_t file_size, const struct doc *doc, const struct rule_set *rs,
                         unsigned char *buf, size_t size, size_t *counts)
{
    size_t have = 0, left = file_size;
    bool eof;
    for (;;) {
        have = fill(f, buf, have, size, &left, &eof);
        size_t n = have;
        while (!eof && n > 0 && buf[n - 1] != '\n')
            n--;
        if (n == 0)
            n = eof ? have : whole_chars(buf, have);
        struct doc *part = doc_new(doc->name, doc->path);
        part->bytes = xmalloc(n ? n : 1);
        memcpy(part->bytes, buf, n);
        part->nbytes = n;
        part->declared_encoding = "UTF-8";
        bool read = n > 0 && decode_text(part);
        if (read)
            extract_count_places(rs, part, counts);
        doc_free(part);
        memmove(buf, buf + n, have - n);
        have -= n;
        if (!read || ferror(f) || (eof && have == 0))
            break;
    }
    rewind(f);
}

/* The bytes the next block reads first for a table that runs on: its
 * head, and its last section row, each ending with a line break (*n
 * bytes); NULL when they are over max bytes. */
static unsigned char *table_head(const struct doc *part, const struct carry_span *c, size_t max, size_t *n)
{
    size_t hf = (size_t)part->offsets[c->head_from], he = (size_t)part->offsets[c->head_end];
    size_t sf = c->section_end ? (size_t)part->offsets[c->section_from] : 0;
    size_t se = c->section_end ? (size_t)part->offsets[c->section_end] : 0;
    *n = he - hf + 1 + (se > sf ? se - sf + 1 : 0);
    if (*n > max)
        return NULL;
    unsigned char *b = xmalloc(*n);
    memcpy(b, part->bytes + hf, he - hf);
    b[he - hf] = '\n';
    if (se > sf) {
        memcpy(b + he - hf + 1, part->bytes + sf, se - sf);
        b[*n - 1] = '\n';
    }
    return b;
}

/* Take the text before position at (a table's carried head) off the
 * block, once its claims are normalised: its claims, which the block
 * before made, and its text, which the block before showed. */
static void drop_head(struct doc *part, int32_t at)
{
    if (at <= 0)
        return;
    size_t k = 0;
    struct buf scratch = {0};
    for (size_t i = 0; i < part->nclaims; i++)
        if (part->claims[i].start >= at) {
            struct claim *c = &part->claims[k];
            *c = part->claims[i];
            c->start -= at;
            c->end -= at;
            if (!c->sentence && c->context_start < at) /* its surroundings reach into the head */
                c->sentence = arena_strdup(&part->arena, claim_sentence(part, &part->claims[i], &scratch));
            c->context_start -= at;
            c->context_end -= at;
            k++;
        }
    buf_free(&scratch);
    part->nclaims = k;
    k = 0;
    for (size_t i = 0; i < part->nsentences; i++)
        if (part->sentences[i].end > at) {
            part->sentences[k] = part->sentences[i];
            part->sentences[k].start = part->sentences[k].start > at ? part->sentences[k].start - at : 0;
            part->sentences[k++].end -= at;
        }
    part->nsentences = k;
    for (size_t i = 0; i < part->ntables; i++)
        free(part->tables[i].cells);
    part->ntables = 0;
    memmove(part->text, part->text + at, (size_t)(part->len - at) * sizeof *part->text);
    memmove(part->offsets, part->offsets + at, (size_t)(part->len - at + 1) * sizeof *part->offsets);
    part->len -= at;
}

/* Read, analyse and write doc in blocks; its claims counted by kind into
 * by_kind, its relations checked into checks[0], the inconsistent ones
 * into checks[1] (each block's relations are checked on their own). False
 * (err set) on a write error. */
static bool finish_in_blocks(struct run *r, struct doc *doc, size_t *by_kind, size_t *checks,
                             struct pl_error *err)
{
    if (!r->block_worker && !(r->block_worker = new_workers(r->o, r->rs, 1, err)))
        return false;
    struct worker *wk = r->block_worker;
    size_t size = block_bytes();
    size_t file_size = 0, left;
    char *why = NULL;
    int fd = decode_open(doc->path, SIZE_MAX, &file_size, &why);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0) {
            why = xasprintf("cannot read: %s", strerror(errno));
            close(fd);
        }
        char *msg = xasprintf("%s: %s", doc->name, why);
        if (fd == -2)
            doc_skip(doc, msg);
        else
            doc_fail(doc, msg);
        free(msg);
        free(why);
        return emit_add(r->em, doc, err);
    }
    unsigned char *buf = xmalloc(size);
    size_t *places = xcalloc(wk->rs->n_places + 2, sizeof *places);
    if (wk->rs->n_places)
        count_places(f, file_size, doc, wk->rs, buf, size, places);
    left = file_size;
    size_t have = 0, pos = 0, total = 0;
    int line = 1, column = 1;
    bool mid_line = false, eof = false, ok = true;
    struct emit_stream *es = NULL;
    /* the head of a table that runs on, read before the next block */
    unsigned char *pre = NULL;
    size_t npre = 0;
    /* this block's size: small at first, doubled while claims are few */
    size_t want = BLOCK_MIN * 4 < size ? BLOCK_MIN * 4 : size;
    for (;;) {
        have = fill(f, buf, have, want, &left, &eof);
        if (ferror(f)) {
            char *msg = xasprintf("%s: cannot read at byte %zu", doc->name, pos + have);
            es ? doc_partial(doc, msg) : doc_fail(doc, msg);
            free(msg);
            break;
        }
        size_t n = eof ? have : whole_chars(buf, have);
        /* a block ends with text: a line break before blanks alone would
         * not be joined to the text of the next block */
        size_t k = n;
        while (!eof && k > 0 && strchr(" \t\r\n", buf[k - 1]))
            k--;
        if (k > 0)
            n = k;
        struct doc *part = doc_new(doc->name, doc->path);
        part->bytes = xmalloc(npre + n ? npre + n : 1);
        if (npre)
            memcpy(part->bytes, pre, npre);
        memcpy(part->bytes + npre, buf, n);
        part->nbytes = npre + n;
        part->base = pos - npre;
        part->mid_line = mid_line && !npre;
        part->declared_encoding = es ? doc->encoding : doc->declared_encoding;
        part->place_counts = places;
        part->window_from = npre;
        part->window_to = npre + n;
        part->window_line = line;
        part->window_column = column;
        bool read = n > 0 && decode_text(part);
        if (!es && (!read || strcmp(part->encoding, "UTF-8"))) {
            /* only UTF-8 is read in blocks: a document in another charset,
             * or not text, is read whole, as any other */
            doc_free(part);
            fclose(f);
            free(buf);
            free(places);
            doc->in_blocks = false;
            analyse(wk, doc);
            count_kinds(by_kind, doc);
            return emit_add(r->em, doc, err);
        }
        if (es && (!read || strcmp(part->encoding, doc->encoding))) {
            char *msg = xasprintf("%s: read to byte %zu only: %s", doc->name, pos,
                                  part->error ? part->error : "a block in another encoding");
            doc_partial(doc, msg);
            free(msg);
            doc_free(part);
            break;
        }
        if (!es) {
            doc->encoding = part->encoding;
            doc->encoding_confidence = part->encoding_confidence;
            if (!(es = emit_stream_begin(r->em, err))) {
                doc_free(part);
                ok = false;
                break;
            }
        }
        prepare(wk->sg, wk->rs, part);
        struct carry_span carry = {0};
        bool uncarried = false;
        int32_t cut = eof ? part->len : block_cut(wk->rs, part, &carry, &uncarried);
        /* the block's text ends where the next block's begins */
        size_t used = cut < part->len ? (size_t)part->offsets[cut] - npre : n;
        if (cut < part->len && (size_t)part->offsets[cut] <= npre) {
            cut = part->len; /* one row fills the block: read it whole */
            carry = (struct carry_span){0};
            used = n;
        }
        keep_before(part, cut);
        /* the text of the carried head: read for the table, its claims were
         * the block before's */
        int32_t head_text = 0;
        while (head_text < part->len && (size_t)part->offsets[head_text] < npre)
            head_text++;
        free(pre);
        pre = carry.head_end ? table_head(part, &carry, size / 2, &npre) : NULL;
        if (!pre)
            npre = 0;
        if (uncarried || (carry.head_end && !pre)) {
            char *msg = xasprintf("%s: the rows of a table after byte %zu are read without its header: %s",
                                  doc->name, pos + used,
                                  uncarried ? "no row of figures before the block's end"
                                            : "its head is longer than a block can carry");
            doc_partial(doc, msg);
            free(msg);
        }
        part->groups = doc->groups;
        extract_claims(wk->sg, wk->rs, part);
        doc->groups = part->groups;
        normalise_claims(part);
        /* the date of the first block (its dateline) is the document's */
        part->date_option = r->o->date;
        memcpy(part->day, doc->day, sizeof part->day);
        part->day_from = doc->day_from;
        when_resolve_doc(wk->rs, part);
        memcpy(doc->day, part->day, sizeof doc->day);
        doc->day_from = part->day_from;
        drop_head(part, head_text);
        check_doc(wk->rs, part);
        checks[0] += part->nchecks;
        for (size_t k = 0; k < part->nchecks; k++)
            checks[1] += !part->checks[k].consistent;
        count_kinds(by_kind, part);
        total += part->nclaims;
        ok = emit_stream_part(es, part, err);
        size_t claims = part->nclaims;
        doc_free(part);
        if (!ok || (eof && used >= have))
            break;
        if (claims > BLOCK_CLAIMS)
            want = want / claims * BLOCK_CLAIMS;
        else if (claims < BLOCK_CLAIMS / 2)
            want *= 2;
        want = want < BLOCK_MIN ? BLOCK_MIN : want;
        want = want > size ? size : want;
        advance(buf, used, pos == 0, &line, &column);
        mid_line = used > 0 && buf[used - 1] != '\n';
        memmove(buf, buf + used, have - used);
        have -= used;
        pos += used;
    }
    fclose(f);
    free(buf);
    free(pre);
    free(places);
    doc->nbytes = file_size;
    doc->nclaims = total;
    if (es)
        return emit_stream_end(es, doc, err) && ok;
    return ok && emit_add(r->em, doc, err);
}

/* Write, count and report one finished document; frees it. In order,
 * one call at a time, on the producing thread or a worker. */
static bool finish(void *ctx, struct doc *doc)
{
    struct run *r = ctx;
    struct pl_error err = {0};
    size_t by_kind[PIPELINE_NKINDS] = {0}, checks[2] = {0, 0};
    bool ok;
    if (doc->in_blocks) {
        ok = finish_in_blocks(r, doc, by_kind, checks, &err);
    } else {
        ok = emit_add(r->em, doc, &err);
        count_kinds(by_kind, doc);
        checks[0] = doc->nchecks;
        for (size_t k = 0; k < doc->nchecks; k++)
            checks[1] += !doc->checks[k].consistent;
    }
    pthread_mutex_lock(&r->mu);
    r->sum->documents++;
    r->sum->claims += doc->nclaims;
    r->sum->checks += checks[0];
    r->sum->inconsistent += checks[1];
    for (int k = 0; k < PIPELINE_NKINDS; k++)
        r->sum->by_kind[k] += by_kind[k];
    if (doc->status == DOC_FAILED || doc->status == DOC_PARTIAL) {
        r->sum->failed++;
        if (r->o->on_failure)
            r->o->on_failure(doc->error);
    } else if (doc->status == DOC_SKIPPED) {
        r->sum->skipped++;
        if (r->o->on_failure)
            r->o->on_failure(doc->error);
    }
    if (!ok && !r->err->set)
        *r->err = err;
    pthread_mutex_unlock(&r->mu);
    doc_free(doc);
    return ok;
}

/* A document to analyse and write, in the order submitted. */
static bool submit(void *ctx, struct doc *doc)
{
    struct run *r = ctx;
    if (r->pool)
        return workers_submit(r->pool, doc);
    analyse(r->inline_worker, doc);
    return finish(r, doc);
}

/* One input file: one document, or one per item or article. */
static bool produce(struct run *r, const struct input_file *in)
{
    enum pipeline_format format = pipeline_format_of(in->name);
    if (format == FORMAT_JSONL) {
        struct archive_options ao = {r->o->text_field, r->o->id_field};
        char *error = NULL;
        long n = archive_read(in->path, in->name, &ao, submit, r, &error);
        if (!error)
            return !run_failed(r);
        /* the archive itself: cannot be read, not a file, or broken off
         * after the articles before (a truncated gzip stream) */
        struct doc *doc = doc_new(in->name, in->path);
        if (n == -2)
            doc_skip(doc, error);
        else
            doc_fail(doc, error);
        free(error);
        return submit(r, doc);
    }
    struct doc *doc = doc_new(in->name, in->path);
    doc->declared_encoding = r->o->encoding;
    doc->html = format == FORMAT_HTML;
    struct stat st;
    doc->in_blocks = format == FORMAT_TEXT && stat(in->path, &st) == 0 && S_ISREG(st.st_mode) &&
                     (size_t)st.st_size > block_bytes();
    if (format == FORMAT_XML && (!r->o->encoding || !strcasecmp(r->o->encoding, "UTF-8")) &&
        stat(in->path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > block_bytes()) {
        /* a large feed: read item by item from its file (an item may come
         * from as many bytes as a document read whole) */
        if (markup_feed_stream(in->path, in->name, &r->rs->markup, DECODE_MAX_BYTES, submit, r) > 0) {
            doc_free(doc);
            return !run_failed(r);
        }
    }
    if (format == FORMAT_XML) {
        /* split here, in order; the items are analysed like any document */
        if (decode_read(doc) && decode_text(doc) && markup_feed(doc, &r->rs->markup, submit, r) >= 0) {
            doc_free(doc); /* the items hold the feed until the last is freed */
            return !run_failed(r);
        }
    }
    return submit(r, doc);
}

static void free_workers(struct worker *w, int n)
{
    for (int i = 0; w && i < n; i++) {
        segmenter_free(w[i].sg);
        rules_free(w[i].rs);
    }
    free(w);
}

/* n workers, each with its own segmenter and share of rs (rules_share:
 * the rules are loaded once, and only what has state is each worker's).
 * NULL (err set) on failure. */
static struct worker *new_workers(const struct pipeline_options *o, const struct rule_set *rs, int n,
                                  struct pl_error *err)
{
    struct worker *w = xcalloc((size_t)n, sizeof *w);
    for (int i = 0; i < n; i++) {
        w[i].date = o->date;
        w[i].rs = rules_share(rs, err);
        w[i].sg = w[i].rs ? segmenter_new(err) : NULL;
        if (!w[i].sg) {
            free_workers(w, i + 1);
            return NULL;
        }
    }
    return w;
}

struct stream {
    struct worker *worker;
    FILE *out;
    struct pipeline_summary *sum;
    const struct pipeline_options *o;
};

static bool stream_one(void *ctx, struct doc *doc)
{
    struct stream *st = ctx;
    analyse(st->worker, doc);
    st->sum->documents++;
    st->sum->claims += doc->nclaims;
    count_kinds(st->sum->by_kind, doc);
    if (doc->status != DOC_OK) {
        st->sum->failed += doc->status != DOC_SKIPPED;
        if (st->o->on_failure)
            st->o->on_failure(doc->error);
    }
    struct buf lines = {0};
    for (size_t i = 0; i < doc->nclaims; i++) {
        emit_json_claim(&lines, doc, &doc->claims[i], NULL, NULL);
        buf_putc(&lines, '\n');
    }
    if (lines.len)
        fwrite(lines.data, 1, lines.len, st->out);
    buf_free(&lines);
    fflush(st->out);
    doc_free(doc);
    return !ferror(st->out);
}

enum pipeline_exit pipeline_stream(const struct pipeline_options *o, FILE *in, FILE *out,
                                   struct pipeline_summary *sum, struct pl_error *err)
{
    memset(sum, 0, sizeof *sum);
    struct rule_set *rs = rules_load(o->rules_dir, err);
    struct worker *w = rs ? new_workers(o, rs, 1, err) : NULL;
    if (!w) {
        rules_free(rs);
        return EXIT_USAGE;
    }
    struct stream st = {w, out, sum, o};
    struct archive_options ao = {o->text_field, o->id_field};
    char *error = NULL;
    archive_read_stream(in, "stdin", &ao, stream_one, &st, &error);
    free_workers(w, 1);
    rules_free(rs);
    if (error) {
        /* what came before was written: the articles that are lost fail,
         * said as a failed article is */
        if (o->on_failure)
            o->on_failure(error);
        free(error);
        sum->failed++;
    }
    if (ferror(out)) {
        pl_error_set(err, NULL, 0, 0, "cannot write standard output");
        return EXIT_USAGE;
    }
    return sum->failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
}

/* An input passed over (the output folder, a file met before): said. */
static void note(const struct pipeline_options *o, const struct input_file *in)
{
    if (o->on_note) {
        char *msg = xasprintf("%s: %s", in->name, in->skip);
        o->on_note(msg);
        free(msg);
    }
}

/* How many input files are this shard's, for the progress line's total:
 * a walk of its own, made only where the line is shown. */
static size_t count_inputs(const struct pipeline_options *o)
{
    struct pl_error err = {0};
    struct discovery *d = discover_open(o->inputs, o->ninputs, o->out_dir, &err);
    size_t mine = 0;
    struct input_file in;
    while (d && discover_next(d, &in))
        mine += !in.skip && (!o->shards || merge_in_shard(in.name, o->shard, o->shards));
    discover_close(d);
    return mine;
}

/* h gone on over p[0, n), 8 bytes at a time (the run's inputs are read
 * once more for it: FNV-1a a byte at a time would cost a second per GB). */
static uint64_t hash_words(const unsigned char *p, size_t n, uint64_t h)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    return merge_hash(p + i, n - i, h);
}

/* h gone on over what the input files of the run hold: each file's name
 * and bytes, in the walk's order, every shard's (a file that cannot be
 * read, or is no regular file, by its name and why). */
static uint64_t hash_inputs(const struct pipeline_options *o, uint64_t h)
{
    struct pl_error err = {0};
    struct discovery *d = discover_open(o->inputs, o->ninputs, o->out_dir, &err);
    struct input_file in;
    unsigned char *chunk = xmalloc(1 << 16);
    while (d && discover_next(d, &in)) {
        if (in.skip)
            continue;
        h = merge_hash(in.name, strlen(in.name) + 1, h);
        size_t size = 0;
        char *why = NULL;
        int fd = in.error ? -1 : decode_open(in.path, SIZE_MAX, &size, &why);
        if (fd < 0) {
            const char *w = in.error ? in.error : why ? why : "";
            h = merge_hash(w, strlen(w) + 1, h);
            free(why);
            continue;
        }
        ssize_t n;
        size_t left = size;
        while (left > 0 && (n = read(fd, chunk, left < (1u << 16) ? left : 1u << 16)) != 0) {
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN)
                    continue;
                h = merge_hash("\2", 1, h); /* unreadable from here */
                break;
            }
            h = hash_words(chunk, (size_t)n, h);
            left -= (size_t)n;
        }
        h = merge_hash(&size, sizeof size, h);
        close(fd);
    }
    free(chunk);
    discover_close(d);
    return h;
}

/* Which run this is (run.json): a hash of the version, of the inputs
 * (their real paths where they have one, and what the files hold, so that
 * a run over files changed since is another run), and of every option
 * that shapes the output, so that shards of one command over the same
 * files, run on any node from any folder, agree, and shards of other
 * commands or other files do not. --jobs and --fsync change nothing in the
 * output, and the shard is said apart. */
static void run_identity(const struct pipeline_options *o, struct emit_run *r)
{
    uint64_t h = MERGE_HASH_START;
    const char *parts[] = {PIPELINE_VERSION, o->encoding, o->text_field, o->id_field, o->excel ? "excel" : "",
                           o->rules_dir, o->reviews};
    size_t nparts = sizeof parts / sizeof *parts;
    for (size_t i = 0; i < nparts + o->ninputs; i++) {
        const char *p = i < nparts ? parts[i] : o->inputs[i - nparts];
        char *real = p && i >= 5 ? realpath(p, NULL) : NULL;
        if (real)
            p = real;
        /* each part with its end, so that parts cannot run into each
         * other; an option not given apart from an empty one */
        h = p ? merge_hash(p, strlen(p) + 1, h) : merge_hash("\1", 1, h);
        free(real);
    }
    h = hash_inputs(o, h);
    snprintf(r->id, sizeof r->id, "%016llx", (unsigned long long)h);
    r->shard = o->shards ? o->shard : 0;
    r->shards = o->shards ? o->shards : 1;
}

/* An error among others (a reviews file's bad rows), reported as a
 * document's failure is. */
static void report_error(void *ctx, const struct pl_error *e)
{
    const struct pipeline_options *o = ctx;
    char line[2048];
    pl_error_format(e, line, sizeof line);
    if (o->on_failure)
        o->on_failure(line);
}

int pipeline_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

enum pipeline_exit pipeline_run(const struct pipeline_options *o, struct pipeline_summary *sum,
                                struct pl_error *err)
{
    memset(sum, 0, sizeof *sum);
    struct rule_set *rs = rules_load(o->rules_dir, err);
    if (!rs)
        return EXIT_USAGE;
    int jobs = o->jobs > 0 ? o->jobs : pipeline_default_jobs();
    struct discovery *inputs = NULL;
    struct worker *workers = NULL;
    struct emitter *em = NULL;
    struct made_dirs made = {0};
    struct reviews *reviews = NULL;
    struct emit_options eo = {0};
    struct run run = {.o = o, .rs = rs, .sum = sum, .err = err};
    pthread_mutex_init(&run.mu, NULL);
    enum pipeline_exit code = EXIT_USAGE;
    /* a missing input, or none with a document, is refused before
     * anything is written */
    struct input_file in;
    if (!(inputs = discover_open(o->inputs, o->ninputs, o->out_dir, err)))
        goto done;
    bool more;
    while ((more = discover_next(inputs, &in)) && in.skip)
        note(o, &in);
    if (!more) {
        pl_error_set(err, o->inputs[0], 0, 0, "no documents found in the input");
        goto done;
    }
    if (o->on_progress)
        sum->files_total = count_inputs(o);
    if (o->reviews && !(reviews = reviews_load(o->reviews, report_error, (void *)o, err)))
        goto done;
    eo = (struct emit_options){.excel = o->excel, .reviews = reviews, .rules = rs};
    /* PIPELINE_CLAIMS_AHEAD: for tests, the rows of documents of more
     * claims than that are made as they are written */
    const char *ahead = getenv("PIPELINE_CLAIMS_AHEAD");
    eo.claims_ahead = ahead && atol(ahead) > 0 ? (size_t)atol(ahead) : 0;
    run_identity(o, &eo.run);
    markup_init();
    if (!(workers = new_workers(o, rs, jobs, err)) || !outfile_make_dir(o->out_dir, &made, err) ||
        !(em = emit_begin(o->out_dir, &eo, err)))
        goto done;
    /* made now, perhaps inside an input: never read */
    discover_exclude(inputs, o->out_dir);
    for (int i = 0; i < jobs; i++)
        workers[i].eo = &eo;
    run.em = em;
    if (jobs == 1) {
        run.inline_worker = &workers[0];
    } else {
        void **states = xcalloc((size_t)jobs, sizeof *states);
        for (int i = 0; i < jobs; i++)
            states[i] = &workers[i];
        run.pool = workers_start(jobs, states, analyse, finish, &run, (size_t)jobs * 4);
        free(states);
        if (!run.pool) {
            pl_error_set(err, NULL, 0, 0, "cannot start %d threads", jobs);
            goto done;
        }
    }
    bool ok = true;
    for (; ok && more; more = discover_next(inputs, &in)) {
        if (in.skip) {
            note(o, &in);
            continue;
        }
        if (o->shards && !merge_in_shard(in.name, o->shard, o->shards))
            continue;
        if (in.error) {
            /* a folder that cannot be read (locked, or gone since the
             * walk began): a failed document of its own, the run goes on */
            struct doc *doc = doc_new(in.name, in.path);
            char *msg = xasprintf("%s: %s", in.name, in.error);
            doc_fail(doc, msg);
            free(msg);
            ok = submit(&run, doc);
        } else {
            ok = produce(&run, &in);
        }
        struct stat st;
        bool known = stat(in.path, &st) == 0;
        pthread_mutex_lock(&run.mu);
        sum->files++;
        if (known)
            sum->bytes += (size_t)st.st_size;
        if (o->on_progress)
            o->on_progress(sum);
        pthread_mutex_unlock(&run.mu);
    }
    if (run.pool) {
        ok = workers_finish(run.pool) && ok;
        run.pool = NULL;
    }
    if (!ok)
        goto done;
    if (!sum->documents && !o->shards) {
        /* files, but not one document in them (an empty archive): the
         * previous dataset stays */
        pl_error_set(err, o->inputs[0], 0, 0, "no documents found in the input");
        goto done;
    }
    bool finished = emit_finish(em, err);
    em = NULL;
    if (finished)
        code = sum->failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
done:
    if (run.pool)
        workers_finish(run.pool);
    emit_abort(em);
    /* a run that wrote nothing leaves no folders behind */
    if (code == EXIT_USAGE)
        outfile_unmake_dirs(&made);
    else
        outfile_keep_dirs(&made);
    free_workers(workers, workers ? jobs : 0);
    free_workers(run.block_worker, 1);
    discover_close(inputs);
    if (reviews && code != EXIT_USAGE) {
        sum->orphaned_reviews = reviews_orphans(reviews);
        sum->applied_reviews = reviews_applied(reviews);
        sum->reattached_reviews = reviews_reattached(reviews);
        sum->bad_reviews = reviews_bad(reviews);
        snprintf(sum->reviews_read_as, sizeof sum->reviews_read_as, "%s%s", reviews_encoding(reviews),
                 reviews_separator(reviews) == ';'    ? ", separated by semicolons"
                 : reviews_separator(reviews) == '\t' ? ", separated by tabs"
                                                      : "");
        /* the bad rows were not applied: named on stderr, the rest written */
        if (sum->bad_reviews && code == EXIT_ALL_OK)
            code = EXIT_SOME_FAILED;
    }
    reviews_free(reviews);
    rules_free(rs);
    pthread_mutex_destroy(&run.mu);
    return code;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *pipeline_default_rules_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            const char *candidates[] = {"../share/pipeline/rules", "../rules"};
            for (size_t i = 0; i < 2; i++) {
                char *dir = xasprintf("%s/%s", exe, candidates[i]);
                char real[PATH_MAX];
                if (is_dir(dir) && realpath(dir, real)) {
                    free(dir);
                    /* relative to the working folder where it lies below it,
                     * so that messages read "rules/units.json:12:7" */
                    char cwd[PATH_MAX];
                    size_t k = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
                    if (k && strncmp(real, cwd, k) == 0 && real[k] == '/')
                        return xstrdup(real + k + 1);
                    return xstrdup(real);
                }
                free(dir);
            }
        }
    }
    return xstrdup("rules");
}
