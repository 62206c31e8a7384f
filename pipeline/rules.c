/* rules: loading and validating the rule files.
 *
 * Validation is driven by a table of sections and their fields (below), so
 * that every section is checked the same way: unknown keys, missing keys,
 * wrong types, bad patterns and duplicate ids all stop the load with the
 * file, line and column. cJSON keeps no positions; json_position() finds
 * them by walking the source text in step with the parsed tree. */
#include "rules.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/ustring.h>

#include "cldr.h"
#include "srcmap.h"
#include "when.h"
#include "xalloc.h"

/* ------------------------------------------------------------ word lists */

/* Is u[0, n) at s? */
static inline bool same_units(const UChar *s, const UChar *u, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (s[i] != u[i])
            return false;
    return true;
}

/* Where unit c's slot is in ix, or the empty slot where it would go. */
static inline uint32_t index_place(const struct word_index *ix, UChar c)
{
    uint32_t h = (c * 40503u) >> 4 & ix->mask;
    while (ix->slots[h].to && ix->slots[h].unit != c)
        h = (h + 1) & ix->mask;
    return h;
}

/* The slot of unit c in ix: the range of its words in ix->order, or an
 * empty one. */
static inline const struct word_slot *index_slot(const struct word_index *ix, UChar c)
{
    return &ix->slots[index_place(ix, c)];
}

int32_t word_list_find(const struct word_list *l, const UChar *s, int32_t pos, int32_t len)
{
    if (l->by_first.slots) {
        const struct word_slot *slot = index_slot(&l->by_first, s[pos]);
        for (uint16_t j = slot->from; j < slot->to; j++) {
            size_t i = l->by_first.order[j];
            int32_t n = l->lens[i];
            if (n <= len - pos && same_units(s + pos, l->words[i], n))
                return n;
        }
        return 0;
    }
    for (size_t i = 0; i < l->n; i++) {
        int32_t n = l->lens[i];
        if (n <= len - pos && l->words[i][0] == s[pos] && same_units(s + pos, l->words[i], n))
            return n;
    }
    return 0;
}

int32_t word_list_find_before(const struct word_list *l, const UChar *s, int32_t start, int32_t end)
{
    if (l->by_last.slots) {
        const struct word_slot *slot = index_slot(&l->by_last, s[end - 1]);
        for (uint16_t j = slot->from; j < slot->to; j++) {
            size_t i = l->by_last.order[j];
            int32_t n = l->lens[i];
            if (n <= end - start && same_units(s + end - n, l->words[i], n))
                return n;
        }
        return 0;
    }
    for (size_t i = 0; i < l->n; i++) {
        int32_t n = l->lens[i];
        if (n <= end - start && l->words[i][n - 1] == s[end - 1] && same_units(s + end - n, l->words[i], n))
            return n;
    }
    return 0;
}

/* ------------------------------------------------------------ storage */

struct loaded_file {
    char *path;
    char *text;
    cJSON *root;
};

struct rules_private {
    struct arena arena;
    struct loaded_file *files;
    size_t nfiles;
    struct pattern **patterns;
    size_t npatterns;
    const struct rule_set *base;     /* rules_share: the set this one shares all but the
                                      * patterns' state with (NULL: loaded) */
    bool *mapped;                    /* rules_share: base's pattern i was given its clone */
    int singles[40];                 /* rules seen of each section that holds one (by index) */
};

struct section_spec;

/* The state of loading one file. */
struct loader {
    struct rule_set *rs;
    const struct loaded_file *file;
    struct pl_error *err;
};

/* ------------------------------------------------------------ positions */

struct walker {
    const char *s;
    size_t i;
    const cJSON *target;
    bool want_key;
    size_t found;
    bool done;
};

/* White space as cJSON reads it: every byte from 1 to 32. */
static void walk_ws(struct walker *w)
{
    while (w->s[w->i] && (unsigned char)w->s[w->i] <= 32)
        w->i++;
}

static void walk_string(struct walker *w)
{
    w->i++; /* opening quote */
    while (w->s[w->i] && w->s[w->i] != '"') {
        if (w->s[w->i] == '\\' && w->s[w->i + 1])
            w->i++;
        w->i++;
    }
    if (w->s[w->i])
        w->i++;
}

static void walk_value(struct walker *w, const cJSON *node)
{
    walk_ws(w);
    if (node == w->target && !w->want_key) {
        w->found = w->i;
        w->done = true;
        return;
    }
    char c = w->s[w->i];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        w->i++;
        const cJSON *child = node ? node->child : NULL;
        for (;;) {
            walk_ws(w);
            size_t at = w->i;
            if (!w->s[w->i] || w->s[w->i] == close)
                break;
            if (c == '{') {
                size_t key_at = w->i;
                walk_string(w);
                walk_ws(w);
                if (w->s[w->i] == ':')
                    w->i++;
                if (child == w->target && w->want_key) {
                    w->found = key_at;
                    w->done = true;
                    return;
                }
            }
            walk_value(w, child);
            if (w->done)
                return;
            child = child ? child->next : NULL;
            walk_ws(w);
            if (w->s[w->i] == ',')
                w->i++;
            if (w->i == at)
                break; /* text that is not JSON: stop rather than loop */
        }
        if (w->s[w->i])
            w->i++;
    } else if (c == '"') {
        walk_string(w);
    } else {
        while (w->s[w->i] && (unsigned char)w->s[w->i] > 32 && !strchr(",]}", w->s[w->i]))
            w->i++;
    }
}

/* The byte offset in text of node (of its key, if want_key and node is an
 * object member); 0 if not found. */
static size_t json_position(const char *text, const cJSON *root, const cJSON *node, bool want_key)
{
    struct walker w = {.s = text, .target = node, .want_key = want_key};
    walk_value(&w, root);
    return w.done ? w.found : 0;
}

int rules_example_line(const struct rule_example *e)
{
    size_t at = json_position(e->file_text, e->root, e->node, false);
    int line = 1;
    for (size_t i = 0; i < at; i++)
        line += e->file_text[i] == '\n';
    return line;
}

static void fail_at_offset(struct loader *ld, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at_offset(struct loader *ld, size_t at, const char *fmt, ...)
{
    if (ld->err->set)
        return;
    char text[sizeof ld->err->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    const char *src = ld->file->text;
    struct srcmap map;
    int line, column;
    srcmap_init(&map, (const unsigned char *)src, strlen(src));
    srcmap_locate(&map, at, &line, &column);
    size_t ls = map.line_starts[line - 1], le = ls;
    while (src[le] && src[le] != '\n' && src[le] != '\r')
        le++;
    srcmap_free(&map);
    pl_error_set(ld->err, ld->file->path, line, column, "%s", text);
    snprintf(ld->err->source, sizeof ld->err->source, "%.*s", (int)(le - ls), src + ls);
}

/* Fail, pointing at node (its key when it is an object member). */
#define FAIL_AT(ld, node, ...)                                                          \
    fail_at_offset((ld), json_position((ld)->file->text, (ld)->file->root, (node),      \
                                       (node)->string != NULL),                          \
                   __VA_ARGS__)

/* ------------------------------------------------------------ field readers */

static const char *get_string(struct loader *ld, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return NULL;
    return arena_strdup(&ld->rs->priv->arena, v->valuestring);
}

static UChar *to_utf16(struct arena *a, const char *s, int32_t *len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(NULL, 0, &n, s, -1, &status);
    status = U_ZERO_ERROR;
    UChar *u = arena_alloc(a, ((size_t)n + 1) * sizeof *u);
    u_strFromUTF8(u, n + 1, &n, s, -1, &status);
    *len = n;
    return u;
}

/* Add u[0, n) to l, longest first (the first match is the longest); a
 * word already there is not added again. */
static void add_word(struct arena *a, struct word_list *l, size_t *cap, UChar *u, int32_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->lens[i] == n && !memcmp(l->words[i], u, (size_t)n * sizeof *u))
            return;
    if (l->n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        UChar **words = arena_alloc(a, c * sizeof *words);
        int32_t *lens = arena_alloc(a, c * sizeof *lens);
        if (l->n) {
            memcpy(words, l->words, l->n * sizeof *words);
            memcpy(lens, l->lens, l->n * sizeof *lens);
        }
        l->words = words;
        l->lens = lens;
        *cap = c;
    }
    size_t j = l->n++;
    while (j > 0 && l->lens[j - 1] < n) {
        l->words[j] = l->words[j - 1];
        l->lens[j] = l->lens[j - 1];
        j--;
    }
    l->words[j] = u;
    l->lens[j] = n;
    l->by_first.slots = l->by_last.slots = NULL; /* indexed again once complete */
    l->firsts[(u[0] & 1023) >> 6] |= (uint64_t)1 << (u[0] & 63);
    l->lasts[(u[n - 1] & 1023) >> 6] |= (uint64_t)1 << (u[n - 1] & 63);
}

/* Index the words of l by their first unit (last: by their last), in
 * the list's order within each unit, so that the first word found is the
 * one the list's order gives. */
static void index_words(struct arena *a, const struct word_list *l, struct word_index *ix, bool last)
{
    *ix = (struct word_index){0};
    if (!l->n || l->n > UINT16_MAX)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (l->lens[i] < 1)
            return;
    uint32_t size = 4;
    while (size < 2 * l->n)
        size *= 2;
    struct word_index w = {.mask = size - 1};
    w.slots = arena_alloc(a, size * sizeof *w.slots);
    memset(w.slots, 0, size * sizeof *w.slots);
    w.order = arena_alloc(a, l->n * sizeof *w.order);
    uint16_t *fill = xcalloc(size, sizeof *fill);
    /* each unit's count, then its range, then its words in the list's order */
    for (size_t i = 0; i < l->n; i++) {
        UChar c = last ? l->words[i][l->lens[i] - 1] : l->words[i][0];
        uint32_t h = index_place(&w, c);
        w.slots[h].unit = c;
        w.slots[h].to++;
    }
    uint16_t at = 0;
    for (uint32_t h = 0; h < size; h++) {
        if (!w.slots[h].to)
            continue;
        fill[h] = w.slots[h].from = at;
        at = (uint16_t)(at + w.slots[h].to);
        w.slots[h].to = at;
    }
    for (size_t i = 0; i < l->n; i++) {
        UChar c = last ? l->words[i][l->lens[i] - 1] : l->words[i][0];
        w.order[fill[index_place(&w, c)]++] = (uint16_t)i;
    }
    free(fill);
    *ix = w;
}

/* Make l's indices, once its words are all there. */
static void word_list_index(struct arena *a, struct word_list *l)
{
    index_words(a, l, &l->by_first, false);
    index_words(a, l, &l->by_last, true);
}

/* A word list and its capacity while words are being added. */
struct words_building {
    struct arena *arena;
    struct word_list *list;
    size_t cap;
};

static void add_utf16_word(void *ctx, const UChar *w, int32_t n)
{
    struct words_building *b = ctx;
    UChar *u = arena_alloc(b->arena, ((size_t)n + 1) * sizeof *u);
    memcpy(u, w, (size_t)n * sizeof *u);
    u[n] = 0;
    add_word(b->arena, b->list, &b->cap, u, n);
}

/* The words of a string array, longest first. */
static struct word_list get_words(struct loader *ld, const cJSON *obj, const char *key)
{
    struct word_list l = {0};
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return l;
    struct arena *a = &ld->rs->priv->arena;
    size_t cap = 0;
    const cJSON *w;
    cJSON_ArrayForEach(w, v) {
        int32_t n;
        UChar *u = to_utf16(a, w->valuestring, &n);
        add_word(a, &l, &cap, u, n);
    }
    word_list_index(a, &l);
    return l;
}

/* A name of at most 7 bytes as one number (its bytes and its length), to
 * compare names without strcmp; NAME_LONG for a longer one. */
enum { NAME_KEY_BYTES = 7 };
#define NAME_LONG UINT64_MAX

static uint64_t name_key(const char *name)
{
    uint64_t k = 0;
    size_t i = 0;
    for (; name[i]; i++) {
        if (i == NAME_KEY_BYTES)
            return NAME_LONG;
        k |= (uint64_t)(unsigned char)name[i] << (8 * (i + 1));
    }
    return k | i;
}

static struct name_list get_names(struct loader *ld, const cJSON *obj, const char *key)
{
    struct name_list l = {0};
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key), *w;
    if (!v)
        return l;
    size_t n = (size_t)cJSON_GetArraySize(v);
    l.names = arena_alloc(&ld->rs->priv->arena, n * sizeof *l.names);
    l.keys = arena_alloc(&ld->rs->priv->arena, n * sizeof *l.keys);
    cJSON_ArrayForEach(w, v) {
        l.names[l.n] = arena_strdup(&ld->rs->priv->arena, w->valuestring);
        l.keys[l.n] = name_key(l.names[l.n]);
        l.n++;
    }
    return l;
}

