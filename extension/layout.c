/*-------------------------------------------------------------------------
 *
 * layout.c
 *	  The national report formats, declared once.
 *
 * Sources: 国办公开办函〔2021〕30号 (2021 format) and 国办公开办函〔2019〕60号
 * (2019 trial format).  Labels are the official wording with full-width
 * punctuation.  The composite types of the SQL interface are generated from
 * these declarations (see gentypes.c), so the order of fields here is the
 * order of attributes in SQL.
 *
 * extension/layout.c
 *
 *-------------------------------------------------------------------------
 */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#define F19 GD_FMT_2019
#define F21 GD_FMT_2021
#define FBOTH GD_FMT_BOTH

/* Alias lists: other spellings of a label seen in published reports. */
#define ALIASES(...) ((const char *const[]) {__VA_ARGS__, NULL})

/* ---------------------------------------------------------------------
 * Section 二: 主动公开政府信息情况
 * ---------------------------------------------------------------------
 */
static const GdField document_counts_fields[] = {
	{.key = "issued", .kind = GD_INT8, .formats = F21, .label = "本年制发件数",
	.comment = "documents issued this year"},
	{.key = "repealed", .kind = GD_INT8, .formats = F21, .label = "本年废止件数",
		.aliases = ALIASES("本年度止件数"),
	.comment = "documents repealed this year"},
	{.key = "in_force", .kind = GD_INT8, .formats = F21, .label = "现行有效件数",
	.comment = "documents currently in force"},
	{.key = "made", .kind = GD_INT8, .formats = F19, .label = "本年新制作数量",
	.comment = "documents newly made this year"},
	{.key = "published", .kind = GD_INT8, .formats = F19, .label = "本年新公开数量",
	.comment = "documents newly published this year"},
	{.key = "published_total", .kind = GD_INT8, .formats = F19, .label = "对外公开总数量",
	.comment = "documents published in total"},
};

static const GdType document_counts_type = {
	"document_counts", 6, document_counts_fields,
	"section 二, 第二十条第（一）项: one row of document counts"
};

static const GdField decision_counts_fields[] = {
	{.key = "decisions", .kind = GD_INT8, .formats = FBOTH,
		.label = "本年处理决定数量", .label_2019 = "处理决定数量", .pos_2019 = 3,
	.comment = "decisions taken this year"},
	{.key = "prior_items", .kind = GD_INT8, .formats = F19, .label = "上一年项目数量",
	.pos_2019 = 1, .comment = "items at the end of the previous year"},
	{.key = "change", .kind = GD_INT8, .formats = F19, .flags = GD_SIGNED,
	.label = "本年增/减", .pos_2019 = 2, .comment = "change in items this year (signed)"},
};

static const GdType decision_counts_type = {
	"decision_counts", 3, decision_counts_fields,
	"section 二, 第二十条第（五）（六）项: one row of decision counts"
};

static const GdField fee_figures_fields[] = {
	{.key = "amount_10k_yuan", .kind = GD_NUMERIC, .formats = F21,
		.label = "本年收费金额（单位：万元）", .short_label = "本年收费金额",
	.comment = "fees collected this year, in 万元 (10,000 yuan)"},
	{.key = "prior_items", .kind = GD_INT8, .formats = F19, .label = "上一年项目数量",
	.comment = "fee items at the end of the previous year"},
	{.key = "change", .kind = GD_INT8, .formats = F19, .flags = GD_SIGNED,
	.label = "本年增/减", .comment = "change in fee items this year (signed)"},
};

static const GdType fee_figures_type = {
	"fee_figures", 3, fee_figures_fields,
	"section 二, 第二十条第（八）项: administrative fees"
};

static const GdField procurement_figures_fields[] = {
	{.key = "projects", .kind = GD_INT8, .formats = F19, .label = "采购项目数量",
	.comment = "procurement projects"},
	{.key = "amount", .kind = GD_NUMERIC, .formats = F19, .label = "采购总金额",
	.comment = "total procurement amount, in amount_unit"},
	{.key = "amount_unit", .kind = GD_TEXT, .formats = F19,
		.flags = GD_OPTIONAL | GD_UNIT, .label = "采购总金额单位",
	.comment = "unit written with the amount: 元, 万元 or NULL"},
};

