#include "support/fidelity.h"

#include <map>
#include <sstream>
#include <vector>

#include "support/support.h"

namespace jixiao::test {

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

}  // namespace

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
      std::string c = strip_space(cell);
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

}  // namespace jixiao::test
