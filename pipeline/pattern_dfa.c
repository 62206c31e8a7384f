/* pattern_dfa: a pattern without lookarounds or anchors, matched by a
 * deterministic automaton built once from its tree. See pattern_tree.h.
 *
 * The tree becomes a program of character tests, splits and jumps
 * (Thompson's construction), each split ordered as the backtracking
 * matcher tries its ways: an alternative before the next, a greedy
 * repetition's "once more" before "stop here", a lazy one's after. A state
 * of the automaton is the ordered list of tests the matcher could be at,
 * cut after the first way that has matched: what comes after it could only
 * give a match the backtracking matcher never reaches, while what comes
 * before it can still give a longer one that it prefers. So walking the
 * automaton from a place and keeping the last place where its state held
 * a match gives the match the backtracking matcher (and ICU) finds there.
 *
 * The characters are cut into classes that no test tells apart; a state
 * has one successor a class. States are all made up front (the rules'
 * patterns make a few hundred at most); a pattern that would make too many,
 * or take too long to make, stays with the backtracking matcher. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

#include "pattern_tree.h"
#include "xalloc.h"

enum {
    MAX_PROGRAM = 4096, /* instructions */
    MAX_CLASSES = 255,  /* a class fits a byte */
    MAX_STATES = 4096,
    MAX_WORK = 1 << 24, /* steps of closures while making the states */
};

/* ------------------------------------------------------------ the program */

enum op { OP_TEST, OP_SPLIT, OP_JUMP, OP_MATCH };

struct test {
    const struct charset *set;       /* NULL: the one character single */
    UChar32 single;
    bool negated;
};

struct inst {
    enum op op;
    int32_t x, y;                    /* TEST: x next; SPLIT: x first, y second; JUMP: x */
    int32_t test;                    /* TEST: its index in tests */
};

struct program {
    struct inst *insts;
    size_t n, cap;
    struct test *tests;
    size_t ntests, tests_cap;
    bool failed;                     /* holds what the automaton cannot take, or too long */
    bool loose;                      /* lookarounds and anchors taken as empty, and a
                                      * possessive repetition as the greedy one */
};

static int32_t emit(struct program *pg, enum op op, int32_t x, int32_t y)
{
    if (pg->n == MAX_PROGRAM) {
        pg->failed = true;
        return 0;
    }
    if (pg->n == pg->cap) {
        pg->cap = pg->cap ? 2 * pg->cap : 64;
        pg->insts = xrealloc(pg->insts, pg->cap * sizeof *pg->insts);
    }
    pg->insts[pg->n] = (struct inst){op, x, y, -1};
    return (int32_t)pg->n++;
}

static int32_t here(const struct program *pg)
{
    return (int32_t)pg->n;
}

static void emit_test(struct program *pg, struct test t)
{
    if (pg->ntests == pg->tests_cap) {
        pg->tests_cap = pg->tests_cap ? 2 * pg->tests_cap : 32;
        pg->tests = xrealloc(pg->tests, pg->tests_cap * sizeof *pg->tests);
    }
    int32_t at = emit(pg, OP_TEST, 0, -1);
    if (pg->failed)
        return;
    pg->insts[at].x = at + 1;
    pg->insts[at].test = (int32_t)pg->ntests;
    pg->tests[pg->ntests++] = t;
}

/* A split to the next instruction and to a place patched later. */
static int32_t emit_split(struct program *pg)
{
    int32_t at = emit(pg, OP_SPLIT, 0, 0);
    if (!pg->failed)
        pg->insts[at].x = at + 1;
    return at;
}

/* Point split's way out at target: greedy, the next instruction is tried
 * first and target second; lazy, target first. */
static void patch_split(struct program *pg, int32_t split, enum repeat_mode mode, int32_t target)
{
    if (pg->failed)
        return;
    struct inst *in = &pg->insts[split];
    if (mode == LAZY) {
        in->y = in->x;
        in->x = target;
    } else {
        in->y = target;
    }
}

static void compile_seq(struct program *pg, const struct seq *s);

static void compile_group(struct program *pg, const struct node *nd)
{
    /* alt 1 | alt 2 | ...: a split before each but the last, a jump after */
    int32_t *jumps = xmalloc((nd->nalts ? nd->nalts : 1) * sizeof *jumps);
    for (size_t a = 0; a < nd->nalts; a++) {
        int32_t split = -1;
        if (a + 1 < nd->nalts)
            split = emit_split(pg);
        compile_seq(pg, &nd->alts[a]);
        jumps[a] = emit(pg, OP_JUMP, 0, 0);
        if (split >= 0)
            patch_split(pg, split, GREEDY, here(pg));
        if (pg->failed)
            break;
    }
    for (size_t a = 0; a < nd->nalts && !pg->failed; a++)
        pg->insts[jumps[a]].x = here(pg);
    free(jumps);
}

