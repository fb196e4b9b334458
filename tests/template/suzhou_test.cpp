// The Suzhou 苏州市级财政支出项目绩效自评价报告 template (seed 000), loaded from
// templates/forms/: its structure with the example's real view (data + scoring), and the
// example rendered end to end through the CLI and read back with pdftotext.
#include <catch2/catch.hpp>

#include <cstdint>
#include <iomanip>
#include <map>
#include <sstream>

#include "model/model.h"
#include "scoring/scoring.h"
#include "support/support.h"
#include "tmpl_helpers.h"
#include "run/view.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {


std::string template_path() { return source_path("templates/forms/suzhou-project-selfeval-2021.xml"); }
std::string example_path() { return source_path("examples/suzhou-2021-project-selfeval.json"); }

std::unique_ptr<tmpl::Template> load_template() {
  DiagnosticSink sink;
  auto t = tmpl::Template::load(template_path(), sink);
  std::string all;
  for (const auto& d : sink.all()) all += format(d) + "\n";
  INFO(all);
  REQUIRE(t);
  CHECK(sink.all().empty());
  return t;
}

// The view the CLI gives the template: the example as read, scored with suzhou-2021.
json example_view() {
  DiagnosticSink sink;
  model::Dossier d = model::load_dossier(example_path(), sink);
  auto rules = scoring::load_rule_set(source_path("templates/rules/suzhou-2021.json"), sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(rules);
  return make_view(d, rules.get(), scoring::score_all(d.source, *rules));
}

doc::Document instantiate(const json& view) {
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(view, sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE(sink.all().empty());
  return d;
}

std::vector<int> spans(const doc::Row& r, bool rows) {
  std::vector<int> out;
  for (const auto& c : r.cells) out.push_back(rows ? c.rowspan : c.colspan);
  return out;
}

// The 填表说明 of the form, as the seed prints it (lines joined).
const std::string kNote =
    "填表说明：1.“市级预算执行情况”、“市级财政资金使用情况”均含非税收入。“年初预算数”填“二下”数；“当年使用上年结余、结转及当年调整预算数”填当年使用上年结余、结转数以及追加或调减预算数；“财政拨款数”填财政部门实际拨付的款项数；“实际支付数”填资金实际支付到最终使用者的数额；“结转数”填结转以后年度使用的资金数；“财政收回数”填财政部门收回的资金数。指标结余数=年初预算数+当年使用上年结余、结转及当年调整预算数-财政拨款数；资金结余、结转数=财政拨款数-实际支付数=结转数+财政收回数。2.“指标名称”中“投入”类指标根据项目类型，按照《2021 年度苏州市级财政支出项目绩效评价“投入”类共性指标》规定，逐一对照进行自评价；“产出”、“结果”、“影响力”三类指标填列预算部门（单位）报送的绩效目标申报表中经财政部门审核通过的指标，如发生绩效目标调整的，以经财政部门批准调整后的指标为准。3.各项指标权重值为根据指标数量将该类总分值分摊到各项指标的分值，即各项指标分值=该类总分值/指标个数。4.各项数据采集的时间节点均为 2021 年 12 月 31 日。定性指标按照 好、较好、一般、较差、差 等级评分，分别得对应权重值的 100%、80%、60%、40%和 20%。定量指标评分规则：“产出”类每项指标的实际完成值对应预期设定的目标值，完成 100%～130%得权重值满分，实际完成值每低于目标值 1 个百分点相应扣减权重值的 5%，超过130%的每超过 1%扣权重值 1%；除指标解释中有特别说明的以外，“投入”类指标评分规则同“产出”类指标；“结果”类每项指标的实际完成值对应预期设定的目标值，完成 100%～200%得权重值满分，超过 200%的每超过 1%扣权重值 1%,实际完成值每低于目标值 1 个百分点相应扣减权重值的 5%。某项指标无法提供具体数值，且无说明，得 0 分。";
const std::string kFootnote = "（标注：项目概况、项目总目标、年度绩效目标由软件自动从申报表中生成）";

// The seed's text (a copy of /work/shared/seeds/000_a9afde5b0ed66992.txt kept with the tests).
const std::string kSeed = test::slurp(test::source_path("tests/data/seeds/000_a9afde5b0ed66992.txt"));

// The code points of a UTF-8 text, counted.
std::map<std::uint32_t, long> code_points(const std::string& s) {
  std::map<std::uint32_t, long> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    ++out[cp];
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// The share of the seed's non-space characters, as a multiset, that the extraction has.
double fidelity(const std::string& seed, const std::string& extraction) {
  auto want = code_points(strip_space(seed));
  auto have = code_points(strip_space(extraction));
  long total = 0, found = 0;
  for (const auto& [cp, n] : want) {
    total += n;
    auto it = have.find(cp);
    found += it == have.end() ? 0 : std::min(n, it->second);
  }
  return total ? static_cast<double>(found) / static_cast<double>(total) : 0;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// Removes every occurrence of what after the first one: the header rows a table repeats on
// the pages it continues on sit inside a cell's text when the page break splits that cell.
std::string drop_repeats(std::string s, const std::string& what) {
  auto first = s.find(what);
  if (first == std::string::npos) return s;
  for (auto at = s.find(what, first + what.size()); at != std::string::npos; at = s.find(what, at))
    s.erase(at, what.size());
  return s;
}

}  // namespace

TEST_CASE("the Suzhou template loads without errors") {
  auto t = load_template();
  CHECK(t->form_id() == "suzhou-project-selfeval-2021");
  CHECK(t->rule_set() == "suzhou-2021");
  CHECK(t->schema() == "suzhou-project-selfeval");
}

TEST_CASE("the Suzhou template: page, title and the 自评表 of the seed 000 example") {
  auto d = instantiate(example_view());
  CHECK(d.title == "苏州市级财政支出项目绩效自评价报告");
  check_a4(d, 25, 20);

  // title, caption, 自评表 (two tables), 填表说明, 项目基本情况, footnote
  REQUIRE(d.blocks.size() == 7);
  const auto& title = paragraph(d, 0);
  CHECK(title.text == "苏州市级财政支出项目绩效自评价报告");
  CHECK(title.align == doc::Align::Center);
  CHECK(title.style.family == "hei");  // 黑体 for the title, standing in for 小标宋
  CHECK(title.style.size == 16);
  const auto& caption = paragraph(d, 1);
  CHECK(caption.text == "苏州市级财政支出项目绩效自评表");
  CHECK(caption.align == doc::Align::Center);
  CHECK(caption.keep_with_next);

  const auto& t1 = table(d, 2);
  CHECK(table_width(t1) == Approx(170 * kMm));
  CHECK(t1.column_widths.size() == 7);
  CHECK(t1.padding_y == 3);
  CHECK(t1.padding_x == 4);
  CHECK(t1.border_width == 0.5);
  CHECK(row_texts(t1) ==
        std::vector<std::string>{"项目名称|苏州市住房保障一体化信息平台|项目年份|2021",
                                 "项目主管部门(单位)|苏州市住房和城乡建设局",
                                 "市级预算执行情况（万元）|年初预算数|当年使用上年结余、结转及当年调整预算数|财政拨款数|指标结余数",
                                 "499.24||499.24|0.00",  // the adjustment is null: a blank
                                 "市级财政资金使用情况（万元）|财政拨款数|实际支付数|资金结余、结转数|其中：",
                                 "结转数|财政收回数",
                                 "499.24|499.24|0.00||",
                                 "项目资金构成（详细列出各子项目名称和金额）",
                                 "子项名称|预算数（万元）|实际数（万元）",
                                 "苏州市住房保障一体化信息平台|490.24|490.24",
                                 "监理费用|9.00|9.00",
                                 "合计|499.24|499.24"});
  CHECK(spans(t1.rows[0], false) == std::vector<int>{1, 3, 1, 2});
  CHECK(spans(t1.rows[1], false) == std::vector<int>{1, 6});
  CHECK(spans(t1.rows[2], true) == std::vector<int>{2, 1, 1, 1, 1});
  CHECK(spans(t1.rows[2], false) == std::vector<int>{1, 1, 2, 1, 2});
  CHECK(spans(t1.rows[3], false) == std::vector<int>{1, 2, 1, 2});
  CHECK(spans(t1.rows[4], true) == std::vector<int>{3, 2, 2, 2, 1});
  CHECK(spans(t1.rows[4], false) == std::vector<int>{1, 1, 1, 1, 3});
  CHECK(spans(t1.rows[5], false) == std::vector<int>{2, 1});
  CHECK(spans(t1.rows[6], false) == std::vector<int>{1, 1, 1, 2, 1});
  CHECK(spans(t1.rows[7], false) == std::vector<int>{7});
  for (std::size_t r = 8; r < 12; ++r) CHECK(spans(t1.rows[r], false) == std::vector<int>{3, 2, 2});
  CHECK(t1.rows[3].cells[0].origin.data == "/projects/0/budget/initial");
  for (const auto& r : t1.rows) CHECK_FALSE(r.header);
}

TEST_CASE("the Suzhou template: the indicator table of the seed 000 example") {
  auto d = instantiate(example_view());
  const auto& t2 = table(d, 3);
  CHECK(table_width(t2) == Approx(170 * kMm));
  CHECK(t2.column_widths == table(d, 2).column_widths);
  REQUIRE(t2.rows.size() == 1 + 23 + 1);
  CHECK(row_texts(t2)[0] == "项目|类别|指标名称|目标值|权重|实际完成值|自评分");
  CHECK(t2.rows[0].header);
  CHECK_FALSE(t2.rows[1].header);

  // 项目绩效实现情况 spans the 23 indicator rows; the 类别 merge into 10/4/6/3.
  CHECK(t2.rows[1].cells[0].text == "项目绩效实现情况（80分）");
  CHECK(t2.rows[1].cells[0].rowspan == 23);
  std::vector<int> categories;
  std::vector<std::string> names;
  for (std::size_t r = 1; r <= 23; ++r) {
    const auto& cells = t2.rows[r].cells;
    if (cells.size() >= 6) categories.push_back(cells[cells.size() - 6].rowspan);
    names.push_back(cells[cells.size() - 5].text);
  }
  CHECK(categories == std::vector<int>{10, 4, 6, 3});
  CHECK(names.front() == "资金使用合规性");
  CHECK(names.back() == "使用人员培训制度");
  CHECK(row_texts(t2)[1] == "项目绩效实现情况（80分）|投入目标|资金使用合规性|合规|3|100%|3");
  CHECK(row_texts(t2)[8] == "资金节约率|15%及其以下|1|15%及其以下|1");
  CHECK(row_texts(t2)[11] == "产出目标|数据库|=1 套|6.5|1 套|6.5");
  CHECK(row_texts(t2)[15] == "结果目标|使用单位满意度|=95%|3.66|100%|3.66");
  CHECK(row_texts(t2)[18] == "业务系统安全性|=95%|3.7|95%|3.7");  // the split's remainder
  CHECK(row_texts(t2)[21] == "影响力目标|后期运行维护管理制度建设|建立|2.66|100%|2.66");
  CHECK(row_texts(t2)[22] == "专职管理落实情况|落实|2.68|100%|2.68");
  CHECK(row_texts(t2)[24] == "合计|80");
  CHECK(spans(t2.rows[24], false) == std::vector<int>{6, 1});
  CHECK(t2.rows[24].cells[1].origin.data == "/projects/0/evaluation/total");
}

TEST_CASE("the Suzhou template: 填表说明, 项目基本情况 and the footnote") {
  json view = example_view();
  auto d = instantiate(view);
  const auto& note = paragraph(d, 4);
  CHECK(note.text == kNote);
  CHECK(note.text.find("100%\xEF\xBD\x9E" "130%") != std::string::npos);  // U+FF5E
  CHECK(note.align == doc::Align::Justify);

  const auto& t3 = table(d, 5);
  CHECK(table_width(t3) == Approx(170 * kMm));
  CHECK(t3.column_widths.size() == 2);
  REQUIRE(t3.rows.size() == 8);
  CHECK(t3.rows[0].keep_with_next);  // never alone at a page foot
  CHECK_FALSE(t3.rows[0].header);  // not repeated on the next page
  CHECK(spans(t3.rows[0], false) == std::vector<int>{2});
  const auto& n = view["projects"][0]["narratives"];
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"项目概况", "overview"},           {"项目总目标", "goal"},
      {"年度绩效目标", "annual_goal"},    {"项目实施情况", "implementation"},
      {"项目管理成效", "effects"},        {"项目管理存在的问题及原因", "problems"},
      {"进一步加强项目管理的建议", "suggestions"}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& cells = t3.rows[i + 1].cells;
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].text == rows[i].first);
    CHECK(cells[1].text == n[rows[i].second].get<std::string>());  // '\n': a hard line break
    CHECK(cells[1].align == doc::Align::Justify);
    CHECK(cells[1].origin.data == "/projects/0/narratives/" + rows[i].second);
  }
  CHECK(paragraph(d, 6).text == kFootnote);
}

