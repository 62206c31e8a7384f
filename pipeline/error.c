/* error: the one error value the stages pass up to main. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void pl_error_set(struct pl_error *e, const char *path, int line, int column,
                  const char *fmt, ...)
{
    if (!e || e->set)
        return;
    e->set = true;
    snprintf(e->path, sizeof e->path, "%s", path ? path : "");
    e->line = line;
    e->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
}

void pl_error_format(const struct pl_error *e, char *out, size_t n)
{
    if (!e->path[0])
        snprintf(out, n, "%s", e->text);
    else if (e->line && e->column)
        snprintf(out, n, "%s:%d:%d: %s", e->path, e->line, e->column, e->text);
    else if (e->line)
        snprintf(out, n, "%s:%d: %s", e->path, e->line, e->text);
    else
        snprintf(out, n, "%s: %s", e->path, e->text);
}
