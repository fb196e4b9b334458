// The pieces of the PDF stage: number formatting, ToUnicode CMaps, text operators, failures.
#include <catch2/catch.hpp>

#include <hb.h>

#include <fstream>
#include <limits>

#include "pdf/content.h"
#include "pdf/numbers.h"
#include "pdf/pdf.h"
#include "pdf/subset.h"
#include "pdf/tounicode.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string number(double v) {
  std::string s;
  pdf::append_number(s, v);
  return s;
}

pdf::FontSubset subset_for(const layout::GlyphRun& run) {
  const auto& lib = test::font_library();
  std::vector<std::uint32_t> gids;
  for (const auto& g : run.glyphs) gids.push_back(g.id);
  std::sort(gids.begin(), gids.end());
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
  return pdf::FontSubset(lib.harfbuzz_face(run.font), lib.harfbuzz_face(run.font), lib.harfbuzz_font(run.font), gids, "test");
}

}  // namespace

TEST_CASE("numbers have at most three decimals and no trailing zeros", "[pdf]") {
  CHECK(number(12) == "12");
  CHECK(number(841.89f) == "841.89");
  CHECK(number(595.276f) == "595.276");
  CHECK(number(-0.5) == "-0.5");
  CHECK(number(-0.0001) == "0");
  CHECK(number(0.0005) == "0.001");
  CHECK(number(-714.2857) == "-714.286");
  CHECK(number(32766.25) == "32766.25");
  CHECK(number(-32767) == "-32767");
  std::string hex;
  pdf::append_hex4(hex, 0x4E00);
  pdf::append_hex4(hex, 7);
  CHECK(hex == "4E000007");
}

TEST_CASE("ToUnicode uses bfrange only for true consecutive runs", "[pdf]") {
  std::u32string a = U"0", b = U"1", c = U"2", fi = U"fi", x = U"\U00020BB7", ff = U"\u00FF",
                 next = U"\u0100";
  std::vector<pdf::CidText> entries = {{1, a}, {2, b}, {3, c},  {4, fi}, {5, {}},
                                       {6, x}, {7, ff}, {8, next}, {0xFF, a}, {0x100, b}};
  std::string cmap = pdf::to_unicode_cmap(entries);
  INFO(cmap);
  CHECK(cmap.find("1 beginbfrange\n<0001> <0003> <0030>\nendbfrange") != std::string::npos);
  // A ligature maps to both letters, a non-BMP character to its surrogate pair; a run may not
  // cross a multiple of 256 on either side; CID 5 (no text) maps to nothing.
  CHECK(cmap.find("6 beginbfchar\n<0004> <00660069>\n<0006> <D842DFB7>\n<0007> <00FF>\n"
                  "<0008> <0100>\n<00FF> <0030>\n<0100> <0031>\nendbfchar") != std::string::npos);
  CHECK(cmap.find("<0005>") == std::string::npos);
  CHECK(cmap.find("/CMapName /Adobe-Identity-UCS def") != std::string::npos);
}

TEST_CASE("ToUnicode blocks hold at most 100 lines", "[pdf]") {
  std::vector<std::u32string> texts;
  for (int i = 0; i < 250; ++i) texts.push_back(std::u32string(1, static_cast<char32_t>(0x4E00 + 2 * i)));
  std::vector<pdf::CidText> entries;
  for (int i = 0; i < 250; ++i) entries.push_back({static_cast<std::uint16_t>(i + 1), texts[static_cast<std::size_t>(i)]});
  std::string cmap = pdf::to_unicode_cmap(entries);
  CHECK(cmap.find("100 beginbfchar") != std::string::npos);
  CHECK(cmap.find("50 beginbfchar") != std::string::npos);
  CHECK(cmap.find("beginbfrange") == std::string::npos);
}

TEST_CASE("a run at its natural advances is one Tj, even spacing Tc, kerning TJ", "[pdf]") {
  auto natural = test::shape(test::face("latin"), 10.5f, 300, 160, U"870996.00");
  auto subset = subset_for(natural);
  pdf::TextWriter w(841.89f);
  w.add(natural, 3, subset);
  std::string ops = w.finish();
  CHECK(ops.rfind("BT\n/F3 10.5 Tf\n300 681.89 Td\n<", 0) == 0);
  CHECK(ops.find(">Tj\nET\n") != std::string::npos);
  CHECK(ops.find("TJ") == std::string::npos);

  // Even spacing (justified CJK) is character spacing: one Tc, still one Tj.
  auto spread = test::shape(test::face("latin"), 10.5f, 300, 160, U"870996.00", 2);
  pdf::TextWriter w2(841.89f);
  w2.add(spread, 3, subset);
  ops = w2.finish();
  INFO(ops);
  CHECK(ops.find("300 681.89 Td\n2 Tc\n<") != std::string::npos);
  CHECK(ops.find("TJ") == std::string::npos);

  // Uneven positions (kerning, a wider gap) are TJ adjustments: 2 pt at 10.5 pt is
  // 190.476 thousandths of an em.
  auto kerned = natural;
  for (std::size_t i = 6; i < kerned.glyphs.size(); ++i) kerned.glyphs[i].x += 2;
  pdf::TextWriter w3(841.89f);
  w3.add(kerned, 3, subset);
  ops = w3.finish();
  INFO(ops);
  CHECK(ops.find("-190.476<") != std::string::npos);
  CHECK(ops.find("]TJ\n") != std::string::npos);
  CHECK(ops.find("Tc") == std::string::npos);
}