static void compile_node(struct program *pg, const struct node *nd)
{
    /* a repetition the reader made possessive matches as the greedy one
     * would; one the source made possessive does not */
    enum repeat_mode mode = nd->mode == POSSESSIVE && (nd->as_greedy || pg->loose) ? GREEDY : nd->mode;
    switch (nd->kind) {
    case N_STRING:
        for (int32_t i = 0; i < nd->nunits;) {
            UChar32 c;
            U16_NEXT(nd->units, i, nd->nunits, c);
            emit_test(pg, (struct test){NULL, c, false});
        }
        return;
    case N_SET: {
        struct test t = {&nd->set, -1, nd->negated};
        if (mode == POSSESSIVE) {
            pg->failed = true;
            return;
        }
        for (int32_t i = 0; i < nd->min; i++)
            emit_test(pg, t);
        if (nd->max == UNBOUNDED) { /* L: split(test, out); test; jump L */
            int32_t loop = emit_split(pg);
            emit_test(pg, t);
            emit(pg, OP_JUMP, loop, 0);
            patch_split(pg, loop, mode, here(pg));
            return;
        }
        int32_t optional = nd->max - nd->min;
        int32_t *splits = xmalloc((optional ? optional : 1) * sizeof *splits);
        for (int32_t i = 0; i < optional; i++) {
            splits[i] = emit_split(pg);
            emit_test(pg, t);
        }
        for (int32_t i = 0; i < optional; i++)
            patch_split(pg, splits[i], mode, here(pg));
        free(splits);
        return;
    }
    case N_GROUP:
        if (nd->min == 0) {
            int32_t split = emit_split(pg);
            compile_group(pg, nd);
            patch_split(pg, split, mode, here(pg));
        } else {
            compile_group(pg, nd);
        }
        return;
    default: /* lookarounds and anchors: not here, or (loose) nothing */
        pg->failed = !pg->loose;
        return;
    }
}

static void compile_seq(struct program *pg, const struct seq *s)
{
    for (size_t i = 0; i < s->n && !pg->failed; i++)
        compile_node(pg, &s->nodes[i]);
}

static bool test_takes(const struct test *t, UChar32 c)
{
    if (!t->set)
        return c == t->single;
    return set_has(t->set, c) != t->negated;
}

/* ------------------------------------------------------------ classes */

static int cmp_chars(const void *a, const void *b)
{
    UChar32 x = *(const UChar32 *)a, y = *(const UChar32 *)b;
    return (x > y) - (x < y);
}

/* Cut the code points where some test changes its answer; intervals that
 * every test answers alike are one class. */
static bool make_classes(struct dfa *d, const struct program *pg)
{
    size_t nb = 2, cap = 2;
    for (size_t k = 0; k < pg->ntests; k++)
        cap += pg->tests[k].set ? 2 * pg->tests[k].set->n : 2;
    UChar32 *bounds = xmalloc(cap * sizeof *bounds);
    bounds[0] = 0;
    bounds[1] = 0x110000;
    for (size_t k = 0; k < pg->ntests; k++) {
        const struct test *t = &pg->tests[k];
        if (!t->set) {
            bounds[nb++] = t->single;
            bounds[nb++] = t->single + 1;
            continue;
        }
        for (size_t i = 0; i < t->set->n; i++) {
            bounds[nb++] = t->set->ranges[i][0];
            bounds[nb++] = t->set->ranges[i][1] + 1;
        }
    }
    qsort(bounds, nb, sizeof *bounds, cmp_chars);
    size_t n = 0;
    for (size_t i = 0; i < nb; i++)
        if (!n || bounds[i] != bounds[n - 1])
            bounds[n++] = bounds[i];
    /* interval i is [bounds[i], bounds[i + 1]); its answers, a bit a test */
    size_t words = (pg->ntests + 63) / 64 + 1;
    uint64_t *sigs = xcalloc((n - 1) * words, sizeof *sigs);
    uint8_t *cls = xmalloc(n - 1);
    size_t nclasses = 0;
    bool ok = true;
    for (size_t i = 0; i + 1 < n && ok; i++) {
        uint64_t *sig = &sigs[i * words];
        for (size_t k = 0; k < pg->ntests; k++)
            if (test_takes(&pg->tests[k], bounds[i]))
                sig[k / 64] |= (uint64_t)1 << (k % 64);
        size_t j = 0;
        while (j < i && memcmp(&sigs[j * words], sig, words * sizeof *sig))
            j++;
        if (j < i) {
            cls[i] = cls[j];
        } else if (nclasses == MAX_CLASSES) {
            ok = false;
        } else {
            cls[i] = (uint8_t)nclasses++;
        }
    }
    if (ok) {
        d->nclasses = nclasses;
        d->nintervals = n - 1;
        d->interval_start = bounds;
        d->interval_class = cls;
        /* and for each class, the tests that take it */
        d->class_tests = xcalloc(nclasses * words, sizeof *d->class_tests);
        d->test_words = words;
        for (size_t i = 0; i + 1 < n; i++)
            memcpy(&d->class_tests[cls[i] * words], &sigs[i * words], words * sizeof *sigs);
    } else {
        free(bounds);
        free(cls);
    }
    free(sigs);
    return ok;
}

