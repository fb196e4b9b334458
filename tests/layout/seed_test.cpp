// The anchor documents (seeds 003 and 000) laid out and written to PDF, read back with
// poppler: no line starts with closing or ends with opening punctuation, no text lies
// outside the margins, prose extracts verbatim, no character is lost, the 评分表 header
// repeats on every page it continues on.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <regex>
#include <sstream>

#include "layout_fixture.h"
#include "pdf/pdf.h"
#include "seed_doc.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const std::u32string kClosing = U"，。、；：？！）》〉】」』”’,.;:?!)";
const std::u32string kOpening = U"（《〈【「『“‘(";

std::u32string utf32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += len;
  }
  return out;
}

struct Rendered {
  doc::Document document;
  layout::LayoutResult pages;
  std::string pdf;  // path
};

Rendered render(const std::string& id, const std::string& footer = "") {
  Rendered r;
  r.document = test::seed_document(id, footer);
  DiagnosticSink sink;
  r.pages = layout::lay_out(r.document, test::layout_fonts(), sink);
  for (auto& d : sink.all()) INFO(format(d));
  CHECK(sink.all().empty());
  pdf::Metadata meta;
  meta.date = 0;
  std::string bytes = pdf::write_pdf(r.pages, test::layout_fonts(), meta);
  r.pdf = test::temp_dir("seed") + "/" + id + ".pdf";
  FILE* f = fopen(r.pdf.c_str(), "wb");
  fwrite(bytes.data(), 1, bytes.size(), f);
  fclose(f);
  return r;
}

struct Word {
  int page;
  double x0, y0, x1, y1;
  std::u32string text;
};

std::vector<Word> bbox_words(const std::string& pdf) {
  auto res = test::run_command("pdftotext -bbox-layout " + pdf + " -");
  REQUIRE(res.exit_code == 0);
  std::vector<Word> out;
  int page = 0;
  static const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::istringstream in(res.out);
  for (std::string line; std::getline(in, line);) {
    if (line.find("<page ") != std::string::npos) ++page;
    std::smatch m;
    if (std::regex_search(line, m, word))
      out.push_back({page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), utf32(m[5])});
  }
  return out;
}

// Words on one baseline with gaps under 6 pt are one line of text (word spaces are ~3 pt;
// table cells stand ≥ 8 pt apart).
std::vector<std::u32string> text_lines(std::vector<Word> words) {
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    if (a.page != b.page) return a.page < b.page;
    if (std::abs(a.y1 - b.y1) > 1) return a.y1 < b.y1;
    return a.x0 < b.x0;
  });
  std::vector<std::u32string> out;
  const Word* prev = nullptr;
  for (const Word& w : words) {
    bool same = prev && prev->page == w.page && std::abs(prev->y1 - w.y1) <= 1 && w.x0 - prev->x1 < 6;
    if (same) out.back() += w.text;
    else out.push_back(w.text);
    prev = &w;
  }
  return out;
}

void check_kinsoku(const std::u32string& line, const std::string& where) {
  if (line.empty()) return;
  INFO(where << ": " << test::utf8(line));
  CHECK(kClosing.find(line.front()) == std::u32string::npos);
  CHECK(kOpening.find(line.back()) == std::u32string::npos);
}

std::string strip(const std::string& s) { return test::strip_space(s); }

// All text of the document (paragraphs and cells), without white space.
std::string reference_text(const doc::Document& d) {
  std::string all;
  for (const auto& b : d.blocks) {
    if (auto* p = std::get_if<doc::Paragraph>(&b)) all += p->text;
    if (auto* t = std::get_if<doc::Table>(&b))
      for (auto& r : t->rows)
        for (auto& c : r.cells) all += c.text;
  }
  return strip(all);
}

