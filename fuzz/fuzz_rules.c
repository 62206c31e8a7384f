/* fuzz_rules: the input as the text of one rule file (rules_load_text):
 * loaded or refused with a position, never a crash or a leak. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct pl_error err = {0};
    struct rule_set *rs = rules_load_text("fuzz.json", text, &err);
    FUZZ_CHECK(rs || err.set, "refused without an error");
    rules_free(rs);
    free(text);
    return 0;
}
