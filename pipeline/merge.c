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
#include "reviews.h"
#include "xalloc.h"

uint64_t merge_hash(const void *p, size_t n, uint64_t h)
{
    for (const unsigned char *b = p, *end = b + n; b < end; b++) {
        h ^= *b;
        h *= 0x100000001b3ULL;
    }
    return h;
}

bool merge_in_shard(const char *name, unsigned k, unsigned n)
{
    return n == 0 || merge_hash(name, strlen(name), MERGE_HASH_START) % n == k;
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

/* claims.json as written by emit: a claims array, a documents array and a
 * checks array, one object a line. */
static bool read_json(const char *path, struct rows *docs, struct rows *claims, struct rows *checks,
                      struct pl_error *err)
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
        if (!strncmp(text, "{\"claims\": [", 12) || !strncmp(text, "], \"documents\": [", 17) ||
            !strncmp(text, "], \"checks\": [", 14)) {
            /* {"claims": [ opens the claims, or, when there are none, the
             * documents too: {"claims": [], "documents": [; the last
             * array a line opens is the one its next lines are of */
            into = strstr(text, "\"checks\": [") ? checks : strstr(text, "\"documents\": [") ? docs : claims;
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

/* The index of the column named name in a CSV header row, or -1. */
static int column_of(const char *header, const char *name)
{
    const char *end = header + strlen(header);
    for (int i = 0; i < 256; i++) {
        char *f = csv_field(header, end, i);
        bool found = !strcmp(f, name), past = !f[0];
        free(f);
        if (found)
            return i;
        if (past)
            return -1;
    }
    return -1;
}

/* The merged site: the documents' pages copied from their shards. */
struct site_merge {
    struct emit_html *h;
    const struct rows *docs;
    const char *const *shards;
    size_t n;
    size_t **reviewed; /* [shard][document row]: claims the shard's run reviewed */
    int name, bytes, claims, status, error; /* columns of documents.csv */
    bool ok;
    struct pl_error *err;
};

static void put_site_doc(void *ctx, const struct row *r, bool first)
{
    (void)first;
    struct site_merge *m = ctx;
    if (!m->ok)
        return;
    size_t i = 0;
    while (i < m->n && !(r >= m->docs[i].at && r < m->docs[i].at + m->docs[i].n))
        i++;
    if (i == m->n)
        return;
    const char *end = r->text + r->len;
    char *name = csv_field(r->text, end, m->name), *status = csv_field(r->text, end, m->status);
    char *error = csv_field(r->text, end, m->error), *claims = csv_field(r->text, end, m->claims);
    char *bytes = csv_field(r->text, end, m->bytes);
    struct emit_html_entry e = {name, status, error, strtoull(claims, NULL, 10), strtoull(bytes, NULL, 10),
                                m->reviewed[i][r - m->docs[i].at]};
    char *site = xasprintf("%s/report", m->shards[i]);
    m->ok = emit_html_merge_doc(m->h, site, &e, m->err);
    free(site);
    free(name);
    free(status);
    free(error);
    free(claims);
    free(bytes);
}

/* report.html and report/ of the merged shards: their claims counted (and
 * the reviews their runs applied), their documents' pages copied, in the
 * merged order. */
static bool merge_site(FILE *index, const char *site, const char *const *shards, size_t n, const struct rows *docs,
                       const struct rows *claims, struct pl_error *err)
{
    struct emit_html *h = emit_html_begin(index, site, err);
    if (!h)
        return false;
    const char *dh = docs[0].header, *ch = claims[0].header;
    struct site_merge m = {h, docs, shards, n, xcalloc(n, sizeof(size_t *)), column_of(dh, "doc"),
                           column_of(dh, "bytes"), column_of(dh, "claims"), column_of(dh, "status"),
                           column_of(dh, "error"), true, err};
    int cdoc = column_of(ch, "doc"), cid = column_of(ch, "claim_id"), ckind = column_of(ch, "kind"),
        cverdict = column_of(ch, "verdict"), ccorrected = column_of(ch, "corrected_value"),
        cnote = column_of(ch, "review_note");
    for (size_t i = 0; i < n; i++) {
        m.reviewed[i] = xcalloc(docs[i].n + 1, sizeof(size_t));
        size_t k = 0;
        /* a shard's claims come in the order of its documents */
        for (size_t j = 0; j <= docs[i].n; j++) {
            char *name = j < docs[i].n ? csv_field(docs[i].at[j].text, docs[i].at[j].text + docs[i].at[j].len, m.name)
                                       : NULL;
            for (; k < claims[i].n; k++) {
                const char *t = claims[i].at[k].text, *end = t + claims[i].at[k].len;
                char *doc = csv_field(t, end, cdoc);
                if (name && strcmp(doc, name)) {
                    free(doc);
                    break;
                }
                char *id = csv_field(t, end, cid), *kind = csv_field(t, end, ckind);
                char *verdict = cverdict >= 0 ? csv_field(t, end, cverdict) : xstrdup("");
                char *corrected = ccorrected >= 0 ? csv_field(t, end, ccorrected) : xstrdup("");
                char *note = cnote >= 0 ? csv_field(t, end, cnote) : xstrdup("");
                struct review rv = {.verdict = verdict, .corrected_value = corrected, .note = note};
                emit_html_merge_claim(h, doc, id, kind, verdict[0] ? &rv : NULL);
                m.reviewed[i][j] += verdict[0] != '\0';
                free(doc);
                free(id);
                free(kind);
                free(verdict);
                free(corrected);
                free(note);
            }
            free(name);
        }
    }
    merge_rows((struct rows *)docs, n, put_site_doc, &m);
    bool ok = m.ok && emit_html_finish(h, err);
    for (size_t i = 0; i < n; i++)
        free(m.reviewed[i]);
    free(m.reviewed);
    emit_html_free(h);
    return ok;
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

/* A shard's run.json into r. False (err set) when it is missing or not
 * one. */
static bool read_run(const char *shard, struct emit_run *r, struct pl_error *err)
{
    char *path = xasprintf("%s/run.json", shard);
    struct buf b = {0};
    int e = 0;
    bool read = buf_read_file(&b, path, &e);
    cJSON *o = read ? cJSON_ParseWithLength(b.data, b.len) : NULL;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "run"), *k = cJSON_GetObjectItemCaseSensitive(o, "shard"),
                *n = cJSON_GetObjectItemCaseSensitive(o, "shards");
    bool ok = cJSON_IsString(id) && strlen(id->valuestring) == 16 && cJSON_IsNumber(k) && cJSON_IsNumber(n) &&
              n->valuedouble >= 1 && n->valuedouble <= 1e9 && k->valuedouble >= 0 && k->valuedouble < n->valuedouble;
    if (ok) {
        memcpy(r->id, id->valuestring, 17);
        r->shard = (unsigned)k->valuedouble;
        r->shards = (unsigned)n->valuedouble;
    } else if (!read) {
        pl_error_set(err, path, 0, 0, "cannot read: %s: not the output of a run of this pipeline", strerror(e));
    } else {
        pl_error_set(err, path, 0, 0, "not a run.json of the pipeline (run, shard, shards)");
    }
    cJSON_Delete(o);
    buf_free(&b);
    free(path);
    return ok;
}

/* Whether shards[0..n) are all the shards of one run, each once. False
 * (err says which shard is missing, given twice or of another run). */
static bool check_runs(const char *const *shards, size_t n, struct emit_run *whole, struct pl_error *err)
{
    struct emit_run *runs = xcalloc(n, sizeof *runs);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = read_run(shards[i], &runs[i], err);
    for (size_t i = 1; i < n && ok; i++) {
        if (strcmp(runs[i].id, runs[0].id)) {
            pl_error_set(err, shards[i], 0, 0, "is of run %s, %s of run %s: shards of different runs are not merged",
                         runs[i].id, shards[0], runs[0].id);
            ok = false;
        } else if (runs[i].shards != runs[0].shards) {
            pl_error_set(err, shards[i], 0, 0, "is shard %u of %u, %s of %u shards: not one run", runs[i].shard,
                         runs[i].shards, shards[0], runs[0].shards);
            ok = false;
        }
        for (size_t j = 0; j < i && ok; j++) {
            if (runs[j].shard == runs[i].shard) {
                pl_error_set(err, NULL, 0, 0, "%s and %s are both shard %u of %u: each shard is merged once",
                             shards[j], shards[i], runs[i].shard, runs[i].shards);
                ok = false;
            }
        }
    }
    /* n different shards of N: the ones missing, if n < N */
    if (ok && n < runs[0].shards) {
        struct buf missing = {0};
        unsigned listed = 0;
        for (unsigned k = 0; k < runs[0].shards && listed <= 10; k++) {
            bool given = false;
            for (size_t i = 0; i < n && !given; i++)
                given = runs[i].shard == k;
            if (!given) {
                char one[32];
                snprintf(one, sizeof one, "%s%u", listed ? ", " : "", k);
                if (listed++ == 10)
                    strcpy(one, ", ...");
                buf_append(&missing, one, strlen(one));
            }
        }
        pl_error_set(err, NULL, 0, 0, "%zu shard(s) of %u of run %s given: missing shard%s %s", n, runs[0].shards,
                     runs[0].id, listed > 1 ? "s" : "", missing.data);
        buf_free(&missing);
        ok = false;
    }
    if (ok) {
        *whole = runs[0];
        whole->shard = 0;
        whole->shards = 1;
    }
    free(runs);
    return ok;
}

bool merge_shards(const char *out_dir, const char *const *shards, size_t n, struct pl_error *err)
{
    struct rows *csv_claims = xcalloc(n, sizeof *csv_claims), *csv_docs = xcalloc(n, sizeof *csv_docs);
    struct rows *json_claims = xcalloc(n, sizeof *json_claims), *json_docs = xcalloc(n, sizeof *json_docs);
    struct rows *csv_checks = xcalloc(n, sizeof *csv_checks), *json_checks = xcalloc(n, sizeof *json_checks);
    struct emit_run whole = {{0}, 0, 1};
    bool ok = check_runs(shards, n, &whole, err);
    char *package = NULL;
    size_t package_len = 0;
    for (size_t i = 0; i < n && ok; i++) {
        char *a = xasprintf("%s/claims.csv", shards[i]), *b = xasprintf("%s/documents.csv", shards[i]),
             *c = xasprintf("%s/claims.json", shards[i]), *d = xasprintf("%s/datapackage.json", shards[i]),
             *e = xasprintf("%s/checks.csv", shards[i]);
        ok = read_csv(a, 1, &csv_claims[i], err) && read_csv(b, 0, &csv_docs[i], err) &&
             read_csv(e, 1, &csv_checks[i], err) && read_json(c, &json_docs[i], &json_claims[i], &json_checks[i], err);
        if (ok && i > 0 && strcmp(csv_checks[i].header, csv_checks[0].header)) {
            pl_error_set(err, e, 1, 0, "has other columns than %s/checks.csv", shards[0]);
            ok = false;
        }
        /* one run's shards have one set of columns, and one description */
        if (ok && i > 0 && strcmp(csv_claims[i].header, csv_claims[0].header)) {
            pl_error_set(err, a, 1, 0, "has other columns than %s/claims.csv", shards[0]);
            ok = false;
        }
        if (ok && i > 0 && strcmp(csv_docs[i].header, csv_docs[0].header)) {
            pl_error_set(err, b, 1, 0, "has other columns than %s/documents.csv", shards[0]);
            ok = false;
        }
        size_t len = 0;
        char *p = ok ? slurp(d, &len, err) : NULL;
        if (ok && !p) {
            ok = false;
        } else if (ok && i == 0) {
            package = p;
            package_len = len;
            p = NULL;
        } else if (ok && (len != package_len || memcmp(p, package, len))) {
            pl_error_set(err, d, 0, 0, "differs from %s/datapackage.json: the shards were run with other rules",
                         shards[0]);
            ok = false;
        }
        free(p);
        free(a);
        free(b);
        free(c);
        free(d);
        free(e);
    }
    struct made_dirs made = {0};
    struct outfile_lock lock = {.fd = -1};
    /* the dataset's files: the three merged, the site (its documents'
     * pages copied from the shards), the description and run.json of the
     * whole run, the others removed (the rest are per shard) */
    size_t nfiles = 0;
    while (EMIT_FILES[nfiles])
        nfiles++;
    struct outfile *files = xcalloc(nfiles, sizeof *files);
    ok = ok && outfile_make_dir(out_dir, &made, err) && outfile_lock(&lock, out_dir, EMIT_FILES, err);
    for (size_t i = 0; i < nfiles && ok; i++) {
        const char *name = EMIT_FILES[i];
        if (!strcmp(name, "report"))
            ok = outfile_open_folder(&files[i], out_dir, name, err);
        else if (strcmp(name, "claims.csv") && strcmp(name, "claims.json") && strcmp(name, "documents.csv") &&
                 strcmp(name, "checks.csv") &&
                 strcmp(name, "datapackage.json") && strcmp(name, "run.json") && strcmp(name, "report.html"))
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
        FILE *checks_csv = file_named(files, nfiles, "checks.csv");
        fputs(csv_checks[0].header, checks_csv);
        merge_rows(csv_checks, n, put_raw, checks_csv);
        FILE *j = claims_json;
        fputs("{\"claims\": [", j);
        size_t nd = 0, nc = 0, nk = 0;
        for (size_t i = 0; i < n; i++) {
            nd += json_docs[i].n;
            nc += json_claims[i].n;
            nk += json_checks[i].n;
        }
        merge_rows(json_claims, n, put_json, j);
        fputs(nc ? "\n], \"documents\": [" : "], \"documents\": [", j);
        merge_rows(json_docs, n, put_json, j);
        fputs(nd ? "\n], \"checks\": [" : "], \"checks\": [", j);
        merge_rows(json_checks, n, put_json, j);
        fputs(nk ? "\n]}\n" : "]}\n", j);
        fwrite(package, 1, package_len, file_named(files, nfiles, "datapackage.json"));
        emit_run_json(file_named(files, nfiles, "run.json"), &whole);
        size_t site = 0;
        while (strcmp(files[site].path + strlen(files[site].path) - 7, "/report"))
            site++;
        ok = merge_site(file_named(files, nfiles, "report.html"), files[site].tmp_path, shards, n, csv_docs,
                        csv_claims, err);
        for (size_t i = 0; i < nfiles && ok; i++)
            ok = outfile_close(&files[i], err);
        ok = ok && outfile_commit_all(files, nfiles, err);
    }
    for (size_t i = 0; i < nfiles; i++)
        outfile_discard(&files[i]);
    free(files);
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
        rows_free(&csv_checks[i]);
        rows_free(&json_checks[i]);
    }
    free(package);
    free(csv_claims);
    free(csv_docs);
    free(json_claims);
    free(json_docs);
    free(csv_checks);
    free(json_checks);
    return ok;
}