static uint8_t class_by_search(const struct dfa *d, UChar32 c)
{
    size_t lo = 0, hi = d->nintervals;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c < d->interval_start[mid])
            hi = mid;
        else
            lo = mid;
    }
    return d->interval_class[lo];
}

/* The BMP's classes in two levels: a block of 256 characters each, blocks
 * alike stored once. */
static void make_bmp_table(struct dfa *d)
{
    d->block = xmalloc(256 * sizeof *d->block);
    uint8_t row[256], *blocks = NULL;
    size_t nblocks = 0, cap = 0, i = 0;
    for (int hi = 0; hi < 256; hi++) {
        /* the row of characters hi*256 … hi*256+255, drawn from the
         * intervals that cover it (the first starts at 0) */
        UChar32 base = (UChar32)hi << 8, end = base + 256;
        while (i + 1 < d->nintervals && d->interval_start[i + 1] <= base)
            i++;
        memset(row, 0, sizeof row);
        for (size_t j = i; j < d->nintervals && d->interval_start[j] < end; j++) {
            UChar32 from = d->interval_start[j] > base ? d->interval_start[j] : base;
            UChar32 to = j + 1 < d->nintervals ? d->interval_start[j + 1] : 0x110000;
            if (to > end)
                to = end;
            memset(row + (from - base), d->interval_class[j], (size_t)(to - from));
        }
        size_t b = 0;
        while (b < nblocks && memcmp(&blocks[b * 256], row, 256))
            b++;
        if (b == nblocks) {
            if (nblocks == cap) {
                cap = cap ? 2 * cap : 4;
                blocks = xrealloc(blocks, cap * 256);
            }
            memcpy(&blocks[nblocks++ * 256], row, 256);
        }
        d->block[hi] = (uint16_t)(b * 256);
    }
    d->blocks = xrealloc(blocks, nblocks * 256);
}

/* ------------------------------------------------------------ states */

struct list {
    int32_t *pc;                     /* tests, in order, then maybe OP_MATCH's place */
    size_t n;
};

struct builder {
    const struct program *pg;
    struct list *states;             /* state s's list; 0 is the dead state */
    size_t nstates, cap;
    int32_t *slot;                   /* hash table of states: index + 1, 0 empty */
    size_t nslots;
    uint32_t *mark;                  /* instruction visited in this closure (stamp) */
    uint32_t stamp;
    int32_t *stack, *out;
    long work;                       /* steps taken, against MAX_WORK */
};

static uint64_t list_hash(const int32_t *pc, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)pc[i]) * 1099511628211u;
    return h;
}

/* Add to out what pc leads to, in order, without consuming: the tests and
 * the match, each once (its first way there wins). False once a match is
 * in: nothing after it counts. */
static bool closure(struct builder *b, int32_t pc, size_t *n)
{
    size_t top = 0;
    b->stack[top++] = pc;
    while (top) {
        int32_t at = b->stack[--top];
        b->work++;
        if (b->mark[at] == b->stamp)
            continue;
        b->mark[at] = b->stamp;
        const struct inst *in = &b->pg->insts[at];
        switch (in->op) {
        case OP_TEST:
            b->out[(*n)++] = at;
            break;
        case OP_MATCH:
            b->out[(*n)++] = at;
            return false;
        case OP_JUMP:
            b->stack[top++] = in->x;
            break;
        case OP_SPLIT: /* x first: pushed last */
            b->stack[top++] = in->y;
            b->stack[top++] = in->x;
            break;
        }
    }
    return true;
}

/* Twice the slots, the states hashed in again: the table starts small and
 * stays at most half full (a pattern of few states needs no table for the
 * most a pattern may have). */
static void grow_slots(struct builder *b)
{
    free(b->slot);
    b->nslots *= 2;
    b->slot = xcalloc(b->nslots, sizeof *b->slot);
    for (size_t k = 1; k < b->nstates; k++) { /* 0: the dead state, in no slot */
        size_t i = list_hash(b->states[k].pc, b->states[k].n) & (b->nslots - 1);
        while (b->slot[i])
            i = (i + 1) & (b->nslots - 1);
        b->slot[i] = (int32_t)k + 1;
    }
}

