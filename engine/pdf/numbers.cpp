#include "pdf/numbers.h"

#include <charconv>
#include <cmath>

namespace jixiao::pdf {

std::int64_t to_thousandths(double v) { return std::llround(v * 1000.0); }

void append_thousandths(std::string& out, std::int64_t n) {
  if (n < 0) {
    out += '-';
    n = -n;
  }
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, n / 1000).ptr;
  out.append(buf, end);
  int frac = static_cast<int>(n % 1000);
  if (frac == 0) return;
  char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10)};
  int len = 4;
  while (digits[len - 1] == '0') --len;
  out.append(digits, static_cast<std::size_t>(len));
}

void append_number(std::string& out, double v) { append_thousandths(out, to_thousandths(v)); }

void append_hex4(std::string& out, std::uint32_t v) {
  static const char hex[] = "0123456789ABCDEF";
  char buf[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
  out.append(buf, 4);
}

}  // namespace jixiao::pdf
