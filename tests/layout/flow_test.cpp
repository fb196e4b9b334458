// The flow on pages with round numbers: a body 300 pt tall holds exactly 20 lines of 10 pt
// text at a pitch of 15 pt (page_with_body). Widows and orphans, keep-with-next, headings.
#include <catch2/catch.hpp>

#include "layout_fixture.h"

using namespace jixiao;
using jixiao::test::numbered_lines;
using jixiao::test::page_texts;
using jixiao::test::para;

namespace {

layout::LayoutResult lay(const doc::Document& d) {
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  CHECK(sink.all().empty());
  return res;
}

doc::Document on_20_line_pages() {
  doc::Document d;
  d.page = test::page_with_body(300);
  return d;
}

// Lines "行1" … "行<to>" of a paragraph with stem.
std::vector<std::string> expect_lines(const std::string& stem, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(stem + std::to_string(i));
  return out;
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

doc::Paragraph heading(const std::string& text, int level) {
  doc::Paragraph h = para(text);
  h.heading_level = level;
  return h;
}

}  // namespace

TEST_CASE("flow: 20 lines of pitch 15 fill a 300 pt body, the 21st starts page 2", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(22, "甲")));
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 20));
  CHECK(page_texts(res.pages[1]) == expect_lines("甲", 21, 22));
  // Baselines: line box top + (15 - 10) / 2 + 0.88 em.
  auto lines = test::page_lines(res.pages[0]);
  CHECK(lines[0].y == Approx(50 + 2.5 + 8.8));
  CHECK(lines[19].y == Approx(50 + 19 * 15 + 11.3));
}

TEST_CASE("flow: a split paragraph carries at least `widows` lines over", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(11, "甲")));
  d.blocks.push_back(para(numbered_lines(10, "乙")));  // 9 would fit: 8 stay, 2 go
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == concat(expect_lines("甲", 1, 11), expect_lines("乙", 1, 8)));
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 9, 10));

  // widows = 3: 7 stay, 3 go.
  d.blocks[1] = para(numbered_lines(10, "乙"));
  std::get<doc::Paragraph>(d.blocks[1]).widows = 3;
  res = lay(d);
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 8, 10));
}

TEST_CASE("flow: a paragraph leaving fewer than `orphans` lines at the foot moves", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(19, "甲")));
  d.blocks.push_back(para(numbered_lines(5, "乙")));  // one line would fit
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 19));
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 1, 5));

  // With orphans = widows = 1 the page fills to the last line.
  auto& p = std::get<doc::Paragraph>(d.blocks[1]);
  p.orphans = p.widows = 1;
  res = lay(d);
  CHECK(page_texts(res.pages[0]).size() == 20);
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 2, 5));

  // Three lines cannot split under both rules (2 + 2 > 3): all three move.
  d.blocks[0] = para(numbered_lines(18, "甲"));
  d.blocks[1] = para(numbered_lines(3, "乙"));
  res = lay(d);
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 18));
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 1, 3));
}

TEST_CASE("flow: a heading never ends a page, it moves with its text", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(18, "甲")));
  d.blocks.push_back(heading("一、部门基本情况", 1));
  d.blocks.push_back(para(numbered_lines(5, "乙")));
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  // Two lines left: the heading and one line would fit, but orphans asks for two.
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 18));
  CHECK(page_texts(res.pages[1]) == concat({"一、部门基本情况"}, expect_lines("乙", 1, 5)));
  CHECK(test::page_lines(res.pages[1])[0].y == Approx(50 + 11.3));  // at the top, no gap

  // Three lines left: the heading stays with the first two lines of its text.
  d.blocks[0] = para(numbered_lines(17, "甲"));
  res = lay(d);
  CHECK(page_texts(res.pages[0]) ==
        concat(concat(expect_lines("甲", 1, 17), {"一、部门基本情况"}), expect_lines("乙", 1, 2)));
  CHECK(page_texts(res.pages[1]) == expect_lines("乙", 3, 5));
}

TEST_CASE("flow: a chain of headings moves together", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(17, "甲")));
  d.blocks.push_back(heading("二、主要履职绩效分析", 1));
  d.blocks.push_back(heading("（一）主要履职目标", 2));
  d.blocks.push_back(para(numbered_lines(4, "乙")));
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 17));
  CHECK(page_texts(res.pages[1]) ==
        concat({"二、主要履职绩效分析", "（一）主要履职目标"}, expect_lines("乙", 1, 4)));
}

TEST_CASE("flow: keep_with_next holds a table title to its table", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(17, "甲")));
  doc::Paragraph title = para("部门整体支出绩效评分表");
  d.blocks.push_back(title);
  doc::Table t;
  t.column_widths = {200};
  t.rows.push_back({{test::cell("一\n二\n三")}});  // 3 × 12.5 + 4: too short to split
  d.blocks.push_back(t);

  // Without keep_with_next the title stays and the table goes alone.
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]).back() == "部门整体支出绩效评分表");
  CHECK(page_texts(res.pages[1]) == std::vector<std::string>{"一", "二", "三"});

  std::get<doc::Paragraph>(d.blocks[1]).keep_with_next = true;
  res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == expect_lines("甲", 1, 17));
  CHECK(page_texts(res.pages[1]) == std::vector<std::string>{"部门整体支出绩效评分表", "一", "二", "三"});
}

TEST_CASE("flow: a keep chain taller than a page flows on", "[layout][flow]") {
  auto d = on_20_line_pages();
  d.blocks.push_back(para(numbered_lines(5, "甲")));
  doc::Paragraph long_kept = para(numbered_lines(30, "乙"));
  long_kept.keep_with_next = true;
  d.blocks.push_back(long_kept);
  d.blocks.push_back(para("丙"));
  auto res = lay(d);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]) == concat(expect_lines("甲", 1, 5), expect_lines("乙", 1, 15)));
  CHECK(page_texts(res.pages[1]) == concat(expect_lines("乙", 16, 30), {"丙"}));
}
