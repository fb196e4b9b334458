#include "template/source.h"

#include <cstring>

namespace jixiao::tmpl {
namespace {

constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t utf8_length(char lead) {
  auto c = static_cast<unsigned char>(lead);
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

// The entities pugixml expands; others (&foo;) it leaves as written.
bool expanded_entity(std::string_view e) {
  return e == "&lt;" || e == "&gt;" || e == "&amp;" || e == "&apos;" || e == "&quot;" ||
         (e.size() > 3 && e[1] == '#');
}

pugi::xml_node last_element_child(pugi::xml_node n) {
  for (auto c = n.last_child(); c; c = c.previous_sibling())
    if (c.type() == pugi::node_element) return c;
  return {};
}

std::string expected_for(pugi::xml_parse_status s) {
  switch (s) {
    case pugi::status_bad_attribute: return "name=\"value\" attributes and '>' or '/>'";
    case pugi::status_bad_start_element: return "a start tag <name …>";
    case pugi::status_bad_end_element: return "an end tag </name>";
    case pugi::status_bad_comment: return "a comment <!-- … -->";
    case pugi::status_bad_cdata: return "<![CDATA[ … ]]>";
    case pugi::status_bad_pi: return "a processing instruction <? … ?>";
    case pugi::status_bad_doctype: return "a <!DOCTYPE …> declaration";
    case pugi::status_no_document_element: return "a <form> element";
    default: return "well-formed XML";
  }
}

}  // namespace

XmlSource::XmlSource(std::string file, std::string text)
    : file_(std::move(file)), text_(std::move(text)) {
  // A byte-order mark is not a column an editor shows.
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) text_.erase(0, 3);
}

bool XmlSource::parse(pugi::xml_document& doc, DiagnosticSink& sink) const {
  auto r = doc.load_buffer(text_.data(), text_.size(), kParseFlags, pugi::encoding_utf8);
  auto offset = static_cast<std::size_t>(r.offset);
  if (r.status == pugi::status_end_element_mismatch) {
    report_mismatch(doc, offset, sink);
    return false;
  }
  if (r.status != pugi::status_ok) {
    std::string got = "end of file";
    if (offset < text_.size()) {
      std::size_t n = 0;
      while (offset + n < text_.size() && n < 16 && text_[offset + n] != '\n')
        n += utf8_length(text_[offset + n]);
      got = "'" + text_.substr(offset, n) + "'";
    }
    sink.error("template.xml", file_, place(offset),
               std::string("malformed XML: ") + r.description(), expected_for(r.status), got);
    return false;
  }
  // pugixml accepts several top-level elements; a template has exactly one.
  int roots = 0;
  for (auto c : doc.children()) {
    if (c.type() != pugi::node_element) continue;
    if (++roots == 2) {
      sink.error("template.xml", file_, place(element_offset(c)),
                 "more than one top-level element", "a single <form> element",
                 "<" + std::string(c.name()) + ">");
      return false;
    }
  }
  return true;
}

void XmlSource::report_mismatch(const pugi::xml_document& partial, std::size_t offset,
                                DiagnosticSink& sink) const {
  // pugixml says only "start-end tags mismatch". Which element was open there is found by
  // asking pugixml again: the elements that can still be open form the chain of last
  // children; close them from the deepest candidate outwards until the text parses.
  bool at_end_tag = offset >= 2 && offset <= text_.size() && text_.compare(offset - 2, 2, "</") == 0;
  std::size_t prefix_end = at_end_tag ? offset - 2 : text_.size();
  std::vector<pugi::xml_node> chain;
  for (auto n = last_element_child(partial); n; n = last_element_child(n)) {
    if (static_cast<std::size_t>(n.offset_debug()) >= prefix_end + 1) break;
    chain.push_back(n);
  }
  pugi::xml_node open;
  for (std::size_t k = chain.size(); k-- > 0;) {
    std::string trial = text_.substr(0, prefix_end);
    for (std::size_t i = k + 1; i-- > 0;) trial += "</" + std::string(chain[i].name()) + ">";
    pugi::xml_document probe;
    if (probe.load_buffer(trial.data(), trial.size(), kParseFlags, pugi::encoding_utf8)) {
      open = chain[k];
      break;
    }
  }
  if (!open) {
    sink.error("template.xml", file_, place(offset), "malformed XML: start-end tags mismatch",
               "matching start and end tags", "");
    return;
  }
  std::string name = open.name();
  std::string opened = place(element_offset(open));
  if (at_end_tag) {
    std::size_t e = offset;
    while (e < text_.size() && text_[e] != '>' && !is_space(text_[e])) ++e;
    std::string got = "</" + text_.substr(offset, e - offset) + ">";
    sink.error("template.xml", file_, place(offset - 2),
               "malformed XML: end tag " + got + " does not match <" + name + "> opened at " +
                   opened,
               "</" + name + ">", got);
  } else {
    sink.error("template.xml", file_, opened,
               "malformed XML: <" + name + "> is not closed before the end of the file",
               "</" + name + ">", "end of file");
  }
}

std::size_t XmlSource::element_offset(pugi::xml_node element) const {
  auto o = element.offset_debug();  // the element's name, just after '<'
  return o > 0 ? static_cast<std::size_t>(o) - 1 : 0;
}

std::size_t XmlSource::text_offset(pugi::xml_node pcdata) const {
  auto o = pcdata.offset_debug();
  return o >= 0 ? static_cast<std::size_t>(o) : 0;
}

std::size_t XmlSource::text_end(std::size_t raw_begin) const {
  auto e = text_.find('<', raw_begin);
  return e == std::string::npos ? text_.size() : e;
}

std::vector<XmlSource::AttributeSpot> XmlSource::attribute_spots(pugi::xml_node element) const {
  std::vector<AttributeSpot> out;
  std::size_t cur = element_offset(element) + 1 + std::strlen(element.name());
  for (auto a : element.attributes()) {
    std::string_view name = a.name();
    AttributeSpot spot{cur, cur, cur};
    for (std::size_t p = text_.find(name, cur); p != std::string::npos;
         p = text_.find(name, p + 1)) {
      if (p == 0 || !is_space(text_[p - 1])) continue;
      std::size_t q = p + name.size();
      while (q < text_.size() && is_space(text_[q])) ++q;
      if (q >= text_.size() || text_[q] != '=') continue;
      ++q;
      while (q < text_.size() && is_space(text_[q])) ++q;
      if (q >= text_.size() || (text_[q] != '"' && text_[q] != '\'')) continue;
      std::size_t close = text_.find(text_[q], q + 1);
      if (close == std::string::npos) close = text_.size();
      spot = {p, q + 1, close};
      cur = close + 1;
      break;
    }
    out.push_back(spot);
  }
  return out;
}

std::vector<std::size_t> XmlSource::map_decoded(std::string_view decoded, std::size_t raw_begin,
                                                std::size_t raw_end) const {
  std::vector<std::size_t> map;
  map.reserve(decoded.size() + 1);
  std::size_t i = raw_begin, j = 0;
  while (j < decoded.size() && i < raw_end) {
    if (text_[i] == '\r') {  // "\r\n" and a lone "\r" both became one character
      map.push_back(i);
      ++j;
      i += (i + 1 < raw_end && text_[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (text_[i] == '&') {
      std::size_t semi = text_.find(';', i);
      if (semi != std::string::npos && semi < raw_end && semi - i <= 12 &&
          expanded_entity(std::string_view(text_).substr(i, semi + 1 - i))) {
        std::size_t n = utf8_length(decoded[j]);
        for (std::size_t k = 0; k < n && j < decoded.size(); ++k, ++j) map.push_back(i);
        i = semi + 1;
        continue;
      }
    }
    map.push_back(i);
    ++i;
    ++j;
  }
  while (map.size() < decoded.size()) map.push_back(i);
  map.push_back(i);
  return map;
}

}  // namespace jixiao::tmpl
