// TextSetter: UTF-8 → paragraphs → faces, shaping, break opportunities → lines.
#include "layout/text.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "layout/linebreak.h"
#include "layout/shape_cache.h"
#include "layout/shape.h"
#include "layout/text_lines.h"
#include "diag/utf8.h"

namespace jixiao::layout {

namespace {

// Decodes UTF-8 into out (cleared first). Malformed sequences become U+FFFD; tabs become
// spaces; carriage returns and other control characters are dropped (they have no glyph
// and would only raise missing-glyph warnings); '\n' is kept for the caller to split on.
void decode_utf8(std::string_view in, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size();) {
    char32_t c = 0;
    if (!next_code_point(in, i, c)) {
      out.push_back(U'\uFFFD');
      continue;
    }
    if (c == U'\t') c = U' ';
    if ((c < 0x20 && c != U'\n') || c == 0x7F) continue;
    out.push_back(c);
  }
}

// "U+E000"
std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::string encode_utf8(char32_t c) {
  std::string s;
  append_utf8(s, c);
  return s;
}

}  // namespace

struct TextSetter::Impl {
  Impl(const FontLibrary& fonts, ShapeCache* shared) : faces(fonts), shaper(fonts), library(&fonts), shared(shared) {}

  // Faces, shaping and break opportunities of paragraph p. A document measures a table
  // cell's text before it sets it, and repeats labels: an analysis is kept for the rest of
  // the document (this setter's life) and reused for the same text, size and faces. Short
  // paragraphs (labels, headings) recur in every document of a template: their analyses
  // are shared with later documents through the shape cache, when there is one.
  ShapedParagraph analyse(std::u32string_view p, float size) {
    std::string key(sizeof(float) + 2 * sizeof(FontId) + p.size() * sizeof(char32_t), '\0');
    const auto [primary, latin] = faces.faces_in_use();
    std::memcpy(key.data(), &size, sizeof size);
    std::memcpy(key.data() + sizeof size, &primary, sizeof primary);
    std::memcpy(key.data() + sizeof size + sizeof primary, &latin, sizeof latin);
    std::memcpy(key.data() + sizeof size + 2 * sizeof primary, p.data(), p.size() * sizeof(char32_t));
    if (auto it = analysed.find(key); it != analysed.end())
      return ShapedParagraph{p, it->second->shaped, it->second->breaks};
    const bool share = shared && p.size() <= kSharedChars;
    if (share) {
      if (auto a = shared->find(key)) {
        analysed.emplace(std::move(key), a);
        return ShapedParagraph{p, a->shaped, a->breaks};
      }
    }
    faces.choose(p, shaped.face, missing);
    shaper.shape(p, size, shaped);
    breaker.find(p, breaks);
    // Missing characters are warned about per set() call: such paragraphs are not kept.
    const bool notdef = std::any_of(shaped.glyphs.begin(), shaped.glyphs.end(),
                                    [](const ShapedGlyph& g) { return g.id == 0; });
    if (notdef || p.size() > kKeptChars) return ShapedParagraph{p, shaped, breaks};
    auto a = std::make_shared<const ParagraphShape>(ParagraphShape{shaped, breaks});
    if (share) shared->keep(key, a);
    analysed.emplace(std::move(key), a);
    return ShapedParagraph{p, a->shaped, a->breaks};
  }

  // Calls f(paragraph) for each '\n'-separated paragraph of text.
  template <class F>
  void for_each_paragraph(F f) {
    std::u32string_view all(text);
    std::size_t begin = 0;
    while (true) {
      std::size_t nl = all.find(U'\n', begin);
      f(all.substr(begin, nl == std::u32string_view::npos ? std::u32string_view::npos : nl - begin));
      if (nl == std::u32string_view::npos) break;
      begin = nl + 1;
    }
  }

  // Calls f(shaped paragraph) for each paragraph of utf8 set in style: for measuring.
  template <class F>
  void for_each_shaped(std::string_view utf8, const doc::TextStyle& style, F f) {
    faces.use(style);
    missing.clear();
    decode_utf8(utf8, text);
    for_each_paragraph([&](std::u32string_view p) { f(analyse(p, static_cast<float>(style.size))); });
  }

