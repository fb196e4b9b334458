// Shared helpers of the typeset_*_test files: a TextSetter on the real fonts, the lines'
// texts and widths. Expectations are in ems of the face's own advances where they can be, so
// they hold whichever 宋 face fonts/fonts.json names.
#pragma once
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "diag/utf8.h"
#include "layout/text.h"
#include "support/support.h"

namespace jixiao::layout::typeset {

inline const FontLibrary& fonts() {
  static const std::unique_ptr<FontLibrary> lib = [] {
    DiagnosticSink sink;
    auto l = FontLibrary::load(test::source_path("fonts/fonts.json"), {}, sink);
    if (sink.has_errors()) throw std::runtime_error(format(sink.all().front()));
    return l;
  }();
  return *lib;
}

inline std::string text_of(const TextLine& line) {
  std::string s;
  for (const auto& run : line.runs) s += to_utf8(run.text);
  return s;
}

inline std::vector<std::string> texts(const TextBlock& block) {
  std::vector<std::string> out;
  for (const auto& line : block.lines) out.push_back(text_of(line));
  return out;
}

inline bool near(float a, float b, float tolerance = 1e-3f) { return std::abs(a - b) < tolerance; }

struct Setter {
  TextSetter setter{fonts()};
  DiagnosticSink sink;
  doc::TextStyle style;

  explicit Setter(double size = 10, std::string family = "song") {
    style.size = size;
    style.family = std::move(family);
  }
  TextBlock set(const std::string& text, float width, doc::Align align = doc::Align::Left) {
    return setter.set(text, style, width, align, 1.25f, 0, {"t.xml", "3:7", ""}, sink);
  }
  // Width of text set on one line (no justification).
  float width_of(const std::string& text) { return set(text, 1e5f).lines.at(0).width; }
  float em() const { return static_cast<float>(style.size); }
};

}  // namespace jixiao::layout::typeset
