/* main: the command line. Parses arguments, runs, prints errors, exits.
 * Exit codes: see enum pipeline_exit in pipeline.h. */
#include <cJSON.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "examples.h"
#include "merge.h"
#include "outfile.h"
#include "reviews.h"
#include "pipeline.h"
#include "when.h"
#include "xalloc.h"

static const char USAGE[] =
    "usage: pipeline [OPTIONS] INPUT... OUT_DIR\n"
    "       pipeline [OPTIONS] --stdin-jsonl\n"
    "       pipeline merge OUT_DIR SHARD_OUT...\n"
    "       pipeline review-template OUT_DIR\n"
    "       pipeline --check-rules [RULES_DIR]\n"
    "\n"
    "Finds the numeric claims of the reports in INPUT (files, or folders walked\n"
    "recursively) and writes them to OUT_DIR. Plain text, HTML pages (.html .htm),\n"
    "XML feeds (.xml .rss .atom: each item a document) and JSON Lines archives\n"
    "(.jsonl .jsonl.gz: each line an article).\n"
    "\n"
    "OUT_DIR gets, all at once when the run ends (files of an earlier run that\n"
    "this one does not write are removed):\n"
    "  claims.csv         one row per claim (the columns of the README)\n"
    "  claims.json        the claims and the documents\n"
    "  documents.csv      one row per document: bytes, charset, claims, status\n"
    "  report.html        the audit site's entry page; report/ its pages\n"
    "  checks.csv         the relations between each document's figures that its\n"
    "                     text states (sums, shares, changes), recomputed: which hold\n"
    "  datapackage.json   the description of the CSV files (Frictionless)\n"
    "  run.json           which run and shard the dataset is of\n"
    "  claims.xlsx        with --excel: the claims, documents and a reviews sheet\n"
    "                     as a workbook (ids and quotes text, values numbers)\n"
    "  claims.excel.csv   with --excel: claims.csv for Excel (BOM, CRLF)\n"
    "  orphaned_reviews.csv  with --reviews: the reviews no claim took\n"
    "review-template writes OUT_DIR/reviews.csv, a reviews file of the run's claims.\n"
    "\n"
    "options (--NAME VALUE or --NAME=VALUE):\n"
    "  --rules DIR        the rule files (default: the installed rules, else the\n"
    "                     source tree's rules/)\n"
    "  --encoding NAME    read every file in this charset (default: UTF-8, else\n"
    "                     detected among GB18030, Big5 and UTF-16)\n"
    "  --text-field NAME  the article text of JSON Lines archives (default: content,\n"
    "                     else text)\n"
    "  --id-field NAME    the article id of JSON Lines archives (default: id)\n"
    "  --jobs N           worker threads (default: one per CPU); the output is the\n"
    "                     same for every N\n"
    "  --shard K/N        only the input files of shard K (0 to N-1) of N, chosen by\n"
    "                     a hash of their names; `pipeline merge` joins the shards\n"
    "  --fsync            have the output on disk before the run ends, so that it\n"
    "                     survives a power cut whole (slower: the run waits for\n"
    "                     the disk); for merge and review-template too\n"
    "  --excel            also write claims.xlsx and claims.excel.csv (UTF-8 with\n"
    "                     BOM, CRLF, text Excel would read as a formula defused)\n"
    "  --date YYYY-MM-DD  the date of every document, that relative times (今年,\n"
    "                     上月, 近三年) are resolved against; it wins over the date a\n"
    "                     page, feed, archive or dateline gives\n"
    "  --reviews FILE     carry reviewers' verdicts (claim_id, verdict,\n"
    "                     corrected_value, note) into the claims; the file may be\n"
    "                     UTF-8, UTF-16 or GBK, separated by commas or semicolons;\n"
    "                     a review whose id is gone goes to the claim of its doc\n"
    "                     with its quote and value, else to orphaned_reviews.csv\n"
    "  --stdin-jsonl      read articles as JSON Lines on standard input, write\n"
    "                     claims as JSON Lines on standard output\n"
    "  --check-rules [DIR]  validate the rule files and run their examples\n"
    "  --help             this text\n"
    "  --version          the version\n"
    "\n"
    "exit status: 0 all documents processed; 1 some documents failed, or rows of\n"
    "the reviews file were malformed (named on stderr, the rest written); 2 bad\n"
    "usage, rule files, reviews file or output folder, or another run writing it\n"
    "(nothing written).\n";

/* s as it may go to a terminal: control characters (C0, DEL and C1, but a
 * tab where keep_tab) as \t \n \r \xNN or \uNNNN, and bytes that are not
 * UTF-8 as \xNN, so that a file name can neither move the cursor, clear
 * the screen, retitle the window nor fake a line of its own. The caller
 * frees it. */