// 楷 (LXGW WenKai) is TrueType: CIDs are the subset's dense glyph ids, in original id order.
TEST_CASE("character spacing is reset for the next run", "[pdf]") {
  auto spread = test::shape(test::face("kai"), 10, 60, 100, U"项目名称", 7.5f);
  auto plain = test::shape(test::face("kai"), 10, 60, 130, U"名称");
  auto subset = subset_for(spread);
  pdf::TextWriter w(800);
  w.add(spread, 1, subset);
  w.add(plain, 1, subset);
  std::string ops = w.finish();
  CHECK(ops == "BT\n/F1 10 Tf\n60 700 Td\n7.5 Tc\n<0004000200010003>Tj\n0 -30 Td\n0 Tc\n<00010003>Tj\nET\n");
}

TEST_CASE("a second run on the same font and size reuses Tf and moves relatively", "[pdf]") {
  auto a = test::shape(test::face("kai"), 10.5f, 60, 130, U"金额");
  auto b = test::shape(test::face("kai"), 10.5f, 60, 160, U"金额");
  auto subset = subset_for(a);
  pdf::TextWriter w(841.89f);
  w.add(a, 1, subset);
  w.add(b, 1, subset);
  std::string ops = w.finish();
  CHECK(ops == "BT\n/F1 10.5 Tf\n60 711.89 Td\n<00010002>Tj\n0 -30 Td\n<00010002>Tj\nET\n");
}

TEST_CASE("a raised glyph gets Ts, and the rise is undone for the next one", "[pdf]") {
  auto run = test::shape(test::face("latin"), 10, 100, 100, U"m2x");
  run.glyphs[1].y = 3.5f;
  auto subset = subset_for(run);
  pdf::TextWriter w(800);
  w.add(run, 1, subset);
  std::string ops = w.finish();
  INFO(ops);
  CHECK(ops.find("Tj\n3.5 Ts\n<") != std::string::npos);
  CHECK(ops.find("Tj\n0 Ts\n<") != std::string::npos);
}

TEST_CASE("pdftotext -bbox finds runs where layout put them", "[pdf]") {
  const auto& lib = test::font_library();
  auto latin = test::shape(test::face("latin"), 10.5f, 300, 160, U"870996.00");
  auto cjk = test::shape(test::face("song"), 12, 72.5f, 700, U"绩效目标");
  layout::LayoutResult doc;
  doc.pages.push_back({});
  doc.pages[0].runs = {latin, cjk};
  pdf::Metadata meta;
  meta.date = 0;
  std::string path = test::save_temp(pdf::write_pdf(doc, lib, meta), "bbox.pdf");
  auto r = test::run_command("pdftotext -bbox '" + path + "' -");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  auto attr = [&](const std::string& word, const std::string& name) {
    auto at = r.out.find(">" + word + "</word>");
    REQUIRE(at != std::string::npos);
    auto line = r.out.rfind("<word", at);
    auto v = r.out.find(name + "=\"", line) + name.size() + 2;
    return std::stod(r.out.substr(v, r.out.find('"', v) - v));
  };
  // poppler puts a word's top at baseline − Ascent × size, with Ascent from the descriptor.
  auto top = [&](const layout::GlyphRun& run) {
    const auto& info = lib.info(run.font);
    return run.y - std::round(info.ascender * 1000.0 / info.units_per_em) / 1000.0 * run.size;
  };
  auto width = [&](const layout::GlyphRun& run) {
    return run.glyphs.back().x + run.glyphs.back().advance;
  };
  CHECK(attr("870996.00", "xMin") == Approx(300).margin(0.5));
  CHECK(attr("870996.00", "xMax") == Approx(300 + width(latin)).margin(0.5));
  CHECK(attr("870996.00", "yMin") == Approx(top(latin)).margin(0.5));
  CHECK(attr("绩效目标", "xMin") == Approx(72.5).margin(0.5));
  CHECK(attr("绩效目标", "xMax") == Approx(72.5 + width(cjk)).margin(0.5));
  CHECK(attr("绩效目标", "yMin") == Approx(top(cjk)).margin(0.5));
}

