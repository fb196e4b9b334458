#include "pdf/objstm.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "diag/diag.h"

namespace jixiao::pdf {

namespace {

// Objects per object stream: readers decompress a whole stream to reach one object; qpdf
// writes 100, a few hundred keeps the compression of one large stream.
constexpr std::size_t kPerStream = 400;

[[noreturn]] void bad(const std::string& what) {
  throw Failure({Severity::Error, "pdf.write", "", "", "cannot pack the PDF's objects: " + what, "", "", {}});
}

std::size_t number(std::string_view s, std::size_t at, std::size_t len) {
  std::size_t v = 0;
  if (at + len > s.size() || std::from_chars(s.data() + at, s.data() + at + len, v).ec != std::errc()) bad("xref entry");
  return v;
}

// Past the end of the dictionary s starts with ("<<"), skipping strings; npos if none.
std::size_t dict_end(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '(') {  // literal string: balanced parentheses, backslash escapes
      int open = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '(') ++open;
        else if (s[i] == ')' && --open == 0) break;
      }
      ++i;
    } else if (c == '<' && i + 1 < s.size() && s[i + 1] == '<') {
      ++depth, i += 2;
    } else if (c == '>' && i + 1 < s.size() && s[i + 1] == '>') {
      i += 2;
      if (--depth == 0) return i;
    } else if (c == '<') {  // hex string
      i = s.find('>', i);
      if (i == std::string_view::npos) return i;
      ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

bool is_stream(std::string_view body) {
  if (body.substr(0, 2) != "<<") return false;
  const std::size_t end = dict_end(body);
  if (end == std::string_view::npos) bad("unbalanced dictionary");
  const std::size_t next = body.find_first_not_of(" \r\n", end);
  return next != std::string_view::npos && body.substr(next, 6) == "stream";
}

// "/Key value" of libharu's trailer, one entry per line; empty when absent.
std::string trailer_entry(std::string_view trailer, std::string_view key) {
  const std::size_t at = trailer.find(key);
  if (at == std::string_view::npos) return "";
  return std::string(trailer.substr(at, trailer.find('\n', at) - at));
}

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

struct Object {
  std::size_t number = 0, start = 0, end = 0;  // end: past "endobj"
  std::string_view body;
  bool stream = false;
};

}  // namespace