  FaceChooser faces;
  Shaper shaper;
  LineBreaker breaker;
  // Buffers reused call after call.
  std::u32string text;
  ShapedText shaped;
  std::vector<std::uint8_t> breaks;
  std::vector<char32_t> missing;  // characters no face has, first occurrence order
  std::vector<std::string> unknown_families;  // warned about once per setter
  // analyse() results by size, faces and text. Long paragraphs rarely repeat: not kept;
  // those up to kSharedChars are shared with other documents (ShapeCache).
  static constexpr std::size_t kKeptChars = 256;
  static constexpr std::size_t kSharedChars = 32;
  std::unordered_map<std::string, std::shared_ptr<const ParagraphShape>> analysed;
  const FontLibrary* library;
  ShapeCache* shared;  // may be null: nothing shared
};

TextSetter::TextSetter(const FontLibrary& fonts, ShapeCache* shared)
    : impl_(std::make_unique<Impl>(fonts, shared)) {}
TextSetter::~TextSetter() = default;

TextBlock TextSetter::set(std::string_view utf8, const doc::TextStyle& style, float max_width,
                          doc::Align align, float line_height, float first_line_indent,
                          const doc::Origin& origin, DiagnosticSink& sink) {
  Impl& im = *impl_;
  const auto size = static_cast<float>(style.size);
  TextBlock block;
  block.line_pitch = size * line_height;
  // The em box centred in the line box; its top is 0.88 em above the baseline in CJK fonts.
  block.ascent = (block.line_pitch - size) / 2 + 0.88f * size;

  im.faces.use(style);
  if (im.library->face_for(style.family, style.bold) < 0 &&
      std::find(im.unknown_families.begin(), im.unknown_families.end(), style.family) ==
          im.unknown_families.end()) {
    im.unknown_families.push_back(style.family);
    std::string known;
    for (const auto& f : im.library->families()) known += (known.empty() ? "" : ", ") + f;
    sink.report({Severity::Warning, "layout.unknown-family", origin.file, origin.place,
                 "font family '" + style.family + "' is not in the font manifest; the first fallback face is used",
                 "one of: " + known, style.family, {}});
  }
  im.missing.clear();
  decode_utf8(utf8, im.text);
  const LineFormat format{size, max_width, first_line_indent, align};
  im.for_each_paragraph([&](std::u32string_view p) {
    fill_lines(im.analyse(p, size), format, block.lines);
  });
  if (style.bold) {
    for (auto& line : block.lines)
      for (auto& run : line.runs) run.synthetic_bold = im.faces.synthetic_bold(run.font);
  }

  // The data pointer tells the author which value to fix; the template place, where it shows.
  const std::string in_data = origin.data.empty() ? std::string() : " in " + origin.data;
  if (im.missing.size() > kMissingNamed) {
    im.missing.resize(kMissingNamed);
    sink.report({Severity::Warning, "layout.missing-glyph", origin.file, origin.place,
                 "more than " + std::to_string(kMissingNamed) + " characters no font has" + in_data +
                     "; the first " + std::to_string(kMissingNamed) + " are named, all are drawn as empty boxes",
                 "", "", {}});
  }
  for (char32_t c : im.missing) {
    sink.report({Severity::Warning, "layout.missing-glyph", origin.file, origin.place,
                 "no font has the character '" + encode_utf8(c) + "' (" + code_point_name(c) +
                     ")" + in_data + "; it is drawn as an empty box",
                 "", "", {"add a font that has it to the \"fallback\" list of fonts/fonts.json"}});
  }
  return block;
}

float TextSetter::min_width(std::string_view utf8, const doc::TextStyle& style) {
  float widest = 0;
  impl_->for_each_shaped(utf8, style, [&](const ShapedParagraph& p) { widest = std::max(widest, widest_piece(p)); });
  return widest;
}

TextSetter::ContentWidths TextSetter::content_widths(std::string_view utf8, const doc::TextStyle& style,
                                                     float first_line_indent) {
  ContentWidths w;
  const float indent = std::max(0.0f, first_line_indent);
  impl_->for_each_shaped(utf8, style, [&](const ShapedParagraph& p) {
    w.min = std::max(w.min, widest_word(p) + indent);
    w.max = std::max(w.max, one_line_width(p) + indent);
  });
  return w;
}

}  // namespace jixiao::layout
