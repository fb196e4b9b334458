// pdf::SubsetCache: subsets kept between documents give the bytes subsetting anew gives,
// the most recent kPerFace per face, shared by threads, only for the library it was made for.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>

#include "pdf/pdf.h"
#include "pdf/subset_cache.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;
using jixiao::test::face;
using jixiao::test::shape;

namespace {

// One page in three faces; variant changes the 宋 glyph set.
layout::LayoutResult page(int variant) {
  layout::LayoutResult doc;
  layout::Page p;
  p.runs.push_back(shape(face("hei"), 16, 225, 80, U"项目支出绩效自评表"));
  std::u32string label = U"金额（元）";
  label += static_cast<char32_t>(U'一' + variant);
  p.runs.push_back(shape(face("song"), 10.5f, 60, 130, label));
  p.runs.push_back(shape(face("kai"), 12, 60, 160, U"单位：财政局"));
  doc.pages.push_back(p);
  return doc;
}

pdf::Metadata meta() {
  pdf::Metadata m;
  m.title = "自评表";
  m.date = 0;
  return m;
}

std::shared_ptr<const pdf::PreparedFont> prepared(layout::FontId id) {
  const layout::FontLibrary& fonts = test::font_library();
  return std::make_shared<const pdf::PreparedFont>(pdf::PreparedFont{
      pdf::FontSubset(fonts.harfbuzz_face(id), fonts.harfbuzz_face(id), fonts.harfbuzz_font(id), {0}, "t"), {}, {}});
}

}  // namespace

TEST_CASE("subset cache: a kept subset gives the bytes of one made anew", "[pdf][cache]") {
  const std::string anew = pdf::write_pdf(page(0), test::font_library(), meta());
  pdf::SubsetCache cache(test::font_library());
  const std::string cold = pdf::write_pdf(page(0), test::font_library(), meta(), nullptr, &cache);
  CHECK(cache.size(face("song")) == 1);
  CHECK(cache.size(face("hei")) == 1);
  const std::string warm = pdf::write_pdf(page(0), test::font_library(), meta(), nullptr, &cache);
  CHECK(cache.size(face("song")) == 1);  // found, not made again
  CHECK(cold == anew);
  CHECK(warm == anew);
  // Another glyph set of 宋 is another subset; 黑 and 楷 are shared.
  CHECK(pdf::write_pdf(page(1), test::font_library(), meta(), nullptr, &cache) ==
        pdf::write_pdf(page(1), test::font_library(), meta()));
  CHECK(cache.size(face("song")) == 2);
  CHECK(cache.size(face("hei")) == 1);
}

TEST_CASE("subset cache: the kPerFace most recently used subsets of a face are kept", "[pdf][cache]") {
  pdf::SubsetCache cache(test::font_library());
  const layout::FontId kai = face("kai");
  auto value = prepared(kai);
  for (std::size_t i = 0; i < pdf::SubsetCache::kPerFace; ++i) cache.keep(kai, "set" + std::to_string(i), value);
  CHECK(cache.find(kai, "set0") == value);  // now the most recently used: set1 is the oldest
  cache.keep(kai, "new", value);
  CHECK(cache.size(kai) == pdf::SubsetCache::kPerFace);
  CHECK(cache.find(kai, "set1") == nullptr);
  CHECK(cache.find(kai, "set0") == value);
  CHECK(cache.find(kai, "new") == value);
  CHECK(cache.find(face("song"), "set0") == nullptr);  // per face
  // A second keep of a kept key leaves the first value.
  auto other = prepared(kai);
  cache.keep(kai, "new", other);
  CHECK(cache.find(kai, "new") == value);
}

TEST_CASE("subset cache: threads writing at once share it and get the same bytes", "[pdf][cache]") {
  pdf::SubsetCache cache(test::font_library());
  std::vector<std::string> expected;
  for (int v = 0; v < 4; ++v) expected.push_back(pdf::write_pdf(page(v), test::font_library(), meta()));
  std::vector<std::string> got(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 2; ++k)
        got[static_cast<std::size_t>(t * 2 + k)] =
            pdf::write_pdf(page((t + k) % 4), test::font_library(), meta(), nullptr, &cache);
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t)
    for (int k = 0; k < 2; ++k)
      CHECK(got[static_cast<std::size_t>(t * 2 + k)] == expected[static_cast<std::size_t>((t + k) % 4)]);
  CHECK(cache.size(face("song")) == 4);
}

TEST_CASE("subset cache: one made for another font library is refused", "[pdf][cache]") {
  DiagnosticSink sink;
  auto other = layout::FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
  REQUIRE(other);
  pdf::SubsetCache cache(*other);
  CHECK_THROWS_AS(pdf::write_pdf(page(0), test::font_library(), meta(), nullptr, &cache), std::invalid_argument);
  CHECK(cache.size(face("song")) == 0);
}
