// A face's FontInfo from its sfnt tables (face_info.cpp), without FreeType's face loading.
#pragma once
#include "layout/fonts.h"

namespace jixiao::layout {

// Fills the table-derived fields of info (names, metrics, flags; not file, index, manifest,
// entry) as FreeType would report them. false when the face lacks head or hhea.
bool read_face_info(hb_face_t* face, FontInfo& info);

}  // namespace jixiao::layout
