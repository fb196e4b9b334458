#include "scoring/scoring.h"

namespace jixiao::scoring {

std::vector<Centi> split_points(Centi points, std::size_t n, Remainder where) {
  if (n == 0) return {};
  Centi each = points / static_cast<Centi>(n);
  Centi rest = points - each * static_cast<Centi>(n);  // |rest| < n
  std::vector<Centi> out(n, each);
  switch (where) {
    case Remainder::First: out.front() += rest; break;
    case Remainder::Middle: out[n / 2] += rest; break;
    case Remainder::Last: out.back() += rest; break;
    case Remainder::Spread: {
      Centi step = rest < 0 ? -1 : 1;
      for (std::size_t k = 0; k < static_cast<std::size_t>(rest * step); ++k) out[k] += step;
      break;
    }
  }
  return out;
}

std::string numbers_text(const Finding& f) {
  std::string out;
  auto add = [&](const std::string& label, const std::string& number) {
    if (!number.empty()) out += (out.empty() ? "" : ", ") + label + " " + number;
  };
  add(f.computed_as, f.computed);
  add(f.declared_as, f.declared);
  return out.empty() ? out : " (" + out + ")";
}

}  // namespace jixiao::scoring
