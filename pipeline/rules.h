/* rules: the rule files, loaded, validated and ready to match.
 *
 * Every *.json file of a rules folder is an object whose keys are sections
 * ("units", "qualifiers", "places", "numerals", "range_connectors", "list_connectors",
 * "decimal_points", "exclusions", "time_refs", "periods", "changes",
 * "deltas", "subject", "line_join", "markup", "table_unit_markers",
 * "table_label_trims", "table_delta_headers", "table_rank_headers", "table_time_headers",
 * "implied_units",
 * "implied_unit_links", "implied_unit_carries", "when", "checks"); each section is an array of rules, and
 * every rule has an "id" and "examples". README.md documents the fields of
 * each section. Words are matched longest first; patterns are ICU regular
 * expressions.
 *
 * A rule set is read-only once loaded, but for the state of its patterns'
 * ICU matchers (pattern.h): a thread other than the loading one works with
 * a share of it (rules_share), which holds its own matchers alone. */
#ifndef PIPELINE_RULES_H
#define PIPELINE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decimal.h"
#include "error.h"
#include "pattern.h"
#include "wordclass.h"

struct cJSON;

/* The words of a list that begin (end) with each unit: a hash of the
 * units, each slot the range [from, to) of order that holds its words'
 * indices, in the list's order. */
struct word_slot {
    UChar unit;
    uint16_t from, to;               /* to == 0: an empty slot */
};

struct word_index {
    struct word_slot *slots;         /* mask + 1 of them */
    uint32_t mask;
    uint16_t *order;
};

/* Words in UTF-16, longest first. */
struct word_list {
    UChar **words;
    int32_t *lens;
    size_t n;
    /* bit c % 1024 set for every first (last) unit c of a word: most text
     * units are turned away without comparing a word */
    uint64_t firsts[16], lasts[16];
    /* the words by their first and their last unit, so that a place compares
     * only the words that can be there; slots NULL: not indexed (the words
     * are compared in turn) */
    struct word_index by_first, by_last;
};

/* Is c % 1024 the first (last) unit of a word of l? (False: no word begins
 * (ends) with c.) */
#define WORD_LIST_BIT(set, c) ((set)[((c) & 1023) >> 6] >> ((c) & 63) & 1)

/* The words of l compared at a place that the filter let through (the
 * calls below, inline: most places are turned away without a call). */
int32_t word_list_find(const struct word_list *l, const UChar *s, int32_t pos, int32_t len);
int32_t word_list_find_before(const struct word_list *l, const UChar *s, int32_t start, int32_t end);

/* The length of the longest word of l found at s[pos] (s has len units),
 * or 0. */
static inline int32_t word_list_match(const struct word_list *l, const UChar *s, int32_t pos, int32_t len)
{
    if (pos >= len || !WORD_LIST_BIT(l->firsts, s[pos]))
        return 0;
    return word_list_find(l, s, pos, len);
}

/* The length of the longest word of l that ends at s[end], or 0. */
static inline int32_t word_list_match_before(const struct word_list *l, const UChar *s, int32_t start,
                                             int32_t end)
{
    if (end <= start || !WORD_LIST_BIT(l->lasts, s[end - 1]))
        return 0;
    return word_list_find_before(l, s, start, end);
}

/* Names in UTF-8 (element names, class words). */
struct name_list {
    const char **names;
    uint64_t *keys;                  /* each name's bytes as a number (rules.c), to compare quickly */
    size_t n;
};

bool name_list_has(const struct name_list *l, const char *name);

enum unit_position { UNIT_SUFFIX, UNIT_PREFIX, UNIT_PER };

