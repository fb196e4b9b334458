// Spacing per W3C clreq: 标点挤压 of two full-width marks in a row, full-width curly quotes
// in Chinese text, justification that widens the gaps between characters evenly, a space
// by at most a quarter em, and never letter-spaces a line by more than half an em.
// Widths are compared with the face's own advances, so they hold for any 宋 face.
#include <catch2/catch.hpp>

#include "typeset_fixture.h"

using namespace jixiao::layout::typeset;
using jixiao::doc::Align;

namespace {

// The glyphs of a line with their x from the line's start, in text order.
struct Placed {
  char32_t c;
  float x, advance;
};
std::vector<Placed> placed(const jixiao::layout::TextLine& line) {
  std::vector<Placed> out;
  for (const auto& run : line.runs)
    for (const auto& g : run.glyphs) out.push_back({run.text[g.text_begin], run.x + g.x, g.advance});
  return out;
}

}  // namespace

TEST_CASE("typeset: two full-width marks in a row lose half an em between them", "[typeset]") {
  Setter s(10.5);
  const float half = s.em() / 2;
  // Closing before closing: （1分）；  。”  ），
  CHECK(near(s.width_of("（1分）；"), s.width_of("（1分）") + s.width_of("；") - half));
  CHECK(near(s.width_of("完成。”"), s.width_of("完成。") + s.width_of("”") - half));
  CHECK(near(s.width_of("（一），"), s.width_of("（一）") + s.width_of("，") - half));
  // Closing before opening: 。“ and ）（.
  CHECK(near(s.width_of("完成。“好"), s.width_of("完成。") + s.width_of("“好") - half));
  // Opening after opening: （“.
  CHECK(near(s.width_of("（“好"), s.width_of("（") + s.width_of("“好") - half));
  // One mark alone keeps its em; so do a mark and an ideograph.
  CHECK(near(s.width_of("完成。"), 3 * s.em()));
  CHECK(near(s.width_of("（一）"), 3 * s.em()));
  // The squeezed blank comes back at a line end: the glyph's em box stays inside the line.
  auto b = s.set("项目（一）（二）", s.width_of("项目（一）"));
  REQUIRE(b.lines.size() == 2);
  CHECK(near(b.lines[0].width, s.width_of("项目（一）")));
}

TEST_CASE("typeset: a bracketed group too wide for its column sets its edge brackets half-width",
          "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  // （续） in a two-character label column: neither （续 | ） nor （ | 续） keeps the 禁则.
  auto b = s.set("情况（续）", 2 * em, Align::Center);
  REQUIRE(texts(b) == std::vector<std::string>{"情况", "（续）"});
  CHECK(near(b.lines[1].width, 2 * em));
  auto g = placed(b.lines[1]);
  REQUIRE(g.size() == 3);
  CHECK(near(g[0].x, -em / 2));  // （'s blank left of the line, its ink inside
  CHECK(near(g[1].x, em / 2));
}

TEST_CASE("typeset: curly quotes in Chinese text are one em wide", "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  auto b = s.set("开展“智慧住建”项目", 1000);
  auto g = placed(b.lines.at(0));
  REQUIRE(g.size() == 10);
  CHECK(g[2].c == U'\u201C');
  CHECK(near(g[2].advance, em));
  CHECK(near(g[3].x - g[1].x, 2 * em));  // 展 “ 智: two ems apart
  CHECK(near(g[7].x - g[5].x, 2 * em));  // 住 建 ”: ” one em
  CHECK(near(g[7].advance, em));
}

TEST_CASE("typeset: justification widens the gaps evenly, a space by a quarter em at most",
          "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  // The date after 数据 is 4 ems and unbreakable: 3 ems are left for 10 gaps, 8 between
  // characters and 2 before the spaces.
  const std::string text = "累计接入 78 家单位的数据2021年11月前";
  const float natural = s.width_of("累计接入 78 家单位的数据");
  const float width = natural + 3 * em;
  auto b = s.set(text, width, Align::Justify);
  REQUIRE(b.lines.size() == 2);
  auto g = placed(b.lines[0]);
  REQUIRE(g.size() == 14);  // 累计接入 ␠ 78 ␠ 家单位的数据
  CHECK(near(b.lines[0].width, width));
  const float letter = (g[1].x - g[0].x) - g[0].advance;  // the gap 累|计
  CHECK(letter > 0);
  for (std::size_t i : {2u, 3u, 10u, 11u, 12u, 13u}) CHECK(near(g[i].x - g[i - 1].x - g[i - 1].advance, letter));
  // The spaces widen by a quarter em at most; the gaps after them not at all.
  const float space_gap = g[4].x - g[3].x - g[3].advance;
  CHECK(near(space_gap, 0.25f * em));
  CHECK(near(letter, (3 * em - 2 * 0.25f * em) / 8));
  CHECK(near(g[5].x, g[4].x + g[4].advance));
  CHECK(near(g[6].x, g[5].x + g[5].advance));  // 7 8: a number is never letter-spaced

  // Half an em per gap at most: a line that would need more stays as it is.
  b = s.set("完成率达 100%", s.width_of("完成率达 100"), Align::Justify);
  REQUIRE(b.lines.size() == 2);
  CHECK(near(b.lines[0].width, s.width_of("完成率达")));
}

TEST_CASE("typeset: long runs of marks and quotes stay cheap", "[typeset]") {
  // Each rule looks a bounded distance around a mark: 60,000 marks set in well under a second.
  Setter s(10.5);
  std::string marks;
  for (int i = 0; i < 20000; ++i) marks += "）“”";
  auto b = s.set("（" + marks, 3 * s.em());
  CHECK(b.lines.size() > 1000);
  std::string quotes;
  for (int i = 0; i < 20000; ++i) quotes += "“‘";
  b = s.set(quotes, 100);
  CHECK(b.lines.size() > 100);
}
