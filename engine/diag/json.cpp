#include "diag/json.h"

#include <cmath>
#include <unordered_set>
#include <vector>

#include "diag/json_text.h"
#include "diag/limits.h"

namespace jixiao {

namespace {

using json_text::CountingIterator;

// The DOM builder plus the checks nlohmann does not make.
template <class Json>
class StrictSax {
 public:
  using Dom = nlohmann::detail::json_sax_dom_parser<Json>;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  using ElementFn = std::function<bool(std::size_t, Json&&, std::size_t)>;

  StrictSax(Json& root, std::string_view text, const std::size_t* read, const JsonReadOptions& options,
            const std::string* member = nullptr, const ElementFn* on_element = nullptr)
      : dom_(root, false), root_(root), text_(text), read_(read), options_(options), member_(member),
        on_element_(on_element) {}

  bool null() { return scalar() && dom_.null() && done(); }
  bool boolean(bool v) { return scalar() && dom_.boolean(v) && done(); }
  bool number_integer(typename Json::number_integer_t v) { return scalar() && dom_.number_integer(v) && done(); }
  bool number_unsigned(typename Json::number_unsigned_t v) { return scalar() && dom_.number_unsigned(v) && done(); }
  bool number_float(typename Json::number_float_t v, const string_t& s) {
    if (!std::isfinite(v)) return refuse("number out of range", "a number a double can hold (about ±1.8e308)");
    return scalar() && dom_.number_float(v, s) && done();
  }
  bool string(string_t& v) {
    if (!checked_string(v)) return false;
    return scalar() && dom_.string(v) && done();
  }
  bool binary(binary_t& v) { return scalar() && dom_.binary(v) && done(); }

  bool start_object(std::size_t n) {
    if (!open()) return false;
    frames_.push_back({true, {}, 0, {}, {}});
    last_end_ = *read_;
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
    last_end_ = *read_;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return close() && dom_.end_object() && done();
  }
  bool start_array(std::size_t n) {
    if (!open()) return false;
    frames_.push_back({false, {}, 0, {}, {}});
    last_end_ = *read_;
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return close() && dom_.end_array() && done();
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
  bool stopped() const { return stopped_; }

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
    for (const auto& f : frames_) p += "/" + (f.object ? json_pointer_token(f.key) : std::to_string(f.index));
    return p.empty() ? "/" : p;
  }
  bool value() {  // a scalar or a closed container ends an array element
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool scalar() {
    element_start();
    return value();
  }
  // Where an element of the member handed out starts (the callbacks come after its start).
  void element_start() {
    if (on_element_ && frames_.size() == 2) element_at_ = json_text::next_token(text_, last_end_);
  }
  bool open() {
    element_start();
    if (static_cast<int>(frames_.size()) >= limits::kJsonDepth)
      return refuse("nested too deeply at " + pointer(),
                    "at most " + std::to_string(limits::kJsonDepth) + " levels of arrays and objects");
    return true;
  }
  bool close() { return value(); }
  // A value is complete: when it is an element of the root's member being handed out, hand
  // it out and drop it (the DOM builder points at the array, never at its elements).
  bool done() {
    last_end_ = *read_;
    if (!on_element_ || frames_.size() != 2 || !frames_[0].object || frames_[1].object ||
        frames_[0].key != *member_)
      return true;
    auto& elements = root_[*member_].template get_ref<typename Json::array_t&>();
    Json element = std::move(elements.back());
    elements.pop_back();
    if ((*on_element_)(frames_[1].index - 1, std::move(element), element_at_)) return true;
    stopped_ = true;
    return false;
  }
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
  Json& root_;
  std::string_view text_;
  const std::size_t* read_;
  std::size_t last_end_ = 0, element_at_ = 0;
  const JsonReadOptions& options_;
  const std::string* member_;
  const ElementFn* on_element_;
  bool stopped_ = false;
  std::vector<Frame> frames_;
  std::optional<Error> error_;
};

template <class Json>
bool parse_strict(const std::string& file, const std::string& text, Json& out, DiagnosticSink& sink,
                  const JsonReadOptions& options, const std::string* member = nullptr,
                  const typename StrictSax<Json>::ElementFn* on_element = nullptr) {
  // nlohmann stops at a NUL byte as if the text ended there, so anything after one would be
  // ignored without a word: raw NUL is never valid JSON.
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    sink.error(options.code, file, to_string(line_col(text, nul)),
               "malformed " + options.what + ": a NUL byte", "text without NUL bytes (UTF-8 JSON)");
    return false;
  }
  std::size_t read = 0;
  Json result;
  StrictSax<Json> sax(result, text, &read, options, member, on_element);
  const char* b = text.data();
  CountingIterator first(b, b, &read), last(b + text.size(), b, &read);
  bool ok = Json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json, true);
  if (sax.stopped()) return false;
  if (!ok || sax.error()) {
    auto e = sax.error().value_or(typename StrictSax<Json>::Error{read, "malformed " + options.what, "well-formed JSON"});
    sink.error(options.code, file, to_string(line_col(text, e.at)), e.message, e.expected);
    return false;
  }
  out = std::move(result);
  return true;
}

}  // namespace

std::string json_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

bool parse_json(const std::string& file, const std::string& text, nlohmann::json& out,
                DiagnosticSink& sink, const JsonReadOptions& options) {
  return parse_strict(file, text, out, sink, options);
}

bool parse_json_elements(const std::string& file, const std::string& text, const std::string& member,
                         nlohmann::json& out,
                         const std::function<bool(std::size_t, nlohmann::json&&, std::size_t)>& on_element,
                         DiagnosticSink& sink, const JsonReadOptions& options) {
  return parse_strict(file, text, out, sink, options, &member, &on_element);
}

}  // namespace jixiao
