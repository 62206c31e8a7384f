/* fuzz_pipeline: the input as one plain-text document through
 * pipeline_process with the shipped rules; every claim points inside it. */
#include "fuzz.h"
#include "pipeline.h"

FUZZ_SETUP_ONCE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc *doc = fuzz_doc(data, size);
    pipeline_process(fuzz_sg, fuzz_rules, doc);
    if (doc->status == DOC_OK)
        fuzz_check_claims(doc);
    else
        FUZZ_CHECK(doc->error && doc->nclaims == 0, "failed with claims or without a reason");
    doc_free(doc);
    return 0;
}
