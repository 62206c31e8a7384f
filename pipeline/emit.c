/* emit: the dataset's files, written as documents arrive and renamed into
 * place together at the end. A document's rows are rendered where it was
 * analysed (emit_render, on a worker); here they are only written, in
 * order. claims.json lists its claims first, as they come, and then the
 * documents, whose array waits in an anonymous scratch file until
 * emit_finish, so that nothing grows in memory with the number of
 * documents. */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "reviews.h"
#include "xalloc.h"

/* Every this many documents the output files are sent on to disk. */
enum { WRITE_BEHIND_DOCS = 16 };

enum { CLAIMS_CSV, CLAIMS_JSON, DOCUMENTS_CSV, REPORT_HTML, REPORT_SITE, DATAPACKAGE, RUN_JSON, EXCEL_CSV, ORPHANS,
       XLSX, CHECKS_CSV, NFILES };

const char *const EMIT_FILES[NFILES + 1] = {"claims.csv",       "claims.json", "documents.csv",
                                           "report.html",      "report",           "datapackage.json", "run.json",
                                           "claims.excel.csv", "orphaned_reviews.csv", "claims.xlsx", "checks.csv", NULL};

struct emitter {
    struct outfile_lock lock;
    struct outfile files[NFILES]; /* the ones not used: absent, removed at the commit */
    bool used[NFILES];
    struct outfile json_documents; /* scratch: the documents array of claims.json */
    struct outfile json_checks;    /* scratch: the checks array of claims.json */
    size_t ndocs, nclaims, nchecks;
    struct emit_html *html; /* report.html, written at emit_finish */
    struct emit_xlsx *xlsx; /* claims.xlsx (--excel), or NULL */
    struct emit_options eo;
};

struct emitter *emit_begin(const char *out_dir, const struct emit_options *eo, struct pl_error *err)
{
    struct emitter *em = xcalloc(1, sizeof *em);
    em->eo = *eo;
    if (!outfile_lock(&em->lock, out_dir, EMIT_FILES, err)) {
        emit_abort(em);
        return NULL;
    }
    for (int i = 0; i < NFILES; i++) {
        em->used[i] = ((i != EXCEL_CSV && i != XLSX) || eo->excel) && (i != ORPHANS || eo->reviews);
        if (!em->used[i]) {
            outfile_absent(&em->files[i], out_dir, EMIT_FILES[i]);
        } else if (i == REPORT_SITE ? !outfile_open_folder(&em->files[i], out_dir, EMIT_FILES[i], err)
                                    : !outfile_open(&em->files[i], out_dir, EMIT_FILES[i], err)) {
            emit_abort(em);
            return NULL;
        }
    }
    if (!outfile_scratch(&em->json_documents, err) || !outfile_scratch(&em->json_checks, err)) {
        emit_abort(em);
        return NULL;
    }
    em->html = emit_html_begin(em->files[REPORT_HTML].f, em->files[REPORT_SITE].tmp_path, err);
    if (!em->html) {
        emit_abort(em);
        return NULL;
    }
    emit_csv_header(em->files[CLAIMS_CSV].f, EMIT_CLAIM_COLUMNS);
    emit_csv_header(em->files[DOCUMENTS_CSV].f, EMIT_DOCUMENT_COLUMNS);
    emit_csv_header(em->files[CHECKS_CSV].f, EMIT_CHECK_COLUMNS);
    fputs("{\"claims\": [", em->files[CLAIMS_JSON].f);
    if (eo->excel) {
        fputs("\xEF\xBB\xBF", em->files[EXCEL_CSV].f); /* Excel reads UTF-8 by its BOM */
        emit_csv_header(em->files[EXCEL_CSV].f, EMIT_CLAIM_COLUMNS);
        if (!(em->xlsx = emit_xlsx_begin(em->files[XLSX].tmp_path, err))) {
            emit_abort(em);
            return NULL;
        }
    }
    return em;
}

/* The rows of doc's claims [from, to): claims.csv, claims.json (a comma
 * between two claims, none before the first) and Excel's. */
