// Embedded font subsets kept between documents: subsetting and compressing a CJK face is
// most of the time a document takes to write, and a face whose glyph set repeats (headings,
// digits, a template's fixed text) is done once. A CID-keyed CFF face also keeps every
// glyph it has flattened (pdf/cff_writer.h), so a new glyph set costs hb-subset only for
// the glyphs no earlier document had; a TrueType face keeps its glyph records
// (pdf/truetype_writer.h), so a new glyph set costs no hb-subset at all. Owned by whoever holds the font library
// (the engine), passed to write_pdf; it must not outlive that library.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "layout/fonts.h"
#include "pdf/cff_writer.h"
#include "pdf/subset.h"
#include "pdf/truetype_writer.h"

namespace jixiao::pdf {

// A face subset to a glyph set, its program compressed: the same for every document with
// that glyph set, so kept between documents and never changed.
struct PreparedFont {
  FontSubset subset;
  std::string deflated;       // subset.program() as HaruDoc::deflate gives it
  unsigned char fingerprint[16] = {};  // Digest of subset.program(), for the document /ID
};

class SubsetCache {
 public:
  // The most recently used subsets per face: a template's documents share a few glyph sets
  // (empty and filled forms), and a bound keeps a long run's memory flat.
  static constexpr std::size_t kPerFace = 8;

  explicit SubsetCache(const layout::FontLibrary& fonts) : fonts_(&fonts) {}
  SubsetCache(const SubsetCache&) = delete;
  SubsetCache& operator=(const SubsetCache&) = delete;

  // Whether this cache holds subsets of that library's faces (the only one it may serve).
  bool serves(const layout::FontLibrary& fonts) const { return &fonts == fonts_; }

  // The subset of face kept for glyphs (the glyph ids as bytes), or null. Thread-safe.
  std::shared_ptr<const PreparedFont> find(layout::FontId face, const std::string& glyphs);
  // Another thread may have kept the same glyphs meanwhile: equal values, the first stays.
  void keep(layout::FontId face, const std::string& glyphs, std::shared_ptr<const PreparedFont> prepared);
  // How many subsets of face are kept.
  std::size_t size(layout::FontId face);
  // The flattened glyphs of a CID-keyed CFF face, made on first use; null for other faces.
  // Thread-safe. Throws Failure ("pdf.write") for a malformed CFF table (not kept).
  std::shared_ptr<CffGlyphs> cff_glyphs(layout::FontId face, const std::string& name);
  // The glyph records of a TrueType face, made on first use; null for other faces.
  // Thread-safe. Throws Failure ("pdf.write") for malformed tables (not kept).
  std::shared_ptr<TrueTypeGlyphs> truetype_glyphs(layout::FontId face, const std::string& name);

 private:
  using Kept = std::vector<std::pair<std::string, std::shared_ptr<const PreparedFont>>>;
  const layout::FontLibrary* fonts_;
  std::mutex mutex_;
  std::map<layout::FontId, Kept> faces_;  // each most recently used first
  std::map<layout::FontId, std::shared_ptr<CffGlyphs>> cff_;  // null: not a CID-keyed CFF face
  std::map<layout::FontId, std::shared_ptr<TrueTypeGlyphs>> truetype_;  // null: no glyf table
};

}  // namespace jixiao::pdf
