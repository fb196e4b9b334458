// Chinese line breaking in every rendered example, read back from the PDF: no line starts
// with closing punctuation, none ends with opening punctuation (the 禁则). The words come from
// `pdftotext -bbox-layout`; a word is a run of text without a visible gap, so the start of
// every line of every cell is one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "support/support.h"

using namespace jixiao;

namespace {

struct Word {
  double x0, x1, y0;
  std::string text;
  int page;
};

std::vector<Word> words(const std::string& pdf) {
  auto r = test::run_command("pdftotext -bbox-layout " + pdf + " -");
  REQUIRE(r.exit_code == 0);
  std::vector<Word> out;
  int page = 0;
  std::regex word_re(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>)re");
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("<page ") != std::string::npos) ++page;
    std::smatch m;
    if (std::regex_search(line, m, word_re))
      out.push_back({std::stod(m[1]), std::stod(m[3]), std::stod(m[2]), m[4], page});
  }
  return out;
}

std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += len;
  }
  return out;
}

const std::u32string kClosing = U"，。、；：？！）》〉】」』”’,.;:?!)%";
const std::u32string kOpening = U"（《〈【「『“‘(";

}  // namespace

TEST_CASE("禁则 in every example, read back from the PDF", "[cli][kinsoku]") {
  auto dir = test::temp_dir("kinsoku");
  int checked = 0;
  for (auto& entry : std::filesystem::directory_iterator(test::source_path("examples"))) {
    if (entry.path().extension() != ".json") continue;
    std::string pdf = dir + "/" + entry.path().stem().string() + ".pdf";
    auto r = test::run_jixiao("render " + entry.path().string() + " -o " + pdf);
    INFO(entry.path().filename().string() << ": " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    auto ws = words(pdf);
    CHECK(ws.size() > 100);
    for (const auto& w : ws) {
      auto t = decode(w.text);
      if (t.empty()) continue;
      ++checked;
      // Text glued to a neighbour on the same baseline is not a line start or end.
      bool glued_left = false, glued_right = false;
      for (const auto& b : ws) {
        if (b.page != w.page || std::abs(b.y0 - w.y0) >= 1) continue;
        glued_left = glued_left || (b.x0 < w.x0 && b.x1 >= w.x0 - 3 && b.x1 <= w.x0 + 8);
        glued_right = glued_right || (b.x1 > w.x1 && b.x0 >= w.x1 - 8 && b.x0 <= w.x1 + 3);
        // A blank to fill in on one line, as the national form's "（　　　年度）".
        auto bt = decode(b.text);
        glued_right = glued_right || (t.size() == 1 && b.x0 > w.x1 && b.x0 < w.x1 + 60 &&
                                      !bt.empty() && (bt.back() == U'）' || bt.back() == U')'));
      }
      INFO("page " << w.page << ": " << w.text);
      if (!glued_left) CHECK(kClosing.find(t.front()) == std::u32string::npos);
      if (!glued_right) CHECK(kOpening.find(t.back()) == std::u32string::npos);
    }
  }
  CHECK(checked > 1000);
}
