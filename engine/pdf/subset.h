// One face cut down to the glyphs a document uses (HarfBuzz hb-subset), with the glyph
// renumbering the content streams need and the advance widths of the kept glyphs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct hb_face_t;
struct hb_font_t;
struct hb_map_t;

namespace jixiao::pdf {

class FontSubset {
 public:
  // Keeps .notdef, the given glyphs (ids of the original font) and the components of
  // composite glyphs; drops hinting and every table a PDF TrueType program does not need.
  // font supplies the advances (scale = units per em, as FontLibrary sets it up).
  // Throws Failure ("pdf.write") when HarfBuzz cannot subset the face.
  // face: the font as loaded (its table list decides what is dropped); source: the face to
  // subset — the same, or one prepared for repeated subsetting (hb_subset_preprocess), which
  // must give the same bytes.
  FontSubset(hb_face_t* face, hb_face_t* source, hb_font_t* font,
             const std::vector<std::uint32_t>& glyphs, const std::string& name);
  ~FontSubset();
  FontSubset(FontSubset&& other) noexcept;
  FontSubset& operator=(FontSubset&&) = delete;
  FontSubset(const FontSubset&) = delete;
  FontSubset& operator=(const FontSubset&) = delete;

  // The glyph id in the subset of an original glyph id, which is also its CID (the font
  // uses CIDToGIDMap /Identity). 0 (.notdef) for glyphs not in the subset.
  std::uint16_t cid(std::uint32_t original_gid) const;
  // Advance of a CID in 1/1000 em: what /W says and what text positioning assumes.
  double width(std::uint16_t cid) const { return widths_[cid]; }
  std::size_t glyph_count() const { return widths_.size(); }
  // The subset font file (a TrueType program for /FontFile2).
  const std::string& program() const { return program_; }

 private:
  std::string program_;
  std::vector<double> widths_;
  hb_map_t* old_to_new_ = nullptr;
};

}  // namespace jixiao::pdf
