// TextSetter with the real fonts of fonts/fonts.json: lines for given widths, 禁则 at line
// ends, alignment, face choice, missing characters, hard breaks, indent, min_width.
// 宋 (Noto Serif CJK SC) ideographs are 1 em wide; Latin (Liberation Serif) digits 0.5 em, ",." 0.25 em.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "diag/utf8.h"
#include "layout/text.h"
#include "support/support.h"
#include "typeset_fixture.h"

using namespace jixiao;
using namespace jixiao::layout;
using doc::Align;

namespace {

using typeset::fonts;

std::string utf8(const std::u32string& text) { return to_utf8(text); }

std::string text_of(const TextLine& line) {
  std::string s;
  for (const auto& run : line.runs) s += utf8(run.text);
  return s;
}

std::vector<std::string> texts(const TextBlock& block) {
  std::vector<std::string> out;
  for (const auto& line : block.lines) out.push_back(text_of(line));
  return out;
}

std::vector<float> widths(const TextBlock& block) {
  std::vector<float> out;
  for (const auto& line : block.lines) out.push_back(line.width);
  return out;
}

// Float sums of exact advances: equal to a thousandth of a point.
bool near(float a, float b) { return std::abs(a - b) < 1e-3f; }
bool near(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!near(a[i], b[i])) return false;
  return true;
}

struct Setter {
  TextSetter setter{fonts()};
  DiagnosticSink sink;
  doc::TextStyle style;

  explicit Setter(double size = 9, std::string family = "song", bool bold = false) {
    style.size = size;
    style.family = std::move(family);
    style.bold = bold;
  }
  TextBlock set(const std::string& text, float width, Align align = Align::Left,
                float indent = 0) {
    return setter.set(text, style, width, align, 1.25f, indent, {"t.xml", "3:7"}, sink);
  }
  float min_width(const std::string& text) { return setter.min_width(text, style); }
};

const char* const kLongCell =
    "因招投标需求反复变更，以及疫情导致项目进展较慢，导致项目验收较晚. "
    "以后会不断加强前期工作的充分性提高项目绩效目标准确性。";

}  // namespace

TEST_CASE("lines of N ideographs for a width of N ems", "[text]") {
  Setter s;
  auto b = s.set("偏差原因分析及改进措施", 90);
  // 措 comes down: no character alone on the last line (typeset_widow_test.cpp).
  CHECK(texts(b) == std::vector<std::string>{"偏差原因分析及改进", "措施"});
  CHECK(near(widths(b), {81, 18}));
  b = s.set("偏差原因分析及改进措施", 89.9f);
  CHECK(texts(b) == std::vector<std::string>{"偏差原因分析及改进", "措施"});
  // Narrower than one ideograph: one per line.
  CHECK(texts(s.set("偏差", 5)) == std::vector<std::string>{"偏", "差"});
  CHECK(s.sink.all().empty());
}

TEST_CASE("the long 偏差原因 cell: no line starts with ，。 or ends with （", "[text]") {
  Setter s;
  auto b = s.set(kLongCell, 90);
  CHECK(texts(b) == std::vector<std::string>{"因招投标需求反复变", "更，以及疫情导致项目",
                                             "进展较慢，导致项目验", "收较晚. 以后会不断加",
                                             "强前期工作的充分性", "提高项目绩效目标准", "确性。"});
  // 收较晚 27 + Latin "." 2.25 + 宋's space + 以后会不断加 54.
  const float space = s.set("以 后", 200).lines.at(0).width - 18;
  CHECK(near(widths(b), {81, 90, 90, 27 + 2.25f + space + 54, 81, 81, 27}));
  for (const auto& t : texts(b)) {
    INFO(t);
    CHECK(t.rfind("，", 0) != 0);
    CHECK(t.rfind("。", 0) != 0);
    CHECK(t.find("（") != t.size() - std::string("（").size());
  }
  b = s.set("档案整理成本（万元）合计", 63);  // （ would end the first line
  CHECK(texts(b) == std::vector<std::string>{"档案整理成本", "（万元）合计"});
}

