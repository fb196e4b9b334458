// Bold: the family's bold face when the manifest has one (宋, 黑, 楷, Latin), synthetic bold
// runs otherwise (仿宋, fallback faces). And warnings naming the data place of a binding.
#include <catch2/catch.hpp>

#include "layout/text.h"
#include "layout_fixture.h"

using namespace jixiao;
using namespace jixiao::layout;

namespace {

TextBlock set(const std::string& text, const std::string& family, bool bold, DiagnosticSink& sink,
              const doc::Origin& origin = {}) {
  static TextSetter setter(test::layout_fonts());
  doc::TextStyle style;
  style.family = family;
  style.bold = bold;
  style.size = 10;
  return setter.set(text, style, 300, doc::Align::Left, 1.3f, 0, origin, sink);
}

}  // namespace

TEST_CASE("bold: real bold faces where the manifest has them, synthetic runs elsewhere", "[layout][bold]") {
  const auto& lib = test::layout_fonts();
  DiagnosticSink sink;
  // 宋 has a bold face (Noto Serif CJK SC Bold), and so has its Latin family: real bold.
  auto b = set("得分12.5分", "song", true, sink);
  REQUIRE(b.lines[0].runs.size() == 3);
  CHECK(b.lines[0].runs[0].font == lib.face_for("song", true));
  CHECK(lib.face_for("song", true) != lib.face_for("song", false));
  CHECK_FALSE(b.lines[0].runs[0].synthetic_bold);
  CHECK(b.lines[0].runs[1].font == lib.face_for("latin", true));
  CHECK_FALSE(b.lines[0].runs[1].synthetic_bold);
  CHECK_FALSE(b.lines[0].runs[2].synthetic_bold);

  // 楷 has a bold face.
  b = set("部门决策", "kai", true, sink);
  CHECK(b.lines[0].runs[0].font == lib.face_for("kai", true));
  CHECK_FALSE(b.lines[0].runs[0].synthetic_bold);

  // 仿宋 has none (楷 regular stands in); a character only a fallback face has is emboldened
  // there too.
  b = set("评分", "fangsong", true, sink);
  REQUIRE(b.lines[0].runs.size() == 1);
  CHECK(b.lines[0].runs[0].synthetic_bold);
  b = set("甲䶶", "song", true, sink);  // 䶶 U+4DB6: only 楷 regular has it
  REQUIRE(b.lines[0].runs.size() == 2);
  CHECK(b.lines[0].runs[1].font == lib.face_for("kai", false));
  CHECK(b.lines[0].runs[1].synthetic_bold);

  // Not bold: nothing marked.
  b = set("得分12.5分", "song", false, sink);
  for (auto& r : b.lines[0].runs) CHECK_FALSE(r.synthetic_bold);
  CHECK(sink.all().empty());
}

TEST_CASE("missing glyph: the warning names the template place and the data pointer", "[layout][text]") {
  DiagnosticSink sink;
  set("项目\uE000", "song", false, sink, {"forms/dept.xml", "41:9", "/projects/0/name"});
  REQUIRE(sink.all().size() == 1);
  const Diagnostic& d = sink.all()[0];
  CHECK(d.file == "forms/dept.xml");
  CHECK(d.place == "41:9");
  CHECK(d.message ==
        "no font has the character '\uE000' (U+E000) in /projects/0/name; it is drawn as an empty box");
  CHECK(format(d).rfind("forms/dept.xml:41:9: warning: no font has", 0) == 0);
}
