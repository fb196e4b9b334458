#include "diag/utf8.h"
#include "pdf_fixture.h"

#include <hb.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "support/support.h"

namespace jixiao::test {

const layout::FontLibrary& font_library() {
  static const std::unique_ptr<layout::FontLibrary> lib = [] {
    DiagnosticSink sink;
    auto l = layout::FontLibrary::load(source_path("fonts/fonts.json"), {}, sink);
    if (sink.has_errors()) throw std::runtime_error(format(sink.all().front()));
    return l;
  }();
  return *lib;
}

layout::FontId face(const char* family) { return font_library().face_for(family, false); }

layout::GlyphRun shape(layout::FontId font, float size, float x, float y, const std::u32string& text,
                       float spacing) {
  const auto& lib = font_library();
  layout::GlyphRun run;
  run.font = font;
  run.size = size;
  run.x = x;
  run.y = y;
  run.text = text;
  const float scale = size / static_cast<float>(lib.info(font).units_per_em);
  float pen = 0;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    layout::Glyph g;
    g.id = lib.glyph(font, text[i]);
    g.x = pen;
    g.advance = static_cast<float>(hb_font_get_glyph_h_advance(lib.harfbuzz_font(font), g.id)) * scale;
    g.text_begin = i;
    g.text_len = 1;
    pen += g.advance + spacing;
    run.glyphs.push_back(g);
  }
  return run;
}

std::string to_utf8(const std::u32string& s) { return jixiao::to_utf8(s); }

std::string save_temp(const std::string& bytes, const std::string& name) {
  std::string path = temp_dir("pdf") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace jixiao::test
