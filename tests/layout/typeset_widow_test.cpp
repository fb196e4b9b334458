// No character alone on a paragraph's last line (孤字) when the line above can give one up,
// and short centred cells balanced; the number of lines never changes. Seed cells.
#include <catch2/catch.hpp>

#include "typeset_fixture.h"

using namespace jixiao::layout::typeset;
using jixiao::doc::Align;
using Lines = std::vector<std::string>;

TEST_CASE("typeset: the last line takes a character from the line above", "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  CHECK(texts(s.set("财务制度健全性", 6 * em)) == Lines{"财务制度", "健全性"});  // words whole
  CHECK(texts(s.set("用户操作手册", 5 * em)) == Lines{"用户操作", "手册"});
  CHECK(texts(s.set("其中：财政拨款", 6 * em)) == Lines{"其中：财政", "拨款"});
  // Punctuation does not count: 称） is one character alone.
  CHECK(texts(s.set("项目设立依据（相关批文名称）", 12 * em)) ==
        Lines{"项目设立依据（相关批文", "名称）"});
  CHECK(s.sink.all().empty());
}

TEST_CASE("typeset: nothing better, nothing changes", "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  // 满 | 意度 would leave a character alone on the first line instead.
  CHECK(texts(s.set("满意度", 2 * em)) == Lines{"满意", "度"});
  CHECK(texts(s.set("合计", 1 * em)) == Lines{"合", "计"});  // two characters: a line each
  CHECK(texts(s.set("无偏差", 3 * em)) == Lines{"无偏差"});
  CHECK(texts(s.set("偏差原因分析", 3 * em)) == Lines{"偏差原", "因分析"});
}

TEST_CASE("typeset: only the tail moves, the line count stays", "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  // 17 characters in 4-em lines: greedy ends 偏差原因|分析及改|进措施偏|差原因分|析.
  auto b = s.set("偏差原因分析及改进措施偏差原因分析", 4 * em);
  REQUIRE(b.lines.size() == 5);
  CHECK(texts(b)[0] == "偏差原因");
  CHECK(texts(b)[1] == "分析及改");
  CHECK(texts(b).back().size() >= 2 * std::string("析").size());
  for (const auto& line : b.lines) CHECK(line.width <= 4 * em + 1e-3f);
}

TEST_CASE("typeset: a short centred label is set in even lines", "[typeset]") {
  Setter s(10.5);
  const float em = s.em();
  // Greedy: 局机关机房UPS蓄电池间 | 消防改造 (one line full, one under half); balanced lines
  // differ by at most a character.
  auto b = s.set("局机关机房UPS蓄电池间消防改造", 11 * em, Align::Center);
  REQUIRE(b.lines.size() == 2);
  CHECK(std::abs(b.lines[0].width - b.lines[1].width) <= em + 1e-3f);
  // Left-aligned text is not balanced, only its 孤字 fixed.
  b = s.set("局机关机房UPS蓄电池间消防改造", 11 * em, Align::Left);
  REQUIRE(b.lines.size() == 2);
  CHECK(near(b.lines[0].width, 11 * em, 2 * em));
  CHECK(b.lines[0].width > b.lines[1].width + em);
  // A last line of half the width or more stays: 经济效益 | 指标 keeps its word.
  CHECK(texts(s.set("经济效益指标", 4 * em, Align::Center)) == Lines{"经济效益", "指标"});
  CHECK(texts(s.set("使用单位满意度", 5 * em, Align::Center)) == Lines{"使用单位", "满意度"});
}
