// Hostile documents (issue 9): layout is linear in the text, always ends, and refuses what
// cannot be placed with an error naming the template place and the data pointer.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>

#include "diag/limits.h"
#include "layout_fixture.h"

using namespace jixiao;

namespace {

doc::Origin origin(const std::string& data = "/projects/0/goals/actual") {
  return {"form.xml", "12:7", data};
}

// A one-cell table on an A4-ish page holding text.
doc::Document table_of(const std::string& text, double width = 100) {
  doc::Document d;
  d.page = test::page_with_body(700, 500);
  doc::Table t;
  t.column_widths = {width};
  t.origin = origin("");
  doc::Row row;
  row.cells.push_back(test::cell(text));
  row.cells.back().origin = origin();
  t.rows.push_back(row);
  d.blocks.push_back(t);
  return d;
}

struct Timed {
  layout::LayoutResult result;
  double seconds = 0;
};

Timed lay_out(const doc::Document& d, DiagnosticSink& sink) {
  auto start = std::chrono::steady_clock::now();
  Timed t{layout::lay_out(d, test::layout_fonts(), sink), 0};
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

const Diagnostic* first_error(const DiagnosticSink& sink) {
  for (const auto& d : sink.all())
    if (d.severity == Severity::Error) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("hostile: an unbreakable ASCII run in a narrow cell is laid out in linear time", "[layout][hostile]") {
  // Every line is an emergency cut; the old filler rescanned the rest of the run per line.
  DiagnosticSink sink;
  auto t = lay_out(table_of(std::string(limits::kTextChars, 'a'), 60), sink);
  INFO(t.seconds << " s");
  CHECK_FALSE(sink.has_errors());
  CHECK(t.result.pages.size() > 10);
  CHECK(t.seconds < 1.0);
  std::size_t glyphs = 0;
  for (const auto& page : t.result.pages)
    for (const auto& run : page.runs) glyphs += run.glyphs.size();
  CHECK(glyphs == limits::kTextChars);  // nothing lost, nothing repeated
}

TEST_CASE("hostile: text over the limit of one cell is an error naming its place and data", "[layout][hostile]") {
  DiagnosticSink sink;
  auto t = lay_out(table_of(std::string(640000, 'a')), sink);
  CHECK(t.seconds < 1.0);
  CHECK(t.result.pages.empty());
  const Diagnostic* e = first_error(sink);
  REQUIRE(e);
  CHECK(e->file == "form.xml");
  CHECK(e->place == "12:7");
  CHECK(e->message.find("/projects/0/goals/actual") != std::string::npos);
  CHECK(e->got == "640000 characters");
}

TEST_CASE("hostile: padding, margins, sizes, widths out of range are errors, never an endless page loop", "[layout][hostile]") {
  const double huge = 2147483647, inf = std::numeric_limits<double>::infinity(),
               nan = std::numeric_limits<double>::quiet_NaN();
  for (double v : {huge, 1e20, inf, nan, -5.0}) {
    INFO("value " << v);
    for (int what = 0; what < 9; ++what) {
      INFO("case " << what);
      doc::Document d = table_of("项目名称");
      auto& t = std::get<doc::Table>(d.blocks[0]);
      if (what >= 6) t.auto_widths = {doc::AutoWidth{0, 100}};  // an automatic column
      switch (what) {
        case 0: t.padding_y = v; break;
        case 1: t.padding_x = v; break;
        case 2: d.page.margin_top = v; break;
        case 3: t.rows[0].cells[0].style.size = v; break;
        case 4: t.column_widths[0] = v; break;
        case 5: t.rows[0].min_height = v; break;
        case 6: t.auto_widths[0]->min = v; break;
        case 7: t.auto_widths[0]->max = v; break;
        case 8: t.width = v; break;
      }
      DiagnosticSink sink;
      auto r = lay_out(d, sink);
      CHECK(r.seconds < 1.0);
      CHECK(r.result.pages.empty());
      const Diagnostic* e = first_error(sink);
      REQUIRE(e);
      CHECK(e->code == "layout.out-of-range");
      CHECK(e->file == "form.xml");
    }
  }
}

TEST_CASE("hostile: padding within range but taller than the page is named, not looped on", "[layout][hostile]") {
  doc::Document d = table_of("项目名称");
  std::get<doc::Table>(d.blocks[0]).padding_y = 400;  // the body is 700 pt
  DiagnosticSink sink;
  auto r = lay_out(d, sink);
  CHECK(r.result.pages.empty());
  const Diagnostic* e = first_error(sink);
  REQUIRE(e);
  CHECK(e->place == "12:7");
  CHECK(e->message.find("not one line of this cell fits on an empty page") != std::string::npos);
}

TEST_CASE("hostile: a header leaving no room for a body line is an error naming the cell", "[layout][hostile]") {
  doc::Document d = table_of("正文");
  auto& t = std::get<doc::Table>(d.blocks[0]);
  doc::Row header;
  header.header = true;
  header.min_height = 695;  // a body line needs 10 × 1.25 + 2 × 2 pt more than is left
  header.cells.push_back(test::cell("表头"));
  t.rows.insert(t.rows.begin(), header);
  DiagnosticSink sink;
  auto r = lay_out(d, sink);
  CHECK(r.result.pages.empty());
  const Diagnostic* e = first_error(sink);
  REQUIRE(e);
  CHECK(e->code == "layout.no-room");
  CHECK(e->place == "12:7");
}

TEST_CASE("hostile: more pages than the limit is an error naming the block", "[layout][hostile]") {
  doc::Document d;
  d.page = test::page_with_body(15);  // one line a page
  std::string text;
  for (std::size_t i = 0; i < limits::kPages + 5; ++i) text += "行\n";
  doc::Paragraph p = test::para(text);
  p.origin = origin("/title");
  d.blocks.push_back(p);
  DiagnosticSink sink;
  auto r = lay_out(d, sink);
  CHECK(r.seconds < 2.0);
  CHECK(r.result.pages.empty());
  const Diagnostic* e = first_error(sink);
  REQUIRE(e);
  CHECK(e->code == "layout.too-many-pages");
  CHECK(e->place == "12:7");
  CHECK(e->message.find("/title") != std::string::npos);
}

TEST_CASE("hostile: 100,000 different characters no font has: linear, and a bounded number of warnings", "[layout][hostile]") {
  std::u32string text;
  for (char32_t c = 0xF0000; text.size() < limits::kTextChars; ++c) text += c;  // plane 15 private use
  DiagnosticSink sink;
  auto t = lay_out(table_of(test::utf8(text), 400), sink);
  INFO(t.seconds << " s");
  CHECK(t.seconds < 1.5);
  CHECK_FALSE(sink.has_errors());
  CHECK(sink.all().size() <= 20);
  CHECK(sink.all().front().message.find("more than 16 characters no font has in /projects/0/goals/actual") !=
        std::string::npos);
}

TEST_CASE("hostile: a long chain of keep-with-next headings is looked ahead over once, not per heading", "[layout][hostile]") {
  doc::Document d;
  d.page = test::page_with_body(700);
  for (int i = 0; i < 20000; ++i) {
    doc::Paragraph p = test::para("标题");
    p.heading_level = 1;
    d.blocks.push_back(p);
  }
  DiagnosticSink sink;
  auto t = lay_out(d, sink);
  INFO(t.seconds << " s");
  CHECK_FALSE(sink.has_errors());
  CHECK(t.result.pages.size() == 20000 / 46 + 1);  // 46 lines of 15 pt in 700 pt
  CHECK(t.seconds < 1.0);
}

TEST_CASE("hostile: 20,000 automatic columns with bounds are sized in linear time", "[layout][hostile]") {
  // MAXes 0.01, 0.02 … pt around the share of each (0.015 pt): some are held, the rest share again.
  doc::Document d = table_of("甲");
  auto& t = std::get<doc::Table>(d.blocks[0]);
  const int n = 20000;
  t.column_widths.assign(n, 0);
  t.auto_widths.clear();
  for (int i = 0; i < n; ++i) t.auto_widths.push_back(doc::AutoWidth{0, 0.01 * (i + 1)});
  t.rows[0].cells.assign(n, test::cell("甲"));
  DiagnosticSink sink;
  auto r = lay_out(d, sink);
  CHECK(r.seconds < 1.0);
  CHECK_FALSE(sink.has_errors());
  REQUIRE(r.result.pages.size() == 1);
}