static const GdType procurement_figures_type = {
	"procurement_figures", 3, procurement_figures_fields,
	"section 二, 第二十条第（九）项 (2019 only): government procurement"
};

static const GdField proactive_fields[] = {
	{.key = "regulations", .kind = GD_ROW, .type = &document_counts_type,
		.formats = FBOTH, .label = "规章", .heading = "第二十条第（一）项",
	.comment = "rules (规章)"},
	{.key = "normative_documents", .kind = GD_ROW, .type = &document_counts_type,
		.formats = FBOTH, .label = "行政规范性文件", .label_2019 = "规范性文件",
		.aliases = ALIASES("行政规范性档案", "规范性档案"),
	.heading = "第二十条第（一）项", .comment = "normative documents"},
	{.key = "licensing", .kind = GD_ROW, .type = &decision_counts_type,
		.formats = FBOTH, .label = "行政许可", .heading = "第二十条第（五）项",
	.comment = "administrative licensing"},
	{.key = "other_services", .kind = GD_ROW, .type = &decision_counts_type,
		.formats = F19, .label = "其他对外管理服务事项",
	.heading = "第二十条第（五）项", .comment = "other external services (2019 only)"},
	{.key = "penalties", .kind = GD_ROW, .type = &decision_counts_type,
		.formats = FBOTH, .label = "行政处罚", .heading = "第二十条第（六）项",
	.comment = "administrative penalties"},
	{.key = "enforcement", .kind = GD_ROW, .type = &decision_counts_type,
		.formats = FBOTH, .label = "行政强制", .heading = "第二十条第（六）项",
	.comment = "administrative enforcement"},
	{.key = "fees", .kind = GD_ROW, .type = &fee_figures_type,
		.formats = FBOTH, .label = "行政事业性收费", .heading = "第二十条第（八）项",
	.comment = "administrative fees"},
	{.key = "procurement", .kind = GD_ROW, .type = &procurement_figures_type,
		.formats = F19, .label = "政府集中采购", .heading = "第二十条第（九）项",
	.comment = "government central procurement (2019 only)"},
};

static const GdType proactive_type = {
	"proactive", 8, proactive_fields,
	"section 二 主动公开政府信息情况"
};

/* ---------------------------------------------------------------------
 * Section 三: 收到和处理政府信息公开申请情况
 * ---------------------------------------------------------------------
 */
static const GdField applicant_counts_fields[] = {
	{.key = "natural_person", .kind = GD_INT8, .formats = FBOTH, .label = "自然人",
	.comment = "natural persons"},
	{.key = "commercial_enterprise", .kind = GD_INT8, .formats = FBOTH,
	.label = "商业企业", .header_group = "法人或其他组织", .comment = "commercial enterprises"},
	{.key = "research_institution", .kind = GD_INT8, .formats = FBOTH,
	.label = "科研机构", .header_group = "法人或其他组织", .comment = "research institutions"},
	{.key = "social_welfare_org", .kind = GD_INT8, .formats = FBOTH,
		.label = "社会公益组织", .header_group = "法人或其他组织",
		.aliases = ALIASES("社会组织"),
	.comment = "social welfare organisations"},
	{.key = "legal_service_org", .kind = GD_INT8, .formats = FBOTH,
		.label = "法律服务机构", .header_group = "法人或其他组织",
	.comment = "legal service organisations"},
	{.key = "other_org", .kind = GD_INT8, .formats = FBOTH, .label = "其他",
	.header_group = "法人或其他组织", .comment = "other legal persons or organisations"},
	{.key = "total", .kind = GD_INT8, .formats = FBOTH, .flags = GD_TOTAL,
	.label = "总计", .comment = "total"},
};

static const GdType applicant_counts_type = {
	"applicant_counts", 7, applicant_counts_fields,
	"one row of table 三, by applicant (申请人情况)"
};

static const GdField denied_fields[] = {
	{.key = "state_secret", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "1.属于国家秘密"},
	{.key = "prohibited_by_law", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "2.其他法律行政法规禁止公开"},
	{.key = "endangers_security", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "3.危及“三安全一稳定”"},
	{.key = "third_party_rights", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "4.保护第三方合法权益"},
	{.key = "internal_affairs", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "5.属于三类内部事务信息"},
	{.key = "process_information", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "6.属于四类过程性信息"},
	{.key = "enforcement_case_files", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "7.属于行政执法案卷"},
	{.key = "administrative_inquiry", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "8.属于行政查询事项"},
};

