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

// The white-space separated words of s, each with its offset in s.
struct Word {
  std::size_t at = 0;
  std::string_view text;
};
std::vector<Word> words(std::string_view s);

// One entry of <table widths>: a length (a fixed column), "auto", or "MIN..MAX" with either
// side left out ("18mm..", "..30mm"): a column sized from its text within the bounds given.
// Only the syntax is checked; ranges are the loader's.
struct ColumnWidthEntry {
  bool automatic = false;
  double fixed = 0;                // points, when not automatic
  std::optional<double> min, max;  // points, the bounds given
};
std::optional<ColumnWidthEntry> parse_column_width(std::string_view s, double em_size);
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
// Points as millimetres for messages, to 0.01mm without trailing zeros: "180mm", "25.4mm",
// as template authors write them.
std::string mm_text(double points);

// Lengths are compared with limits to within 1/1000 pt (0.35 µm): "180mm" in points and
// the A4 text width 210mm − 2 × 15mm differ by float rounding (about 1e-13 pt), and no
// printer resolves 1/1000 pt, while the smallest step messages print (0.01mm = 0.028pt)
// stays well above it: a length refused is shown beyond its limit.
constexpr double kLengthTolerancePt = 0.001;
inline bool length_within(double points, double max) { return points <= max + kLengthTolerancePt; }
inline bool length_short_of(double points, double min) { return points < min - kLengthTolerancePt; }

}  // namespace jixiao::tmpl
