/* markup: HTML pages and XML feeds into text a reader would see, with the
 * byte span of every character in the original file.
 *
 * The document must be decoded first (doc->text is the whole page source).
 * libxml2 parses it (no network, no external entities, no entity
 * expansion, recovering from broken markup); the article is chosen (an
 * element of rule->content such as <article>, else the element whose
 * paragraphs hold the most text), elements of rule->skip and blocks whose
 * class or id has a word of rule->boilerplate are left out, blocks become
 * paragraph breaks. libxml2 gives text without positions, so each text node
 * is found again in the source, entities decoded on the way: a character
 * written &nbsp; spans those six bytes. */
#ifndef PIPELINE_MARKUP_H
#define PIPELINE_MARKUP_H

#include <stdbool.h>

#include "model.h"
#include "rules.h"

/* Set up libxml2's global state (the lock of its dictionaries, its
 * random seed) once, before threads read markup: left to the first use,
 * two workers that set it up at once deadlocked on that lock. */
void markup_init(void);

/* Replace doc's text by the page's title and article text, with
 * doc->offsets and doc->ends into the page's bytes, and set doc->title,
 * doc->date and doc->url from the page's meta tags. False (doc failed)
 * when libxml2 cannot read the page at all. */
bool markup_html(struct doc *doc, const struct markup_rule *rule);

/* Split the XML document feed into one document per item (RSS <item>, Atom
 * <entry>: rule->feed_items), named "NAME#N", whose bytes are the feed's
 * (doc_borrow: the feed lives until it and its last item are freed) and whose text is the item's
 * rule->feed_text elements, HTML inside them read as HTML. A feed with no
 * items is one document of all its text. Returns the number of documents
 * handed to fn, or -1 (feed failed) when it is not XML libxml2 can read. */
long markup_feed(struct doc *feed, const struct markup_rule *rule, doc_fn fn, void *ctx);

/* The feed at path (named name), read from its file item by item with
 * libxml2's streaming reader, as markup_feed reads it whole: memory holds
 * the item being read and what the reader read ahead, never the feed. An
 * item whose text comes from more than max_item bytes of the feed stops
 * the reading (the item before is partial). Returns the number of items
 * handed to fn; 0, with nothing handed on, when the feed is to be read
 * whole instead: it cannot be opened, is not UTF-8 or holds a NUL byte
 * (decoding it whole says so), declares entities (libxml2's own limits
 * then hold), or has no item (it is then one document). */
long markup_feed_stream(const char *path, const char *name, const struct markup_rule *rule, size_t max_item,
                        doc_fn fn, void *ctx);

#endif
