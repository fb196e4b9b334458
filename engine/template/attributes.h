// The attributes of one template element, checked against the names the element takes,
// and typed readers for their values. Every reader reports a bad value at the value's
// line:col and falls back to the default, so loading goes on and finds further errors.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "template/nodes.h"
#include "template/reporter.h"
#include "template/source.h"

namespace jixiao::tmpl {

class Attributes {
 public:
  // Reports unknown and repeated attributes ("template.attribute").
  Attributes(const XmlSource& src, pugi::xml_node element,
             std::initializer_list<std::string_view> allowed, Reporter& report);

  struct Attr {
    std::string_view name;
    std::string_view value;  // decoded by pugixml
    XmlSource::AttributeSpot spot;
  };
  const Attr* find(std::string_view name) const;

  const std::string& place() const { return place_; }  // the element's '<'
  std::string tag() const { return "<" + std::string(element_.name()) + ">"; }

  // Reports that a required attribute is missing; returns nullptr then.
  const Attr* require(std::string_view name, std::string_view example);

  std::string text(std::string_view name, std::string fallback = {});
  // Lengths are at most max points (the page's content area, say): a larger one would
  // make layout page for ever. `within` says what max is, for the message.
  double length(std::string_view name, double fallback, double em_size, double max,
                std::string_view within);
  std::optional<std::vector<double>> lengths(std::string_view name, double em_size,
                                             std::initializer_list<std::size_t> counts,
                                             std::string_view expected, double max);
  // A number from min to max (line-height="1.25").
  double number(std::string_view name, double fallback, double min, double max);
  // A whole number from min to max (orphans="2", level="1").
  int whole(std::string_view name, int fallback, int min, int max);
  bool boolean(std::string_view name, bool fallback);
  doc::TextStyle style(const doc::TextStyle& inherited);
  // One of `choices` (its index), or fallback when absent or bad.
  int choice(std::string_view name, std::initializer_list<std::string_view> choices, int fallback);

  // An expression written plainly (each="p.indicators") or as one {…}.
  std::optional<Binding> expression(std::string_view name);
  // Text with {…} bindings (title="…").
  TextTemplate text_template(std::string_view name);
  // A whole number from 1 to limits::kTableSpan or one {…} expression (colspan, rowspan).
  SpanAttr span(std::string_view name);

  void bad_value(const Attr& a, std::string expected);
  // A bad part of a value (one entry of a list), reported at the part's own line:col.
  void bad_part(const Attr& a, std::size_t at, std::string_view part, std::string expected);

 private:
  std::vector<std::size_t> value_map(const Attr& a) const;
  const XmlSource& src_;
  pugi::xml_node element_;
  Reporter& report_;
  std::string place_;
  std::vector<Attr> attrs_;
};

}  // namespace jixiao::tmpl
