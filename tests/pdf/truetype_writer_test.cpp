// TrueType faces (LXGW WenKai, Liberation Serif) are subset by our writer
// (pdf/truetype_writer.h) from glyph records kept between documents. Outlines, glyph ids,
// widths and the glyf/loca/hmtx/hhea/maxp tables must be hb-subset's; the program must not
// depend on which glyphs were met before or on which thread; a damaged glyf or loca is a
// Failure naming the font. Every example's PDF is then read by qpdf and pdffonts.
#include <catch2/catch.hpp>

#include <hb.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "diag/diag.h"
#include "pdf/subset.h"
#include "pdf/truetype_writer.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const char* kExamples[] = {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                           "shenzhen-2021-project-selfeval", "suzhou-2021-project-declaration",
                           "suzhou-2021-project-selfeval"};

constexpr std::uint32_t tag(const char (&t)[5]) { return HB_TAG(t[0], t[1], t[2], t[3]); }

// Glyphs of text in face f, unique and ascending.
std::vector<std::uint32_t> glyphs_of(layout::FontId f, const std::u32string& text) {
  std::vector<std::uint32_t> out;
  for (char32_t c : text)
    if (std::uint32_t g = test::font_library().glyph(f, c)) out.push_back(g);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// For kai: digits, punctuation and 600 ideographs; for latin: ASCII and accented letters
// (composites in Liberation Serif: é is e and an acute).
std::vector<std::uint32_t> many_glyphs(layout::FontId f) {
  std::u32string text = U"0123456789（），。：；、《》％ABCxyz";
  for (char32_t c = 0x4E00; c < 0x4E00 + 600; ++c) text += c;
  for (char32_t c = 0x20; c < 0x7F; ++c) text += c;
  text += U"éèêëàâçôöüÉÀŁłœŒ";
  return glyphs_of(f, text);
}

std::shared_ptr<pdf::TrueTypeGlyphs> fresh(layout::FontId f) {
  const auto& lib = test::font_library();
  auto made = pdf::TrueTypeGlyphs::of(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), "test");
  REQUIRE(made);
  return made;
}

std::string program(pdf::TrueTypeGlyphs& cache, layout::FontId f, const std::vector<std::uint32_t>& glyphs) {
  return cache.subset(test::font_library().harfbuzz_font(f), glyphs, "test").program();
}

void put(void* out, const char* op, std::initializer_list<float> v) {
  auto& s = *static_cast<std::string*>(out);
  s += op;
  for (float x : v) s += " " + std::to_string(x);
  s += "\n";
}