std::string pack_objects(std::string_view pdf, const std::function<std::string(std::string_view)>& deflate) {
  const std::size_t sx = pdf.rfind("startxref");
  if (sx == std::string_view::npos) bad("no startxref");
  const std::size_t xref_at = number(pdf, sx + 10, pdf.find('\n', sx + 10) - (sx + 10));
  if (pdf.substr(xref_at, 5) != "xref\n") bad("no xref table at startxref");
  const std::size_t line = xref_at + 5, space = pdf.find(' ', line), eol = pdf.find('\n', line);
  if (space == std::string_view::npos || eol == std::string_view::npos || number(pdf, line, space - line) != 0)
    bad("xref section");
  const std::size_t size = number(pdf, space + 1, eol - space - 1);
  const std::size_t entries = eol + 1;
  if (entries + size * 20 > pdf.size()) bad("xref table cut short");

  std::vector<Object> objects;
  for (std::size_t n = 1; n < size; ++n) {
    const std::size_t e = entries + n * 20;
    if (pdf[e + 17] != 'n') continue;
    if (number(pdf, e + 11, 5) != 0) bad("an object of generation other than 0");
    objects.push_back({n, number(pdf, e, 10), 0, {}, false});
  }
  std::sort(objects.begin(), objects.end(), [](const Object& a, const Object& b) { return a.start < b.start; });
  for (std::size_t k = 0; k < objects.size(); ++k) {
    Object& o = objects[k];
    const std::size_t limit = k + 1 < objects.size() ? objects[k + 1].start : xref_at;
    const std::string head = std::to_string(o.number) + " 0 obj";
    if (limit <= o.start || pdf.substr(o.start, head.size()) != head) bad("object " + std::to_string(o.number));
    const std::size_t end = pdf.rfind("endobj", limit);
    if (end == std::string_view::npos || end < o.start) bad("object " + std::to_string(o.number) + " has no endobj");
    std::size_t from = o.start + head.size();
    std::string_view body = pdf.substr(from, end - from);
    body.remove_prefix(std::min(body.find_first_not_of(" \r\n"), body.size()));
    body.remove_suffix(body.size() - (body.find_last_not_of(" \r\n") + 1));
    o.body = body;
    o.end = end + 6;
    o.stream = is_stream(body);
  }
  const std::string_view trailer = pdf.substr(xref_at + 5 + (entries - line) + size * 20);
  const std::string root = trailer_entry(trailer, "/Root "), info = trailer_entry(trailer, "/Info "),
                    id = trailer_entry(trailer, "/ID ");
  if (root.empty()) bad("the trailer has no /Root");

  // Offsets (type 1) or object stream and index (type 2) of every object.
  struct Entry { std::uint8_t type = 0; std::size_t a = 0, b = 0; };
  std::vector<Entry> xref(size);
  xref[0] = {0, 0, 65535};

  const std::size_t first = objects.empty() ? xref_at : objects.front().start;
  std::string out(pdf.substr(0, first));
  if (out.compare(0, 7, "%PDF-1.") != 0 || out.size() < 9) bad("header");
  if (out[7] < '5') out[7] = '5';
  out.reserve(pdf.size());
  std::vector<const Object*> packed;
  for (const Object& o : objects) {
    if (!o.stream) {
      packed.push_back(&o);
      continue;
    }
    xref[o.number] = {1, out.size(), 0};
    out.append(pdf.substr(o.start, o.end - o.start));
    out += '\n';
  }
  // Object streams in object-number order: the same input gives the same bytes.
  std::sort(packed.begin(), packed.end(), [](const Object* a, const Object* b) { return a->number < b->number; });
  std::size_t next = size;
  for (std::size_t at = 0; at < packed.size(); at += kPerStream) {
    const std::size_t count = std::min(kPerStream, packed.size() - at), stream = next++;
    std::string index, bodies;
    for (std::size_t k = 0; k < count; ++k) {
      const Object& o = *packed[at + k];
      index += std::to_string(o.number) + ' ' + std::to_string(bodies.size()) + ' ';
      bodies.append(o.body);
      bodies += '\n';
      xref[o.number] = {2, stream, k};
    }
    index.back() = '\n';
    const std::string data = deflate(index + bodies);
    xref.push_back({1, out.size(), 0});
    out += std::to_string(stream) + " 0 obj\n<</Type/ObjStm/N " + std::to_string(count) + "/First " +
           std::to_string(index.size()) + "/Filter/FlateDecode/Length " + std::to_string(data.size()) +
           ">>\nstream\n";
    out += data;
    out += "\nendstream\nendobj\n";
  }
  // The cross-reference stream, which lists itself too.
  const std::size_t self = next, self_at = out.size();
  xref.push_back({1, self_at, 0});
  std::string rows;
  rows.reserve(xref.size() * 7);
  for (const Entry& e : xref) {
    put(rows, e.type, 1);
    put(rows, e.a, 4);
    put(rows, e.b, 2);
  }
  const std::string data = deflate(rows);
  out += std::to_string(self) + " 0 obj\n<</Type/XRef/Size " + std::to_string(xref.size()) + "/W[1 4 2]" + root +
         info + id + "/Filter/FlateDecode/Length " + std::to_string(data.size()) + ">>\nstream\n";
  out += data;
  out += "\nendstream\nendobj\nstartxref\n" + std::to_string(self_at) + "\n%%EOF\n";
  return out;
}

}  // namespace jixiao::pdf
