/* normalise: values, units, bounds and source references of claims. */
#include "normalise.h"

#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "rules.h"
#include "srcmap.h"

static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void normalise_claim_id(const char *doc_name, size_t byte_start, size_t byte_end,
                        const char *quote, char out[17])
{
    char span[64];
    int n = snprintf(span, sizeof span, "%zu:%zu", byte_start, byte_end);
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, doc_name, strlen(doc_name) + 1);
    h = fnv1a(h, span, (size_t)n + 1);
    h = fnv1a(h, quote, strlen(quote));
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void normalise_claims(struct doc *doc)
{
    struct srcmap map;
    srcmap_init(&map, doc->bytes, doc->nbytes);
    for (size_t i = 0; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        const struct unit_rule *u = c->unit_rule;
        c->unit = u->unit;
        c->kind = u->kind;
        if (!decimal_mul(c->number, u->factor, &c->value))
            c->value = c->number;
        if (c->is_range) {
            c->has_lower = c->has_upper = true;
            c->lower = c->value;
            if (!decimal_mul(c->number_upper, u->factor, &c->upper))
                c->upper = c->number_upper;
        } else if (!strcmp(c->qualifier, "over")) {
            c->has_lower = true;
            c->lower = c->value;
        } else if (!strcmp(c->qualifier, "under")) {
            c->has_upper = true;
            c->upper = c->value;
        }
        /* the span ends with the quote's last character, not where the
         * next kept character begins (a rejoined line break may lie between) */
        c->byte_start = (size_t)doc->offsets[c->start];
        size_t last = (size_t)doc->offsets[c->end - 1];
        c->byte_end = last + decode_char_length(doc, last);
        c->quote = decode_span_utf8(doc, c->byte_start, c->byte_end);
        srcmap_locate(&map, c->byte_start, &c->line, &c->column);
        normalise_claim_id(doc->name, c->byte_start, c->byte_end, c->quote, c->id);
    }
    srcmap_free(&map);
}
