// PDF output: laid-out pages → a PDF file (libharu), every face embedded as a subset
// CIDFontType2 with a ToUnicode map. Library types stay in the .cpp files.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "layout/layout.h"

namespace jixiao::pdf {

struct Metadata {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string creator = "jixiao";
  // Seconds since the epoch for /CreationDate and /ModDate (UTC). Callers pass
  // SOURCE_DATE_EPOCH or --date here; with none the current time is used.
  std::optional<std::int64_t> date;
  // PDF/A-2b (docs/pdf.md): set, the PDF also gets version 1.7, XMP metadata and an sRGB
  // OutputIntent with this ICC profile (its bytes). Empty: a plain PDF, as before.
  std::string pdfa_icc_profile;
  // Tagged PDF (docs/pdf.md): the layout's structure tree over marked content, the rest
  // marked as artifacts, /MarkInfo, /Lang.
  bool tagged = false;
  // Non-stream objects packed into object streams with a cross-reference stream (PDF 1.5):
  // a few KB smaller. Off only to see libharu's own output (tests of the packing).
  bool object_streams = true;
  std::string lang = "zh-CN";  // the Catalog's /Lang (BCP 47); empty: none
  // PDF/UA-1: the XMP says pdfuaid part 1 (with PDF/A's fields when pdfa_icc_profile is
  // set); needs tagged and a title, which the caller checks.
  bool pdfua = false;
};

class SubsetCache;  // pdf/subset_cache.h

// The whole PDF as bytes. Same pages and metadata give the same bytes.
// Throws jixiao::Failure ("pdf.write") when libharu or subsetting fails. Metadata longer
// than limits::kPdfInfoChars is cut there (libharu holds strings to 64 KB; the pages keep
// the whole text) with a warning "pdf.metadata-cut" to sink when one is given.
// subsets: font subsets kept between documents, made for fonts (another library's cache is
// a std::invalid_argument); null: every face is subset anew.
std::string write_pdf(const layout::LayoutResult& pages, const layout::FontLibrary& fonts,
                      const Metadata& meta, DiagnosticSink* sink = nullptr, SubsetCache* subsets = nullptr);

}  // namespace jixiao::pdf
