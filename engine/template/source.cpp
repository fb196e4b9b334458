#include "template/source.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "diag/limits.h"

namespace jixiao::tmpl {
namespace {

constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata;
constexpr std::size_t kBlock = 64;  // bytes per checkpoint of the code point count

bool lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

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
  line_starts_.push_back(0);
  code_points_.reserve(text_.size() / kBlock + 1);
  std::size_t count = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (i % kBlock == 0) code_points_.push_back(count);
    if (lead_byte(text_[i])) ++count;
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  if (text_.size() % kBlock == 0) code_points_.push_back(count);
}

std::size_t XmlSource::code_points_before(std::size_t offset) const {
  std::size_t block = offset / kBlock, count = code_points_[block];
  for (std::size_t i = block * kBlock; i < offset; ++i) count += lead_byte(text_[i]) ? 1 : 0;
  return count;
}

std::string XmlSource::place(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  LineCol lc;
  lc.line = static_cast<int>(line - line_starts_.begin()) + 1;
  lc.col = static_cast<int>(code_points_before(offset) - code_points_before(*line)) + 1;
  return to_string(lc);
}

bool XmlSource::parse(pugi::xml_document& doc, DiagnosticSink& sink) const {
  auto r = doc.load_buffer(text_.data(), text_.size(), kParseFlags, pugi::encoding_utf8);
  auto offset = static_cast<std::size_t>(r.offset);
  // Too deep is reported first, also in a partial tree: it bounds the recursion of the
  // loader and the work of finding which element a bad end tag should have closed.
  if (!check_depth(doc, sink)) return false;
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
  return check_entities(doc, sink);
}

bool XmlSource::check_depth(const pugi::xml_document& doc, DiagnosticSink& sink) const {
  // pugixml parses without recursion and its walker keeps no stack: safe at any depth.
  struct Walker : pugi::xml_tree_walker {
    pugi::xml_node deep;
    bool for_each(pugi::xml_node& n) override {
      if (n.type() != pugi::node_element || depth() + 1 <= limits::kTemplateDepth) return true;
      deep = n;
      return false;
    }
  } w;
  const_cast<pugi::xml_document&>(doc).traverse(w);
  if (!w.deep) return true;
  sink.error("template.depth", file_, place(element_offset(w.deep)),
             "elements nested too deeply: <" + std::string(w.deep.name()) + "> is at depth " +
                 std::to_string(limits::kTemplateDepth + 1),
             "at most " + std::to_string(limits::kTemplateDepth) + " levels of nested elements",
             "<" + std::string(w.deep.name()) + ">");
  return false;
}

bool XmlSource::check_entities(const pugi::xml_document& doc, DiagnosticSink& sink) const {
  // pugixml leaves an entity it does not know (&foo;) as written; XML says it is an error.
  struct Walker : pugi::xml_tree_walker {
    const XmlSource* src;
    DiagnosticSink* sink;
    int reported = 0;
    bool for_each(pugi::xml_node& n) override {
      if (n.type() == pugi::node_pcdata) {
        std::size_t o = src->text_offset(n);
        src->check_references(o, src->text_end(o), *sink, reported);
      } else if (n.type() == pugi::node_element) {
        for (const auto& spot : src->attribute_spots(n))
          src->check_references(spot.value, spot.value_end, *sink, reported);
      }
      return reported < limits::kTemplateErrors;
    }
  } w;
  w.src = this;
  w.sink = &sink;
  const_cast<pugi::xml_document&>(doc).traverse(w);
  return w.reported == 0;
}

void XmlSource::check_references(std::size_t begin, std::size_t end, DiagnosticSink& sink,
                                 int& reported) const {
  std::string_view range = std::string_view(text_).substr(0, end);  // find() stops at end
  for (std::size_t i = range.find('&', begin); i < end; i = range.find('&', i + 1)) {
    std::size_t semi = i + 1;
    while (semi < end && semi - i <= 32 && text_[semi] != ';' && text_[semi] != '&' &&
           !is_space(text_[semi]))
      ++semi;
    std::string_view ref = std::string_view(text_).substr(i, semi - i + 1);
    if (semi < end && text_[semi] == ';' && expanded_entity(ref)) {
      // A character reference must name a character XML allows (pugixml writes others).
      bool hex = ref.size() > 3 && ref[2] == 'x';
      std::uint32_t cp = 0;
      const char* first = ref.data() + (hex ? 3 : 2);
      auto r = std::from_chars(first, ref.data() + ref.size() - 1, cp, hex ? 16 : 10);
      bool named = ref[1] != '#';
      if (named || (r.ec == std::errc() && r.ptr == ref.data() + ref.size() - 1 && r.ptr != first &&
                    (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                     (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF))))
        continue;
      sink.error("template.entity", file_, place(i),
                 "character reference '" + std::string(ref) + "' names no character XML allows",
                 "a character reference such as &#x4E2D; or &#20013;", "'" + std::string(ref) + "'");
    } else if (semi < end && text_[semi] == ';') {
      sink.error("template.entity", file_, place(i),
                 "undefined entity '" + std::string(ref) + "'",
                 "&lt; &gt; &amp; &apos; &quot; or a character reference (&#20013;)",
                 "'" + std::string(ref) + "'");
    } else {
      sink.error("template.entity", file_, place(i), "'&' that starts no entity",
                 "&amp; for a literal '&'", "'&'");
    }
    if (++reported >= limits::kTemplateErrors) return;
  }
}

void XmlSource::report_mismatch(const pugi::xml_document& partial, std::size_t offset,
                                DiagnosticSink& sink) const {
  // pugixml says only "start-end tags mismatch". The elements that can still be open form
  // the chain of last children; the deepest has no element child, and each is the last
  // element of its parent, so from its start tag on only end tags (and comments, CDATA,
  // PIs) come: each closes the next one up. Counting them up to the bad tag finds the
  // open element in one pass over the text.
  bool at_end_tag = offset >= 2 && offset <= text_.size() && text_.compare(offset - 2, 2, "</") == 0;
  std::size_t prefix_end = at_end_tag ? offset - 2 : text_.size();
  std::vector<pugi::xml_node> chain;
  for (auto n = last_element_child(partial); n; n = last_element_child(n)) {
    if (static_cast<std::size_t>(n.offset_debug()) >= prefix_end + 1) break;
    chain.push_back(n);
  }
  pugi::xml_node open;
  if (!chain.empty()) {
    std::size_t closed = 0;
    bool understood = true;
    std::size_t cur = element_offset(chain.back()) + 1;
    for (char quote = 0; cur < prefix_end && (quote || text_[cur] != '>'); ++cur)
      if (text_[cur] == '"' || text_[cur] == '\'') quote = quote == text_[cur] ? 0 : quote ? quote : text_[cur];
    if (cur < prefix_end && text_[cur - 1] == '/') closed = 1;  // <x/>
    auto skip_to = [&](std::size_t from, std::string_view end) {
      std::size_t e = text_.find(end, from);
      return e == std::string::npos ? text_.size() : e + end.size();
    };
    for (std::size_t p = text_.find('<', cur); p < prefix_end && closed < chain.size();
         p = text_.find('<', cur)) {
      if (text_.compare(p, 4, "<!--") == 0) cur = skip_to(p + 4, "-->");
      else if (text_.compare(p, 9, "<![CDATA[") == 0) cur = skip_to(p + 9, "]]>");
      else if (text_.compare(p, 2, "<?") == 0) cur = skip_to(p + 2, "?>");
      else if (text_.compare(p, 2, "</") == 0) cur = skip_to(p + 2, ">"), ++closed;
      else { understood = false; break; }  // not expected after the deepest element
    }
    if (understood && closed < chain.size()) open = chain[chain.size() - 1 - closed];
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
  // One pass over the start tag, which pugixml has checked: name = "value" pairs in order
  // (a search per attribute name would be quadratic in a tag with many attributes).
  std::vector<AttributeSpot> out;
  std::size_t cur = element_offset(element) + 1 + std::strlen(element.name());
  auto skip = [&] {
    while (cur < text_.size() && is_space(text_[cur])) ++cur;
  };
  for (auto a = element.first_attribute(); a; a = a.next_attribute()) {
    skip();
    AttributeSpot spot{cur, cur, cur};
    while (cur < text_.size() && !is_space(text_[cur]) && text_[cur] != '=') ++cur;
    skip();
    if (cur < text_.size() && text_[cur] == '=') ++cur;
    skip();
    if (cur < text_.size() && (text_[cur] == '"' || text_[cur] == '\'')) {
      std::size_t close = text_.find(text_[cur], cur + 1);
      if (close == std::string::npos) close = text_.size();
      spot.value = cur + 1;
      spot.value_end = close;
      cur = close + 1;
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
      // Looked for only within an entity's length: a search to the end would be quadratic.
      std::size_t semi = std::string_view(text_).substr(0, std::min(raw_end, i + 13)).find(';', i);
      if (semi != std::string::npos &&
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