static char *escaped(const char *s, bool keep_tab)
{
    struct buf b = {0};
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        int n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
        unsigned cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (int i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80) {
                n = 0;
                break;
            }
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if (n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000)))
            n = 0; /* overlong, or a surrogate */
        if (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
            n = 0;
        char esc[16] = "";
        if (n == 0)
            snprintf(esc, sizeof esc, "\\x%02X", c);
        else if (cp == '\t' && !keep_tab)
            strcpy(esc, "\\t");
        else if (cp == '\n' || cp == '\r')
            strcpy(esc, cp == '\n' ? "\\n" : "\\r");
        else if ((cp < 0x20 && cp != '\t') || cp == 0x7F)
            snprintf(esc, sizeof esc, "\\x%02X", cp);
        else if (cp >= 0x80 && cp < 0xA0)
            snprintf(esc, sizeof esc, "\\u%04X", cp);
        if (esc[0]) {
            buf_append(&b, esc, strlen(esc));
            p += n ? n : 1;
        } else {
            buf_append(&b, (const char *)p, (size_t)n);
            p += n;
        }
    }
    buf_append(&b, "", 0);
    return b.data;
}

/* "pipeline: TEXT" on stderr, TEXT escaped. */
static void say(const char *text)
{
    char *shown = escaped(text, false);
    fprintf(stderr, "pipeline: %s\n", shown);
    free(shown);
}

/* A usage error: its reason on one line (escaped), and where the rest is. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    say(text);
    fputs("pipeline: see `pipeline --help` for the usage\n", stderr);
    return EXIT_USAGE;
}

static void print_error(const struct pl_error *e)
{
    char line[2048];
    pl_error_format(e, line, sizeof line);
    say(line);
    if (e->source[0] && e->column > 0) {
        char *source = escaped(e->source, true);
        fprintf(stderr, "  %s\n  ", source);
        free(source);
        /* the caret under the column: count characters, wide ones twice */
        const unsigned char *s = (const unsigned char *)e->source;
        for (int col = 1; *s && col < e->column; s++) {
            if ((*s & 0xC0) == 0x80)
                continue;
            fputs(*s >= 0xE3 && *s < 0xF0 ? "  " : *s == '\t' ? "\t" : " ", stderr);
            col++;
        }
        fputs("^\n", stderr);
    }
}

static struct timespec started;
static bool progress_shown;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void clear_progress(void)
{
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = false;
}

static void report_failure(const char *message)
{
    clear_progress();
    say(message);
}

/* A progress line on a terminal, at most every 0.2 s; nothing otherwise. */
static void report_progress(const struct pipeline_summary *sum)
{
    static double last;
    double t = seconds_since(&started);
    if (t - last < 0.2 && sum->files < sum->files_total)
        return;
    last = t;
    fprintf(stderr, "\r\033[Kpipeline: %zu/%zu files, %zu documents, %zu claims, %.1f MB/s", sum->files,
            sum->files_total, sum->documents, sum->claims, t > 0 ? (double)sum->bytes / 1e6 / t : 0.0);
    progress_shown = true;
}

/* The closing summary on stderr. */
static void report_summary(const struct pipeline_summary *sum, const char *out_dir)
{
    clear_progress();
    double t = seconds_since(&started);
    fprintf(stderr, "pipeline: %zu document(s), %zu failed, %zu skipped; %zu claim(s) (", sum->documents,
            sum->failed, sum->skipped, sum->claims);
    bool first = true;
    for (int k = 0; k < PIPELINE_NKINDS; k++) {
        if (!sum->by_kind[k])
            continue;
        fprintf(stderr, "%s%zu %s", first ? "" : ", ", sum->by_kind[k], PIPELINE_KINDS[k]);
        first = false;
    }
    char *shown = escaped(out_dir, false);
    fprintf(stderr, "); %zu relations checked, %zu inconsistent in %s, %.2f s\n", sum->checks, sum->inconsistent,
            shown, t);
    free(shown);
}

static int check_rules(const char *dir)
{
    struct pl_error err = {0};
    struct rule_set *rs = rules_load(dir, &err);
    if (!rs) {
        print_error(&err);
        return EXIT_USAGE;
    }
    struct segmenter *sg = segmenter_new(&err);
    if (!sg) {
        print_error(&err);
        rules_free(rs);
        return EXIT_USAGE;
    }
    int passed, failed;
    examples_run(rs, sg, stdout, &passed, &failed);
    printf("%d passed, %d failed\n", passed, failed);
    segmenter_free(sg);
    rules_free(rs);
    return failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
}

