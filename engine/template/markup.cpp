#include "template/markup.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "diag/utf8.h"

namespace jixiao::tmpl {
namespace {

enum class TagKind { None, Block, Break, Inline };

struct Tag {
  TagKind kind = TagKind::None;
  std::size_t end = 0;  // one past '>'
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Tag names recognised; anything else is text. Kept short on purpose: "<a" or "<i" in a
// criterion ("得分<a") must not vanish, so only names that budget-system exports use.
TagKind kind_of(std::string_view name) {
  static constexpr std::array<std::string_view, 2> blocks{"p", "div"};
  static constexpr std::array<std::string_view, 8> inlines{"span", "font", "b",  "strong",
                                                           "em",   "u",    "sup", "sub"};
  for (auto b : blocks)
    if (name == b) return TagKind::Block;
  if (name == "br") return TagKind::Break;
  for (auto i : inlines)
    if (name == i) return TagKind::Inline;
  return TagKind::None;
}

// A tag at text[i] == '<': "<name", "</name", attributes without '<', then "/>" or ">".
Tag read_tag(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '/') ++j;
  std::string name;
  while (j < text.size() && letter(text[j]) && name.size() < 8) name += lower(text[j++]);
  if (name.empty() || j >= text.size()) return {};
  char after = text[j];
  if (after != '>' && after != '/' && after != ' ' && after != '\t') return {};
  TagKind kind = kind_of(name);
  if (kind == TagKind::None) return {};
  // Attributes: up to the first '>', never across another '<' or a line end.
  for (; j < text.size(); ++j) {
    if (text[j] == '>') return {kind, j + 1};
    if (text[j] == '<' || text[j] == '\n') return {};
  }
  return {};
}

bool has_markup(std::string_view text) {
  for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1))
    if (read_tag(text, i).kind != TagKind::None) return true;
  return false;
}

// An entity at text[i] == '&'; appends its character and returns the index after ';',
// or 0 when it is not one.
std::size_t read_entity(std::string_view text, std::size_t i, std::string& out) {
  static constexpr std::array<std::pair<std::string_view, char32_t>, 7> named{
      {{"nbsp", U' '}, {"amp", U'&'}, {"lt", U'<'}, {"gt", U'>'}, {"quot", U'"'},
       {"apos", U'\''}, {"ensp", U' '}}};
  // Looked for only a few bytes on: "&&&…" without ';' must stay linear.
  std::size_t semi = text.substr(0, std::min(text.size(), i + 12)).find(';', i);
  if (semi == std::string_view::npos) return 0;
  std::string_view body = text.substr(i + 1, semi - i - 1);
  char32_t c = 0;
  if (body.size() > 1 && body[0] == '#') {
    bool hex = body[1] == 'x' || body[1] == 'X';
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t v = 0;
    for (char d : digits) {
      int k = d >= '0' && d <= '9' ? d - '0'
              : hex && lower(d) >= 'a' && lower(d) <= 'f' ? lower(d) - 'a' + 10
                                                           : -1;
      if (k < 0) return 0;
      v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(k);
      if (v > 0x10FFFF) return 0;
    }
    // No controls, surrogates or NUL: the text model would refuse them later anyway.
    if (v < 0x20 || (v >= 0xD800 && v <= 0xDFFF) || v == 0x7F) return 0;
    c = v;
  } else {
    for (auto [name, ch] : named)
      if (body == name) c = ch;
    if (!c) return 0;
  }
  append_utf8(out, c);
  return semi + 1;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Builds paragraphs: text is added to the current one; a block boundary ends it.
class Paragraphs {
 public:
  void add_text(std::string_view s) {
    for (char c : s) add_char(c);
  }
  void add_decoded(const std::string& s) {
    for (char c : s) add_char(c);
  }
  void line_break() {
    trim_line_end();
    // Blank lines ("<br><br>") would leave empty lines in a cell; the forms have none.
    if (current_.empty() || current_.back() == '\n') return;
    current_ += '\n';
    line_start_ = true;
  }
  void end_paragraph() {
    trim_line_end();
    while (!current_.empty() && current_.back() == '\n') current_.pop_back();
    if (!current_.empty()) {
      if (!out_.empty()) out_ += '\n';
      out_ += current_;
    }
    current_.clear();
    line_start_ = true;
  }
  std::string finish() {
    end_paragraph();
    return std::move(out_);
  }

 private:
  void add_char(char c) {
    if (c == '\n') return line_break();
    if (line_start_ && space(c)) return;  // indentation of the exported HTML
    line_start_ = false;
    current_ += c;
  }
  void trim_line_end() {
    while (!current_.empty() && (current_.back() == ' ' || current_.back() == '\t' ||
                                 current_.back() == '\r'))
      current_.pop_back();
  }

  std::string out_, current_;
  bool line_start_ = true;
};

}  // namespace

std::string paragraphs_from_markup(std::string_view text) {
  if (text.find('<') == std::string_view::npos || !has_markup(text)) return std::string(text);
  Paragraphs paras;
  std::size_t plain = 0;  // start of text not yet added
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      Tag tag = read_tag(text, i);
      if (tag.kind == TagKind::None) continue;
      paras.add_text(text.substr(plain, i - plain));
      if (tag.kind == TagKind::Block) paras.end_paragraph();
      if (tag.kind == TagKind::Break) paras.line_break();
      plain = tag.end;
      i = tag.end - 1;
    } else if (text[i] == '&') {
      std::string decoded;
      std::size_t end = read_entity(text, i, decoded);
      if (!end) continue;
      paras.add_text(text.substr(plain, i - plain));
      paras.add_decoded(decoded);
      plain = end;
      i = end - 1;
    }
  }
  paras.add_text(text.substr(plain));
  return paras.finish();
}

}  // namespace jixiao::tmpl