static const GdType denied_type = {
	"denied_reasons", 8, denied_fields, "三（三）不予公开, by reason"
};

static const GdField unable_fields[] = {
	{.key = "not_held", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "1.本机关不掌握相关政府信息"},
	{.key = "requires_compilation", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "2.没有现成信息需要另行制作"},
	{.key = "unclear_after_amendment", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "3.补正后申请内容仍不明确"},
};

static const GdType unable_type = {
	"unable_reasons", 3, unable_fields, "三（四）无法提供, by reason"
};

static const GdField not_processed_fields[] = {
	{.key = "petition_or_complaint", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "1.信访举报投诉类申请"},
	{.key = "duplicate", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "2.重复申请"},
	{.key = "publication", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "3.要求提供公开出版物"},
	{.key = "excessive_repeated", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "4.无正当理由大量反复申请"},
	{.key = "confirm_or_reissue", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "5.要求行政机关确认或重新出具已获取信息"},
};

static const GdType not_processed_type = {
	"not_processed_reasons", 5, not_processed_fields, "三（五）不予处理, by reason"
};

static const GdField other_handling_fields[] = {
	{.key = "overdue_amendment", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = F21,
	.label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{.key = "unpaid_fee", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = F21,
	.label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{.key = "other", .kind = GD_ROW, .type = &applicant_counts_type,
	.formats = FBOTH, .label = "3.其他", .label_2019 = "（六）其他处理"},
};

static const GdType other_handling_type = {
	"other_handling_reasons", 3, other_handling_fields,
	"三（六）其他处理, by reason (a single row in 2019, kept in .other)"
};

#define OUTCOMES "三、本年度办理结果"

static const GdField requests_fields[] = {
	{.key = "new_received", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH, .label = "一、本年新收政府信息公开申请数量",
	.short_label = "一、本年新收", .comment = "applications received this year"},
	{.key = "carried_over", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH, .label = "二、上年结转政府信息公开申请数量",
	.short_label = "二、上年结转", .comment = "applications carried over from last year"},
	{.key = "granted", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH, .label = "（一）予以公开", .heading = OUTCOMES,
	.comment = "granted"},
	{.key = "partially_granted", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH,
		.label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	.short_label = "（二）部分公开", .heading = OUTCOMES, .comment = "partially granted"},
	{.key = "denied", .kind = GD_ROW, .type = &denied_type, .formats = FBOTH,
		.flags = GD_GROUP, .label = "（三）不予公开", .heading = OUTCOMES,
	.comment = "denied, by reason"},
	{.key = "unable_to_provide", .kind = GD_ROW, .type = &unable_type,
		.formats = FBOTH, .flags = GD_GROUP, .label = "（四）无法提供",
	.heading = OUTCOMES, .comment = "unable to provide, by reason"},
	{.key = "not_processed", .kind = GD_ROW, .type = &not_processed_type,
		.formats = FBOTH, .flags = GD_GROUP, .label = "（五）不予处理",
	.heading = OUTCOMES, .comment = "not processed, by reason"},
	{.key = "other_handling", .kind = GD_ROW, .type = &other_handling_type,
		.formats = FBOTH, .flags = GD_GROUP, .label = "（六）其他处理",
	.heading = OUTCOMES, .comment = "other handling, by reason"},
	{.key = "total_handled", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH, .label = "（七）总计", .heading = OUTCOMES,
	.comment = "applications handled this year"},
	{.key = "carried_forward", .kind = GD_ROW, .type = &applicant_counts_type,
		.formats = FBOTH, .label = "四、结转下年度继续办理",
	.comment = "applications carried forward to next year"},
};

static const GdType requests_type = {
	"requests", 10, requests_fields,
	"section 三 收到和处理政府信息公开申请情况"
};

/* ---------------------------------------------------------------------
 * Section 四: 政府信息公开行政复议、行政诉讼情况
 * ---------------------------------------------------------------------
 */
static const GdField appeal_outcomes_fields[] = {
	{.key = "upheld", .kind = GD_INT8, .formats = FBOTH, .label = "结果维持",
	.comment = "decision upheld"},
	{.key = "corrected", .kind = GD_INT8, .formats = FBOTH, .label = "结果纠正",
	.comment = "decision corrected"},
	{.key = "other", .kind = GD_INT8, .formats = FBOTH, .label = "其他结果",
	.comment = "other outcome"},
	{.key = "pending", .kind = GD_INT8, .formats = FBOTH, .label = "尚未审结",
	.comment = "not yet decided"},
	{.key = "total", .kind = GD_INT8, .formats = FBOTH, .flags = GD_TOTAL,
	.label = "总计", .comment = "total"},
};

static const GdType appeal_outcomes_type = {
	"appeal_outcomes", 5, appeal_outcomes_fields,
	"one group of table 四, by outcome"
};

static const GdField appeals_fields[] = {
	{.key = "reconsideration", .kind = GD_ROW, .type = &appeal_outcomes_type,
	.formats = FBOTH, .label = "行政复议", .comment = "administrative reconsideration"},
	{.key = "litigation_direct", .kind = GD_ROW, .type = &appeal_outcomes_type,
		.formats = FBOTH, .label = "未经复议直接起诉", .header_group = "行政诉讼",
	.comment = "litigation without prior reconsideration"},
	{.key = "litigation_after_reconsideration", .kind = GD_ROW,
		.type = &appeal_outcomes_type, .formats = FBOTH, .label = "复议后起诉",
	.header_group = "行政诉讼", .comment = "litigation after reconsideration"},
};

static const GdType appeals_type = {
	"appeals", 3, appeals_fields,
	"section 四 政府信息公开行政复议、行政诉讼情况"
};

/* ---------------------------------------------------------------------
 * The report
 * ---------------------------------------------------------------------
 */
static const GdField report_fields[] = {
	{.key = "format", .kind = GD_TEXT, .formats = FBOTH, .label = "报告格式",
	.comment = "'2021' (2021 format) or '2019' (2019 trial format)"},
	{.key = "agency", .kind = GD_TEXT, .formats = FBOTH, .label = "发布机关",
	.comment = "publishing agency, as written in the title"},
	{.key = "year", .kind = GD_INT4, .formats = FBOTH, .label = "报告年度",
	.comment = "report year"},
	{.key = "overview", .kind = GD_TEXT, .formats = FBOTH, .flags = GD_OPTIONAL,
	.label = "总体情况", .comment = "section 一, the narrative"},
	{.key = "proactive", .kind = GD_ROW, .type = &proactive_type, .formats = FBOTH,
	.label = "主动公开政府信息情况", .comment = "section 二"},
	{.key = "requests", .kind = GD_ROW, .type = &requests_type, .formats = FBOTH,
	.label = "收到和处理政府信息公开申请情况", .comment = "section 三"},
	{.key = "appeals", .kind = GD_ROW, .type = &appeals_type, .formats = FBOTH,
	.label = "政府信息公开行政复议、行政诉讼情况", .comment = "section 四"},
	{.key = "problems", .kind = GD_TEXT, .formats = FBOTH, .flags = GD_OPTIONAL,
	.label = "存在的主要问题及改进情况", .comment = "section 五, the narrative"},
	{.key = "other_matters", .kind = GD_TEXT, .formats = FBOTH, .flags = GD_OPTIONAL,
	.label = "其他需要报告的事项", .comment = "section 六, the narrative"},
	{.key = "processing_fee_yuan", .kind = GD_NUMERIC, .formats = FBOTH,
		.flags = GD_OPTIONAL, .label = "信息处理费（元）",
	.comment = "信息处理费 collected in the year, in yuan, where section 六 states it"},
};

const GdType gd_report_type = {
	"report", 10, report_fields,
	"政府信息公开工作年度报告: one agency's annual report"
};

/* Section of each top-level field, by key. */
static const struct
{
	const char *key;
	int			section;
}			top_sections[] = {
	{"overview", 1}, {"proactive", 2}, {"requests", 3}, {"appeals", 4},
	{"problems", 5}, {"other_matters", 6}, {"processing_fee_yuan", 6},
};

/* 采购总金额 is written in 元 or 万元; 元 first, as the canonical unit. */
const GdUnit gd_amount_units[] = {
	{"元", 0},
	{"万元", 4},
};
const int	gd_namount_units = sizeof(gd_amount_units) / sizeof(gd_amount_units[0]);

/*
 * Units a table header may state for a column of amounts (本年收费金额
 * （单位：万元）), longest first: those the format holds (gd_amount_units,
 * the fee's 万元) and those it does not, which leave the column NULL.
 */
const char *const gd_header_units[] = {"万元", "千元", "亿元", "元", NULL};

const GdSection gd_sections[6] = {
	{1, "一", "一、总体情况", GD_TABLE_NONE},
	{2, "二", "二、主动公开政府信息情况", GD_TABLE_BLOCKS},
	{3, "三", "三、收到和处理政府信息公开申请情况", GD_TABLE_ROWS},
	{4, "四", "四、政府信息公开行政复议、行政诉讼情况", GD_TABLE_COLUMN_GROUPS},
	{5, "五", "五、存在的主要问题及改进情况", GD_TABLE_NONE},
	{6, "六", "六、其他需要报告的事项", GD_TABLE_NONE},
};

const char *const gd_requests_note =
"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const char *const gd_requests_header = "申请人情况";
const char *const gd_proactive_first_column = "信息内容";
const char *const gd_title_suffix = "年政府信息公开工作年度报告";
const char *const gd_report_words = "政府" GD_REPORT_WORDS_BARE;
const char *const gd_report_words_bare = GD_REPORT_WORDS_BARE;
const char *const gd_report_word_last = "报告";
const char *const gd_agency_not_first = "我本";
const char *const gd_agency_stop_words[] = {"关于", "报送", "印发", NULL};
const char *const gd_report_verbs[] = {"公布", "发布", "编制", "现将", NULL};
const char *const gd_report_verb_lead = "现特";
const char *const gd_agency_generic_first = "全各该其";
const char *const gd_agency_last = "局委办院府厅部会室所站心镇乡道区县市处馆队署司组";
const char *const gd_fee_statement_prefix = "本年度收取信息处理费";
const char *const gd_fee_statement_suffix = "元。";
const char *const gd_fee_keyword = "费";

/* ---------------------------------------------------------------------
 * The flattened layout
 * ---------------------------------------------------------------------
 */
#define GD_MAX_NODES 320

static GdNode nodes[GD_MAX_NODES];
static int	leaf_node[GD_MAX_NODES];
static GdLayout layout;
static bool layout_built = false;

static int
section_of(const char *key)
{
	for (size_t i = 0; i < sizeof(top_sections) / sizeof(top_sections[0]); i++)
		if (strcmp(top_sections[i].key, key) == 0)
			return top_sections[i].section;
	return 0;
}

static void
add_children(int parent, const GdType *type)
{
	int			prev = -1;

	for (int i = 0; i < type->nfields; i++)
	{
		const GdField *f = &type->fields[i];
		int			me = layout.nnodes++;
		GdNode	   *n = &nodes[me];
		const GdNode *p = &nodes[parent];

		if (prev < 0)
			nodes[parent].first_child = me;
		else
			nodes[prev].next_sibling = me;
		prev = me;
		n->first_child = -1;
		n->next_sibling = -1;
		n->field = f;
		n->type = f->kind == GD_ROW ? f->type : NULL;
		n->parent = parent;
		n->depth = p->depth + 1;
		n->section = p->depth == 0 ? section_of(f->key) : p->section;
		n->formats = p->formats & f->formats;
		n->flags = p->flags | f->flags;
		if (p->depth == 0)
			snprintf(n->path, GD_MAX_PATH, "%s", f->key);
		else
		{
			size_t		plen = strlen(p->path);
			size_t		klen = strlen(f->key);

			/* paths are short by construction; GD_MAX_PATH leaves room */
			memcpy(n->path, p->path, plen);
			n->path[plen] = '.';
			memcpy(n->path + plen + 1, f->key, klen + 1);
		}
		n->first_leaf = layout.nleaves;
		if (f->kind == GD_ROW)
		{
			n->leaf = -1;
			add_children(me, f->type);
		}
		else
		{
			n->leaf = layout.nleaves;
			leaf_node[layout.nleaves++] = me;
		}
		/* nodes[] may have grown; re-fetch */
		nodes[me].nleaves = layout.nleaves - nodes[me].first_leaf;
	}
}

static int
find_path(const char *path)
{
	for (int i = 1; i < layout.nnodes; i++)
		if (strcmp(nodes[i].path, path) == 0)
			return i;
	return -1;
}

const GdLayout *
gd_layout(void)
{
	if (!layout_built)
	{
		GdNode	   *root = &nodes[0];

		memset(&layout, 0, sizeof(layout));
		layout.nnodes = 1;
		root->field = NULL;
		root->type = &gd_report_type;
		root->parent = -1;
		root->depth = 0;
		root->leaf = -1;
		root->first_child = -1;
		root->next_sibling = -1;
		root->formats = GD_FMT_BOTH;
		root->path[0] = '\0';
		add_children(0, &gd_report_type);
		root->first_leaf = 0;
		root->nleaves = layout.nleaves;
		layout.nodes = nodes;
		layout.leaf_node = leaf_node;
		layout.leaf_format = nodes[find_path("format")].leaf;
		layout.leaf_agency = nodes[find_path("agency")].leaf;
		layout.leaf_year = nodes[find_path("year")].leaf;
		layout_built = true;
	}
	return &layout;
}

int
gd_find_path(const char *path)
{
	gd_layout();
	return find_path(path);
}

unsigned
gd_format_mask(const char *format, size_t len)
{
	if (len == 4 && memcmp(format, "2019", 4) == 0)
		return GD_FMT_2019;
	if (len == 4 && memcmp(format, "2021", 4) == 0)
		return GD_FMT_2021;
	return 0;
}

const char *
gd_format_name(unsigned mask)
{
	switch (mask)
	{
		case GD_FMT_2019:
			return "2019";
		case GD_FMT_2021:
			return "2021";
		default:
			return NULL;
	}
}

const char *
gd_field_label(const GdField *f, unsigned format)
{
	if (format == GD_FMT_2019 && f->label_2019)
		return f->label_2019;
	return f->label;
}

const char *
gd_field_short_label(const GdField *f, unsigned format)
{
	if (f->short_label && !(format == GD_FMT_2019 && f->label_2019))
		return f->short_label;
	return gd_field_label(f, format);
}

/*
 * Split a node's label into its row part and its column part.
 *
 * The row part names the table row (with the group it sits in, and the
 * section 四 header group); the column part names the column where the row
 * has several cells.  Title and narrative fields have only a row part.
 */
void
gd_node_label_parts(int node, unsigned format, bool short_form,
					char *row, size_t rowlen, char *col, size_t collen)
{
	const GdNode *n = &gd_layout()->nodes[node];
	const char *(*lab) (const GdField *, unsigned) =
		short_form ? gd_field_short_label : gd_field_label;

	row[0] = '\0';
	col[0] = '\0';
	if (n->depth <= 1)
	{
		snprintf(row, rowlen, "%s", lab(n->field, format));
		return;
	}
	if (n->leaf < 0)
	{
		/* a composite below the top level is a row or a group */
		const GdNode *p = &nodes[n->parent];

		if (p->depth >= 2 &&
			strncmp(lab(n->field, format), lab(p->field, format),
					strlen(lab(p->field, format))) != 0)
			snprintf(row, rowlen, "%s %s", lab(p->field, format),
					 lab(n->field, format));
		else if (n->field->header_group)
			snprintf(row, rowlen, "%s·%s", n->field->header_group,
					 lab(n->field, format));
		else
			snprintf(row, rowlen, "%s", lab(n->field, format));
		return;
	}
	gd_node_label_parts(n->parent, format, short_form, row, rowlen, col, collen);
	snprintf(col, collen, "%s", lab(n->field, format));
}

char *
gd_node_label(int node, unsigned format, bool short_form, char *buf, size_t buflen)
{
	char		row[256];
	char		col[128];

	gd_node_label_parts(node, format, short_form, row, sizeof(row), col, sizeof(col));
	if (col[0])
		snprintf(buf, buflen, "%s · %s", row, col);
	else
		snprintf(buf, buflen, "%s", row);
	return buf;
}
