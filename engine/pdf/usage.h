// Pass 1 of writing: which glyphs of which faces the document uses, and the text each glyph
// stands for. Every face is subset once per document from this, so the whole document is
// read before anything is written.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.h"

namespace jixiao::pdf {

// The glyphs of one face that the document uses.
class FaceUsage {
 public:
  FaceUsage(layout::FontId font, unsigned glyph_count);

  layout::FontId font() const { return font_; }
  // Records a glyph and the code points it stands for (may be empty). The first non-empty
  // text seen for a glyph wins, so the result depends only on document order; .notdef
  // (glyph 0) always stands for U+FFFD.
  void add(std::uint32_t gid, std::u32string_view text);
  // Whether the face has this glyph id at all (before finish()).
  bool has_glyph(std::uint32_t gid) const { return gid < state_.size(); }
  // Sorts the records; call once after the last add().
  void finish();

  // Used glyph ids of the original font, ascending, without duplicates.
  const std::vector<std::uint32_t>& glyphs() const { return glyphs_; }
  // Text of glyphs()[i]; empty when no occurrence carried text.
  std::u32string_view text(std::size_t i) const;

 private:
  struct Record {
    std::uint32_t gid;
    std::uint32_t begin;  // into pool_
    std::uint32_t len;
  };
  enum : std::uint8_t { kUnseen = 0, kSeen = 1, kSeenWithText = 2 };

  layout::FontId font_;
  std::vector<std::uint8_t> state_;  // per original glyph id
  std::vector<Record> records_;      // one per state change, in document order
  std::u32string pool_;
  std::vector<std::uint32_t> glyphs_;
  std::vector<Record> texts_;        // parallel to glyphs_
};

// All faces a document uses, in order of first use; that order numbers the fonts /F1, /F2 …
class DocumentUsage {
 public:
  // Throws Failure ("pdf.write") for a run naming an unknown face or a glyph id the face
  // does not have: layout bugs that would otherwise produce a broken PDF.
  static DocumentUsage collect(const layout::LayoutResult& pages,
                               const layout::FontLibrary& fonts);

  const std::vector<FaceUsage>& faces() const { return faces_; }
  // Index into faces() of a face, or -1 when the document does not use it.
  int slot(layout::FontId font) const;

 private:
  std::vector<FaceUsage> faces_;
  std::vector<int> slot_of_font_;
};

// A face that loaded but cannot be embedded (a damaged file HarfBuzz gives up on, glyph ids
// its own cmap gives beyond its glyphs): d placed at the face's manifest entry, naming the
// font file, so that the user knows which file to replace.
Diagnostic font_failure(const layout::FontInfo& info, Diagnostic d);

}  // namespace jixiao::pdf
