/* page: the audit site's style sheets and scripts. They are files of their
 * own under pipeline/page/ (report.css, report.js, …), read, linted and
 * tested as what they are; the build embeds them as data
 * (pipeline/page/embed.sh writes build/gen/page.c). */
#ifndef PIPELINE_PAGE_H
#define PIPELINE_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct page_asset {
    const char *name; /* the file's base name: "report.css" */
    const char *data; /* its bytes, NUL-terminated */
    size_t len;
};

/* Every embedded file, in name order; the last has a NULL name. */
extern const struct page_asset PAGE_ASSETS[];

/* The embedded file of that base name; NULL if there is none. */
const struct page_asset *page_asset(const char *name);

/* Write the embedded file of that name to f. A name that is not embedded
 * is a build error, caught by the tests: false, nothing written. */
bool page_put(FILE *f, const char *name);

#endif
