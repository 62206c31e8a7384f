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

#endif
