/* decode: a document's bytes to UTF-16 text with a byte offset for every
 * UTF-16 unit.
 *
 * The charset is doc->declared_encoding when set (any name ICU knows);
 * else the one a byte-order mark names (UTF-8, UTF-16LE, UTF-16BE: the
 * mark is not part of the text, and bytes invalid in that charset fail the
 * document); else UTF-8 when the bytes are strictly UTF-8; else what ICU's
 * charset detector finds among GB18030 (GBK, GB2312), Big5 and UTF-16, if
 * the bytes decode cleanly in it (UTF-16 only where its NUL bytes show
 * it: a stray NUL is a binary file, skipped). The
 * offsets are into the original bytes whatever the charset (ucnv_toUnicode
 * gives them). Invalid input is never replaced: the document fails with
 * "name:LINE: invalid UTF-8 byte 0xC3" (the line of the first bad byte).
 * doc->encoding says which charset was used, doc->encoding_confidence how
 * sure the detector was (100 when not detected). */
#ifndef PIPELINE_DECODE_H
#define PIPELINE_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/utf16.h>

#include "model.h"

/* The largest document read: its text and offsets are indexed by int32_t. */
#define DECODE_MAX_BYTES ((size_t)INT32_MAX / 2)

/* Open path to read, if it is a regular file of at most max bytes:
 * its type is checked before it is opened (a FIFO would hang the open, a
 * device is read forever), then again on the descriptor, opened without
 * blocking. A descriptor (to close) and its *size; else -2 when it is not a
 * regular file (to skip), -1 when it cannot be read or is too large, with
 * *why (to free) saying so. */
int decode_open(const char *path, size_t max, size_t *size, char **why);

/* What kind of file a mode (st_mode) is: "a FIFO", "a folder" ... */
const char *decode_file_kind(unsigned mode);

/* Read doc->path into doc->bytes, as large as it was when opened (see
 * decode_open). False when it cannot be read or is empty (doc marked
 * failed), or is not a regular file (doc marked skipped). */
bool decode_read(struct doc *doc);

/* Whether ICU has a converter of that name (an --encoding): checked before
 * a run, so that a name it does not know is a usage error, not a failure
 * of every document. */
bool decode_charset_known(const char *name);

/* Fill doc->text, doc->offsets, doc->len and doc->encoding from doc->bytes.
 * False (doc marked failed, with the position) on invalid input. */
bool decode_text(struct doc *doc);

/* The length in bytes of the character that begins at byte `at` of the
 * decoded document, in its charset. */
size_t decode_char_length(const struct doc *doc, size_t at);

/* The document's bytes [start, end) as UTF-8, in doc->arena. */
char *decode_span_utf8(struct doc *doc, size_t start, size_t end);

/* s[0, n) as valid UTF-8 (to free): each byte that is not part of a
 * valid sequence becomes U+FFFD. */
char *decode_valid_utf8(const char *s, size_t n);

/* UTF-16 text s[0, n) as UTF-8 into out, which holds 3 * n bytes at
 * least; a lone surrogate becomes U+FFFD. The length written (no NUL). */
size_t decode_utf8_of(char *out, const UChar *s, int32_t n);

/* The UTF-16 character at s[*i] (of n units) as UTF-8 at o, *i moved past
 * it; a lone surrogate as U+FFFD. Where the bytes end. */
static inline unsigned char *decode_put_utf8(unsigned char *o, const UChar *s, int32_t *i, int32_t n)
{
    UChar32 c = s[(*i)++];
    if (c < 0x80) {
        *o++ = (unsigned char)c;
        return o;
    }
    if (U16_IS_SURROGATE(c)) {
        if (U16_IS_SURROGATE_LEAD(c) && *i < n && U16_IS_TRAIL(s[*i]))
            c = U16_GET_SUPPLEMENTARY(c, s[(*i)++]);
        else
            c = 0xFFFD;
    }
    if (c < 0x800) {
        *o++ = (unsigned char)(0xC0 | c >> 6);
    } else if (c < 0x10000) {
        *o++ = (unsigned char)(0xE0 | c >> 12);
        *o++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    } else {
        *o++ = (unsigned char)(0xF0 | c >> 18);
        *o++ = (unsigned char)(0x80 | (c >> 12 & 0x3F));
        *o++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    }
    *o++ = (unsigned char)(0x80 | (c & 0x3F));
    return o;
}

#endif
