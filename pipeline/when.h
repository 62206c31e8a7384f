/* when: a claim's time reference resolved to ISO 8601 against the
 * document's date.
 *
 * Runs after normalise, one document at a time. First the document's date:
 * --date (doc->date_option) wins; else the date of the page's metadata, the
 * feed's item or the archive's article (doc->date, as given: 2019-06-06,
 * 2019-06-06T10:15:00+08:00, Thu, 06 Jun 2019 10:15:00 +0800, 2019年6月6日);
 * else a dateline in the first lines of the text, found by the "dateline"
 * rules of rules/when.json (本报讯（2019年6月6日）, 2021-12-29 10:15). It
 * goes to doc->day as YYYY-MM-DD, and where it came from to doc->day_from.
 *
 * Then each claim's time_ref: the "when" rules cut it into pieces, each
 * matched at its place (the longest match of all rules wins; blanks are
 * left out), and every piece says part of a time — a year (2022年, 去年),
 * a month, a day, a named part of a year (上半年, 一季度), a week, a
 * decade, a span back from the document's date (近三年), the months that
 * end on the day before them (截至9月底的三个月, 止年度) — or stands
 * between the ends of a range (至), says "from then to the document's
 * date" (以来, 起) or says nothing (自, 份). A time reference that holds a
 * piece no rule knows (春节, 同期, 当年) has no `when`, and a relative one
 * has none where the document has no date. The result: `2022`, `2022-06`,
 * `2022-06-30`, or an interval of two of them, `2022-01/2022-06`,
 * `2019-01-01/2019-06-06`. A month or day written without a year is the
 * latest such one on or before the document's date. */
#ifndef PIPELINE_WHEN_H
#define PIPELINE_WHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "rules.h"

/* The longest `when` written: two days and a slash. */
#define WHEN_MAX 32

/* The document's date into doc->day and doc->day_from (kept where
 * day_from is set already: a block of a document read in blocks takes the
 * first block's), then every claim's `when` (in the document's arena; NULL
 * where it has none). */
void when_resolve_doc(const struct rule_set *rs, struct doc *doc);

/* time_ref (UTF-8) resolved against day ("YYYY-MM-DD", or NULL or "" for
 * none) into out (at least WHEN_MAX bytes). False, out "", where it cannot
 * be resolved. The rules' patterns are used: not safe on one rule set from
 * two threads at once. */
bool when_resolve(const struct rule_set *rs, const char *time_ref, const char *day, char *out);

/* As when_resolve, where the sentence named a year before (year, 0 for
 * none): a time that says its months and no year is of that year
 * (2023年上半年……，下半年 is 2023-07/2023-12). The year the time names
 * itself, written or said (2023年, 去年), into *year_said (0 for none, for
 * a time up to the document's date, or for one of several years). */
bool when_resolve_in(const struct rule_set *rs, const char *time_ref, const char *day, int year,
                     int *year_said, char *out);

/* A date as a page, feed or archive gives it, as YYYY-MM-DD into out (11
 * bytes); false where it is none of the forms above. */
bool when_parse_date(const char *given, char *out);

/* Is y-m-d a day of the calendar (y 1 to 9999)? */
bool when_day_valid(int y, int m, int d);

#endif
