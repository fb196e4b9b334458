// The 苏州市级财政支出项目绩效目标申报表 (seed 001): the template in templates/forms/, filled in
// with examples/suzhou-2021-project-declaration.json, and rendered end to end through
// build/jixiao. The declaration is not scored: its view is the data file as it is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

constexpr double kMm = 72.0 / 25.4;

const std::string kTemplate = source_path("templates/forms/suzhou-project-declaration-2021.xml");
const std::string kExample = source_path("examples/suzhou-2021-project-declaration.json");

// Seed 001 (/work/shared/seeds/001_d061c36c742e9f2b.txt) verbatim: the text extraction of the
// real PDF (tab-separated cells; <p>…</p> are paragraph marks of the source system, not text).
// The fidelity figure is measured against it.
const char* const kSeed = R"seed(

苏州市级财政支出项目绩效目标申报表

申报单位名称	001276001276 苏州市住房和城乡建设局			
项目名称	苏州市住建局“互联网+监管”			
项目类型	信息化工程及维护类	项目属性	市立项目	
是否政府采购	是	是否政府购买服务	否	
项目负责人	肖军	联系人	潘柯	
联系电话	65109046			
项目年度	2021			
项目概况	<p>2019年2月22号，江苏省办公厅发布了“互联网+监管”系统建设方案，已经于2019年6月底前系统主体功能建设完成，与国家“互联网+监管”初步联通并网；在2019年9月底前，省“互联网+监管”系统上线试运行，建立常态化监管数据归集共享机制。</p> <p>2019年8月8号，苏州市政府推进政府职能转变和“放管服”改革协调小组办公室发布了“互联网+监管”系统建设实施方案，方案中要求建立常态化监管数据规划共享机制，有序推进风险预警、协同监管、信用监管和智慧监管。2021年，做好系统运行保障工作，针对业务处室提出的意见，进行优化完善，保障系统数据的安全性，系统运行的稳定性，操作的流畅性和舒适性。2021年按照合同约定支付尾款。</p>			
项目设立依据（相关批文名称）	苏州市大数据局（2019）15号			
项目设立的必要性	为梳理苏州住建事项清单，规范市住建行业监管事项；建设监管数据中心，汇聚各部门监管数据；对内打造统一监管平台，实现各个板块的行政执法、行政监管，设立本项目，本项目2021年，要继续做好系统的运行维护工作，满足各个板块业务需求，实现对平台的全面优化和提升。根据合同约定，一年服务期满后，需要支付项目尾款。			
保证项目实施的制度、措施	关于印发2019年苏州市级政府采购监管 工作要点的通知（苏财购（2019）19号） 财政部关于印发《政务信息系统政府采购管理暂行办法》的通知（财库（2017）210号）			
本项目上年度市级财政资金使用情况	预算安排资金（万元）	300.00	财政拨款资金（万元）	300.00
	实际支出资金（万元）	300.00	资金到位率（%）	100
	预算执行率（%）	100		
项目资金构成（详细列出各子项目名称和金额）	子项目名称		预算金额（万元）	
	“互联网+监管”信息化平台		21.86	
	行政监管栏目		10.00	
	统一执法栏目		10.00	
	合计：		41.86	
项目资金来源（万元）	资金来源	项目投资总额	上年度资金	本年度计划数
	市级财政资金	433.60	300.00	41.86
	下级财政资金			
	其他			
	上级财政资金			
	合计	433.60	300.00	41.86
