#include "pdf/content.h"

#include <cmath>

#include "diag/limits.h"
#include "pdf/numbers.h"

namespace jixiao::pdf {

void TextWriter::begin_array() {
  array_start_ = out_.size();
  out_ += '[';
  in_hex_ = adjusted_ = has_glyphs_ = false;
}

void TextWriter::end_array() {
  if (in_hex_) out_ += '>';
  in_hex_ = false;
  if (!has_glyphs_ && !adjusted_) {
    out_.resize(array_start_);
  } else if (adjusted_) {
    out_ += "]TJ\n";
  } else {
    // Nothing but glyphs: the shorter Tj does the same.
    out_.erase(array_start_, 1);
    out_ += "Tj\n";
  }
}

void TextWriter::put_glyph(std::uint16_t cid) {
  if (!in_hex_) out_ += '<';
  in_hex_ = true;
  has_glyphs_ = true;
  append_hex4(out_, cid);
}

void TextWriter::put_missing(std::u32string_view text, std::uint16_t cid) {
  // A character no font has is drawn as .notdef, whose ToUnicode entry can only say U+FFFD;
  // /ActualText makes it copy out as itself (the run's own /ActualText already does).
  if (in_actual_) return put_glyph(cid);
  end_array();
  out_ += "/Span<</ActualText<FEFF";
  append_utf16be_hex(out_, text.substr(0, 16));
  out_ += ">>>BDC\n";
  begin_array();
  put_glyph(cid);
  end_array();
  out_ += "EMC\n";
  begin_array();
}

void TextWriter::put_adjustment(std::int64_t thousandths) {
  // Hex strings are self-delimiting, so "<0001>-120<0002>" needs no spaces.
  if (in_hex_) out_ += '>';
  in_hex_ = false;
  adjusted_ = true;
  append_thousandths(out_, thousandths);
}

std::int64_t TextWriter::even_spacing(const layout::GlyphRun& run, const FontSubset& font, double pt) {
  if (run.glyphs.size() < 2) return 0;
  double first = 0;
  for (std::size_t i = 0; i + 1 < run.glyphs.size(); ++i) {
    const layout::Glyph& g = run.glyphs[i];
    const double extra = run.glyphs[i + 1].x - g.x - font.width(g.id) / 1000.0 * pt;
    if (i == 0)
      first = extra;
    else if (std::abs(extra - first) > kTolerance)
      return 0;
  }
  return std::abs(first) > kTolerance ? to_thousandths(first, "a glyph position") : 0;
}

void TextWriter::add(const layout::GlyphRun& run, int font_number, const FontSubset& font,
                     std::uint32_t rgb) {
  if (run.glyphs.empty()) return;
  // TJ adjustments divide by the size: below the smallest size layout sets, refuse.
  if (!(run.size >= limits::kFontSizeMinPt && run.size <= limits::kLengthPoints))
    out_of_range("a font size", run.size, "1 to 14400 pt");
  if (out_.empty()) out_ += "BT\n";
  // A run with squeezed punctuation gets a sequence of its own carrying its text.
  std::string actual;
  if (squeezed(run, font, run.size)) append_utf16be_hex(actual, run.text);
  if (tags_ && (marked_ == 0 || run.tag != tag_ || !actual.empty() || actual_open_)) {
    close_marked();
    marked_ = tags_->open(out_, page_, run.tag, actual);
    tag_ = run.tag;
    actual_open_ = !actual.empty();
  }
  in_actual_ = actual_open_;
  const bool own_span = !tags_ && !actual.empty();  // untagged: a bare /Span around the run
  if (own_span) {
    out_ += "/Span<</ActualText<FEFF" + actual + ">>>BDC\n";
    in_actual_ = true;
  }
  const std::int64_t size = to_thousandths(run.size, "a font size");
  if (font_number != font_ || size != size_) {
    out_ += "/F";
    out_ += std::to_string(font_number);
    out_ += ' ';
    append_thousandths(out_, size);
    out_ += " Tf\n";
    font_ = font_number;
    size_ = size;
  }
  // Td moves relative to the previous line start; both ends are rounded to 1/1000 pt first so
  // the relative moves add up exactly.
  const std::int64_t x = to_thousandths(run.x, "a text position");
  const std::int64_t y = to_thousandths(static_cast<double>(page_height_) - run.y, "a text position");
  append_thousandths(out_, x - line_x_);
  out_ += ' ';
  append_thousandths(out_, y - line_y_);
  out_ += " Td\n";
  line_x_ = x;
  line_y_ = y;

  const double pt = size / 1000.0;  // the size as shown, points
  if (rgb != rgb_) {
    std::string colour;
    append_rgb(colour, rgb);
    out_ += colour + " rg " + colour + " RG\n";
    rgb_ = rgb;
    saved_ = true;
  }
  set_bold(run.synthetic_bold, size);
  const std::int64_t spacing = even_spacing(run, font, pt);
  if (spacing != spacing_) {
    append_thousandths(out_, spacing);
    out_ += " Tc\n";
    spacing_ = spacing;
  }
  const double origin_error = x / 1000.0 - run.x;
  double pen = origin_error;  // where the next glyph lands, points from the run's origin
  begin_array();
  for (const layout::Glyph& g : run.glyphs) {
    const std::int64_t rise = to_thousandths(g.y, "a glyph offset");
    if (rise != rise_) {
      end_array();
      append_thousandths(out_, rise);
      out_ += " Ts\n";
      rise_ = rise;
      begin_array();
    }
    const double gap = checked(g.x, "a glyph position") - pen;
    if (std::abs(gap) > kTolerance) {
      // A TJ number moves the pen left by n/1000 of the font size. Numbers beyond PDF's range
      // go in steps: adjacent TJ numbers add up (a gap is at most a page, the size ≥ 1 pt).
      double rest = -gap * 1000.0 / pt;
      if (std::abs(rest) > 1000 * limits::kPdfNumber) out_of_range("a glyph position", g.x, "within the page");
      while (std::abs(rest) > limits::kPdfNumber) {
        const double step = rest > 0 ? limits::kPdfNumber : -limits::kPdfNumber;
        put_adjustment(to_thousandths(step));
        pen -= step / 1000.0 * pt;
        rest -= step;
      }
      const std::int64_t n = to_thousandths(rest);
      if (n != 0) {
        put_adjustment(n);
        pen -= n / 1000.0 / 1000.0 * pt;
      }
    }
    const std::uint16_t cid = font.cid(g.id);
    if (g.id == 0 && g.text_len > 0 && g.text_begin < run.text.size()) {
      put_missing(run.text.substr(g.text_begin, g.text_len), cid);
    } else {
      put_glyph(cid);
    }
    pen += font.width(g.id) / 1000.0 * pt + spacing / 1000.0;
  }
  end_array();
  if (own_span) out_ += "EMC\n";
  in_actual_ = false;
}

bool TextWriter::squeezed(const layout::GlyphRun& run, const FontSubset& font, double pt) {
  // Text extraction boxes each glyph by its advance in the font; a squeezed mark (（1.5分），
  // ：“) overlaps the next one by half an em, and poppler takes a glyph that far back for the
  // start of a new line. The run's text as /ActualText reads whole.
  for (std::size_t i = 0; i + 1 < run.glyphs.size(); ++i) {
    const layout::Glyph& g = run.glyphs[i];
    if (run.glyphs[i + 1].x < g.x + font.width(g.id) / 1000.0 * pt - 0.1 * pt) return true;
  }
  return false;
}

void TextWriter::close_marked() {
  for (; marked_ > 0; --marked_) out_ += "EMC\n";
}

void TextWriter::set_bold(bool bold, std::int64_t size) {
  if (bold) {
    // Stroking the outlines widens every stem by the line width: size/35 is the weight step
    // of common synthetic-bold implementations, heavy enough to read as bold, light enough
    // to keep the counters of dense ideographs open.
    const std::int64_t width = (size + 17) / 35;
    if (width != stroke_) {
      append_thousandths(out_, width);
      out_ += " w\n";
      stroke_ = width;
    }
    saved_ = true;
  }
  if (bold != stroking_) {
    out_ += bold ? "2 Tr\n" : "0 Tr\n";
    stroking_ = bold;
  }
}

std::string TextWriter::finish() {
  if (out_.empty()) return std::move(out_);
  close_marked();
  out_ += "ET\n";
  if (saved_) {
    out_.insert(0, "q\n");
    out_ += "Q\n";
  }
  return std::move(out_);
}

}  // namespace jixiao::pdf
