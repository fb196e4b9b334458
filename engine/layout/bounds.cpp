#include "layout/bounds.h"

#include <cmath>
#include <cstdio>
#include <variant>

#include "diag/limits.h"

namespace jixiao::layout {

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string in_data(const doc::Origin& o) { return o.data.empty() ? "" : " (" + o.data + ")"; }

std::size_t code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

class Checker {
 public:
  Checker(const doc::Document& d, DiagnosticSink& sink) : sink_(sink), body_(d.page) {}

  // A length in [low, kLengthPoints]; low is -kLengthPoints where negative values mean
  // something (a hanging indent).
  void length(double v, const char* what, const doc::Origin& o, double low = 0) {
    if (std::isfinite(v) && v >= low && v <= limits::kLengthPoints) return;
    fail(o, std::string(what) + " out of range",
         "a length between " + number(low) + " and " + number(limits::kLengthPoints) + " pt", number(v));
  }

  // A font size and the line pitch it gives: one line must fit on an empty page.
  void style(const doc::TextStyle& s, double line_height, const doc::Origin& o) {
    if (!(std::isfinite(s.size) && s.size >= limits::kFontSizeMinPt && s.size <= limits::kLengthPoints)) {
      fail(o, "font size out of range",
           number(limits::kFontSizeMinPt) + " to " + number(limits::kLengthPoints) + " pt", number(s.size));
      return;
    }
    const double pitch = s.size * line_height;
    if (!(std::isfinite(line_height) && line_height > 0 && pitch <= body_height()))
      fail(o, "one line of this text does not fit on an empty page",
           "a line pitch (size × line height) of at most " + number(body_height()) + " pt, the page body",
           number(pitch) + " pt");
  }

  void text(const std::string& t, const doc::Origin& o) {
    const std::size_t n = t.size() < limits::kTextChars ? t.size() : code_points(t);
    if (n > limits::kTextChars)
      fail(o, "text too long for one paragraph or cell" + in_data(o),
           "at most " + std::to_string(limits::kTextChars) + " characters", std::to_string(n) + " characters");
  }

  void page(const doc::PageSetup& p, const doc::Origin& o) {
    length(p.width, "page width", o);
    length(p.height, "page height", o);
    length(p.margin_top, "top margin", o);
    length(p.margin_right, "right margin", o);
    length(p.margin_bottom, "bottom margin", o);
    length(p.margin_left, "left margin", o);
    length(p.header_offset, "header offset", o);
    length(p.footer_offset, "footer offset", o);
    if (sink_.has_errors()) return;
    if (body_width() <= 0 || body_height() <= 0) {
      fail(o, "the margins leave no room for the page body", "margins smaller than the page",
           number(body_width()) + " × " + number(body_height()) + " pt body");
      return;
    }
    for (const auto* marks : {&p.headers, &p.footers})
      for (const doc::PageMark& m : *marks) {
        text(m.text, o);
        style(m.style, 1.2, o);
      }
  }

  void paragraph(const doc::Paragraph& p) {
    const doc::Origin& o = p.origin;
    text(p.text, o);
    style(p.style, p.line_height, o);
    length(p.space_before, "space before", o);
    length(p.space_after, "space after", o);
    length(p.first_line_indent, "indent", o, -limits::kLengthPoints);
  }

  void table(const doc::Table& t) {
    const doc::Origin& o = t.origin;
    for (double w : t.column_widths) length(w, "column width", o);
    for (const auto& a : t.auto_widths) {
      if (!a) continue;
      length(a->min, "least column width", o);
      length(a->max, "greatest column width", o);
    }
    length(t.width, "table width", o);
    length(t.border_width, "border width", o);
    length(t.padding_x, "horizontal padding", o);
    length(t.padding_y, "vertical padding", o);
    length(t.space_before, "space before", o);
    length(t.space_after, "space after", o);
    // Padding and one line of every cell fit on an empty page (named once per table).
    bool room = t.padding_y >= 0 && t.padding_y <= limits::kLengthPoints;
    for (const doc::Row& r : t.rows) {
      length(r.min_height, "row height", o);
      for (const doc::Cell& c : r.cells) {
        text(c.text, c.origin);
        style(c.style, t.line_height, c.origin);
        length(c.first_line_indent, "indent", c.origin, -limits::kLengthPoints);
        const double need = 2 * t.padding_y + c.style.size * t.line_height;
        if (room && need > body_height()) {
          fail(c.origin, "not one line of this cell fits on an empty page" + in_data(c.origin),
               "padding and one line within the page body, " + number(body_height()) + " pt",
               number(need) + " pt");
          room = false;
        }
      }
    }
  }

 private:
  double body_width() const { return body_.width - body_.margin_left - body_.margin_right; }
  double body_height() const { return body_.height - body_.margin_top - body_.margin_bottom; }

  void fail(const doc::Origin& o, std::string message, std::string expected, std::string got) {
    // One error per place is enough; a row of 10,000 bad cells need not give 10,000.
    if (sink_.all().size() >= 50) return;
    sink_.report({Severity::Error, "layout.out-of-range", o.file, o.place, std::move(message),
                  std::move(expected), std::move(got), {}});
  }

  DiagnosticSink& sink_;
  const doc::PageSetup& body_;
};

// The page setup has no origin of its own: the form's file, from its first block.
doc::Origin form_origin(const doc::Document& d) {
  for (const doc::Block& b : d.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&b)) return {p->origin.file, "", ""};
    if (const auto* t = std::get_if<doc::Table>(&b)) return {t->origin.file, "", ""};
  }
  return {};
}

}  // namespace

bool check_bounds(const doc::Document& d, DiagnosticSink& sink) {
  DiagnosticSink found;
  Checker check(d, found);
  check.page(d.page, form_origin(d));
  if (!found.has_errors()) {
    for (const doc::Block& b : d.blocks) {
      if (const auto* p = std::get_if<doc::Paragraph>(&b)) check.paragraph(*p);
      else if (const auto* t = std::get_if<doc::Table>(&b)) check.table(*t);
    }
  }
  for (const auto& diag : found.all()) sink.report(diag);
  return !found.has_errors();
}

void no_room(const doc::Origin& origin, const std::string& what, DiagnosticSink& sink) {
  sink.report({Severity::Error, "layout.no-room", origin.file, origin.place, what,
               "at least one line of every block fits on an empty page", "", {}});
  throw LayoutStopped{};
}

}  // namespace jixiao::layout
