#include "ofd/page.h"

#include <hb.h>

#include <algorithm>

#include "diag/diag.h"
#include "ofd/xml.h"
#include "pdf/numbers.h"

namespace jixiao::ofd {

namespace {

void attr(std::string& out, const char* name, std::int64_t thousandths) {
  out += ' ';
  out += name;
  out += "=\"";
  append_mm(out, thousandths);
  out += '"';
}

void id_attr(std::string& out, std::uint32_t& next_id) {
  out += " ID=\"" + std::to_string(next_id++) + '"';
}

void boundary(std::string& out, std::int64_t x, std::int64_t y, std::int64_t w, std::int64_t h) {
  out += " Boundary=\"";
  for (std::int64_t v : {x, y, w, h}) {
    if (v != x) out += ' ';
    append_mm(out, v);
  }
  out += '"';
}

// An ST_Array of thousandths, runs of three or more equal values as "g n v" (section 7.3).
void append_deltas(std::string& out, const std::vector<std::int64_t>& d) {
  for (std::size_t i = 0; i < d.size();) {
    std::size_t j = i;
    while (j < d.size() && d[j] == d[i]) ++j;
    if (!out.ends_with('"')) out += ' ';
    if (j - i >= 3) {
      out += "g " + std::to_string(j - i) + ' ';
      append_mm(out, d[i]);
      i = j;
    } else {
      append_mm(out, d[i]);
      ++i;
    }
  }
}

void append_color(std::string& out, const char* element, std::uint32_t rgb) {
  out += "<ofd:";
  out += element;
  out += " Value=\"" + std::to_string((rgb >> 16) & 0xFF) + ' ' + std::to_string((rgb >> 8) & 0xFF) + ' ' +
         std::to_string(rgb & 0xFF) + "\"/>";
}

// Consecutive rules of one width make one PathObject; square caps close the corners, as
// in the PDF.
void write_rules(std::string& out, const layout::Page& p, std::uint32_t& next_id) {
  for (std::size_t i = 0; i < p.rules.size();) {
    std::size_t j = i;
    while (j < p.rules.size() && p.rules[j].width == p.rules[i].width) ++j;
    const std::int64_t w = mm(p.rules[i].width, "a rule width");
    std::int64_t x0 = INT64_MAX, y0 = INT64_MAX, x1 = INT64_MIN, y1 = INT64_MIN;
    std::vector<std::int64_t> pts;
    for (std::size_t k = i; k < j; ++k) {
      const layout::Rule& r = p.rules[k];
      for (float v : {r.x1, r.y1, r.x2, r.y2}) pts.push_back(mm(v, "a rule position"));
    }
    for (std::size_t k = 0; k < pts.size(); k += 2) {
      x0 = std::min(x0, pts[k] - w), x1 = std::max(x1, pts[k] + w);
      y0 = std::min(y0, pts[k + 1] - w), y1 = std::max(y1, pts[k + 1] + w);
    }
    out += "<ofd:PathObject";
    id_attr(out, next_id);
    boundary(out, x0, y0, x1 - x0, y1 - y0);
    attr(out, "LineWidth", w);
    out += " Cap=\"Square\"><ofd:AbbreviatedData>";
    for (std::size_t k = 0; k < pts.size(); k += 2) {
      if (k) out += ' ';
      out += k % 4 == 0 ? "M " : "L ";
      append_mm(out, pts[k] - x0);
      out += ' ';
      append_mm(out, pts[k + 1] - y0);
    }
    out += "</ofd:AbbreviatedData></ofd:PathObject>";
    i = j;
  }
}

void write_run(std::string& out, const layout::GlyphRun& run, std::uint32_t rgb, hb_font_t* font,
               const PackageFont& pf, std::uint32_t& next_id) {
  const std::vector<Cluster> parts = clusters(run);
  if (parts.empty()) return;
  std::u32string text;
  std::vector<std::int64_t> xs, ys;  // per character, mm thousandths on the page
  std::string transforms;
  float left = run.glyphs.front().x, right = left;
  for (const layout::Glyph& g : run.glyphs) left = std::min(left, g.x), right = std::max(right, g.x + g.advance);
  for (const Cluster& c : parts) {
    const layout::Glyph& first = run.glyphs[c.glyph_begin];
    hb_codepoint_t nominal = 0;
    const bool simple = c.text_len == 1 && c.glyph_end - c.glyph_begin == 1 &&
                        hb_font_get_nominal_glyph(font, run.text[c.text_begin], &nominal) && nominal == first.id;
    if (!simple) {
      transforms += "<ofd:CGTransform CodePosition=\"" + std::to_string(text.size()) + "\" CodeCount=\"" +
                    std::to_string(c.text_len) + "\" GlyphCount=\"" + std::to_string(c.glyph_end - c.glyph_begin) +
                    "\"><ofd:Glyphs>";
      for (std::size_t g = c.glyph_begin; g < c.glyph_end; ++g) {
        if (g != c.glyph_begin) transforms += ' ';
        transforms += std::to_string(pf.subset.new_gid(run.glyphs[g].id));
      }
      transforms += "</ofd:Glyphs></ofd:CGTransform>";
    }
    for (std::uint32_t k = 0; k < c.text_len; ++k) {
      text += run.text[c.text_begin + k];
      xs.push_back(mm(run.x + first.x, "a glyph position"));
      ys.push_back(mm(run.y - first.y, "a glyph position"));
    }
  }
  // The boundary holds the glyphs with a size's margin: readers may clip to it.
  const std::int64_t bx = mm(run.x + left - run.size, "a text position");
  const std::int64_t by = mm(run.y - 1.5f * run.size, "a text position");
  const std::int64_t bw = mm(right - left + 2 * run.size, "a text width");
  const std::int64_t bh = mm(2.5f * run.size, "a text height");
  out += "<ofd:TextObject";
  id_attr(out, next_id);
  boundary(out, bx, by, bw, bh);
  out += " Font=\"" + std::to_string(pf.id) + '"';
  attr(out, "Size", mm(run.size, "a font size"));
  // Bold the face lacks: filled and stroked, as the PDF does.
  if (run.synthetic_bold) {
    out += " Stroke=\"true\"";
    attr(out, "LineWidth", mm(run.size / 35.0, "a stroke width"));
  }
  out += '>';
  if (rgb) {
    append_color(out, "FillColor", rgb);
    if (run.synthetic_bold) append_color(out, "StrokeColor", rgb);
  }
  out += transforms;
  out += "<ofd:TextCode";
  attr(out, "X", xs.front() - bx);
  attr(out, "Y", ys.front() - by);
  std::vector<std::int64_t> dx, dy;
  for (std::size_t i = 1; i < xs.size(); ++i) dx.push_back(xs[i] - xs[i - 1]), dy.push_back(ys[i] - ys[i - 1]);
  if (!dx.empty()) {
    out += " DeltaX=\"";
    append_deltas(out, dx);
    out += '"';
  }
  if (std::any_of(dy.begin(), dy.end(), [](std::int64_t v) { return v != 0; })) {
    out += " DeltaY=\"";
    append_deltas(out, dy);
    out += '"';
  }
  out += '>';
  for (char32_t c : text) append_escaped(out, c);
  out += "</ofd:TextCode></ofd:TextObject>";
}

}  // namespace

std::vector<Cluster> clusters(const layout::GlyphRun& run) {
  std::vector<Cluster> out;
  for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
    const layout::Glyph& g = run.glyphs[i];
    if (g.text_len > 0 && (g.text_begin > run.text.size() || g.text_len > run.text.size() - g.text_begin))
      throw Failure({Severity::Error, "ofd.write", "", "",
                     "a glyph stands for text outside its run (characters " + std::to_string(g.text_begin) + "+" +
                         std::to_string(g.text_len) + " of " + std::to_string(run.text.size()) + ")",
                     "a cluster within the run's text", "", {}});
    if (g.text_len > 0 && !(out.size() == 1 && out.back().text_len == 0)) {
      out.push_back({i, i + 1, g.text_begin, g.text_len});
    } else if (g.text_len > 0) {  // text-less glyphs before it join its cluster
      out.back().glyph_end = i + 1;
      out.back().text_begin = g.text_begin;
      out.back().text_len = g.text_len;
    } else if (out.empty()) {
      out.push_back({i, i + 1, 0, 0});
    } else {
      out.back().glyph_end = i + 1;
    }
  }
  if (!out.empty() && out.front().text_len == 0) out.clear();
  return out;
}

std::string page_content(const layout::Page& page, const layout::FontLibrary& library,
                         const pdf::DocumentUsage& usage, const std::vector<PackageFont>& fonts,
                         std::uint32_t& next_id) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"";
  out += kNamespace;
  out += "\"><ofd:Area><ofd:PhysicalBox>0 0 ";
  append_mm(out, mm(page.width, "a page width"));
  out += ' ';
  append_mm(out, mm(page.height, "a page height"));
  out += "</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer";
  id_attr(out, next_id);
  out += '>';
  write_rules(out, page, next_id);
  for (std::size_t i = 0; i < page.runs.size(); ++i) {
    const layout::GlyphRun& run = page.runs[i];
    if (run.glyphs.empty()) continue;
    const PackageFont& pf = fonts[static_cast<std::size_t>(usage.slot(run.font))];
    write_run(out, run, i < page.run_colors.size() ? page.run_colors[i] : 0, library.harfbuzz_font(run.font), pf,
              next_id);
  }
  out += "</ofd:Layer></ofd:Content></ofd:Page>\n";
  return out;
}

}  // namespace jixiao::ofd
