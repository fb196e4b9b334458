// Fidelity: each seed's example rendered, read back with pdftotext, and compared with the
// seed's text (both without white space): the share of the seed's characters present, and
// how much of it comes in the seed's reading order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "support/support.h"

using namespace jixiao;

namespace {

std::vector<std::string> chars(const std::string& s) {  // UTF-8 code points
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// Share of the seed's characters (as a multiset) found in the extraction.
double recall(const std::string& seed, const std::string& got) {
  std::map<std::string, long> have;
  for (auto& c : chars(got)) ++have[c];
  long total = 0, found = 0;
  for (auto& c : chars(seed)) {
    ++total;
    if (have[c] > 0) {
      --have[c];
      ++found;
    }
  }
  return total ? static_cast<double>(found) / static_cast<double>(total) : 0;
}

// Share of the seed's lines (cells, paragraphs; at least 4 characters) found in the
// extraction after the previous one found: the reading order kept. A cell the seed has more
// than once (评价指标, the header rows its own page breaks repeated) is left out: where it
// repeats depends on where pages break, and matching it would skip ahead to a later page.
double in_order(const std::string& seed_text, const std::string& got) {
  // The seed's cells in order, and how often each occurs.
  std::vector<std::string> seed_cells;
  std::map<std::string, int> count;
  std::istringstream in(seed_text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, '\t')) {
      std::string c = test::strip_space(cell);
      if (chars(c).size() < 4) continue;
      seed_cells.push_back(c);
      ++count[c];
    }
  }
  std::size_t pos = 0, lines = 0, ordered = 0;
  for (const std::string& c : seed_cells) {
    if (count[c] > 1) continue;
    ++lines;
    auto at = got.find(c, pos);
    if (at != std::string::npos) {
      ++ordered;
      pos = at + c.size();
    }
  }
  return lines ? static_cast<double>(ordered) / static_cast<double>(lines) : 0;
}

// The seeds' own page furniture that no faithful rendering repeats: drop the "<p>" tags
// of seed 001's source system.
std::string clean_seed(std::string s) {
  for (const char* tag : {"<p>", "</p>"})
    for (auto at = s.find(tag); at != std::string::npos; at = s.find(tag)) s.erase(at, std::string(tag).size());
  return s;
}

}  // namespace

TEST_CASE("fidelity: each seed's text in its rendered example", "[cli][fidelity]") {
  struct Case { const char* example; const char* seed; double min_recall; };
  const Case cases[] = {
      {"examples/suzhou-2021-project-selfeval.json", "tests/data/seeds/000_a9afde5b0ed66992.txt", 0.98},
      {"examples/suzhou-2021-project-declaration.json", "tests/data/seeds/001_d061c36c742e9f2b.txt", 0.98},
      {"examples/shenzhen-2020-department-selfeval.json", "tests/data/seeds/003_1241c350b72d2fb5.txt", 0.98},
      {"examples/shenzhen-2021-project-selfeval.json", "tests/data/seeds/004_5fb69b45dc18677b.txt", 0.98},
  };
  auto dir = test::temp_dir("fidelity");
  for (const auto& c : cases) {
    std::string pdf = dir + "/out.pdf";
    auto r = test::run_jixiao("render " + test::source_path(c.example) + " -o " + pdf);
    INFO(c.example << ": " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    std::string seed_text = clean_seed(test::slurp(test::source_path(c.seed)));
    std::string got = test::strip_space(test::run_command("pdftotext -raw " + pdf + " -").out);
    double rc = recall(test::strip_space(seed_text), got);
    double order = in_order(seed_text, got);
    WARN(c.example << ": " << rc * 100 << "% of the seed's characters, " << order * 100
                   << "% of its cells and paragraphs in the seed's order");
    CHECK(rc >= c.min_recall);
    CHECK(order >= 0.9);
  }
}
