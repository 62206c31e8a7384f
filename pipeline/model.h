/* model: the data every stage passes on — a document and its claims.
 *
 * A document owns everything hung on it: its bytes, its decoded text, its
 * sentences and its claims, all allocated from doc->arena (or, for the
 * large arrays, with xmalloc and freed by doc_free). */
#ifndef PIPELINE_MODEL_H
#define PIPELINE_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "decimal.h"
#include "xalloc.h"

struct unit_rule;

/* One numeric claim; the fields are those of CLAIMS.md. Strings are UTF-8
 * in the document's arena; an empty optional field is NULL. */
struct claim {
    int32_t start, end;            /* the quote, in UTF-16 units of doc->text */
    size_t byte_start, byte_end;   /* the quote, in bytes of the input file */
    int line, column;              /* 1-based; column counts characters */
    const char *quote;             /* the source bytes byte_start..byte_end */
    struct decimal value;
    bool has_lower, has_upper;
    bool is_range;
    bool plus_minus;               /* 正负3%: the bounds are −value and value */
    bool context_cut_before, context_cut_after;
    struct decimal lower, upper;
    const char *unit, *kind, *qualifier, *role;
    int group;                     /* 0: none; else written "g<group>" */
    int32_t context_start;         /* see sentence */
    const char *period, *subject, *time_ref;
    const char *when;              /* time_ref resolved to ISO 8601 (when.h) */
    /* The claim's sentence; NULL in a sentence too long to write whole,
     * where the claim's surroundings doc->text[context_start, context_end)
     * are written instead, "…" where they are cut (claim_sentence), made
     * only as the row is, so that a list of 40,000 figures does not hold
     * 40,000 copies of its surroundings. */
    const char *sentence;
    const char *rule;              /* ids of the rules that made it, "+"-joined */
    char id[17];                   /* 16 letters, never digits; see normalise.h */
    int32_t context_end;

    /* Set by extract, read by normalise: the numeral as written and the
     * unit rule whose factor turns it into value (is_range and plus_minus
     * above too). */
    struct decimal number, number_upper;
    const struct unit_rule *unit_rule;
    const struct unit_rule *per_rule; /* the unit of a rate's denominator (元/吨), or NULL */

    const struct review *review;   /* a reviewer's verdict from --reviews, or NULL */
};

struct review;

/* A relation between a document's claims that its text states (check.h):
 * the stated figure, the figures it is computed from, and whether they
 * agree within the report's rounding. Strings in the document's arena. */
struct check {
    const char *relation;          /* sum share difference change_pp change_percent change_fold */
    const char *rule;              /* the id of the rule that found it */
    size_t *claims;                /* indices in doc->claims: the stated one first, then its inputs */
    size_t nclaims;
    struct decimal stated, computed, tolerance;
    bool has_tolerance;            /* false: a qualifier leaves it open on one side */
    bool consistent;
    const char *note;              /* the computation in words */
    char id[17];
};

/* A document's output rows, rendered on the thread that analysed it and
 * written in order by emit (see emit.h). The audit page's parts hold
 * holes: places where a number that only the writer knows goes (the
 * document's index on the page, a claim's index among all the page's). */
enum {
    ROWS_CLAIMS_CSV, ROWS_CLAIMS_JSON, ROWS_DOCUMENT_CSV, ROWS_DOCUMENT_JSON, ROWS_EXCEL_CSV,
    ROWS_PAGE_SECTION, ROWS_PAGE_CLAIMS, ROWS_PAGE_PROBLEM, ROWS_CHECKS_CSV, ROWS_CHECKS_JSON, NROWS
};
struct row_hole {
    size_t at;                     /* offset in the row's text */
    size_t claim;                  /* the document's claim whose page index goes here */
    bool is_claim;                 /* else the document's page index goes here */
};
struct doc_rows {
    struct buf text[NROWS];
    struct row_hole *holes[NROWS];
    size_t nholes[NROWS], holes_cap[NROWS];
    bool page;                     /* the page's parts are rendered (a large document's are not:
                                    * emit writes them straight out) */
};

struct sentence {
    int32_t start, end;            /* in UTF-16 units of doc->text */
};

/* A table of the document (HTML <table>, Markdown, aligned columns): its
 * cells on a grid. Spans are in doc->text, blanks trimmed (start == end: an
 * empty cell); see tables.h. */
struct table_cell {
    int32_t start, end;
    size_t byte_start, byte_end;   /* the same span in the file, to find it again after edits */
    int row, col, rowspan, colspan;
    bool header;                   /* marked a header by the markup (<th>) */
    bool loose;                    /* its column is not known: a row of fewer figures than
                                    * its table has columns, set with single blanks, or a
                                    * row of no figure whose page dropped empty cells (| ||||) */
    bool collapsed;                /* its row, of no figure, holds two pipes with nothing
                                    * between them (| 增长% | |||), with a leading pipe or not */
};

