// Our Type 2 flattener (pdf/cff_flatten.h) against hb-subset's DESUBROUTINIZE | NO_HINTING
// on every glyph of both Noto CJK faces: the same bytes, so PDFs do not change with it.
#include <catch2/catch.hpp>

#include <hb.h>

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include "pdf/cff.h"
#include "pdf/cff_flatten.h"
#include "pdf/subset.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string cff_table(layout::FontId f) {
  hb_blob_t* blob = hb_face_reference_table(test::font_library().harfbuzz_face(f), HB_TAG('C', 'F', 'F', ' '));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string out(data ? data : "", length);
  hb_blob_destroy(blob);
  return out;
}

}  // namespace

TEST_CASE("cff flatten: every glyph of both Noto CJK faces as hb-subset flattens it", "[pdf][cff]") {
  const auto& lib = test::font_library();
  for (const char* family : {"song", "hei"}) {
    INFO(family);
    const layout::FontId f = test::face(family);
    const std::string cff = cff_table(f);
    const pdf::CffFace face = pdf::read_cff_face(cff, "test");
    const pdf::CffFlattener flattener(cff, face, "test");
    REQUIRE(flattener.glyph_count() == face.cid.size());
    std::vector<std::uint32_t> all;
    for (std::uint32_t g = 1; g < flattener.glyph_count(); ++g) all.push_back(g);
    pdf::FontSubset hb(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), all, "test");
    const std::vector<std::string_view> want = pdf::read_cff_charstrings(hb.program(), "test");
    REQUIRE(want.size() == flattener.glyph_count());
    std::size_t same = 0, left = 0, differ = 0;
    for (std::uint32_t g = 0; g < flattener.glyph_count(); ++g) {
      const auto got = flattener.flatten(g);
      if (!got) {
        ++left;
        continue;
      }
      if (*got == want[hb.new_gid(g)]) {
        ++same;
      } else if (++differ <= 3) {
        UNSCOPED_INFO("glyph " << g << ": " << got->size() << " bytes, hb-subset's " << want[hb.new_gid(g)].size());
      }
    }
    CHECK(differ == 0);
    CHECK(left == 0);  // Noto CJK uses nothing the flattener leaves to hb-subset
    CHECK(same == flattener.glyph_count());
  }
}

TEST_CASE("cff flatten: what it does not flatten is said, never guessed", "[pdf][cff]") {
  const std::string cff = cff_table(test::face("song"));
  const pdf::CffFace face = pdf::read_cff_face(cff, "test");
  const pdf::CffFlattener flattener(cff, face, "test");
  CHECK_FALSE(flattener.flatten(static_cast<std::uint32_t>(flattener.glyph_count())));
  CHECK(flattener.flatten(0));
}

TEST_CASE("cff flatten: damaged charstrings and subroutines give nothing or bytes, never a read past them", "[pdf][cff]") {
  // Bytes of the CFF table changed at random where charstrings and subroutines lie (the
  // second half of the table): every glyph of the first 3,000 is flattened or left, and
  // the sanitizer builds check that nothing outside the table is read.
  std::string cff = cff_table(test::face("song"));
  const pdf::CffFace face = pdf::read_cff_face(cff, "test");
  std::mt19937 random(27);
  std::uniform_int_distribution<std::size_t> where(cff.size() / 2, cff.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 20000; ++i) cff[where(random)] = static_cast<char>(byte(random));
  const pdf::CffFlattener flattener(cff, face, "test");
  std::size_t flattened = 0, left = 0;
  for (std::uint32_t g = 0; g < 3000; ++g) (flattener.flatten(g) ? flattened : left) += 1;
  CHECK(flattened + left == 3000);
  CHECK(flattened > 0);
  // A table cut short: the INDEXes past the cut are refused or give nothing.
  const std::string cut = cff.substr(0, cff.size() / 3);
  try {
    const pdf::CffFlattener short_one(cut, face, "test");
    for (std::uint32_t g = 0; g < 3000; ++g) (void)short_one.flatten(g);
  } catch (const Failure& f) {
    CHECK(f.diagnostic().message.find("CFF") != std::string::npos);
  }
}

TEST_CASE("cff flatten: timing", "[.][measure]") {
  const std::string cff = cff_table(test::face("song"));
  const pdf::CffFace face = pdf::read_cff_face(cff, "test");
  auto t0 = std::chrono::steady_clock::now();
  const pdf::CffFlattener flattener(cff, face, "test");
  auto t1 = std::chrono::steady_clock::now();
  const auto src = pdf::read_cff_charstring_sources(cff, face, "test");
  auto t2 = std::chrono::steady_clock::now();
  std::ostringstream m;
  m << "flattener " << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms; sources "
    << std::chrono::duration<double, std::milli>(t2 - t1).count() << " ms; globals " << src.globals.size()
    << " locals " << src.locals.size() << " charstrings " << src.charstrings.size() << " cff " << cff.size();
  WARN(m.str());
}
