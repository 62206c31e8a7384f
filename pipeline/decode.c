/* decode: reading a document and turning its bytes into UTF-16 with an
 * offset map. The map is the contract that lets every later stage speak of
 * positions in the original file. */
#include "decode.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "srcmap.h"

const char *decode_file_kind(unsigned mode)
{
    return S_ISDIR(mode)    ? "a folder"
           : S_ISFIFO(mode) ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

int decode_open(const char *path, size_t max, size_t *size, char **why)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *why = xasprintf("cannot read: %s", strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = xasprintf("not a regular file (%s), skipped", decode_file_kind(st.st_mode));
        return -2;
    }
    /* O_NONBLOCK: what was swapped in since the stat cannot hang the open */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat now;
    if (fd < 0 || fstat(fd, &now) != 0) {
        *why = xasprintf("cannot read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(now.st_mode)) {
        close(fd);
        *why = xasprintf("not a regular file (%s), skipped", decode_file_kind(now.st_mode));
        return -2;
    }
    if ((uintmax_t)now.st_size > max) {
        close(fd);
        *why = xasprintf("file too large (%jd bytes, at most %zu)", (intmax_t)now.st_size, max);
        return -1;
    }
    *size = (size_t)now.st_size;
    return fd;
}

/* Mark doc failed (or skipped) with "NAME: why"; frees why. */
static void refuse(struct doc *doc, char *why, bool skip)
{
    char *msg = xasprintf("%s: %s", doc->name, why);
    if (skip)
        doc_skip(doc, msg);
    else
        doc_fail(doc, msg);
    free(msg);
    free(why);
}

bool decode_read(struct doc *doc)
{
    size_t size;
    char *why = NULL;
    int fd = decode_open(doc->path, DECODE_MAX_BYTES, &size, &why);
    if (fd < 0) {
        refuse(doc, why, fd == -2);
        return false;
    }
    /* the size it had when opened, and no more: a file that grows while
     * it is read (a log) is read as it was, not to the end of memory */
    unsigned char *data = xmalloc(size + 1);
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            why = xasprintf("cannot read: %s", strerror(errno));
            break;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    data[got] = 0;
    doc->bytes = data;
    doc->nbytes = got;
    if (why) {
        refuse(doc, why, false);
        return false;
    }
    if (got == 0) {
        refuse(doc, xstrdup("empty file"), false);
        return false;
    }
    return true;
}

static void fail_at(struct doc *doc, size_t at, const char *charset, const char *what)
{
    struct srcmap map;
    int line, column;
    srcmap_init_charset(&map, doc->bytes, 0, doc->nbytes, 1, 1, charset, false);
    srcmap_locate(&map, at, &line, &column);
    srcmap_free(&map);
    char *msg = xasprintf("%s:%d: %s 0x%02X", doc->name, line, what, doc->bytes[at]);
    doc_fail(doc, msg);
    free(msg);
}

/* Strict UTF-8 (after an optional BOM). On failure, *bad is the offset of
 * the first bad byte and *nul says whether it was a NUL. */
static bool decode_utf8(struct doc *doc, UChar *text, int32_t *offsets, size_t *bad, bool *nul)
{
    const uint8_t *s = doc->bytes;
    int32_t n = (int32_t)doc->nbytes;
    bool bom = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
    int32_t i = bom ? 3 : 0, len = 0;
    while (i < n) {
        int32_t at = i;
        uint8_t b = s[i];
        /* the common cases first: ASCII but NUL, and three bytes that
         * cannot be overlong or a surrogate (most of CJK) */
        if (b - 1u < 0x7F) {
            offsets[len] = at;
            text[len++] = b;
            i++;
            continue;
        }
        if (((b >= 0xE1 && b <= 0xEC) || b >= 0xEE) && b <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            offsets[len] = at;
            text[len++] = (UChar)((b & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F));
            i += 3;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c <= 0) {
            *bad = (size_t)at;
            *nul = c == 0;
            return false;
        }
        offsets[len] = at;
        if (U_IS_BMP(c)) {
            text[len++] = (UChar)c;
        } else {
            text[len++] = U16_LEAD(c);
            offsets[len] = at;
            text[len++] = U16_TRAIL(c);
        }
    }
    offsets[len] = n;
    text[len] = 0;
    doc->len = len;
    doc->encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
    return true;
}

/* Decode with an ICU converter from byte `start`, stopping at the first
 * byte sequence that is not valid in that charset (offset in *bad). */
static bool decode_charset(struct doc *doc, const char *charset, int32_t start, UChar *text,
                           int32_t *offsets, size_t *bad)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) {
        *bad = (size_t)-1;
        return false;
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    const char *src = (const char *)doc->bytes + start, *limit = (const char *)doc->bytes + doc->nbytes;
    UChar *target = text;
    ucnv_toUnicode(cv, &target, text + doc->nbytes, &src, limit, offsets, true, &status);
    int32_t len = (int32_t)(target - text);
    bool ok = U_SUCCESS(status);
    if (!ok) {
        char invalid[32];
        int8_t k = sizeof invalid;
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv, invalid, &k, &e2);
        *bad = (size_t)(src - (const char *)doc->bytes) - (U_SUCCESS(e2) ? (size_t)k : 0);
    }
    ucnv_close(cv);
    for (int32_t i = 0; ok && i < len; i++) {
        if (text[i] == 0) {
            *bad = (size_t)(offsets[i] + start);
            ok = false;
        }
        offsets[i] += start;
    }
    if (!ok)
        return false;
    offsets[len] = (int32_t)doc->nbytes;
    text[len] = 0;
    doc->len = len;
    return true;
}

