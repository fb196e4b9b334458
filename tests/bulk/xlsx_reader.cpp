#include "xlsx_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <pugixml.hpp>
#include <stdexcept>

#include "support/support.h"

namespace jixiao::test {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

pugi::xml_document parse(const std::string& xml, const std::string& what) {
  pugi::xml_document doc;
  auto ok = doc.load_buffer(xml.data(), xml.size());
  if (!ok) throw std::runtime_error(what + ": not XML: " + ok.description());
  return doc;
}

// Excel's escape of characters XML cannot hold: "_x000D_" is CR, "_x005F_" is "_".
std::string decode_escapes(const std::string& s) {
  std::string out;
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && hex(s[i + 2]) && hex(s[i + 3]) &&
        hex(s[i + 4]) && hex(s[i + 5]) && s[i + 6] == '_') {
      unsigned long cp = std::strtoul(s.substr(i + 2, 4).c_str(), nullptr, 16);
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
      else
        out += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                static_cast<char>(0x80 | (cp & 0x3F))};
      i += 6;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The text of a shared string or inline string: its <t> elements, not phonetic runs (<rPh>).
std::string string_item(pugi::xml_node si) {
  std::string out;
  for (auto t : si.select_nodes(".//*[local-name()='t'][not(ancestor::*[local-name()='rPh'])]"))
    out += t.node().text().get();
  return decode_escapes(out);
}

// "AB12" → column 27 (0-based), row 11 (0-based).
void cell_position(const std::string& ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0, c = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) c = c * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
  if (i == 0 || i == ref.size()) throw std::runtime_error("cell reference \"" + ref + "\" is not like B2");
  col = c - 1;
  row = std::stoul(ref.substr(i)) - 1;
}

// libxlsxwriter 1.1.4 prints numbers with 16 significant digits: 87.1 is written
// "87.09999999999999", which reads back as the same double. Give the shortest text of that
// double ("87.1"), as `jixiao score --json` and people write it.
std::string shortest_number(const std::string& v) {
  if (v.empty()) return v;
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size()) throw std::runtime_error("cell value \"" + v + "\" is not a number");
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string xlsx_part(const std::string& xlsx, const std::string& part) {
  auto r = run_command("unzip -p " + quoted(xlsx) + " " + quoted(part));
  // 11: no such part in the archive.
  if (r.exit_code == 11) return {};
  if (r.exit_code != 0) throw std::runtime_error("unzip " + xlsx + " " + part + ": " + r.err);
  return r.out;
}

std::vector<std::vector<std::string>> read_sheet(const std::string& xlsx, int sheet_number) {
  std::vector<std::string> shared;
  std::string sst = xlsx_part(xlsx, "xl/sharedStrings.xml");
  if (!sst.empty()) {
    auto doc = parse(sst, xlsx + ": xl/sharedStrings.xml");
    for (auto si : doc.document_element().children("si")) shared.push_back(string_item(si));
  }
  std::string part = "xl/worksheets/sheet" + std::to_string(sheet_number) + ".xml";
  std::string xml = xlsx_part(xlsx, part);
  if (xml.empty()) throw std::runtime_error(xlsx + ": no " + part);
  auto doc = parse(xml, xlsx + ": " + part);
  std::vector<std::vector<std::string>> rows;
  for (auto row : doc.document_element().child("sheetData").children("row"))
    for (auto c : row.children("c")) {
      std::size_t r = 0, col = 0;
      cell_position(c.attribute("r").value(), r, col);
      std::string type = c.attribute("t").value(), text;
      if (type == "s") {
        auto i = static_cast<std::size_t>(std::stoul(c.child_value("v")));
        if (i >= shared.size()) throw std::runtime_error(xlsx + ": shared string " + std::to_string(i) + " missing");
        text = shared[i];
      } else if (type == "inlineStr") {
        text = string_item(c.child("is"));
      } else if (type.empty() || type == "n") {
        text = shortest_number(c.child_value("v"));
      } else {
        text = c.child_value("v");
      }
      if (rows.size() <= r) rows.resize(r + 1);
      if (rows[r].size() <= col) rows[r].resize(col + 1);
      rows[r][col] = text;
    }
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  for (auto& r : rows) r.resize(width);  // a rectangle: rows[i][j] is always there
  return rows;
}

}  // namespace jixiao::test
