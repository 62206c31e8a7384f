/* page: looks up the page files the build embedded (build/gen/page.c). */
#include "page.h"

#include <string.h>

const struct page_asset *page_asset(const char *name)
{
    for (const struct page_asset *a = PAGE_ASSETS; a->name; a++)
        if (!strcmp(a->name, name))
            return a;
    return NULL;
}

bool page_put(FILE *f, const char *name)
{
    const struct page_asset *a = page_asset(name);
    if (!a)
        return false;
    fwrite(a->data, 1, a->len, f);
    return true;
}
