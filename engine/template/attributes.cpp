#include "template/attributes.h"

#include <algorithm>
#include <charconv>

#include "diag/limits.h"
#include "template/text.h"
#include "template/units.h"

namespace jixiao::tmpl {
namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string shortest(double v) {  // "5", "0.5"
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

std::string list(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace

Attributes::Attributes(const XmlSource& src, pugi::xml_node element,
                       std::initializer_list<std::string_view> allowed, Reporter& report)
    : src_(src), element_(element), report_(report),
      place_(src.place(src.element_offset(element))) {
  auto spots = src.attribute_spots(element);
  std::size_t i = 0;
  for (auto a : element.attributes()) {
    Attr attr{a.name(), a.value(), spots[i++]};
    bool known = false;
    for (auto n : allowed) known = known || n == attr.name;
    if (!known) {
      report_.error("template.attribute", src.place(attr.spot.name),
                    "unknown attribute '" + std::string(attr.name) + "' on " + tag(),
                    allowed.size() ? "one of: " + list(allowed) : "no attributes",
                    quoted(attr.name));
      continue;
    }
    if (find(attr.name)) {
      report_.error("template.attribute", src.place(attr.spot.name),
                    "attribute '" + std::string(attr.name) + "' given twice on " + tag(),
                    "each attribute once", quoted(attr.name));
      continue;
    }
    attrs_.push_back(attr);
  }
}

const Attributes::Attr* Attributes::find(std::string_view name) const {
  for (const auto& a : attrs_)
    if (a.name == name) return &a;
  return nullptr;
}

const Attributes::Attr* Attributes::require(std::string_view name, std::string_view example) {
  const Attr* a = find(name);
  if (!a)
    report_.error("template.attribute", place_,
                  tag() + " needs the attribute '" + std::string(name) + "'",
                  std::string(name) + "=\"" + std::string(example) + "\"", "no " + std::string(name));
  return a;
}

void Attributes::bad_value(const Attr& a, std::string expected) {
  report_.error("template.value", src_.place(a.spot.value),
                "bad value for '" + std::string(a.name) + "' on " + tag(), std::move(expected),
                quoted(a.value));
}

void Attributes::bad_part(const Attr& a, std::size_t at, std::string_view part, std::string expected) {
  report_.error("template.value", src_.place(value_map(a)[std::min(at, a.value.size())]),
                "bad value for '" + std::string(a.name) + "' on " + tag(), std::move(expected),
                quoted(part));
}

std::vector<std::size_t> Attributes::value_map(const Attr& a) const {
  return src_.map_decoded(a.value, a.spot.value, a.spot.value_end);
}

std::string Attributes::text(std::string_view name, std::string fallback) {
  const Attr* a = find(name);
  return a ? std::string(a->value) : fallback;
}

double Attributes::length(std::string_view name, double fallback, double em_size, double max,
                          std::string_view within) {
  const Attr* a = find(name);
  if (!a) return fallback;
  auto v = parse_length(a->value, em_size);
  if (!v || !length_within(*v, max)) {
    bad_value(*a, "a length from 0 to " + mm_text(max) + " (" + std::string(within) +
                      "): 12mm, 1.5cm, 10pt, 2em or a number of points");
    return fallback;
  }
  return *v;
}

std::optional<std::vector<double>> Attributes::lengths(std::string_view name, double em_size,
                                                       std::initializer_list<std::size_t> counts,
                                                       std::string_view expected, double max) {
  const Attr* a = find(name);
  if (!a) return std::nullopt;
  auto v = parse_lengths(a->value, em_size);
  bool count_ok = false;
  if (v)
    for (auto c : counts) count_ok = count_ok || v->size() == c;
  bool in_range = true;
  if (v)
    for (double x : *v) in_range = in_range && length_within(x, max);
  if (!v || !count_ok || !in_range) {
    bad_value(*a, std::string(expected) + ", each at most " + mm_text(max));
    return std::nullopt;
  }
  return v;
}

double Attributes::number(std::string_view name, double fallback, double min, double max) {
  const Attr* a = find(name);
  if (!a) return fallback;
  auto v = parse_number(a->value);
  if (!v || *v < min || *v > max) {
    bad_value(*a, "a number from " + shortest(min) + " to " + shortest(max) + " (1.25)");
    return fallback;
  }
  return *v;
}

int Attributes::whole(std::string_view name, int fallback, int min, int max) {
  const Attr* a = find(name);
  if (!a) return fallback;
  std::string_view v = a->value;
  int n = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size() || n < min || n > max) {
    bad_value(*a, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return fallback;
  }
  return n;
}

bool Attributes::boolean(std::string_view name, bool fallback) {
  int c = choice(name, {"false", "true"}, fallback ? 1 : 0);
  return c == 1;
}

int Attributes::choice(std::string_view name, std::initializer_list<std::string_view> choices,
                       int fallback) {
  const Attr* a = find(name);
  if (!a) return fallback;
  int i = 0;
  for (auto c : choices) {
    if (c == a->value) return i;
    ++i;
  }
  bad_value(*a, "one of: " + list(choices));
  return fallback;
}

doc::TextStyle Attributes::style(const doc::TextStyle& inherited) {
  doc::TextStyle s = inherited;
  if (const Attr* a = find("font")) {
    if (a->value.empty()) bad_value(*a, "a font family of the font manifest (song, hei, kai, fangsong)");
    else s.family = std::string(a->value);
  }
  if (const Attr* a = find("size")) {
    auto v = parse_font_size(a->value);
    if (v) s.size = *v;
    else bad_value(*a, font_size_help());
  }
  s.bold = boolean("bold", inherited.bold);
  return s;
}

std::optional<Binding> Attributes::expression(std::string_view name) {
  const Attr* a = find(name);
  if (!a) return std::nullopt;
  std::string_view v = a->value;
  auto map = value_map(*a);
  std::size_t first = v.find_first_not_of(" \t\n\r");
  std::size_t last = v.find_last_not_of(" \t\n\r");
  bool braced = first != std::string_view::npos && v[first] == '{' && v[last] == '}';
  ParseError err;
  ParsedExpr parsed = parse_expression(v, braced ? first + 1 : 0, braced, err);
  if (parsed.ok() && braced && parsed.end != last) {
    err = {parsed.end + 1, "unexpected text after '}'", "end of attribute",
           quoted(v.substr(parsed.end + 1))};
    parsed.expr.reset();
  }
  if (parsed.ok() && parsed.filter.kind != FilterKind::None) {
    err = {first, "filters are not allowed in '" + std::string(name) + "'",
           "an expression without '|'", quoted(v)};
    parsed.expr.reset();
  }
  if (!parsed.ok()) {
    report_parse_error(src_, map, err, report_);
    return std::nullopt;
  }
  Binding b;
  b.expr = std::move(parsed.expr);
  b.place = src_.place(map[first == std::string_view::npos ? 0 : first]);
  return b;
}

TextTemplate Attributes::text_template(std::string_view name) {
  TextTemplate t;
  if (const Attr* a = find(name)) append_text(src_, a->value, value_map(*a), t, report_);
  return t;
}

SpanAttr Attributes::span(std::string_view name) {
  SpanAttr s;
  const Attr* a = find(name);
  if (!a) return s;
  std::string_view v = a->value;
  const std::string expected = "a whole number from 1 to " + std::to_string(limits::kTableSpan) +
                               ", or one {…} expression";
  if (v.find('{') != std::string_view::npos) {
    TextTemplate t;
    if (!append_text(src_, v, value_map(*a), t, report_)) return s;
    std::erase_if(t.pieces, [](const Piece& p) {
      return p.kind == Piece::Kind::Literal && is_blank(p.literal);
    });
    if (t.pieces.size() != 1 || t.pieces[0].kind != Piece::Kind::Bind) {
      bad_value(*a, expected);
      return s;
    }
    s.expr = std::move(t.pieces[0].binding);
    return s;
  }
  std::size_t first = v.find_first_not_of(" \t\n\r");
  std::size_t last = v.find_last_not_of(" \t\n\r");
  int n = 0;
  auto r = first == std::string_view::npos
               ? std::from_chars_result{v.data(), std::errc::invalid_argument}
               : std::from_chars(v.data() + first, v.data() + last + 1, n);
  if (r.ec != std::errc() || r.ptr != v.data() + last + 1 || n < 1 || n > limits::kTableSpan) {
    bad_value(*a, expected);
    return s;
  }
  s.fixed = n;
  return s;
}

}  // namespace jixiao::tmpl
