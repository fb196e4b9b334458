// Printing numbers for forms: fixed decimals, trimmed decimals, money with thousands
// separators. Independent of the process locale.
//
// Rounding rule: a double is first written as its shortest round-trip decimal (what a
// person sees in the data file: 0.975, not 0.97499999999999997780), and that decimal is
// rounded half away from zero. So fixed:2 of 0.975 is "0.98" and of -2.675 is "-2.68",
// as an accountant rounding the printed figure by hand would get.
#pragma once
#include <cstdint>
#include <string>

namespace jixiao::expr {

// The largest magnitude a form prints: 10^16, ten times the largest plausible amount
// (10^15 yuan, docs/limits.md) and where a double stops holding every cent. Beyond it a
// figure is a data or rule mistake, and printing it would give up to 309 digits: print()
// refuses it (expr.range) naming the binding; messages show it as format_brief does.
constexpr double kPrintableMax = 1e16;
bool printable(double v);  // finite and |v| < kPrintableMax

// A number for messages: up to 2 decimals, trailing zeros trimmed ("0.98", "1035356.3"),
// or, when not printable, its shortest scientific form ("1e+308", "4.9e-324" stays exact
// below 0.005 too) — never hundreds of digits nor a saturated figure.
std::string format_brief(double v);

std::string format_fixed(double v, int decimals);        // 0.975, 2 → "0.98"
std::string format_fixed(std::int64_t v, int decimals);  // 10, 2 → "10.00"
// At most `decimals` decimals, without trailing zeros or a trailing point: 99.80 → "99.8".
std::string format_trim(double v, int decimals);
std::string format_trim(std::int64_t v, int decimals);
// Thousands separators and 2 decimals: 1035356.3 → "1,035,356.30".
std::string format_money(double v);
std::string format_money(std::int64_t v);
// A float as its shortest round-trip digits with at least one decimal, always in fixed
// notation (1.2345678901234568e+29 prints as 123456789012345680000000000000.0); NaN and
// infinities as JSON's null.
std::string format_plain(double v);

}  // namespace jixiao::expr
