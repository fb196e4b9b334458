#include "expr/number_format.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include <nlohmann/json.hpp>

namespace jixiao::expr {
namespace {

// A finite number as decimal digits: value = 0.digits × 10^point, sign apart.
struct Decimal {
  bool negative = false;
  std::string digits;  // no leading zeros, or "0"
  int point = 0;
};

Decimal decimal_of(double v) {
  Decimal d;
  d.negative = std::signbit(v);
  v = std::fabs(v);
  if (v == 0) {
    d.digits = "0";
    d.point = 1;
    return d;
  }
  // Shortest round-trip form in scientific notation ("9.75e-01"); to_chars never
  // consults the locale.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string s(buf, r.ptr);
  auto e = s.find('e');
  int exponent = std::stoi(s.substr(e + 1));
  for (std::size_t i = 0; i < e; ++i)
    if (s[i] != '.') d.digits += s[i];
  d.point = exponent + 1;
  return d;
}

Decimal decimal_of(std::int64_t v) {
  Decimal d;
  d.negative = v < 0;
  // Through unsigned so INT64_MIN has a magnitude.
  std::uint64_t m = d.negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  d.digits = std::to_string(m);
  d.point = static_cast<int>(d.digits.size());
  return d;
}

// Rounds half away from zero to `decimals` places; returns integer and fraction digits.
struct Rounded {
  bool negative = false;
  std::string integer;   // at least "0"
  std::string fraction;  // exactly `decimals` digits
};

Rounded round_decimal(Decimal d, int decimals) {
  int keep = d.point + decimals;  // significant digits that survive
  std::string kept;
  int point = d.point;
  if (keep < 0) {
    kept = "";
  } else if (keep >= static_cast<int>(d.digits.size())) {
    kept = d.digits + std::string(keep - d.digits.size(), '0');
  } else {
    kept = d.digits.substr(0, keep);
    if (d.digits[keep] >= '5') {
      int i = keep - 1;
      for (; i >= 0; --i) {
        if (kept[i] == '9') {
          kept[i] = '0';
        } else {
          ++kept[i];
          break;
        }
      }
      if (i < 0) {  // 9.99 → 10.0: one more digit in front
        kept.insert(kept.begin(), '1');
        ++point;
      }
    }
  }
  // kept holds the digits from 10^(point-1) down to 10^-decimals.
  int total = point + decimals;
  if (static_cast<int>(kept.size()) < total) kept.insert(0, total - kept.size(), '0');
  Rounded r;
  int int_digits = static_cast<int>(kept.size()) - decimals;
  if (int_digits <= 0) {
    r.integer = "0";
    r.fraction = std::string(-int_digits, '0') + kept;
  } else {
    r.integer = kept.substr(0, int_digits);
    r.fraction = kept.substr(int_digits);
  }
  auto nz = r.integer.find_first_not_of('0');
  r.integer = nz == std::string::npos ? "0" : r.integer.substr(nz);
  bool zero = r.integer == "0" && r.fraction.find_first_not_of('0') == std::string::npos;
  r.negative = d.negative && !zero;  // never print "-0.00"
  return r;
}

std::string fixed(const Decimal& d, int decimals) {
  Rounded r = round_decimal(d, decimals);
  std::string out = r.negative ? "-" : "";
  out += r.integer;
  if (decimals > 0) out += "." + r.fraction;
  return out;
}

std::string trimmed(const Decimal& d, int decimals) {
  std::string s = fixed(d, decimals);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string money(const Decimal& d) {
  Rounded r = round_decimal(d, 2);
  std::string grouped;
  int n = static_cast<int>(r.integer.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) grouped += ',';
    grouped += r.integer[i];
  }
  return (r.negative ? "-" : "") + grouped + "." + r.fraction;
}

// NaN and infinities cannot be rounded; print them as JSON would rather than invent digits.
bool finite(double v) { return std::isfinite(v); }

}  // namespace

std::string format_fixed(double v, int decimals) {
  return finite(v) ? fixed(decimal_of(v), decimals) : format_plain(v);
}
std::string format_fixed(std::int64_t v, int decimals) { return fixed(decimal_of(v), decimals); }
std::string format_trim(double v, int decimals) {
  return finite(v) ? trimmed(decimal_of(v), decimals) : format_plain(v);
}
std::string format_trim(std::int64_t v, int decimals) { return trimmed(decimal_of(v), decimals); }
std::string format_money(double v) { return finite(v) ? money(decimal_of(v)) : format_plain(v); }
std::string format_money(std::int64_t v) { return money(decimal_of(v)); }
bool printable(double v) { return std::isfinite(v) && std::fabs(v) < kPrintableMax; }

std::string format_brief(double v) {
  if (!finite(v)) return std::isnan(v) ? "NaN" : v > 0 ? "infinity" : "-infinity";
  // Non-zero and below the two decimals shown: the digits say it is not zero.
  if (printable(v) && (v == 0 || std::fabs(v) >= 0.005)) return trimmed(decimal_of(v), 2);
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  return std::string(buf, r.ptr);
}

std::string format_plain(double v) {
  if (!finite(v)) return nlohmann::json(v).dump();
  // Shortest round-trip digits, never in exponent notation: a form shows 123000000000.0,
  // not 1.23e+11, however large or small the figure.
  const Decimal d = decimal_of(v);
  const int n = static_cast<int>(d.digits.size());
  std::string out = d.negative ? "-" : "";
  if (d.point <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
  } else if (d.point >= n) {
    out += d.digits + std::string(static_cast<std::size_t>(d.point - n), '0') + ".0";
  } else {
    out += d.digits.substr(0, static_cast<std::size_t>(d.point)) + "." + d.digits.substr(static_cast<std::size_t>(d.point));
  }
  return out;
}

}  // namespace jixiao::expr
