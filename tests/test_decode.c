/* test_decode: the decoder's offset map, its errors, and line rejoining and
 * readings dropped keeping every character on its original bytes. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "decode.h"
#include "harness.h"
#include "rules.h"
#include "segment.h"

static struct doc *decoded(const char *bytes, size_t n)
{
    struct doc *d = doc_new("t.txt", "");
    d->bytes = malloc(n ? n : 1);
    memcpy(d->bytes, bytes, n);
    d->nbytes = n;
    decode_text(d);
    return d;
}

/* Every UTF-16 unit maps back to the bytes it came from. */
static void offsets_match(const char *name, const char *bytes, size_t n, size_t text_start)
{
    struct doc *d = decoded(bytes, n);
    CHECK(d->status == DOC_OK, "%s: decodes", name);
    size_t at = text_start;
    for (int32_t i = 0; i < d->len && d->status == DOC_OK; i++) {
        CHECK((size_t)d->offsets[i] == at, "%s: unit %d at byte %d, want %zu", name, i, d->offsets[i], at);
        unsigned char lead = (unsigned char)bytes[at];
        size_t k = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (k == 4)
            i++; /* a surrogate pair: both units on the same bytes */
        at += k;
    }
    CHECK(d->status != DOC_OK || (size_t)d->offsets[d->len] == n, "%s: the end maps to the file's end", name);
    doc_free(d);
}

static void fails_with(const char *name, const char *bytes, size_t n, const char *want)
{
    struct doc *d = decoded(bytes, n);
    CHECK(d->status == DOC_FAILED && d->error && strcmp(d->error, want) == 0,
          "%s: want \"%s\", got \"%s\"", name, want, d->error ? d->error : "(no error)");
    doc_free(d);
}

/* The text of d rebuilt from its source bytes through the offsets, into
 * out (n bytes). */
static void rebuilt(const struct doc *d, char *out, size_t n)
{
    size_t k = 0;
    for (int32_t i = 0; i < d->len && k < n - 5; i++) {
        if (i > 0 && d->offsets[i] == d->offsets[i - 1])
            continue;
        size_t at = (size_t)d->offsets[i];
        unsigned char lead = d->bytes[at];
        size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        memcpy(out + k, d->bytes + at, len);
        k += len;
    }
    out[k] = '\0';
}

static void joins(const struct line_join_rule *rule, const char *name, const char *in, const char *want)
{
    struct doc *d = decoded(in, strlen(in));
    segment_join_lines(d, rule);
    char out[4096];
    rebuilt(d, out, sizeof out);
    CHECK(strcmp(out, want) == 0, "%s: joined to \"%s\", want \"%s\"", name, out, want);
    doc_free(d);
}

/* Readings in pinyin dropped: the text left, and each of its characters
 * still on its own bytes. */
static void drops_readings(const char *name, const char *in, const char *want)
{
    struct doc *d = decoded(in, strlen(in));
    segment_drop_readings(d);
    char out[4096];
    rebuilt(d, out, sizeof out);
    CHECK(strcmp(out, want) == 0, "%s: \"%s\", want \"%s\"", name, out, want);
    CHECK((size_t)d->offsets[d->len] == strlen(in), "%s: the end maps to the file's end", name);
    doc_free(d);
}

int main(void)
{
    offsets_match("ascii", "abc 123", 7, 0);
    offsets_match("han", "人均增收800元", strlen("人均增收800元"), 0);
    offsets_match("bom", "\xEF\xBB\xBF共3个", strlen("\xEF\xBB\xBF共3个"), 3);
    offsets_match("crlf", "第一行\r\n第二行\r\n", strlen("第一行\r\n第二行\r\n"), 0);
    offsets_match("astral", "𠀀12个", strlen("𠀀12个"), 0);
    offsets_match("fullwidth", "１２３％", strlen("１２３％"), 0);

    struct doc *bom = decoded("\xEF\xBB\xBFx", 4);
    CHECK(bom->len == 1 && bom->text[0] == 'x', "the BOM is not part of the text");
    CHECK(strcmp(bom->encoding, "UTF-8 (BOM)") == 0, "encoding says BOM: %s", bom->encoding);
    doc_free(bom);

    fails_with("bad byte", "ok\nline two \xC3(", 13, "t.txt:2: invalid UTF-8 byte 0xC3");
    fails_with("lone continuation", "\x80", 1, "t.txt:1: invalid UTF-8 byte 0x80");
    fails_with("truncated at the end", "abc\n\n\xE4\xB8", 7, "t.txt:3: invalid UTF-8 byte 0xE4");
    fails_with("overlong", "\xC0\xAF", 2, "t.txt:1: invalid UTF-8 byte 0xC0");
    fails_with("surrogate", "\xED\xA0\x80", 3, "t.txt:1: invalid UTF-8 byte 0xED");
    /* a binary file is no text document: skipped, not failed */
    struct doc *bin = decoded("a\0b", 3);
    CHECK(bin->status == DOC_SKIPPED && bin->error &&
              !strcmp(bin->error, "t.txt: binary file (a NUL byte at offset 1), skipped"),
          "NUL: status %d, \"%s\"", bin->status, bin->error ? bin->error : "");
    doc_free(bin);

    drops_readings("after a verb", "比上年增長(zhǎng)15.23%。", "比上年增長15.23%。");
    drops_readings("full-width brackets, two syllables", "共計（gòng jì）12個(gè)盟市", "共計12個盟市");
    drops_readings("a combining tone mark", "共計(ji\xCC\x80)5人", "共計5人");
    drops_readings("no tone mark: a unit or a label stays", "面积5(m)，每(kg)12元", "面积5(m)，每(kg)12元");
    drops_readings("full-width letters are no reading", "降水量（ｍｍ）比上年增长15%", "降水量（ｍｍ）比上年增长15%");
    drops_readings("not after an ideograph", "GDP (zhǎng) 5%", "GDP (zhǎng) 5%");
    drops_readings("capitals: an abbreviation stays", "地区生产总值(GDP)", "地区生产总值(GDP)");
    drops_readings("unclosed", "增長(zhǎng", "增長(zhǎng");

    struct pl_error err = {0};
    struct rule_set *rs = rules_load("rules", &err);
    CHECK(rs != NULL, "rules load: %s", err.text);
    if (rs) {
        const struct line_join_rule *j = &rs->line_join;
        const char *long_line = "全面加强医疗卫生次中心创建，卫生院建成乡镇血液透析室，目前已开展透";
        char in[1024], want[1024];
        snprintf(in, sizeof in, "%s\n\n析治疗796人次；\n", long_line);
        snprintf(want, sizeof want, "%s析治疗796人次；\n", long_line);
        joins(j, "a word split by a blank line", in, want);
        snprintf(in, sizeof in, "%s\r\n   析治疗796人次。", long_line);
        snprintf(want, sizeof want, "%s析治疗796人次。", long_line);
        joins(j, "CRLF and indentation", in, want);
        joins(j, "a title stays apart", "短标题\n\n正文第一句。", "短标题\n\n正文第一句。");
        snprintf(in, sizeof in, "%s。\n下一段。", long_line);
        joins(j, "a sentence end stays apart", in, in);
    }
    rules_free(rs);
    u_cleanup();
    return test_summary("decode");
}
