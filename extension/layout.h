/*-------------------------------------------------------------------------
 *
 * layout.h
 *	  The national report formats (2019 trial, 2021), declared once as data.
 *
 * Every section, row, column and group of the 政府信息公开工作年度报告, its
 * official Chinese label, its key path and the formats that have it live in
 * layout.c.  The SQL composite types, the checks, the JSON reader, the
 * parser and the renderer all read these tables; none of them spells a
 * label or a key of its own.
 *
 * This header and layout.c use no PostgreSQL headers, so that the
 * command-line parser and the fuzzers can link them.
 *
 * extension/layout.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_LAYOUT_H
#define GOVDISCLOSE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Formats, as a bit mask so that a field can belong to both. */
#define GD_FMT_2019		0x1
#define GD_FMT_2021		0x2
#define GD_FMT_BOTH		(GD_FMT_2019 | GD_FMT_2021)

/* Kinds of field.  GD_ROW is a nested composite. */
typedef enum GdKind
{
	GD_TEXT,
	GD_INT4,
	GD_INT8,
	GD_NUMERIC,
	GD_ROW
} GdKind;

/* Field flags */
#define GD_SIGNED		0x01	/* may be negative (2019 本年增/减) */
#define GD_OPTIONAL		0x02	/* not required by required_cells */
#define GD_TOTAL		0x04	/* the total column of its row type */
#define GD_GROUP		0x08	/* a label-only group of sub-rows */
#define GD_UNIT			0x10	/* the unit written in the cell of the field
								 * before it, not a column of its own (see
								 * gd_amount_units) */

typedef struct GdType GdType;

typedef struct GdField
{
	const char *key;			/* field name in SQL and JSON */
	GdKind		kind;
	const GdType *type;			/* the row type, for GD_ROW */
	unsigned	formats;		/* formats that have this field */
	unsigned	flags;
	const char *label;			/* official label (2021 wording) */
	const char *label_2019;		/* 2019 wording where it differs, else NULL */
	const char *short_label;	/* shorter form for messages, else NULL */
	const char *heading;		/* block or group heading it sits under */
	const char *header_group;	/* column header group it sits under */
	int			pos_2019;		/* column position in the 2019 table, where it
								 * differs from declaration order */
	const char *comment;		/* English gloss, for documentation */
	const char *const *aliases; /* other spellings seen in published
								 * reports (typos, short forms, the
								 * vocabulary of traditional-character
								 * mirrors), NULL-terminated; read by the
								 * parser only */
} GdField;

struct GdType
{
	const char *sql_name;		/* composite type in schema govdisclose */
	int			nfields;
	const GdField *fields;
	const char *comment;
};

/*
 * How the official table of a section is laid out (see format-spec.md):
 * GD_TABLE_BLOCKS: one block per 第二十条 item, each with its heading row,
 * a 信息内容 header row and one row per field (table 二);
 * GD_TABLE_ROWS: one row per leaf row, row labels nested in up to three
 * label columns, columns from the row type with their header groups
 * (table 三);
 * GD_TABLE_COLUMN_GROUPS: a single data row, the rows of the type set side
 * by side as column groups under their header groups (table 四).
 */
typedef enum GdTableShape
{
	GD_TABLE_NONE,
	GD_TABLE_BLOCKS,
	GD_TABLE_ROWS,
	GD_TABLE_COLUMN_GROUPS
} GdTableShape;

/* Sections 一 to 六 of the report. */
typedef struct GdSection
{
	int			number;			/* 1..6 */
	const char *numeral;		/* 一 .. 六 */
	const char *heading;		/* official heading */
	GdTableShape table;			/* layout of its official table, if any */
} GdSection;

/*
 * The flattened layout: every field instance of the report tree, in
 * depth-first order.  Nodes of kind GD_ROW have children; all other nodes
 * are leaves ("cells") and carry a leaf index.  Leaves under a node are
 * contiguous.
 */
#define GD_MAX_PATH 96

typedef struct GdNode
{
	const GdField *field;		/* NULL for the root */
	const GdType *type;			/* row type, for composite nodes */
	int			parent;			/* node index, -1 for the root */
	int			depth;			/* 0 for the root */
	int			leaf;			/* leaf index, or -1 for composite nodes */
	int			first_leaf;		/* leaves under this node */
	int			nleaves;
	int			first_child;	/* composite nodes: first child, else -1 */
	int			next_sibling;	/* next child of the same parent, or -1 */
	int			section;		/* 0 for title fields, else 1..6 */
	unsigned	formats;		/* formats that have this node (AND of path) */
	unsigned	flags;			/* OR of flags along the path */
	char		path[GD_MAX_PATH];	/* e.g. requests.denied.state_secret.total */
} GdNode;

