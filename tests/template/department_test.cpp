// The real Shenzhen 部门整体绩效自评报告 template (seed 003), loaded from templates/forms/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {


std::string template_path() {
  return source_path("templates/forms/shenzhen-department-selfeval-2020.xml");
}

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

json task(const char* name, double budget, double executed) {
  return {{"name", name},         {"status", "已完成。"},        {"budget", budget},
          {"budget_fiscal", budget}, {"executed", executed}, {"executed_fiscal", executed}};
}

json indicator(const char* l1, const char* l2, const char* name) {
  return {{"level1", l1}, {"level2", l2}, {"name", name}, {"target", "100%"}, {"actual", "100%"}};
}

json score_row(const char* l2, const char* name, int weight, int score) {
  return {{"level1", "部门决策"}, {"level2", l2},      {"name", name},
          {"weight", weight},     {"description", "说明"}, {"criteria", "1.标准(1分);\n2.标准(1分)。"},
          {"score", score}};
}

// A department of the data shape with a hand-written evaluation, as the view gives it.
json small_view() {
  json d = {
      {"name", "深圳市住房建设信息中心"},
      {"year", 2020},
      {"filled_by", "许妙晴"},
      {"phone", "18718670786"},
      {"report",
       {{{"heading", "一、部门（单位）基本情况"},
         {"sections", {{{"heading", "（一）部门主要职能"}, {"paragraphs", {"我中心的主要职能是……"}}}}}},
        {{"heading", "二、总体评价"}, {"paragraphs", {"总体良好。"}}},
        {{"heading", "四、部门整体支出绩效评价指标评分情况"}}}},
      {"tasks", {task("基本支出", 757.06, 740.17), task("信息化系统维护", 649.52, 646.3)}},
      {"task_total",
       {{"budget", 1406.58}, {"budget_fiscal", 1406.58}, {"executed", 1386.47}, {"executed_fiscal", 1386.47}}},
      {"goals", {{"expected", "深化信息化建设。"}, {"actual", "已完成。"}}},
      {"indicators",
       {indicator("产出指标", "数量指标", "测评数量"), indicator("产出指标", "质量指标", "完整率"),
        indicator("效益指标", "质量指标", "满意度")}},
      {"scorecard",
       {score_row("预算编制", "预算编制合理性", 5, 5), score_row("目标设置", "绩效目标完整性", 3, 2)}}};
  d["evaluation"] = {
      {"indicators",
       {{{"weight", 5}, {"score", 5}, {"computed", nullptr}, {"rule", "declared"}},
        {{"weight", 3}, {"score", 2.5}, {"computed", 2.5}, {"rule", "formula"}}}},
      {"categories", {{"部门决策", {{"points", 20}, {"score", 7.5}}}}},
      {"values", json::object()},
      {"total", 92.0},
      {"max", 100},
      {"grade", "优"}};
  return {{"form", "shenzhen-department-selfeval-2020"},
          {"title", "2020 年度部门整体绩效自评报告"},
          {"departments", {d}}};
}

std::vector<int> spans(const doc::Row& r, bool rows) {
  std::vector<int> out;
  for (const auto& c : r.cells) out.push_back(rows ? c.rowspan : c.colspan);
  return out;
}

}  // namespace

TEST_CASE("the department template loads without errors") {
  auto t = load_template();
  CHECK(t->form_id() == "shenzhen-department-selfeval-2020");
  CHECK(t->rule_set() == "shenzhen-department-2020");
  CHECK(t->schema() == "shenzhen-department-selfeval");
}