项目实施计划	2020年，完成项目验收工作；2021年，做好系统运行保障工作，针对业务处室提出的意见，进行优化完善，保障系统数据的安全性，系统运行的稳定性，操作的流畅性和舒适性。2021年按照合同约定支付尾款。			
项目总目标	<p>梳理住建事项清单，规范住建行业监管事项。苏州市住建局认领事项共33项，其中14项由本局系统运行监管，其余19项使用省级系统进行监管，使用通用业务监管系统来对未建相关业务系统的监管事项实行监管。</p> <p>整合行政执法事项，重建住建执法系统。根据“互联网+监管”对于行政执法的要求，重新梳理整合苏州市住建局对于监察支队、房地产及质安监的行政执法，建立通用执法系统及移动执法系统，开设监察支队、房地产、质安监三个执法通道，并分别进行个性化定制。</p> <p>升级改造部分业务系统，保障全行业监管规范高效。对于目前苏州市住建局已有的业务系统，为满足“互联网+监管”的需求，将项目前期、施工现场及竣工验收步骤的相关系统进行升级改造整合，使之互联互通，满足监管需求。</p> <p>对接行政审批事项，实现一平台办理。对接苏州市住建局协同办公系统中的一张网，获取一张网中的行政审批事项，通过本次建设的苏州市住建局“互联网+监管”信息化平台完成事项的审批，审批结果可同步推送至OA一张网中。</p> <p>汇集分析监管数据，完善智慧住建云平台建设。汇集、治理、挖掘、分析各项监管数据，实行风险预警、分析评价、信用监管，通过与苏州市智慧住建云平台对接，同步推送各项监管数据。</p> <p>打造住建监管门户，加强监管数据动态发布。通过监管门户建设，可将监管事项、监管结果、执法人员等数据动态向社会公众发布。</p>			

年度绩效目标	2021系统上线正式运行，确保系统正常运行，及时解决系统运行过程中的问题，保障系统安全性、稳定性，编写系统运行报告。					
	类别	对应子项目名称	指标名称	目标值	指标解释	目标值来源
分解目标	投入		预算执行率	100%	考察实际支出资金额占预算到位资金额的比率，用以反映项目单位预算资金执行情况	项目批复文件、原始凭证
			专款专用率	100%	考察资金使用规范程度，是否按计划完全使用在指定项目上。	项目批复文件、原始凭证
			财务制度健全性	健全	考察财务管理制度是否健全。其中，重点考察关键性资金所涉及的财务制度、或其他制度的关键性条款，例如国库集中支付制度、专项资金管理办法等；考察项目单位的内部财务管理制度、会计核算制度的完整性和合法性，是否符合有关财务管理制度的规定。	财务管理制度文件
			资金使用合规性	合规	资金使用是否按照计划进行，是否存在支出依据不合规、虚列项目支出的情况，是否存在超标准开支情况。	合同、原始凭证
			政府采购规范性	规范	考察政府采购申请规范性、政府采购计划备案规范性、信息发布规范及及时性、采购流程规范性等，反映政府采购的合规性。	政府采购相关制度文件、中标通知书、合同、协议等
			工程管理规范性	规范	考察项目在实施过程中有无发生工程变更，变更情况是否合理；实际发生风险能否有效控制能力；管理部门是否定期检查项目实际质量与预期质量存在的差距；资产产权是否明确，资产转移有无相应记录。 风险事件是指直接导致生命、财产等损害的偶发事件，它可能引起项目预算、质量、里程碑进度发生重大偏差、人身伤亡或	项目管理制度文件、项目合同、协议、备忘录、项目管理日志、项目单位提供的其他相关文件
			可行性研究充分性	充分	考察项目实施前期是否经过充分的可行性研究、论证。	可行性研究方案、专家论证报告
			业务运维体系健全性	健全	考察信息工程及维护类项目的业务运维体系健全情况。	可行性研究文件、项目管理文件、项目合同、协议等
			配套设施到位率	100%	考察项目顺利实施，相关配套设施的需求情况，以及该需求的落实、到位情况；要求该配套设施（条件）能够按照类别、数量进行量化统计。	可行性研究文件、项目管理文件等

			资金节约率	15%及其以下	考察中标价格与采购预算的偏差情况。	项目单位提供文件
产出	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	系统建设模块数	=4个	系统建设模块数	系统内模块数	
	“互联网+监管”信息化平台	信息化平台	=1套	信息化平台	信息化平台	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	目标完成率	=100%	信息平台建设完成情况	信息平台建设完成情况	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	验收合格率	=100%	验收合格率	验收报告	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	用户操作手册	=1份	用户操作手册	用户操作手册	
