#include "diag/json.h"

#include <cmath>
#include <iterator>
#include <unordered_set>
#include <vector>

#include "diag/limits.h"

namespace jixiao {

namespace {

// Walks the text and remembers how far the parser has read, so that what the SAX handler
// refuses can be placed at line:col (nlohmann's callbacks carry no position).
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

std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// The DOM builder plus the checks nlohmann does not make.
template <class Json>
class StrictSax {
 public:
  using Dom = nlohmann::detail::json_sax_dom_parser<Json>;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  StrictSax(Json& root, const std::size_t* read, const JsonReadOptions& options)
      : dom_(root, false), read_(read), options_(options) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(typename Json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(typename Json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(typename Json::number_float_t v, const string_t& s) {
    if (!std::isfinite(v)) return refuse("number out of range", "a number a double can hold (about ±1.8e308)");
    return value() && dom_.number_float(v, s);
  }
  bool string(string_t& v) {
    if (!checked_string(v)) return false;
    return value() && dom_.string(v);
  }
  bool binary(binary_t& v) { return value() && dom_.binary(v); }

  bool start_object(std::size_t n) {
    if (!open()) return false;
    frames_.push_back({true, {}, 0, {}, {}});
    return dom_.start_object(n);
  }
  bool key(string_t& k) {
    if (!checked_string(k)) return false;
    Frame& f = frames_.back();
    f.key = k;
    if (!f.add_key(k)) {
      return refuse("duplicate key '" + k + "' at " + pointer(),
                    "each key once in an object (a second one would silently replace the first)");
    }
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return close() && dom_.end_object();
  }
  bool start_array(std::size_t n) {
    if (!open()) return false;
    frames_.push_back({false, {}, 0, {}, {}});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return close() && dom_.end_array();
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error …"
    auto colon = what.find(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    if (!options_.quote_content) {
      auto last = detail.find("; last read: ");
      if (last != std::string::npos) {
        auto next = detail.find("; ", last + 2);
        detail.erase(last, next == std::string::npos ? std::string::npos : next - last);
      }
    }
    if (ex.id == 406) detail = "number out of range";
    error_ = {position > 0 ? position - 1 : 0, "malformed " + options_.what + ": " + detail,
              "well-formed JSON (RFC 8259)"};
    return false;
  }

  struct Error {
    std::size_t at = 0;
    std::string message, expected;
  };
  const std::optional<Error>& error() const { return error_; }

 private:
  struct Frame {
    bool object;
    string_t key;
    std::size_t index;
    std::vector<string_t> keys;           // objects have a handful of keys: a scan is cheapest
    std::unordered_set<string_t> many;    // past kScan keys, a hash set keeps it linear

    static constexpr std::size_t kScan = 16;
    bool add_key(const string_t& k) {
      if (!many.empty()) return many.insert(k).second;
      for (const auto& seen : keys)
        if (seen == k) return false;
      keys.push_back(k);
      if (keys.size() > kScan) many.insert(keys.begin(), keys.end());
      return true;
    }
  };

  // Pointer of the value being read now.
  std::string pointer() const {
    std::string p;
    for (const auto& f : frames_) p += "/" + (f.object ? escape_token(f.key) : std::to_string(f.index));
    return p.empty() ? "/" : p;
  }
  bool value() {  // a scalar or a closed container ends an array element
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool open() {
    if (static_cast<int>(frames_.size()) >= limits::kJsonDepth)
      return refuse("nested too deeply at " + pointer(),
                    "at most " + std::to_string(limits::kJsonDepth) + " levels of arrays and objects");
    return true;
  }
  bool close() { return value(); }
  bool checked_string(const string_t& s) {
    if (s.find('\0') != string_t::npos)
      return refuse("a NUL character (\\u0000) in a string at " + pointer(), "text without NUL characters");
    if (s.size() > limits::kJsonStringBytes)
      return refuse("a string of " + std::to_string(s.size()) + " bytes at " + pointer(),
                    "at most " + std::to_string(limits::kJsonStringBytes) + " bytes in one string");
    return true;
  }
  bool refuse(std::string message, std::string expected) {
    error_ = {*read_ > 0 ? *read_ - 1 : 0, std::move(message), std::move(expected)};
    return false;
  }

  Dom dom_;
  const std::size_t* read_;
  const JsonReadOptions& options_;
  std::vector<Frame> frames_;
  std::optional<Error> error_;
};

template <class Json>
bool parse_strict(const std::string& file, const std::string& text, Json& out, DiagnosticSink& sink,
                  const JsonReadOptions& options) {
  // nlohmann stops at a NUL byte as if the text ended there, so anything after one would be
  // ignored without a word: raw NUL is never valid JSON.
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    sink.error(options.code, file, to_string(line_col(text, nul)),
               "malformed " + options.what + ": a NUL byte", "text without NUL bytes (UTF-8 JSON)");
    return false;
  }
  std::size_t read = 0;
  Json result;
  StrictSax<Json> sax(result, &read, options);
  const char* b = text.data();
  CountingIterator first(b, b, &read), last(b + text.size(), b, &read);
  bool ok = Json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json, true);
  if (!ok || sax.error()) {
    auto e = sax.error().value_or(typename StrictSax<Json>::Error{read, "malformed " + options.what, "well-formed JSON"});
    sink.error(options.code, file, to_string(line_col(text, e.at)), e.message, e.expected);
    return false;
  }
  out = std::move(result);
  return true;
}

}  // namespace

bool parse_json(const std::string& file, const std::string& text, nlohmann::json& out,
                DiagnosticSink& sink, const JsonReadOptions& options) {
  return parse_strict(file, text, out, sink, options);
}

}  // namespace jixiao
