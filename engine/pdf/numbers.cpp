#include "pdf/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "diag/diag.h"
#include "diag/limits.h"

namespace jixiao::pdf {

namespace {
constexpr auto kMaxThousandths = static_cast<std::int64_t>(limits::kPdfNumber * 1000);
}  // namespace

void out_of_range(const char* what, double v, const char* expected) {
  char got[32];
  std::snprintf(got, sizeof got, "%g", v);
  throw Failure({Severity::Error, "pdf.number-range", "", "",
                 std::string(what) + " in a page's content is out of range", expected, got, {}});
}

double checked(double v, const char* what) {
  if (!(std::isfinite(v) && std::abs(v) <= limits::kPdfNumber))
    out_of_range(what, v, "a finite number within ±32767 (PDF's limit for reals)");
  return v;
}

std::int64_t to_thousandths(double v, const char* what) { return std::llround(checked(v, what) * 1000.0); }

void append_thousandths(std::string& out, std::int64_t n) {
  if (n > kMaxThousandths || n < -kMaxThousandths) checked(static_cast<double>(n) / 1000.0, "a number");
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

void append_utf16be_hex(std::string& out, std::u32string_view text) {
  for (char32_t cp : text) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp >= 0x10000) {
      append_hex4(out, 0xD800 + ((cp - 0x10000) >> 10));
      append_hex4(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      append_hex4(out, cp);
    }
  }
}

void append_hex4(std::string& out, std::uint32_t v) {
  static const char hex[] = "0123456789ABCDEF";
  char buf[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
  out.append(buf, 4);
}

void append_rgb(std::string& out, std::uint32_t rgb) {
  for (int shift = 16; shift >= 0; shift -= 8) {
    if (shift != 16) out += ' ';
    append_number(out, ((rgb >> shift) & 0xFF) / 255.0);
  }
}

}  // namespace jixiao::pdf
