#include "diag/suggest.h"

#include <algorithm>

#include "diag/utf8.h"

namespace jixiao {
namespace {

// Malformed bytes count as one character each: a name is compared, not validated, here.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  char32_t cp = 0;
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i, cp) ? cp : U'\uFFFD';
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a8, std::string_view b8) {
  std::u32string a = code_points(a8), b = code_points(b8);
  // Names are short; past this the answer is "far" and the quadratic table is not worth it.
  if (a.size() > 256 || b.size() > 256) return std::max(a.size(), b.size());
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t allowed = std::max<std::size_t>(1, code_points(word).size() / 3);
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string near = nearest(word, candidates);
  return near.empty() ? near : "did you mean '" + near + "'?";
}

bool suggest(std::vector<std::string>& hints, std::string_view word, const std::vector<std::string>& candidates) {
  std::string hint = did_you_mean(word, candidates);
  if (hint.empty()) return false;
  hints.push_back(std::move(hint));
  return true;
}

}  // namespace jixiao