void check_document(const std::string& id) {
  Rendered r = render(id);
  INFO("seed " << id << ", " << r.pages.pages.size() << " pages");
  CHECK(test::run_command("qpdf --check " + r.pdf).exit_code == 0);

  // -bbox-layout: every word inside the margins, no line breaking the 禁则.
  const auto& ps = r.document.page;
  auto words = bbox_words(r.pdf);
  REQUIRE(words.size() > 100);
  for (const Word& w : words) {
    INFO("page " << w.page << ": " << test::utf8(w.text));
    CHECK(w.x0 >= ps.margin_left - 0.5);
    CHECK(w.x1 <= ps.width - ps.margin_right + 0.5);
    CHECK(w.y0 >= ps.margin_top - 0.5);
    CHECK(w.y1 <= ps.height - ps.margin_bottom + 0.5);
  }
  for (const auto& line : text_lines(words)) check_kinsoku(line, "bbox line");

  // -layout: the same on the physical lines, cut where columns stand apart (2+ spaces).
  auto layout = test::run_command("pdftotext -layout " + r.pdf + " -");
  REQUIRE(layout.exit_code == 0);
  std::istringstream in(layout.out);
  char32_t before = 0;  // the last character of the segment before
  for (std::string line; std::getline(in, line);) {
    std::u32string l = utf32(line);
    std::size_t i = 0;
    while (i < l.size()) {
      while (i < l.size() && (l[i] == U' ' || l[i] == U'\f')) ++i;
      std::size_t j = i;
      while (j < l.size() && !(l[j] == U' ' && j + 1 < l.size() && l[j + 1] == U' ')) ++j;
      std::u32string seg = l.substr(i, j - i);
      while (!seg.empty() && seg.back() == U' ') seg.pop_back();
      // Two marks in a row (（公章）：) are squeezed (标点挤压): their em boxes overlap and
      // -layout may pull the second apart; the bbox lines above hold them together.
      const bool squeezed = !seg.empty() && kClosing.find(seg.front()) != std::u32string::npos &&
                            before != 0 && kClosing.find(before) != std::u32string::npos;
      if (!squeezed) check_kinsoku(seg, "-layout segment");
      if (!seg.empty()) before = seg.back();
      i = j;
    }
  }

  // Prose extracts verbatim and in order; no character of the document is lost.
  auto plain = test::run_command("pdftotext " + r.pdf + " -");
  const std::string text = strip(plain.out);
  std::size_t at = 0;
  for (const auto& b : r.document.blocks) {
    if (auto* p = std::get_if<doc::Paragraph>(&b)) {
      INFO(p->text);
      auto found = text.find(strip(p->text), at);
      CHECK(found != std::string::npos);
      if (found != std::string::npos) at = found;
    }
  }
  std::map<char32_t, int> have;
  for (char32_t c : utf32(text)) ++have[c];
  for (char32_t c : utf32(reference_text(r.document))) {
    INFO(test::utf8(std::u32string(1, c)));
    CHECK(have[c]-- > 0);
  }
}

}  // namespace

TEST_CASE("seed 003 in PDF: 禁则 kept, text inside the margins, nothing lost", "[layout][seed]") {
  check_document("003");
}

TEST_CASE("seed 000 in PDF: 禁则 kept, text inside the margins, nothing lost", "[layout][seed]") {
  check_document("000");
}

TEST_CASE("seed 003: the 评分表 header repeats on every page it continues on", "[layout][seed]") {
  Rendered r = render("003", "第 {page} 页 共 {pages} 页");
  const auto& pages = r.pages.pages;
  const int total = static_cast<int>(pages.size());
  REQUIRE(total >= 8);
  int first = -1, table_pages = 0;
  for (int n = 0; n < total; ++n) {
    auto texts = test::page_texts(pages[n]);
    auto has = [&](const std::string& s) { return std::find(texts.begin(), texts.end(), s) != texts.end(); };
    bool title_here = has("部门整体支出绩效评分表");
    if (first < 0 && title_here) first = n;
    if (first >= 0 && n > first) {
      INFO("page " << n + 1);
      // A continuation page starts with the two header rows: 评价指标 over the first four
      // columns, the cells spanning both rows centred between them, then 一级指标 ….
      REQUIRE(texts.size() > 4);
      CHECK(texts[0] == "评价指标");
      CHECK(texts[1] == "指标说明评分标准分数");
      CHECK(texts[2] == "一级指标二级指标三级指标分值");
      ++table_pages;
    }
    // The footer on every page.
    CHECK(texts.back() == "第 " + std::to_string(n + 1) + " 页 共 " + std::to_string(total) + " 页");
  }
  REQUIRE(first >= 0);
  CHECK(table_pages >= 3);
  CHECK(test::run_command("qpdf --check " + r.pdf).exit_code == 0);
}

// Not run by default: `test_layout "[bench]"` times lay_out alone on the 003 report.
TEST_CASE("time laying out the 003 report", "[.][bench]") {
  doc::Document d = test::seed_document("003", "第 {page} 页 共 {pages} 页");
  DiagnosticSink sink;
  std::size_t pages = layout::lay_out(d, test::layout_fonts(), sink).pages.size();  // warm-up
  const int n = 50;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) layout::lay_out(d, test::layout_fonts(), sink);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  WARN("003 report, " << pages << " pages: " << ms / n << " ms per lay_out");
}
