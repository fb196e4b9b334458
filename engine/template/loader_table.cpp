// Loading of <table>, <tr> and <td>. Styles cascade form → table → cell at load time,
// since they do not depend on the data.
#include <algorithm>

#include "diag/limits.h"
#include "template/loader.h"
#include "template/units.h"

namespace jixiao::tmpl {

void Loader::table(pugi::xml_node el, Nodes& out, const doc::TextStyle& style) {
  Attributes a(src_, el,
               {"widths", "width", "border", "padding", "line-height", "font", "size", "bold",
                "space-before", "space-after", "align", "closing-rows", "split-lines",
                "continued-mark"},
               report_);
  TableNode t;
  t.place = a.place();
  t.proto.origin = {src_.file(), t.place, {}};
  doc::TextStyle table_style = a.style(style);
  double em = table_style.size;
  column_widths(a, t.proto, em);
  // The narrowest column bounds border and padding: its text needs room between them. An
  // automatic column counts with its MIN; without one, layout gives it room for its text.
  double narrowest = content_width_;
  for (std::size_t c = 0; c < t.proto.column_widths.size(); ++c) {
    const bool automatic = c < t.proto.auto_widths.size() && t.proto.auto_widths[c];
    const double w = automatic ? t.proto.auto_widths[c]->min : t.proto.column_widths[c];
    if (w > 0) narrowest = std::min(narrowest, w);
  }
  t.proto.border_width = a.length("border", t.proto.border_width, em, narrowest / 4,
                                  "a quarter of the narrowest column");
  // Like CSS: one value for all sides, or vertical then horizontal.
  if (auto p = a.lengths("padding", em, {1, 2},
                         "1 or 2 lengths: all sides, or top/bottom then left/right (2 2.5)",
                         narrowest / 4)) {
    t.proto.padding_y = (*p)[0];
    t.proto.padding_x = p->size() > 1 ? (*p)[1] : (*p)[0];
  }
  t.proto.line_height = a.number("line-height", t.proto.line_height, limits::kLineHeightMin,
                                 limits::kLineHeightMax);
  t.proto.space_before = down(a, "space-before", 0, em);
  t.proto.space_after = down(a, "space-after", 0, em);
  t.proto.align = static_cast<doc::Align>(a.choice("align", {"left", "center", "right"}, 1));
  // Pagination: the last rows kept on one page, the fewest lines a split leaves on either
  // side, the mark a label repeated on a continued page takes ("（续）").
  t.proto.closing_rows = a.whole("closing-rows", t.proto.closing_rows, 0, limits::kTableSpan);
  t.proto.min_split_lines = a.whole("split-lines", t.proto.min_split_lines, 1, 20);
  t.proto.continued_mark = a.text("continued-mark");
  children(el, t.rows, Context::Rows, table_style);
  out.push_back(Node{std::move(t)});
}

void Loader::row(pugi::xml_node el, Nodes& out, const doc::TextStyle& style) {
  Attributes a(src_, el, {"header", "min-height", "keep-with-next", "keep-with-previous", "repeat"},
               report_);
  RowNode r;
  r.place = a.place();
  r.proto.header = a.boolean("header", false);
  r.proto.keep_with_next = a.boolean("keep-with-next", false);
  r.proto.keep_with_previous = a.boolean("keep-with-previous", false);
  r.proto.repeat = a.boolean("repeat", false);
  r.proto.min_height = down(a, "min-height", 0, style.size);
  children(el, r.cells, Context::Cells, style);
  out.push_back(Node{std::move(r)});
}

void Loader::cell(pugi::xml_node el, Nodes& out, const doc::TextStyle& style) {
  Attributes a(src_, el,
               {"colspan", "rowspan", "align", "valign", "font", "size", "bold", "merge", "stacked",
                "indent", "continued-mark"},
               report_);
  CellNode c;
  c.proto.style = a.style(style);
  c.proto.align =
      static_cast<doc::Align>(a.choice("align", {"left", "center", "right", "justify"}, 1));
  c.proto.valign = static_cast<doc::VAlign>(a.choice("valign", {"top", "middle", "bottom"}, 1));
  c.proto.origin = {src_.file(), a.place(), {}};
  c.colspan = a.span("colspan");
  c.rowspan = a.span("rowspan");
  c.merge_down = a.choice("merge", {"none", "down"}, 0) == 1;
  c.proto.stacked = a.boolean("stacked", false);
  if (a.find("continued-mark")) c.proto.continued_mark = a.text("continued-mark");
  c.proto.first_line_indent = across(a, "indent", 0, c.proto.style.size);  // narratives: 2em
  inline_content(el, c.text);
  out.push_back(Node{std::move(c)});
}

}  // namespace jixiao::tmpl
