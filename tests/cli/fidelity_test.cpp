// Fidelity: each seed's example rendered, read back with pdftotext, and compared with the
// seed's text (both without white space): the share of the seed's characters present, and
// how much of it comes in the seed's reading order.
#include <catch2/catch.hpp>

#include "support/fidelity.h"
#include "support/support.h"

using namespace jixiao;

TEST_CASE("fidelity: each seed's text in its rendered example", "[cli][fidelity]") {
  // Reading order is content order (pdftotext -raw): a cell split across a page break ends
  // its page's text and starts the next's, and short rows are not split (003: 98% in order,
  // 93.75% before; the rest are seed cells that are line fragments of the seed itself).
  struct Case { const char* example; const char* seed; double min_recall, min_order; };
  const Case cases[] = {
      {"examples/suzhou-2021-project-selfeval.json", "tests/data/seeds/000_a9afde5b0ed66992.txt", 0.98, 0.97},
      {"examples/suzhou-2021-project-declaration.json", "tests/data/seeds/001_d061c36c742e9f2b.txt", 0.98, 0.97},
      {"examples/shenzhen-2020-department-selfeval.json", "tests/data/seeds/003_1241c350b72d2fb5.txt", 0.98, 0.97},
      {"examples/shenzhen-2021-project-selfeval.json", "tests/data/seeds/004_5fb69b45dc18677b.txt", 0.98, 0.97},
  };
  auto dir = test::temp_dir("fidelity");
  for (const auto& c : cases) {
    std::string pdf = dir + "/out.pdf";
    auto r = test::run_jixiao("render " + test::source_path(c.example) + " -o " + pdf);
    INFO(c.example << ": " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    std::string seed_text = test::clean_seed(test::slurp(test::source_path(c.seed)));
    std::string got = test::strip_space(test::run_command("pdftotext -raw " + pdf + " -").out);
    double rc = test::recall(test::strip_space(seed_text), got);
    double order = test::in_order(seed_text, got);
    WARN(c.example << ": " << rc * 100 << "% of the seed's characters, " << order * 100
                   << "% of its cells and paragraphs in the seed's order");
    CHECK(rc >= c.min_recall);
    CHECK(order >= c.min_order);
  }
}