bool name_list_has(const struct name_list *l, const char *name)
{
    uint64_t k = name_key(name);
    if (k == NAME_LONG) {
        for (size_t i = 0; i < l->n; i++)
            if (!strcmp(l->names[i], name))
                return true;
        return false;
    }
    for (size_t i = 0; i < l->n; i++)
        if (l->keys[i] == k)
            return true;
    return false;
}

static struct pattern *get_pattern(struct loader *ld, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return NULL;
    int32_t n;
    UChar *u = to_utf16(&ld->rs->priv->arena, v->valuestring, &n);
    UParseError pe;
    UErrorCode status = U_ZERO_ERROR;
    struct pattern *re = pattern_open(u, n, &pe, &status);
    if (U_FAILURE(status)) {
        size_t at = json_position(ld->file->text, ld->file->root, v, false);
        fail_at_offset(ld, at, "bad pattern for \"%s\": %s at offset %d of the pattern", key,
                       u_errorName(status), pe.offset);
        return NULL;
    }
    struct rules_private *p = ld->rs->priv;
    p->patterns = xrealloc(p->patterns, (p->npatterns + 1) * sizeof *p->patterns);
    p->patterns[p->npatterns++] = re;
    return re;
}

/* ------------------------------------------------------------ the schema */

enum field_type { F_STRING, F_WORDS, F_NUMBER, F_INT, F_BOOL, F_PATTERN, F_EXAMPLES, F_PAIR };

struct field_spec {
    const char *name;
    enum field_type type;
    bool required;
    const char *const *choices; /* F_STRING: allowed values, NULL-terminated */
};

static const char *const KINDS[] = {"count", "money", "percent", "pp", "ratio", "measure", NULL};
static const char *const UNIT_POSITIONS[] = {"suffix", "prefix", "per", NULL};
static const char *const QUALIFIERS[] = {"approx", "over", "under", NULL};
static const char *const QUAL_POSITIONS[] = {"before", "after_number", "after_unit", "inside_unit", NULL};
static const char *const VAGUE_POSITIONS[] = {"digit", "between", NULL};
static const char *const PERIODS[] = {"day", "week", "month", "quarter", "semester", "year", NULL};

#define ID {"id", F_STRING, true, NULL}
#define EXAMPLES {"examples", F_EXAMPLES, true, NULL}
#define END {NULL, 0, false, NULL}

