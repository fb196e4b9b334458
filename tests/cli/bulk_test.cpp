// Bulk rendering in one process gives the same bytes as a one-off render, also after the
// font library has switched to faces prepared for repeated subsetting.
#include <catch2/catch.hpp>

#include "jixiao.h"
#include "support/support.h"

using namespace jixiao;

TEST_CASE("bulk: the 100th render of a document in one process equals a fresh render", "[cli][bulk]") {
  auto dir = test::temp_dir("bulk");
  Options opt;
  opt.date = 1640995200;
  Request req;
  req.data_file = test::source_path("examples/mof-2020-project-selfeval.json");
  req.output_file = dir + "/warm.pdf";
  Engine engine(opt);
  std::string first;
  for (int i = 0; i < 100; ++i) {
    Result r = engine.run(req);
    REQUIRE(r.exit_code() == 0);
    if (i == 0) first = test::slurp(req.output_file);
  }
  std::string last = test::slurp(req.output_file);
  auto cold = test::run_jixiao("render " + req.data_file + " -o " + dir + "/cold.pdf --date 1640995200");
  REQUIRE(cold.exit_code == 0);
  CHECK(first.size() > 1000);
  CHECK(last == first);
  CHECK(test::slurp(dir + "/cold.pdf") == first);
}
