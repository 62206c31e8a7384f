/* fuzz.h: what the libFuzzer targets share — the shipped rules and a
 * segmenter, loaded once, and checks that abort (libFuzzer then saves the
 * input under build/fuzz/artifacts/). Run the targets from the top of the
 * repository: the rules are read from rules/. */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rules.h"
#include "segment.h"

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);              \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static struct rule_set *fuzz_rules;
static struct segmenter *fuzz_sg;

/* The rules of rules/ and a segmenter; exits when either cannot be had. */
static inline void fuzz_setup(void)
{
    struct pl_error err = {0};
    if (!fuzz_rules && !(fuzz_rules = rules_load("rules", &err))) {
        char msg[2048];
        pl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "fuzz: cannot load rules/ (run from the top of the repository): %s\n", msg);
        exit(1);
    }
    if (!fuzz_sg && !(fuzz_sg = segmenter_new(&err))) {
        fprintf(stderr, "fuzz: %s\n", err.text);
        exit(1);
    }
}

/* A target that needs the rules and a segmenter writes FUZZ_SETUP_ONCE at
 * file scope: libFuzzer (and standalone.c) call it before the first input. */
#define FUZZ_SETUP_ONCE                                                                            \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                                              \
    {                                                                                              \
        (void)argc, (void)argv;                                                                    \
        fuzz_setup();                                                                              \
        return 0;                                                                                  \
    }

/* A document named fuzz.txt holding a copy of the input. */
static inline struct doc *fuzz_doc(const uint8_t *data, size_t size)
{
    struct doc *doc = doc_new("fuzz.txt", "");
    doc->bytes = malloc(size ? size : 1);
    if (size)
        memcpy(doc->bytes, data, size);
    doc->nbytes = size;
    return doc;
}

/* The offset map of a decoded (or rejoined) text: offsets non-decreasing,
 * inside the file, and offsets[len] its end. */
static inline void fuzz_check_offsets(const struct doc *doc)
{
    FUZZ_CHECK(doc->len >= 0 && (size_t)doc->len <= doc->nbytes, "len %d, %zu bytes", doc->len,
               doc->nbytes);
    FUZZ_CHECK(doc->text && doc->offsets, "decoded without text or offsets");
    for (int32_t i = 0; i < doc->len; i++) {
        FUZZ_CHECK(doc->offsets[i] >= 0 && (size_t)doc->offsets[i] < doc->nbytes,
                   "offsets[%d] = %d, %zu bytes", i, doc->offsets[i], doc->nbytes);
        FUZZ_CHECK(doc->offsets[i] <= doc->offsets[i + 1], "offsets[%d] = %d > offsets[%d] = %d",
                   i, doc->offsets[i], i + 1, doc->offsets[i + 1]);
    }
    FUZZ_CHECK((size_t)doc->offsets[doc->len] == doc->nbytes, "offsets[len=%d] = %d, %zu bytes",
               doc->len, doc->offsets[doc->len], doc->nbytes);
}

/* Sentences tile the text [0, len) in order. */
static inline void fuzz_check_sentences(const struct doc *doc)
{
    int32_t at = 0;
    for (size_t i = 0; i < doc->nsentences; i++) {
        const struct sentence *s = &doc->sentences[i];
        FUZZ_CHECK(s->start == at && s->start < s->end && s->end <= doc->len,
                   "sentence %zu is [%d, %d), expected from %d, len %d", i, s->start, s->end, at,
                   doc->len);
        at = s->end;
    }
    FUZZ_CHECK(at == doc->len, "sentences end at %d, len %d", at, doc->len);
}

/* Every claim of an analysed document points inside it (a feed's item:
 * inside its bytes, the file's from doc->base on). */
static inline void fuzz_check_claims(const struct doc *doc)
{
    for (size_t i = 0; i < doc->nclaims; i++) {
        const struct claim *c = &doc->claims[i];
        FUZZ_CHECK(c->byte_start >= doc->base && c->byte_start < c->byte_end &&
                       c->byte_end <= doc->base + doc->nbytes,
                   "claim %zu: bytes [%zu, %zu) of [%zu, %zu)", i, c->byte_start, c->byte_end, doc->base,
                   doc->base + doc->nbytes);
        FUZZ_CHECK(c->start >= 0 && c->start < c->end && c->end <= doc->len,
                   "claim %zu: units [%d, %d) of %d", i, c->start, c->end, doc->len);
        FUZZ_CHECK(c->line >= 1 && c->column >= 1, "claim %zu: line %d, column %d", i, c->line,
                   c->column);
        FUZZ_CHECK(c->quote, "claim %zu: no quote", i);
    }
}

#endif