struct unit_rule {
    const char *id;
    struct word_list words;
    const char *unit, *kind;
    struct decimal factor;
    enum unit_position position;
    bool subject_after;              /* a measure word: what follows is counted */
    struct word_list subject_words;  /* its words that name what is counted (9篮板, 110万人口) */
    bool subject_event;              /* counts the event named right after it (两次拍卖) */
    struct word_list not_followed_by;
    struct word_list before_number;  /* one of these must stand right before the numeral (翻一番) */
    struct word_list gap_words;      /* a prefix unit: words that may stand between it and the number (达) */
    int power_of;                    /* value = power_of ^ numeral (翻两番 = 4); 0: numeral × factor */
    bool per;                        /* may follow a rate separator: 元/吨 (UNIT_PER: only there) */
    bool local;                      /* the money of the report's place (元): see place_rule */
    bool digits_only;                /* only after a numeral written in digits (32分, not 十分) */
    bool han_multiplied;             /* digits_only, yet a Han numeral of a digit and a
                                      * multiplier too (一萬九千三百四十對) */
    bool all_currencies;             /* "currency": "*": a template, one rule for each
                                      * currency of CLDR that no other money rule names */
    bool after_currency;             /* only where a currency is named right before the
                                      * numeral: a part of that currency (人民幣14.74分
                                      * is 0.1474 CNY); wins over a rule of the same word */
    bool tally;                      /* only in a tally: the sentence holds another figure in
                                      * digits with another of its words (58金 55银 47铜) */
    struct word_list list_short;     /* how a list's members before the last may write the
                                      * unit short (个 of 个百分点: 0.7个、0.2个百分点) */
    struct word_list near_words;     /* one must stand right after the unit (8级大风), or one of
                                      * two characters or more before the numeral in its
                                      * sentence (风力10级) */
    bool near_or_spoken;             /* near_words, or else the figure begins its clause
                                      * (nothing before it names what it counts) or holds
                                      * a multiplier (修车三五百块: hundreds, said) */
    struct word_list counted_words;  /* none may stand before the numeral in its clause:
                                      * words that say things are counted there (产量, 芯片:
                                      * 260亿块 is a count, no money) */
    const char *word_class;          /* its words are the lexicon's one-character words of
                                      * this class that no other unit rule has (q: 艘 篇) */
    bool phrase_end;                 /* only where nothing follows the unit in its phrase but
                                      * an after-unit qualifier (三千块。, not 三块石头) */
    int int_digits;                  /* only after a plain integer of this many digits (85折,
                                      * 八五折); such a rule wins over one of the same word
                                      * without it; 0: any numeral */
    int min_int_digits;              /* only after digits whose integer part has at least so
                                      * many (thousands separators between: 24,519點); 0: any */
    struct word_list unit_text_after; /* only in a header's unit in brackets after a name that
                                      * ends in one of these (住院日(日), 床日数(日)), not after
                                      * a figure in running text (5日 is a date there) nor over
                                      * a column of dates (日期(日)) */
    const char *quantity_in_id;      /* as a rate's denominator with a quantity of its own, the
                                      * rule whose unit it is written in, the quantity times
                                      * quantity_factor (元/500克: per 0.5 kg); NULL: its own */
    const struct unit_rule *quantity_in;
    struct decimal quantity_factor;
    const void *quantity_in_node;    /* where quantity_in is named (rule file, JSON node) */
    size_t file;
};

/* A figure of two or more units of one measure: 5元3角2分, 2小时05分03秒,
 * 3成5. After a unit word of after, a plain numeral and a word of words (or,
 * where words is empty, a single digit that nothing follows) continue the
 * figure: value = value × scale + part × factor, in the unit of unit_rule
 * where one is named, else in the figure's own unit. */
struct compound_rule {
    const char *id;
    struct word_list after, words;
    struct decimal scale, factor;
    int digits;                      /* a part with no words: its digits (3成5: 1, 38秒29: 2) */
    bool after_multiplier;           /* the part may follow a figure with a multiplier
                                      * (143万8401令吉71仙); else a plain one only */
    const struct unit_rule *unit;    /* resolved from the rule's "unit_rule" */
    const char *unit_rule;
    size_t file;                     /* where unit_rule is named (rule file, JSON node): */
    const void *unit_rule_node;      /* for the error when no unit rule has that id */
};

/* A place whose money a local unit (元) is: the place whose words the
 * document holds most (at least twice) gives its currency. */
struct place_rule {
    const char *id;
    struct word_list words;
    struct word_list own_words;      /* names its own offices use without the place's
                                      * name (政府統計處): each counts twice */
    const char *currency;            /* the unit of a money rule: HKD */
};

enum qualifier_position { QUAL_BEFORE, QUAL_AFTER_NUMBER, QUAL_AFTER_UNIT, QUAL_INSIDE_UNIT };

