// One face cut down to the glyphs a document uses (HarfBuzz hb-subset), with the CIDs the
// content streams must write and the advance widths of the kept glyphs. TrueType (glyf)
// faces become a TrueType program whose CIDs are the subset's glyph ids; OpenType/CFF faces
// become a bare CFF program whose CIDs are what its charset says (see pdf/cff.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct hb_face_t;
struct hb_font_t;
struct hb_map_t;

namespace jixiao::pdf {

// Advance of glyph gid in 1/1000 em, rounded to 1/8 (see subset.cpp): what /W says.
double advance_per_mille(hb_font_t* font, std::uint32_t gid);

class FontSubset {
 public:
  enum class Outlines { TrueType, Cff };
  // Keeps .notdef, the given glyphs (ids of the original font) and the components of
  // composite glyphs; drops hinting and every table a PDF font program does not need.
  // font supplies the advances (scale = units per em, as FontLibrary sets it up).
  // Throws Failure ("pdf.write") when HarfBuzz cannot subset the face.
  // face: the font as loaded (its table list decides what is dropped); source: the face to
  // subset — the same, or one prepared for repeated subsetting (hb_subset_preprocess), which
  // must give the same bytes.
  // unicodes (the OFD writer): also keep a cmap for these code points (their nominal glyphs
  // join the subset) and the whole subset font file, font_file(); null: as for a PDF.
  FontSubset(hb_face_t* face, hb_face_t* source, hb_font_t* font,
             const std::vector<std::uint32_t>& glyphs, const std::string& name,
             const std::vector<std::uint32_t>* unicodes = nullptr);
  // A program made elsewhere: a CID-keyed CFF one (pdf/cff_writer.h) or a TrueType one
  // (pdf/truetype_writer.h, cids empty: CIDs are glyph ids). Its glyph i is original glyph
  // kept[i] (ascending, .notdef first), with CID cids[i] and width widths[i].
  FontSubset(std::string program, const std::vector<std::uint32_t>& kept, std::vector<std::uint16_t> cids,
             std::vector<double> widths, Outlines outlines = Outlines::Cff);
  ~FontSubset();
  FontSubset(FontSubset&& other) noexcept;
  FontSubset& operator=(FontSubset&&) = delete;
  FontSubset(const FontSubset&) = delete;
  FontSubset& operator=(const FontSubset&) = delete;

  Outlines outlines() const { return outlines_; }
  // Whether a CFF program is CID-keyed (has ROS); its CIDs then come from the charset.
  bool cid_keyed() const { return cid_keyed_; }

  // The CID a content stream writes for a glyph of the original font: the subset's glyph id
  // for TrueType (CIDToGIDMap /Identity) and non-CID CFF, the charset's CID for CID-keyed
  // CFF. The CID of .notdef (0) for glyphs not in the subset.
  std::uint16_t cid(std::uint32_t original_gid) const;
  // Advance of a glyph of the original font in 1/1000 em: what /W says for its CID and what
  // text positioning assumes.
  double width(std::uint32_t original_gid) const { return widths_[new_gid(original_gid)]; }
  std::size_t glyph_count() const { return widths_.size(); }
  // The subset font program: a TrueType font for /FontFile2, or a bare CFF table for
  // /FontFile3 /Subtype /CIDFontType0C.
  const std::string& program() const { return program_; }
  // With unicodes: the complete subset font (TrueType, or OpenType with its CFF), cmap
  // included; else empty.
  const std::string& font_file() const { return font_file_; }
  // The subset's glyph id of a glyph of the original font (0 when not in the subset).
  std::uint32_t new_gid(std::uint32_t original_gid) const;

 private:
  Outlines outlines_ = Outlines::TrueType;
  bool cid_keyed_ = false;
  std::string program_;
  std::string font_file_;
  std::vector<double> widths_;       // per subset glyph id
  std::vector<std::uint16_t> cids_;  // per subset glyph id, CFF only
  hb_map_t* old_to_new_ = nullptr;
};

}  // namespace jixiao::pdf