TEST_CASE("closing punctuation pulls the character before it to the next line", "[text]") {
  Setter s;
  // "0" is a Latin digit, 4.5 pt; at 99.5 pt the comma would start line 2.
  auto b = s.set("设置指标少写一个0的情况，实际成本指标达标，故得满分。", 99.5f);
  CHECK(texts(b) == std::vector<std::string>{"设置指标少写一个0的情", "况，实际成本指标达标，",
                                             "故得满分。"});
  CHECK(near(widths(b), {94.5f, 99, 45}));
}

TEST_CASE("spaces at a line end are neither counted nor drawn", "[text]") {
  Setter s;
  auto b = s.set("收较晚. 以后", 30);
  CHECK(texts(b) == std::vector<std::string>{"收较晚.", "以后"});
  CHECK(near(widths(b), {29.25f, 18}));
  REQUIRE(b.lines[0].runs.size() == 2);
  CHECK(b.lines[0].runs[1].glyphs.size() == 1);
}

TEST_CASE("justify spreads the rest over the gaps between characters", "[text]") {
  Setter s;
  auto b = s.set(kLongCell, 90, Align::Justify);
  REQUIRE(b.lines.size() == 7);
  for (std::size_t i = 0; i + 1 < b.lines.size(); ++i) CHECK(b.lines[i].width == 90);
  CHECK(near(b.lines.back().width, 27));

  // Running text (more than kWordChars characters) breaks between any two ideographs.
  b = s.set("偏差原因分析及改进措施偏差原因分析及", 50, Align::Justify);  // 45 pt + 4 gaps of 1.25 pt
  REQUIRE(texts(b) == std::vector<std::string>{"偏差原因分", "析及改进措", "施偏差原因", "分析及"});
  const auto& g = b.lines[0].runs.at(0).glyphs;
  REQUIRE(g.size() == 5);
  CHECK(near(g[1].x, 10.25f));
  CHECK(near(g[4].x, 41));
  CHECK(near(g[4].advance, 9));
  CHECK(near(b.lines[3].width, 27));
  CHECK(b.lines[1].runs[0].x == 0);
}

TEST_CASE("justify leaves one-character lines left and Latin words unspaced", "[text]") {
  Setter s;
  auto b = s.set("偏差原因", 12, Align::Justify);
  CHECK(near(widths(b), {9, 9, 9, 9}));

  s.style.size = 10.5;
  b = s.set("UPS蓄电池更换", 60, Align::Justify);
  REQUIRE(texts(b) == std::vector<std::string>{"UPS蓄电池", "更换"});
  const auto& latin = b.lines[0].runs.at(0);
  const auto& song = b.lines[0].runs.at(1);
  float ups = latin.glyphs[0].advance + latin.glyphs[1].advance + latin.glyphs[2].advance;
  CHECK(latin.glyphs[1].x == latin.glyphs[0].advance);
  float extra = (60 - ups - 31.5f) / 3;  // gaps S|蓄 蓄|电 电|池
  CHECK(near(song.x, ups + extra));
  CHECK(near(song.glyphs[2].x, 2 * (10.5f + extra)));
  CHECK(b.lines[0].width == 60);
}

TEST_CASE("center and right offset the runs inside the width", "[text]") {
  Setter s;
  auto b = s.set("无偏差", 60, Align::Center);
  CHECK(near(b.lines[0].runs[0].x, 16.5f));
  CHECK(near(b.lines[0].width, 27));
  b = s.set("无偏差", 60, Align::Right);
  CHECK(near(b.lines[0].runs[0].x, 33));
  // Latin 870996.00 is 38.25 pt, 元 9 pt: (60 - 47.25) / 2 = 6.375.
  b = s.set("870996.00元", 60, Align::Center);
  REQUIRE(b.lines[0].runs.size() == 2);
  CHECK(near(b.lines[0].runs[0].x, 6.375f));
  CHECK(near(b.lines[0].runs[1].x, 44.625f));
}

