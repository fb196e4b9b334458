#include "seed_doc.h"

#include <sstream>
#include <stdexcept>
#include <vector>

#include "support/support.h"

namespace jixiao::test {

namespace {

constexpr double kMm = 72 / 25.4;

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (true) {
    std::size_t end = line.find(sep, begin);
    out.push_back(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) return out;
    begin = end + 1;
  }
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

doc::Paragraph paragraph(const std::string& kind, const std::string& text) {
  doc::Paragraph p;
  p.text = text;
  p.style.size = 10.5;
  p.line_height = 1.5;
  p.align = doc::Align::Justify;
  if (kind == "title") {
    p.style.size = 16;
    p.align = doc::Align::Center;
    p.space_after = 12;
    p.keep_with_next = true;
  } else if (kind == "h1") {
    p.style.size = 12;
    p.heading_level = 1;
    p.space_before = 6;
    p.space_after = 3;
  } else if (kind == "h2") {
    p.heading_level = 2;
  } else if (kind == "caption") {
    p.style.size = 12;
    p.align = doc::Align::Center;
    p.space_before = 9;
    p.space_after = 6;
    p.keep_with_next = true;
  } else if (kind == "p") {
    p.first_line_indent = 21;
  }
  return p;
}

// The first-column labels of 003's 自评表 that the original form sets one character a line.
bool stacked_label(const std::string& text) {
  return text == "年度主要任务完成情况" || text == "年度总体目标完成情况" || text == "年度绩效指标完成情况";
}

}  // namespace

doc::Document seed_document(const std::string& id, const std::string& footer) {
  std::istringstream in(slurp(source_path("tests/layout/data/seed_" + id + ".txt")));
  doc::Document d;
  d.page.margin_top = d.page.margin_bottom = 25 * kMm;
  d.page.margin_left = d.page.margin_right = 20 * kMm;
  if (!footer.empty()) {
    doc::PageMark m;
    m.text = footer;
    m.style.size = 9;
    d.page.footers.push_back(m);
    d.page.footer_offset = 12 * kMm;
  }
  doc::Table* table = nullptr;
  bool header = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    const std::string& kind = f[0];
    if (kind == "table") {
      doc::Table t;
      for (const auto& w : split(f[1], ',')) t.column_widths.push_back(std::stod(w) * kMm);
      t.padding_x = 4;
      t.padding_y = 3;
      t.line_height = 1.3;
      t.space_after = 6;
      d.blocks.push_back(t);
      table = &std::get<doc::Table>(d.blocks.back());
    } else if (kind == "header" || kind == "body") {
      header = kind == "header";
    } else if (kind == "row") {
      table->rows.emplace_back();
      table->rows.back().header = header;
    } else if (kind == "cell") {
      doc::Cell c;
      c.align = f[1] == "l" ? doc::Align::Left : doc::Align::Center;
      c.colspan = std::stoi(f[2]);
      c.rowspan = std::stoi(f[3]);
      c.text = unescape(f[4]);
      c.stacked = stacked_label(c.text);
      table->rows.back().cells.push_back(c);
    } else if (kind == "end") {
      table = nullptr;
    } else {
      d.blocks.push_back(paragraph(kind, f.at(1)));
    }
  }
  return d;
}

}  // namespace jixiao::test
