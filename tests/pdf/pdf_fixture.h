// Test helpers: hand-built layouts from the real fonts, and PDFs written to temp files.
#pragma once
#include <string>

#include "layout/fonts.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

namespace jixiao::test {

// The font library of fonts/fonts.json, loaded once for all tests.
const layout::FontLibrary& font_library();
layout::FontId face(const char* family);

// A run of text at (x, y) (top-left origin, baseline) set one glyph per code point with the
// font's advances; spacing is added after every glyph (justification).
layout::GlyphRun shape(layout::FontId font, float size, float x, float y, const std::u32string& text,
                       float spacing = 0);

std::string to_utf8(const std::u32string& s);

// Writes bytes to a fresh temp file and returns its path.
std::string save_temp(const std::string& bytes, const std::string& name);

}  // namespace jixiao::test
