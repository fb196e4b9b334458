// Number and hex formatting for content streams and CMaps. Hand-rolled with std::to_chars so
// the output never depends on the process locale and never carries binary-float noise.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::pdf {

// Appends v rounded to 3 decimals, without trailing zeros ("12", "-0.5", "841.89").
void append_number(std::string& out, double v);
// Appends n/1000 exactly, formatted as append_number does; n/1000 is checked as above.
void append_thousandths(std::string& out, std::int64_t n);
// v itself when it is finite and within limits::kPdfNumber; otherwise throws Failure
// ("pdf.number-range", what names it): never an integer overflow, never a number that
// libharu clamps silently or a reader cannot hold.
double checked(double v, const char* what);
// Throws that Failure for what, with got and what was expected.
[[noreturn]] void out_of_range(const char* what, double got, const char* expected);
// Rounds to thousandths (checked), the unit content streams are positioned in.
std::int64_t to_thousandths(double v, const char* what = "a number");
// Appends an 0xRRGGBB colour as the three components of rg/RG ("0.878 0 0").
void append_rgb(std::string& out, std::uint32_t rgb);
// Appends four upper-case hex digits.
void append_hex4(std::string& out, std::uint32_t v);
// Appends text as UTF-16BE hex digits (surrogates and values beyond Unicode as U+FFFD).
void append_utf16be_hex(std::string& out, std::u32string_view text);

}  // namespace jixiao::pdf