TEST_CASE("Latin digits go to the Latin face, Chinese to 宋", "[text]") {
  Setter s;
  auto b = s.set("870996.00元", 100);
  REQUIRE(b.lines.size() == 1);
  const auto& runs = b.lines[0].runs;
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].font == fonts().latin_face_for("song", false));
  CHECK(runs[0].text == U"870996.00");
  CHECK(runs[0].size == 9);
  CHECK(runs[0].y == 0);
  CHECK(runs[0].glyphs[6].text_begin == 6);
  CHECK(runs[0].glyphs[6].text_len == 1);
  CHECK(near(runs[0].glyphs[6].x, 27));
  CHECK(runs[1].font == fonts().face_for("song", false));
  CHECK(runs[1].text == U"元");
  CHECK(near(runs[1].x, 38.25f));

  // Spaces between Latin words are Latin; ≥ is not ASCII and stays in 宋.
  b = s.set("UPS and COVID-19", 200);
  REQUIRE(b.lines[0].runs.size() == 1);
  CHECK(b.lines[0].runs[0].text == U"UPS and COVID-19");
  b = s.set("≥93.69", 200);
  REQUIRE(b.lines[0].runs.size() == 2);
  CHECK(b.lines[0].runs[0].font == fonts().face_for("song", false));
  CHECK(b.lines[0].runs[0].text == U"≥");
}

TEST_CASE("families without a Latin face, bold, unknown family", "[text]") {
  Setter hei(9, "hei");
  auto b = hei.set("≥93.69万元", 200);
  REQUIRE(b.lines[0].runs.size() == 1);
  CHECK(b.lines[0].runs[0].font == fonts().face_for("hei", false));

  Setter kai(9, "kai", true);
  b = kai.set("得分12.5", 200);
  REQUIRE(b.lines[0].runs.size() == 2);
  CHECK(b.lines[0].runs[0].font == fonts().face_for("kai", true));
  CHECK(b.lines[0].runs[1].font == fonts().face_for("latin", true));

  Setter unknown(9, "nosuch");
  b = unknown.set("得分", 200);
  CHECK(b.lines[0].runs[0].font == fonts().fallback().front());
  REQUIRE(unknown.sink.all().size() == 1);  // the unknown family is named once
  CHECK(unknown.sink.all()[0].code == "layout.unknown-family");
}

TEST_CASE("a character the face lacks comes from the first fallback face that has it", "[text]") {
  Setter s;
  // 鿫 U+9FEB: 宋 (Noto Serif CJK SC) lacks it, 黑 (Noto Sans CJK SC) has it. 䶶 U+4DB6: only
  // 楷. ™: not ASCII, so not Latin; 宋 has it.
  auto b = s.set("甲鿫乙䶶丙™", 200);
  REQUIRE(b.lines[0].runs.size() == 5);
  CHECK(b.lines[0].runs[1].font == fonts().face_for("hei", false));
  CHECK(b.lines[0].runs[3].font == fonts().face_for("kai", false));
  CHECK(b.lines[0].runs[3].text == U"䶶");
  CHECK(b.lines[0].runs[4].font == fonts().face_for("song", false));
  CHECK(b.lines[0].runs[4].text == U"丙™");
  CHECK(s.sink.all().empty());
}

TEST_CASE("a character no font has: one warning naming it, .notdef of 宋", "[text]") {
  Setter s;
  auto b = s.set("偏\uE000差\uE000原\U0001F600因", 200);
  REQUIRE(s.sink.all().size() == 2);
  const Diagnostic& d = s.sink.all()[0];
  CHECK(d.severity == Severity::Warning);
  CHECK(d.code == "layout.missing-glyph");
  CHECK(d.file == "t.xml");
  CHECK(d.place == "3:7");
  CHECK(d.message == "no font has the character '\uE000' (U+E000); it is drawn as an empty box");
  CHECK(s.sink.all()[1].message ==
        "no font has the character '\U0001F600' (U+1F600); it is drawn as an empty box");
  REQUIRE(b.lines[0].runs.size() == 1);
  const auto& run = b.lines[0].runs[0];
  CHECK(run.font == fonts().face_for("song", false));
  CHECK(run.text == U"偏\uE000差\uE000原\U0001F600因");
  CHECK(run.glyphs[1].id == 0);
  CHECK(run.glyphs[5].id == 0);
  // Once per call: a second call warns again.
  s.set("\uE000", 200);
  CHECK(s.sink.all().size() == 3);
}

