#include "support/pdf_layout.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "support/support.h"

namespace jixiao::test {
namespace {

double attribute(const std::string& line, const char* name) {
  std::string key = std::string(name) + "=\"";
  auto at = line.find(key);
  REQUIRE(at != std::string::npos);
  return std::stod(line.substr(at + key.size()));
}

// pdftotext escapes &, < and > in words.
std::string unescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : kEntities)
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::char_traits<char>::length(from), to);
  return s;
}

}  // namespace

std::u32string PdfWord::chars() const {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out += cp;
    i += len;
  }
  return out;
}

std::string PdfLine::text() const {
  std::string out;
  for (const auto& w : words) out += w.text;
  return out;
}

std::string PdfPage::text() const {
  std::string out;
  for (const auto& b : blocks)
    for (const auto& l : b.lines) out += l.text() + "\n";
  return out;
}

std::vector<PdfPage> read_pdf_layout(const std::string& pdf) {
  auto r = run_command("pdftotext -bbox-layout '" + pdf + "' -");
  INFO(pdf << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<PdfPage> pages;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("<page ") != std::string::npos) {
      pages.emplace_back();
      pages.back().width = attribute(line, "width");
      pages.back().height = attribute(line, "height");
    } else if (line.find("<block ") != std::string::npos) {
      REQUIRE(!pages.empty());
      pages.back().blocks.emplace_back();
    } else if (line.find("<line ") != std::string::npos) {
      REQUIRE(!pages.empty());
      REQUIRE(!pages.back().blocks.empty());
      pages.back().blocks.back().lines.emplace_back();
    } else if (auto at = line.find("<word "); at != std::string::npos) {
      auto& block = pages.at(pages.size() - 1).blocks;
      REQUIRE(!block.empty());
      REQUIRE(!block.back().lines.empty());
      PdfWord w{attribute(line, "xMin"), attribute(line, "yMin"), attribute(line, "xMax"),
                attribute(line, "yMax"), ""};
      auto open = line.find('>', at), close = line.rfind("</word>");
      REQUIRE(close != std::string::npos);
      w.text = unescape(line.substr(open + 1, close - open - 1));
      block.back().lines.back().words.push_back(std::move(w));
    }
  }
  return pages;
}

}  // namespace jixiao::test