static const struct field_spec UNIT_FIELDS[] = {
    ID, {"words", F_WORDS, false, NULL}, {"cldr", F_WORDS, false, NULL},
    {"currency", F_STRING, false, NULL}, {"unit", F_STRING, true, NULL},
    {"kind", F_STRING, true, KINDS}, {"factor", F_NUMBER, false, NULL},
    {"position", F_STRING, false, UNIT_POSITIONS}, {"subject_after", F_BOOL, false, NULL},
    {"subject_words", F_WORDS, false, NULL}, {"subject_event", F_BOOL, false, NULL},
    {"not_followed_by", F_WORDS, false, NULL}, {"before_number", F_WORDS, false, NULL},
    {"power_of", F_INT, false, NULL}, {"per", F_BOOL, false, NULL}, {"gap_words", F_WORDS, false, NULL},
    {"local", F_BOOL, false, NULL}, {"digits_only", F_BOOL, false, NULL},
    {"after_currency", F_BOOL, false, NULL}, {"han_multiplied", F_BOOL, false, NULL},
    {"tally", F_BOOL, false, NULL},
    {"near_words", F_WORDS, false, NULL}, {"near_or_spoken", F_BOOL, false, NULL},
    {"counted_words", F_WORDS, false, NULL},
    {"phrase_end", F_BOOL, false, NULL}, {"int_digits", F_INT, false, NULL},
    {"min_int_digits", F_INT, false, NULL}, {"word_class", F_STRING, false, NULL},
    {"unit_text_after", F_WORDS, false, NULL}, {"quantity_in", F_STRING, false, NULL},
    {"quantity_factor", F_NUMBER, false, NULL},
    {"list_short", F_WORDS, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec PLACE_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"own_words", F_WORDS, false, NULL},
    {"currency", F_STRING, true, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec QUALIFIER_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"qualifier", F_STRING, true, QUALIFIERS},
    {"position", F_STRING, true, QUAL_POSITIONS}, {"not_preceded_by", F_WORDS, false, NULL},
    {"not_followed_by", F_WORDS, false, NULL},
    {"unit_kind", F_STRING, false, KINDS}, {"reach", F_INT, false, NULL},
    {"after", F_WORDS, false, NULL}, {"unit_kinds", F_WORDS, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec NUMERAL_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"value", F_INT, true, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec NUMERAL_WORD_FIELDS[] = {
    ID, {"classes", F_WORDS, true, NULL}, {"joined_words", F_WORDS, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec VAGUE_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"position", F_STRING, true, VAGUE_POSITIONS},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec COMPOUND_FIELDS[] = {
    ID, {"after", F_WORDS, true, NULL}, {"words", F_WORDS, false, NULL},
    {"scale", F_NUMBER, false, NULL}, {"factor", F_NUMBER, false, NULL},
    {"digits", F_INT, false, NULL}, {"unit_rule", F_STRING, false, NULL},
    {"after_multiplier", F_BOOL, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec WORD_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec LEVEL_CONNECTOR_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"min_ratio", F_NUMBER, true, NULL},
    {"not_followed_by", F_WORDS, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec PATTERN_FIELDS[] = {
    ID, {"pattern", F_PATTERN, true, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec TIME_REF_FIELDS[] = {
    ID, {"pattern", F_PATTERN, true, NULL}, {"place", F_STRING, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec EXCLUSION_FIELDS[] = {
    ID, {"pattern", F_PATTERN, true, NULL}, {"for_units", F_WORDS, false, NULL},
    {"except_units", F_WORDS, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec PERIOD_FIELDS[] = {
    ID, {"pattern", F_PATTERN, true, NULL}, {"period", F_STRING, true, PERIODS},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec CHANGE_FIELDS[] = {
    ID, {"before", F_PATTERN, true, NULL}, {"between", F_PATTERN, true, NULL},
    {"size_kinds", F_WORDS, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec DELTA_FIELDS[] = {
    ID, {"before", F_PATTERN, false, NULL}, {"after", F_PATTERN, false, NULL},
    {"not_opening", F_BOOL, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec IMPLIED_FIELDS[] = {
    ID, {"words", F_WORDS, true, NULL}, {"unit_word", F_STRING, false, NULL},
    {"bare", F_BOOL, false, NULL}, {"bare_before", F_BOOL, false, NULL}, {"sum", F_BOOL, false, NULL},
    {"after_same_unit", F_BOOL, false, NULL}, {"verb", F_BOOL, false, NULL}, {"ratio", F_BOOL, false, NULL},
    {"count_words", F_WORDS, false, NULL}, {"no_multiplier", F_BOOL, false, NULL},
    {"head_words", F_WORDS, false, NULL}, {"names_rows", F_BOOL, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec SUBJECT_FIELDS[] = {
    ID, {"clause_delimiters", F_WORDS, true, NULL}, {"delimiters", F_WORDS, true, NULL},
    {"stop_after", F_WORDS, true, NULL},
    {"trim", F_WORDS, true, NULL}, {"restart_after", F_WORDS, false, NULL},
    {"linkers", F_WORDS, false, NULL}, {"forward_verbs", F_WORDS, false, NULL},
    {"verb_markers", F_WORDS, false, NULL}, {"place_classes", F_WORDS, false, NULL}, {"list_joiners", F_WORDS, false, NULL},
    {"max_chars", F_INT, true, NULL}, {"head_classes", F_WORDS, false, NULL},
    {"stop_classes", F_WORDS, false, NULL}, {"edge_classes", F_WORDS, false, NULL},
    {"glue_classes", F_WORDS, false, NULL}, {"suffix_classes", F_WORDS, false, NULL},
    {"tail_classes", F_WORDS, false, NULL}, {"join_classes", F_WORDS, false, NULL}, {"adjunct_classes", F_WORDS, false, NULL}, {"after_classes", F_WORDS, false, NULL},
    {"verb_classes", F_WORDS, false, NULL}, {"compound_verb_max_freq", F_INT, false, NULL},
    {"clause_verb_min_freq", F_INT, false, NULL},
    {"split_before", F_WORDS, false, NULL}, {"base_openers", F_WORDS, false, NULL},
    {"list_ends", F_WORDS, false, NULL}, {"change_nouns", F_WORDS, false, NULL},
    {"adverbial_openers", F_WORDS, false, NULL}, {"ordinal_marks", F_WORDS, false, NULL},
    {"nouns", F_WORDS, false, NULL},
    {"scopes", F_WORDS, false, NULL}, {"locatives", F_WORDS, false, NULL},
    {"scope_classes", F_WORDS, false, NULL}, {"name_classes", F_WORDS, false, NULL},
    {"body_classes", F_WORDS, false, NULL}, {"idiom_classes", F_WORDS, false, NULL},
    {"not_places", F_WORDS, false, NULL}, {"locative_classes", F_WORDS, false, NULL},
    {"verbs", F_WORDS, false, NULL}, {"adverbs", F_WORDS, false, NULL}, {"topics", F_WORDS, false, NULL},
    {"event_links", F_WORDS, false, NULL}, {"demonstratives", F_WORDS, false, NULL},
    {"average_marks", F_WORDS, false, NULL}, {"ages", F_WORDS, false, NULL},
    {"noun_suffixes", F_WORDS, false, NULL}, {"when_words", F_WORDS, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec MARKUP_FIELDS[] = {
    ID, {"content_elements", F_WORDS, true, NULL}, {"skip_elements", F_WORDS, true, NULL},
    {"block_elements", F_WORDS, true, NULL}, {"boilerplate_words", F_WORDS, true, NULL},
    {"feed_items", F_WORDS, true, NULL}, {"feed_text", F_WORDS, true, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec TABLE_MARKS_FIELDS[] = {
    ID, {"open_brackets", F_WORDS, true, NULL}, {"close_brackets", F_WORDS, true, NULL},
    {"colons", F_WORDS, true, NULL}, {"unit_ends", F_WORDS, true, NULL}, {"prose_ends", F_WORDS, true, NULL},
    {"percent_signs", F_WORDS, true, NULL}, {"signs", F_WORDS, true, NULL},
    {"year_marks", F_WORDS, false, NULL}, {"general_counts", F_WORDS, false, NULL}, {"not_given", F_WORDS, false, NULL},
    {"change_words", F_WORDS, false, NULL}, {"price_bases", F_WORDS, false, NULL},
    {"unit_columns", F_WORDS, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const char *const CHECK_FINDERS[] = {"comparison", "change", "share", "parts", "table", NULL};
static const struct field_spec CHECK_FIELDS[] = {
    ID, {"finder", F_STRING, true, CHECK_FINDERS}, {"relations", F_WORDS, true, NULL},
    {"cues", F_WORDS, false, NULL}, {"not_cues", F_WORDS, false, NULL},
    {"closers", F_WORDS, false, NULL}, {"up", F_WORDS, false, NULL}, {"down", F_WORDS, false, NULL},
    {"tails", F_WORDS, false, NULL}, {"suffixes", F_WORDS, false, NULL}, {"scopes", F_WORDS, false, NULL},
    {"totals", F_WORDS, false, NULL}, {"gap_words", F_WORDS, false, NULL}, {"headers", F_WORDS, false, NULL},
    {"groups", F_WORDS, false, NULL}, {"partitions", F_WORDS, false, NULL},
    {"current", F_WORDS, false, NULL}, {"previous", F_WORDS, false, NULL},
    {"parts", F_STRING, true, NULL}, {"inputs_rounded", F_BOOL, false, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec PLACE_EVIDENCE_FIELDS[] = {
    ID, {"least", F_INT, true, NULL}, {"least_traditional", F_INT, true, NULL},
    {"traditional_percent", F_INT, true, NULL}, {"traditional_min", F_INT, true, NULL},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec LINE_JOIN_FIELDS[] = {
    ID, {"sentence_end", F_WORDS, true, NULL}, {"min_line_chars", F_INT, true, NULL},
    {"list_item", F_PATTERN, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const char *const WHEN_ROLES[] = {"part", "to", "since", "ignore", "dateline", NULL};
static const char *const WHEN_EDGES[] = {"start", "end", NULL};
const char *const WHEN_FIELDS[] = {
    "year", "year_end", "month", "month_end", "day", "day_end",
    "quarter", "quarters_through", "months_through", "weekday", "century", "decade",
    "years_back", "months_back", "days_back", "bare",
    "year_offset", "month_offset", "day_offset", "week_offset", "century_offset",
    "half_offset", "quarter_offset", "edge", "months_upto", NULL};
_Static_assert(sizeof WHEN_FIELDS / sizeof *WHEN_FIELDS == WF_N + 1, "a name for every when field");
static const struct field_spec WHEN_RULE_FIELDS[] = {
    ID, {"pattern", F_PATTERN, true, NULL}, {"role", F_STRING, false, WHEN_ROLES},
    {"numbers", F_WORDS, false, NULL}, {"era", F_INT, false, NULL}, {"years", F_PAIR, false, NULL},
    {"months", F_PAIR, false, NULL},
    {"days", F_PAIR, false, NULL}, {"year", F_INT, false, NULL}, {"month", F_INT, false, NULL},
    {"day", F_INT, false, NULL}, {"weekday", F_INT, false, NULL}, {"century", F_INT, false, NULL},
    {"year_offset", F_INT, false, NULL}, {"month_offset", F_INT, false, NULL},
    {"day_offset", F_INT, false, NULL}, {"week_offset", F_INT, false, NULL},
    {"century_offset", F_INT, false, NULL}, {"half_offset", F_INT, false, NULL},
    {"quarter_offset", F_INT, false, NULL}, {"months_back", F_INT, false, NULL},
    {"months_upto", F_INT, false, NULL}, {"edge", F_STRING, false, WHEN_EDGES},
    {"note", F_STRING, false, NULL}, EXAMPLES, END};
static const struct field_spec TIME_PHRASE_FIELDS[] = {
    ID, {"joiners", F_WORDS, false, NULL}, {"prefixes", F_WORDS, false, NULL},
    {"bound_prefixes", F_WORDS, false, NULL},
    {"suffixes", F_WORDS, false, NULL}, {"open_suffixes", F_WORDS, false, NULL},
    {"open_reach", F_INT, false, NULL}, {"comparison_after", F_WORDS, false, NULL},
    {"comparison_before", F_WORDS, false, NULL}, {"instant_ends", F_WORDS, false, NULL},
    {"base_joiners", F_WORDS, false, NULL}, {"ratio_of", F_WORDS, false, NULL},
    {"list_joiners", F_WORDS, false, NULL}, {"respectively", F_WORDS, false, NULL},
    {"anaphors", F_WORDS, false, NULL}, {"base_linkers", F_WORDS, false, NULL},
    {"day_parts", F_WORDS, false, NULL}, {"counted_days", F_WORDS, false, NULL},
    {"continuations", F_WORDS, false, NULL}, {"note", F_STRING, false, NULL}, EXAMPLES, END};

/* Sections of word rules or pattern rules name their array in the rule
 * set by offset (struct section_spec), so one function adds to any. */
#define SECTION_ARRAY(rs, sec, type) ((type **)((char *)(rs) + (sec)->array))
#define SECTION_COUNT(rs, sec) ((size_t *)((char *)(rs) + (sec)->count))

/* Appends one element to a rule array, doubling its room when n reaches
 * a power of two (the room is the next power of two above n), so that
 * loading the rules copies each array a logarithmic number of times:
 * grown by one element a time, the rules' examples alone were copied
 * 1,600 times (30 MB, which ASan's quarantine of freed memory held). */
#define GROW(arr, n)                                                                      \
    (((n) & ((n)-1)) == 0 ? (void)((arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) * sizeof *(arr))) \
                          : (void)0,                                                      \
     &(arr)[(n)++])

static struct decimal get_decimal(struct loader *ld, const cJSON *obj, const char *key, int64_t absent)
{
    struct decimal d = decimal_int(absent);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (f) {
        char text[64];
        /* 15 significant digits: what a double holds exactly, so 0.1 stays 0.1 */
        snprintf(text, sizeof text, "%.15g", f->valuedouble);
        if (!decimal_parse(text, &d))
            FAIL_AT(ld, f, "%s %s is not a decimal number", key, text);
    }
    return d;
}

static void add_unit(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct unit_rule *u = GROW(rs->units, rs->n_units);
    *u = (struct unit_rule){0}; /* GROW leaves it unset: every field not read below is none */
    u->id = get_string(ld, r, "id");
    u->words = get_words(ld, r, "words");
    const cJSON *wcl = cJSON_GetObjectItemCaseSensitive(r, "word_class");
    u->word_class = wcl ? get_string(ld, r, "word_class") : NULL;
    /* the names CLDR gives the unit or the currency */
    struct words_building b = {&rs->priv->arena, &u->words, u->words.n};
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(r, "cldr"), *id;
    cJSON_ArrayForEach(id, ids) {
        if (!cldr_unit_words(id->valuestring, add_utf16_word, &b))
            FAIL_AT(ld, id, "ICU's CLDR data has no unit \"%s\" (a CLDR id: type-unit, "
                    "length-millimeter)", id->valuestring);
    }
    const cJSON *iso = cJSON_GetObjectItemCaseSensitive(r, "currency");
    u->all_currencies = iso && !strcmp(iso->valuestring, "*");
    if (iso && !u->all_currencies && !cldr_currency_words(iso->valuestring, add_utf16_word, &b))
        FAIL_AT(ld, iso, "ICU's CLDR data has no name of the currency \"%s\"", iso->valuestring);
    word_list_index(&rs->priv->arena, &u->words);
    if (!u->words.n && !u->word_class && !u->all_currencies)
        FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(r, "id"),
                "a unit rule needs \"words\", \"cldr\", \"currency\" or \"word_class\"");
    u->unit = get_string(ld, r, "unit");
    u->kind = get_string(ld, r, "kind");
    u->factor = get_decimal(ld, r, "factor", 1);
    const char *pos = get_string(ld, r, "position");
    u->position = !pos || !strcmp(pos, "suffix") ? UNIT_SUFFIX : !strcmp(pos, "prefix") ? UNIT_PREFIX : UNIT_PER;
    u->subject_after = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "subject_after"));
    u->subject_words = get_words(ld, r, "subject_words");
    u->subject_event = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "subject_event"));
    u->not_followed_by = get_words(ld, r, "not_followed_by");
    u->before_number = get_words(ld, r, "before_number");
    u->gap_words = get_words(ld, r, "gap_words");
    const cJSON *power = cJSON_GetObjectItemCaseSensitive(r, "power_of");
    u->power_of = power ? power->valueint : 0;
    u->per = u->position == UNIT_PER || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "per"));
    u->local = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "local"));
    u->digits_only = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "digits_only"));
    u->after_currency = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "after_currency"));
    u->han_multiplied = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "han_multiplied"));
    u->tally = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "tally"));
    u->near_words = get_words(ld, r, "near_words");
    u->counted_words = get_words(ld, r, "counted_words");
    u->list_short = get_words(ld, r, "list_short");
    u->near_or_spoken = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "near_or_spoken"));
    u->phrase_end = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "phrase_end"));
    u->unit_text_after = get_words(ld, r, "unit_text_after");
    u->quantity_in_node = cJSON_GetObjectItemCaseSensitive(r, "quantity_in");
    u->quantity_in_id = u->quantity_in_node ? get_string(ld, r, "quantity_in") : NULL;
    u->quantity_factor = get_decimal(ld, r, "quantity_factor", 1);
    u->file = (size_t)(ld->file - ld->rs->priv->files);
    const cJSON *digits = cJSON_GetObjectItemCaseSensitive(r, "int_digits");
    u->int_digits = digits ? digits->valueint : 0;
    const cJSON *min_digits = cJSON_GetObjectItemCaseSensitive(r, "min_int_digits");
    u->min_int_digits = min_digits ? min_digits->valueint : 0;
}

static void add_compound(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct compound_rule *c = GROW(rs->compounds, rs->n_compounds);
    c->id = get_string(ld, r, "id");
    c->after = get_words(ld, r, "after");
    c->words = get_words(ld, r, "words");
    c->scale = get_decimal(ld, r, "scale", 1);
    c->factor = get_decimal(ld, r, "factor", 1);
    const cJSON *digits = cJSON_GetObjectItemCaseSensitive(r, "digits");
    c->digits = digits ? digits->valueint : 1;
    c->after_multiplier = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "after_multiplier"));
    if (c->digits < 1 || c->digits > 3)
        FAIL_AT(ld, digits, "\"digits\" of a compound is 1, 2 or 3");
    c->unit_rule_node = cJSON_GetObjectItemCaseSensitive(r, "unit_rule");
    c->unit_rule = c->unit_rule_node ? get_string(ld, r, "unit_rule") : NULL;
    c->file = (size_t)(ld->file - ld->rs->priv->files);
    c->unit = NULL;
}

static void add_place(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct place_rule *p = GROW(rs->places, rs->n_places);
    p->id = get_string(ld, r, "id");
    p->words = get_words(ld, r, "words");
    p->own_words = get_words(ld, r, "own_words");
    p->currency = get_string(ld, r, "currency");
}

static void add_qualifier(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct qualifier_rule *q = GROW(rs->qualifiers, rs->n_qualifiers);
    q->id = get_string(ld, r, "id");
    q->words = get_words(ld, r, "words");
    q->qualifier = get_string(ld, r, "qualifier");
    q->not_preceded_by = get_words(ld, r, "not_preceded_by");
    q->not_followed_by = get_words(ld, r, "not_followed_by");
    q->unit_kind = get_string(ld, r, "unit_kind");
    const cJSON *reach = cJSON_GetObjectItemCaseSensitive(r, "reach");
    q->reach = reach ? reach->valueint : 0;
    const char *pos = get_string(ld, r, "position");
    q->position = strcmp(pos, "before") == 0         ? QUAL_BEFORE
                  : strcmp(pos, "after_number") == 0 ? QUAL_AFTER_NUMBER
                  : strcmp(pos, "after_unit") == 0   ? QUAL_AFTER_UNIT
                                                     : QUAL_INSIDE_UNIT;
    q->after = get_words(ld, r, "after");
    q->unit_kinds = get_names(ld, r, "unit_kinds");
    if (q->position == QUAL_INSIDE_UNIT && !q->after.n)
        FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(r, "id"),
                "a qualifier inside a unit needs \"after\": the measure words it follows");
}

static void add_numeral(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct numeral_rule *n = GROW(rs->numerals, rs->n_numerals);
    n->id = get_string(ld, r, "id");
    n->words = get_words(ld, r, "words");
    n->value = cJSON_GetObjectItemCaseSensitive(r, "value")->valueint;
}

static void add_vague(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct vague_rule *v = GROW(rs->vague_numerals, rs->n_vague_numerals);
    v->id = get_string(ld, r, "id");
    v->words = get_words(ld, r, "words");
    v->position = strcmp(get_string(ld, r, "position"), "digit") ? VAGUE_BETWEEN : VAGUE_DIGIT;
}

static void add_word_rule_to(struct loader *ld, const cJSON *r, struct word_rule **arr, size_t *n)
{
    struct word_rule *w = GROW(*arr, *n);
    w->id = get_string(ld, r, "id");
    w->words = get_words(ld, r, "words");
}

static void add_pattern_to(struct loader *ld, const cJSON *r, struct pattern_rule **arr, size_t *n)
{
    struct pattern_rule *p = GROW(*arr, *n);
    p->id = get_string(ld, r, "id");
    p->re = get_pattern(ld, r, "pattern");
    p->period = get_string(ld, r, "period");
    p->for_units = get_words(ld, r, "for_units");
    p->except_units = get_words(ld, r, "except_units");
    p->place_node = cJSON_GetObjectItemCaseSensitive(r, "place");
    p->place = p->place_node ? get_string(ld, r, "place") : NULL;
    p->place_rule = NULL;
    p->file = (size_t)(ld->file - ld->rs->priv->files);
}

static void add_change(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct change_rule *c = GROW(rs->changes, rs->n_changes);
    c->id = get_string(ld, r, "id");
    c->before = get_pattern(ld, r, "before");
    c->between = get_pattern(ld, r, "between");
    c->size_kinds = get_names(ld, r, "size_kinds");
}

static void add_delta(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct delta_rule *d = GROW(rs->deltas, rs->n_deltas);
    d->id = get_string(ld, r, "id");
    d->before = get_pattern(ld, r, "before");
    d->after = get_pattern(ld, r, "after");
    d->not_opening = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "not_opening"));
    if (!d->before && !d->after)
        FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(r, "id"),
                "a delta rule needs \"before\" or \"after\"");
}

static void add_implied(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct implied_unit_rule *m = GROW(rs->implied_units, rs->n_implied_units);
    m->id = get_string(ld, r, "id");
    m->words = get_words(ld, r, "words");
    m->bare = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "bare"));
    m->bare_before = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "bare_before"));
    m->sum = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "sum"));
    m->after_same_unit = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "after_same_unit"));
    m->verb = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "verb"));
    m->ratio = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "ratio"));
    m->count_words = get_words(ld, r, "count_words");
    m->head_words = get_words(ld, r, "head_words");
    m->no_multiplier = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "no_multiplier"));
    m->names_rows = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "names_rows"));
    const char *unit_word = get_string(ld, r, "unit_word");
    if (!unit_word && !m->sum && !m->ratio)
        FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(r, "id"),
                "an implied-unit rule needs \"unit_word\", \"sum\" or \"ratio\"");
    if (unit_word && m->ratio)
        FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(r, "id"),
                "an implied-unit rule of a ratio implies no unit: no \"unit_word\"");
    if (unit_word)
        m->unit_text = to_utf16(&rs->priv->arena, unit_word, &m->unit_len);
}

