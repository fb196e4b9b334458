// Drawing the cell pieces of one page: borders and text.
//
// Borders: every piece contributes its four edges; edges on one line are merged into maximal
// stretches, so each stretch of rule is drawn once, whatever the spans (a rowspan cell's edge
// beside three rows is one rule, not drawn again by each row's cells), and a table's outer
// frame and column lines are single strokes down the page.
#include <algorithm>
#include <cmath>

#include "layout/table.h"

namespace jixiao::layout {

namespace {

constexpr float kJoin = 0.01f;  // edges closer than this, points, are one line

long key_of(float v) { return std::lround(v * 100); }

}  // namespace

const TextBlock& piece_block(const TableCell& cell, const CellPiece& piece) {
  switch (piece.text) {
    case CellPiece::Text::Across: return cell.across;
    case CellPiece::Text::Continued: return cell.continued;
    case CellPiece::Text::ContinuedAcross: return cell.continued_across;
    default: return cell.block;
  }
}

void TableDrawer::add_rules(std::vector<Segment>& segments, bool horizontal, Page& page) const {
  std::sort(segments.begin(), segments.end(), [](const Segment& x, const Segment& y) {
    return x.key != y.key ? x.key < y.key : x.a < y.a;
  });
  const auto width = static_cast<float>(grid_.table->border_width);
  auto emit = [&](const Segment& s) {
    if (horizontal) page.rules.push_back({s.a, s.at, s.b, s.at, width});
    else page.rules.push_back({s.at, s.a, s.at, s.b, width});
  };
  for (std::size_t i = 0; i < segments.size();) {
    Segment run = segments[i++];
    while (i < segments.size() && segments[i].key == run.key && segments[i].a <= run.b + kJoin) {
      run.b = std::max(run.b, segments[i].b);
      ++i;
    }
    emit(run);
  }
  segments.clear();
}

// The table's box on this page: around its pieces.
void TableDrawer::record_table(const std::vector<CellPiece>& pieces, float table_x, PageFlow& flow) const {
  Box box{Box::Kind::Table, table_x, pieces.front().y0, grid_.width, 0, 0, &grid_.table->origin,
          nullptr, false, 0, 0};
  float foot = box.y;
  for (const CellPiece& p : pieces) {
    box.y = std::min(box.y, p.y0);
    foot = std::max(foot, p.y1);
  }
  box.h = foot - box.y;
  flow.record_box(box);
}

void TableDrawer::add_structure(PageFlow& flow) {
  using Role = StructElement::Role;
  const auto table = static_cast<std::int32_t>(flow.add_element({Role::Table, -1, 1, 1}));
  cell_tags_.assign(grid_.cells.size(), kArtifact);
  drawn_.assign(grid_.cells.size(), 0);
  const doc::Table& t = *grid_.table;
  for (int r = 0; r < grid_.rows(); ++r) {
    const auto row = static_cast<std::int32_t>(flow.add_element({Role::TR, table, 1, 1}));
    // Header rows and a section's heading rows hold the column headers (TH, scope Column).
    const bool heads = r < grid_.header_end || t.rows[static_cast<std::size_t>(r)].repeat;
    for (int c = grid_.row_first[r]; c < grid_.row_first[r + 1]; ++c) {
      const doc::Cell& cell = *grid_.cells[c].cell;
      cell_tags_[c] = flow.add_element({heads ? Role::TH : Role::TD, row,
                                        static_cast<std::uint16_t>(std::clamp(cell.rowspan, 1, 0xFFFF)),
                                        static_cast<std::uint16_t>(std::clamp(cell.colspan, 1, 0xFFFF))});
    }
  }
}

std::uint32_t TableDrawer::piece_tag(const CellPiece& p) {
  if (cell_tags_.empty()) return kArtifact;
  const auto c = static_cast<std::size_t>(p.cell);
  switch (p.text) {
    case CellPiece::Text::Continued:
    case CellPiece::Text::ContinuedAcross: return kArtifact;
    case CellPiece::Text::Across:
      if (drawn_[c] > 0) return kArtifact;
      drawn_[c] = grid_.cells[c].lines();
      return cell_tags_[c];
    default:
      if (p.line_begin < drawn_[c]) return kArtifact;
      drawn_[c] = std::max(drawn_[c], p.line_end);
      return cell_tags_[c];
  }
}

void TableDrawer::draw(std::vector<CellPiece>& pieces, float table_x, PageFlow& flow) {
  if (pieces.empty()) return;
  // Cell order is source order (row-major): text extracts as the table reads. A cell whose
  // text goes on to the next page comes last, as a paragraph running over a page break
  // does, so that extraction in content order (copy and paste, pdftotext -raw) joins its
  // two parts: the next page starts with them (page furniture is drawn after, pdf.cpp).
  auto goes_on = [this](const CellPiece& p) {
    return p.text == CellPiece::Text::Own && p.line_end < grid_.cells[p.cell].lines();
  };
  std::sort(pieces.begin(), pieces.end(), [&](const CellPiece& a, const CellPiece& b) {
    const bool ga = goes_on(a), gb = goes_on(b);
    return ga != gb ? gb : a.cell < b.cell;
  });
  const float pad_x = grid_.pad_x, pad_y = grid_.pad_y;
  const bool record = flow.recording();
  if (record) record_table(pieces, table_x, flow);
  for (const CellPiece& p : pieces) {
    const TableCell& tc = grid_.cells[p.cell];
    const float x0 = table_x + tc.x, x1 = x0 + tc.w;
    horizontal_.push_back({key_of(p.y0), p.y0, x0, x1});
    horizontal_.push_back({key_of(p.y1), p.y1, x0, x1});
    vertical_.push_back({key_of(x0), x0, p.y0, p.y1});
    vertical_.push_back({key_of(x1), x1, p.y0, p.y1});
    const std::size_t cell_box = flow.page().boxes.size();
    if (record) flow.record_box({Box::Kind::Cell, x0, p.y0, tc.w, p.y1 - p.y0, 0, &tc.cell->origin,
                                 &tc.cell->text, false, 0, 0});
    if (p.line_end <= p.line_begin) continue;

    const TextBlock& block = piece_block(tc, p);
    const std::uint32_t tag = piece_tag(p);
    // Stacked text was set at width 0: each character is centred in the cell here.
    const bool stacked = tc.cell->stacked && (p.text == CellPiece::Text::Own ||
                                              p.text == CellPiece::Text::Continued);
    float offset = 0;
    if (p.aligned) {
      const float used = static_cast<float>(p.line_end - p.line_begin) * block.line_pitch;
      const float free = (p.y1 - p.y0) - 2 * pad_y - used;
      const doc::VAlign v = tc.cell->valign;
      if (v == doc::VAlign::Middle) offset = std::max(0.0f, free / 2);
      else if (v == doc::VAlign::Bottom) offset = std::max(0.0f, free);
    }
    float baseline = p.y0 + pad_y + offset + block.ascent;
    for (std::uint32_t k = p.line_begin; k < p.line_end; ++k) {
      const TextLine& line = block.lines[k];
      const float x = stacked ? x0 + (tc.w - line.width) / 2 : x0 + pad_x;
      const std::size_t run_begin = flow.page().runs.size();
      flow.place_line(line, x, baseline, tag);
      if (record) {
        flow.record_line(line, x, baseline, block, run_begin, stacked ? tc.w : tc.w - 2 * pad_x,
                         p.y1, tc.cell->origin);
        Page& page = flow.page();
        page.boxes[cell_box].overflow = page.boxes[cell_box].overflow || page.boxes.back().overflow;
      }
      baseline += block.line_pitch;
    }
  }
  Page& page = flow.page();
  add_rules(horizontal_, true, page);
  add_rules(vertical_, false, page);
}

}  // namespace jixiao::layout
