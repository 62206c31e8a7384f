/* merge: k-way merges of rows, stable, keyed by the input file a document
 * came from (its name up to '#'). Rows are copied as bytes. */
#include "merge.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "outfile.h"
#include "xalloc.h"

bool merge_in_shard(const char *name, unsigned k, unsigned n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return n == 0 || h % n == k;
}

/* One row of a file, as written, and the input file it belongs to. */
struct row {
    char *text;   /* with its line end */
    size_t len;
    char *file;   /* the document name up to '#' */
};

struct rows {
    struct row *at;
    size_t n, cap;
    char *header;
};

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->at[i].text);
        free(r->at[i].file);
    }
    free(r->at);
    free(r->header);
}

static void rows_push(struct rows *r, const char *text, size_t len, const char *doc)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->at = xrealloc(r->at, r->cap * sizeof *r->at);
    }
    size_t fl = strcspn(doc, "#");
    r->at[r->n++] = (struct row){xstrndup(text, len), len, xstrndup(doc, fl)};
}

static char *slurp(const char *path, size_t *len, struct pl_error *err)
{
    struct buf b = {0};
    int e;
    if (!buf_read_file(&b, path, &e)) {
        pl_error_set(err, path, 0, 0, "cannot read: %s", strerror(e));
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

/* The text of CSV field `index` (0-based) of the row at s, unquoted. */
static char *csv_field(const char *s, const char *end, int index)
{
    struct buf out = {0};
    int field = 0;
    bool quoted = false;
    for (const char *p = s; p < end; p++) {
        if (quoted) {
            if (*p == '"' && p + 1 < end && p[1] == '"') {
                if (field == index)
                    buf_append(&out, "\"", 1);
                p++;
            } else if (*p == '"') {
                quoted = false;
            } else if (field == index) {
                buf_append(&out, p, 1);
            }
        } else if (*p == '"') {
            quoted = true;
        } else if (*p == ',') {
            if (field++ == index)
                break;
        } else if (field == index && *p != '\r' && *p != '\n') {
            buf_append(&out, p, 1);
        }
    }
    if (!out.data)
        buf_append(&out, "", 0);
    return out.data;
}

/* The rows of a CSV file (a row ends at a line end outside quotes); the
 * document is field doc_field. */
static bool read_csv(const char *path, int doc_field, struct rows *r, struct pl_error *err)
{
    size_t len;
    char *s = slurp(path, &len, err);
    if (!s)
        return false;
    const char *p = s, *end = s + len;
    bool first = true;
    while (p < end) {
        const char *q = p;
        bool quoted = false;
        while (q < end && (quoted || *q != '\n')) {
            if (*q == '"')
                quoted = !quoted;
            q++;
        }
        if (q < end)
            q++;
        if (first) {
            r->header = xstrndup(p, (size_t)(q - p));
            first = false;
        } else {
            char *doc = csv_field(p, q, doc_field);
            rows_push(r, p, (size_t)(q - p), doc);
            free(doc);
        }
        p = q;
    }
    free(s);
    if (first) {
        pl_error_set(err, path, 0, 0, "no header row");
        return false;
    }
    return true;
}

/* claims.json as written by emit: a claims array and a documents array,
 * one object a line. */
static bool read_json(const char *path, struct rows *docs, struct rows *claims, struct pl_error *err)
{
    size_t len;
    char *s = slurp(path, &len, err);
    if (!s)
        return false;
    struct rows *into = NULL;
    int lineno = 0;
    for (char *line = s; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        lineno++;
        char *text = xstrndup(line, n);
        size_t tl = n;
        if (tl && text[tl - 1] == ',')
            text[--tl] = '\0';
        if (!strncmp(text, "{\"claims\": [", 12) || !strncmp(text, "], \"documents\": [", 17)) {
            /* {"claims": [ opens the claims, or, when there are none, the
             * documents too: {"claims": [], "documents": [ */
            into = strstr(text, "\"documents\": [") ? docs : claims;
        } else if (text[0] == '{' && into) {
            cJSON *o = cJSON_ParseWithLength(text, tl);
            const cJSON *doc = cJSON_GetObjectItemCaseSensitive(o, "doc");
            if (!cJSON_IsString(doc)) {
                pl_error_set(err, path, lineno, 0, "expected an object with a \"doc\"");
                cJSON_Delete(o);
                free(text);
                free(s);
                return false;
            }
            rows_push(into, text, tl, doc->valuestring);
            cJSON_Delete(o);
        }
        free(text);
        line += n + (nl ? 1 : 0);
    }
    free(s);
    return true;
}

/* Stable k-way merge by input file name: shard i's rows in order. */
static void merge_rows(struct rows *in, size_t n, void (*put)(void *, const struct row *, bool), void *ctx)
{
    size_t *next = xcalloc(n, sizeof *next);
    bool first = true;
    for (;;) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (next[i] >= in[i].n)
                continue;
            if (best == n || strcmp(in[i].at[next[i]].file, in[best].at[next[best]].file) < 0)
                best = i;
        }
        if (best == n)
            break;
        /* the whole file at once: its documents stay in their order */
        const char *file = in[best].at[next[best]].file;
        while (next[best] < in[best].n && !strcmp(in[best].at[next[best]].file, file)) {
            put(ctx, &in[best].at[next[best]++], first);
            first = false;
        }
    }
    free(next);
}