struct qualifier_rule {
    const char *id;
    struct word_list words;
    const char *qualifier;           /* approx, over, under */
    enum qualifier_position position;
    struct word_list not_preceded_by; /* words a before-qualifier would end (签约) */
    struct word_list not_followed_by; /* words an after-qualifier would begin (多元) */
    const char *unit_kind;           /* after_unit: only after a unit of this kind (多 after
                                      * 倍: 1倍多), or NULL: after any */
    int reach;                       /* before: may stand this many characters before the
                                      * figure, across words (约占广告开支七成); 0: right before */
    struct word_list after;          /* inside_unit: the measure words of unit words it may
                                      * follow (个 of 个小时: 3个多小时); the rules' unit words
                                      * that begin with one take the qualifier's words after it */
    struct name_list unit_kinds;     /* inside_unit: the kinds of the units whose words do */
};

struct numeral_rule {                /* a numeral ICU gives no value (两) */
    const char *id;
    struct word_list words;
    int value;
};

enum vague_position { VAGUE_DIGIT, VAGUE_BETWEEN };

struct vague_rule {                  /* 几十, 十几, 数百, 上万; 二十多万 */
    const char *id;
    struct word_list words;
    enum vague_position position;    /* where a digit would be, or between a numeral and its multiplier */
};

struct word_rule {                   /* connectors and decimal points */
    const char *id;
    struct word_list words;
};

/* After a change verb, a figure, a connector of these and a figure of the
 * same unit at least min_ratio times as large, with none of not_followed_by
 * after it, are the change and the level it reached (上漲20元至1,405元), not
 * a range. */
struct level_connector_rule {
    const char *id;
    struct word_list words;
    struct decimal min_ratio;
    struct word_list not_followed_by; /* after the second figure: still a range (不等) */
};

struct pattern_rule {                /* exclusions, time_refs, periods */
    const char *id;
    struct pattern *re;
    const char *period;              /* periods only */
    struct word_list for_units;      /* exclusions: holds only for figures of these units or
                                      * kinds (一批 but not 一美元); empty: for all */
    struct word_list except_units;   /* exclusions: holds for figures of all units but these
                                      * (5G is a name, 100GW a measure) */
    const char *place;               /* time_refs: holds only in a report of this place
                                      * (place rule id; the place of its money), or NULL */
    const struct place_rule *place_rule; /* place, resolved when the rules are loaded */
    const struct cJSON *place_node;  /* where place is written, and its file's index */
    size_t file;
};

struct change_rule {
    const char *id;
    struct pattern *before;          /* matched against the clause before the from end */
    struct pattern *between;     /* matched against the text between the two ends */
    struct name_list size_kinds;     /* kinds of a figure between the ends that is the change's
                                      * size (由177.1亿元下降60.30%至70.3亿元) */
};

struct delta_rule {
    const char *id;
    struct pattern *before;          /* may be NULL */
    struct pattern *after;           /* may be NULL */
    bool not_opening;                /* a marker that opens its sentence is none (▲ as a bullet) */
};

/* A figure with no unit word takes the unit its subject implies: 人口 →
 * the unit of 人 (person), 开支 → the unit of 元 (the money of the place). */
struct implied_unit_rule {
    const char *id;
    struct word_list words;          /* nouns that imply the unit */
    struct word_list head_words;     /* nouns that imply it only where they end a table's
                                      * label, its head (增值税; not 纳税人, 免税店) */
    UChar *unit_text;                /* a unit word, read as the unit lexicon reads it */
    int32_t unit_len;
    bool bare;                       /* a bare integer of up to three digits right after
                                      * the noun counts too (金牌22) */
    bool bare_before;                /* a bare integer of up to three Arabic digits right
                                      * before the noun counts too (11省份) */
    bool verb;                       /* verbs (耗资 预留): they govern a figure after them
                                      * only, never one before them */
    bool after_same_unit;            /* only where a figure of the unit stands before in the
                                      * sentence (支出67亿，又要40亿): words too wide alone */
    bool sum;                        /* the noun names a total (总计): a bare integer right
                                      * after it that the sentence's figures before it,
                                      * all of one unit, add up to takes their unit
                                      * (58金 55银 47铜 总计160); unit_word unused */
    bool ratio;                      /* the words name a ratio of two counts (师生比,
                                      * 性别比): a header that ends in one implies no
                                      * unit, whatever its other words imply; no
                                      * unit_word */
    bool no_multiplier;              /* a figure with 万 or 亿 takes no unit of the rule
                                      * (降水量1735亿 is no depth of rain) */
    bool names_rows;                 /* in a table's corner the words name its rows (縣市 over
                                      * 臺北縣 …), no measure of its figures */
    struct word_list count_words;    /* of words, those that name the number itself
                                      * (家数, 人数): a table's row whose name ends in one
                                      * takes no unit of another kind from the table */
};