static int merge(int argc, char **argv)
{
    if (argc < 4) {
        return usage_error("merge needs OUT_DIR and at least one SHARD_OUT");
    }
    struct pl_error err = {0};
    if (!merge_shards(argv[2], (const char *const *)argv + 3, (size_t)argc - 3, &err)) {
        print_error(&err);
        return EXIT_USAGE;
    }
    return EXIT_ALL_OK;
}

static int review_template(int argc, char **argv)
{
    if (argc != 3) {
        return usage_error("review-template needs the OUT_DIR of a run, and nothing else");
    }
    struct pl_error err = {0};
    if (!reviews_template(argv[2], &err)) {
        print_error(&err);
        return EXIT_USAGE;
    }
    char *msg = xasprintf("wrote %s/reviews.csv", argv[2]);
    say(msg);
    free(msg);
    return EXIT_ALL_OK;
}

static int run_args(int argc, char **argv);

static int run(int argc, char **argv)
{
    /* --fsync holds for every command that writes files: taken out first;
     * --NAME=VALUE becomes --NAME VALUE */
    static const char *const VALUED[] = {"--rules", "--encoding", "--text-field", "--id-field",
                                         "--reviews", "--jobs", "--shard", NULL};
    char **args = xcalloc((size_t)argc * 2 + 1, sizeof *args);
    int kept = 1;
    args[0] = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *eq = strncmp(argv[i], "--", 2) ? NULL : strchr(argv[i], '=');
        size_t k = 0;
        while (eq && VALUED[k] && (strlen(VALUED[k]) != (size_t)(eq - argv[i]) ||
                                   strncmp(VALUED[k], argv[i], (size_t)(eq - argv[i]))))
            k++;
        if (!strcmp(argv[i], "--")) {
            while (i < argc)
                args[kept++] = argv[i++];
        } else if (!strcmp(argv[i], "--fsync")) {
            outfile_sync_on_close(true);
        } else if (eq && VALUED[k]) {
            args[kept++] = (char *)VALUED[k];
            args[kept++] = (char *)eq + 1;
        } else {
            args[kept++] = argv[i];
        }
    }
    int code = run_args(kept, args);
    free(args);
    return code;
}

