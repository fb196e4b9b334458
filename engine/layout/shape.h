// Font choice per character and HarfBuzz shaping of one paragraph. Private to the layout
// stage; TextSetter owns one of each and reuses their buffers across calls.
#pragma once
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "doc/document.h"
#include "layout/fonts.h"

struct hb_buffer_t;      // HarfBuzz, opaque here
struct hb_language_impl_t;

namespace jixiao::layout {

struct ShapedGlyph {
  std::uint32_t id = 0;
  std::uint32_t cluster = 0;  // index of the cluster's first code point in the paragraph
  float advance = 0;          // points
  float x_offset = 0;         // points
  float y_offset = 0;         // points, up positive
};

// One paragraph after font choice and shaping. Vectors are indexed by code point, except
// glyphs (logical order: clusters ascend). Reused paragraph after paragraph.
struct ShapedText {
  std::vector<FontId> face;
  // A cluster's whole advance sits on its first code point; the others have 0.
  std::vector<float> advance;
  // 1 where a cluster begins: the only places a line may be cut.
  std::vector<std::uint8_t> cluster_start;
  // Blank taken off after a mark's ink by 标点挤压. A line ending on the mark counts it
  // again: readers of the PDF (and the margins) see the glyph's whole em box there.
  std::vector<float> squeezed;
  // Blank a mark may give up at a line's edge: before an opening mark's ink, after a closing
  // mark's ink (clreq's half-width marks at a line's start and end).
  std::vector<float> edge_blank;
  std::vector<ShapedGlyph> glyphs;
};

// Picks the face of each character: Latin text in the family's Latin face, the rest in the
// family's face, then the library's fallback faces for what a face lacks.
// Characters no font has that one text names in warnings.
constexpr std::size_t kMissingNamed = 16;

class FaceChooser {
 public:
  explicit FaceChooser(const FontLibrary& fonts) : fonts_(fonts) {}

  // Resolves the faces of a style; once per set() call, not per paragraph.
  void use(const doc::TextStyle& style);
  // The family's face (or the first fallback face when the family is unknown); -1 when the
  // library has no face at all. Missing characters are drawn as its .notdef.
  FontId primary() const { return primary_; }
  // The faces choose() starts from for the current style: with the text, all it depends on.
  std::pair<FontId, FontId> faces_in_use() const { return {primary_, latin_}; }
  // Whether a face chosen for the current style must be emboldened by the PDF writer: bold
  // was asked for and the face is not the family's (or its Latin family's) own bold face.
  bool synthetic_bold(FontId face) const {
    return bold_ && face >= 0 && face != real_bold_ && face != real_bold_latin_;
  }

  // faces[i] = face for text[i]. Characters no face has get the primary face and are
  // appended to missing unless already there; past kMissingNamed of them, one more entry
  // stands for all the rest (the search for duplicates stays short, the warnings few).
  void choose(std::u32string_view text, std::vector<FontId>& faces,
              std::vector<char32_t>& missing) const;

 private:
  FontId first_with(FontId preferred, char32_t c) const;

  const FontLibrary& fonts_;
  // first_with's answers for this setter's life: a report of 12,000 characters has a few
  // hundred distinct ones, each looked up in one or more cmaps.
  mutable std::unordered_map<std::uint64_t, FontId> chosen_;
  FontId primary_ = -1;
  FontId latin_ = -1;
  bool bold_ = false;
  FontId real_bold_ = -1;        // the family's bold face, when the manifest has one
  FontId real_bold_latin_ = -1;  // the same for its Latin family
};

// Shapes runs of one face with HarfBuzz, one hb_buffer reused for every run.
class Shaper {
 public:
  explicit Shaper(const FontLibrary& fonts);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  // Fills out.advance, out.cluster_start and out.glyphs from text and out.face (set
  // before by FaceChooser::choose) at size points.
  void shape(std::u32string_view text, float size, ShapedText& out);

 private:
  void shape_run(std::u32string_view text, std::size_t begin, std::size_t end, float size,
                 ShapedText& out);
  // Curly quotes in Chinese text one em wide.
  void full_width_quotes(std::u32string_view text, float size, ShapedText& out);
  // Half an em off the first or second of two full-width marks in a row (标点挤压).
  void compress_punctuation(std::u32string_view text, float size, ShapedText& out);

  // A glyph's ink box in font units, or nothing (HarfBuzz could not tell). Kept for the
  // setter's life: a CFF glyph's box is found by running its charstring, and the same few
  // marks (，。、：) come back in every paragraph.
  struct Ink {
    bool known;
    std::int32_t x_bearing, width;
  };
  const Ink& ink(FontId face, std::uint32_t glyph);

  const FontLibrary& fonts_;
  std::unordered_map<std::uint64_t, Ink> inks_;
  hb_buffer_t* buffer_ = nullptr;
  const hb_language_impl_t* language_ = nullptr;
};

// Whether a code point counts as Latin text for font choice (ASCII letters, digits,
// punctuation); spaces count when Latin text stands on both sides.
bool is_latin_char(char32_t c);
// Spaces that hang at a line end: neither counted nor drawn there.
inline bool is_space(char32_t c) { return c == U' ' || c == U'\u3000'; }

}  // namespace jixiao::layout
