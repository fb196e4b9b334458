// What a render in PDF/A-2b mode needs besides the PDF stage: which standard applies, the
// sRGB ICC profile, and missing glyphs turned into errors.
#pragma once
#include <string>

#include "diag/diag.h"

namespace jixiao {

// Where the sRGB profile is looked for: DATA_DIR/icc/sRGB.icc, then Debian's
// icc-profiles-free file.
inline constexpr const char* kDebianSrgbProfile = "/usr/share/color/icc/sRGB.icc";

// The bytes of the sRGB ICC profile. Throws Failure ("pdf.icc-profile") naming both
// places when neither holds a readable ICC profile.
std::string srgb_profile(const std::string& data_dir);

// "a-2b" when the option says so, or when it is empty and the form says so; else "".
std::string pdf_standard(const std::string& option, const std::string& form);

// Each layout.missing-glyph warning from index `from` on is repeated as a
// "pdf.missing-glyph" error at its file and place: PDF/A forbids drawing .notdef.
void missing_glyphs_are_errors(DiagnosticSink& sink, std::size_t from);

}  // namespace jixiao
