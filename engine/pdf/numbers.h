// Number and hex formatting for content streams and CMaps. Hand-rolled with std::to_chars so
// the output never depends on the process locale and never carries binary-float noise.
#pragma once
#include <cstdint>
#include <string>

namespace jixiao::pdf {

// Appends v rounded to 3 decimals, without trailing zeros ("12", "-0.5", "841.89").
void append_number(std::string& out, double v);
// Appends n/1000 exactly, formatted as append_number does.
void append_thousandths(std::string& out, std::int64_t n);
// Rounds to thousandths; the unit content streams are positioned in.
std::int64_t to_thousandths(double v);
// Appends four upper-case hex digits.
void append_hex4(std::string& out, std::uint32_t v);

}  // namespace jixiao::pdf
