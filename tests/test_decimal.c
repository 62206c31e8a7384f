/* test_decimal: exact decimal arithmetic and plain formatting. */
#include <string.h>

#include "decimal.h"
#include "harness.h"

static void formats(const char *in, const char *mul, const char *want)
{
    struct decimal a, b, r;
    char out[64];
    CHECK(decimal_parse(in, &a), "parse %s", in);
    CHECK(decimal_parse(mul, &b), "parse %s", mul);
    CHECK(decimal_mul(a, b, &r), "%s × %s overflows", in, mul);
    decimal_format(r, out, sizeof out);
    CHECK(strcmp(out, want) == 0, "%s × %s = %s, want %s", in, mul, out, want);
}

int main(void)
{
    formats("193.8", "1e4", "1938000");
    formats("60", "1e8", "6000000000");
    formats("0.5", "1", "0.5");
    formats("21.65", "1", "21.65");
    formats("1300", "0.5", "650");
    formats("1.5", "1e12", "1500000000000");
    formats("0.05", "1", "0.05");
    formats("8", "10", "80");
    formats("-3.5", "2", "-7");
    struct decimal d;
    CHECK(!decimal_parse("", &d), "empty is not a number");
    CHECK(!decimal_parse("1.2.3", &d), "1.2.3 is not a number");
    CHECK(!decimal_parse("12a", &d), "12a is not a number");
    /* the numbers outputs carry bare (a reviewer's corrected value) */
    const char *plain[] = {"0", "5", "-5", "12.5", "-0.25", "0.0", "100", "1234567890.0123456789"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        CHECK(decimal_plain(plain[i]), "%s is a plain decimal", plain[i]);
    const char *not_plain[] = {"", "-", "5.", ".5", "+5", "007", "-01", "1e5", "1e 5", "1e\n5", " 5", "5 ",
                               "1,000", "0x10", "--5", "1.2.3", "12345678901234567890123456789012345678901"};
    for (size_t i = 0; i < sizeof not_plain / sizeof *not_plain; i++)
        CHECK(!decimal_plain(not_plain[i]), "[%s] is not a plain decimal", not_plain[i]);
    struct decimal big = {922337203685477580, 0}, ten = decimal_int(10), out;
    CHECK(!decimal_mul(big, decimal_int(11), &out), "overflow is reported");
    CHECK(decimal_add(decimal_int(1), (struct decimal){5, -1}, &out) && out.m == 15 && out.e == -1,
          "1 + 0.5 = 1.5");
    (void)ten;
    /* comparison is exact, not through binary floating point */
    struct decimal x, y;
    CHECK(decimal_parse("12345678901234567.8", &x) && decimal_parse("12345678901234567.9", &y) &&
              decimal_cmp(x, y) < 0 && decimal_cmp(y, x) > 0 && decimal_cmp(x, x) == 0,
          "12345678901234567.8 < 12345678901234567.9");
    CHECK(decimal_parse("-3", &x) && decimal_parse("2", &y) && decimal_cmp(x, y) < 0, "-3 < 2");
    CHECK(decimal_parse("-3", &x) && decimal_parse("-20", &y) && decimal_cmp(x, y) > 0, "-3 > -20");
    CHECK(decimal_cmp((struct decimal){85, 2}, (struct decimal){3, 4}) < 0, "8500 < 30000");
    CHECK(decimal_cmp((struct decimal){3, 4}, (struct decimal){30000, 0}) == 0, "3e4 = 30000");
    CHECK(decimal_cmp((struct decimal){999999999999999999, -18}, decimal_int(1)) < 0,
          "0.999999999999999999 < 1");
    CHECK(decimal_cmp(decimal_int(0), (struct decimal){1, -40}) < 0, "0 < 1e-40");
    /* a value is never written longer than DECIMAL_TEXT_MAX - 1 characters:
     * the operation fails and the figure is refused whole */
    char text[DECIMAL_TEXT_MAX];
    CHECK(decimal_mul(decimal_int(1), (struct decimal){1, 62}, &out), "1e62 (63 characters) fits");
    decimal_format(out, text, sizeof text);
    CHECK(strlen(text) == 63 && text[0] == '1', "1e62 is written whole: %s", text);
    CHECK(!decimal_mul(decimal_int(1), (struct decimal){1, 63}, &out), "1e63 (64 characters) does not fit");
    CHECK(!decimal_mul((struct decimal){1, -40}, (struct decimal){1, -30}, &out), "1e-70 does not fit");
    CHECK(!decimal_parse("1e70", &d), "1e70 is too long to write");
    CHECK(!decimal_add((struct decimal){1, 40}, (struct decimal){1, -30}, &out),
          "1e40 + 1e-30 needs more digits than a mantissa holds");
    return test_summary("decimal");
}
