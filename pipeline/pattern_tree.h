/* pattern_tree: what pattern_read.c makes of a pattern's source and
 * pattern.c matches with — inside the pattern module only.
 *
 * A pattern is read into a tree: a node is a class of one character, a
 * literal string, a group of alternatives, a lookaround or an anchor, each
 * with its quantifier. Each alternative and group keeps what its match can
 * begin with (and a character it must hold, and how far in), so that the
 * matcher tries only what can match where it stands. */
#ifndef PIPELINE_PATTERN_TREE_H
#define PIPELINE_PATTERN_TREE_H

#include <stdbool.h>
#include <stdint.h>

#include <unicode/utf16.h>

#include "pattern.h"

enum { UNBOUNDED = -1 };

/* Only patterns made of these alone are matched by pattern.c (native);
 * the others by ICU. */
enum node_kind { N_SET, N_STRING, N_GROUP, N_LOOK, N_CARET, N_DOLLAR };
enum repeat_mode { GREEDY, LAZY, POSSESSIVE };

struct seq {
    struct node *nodes;
    size_t n, cap;
    struct charset first;            /* what its match begins with: alternatives that cannot
                                      * begin where the matcher stands are not tried */
    struct charset required;         /* and one of these within reach units, where reach >= 0 */
    int32_t reach;
};

struct node {
    enum node_kind kind;
    int32_t min, max;                /* max: UNBOUNDED for * + {m,} */
    enum repeat_mode mode;
    bool as_greedy;                  /* POSSESSIVE by the reader, where the greedy one
                                      * matches the same (see possess_repetitions) */
    struct charset set;              /* N_SET */
    bool negated;
    UChar *units;                    /* N_STRING: literal characters, once each */
    int32_t nunits;
    struct seq *alts;                /* N_GROUP, N_LOOK: its alternatives */
    size_t nalts, alts_cap;
    struct charset first, last;      /* N_GROUP, N_LOOK: what a match of one begins, ends with */
    /* N_GROUP of many alternatives, each with a short first set: for each
     * character that can begin one (sorted), the alternatives it can begin */
    UChar32 *dispatch_char;
    uint64_t *dispatch_alts;
    size_t ndispatch;
    bool behind, negative;           /* N_LOOK */
    int32_t look_length;             /* N_LOOK behind: its longest match, in units */
};

/* Is c in s? (charset_has, inline.) */
static inline bool set_has(const struct charset *s, UChar32 c)
{
    if (s->any)
        return true;
    if (!(s->filter[(c & 4095) >> 6] >> (c & 63) & 1))
        return false;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < s->ranges[mid][0])
            hi = mid;
        else if (c > s->ranges[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* Read source into p: its tree (p->root, p->whole), its sets, reach and
 * longest match, and whether the matcher takes it (p->native). Never
 * fails: what the reader does not follow makes the sets "any" and leaves
 * the pattern to ICU. */
void pattern_read(struct pattern *p, const UChar *source, int32_t n);
/* Free what pattern_read made. */
void pattern_unread(struct pattern *p);
/* The alternatives of a dispatching group (nd->ndispatch > 0) that c can
 * begin, one bit each. */
uint64_t pattern_dispatch(const struct node *nd, UChar32 c);

/* ------------------------------------------------------------ the automaton
 *
 * A pattern of classes, literals, groups and quantifiers only (no
 * lookaround, no anchor, no possessive repetition of its source's making)
 * is also made a deterministic automaton, which gives the match at a place
 * in one step a character (pattern_dfa.c). */

struct dfa {
    size_t nclasses, nstates;
    uint16_t start;
    uint16_t *next;                  /* [state * nclasses + class]; state 0 is dead */
    bool *accepts;                   /* a match ends here */
    uint16_t *block;                 /* BMP: the offset in blocks of c's block of 256 */
    uint8_t *blocks;
    UChar32 *interval_start;         /* all code points, cut where a class changes */
    uint8_t *interval_class;
    size_t nintervals;
    uint64_t *class_tests;           /* building only: which tests take each class */
    size_t test_words;
};

/* The automaton of root, or NULL where the tree holds what it cannot take
 * or it would be too large. Loose: of root with its lookarounds and anchors
 * taken as empty and possessive repetitions as greedy ones, which matches
 * wherever root does (and maybe elsewhere): where it finds no match at a
 * place, root finds none either. */
struct dfa *dfa_build(const struct node *root, bool loose);
void dfa_free(struct dfa *d);
uint8_t dfa_class_of_supplementary(const struct dfa *d, UChar32 c);

/* Memo entries: a search's epoch (1 to MEMO_EPOCHS) above a state. */
enum { MEMO_STATE_BITS = 16, MEMO_EPOCHS = (1 << 16) - 1 };

/* The end of the match at pos within t[pos, end), or -1, as the
 * backtracking matcher finds it. With memo (end - memo_base + 1 entries,
 * none of them of epoch at first): the states this search has been in, a
 * place each; a walk that comes to a place in the state an earlier one was
 * in there stops, as the rest would be the same. Valid for tries in
 * increasing order that each start at or after the end of the last
 * match. */
static inline int32_t dfa_match(const struct dfa *d, const UChar *t, int32_t pos, int32_t end,
                                uint32_t *memo, int32_t memo_base, uint32_t epoch)
{
    uint32_t stamp = epoch << MEMO_STATE_BITS;
    uint32_t s = d->start;
    int32_t last = d->accepts[s] ? pos : -1;
    while (pos < end) {
        UChar32 c = t[pos++];
        uint8_t cls;
        if (c < 0xD800 || c > 0xDBFF || pos == end || !U16_IS_TRAIL(t[pos])) {
            cls = d->blocks[d->block[c >> 8] + (c & 0xFF)];
        } else {
            c = U16_GET_SUPPLEMENTARY(c, t[pos]);
            pos++;
            cls = dfa_class_of_supplementary(d, c);
        }
        s = d->next[s * d->nclasses + cls];
        if (!s)
            break;
        if (d->accepts[s])
            last = pos;
        if (memo) {
            if (memo[pos - memo_base] == (stamp | s))
                break;
            memo[pos - memo_base] = stamp | s;
        }
    }
    return last;
}

#endif
