// TableLayout: grid, row heights, borders, pagination with repeated header rows.
#include <catch2/catch.hpp>

#include <map>

#include "layout/layout.h"
#include "support/support.h"

using namespace jixiao;
using namespace jixiao::layout;

namespace {

const FontLibrary& fonts() {
  static std::unique_ptr<FontLibrary> lib = [] {
    DiagnosticSink sink;
    auto l = FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
    REQUIRE_FALSE(sink.has_errors());
    return l;
  }();
  return *lib;
}

doc::Cell cell(const std::string& text, int colspan = 1, int rowspan = 1) {
  doc::Cell c;
  c.text = text;
  c.colspan = colspan;
  c.rowspan = rowspan;
  c.style.size = 10;
  return c;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    else { out += static_cast<char>(0xE0 | (c >> 12)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
  }
  return out;
}

// Text of a page, runs joined in drawing order.
std::vector<std::string> texts(const Page& p) {
  std::vector<std::string> out;
  for (auto& r : p.runs) out.push_back(utf8(r.text));
  return out;
}

doc::Document one_table(doc::Table t) {
  doc::Document d;
  d.blocks.push_back(std::move(t));
  return d;
}

}  // namespace

TEST_CASE("table: a 3×2 grid draws each border segment once", "[layout][table]") {
  doc::Table t;
  t.column_widths = {100, 200};
  for (int r = 0; r < 3; ++r) t.rows.push_back({{cell("甲"), cell("乙")}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  REQUIRE(res.pages.size() == 1);
  // Collinear edges are merged: 4 horizontal rules across the table, 3 vertical down it.
  CHECK(res.pages[0].rules.size() == 4 + 3);
  CHECK(res.pages[0].runs.size() == 6);
  CHECK_FALSE(sink.has_errors());
}

TEST_CASE("table: centred between the margins, rows as tall as their text", "[layout][table]") {
  doc::Table t;
  t.column_widths = {100, 200};
  t.padding_y = 2;
  t.line_height = 1.5;
  t.rows.push_back({{cell("甲"), cell("乙")}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  auto& rules = res.pages[0].rules;
  doc::PageSetup ps;
  float left = static_cast<float>(ps.margin_left + (ps.width - ps.margin_left - ps.margin_right - 300) / 2);
  float top = static_cast<float>(ps.margin_top);
  // first rule: top edge of the first cell
  CHECK(rules[0].x1 == Approx(left));
  CHECK(rules[0].y1 == Approx(top));
  CHECK(rules[1].y1 == Approx(top + 10 * 1.5 + 4));  // bottom edge: one line + padding
}

TEST_CASE("table: colspan and rowspan place cells like HTML", "[layout][table]") {
  doc::Table t;
  t.column_widths = {50, 60, 70};
  t.rows.push_back({{cell("类", 1, 2), cell("宽", 2)}});
  t.rows.push_back({{cell("左"), cell("右")}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  auto& runs = res.pages[0].runs;
  REQUIRE(runs.size() == 4);
  std::map<std::string, const GlyphRun*> by;
  for (auto& r : runs) by[utf8(r.text)] = &r;
  doc::PageSetup ps;
  float left = static_cast<float>(ps.margin_left + (ps.width - ps.margin_left - ps.margin_right - 180) / 2);
  // centred text: 宽 in the middle of columns 2–3, 左 in column 2, 右 in column 3
  CHECK(by["宽"]->x == Approx(left + 50 + 65 - 5).margin(0.01));
  CHECK(by["左"]->x == Approx(left + 50 + 30 - 5).margin(0.01));
  CHECK(by["右"]->x == Approx(left + 110 + 35 - 5).margin(0.01));
  // 类 spans both rows: its baseline lies between the two rows' baselines
  CHECK(by["类"]->y == Approx((by["宽"]->y + by["左"]->y) / 2).margin(0.01));
}

TEST_CASE("table: long text wraps inside its cell and grows the row", "[layout][table]") {
  doc::Table t;
  t.column_widths = {50, 100};
  auto long_cell = cell("因招投标需求反复变更，以及疫情导致项目进展较慢，导致项目验收较晚。");
  long_cell.align = doc::Align::Left;
  t.rows.push_back({{cell("原因"), long_cell}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  auto& page = res.pages[0];
  float right_edge = 0;
  for (auto& rule : page.rules) right_edge = std::max(right_edge, rule.x2);
  int lines = 0;
  for (auto& r : page.runs) {
    if (utf8(r.text) == "原因") continue;
    ++lines;
    float end = r.x + r.glyphs.back().x + r.glyphs.back().advance;
    CHECK(end <= right_edge - 2.5f + 0.01f);  // nothing overflows the cell's padding
  }
  CHECK(lines >= 4);  // 32 characters at 10pt in 95pt: at most 9 a line
}

TEST_CASE("table: rows continue on a new page under the repeated header", "[layout][table]") {
  doc::Table t;
  t.column_widths = {100, 100};
  doc::Row header{{cell("序号"), cell("名称")}, true};
  t.rows.push_back(header);
  for (int i = 1; i <= 80; ++i) t.rows.push_back({{cell(std::to_string(i)), cell("项目")}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  REQUIRE(res.pages.size() >= 2);
  int numbered = 0;
  for (auto& page : res.pages) {
    auto tx = texts(page);
    REQUIRE(tx.size() >= 2);
    CHECK(tx[0] == "序号");  // header first on every page
    CHECK(tx[1] == "名称");
    for (auto& s : tx)
      if (!s.empty() && s[0] >= '0' && s[0] <= '9') ++numbered;
    for (auto& r : page.runs) CHECK(r.y <= page.height - 56.69f);  // above the bottom margin
  }
  CHECK(numbered == 80);  // every row once, none lost or repeated
}

TEST_CASE("table: a page break before the table when its header and first row do not fit", "[layout][table]") {
  doc::Document d;
  doc::Paragraph p;
  for (int i = 0; i < 52; ++i) p.text += "段落\n";
  d.blocks.push_back(p);
  doc::Table t;
  t.column_widths = {100};
  t.rows.push_back({{cell("表头")}, true});
  t.rows.push_back({{cell("第一行")}});
  d.blocks.push_back(t);
  DiagnosticSink sink;
  auto res = lay_out(d, fonts(), sink);
  REQUIRE(res.pages.size() == 2);
  CHECK(texts(res.pages[1]) == std::vector<std::string>{"表头", "第一行"});
}

TEST_CASE("table: a cell's paragraphs take its first-line indent", "[layout][table]") {
  doc::Table t;
  t.column_widths = {300};
  auto c = cell("第一段文字\n第二段");
  c.align = doc::Align::Left;
  c.first_line_indent = 20;  // 2em at 10pt
  t.rows.push_back({{c}});
  DiagnosticSink sink;
  auto res = lay_out(one_table(t), fonts(), sink);
  auto& runs = res.pages[0].runs;
  REQUIRE(runs.size() == 2);
  doc::PageSetup ps;
  float left = static_cast<float>(ps.margin_left + (ps.width - ps.margin_left - ps.margin_right - 300) / 2);
  CHECK(runs[0].x == Approx(left + t.padding_x + 20).margin(0.01));  // each paragraph indented
  CHECK(runs[1].x == Approx(left + t.padding_x + 20).margin(0.01));
  CHECK(runs[1].y > runs[0].y);
}

TEST_CASE("table: a row kept with the next never ends a page", "[layout][table]") {
  auto make = [](bool keep) {
    doc::Document d;
    doc::Paragraph p;
    for (int i = 0; i < 51; ++i) p.text += "段落\n";  // leaves room for one short row only
    d.blocks.push_back(p);
    doc::Table t;
    t.closing_rows = 0;  // only the row's own keep: the table's last rows are not kept
    t.padding_x = 2.5;
    t.padding_y = 2;
    t.column_widths = {100};
    doc::Row title{{cell("项目基本情况")}};
    title.keep_with_next = keep;
    t.rows.push_back(title);
    t.rows.push_back({{cell("第一行\n第二行\n第三行\n第四行")}});
    d.blocks.push_back(t);
    return d;
  };
  DiagnosticSink sink;
  auto loose = lay_out(make(false), fonts(), sink);
  auto kept = lay_out(make(true), fonts(), sink);
  REQUIRE(loose.pages.size() == 2);
  REQUIRE(kept.pages.size() == 2);
  CHECK(texts(loose.pages[0]).back() == "项目基本情况");      // stranded at the page foot
  CHECK(texts(kept.pages[0]).back() == "段落");              // moved on with its row
  CHECK(texts(kept.pages[1]).front() == "项目基本情况");
}