struct doc_table {
    struct table_cell *cells;      /* in text order */
    size_t ncells;
    int nrows, ncols;
    int32_t start, end;            /* the table's text: no sentence reads inside it */
    int32_t caption_start, caption_end; /* a caption or a unit line; start == end: none */
    size_t byte_start, byte_end, caption_byte_start, caption_byte_end;
    bool ledger;                   /* rows of a label and its figures, set with single blanks
                                    * (a yearbook's page as text): units are written, none implied */
    bool counted;                  /* its rows told apart by counting cells alone (a cell a line
                                    * set column by column): units as written only, none implied */
    bool header_lost;              /* lines above its rows that a header's would be, but do not
                                    * fit its columns: a figure has the unit its cell writes, or none */
    bool corner_names_row;         /* its first row has no label of its own: the corner names it
                                    * (出院人数 over the years, then the first row's figures) */
};

/* PARTIAL: read in part (the rest could not be), its claims written. */
enum doc_status { DOC_OK, DOC_PARTIAL, DOC_FAILED, DOC_SKIPPED };

struct doc {
    char *name;                    /* as written in the output: path relative to its input root */
    char *path;                    /* where to read it */
    unsigned char *bytes;          /* the whole file */
    size_t nbytes;
    const char *encoding;          /* e.g. "UTF-8", "GB18030" */
    int encoding_confidence;       /* 0–100: how sure the charset detector was */
    const char *declared_encoding; /* given by the user; NULL to detect */

    /* The text to extract from, in UTF-16. offsets[i] is the byte in
     * `bytes` where text[i] begins; offsets[len] is where the text ends.
     * segment may drop characters (line breaks inside a sentence), so
     * offsets need not be contiguous. */
    UChar *text;
    int32_t *offsets;
    int32_t len;
    /* Where each unit's character ends in `bytes`, for text taken out of
     * markup (an entity like &nbsp; is one character of several bytes);
     * NULL when the text is the file's own, character after character. */
    int32_t *ends;
    bool markup;                   /* text assembled from HTML or XML: blocks are paragraphs */
    bool html;                     /* to be read as an HTML page once decoded */
    /* A feed's items borrow the feed's bytes: owner is the feed. refs
     * counts the document's own hold (1, dropped by doc_free) and its
     * borrowers; items are freed on worker threads while the feed is still
     * read, so it is atomic and whoever drops it to 0 frees the document. */
    struct doc *owner;
    atomic_int refs;
    int archive_line;              /* a JSON Lines article: its line in the archive, else 0 */
    /* A feed's item: the part of the feed's bytes its text comes from,
     * [window_from, window_to), and the line and column where that part
     * begins, so that its positions are counted within it; window_line 0:
     * counted in the whole file. */
    size_t window_from, window_to;
    int window_line, window_column;
    /* A block of a document read in blocks (see pipeline.c): its bytes are
     * the file's from byte `base` on, and its text may begin inside a line
     * (mid_line: that line is a long one for line joining). */
    size_t base;
    bool mid_line;
    bool in_blocks;                /* a document too large to hold: read, analysed and written in blocks */
    const size_t *place_counts;    /* a block: its document's place words, counted (extract.h) */

    /* From the page or the archive, where given; else NULL. */
    char *title, *date, *url;
    /* The date the document's times are resolved against (when.h):
     * YYYY-MM-DD, "" where none is known, and where it came from ("option",
     * "page", "feed", "archive", "text"; NULL with none). date_option is
     * --date, borrowed from the run's options; NULL where not given. */
    char day[11];
    const char *day_from;
    const char *date_option;

    struct sentence *sentences;
    size_t nsentences;

    struct doc_table *tables;      /* xmalloc'd, with their cells */
    size_t ntables;

    struct claim *claims;
    size_t nclaims, claims_cap;
    int groups;                    /* change groups numbered so far */

    struct check *checks;          /* the relations of its claims (check.h), in the arena */
    size_t nchecks;

    enum doc_status status;
    char *error;                   /* why it failed, "path:line: text" */
    struct doc_rows *rows;         /* set by emit_render */

    struct arena arena;
};

/* Called with each document a file yields (a feed's items, an archive's
 * articles); takes ownership of doc. False stops the reading. */
typedef bool (*doc_fn)(void *ctx, struct doc *doc);

/* A new document to be read from path and named name in the output. */
struct doc *doc_new(const char *name, const char *path);
/* Mark doc failed with message (copied). The first failure wins. */
void doc_fail(struct doc *doc, const char *message);
/* Mark doc read only in part, with message (copied); its claims count. */
void doc_partial(struct doc *doc, const char *message);
/* Mark doc skipped (not a text document: binary) with message (copied). */
void doc_skip(struct doc *doc, const char *message);
/* Append a zeroed claim and return it (valid until the next doc_add_claim). */
struct claim *doc_add_claim(struct doc *doc);
/* The sentence c is written with: c->sentence, or its surroundings made
 * from doc->text into scratch (scratch's data, valid until scratch is
 * changed); NULL when it has none. */
const char *claim_sentence(const struct doc *doc, const struct claim *c, struct buf *scratch);
/* Let go of doc: it is freed now, or, when others borrow its bytes, with
 * the last of them. Safe from any thread, each document once. */
void doc_free(struct doc *doc);
/* Make doc borrow owner's bytes: owner lives until doc is freed. */
void doc_borrow(struct doc *doc, struct doc *owner);

#endif