static void add_subject(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct subject_rule *s = &ld->rs->subject;
    s->id = get_string(ld, r, "id");
    s->clause_delimiters = get_words(ld, r, "clause_delimiters");
    s->delimiters = get_words(ld, r, "delimiters");
    s->stop_after = get_words(ld, r, "stop_after");
    s->trim = get_words(ld, r, "trim");
    s->restart_after = get_words(ld, r, "restart_after");
    s->linkers = get_words(ld, r, "linkers");
    s->forward_verbs = get_words(ld, r, "forward_verbs");
    s->verb_markers = get_words(ld, r, "verb_markers");
    s->place_classes = get_names(ld, r, "place_classes");
    s->list_joiners = get_words(ld, r, "list_joiners");
    s->max_chars = cJSON_GetObjectItemCaseSensitive(r, "max_chars")->valueint;
    s->head_classes = get_names(ld, r, "head_classes");
    s->stop_classes = get_names(ld, r, "stop_classes");
    s->edge_classes = get_names(ld, r, "edge_classes");
    s->glue_classes = get_names(ld, r, "glue_classes");
    s->suffix_classes = get_names(ld, r, "suffix_classes");
    s->tail_classes = get_names(ld, r, "tail_classes");
    s->join_classes = get_names(ld, r, "join_classes");
    s->adjunct_classes = get_names(ld, r, "adjunct_classes");
    s->after_classes = get_names(ld, r, "after_classes");
    s->verb_classes = get_names(ld, r, "verb_classes");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(r, "compound_verb_max_freq");
    s->compound_verb_max_freq = f ? f->valueint : 0;
    f = cJSON_GetObjectItemCaseSensitive(r, "clause_verb_min_freq");
    s->clause_verb_min_freq = f ? f->valueint : 0;
    s->split_before = get_words(ld, r, "split_before");
    s->base_openers = get_words(ld, r, "base_openers");
    s->list_ends = get_words(ld, r, "list_ends");
    s->change_nouns = get_words(ld, r, "change_nouns");
    s->adverbial_openers = get_words(ld, r, "adverbial_openers");
    s->ordinal_marks = get_words(ld, r, "ordinal_marks");
    s->nouns = get_words(ld, r, "nouns");
    s->scopes = get_words(ld, r, "scopes");
    s->locatives = get_words(ld, r, "locatives");
    s->scope_classes = get_names(ld, r, "scope_classes");
    s->name_classes = get_names(ld, r, "name_classes");
    s->body_classes = get_names(ld, r, "body_classes");
    s->idiom_classes = get_names(ld, r, "idiom_classes");
    s->not_places = get_words(ld, r, "not_places");
    s->locative_classes = get_names(ld, r, "locative_classes");
    s->verbs = get_words(ld, r, "verbs");
    s->adverbs = get_words(ld, r, "adverbs");
    s->topics = get_words(ld, r, "topics");
    s->event_links = get_words(ld, r, "event_links");
    s->demonstratives = get_words(ld, r, "demonstratives");
    s->average_marks = get_words(ld, r, "average_marks");
    s->ages = get_words(ld, r, "ages");
    s->noun_suffixes = get_words(ld, r, "noun_suffixes");
    s->when_words = get_words(ld, r, "when_words");
}

static void add_line_join(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct line_join_rule *j = &ld->rs->line_join;
    j->id = get_string(ld, r, "id");
    j->sentence_end = get_words(ld, r, "sentence_end");
    j->min_line_chars = cJSON_GetObjectItemCaseSensitive(r, "min_line_chars")->valueint;
    j->list_item = get_pattern(ld, r, "list_item");
}