TEST_CASE("the department template: page, footer, report text") {
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(small_view(), sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE(sink.all().empty());

  CHECK(d.title == "2020 年度部门整体绩效自评报告");
  check_a4(d, 25, 20);
  CHECK(d.page.headers.empty());
  REQUIRE(d.page.footers.size() == 1);
  CHECK(d.page.footers[0].text == "- {page} -");
  CHECK(d.page.footers[0].align == doc::Align::Center);
  CHECK(d.page.footers[0].first_page == 1);
  CHECK(d.page.footers[0].style.size == 10.5);
  CHECK(d.page.footer_offset == Approx(15 * kMm));

  // title, 3 meta lines, 一、 （一） ¶, 二、 ¶, 四、, caption, table, caption, table
  REQUIRE(d.blocks.size() == 14);
  const auto& title = paragraph(d, 0);
  CHECK(title.text == "2020 年度部门整体绩效自评报告");
  CHECK(title.align == doc::Align::Center);
  CHECK(title.style.size == 16);
  CHECK(title.keep_with_next);
  CHECK(paragraph(d, 1).text == "部门名称（公章）：深圳市住房建设信息中心");
  CHECK(paragraph(d, 2).text == "填报人：许妙晴");
  CHECK(paragraph(d, 3).text == "联系电话：18718670786");
  CHECK(paragraph(d, 3).first_line_indent == 0);
  // Literal text around one binding shows that one value.
  CHECK(paragraph(d, 1).origin.data == "/departments/0/name");
  CHECK(paragraph(d, 1).origin.place == "47:5");

  const auto& h1 = paragraph(d, 4);
  CHECK(h1.text == "一、部门（单位）基本情况");
  CHECK(h1.heading_level == 1);
  CHECK(h1.keep_with_next);
  CHECK(h1.style.family == "hei");  // 公文: 一、 in 黑体, （一） in 楷体, the body in 宋体
  CHECK(h1.style.size == 12);
  CHECK(h1.origin.data == "/departments/0/report/0/heading");
  const auto& h2 = paragraph(d, 5);
  CHECK(h2.text == "（一）部门主要职能");
  CHECK(h2.heading_level == 2);
  CHECK(h2.style.family == "kai");
  CHECK(paragraph(d, 0).style.family == "hei");  // the title
  CHECK(paragraph(d, 1).style.family == "song");
  CHECK(h2.style.size == 10.5);
  CHECK(h2.first_line_indent == 21);
  const auto& body = paragraph(d, 6);
  CHECK(body.text == "我中心的主要职能是……");
  CHECK(body.heading_level == 0);
  CHECK(body.align == doc::Align::Justify);
  CHECK(body.first_line_indent == 21);
  CHECK(body.line_height == 1.5);
  CHECK(body.origin.data == "/departments/0/report/0/sections/0/paragraphs/0");
  CHECK(paragraph(d, 7).text == "二、总体评价");
  CHECK(paragraph(d, 8).text == "总体良好。");  // paragraphs directly under a level-1 heading
  CHECK(paragraph(d, 9).text == "四、部门整体支出绩效评价指标评分情况");
  CHECK(paragraph(d, 10).text == "部门（单位）整体支出绩效目标完成情况自评表");
  CHECK(paragraph(d, 10).keep_with_next);
  CHECK(paragraph(d, 12).text == "部门整体支出绩效评分表");
}

TEST_CASE("the department template: 自评表") {
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(small_view(), sink);
  REQUIRE(sink.all().empty());
  const auto& t1 = table(d, 11);
  CHECK(table_width(t1) == Approx(170 * kMm));
  CHECK(t1.column_widths.size() == 7);
  CHECK(t1.padding_y == 3);
  CHECK(t1.padding_x == 4);
  CHECK(t1.line_height == 1.3);
  CHECK(row_texts(t1) == std::vector<std::string>{
                             "部门（单位）名称|深圳市住房建设信息中心|预算年度|2020",
                             "年度主要任务完成情况|任务名称|完成情况|预算数（万元）|执行数（万元）",
                             "全额|其中：财政拨款|全额|其中：财政拨款",
                             "基本支出|已完成。|757.06|757.06|740.17|740.17",
                             "信息化系统维护|已完成。|649.52|649.52|646.30|646.30",
                             "金额合计|1406.58|1406.58|1386.47|1386.47",
                             "年度总体目标完成情况|预期目标|目标实际完成情况",
                             "深化信息化建设。|已完成。",
                             "年度绩效指标完成情况|一级指标|二级指标|三级指标|预期指标值|实际完成指标值",
                             "产出指标|数量指标|测评数量|100%|100%",
                             "质量指标|完整率|100%|100%",
                             "效益指标|质量指标|满意度|100%|100%"});
  CHECK(spans(t1.rows[0], false) == std::vector<int>{2, 2, 1, 2});
  CHECK(spans(t1.rows[1], true) == std::vector<int>{5, 2, 2, 1, 1});  // 2 heading rows, 2 tasks, 合计
  CHECK(spans(t1.rows[1], false) == std::vector<int>{1, 1, 1, 2, 2});
  CHECK(t1.rows[1].cells[0].stacked);
  CHECK_FALSE(t1.rows[1].cells[1].stacked);
  CHECK(spans(t1.rows[5], false) == std::vector<int>{2, 1, 1, 1, 1});
  CHECK(t1.rows[6].cells[0].stacked);
  CHECK(t1.rows[6].cells[0].rowspan == 2);
  CHECK(spans(t1.rows[7], false) == std::vector<int>{3, 3});
  CHECK(t1.rows[7].cells[0].align == doc::Align::Left);
  CHECK(t1.rows[8].cells[0].stacked);
  CHECK(t1.rows[8].cells[0].rowspan == 4);
  // 产出指标 spans two rows; 质量指标 under 效益指标 does not join the one under 产出指标.
  CHECK(spans(t1.rows[9], true) == std::vector<int>{2, 1, 1, 1, 1});
  CHECK(spans(t1.rows[10], true) == std::vector<int>{1, 1, 1, 1});
  CHECK(spans(t1.rows[11], true) == std::vector<int>{1, 1, 1, 1, 1});
  CHECK(t1.rows[3].cells[2].origin.data == "/departments/0/tasks/0/budget");
}

TEST_CASE("the department template: 评分表") {
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(small_view(), sink);
  REQUIRE(sink.all().empty());
  const auto& t2 = table(d, 13);
  CHECK(table_width(t2) == Approx(170 * kMm));
  CHECK(row_texts(t2) == std::vector<std::string>{
                             "评价指标|指标说明|评分标准|分数",
                             "一级指标|二级指标|三级指标|分值",
                             "部门决策\n(20分)|预算编制|预算编制合理性|5|说明|1.标准(1分);\n2.标准(1分)。|5",
                             "目标设置|绩效目标完整性|3|说明|1.标准(1分);\n2.标准(1分)。|2.5",
                             "综合评分|92.00",
                             "评分等级|优",
                             "填表人|许妙晴"});
  CHECK(t2.rows[0].header);
  CHECK(t2.rows[1].header);
  CHECK_FALSE(t2.rows[2].header);
  CHECK(spans(t2.rows[0], false) == std::vector<int>{4, 1, 1, 1});
  CHECK(spans(t2.rows[0], true) == std::vector<int>{1, 2, 2, 2});
  CHECK(spans(t2.rows[2], true) == std::vector<int>{2, 1, 1, 1, 1, 1, 1});  // 部门决策 merged
  CHECK(t2.rows[2].cells[4].align == doc::Align::Left);
  CHECK(t2.rows[2].cells[5].align == doc::Align::Left);
  CHECK(t2.rows[2].cells[6].align == doc::Align::Center);
  for (std::size_t r = 4; r < 7; ++r) CHECK(spans(t2.rows[r], false) == std::vector<int>{4, 3});
  // Two bindings reading different parts of the data: the row's element.
  CHECK(t2.rows[2].cells[0].origin.data == "/departments/0/scorecard/0");
  CHECK(t2.rows[2].cells[2].origin.data == "/departments/0/scorecard/0/name");
  CHECK(t2.rows[3].cells[5].origin.data == "/departments/0/evaluation/indicators/1/score");
  CHECK(t2.rows[4].cells[1].origin.data == "/departments/0/evaluation/total");
}

TEST_CASE("the department template without a title: the year makes one") {
  auto t = load_template();
  json v = small_view();
  v["title"] = nullptr;
  DiagnosticSink sink;
  auto d = t->instantiate(v, sink);
  REQUIRE(sink.all().empty());
  CHECK(paragraph(d, 0).text == "2020 年度部门整体绩效自评报告");
}

TEST_CASE("the department template with the seed 003 example") {
  std::string path = source_path("examples/shenzhen-2020-department-selfeval.json");
  if (!std::filesystem::exists(path)) return;  // written by another part of the project
  std::ifstream in(path);
  json view = json::parse(in);
  view.erase("$schema");
  for (auto& dep : view["departments"]) {
    // The evaluation as scoring would give it for declared scores (written by hand here).
    json inds = json::array();
    std::map<std::string, double> points;
    double total = 0;
    for (const auto& row : dep["scorecard"]) {
      inds.push_back({{"weight", row["weight"]}, {"score", row["score"]}, {"computed", nullptr},
                      {"rule", "declared"}});
      points[row["level1"].get<std::string>()] += row["weight"].get<double>();
      total += row["score"].get<double>();
    }
    json cats = json::object();
    for (const auto& [name, p] : points) cats[name] = {{"points", p}, {"score", 0}};
    dep["evaluation"] = {{"indicators", inds}, {"categories", cats}, {"values", json::object()},
                         {"total", total}, {"max", 100}, {"grade", "优"}};
  }
  auto t = load_template();
  DiagnosticSink sink;
  auto d = t->instantiate(view, sink);
  std::string all;
  for (const auto& e : sink.all()) all += format(e) + "\n";
  INFO(all);
  REQUIRE(sink.all().empty());

  // The last two blocks are the tables; check them against the seed's structure.
  REQUIRE(d.blocks.size() > 4);
  const auto& t1 = table(d, d.blocks.size() - 3);
  REQUIRE(t1.rows.size() == 21);  // name, 2 heading rows, 4 tasks, 合计, 2 goals, heading, 10 indicators
  CHECK(t1.rows[1].cells[0].rowspan == 7);
  CHECK(t1.rows[8].cells[0].rowspan == 2);
  CHECK(t1.rows[10].cells[0].rowspan == 11);
  CHECK(t1.rows[11].cells[0].rowspan == 5);  // 产出指标
  CHECK(t1.rows[12].cells[0].rowspan == 2);  // 质量指标
  CHECK(t1.rows[16].cells[0].rowspan == 5);  // 效益指标
  const auto& t2 = table(d, d.blocks.size() - 1);
  REQUIRE(t2.rows.size() == 2 + 21 + 3);
  std::vector<int> level1, level2;
  for (std::size_t r = 2; r < 23; ++r) {
    const auto& cells = t2.rows[r].cells;
    if (cells.size() == 7) level1.push_back(cells[0].rowspan);
    if (cells.size() >= 6) level2.push_back(cells[cells.size() - 6].rowspan);
  }
  CHECK(level1 == std::vector<int>{4, 10, 7});  // the seed's 部门决策, 部门管理, 部门绩效
  CHECK(level2 == std::vector<int>{2, 2, 3, 2, 2, 2, 1, 1, 3, 1, 2});
  CHECK(t2.rows[2].cells[0].text == "部门决策\n(20分)");
  CHECK(t2.rows[23].cells[1].text == "92.00");
}
