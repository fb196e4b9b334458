// Tagged PDF (ISO 32000-1 14.8): marked content in the pages' content streams and the
// structure tree over it, from the layout's StructElements. libharu knows neither; the
// content operators are ours and the tree is built from its generic objects.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "pdf/haru.h"

namespace jixiao::pdf {

class Tags {
 public:
  explicit Tags(const layout::LayoutResult& layout) : layout_(layout), mcids_(layout.pages.size()) {}

  // Opens the marked-content sequence of a run on page (closed by "EMC"): its element's
  // role with the next MCID of the page, or a pagination artifact for kArtifact.
  // actual_text (UTF-16BE hex after FEFF, or empty): the sequence is a /Span whose
  // /ActualText replaces its glyphs' text for extraction (poppler honours it on a Span only).
  // Returns how many sequences it opened (an artifact with actual_text nests a /Span), that
  // many "EMC" close them.
  int open(std::string& ops, std::size_t page, std::uint32_t tag, const std::string& actual_text = "");

  // The structure tree (StructTreeRoot, one Document element over the layout's elements,
  // the ParentTree), the pages' /StructParents, and the Catalog's /MarkInfo; lang (BCP 47,
  // "zh-CN") as the Catalog's /Lang.
  void write(const HaruDoc& doc, const std::vector<HPDF_Page>& pages, const std::string& lang,
             Digest& digest) const;

  // The operators around content that is no part of the text (table rules, the overlay).
  static constexpr const char* kLayoutArtifact = "/Artifact BMC\n";

 private:
  const layout::LayoutResult& layout_;
  std::vector<std::vector<std::uint32_t>> mcids_;  // per page, per MCID: its element
};

}  // namespace jixiao::pdf
