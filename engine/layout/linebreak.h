// Line-break opportunities: UAX #14 from ICU's line break iterator, then the Chinese 禁则
// (kinsoku) and the number/word rules of the forms on top. Private to the layout stage.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

struct UBreakIterator;  // ICU, opaque here

namespace jixiao::layout {

// Character classes the break rules (and the line filler's emergency breaks) look at.
namespace breakchar {
// Must not start a line: ，。、；：？！）」』》〉】〕”’…—%‰℃, ASCII ,.;:?!)]}, small kana…
bool is_closing(char32_t c);
// Must not end a line: （「『《〈【〔“‘ ([{ …
bool is_opening(char32_t c);
// Stays with a following digit: ¥ $ ≥ ≤ > < = ± + − …
bool is_number_prefix(char32_t c);
bool is_digit(char32_t c);  // ASCII and full-width digits
bool is_ideograph(char32_t c);  // CJK unified ideographs, extensions and compatibility ones
}  // namespace breakchar

// What breaks[i] says about a break before text[i].
enum BreakKind : std::uint8_t {
  kNoBreak = 0,
  kBreak = 1,
  // Inside a unit of meaning (between 年 and 月 of a date, inside a short bracketed group
  // like （万元）): not an opportunity, but the first place to cut a piece wider than the
  // line, before any cut between characters.
  kLastResort = 2,
  // Inside a word of ICU's Chinese dictionary, in a short paragraph (a label, a column
  // heading: kWordChars at most): an opportunity, but a line set with one is re-broken at
  // word boundaries when the same number of lines allows (资金使用 | 合规性, not
  // 资金使 | 用合规性; text_tail.cpp). Running text breaks between any two ideographs, as
  // Chinese typesetting does, and is not segmented.
  kInWord = 3,
};

// Paragraphs up to this many characters are segmented into words.
constexpr std::size_t kWordChars = 16;

// Finds break opportunities; keeps one ICU iterator and its UTF-16 buffer between calls
// (opening an iterator costs far more than running it over a table cell).
class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // breaks[i] = the BreakKind before text[i]; breaks has text.size() + 1 entries and
  // breaks[0] = breaks[size] = kNoBreak (the ends are not opportunities, they are the ends).
  // text holds no '\n' (hard breaks are split off before).
  void find(std::u32string_view text, std::vector<std::uint8_t>& breaks);

 private:
  void find_uax14(std::u32string_view text, std::vector<std::uint8_t>& breaks);
  // Marks the opportunities between two ideographs that are not word boundaries (after
  // find_uax14, whose UTF-16 buffer it reuses).
  void mark_words(std::u32string_view text, std::vector<std::uint8_t>& breaks);

  UBreakIterator* iterator_ = nullptr;
  UBreakIterator* words_ = nullptr;  // opened on first use
  std::vector<std::uint8_t> boundary_;  // per UTF-32 index: a word boundary
  std::vector<char16_t> utf16_;
  std::vector<std::uint32_t> to_utf32_;  // UTF-16 index → UTF-32 index
};

// The Chinese rules applied to UAX #14's answer (in linebreak_rules.cpp): 禁则, numbers,
// Latin words, dates, ranges, numbers with their units and short bracketed groups.
void apply_kinsoku(std::u32string_view text, std::vector<std::uint8_t>& breaks);

}  // namespace jixiao::layout
