// TrueType (glyf) subsets for /FontFile2 written by us from glyph records kept per face, so
// a bulk run does not plan an hb-subset of LXGW WenKai (29,000 glyphs) for every document.
// A record is the face's glyf entry with hinting dropped as hb-subset's NO_HINTING drops it;
// only a composite's component ids depend on the subset, and they are renumbered when the
// program is written. head, hhea, maxp, post, OS/2 and name are hb-subset's for .notdef
// alone, made once per face: they do not depend on the glyphs (but see OS/2 below).
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/subset.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace jixiao::pdf {

// The bytes of table tag in an sfnt font file; empty when absent or out of the file.
std::string_view sfnt_table(std::string_view font, std::uint32_t tag);

// One TrueType face's glyph records, kept as they are met. Thread-safe: the lock guards
// look-up and insertion only, records are read outside it. Bounded by the face: at most one
// entry per glyph, never changed or dropped while the cache lives.
class TrueTypeGlyphs {
 public:
  // Null for a face without glyf outlines. face, source, font: as for FontSubset. Throws
  // Failure ("pdf.write") for a short loca or hmtx table.
  static std::shared_ptr<TrueTypeGlyphs> of(hb_face_t* face, hb_face_t* source, hb_font_t* font,
                                            const std::string& name);

  // The face subset to glyphs (original ids; .notdef and composites' components added),
  // with the glyph ids hb-subset gives: dense, in original id order. font: for /W widths.
  // Throws Failure ("pdf.write") naming the font for a malformed glyph record.
  FontSubset subset(hb_font_t* font, const std::vector<std::uint32_t>& glyphs, const std::string& name);
  // How many glyphs are kept, and their records' bytes.
  std::size_t size();
  std::size_t bytes();

  TrueTypeGlyphs(hb_face_t* face, hb_face_t* source, hb_font_t* font, const std::string& name);
  ~TrueTypeGlyphs();
  TrueTypeGlyphs(const TrueTypeGlyphs&) = delete;
  TrueTypeGlyphs& operator=(const TrueTypeGlyphs&) = delete;

 private:
  struct Glyph {
    std::string record;                     // hinting dropped; empty for a glyph without outline
    std::vector<std::uint32_t> components;  // original ids, a composite's
    std::vector<std::size_t> component_at;  // where each component's glyph id is in record
    std::uint16_t advance;
    std::int16_t lsb;
    double width;                           // per mille, as /W says
  };
  std::unique_ptr<const Glyph> read(hb_font_t* font, std::uint32_t gid, const std::string& name) const;

  hb_blob_t* glyf_ = nullptr;
  hb_blob_t* loca_ = nullptr;
  hb_blob_t* hmtx_ = nullptr;
  bool long_loca_ = false;
  std::uint32_t num_glyphs_ = 0;
  std::uint32_t num_hmetrics_ = 0;
  // hb-subset's tables for .notdef alone. Its OS/2 then describes an empty cmap (first and
  // last char 0xFFFF, no Unicode ranges): true of our program, which has no cmap.
  std::string head_, hhea_, maxp_, post_, os2_, name_;

  std::mutex mutex_;
  std::vector<std::unique_ptr<const Glyph>> glyphs_;  // per original glyph id; null until met
  std::size_t bytes_ = 0;
};

}  // namespace jixiao::pdf
