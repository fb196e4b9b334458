#include "template/text.h"

#include <algorithm>

namespace jixiao::tmpl {
namespace {

bool xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void add_literal(TextTemplate& out, std::string_view s) {
  if (s.empty()) return;
  if (!out.pieces.empty() && out.pieces.back().kind == Piece::Kind::Literal) {
    out.pieces.back().literal += s;
    return;
  }
  Piece p;
  p.literal = std::string(s);
  out.pieces.push_back(std::move(p));
}

enum class Side { Edge, Binding };

Side side_of(const std::vector<Piece>& pieces, std::size_t k, bool before) {
  if (before ? k == 0 : k + 1 >= pieces.size()) return Side::Edge;
  const Piece& n = pieces[before ? k - 1 : k + 1];
  return n.kind == Piece::Kind::Break ? Side::Edge : Side::Binding;
}

bool wide(char c) { return static_cast<unsigned char>(c) >= 0x80; }

std::string collapse(const std::string& s, Side before, Side after) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!xml_space(s[i])) {
      out += s[i++];
      continue;
    }
    std::size_t j = i;
    bool newline = false;
    for (; j < s.size() && xml_space(s[j]); ++j) newline = newline || s[j] == '\n';
    bool at_start = i == 0, at_end = j == s.size();
    if ((at_start && before == Side::Edge) || (at_end && after == Side::Edge)) {
      // trimmed
    } else if (newline) {
      bool wide_before = !at_start && wide(out.back());
      bool wide_after = !at_end && wide(s[j]);
      if (!wide_before && !wide_after) out += ' ';
    } else {
      out.append(s, i, j - i);
    }
    i = j;
  }
  return out;
}

}  // namespace

bool is_blank(std::string_view s) {
  for (char c : s)
    if (!xml_space(c)) return false;
  return true;
}

void report_parse_error(const XmlSource& src, const std::vector<std::size_t>& raw_map,
                        const ParseError& err, Reporter& report) {
  bool syntax = err.code == "expr.syntax";
  std::size_t at = raw_map[std::min(err.pos, raw_map.size() - 1)];
  report.error(syntax ? "template.expression" : "template." + err.code.substr(5), src.place(at),
               (syntax ? "expression syntax: " : "expression: ") + err.message, err.expected,
               err.got);
}

bool append_text(const XmlSource& src, std::string_view decoded,
                 const std::vector<std::size_t>& raw_map, TextTemplate& out, Reporter& report) {
  std::size_t i = 0;
  std::string literal;
  auto flush = [&] {
    add_literal(out, literal);
    literal.clear();
  };
  while (i < decoded.size()) {
    char c = decoded[i];
    if (c == '}') {
      if (i + 1 < decoded.size() && decoded[i + 1] == '}') {
        literal += '}';
        i += 2;
        continue;
      }
      report.error("template.expression", src.place(raw_map[i]), "a lone '}' in text",
                   "'}}' for a literal '}', or a '{' before it", "'}'");
      return false;
    }
    if (c != '{') {
      literal += c;
      ++i;
      continue;
    }
    if (i + 1 < decoded.size() && decoded[i + 1] == '{') {
      literal += '{';
      i += 2;
      continue;
    }
    ParseError err;
    ParsedExpr parsed = parse_expression(decoded, i + 1, true, err);
    if (!parsed.ok()) {
      report_parse_error(src, raw_map, err, report);
      return false;
    }
    flush();
    Piece p;
    p.kind = Piece::Kind::Bind;
    p.binding.expr = std::move(parsed.expr);
    p.binding.filter = parsed.filter;
    p.binding.place = src.place(raw_map[i]);
    out.pieces.push_back(std::move(p));
    i = parsed.end + 1;
  }
  flush();
  return true;
}

void collapse_white_space(TextTemplate& text) {
  auto& ps = text.pieces;
  for (std::size_t k = 0; k < ps.size(); ++k) {
    if (ps[k].kind != Piece::Kind::Literal) continue;
    ps[k].literal = collapse(ps[k].literal, side_of(ps, k, true), side_of(ps, k, false));
  }
  std::erase_if(ps, [](const Piece& p) { return p.kind == Piece::Kind::Literal && p.literal.empty(); });
}

}  // namespace jixiao::tmpl
