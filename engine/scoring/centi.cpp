#include "scoring/scoring.h"

#include <cmath>
#include <cstdio>

namespace jixiao::scoring {

Centi to_centi(double value) {
  // Callers check what scores first (kPointsMax, kRatioMax, expr::kPrintableMax, ±10^16);
  // this only keeps a figure that escaped them from overflowing int64.
  constexpr double kLimit = 9e18;
  if (!(value * 100.0 < kLimit)) return static_cast<Centi>(kLimit);
  if (!(value * 100.0 > -kLimit)) return -static_cast<Centi>(kLimit);
  // Shortest decimal first: 0.145 is 0.14499… in binary but is written 0.145 in the data.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9f", value * 100.0);
  double v = std::strtod(buf, nullptr);
  return static_cast<Centi>(v < 0 ? -std::floor(-v + 0.5) : std::floor(v + 0.5));
}

double from_centi(Centi c) { return static_cast<double>(c) / 100.0; }

std::string centi_text(Centi c, int decimals) {
  bool neg = c < 0;
  Centi a = neg ? -c : c;
  std::string s = std::to_string(a / 100);
  std::string frac = std::to_string(100 + a % 100).substr(1);
  if (decimals < 0) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  } else if (decimals == 1) {
    frac = frac.substr(0, 1);  // callers ask for 1 decimal only of values with one
  } else if (decimals == 0) {
    frac.clear();
  }
  if (!frac.empty()) s += "." + frac;
  return (neg ? "-" : "") + s;
}

}  // namespace jixiao::scoring
