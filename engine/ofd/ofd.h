// OFD output (GB/T 33190-2016, 版式文档): laid-out pages → an OFD package, from the same
// page description and the same font subsetter as the PDF (docs/ofd.md).
#pragma once
#include <string>

#include "layout/layout.h"
#include "pdf/pdf.h"

namespace jixiao::ofd {

// The whole package (a ZIP) as bytes. Same pages and metadata give the same bytes. meta's
// title, author, subject, keywords, creator and date go into DocInfo; pdfa_icc_profile is
// not used. The debug overlay is not drawn (the PDF is the debugging view).
// Throws Failure ("ofd.write", or "pdf.write"/"pdf.number-range" from the shared font and
// number code) naming what cannot be written.
std::string write_ofd(const layout::LayoutResult& pages, const layout::FontLibrary& fonts,
                      const pdf::Metadata& meta);

}  // namespace jixiao::ofd
