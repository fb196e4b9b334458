// The document outline (bookmarks) and the viewer preferences, written as objects through
// libharu's dictionary API: HPDF_CreateOutline cuts UTF-16 titles at their first NUL byte.
#pragma once
#include <vector>

#include "layout/layout.h"
#include "pdf/haru.h"

namespace jixiao::pdf {

// Adds /Outlines (and /PageMode /UseOutlines) when there are entries, every entry open,
// each a /Dest [page /XYZ 0 top null]; pages[i] is the object of layout page i.
// Always adds /ViewerPreferences << /DisplayDocTitle true >>.
void add_outline(const HaruDoc& doc, const layout::LayoutResult& layout,
                 const std::vector<HPDF_Page>& pages, Digest& digest);

}  // namespace jixiao::pdf