结果	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	使用单位满意度	=95%	使用单位满意度	使用单位满意情况调查	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	业务系统稳定性	稳定	业务系统稳定性	业务系统运行报告	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	业务系统投诉率	=5%	业务系统投诉率	业务系统投诉情况统计	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	业务系统安全性	安全	业务系统安全性	业务系统安全报告	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	功能实现率	=100%	系统建设与需求文档匹配度	系统建设与需求文档	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	系统覆盖率	=100%	区县覆盖率	十个区县使用情况	
	“互联网+监管”信息化平台, 行政监管栏目, 统一执法栏目	监管事项落实度	=100%	监管事项落实度	监管事项落实情况	
影响力		后期运行维护管理制度建设	建立	后期运行维护管理制度建设	后期运行维护管理制度建设	
		专职管理落实情况	落实	专职管理落实情况	专职管理人员	
		共享机制的建立	建立	共享机制	资料文件	
		使用人员培训制度	建立	使用人员培训制度	使用人员培训制度	
需要说明的其它问题						
填报单位负责人:		填报人:		填报日期:		)seed";

std::unique_ptr<tmpl::Template> load_template() {
  DiagnosticSink sink;
  auto t = tmpl::Template::load(kTemplate, sink);
  std::string all;
  for (const auto& d : sink.all()) all += format(d) + "\n";
  INFO(all);
  REQUIRE(t);
  CHECK(sink.all().empty());
  return t;
}

json example() { return json::parse(slurp(kExample)); }

doc::Document instantiate_example() {
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(example(), sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE(sink.all().empty());
  return d;
}

// The PDF of the example, rendered once per test run.
const std::string& example_pdf() {
  static std::string pdf = [] {
    std::string out = temp_dir("declaration") + "/decl.pdf";
    auto r = run_jixiao("render " + kExample + " -o " + out);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return out;
  }();
  return pdf;
}

// Whether want is in text whole, or in two pieces, the second after the first: a cell that a
// page break splits comes out of pdftotext -raw with the rest of its row and the repeated
// header rows between its pieces.
bool in_text_split_once(const std::string& text, const std::string& want) {
  if (text.find(want) != std::string::npos) return true;
  for (std::size_t cut = want.size() - 1; cut > 0; --cut) {  // the longest first piece found
    if ((static_cast<unsigned char>(want[cut]) & 0xC0) == 0x80) continue;  // inside a character
    auto at = text.find(want.substr(0, cut));
    if (at == std::string::npos) continue;
    return text.find(want.substr(cut), at + cut) != std::string::npos;
  }
  return false;
}

// Code points of a UTF-8 string.
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string without_paragraph_tags(std::string s) {
  for (const std::string tag : {"</p>", "<p>"})
    for (auto at = s.find(tag); at != std::string::npos; at = s.find(tag, at)) s.erase(at, tag.size());
  return s;
}

// The share of the seed's non-space characters (as a multiset) that the extraction holds.
double fidelity(const std::string& seed, const std::string& extracted) {
  std::map<char32_t, long> have;
  for (char32_t c : code_points(strip_space(extracted))) ++have[c];
  long total = 0, found = 0;
  for (char32_t c : code_points(strip_space(without_paragraph_tags(seed)))) {
    ++total;
    if (have[c] > 0) {
      --have[c];
      ++found;
    }
  }
  return total ? static_cast<double>(found) / static_cast<double>(total) : 0;
}

}  // namespace

TEST_CASE("declaration: the template loads without errors", "[template][declaration]") {
  auto t = load_template();
  CHECK(t->form_id() == "suzhou-project-declaration-2021");
  CHECK(t->rule_set().empty());  // a declaration is not scored
  CHECK(t->schema() == "suzhou-project-declaration");
}

