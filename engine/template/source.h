// The template file as text and as a pugixml tree, and the bridge between the two:
// line:col of elements, attributes and characters inside decoded text. pugixml parses the
// XML; this only locates what pugixml parsed in the raw bytes, for messages.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "diag/diag.h"

namespace jixiao::tmpl {

class XmlSource {
 public:
  XmlSource(std::string file, std::string text);

  // Parses into doc; malformed XML ("template.xml"), nesting deeper than
  // limits::kTemplateDepth ("template.depth") and entities XML does not define
  // ("template.entity") are reported and false returned.
  bool parse(pugi::xml_document& doc, DiagnosticSink& sink) const;

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }
  // "line:col" of a byte offset, as line_col() gives it but in O(log n): a template
  // reports a place for every element, so rescanning the file each time is quadratic.
  std::string place(std::size_t offset) const;

  // Offset of the '<' of an element's start tag.
  std::size_t element_offset(pugi::xml_node element) const;
  // Offset of the first character of a text node.
  std::size_t text_offset(pugi::xml_node pcdata) const;

  struct AttributeSpot {
    std::size_t name = 0;       // offset of the attribute's name
    std::size_t value = 0;      // offset of the first character of its value
    std::size_t value_end = 0;  // offset of the closing quote
  };
  // Where each attribute of the element is, in pugixml's (= document) order.
  std::vector<AttributeSpot> attribute_spots(pugi::xml_node element) const;

  // Raw offset of every byte of a decoded string (entities expanded, line ends
  // normalised) whose raw form spans [raw_begin, raw_end); one extra entry for the end.
  std::vector<std::size_t> map_decoded(std::string_view decoded, std::size_t raw_begin,
                                       std::size_t raw_end) const;
  // The raw extent of a text node: from its start to the next '<'.
  std::size_t text_end(std::size_t raw_begin) const;

 private:
  void report_mismatch(const pugi::xml_document& partial, std::size_t offset,
                       DiagnosticSink& sink) const;
  bool check_depth(const pugi::xml_document& doc, DiagnosticSink& sink) const;
  bool check_entities(const pugi::xml_document& doc, DiagnosticSink& sink) const;
  // Reports '&' in raw [begin, end) that starts no entity XML defines; counts reports.
  void check_references(std::size_t begin, std::size_t end, DiagnosticSink& sink,
                        int& reported) const;
  std::size_t code_points_before(std::size_t offset) const;
  std::string file_;
  std::string text_;
  std::vector<std::size_t> line_starts_;   // offset of the first byte of each line
  std::vector<std::size_t> code_points_;   // code points before each kBlock-byte block
};

}  // namespace jixiao::tmpl