static void render_claims_of(struct doc *doc, const struct emit_options *eo, struct doc_rows *r, size_t from,
                             size_t to)
{
    /* room for what a claim takes on average, so that the rows are not
     * copied as they grow (untouched room costs no memory) */
    size_t n = to - from;
    buf_reserve(&r->text[ROWS_CLAIMS_CSV], 512 * n);
    buf_reserve(&r->text[ROWS_CLAIMS_JSON], 768 * n);
    if (eo->excel)
        buf_reserve(&r->text[ROWS_EXCEL_CSV], 512 * n);
    struct emit_memo csv = {0}, excel = {0}, json = {0};
    for (size_t i = from; i < to; i++) {
        emit_csv_claim(&r->text[ROWS_CLAIMS_CSV], doc, &doc->claims[i], &csv);
        if (eo->excel)
            emit_csv_claim_excel(&r->text[ROWS_EXCEL_CSV], doc, &doc->claims[i], &excel);
        if (i)
            buf_append(&r->text[ROWS_CLAIMS_JSON], ",\n", 2);
        emit_json_claim(&r->text[ROWS_CLAIMS_JSON], doc, &doc->claims[i], NULL, &json);
    }
}

static void put_row(FILE *f, const struct buf *b);

/* The rows of doc's checks: checks.csv and claims.json's (a comma between
 * two, none before the first). */
static void render_checks(const struct doc *doc, struct doc_rows *r)
{
    for (size_t i = 0; i < doc->nchecks; i++) {
        emit_csv_check(&r->text[ROWS_CHECKS_CSV], doc, &doc->checks[i]);
        if (i)
            buf_append(&r->text[ROWS_CHECKS_JSON], ",\n", 2);
        emit_json_check(&r->text[ROWS_CHECKS_JSON], doc, &doc->checks[i], false);
    }
}

/* doc's checks, rendered. */
static void put_checks(struct emitter *em, const struct doc *doc, const struct doc_rows *r)
{
    put_row(em->files[CHECKS_CSV].f, &r->text[ROWS_CHECKS_CSV]);
    if (doc->nchecks) {
        fputs(em->nchecks ? ",\n" : "\n", em->json_checks.f);
        put_row(em->json_checks.f, &r->text[ROWS_CHECKS_JSON]);
        em->nchecks += doc->nchecks;
    }
}

/* How many claims a document's rows are made for at once. */
static size_t claims_ahead(const struct emit_options *eo)
{
    return eo->claims_ahead ? eo->claims_ahead : EMIT_CLAIMS_AHEAD;
}

void emit_render(struct doc *doc, const struct emit_options *eo)
{
    if (doc->rows)
        return;
    struct doc_rows *r = xcalloc(1, sizeof *r);
    /* a document of many claims has its rows made as they are written
     * (emit_add), a slice at a time: held whole, its rows take a few times
     * what its claims take */
    bool ahead = doc->nclaims <= claims_ahead(eo);
    reviews_attach(eo->reviews, doc, true);
    if (ahead)
        render_claims_of(doc, eo, r, 0, doc->nclaims);
    emit_csv_document(&r->text[ROWS_DOCUMENT_CSV], doc);
    emit_json_document(&r->text[ROWS_DOCUMENT_JSON], doc);
    render_checks(doc, r);
    if (ahead)
        emit_html_render(doc, r); /* else emit_html_add writes it out */
    /* the rows wait for the documents before to be written: with no more
     * room than they take (made with room for a claim's average) */
    for (int i = 0; i < NROWS; i++)
        buf_fit(&r->text[i]);
    doc->rows = r;
}

/* Flush what was written so far: a write that failed says why (no space,
 * read-only). */
static bool check(struct emitter *em, struct pl_error *err)
{
    for (int i = 0; i < NFILES; i++)
        if (!outfile_check(&em->files[i], err))
            return false;
    return outfile_scratch_check(&em->json_documents, "claims.json", err) &&
           outfile_scratch_check(&em->json_checks, "claims.json", err);
}

