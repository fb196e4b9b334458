// One face embedded in the PDF: a Type0 font (Identity-H) over a CIDFontType2 whose
// /FontFile2 is the face subset to the document's glyphs (TrueType outlines), or over a
// CIDFontType0 whose /FontFile3 is a CFF subset (OpenType/CFF outlines), with /W widths and a
// /ToUnicode CMap.
#pragma once
#include <memory>
#include <string>

#include "layout/fonts.h"
#include "pdf/haru.h"
#include "pdf/subset.h"
#include "pdf/subset_cache.h"
#include "pdf/usage.h"

namespace jixiao::pdf {

class EmbeddedFont {
 public:
  // Subsets the face (or finds the subset an earlier document made of the same glyphs in
  // subsets, when given) and builds its PDF objects in doc. Adds the font program's digest to
  // digest (the document /ID is a digest of everything that ends up in the file).
  EmbeddedFont(const HaruDoc& doc, const FaceUsage& usage, const layout::FontLibrary& fonts,
               SubsetCache* subsets, Digest& digest);

  // The Type0 font dictionary pages name in their /Resources.
  HPDF_Dict dict() const { return type0_; }
  const FontSubset& subset() const { return prepared_->subset; }
  // "ABCDEF+PostScriptName".
  const std::string& name() const { return name_; }

 private:
  HPDF_Dict descriptor(const HaruDoc& doc, const layout::FontInfo& info) const;
  HPDF_Dict cid_font(const HaruDoc& doc, const FaceUsage& usage, HPDF_Dict descriptor) const;
  HPDF_Dict to_unicode(const HaruDoc& doc, const FaceUsage& usage) const;

  std::shared_ptr<const PreparedFont> prepared_;
  std::string name_;
  HPDF_Dict type0_ = nullptr;
};

}  // namespace jixiao::pdf
