// PDF/A-2b parts libharu 2.3 cannot write (its hpdf_pdfa.h knows only PDF/A-1 and writes
// its own XMP with the clock's dates): the XMP packet and the sRGB OutputIntent.
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

// The XMP packet (pdfaid part 2, conformance B; dc/xmp/pdf fields equal to /Info).
std::string xmp_packet(const InfoValues& info);

// Sets PDF 1.7, adds the uncompressed XMP stream as the Catalog's /Metadata and an
// OutputIntent /GTS_PDFA1 with icc (an RGB ICC profile's bytes) as /DestOutputProfile.
void add_pdfa2b(const HaruDoc& doc, const InfoValues& info, std::string_view icc);

}  // namespace jixiao::pdf
