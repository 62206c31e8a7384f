/* fuzz_decode: bytes → decode_text → segment_join_lines → segment_sentences;
 * the offset map keeps every unit on bytes of the file, in order, and ends
 * at the file's end. */
#include "decode.h"
#include "fuzz.h"

FUZZ_SETUP_ONCE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc *doc = fuzz_doc(data, size);
    if (decode_text(doc)) {
        FUZZ_CHECK(doc->status == DOC_OK, "decoded, yet status %d", (int)doc->status);
        fuzz_check_offsets(doc);
        segment_join_lines(doc, &fuzz_rules->line_join);
        fuzz_check_offsets(doc);
        FUZZ_CHECK(doc->text[doc->len] == 0, "no terminator after rejoining");
        segment_sentences(fuzz_sg, fuzz_rules, doc);
        fuzz_check_sentences(doc);
    } else {
        FUZZ_CHECK(doc->status != DOC_OK && doc->error, "failed without a reason");
    }
    doc_free(doc);
    return 0;
}
