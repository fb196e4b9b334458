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


const std::string kTemplate = source_path("templates/forms/suzhou-project-declaration-2021.xml");
const std::string kExample = source_path("examples/suzhou-2021-project-declaration.json");

// The seed's text (a copy of /work/shared/seeds/001_d061c36c742e9f2b.txt kept with the tests).
const std::string kSeed = test::slurp(test::source_path("tests/data/seeds/001_d061c36c742e9f2b.txt"));

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
  check_a4(d, 25, 20);

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
