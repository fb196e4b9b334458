#include "template/units.h"

#include <charconv>
#include <string>

#include "diag/limits.h"

namespace jixiao::tmpl {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Leading number of s (digits with an optional fraction); rest receives what follows.
std::optional<double> leading_number(std::string_view s, std::string_view& rest) {
  std::size_t n = 0;
  while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')) ++n;
  if (n == 0) return std::nullopt;
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + n, v);  // locale-independent
  if (r.ec != std::errc() || r.ptr != s.data() + n) return std::nullopt;
  rest = s.substr(n);
  return v;
}

struct NamedSize {
  std::string_view name;
  double points;
};
// The traditional Chinese type sizes (字号).
constexpr NamedSize kChineseSizes[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22},  {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5}};

struct NamedPage {
  std::string_view name;
  double width_mm, height_mm;
};
constexpr NamedPage kPages[] = {{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210},
                                {"B5", 176, 250}, {"Letter", 215.9, 279.4}};

}  // namespace

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  std::string_view rest;
  auto v = leading_number(s, rest);
  if (!v || !rest.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_length(std::string_view s, double em_size) {
  s = trim(s);
  std::string_view unit;
  auto v = leading_number(s, unit);
  if (!v) return std::nullopt;
  if (unit.empty() || unit == "pt") return *v;
  if (unit == "mm") return *v * kPointsPerMm;
  if (unit == "cm") return *v * 10 * kPointsPerMm;
  if (unit == "in") return *v * 72;
  if (unit == "em") return *v * em_size;
  return std::nullopt;
}

std::vector<Word> words(std::string_view s) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back({start, s.substr(start, i - start)});
  }
  return out;
}

std::optional<std::vector<double>> parse_lengths(std::string_view s, double em_size) {
  std::vector<double> out;
  for (const Word& w : words(s)) {
    auto v = parse_length(w.text, em_size);
    if (!v) return std::nullopt;
    out.push_back(*v);
  }
  return out;
}

std::optional<ColumnWidthEntry> parse_column_width(std::string_view s, double em_size) {
  s = trim(s);
  ColumnWidthEntry e;
  if (s == "auto") {
    e.automatic = true;
    return e;
  }
  const std::size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    auto v = parse_length(s, em_size);
    if (!v) return std::nullopt;
    e.fixed = *v;
    return e;
  }
  const std::string_view low = s.substr(0, dots), high = s.substr(dots + 2);
  if (low.empty() && high.empty()) return std::nullopt;  // "..": write auto
  e.automatic = true;
  if (!low.empty() && !(e.min = parse_length(low, em_size))) return std::nullopt;
  if (!high.empty() && !(e.max = parse_length(high, em_size))) return std::nullopt;
  return e;
}

std::optional<double> parse_font_size(std::string_view s) {
  s = trim(s);
  for (const auto& n : kChineseSizes)
    if (n.name == s) return n.points;
  std::string_view unit;
  auto v = leading_number(s, unit);
  if (!v || !(unit.empty() || unit == "pt")) return std::nullopt;
  if (*v < limits::kFontSizeMinPt || *v > limits::kFontSizeMaxPt) return std::nullopt;
  return v;
}

std::optional<PageSize> parse_page_size(std::string_view s) {
  s = trim(s);
  for (const auto& p : kPages)
    if (p.name == s) return PageSize{p.width_mm * kPointsPerMm, p.height_mm * kPointsPerMm};
  auto both = parse_lengths(s, 12);
  if (!both || both->size() != 2) return std::nullopt;
  for (double side : *both)
    if (length_short_of(side, limits::kPageSideMinPt) || !length_within(side, limits::kPageSideMaxPt))
      return std::nullopt;
  return PageSize{(*both)[0], (*both)[1]};
}

const char* font_size_help() {
  return "points from 1 to 200 (9, 10.5pt) or a size name: 初号 小初 一号 小一 二号 小二 三号 小三 四号 "
         "小四 五号 小五 六号 小六 七号 八号";
}

const char* page_size_help() {
  return "A3, A4, A5, B5, Letter or \"WIDTH HEIGHT\" (210mm 297mm), each side from 25.4mm to "
         "5080mm";
}

std::string mm_text(double points) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, points / kPointsPerMm, std::chars_format::fixed, 2);
  std::string s(buf, r.ptr);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "mm";
}

}  // namespace jixiao::tmpl
