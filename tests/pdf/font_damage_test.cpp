// A damaged font file (issue 20, class 9): whatever is wrong with it — not a font, cut
// short, a face index it does not have, glyph ids past its glyph count — the error names
// the manifest entry (fonts/fonts.json and its JSON pointer) and the font file, and says
// what was expected. Run through the CLI with a copied data directory (--data-dir) whose
// manifest's "latin" family names a damaged copy of Liberation Serif; nothing is written.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kLiberation = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// DIR/templates (a copy), DIR/fonts/fonts.json (the shipped one, "latin" → bad.ttf at index).
struct DamagedFont {
  std::string dir = test::temp_dir("font-damage");
  std::string manifest() const { return dir + "/fonts/fonts.json"; }
  std::string font() const { return dir + "/fonts/bad.ttf"; }

  DamagedFont(const std::string& bytes, int index = 0) {
    test::run_command("mkdir -p " + dir + "/fonts && cp -r " + test::source_path("templates") + " " + dir + "/");
    auto m = nlohmann::json::parse(test::slurp(test::source_path("fonts/fonts.json")));
    m["families"]["latin"]["regular"] = {{"file", "bad.ttf"}, {"index", index}};
    std::ofstream(manifest()) << m.dump(1);
    std::ofstream(font(), std::ios::binary) << bytes;
  }

  test::BoundedResult render(const std::string& lang = "en") {
    std::string out = dir + "/out.pdf";
    auto r = test::run_jixiao_bounded("render " + test::source_path("examples/mof-2020-project-selfeval.json") +
                                      " -o " + out + " --date 0 --data-dir " + dir + " --lang " + lang);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.signal == 0);
    CHECK(r.seconds < test::hostile_seconds());
    CHECK(r.max_rss_mib < test::hostile_mib());
    CHECK_FALSE(test::file_exists(out));
    return r;
  }
};

std::string liberation() { return test::slurp(kLiberation); }

// Offset of a table of a single-face font file, from its table directory.
std::size_t table_offset(const std::string& font, const std::string& tag) {
  auto u = [&](std::size_t at, int n) {
    std::size_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(font[at + i]);
    return v;
  };
  for (std::size_t i = 0; i < u(4, 2); ++i)
    if (font.compare(12 + 16 * i, 4, tag) == 0) return u(12 + 16 * i + 8, 4);
  FAIL("no table " << tag);
  return 0;
}

}  // namespace

TEST_CASE("font damage: a file that is not a font names the entry and the file", "[pdf][fonts][edges]") {
  DamagedFont f(std::string(4000, 'x'));
  auto r = f.render();
  CHECK(has(r.err, f.manifest() + ": /families/latin/regular/file: error: FreeType cannot read this file as a font "
                                  "(damaged, truncated or another format): " + f.font() +
                                  "; expected a TrueType or OpenType font file"));
}

TEST_CASE("font damage: a file cut short is refused when the manifest is read", "[pdf][fonts][edges]") {
  DamagedFont f(liberation().substr(0, 200000));
  auto r = f.render();
  CHECK(has(r.err, f.manifest() + ": /families/latin/regular/file: error: table '"));
  CHECK(has(r.err, "' runs past the end of the file (truncated file?): " + f.font()));
}

TEST_CASE("font damage: a face index the file does not have says how many it has", "[pdf][fonts][edges]") {
  DamagedFont f(liberation(), 2);
  auto r = f.render();
  CHECK(has(r.err, f.manifest() + ": /families/latin/regular/index: error: the file has 1 face, there is no index 2: " +
                       f.font()));
}

TEST_CASE("font damage: damage found only when the PDF is written still names the entry and file",
          "[pdf][fonts][edges]") {
  std::string bytes = liberation();
  REQUIRE(bytes.compare(408, 4, "\x00\x01\x00\x00", 4) == 0);  // maxp version 1.0 …
  bytes[412] = 0, bytes[413] = 2;                               // … now counting 2 glyphs
  DamagedFont f(bytes);
  auto r = f.render();
  CHECK(has(r.err, f.manifest() + ": /families/latin/regular: error: glyph id "));
  CHECK(has(r.err, " is beyond the glyphs of LiberationSerif (font file " + f.font() +
                       "); expected an intact TrueType or OpenType font file"));
  auto zh = f.render("zh");
  CHECK(has(zh.err, f.manifest() + ": /families/latin/regular: 错误：字形号 "));
  CHECK(has(zh.err, "（字体文件 " + f.font() + "）"));
}

TEST_CASE("font damage: a table HarfBuzz cannot subset names the entry and the file, not only the face",
          "[pdf][fonts][edges]") {
  std::string bytes = liberation();
  std::size_t post = table_offset(bytes, "post");
  bytes.replace(post, 4, std::string("\x00\x09\x00\x00", 4));  // post version 9.0: no such version
  DamagedFont f(bytes);
  auto r = f.render();
  CHECK(has(r.err, f.manifest() + ": /families/latin/regular: error: cannot subset font LiberationSerif: HarfBuzz "
                                  "could not build the subset (font file " + f.font() +
                                  "); expected an intact TrueType or OpenType font file (reinstall its package or "
                                  "name another file here)"));
}
