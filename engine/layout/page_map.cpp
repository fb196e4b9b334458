// The page map: the recorded boxes of a layout as JSON, for the preview's page → source
// links (docs/debug-layout.md). Cells, paragraphs and tables; lines stay in the layout (the
// overlay draws their baselines) to keep the map small.
#include <cstdio>
#include <filesystem>
#include <map>

#include "layout/layout.h"

namespace jixiao::layout {

namespace {

void number(std::string& out, double v) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.2f", v);
  out.append(buf, static_cast<std::size_t>(n));
}

// A JSON string of at most max_chars code points of utf8.
void string(std::string& out, std::string_view utf8, std::size_t max_chars = std::string_view::npos) {
  out += '"';
  std::size_t chars = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) != 0x80 && chars++ == max_chars) break;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

const char* kind_name(Box::Kind k) {
  switch (k) {
    case Box::Kind::Cell: return "cell";
    case Box::Kind::Paragraph: return "paragraph";
    case Box::Kind::Table: return "table";
    default: return "line";
  }
}

// "12:5" → 12 and 5 (0 when absent).
std::pair<long, long> line_col(const std::string& place) {
  long line = 0, col = 0;
  std::sscanf(place.c_str(), "%ld:%ld", &line, &col);
  return {line, col};
}

}  // namespace

std::string page_map_json(const LayoutResult& layout) {
  std::map<std::string, std::string> absolute;  // template file → its absolute path
  std::string out = "{\"pages\":[";
  for (std::size_t p = 0; p < layout.pages.size(); ++p) {
    const Page& page = layout.pages[p];
    out += p ? ",\n{" : "\n{";
    out += "\"width\":";
    number(out, page.width);
    out += ",\"height\":";
    number(out, page.height);
    out += ",\"boxes\":[";
    bool first = true;
    for (const Box& b : page.boxes) {
      if (b.kind == Box::Kind::Line) continue;
      out += first ? "\n {" : ",\n {";
      first = false;
      out += "\"kind\":\"";
      out += kind_name(b.kind);
      out += "\",\"x\":";
      number(out, b.x);
      out += ",\"y\":";
      number(out, b.y);
      out += ",\"w\":";
      number(out, b.w);
      out += ",\"h\":";
      number(out, b.h);
      static const doc::Origin none;
      const doc::Origin& o = b.origin ? *b.origin : none;
      auto [it, added] = absolute.try_emplace(o.file);
      if (added && !o.file.empty()) {
        std::error_code ec;
        auto abs = std::filesystem::absolute(o.file, ec);
        it->second = ec ? o.file : abs.lexically_normal().string();
      }
      out += ",\"file\":";
      string(out, it->second);
      const auto [line, col] = line_col(o.place);
      out += ",\"line\":" + std::to_string(line) + ",\"col\":" + std::to_string(col);
      out += ",\"data\":";
      string(out, o.data);
      out += ",\"text\":";
      string(out, b.text ? std::string_view(*b.text) : std::string_view(), 80);
      if (b.overflow) out += ",\"overflow\":true";
      out += '}';
    }
    out += "],\"breaks\":[";
    for (std::size_t k = 0; k < page.breaks.size(); ++k) {
      out += k ? ",{\"y\":" : "{\"y\":";
      number(out, page.breaks[k].y);
      out += ",\"reason\":";
      string(out, page.breaks[k].reason);
      out += '}';
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

}  // namespace jixiao::layout
