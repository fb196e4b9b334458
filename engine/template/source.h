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

  // Parses into doc; malformed XML is reported ("template.xml") and false returned.
  bool parse(pugi::xml_document& doc, DiagnosticSink& sink) const;

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }
  std::string place(std::size_t offset) const { return to_string(line_col(text_, offset)); }

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
  std::string file_;
  std::string text_;
};

}  // namespace jixiao::tmpl
