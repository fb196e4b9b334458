// Font choice per character.
#include <unicode/uchar.h>

#include <algorithm>

#include "layout/shape.h"

namespace jixiao::layout {

namespace {

// Characters that belong to the character before them (combining marks, variation
// selectors, joiners): they take its face unasked, so a cluster is never split between faces
// and an invisible format character never raises a missing-glyph warning.
bool rides_on_previous(char32_t c) {
  if (c < 0x300) return false;
  if (c >= 0x3400 && c <= 0x9FFF) return false;  // ideographs: the common case, skip ICU
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_latin_char(char32_t c) { return c > U' ' && c < 0x7F; }

void FaceChooser::use(const doc::TextStyle& style) {
  primary_ = fonts_.face_for(style.family, style.bold);
  if (primary_ < 0 && !fonts_.fallback().empty()) primary_ = fonts_.fallback().front();
  latin_ = fonts_.latin_face_for(style.family, style.bold);
  bold_ = style.bold;
  // A family without a bold face answers its regular face for bold: equal ids mean "none".
  real_bold_ = real_bold_latin_ = -1;
  if (bold_) {
    if (primary_ >= 0 && primary_ != fonts_.face_for(style.family, false)) real_bold_ = primary_;
    if (latin_ >= 0 && latin_ != fonts_.latin_face_for(style.family, false)) real_bold_latin_ = latin_;
  }
}

FontId FaceChooser::first_with(FontId preferred, char32_t c) const {
  const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(preferred)) << 32) | c;
  auto it = chosen_.find(key);
  if (it != chosen_.end()) return it->second;
  FontId found = -1;
  if (preferred >= 0 && fonts_.glyph(preferred, c) != 0) {
    found = preferred;
  } else {
    for (FontId f : fonts_.fallback())
      if (f != preferred && fonts_.glyph(f, c) != 0) {
        found = f;
        break;
      }
  }
  chosen_.emplace(key, found);
  return found;
}

void FaceChooser::choose(std::u32string_view text, std::vector<FontId>& faces,
                         std::vector<char32_t>& missing) const {
  const std::size_t n = text.size();
  faces.resize(n);
  std::size_t i = 0;
  while (i < n) {
    char32_t c = text[i];
    if (rides_on_previous(c)) {
      faces[i] = i > 0 ? faces[i - 1] : primary_;
      ++i;
      continue;
    }
    std::size_t end = i + 1;  // characters [i, end) share the decision
    bool latin = is_latin_char(c);
    if (c == U' ') {
      // A space between Latin words is set in the Latin face; beside Chinese text, in the
      // Chinese face, whose space is the width Chinese readers expect there.
      while (end < n && text[end] == U' ') ++end;
      latin = i > 0 && is_latin_char(text[i - 1]) && end < n && is_latin_char(text[end]);
    }
    FontId preferred = latin && latin_ >= 0 ? latin_ : primary_;
    FontId face = first_with(preferred, c);
    if (face < 0) {
      face = primary_;  // draws .notdef, the box readers recognise as a missing character
      if (missing.size() <= kMissingNamed && std::find(missing.begin(), missing.end(), c) == missing.end())
        missing.push_back(c);
    }
    std::fill(faces.begin() + static_cast<std::ptrdiff_t>(i),
              faces.begin() + static_cast<std::ptrdiff_t>(end), face);
    i = end;
  }
}

}  // namespace jixiao::layout