// A glyph's outline as HarfBuzz draws it: every point of every contour.
std::string outline(hb_font_t* font, std::uint32_t gid) {
  static hb_draw_funcs_t* funcs = [] {
    hb_draw_funcs_t* d = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(
        d, [](hb_draw_funcs_t*, void* o, hb_draw_state_t*, float x, float y, void*) { put(o, "M", {x, y}); }, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(
        d, [](hb_draw_funcs_t*, void* o, hb_draw_state_t*, float x, float y, void*) { put(o, "L", {x, y}); }, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(
        d, [](hb_draw_funcs_t*, void* o, hb_draw_state_t*, float cx, float cy, float x, float y, void*) { put(o, "Q", {cx, cy, x, y}); },
        nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(
        d, [](hb_draw_funcs_t*, void* o, hb_draw_state_t*, float ax, float ay, float bx, float by, float x, float y, void*) {
          put(o, "C", {ax, ay, bx, by, x, y});
        }, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(d, [](hb_draw_funcs_t*, void* o, hb_draw_state_t*, void*) { put(o, "Z", {}); }, nullptr, nullptr);
    hb_draw_funcs_make_immutable(d);
    return d;
  }();
  std::string out;
  hb_font_get_glyph_shape(font, gid, funcs, &out);
  return out;
}

struct Loaded {  // a font program as HarfBuzz reads it
  hb_blob_t* blob;
  hb_face_t* face;
  hb_font_t* font;
  explicit Loaded(const std::string& bytes)
      : blob(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr)),
        face(hb_face_create(blob, 0)),
        font(hb_font_create(face)) {}
  ~Loaded() { hb_font_destroy(font), hb_face_destroy(face), hb_blob_destroy(blob); }
};

}  // namespace

TEST_CASE("truetype writer: outlines, glyph ids, widths and tables are hb-subset's", "[pdf][truetype]") {
  const auto& lib = test::font_library();
  for (const char* family : {"kai", "latin"}) {
    INFO(family);
    const layout::FontId f = test::face(family);
    const auto glyphs = many_glyphs(f);
    REQUIRE(glyphs.size() > 80);
    pdf::FontSubset hb(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), glyphs, "test");
    pdf::FontSubset own = fresh(f)->subset(lib.harfbuzz_font(f), glyphs, "test");
    CHECK(own.outlines() == pdf::FontSubset::Outlines::TrueType);
    REQUIRE(own.glyph_count() == hb.glyph_count());
    if (std::string(family) == "latin") CHECK(own.glyph_count() > glyphs.size() + 1);  // components joined
    for (const char* t : {"glyf", "loca", "hmtx", "hhea", "maxp", "post", "name"}) {
      INFO(t);
      CHECK(pdf::sfnt_table(own.program(), HB_TAG(t[0], t[1], t[2], t[3])) ==
            pdf::sfnt_table(hb.program(), HB_TAG(t[0], t[1], t[2], t[3])));
    }
    // head differs in checkSumAdjustment only (the files differ: table order, OS/2's ranges).
    std::string own_head(pdf::sfnt_table(own.program(), tag("head"))), hb_head(pdf::sfnt_table(hb.program(), tag("head")));
    REQUIRE(own_head.size() == 54);
    CHECK(own_head.substr(0, 8) + own_head.substr(12) == hb_head.substr(0, 8) + hb_head.substr(12));

    Loaded ours(own.program()), theirs(hb.program());
    hb_font_t* original = hb_font_create(lib.harfbuzz_face(f));
    int kept = 0;
    for (unsigned g = 0; g < hb_face_get_glyph_count(lib.harfbuzz_face(f)); ++g) {
      if (!own.new_gid(g) && g) continue;
      INFO("glyph " << g);
      CHECK(own.new_gid(g) == hb.new_gid(g));
      CHECK(own.width(g) == hb.width(g));
      const std::string shape = outline(original, g);
      CHECK(outline(ours.font, own.new_gid(g)) == shape);
      CHECK(outline(theirs.font, hb.new_gid(g)) == shape);
    }
    for (std::uint32_t g : glyphs) kept += own.new_gid(g) != 0;
    CHECK(kept == static_cast<int>(glyphs.size()));  // every glyph asked for is there
    hb_font_destroy(original);
  }
  // CFF faces are not TrueType.
  CHECK_FALSE(pdf::TrueTypeGlyphs::of(lib.harfbuzz_face(test::face("song")), lib.subset_face(test::face("song")),
                                      lib.harfbuzz_font(test::face("song")), "test"));
}

TEST_CASE("truetype writer: a subset's bytes do not depend on the glyphs met before", "[pdf][truetype]") {
  for (const char* family : {"kai", "latin"}) {
    INFO(family);
    const layout::FontId f = test::face(family);
    const auto glyphs = many_glyphs(f);
    const std::string whole = program(*fresh(f), f, glyphs);
    auto cache = fresh(f);
    for (std::size_t i = 0; i < 40; ++i) program(*cache, f, {glyphs[i * glyphs.size() / 40]});
    std::vector<std::uint32_t> odd;
    for (std::size_t i = 1; i < glyphs.size(); i += 2) odd.push_back(glyphs[i]);
    CHECK(program(*cache, f, odd) == program(*fresh(f), f, odd));
    CHECK(program(*cache, f, glyphs) == whole);
    CHECK(cache->size() >= glyphs.size() + 1);  // and .notdef (and components)
    CHECK(cache->bytes() > 0);
  }
}

TEST_CASE("truetype writer: threads sharing one face's glyphs get the bytes of a fresh cache", "[pdf][truetype]") {
  for (const char* family : {"kai", "latin"}) {
    INFO(family);
    const layout::FontId f = test::face(family);
    const auto glyphs = many_glyphs(f);
    std::vector<std::vector<std::uint32_t>> sets(8);
    std::mt19937 random(27);
    for (auto& set : sets)
      for (std::uint32_t g : glyphs)
        if (random() % 3 == 0) set.push_back(g);
    std::vector<std::string> expected;
    for (const auto& set : sets) expected.push_back(program(*fresh(f), f, set));
    auto shared = fresh(f);
    std::vector<std::string> got(sets.size());
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < sets.size(); ++t) threads.emplace_back([&, t] { got[t] = program(*shared, f, sets[t]); });
    for (auto& t : threads) t.join();
    CHECK(got == expected);
  }
}

