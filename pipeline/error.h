/* error: errors are values.
 *
 * A stage that fails fills a struct pl_error and returns false; the first
 * error wins (later calls to pl_error_set on a set error do nothing). Only
 * main.c prints errors, as "path:line:column: text" (line and column are
 * left out when they are 0). */
#ifndef PIPELINE_ERROR_H
#define PIPELINE_ERROR_H

#include <stdbool.h>
#include <stddef.h>

struct pl_error {
    bool set;
    char path[512];
    int line;     /* 1-based; 0 = unknown */
    int column;   /* 1-based, in characters; 0 = unknown */
    char text[1024]; /* room for a list of every rule section */
    char source[512]; /* the offending source line, for rule files; "" if none */
};

void pl_error_set(struct pl_error *e, const char *path, int line, int column,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "path:line:column: text" into out (size n); parts that are 0 left out. */
void pl_error_format(const struct pl_error *e, char *out, size_t n);

#endif
