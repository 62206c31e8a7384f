/* archive: JSON Lines, read line by line through libxml2's input layer
 * (which also undoes gzip), so an archive is never held whole. */
#include "archive.h"

#include <cJSON.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const cJSON *field(const cJSON *o, const char *name)
{
    return name ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
}

static char *string_field(const cJSON *o, const char *name)
{
    const cJSON *v = field(o, name);
    return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

/* One line of the archive into a document. */
static struct doc *article(const char *path, const char *name, long line, const char *text,
                           const struct archive_options *o)
{
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithOpts(text, &end, true);
    char *msg = NULL;
    const cJSON *body = NULL;
    const char *tried = o->text_field ? o->text_field : "content\" or \"text";
    if (!json) {
        long column = 1;
        for (const char *p = text; end && p < end; p++)
            column += ((unsigned char)*p & 0xC0) != 0x80;
        msg = xasprintf("%s:%ld:%ld: invalid JSON", name, line, column);
    } else if (!cJSON_IsObject(json)) {
        msg = xasprintf("%s:%ld: not a JSON object", name, line);
    } else {
        body = o->text_field ? field(json, o->text_field) : field(json, "content");
        if (!o->text_field && !cJSON_IsString(body))
            body = field(json, "text");
        if (!cJSON_IsString(body))
            msg = xasprintf("%s:%ld: no text field \"%s\" (a string)", name, line, tried);
    }
    const cJSON *id = json && cJSON_IsObject(json) ? field(json, o->id_field ? o->id_field : "id") : NULL;
    char *doc_name = cJSON_IsString(id)   ? xasprintf("%s#%s", name, id->valuestring)
                     : cJSON_IsNumber(id) ? xasprintf("%s#%.0f", name, id->valuedouble)
                                          : xasprintf("%s#%ld", name, line);
    struct doc *doc = doc_new(doc_name, path);
    free(doc_name);
    doc->archive_line = (int)line;
    if (msg) {
        doc_fail(doc, msg);
        free(msg);
    } else {
        doc->nbytes = strlen(body->valuestring);
        doc->bytes = (unsigned char *)xstrdup(body->valuestring);
        doc->title = string_field(json, "title");
        doc->url = string_field(json, "url");
        doc->date = string_field(json, "date");
        if (!doc->date)
            doc->date = string_field(json, "published");
    }
    cJSON_Delete(json);
    return doc;
}

static long read_lines(xmlParserInputBufferPtr in, const char *path, const char *name,
                       const struct archive_options *o, doc_fn fn, void *ctx)
{
    struct buf line = {0};
    long lineno = 0, count = 0;
    bool more = true, go_on = true;
    while (more && go_on) {
        int got = xmlParserInputBufferRead(in, 1 << 16);
        size_t n = xmlBufUse(in->buffer);
        const char *data = (const char *)xmlBufContent(in->buffer);
        more = got > 0;
        size_t start = 0;
        for (size_t i = 0; i < n && go_on; i++) {
            if (data[i] != '\n')
                continue;
            buf_append(&line, data + start, i - start);
            start = i + 1;
            lineno++;
            if (line.len && line.data[line.len - 1] == '\r')
                line.data[--line.len] = '\0';
            bool blank = strspn(line.data, " \t") == line.len;
            if (!blank) {
                count++;
                go_on = fn(ctx, article(path, name, lineno, line.data, o));
            }
            line.len = 0;
            line.data[0] = '\0';
        }
        buf_append(&line, data + start, n - start);
        xmlBufShrink(in->buffer, n);
    }
    if (go_on && line.len && strspn(line.data, " \t\r") != line.len) {
        count++;
        fn(ctx, article(path, name, lineno + 1, line.data, o));
    }
    buf_free(&line);
    return count;
}

long archive_read(const char *path, const char *name, const struct archive_options *o, doc_fn fn,
                  void *ctx, char **error)
{
    xmlParserInputBufferPtr in = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE);
    if (!in) {
        *error = xasprintf("%s: cannot read: %s", name, strerror(errno ? errno : EIO));
        return -1;
    }
    long n = read_lines(in, path, name, o, fn, ctx);
    xmlFreeParserInputBuffer(in);
    return n;
}

long archive_read_stream(FILE *f, const char *name, const struct archive_options *o, doc_fn fn,
                         void *ctx)
{
    xmlParserInputBufferPtr in = xmlParserInputBufferCreateFile(f, XML_CHAR_ENCODING_NONE);
    if (!in)
        return -1;
    long n = read_lines(in, name, name, o, fn, ctx);
    xmlFreeParserInputBuffer(in);
    return n;
}