TEST_CASE("layout bugs are failures naming the problem, not broken PDFs", "[pdf]") {
  const auto& lib = test::font_library();
  pdf::Metadata meta;
  meta.date = 0;
  layout::LayoutResult none;
  CHECK_THROWS_AS(pdf::write_pdf(none, lib, meta), Failure);

  layout::LayoutResult doc;
  doc.pages.push_back({});
  doc.pages[0].runs.push_back(test::shape(test::face("song"), 10, 50, 50, U"绩效"));
  auto bad_font = doc;
  bad_font.pages[0].runs[0].font = static_cast<layout::FontId>(lib.face_count());
  try {
    pdf::write_pdf(bad_font, lib, meta);
    FAIL("no Failure");
  } catch (const Failure& f) {
    CHECK(f.diagnostic().code == "pdf.write");
    CHECK(f.diagnostic().message.find("font") != std::string::npos);
  }
  auto bad_glyph = doc;
  bad_glyph.pages[0].runs[0].glyphs[0].id = 0x7FFFFFFF;
  CHECK_THROWS_AS(pdf::write_pdf(bad_glyph, lib, meta), Failure);

  auto bad_size = doc;
  bad_size.pages[0].width = 1;  // libharu refuses pages under 3 pt
  try {
    pdf::write_pdf(bad_size, lib, meta);
    FAIL("no Failure");
  } catch (const Failure& f) {
    CHECK(f.diagnostic().code == "pdf.number-range");
    CHECK(f.diagnostic().message.find("a page size") != std::string::npos);
  }
}

TEST_CASE("hostile: numbers beyond PDF's range are failures, never overflow or clamping", "[pdf][hostile]") {
  // PDF readers hold reals to ±32767; llround of 1e20 and -INT64_MIN would be undefined.
  for (double v : {32767.5, -1e20, 1e300, std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN()}) {
    INFO(v);
    try {
      number(v);
      FAIL("no Failure");
    } catch (const Failure& f) {
      CHECK(f.diagnostic().code == "pdf.number-range");
    }
  }
  std::string out;
  CHECK_THROWS_AS(pdf::append_thousandths(out, std::numeric_limits<std::int64_t>::min()), Failure);

  const auto& lib = test::font_library();
  pdf::Metadata meta;
  meta.date = 0;
  layout::LayoutResult doc;
  doc.pages.push_back({});
  doc.pages[0].runs.push_back(test::shape(test::face("song"), 10, 50, 50, U"绩效"));
  auto write_fails = [&](layout::LayoutResult d, const std::string& what) {
    INFO(what);
    try {
      pdf::write_pdf(d, lib, meta);
      FAIL("no Failure");
    } catch (const Failure& f) {
      CHECK(f.diagnostic().code == "pdf.number-range");
      CHECK(f.diagnostic().message.find(what) != std::string::npos);
    }
  };
  auto huge_size = doc;
  huge_size.pages[0].runs[0].size = 1e20f;
  write_fails(huge_size, "a font size");
  auto tiny_size = doc;
  tiny_size.pages[0].runs[0].size = 0.0001f;
  write_fails(tiny_size, "a font size");
  auto far = doc;
  far.pages[0].runs[0].x = 1e9f;
  write_fails(far, "a text position");
  auto far_glyph = doc;
  far_glyph.pages[0].runs[0].glyphs[1].x = 1e9f;
  write_fails(far_glyph, "a glyph position");
  auto far_rule = doc;
  far_rule.pages[0].rules.push_back({0, 0, 1e6f, 0, 0.5f});
  write_fails(far_rule, "a rule position");

  // A large gap within range goes out as TJ numbers that each stay within ±32767.
  auto wide = doc;
  wide.pages[0].runs[0].size = 1;
  wide.pages[0].runs[0].glyphs[1].x = 500;
  CHECK_NOTHROW(pdf::write_pdf(wide, lib, meta));
}

TEST_CASE("hostile: a title beyond libharu's 64 KB is cut in the properties with a warning", "[pdf][hostile]") {
  const auto& lib = test::font_library();
  layout::LayoutResult doc;
  doc.pages.push_back({});
  doc.pages[0].runs.push_back(test::shape(test::face("song"), 10, 50, 50, U"绩效"));
  pdf::Metadata meta;
  meta.date = 0;
  for (int i = 0; i < 30000; ++i) meta.title += "绩效";  // 60,000 characters, 180 KB
  meta.subject = std::string(70000, 'x');
  DiagnosticSink sink;
  std::string bytes = pdf::write_pdf(doc, lib, meta, &sink);
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].code == "pdf.metadata-cut");
  CHECK(sink.all()[0].message.find("/Title") != std::string::npos);
  CHECK(sink.all()[1].message.find("/Subject") != std::string::npos);
  auto dir = test::temp_dir("pdf-title");
  std::ofstream(dir + "/t.pdf", std::ios::binary) << bytes;
  auto info = test::run_command("pdfinfo -enc UTF-8 " + dir + "/t.pdf");
  std::string title = info.out.substr(info.out.find("Title:"));
  title = title.substr(0, title.find('\n'));
  // "Title:" and padding, then 16,000 characters of 3 UTF-8 bytes each.
  CHECK(title.find("绩效绩效") != std::string::npos);
  CHECK(title.size() > 16000 * 3);
  CHECK(title.size() < 16000 * 3 + 20);
  CHECK(test::run_command("qpdf --check " + dir + "/t.pdf").exit_code == 0);
}
