#include "scoring/scoring.h"

namespace jixiao::scoring {

std::vector<Centi> split_points(Centi points, std::size_t n) {
  if (n == 0) return {};
  std::vector<Centi> out(n, points / static_cast<Centi>(n));
  out[n / 2] += points - out[0] * static_cast<Centi>(n);
  return out;
}

}  // namespace jixiao::scoring
