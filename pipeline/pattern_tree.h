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
    struct charset set;              /* N_SET */
    bool negated;
    UChar *units;                    /* N_STRING: literal characters, once each */
    int32_t nunits;
    struct seq *alts;                /* N_GROUP, N_LOOK: its alternatives */
    size_t nalts;
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

#endif
