/* pattern: a rule's regular expression, and the characters its matches can
 * begin and end with.
 *
 * ICU tries a pattern at every position of the text it searches, and for
 * most positions the first character already rules it out. So once, when a
 * pattern is compiled, its source is read for the set of characters a match
 * can begin with, the set it can end with, a set of which every match holds
 * one, and how long a match can be; a search then asks ICU only where a
 * match could begin and a required character follows near enough. And a
 * pattern made only of what the reader follows is matched by a small
 * backtracking matcher of its own, which does without ICU's set-up for
 * each try, and, where it has no lookaround or anchor, by an automaton
 * made from it once, one step a character; ICU matches the rest. The sets are conservative: where the source holds
 * what this reading does not follow (a class such as \p{Han}, a negated class,
 * a flag), or a match can be empty, the set is "any" and the pattern is tried
 * everywhere, as ICU alone would. Every function here gives what the plain
 * ICU call named beside it gives; tests/test_patterns.c checks that on every
 * pattern of the rules over the fixtures.
 *
 * A pattern is not safe to share between threads (its ICU matcher has
 * state): another thread searches with a clone of its own (pattern_clone),
 * which shares all that is read-only. */
#ifndef PIPELINE_PATTERN_H
#define PIPELINE_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>

/* A set of code points: ranges, with a bit filter that turns most
 * characters away without a search. */
struct charset {
    bool any;
    const uint64_t *filter;          /* 64 words, bit c % 4096: the pattern's (pattern.filters),
                                      * one for all its sets of the same bits */
    UChar32 (*ranges)[2];            /* sorted, disjoint, inclusive */
    size_t n;
};

bool charset_has(const struct charset *s, UChar32 c);

struct pattern {
    URegularExpression *re;
    struct charset first, last;      /* what a non-empty match begins and ends with */
    struct charset required;         /* every match holds one of these, */
    int32_t reach;                   /* ending within this many units of its start (-1: no bound) */
    int32_t max_length;              /* the longest match in UTF-16 units; -1: no bound */
    bool end_anchored;               /* every match ends at $ */
    bool native;                     /* matched here, not by ICU (see pattern.c) */
    struct node *root;               /* the pattern as a tree: a group of its alternatives */
    struct seq *whole;               /* the root alone, where the matcher starts */
    struct dfa *dfa;                 /* native, as an automaton; NULL if it cannot be one */
    struct dfa *filter;              /* where dfa is NULL: the loose automaton (pattern_tree.h),
                                      * which turns away most places before the matcher tries
                                      * them; NULL if none */
    const struct pattern *clone_of;  /* NULL, or the pattern whose compiled form this one
                                      * shares (pattern_clone) */
    uint64_t **filters;              /* the distinct filters of its sets' (64 words each) */
    size_t nfilters;
};

/* Compile source (n UTF-16 units). On a syntax error returns NULL with
 * status and pe set as uregex_open sets them. */
struct pattern *pattern_open(const UChar *source, int32_t n, UParseError *pe, UErrorCode *status);
void pattern_close(struct pattern *p);

/* p for another thread: its own ICU matcher, all the rest (the tree, the
 * sets, the automata) p's. p must outlive it; pattern_close frees only
 * what is its own. NULL if ICU cannot clone it (out of memory). */
struct pattern *pattern_clone(const struct pattern *p);

/* Regions [start, end) below begin and end between characters, never
 * inside a surrogate pair. */

/* The text the searches below look in (uregex_setText). */
void pattern_set_text(struct pattern *p, const UChar *t, int32_t len);

/* The first match within t[start, end) of the text set, its start in *at
 * (uregex_setRegion + uregex_findNext). */
bool pattern_find(struct pattern *p, const UChar *t, int32_t start, int32_t end, int32_t *at);
/* A match at the start of t[start, end) (uregex_lookingAt on that region). */
bool pattern_looking_at(struct pattern *p, const UChar *t, int32_t start, int32_t end);
/* The end of a match at t[at] as a part of the text t[start, end): its
 * lookbehind and lookahead see all of it, and ^ and $ match only at its
 * ends; -1 if none (uregex_lookingAt on the region [at, end) of the text
 * t[start, end) with transparent and no anchoring bounds, and uregex_end).
 * The text set is not used. */
int32_t pattern_match_end(struct pattern *p, const UChar *t, int32_t start, int32_t end, int32_t at);
/* A match of all of t[start, end) (uregex_matches on that region). */
bool pattern_matches(struct pattern *p, const UChar *t, int32_t start, int32_t end);

/* Every non-empty match in t[start, end), as successive uregex_findNext
 * calls with that region give them; found gets each one's bounds in t
 * (whose start is index 0). This may set the pattern's text itself, so a
 * pattern_set_text is needed again before the calls above. */
void pattern_find_all(struct pattern *p, const UChar *t, int32_t start, int32_t end,
                      void (*found)(void *arg, int32_t a, int32_t b), void *arg);

/* Several patterns searched in one pass over the text: for each pattern,
 * the places where a match can begin and those of its required characters
 * are gathered at once, by a table of the BMP. Patterns whose sets are the
 * same share their places: the places are gathered for each set (bit j:
 * set j), not each pattern. A group is read-only once made; a search keeps
 * its lists in a scratch of its own. At most 64 patterns. */
struct pattern_group {
    struct pattern **patterns;
    size_t n;
    const struct charset **sets;     /* the distinct first and required sets of the patterns */
    size_t nsets;
    uint8_t *first_set, *required_set; /* pattern k's sets (required: where known) */
    uint16_t *class_of;              /* 65536 entries: c's class, 0 for the characters no
                                      * set holds */
    uint64_t (*class_sets)[2];       /* a class's sets: bit j % 64 of word j / 64, set j
                                      * holds the class's characters */
    size_t nclasses;
    uint64_t *marked;                /* 65536 bits: c's class is not 0 (a table that stays
                                      * in the cache, where most characters end) */
    bool borrowed;                   /* the tables are another group's (pattern_group_share) */
};

/* The places of one set in a search of [start, end): bit i of bits,
 * place start + i (a bit a place, not a list of them: a sentence of many
 * figures has a place for nearly every digit, in every pattern). */
struct pattern_places {
    uint64_t *bits;
    size_t words, cap;               /* words in use (the search's), words allocated */
    size_t n;                        /* places set */
};

struct pattern_scratch {
    struct pattern_places *places;   /* one a set of the group */
    size_t n;
    uint32_t *memo;                  /* a pattern's automaton: its state at each place, */
    size_t memo_cap;
    uint32_t memo_epoch;             /* with the search's epoch above it */
};

void pattern_group_init(struct pattern_group *g, struct pattern *const *patterns, size_t n);
/* g as from, but of patterns (from's, or their clones, in from's order):
 * from's tables serve both; from must outlive g. */
void pattern_group_share(struct pattern_group *g, const struct pattern_group *from,
                         struct pattern *const *patterns);
void pattern_group_free(struct pattern_group *g);
void pattern_scratch_free(struct pattern_scratch *s);
/* What pattern_find_all gives for each pattern in turn, found told the
 * pattern's index k with each match. */
void pattern_group_find_all(const struct pattern_group *g, struct pattern_scratch *s, const UChar *t,
                            int32_t start, int32_t end,
                            void (*found)(void *arg, size_t k, int32_t a, int32_t b), void *arg);

#endif