static void add_place_evidence(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct place_evidence_rule *e = &ld->rs->place_evidence;
    e->id = get_string(ld, r, "id");
    e->least = cJSON_GetObjectItemCaseSensitive(r, "least")->valueint;
    e->least_traditional = cJSON_GetObjectItemCaseSensitive(r, "least_traditional")->valueint;
    e->traditional_percent = cJSON_GetObjectItemCaseSensitive(r, "traditional_percent")->valueint;
    e->traditional_min = cJSON_GetObjectItemCaseSensitive(r, "traditional_min")->valueint;
}

static void add_time_phrase(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct time_phrase_rule *p = &ld->rs->time_phrase;
    p->id = get_string(ld, r, "id");
    p->joiners = get_words(ld, r, "joiners");
    p->prefixes = get_words(ld, r, "prefixes");
    p->bound_prefixes = get_words(ld, r, "bound_prefixes");
    p->suffixes = get_words(ld, r, "suffixes");
    p->open_suffixes = get_words(ld, r, "open_suffixes");
    p->comparison_after = get_words(ld, r, "comparison_after");
    p->comparison_before = get_words(ld, r, "comparison_before");
    p->instant_ends = get_words(ld, r, "instant_ends");
    p->base_joiners = get_words(ld, r, "base_joiners");
    p->ratio_of = get_words(ld, r, "ratio_of");
    p->list_joiners = get_words(ld, r, "list_joiners");
    p->respectively = get_words(ld, r, "respectively");
    p->anaphors = get_words(ld, r, "anaphors");
    p->day_parts = get_words(ld, r, "day_parts");
    p->counted_days = get_words(ld, r, "counted_days");
    p->continuations = get_words(ld, r, "continuations");
    p->base_linkers = get_words(ld, r, "base_linkers");
    const cJSON *reach = cJSON_GetObjectItemCaseSensitive(r, "open_reach");
    p->open_reach = reach ? reach->valueint : 0;
}

static void add_table_marks(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct table_marks_rule *m = &ld->rs->table_marks;
    m->id = get_string(ld, r, "id");
    m->open_brackets = get_words(ld, r, "open_brackets");
    m->close_brackets = get_words(ld, r, "close_brackets");
    m->colons = get_words(ld, r, "colons");
    m->unit_ends = get_words(ld, r, "unit_ends");
    m->prose_ends = get_words(ld, r, "prose_ends");
    m->percent_signs = get_words(ld, r, "percent_signs");
    m->signs = get_words(ld, r, "signs");
    m->year_marks = get_words(ld, r, "year_marks");
    m->not_given = get_words(ld, r, "not_given");
    m->change_words = get_words(ld, r, "change_words");
    m->price_bases = get_words(ld, r, "price_bases");
    m->unit_columns = get_words(ld, r, "unit_columns");
    m->general_counts = get_names(ld, r, "general_counts");
}

static void add_markup(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct markup_rule *m = &ld->rs->markup;
    m->id = get_string(ld, r, "id");
    m->content = get_names(ld, r, "content_elements");
    m->skip = get_names(ld, r, "skip_elements");
    m->blocks = get_names(ld, r, "block_elements");
    m->boilerplate = get_names(ld, r, "boilerplate_words");
    m->feed_items = get_names(ld, r, "feed_items");
    m->feed_text = get_names(ld, r, "feed_text");
}

static int when_field_of(const char *name)
{
    for (int k = 0; k < WF_N; k++)
        if (!strcmp(WHEN_FIELDS[k], name))
            return k;
    return -1;
}

static void add_when(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct when_rule *w = GROW(rs->when, rs->n_when);
    memset(w, 0, sizeof *w);
    w->id = get_string(ld, r, "id");
    w->re = get_pattern(ld, r, "pattern");
    const char *role = get_string(ld, r, "role");
    w->role = !role || !strcmp(role, "part") ? WHEN_PART
              : !strcmp(role, "to")          ? WHEN_TO
              : !strcmp(role, "since")       ? WHEN_SINCE
              : !strcmp(role, "dateline")    ? WHEN_DATELINE
                                             : WHEN_IGNORE;
    const cJSON *k;
    cJSON_ArrayForEach(k, r) {
        static const struct {
            const char *key;
            int from, to;
        } PAIRS[] = {{"years", WF_YEAR, WF_YEAR_END}, {"months", WF_MONTH, WF_MONTH_END}, {"days", WF_DAY, WF_DAY_END}};
        for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++)
            if (!strcmp(k->string, PAIRS[i].key)) {
                w->value[PAIRS[i].from] = cJSON_GetArrayItem(k, 0)->valueint;
                w->value[PAIRS[i].to] = cJSON_GetArrayItem(k, 1)->valueint;
                w->given |= 1u << PAIRS[i].from | 1u << PAIRS[i].to;
            }
        int f = when_field_of(k->string);
        if (f == WF_EDGE) {
            w->value[f] = !strcmp(k->valuestring, "end") ? 1 : -1;
            w->given |= 1u << f;
        } else if (f >= 0 && cJSON_IsNumber(k)) {
            w->value[f] = k->valueint;
            w->given |= 1u << f;
        }
    }
    const cJSON *era = cJSON_GetObjectItemCaseSensitive(r, "era");
    w->era = era ? era->valueint : 0;
    const cJSON *numbers = cJSON_GetObjectItemCaseSensitive(r, "numbers");
    cJSON_ArrayForEach(k, numbers) {
        int f = when_field_of(k->valuestring);
        if (f < 0 || f == WF_EDGE || w->nnumbers == (int)sizeof w->numbers) {
            FAIL_AT(ld, k, "\"numbers\" holds at most %d of %s; not \"%s\"", (int)sizeof w->numbers,
                    "the field names of when.h", k->valuestring);
            return;
        }
        w->numbers[w->nnumbers++] = (unsigned char)f;
    }
}

struct section_spec {
    const char *name;
    const struct field_spec *fields;
    void (*add)(struct loader *ld, const cJSON *rule, const struct section_spec *sec);
    size_t array, count; /* add_word_rule, add_pattern: where the section's rules go */
    bool single;         /* exactly one rule in all the files together */
};

static void add_numeral_words(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    (void)get_string(ld, r, "id");
    ld->rs->numeral_word_classes = get_names(ld, r, "classes");
    ld->rs->numeral_joined_words = get_words(ld, r, "joined_words");
}

static void add_check(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct rule_set *rs = ld->rs;
    struct check_rule *c = GROW(rs->checks, rs->n_checks);
    c->id = get_string(ld, r, "id");
    const char *finder = get_string(ld, r, "finder");
    for (int i = 0; CHECK_FINDERS[i]; i++)
        if (!strcmp(CHECK_FINDERS[i], finder))
            c->finder = (enum check_finder)i;
    c->relations = get_names(ld, r, "relations");
    static const struct {
        const char *key;
        size_t at;
    } WORDS[] = {
#define CHECK_WORDS(name) {#name, offsetof(struct check_rule, name)}
        CHECK_WORDS(cues),     CHECK_WORDS(not_cues), CHECK_WORDS(closers),   CHECK_WORDS(up),
        CHECK_WORDS(down),     CHECK_WORDS(tails),    CHECK_WORDS(suffixes),  CHECK_WORDS(scopes),
        CHECK_WORDS(totals),   CHECK_WORDS(gap_words), CHECK_WORDS(headers),  CHECK_WORDS(groups),
#undef CHECK_WORDS
    };
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++)
        *(struct word_list *)((char *)c + WORDS[i].at) = get_words(ld, r, WORDS[i].key);
    c->partitions = get_names(ld, r, "partitions");
    c->current = get_names(ld, r, "current");
    c->previous = get_names(ld, r, "previous");
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(r, "inputs_rounded");
    c->inputs_rounded = b && cJSON_IsTrue(b);
}

static void add_word_rule(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    add_word_rule_to(ld, r, SECTION_ARRAY(ld->rs, sec, struct word_rule), SECTION_COUNT(ld->rs, sec));
}

static void add_level_connector(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    (void)sec;
    struct level_connector_rule *c = GROW(ld->rs->level_connectors, ld->rs->n_level_connectors);
    c->id = get_string(ld, r, "id");
    c->words = get_words(ld, r, "words");
    c->min_ratio = get_decimal(ld, r, "min_ratio", 1);
    c->not_followed_by = get_words(ld, r, "not_followed_by");
}

static void add_pattern(struct loader *ld, const cJSON *r, const struct section_spec *sec)
{
    add_pattern_to(ld, r, SECTION_ARRAY(ld->rs, sec, struct pattern_rule), SECTION_COUNT(ld->rs, sec));
}

#define IN(field) offsetof(struct rule_set, field), offsetof(struct rule_set, n_##field)

static const struct section_spec SECTIONS[] = {
    {"units", UNIT_FIELDS, add_unit, 0, 0, false},
    {"qualifiers", QUALIFIER_FIELDS, add_qualifier, 0, 0, false},
    {"places", PLACE_FIELDS, add_place, 0, 0, false},
    {"place_evidence", PLACE_EVIDENCE_FIELDS, add_place_evidence, 0, 0, true},
    {"compounds", COMPOUND_FIELDS, add_compound, 0, 0, false},
    {"numerals", NUMERAL_FIELDS, add_numeral, 0, 0, false},
    {"vague_numerals", VAGUE_FIELDS, add_vague, 0, 0, false},
    {"numeral_words", NUMERAL_WORD_FIELDS, add_numeral_words, 0, 0, false},
    {"range_connectors", WORD_FIELDS, add_word_rule, IN(range_connectors), false},
    {"level_connectors", LEVEL_CONNECTOR_FIELDS, add_level_connector, 0, 0, false},
    {"list_connectors", WORD_FIELDS, add_word_rule, IN(list_connectors), false},
    {"decimal_points", WORD_FIELDS, add_word_rule, IN(decimal_points), false},
    {"minus_signs", WORD_FIELDS, add_word_rule, IN(minus_signs), false},
    {"plus_minus_signs", WORD_FIELDS, add_word_rule, IN(plus_minus_signs), false},
    {"plus_signs", WORD_FIELDS, add_word_rule, IN(plus_signs), false},
    {"rate_separators", WORD_FIELDS, add_word_rule, IN(rate_separators), false},
    {"range_asides", WORD_FIELDS, add_word_rule, IN(range_asides), false},
    {"halves", WORD_FIELDS, add_word_rule, IN(halves), false},
    {"exclusions", EXCLUSION_FIELDS, add_pattern, IN(exclusions), false},
    {"time_refs", TIME_REF_FIELDS, add_pattern, IN(time_refs), false},
    {"comparison_markers", WORD_FIELDS, add_word_rule, IN(comparison_markers), false},
    {"periods", PERIOD_FIELDS, add_pattern, IN(periods), false},
    {"changes", CHANGE_FIELDS, add_change, 0, 0, false},
    {"deltas", DELTA_FIELDS, add_delta, 0, 0, false},
    {"subject", SUBJECT_FIELDS, add_subject, 0, 0, true},
    {"line_join", LINE_JOIN_FIELDS, add_line_join, 0, 0, true},
    {"markup", MARKUP_FIELDS, add_markup, 0, 0, true},
    {"table_unit_markers", WORD_FIELDS, add_word_rule, IN(table_unit_markers), false},
    {"table_label_trims", WORD_FIELDS, add_word_rule, IN(table_label_trims), false},
    {"table_delta_headers", WORD_FIELDS, add_word_rule, IN(table_delta_headers), false},
    {"table_rank_headers", WORD_FIELDS, add_word_rule, IN(table_rank_headers), false},
    {"table_time_headers", WORD_FIELDS, add_word_rule, IN(table_time_headers), false},
    {"table_marks", TABLE_MARKS_FIELDS, add_table_marks, 0, 0, true},
    {"implied_units", IMPLIED_FIELDS, add_implied, 0, 0, false},
    {"implied_unit_links", WORD_FIELDS, add_word_rule, IN(implied_unit_links), false},
    {"implied_unit_carries", PATTERN_FIELDS, add_pattern, IN(implied_unit_carries), false},
    {"time_phrase", TIME_PHRASE_FIELDS, add_time_phrase, 0, 0, false},
    {"when", WHEN_RULE_FIELDS, add_when, 0, 0, false},
    {"checks", CHECK_FIELDS, add_check, 0, 0, false},
};