typedef struct GdLayout
{
	int			nnodes;
	int			nleaves;
	const GdNode *nodes;
	const int  *leaf_node;		/* leaf index -> node index */
	/* leaves of the title block, for quick access */
	int			leaf_format;
	int			leaf_agency;
	int			leaf_year;
} GdLayout;

extern const GdType gd_report_type;

/*
 * Units an amount cell with a GD_UNIT companion may be written in, as
 * powers of ten of the first (the canonical unit).
 */
typedef struct GdUnit
{
	const char *label;			/* as written in the report, e.g. 万元 */
	int			exponent;		/* value in the canonical unit = value * 10^exponent */
} GdUnit;

extern const GdUnit gd_amount_units[];
extern const int gd_namount_units;
extern const char *const gd_header_units[];
extern const GdSection gd_sections[6];
extern const char *const gd_requests_note;
extern const char *const gd_requests_header;
extern const char *const gd_proactive_first_column;

/* Title: <agency><year> followed by gd_title_suffix. */
extern const char *const gd_title_suffix;

/*
 * The words that name a report (政府信息公开, 报告 after them), and what a
 * reader takes for a title's agency (parse.c): at most GD_AGENCY_MAX_CHARS
 * characters, not starting with a character of gd_agency_not_first (我 本:
 * a sentence), not starting with a character of gd_report_verb_lead (现
 * 特) and one of gd_report_verbs (NULL-terminated: 公布 发布 编制 现将;
 * 现将, 现公布, 特编制: a sentence that names the report, which parse.c
 * reads the agency from instead), not of two
 * characters the first of which is one of gd_agency_generic_first (全县,
 * 该局: a reference, not a name), holding none of
 * gd_agency_stop_words (NULL-terminated: 关于 报送 印发, a cover letter)
 * and no gd_report_words.  render_report writes any other agency escaped
 * (docs/render.md).
 */
#define GD_AGENCY_MAX_CHARS 40
extern const char *const gd_report_words;

/*
 * The words that name the report without 政府 (信息公开), as a sentence
 * that presents the report may name it: "现将2020年度市人社局信息公开工作
 * 总结报告如下".  parse.c reads them only in such a sentence.
 */
#define GD_REPORT_WORDS_BARE "信息公开"
extern const char *const gd_report_words_bare;
extern const char *const gd_report_word_last;
extern const char *const gd_agency_not_first;
extern const char *const gd_agency_stop_words[];
extern const char *const gd_report_verbs[];
extern const char *const gd_report_verb_lead;
extern const char *const gd_agency_generic_first;

/*
 * The last characters of an agency's name (局, 委员会, 办公室, 人民政府,
 * 中心, 街道 …): parse.c takes the words after the year of a sentence that
 * presents the report (现将2020年度X信息公开工作报告如下) for an agency only
 * if they end so, and hold no digit (not 政务, 依申请, 1月1日至12月31日).
 */
extern const char *const gd_agency_last;

/*
 * How the renderer states processing_fee_yuan in section 六: prefix, the
 * amount in yuan, suffix.
 */
extern const char *const gd_fee_statement_prefix;
extern const char *const gd_fee_statement_suffix;
/* A narrative line of section 六 with this word may state the fee. */
extern const char *const gd_fee_keyword;

/* The layout, built on first use from the declarations. */
extern const GdLayout *gd_layout(void);

/* Iterate over the children of a node: for (GD_EACH_CHILD(L, node, c)) */
#define GD_EACH_CHILD(L, node, c) \
	int c = (L)->nodes[(node)].first_child; c >= 0; c = (L)->nodes[c].next_sibling

/* Node index for a key path, or -1. */
extern int	gd_find_path(const char *path);

/* Format code ("2019"/"2021") to mask; 0 if unknown. */
extern unsigned gd_format_mask(const char *format, size_t len);
extern const char *gd_format_name(unsigned mask);

/* Labels in a given format (a single GD_FMT_* bit). */
extern const char *gd_field_label(const GdField *f, unsigned format);
extern const char *gd_field_short_label(const GdField *f, unsigned format);

/*
 * Human-readable official label of a node: the row (with its group) and the
 * column where the row has several, e.g. "（三）不予公开 1.属于国家秘密 · 总计".
 * Writes at most buflen bytes, always NUL-terminated; returns buf.
 */
extern char *gd_node_label(int node, unsigned format, bool short_form,
						   char *buf, size_t buflen);

/* Row part and column part of a leaf's label (either may be ""). */
extern void gd_node_label_parts(int node, unsigned format, bool short_form,
								char *row, size_t rowlen,
								char *col, size_t collen);

/* Does this leaf belong to the given format (a single bit)? */
static inline bool
gd_node_in_format(const GdNode *n, unsigned format)
{
	return (n->formats & format) != 0;
}

#endif							/* GOVDISCLOSE_LAYOUT_H */
