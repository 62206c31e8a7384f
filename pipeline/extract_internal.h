/* extract_internal: what the files of the extract stage share (extract.c,
 * extract_roles.c, extract_subjects.c, extract_tables.c), and nothing else
 * includes. extract.h is the stage's contract; this header is its inside:
 * the state of the sentence being read (struct sentence_ctx), a reading of
 * a figure, and the functions one file of the stage calls in another. Each
 * function's comment is at its definition. */
#ifndef PIPELINE_EXTRACT_INTERNAL_H
#define PIPELINE_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "decimal.h"
#include "extract.h"
#include "model.h"
#include "numbers.h"
#include "pattern.h"
#include "rules.h"
#include "segment.h"

/* A sentence longer than this (UTF-16 units) is written as the claim's
 * surroundings, SENTENCE_CONTEXT either side: one row per claim must not
 * carry a megabyte each. */
enum { SENTENCE_MAX = 400, SENTENCE_CONTEXT = 150 };

struct span {
    int32_t start, end;
    const struct word_list *for_units; /* an exclusion for figures of these units only */
    bool except;                       /* for figures of all units but these (for_units) */
    bool joined;                       /* a time made of two joined by a word (3月至5月) */
};

/* Spans found in a sentence, in the order found, and an index of them
 * (spans_index, once they are all found) so that a sentence with
 * thousands of figures asks each question in logarithmic time. */
struct ordered {
    int32_t start, end;
    uint32_t i; /* its place in at[] */
};

struct spans {
    struct span *at;
    size_t n, cap;
    struct ordered *by_start; /* by start, then place */
    struct ordered *by_end;   /* by end, then place */
    int32_t *reach;           /* the largest end of by_start[0..k] */
    size_t *free_upto;        /* times: 1 + the last of by_end[0..k] in no change
                               * phrase, 0 if none (set by assign_time_refs) */
    size_t index_cap;
};

/* What a claim carries while its sentence is being read. */
struct pending {
    int32_t role_marker;                     /* where a change or delta phrase begins, else -1 */
    bool delta_after;                        /* a delta by the words after it (2%的涨幅) */
    bool from_table;                         /* its unit is its table's */
    const struct implied_unit_rule *implied; /* the noun rule whose unit it took (人口为512万) */
    const char *rule;                        /* rule ids, "+"-joined (one of rule_ids), or NULL */
};

/* The strings of rule ids the claims of a document were made by, each
 * once, in the document's arena: a long list's 40,000 figures share a few. */
struct rule_ids {
    const char **slot; /* open addressing; NULL: empty */
    size_t cap, n;
    struct buf joined; /* scratch: a string being made */
};

/* A unit read off a table's header or caption (单位：亿元, （%）): a figure
 * of the column takes it, times the multiplier written with it. */
struct table_unit {
    const struct unit_rule *unit, *per;
    struct decimal factor;
    const char *rule; /* the rule id that found it */
};

/* What a table gives the figures of one of its cells. */
struct cell_context {
    struct table_unit unit; /* unit == NULL: none */
    int32_t first;          /* a figure that begins here takes the unit */
    const char *subject;
    const char *role, *role_rule; /* delta, from the column's header; else NULL */
    const char *time_ref;
};

struct sentence_ctx {
    struct segmenter *sg;
    const struct rule_set *rs;
    /* where t is a unit's text read alone (read_unit_text) that stands in
     * brackets after a header's name, that name: name[name_from, name_to) */
    const UChar *name;
    int32_t name_from, name_to;
    struct doc *doc;
    const UChar *t;
    int32_t start, end;
    struct spans excluded, times;
    struct spans unit_excluded;           /* exclusions for figures of some units only */
    struct pattern_scratch spans_scratch; /* for the search of rs->spans */
    struct spans changes;                 /* from the change marker to the to end */
    struct spans bases; /* times that are a comparison's base (较去年春节档), unindexed */
    bool *words;        /* word boundaries (by sentence offset), known for */
    size_t words_cap;
    int32_t words_from, words_to; /* t[words_from, words_to]; from > to: none yet */
    /* Where the clause (phrase) holding each place of the sentence begins,
     * and where its clause ends: made on first use, each sentence. */
    int32_t *clause_from, *phrase_from, *clause_to;
    size_t clauses_cap;
    bool clauses_ready;
    size_t first;            /* the sentence's first claim in doc->claims */
    struct pending *pending; /* one per claim of the sentence */
    size_t pending_cap;
    struct rule_ids rule_ids;
    const char *sentence;               /* UTF-8, made when the first claim is */
    const struct cell_context *cell;    /* reading a table's cell, else NULL */
    struct spans table_spans;           /* what of the document's tables no sentence reads */
    bool place_read;                    /* place_unit is known: */
    const struct place_rule *place;     /* the document's place, or NULL */
    const struct unit_rule *place_unit; /* the money of the document's place, or NULL */
};