_Static_assert(sizeof SECTIONS / sizeof *SECTIONS <= sizeof ((struct rules_private *)0)->singles /
                   sizeof ((struct rules_private *)0)->singles[0],
               "rules_private.singles holds a count for every section");

/* The fields an example's expected claim may name. */
static const char *const CLAIM_FIELDS[] = {
    "quote", "value", "unit", "kind", "qualifier", "lower", "upper", "role",
    "group", "period", "subject", "time_ref", "when", "rule", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

static const char *type_name(enum field_type t)
{
    switch (t) {
    case F_STRING: return "a string";
    case F_WORDS: return "an array of non-empty strings";
    case F_NUMBER: return "a number";
    case F_INT: return "a whole number";
    case F_BOOL: return "true or false";
    case F_PATTERN: return "a pattern string";
    case F_EXAMPLES: return "an array of examples";
    case F_PAIR: return "an array of two whole numbers";
    }
    return "?";
}

/* YYYY-MM-DD, a day of the calendar. */
static bool date_is_iso(const char *s)
{
    int y, m, d;
    char extra;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && when_day_valid(y, m, d);
}

static bool check_examples(struct loader *ld, const cJSON *v, const char *rule_id)
{
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0) {
        FAIL_AT(ld, v, "expected a non-empty array of examples for \"examples\"");
        return false;
    }
    const cJSON *ex;
    cJSON_ArrayForEach(ex, v) {
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(ex, "text");
        const cJSON *claims = cJSON_GetObjectItemCaseSensitive(ex, "claims");
        const cJSON *checks = cJSON_GetObjectItemCaseSensitive(ex, "checks");
        if (!cJSON_IsObject(ex) || !cJSON_IsString(text) || (claims && !cJSON_IsArray(claims)) ||
            (checks && !cJSON_IsArray(checks)) || (!claims && !checks)) {
            fail_at_offset(ld, json_position(ld->file->text, ld->file->root, ex, false),
                           "an example is an object with \"text\" (a string) and \"claims\" or \"checks\" (an array)");
            return false;
        }
        const cJSON *k;
        cJSON_ArrayForEach(k, ex) {
            if (strcmp(k->string, "text") && strcmp(k->string, "claims") && strcmp(k->string, "note") &&
                strcmp(k->string, "format") && strcmp(k->string, "date") && strcmp(k->string, "checks")) {
                FAIL_AT(ld, k, "unknown key \"%s\" in an example (expected text, claims, checks, format, date, note)",
                        k->string);
                return false;
            }
            if (!strcmp(k->string, "date") && (!cJSON_IsString(k) || !date_is_iso(k->valuestring))) {
                FAIL_AT(ld, k, "an example's \"date\" is a date YYYY-MM-DD");
                return false;
            }
            if (!strcmp(k->string, "format") &&
                (!cJSON_IsString(k) || (strcmp(k->valuestring, "text") && strcmp(k->valuestring, "html")))) {
                FAIL_AT(ld, k, "an example's \"format\" is \"text\" or \"html\"");
                return false;
            }
        }
        const cJSON *c;
        cJSON_ArrayForEach(c, checks) {
            const cJSON *rel = cJSON_GetObjectItemCaseSensitive(c, "relation");
            const cJSON *quotes = cJSON_GetObjectItemCaseSensitive(c, "quotes");
            const cJSON *verdict = cJSON_GetObjectItemCaseSensitive(c, "verdict");
            if (!cJSON_IsObject(c) || !cJSON_IsString(rel) || !cJSON_IsArray(quotes) || !cJSON_IsString(verdict)) {
                fail_at_offset(ld, json_position(ld->file->text, ld->file->root, c, false),
                               "an expected check is an object with \"relation\", \"verdict\" (strings) and "
                               "\"quotes\" (an array)");
                return false;
            }
            cJSON_ArrayForEach(k, c) {
                if (strcmp(k->string, "relation") && strcmp(k->string, "quotes") && strcmp(k->string, "verdict") &&
                    strcmp(k->string, "computed") && strcmp(k->string, "tolerance")) {
                    FAIL_AT(ld, k, "unknown key \"%s\" in an expected check (expected relation, quotes, "
                                   "verdict, computed, tolerance)", k->string);
                    return false;
                }
            }
        }
        cJSON_ArrayForEach(c, claims) {
            if (!cJSON_IsObject(c)) {
                fail_at_offset(ld, json_position(ld->file->text, ld->file->root, c, false),
                               "an expected claim is an object of claim fields");
                return false;
            }
            cJSON_ArrayForEach(k, c) {
                if (!in_list(CLAIM_FIELDS, k->string)) {
                    FAIL_AT(ld, k, "unknown claim field \"%s\" in an example", k->string);
                    return false;
                }
            }
        }
        struct rule_set *rs = ld->rs;
        struct rule_example *e = GROW(rs->examples, rs->n_examples);
        e->rule_id = rule_id;
        e->file = ld->file->path;
        e->file_text = ld->file->text;
        e->root = ld->file->root;
        e->node = ex;
        e->text = text->valuestring;
        e->claims = claims;
        e->checks = checks;
        const cJSON *format = cJSON_GetObjectItemCaseSensitive(ex, "format");
        e->format = format ? format->valuestring : "text";
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(ex, "date");
        e->date = date ? date->valuestring : NULL;
    }
    return true;
}

static bool check_field(struct loader *ld, const struct field_spec *f, const cJSON *v)
{
    bool ok = false;
    switch (f->type) {
    case F_STRING:
    case F_PATTERN:
        ok = cJSON_IsString(v) && v->valuestring[0];
        break;
    case F_NUMBER:
        ok = cJSON_IsNumber(v);
        break;
    case F_INT:
        ok = cJSON_IsNumber(v) && v->valuedouble == (double)v->valueint;
        break;
    case F_BOOL:
        ok = cJSON_IsBool(v);
        break;
    case F_WORDS:
        ok = cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0;
        if (ok) {
            const cJSON *w;
            cJSON_ArrayForEach(w, v) if (!cJSON_IsString(w) || !w->valuestring[0]) ok = false;
        }
        break;
    case F_EXAMPLES:
        return true; /* checked by check_examples */
    case F_PAIR:
        ok = cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2;
        for (int i = 0; ok && i < 2; i++) {
            const cJSON *x = cJSON_GetArrayItem(v, i);
            ok = cJSON_IsNumber(x) && x->valuedouble == (double)x->valueint;
        }
        break;
    }
    if (!ok) {
        FAIL_AT(ld, v, "expected %s for \"%s\"", type_name(f->type), f->name);
        return false;
    }
    if (f->choices && !in_list(f->choices, v->valuestring)) {
        struct buf b = {0};
        for (const char *const *c = f->choices; *c; c++)
            buf_printf(&b, "%s%s", c == f->choices ? "" : ", ", *c);
        FAIL_AT(ld, v, "\"%s\" must be one of %s, not \"%s\"", f->name, b.data, v->valuestring);
        buf_free(&b);
        return false;
    }
    return true;
}

static bool check_rule(struct loader *ld, const struct section_spec *sec, const cJSON *rule)
{
    if (!cJSON_IsObject(rule)) {
        fail_at_offset(ld, json_position(ld->file->text, ld->file->root, rule, false),
                       "expected a rule object in \"%s\"", sec->name);
        return false;
    }
    const cJSON *k;
    cJSON_ArrayForEach(k, rule) {
        const struct field_spec *f = sec->fields;
        while (f->name && strcmp(f->name, k->string))
            f++;
        if (!f->name) {
            struct buf b = {0};
            for (f = sec->fields; f->name; f++)
                buf_printf(&b, "%s%s", f == sec->fields ? "" : ", ", f->name);
            FAIL_AT(ld, k, "unknown key \"%s\" in a %s rule (expected %s)", k->string, sec->name, b.data);
            buf_free(&b);
            return false;
        }
        if (!check_field(ld, f, k))
            return false;
    }
    for (const struct field_spec *f = sec->fields; f->name; f++) {
        if (f->required && !cJSON_GetObjectItemCaseSensitive(rule, f->name)) {
            fail_at_offset(ld, json_position(ld->file->text, ld->file->root, rule, false),
                           "a %s rule needs \"%s\"", sec->name, f->name);
            return false;
        }
    }
    /* ids are unique across all files */
    const char *id = cJSON_GetObjectItemCaseSensitive(rule, "id")->valuestring;
    struct rules_private *p = ld->rs->priv;
    for (size_t i = 0; i < p->nfiles; i++) {
        const cJSON *root = p->files[i].root, *s, *r;
        if (!root)
            continue;
        cJSON_ArrayForEach(s, root) cJSON_ArrayForEach(r, s) {
            if (r == rule)
                goto unique;
            const cJSON *other = cJSON_GetObjectItemCaseSensitive(r, "id");
            if (cJSON_IsString(other) && strcmp(other->valuestring, id) == 0) {
                FAIL_AT(ld, cJSON_GetObjectItemCaseSensitive(rule, "id"),
                        "duplicate rule id \"%s\" (also in %s)", id, p->files[i].path);
                return false;
            }
        }
    }
unique:
    return check_examples(ld, cJSON_GetObjectItemCaseSensitive(rule, "examples"),
                          arena_strdup(&p->arena, id));
}

