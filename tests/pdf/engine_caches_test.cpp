// The engine keeps a shape cache and a subset cache beside its font library: documents after
// the first take shapes and subsets from them, and forgetting the fonts drops them with the
// library. The bytes never depend on what was kept.
#include <catch2/catch.hpp>

#include "jixiao.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string render(Engine& engine) {
  Request req;
  req.data_file = test::source_path("examples/shenzhen-2020-department-selfeval.json");
  req.pdf_in_memory = true;
  Result res = engine.run(req);
  CHECK(res.exit_code() != 2);
  return res.pdf;
}

}  // namespace

TEST_CASE("engine caches: warm renders and renders after forgetting the fonts give the same bytes", "[pdf][cache]") {
  Options opt;
  opt.date = 1640995200;
  Engine cold(opt);
  const std::string first = render(cold);
  REQUIRE(!first.empty());
  Engine engine(opt);
  CHECK(render(engine) == first);
  CHECK(render(engine) == first);  // shapes and subsets from the caches
  engine.forget({test::source_path("fonts/fonts.json")});  // the library and its caches go
  CHECK(render(engine) == first);
  CHECK(render(engine) == first);
}
