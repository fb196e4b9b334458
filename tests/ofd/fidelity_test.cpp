// Text fidelity of the OFD: the characters of each TextCode read back in order (as a reader
// that copies text would) reach the same recall against the seed as the PDF's pdftotext,
// rendered from the same layout in the same run.
#include <catch2/catch.hpp>

#include "support/fidelity.h"
#include "support/support.h"

using namespace jixiao;

TEST_CASE("ofd: each seed's text read back from the OFD as well as from the PDF", "[ofd][fidelity]") {
  const std::pair<const char*, const char*> cases[] = {
      {"examples/suzhou-2021-project-selfeval.json", "tests/data/seeds/000_a9afde5b0ed66992.txt"},
      {"examples/suzhou-2021-project-declaration.json", "tests/data/seeds/001_d061c36c742e9f2b.txt"},
      {"examples/shenzhen-2020-department-selfeval.json", "tests/data/seeds/003_1241c350b72d2fb5.txt"},
      {"examples/shenzhen-2021-project-selfeval.json", "tests/data/seeds/004_5fb69b45dc18677b.txt"},
  };
  auto dir = test::temp_dir("ofd-fidelity");
  for (const auto& [example, seed] : cases) {
    INFO(example);
    const std::string data = test::source_path(example);
    for (const char* ext : {".pdf", ".ofd"}) {
      auto r = test::run_jixiao("render " + data + " -o " + dir + "/out" + ext);
      INFO(r.err);
      REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    }
    const std::string seed_text = test::clean_seed(test::slurp(test::source_path(seed)));
    const std::string from_pdf = test::strip_space(test::run_command("pdftotext -raw " + dir + "/out.pdf -").out);
    auto read = test::run_command("/usr/bin/python3 " + test::source_path("tests/ofd/ofd_tool.py") + " text " + dir +
                                  "/out.ofd");
    REQUIRE(read.exit_code == 0);
    const std::string from_ofd = test::strip_space(read.out);
    const double pdf = test::recall(test::strip_space(seed_text), from_pdf);
    const double ofd = test::recall(test::strip_space(seed_text), from_ofd);
    const double order = test::in_order(seed_text, from_ofd);
    WARN(example << ": OFD " << ofd * 100 << "%, PDF " << pdf * 100 << "% of the seed's characters; OFD "
                 << order * 100 << "% of its cells in order");
    CHECK(ofd >= pdf - 1e-9);
    CHECK(ofd >= 0.98);
    CHECK(order >= 0.9);
  }
}
