// CID-keyed CFF faces (Noto CJK) are subset by our writer (pdf/cff_writer.h) from flattened
// glyphs kept between documents. Its charstrings, CIDs and widths must be hb-subset's, and
// the program must not depend on which glyphs were met before or on which thread: the cache
// must never change bytes. Every example's PDF is then read by qpdf, poppler and Ghostscript.
#include <catch2/catch.hpp>

#include <hb.h>

#include <algorithm>
#include <random>
#include <thread>

#include "pdf/cff.h"
#include "pdf/cff_writer.h"
#include "pdf/subset.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const char* kExamples[] = {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                           "shenzhen-2021-project-selfeval", "suzhou-2021-project-declaration",
                           "suzhou-2021-project-selfeval"};

// Glyphs of 600 common ideographs, digits and full-width punctuation in face f.
std::vector<std::uint32_t> many_glyphs(layout::FontId f) {
  std::vector<std::uint32_t> out;
  std::u32string text = U"0123456789（），。：；、《》％";
  for (char32_t c = 0x4E00; c < 0x4E00 + 600; ++c) text += c;
  for (char32_t c : text)
    if (std::uint32_t g = test::font_library().glyph(f, c)) out.push_back(g);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::shared_ptr<pdf::CffGlyphs> fresh(layout::FontId f) {
  auto made = pdf::CffGlyphs::of(test::font_library(), f, "test");
  REQUIRE(made);
  return made;
}

std::string program(pdf::CffGlyphs& cache, layout::FontId f, const std::vector<std::uint32_t>& glyphs) {
  return cache.subset(test::font_library(), f, glyphs, "test").program();
}

}  // namespace

TEST_CASE("cff writer: charstrings, CIDs and widths are hb-subset's", "[pdf][cff]") {
  const auto& lib = test::font_library();
  for (const char* family : {"song", "hei"}) {
    INFO(family);
    const layout::FontId f = test::face(family);
    const auto glyphs = many_glyphs(f);
    REQUIRE(glyphs.size() > 500);
    pdf::FontSubset hb(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), glyphs, "test");
    pdf::FontSubset own = fresh(f)->subset(lib, f, glyphs, "test");
    REQUIRE(own.glyph_count() == hb.glyph_count());
    auto hb_strings = pdf::read_cff_charstrings(hb.program(), "hb");
    auto own_strings = pdf::read_cff_charstrings(own.program(), "own");
    REQUIRE(own_strings.size() == hb_strings.size());
    for (std::size_t i = 0; i < hb_strings.size(); ++i) {
      INFO("subset glyph " << i);
      CHECK(own_strings[i] == hb_strings[i]);
    }
    CHECK(pdf::read_cff_charset(own.program(), "own").cid == pdf::read_cff_charset(hb.program(), "hb").cid);
    for (std::uint32_t g : glyphs) {
      INFO("glyph " << g);
      CHECK(own.cid(g) == hb.cid(g));
      CHECK(own.width(g) == hb.width(g));
    }
  }
  // Faces without CID-keyed CFF outlines take hb-subset.
  CHECK_FALSE(pdf::CffGlyphs::of(lib, test::face("latin"), "test"));
  CHECK_FALSE(pdf::CffGlyphs::of(lib, test::face("kai"), "test"));
}

TEST_CASE("cff writer: a subset's bytes do not depend on the glyphs met before", "[pdf][cff]") {
  const layout::FontId f = test::face("song");
  const auto glyphs = many_glyphs(f);
  const std::string whole = program(*fresh(f), f, glyphs);
  // Glyphs flattened one by one, then in halves, then all: the same program.
  auto cache = fresh(f);
  for (std::size_t i = 0; i < 40; ++i) program(*cache, f, {glyphs[i * 7]});
  std::vector<std::uint32_t> odd;
  for (std::size_t i = 1; i < glyphs.size(); i += 2) odd.push_back(glyphs[i]);
  CHECK(program(*cache, f, odd) == program(*fresh(f), f, odd));
  CHECK(program(*cache, f, glyphs) == whole);
  CHECK(cache->size() == glyphs.size() + 1);  // and .notdef
  CHECK(cache->bytes() > 0);
}

TEST_CASE("cff writer: threads sharing one face's glyphs get the bytes of a fresh cache", "[pdf][cff]") {
  const layout::FontId f = test::face("song");
  const auto glyphs = many_glyphs(f);
  std::vector<std::vector<std::uint32_t>> sets(8);
  std::mt19937 random(27);
  for (auto& set : sets) {
    for (std::uint32_t g : glyphs)
      if (random() % 3 == 0) set.push_back(g);
  }
  std::vector<std::string> expected;
  for (const auto& set : sets) expected.push_back(program(*fresh(f), f, set));
  auto shared = fresh(f);
  std::vector<std::string> got(sets.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < sets.size(); ++t)
    threads.emplace_back([&, t] { got[t] = shared->subset(test::font_library(), f, sets[t], "test").program(); });
  for (auto& t : threads) t.join();
  CHECK(got == expected);
}

TEST_CASE("cff writer: every example's PDF passes qpdf, pdffonts and Ghostscript, the same with -j 1 and -j 2",
          "[pdf][cff]") {
  const std::string dir = test::temp_dir("cff-writer-examples");
  std::string data;
  for (const char* name : kExamples) data += " '" + test::source_path(std::string("examples/") + name + ".json") + "'";
  for (const char* jobs : {"1", "2"}) {
    auto r = test::run_jixiao("render" + data + " -o '" + dir + "/j" + jobs + "/' --date 0 -j " + jobs);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  }
  auto pdfs = test::run_command("cd '" + dir + "/j1' && ls *.pdf");
  REQUIRE(pdfs.exit_code == 0);
  int count = 0;
  for (std::size_t at = 0, end; (end = pdfs.out.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string name = pdfs.out.substr(at, end - at), pdf = dir + "/j1/" + name;
    INFO(name);
    ++count;
    CHECK(test::slurp(pdf) == test::slurp(dir + "/j2/" + name));
    auto qpdf = test::run_command("qpdf --check '" + pdf + "'");
    INFO(qpdf.out << qpdf.err);
    CHECK(qpdf.exit_code == 0);
    auto fonts = test::run_command("pdffonts '" + pdf + "'");
    REQUIRE(fonts.exit_code == 0);
    std::size_t cff = 0;
    for (std::size_t p = fonts.out.find("CID Type 0C"); p != std::string::npos; p = fonts.out.find("CID Type 0C", p + 1)) {
      ++cff;
      const std::string row = fonts.out.substr(p, fonts.out.find('\n', p) - p);
      INFO(row);
      CHECK(row.find("Identity-H       yes yes yes") != std::string::npos);
    }
    CHECK(cff >= 1);
    // Ghostscript's own CFF reader: silent on a sound font program.
    auto gs = test::run_command("gs -dNOPAUSE -dBATCH -sDEVICE=nullpage -q '" + pdf + "' 2>&1");
    CHECK(gs.exit_code == 0);
    CHECK(gs.out == "");
  }
  CHECK(count >= 13);
}

TEST_CASE("measure the cache of every glyph of a face", "[.][measure]") {
  for (const char* family : {"song", "hei"}) {
    const layout::FontId f = test::face(family);
    auto cache = fresh(f);
    std::vector<std::uint32_t> all(hb_face_get_glyph_count(test::font_library().harfbuzz_face(f)));
    for (std::size_t g = 0; g < all.size(); ++g) all[g] = static_cast<std::uint32_t>(g);
    program(*cache, f, all);
    WARN(family << ": " << cache->size() << " glyphs, " << cache->bytes() << " bytes of charstrings");
  }
}