static bool load_file(struct rule_set *rs, size_t index, struct pl_error *err)
{
    struct loaded_file *file = &rs->priv->files[index];
    struct loader ld = {.rs = rs, .file = file, .err = err};
    const char *end = NULL;
    file->root = cJSON_ParseWithOpts(file->text, &end, true);
    if (!file->root) {
        size_t at = end ? (size_t)(end - file->text) : 0;
        fail_at_offset(&ld, at, "invalid JSON");
        return false;
    }
    if (!cJSON_IsObject(file->root)) {
        fail_at_offset(&ld, json_position(file->text, file->root, file->root, false),
                       "expected an object of rule sections");
        return false;
    }
    const cJSON *section;
    cJSON_ArrayForEach(section, file->root) {
        const struct section_spec *sec = NULL;
        for (size_t i = 0; i < sizeof SECTIONS / sizeof *SECTIONS; i++)
            if (strcmp(SECTIONS[i].name, section->string) == 0)
                sec = &SECTIONS[i];
        if (!sec) {
            struct buf b = {0};
            for (size_t i = 0; i < sizeof SECTIONS / sizeof *SECTIONS; i++)
                buf_printf(&b, "%s%s", i ? ", " : "", SECTIONS[i].name);
            FAIL_AT(&ld, section, "unknown section \"%s\" (expected one of %s)", section->string, b.data);
            buf_free(&b);
            return false;
        }
        if (!cJSON_IsArray(section)) {
            FAIL_AT(&ld, section, "expected an array of rules for \"%s\"", sec->name);
            return false;
        }
        const cJSON *rule;
        cJSON_ArrayForEach(rule, section) {
            if (!check_rule(&ld, sec, rule))
                return false;
            if (sec->single && rs->priv->singles[sec - SECTIONS]++) {
                FAIL_AT(&ld, rule, "there can be only one \"%s\" rule", sec->name);
                return false;
            }
            sec->add(&ld, rule, sec);
            if (err->set)
                return false;
        }
    }
    return true;
}

static struct rule_set *rules_new(void)
{
    struct rule_set *rs = xcalloc(1, sizeof *rs);
    rs->priv = xcalloc(1, sizeof *rs->priv);
    return rs;
}

static void add_file(struct rule_set *rs, char *path, char *text)
{
    struct rules_private *p = rs->priv;
    p->files = xrealloc(p->files, (p->nfiles + 1) * sizeof *p->files);
    p->files[p->nfiles++] = (struct loaded_file){.path = path, .text = text};
}

/* The words of l that begin with a measure word of q, a qualifier inside
 * units (个 of 个小时), take q's words after it too (个多小时): made from
 * the rules' words, none typed. */
static void add_inside_words(struct arena *a, const struct qualifier_rule *q, struct word_list *l)
{
    /* the list's own words: with cap at their count the first word added
     * moves the list to new arrays, and own's stay as they were */
    const struct word_list own = *l;
    size_t cap = l->n;
    for (size_t w = 0; w < own.n; w++)
        for (size_t m = 0; m < q->after.n; m++) {
            const UChar *word = own.words[w];
            int32_t wl = own.lens[w], ml = q->after.lens[m];
            if (wl <= ml || memcmp(word, q->after.words[m], (size_t)ml * sizeof *word))
                continue;
            for (size_t j = 0; j < q->words.n; j++) {
                int32_t ql = q->words.lens[j], len = wl + ql;
                UChar *u = arena_alloc(a, ((size_t)len + 1) * sizeof *u);
                memcpy(u, word, (size_t)ml * sizeof *u);
                memcpy(u + ml, q->words.words[j], (size_t)ql * sizeof *u);
                memcpy(u + ml + ql, word + ml, (size_t)(wl - ml) * sizeof *u);
                u[len] = 0;
                add_word(a, l, &cap, u, len);
            }
        }
    if (l->n != own.n)
        word_list_index(a, l);
}

/* The words of the units (and of the compounds' parts: 两年三个多月) of a
 * qualifier's kinds take its words inside them (add_inside_words). */
static void add_inside_qualifier_words(struct rule_set *rs)
{
    struct arena *a = &rs->priv->arena;
    for (size_t i = 0; i < rs->n_qualifiers; i++) {
        const struct qualifier_rule *q = &rs->qualifiers[i];
        if (q->position != QUAL_INSIDE_UNIT)
            continue;
        /* 3个多人病房: a count's measure word begins a word of its own */
        for (size_t k = 0; k < rs->n_units; k++)
            if (!q->unit_kinds.n || name_list_has(&q->unit_kinds, rs->units[k].kind))
                add_inside_words(a, q, &rs->units[k].words);
        for (size_t k = 0; k < rs->n_compounds; k++) {
            const struct unit_rule *u = rs->compounds[k].unit;
            if (u && (!q->unit_kinds.n || name_list_has(&q->unit_kinds, u->kind)))
                add_inside_words(a, q, &rs->compounds[k].words);
        }
    }
}

/* The indexes of a loaded rule set (see rules.h). */
static void index_rules(struct rule_set *rs)
{
    size_t count[1024] = {0}, total = 0;
    for (size_t i = 0; i < rs->n_units; i++)
        for (int b = 0; b < 1024; b++)
            if (WORD_LIST_BIT(rs->units[i].words.firsts, b)) {
                count[b]++;
                total++;
            }
    rs->unit_index = arena_alloc(&rs->priv->arena, (total ? total : 1) * sizeof *rs->unit_index);
    for (int b = 0; b < 1024; b++)
        rs->unit_index_start[b + 1] = (uint16_t)(rs->unit_index_start[b] + count[b]);
    size_t at[1024];
    for (int b = 0; b < 1024; b++)
        at[b] = rs->unit_index_start[b];
    for (size_t i = 0; i < rs->n_units; i++)
        for (int b = 0; b < 1024; b++)
            if (WORD_LIST_BIT(rs->units[i].words.firsts, b))
                rs->unit_index[at[b]++] = (uint16_t)i;
    for (size_t i = 0; i < rs->n_numerals; i++)
        for (int w = 0; w < 16; w++)
            rs->numeral_firsts[w] |= rs->numerals[i].words.firsts[w];
    for (size_t i = 0; i < rs->n_vague_numerals; i++)
        for (int w = 0; w < 16; w++)
            rs->numeral_firsts[w] |= rs->vague_numerals[i].words.firsts[w];
    for (size_t i = 0; i < rs->n_halves; i++)
        for (int w = 0; w < 16; w++)
            rs->numeral_firsts[w] |= rs->halves[i].words.firsts[w];
    for (size_t i = 0; i < rs->n_units; i++)
        if (!rs->units[i].local && !strcmp(rs->units[i].kind, "money"))
            for (int w = 0; w < 16; w++)
                rs->currency_lasts[w] |= rs->units[i].words.lasts[w];
    size_t n = rs->n_exclusions + rs->n_time_refs;
    struct pattern **spans = xmalloc((n ? n : 1) * sizeof *spans);
    for (size_t k = 0; k < rs->n_exclusions; k++)
        spans[k] = rs->exclusions[k].re;
    for (size_t k = 0; k < rs->n_time_refs; k++)
        spans[rs->n_exclusions + k] = rs->time_refs[k].re;
    pattern_group_init(&rs->spans, spans, n);
    free(spans);
}

/* The unit rule each compound rule names by id, and the place each time
 * rule names: an error at the name if no rule file has it. */
/* The unit rule of that id, which file's JSON node names; NULL (err filled,
 * pointing at the node) where no rule has it. */
static const struct unit_rule *named_unit(struct rule_set *rs, size_t file, const cJSON *node, const char *id,
                                          struct pl_error *err)
{
    for (size_t k = 0; k < rs->n_units; k++)
        if (!strcmp(rs->units[k].id, id))
            return &rs->units[k];
    struct loader ld = {.rs = rs, .file = &rs->priv->files[file], .err = err};
    FAIL_AT(&ld, node, "no rule file has the unit rule \"%s\"", id);
    return NULL;
}

static bool resolve_names(struct rule_set *rs, struct pl_error *err)
{
    for (size_t i = 0; i < rs->n_time_refs; i++) {
        struct pattern_rule *t = &rs->time_refs[i];
        for (size_t k = 0; t->place && !t->place_rule && k < rs->n_places; k++)
            if (!strcmp(rs->places[k].id, t->place))
                t->place_rule = &rs->places[k];
        if (t->place && !t->place_rule) {
            struct loader ld = {.rs = rs, .file = &rs->priv->files[t->file], .err = err};
            FAIL_AT(&ld, t->place_node, "no rule file has the place rule \"%s\"", t->place);
            return false;
        }
    }
    for (size_t i = 0; i < rs->n_units; i++) {
        struct unit_rule *u = &rs->units[i];
        if (u->quantity_in_id && !(u->quantity_in = named_unit(rs, u->file, u->quantity_in_node,
                                                               u->quantity_in_id, err)))
            return false;
    }
    for (size_t i = 0; i < rs->n_compounds; i++) {
        struct compound_rule *c = &rs->compounds[i];
        if (c->unit_rule && !(c->unit = named_unit(rs, c->file, c->unit_rule_node, c->unit_rule, err)))
            return false;
    }
    return true;
}

/* A loaded rule set, its names resolved, made whole: the words its rules
 * imply (add_inside_qualifier_words), then its indexes. */
static void complete_rules(struct rule_set *rs)
{
    add_inside_qualifier_words(rs);
    index_rules(rs);
}

struct rule_set *rules_load_text(const char *path, const char *text, struct pl_error *err)
{
    struct rule_set *rs = rules_new();
    add_file(rs, xstrdup(path), xstrdup(text));
    if (!load_file(rs, 0, err) || !resolve_names(rs, err)) {
        rules_free(rs);
        return NULL;
    }
    complete_rules(rs);
    return rs;
}

