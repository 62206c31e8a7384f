/* archive: news archives in JSON Lines, one article a line.
 *
 * Each non-blank line is a JSON object; its text field (options->text_field,
 * else "content", else "text") is the article. The article is named
 * "NAME#ID" after its id field (options->id_field, default "id"), else
 * "NAME#LINE". Its bytes are the decoded text of the field: JSON escapes
 * make offsets into the archive file meaningless, so byte_start and
 * byte_end count in the article's own text, `line` is the article's line
 * in the archive and `column` the character in its text. A malformed line
 * fails that article, not the archive. A file that begins as gzip does is
 * inflated, all its members one after another. Names are unique in the
 * archive: an id seen before gets the line, "NAME#ID (line N)". Strings
 * that are not valid UTF-8 have U+FFFD for each bad byte; \u0000 in a
 * string is read as U+FFFD (a NUL cannot be text). */
#ifndef PIPELINE_ARCHIVE_H
#define PIPELINE_ARCHIVE_H

#include <stdio.h>

#include "model.h"

struct archive_options {
    const char *text_field;   /* NULL: "content", else "text" */
    const char *id_field;     /* NULL: "id" */
};

/* Hand each article of the archive at path (named name) to fn, in line
 * order, undecoded (doc->bytes set). Returns the number of articles; -1
 * with *error (to free) when the file cannot be read, -2 when it is not a
 * regular file (to skip). When it breaks off (a gzip stream truncated or
 * corrupt, a read error), *error says so after the articles before. */
long archive_read(const char *path, const char *name, const struct archive_options *o, doc_fn fn,
                  void *ctx, char **error);

/* The same for an archive on an open stream (standard input): name is
 * what documents are called after. */
long archive_read_stream(FILE *f, const char *name, const struct archive_options *o, doc_fn fn,
                         void *ctx, char **error);

#endif