static void put_raw(void *f, const struct row *r, bool first)
{
    (void)first;
    fwrite(r->text, 1, r->len, f);
}

static void put_json(void *f, const struct row *r, bool first)
{
    fputs(first ? "\n" : ",\n", f);
    fwrite(r->text, 1, r->len, f);
}

static FILE *file_named(const struct outfile *files, size_t n, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(files[i].path);
        if (l > k && files[i].path[l - k - 1] == '/' && !strcmp(files[i].path + l - k, name))
            return files[i].f;
    }
    return NULL;
}

bool merge_shards(const char *out_dir, const char *const *shards, size_t n, struct pl_error *err)
{
    struct rows *csv_claims = xcalloc(n, sizeof *csv_claims), *csv_docs = xcalloc(n, sizeof *csv_docs);
    struct rows *json_claims = xcalloc(n, sizeof *json_claims), *json_docs = xcalloc(n, sizeof *json_docs);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        char *a = xasprintf("%s/claims.csv", shards[i]), *b = xasprintf("%s/documents.csv", shards[i]),
             *c = xasprintf("%s/claims.json", shards[i]);
        ok = read_csv(a, 1, &csv_claims[i], err) && read_csv(b, 0, &csv_docs[i], err) &&
             read_json(c, &json_docs[i], &json_claims[i], err);
        free(a);
        free(b);
        free(c);
    }
    struct made_dirs made = {0};
    struct outfile_lock lock = {.fd = -1};
    /* the dataset's files: the three merged, the others removed (the page
     * and the rest are per shard) */
    struct outfile files[16] = {{0}};
    size_t nfiles = 0;
    while (EMIT_FILES[nfiles])
        nfiles++;
    ok = ok && outfile_make_dir(out_dir, &made, err) && outfile_lock(&lock, out_dir, EMIT_FILES, err);
    for (size_t i = 0; i < nfiles && ok; i++) {
        const char *name = EMIT_FILES[i];
        if (strcmp(name, "claims.csv") && strcmp(name, "claims.json") && strcmp(name, "documents.csv"))
            outfile_absent(&files[i], out_dir, name);
        else
            ok = outfile_open(&files[i], out_dir, name, err);
    }
    FILE *claims_csv = ok ? file_named(files, nfiles, "claims.csv") : NULL;
    FILE *claims_json = ok ? file_named(files, nfiles, "claims.json") : NULL;
    FILE *documents_csv = ok ? file_named(files, nfiles, "documents.csv") : NULL;
    if (ok) {
        fputs(csv_claims[0].header, claims_csv);
        merge_rows(csv_claims, n, put_raw, claims_csv);
        fputs(csv_docs[0].header, documents_csv);
        merge_rows(csv_docs, n, put_raw, documents_csv);
        FILE *j = claims_json;
        fputs("{\"claims\": [", j);
        size_t nd = 0, nc = 0;
        for (size_t i = 0; i < n; i++) {
            nd += json_docs[i].n;
            nc += json_claims[i].n;
        }
        merge_rows(json_claims, n, put_json, j);
        fputs(nc ? "\n], \"documents\": [" : "], \"documents\": [", j);
        merge_rows(json_docs, n, put_json, j);
        fputs(nd ? "\n]}\n" : "]}\n", j);
        for (size_t i = 0; i < nfiles && ok; i++)
            ok = outfile_close(&files[i], err);
        ok = ok && outfile_commit_all(files, nfiles, err);
    }
    for (size_t i = 0; i < nfiles; i++)
        outfile_discard(&files[i]);
    outfile_unlock(&lock);
    if (ok)
        outfile_keep_dirs(&made);
    else
        outfile_unmake_dirs(&made);
    for (size_t i = 0; i < n; i++) {
        rows_free(&csv_claims[i]);
        rows_free(&csv_docs[i]);
        rows_free(&json_claims[i]);
        rows_free(&json_docs[i]);
    }
    free(csv_claims);
    free(csv_docs);
    free(json_claims);
    free(json_docs);
    return ok;
}