static char *read_text(const char *path, struct pl_error *err)
{
    struct buf b = {0};
    int e;
    if (!buf_read_file(&b, path, &e)) {
        pl_error_set(err, path, 0, 0, "cannot read rule file: %s", strerror(e));
        buf_free(&b);
        return NULL;
    }
    if (strlen(b.data) != b.len) {
        pl_error_set(err, path, 0, 0, "rule file contains a NUL byte");
        buf_free(&b);
        return NULL;
    }
    return b.data;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct class_words {
    struct rule_set *rs;
    struct unit_rule *unit;
    struct words_building b;
};

/* A word of the lexicon for a unit of word_class, unless a unit rule has it. */
static void add_class_word(void *ctx, const UChar *w, int32_t n)
{
    struct class_words *cw = ctx;
    for (size_t i = 0; i < cw->rs->n_units; i++) {
        const struct word_list *l = &cw->rs->units[i].words;
        if (&cw->rs->units[i] == cw->unit)
            continue;
        for (size_t k = 0; k < l->n; k++)
            if (l->lens[k] == n && !memcmp(l->words[k], w, (size_t)n * sizeof *w))
                return;
    }
    add_utf16_word(&cw->b, w, n);
}

/* The words of the units that take them from the lexicon's classes. */
struct currency_units {
    struct rule_set *rs;
    struct unit_rule template;
};

/* One rule for the currency iso, made from the template, where no money rule
 * names it yet and CLDR gives it a name. */
static void add_currency_unit(void *ctx, const char *iso)
{
    struct currency_units *cu = ctx;
    struct rule_set *rs = cu->rs;
    for (size_t i = 0; i < rs->n_units; i++)
        if (!strcmp(rs->units[i].kind, "money") && !strcmp(rs->units[i].unit, iso))
            return;
    struct unit_rule u = cu->template;
    u.all_currencies = false;
    u.words = (struct word_list){0};
    struct words_building b = {&rs->priv->arena, &u.words, 0};
    if (!cldr_currency_words(iso, add_utf16_word, &b))
        return;
    word_list_index(&rs->priv->arena, &u.words);
    u.unit = arena_strdup(&rs->priv->arena, iso);
    *GROW(rs->units, rs->n_units) = u;
}

/* The rules of a "currency": "*" template: every other currency of CLDR,
 * each its own unit (阿联酋迪拉姆 AED), after the rules the files give. */
static void add_currency_units(struct rule_set *rs)
{
    for (size_t i = 0; i < rs->n_units; i++)
        if (rs->units[i].all_currencies) {
            struct currency_units cu = {rs, rs->units[i]};
            cldr_each_currency(add_currency_unit, &cu);
            return;
        }
}

static void add_class_units(struct rule_set *rs)
{
    for (size_t i = 0; i < rs->n_units; i++) {
        struct unit_rule *u = &rs->units[i];
        if (!u->word_class)
            continue;
        struct class_words cw = {rs, u, {&rs->priv->arena, &u->words, u->words.n}};
        wordclass_each(rs->words, u->word_class, 1, add_class_word, &cw);
        word_list_index(&rs->priv->arena, &u->words);
    }
}

/* The word classes of the folder, where it has them: a folder without
 * them (a test's) gives subjects without word classes. */
static bool load_words(struct rule_set *rs, const char *dir, struct pl_error *err)
{
    size_t dl = strlen(dir);
    const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
    char *path = xasprintf("%s%swordclass.tsv", dir, sep);
    char *fold = xasprintf("%s%swordclass_fold.tsv", dir, sep);
    bool ok = true;
    if (access(path, F_OK) == 0) {
        rs->words = wordclass_load(path, access(fold, F_OK) == 0 ? fold : NULL, err);
        ok = rs->words != NULL;
    }
    free(path);
    free(fold);
    return ok;
}

struct rule_set *rules_load(const char *dir, struct pl_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        pl_error_set(err, dir, 0, 0, "cannot open rules folder: %s", strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json"))
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    struct rule_set *rs = rules_new();
    bool ok = n > 0;
    if (!ok)
        pl_error_set(err, dir, 0, 0, "no rule files (*.json) in the rules folder");
    for (size_t i = 0; i < n; i++) {
        size_t dl = strlen(dir);
        char *path = xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        char *text = ok ? read_text(path, err) : NULL;
        if (!text) {
            free(path);
            ok = false;
            continue;
        }
        add_file(rs, path, text);
        if (!load_file(rs, rs->priv->nfiles - 1, err))
            ok = false;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    for (size_t i = 0; ok && i < sizeof SECTIONS / sizeof *SECTIONS; i++) {
        if (SECTIONS[i].single && !rs->priv->singles[i]) {
            pl_error_set(err, dir, 0, 0, "no \"%s\" rule in any rule file", SECTIONS[i].name);
            ok = false;
        }
    }
    if (ok)
        ok = load_words(rs, dir, err);
    if (ok) {
        add_class_units(rs);
        add_currency_units(rs);
    }
    if (ok)
        ok = resolve_names(rs, err);
    if (!ok) {
        rules_free(rs);
        return NULL;
    }
    complete_rules(rs);
    return rs;
}

size_t rules_patterns(const struct rule_set *rs, struct pattern *const **patterns)
{
    *patterns = rs->priv->patterns;
    return rs->priv->npatterns;
}

/* ------------------------------------------------------------ sharing */

/* The pattern of c (a share of base) that stands for base's pattern p. */
static struct pattern *counterpart(const struct rule_set *c, const struct rule_set *base,
                                   const struct pattern *p)
{
    for (size_t i = 0; p && i < base->priv->npatterns; i++)
        if (base->priv->patterns[i] == p) {
            c->priv->mapped[i] = true;
            return c->priv->patterns[i];
        }
    return NULL;
}

static void *copy_array(const void *a, size_t n, size_t size)
{
    void *c = xmalloc((n ? n : 1) * size);
    if (n)
        memcpy(c, a, n * size);
    return c;
}

#define COPY_ARRAY(c, name) ((c)->name = copy_array((c)->name, (c)->n_##name, sizeof *(c)->name))

struct rule_set *rules_share(const struct rule_set *rs, struct pl_error *err)
{
    if (rs->priv->base)
        rs = rs->priv->base;
    const struct rules_private *b = rs->priv;
    struct pattern **patterns = xmalloc((b->npatterns ? b->npatterns : 1) * sizeof *patterns);
    for (size_t i = 0; i < b->npatterns; i++) {
        if (!(patterns[i] = pattern_clone(b->patterns[i]))) {
            while (i-- > 0)
                pattern_close(patterns[i]);
            free(patterns);
            pl_error_set(err, NULL, 0, 0, "cannot clone a rule's pattern for a thread: out of memory");
            return NULL;
        }
    }
    struct rule_set *c = xmalloc(sizeof *c);
    *c = *rs;
    c->priv = xcalloc(1, sizeof *c->priv);
    c->priv->base = rs;
    c->priv->patterns = patterns;
    c->priv->npatterns = b->npatterns;
    c->priv->mapped = xcalloc(b->npatterns ? b->npatterns : 1, sizeof *c->priv->mapped);
    COPY_ARRAY(c, exclusions);
    COPY_ARRAY(c, time_refs);
    COPY_ARRAY(c, periods);
    COPY_ARRAY(c, when);
    COPY_ARRAY(c, changes);
    COPY_ARRAY(c, deltas);
    COPY_ARRAY(c, implied_unit_carries);
    for (size_t k = 0; k < c->n_exclusions; k++)
        c->exclusions[k].re = counterpart(c, rs, c->exclusions[k].re);
    for (size_t k = 0; k < c->n_time_refs; k++)
        c->time_refs[k].re = counterpart(c, rs, c->time_refs[k].re);
    for (size_t k = 0; k < c->n_periods; k++)
        c->periods[k].re = counterpart(c, rs, c->periods[k].re);
    for (size_t k = 0; k < c->n_when; k++)
        c->when[k].re = counterpart(c, rs, c->when[k].re);
    for (size_t k = 0; k < c->n_changes; k++) {
        c->changes[k].before = counterpart(c, rs, c->changes[k].before);
        c->changes[k].between = counterpart(c, rs, c->changes[k].between);
    }
    for (size_t k = 0; k < c->n_deltas; k++) {
        c->deltas[k].before = counterpart(c, rs, c->deltas[k].before);
        c->deltas[k].after = counterpart(c, rs, c->deltas[k].after);
    }
    for (size_t k = 0; k < c->n_implied_unit_carries; k++)
        c->implied_unit_carries[k].re = counterpart(c, rs, c->implied_unit_carries[k].re);
    c->line_join.list_item = counterpart(c, rs, c->line_join.list_item);
    struct pattern **spans = xmalloc((rs->spans.n ? rs->spans.n : 1) * sizeof *spans);
    for (size_t k = 0; k < rs->spans.n; k++)
        spans[k] = counterpart(c, rs, rs->spans.patterns[k]);
    pattern_group_share(&c->spans, &rs->spans, spans);
    free(spans);
    /* every pattern of the rules is named by a field copied above: one a
     * new section names and this function does not would be shared with
     * its matcher's state between threads */
    for (size_t i = 0; i < b->npatterns; i++)
        if (!c->priv->mapped[i]) {
            pl_error_set(err, NULL, 0, 0, "a rule's pattern is not given its own matcher in a share of the rules");
            rules_free(c);
            return NULL;
        }
    return c;
}

void rules_free(struct rule_set *rs)
{
    if (!rs)
        return;
    struct rules_private *p = rs->priv;
    /* a share's own: its patterns (clones), the group of its spans and the
     * rules that name its patterns */
    pattern_group_free(&rs->spans);
    for (size_t i = 0; i < p->npatterns; i++)
        pattern_close(p->patterns[i]);
    free(p->patterns);
    free(p->mapped);
    free(rs->exclusions);
    free(rs->time_refs);
    free(rs->periods);
    free(rs->when);
    free(rs->changes);
    free(rs->deltas);
    free(rs->implied_unit_carries);
    if (p->base) {
        free(p);
        free(rs);
        return;
    }
    wordclass_free(rs->words);
    for (size_t i = 0; i < p->nfiles; i++) {
        free(p->files[i].path);
        free(p->files[i].text);
        cJSON_Delete(p->files[i].root);
    }
    free(p->files);
    arena_free(&p->arena);
    free(p);
    free(rs->units);
    free(rs->places);
    free(rs->compounds);
    free(rs->qualifiers);
    free(rs->numerals);
    free(rs->vague_numerals);
    free(rs->range_connectors);
    free(rs->level_connectors);
    free(rs->list_connectors);
    free(rs->decimal_points);
    free(rs->minus_signs);
    free(rs->plus_minus_signs);
    free(rs->plus_signs);
    free(rs->range_asides);
    free(rs->halves);
    free(rs->rate_separators);
    free(rs->comparison_markers);
    free(rs->table_unit_markers);
    free(rs->table_label_trims);
    free(rs->table_delta_headers);
    free(rs->table_rank_headers);
    free(rs->table_time_headers);
    free(rs->implied_units);
    free(rs->implied_unit_links);
    free(rs->checks);
    free(rs->examples);
    free(rs);
}
