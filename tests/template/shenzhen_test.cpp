// The real Shenzhen 项目支出绩效自评表 template, loaded from templates/forms/.
#include <catch2/catch.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {


std::string template_path() {
  return source_path("templates/forms/shenzhen-project-selfeval-2021.xml");
}

json funds(double initial, double annual, double executed) {
  return {{"initial", initial}, {"annual", annual}, {"executed", executed}};
}

json indicator(const char* l1, const char* l2, const char* name, json target, json actual,
               json weight, json score, json reason) {
  return {{"level1", l1},     {"level2", l2}, {"name", name},   {"target", target},
          {"actual", actual}, {"weight", weight}, {"score", score}, {"deviation_reason", reason}};
}

json project1() {
  json p = {
      {"name", "档案整理"},
      {"amount", 3700700},
      {"department", "0102013"},
      {"implementer", ""},
      {"funds",
       {{"total", funds(890000, 890000, 870996)},
        {"fiscal", funds(890000, 890000, 870996)},
        {"carryover", funds(0, 0, 0)},
        {"other", funds(0, 0, 0)}}},
      {"goals", {{"expected", "确保档案及时、完整归档。"}, {"actual", "已按期完成。"}}},
      {"indicators",
       {indicator("产出指标", "数量指标", "档案整理数量（件）", 15000, 15005, 12.5, 12.5, "无偏差"),
        indicator("产出指标", "数量指标", "档案扫描数量（件）", "≥100", "120", 12.5, 12.5, "无偏差"),
        indicator("产出指标", "质量指标", "档案材料完整率", "100%", "100%", 25.0, 25.0, "无偏差"),
        indicator("效益指标", "质量指标", "查询服务质量", "有效提高", "有效提高", 30.0, 29.8,
                  "因系统升级，查询响应偏慢。"),
        indicator("满意度指标", "服务对象满意度指标", "档案查询人员满意度", "100%", "100%", 20.0,
                  20.0, nullptr)}}};
  p["evaluation"] = {
      {"lines", {{"budget", {{"weight", 10}, {"score", 9.786}}}}},
      {"values",
       {{"rate_total", 0.9786}, {"rate_fiscal", 0.975}, {"rate_carryover", 0.0}, {"rate_other", 0.0}}},
      {"indicators",
       {{{"weight", 12.5}, {"score", 12.5}},
        {{"weight", 12.5}, {"score", 12.5}},
        {{"weight", 25.0}, {"score", 25.0}},
        {{"weight", 30.0}, {"score", 29.8}},
        {{"weight", 20.0}, {"score", 20.0}}}},
      {"total", 99.586},
      {"max", 100},
      {"grade", "优"}};
  return p;
}

json project2() {
  json p = {
      {"name", "电子政务运维"},
      {"amount", 5917540.5},
      {"department", "0102013"},
      {"implementer", "信息中心"},
      {"funds",
       {{"total", funds(1420000, 1420000, 1420000)},
        {"fiscal", funds(1400000, 1400000, 1400000)},
        {"carryover", funds(20000, 20000, 20000)},
        {"other", funds(0, 0, 0)}}},
      {"goals", {{"expected", "完成运维。"}, {"actual", "完成运维。"}}},
      {"indicators", {indicator("产出指标", "数量指标", "检查次数（次）", "≥12", 12, 100.0, 100.0, "无偏差")}}};
  p["evaluation"] = {
      {"lines", {{"budget", {{"weight", 10}, {"score", 10.0}}}}},
      {"values",
       {{"rate_total", 1.0}, {"rate_fiscal", 1.0}, {"rate_carryover", 1.0}, {"rate_other", 0.0}}},
      {"indicators", {{{"weight", 100.0}, {"score", 100.0}}}},
      {"total", 100.0},
      {"max", 100},
      {"grade", "优"}};
  return p;
}

json view() {
  return {{"form", "shenzhen-project-selfeval-2021"},
          {"title", "2021年度项目支出绩效自评表"},
          {"projects", {project1(), project2()}}};
}

std::vector<int> rowspans(const doc::Row& r) {
  std::vector<int> out;
  for (const auto& c : r.cells) out.push_back(c.rowspan);
  return out;
}
std::vector<int> colspans(const doc::Row& r) {
  std::vector<int> out;
  for (const auto& c : r.cells) out.push_back(c.colspan);
  return out;
}

}  // namespace

TEST_CASE("the Shenzhen template loads without errors") {
  DiagnosticSink sink;
  auto t = tmpl::Template::load(template_path(), sink);
  for (const auto& d : sink.all()) INFO(format(d));
  REQUIRE(t);
  CHECK(sink.all().empty());
  CHECK(t->form_id() == "shenzhen-project-selfeval-2021");
  CHECK(t->rule_set() == "shenzhen-project-2021");
  CHECK(t->schema() == "shenzhen-project-selfeval");
}

