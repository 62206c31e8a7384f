/* fuzz_markup: the input as an HTML page (pipeline_process_as, FORMAT_HTML)
 * and as an XML feed, read whole (markup_feed) and as a stream from a file
 * (markup_feed_stream), each item analysed as pipeline_run does; every
 * unit of the extracted text and every claim lies on bytes of the file. */
#include <unistd.h>

#include "decode.h"
#include "fuzz.h"
#include "markup.h"
#include "pipeline.h"

FUZZ_SETUP_ONCE

/* Text taken out of markup: each unit on bytes [offsets[i], ends[i]) of
 * the file (a paragraph break is empty). */
static void check_markup_text(const struct doc *doc)
{
    FUZZ_CHECK(doc->markup && doc->text && doc->offsets && doc->ends, "no markup text");
    FUZZ_CHECK(doc->len >= 0 && doc->text[doc->len] == 0, "len %d, no terminator", doc->len);
    for (int32_t i = 0; i <= doc->len; i++)
        FUZZ_CHECK(doc->offsets[i] >= 0 && doc->offsets[i] <= doc->ends[i] &&
                       (size_t)doc->ends[i] <= doc->nbytes,
                   "unit %d of %d on bytes [%d, %d), %zu bytes", i, doc->len, doc->offsets[i],
                   doc->ends[i], doc->nbytes);
}

static bool item(void *ctx, struct doc *doc)
{
    (void)ctx;
    if (doc->status == DOC_OK) {
        check_markup_text(doc);
        pipeline_analyse(fuzz_sg, fuzz_rules, doc);
        fuzz_check_claims(doc);
    }
    doc_free(doc);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc *page = fuzz_doc(data, size);
    pipeline_process_as(fuzz_sg, fuzz_rules, page, FORMAT_HTML);
    if (page->status == DOC_OK) {
        check_markup_text(page);
        fuzz_check_claims(page);
    }
    doc_free(page);

    struct doc *feed = fuzz_doc(data, size);
    if (decode_text(feed)) {
        long n = markup_feed(feed, &fuzz_rules->markup, item, NULL);
        FUZZ_CHECK(n != 0, "a feed of no documents");
    }
    doc_free(feed);

    /* the feed read as a stream, from a file of its own (removed at once,
     * opened again through /proc) */
    static char path[64];
    static int fd = -1;
    if (fd < 0) {
        char name[] = "/tmp/fuzz_markup-XXXXXX";
        fd = mkstemp(name);
        if (fd >= 0) {
            unlink(name);
            snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        }
    }
    if (fd >= 0 && ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size)
        markup_feed_stream(path, "fuzz.xml", &fuzz_rules->markup, 1 << 20, item, NULL);
    return 0;
}
