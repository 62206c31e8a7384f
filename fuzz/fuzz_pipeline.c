/* fuzz_pipeline: the input as one plain-text document through
 * pipeline_process with the shipped rules; every claim points inside it.
 * Then its rows are rendered as the run renders them (CSV, Excel, JSON and
 * the audit page), and its claims.json rows must read back as JSON, one
 * object a claim. */
#include <cJSON.h>

#include "emit.h"
#include "fuzz.h"
#include "pipeline.h"
#include "xalloc.h"

FUZZ_SETUP_ONCE

static void check_json_rows(const struct doc *doc)
{
    const struct buf *rows = &doc->rows->text[ROWS_CLAIMS_JSON];
    char *json = xasprintf("[%.*s]", (int)rows->len, rows->len ? rows->data : "");
    cJSON *a = cJSON_Parse(json);
    FUZZ_CHECK(cJSON_IsArray(a) && (size_t)cJSON_GetArraySize(a) == doc->nclaims,
               "claims.json rows of %zu claims do not read back: %s", doc->nclaims, json);
    cJSON_Delete(a);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc *doc = fuzz_doc(data, size);
    pipeline_process(fuzz_sg, fuzz_rules, doc);
    if (doc->status == DOC_OK)
        fuzz_check_claims(doc);
    else
        FUZZ_CHECK(doc->error && doc->nclaims == 0, "failed with claims or without a reason");
    struct emit_options eo = {.excel = true, .rules = fuzz_rules};
    emit_render(doc, &eo);
    check_json_rows(doc);
    doc_free(doc);
    return 0;
}
