/* decode: reading a document and turning its bytes into UTF-16 with an
 * offset map. The map is the contract that lets every later stage speak of
 * positions in the original file. */
#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "srcmap.h"

bool decode_read(struct doc *doc)
{
    FILE *f = fopen(doc->path, "rb");
    if (!f) {
        char *msg = xasprintf("%s: cannot read: %s", doc->name, strerror(errno));
        doc_fail(doc, msg);
        free(msg);
        return false;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *data = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            data = xrealloc(data, cap);
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        free(data);
        char *msg = xasprintf("%s: cannot read: %s", doc->name, strerror(err));
        doc_fail(doc, msg);
        free(msg);
        return false;
    }
    doc->bytes = data;
    doc->nbytes = n;
    if (n == 0) {
        char *msg = xasprintf("%s: empty file", doc->name);
        doc_fail(doc, msg);
        free(msg);
        return false;
    }
    return true;
}

static void fail_at(struct doc *doc, size_t at, const char *what)
{
    struct srcmap map;
    int line, column;
    srcmap_init(&map, doc->bytes, doc->nbytes);
    srcmap_locate(&map, at, &line, &column);
    srcmap_free(&map);
    char *msg = xasprintf("%s:%d: %s 0x%02X", doc->name, line, what, doc->bytes[at]);
    doc_fail(doc, msg);
    free(msg);
}

bool decode_text(struct doc *doc)
{
    const uint8_t *s = doc->bytes;
    int32_t n = (int32_t)doc->nbytes;
    if ((size_t)n != doc->nbytes) {
        char *msg = xasprintf("%s: file too large (%zu bytes)", doc->name, doc->nbytes);
        doc_fail(doc, msg);
        free(msg);
        return false;
    }
    bool bom = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
    int32_t i = bom ? 3 : 0;
    /* At most one UTF-16 unit per input byte. */
    UChar *text = xmalloc(((size_t)n + 1) * sizeof *text);
    int32_t *offsets = xmalloc(((size_t)n + 1) * sizeof *offsets);
    int32_t len = 0;
    while (i < n) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || c == 0) {
            free(text);
            free(offsets);
            fail_at(doc, (size_t)at, c == 0 ? "binary file: NUL byte" : "invalid UTF-8 byte");
            return false;
        }
        if (U_IS_BMP(c)) {
            offsets[len] = at;
            text[len++] = (UChar)c;
        } else {
            offsets[len] = at;
            text[len++] = U16_LEAD(c);
            offsets[len] = at;
            text[len++] = U16_TRAIL(c);
        }
    }
    offsets[len] = n;
    text[len] = 0;
    doc->text = text;
    doc->offsets = offsets;
    doc->len = len;
    doc->encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
    return true;
}