TEST_CASE("'\\n' breaks lines, the indent starts each paragraph", "[text]") {
  Setter s;
  auto b = s.set("第一行\n第二行", 200);
  CHECK(texts(b) == std::vector<std::string>{"第一行", "第二行"});
  b = s.set("第一行\r\n\n第三行", 200);
  CHECK(texts(b) == std::vector<std::string>{"第一行", "", "第三行"});
  CHECK(near(b.height(), 3 * 11.25f));
  CHECK(b.lines[1].runs.empty());

  // A label keeps its words whole when the same two lines allow: 改进 is not cut.
  b = s.set("偏差原因分析及改进措施", 90, Align::Left, 18);
  CHECK(texts(b) == std::vector<std::string>{"偏差原因分析及", "改进措施"});
  CHECK(near(widths(b), {81, 36}));
  CHECK(b.lines[0].runs[0].x == 18);
  CHECK(b.lines[1].runs[0].x == 0);
  b = s.set("偏差\n原因", 90, Align::Center, 18);
  CHECK(near(b.lines[1].runs[0].x, 18 + (90 - 36) / 2.0f));
  CHECK(near(b.lines[1].width, 36));
}

TEST_CASE("a piece wider than the line is cut between characters", "[text]") {
  Setter s(10.5);
  auto b = s.set("1,035,356.30元", 30);
  CHECK(texts(b) == std::vector<std::string>{"1,035,", "356.30", "元"});
  CHECK(near(widths(b), {26.25f, 28.875f, 10.5f}));
  // Not before %: the cut moves back one digit.
  Setter nine;
  b = nine.set("87654321%", 36);
  CHECK(texts(b) == std::vector<std::string>{"8765432", "1%"});
}

TEST_CASE("line pitch, ascent, empty text", "[text]") {
  Setter s(10);
  auto b = s.setter.set("无", s.style, 100, Align::Left, 1.3f, 0, {}, s.sink);
  CHECK(near(b.line_pitch, 13));
  CHECK(near(b.ascent, 1.5f + 8.8f));
  b = s.set("", 100);
  REQUIRE(b.lines.size() == 1);
  CHECK(b.lines[0].width == 0);
  CHECK(near(b.height(), 12.5f));
}

TEST_CASE("clusters: a combining accent shares its base's glyph", "[text]") {
  Setter s;
  auto b = s.set("Cafe\u0301", 200);
  REQUIRE(b.lines[0].runs.size() == 1);
  const auto& run = b.lines[0].runs[0];
  CHECK(run.text == U"Cafe\u0301");
  REQUIRE(run.glyphs.size() == 4);
  CHECK(run.glyphs[3].text_begin == 3);
  CHECK(run.glyphs[3].text_len == 2);
}

TEST_CASE("min_width is the widest unbreakable piece", "[text]") {
  Setter s(10.5);
  CHECK(near(s.min_width("1,035,356.30元"), 55.125f + 10.5f));  // a number keeps its unit
  CHECK(near(s.min_width("偏差原因分析"), 10.5f));
  CHECK(near(s.min_width("（万元）"), 42));  // a short bracketed group stays whole
  CHECK(near(s.min_width("收较晚. 以后"), 10.5f + 2.625f));  // 晚. — its space hangs
  CHECK(near(s.min_width("ab\n12345678"), 42));
  CHECK(s.min_width("") == 0);
}

TEST_CASE("text: a family the manifest lacks is a warning naming the template place", "[layout][text]") {
  DiagnosticSink sink;
  auto lib = FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
  TextSetter setter(*lib);
  doc::TextStyle style;
  style.family = "songti";
  doc::Origin origin{"form.xml", "12:7"};
  auto block = setter.set("项目", style, 100, doc::Align::Left, 1.3f, 0, origin, sink);
  setter.set("名称", style, 100, doc::Align::Left, 1.3f, 0, origin, sink);
  CHECK(block.lines.size() == 1);
  REQUIRE(sink.all().size() == 1);  // once per family, not once per cell
  CHECK(format(sink.all()[0]) ==
        "form.xml:12:7: warning: font family 'songti' is not in the font manifest; the first fallback "
        "face is used; expected one of: fangsong, hei, kai, latin, song, got songti");
}
