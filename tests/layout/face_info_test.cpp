// FontInfo comes from the face's tables (layout/face_info.cpp), not from FreeType's face
// loading; every field must be what FreeType reports, for every face of the manifest: the
// PDF's font descriptors and the OFD's font list are made from them.
#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include "layout/fonts.h"
#include "support/support.h"

using namespace jixiao;
using namespace jixiao::layout;

TEST_CASE("face info from the tables is FreeType's, for every face of the manifest", "[layout][fonts]") {
  DiagnosticSink sink;
  auto lib = FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(lib->face_count() >= 8);
  FT_Library ft = nullptr;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  for (std::size_t id = 0; id < lib->face_count(); ++id) {
    const FontInfo& info = lib->info(static_cast<FontId>(id));
    INFO(info.file << " face " << info.index);
    FT_Face f = nullptr;
    REQUIRE(FT_New_Face(ft, info.file.c_str(), info.index, &f) == 0);
    const char* ps = FT_Get_Postscript_Name(f);
    CHECK(info.postscript_name == std::string(ps ? ps : ""));
    CHECK(info.family_name == std::string(f->family_name ? f->family_name : ""));
    CHECK(info.units_per_em == f->units_per_EM);
    CHECK(info.ascender == f->ascender);
    CHECK(info.descender == f->descender);
    CHECK(info.bbox[0] == f->bbox.xMin);
    CHECK(info.bbox[1] == f->bbox.yMin);
    CHECK(info.bbox[2] == f->bbox.xMax);
    CHECK(info.bbox[3] == f->bbox.yMax);
    CHECK(info.fixed_pitch == FT_IS_FIXED_WIDTH(f));
    auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(f, FT_SFNT_POST));
    CHECK(info.italic_angle == (post ? post->italicAngle / 65536.0 : 0));
    auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
    REQUIRE(os2);
    CHECK(info.cap_height == (os2->version >= 2 ? os2->sCapHeight : f->ascender));
    const bool panose_sans = os2->panose[0] == 2 && os2->panose[1] >= 11 && os2->panose[1] <= 13;
    CHECK(info.serif == ((os2->sFamilyClass >> 8) != 8 && !panose_sans));
    FT_Done_Face(f);
  }
  FT_Done_FreeType(ft);
}
