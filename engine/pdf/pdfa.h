// PDF/A-2b and PDF/UA-1 parts libharu 2.3 cannot write (its hpdf_pdfa.h knows only PDF/A-1
// and writes its own XMP with the clock's dates): the XMP packet and the sRGB OutputIntent.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "pdf/haru.h"

namespace jixiao::pdf {

// What /Info says, as written (after any cut), for the XMP to repeat.
struct InfoValues {
  std::string_view title, author, subject, keywords, creator, producer;
  std::int64_t date = 0;
};

// The standards a file claims in its XMP.
struct Claims {
  bool pdfa2b = false;  // pdfaid part 2, conformance B
  bool pdfua1 = false;  // pdfuaid part 1
};

// The XMP packet: the claims, and dc/xmp/pdf fields equal to /Info.
std::string xmp_packet(const InfoValues& info, Claims claims = {true, false});

// Sets PDF 1.7 and adds the uncompressed XMP stream as the Catalog's /Metadata.
void add_xmp(const HaruDoc& doc, const InfoValues& info, Claims claims);
// Adds an OutputIntent /GTS_PDFA1 with icc (an RGB ICC profile's bytes) as /DestOutputProfile.
void add_output_intent(const HaruDoc& doc, std::string_view icc);

}  // namespace jixiao::pdf
