#include "layout/linebreak.h"

#include <unicode/ubrk.h>

#include "diag/diag.h"
#include "layout/text.h"

namespace jixiao::layout {

LineBreaker::LineBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  // The text is given later with ubrk_setText, once per paragraph.
  iterator_ = ubrk_open(UBRK_LINE, "zh", nullptr, 0, &status);
  if (U_FAILURE(status) || !iterator_) {
    throw Failure({Severity::Error, "layout.icu", "", "",
                   std::string("ICU cannot open a line break iterator: ") + u_errorName(status),
                   "", "", {"is the ICU data library (libicudata) installed?"}});
  }
}

LineBreaker::~LineBreaker() {
  if (iterator_) ubrk_close(iterator_);
  if (words_) ubrk_close(words_);
}

void LineBreaker::find(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  find_uax14(text, breaks);
  apply_kinsoku(text, breaks);
  if (text.size() >= 3 && text.size() <= kWordChars) mark_words(text, breaks);
}

bool breakchar::is_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

void LineBreaker::mark_words(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  UErrorCode status = U_ZERO_ERROR;
  if (!words_) {
    // The dictionary segmenter is ICU's (cjdict); without it, no word is known and nothing
    // changes: breaks stay between any two ideographs.
    words_ = ubrk_open(UBRK_WORD, "zh", nullptr, 0, &status);
    if (U_FAILURE(status) || !words_) {
      words_ = nullptr;
      return;
    }
  }
  ubrk_setText(words_, reinterpret_cast<const UChar*>(utf16_.data()), static_cast<int32_t>(utf16_.size()),
               &status);
  if (U_FAILURE(status)) return;
  boundary_.assign(text.size() + 1, 0);
  for (int32_t b = ubrk_first(words_); b != UBRK_DONE; b = ubrk_next(words_))
    boundary_[to_utf32_[static_cast<std::size_t>(b)]] = 1;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (breaks[i] == kBreak && !boundary_[i] && breakchar::is_ideograph(text[i - 1]) && breakchar::is_ideograph(text[i]))
      breaks[i] = kInWord;
}

void LineBreaker::find_uax14(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  breaks.assign(text.size() + 1, 0);
  if (text.size() < 2) return;
  // ICU iterates UTF-16; keep the way back to UTF-32 indexes.
  utf16_.clear();
  to_utf32_.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c >= 0x10000 && c <= 0x10FFFF) {
      c -= 0x10000;
      utf16_.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
      utf16_.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
      to_utf32_.push_back(static_cast<std::uint32_t>(i));
      to_utf32_.push_back(static_cast<std::uint32_t>(i));
    } else {
      utf16_.push_back(c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? u'\uFFFD'
                                                                     : static_cast<char16_t>(c));
      to_utf32_.push_back(static_cast<std::uint32_t>(i));
    }
  }
  to_utf32_.push_back(static_cast<std::uint32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText(iterator_, reinterpret_cast<const UChar*>(utf16_.data()),
               static_cast<int32_t>(utf16_.size()), &status);
  if (U_FAILURE(status)) return;  // no opportunities: the filler breaks between characters
  for (int32_t b = ubrk_first(iterator_); b != UBRK_DONE; b = ubrk_next(iterator_)) {
    // Hard (mandatory) breaks cannot occur: '\n' was split off, and a stray U+2028 or
    // form feed is just another opportunity here.
    std::uint32_t i = to_utf32_[static_cast<std::size_t>(b)];
    if (i > 0 && i < text.size()) breaks[i] = kBreak;
  }
}

std::vector<bool> break_opportunities(std::u32string_view text) {
  LineBreaker breaker;
  std::vector<std::uint8_t> breaks;
  breaker.find(text, breaks);
  std::vector<bool> out(text.size(), false);
  for (std::size_t i = 1; i < text.size(); ++i) out[i] = breaks[i] == kBreak || breaks[i] == kInWord;
  return out;
}

std::vector<bool> word_breaks(std::u32string_view text) {
  LineBreaker breaker;
  std::vector<std::uint8_t> breaks;
  breaker.find(text, breaks);
  std::vector<bool> out(text.size(), false);
  for (std::size_t i = 1; i < text.size(); ++i) out[i] = breaks[i] == kBreak;
  return out;
}

}  // namespace jixiao::layout
