// One page's Content.xml (GB/T 33190-2016 sections 7.7, 8, 9, 11): table rules as
// PathObjects, each glyph run as a TextObject whose TextCode carries the run's characters
// with DeltaX, and a CGTransform wherever a character's glyph is not the one the font's cmap
// gives (ligatures, contextual forms, several glyphs for one character).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "pdf/subset.h"
#include "pdf/usage.h"

namespace jixiao::ofd {

// The glyphs [glyph_begin, glyph_end) of a run that stand for its text [text_begin,
// text_begin + text_len): a glyph with text and the text-less glyphs after it.
struct Cluster {
  std::size_t glyph_begin = 0, glyph_end = 0;
  std::uint32_t text_begin = 0, text_len = 0;
};
// The run's clusters in order. Glyphs before the first glyph with text join its cluster; a
// run without text has none (a TextCode has nothing to show them by). Throws Failure
// ("ofd.write") for a cluster whose text lies outside the run's text (a layout bug).
std::vector<Cluster> clusters(const layout::GlyphRun& run);

// A face as the package holds it: its subset and its ID in PublicRes.xml.
struct PackageFont {
  pdf::FontSubset subset;
  std::uint32_t id = 0;
};

// The page's Content.xml; IDs of its layer and objects are taken from next_id on.
// fonts: by DocumentUsage slot.
std::string page_content(const layout::Page& page, const layout::FontLibrary& library,
                         const pdf::DocumentUsage& usage, const std::vector<PackageFont>& fonts,
                         std::uint32_t& next_id);

}  // namespace jixiao::ofd