static void put_row(FILE *f, const struct buf *b)
{
    if (b->len)
        fwrite(b->data, 1, b->len, f);
}

/* The rows of doc's claims, rendered. */
static void put_claims(struct emitter *em, const struct doc *doc, const struct doc_rows *r)
{
    for (size_t i = 0; em->eo.reviews && i < doc->nclaims; i++)
        reviews_mark_used(em->eo.reviews, doc->claims[i].review, doc->claims[i].id);
    put_row(em->files[CLAIMS_CSV].f, &r->text[ROWS_CLAIMS_CSV]);
    emit_xlsx_claims(em->xlsx, &r->text[ROWS_CLAIMS_CSV]);
    if (em->eo.excel)
        put_row(em->files[EXCEL_CSV].f, &r->text[ROWS_EXCEL_CSV]);
    if (doc->nclaims) {
        fputs(em->nclaims ? ",\n" : "\n", em->files[CLAIMS_JSON].f);
        put_row(em->files[CLAIMS_JSON].f, &r->text[ROWS_CLAIMS_JSON]);
        em->nclaims += doc->nclaims;
    }
}

/* The document's rows, rendered. */
static bool put_document(struct emitter *em, const struct doc_rows *r, struct pl_error *err)
{
    put_row(em->files[DOCUMENTS_CSV].f, &r->text[ROWS_DOCUMENT_CSV]);
    emit_xlsx_document(em->xlsx, &r->text[ROWS_DOCUMENT_CSV]);
    fputs(em->ndocs++ ? ",\n" : "\n", em->json_documents.f);
    put_row(em->json_documents.f, &r->text[ROWS_DOCUMENT_JSON]);
    if (!check(em, err))
        return false;
    if (em->ndocs % WRITE_BEHIND_DOCS == 0)
        for (int i = 0; i < NFILES; i++)
            if (em->used[i])
                outfile_write_behind(&em->files[i]);
    return true;
}

/* The rows of a document of more claims than are rendered ahead, made
 * and written that many claims at a time. */
static void put_claims_in_slices(struct emitter *em, struct doc *doc)
{
    size_t k = claims_ahead(&em->eo);
    for (size_t from = 0; from < doc->nclaims; from += k) {
        size_t to = doc->nclaims - from > k ? from + k : doc->nclaims;
        struct doc_rows r = {0};
        render_claims_of(doc, &em->eo, &r, from, to);
        for (size_t i = from; em->eo.reviews && i < to; i++)
            reviews_mark_used(em->eo.reviews, doc->claims[i].review, doc->claims[i].id);
        put_row(em->files[CLAIMS_CSV].f, &r.text[ROWS_CLAIMS_CSV]);
        emit_xlsx_claims(em->xlsx, &r.text[ROWS_CLAIMS_CSV]);
        if (em->eo.excel)
            put_row(em->files[EXCEL_CSV].f, &r.text[ROWS_EXCEL_CSV]);
        if (from == 0)
            fputs(em->nclaims ? ",\n" : "\n", em->files[CLAIMS_JSON].f);
        put_row(em->files[CLAIMS_JSON].f, &r.text[ROWS_CLAIMS_JSON]);
        for (int k = 0; k < NROWS; k++)
            buf_free(&r.text[k]);
    }
    em->nclaims += doc->nclaims;
}

bool emit_add(struct emitter *em, struct doc *doc, struct pl_error *err)
{
    emit_render(doc, &em->eo);
    const struct doc_rows *r = doc->rows;
    if (doc->nclaims > claims_ahead(&em->eo))
        put_claims_in_slices(em, doc);
    else
        put_claims(em, doc, r);
    put_checks(em, doc, r);
    return emit_html_add(em->html, doc, err) && put_document(em, r, err);
}

struct emit_stream {
    struct emitter *em;
    struct emit_html_stream *page;
};

struct emit_stream *emit_stream_begin(struct emitter *em, struct pl_error *err)
{
    struct emit_html_stream *page = emit_html_stream_begin(em->html, err);
    if (!page)
        return NULL;
    struct emit_stream *s = xcalloc(1, sizeof *s);
    s->em = em;
    s->page = page;
    return s;
}

