#include "run/pdfa.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

namespace jixiao {

namespace {

bool is_icc(const std::string& bytes) { return bytes.size() > 128 && bytes.compare(36, 4, "acsp") == 0; }

}  // namespace

std::string srgb_profile(const std::string& data_dir) {
  const std::string places[] = {(std::filesystem::path(data_dir) / "icc" / "sRGB.icc").string(),
                                kDebianSrgbProfile};
  for (const std::string& p : places) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) continue;
    std::string bytes = read_file(p, 1 << 20);
    if (is_icc(bytes)) return bytes;
    throw Failure({Severity::Error, "pdf.icc-profile", p, "", "not an ICC profile", "an sRGB ICC profile", "", {}});
  }
  throw Failure({Severity::Error, "pdf.icc-profile", places[1], "",
                 "no sRGB ICC profile for PDF/A-2b (looked for " + places[0] + " and " + places[1] + ")",
                 "", "", {"install the Debian package icc-profiles-free"}});
}

PdfStandard pdf_standard(const std::string& option, const std::string& form) {
  const std::string& s = option.empty() ? form : option;
  PdfStandard out;
  std::size_t begin = 0;
  while (begin <= s.size()) {
    const std::size_t end = std::min(s.find(',', begin), s.size());
    const std::string_view part = std::string_view(s).substr(begin, end - begin);
    if (part == "a-2b") out.a2b = true;
    if (part == "ua-1") out.ua1 = true;
    begin = end + 1;
  }
  return out;
}

void missing_glyphs_are_errors(DiagnosticSink& sink, std::size_t from, const PdfStandard& standard) {
  std::vector<Diagnostic> errors;
  for (std::size_t i = from; i < sink.all().size(); ++i) {
    const Diagnostic& d = sink.all()[i];
    if (d.code != "layout.missing-glyph") continue;
    errors.push_back({Severity::Error, "pdf.missing-glyph", d.file, d.place,
                      std::string(standard.name()) + " does not allow a character without a glyph (see the warning before)",
                      "", "", {}});
  }
  for (Diagnostic& e : errors) sink.report(std::move(e));
}

}  // namespace jixiao
