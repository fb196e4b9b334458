// PROTOTYPE (docs/cff-writer-wip.md): our CID-keyed CFF writer over cached flattened glyphs
// must give what hb-subset gives — the same glyphs, charstrings, CIDs and widths — and, switched
// on with JIXIAO_CFF_WRITER=1, a PDF that checks, reads and draws as the hb-subset one does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "pdf/cff.h"
#include "pdf/cff_writer.h"
#include "pdf/subset.h"
#include "pdf_fixture.h"
#include "support/pdf_layout.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = "examples/shenzhen-2020-department-selfeval.json";

// Renders the example (with or without our writer) into dir/name.pdf; returns the path.
std::string render(const std::string& dir, const std::string& name, bool own_writer) {
  std::string pdf = dir + "/" + name + ".pdf";
  auto r = test::run_command(std::string(own_writer ? "JIXIAO_CFF_WRITER=1 " : "JIXIAO_CFF_WRITER=0 ") + JIXIAO_BINARY +
                             " render '" + test::source_path(kExample) + "' -o '" + pdf + "'");
  INFO(r.err);
  REQUIRE(test::file_exists(pdf));
  return pdf;
}

}  // namespace

TEST_CASE("cff writer: the Serif glyphs of the shenzhen example get hb-subset's charstrings, CIDs and widths",
          "[pdf][cff]") {
  const std::string dir = test::temp_dir("cff-writer-glyphs");
  // The example's characters (as poppler reads them back) mapped through the Serif cmap.
  const layout::FontId song = test::face("song");
  std::set<std::uint32_t> set;
  for (const auto& page : test::read_pdf_layout(render(dir, "hb", false)))
    for (const auto& block : page.blocks)
      for (const auto& line : block.lines)
        for (const auto& word : line.words)
          for (char32_t c : word.chars())
            if (std::uint32_t g = test::font_library().glyph(song, c)) set.insert(g);
  const std::vector<std::uint32_t> glyphs(set.begin(), set.end());
  REQUIRE(glyphs.size() > 300);

  const auto& lib = test::font_library();
  pdf::FontSubset hb(lib.harfbuzz_face(song), lib.subset_face(song), lib.harfbuzz_font(song), glyphs, "test");
  std::optional<pdf::FontSubset> own = pdf::cached_cff_subset(lib, song, glyphs, "test");
  REQUIRE(own);
  REQUIRE(own->glyph_count() == hb.glyph_count());
  auto hb_strings = pdf::read_cff_charstrings(hb.program(), "hb");
  auto own_strings = pdf::read_cff_charstrings(own->program(), "own");
  REQUIRE(own_strings.size() == hb_strings.size());
  for (std::size_t i = 0; i < hb_strings.size(); ++i) {
    INFO("subset glyph " << i);
    CHECK(own_strings[i] == hb_strings[i]);
  }
  CHECK(pdf::read_cff_charset(own->program(), "own").cid == pdf::read_cff_charset(hb.program(), "hb").cid);
  for (std::uint32_t g : glyphs) {
    INFO("glyph " << g);
    CHECK(own->cid(g) == hb.cid(g));
    CHECK(own->width(g) == hb.width(g));
  }
  // A second subset from the now warm cache is the same program.
  CHECK(pdf::cached_cff_subset(lib, song, glyphs, "test")->program() == own->program());
  // A face without CFF outlines is not ours.
  CHECK_FALSE(pdf::cached_cff_subset(lib, test::face("latin"), {1, 2}, "test"));
}

TEST_CASE("cff writer: the shenzhen example's PDF checks, reads and draws as with hb-subset", "[pdf][cff]") {
  const std::string dir = test::temp_dir("cff-writer-pdf");
  const std::string hb = render(dir, "hb", false), own = render(dir, "own", true);
  CHECK(test::run_command("qpdf --check '" + own + "'").exit_code == 0);

  auto fonts = test::run_command("pdffonts '" + own + "'");
  REQUIRE(fonts.exit_code == 0);
  CHECK(fonts.out.find("NotoSerifCJKsc-Regular") != std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = fonts.out.find("CID Type 0C"); at != std::string::npos; at = fonts.out.find("CID Type 0C", at + 1)) {
    ++rows;
    std::string row = fonts.out.substr(at, fonts.out.find('\n', at) - at);
    INFO(row);
    CHECK(row.find("yes yes yes") != std::string::npos);
  }
  CHECK(rows >= 2);

  auto text = [](const std::string& pdf) {
    auto r = test::run_command("pdftotext '" + pdf + "' -");
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  CHECK(text(own) == text(hb));

  for (const std::string& pdf : {hb, own})
    REQUIRE(test::run_command("pdftoppm -r 50 '" + pdf + "' '" + pdf + "-page'").exit_code == 0);
  int pages = 0;
  for (int p = 1; p < 100; ++p) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-page-%02d.ppm", p);
    if (!test::file_exists(hb + suffix)) break;
    ++pages;
    INFO("page " << p);
    CHECK(test::slurp(own + suffix) == test::slurp(hb + suffix));
  }
  CHECK(pages >= 5);
}