struct subject_rule {
    const char *id;
    struct word_list clause_delimiters; /* end a clause: the reach of roles and periods */
    struct word_list delimiters;     /* end a subject phrase (clause delimiters end it too) */
    struct word_list stop_after;     /* end a subject that follows the figure */
    struct word_list trim;           /* trimmed off either end of a subject */
    struct word_list restart_after;  /* a subject before the figure begins after these (实现) */
    struct word_list linkers;        /* after the figure, these point at its subject (的) */
    struct word_list forward_verbs;  /* a phrase before the figure ending in these (有)
                                      * makes what follows the figure its subject */
    struct word_list verb_markers;   /* after a word, make it a verb (生产了): what follows
                                      * the figure may be its object */
    int max_chars;
    /* Word classes (tags of rules/wordclass.tsv): */
    struct name_list head_classes;   /* a subject ends in one: nouns */
    struct name_list stop_classes;   /* never inside a subject: adverbs, prepositions, particles … */
    struct name_list glue_classes;   /* short ones glued to a noun are part of it: 均价 */
    struct name_list suffix_classes; /* one character of these after the last noun ends it: 类 */
    struct name_list tail_classes;   /* one character of these after the last noun ends it: 伟 of 柳伟 */
    struct name_list join_classes;   /* one character of these between nouns joins them: 及 */
    struct name_list adjunct_classes; /* a noun right after one is no subject: 在平邑吃下 */
    struct name_list edge_classes;   /* inside, never first: numerals, times, measure words */
    struct name_list after_classes;  /* the nouns a measure word counts: 1694个岗位 */
    struct name_list verb_classes;   /* verbs: a subject of none of the classes above is its verb */
    int compound_verb_max_freq;      /* a rarer verb between nouns is part of them: 风电装机容量 */
    int clause_verb_min_freq;        /* a rarer one, this common or more, before two words is a clause's verb */
    struct word_list list_joiners;   /* after a noun or verb, join it to the head after them:
                                      * 交通、转诊等费用, 研究与试验发展经费 */
    struct word_list split_before;   /* the subject stands before these: 住客占总数59% */
    struct word_list list_ends;      /* after a list of names, before its figures: 分别 */
    struct word_list change_nouns;   /* a change's own noun inside its change phrase is its
                                      * subject: 较上月降幅扩大 → 降幅 */
    struct word_list adverbial_openers; /* one word after these, ending the phrase, is an
                                      * adverbial, no subject: 按季下跌 */
    struct word_list ordinal_marks;  /* before the first of a list of numerals only:
                                      * 第一、二、三产业 */
    struct word_list base_openers;   /* 是X的 right before a figure: X is its base, the
                                      * subject is before 是 (是曾俊华的近两倍) */
    struct word_list nouns;          /* nouns of reports the dictionary calls verbs: 收入 */
    struct word_list verbs;          /* verbs of reports the dictionary calls nouns: 报告 */
    struct name_list place_classes;  /* a table's row label with one names a place or a body:
                                      * its column's header says what is counted */
    struct word_list when_words;     /* words of reports the dictionary makes nouns, read as times: 時 */
    struct word_list noun_suffixes;  /* one character that ends the noun before it: 服务站 */
    struct word_list ages;           /* times to the dictionary that modify a noun (老年人口) */
    struct word_list average_marks;  /* a character before one makes a word with it: 亩均, 村均 */
    struct word_list demonstratives; /* begin no word glued to a subject's front (该镇, 这些) */
    struct word_list event_links;    /* between an event's verb and its figure: 各占 */
    struct word_list topics;         /* a subject begins after these (江苏队方面胡雪峰) */
    struct word_list adverbs;        /* words the dictionary classes otherwise: 基本, 连, 且 */
    struct word_list locatives;      /* end a place before 的: 市面上的身价 */
    struct name_list idiom_classes;  /* idioms: one of three characters is a noun (大暴雨) */
    struct name_list body_classes;   /* bodies (teams, firms) left off before a name: 江苏队胡雪峰 */
    struct name_list name_classes;   /* names of people: the first names one joined of single characters */
    struct name_list scope_classes;  /* places left off the front of a subject: 监利县粮食产量 */
    struct word_list not_places;     /* words of those classes that name no one place (城镇, 台风) */
    struct name_list locative_classes; /* words of direction and position (西, 以上) */
    struct word_list scopes;         /* a place as a whole, no subject of its own: 全市 */
};

