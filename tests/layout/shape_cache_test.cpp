// layout::ShapeCache: shapes of short paragraphs shared between documents give the layout
// shaping anew gives, hold the first kCapacity keys, are shared by threads, and serve only
// the font library they were made for.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>

#include "layout/shape_cache.h"
#include "layout_fixture.h"
#include "pdf/pdf.h"
#include "support/support.h"

using namespace jixiao;
using jixiao::test::para;

namespace {

// Labels that recur (shared), a long paragraph (not shared) and a table of short cells.
doc::Document form() {
  doc::Document d;
  d.page = test::page_with_body(300);
  d.blocks.push_back(para("项目名称"));
  d.blocks.push_back(para(std::string(40, 'x') +
                          "偏差原因分析及改进措施：项目按计划完成，资金到位率100%，支出进度符合预期。"));
  doc::Table t;
  t.column_widths = {100, 200};
  t.rows.push_back({{test::cell("金额（元）"), test::cell("870996.00")}});
  t.rows.push_back({{test::cell("自评得分"), test::cell("92.50")}});
  d.blocks.push_back(t);
  d.blocks.push_back(para("项目名称"));
  return d;
}

// The laid-out pages as PDF bytes: equal bytes, equal layout.
std::string pdf_of(const layout::LayoutResult& pages) {
  pdf::Metadata m;
  m.date = 0;
  return pdf::write_pdf(pages, test::layout_fonts(), m);
}

std::string lay(layout::ShapeCache* shapes) {
  DiagnosticSink sink;
  layout::LayoutOptions options;
  options.shapes = shapes;
  auto pages = layout::lay_out(form(), test::layout_fonts(), sink, options);
  CHECK(sink.all().empty());
  return pdf_of(pages);
}

}  // namespace

TEST_CASE("shape cache: shared shapes give the layout shaping anew gives", "[layout][cache]") {
  const std::string anew = lay(nullptr);
  layout::ShapeCache cache(test::layout_fonts());
  CHECK(lay(&cache) == anew);
  const std::size_t kept = cache.size();
  CHECK(kept >= 4);  // the labels and cells; not the long paragraph
  CHECK(lay(&cache) == anew);
  CHECK(cache.size() == kept);  // found, not kept again
}

TEST_CASE("shape cache: the first kCapacity keys are kept, a kept key is not replaced", "[layout][cache]") {
  layout::ShapeCache cache(test::layout_fonts());
  auto a = std::make_shared<const layout::ParagraphShape>();
  auto b = std::make_shared<const layout::ParagraphShape>();
  for (std::size_t i = 0; i < layout::ShapeCache::kCapacity + 10; ++i) cache.keep("k" + std::to_string(i), a);
  CHECK(cache.size() == layout::ShapeCache::kCapacity);
  CHECK(cache.find("k0") == a);
  CHECK(cache.find("k" + std::to_string(layout::ShapeCache::kCapacity)) == nullptr);
  cache.keep("k0", b);
  CHECK(cache.find("k0") == a);
}

TEST_CASE("shape cache: threads laying out at once share it and get the same layout", "[layout][cache]") {
  const std::string anew = lay(nullptr);
  layout::ShapeCache cache(test::layout_fonts());
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t) threads.emplace_back([&, t] { got[t] = lay(&cache); });
  for (auto& th : threads) th.join();
  for (const auto& g : got) CHECK(g == anew);
}

TEST_CASE("shape cache: one made for another font library is refused", "[layout][cache]") {
  DiagnosticSink sink;
  auto other = layout::FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
  REQUIRE(other);
  layout::ShapeCache cache(*other);
  layout::LayoutOptions options;
  options.shapes = &cache;
  CHECK_THROWS_AS(layout::lay_out(form(), test::layout_fonts(), sink, options), std::invalid_argument);
  CHECK(cache.size() == 0);
}
