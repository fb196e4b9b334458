// What the strict reader (json.cpp) and the offset finder (json_offsets.cpp) share: an
// iterator that counts how far nlohmann has read (its SAX callbacks carry no position), and
// where the next value starts after what was read.
#pragma once
#include <cstddef>
#include <iterator>
#include <string_view>

namespace jixiao::json_text {

class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char* begin, std::size_t* read)
      : p_(p), begin_(begin), read_(read) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    *read_ = static_cast<std::size_t>(p_ - begin_);
    return *this;
  }
  CountingIterator operator++(int) {
    auto old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char* begin_;
  std::size_t* read_;
};

// The offset of the value or key that follows `from` (where the last token the parser
// reported ended): past white space and the ',' or ':' before it. A callback comes after
// its token was read, at most one character too far (the one ending a number), which is
// white space or a ',', ']' or '}' and so never the start of what follows.
inline std::size_t next_token(std::string_view text, std::size_t from) {
  if (from == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") from = 3;  // nlohmann skips a BOM
  while (from < text.size()) {
    char c = text[from];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':') break;
    ++from;
  }
  return from;
}

}  // namespace jixiao::json_text