static int run_args(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "merge"))
        return merge(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "review-template"))
        return review_template(argc, argv);
    const char *rules_dir = NULL, *encoding = NULL, *text_field = NULL, *id_field = NULL;
    int jobs = 0;
    unsigned shard = 0, shards = 0;
    bool stdin_jsonl = false, excel = false;
    const char *reviews = NULL, *date = NULL;
    const char **positional = xcalloc((size_t)argc, sizeof *positional);
    size_t npos = 0;
    int code = -1;
    const char *first_option = NULL;
    for (int i = 1; i < argc && code < 0; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] && !first_option)
            first_option = a;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            code = EXIT_ALL_OK;
        } else if (!strcmp(a, "--version")) {
            printf("pipeline %s\n", PIPELINE_VERSION);
            code = EXIT_ALL_OK;
        } else if (!strcmp(a, "--check-rules")) {
            char *dir = i + 1 < argc ? xstrdup(argv[i + 1])
                        : rules_dir  ? xstrdup(rules_dir)
                                     : pipeline_default_rules_dir();
            code = check_rules(dir);
            free(dir);
        } else if (!strcmp(a, "--excel")) {
            excel = true;
        } else if (!strcmp(a, "--rules") || !strcmp(a, "--encoding") || !strcmp(a, "--text-field") ||
                   !strcmp(a, "--id-field") || !strcmp(a, "--reviews") || !strcmp(a, "--date")) {
            if (i + 1 >= argc) {
                code = usage_error("%s needs a value", a);
            } else {
                const char **to = !strcmp(a, "--rules")        ? &rules_dir
                                  : !strcmp(a, "--encoding")   ? &encoding
                                  : !strcmp(a, "--text-field") ? &text_field
                                  : !strcmp(a, "--reviews")    ? &reviews
                                  : !strcmp(a, "--date")       ? &date
                                                               : &id_field;
                *to = argv[++i];
            }
        } else if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
            char *end = NULL;
            long n = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (!end || *end || n < 1 || n > 256) {
                code = usage_error("%s needs a number of threads from 1 to 256", a);
            } else {
                jobs = (int)n;
                i++;
            }
        } else if (!strcmp(a, "--shard")) {
            unsigned k = 0, n = 0;
            char extra;
            if (i + 1 >= argc || sscanf(argv[i + 1], "%u/%u%c", &k, &n, &extra) != 2 || n == 0 || k >= n) {
                code = usage_error("--shard needs K/N with 0 <= K < N");
            } else {
                shard = k;
                shards = n;
                i++;
            }
        } else if (!strcmp(a, "--stdin-jsonl")) {
            stdin_jsonl = true;
        } else if (!strcmp(a, "--")) {
            while (++i < argc)
                positional[npos++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            code = usage_error("unknown option %s", a);
        } else {
            positional[npos++] = a;
        }
    }
    if (code < 0 && encoding && !decode_charset_known(encoding)) {
        code = usage_error("--encoding %s: no such charset (UTF-8, GB18030, Big5, UTF-16LE ...)", encoding);
    }
    struct stat st;
    if (code < 0 && npos && (!strcmp(positional[0], "merge") || !strcmp(positional[0], "review-template")) &&
        stat(positional[0], &st) != 0)
        code = usage_error("%s is a command: it comes first, before any option (pipeline %s %s), and %s does not "
                           "apply to it",
                           positional[0], positional[0],
                           !strcmp(positional[0], "merge") ? "OUT_DIR SHARD_OUT..." : "OUT_DIR",
                           first_option ? first_option : "--");
    char day[11];
    if (code < 0 && date && (strlen(date) != 10 || !when_parse_date(date, day) || strcmp(day, date)))
        code = usage_error("--date %s: expected a day of the calendar as YYYY-MM-DD", date);
    if (code < 0 && stdin_jsonl) {
        char *dir = rules_dir ? xstrdup(rules_dir) : pipeline_default_rules_dir();
        struct pipeline_options o = {
            .rules_dir = dir, .text_field = text_field, .id_field = id_field, .date = date,
            .on_failure = report_failure};
        struct pipeline_summary sum;
        struct pl_error err = {0};
        code = (int)pipeline_stream(&o, stdin, stdout, &sum, &err);
        if (code == EXIT_USAGE)
            print_error(&err);
        free(dir);
    }
    if (code < 0 && npos < 2) {
        if (npos)
            code = usage_error("give at least one INPUT and the OUT_DIR (only %s was given)", positional[0]);
        else
            code = usage_error("give at least one INPUT and the OUT_DIR");
    }
    if (code < 0) {
        char *dir = rules_dir ? xstrdup(rules_dir) : pipeline_default_rules_dir();
        struct pipeline_options o = {
            .inputs = positional,
            .ninputs = npos - 1,
            .out_dir = positional[npos - 1],
            .rules_dir = dir,
            .encoding = encoding,
            .text_field = text_field,
            .id_field = id_field,
            .jobs = jobs,
            .shard = shard,
            .shards = shards,
            .excel = excel,
            .reviews = reviews,
            .date = date,
            .on_failure = report_failure,
            .on_note = report_failure,
        };
        if (isatty(STDERR_FILENO))
            o.on_progress = report_progress;
        struct pipeline_summary sum;
        struct pl_error err = {0};
        code = (int)pipeline_run(&o, &sum, &err);
        if (code == EXIT_USAGE) {
            clear_progress();
            print_error(&err);
        } else {
            report_summary(&sum, o.out_dir);
            if (o.reviews) {
                char *msg = xasprintf(
                    "reviews (%s): %zu applied (%zu of them found by doc, quote and value: their claim's id "
                    "changed), %zu orphaned%s%s%s, %zu malformed row(s) not applied",
                    sum.reviews_read_as, sum.applied_reviews, sum.reattached_reviews, sum.orphaned_reviews,
                    sum.orphaned_reviews ? " (review(s) of claims that are gone: " : "",
                    sum.orphaned_reviews ? o.out_dir : "", sum.orphaned_reviews ? "/orphaned_reviews.csv)" : "",
                    sum.bad_reviews);
                say(msg);
                free(msg);
            }
        }
        free(dir);
    }
    free(positional);
    return code;
}

/* Each document's text, claims and rendered rows (a few megabytes) are
 * allocated and freed again for the next one. malloc would hand such
 * blocks back to the kernel (mapped apart, or trimmed off the heap) and
 * fault them in afresh, a page at a time, for every document: half a
 * million faults on the bench corpus. Kept instead (up to 32 MB a block,
 * and 8 MB free at the heap's top), they are reused; the memory held is
 * still that of the documents in flight. */
static void keep_freed_memory(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_MONOTONIC, &started);
    keep_freed_memory();
    outfile_clean_on_signals();
    int code = run(argc, argv);
    u_cleanup();
    xmlCleanupParser();
    return code;
}