bool emit_stream_part(struct emit_stream *s, struct doc *part, struct pl_error *err)
{
    struct doc_rows r = {0};
    /* by id only: a review re-attached in one block could be in the next */
    reviews_attach(s->em->eo.reviews, part, false);
    render_claims_of(part, &s->em->eo, &r, 0, part->nclaims);
    put_claims(s->em, part, &r);
    render_checks(part, &r);
    put_checks(s->em, part, &r);
    for (int k = 0; k < NROWS; k++)
        buf_free(&r.text[k]);
    emit_html_stream_part(s->page, part);
    return check(s->em, err);
}

bool emit_stream_end(struct emit_stream *s, struct doc *doc, struct pl_error *err)
{
    struct emitter *em = s->em;
    bool ok = emit_html_stream_end(s->page, doc, err);
    free(s);
    struct doc_rows r = {0};
    emit_csv_document(&r.text[ROWS_DOCUMENT_CSV], doc);
    emit_json_document(&r.text[ROWS_DOCUMENT_JSON], doc);
    ok = ok && put_document(em, &r, err);
    for (int k = 0; k < NROWS; k++)
        buf_free(&r.text[k]);
    return ok;
}

void emit_run_json(FILE *f, const struct emit_run *r)
{
    fprintf(f, "{\"run\": \"%s\", \"shard\": %u, \"shards\": %u}\n", r->id, r->shard, r->shards);
}

bool emit_copy(FILE *from, FILE *to)
{
    /* through a buffer of a fixed size: a mapped window would count as the
     * process's memory, and grow with the number of documents */
    char chunk[65536];
    size_t n;
    if (fflush(from) != 0)
        return false;
    rewind(from);
    while ((n = fread(chunk, 1, sizeof chunk, from)) > 0)
        fwrite(chunk, 1, n, to);
    return !ferror(from);
}

bool emit_finish(struct emitter *em, struct pl_error *err)
{
    FILE *f = em->files[CLAIMS_JSON].f;
    fputs(em->nclaims ? "\n], \"documents\": [" : "], \"documents\": [", f);
    bool ok = emit_copy(em->json_documents.f, f);
    fputs(em->ndocs ? "\n], \"checks\": [" : "], \"checks\": [", f);
    ok = ok && emit_copy(em->json_checks.f, f);
    fputs(em->nchecks ? "\n]}\n" : "]}\n", f);
    if (!ok)
        pl_error_set(err, NULL, 0, 0, "cannot read back the scratch file of claims.json: %s",
                     strerror(outfile_error(&em->json_documents) ? outfile_error(&em->json_documents)
                                                                 : outfile_error(&em->json_checks)));
    emit_datapackage(em->files[DATAPACKAGE].f, em->eo.rules);
    emit_run_json(em->files[RUN_JSON].f, &em->eo.run);
    if (em->eo.reviews) {
        reviews_write_orphans(em->eo.reviews, em->files[ORPHANS].f);
        emit_html_orphans(em->html, em->eo.reviews);
    }
    ok = ok && emit_html_finish(em->html, err) && check(em, err);
    if (ok && em->xlsx) {
        ok = emit_xlsx_finish(em->xlsx, em->files[XLSX].path, err);
        emit_xlsx_free(em->xlsx);
        em->xlsx = NULL;
    }
    for (int i = 0; i < NFILES && ok; i++)
        ok = outfile_close(&em->files[i], err);
    if (ok)
        ok = outfile_commit_all(em->files, NFILES, err);
    emit_abort(em);
    return ok;
}

void emit_abort(struct emitter *em)
{
    if (!em)
        return;
    for (int i = 0; i < NFILES; i++)
        outfile_discard(&em->files[i]);
    outfile_unlock(&em->lock);
    outfile_discard(&em->json_documents);
    outfile_discard(&em->json_checks);
    emit_html_free(em->html);
    emit_xlsx_free(em->xlsx);
    free(em);
}