TEST_CASE("declaration: the example fills in the form", "[template][declaration]") {
  auto d = instantiate_example();
  CHECK(d.title == "苏州市级财政支出项目绩效目标申报表");
  CHECK(d.page.width == Approx(210 * kMm));
  CHECK(d.page.height == Approx(297 * kMm));
  CHECK(d.page.margin_top == Approx(25 * kMm));
  CHECK(d.page.margin_bottom == Approx(25 * kMm));
  CHECK(d.page.margin_left == Approx(20 * kMm));
  CHECK(d.page.margin_right == Approx(20 * kMm));

  // title, the form, the 分解目标 table, the signature line
  REQUIRE(d.blocks.size() == 4);
  const auto& title = paragraph(d, 0);
  CHECK(title.text == "苏州市级财政支出项目绩效目标申报表");
  CHECK(title.align == doc::Align::Center);
  CHECK(title.keep_with_next);

  const auto& form = table(d, 1);
  double width = 0;
  for (double w : form.column_widths) width += w;
  CHECK(width == Approx(170 * kMm));
  auto rows = row_texts(form);
  REQUIRE(rows.size() == 28);
  CHECK(rows[0] == "申报单位名称|001276001276 苏州市住房和城乡建设局");
  CHECK(rows[2] == "项目类型|信息化工程及维护类|项目属性|市立项目");
  CHECK(rows[3] == "是否政府采购|是|是否政府购买服务|否");
  CHECK(rows[4] == "项目负责人|肖军|联系人|潘柯");
  CHECK(rows[5] == "联系电话|65109046");
  CHECK(rows[6] == "项目年度|2021");
  CHECK(rows[11] == "本项目上年度市级财政资金使用情况|预算安排资金（万元）|300.00|财政拨款资金（万元）|300.00");
  CHECK(rows[12] == "实际支出资金（万元）|300.00|资金到位率（%）|100");
  CHECK(rows[13] == "预算执行率（%）|100||");
  CHECK(rows[14] == "项目资金构成（详细列出各子项目名称和金额）|子项目名称|预算金额（万元）");
  CHECK(rows[15] == "“互联网+监管”信息化平台|21.86");
  CHECK(rows[16] == "行政监管栏目|10.00");
  CHECK(rows[18] == "合计：|41.86");
  CHECK(form.rows[14].cells[0].rowspan == 5);
  CHECK(rows[19] == "项目资金来源（万元）|资金来源|项目投资总额|上年度资金|本年度计划数");
  CHECK(form.rows[19].cells[0].rowspan == 6);
  CHECK(rows[20] == "市级财政资金|433.60|300.00|41.86");
  CHECK(rows[21] == "下级财政资金|||");  // null prints nothing
  CHECK(rows[24] == "合计|433.60|300.00|41.86");
  CHECK(rows[27].rfind("年度绩效目标|2021系统上线正式运行", 0) == 0);

  // Narratives keep the paragraphs of the source system, without its tags.
  const auto& overview = form.rows[7].cells[1];
  CHECK(overview.text.find("<p>") == std::string::npos);
  CHECK(std::count(overview.text.begin(), overview.text.end(), '\n') == 1);
  CHECK(overview.align == doc::Align::Justify);
  CHECK(overview.origin.data == "/projects/0/overview");
  const auto& goal = form.rows[26].cells[1];
  CHECK(std::count(goal.text.begin(), goal.text.end(), '\n') == 5);

  // 分解目标: the header row repeats; 分解目标 spans the 26 indicators; equal 类别 merge
  // (投入 10, 产出 5, 结果 7, 影响力 4).
  const auto& goals = table(d, 2);
  REQUIRE(goals.rows.size() == 28);
  CHECK(goals.rows[0].header);
  CHECK(row_texts(goals)[0] == "|类别|对应子项目名称|指标名称|目标值|指标解释|目标值来源");
  CHECK_FALSE(goals.rows[1].header);
  CHECK(goals.rows[1].cells[0].text == "分解目标");
  CHECK(goals.rows[1].cells[0].rowspan == 26);
  std::vector<int> categories;  // rows below the first lack the 分解目标 cell, merged ones 类别 too
  categories.push_back(goals.rows[1].cells[1].rowspan);
  for (std::size_t r = 2; r <= 26; ++r)
    if (goals.rows[r].cells.size() == 6) categories.push_back(goals.rows[r].cells[0].rowspan);
  CHECK(categories == std::vector<int>{10, 5, 7, 4});
  CHECK(row_texts(goals)[1] ==
        "分解目标|投入||预算执行率|100%|考察实际支出资金额占预算到位资金额的比率，用以反映项目单位预算资金执行情况|项目批复文件、原始凭证");
  CHECK(row_texts(goals)[27] == "需要说明的其它问题|");

  CHECK(paragraph(d, 3).text.rfind("填报单位负责人:", 0) == 0);
  CHECK(paragraph(d, 3).text.find("填报人:") != std::string::npos);
  CHECK(paragraph(d, 3).text.find("填报日期:") != std::string::npos);
}

