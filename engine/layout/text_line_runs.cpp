#include "layout/text_line_runs.h"

#include <algorithm>

#include "layout/linebreak.h"

namespace jixiao::layout {

namespace {

// Justification (clreq §3.8): the room left spreads evenly over the gaps between
// characters; a space ("接入 78 家") widens by at most a quarter em, as much as the other
// gaps below that; a line that would need more than half an em between its characters
// stays unjustified rather than letter-spaced.
constexpr float kSpaceStretchEm = 0.25f;
constexpr float kLetterStretchEm = 0.5f;

}  // namespace

LineSetter::Gap LineSetter::gap_before(std::size_t i) const {
  if (!p_.shaped.cluster_start[i] || is_space(p_.text[i - 1])) return Gap::None;
  if (is_space(p_.text[i])) return Gap::Space;
  return is_latin_char(p_.text[i - 1]) && is_latin_char(p_.text[i]) ? Gap::None : Gap::Letter;
}

void LineSetter::close_run(GlyphRun& run, std::size_t text_begin, std::size_t text_end) const {
  run.text.assign(p_.text.substr(text_begin, text_end - text_begin));
  // A cluster's code points belong to its first glyph; the later glyphs get none.
  const auto run_len = static_cast<std::uint32_t>(text_end - text_begin);
  auto& glyphs = run.glyphs;
  for (std::size_t g = 0; g < glyphs.size();) {
    std::size_t next = g + 1;
    while (next < glyphs.size() && glyphs[next].text_begin == glyphs[g].text_begin) ++next;
    std::uint32_t cluster_end = next < glyphs.size() ? glyphs[next].text_begin : run_len;
    glyphs[g].text_len = cluster_end - glyphs[g].text_begin;
    g = next;
  }
}

void LineSetter::set(std::size_t begin, std::size_t end, bool first, bool last, TextLine& line) {
  const auto& shaped = p_.shaped;
  const auto& glyphs = shaped.glyphs;
  std::size_t set_end = end;
  while (set_end > begin && is_space(p_.text[set_end - 1])) --set_end;

  while (glyph_ < glyphs.size() && glyphs[glyph_].cluster < begin) ++glyph_;
  const std::size_t g_begin = glyph_;
  std::size_t g_end = g_begin;
  while (g_end < glyphs.size() && glyphs[g_end].cluster < set_end) ++g_end;
  glyph_ = g_end;
  while (glyph_ < glyphs.size() && glyphs[glyph_].cluster < end) ++glyph_;
  line.width = 0;
  if (g_begin == g_end) return;

  const float indent = first ? format_.first_line_indent : 0.0f;
  float width = indent;
  for (std::size_t i = begin; i < set_end; ++i) width += shaped.advance[i];
  if (set_end > begin) width += shaped.squeezed[set_end - 1];
  // A line wider than the box that fits with its edge brackets half-width (see
  // emergency_end): the opening one moves left by its blank.
  float lead = 0;
  if (format_.max_width > 0 && width > format_.max_width && set_end > begin) {
    const float first_blank = breakchar::is_opening(p_.text[begin]) ? shaped.edge_blank[begin] : 0.0f;
    const float last_blank = breakchar::is_closing(p_.text[set_end - 1]) ? shaped.edge_blank[set_end - 1] : 0.0f;
    if (width - first_blank - last_blank <= format_.max_width + kFitSlack) {
      lead = first_blank;
      width -= first_blank + last_blank;
    }
  }

  // Justification: the remaining width spread evenly over the gaps between characters
  // (inter-character spacing, the Chinese way); a paragraph's last line stays left.
  float letter_extra = 0, space_extra = 0;
  if (format_.align == doc::Align::Justify && !last && format_.max_width > width) {
    std::size_t letters = 0, spaces = 0;
    for (std::size_t i = begin + 1; i < set_end; ++i) {
      const Gap gap = gap_before(i);
      letters += gap == Gap::Letter ? 1 : 0;
      spaces += gap == Gap::Space ? 1 : 0;
    }
    const float room = format_.max_width - width;
    const float space_cap = kSpaceStretchEm * format_.size;
    if (letters == 0 && spaces > 0) {
      space_extra = room / static_cast<float>(spaces);  // Latin text: only its spaces widen
    } else if (letters > 0) {
      letter_extra = room / static_cast<float>(letters + spaces);
      space_extra = std::min(letter_extra, space_cap);
      if (letter_extra > space_cap)
        letter_extra = (room - space_cap * static_cast<float>(spaces)) / static_cast<float>(letters);
    }
    if (letter_extra > kLetterStretchEm * format_.size) letter_extra = space_extra = 0;
    if (letter_extra > 0 || space_extra > 0) width = format_.max_width;
  }
  // A line wider than the box (an unbreakable piece) starts at its left edge whatever the
  // alignment: spilling over the right border is the lesser harm.
  float offset = 0;
  if (format_.align == doc::Align::Center) offset = std::max(0.0f, (format_.max_width - width) / 2);
  if (format_.align == doc::Align::Right) offset = std::max(0.0f, format_.max_width - width);
  line.width = width;

  float pen = offset + indent - lead;
  std::size_t run_text_begin = 0;
  std::uint32_t prev_cluster = static_cast<std::uint32_t>(-1);
  for (std::size_t g = g_begin; g < g_end; ++g) {
    const ShapedGlyph& sg = glyphs[g];
    const bool new_cluster = sg.cluster != prev_cluster;
    prev_cluster = sg.cluster;
    if (new_cluster && sg.cluster > begin) {
      const Gap gap = gap_before(sg.cluster);
      pen += gap == Gap::Letter ? letter_extra : gap == Gap::Space ? space_extra : 0.0f;
    }
    const FontId face = shaped.face[sg.cluster];
    if (line.runs.empty() || line.runs.back().font != face) {
      if (!line.runs.empty()) close_run(line.runs.back(), run_text_begin, sg.cluster);
      GlyphRun& run = line.runs.emplace_back();
      run.font = face;
      run.size = format_.size;
      run.x = pen;
      run_text_begin = sg.cluster;
      std::size_t run_end = g + 1;
      while (run_end < g_end && shaped.face[glyphs[run_end].cluster] == face) ++run_end;
      run.glyphs.reserve(run_end - g);
    }
    GlyphRun& run = line.runs.back();
    Glyph glyph;
    glyph.id = sg.id;
    glyph.x = pen - run.x + sg.x_offset;
    glyph.y = sg.y_offset;
    glyph.advance = sg.advance;
    glyph.text_begin = static_cast<std::uint32_t>(sg.cluster - run_text_begin);
    run.glyphs.push_back(glyph);
    pen += sg.advance;
  }
  close_run(line.runs.back(), run_text_begin, set_end);
}

}  // namespace jixiao::layout
