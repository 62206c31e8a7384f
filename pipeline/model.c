/* model: construction and destruction of documents. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"

struct doc *doc_new(const char *name, const char *path)
{
    struct doc *doc = xcalloc(1, sizeof *doc);
    doc->name = xstrdup(name);
    doc->path = xstrdup(path);
    doc->encoding = "";
    atomic_init(&doc->refs, 1);
    return doc;
}

void doc_fail(struct doc *doc, const char *message)
{
    if (doc->status == DOC_FAILED)
        return;
    doc->status = DOC_FAILED;
    doc->error = xstrdup(message);
}

void doc_partial(struct doc *doc, const char *message)
{
    if (doc->status != DOC_OK)
        return;
    doc->status = DOC_PARTIAL;
    doc->error = xstrdup(message);
}

void doc_skip(struct doc *doc, const char *message)
{
    if (doc->status != DOC_OK)
        return;
    doc->status = DOC_SKIPPED;
    doc->error = xstrdup(message);
}

struct claim *doc_add_claim(struct doc *doc)
{
    if (doc->nclaims == doc->claims_cap) {
        doc->claims_cap = doc->claims_cap ? doc->claims_cap * 2 : 16;
        doc->claims = xrealloc(doc->claims, doc->claims_cap * sizeof *doc->claims);
    }
    struct claim *c = &doc->claims[doc->nclaims++];
    memset(c, 0, sizeof *c);
    return c;
}

const char *claim_sentence(const struct doc *doc, const struct claim *c, struct buf *scratch)
{
    if (c->sentence || c->context_end <= c->context_start)
        return c->sentence;
    int32_t n = c->context_end - c->context_start;
    scratch->len = 0;
    char *w = buf_reserve(scratch, 3 * (size_t)n + 6);
    size_t k = 0;
    if (c->context_cut_before)
        memcpy(w + k, "…", 3), k += 3;
    k += decode_utf8_of(w + k, doc->text + c->context_start, n);
    if (c->context_cut_after)
        memcpy(w + k, "…", 3), k += 3;
    buf_commit(scratch, k);
    return scratch->data;
}

void doc_borrow(struct doc *doc, struct doc *owner)
{
    doc->owner = owner;
    atomic_fetch_add(&owner->refs, 1);
    doc->bytes = owner->bytes;
    doc->nbytes = owner->nbytes;
    doc->encoding = owner->encoding;
    doc->encoding_confidence = owner->encoding_confidence;
}

void doc_free(struct doc *doc)
{
    if (!doc)
        return;
    if (atomic_fetch_sub(&doc->refs, 1) != 1) /* borrowers still read its bytes */
        return;
    struct doc *owner = doc->owner;
    free(doc->name);
    free(doc->path);
    if (!owner)
        free(doc->bytes);
    free(doc->text);
    free(doc->offsets);
    free(doc->ends);
    free(doc->title);
    free(doc->date);
    free(doc->url);
    for (int i = 0; doc->rows && i < NROWS; i++) {
        buf_free(&doc->rows->text[i]);
        free(doc->rows->holes[i]);
    }
    free(doc->rows);
    free(doc->sentences);
    for (size_t i = 0; i < doc->ntables; i++)
        free(doc->tables[i].cells);
    free(doc->tables);
    free(doc->claims);
    free(doc->error);
    arena_free(&doc->arena);
    free(doc);
    if (owner)
        doc_free(owner);
}
