// Attribute values with units: lengths, font sizes (points or Chinese size names), page
// sizes. All results in points. Parsing never depends on the process locale.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::tmpl {

// "12mm", "1.5cm", "0.5in", "10pt", "2em" (em × em_size), bare number = points.
std::optional<double> parse_length(std::string_view s, double em_size);
// White-space separated lengths.
std::optional<std::vector<double>> parse_lengths(std::string_view s, double em_size);
// Points ("9", "10.5pt") or a Chinese size name (五号 10.5, 小五 9, …), within
// limits::kFontSizeMinPt to kFontSizeMaxPt.
std::optional<double> parse_font_size(std::string_view s);
// A plain non-negative number ("1.25").
std::optional<double> parse_number(std::string_view s);

struct PageSize {
  double width = 0;
  double height = 0;
};
// "A3", "A4", "A5", "B5" (ISO), "Letter", or "WIDTH HEIGHT" in lengths ("210mm 297mm"),
// each side within limits::kPageSideMinPt to kPageSideMaxPt.
std::optional<PageSize> parse_page_size(std::string_view s);

// Names accepted by parse_font_size/parse_page_size, for "expected" in messages.
const char* font_size_help();
const char* page_size_help();
// Points as millimetres for messages: "170.0mm".
std::string mm_text(double points);

}  // namespace jixiao::tmpl