/* One way of reading a numeral and what follows it. */
struct reading {
    int32_t start, end; /* the quote */
    int32_t number_end; /* end of the numeral (and of 余/多) */
    struct decimal number, upper;
    bool is_range, has_multiplier;
    struct decimal multiplier; /* the trailing 万/亿 of this reading */
    const struct unit_rule *unit;
    const struct qualifier_rule *qualifier;
    const char *connector;       /* range or list connector rule id */
    const char *vague;           /* vague numeral rule id (几十, 上万) */
    const struct unit_rule *per; /* a rate's denominator (元/吨), with its separator rule id */
    struct decimal per_quantity; /* the denominator's own quantity the number was divided by
                                  * (元/500克: 0.5, in kg), m 0 where it has none */
    const char *rate;
    const char *table; /* the unit is a table's or implied (rule id), not written here */
    const struct implied_unit_rule *implied; /* the noun rule whose unit it took, or NULL */
    const char *carry;      /* rule id of what joins it to the figure it took its unit from */
    const char *half;       /* halves rule id (三斤半) */
    const char *compound;   /* compound rule id of the last part (5元3角) */
    const char *plus_minus; /* plus-minus sign rule id (正负3%: bounds −3 to 3) */
    int int_digits;         /* the numeral is a plain integer of so many digits, else 0 */
};

/* extract.c: spans, clauses, qualifiers, connectors, the claim being made, units not written by the
 * figure, the sentence itself */

char *utf8_of(struct doc *doc, const UChar *s, int32_t n);
bool only_word_between(const struct word_list *l, const UChar *t, int32_t a, int32_t b);
void spans_push(struct spans *s, int32_t start, int32_t end);
void spans_index(struct spans *s);
size_t starting_before(const struct spans *s, int32_t at, bool or_at);
size_t ending_before(const struct spans *s, int32_t at, bool or_at);
bool spans_overlap(const struct spans *s, int32_t start, int32_t end);
void push_found(void *ctx, size_t k, int32_t a, int32_t b);
bool match_ending_at(const struct sentence_ctx *cx, struct pattern *p, int32_t start, int32_t end,
                     int32_t *at);
bool latin_letter(UChar c);
const struct qualifier_rule *qualifier_at(const struct sentence_ctx *cx, int32_t pos,
                                          enum qualifier_position where,
                                          const struct unit_rule *unit, int32_t *len);
const struct qualifier_rule *qualifier_reaching(const struct sentence_ctx *cx, int32_t pos,
                                                const struct unit_rule *unit);
const char *connector_at(const struct word_rule *rules, size_t n, const UChar *t, int32_t pos,
                         int32_t end, int32_t *len);
int32_t spaces_at(const struct sentence_ctx *cx, int32_t pos);
int32_t spaces_before(const struct sentence_ctx *cx, int32_t lo, int32_t pos);
bool is_delimiter(const struct sentence_ctx *cx, int32_t pos, bool phrase);
int32_t clause_start(struct sentence_ctx *cx, int32_t pos, bool phrase);
int32_t clause_end(struct sentence_ctx *cx, int32_t pos);
struct pending *pending_for(struct sentence_ctx *cx, size_t index);
const char *rule_ids_intern(struct sentence_ctx *cx, const char *s, size_t n);
void add_rule_id(struct sentence_ctx *cx, struct pending *p, const char *id);
bool read_unit_text(const struct sentence_ctx *cx, const UChar *s, int32_t n,
                    struct table_unit *out);
/* As read_unit_text, for a unit in brackets after a header's name,
 * name[from, to) (床日数(日)): the rules of units read only there may hold. */
bool read_unit_text_after(const struct sentence_ctx *cx, const UChar *s, int32_t n, const UChar *name,
                          int32_t from, int32_t to, struct table_unit *out);
bool cell_unit(struct sentence_ctx *cx, const struct numeral *num, struct reading *r);
bool delta_marker_before(const struct sentence_ctx *cx, const struct delta_rule *d, int32_t a,
                         int32_t b, int32_t *at);
const struct delta_rule *delta_before(struct sentence_ctx *cx, int32_t a, int32_t b, int32_t *at);
void extract_sentence(struct sentence_ctx *cx);

/* extract_roles.c: changes and deltas, periods, time references, lists */

void assign_roles(struct sentence_ctx *cx);
bool is_list_connector(const struct sentence_ctx *cx, int32_t start, int32_t end);
void spread_list_roles(struct sentence_ctx *cx);
void spread_list_qualifiers(struct sentence_ctx *cx);
void assign_periods(struct sentence_ctx *cx);
bool is_whole_word(const struct sentence_ctx *cx, const struct word_list *l, const struct span *s);
void assign_time_refs(struct sentence_ctx *cx);

/* extract_subjects.c: the subject of each claim */

bool is_blank_char(UChar c);
bool has_letter(const struct sentence_ctx *cx, int32_t a, int32_t b);
const char *phrase_from(struct sentence_ctx *cx, int32_t a, bool at_start, bool events);
void name_list(struct sentence_ctx *cx, size_t first, size_t last);
bool bare_before(struct sentence_ctx *cx, size_t index, int32_t end);
void assign_subjects(struct sentence_ctx *cx);

/* extract_tables.c: a table's cells read as sentences */

void apply_cell(struct sentence_ctx *cx);
void extract_table(struct sentence_ctx *cx, const struct doc_table *tb);
void exclude_tables(struct sentence_ctx *cx);

#endif