/* The charsets the detector may choose: those Chinese reports come in. */
static const char *const DETECTABLE[] = {"GB18030", "Big5", "UTF-16LE", "UTF-16BE", NULL};

/* ICU's detector gives real Chinese text in GB18030 or Big5 84 to 100, and
 * a few stray bytes 10: below this it is guessing. */
enum { MIN_CONFIDENCE = 30 };

/* Is this UTF-8 with a few bad bytes rather than another charset? Text in
 * GB18030 or Big5 forms valid UTF-8 sequences only by chance, so most of
 * its high bytes are invalid as UTF-8. */
static bool mostly_utf8(const struct doc *doc)
{
    const uint8_t *s = doc->bytes;
    int32_t n = (int32_t)doc->nbytes, i = 0;
    size_t valid = 0, invalid = 0;
    while (i < n) {
        UChar32 c;
        int32_t at = i;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            invalid++;
        else if (i - at > 1)
            valid++;
    }
    return valid >= 4 * invalid;
}

/* The charset a byte-order mark names: it decides, whatever a detector
 * would guess from the rest. NULL without one. */
static const char *bom_charset(const struct doc *doc)
{
    const uint8_t *b = doc->bytes;
    if (doc->nbytes >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return "UTF-8";
    if (doc->nbytes >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return "UTF-16LE";
    if (doc->nbytes >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return "UTF-16BE";
    return NULL;
}

/* UTF-16 without a byte-order mark shows in its NUL bytes: the high byte
 * of every ASCII character (digits, line ends), all on one side of the
 * pairs. "UTF-16LE" or "UTF-16BE" when they are many enough (two at least,
 * one in 400 bytes) and nine in ten on one side; else NULL: a stray NUL in
 * a UTF-8 page makes no UTF-16. */
static const char *utf16_by_nuls(const struct doc *doc)
{
    size_t side[2] = {0, 0};
    for (const unsigned char *p = doc->bytes, *end = p + doc->nbytes; (p = memchr(p, 0, (size_t)(end - p))); p++)
        side[(p - doc->bytes) & 1]++;
    size_t n = side[0] + side[1];
    if (n < 2 || n < doc->nbytes / 400)
        return NULL;
    if (side[1] * 10 >= n * 9)
        return "UTF-16LE";
    if (side[0] * 10 >= n * 9)
        return "UTF-16BE";
    return NULL;
}

/* The charset detector's candidates, tried in its order of confidence.
 * UTF-16 is tried only as the NULs show it (utf16_by_nuls). */
static bool detect_and_decode(struct doc *doc, UChar *text, int32_t *offsets, bool saw_nul)
{
    if (!saw_nul && mostly_utf8(doc))
        return false;
    const char *utf16 = saw_nul ? utf16_by_nuls(doc) : NULL;
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    ucsdet_setText(det, (const char *)doc->bytes, (int32_t)doc->nbytes, &status);
    int32_t n = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(det, &n, &status);
    bool ok = false;
    for (int32_t i = 0; U_SUCCESS(status) && i < n && !ok; i++) {
        UErrorCode e = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &e);
        int32_t confidence = ucsdet_getConfidence(matches[i], &e);
        for (const char *const *d = DETECTABLE; *d && U_SUCCESS(e) && !ok; d++) {
            size_t bad;
            bool is_utf16 = !strncmp(name, "UTF-16", 6);
            if (strcmp(name, *d) != 0 || (is_utf16 ? !utf16 || strcmp(name, utf16) != 0 : confidence < MIN_CONFIDENCE))
                continue;
            if (decode_charset(doc, name, 0, text, offsets, &bad)) {
                doc->encoding = *d;
                doc->encoding_confidence = confidence;
                ok = true;
            }
        }
    }
    ucsdet_close(det);
    return ok;
}

bool decode_text(struct doc *doc)
{
    if (doc->nbytes > DECODE_MAX_BYTES) {
        char *msg = xasprintf("%s: file too large (%zu bytes)", doc->name, doc->nbytes);
        doc_fail(doc, msg);
        free(msg);
        return false;
    }
    /* At most one UTF-16 unit per input byte, in every charset we read. */
    UChar *text = xmalloc((doc->nbytes + 1) * sizeof *text);
    int32_t *offsets = xmalloc((doc->nbytes + 1) * sizeof *offsets);
    size_t bad = 0;
    bool nul = false, ok;
    const char *bom;
    doc->encoding_confidence = 100;
    if (doc->declared_encoding) {
        ok = decode_charset(doc, doc->declared_encoding, 0, text, offsets, &bad);
        if (ok) {
            doc->encoding = doc->declared_encoding;
        } else if (bad == (size_t)-1) {
            char *msg = xasprintf("%s: unknown encoding %s", doc->name, doc->declared_encoding);
            doc_fail(doc, msg);
            free(msg);
        } else {
            char what[128];
            snprintf(what, sizeof what, "invalid %s byte", doc->declared_encoding);
            fail_at(doc, bad, doc->declared_encoding, what);
        }
    } else if ((bom = bom_charset(doc)) && strcmp(bom, "UTF-8") != 0) {
        /* UTF-16 with its mark: that and nothing else */
        ok = decode_charset(doc, bom, 2, text, offsets, &bad);
        if (ok) {
            doc->encoding = bom;
        } else {
            char what[64];
            snprintf(what, sizeof what, "invalid %s byte", bom);
            fail_at(doc, bad, bom, what);
        }
    } else {
        ok = decode_utf8(doc, text, offsets, &bad, &nul);
        /* a NUL anywhere: UTF-16, or not text at all (PNG, gzip, PDF …) */
        const unsigned char *zero = ok ? NULL : memchr(doc->bytes, 0, doc->nbytes);
        if (zero) {
            nul = true;
            bad = (size_t)(zero - doc->bytes);
        }
        /* with UTF-8's mark, a bad byte is one: no other charset is tried */
        ok = ok || (!bom && detect_and_decode(doc, text, offsets, nul));
        if (!ok && nul) {
            /* not a text document at all: skipped, not failed */
            char *msg = xasprintf("%s: binary file (a NUL byte at offset %zu), skipped", doc->name, bad);
            doc_skip(doc, msg);
            free(msg);
        } else if (!ok) {
            fail_at(doc, bad, NULL, "invalid UTF-8 byte");
        }
    }
    if (!ok) {
        free(text);
        free(offsets);
        return false;
    }
    doc->text = text;
    doc->offsets = offsets;
    return true;
}

static bool is_utf8(const struct doc *doc)
{
    return !strncmp(doc->encoding, "UTF-8", 5);
}

size_t decode_char_length(const struct doc *doc, size_t at)
{
    const unsigned char *b = doc->bytes;
    size_t left = doc->nbytes - at;
    size_t n = 1;
    if (is_utf8(doc)) {
        n = b[at] < 0x80 ? 1 : b[at] < 0xE0 ? 2 : b[at] < 0xF0 ? 3 : 4;
    } else if (!strncmp(doc->encoding, "UTF-16", 6)) {
        bool le = !strcmp(doc->encoding, "UTF-16LE") || (left >= 2 && !strcmp(doc->encoding, "UTF-16"));
        unsigned unit = left >= 2 ? (le ? b[at] | b[at + 1] << 8 : b[at] << 8 | b[at + 1]) : 0;
        n = U16_IS_LEAD(unit) ? 4 : 2;
    } else if (b[at] >= 0x80) {
        /* GB18030's four-byte form has a digit second; other double-byte
         * charsets (GBK, Big5) take two bytes */
        n = left >= 4 && !strcmp(doc->encoding, "GB18030") && b[at + 1] >= 0x30 && b[at + 1] <= 0x39 ? 4 : 2;
    }
    return n < left ? n : left;
}

char *decode_span_utf8(struct doc *doc, size_t start, size_t end)
{
    if (is_utf8(doc))
        return arena_strndup(&doc->arena, (const char *)doc->bytes + start, end - start);
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(doc->encoding, &status);
    UChar *u = xmalloc((end - start + 1) * sizeof *u);
    int32_t n = ucnv_toUChars(cv, u, (int32_t)(end - start + 1), (const char *)doc->bytes + start,
                              (int32_t)(end - start), &status);
    ucnv_close(cv);
    if (U_FAILURE(status))
        n = 0;
    int32_t len = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &len, u, n, &status);
    char *out = arena_alloc(&doc->arena, (size_t)len + 1);
    status = U_ZERO_ERROR;
    u_strToUTF8(out, len + 1, &len, u, n, &status);
    out[len] = '\0';
    free(u);
    return out;
}

size_t decode_utf8_of(char *out, const UChar *s, int32_t n)
{
    unsigned char *o = (unsigned char *)out;
    for (int32_t i = 0; i < n;)
        o = decode_put_utf8(o, s, &i, n);
    return (size_t)(o - (unsigned char *)out);
}

bool decode_charset_known(const char *name)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cv = name[0] ? ucnv_open(name, &status) : NULL;
    if (cv)
        ucnv_close(cv);
    return cv && U_SUCCESS(status);
}

char *decode_valid_utf8(const char *s, size_t n)
{
    struct buf b = {0};
    buf_reserve(&b, n);
    const uint8_t *u = (const uint8_t *)s;
    for (int32_t i = 0, len = (int32_t)n; i < len;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(u, i, len, c);
        if (c < 0)
            buf_puts(&b, "\xEF\xBF\xBD");
        else
            buf_append(&b, s + at, (size_t)(i - at));
    }
    return b.data ? b.data : xstrdup("");
}
