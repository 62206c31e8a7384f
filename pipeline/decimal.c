/* decimal: m × 10^e arithmetic for figures. Results are kept normal: m has
 * no trailing zero digits (and 0 is 0 × 10^0). */
#include "decimal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct decimal normal(struct decimal d)
{
    if (d.m == 0)
        return (struct decimal){0, 0};
    while (d.m % 10 == 0) {
        d.m /= 10;
        d.e++;
    }
    return d;
}

/* Does the plain text of normal d fit in DECIMAL_TEXT_MAX bytes? */
static bool fits(struct decimal d)
{
    int nd = 1;
    for (int64_t m = d.m / 10; m; m /= 10)
        nd++;
    long chars = (d.m < 0) + (d.e >= 0 ? (long)nd + d.e : (-d.e >= nd ? 2L - d.e : (long)nd + 1));
    return chars < DECIMAL_TEXT_MAX;
}

struct decimal decimal_int(int64_t n)
{
    return normal((struct decimal){n, 0});
}

bool decimal_mul(struct decimal a, struct decimal b, struct decimal *out)
{
    int64_t m;
    if (__builtin_mul_overflow(a.m, b.m, &m))
        return false;
    struct decimal r = normal((struct decimal){m, a.e + b.e});
    if (!fits(r))
        return false;
    *out = r;
    return true;
}

bool decimal_div(struct decimal a, struct decimal b, struct decimal *out)
{
    if (b.m == 0)
        return false;
    int64_t m = a.m;
    for (int k = 0; k <= 18; k++) {
        if (m % b.m == 0) {
            struct decimal r = normal((struct decimal){m / b.m, a.e - k - b.e});
            if (!fits(r))
                return false;
            *out = r;
            return true;
        }
        if (__builtin_mul_overflow(m, 10, &m))
            return false;
    }
    return false;
}

/* Bring d to exponent e (< d.e) by scaling the mantissa; false on overflow. */
static bool rescale(struct decimal d, int e, int64_t *m)
{
    int64_t v = d.m;
    for (int i = e; i < d.e; i++)
        if (__builtin_mul_overflow(v, 10, &v))
            return false;
    *m = v;
    return true;
}

bool decimal_add(struct decimal a, struct decimal b, struct decimal *out)
{
    int e = a.e < b.e ? a.e : b.e;
    int64_t ma, mb, m;
    if (!rescale(a, e, &ma) || !rescale(b, e, &mb) || __builtin_add_overflow(ma, mb, &m))
        return false;
    struct decimal r = normal((struct decimal){m, e});
    if (!fits(r))
        return false;
    *out = r;
    return true;
}

bool decimal_parse(const char *s, struct decimal *out)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    int64_t m = 0;
    int e = 0, digits = 0;
    bool point = false;
    for (; *p; p++) {
        if (*p == '.' && !point) {
            point = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, *p - '0', &m))
            return false;
        if (point)
            e--;
        digits++;
    }
    if (!digits)
        return false;
    if (*p == 'e' || *p == 'E') {
        char *end;
        long x = strtol(p + 1, &end, 10);
        if (end == p + 1 || x < -300 || x > 300)
            return false;
        e += (int)x;
        p = end;
    }
    if (*p)
        return false;
    struct decimal r = normal((struct decimal){neg ? -m : m, e});
    if (!fits(r))
        return false;
    *out = r;
    return true;
}

bool decimal_plain(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        p += strspn(p, "0123456789");
    else
        return false;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (!n)
            return false;
        p += 1 + n;
    }
    return !*p && p - s <= 40;
}

void decimal_format(struct decimal d, char *out, size_t n)
{
    char digits[32];
    unsigned long long u = d.m < 0 ? 0ULL - (unsigned long long)d.m : (unsigned long long)d.m;
    size_t nd = 0;
    do {
        digits[sizeof digits - 1 - nd++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    memmove(digits, digits + sizeof digits - nd, nd);
    char tmp[400];
    size_t k = 0;
    if (d.m < 0)
        tmp[k++] = '-';
    if (d.e >= 0) {
        memcpy(tmp + k, digits, nd);
        k += nd;
        for (int i = 0; i < d.e && k < sizeof tmp - 1; i++)
            tmp[k++] = '0';
    } else {
        size_t frac = (size_t)-d.e;
        if (frac >= nd) {
            tmp[k++] = '0';
            tmp[k++] = '.';
            for (size_t i = nd; i < frac && k < sizeof tmp - 1; i++)
                tmp[k++] = '0';
            memcpy(tmp + k, digits, nd);
            k += nd;
        } else {
            memcpy(tmp + k, digits, nd - frac);
            k += nd - frac;
            tmp[k++] = '.';
            memcpy(tmp + k, digits + nd - frac, frac);
            k += frac;
        }
    }
    if (n) {
        if (k > n - 1)
            k = n - 1;
        memcpy(out, tmp, k);
        out[k] = '\0';
    }
}

double decimal_to_double(struct decimal d)
{
    char s[400];
    decimal_format(d, s, sizeof s);
    return strtod(s, NULL);
}

static int digits_of(unsigned long long u)
{
    int n = 1;
    while (u >= 10) {
        u /= 10;
        n++;
    }
    return n;
}

/* Exact: the leading digits' places first, then the mantissas brought to
 * one exponent (both then have as many digits, at most 19). */
int decimal_cmp(struct decimal a, struct decimal b)
{
    int sa = (a.m > 0) - (a.m < 0), sb = (b.m > 0) - (b.m < 0);
    if (sa != sb || sa == 0)
        return (sa > sb) - (sa < sb);
    unsigned long long ua = sa < 0 ? 0ULL - (unsigned long long)a.m : (unsigned long long)a.m;
    unsigned long long ub = sb < 0 ? 0ULL - (unsigned long long)b.m : (unsigned long long)b.m;
    long pa = (long)digits_of(ua) + a.e, pb = (long)digits_of(ub) + b.e;
    int r;
    if (pa != pb) {
        r = pa < pb ? -1 : 1;
    } else {
        for (; a.e > b.e; a.e--)
            ua *= 10;
        for (; b.e > a.e; b.e--)
            ub *= 10;
        r = (ua > ub) - (ua < ub);
    }
    return sa > 0 ? r : -r;
}
