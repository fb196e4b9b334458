// A CID-keyed CFF subset written by us from flattened charstrings kept per face, so that a
// bulk run does not run hb-subset over a CJK face for every document (PROTOTYPE, switched
// on by JIXIAO_CFF_WRITER=1; see docs/cff-writer-wip.md). Each glyph is flattened once per
// process by hb-subset (DESUBROUTINIZE | NO_HINTING, as pdf/subset.cpp does), so its
// charstring is byte for byte the one a whole-document hb-subset would write.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/fonts.h"
#include "pdf/cff.h"
#include "pdf/subset.h"

namespace jixiao::pdf {

// Whether JIXIAO_CFF_WRITER=1 is set (read once).
bool cff_writer_enabled();

// A bare CID-keyed CFF program: Header, Name INDEX, Top DICT (ROS, CIDCount, charset,
// FDSelect, CharStrings, FDArray), String INDEX (the ROS strings), an empty Global Subr
// INDEX, charset, FDSelect, CharStrings INDEX and FDArray INDEX of the Font DICTs used, each
// with a Private DICT without hints or local subrs. gids: original glyph ids, ascending,
// .notdef first; charstrings: theirs, flattened.
std::string write_cid_cff(const CffFace& face, const std::string& name, const std::vector<std::uint32_t>& gids,
                          const std::vector<std::string_view>& charstrings);

// The subset of a CID-keyed CFF face for a glyph set, from the face's charstring cache
// (thread-safe; kept in fonts.derived). Glyphs not cached yet are flattened by one hb-subset
// of just them. Nothing for a face without a CID-keyed CFF table. Throws Failure
// ("pdf.write") as FontSubset does.
std::optional<FontSubset> cached_cff_subset(const layout::FontLibrary& fonts, layout::FontId id,
                                            const std::vector<std::uint32_t>& glyphs, const std::string& name);

}  // namespace jixiao::pdf
