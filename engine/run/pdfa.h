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

// The standards a PDF is written to.
struct PdfStandard {
  bool a2b = false;  // PDF/A-2b
  bool ua1 = false;  // PDF/UA-1
  bool any() const { return a2b || ua1; }
  const char* name() const { return a2b && ua1 ? "PDF/A-2b and PDF/UA-1" : a2b ? "PDF/A-2b" : "PDF/UA-1"; }
};

// What the option says ("none", "a-2b", "ua-1", "a-2b,ua-1"), or when it is empty what the
// form says; else none.
PdfStandard pdf_standard(const std::string& option, const std::string& form);

// Each layout.missing-glyph warning from index `from` on is repeated as a
// "pdf.missing-glyph" error at its file and place: PDF/A and PDF/UA forbid drawing .notdef.
void missing_glyphs_are_errors(DiagnosticSink& sink, std::size_t from, const PdfStandard& standard);

}  // namespace jixiao
