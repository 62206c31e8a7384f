/* normalise: values, units, bounds and source references of claims. */
#include "normalise.h"

#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "rules.h"
#include "srcmap.h"

uint64_t normalise_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* "start:end" in decimal into out, NUL-terminated; its length. */
static size_t put_span(char *out, size_t start, size_t end)
{
    char rev[48];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + end % 10);
        end /= 10;
    } while (end);
    rev[n++] = ':';
    do {
        rev[n++] = (char)('0' + start % 10);
        start /= 10;
    } while (start);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

void normalise_claim_id(const char *doc_name, size_t byte_start, size_t byte_end,
                        const char *quote, char out[17])
{
    char span[64];
    size_t n = put_span(span, byte_start, byte_end);
    uint64_t h = 0xcbf29ce484222325ULL;
    h = normalise_fnv1a(h, doc_name, strlen(doc_name) + 1);
    h = normalise_fnv1a(h, span, n + 1);
    h = normalise_fnv1a(h, quote, strlen(quote));
    normalise_id_letters(h, out);
}

/* Sixteen letters for the sixteen values of a hex digit: no digit (a
 * spreadsheet never reads the id as a number: 0188… kept whole, 3958e601…
 * not an exponent), no vowel (no words), none of a-f (an id of the hex
 * form is never one of this form). */
static const char LETTERS[] = "ghjkmnpqrstvwxyz";

void normalise_id_letters(uint64_t h, char out[17])
{
    for (int i = 15; i >= 0; i--, h >>= 4)
        out[i] = LETTERS[h & 15];
    out[16] = '\0';
}

bool normalise_id_valid(const char *id)
{
    return strlen(id) == 16 && strspn(id, LETTERS) == 16;
}

bool normalise_id_from_hex(const char *hex, char out[17])
{
    if (strlen(hex) != 16 || strspn(hex, "0123456789abcdef") != 16)
        return false;
    uint64_t h = 0;
    for (int i = 0; i < 16; i++)
        h = h << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    normalise_id_letters(h, out);
    return true;
}

/* The numeral in the unit's canonical terms: × the factor (1300斤 → 650
 * kg), ÷ the denominator's factor (3元/斤 → 6 CNY/kg), or the unit's power
 * (翻两番 → 4). A result that does not fit keeps the numeral. */
static struct decimal scale(struct decimal number, const struct unit_rule *u,
                            const struct unit_rule *per)
{
    struct decimal v = number;
    if (u->power_of) {
        int64_t p = 1;
        for (int64_t i = 0; i < number.m && number.e == 0 && i < 62; i++)
            if (__builtin_mul_overflow(p, u->power_of, &p))
                return number;
        return decimal_int(p);
    }
    if (!decimal_mul(number, u->factor, &v))
        return number;
    if (per && !decimal_div(v, per->factor, &v))
        return number;
    return v;
}

void normalise_claims(struct doc *doc)
{
    if (!doc->nclaims)
        return;
    struct srcmap map;
    if (doc->window_line) {
        srcmap_init_charset(&map, doc->bytes, doc->window_from, doc->window_to, doc->window_line,
                            doc->window_column, doc->encoding, false);
    } else {
        /* an article's text is counted as one line: newlines in it are not the archive's */
        srcmap_init_charset(&map, doc->bytes, 0, doc->nbytes, 1, 1, doc->encoding, doc->archive_line != 0);
    }
    for (size_t i = 0; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        const struct unit_rule *u = c->unit_rule;
        c->unit = u->unit;
        c->kind = u->kind;
        c->value = scale(c->number, u, c->per_rule);
        if (c->per_rule) {
            char *unit = arena_alloc(&doc->arena, strlen(u->unit) + strlen(c->per_rule->unit) + 2);
            sprintf(unit, "%s/%s", u->unit, c->per_rule->unit);
            c->unit = unit;
        }
        if (c->is_range) {
            c->has_lower = c->has_upper = true;
            c->lower = c->value;
            c->upper = scale(c->number_upper, u, c->per_rule);
            /* written high to low (偏多36%~20%, -5至-10摄氏度): the bounds
             * are the smaller and the larger end, and the value is the
             * lower end, as CLAIMS.md defines a range's value */
            if (decimal_cmp(c->lower, c->upper) > 0) {
                struct decimal low = c->upper;
                c->upper = c->lower;
                c->lower = low;
                c->value = low;
            }
        } else if (c->plus_minus) {
            c->has_lower = c->has_upper = true;
            c->lower = (struct decimal){-c->value.m, c->value.e};
            c->upper = c->value;
        } else if (!strcmp(c->qualifier, "over")) {
            c->has_lower = true;
            c->lower = c->value;
        } else if (!strcmp(c->qualifier, "under")) {
            c->has_upper = true;
            c->upper = c->value;
        }
        /* the span ends with the quote's last character, not where the
         * next kept character begins (a rejoined line break may lie between) */
        size_t start = (size_t)doc->offsets[c->start];
        size_t last = (size_t)doc->offsets[c->end - 1];
        size_t end = doc->ends ? (size_t)doc->ends[c->end - 1] : last + decode_char_length(doc, last);
        c->quote = decode_span_utf8(doc, start, end);
        srcmap_locate(&map, start, &c->line, &c->column);
        c->byte_start = doc->base + start;
        c->byte_end = doc->base + end;
        if (doc->archive_line) {
            /* an article of an archive: its line there, the column in its
             * text (the map of an article is one line) */
            c->line = doc->archive_line;
        }
        normalise_claim_id(doc->name, c->byte_start, c->byte_end, c->quote, c->id);
    }
    srcmap_free(&map);
}
