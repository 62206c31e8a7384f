/* emit: the dataset's files, written as documents arrive and renamed into
 * place together at the end. claims.json lists documents before claims;
 * claims are streamed to an anonymous scratch file meanwhile, so only the
 * (small) document rows are held in memory. */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "xalloc.h"

enum { CLAIMS_CSV, CLAIMS_JSON, DOCUMENTS_CSV, NFILES };

static const char *const NAMES[NFILES] = {"claims.csv", "claims.json", "documents.csv"};

struct emitter {
    struct outfile files[NFILES];
    FILE *json_claims;   /* scratch: the claims array of claims.json */
    struct buf json_documents;
    size_t ndocs, nclaims;
};

struct emitter *emit_begin(const char *out_dir, struct pl_error *err)
{
    struct emitter *em = xcalloc(1, sizeof *em);
    for (int i = 0; i < NFILES; i++) {
        if (!outfile_open(&em->files[i], out_dir, NAMES[i], err)) {
            emit_abort(em);
            return NULL;
        }
    }
    em->json_claims = tmpfile();
    if (!em->json_claims) {
        pl_error_set(err, out_dir, 0, 0, "cannot create a scratch file: %s", strerror(errno));
        emit_abort(em);
        return NULL;
    }
    emit_csv_header(em->files[CLAIMS_CSV].f, EMIT_CLAIM_COLUMNS);
    emit_csv_header(em->files[DOCUMENTS_CSV].f, EMIT_DOCUMENT_COLUMNS);
    return em;
}

static bool check(struct emitter *em, struct pl_error *err)
{
    for (int i = 0; i < NFILES; i++) {
        if (ferror(em->files[i].f)) {
            pl_error_set(err, em->files[i].tmp_path, 0, 0, "cannot write");
            return false;
        }
    }
    if (ferror(em->json_claims)) {
        pl_error_set(err, NULL, 0, 0, "cannot write the scratch file of claims.json");
        return false;
    }
    return true;
}

bool emit_add(struct emitter *em, const struct doc *doc, struct pl_error *err)
{
    for (size_t i = 0; i < doc->nclaims; i++) {
        emit_csv_claim(em->files[CLAIMS_CSV].f, doc, &doc->claims[i]);
        fputs(em->nclaims++ ? ",\n" : "\n", em->json_claims);
        emit_json_claim(em->json_claims, doc, &doc->claims[i]);
    }
    emit_csv_document(em->files[DOCUMENTS_CSV].f, doc);
    /* the document row, as JSON, kept until emit_finish */
    char *row = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&row, &len);
    if (!mem) {
        pl_error_set(err, NULL, 0, 0, "out of memory");
        return false;
    }
    emit_json_document(mem, doc);
    fclose(mem);
    buf_puts(&em->json_documents, em->ndocs++ ? ",\n" : "\n");
    buf_append(&em->json_documents, row, len);
    free(row);
    return check(em, err);
}

bool emit_finish(struct emitter *em, struct pl_error *err)
{
    FILE *f = em->files[CLAIMS_JSON].f;
    fputs("{\"documents\": [", f);
    if (em->json_documents.len)
        fwrite(em->json_documents.data, 1, em->json_documents.len, f);
    fputs(em->ndocs ? "\n], \"claims\": [" : "], \"claims\": [", f);
    rewind(em->json_claims);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, em->json_claims)) > 0)
        fwrite(chunk, 1, n, f);
    fputs(em->nclaims ? "\n]}\n" : "]}\n", f);
    bool ok = check(em, err);
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
    if (em->json_claims)
        fclose(em->json_claims);
    buf_free(&em->json_documents);
    free(em);
}