/* The state of the list in b->out[0, n): found or made; -1 when too many. */
static int32_t state_of(struct builder *b, size_t n)
{
    if (!n)
        return 0;
    if (2 * (b->nstates + 1) > b->nslots)
        grow_slots(b);
    uint64_t h = list_hash(b->out, n);
    size_t i = h & (b->nslots - 1);
    for (; b->slot[i]; i = (i + 1) & (b->nslots - 1)) {
        const struct list *l = &b->states[b->slot[i] - 1];
        if (l->n == n && !memcmp(l->pc, b->out, n * sizeof *b->out))
            return b->slot[i] - 1;
    }
    if (b->nstates == MAX_STATES)
        return -1;
    if (b->nstates == b->cap) {
        b->cap *= 2;
        b->states = xrealloc(b->states, b->cap * sizeof *b->states);
    }
    struct list *l = &b->states[b->nstates];
    l->pc = xmalloc(n * sizeof *l->pc);
    memcpy(l->pc, b->out, n * sizeof *l->pc);
    l->n = n;
    b->slot[i] = (int32_t)++b->nstates;
    return (int32_t)b->nstates - 1;
}

static bool make_states(struct dfa *d, const struct program *pg)
{
    struct builder b = {.pg = pg, .cap = 64, .nslots = 128};
    b.states = xcalloc(b.cap, sizeof *b.states);
    b.slot = xcalloc(b.nslots, sizeof *b.slot);
    b.mark = xcalloc(pg->n, sizeof *b.mark);
    b.stack = xmalloc((2 * pg->n + 2) * sizeof *b.stack);
    b.out = xmalloc(pg->n * sizeof *b.out);
    b.nstates = 1; /* the dead state, of no list */
    size_t n = 0;
    b.stamp++;
    closure(&b, 0, &n);
    int32_t start = state_of(&b, n);
    bool ok = start > 0;
    size_t ncls = d->nclasses;
    int32_t *next = NULL;
    size_t next_cap = 0;             /* states the table has room for: doubled as they come */
    for (size_t s = 1; ok && s < b.nstates; s++) {
        if (next_cap < b.nstates) {
            next_cap = 2 * b.nstates;
            next = xrealloc(next, next_cap * ncls * sizeof *next);
        }
        for (size_t c = 0; c < ncls && ok; c++) {
            const uint64_t *takes = &d->class_tests[c * d->test_words];
            n = 0;
            b.stamp++;
            const struct list *l = &b.states[s];
            for (size_t i = 0; i < l->n; i++) {
                const struct inst *in = &pg->insts[l->pc[i]];
                if (in->op == OP_MATCH)
                    break;
                if ((takes[in->test / 64] >> (in->test % 64) & 1) && !closure(&b, in->x, &n))
                    break;
            }
            int32_t to = state_of(&b, n);
            ok = to >= 0 && b.work < MAX_WORK;
            next[s * ncls + c] = to;
        }
    }
    if (ok) {
        d->nstates = b.nstates;
        d->start = (uint16_t)start;
        d->next = xmalloc(b.nstates * ncls * sizeof *d->next);
        d->accepts = xcalloc(b.nstates, sizeof *d->accepts);
        for (size_t c = 0; c < ncls; c++)
            d->next[c] = 0; /* the dead state stays dead */
        for (size_t s = 1; s < b.nstates; s++) {
            for (size_t c = 0; c < ncls; c++)
                d->next[s * ncls + c] = (uint16_t)next[s * ncls + c];
            const struct list *l = &b.states[s];
            d->accepts[s] = pg->insts[l->pc[l->n - 1]].op == OP_MATCH;
        }
    }
    free(next);
    for (size_t s = 1; s < b.nstates; s++)
        free(b.states[s].pc);
    free(b.states);
    free(b.slot);
    free(b.mark);
    free(b.stack);
    free(b.out);
    return ok;
}

/* ------------------------------------------------------------ the whole */

struct dfa *dfa_build(const struct node *root, bool loose)
{
    struct program pg = {.loose = loose};
    compile_node(&pg, root);
    emit(&pg, OP_MATCH, 0, 0);
    struct dfa *d = NULL;
    if (!pg.failed) {
        d = xcalloc(1, sizeof *d);
        if (!make_classes(d, &pg) || !make_states(d, &pg)) {
            dfa_free(d);
            d = NULL;
        } else {
            make_bmp_table(d);
            free(d->class_tests); /* needed to make the states only */
            d->class_tests = NULL;
        }
    }
    free(pg.insts);
    free(pg.tests);
    return d;
}

void dfa_free(struct dfa *d)
{
    if (!d)
        return;
    free(d->interval_start);
    free(d->interval_class);
    free(d->class_tests);
    free(d->block);
    free(d->blocks);
    free(d->next);
    free(d->accepts);
    free(d);
}

uint8_t dfa_class_of_supplementary(const struct dfa *d, UChar32 c)
{
    return class_by_search(d, c);
}