TEST_CASE("declaration: rendered end to end, every text of the example is in the PDF",
          "[cli][declaration]") {
  // -raw keeps content-stream order: a cell's wrapped lines come out together.
  auto r = run_command("pdftotext -raw " + example_pdf() + " -");
  REQUIRE(r.exit_code == 0);
  const std::string text = strip_space(r.out);
  auto data = example();
  int checked = 0;
  auto has = [&](const std::string& s) {
    std::string want = strip_space(s);
    if (want.empty()) return;
    INFO(s);
    CHECK(in_text_split_once(text, want));
    ++checked;
  };
  const auto& p = data["projects"][0];
  for (const char* field : {"unit", "name", "type", "attribute", "leader", "contact", "phone", "basis",
                            "necessity", "safeguards", "plan", "annual_goal"})
    has(p[field]);
  for (const char* field : {"overview", "goal"}) {  // paragraph by paragraph
    std::string all = p[field], line;
    std::istringstream lines(all);
    while (std::getline(lines, line)) has(line);
  }
  for (const auto& ind : p["indicators"]) {
    has(ind["name"]);
    has(ind["target"]);
    has(ind["explanation"]);
    has(ind["source"]);
    has(ind["subprojects"]);
  }
  for (const char* label : {"苏州市级财政支出项目绩效目标申报表", "申报单位名称", "是否政府购买服务",
                            "项目设立依据（相关批文名称）", "本项目上年度市级财政资金使用情况",
                            "资金到位率（%）", "项目资金构成（详细列出各子项目名称和金额）",
                            "项目资金来源（万元）", "本年度计划数", "分解目标", "对应子项目名称",
                            "需要说明的其它问题", "填报单位负责人:", "填报日期:"})
    has(label);
  CHECK(checked > 120);
}

TEST_CASE("declaration: fidelity to the seed", "[cli][declaration]") {
  auto r = run_command("pdftotext -raw " + example_pdf() + " -");
  REQUIRE(r.exit_code == 0);
  CHECK(fidelity(kSeed, kSeed) == 1);  // the measure itself: tags and blanks do not count
  CHECK(fidelity(kSeed, "") == 0);
  const double figure = fidelity(kSeed, r.out);
  auto info = run_command("pdfinfo " + example_pdf());
  std::string pages;
  if (auto at = info.out.find("Pages:"); at != std::string::npos)
    pages = strip_space(info.out.substr(at + 6, info.out.find('\n', at) - at - 6));
  WARN("seed 001 rendered on " << pages << " pages");
  WARN("seed 001 fidelity: " << std::fixed << std::setprecision(4) << figure
                              << " of the seed's non-space characters (multiset) in pdftotext -raw");
  CHECK(info.out.find("Title:           苏州市级财政支出项目绩效目标申报表") != std::string::npos);
  CHECK(info.out.find("595.276 x 841.89 pts (A4)") != std::string::npos);
  CHECK(figure >= 0.98);
}
