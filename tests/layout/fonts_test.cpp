#include <catch2/catch.hpp>

#include "layout/fonts.h"
#include "support/support.h"

using namespace jixiao;
using namespace jixiao::layout;

TEST_CASE("the font manifest opens every family with FreeType", "[fonts]") {
  DiagnosticSink sink;
  auto lib = FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
  for (auto& d : sink.all()) INFO(format(d));
  REQUIRE_FALSE(sink.has_errors());
  for (const char* fam : {"song", "hei", "kai", "fangsong", "latin"}) {
    INFO(fam);
    CHECK(lib->face_for(fam, false) >= 0);
  }
  FontId song = lib->face_for("song", false);
  // Noto CJK collections hold JP, KR, SC, TC, HK faces; the SC face (index 2) has the
  // simplified Chinese glyph forms.
  CHECK(lib->info(song).postscript_name == "NotoSerifCJKsc-Regular");
  CHECK(lib->info(song).index == 2);
  CHECK(lib->info(lib->face_for("song", true)).postscript_name == "NotoSerifCJKsc-Bold");
  CHECK(lib->info(lib->face_for("hei", false)).postscript_name == "NotoSansCJKsc-Regular");
  CHECK(lib->info(lib->face_for("hei", true)).postscript_name == "NotoSansCJKsc-Bold");
  CHECK(lib->glyph(song, U'绩') != 0);
  CHECK(lib->latin_face_for("song", false) == lib->face_for("latin", false));
  CHECK(lib->face_for("kai", true) != lib->face_for("kai", false));
  CHECK(lib->face_for("nosuch", false) == -1);
  CHECK(lib->fallback().size() == 3);
}

TEST_CASE("a manifest naming a missing file is an error naming the place", "[fonts]") {
  auto dir = test::temp_dir("fonts");
  std::string path = dir + "/fonts.json";
  FILE* f = fopen(path.c_str(), "w");
  fputs(R"({"families": {"song": {"regular": {"file": "/nonexistent/x.ttf"}}}, "fallback": ["song", "hei"]})", f);
  fclose(f);
  DiagnosticSink sink;
  auto lib = FontLibrary::load(path, {}, sink);
  REQUIRE(sink.error_count() == 2);
  CHECK(sink.all()[0].place == "/families/song/regular/file");
  CHECK(sink.all()[0].file == path);
  CHECK(sink.all()[1].place == "/fallback/1");
}