TEST_CASE("the Suzhou template: two projects, the second on a new page") {
  json view = example_view();
  json second = view["projects"][0];
  second["name"] = "第二个项目";
  view["projects"].push_back(second);
  auto d = instantiate(view);
  REQUIRE(d.blocks.size() == 15);
  CHECK(std::holds_alternative<doc::PageBreak>(d.blocks[7]));
  CHECK(table(d, 10).rows[0].cells[1].text == "第二个项目");
}

TEST_CASE("render: the seed 000 example through the CLI and back through pdftotext", "[render][seed000]") {
  auto dir = temp_dir("suzhou");
  const std::string pdf = dir + "/suzhou.pdf";
  auto r = run_jixiao("render " + example_path() + " -o " + pdf);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto info = run_command("pdfinfo " + pdf);
  INFO(info.out);
  auto at = info.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  const int pages = std::stoi(info.out.substr(at + 6));
  WARN("seed 000 rendered on " << pages << " pages");
  CHECK(pages >= 3);
  CHECK(pages <= 5);

  auto raw = run_command("pdftotext -raw " + pdf + " -");
  REQUIRE(raw.exit_code == 0);
  const std::string text = strip_space(raw.out);
  // A narrative cell split by a page break has the repeated 项目基本情况 row in its text.
  const std::string body = drop_repeats(text, "项目基本情况");
  auto has = [&](const std::string& s) { return body.find(strip_space(s)) != std::string::npos; };

  const json data = json::parse(slurp(example_path()));
  const json& p = data["projects"][0];
  CHECK(has("苏州市级财政支出项目绩效自评价报告"));
  CHECK(has("苏州市级财政支出项目绩效自评表"));
  CHECK(has("项目绩效实现情况（80分）"));
  for (const auto& ind : p["indicators"]) {
    INFO(ind["name"]);
    CHECK(has(ind["name"].get<std::string>()));
    CHECK(has(ind["target"].get<std::string>()));
    CHECK(has(ind["actual"].get<std::string>()));
  }
  for (const char* w : {"3.66", "3.7", "2.68", "6.5"}) {
    INFO(w);
    CHECK(has(w));
  }
  // A row: name, target, weight, actual, score.
  CHECK(has("业务系统安全性=95%3.795%3.7"));
  CHECK(has("专职管理落实情况落实2.68100%2.68"));
  CHECK(has("合计80"));
  for (const char* key : {"overview", "goal", "annual_goal", "implementation", "effects", "problems", "suggestions"}) {
    for (const auto& para : split_lines(p["narratives"][key].get<std::string>())) {
      INFO(key << ": " << para);
      CHECK(has(para));
    }
  }
  CHECK(has(kNote));
  CHECK(has(kFootnote));

  const double share = fidelity(kSeed, raw.out);
  WARN("seed 000 fidelity: " << std::fixed << std::setprecision(4) << share << " of the seed's non-space characters (multiset) in pdftotext -raw");
  CHECK(share >= 0.97);
}
