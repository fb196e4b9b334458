// Words kept whole in narrow cells: a short paragraph (a label, a column heading) breaks at
// the boundaries of ICU's Chinese dictionary words, inside a word only when no boundary
// fits. The cases are the words the five examples split before (issue 25), at the widths
// of their columns.
#include <catch2/catch.hpp>

#include "layout/linebreak.h"
#include "typeset_fixture.h"

using namespace jixiao;
using namespace jixiao::layout;
using namespace jixiao::layout::typeset;
using doc::Align;
using Lines = std::vector<std::string>;

namespace {

std::u32string u32(const std::string& s) {
  std::u32string out;
  char32_t c = 0;
  for (std::size_t i = 0; i < s.size();)
    if (next_code_point(s, i, c)) out += c;
  return out;
}

// The text with '|' before each character a line starts with first (word boundaries) and
// '·' before one it may start with only inside a word.
std::string marked(const std::string& text) {
  const std::u32string t = u32(text);
  const std::vector<bool> any = break_opportunities(t), word = word_breaks(t);
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (word[i]) out += '|';
    else if (any[i]) out += "·";
    out += to_utf8(std::u32string(1, t[i]));
  }
  return out;
}

}  // namespace

TEST_CASE("words: a short paragraph's breaks inside dictionary words are second choices", "[typeset][words]") {
  CHECK(marked("资金使用合规性") == "资·金|使·用|合|规|性");
  CHECK(marked("社会效益指标") == "社·会|效·益|指·标");
  CHECK(marked("偏差原因分析及改进措施") == "偏·差|原·因|分·析|及|改·进|措·施");
  // Numbers, Latin words and brackets keep their own rules.
  CHECK(marked("档案整理成本（万元）") == "档·案|整·理|成·本|（万元）");
  // Running text (more than kWordChars characters) breaks between any two ideographs.
  const std::string long_text = "部门（单位）在被评价年度是否按照政府信息公开有关规定公开相关预决算信息，用以反映";
  REQUIRE(u32(long_text).size() > kWordChars);
  CHECK(word_breaks(u32(long_text)) == break_opportunities(u32(long_text)));
}

TEST_CASE("words: labels of the examples break between words", "[typeset][words]") {
  Setter s(10.5);
  const float em = s.em();
  // suzhou-2021 selfeval 三级指标 (the seed: 资金使用/合规性), mof-2020 and shenzhen-2021.
  CHECK(texts(s.set("资金使用合规性", 4 * em, Align::Center)) == Lines{"资金使用", "合规性"});
  CHECK(texts(s.set("工程管理规范性", 4 * em, Align::Center)) == Lines{"工程管理", "规范性"});
  CHECK(texts(s.set("配套设施到位率", 4 * em, Align::Center)) == Lines{"配套设施", "到位率"});
  CHECK(texts(s.set("政府采购规范性", 4 * em, Align::Center)) == Lines{"政府采购", "规范性"});
  CHECK(texts(s.set("社会效益指标", 5 * em, Align::Center)) == Lines{"社会效益", "指标"});
  CHECK(texts(s.set("使用单位满意度", 5 * em, Align::Center)) == Lines{"使用单位", "满意度"});
  CHECK(texts(s.set("服务对象满意度指标", 5 * em, Align::Center)) == Lines{"服务对象", "满意度指标"});
  CHECK(texts(s.set("偏差原因分析及改进措施", 5 * em, Align::Center)) == Lines{"偏差原因", "分析及", "改进措施"});
  // The line count stays: in 5 ems no two lines keep every word (档案整理 | 成本（万元） is
  // 5.5 ems wide), so shenzhen-2021's column heading stays cut; a wider column fixes it.
  CHECK(texts(s.set("档案整理成本（万元）", 5 * em, Align::Center)) == Lines{"档案整理成", "本（万元）"});
  CHECK(texts(s.set("档案整理成本（万元）", 6 * em, Align::Center)) == Lines{"档案整理成本", "（万元）"});
}

TEST_CASE("words: a word longer than the line is cut inside it, and the line count never grows", "[typeset][words]") {
  Setter s(10.5);
  const float em = s.em();
  // 满意 is one word, 2 ems: in a 1.5 em column it is cut between its characters.
  CHECK(texts(s.set("满意", 1.5f * em, Align::Center)) == Lines{"满", "意"});
  // 偏差原因分析 in 3 ems: 偏差原 | 因分析 (two lines) rather than 偏差 | 原因 | 分析 (three).
  CHECK(texts(s.set("偏差原因分析", 3 * em, Align::Center)) == Lines{"偏差原", "因分析"});
}
