// The /ToUnicode CMap of a font: which text each CID stands for, so text can be searched,
// copied and extracted (pdftotext) from the PDF.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::pdf {

struct CidText {
  std::uint16_t cid = 0;
  std::u32string_view text;  // the cluster's code points; empty maps to nothing
};

// The CMap program for entries sorted by CID without duplicates. Runs of consecutive CIDs
// standing for consecutive single code points become bfrange lines, the rest bfchar lines.
std::string to_unicode_cmap(const std::vector<CidText>& entries);

}  // namespace jixiao::pdf
