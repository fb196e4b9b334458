// A rendered PDF read back with poppler's `pdftotext -bbox-layout`: pages of blocks of lines
// of words, with their boxes. Poppler finds blocks by geometry, so a table cell is usually
// one block (side-by-side cells on one baseline may share one); tests that check line breaks
// in cells compare a line's words with the words above them in the same block.
#pragma once
#include <string>
#include <vector>

namespace jixiao::test {

struct PdfWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points, top-left origin
  std::string text;                       // UTF-8
  std::u32string chars() const;
};
struct PdfLine {
  std::vector<PdfWord> words;
  std::string text() const;  // the words joined without spaces
};
struct PdfBlock {
  std::vector<PdfLine> lines;
};
struct PdfPage {
  double width = 0, height = 0;  // points
  std::vector<PdfBlock> blocks;
  std::string text() const;  // every word of the page, in reading order, one line a line
};

// Reads every page of pdf (REQUIREs pdftotext to succeed).
std::vector<PdfPage> read_pdf_layout(const std::string& pdf);

}  // namespace jixiao::test