/* How the time references found by the time_refs patterns make one phrase:
 * 今年 + 3月 + 至 + 5月份, 自 + 7月1日 + 起, 自 + 4月中旬 … + 以来. */
struct time_phrase_rule {
    const char *id;
    struct word_list joiners;        /* between two times, make them one (至 到 - 和) */
    struct word_list prefixes;       /* right before a range or a time with a suffix, belong to it (自 从) */
    struct word_list bound_prefixes; /* right before any time, belong to it (截至 直到) */
    struct word_list suffixes;       /* right after a time, belong to it (以来 起 开始 时) */
    struct word_list open_suffixes;  /* after a time and a few words, end it (以来 迄今) */
    int open_reach;                  /* how many characters those few words may be */
    struct word_list comparison_after; /* right after a time, make it a comparison's base (相比) */
    struct word_list comparison_before; /* right before a time, make it a comparison's base (超过) */
    struct word_list instant_ends;   /* end a time that is an instant of the clock (9时57分) */
    struct word_list base_joiners;   /* between a time and the base it is compared with (与 和) */
    struct word_list ratio_of;       /* before a time a ratio is of (是去年的1.5倍) */
    struct word_list list_joiners;   /* between the times of a list (2021年、2022年) */
    struct word_list respectively;   /* after a list, give its figures its times in turn (分别) */
    struct word_list base_linkers;   /* between a comparison's base and a figure that is the base's (的) */
    struct word_list anaphors;       /* a time that stands for the one before it (当年 当时) */
    struct word_list day_parts;      /* a part of a day that defers to a day before it (盘中 全天) */
    struct word_list counted_days;   /* a day counted back from another, no anaphor's (前一交易日) */
    struct word_list continuations;  /* open a sentence that goes on the one before (其中): its
                                      * figures with no time take that one's */
};

/* What a piece of a time reference says (rules/when.json; see when.h): the
 * fields below, each given by the rule or read from the numerals of the
 * match, in the order of `numbers`. */
enum when_field {
    WF_YEAR, WF_YEAR_END, WF_MONTH, WF_MONTH_END, WF_DAY, WF_DAY_END,
    WF_QUARTER, WF_QUARTERS_THROUGH, WF_MONTHS_THROUGH, WF_WEEKDAY, WF_CENTURY, WF_DECADE,
    WF_YEARS_BACK, WF_MONTHS_BACK, WF_DAYS_BACK, WF_BARE,
    WF_YEAR_OFFSET, WF_MONTH_OFFSET, WF_DAY_OFFSET, WF_WEEK_OFFSET, WF_CENTURY_OFFSET,
    WF_HALF_OFFSET, WF_QUARTER_OFFSET, WF_EDGE, WF_MONTHS_UPTO, WF_N
};
extern const char *const WHEN_FIELDS[]; /* their names in the rule files, WF_N of them */

enum when_role {
    WHEN_PART,                       /* a part of a time: 2022年, 6月, 上半年 */
    WHEN_TO,                         /* between the two ends of a range: 至, 到, - */
    WHEN_SINCE,                      /* from the time before it to the document's date: 以来, 起 */
    WHEN_IGNORE,                     /* says nothing of the time: 自, 截至, 份, 的 */
    WHEN_DATELINE,                   /* not a piece: the document's date in its first lines */
};

struct when_rule {
    const char *id;
    struct pattern *re;              /* matched at a place of the time reference */
    enum when_role role;
    uint32_t given;                  /* bit k: the rule gives field k, value[k] */
    int value[WF_N];
    unsigned char numbers[4];        /* the fields the match's numerals give, in order */
    int nnumbers;
    int era;                         /* added to the years the numerals give: a calendar
                                      * counted from another year (Taiwan's: 1911) */
};

struct markup_rule {
    const char *id;
    struct name_list content;        /* elements that hold the article: article, main */
    struct name_list skip;           /* elements left out with all they hold: script, nav … */
    struct name_list blocks;         /* elements that are paragraphs */
    struct name_list boilerplate;    /* words of class or id that mark a block left out: menu … */
    struct name_list feed_items;     /* elements that are one document of a feed: item, entry */
    struct name_list feed_text;      /* elements of an item whose text is read: title, description … */
};

/* How many times a document must name a place for its 元 to be that
 * place's money: least; least_traditional in a report in traditional
 * script, which is one where traditional_percent of its Han characters or
 * more, and traditional_min or more, are in traditional forms. */