TEST_CASE("the Shenzhen template: one page per project, title and table") {
  DiagnosticSink sink;
  auto t = tmpl::Template::load(template_path(), sink);
  REQUIRE(t);
  auto d = t->instantiate(view(), sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE(sink.all().empty());

  CHECK(d.title == "2021年度项目支出绩效自评表");
  check_a4(d, 20, 15);

  REQUIRE(d.blocks.size() == 5);  // title, table, page break, title, table
  CHECK(std::holds_alternative<doc::PageBreak>(d.blocks[2]));
  for (std::size_t b : {0u, 3u}) {
    const auto& title = paragraph(d, b);
    CHECK(title.text == "项目支出绩效自评表");
    CHECK(title.align == doc::Align::Center);
    CHECK(title.style.family == "hei");
    CHECK(title.style.size == 16);
    CHECK(title.space_after > 0);
  }

  const auto& t1 = table(d, 1);
  REQUIRE(t1.column_widths.size() == 9);
  // 三级指标, 年度指标值, 实际完成值 and 偏差原因 are sized from their text; all fill exactly
  // the text width.
  REQUIRE(t1.auto_widths.size() == 9);
  for (int c : {3, 4, 5, 8}) CHECK(t1.auto_widths[c].has_value());
  double sum = 0;
  for (double w : t1.column_widths) sum += w;
  CHECK(sum == Approx(77 * kMm));  // the fixed columns
  CHECK(t1.width == Approx(180 * kMm));
  CHECK(t1.rows[0].cells[0].style.family == "song");
  CHECK(t1.rows[0].cells[0].style.size == 9);
  CHECK_FALSE(t1.rows[0].cells[0].style.bold);

  CHECK(row_texts(t1) == std::vector<std::string>{
                             "项目名称|档案整理|项目金额|3700700",
                             "主管部门|0102013|实施单位|",
                             "项目资金（元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分",
                             "年度资金总额|890000.00|890000.00|870996.00|10|0.98|9.79",
                             "其中：当年财政拨款|890000.00|890000.00|870996.00|—|0.98|—",
                             "上年结转资金|0.00|0.00|0.00|—|0.00|—",
                             "其他资金|0.00|0.00|0.00|—|0.00|—",
                             "年度总体目标|预期目标|实际完成情况",
                             "确保档案及时、完整归档。|已按期完成。",
                             "年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|"
                             "偏差原因分析\n及改进措施",
                             "产出指标|数量指标|档案整理数量（件）|15000|15005|12.5|12.5|无偏差",
                             "档案扫描数量（件）|≥100|120|12.5|12.5|无偏差",
                             "质量指标|档案材料完整率|100%|100%|25.0|25.0|无偏差",
                             "效益指标|质量指标|查询服务质量|有效提高|有效提高|30.0|29.8|"
                             "因系统升级，查询响应偏慢。",
                             "满意度指标|服务对象满意度指标|档案查询人员满意度|100%|100%|20.0|20.0|",
                             "总分|100|99.59|—"});
  CHECK(colspans(t1.rows[0]) == std::vector<int>{1, 4, 1, 3});
  CHECK(colspans(t1.rows[2]) == std::vector<int>{1, 2, 1, 1, 1, 1, 1, 1});
  CHECK(rowspans(t1.rows[2])[0] == 5);
  CHECK(colspans(t1.rows[3])[0] == 2);
  CHECK(rowspans(t1.rows[7])[0] == 2);
  CHECK(colspans(t1.rows[8]) == std::vector<int>{4, 4});
  CHECK(t1.rows[8].cells[0].align == doc::Align::Justify);
  CHECK(rowspans(t1.rows[9])[0] == 6);  // heading row + 5 indicators
  // 产出指标 spans 3 rows, 数量指标 2; 质量指标 under 效益指标 does not join the one above.
  CHECK(rowspans(t1.rows[10]) == std::vector<int>{3, 2, 1, 1, 1, 1, 1, 1});
  CHECK(rowspans(t1.rows[12]) == std::vector<int>{1, 1, 1, 1, 1, 1, 1});
  CHECK(rowspans(t1.rows[13]) == std::vector<int>{1, 1, 1, 1, 1, 1, 1, 1});
  CHECK(t1.rows[13].cells[7].align == doc::Align::Left);
  CHECK(t1.rows[13].cells[2].align == doc::Align::Center);
  CHECK(colspans(t1.rows[15]) == std::vector<int>{6, 1, 1, 1});

  const auto& t2 = table(d, 4);
  auto rows2 = row_texts(t2);
  REQUIRE(rows2.size() == 12);
  CHECK(rows2[0] == "项目名称|电子政务运维|项目金额|5917540.5");
  CHECK(rows2[1] == "主管部门|0102013|实施单位|信息中心");
  CHECK(rows2[3] == "年度资金总额|1420000.00|1420000.00|1420000.00|10|1.00|10.00");
  CHECK(rows2[5] == "上年结转资金|20000.00|20000.00|20000.00|—|1.00|—");
  CHECK(rows2[10] == "产出指标|数量指标|检查次数（次）|≥12|12|100.0|100.0|无偏差");
  CHECK(rows2[11] == "总分|100|100|—");
  CHECK(rowspans(t2.rows[9])[0] == 2);
}
