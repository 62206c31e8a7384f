/* decode: a document's bytes to UTF-16 text with a byte offset for every
 * UTF-16 unit.
 *
 * Accepts UTF-8 with or without a byte-order mark (the mark is not part of
 * the text), LF or CRLF line ends. Invalid input is never replaced: the
 * document fails with "name:LINE: invalid UTF-8 byte 0xC3" (the line of the
 * first bad byte). */
#ifndef PIPELINE_DECODE_H
#define PIPELINE_DECODE_H

#include <stdbool.h>

#include "model.h"

/* Read doc->path into doc->bytes. False (doc marked failed) when the file
 * cannot be read or is empty. */
bool decode_read(struct doc *doc);

/* Fill doc->text, doc->offsets, doc->len and doc->encoding from doc->bytes.
 * False (doc marked failed, with the position) on invalid input. */
bool decode_text(struct doc *doc);

#endif