struct place_evidence_rule {
    const char *id;
    int least, least_traditional, traditional_percent, traditional_min;
};

struct line_join_rule {
    const char *id;
    struct word_list sentence_end;   /* a line ending in one of these is not joined */
    struct pattern *list_item;       /* a line beginning with this (a bullet, 1.) is not joined
                                      * to the line before, nor a heading (#) to the next; may be NULL */
    int min_line_chars;              /* shorter lines (titles, captions) are not joined */
};

/* A rule of the check stage (check.h): how the text's own cues tie
 * figures into a relation. The finder is the mechanism; the words are the
 * cues it looks for. */
enum check_finder { CHECK_COMPARISON, CHECK_CHANGE, CHECK_SHARE, CHECK_PARTS, CHECK_TABLE };

struct check_rule {
    const char *id;
    enum check_finder finder;
    struct name_list relations;      /* the relations it may find (sum, share …) */
    struct word_list cues;           /* the words that signal the relation (比 与; 占; 其中) */
    struct word_list not_cues;       /* words holding a cue that signal nothing (比重 比例) */
    struct word_list closers;        /* end a comparison's base (相比) */
    struct word_list up, down;       /* right before a change: its direction (增加, 下降) */
    struct word_list tails;          /* between a direction word and its figure (了) */
    struct word_list suffixes;       /* end the name of a share's whole (的比重为) */
    struct word_list scopes;         /* a whole named by its scope alone (全国 全县) */
    struct word_list totals;         /* right before a figure or in a row's label: a total (共 合计) */
    struct word_list gap_words;      /* may stand between a part and its share's cue (同比 增长) */
    struct word_list headers;        /* a table column of shares (比重 占比) */
    struct word_list groups;         /* a table row's label beginning a group of parts (其中) */
    struct name_list partitions;     /* "城镇|乡村": words whose members together make a whole */
    struct name_list current, previous; /* a table column's time: this period (本年), the one before (上年) */
    bool inputs_rounded;             /* the inputs' rounding widens the tolerance */
};

/* One example of a rule: a text and the claims it must give. */
/* The marks a table's text is read by: brackets around a unit (金额（万元）),
 * the colon after a unit marker (单位：), what ends a unit's text (，), the
 * sentence ends that make a cell running text, the percent signs that end
 * a header (增长%), and the signs a figure may begin with (-1.5). */
struct table_marks_rule {
    const char *id;
    struct word_list open_brackets, close_brackets, colons, unit_ends, prose_ends, percent_signs, signs;
    struct word_list year_marks;     /* after a year in a header: 2024E (an estimate) */
    struct word_list not_given;      /* a cell's words for a figure not given (不适用) */
    struct word_list change_words;   /* words that open a cell's change (減少1.78個百分點) */
    struct word_list price_bases;    /* after a year, the prices' base (2015年不变价) */
    struct name_list general_counts; /* canonical units of things in general (item), of visits */
    struct word_list unit_columns;   /* a header's name of a column of each row's unit (单位) */
};

struct rule_example {
    const char *rule_id;
    const char *file;
    const char *file_text;           /* for the line, found when needed */
    const struct cJSON *root, *node;
    const char *text;
    const struct cJSON *claims;      /* array of objects: field → expected value, or NULL */
    const struct cJSON *checks;      /* array of the relations expected (check.h), or NULL */
    const char *format;              /* "text" (default) or "html" */
    const char *date;                /* the document's date (YYYY-MM-DD), or NULL */
};

#define RULE_ARRAY(type, name) type *name; size_t n_##name