TEST_CASE("truetype writer: a damaged glyf or loca is a Failure naming the font", "[pdf][truetype]") {
  // A small TrueType font: hb-subset's of Liberation Serif for some glyphs, é among them.
  const auto& lib = test::font_library();
  const layout::FontId f = test::face("latin");
  const auto glyphs = glyphs_of(f, U"Aaeé1");
  const std::string sound = pdf::FontSubset(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), glyphs,
                                            "test").program();
  auto at = [&](const char(&t)[5]) {
    const std::string_view table = pdf::sfnt_table(sound, tag(t));
    REQUIRE(!table.empty());
    return static_cast<std::size_t>(table.data() - sound.data());
  };
  const std::size_t glyf = at("glyf"), loca = at("loca");
  const std::size_t glyf_size = pdf::sfnt_table(sound, tag("glyf")).size();
  std::vector<std::pair<std::string, std::string>> damaged;
  std::string s = sound;  // short loca: every offset past glyf
  for (std::size_t i = loca + 2; i < loca + 2 * 8; ++i) s[i] = '\x7f';
  damaged.emplace_back("loca past glyf", s);
  s = sound;  // .notdef claims 300 contours
  s[glyf] = '\x01', s[glyf + 1] = '\x2c';
  damaged.emplace_back("contours past the record", s);
  s = sound;  // glyf cut short: the table runs past the file
  s.resize(glyf + glyf_size / 3);
  damaged.emplace_back("file cut in glyf", s);
  s = sound;  // glyf bytes all 0xff: composites pointing nowhere, or flags past the end
  for (std::size_t i = glyf; i < glyf + glyf_size; ++i) s[i] = '\xff';
  damaged.emplace_back("glyf all 0xff", s);

  for (const auto& [what, bytes] : damaged) {
    INFO(what);
    Loaded font(bytes);
    hb_font_set_scale(font.font, 1000, 1000);
    std::vector<std::uint32_t> all;
    for (unsigned g = 1; g < hb_face_get_glyph_count(font.face); ++g) all.push_back(g);
    try {
      auto cache = pdf::TrueTypeGlyphs::of(font.face, font.face, font.font, "Damaged-Serif");
      if (cache) cache->subset(font.font, all, "Damaged-Serif");
      FAIL("no Failure");
    } catch (const Failure& failure) {
      INFO(failure.diagnostic().message);
      CHECK(failure.diagnostic().message.find("Damaged-Serif") != std::string::npos);
    }
  }
}

TEST_CASE("truetype writer: every example's PDF passes qpdf and pdffonts, the same with -j 1 and -j 2",
          "[pdf][truetype]") {
  const std::string dir = test::temp_dir("truetype-writer-examples");
  std::string data;
  for (const char* name : kExamples) data += " '" + test::source_path(std::string("examples/") + name + ".json") + "'";
  for (const char* jobs : {"1", "2"}) {
    auto r = test::run_jixiao("render" + data + " -o '" + dir + "/j" + jobs + "/' --date 0 -j " + jobs);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  }
  auto pdfs = test::run_command("cd '" + dir + "/j1' && ls *.pdf");
  REQUIRE(pdfs.exit_code == 0);
  int count = 0, truetype = 0;
  for (std::size_t at = 0, end; (end = pdfs.out.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string name = pdfs.out.substr(at, end - at), pdf = dir + "/j1/" + name;
    INFO(name);
    ++count;
    CHECK(test::slurp(pdf) == test::slurp(dir + "/j2/" + name));
    auto qpdf = test::run_command("qpdf --check '" + pdf + "'");
    INFO(qpdf.out << qpdf.err);
    CHECK(qpdf.exit_code == 0);
    auto fonts = test::run_command("pdffonts '" + pdf + "'");
    REQUIRE(fonts.exit_code == 0);
    for (std::size_t p = fonts.out.find("CID TrueType"); p != std::string::npos; p = fonts.out.find("CID TrueType", p + 1)) {
      ++truetype;
      const std::string row = fonts.out.substr(p, fonts.out.find('\n', p) - p);
      INFO(row);
      CHECK(row.find("Identity-H       yes yes yes") != std::string::npos);
    }
  }
  CHECK(count >= 13);
  CHECK(truetype >= 1);
}

TEST_CASE("measure a TrueType subset: hb-subset against kept glyph records", "[.][measure]") {
  const auto& lib = test::font_library();
  for (const char* family : {"latin", "kai"}) {
    const layout::FontId f = test::face(family);
    const auto digits = glyphs_of(f, U"0123456789.,-% 年月日项目");
    const int rounds = 200;
    auto time = [&](auto&& make) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < rounds; ++i) make();
      return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / rounds;
    };
    const double hb = time([&] { pdf::FontSubset(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), digits, "test"); });
    auto cache = fresh(f);
    const double own = time([&] { cache->subset(lib.harfbuzz_font(f), digits, "test"); });
    WARN(family << ", " << digits.size() << " glyphs: hb-subset " << hb << " us, kept records " << own << " us");
  }
}
