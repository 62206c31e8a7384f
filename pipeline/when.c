/* when: time references resolved to ISO 8601 (see when.h). The words are
 * the rules' (rules/when.json); here is only the calendar: what a year, a
 * month range, a week or a span back from the document's date is in days,
 * how the two ends of a range lend each other what one leaves unsaid, and
 * how the result is written. */
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "numbers.h"
#include "pattern.h"
#include "xalloc.h"

/* ------------------------------------------------------------ the calendar */

struct ymd {
    int y, m, d;
};

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : DAYS[m - 1];
}

bool when_day_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Days since 0000-03-01 (proleptic Gregorian), and back. */
static long day_number(struct ymd a)
{
    int y = a.y - (a.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (a.m + (a.m > 2 ? -3 : 9)) + 2) / 5 + a.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

static struct ymd from_day_number(long z)
{
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    struct ymd r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

static int cmp_ymd(struct ymd a, struct ymd b)
{
    return a.y != b.y ? (a.y < b.y ? -1 : 1) : a.m != b.m ? (a.m < b.m ? -1 : 1) : (a.d > b.d) - (a.d < b.d);
}

/* a moved by n months, its day kept where the month has it, else the last. */
static struct ymd add_months(struct ymd a, int n)
{
    long k = (long)a.y * 12 + (a.m - 1) + n;
    struct ymd r = {(int)(k / 12), (int)(k % 12) + 1, a.d};
    if (r.y >= 1 && r.d > month_days(r.y, r.m))
        r.d = month_days(r.y, r.m);
    return r;
}

/* Monday 1 … Sunday 7. */
static int weekday(struct ymd a)
{
    return (int)(((day_number(a) + 2) % 7 + 7) % 7) + 1;
}

/* ------------------------------------------------------------ reading */

enum precision { P_YEAR, P_MONTH, P_DAY };

/* One end of a time: the fields its pieces gave (set: bit k, v[k]). */
struct side {
    int v[WF_N];
    uint32_t set;
    int pieces;
};

#define HAS(s, f) (((s)->set >> (f)) & 1u)

static int as_int(struct decimal d)
{
    double v = decimal_to_double(d);
    return v >= 0 && v < 100000 && v == (double)(int)v ? (int)v : -1;
}

/* The numerals of t[a, b) in order, at most max: digit runs (01 is 1), and
 * runs of Han numerals read by the number scanner (二〇一六, 两千零四, 十二). */
static int numerals_of(const struct rule_set *rs, const UChar *t, int32_t a, int32_t b, int *out, int max)
{
    int n = 0;
    for (int32_t i = a; i < b && n < max;) {
        if (u_charDigitValue(t[i]) >= 0) {
            long v = 0;
            for (; i < b && u_charDigitValue(t[i]) >= 0; i++)
                v = v < 100000 ? v * 10 + u_charDigitValue(t[i]) : v;
            out[n++] = v < 100000 ? (int)v : -1;
        } else if (numbers_is_numeral_char(rs, t, i, b)) {
            int32_t j = i;
            while (j < b && u_charDigitValue(t[j]) < 0 && numbers_is_numeral_char(rs, t, j, b))
                j++;
            struct numeral num;
            if (j > i && numbers_scan(rs, t, i, j, &num) && num.end == j && !num.is_range && !num.vague)
                out[n++] = as_int(num.value);
            else
                out[n++] = -1;
            i = j > i ? j : i + 1;
        } else {
            i++;
        }
    }
    return n;
}

/* The rule whose match at t[at] is the longest (the first of equals); its
 * end in *end. Dateline rules are not pieces. */
static const struct when_rule *piece_at(const struct rule_set *rs, const UChar *t, int32_t len, int32_t at,
                                        int32_t *end)
{
    const struct when_rule *best = NULL;
    *end = at;
    for (size_t k = 0; k < rs->n_when; k++) {
        const struct when_rule *w = &rs->when[k];
        if (w->role == WHEN_DATELINE)
            continue;
        int32_t e = pattern_match_end(w->re, t, 0, len, at);
        if (e > *end) {
            *end = e;
            best = w;
        }
    }
    return best;
}

/* Give side x what piece w of t[a, b) says. False where its numerals do
 * not fit. */
static bool take_piece(const struct rule_set *rs, const struct when_rule *w, const UChar *t, int32_t a,
                       int32_t b, struct side *x)
{
    for (int f = 0; f < WF_N; f++)
        if ((w->given >> f) & 1u) {
            x->v[f] = w->value[f];
            x->set |= 1u << f;
        }
    int nums[8];
    int n = numerals_of(rs, t, a, b, nums, 8);
    for (int i = 0; i < w->nnumbers; i++) {
        int f = w->numbers[i];
        int v = i < n ? nums[i] : f == WF_WEEKDAY ? 7 : -1; /* 周日, 星期天: no numeral */
        if (v < 0)
            return false;
        if (f == WF_YEAR || f == WF_YEAR_END)
            v += w->era; /* 民國106年: 2017 */
        x->v[f] = v;
        x->set |= 1u << f;
    }
    x->pieces++;
    return true;
}

/* What one end of a time is, in days. */
struct span {
    struct ymd s, e;
    enum precision p;
    bool year_given;                 /* a year was written or said (去年), not taken */
};

static int full_year(int y, const struct ymd *ref)
{
    if (y >= 100)
        return y;
    int pivot = ref ? ref->y % 100 + 20 : 30; /* 08年 → 2008, 97年 → 1997 */
    return y <= pivot ? 2000 + y : 1900 + y;
}

/* The finest field of side x: WF_DAY, WF_MONTH, WF_YEAR, or -1. */
static int finest(const struct side *x)
{
    if (HAS(x, WF_DAY))
        return WF_DAY;
    if (HAS(x, WF_MONTH) || HAS(x, WF_MONTH_OFFSET))
        return WF_MONTH;
    if (HAS(x, WF_YEAR) || HAS(x, WF_YEAR_OFFSET))
        return WF_YEAR;
    return -1;
}

/* Side x as a span of days, given the span of the other end where there is
 * one (other), the document's date (ref, or NULL) and the year the
 * sentence names before it (year, or 0). */
static bool side_span(struct side *x, const struct side *other_side, const struct span *other,
                      const struct ymd *ref, int year, struct span *out)
{
    memset(out, 0, sizeof *out);
    if (HAS(x, WF_BARE)) { /* 1-10月, 2023年1-9月, 3月1-9日: 1 is what the other end's finest field is */
        int f = other_side ? finest(other_side) : -1;
        if (f < 0 || finest(x) >= f) /* its own end says as much: 3月-5月 */
            return false;
        x->v[f] = x->v[WF_BARE];
        x->set |= 1u << f;
    }
    int back = HAS(x, WF_YEARS_BACK) ? WF_YEARS_BACK : HAS(x, WF_MONTHS_BACK) ? WF_MONTHS_BACK
               : HAS(x, WF_DAYS_BACK) ? WF_DAYS_BACK : -1;
    if (back >= 0) { /* 近三年: the span up to the document's date */
        if (!ref || x->v[back] <= 0 || (x->set & (1u << WF_YEAR | 1u << WF_MONTH | 1u << WF_DAY)))
            return false;
        int n = x->v[back];
        out->e = *ref;
        out->s = back == WF_DAYS_BACK ? from_day_number(day_number(*ref) - n)
                 : add_months(*ref, back == WF_YEARS_BACK ? -12 * n : -n);
        out->p = P_DAY;
        return true;
    }
    if (HAS(x, WF_WEEKDAY) && !HAS(x, WF_WEEK_OFFSET) && !HAS(x, WF_DAY_OFFSET) && finest(x) < 0) {
        /* 星期天, 周三 alone: the latest such day on or before the document's date */
        if (!ref || x->v[WF_WEEKDAY] < 1 || x->v[WF_WEEKDAY] > 7)
            return false;
        out->s = out->e = from_day_number(day_number(*ref) - (weekday(*ref) - x->v[WF_WEEKDAY] + 7) % 7);
        out->p = P_DAY;
        return true;
    }
    if (HAS(x, WF_DAY_OFFSET) || HAS(x, WF_WEEK_OFFSET)) {
        if (!ref)
            return false;
        long z = day_number(*ref);
        if (HAS(x, WF_DAY_OFFSET)) {
            out->s = out->e = from_day_number(z + x->v[WF_DAY_OFFSET]);
        } else {
            long monday = z - (weekday(*ref) - 1) + 7L * x->v[WF_WEEK_OFFSET];
            if (HAS(x, WF_WEEKDAY) && (x->v[WF_WEEKDAY] < 1 || x->v[WF_WEEKDAY] > 7))
                return false;
            out->s = from_day_number(monday + (HAS(x, WF_WEEKDAY) ? x->v[WF_WEEKDAY] - 1 : 0));
            out->e = from_day_number(monday + (HAS(x, WF_WEEKDAY) ? x->v[WF_WEEKDAY] - 1 : 6));
        }
        out->p = P_DAY;
        return true;
    }
    if (HAS(x, WF_DECADE)) { /* 上世纪90年代, 20世纪80年代, 90年代 */
        int dec = x->v[WF_DECADE], y0;
        if (dec % 10 || dec < 0 || dec > 90)
            return false;
        if (HAS(x, WF_CENTURY))
            y0 = (x->v[WF_CENTURY] - 1) * 100 + dec;
        else if (HAS(x, WF_CENTURY_OFFSET) && ref)
            y0 = ((ref->y - 1) / 100 + x->v[WF_CENTURY_OFFSET]) * 100 + dec;
        else if (ref && !HAS(x, WF_CENTURY_OFFSET))
            y0 = ref->y / 100 * 100 + dec > ref->y ? ref->y / 100 * 100 + dec - 100 : ref->y / 100 * 100 + dec;
        else
            return false;
        out->s = (struct ymd){y0, 1, 1};
        out->e = (struct ymd){y0 + 9, 12, 31};
        out->p = P_YEAR;
        out->year_given = true;
        return y0 >= 1;
    }
    /* the year */
    int y = 0, y_end = 0;
    if (HAS(x, WF_YEAR)) {
        y = full_year(x->v[WF_YEAR], ref);
        y_end = HAS(x, WF_YEAR_END) ? full_year(x->v[WF_YEAR_END], ref) : y;
    } else if (HAS(x, WF_YEAR_OFFSET)) {
        if (!ref)
            return false;
        y = y_end = ref->y + x->v[WF_YEAR_OFFSET];
    }
    out->year_given = y != 0;
    /* the months */
    int m = 0, m_end = 0;
    bool named = false;              /* a named part of a year (上半年): no past reading */
    if (HAS(x, WF_HALF_OFFSET) || HAS(x, WF_QUARTER_OFFSET)) {
        if (!ref)
            return false;
        int size = HAS(x, WF_HALF_OFFSET) ? 6 : 3;
        int per = 12 / size;
        int k = (ref->m - 1) / size + x->v[HAS(x, WF_HALF_OFFSET) ? WF_HALF_OFFSET : WF_QUARTER_OFFSET];
        int yk = ref->y + (k >= 0 ? k / per : -((per - 1 - k) / per));
        k = ((k % per) + per) % per;
        if (!y)
            y = y_end = yk;
        m = k * size + 1;
        m_end = m + size - 1;
        named = true;
    } else if (HAS(x, WF_QUARTER)) {
        int q = x->v[WF_QUARTER];
        if (q < 1 || q > 4)
            return false;
        m = 3 * q - 2;
        m_end = 3 * q;
        named = true;
    } else if (HAS(x, WF_QUARTERS_THROUGH) || HAS(x, WF_MONTHS_THROUGH)) {
        int n = HAS(x, WF_QUARTERS_THROUGH) ? 3 * x->v[WF_QUARTERS_THROUGH] : x->v[WF_MONTHS_THROUGH];
        if (n < 1 || n > 12)
            return false;
        m = 1;
        m_end = n;
        named = true;
    } else if (HAS(x, WF_MONTH)) {
        m = x->v[WF_MONTH];
        m_end = HAS(x, WF_MONTH_END) ? x->v[WF_MONTH_END] : m;
        named = HAS(x, WF_MONTH_END);
    } else if (HAS(x, WF_MONTH_OFFSET)) {
        if (!ref)
            return false;
        struct ymd r = add_months((struct ymd){ref->y, ref->m, 1}, x->v[WF_MONTH_OFFSET]);
        if (!y)
            y = y_end = r.y;
        m = m_end = r.m;
        named = true;
    }
    int d = 0, d_end = 0;
    if (HAS(x, WF_DAY)) {
        d = x->v[WF_DAY];
        d_end = HAS(x, WF_DAY_END) ? x->v[WF_DAY_END] : d;
    }
    if (!y && !m && !d) {
        if (!HAS(x, WF_EDGE) || !ref || other)
            return false;
        y = y_end = ref->y; /* 年底 alone: of the document's year */
    }
    /* what one end leaves unsaid, the other says: 从1月10日到12日, 2016年6月1日-6月30日 */
    if (other) {
        if (!y && other->year_given)
            y = y_end = other->e.y;
        if (d && !m) {
            if (other->p != P_DAY)
                return false;
            m = m_end = other->e.m;
            if (!y)
                y = y_end = other->e.y;
        }
    }
    if (d && !m) { /* 12号: this month's, or the last one's */
        if (!ref || y)
            return false;
        m = m_end = ref->m;
        y = y_end = ref->y;
        if (d > ref->d) {
            struct ymd r = add_months((struct ymd){ref->y, ref->m, 1}, -1);
            m = m_end = r.m;
            y = y_end = r.y;
        }
    }
    if (!y) { /* 3月, 7月25日: the latest on or before the document's date */
        if (other) {
            y = y_end = other->e.y;
        } else if (year && m) { /* 2023年上半年……，下半年: the sentence's year */
            y = y_end = year;
        } else {
            if (!ref)
                return false;
            y = y_end = ref->y;
            if (!named && (m > ref->m || (m == ref->m && d > ref->d)))
                y = y_end = ref->y - 1;
        }
    }
    enum precision p = d ? P_DAY : m ? P_MONTH : P_YEAR;
    if (HAS(x, WF_EDGE)) { /* 年底, 6月末, 年初 */
        bool end = x->v[WF_EDGE] > 0;
        if (p == P_YEAR && y_end > y) { /* 十二五末: the plan's last year */
            if (end)
                y = y_end;
            else
                y_end = y;
        } else if (p == P_YEAR) {
            if (end)
                y = y_end;
            else
                y_end = y;
            m = m_end = end ? 12 : 1;
            p = P_MONTH;
        } else if (p == P_MONTH) {
            if (end)
                m = m_end;
            else
                m_end = m;
            if (m < 1 || m > 12)
                return false;
            d = d_end = end ? month_days(y, m) : 1;
            p = P_DAY;
        }
    }
    if (y < 1 || y > 9999 || y_end < y || y_end > 9999)
        return false;
    if (!m) {
        m = 1;
        m_end = 12;
    }
    if (m < 1 || m > 12 || m_end < m || m_end > 12)
        return false;
    if (!d) {
        d = 1;
        d_end = month_days(y_end, m_end);
    } else if (d_end >= 28 && d_end > month_days(y_end, m_end) && d_end <= 31 && d_end != d) {
        d_end = month_days(y_end, m_end); /* 下旬: to the month's last day */
    }
    out->s = (struct ymd){y, m, d};
    out->e = (struct ymd){y_end, m_end, d_end};
    out->p = p;
    return when_day_valid(y, m, d) && when_day_valid(y_end, m_end, d_end) && cmp_ymd(out->s, out->e) <= 0;
}

static int format_day(char *out, size_t n, struct ymd a, enum precision p)
{
    return p == P_YEAR    ? snprintf(out, n, "%04d", a.y)
           : p == P_MONTH ? snprintf(out, n, "%04d-%02d", a.y, a.m)
                          : snprintf(out, n, "%04d-%02d-%02d", a.y, a.m, a.d);
}

bool when_resolve(const struct rule_set *rs, const char *time_ref, const char *day, char *out)
{
    return when_resolve_in(rs, time_ref, day, 0, NULL, out);
}

bool when_resolve_in(const struct rule_set *rs, const char *time_ref, const char *day, int year,
                     int *year_said, char *out)
{
    out[0] = '\0';
    if (year_said)
        *year_said = 0;
    if (!time_ref || !time_ref[0] || !rs->n_when)
        return false;
    struct ymd refd, *ref = NULL;
    if (day && day[0] && sscanf(day, "%4d-%2d-%2d", &refd.y, &refd.m, &refd.d) == 3 &&
        when_day_valid(refd.y, refd.m, refd.d))
        ref = &refd;
    /* the time reference in UTF-16, blanks left out (2008 年 is 2008年) */
    UChar buf[128];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(buf, 128, &n, time_ref, -1, &st);
    if (U_FAILURE(st) || n >= 128)
        return false;
    int32_t len = 0;
    for (int32_t i = 0; i < n; i++)
        if (!u_isUWhiteSpace(buf[i]))
            buf[len++] = buf[i];
    struct side sides[2];
    memset(sides, 0, sizeof sides);
    int k = 0;
    bool since = false;
    for (int32_t at = 0; at < len;) {
        int32_t end;
        const struct when_rule *w = piece_at(rs, buf, len, at, &end);
        if (!w && !since && (HAS(&sides[k], WF_MONTH) || HAS(&sides[k], WF_DAY))) {
            /* 自4月中旬启动抗旱工作以来: words between a month or a day and
             * the 以来 that ends the phrase say what began then, not when
             * (after a year they may be a time: 今年春节以来) */
            int32_t p = at + 1;
            while (p < len && u_isalpha(buf[p]) && !numbers_is_numeral_char(rs, buf, p, len) &&
                   !((w = piece_at(rs, buf, len, p, &end)) && w->role == WHEN_SINCE && end == len))
                p++;
            if (p >= len || !w || w->role != WHEN_SINCE || end != len || !u_isalpha(buf[at]))
                return false;
        }
        if (!w || since)
            return false; /* a piece no rule knows, or one after 以来 */
        if (w->role == WHEN_TO && sides[0].pieces) { /* a 至 first (至2014年6月30日) says "as of" */
            if (k == 1)
                return false;
            k = 1;
        } else if (w->role == WHEN_SINCE) {
            since = true;
        } else if (w->role == WHEN_PART && !take_piece(rs, w, buf, at, end, &sides[k])) {
            return false;
        }
        at = end;
    }
    if (k == 1 && !sides[1].pieces)
        return false;
    /* 截至11月底的三个月, 截至12月31日止年度: the months that end on the day before */
    int upto = HAS(&sides[k], WF_MONTHS_UPTO) ? sides[k].v[WF_MONTHS_UPTO] : 0;
    sides[k].set &= ~(1u << WF_MONTHS_UPTO);
    if (HAS(&sides[0], WF_MONTHS_UPTO) || (upto && (k || since)) || upto < 0 || upto > 1200)
        return false;
    struct span a, b;
    if (!side_span(&sides[0], k ? &sides[1] : NULL, NULL, ref, year, &a))
        return false;
    bool said = a.year_given;
    if (k) {
        if (!side_span(&sides[1], &sides[0], &a, ref, year, &b))
            return false;
        said |= b.year_given;
        if (cmp_ymd(b.e, a.s) < 0 && !b.year_given) { /* 11月至2月: into the next year */
            b.s.y++;
            b.e.y++;
            if (!when_day_valid(b.e.y, b.e.m, b.e.d))
                return false;
        }
        if (cmp_ymd(b.e, a.s) < 0)
            return false;
        a.e = b.e;
        if (b.p > a.p)
            a.p = b.p;
    }
    if (upto) {
        bool one_month = a.p == P_MONTH && a.s.y == a.e.y && a.s.m == a.e.m; /* 截至2023年底 */
        if (!one_month && (a.p != P_DAY || cmp_ymd(a.s, a.e)))
            return false;
        if (a.e.d == month_days(a.e.y, a.e.m)) { /* whole months: 2013-09/2013-11 */
            a.s = add_months((struct ymd){a.e.y, a.e.m, 1}, 1 - upto);
            a.p = P_MONTH;
        } else {
            a.s = from_day_number(day_number(add_months(a.e, -upto)) + 1);
        }
        if (a.s.y < 1)
            return false;
    }
    if (since) { /* from its start to the document's date */
        if (!ref || cmp_ymd(a.s, *ref) > 0)
            return false;
        a.e = *ref;
        a.p = P_DAY;
    }
    char s[16], e[16];
    format_day(s, sizeof s, a.s, a.p);
    format_day(e, sizeof e, a.e, a.p);
    if (!strcmp(s, e))
        snprintf(out, WHEN_MAX, "%s", s);
    else
        snprintf(out, WHEN_MAX, "%s/%s", s, e);
    if (year_said && said && !since && a.s.y == a.e.y) /* one year: 1949年-2013年……8月 is any August */
        *year_said = a.e.y;
    return true;
}

/* ------------------------------------------------------------ the document's date */

/* A valid day as YYYY-MM-DD into out (11 bytes). */
static void put_day(char *out, int y, int m, int d)
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool when_parse_date(const char *given, char *out)
{
    static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    out[0] = '\0';
    if (!given)
        return false;
    int num[3], digits[3], n = 0, month_name = 0;
    for (const char *p = given; *p && n < 3;) {
        if (*p >= '0' && *p <= '9') {
            long v = 0;
            int k = 0;
            for (; *p >= '0' && *p <= '9'; p++, k++)
                v = v < 100000000 ? v * 10 + (*p - '0') : v;
            if (n == 0 && k == 8) { /* 20190606 */
                num[0] = (int)(v / 10000), num[1] = (int)(v / 100 % 100), num[2] = (int)(v % 100);
                digits[0] = 4, digits[1] = digits[2] = 2;
                n = 3;
                break;
            }
            num[n] = v < 100000 ? (int)v : -1;
            digits[n++] = k;
        } else {
            for (int m = 0; m < 12 && !month_name; m++)
                if (!strncasecmp(p, MONTHS[m], 3) && (p == given || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z')))
                    month_name = m + 1;
            p++;
        }
    }
    int y, m, d;
    if (n >= 3 && digits[0] == 4)
        y = num[0], m = num[1], d = num[2];
    else if (month_name && n >= 2 && digits[1] == 4) /* Thu, 06 Jun 2019 */
        y = num[1], m = month_name, d = num[0];
    else
        return false;
    if (!when_day_valid(y, m, d) || y < 1000)
        return false;
    put_day(out, y, m, d);
    return true;
}

/* A dateline in the first lines of the text: the first match of a dateline
 * rule whose numerals are a year, a month and a day. */
static bool dateline(const struct rule_set *rs, const struct doc *doc, char *out)
{
    enum { LINES = 5, CHARS = 400 };
    int32_t end = doc->len < CHARS ? doc->len : CHARS;
    int lines = 0;
    for (int32_t i = 0; i < end && lines < LINES; i++)
        if (doc->text[i] == '\n' && i > 0 && doc->text[i - 1] != '\n' && ++lines == LINES)
            end = i;
    int32_t best_at = end;
    for (size_t k = 0; k < rs->n_when; k++) {
        const struct when_rule *w = &rs->when[k];
        if (w->role != WHEN_DATELINE)
            continue;
        URegularExpression *re = w->re->re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, doc->text, end, &st);
        if (!uregex_find(re, 0, &st) || U_FAILURE(st))
            continue;
        int32_t a = uregex_start(re, 0, &st), b = uregex_end(re, 0, &st);
        if (U_FAILURE(st) || a >= best_at)
            continue;
        struct side x;
        memset(&x, 0, sizeof x);
        if (!take_piece(rs, w, doc->text, a, b, &x) || !HAS(&x, WF_YEAR) || !HAS(&x, WF_MONTH) ||
            !HAS(&x, WF_DAY))
            continue;
        int y = full_year(x.v[WF_YEAR], NULL);
        if (!when_day_valid(y, x.v[WF_MONTH], x.v[WF_DAY]) || y < 1000)
            continue;
        put_day(out, y, x.v[WF_MONTH], x.v[WF_DAY]);
        best_at = a;
    }
    return best_at < end;
}

void when_resolve_doc(const struct rule_set *rs, struct doc *doc)
{
    if (!doc->day_from) { /* else a later block of a document read in blocks: the first one's */
        if (doc->date_option && when_parse_date(doc->date_option, doc->day))
            doc->day_from = "option";
        else if (doc->date && when_parse_date(doc->date, doc->day))
            doc->day_from = doc->archive_line ? "archive" : doc->html ? "page" : "feed";
        else if (doc->text && dateline(rs, doc, doc->day))
            doc->day_from = "text";
    }
    char when[WHEN_MAX];
    const char *last_ref = NULL, *last_when = NULL;
    int last_year = 0, year = 0, said = 0; /* year: the year the claim's sentence named before it */
    size_t s = 0;                     /* the sentence of the claim before, where claims are in order */
    for (size_t i = 0; i < doc->nclaims; i++) {
        struct claim *c = &doc->claims[i];
        c->when = NULL;
        if (i && c->start < doc->claims[i - 1].start)
            s = 0;
        size_t s0 = s;
        while (s < doc->nsentences && doc->sentences[s].end <= c->start)
            s++;
        if (!i || s != s0 || s >= doc->nsentences || doc->sentences[s].start > c->start)
            year = 0; /* another sentence, or none known */
        if (!c->time_ref)
            continue;
        if (last_ref && !strcmp(last_ref, c->time_ref) && last_year == year) {
            c->when = last_when;
            continue;
        }
        last_year = year;
        c->when = when_resolve_in(rs, c->time_ref, doc->day, year, &said, when) ? arena_strdup(&doc->arena, when)
                                                                              : NULL;
        last_ref = c->time_ref;
        last_when = c->when;
        if (said)
            year = said;
    }
}