struct rule_set {
    RULE_ARRAY(struct unit_rule, units);
    RULE_ARRAY(struct qualifier_rule, qualifiers);
    RULE_ARRAY(struct place_rule, places);
    RULE_ARRAY(struct compound_rule, compounds);
    RULE_ARRAY(struct numeral_rule, numerals);
    RULE_ARRAY(struct vague_rule, vague_numerals);
    RULE_ARRAY(struct word_rule, range_connectors);
    RULE_ARRAY(struct level_connector_rule, level_connectors);
    RULE_ARRAY(struct word_rule, list_connectors);
    RULE_ARRAY(struct word_rule, decimal_points);
    RULE_ARRAY(struct word_rule, minus_signs);
    RULE_ARRAY(struct word_rule, plus_minus_signs);
    RULE_ARRAY(struct word_rule, plus_signs);
    RULE_ARRAY(struct word_rule, rate_separators);
    RULE_ARRAY(struct word_rule, range_asides);
    RULE_ARRAY(struct word_rule, halves);
    RULE_ARRAY(struct word_rule, comparison_markers);
    RULE_ARRAY(struct word_rule, table_unit_markers);   /* 单位: a table's unit follows */
    RULE_ARRAY(struct word_rule, table_label_trims);    /* 其中: off the front of a row's label */
    RULE_ARRAY(struct word_rule, table_delta_headers);  /* 同比 (%): a column of changes */
    RULE_ARRAY(struct word_rule, table_rank_headers);   /* 排名: a column of ranks, no figures */
    RULE_ARRAY(struct word_rule, table_time_headers);   /* 月份: a column of times, no figures */
    RULE_ARRAY(struct implied_unit_rule, implied_units);
    RULE_ARRAY(struct word_rule, implied_unit_links);   /* 为 between 人口 and its figure */
    RULE_ARRAY(struct pattern_rule, implied_unit_carries); /* 、 between 支出67亿 and 54亿 */
    RULE_ARRAY(struct pattern_rule, exclusions);
    RULE_ARRAY(struct pattern_rule, time_refs);
    RULE_ARRAY(struct pattern_rule, periods);
    RULE_ARRAY(struct when_rule, when);
    RULE_ARRAY(struct change_rule, changes);
    RULE_ARRAY(struct delta_rule, deltas);
    RULE_ARRAY(struct check_rule, checks);
    RULE_ARRAY(struct rule_example, examples);
    struct subject_rule subject;
    /* rules/numerals.json "numeral_words": the lexicon's classes of a word
     * that a Han numeral begins and that runs past the figure's unit: a
     * name that holds the numeral, no figure (百家乐 nz) */
    struct name_list numeral_word_classes;
    /* ... and one-character words that ICU's dictionary joins to a Han
     * numeral after them (有三|个, 了三|个): the numeral begins its own word */
    struct word_list numeral_joined_words;
    struct line_join_rule line_join;
    struct place_evidence_rule place_evidence;
    struct markup_rule markup;
    struct table_marks_rule table_marks;
    /* The word classes of rules/wordclass.tsv (folded by
     * rules/wordclass_fold.tsv), or NULL where the folder has none. */
    struct wordclass *words;
    struct time_phrase_rule time_phrase; /* empty lists where no file gives one */

    /* Indexes made once loaded. The units a word of which may begin with a
     * unit c: units[unit_index[k]] for k from unit_index_start[c % 1024] to
     * unit_index_start[c % 1024 + 1], in the order of units. */
    uint16_t unit_index_start[1025];
    uint16_t *unit_index;
    /* The first units of the words of numerals and vague_numerals. */
    uint64_t numeral_firsts[16];
    /* the last units of the words of every money rule of its own currency
     * (not the place's 元): a filter before naming the currency written
     * before a figure (港币 of 港币两千元) */
    uint64_t currency_lasts[16];
    /* The patterns of exclusions, then those of time_refs, to search a
     * sentence for all at once. */
    struct pattern_group spans;

    struct rules_private *priv;      /* storage, cJSON trees */
};

/* Load every *.json file of dir (sorted by name), and its word classes
 * (wordclass.tsv and wordclass_fold.tsv) where it has them. On any error returns NULL
 * and fills err with the file, line and column and what was expected; the
 * source line is put in err->source. Free with rules_free. */
struct rule_set *rules_load(const char *dir, struct pl_error *err);
/* rs for another thread: everything rs's, read-only and shared, but its
 * own clones of the patterns (pattern_clone: their ICU matchers), in the
 * rules that name them. rs must outlive it; rules_free frees what is its
 * own. NULL (err set) if ICU cannot clone a pattern. */
struct rule_set *rules_share(const struct rule_set *rs, struct pl_error *err);
/* The line of an example in its file (computed on demand: only failures
 * need it). */
int rules_example_line(const struct rule_example *e);

/* Every pattern of rs, in the order loaded: *patterns gets the array (rs's
 * own), the count is returned. */
size_t rules_patterns(const struct rule_set *rs, struct pattern *const **patterns);

/* Load one rule file's text as if it were the only file (for tests). */
struct rule_set *rules_load_text(const char *path, const char *text, struct pl_error *err);
void rules_free(struct rule_set *rs);

#endif
