#include "diag/json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>
#include <vector>

#include "diag/json_text.h"
#include "diag/limits.h"

namespace jixiao {

namespace {

using json_text::CountingIterator;

// nlohmann's "syntax error while parsing object - unexpected string literal; expected '}'"
// in our words: what is wrong, what was expected (said once: in expected, not in the
// message), what was found, and a hint for the common mistakes (a missing comma, a comma
// after the last member, a key without quotes, single quotes). Whatever is not recognised
// keeps nlohmann's words, its "expected" moved to expected.
struct Syntax {
  std::string detail, expected, got, hint;
  bool token = false;  // the place is the unexpected token's: move it to where the token starts
};

// nlohmann reports the place after the token it read: a string or a word that was not
// expected is named where it starts (its opening quote, its first letter).
std::size_t token_start(std::string_view text, std::size_t at) {
  if (at >= text.size()) return at;
  if (text[at] == '"') {
    for (std::size_t i = at; i-- > 0;) {
      std::size_t backslashes = 0;
      while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
      if (text[i] == '"' && backslashes % 2 == 0) return i;
    }
    return at;
  }
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; };
  while (at > 0 && word(text[at]) && word(text[at - 1])) --at;
  return at;
}

std::string token_words(const std::string& t) {
  if (t == "string literal") return "a string";
  if (t == "number literal") return "a number";
  if (t == "true literal") return "true";
  if (t == "false literal") return "false";
  if (t == "null literal") return "null";
  if (t == "end of input") return "the end of the text";
  if (t == "'[', '{', or a literal") return "a value";
  return t;  // "'}'", "','" …
}

Syntax syntax_in_words(const std::string& detail, std::string_view text, std::size_t at) {
  // "syntax error while parsing CONTEXT - PROBLEM[; last read: '…'][; expected TOKEN]"
  const std::string head = "syntax error while parsing ";
  auto dash = detail.find(" - ");
  if (detail.rfind(head, 0) != 0 || dash == std::string::npos) return {detail, "well-formed JSON (RFC 8259)", "", ""};
  std::string context = detail.substr(head.size(), dash - head.size());
  std::string rest = detail.substr(dash + 3), expected, last_read;
  // The lexer's own words may say "expected" too ("invalid number; expected digit after '-'"):
  // the parser's comes last, after what was read.
  if (auto l = rest.find("; last read: '"); l != std::string::npos) {
    last_read = rest.substr(l + 14);
    rest.erase(l);
    if (auto e = last_read.rfind("'; expected "); e != std::string::npos) {
      expected = last_read.substr(e + 12);
      last_read.erase(e);
    } else if (!last_read.empty() && last_read.back() == '\'') {
      last_read.pop_back();
    }
  } else if (auto e = rest.rfind("; expected "); e != std::string::npos) {
    expected = rest.substr(e + 11);
    rest.erase(e);
  }
  const std::string unexpected = rest.rfind("unexpected ", 0) == 0 ? rest.substr(11) : "";
  const bool value_token = unexpected == "string literal" || unexpected == "number literal" ||
                           unexpected == "true literal" || unexpected == "false literal" ||
                           unexpected == "null literal" || unexpected == "'{'" || unexpected == "'['";
  // The character before the offending token, spaces skipped: a ',' there is a trailing comma.
  auto before = [&]() -> char {
    std::size_t i = std::min(at, text.size());
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\r' || text[i - 1] == '\t')) --i;
    return i > 0 ? text[i - 1] : '\0';
  };
  const bool single_quote = rest.rfind("invalid literal", 0) == 0 && last_read.find('\'') != std::string::npos;
  const std::string quotes_hint = "JSON keys and strings take double quotes: \"key\", not 'key'";
  const std::string got = unexpected.empty() ? "" : token_words(unexpected);
  if (unexpected == "end of input")
    return {"the text ends before the JSON does (an object or array is not closed)", token_words(expected), "", ""};
  if (context == "object" && value_token)
    return {"a comma is missing between two members", "',' or '}'", got,
            "put a comma after every member but the last: {\"a\": 1, \"b\": 2}", true};
  if (context == "array" && value_token)
    return {"a comma is missing between two elements", "',' or ']'", got,
            "put a comma after every element but the last: [1, 2]", true};
  if (context == "object key" && unexpected == "'}'")
    return {"a comma after the last member", "a key in double quotes", got,
            "JSON allows no comma after the last member: remove it"};
  if (context == "object key" && unexpected == "','")
    return {"two commas in a row", "a key in double quotes", got, "remove the extra comma"};
  if (context == "object key" && single_quote)
    return {"a key in single quotes", "a key in double quotes", "", quotes_hint};
  if (context == "object key" && rest.rfind("invalid literal", 0) == 0)
    return {"a key without quotes", "a key in double quotes", "", "put the key in double quotes: {\"key\": 1}", true};
  if (context == "object separator")
    return {"a ':' is missing after the key", "':'", got, ""};
  if (context == "value" && unexpected == "']'" && before() == ',')
    return {"a comma after the last element", "a value", got, "JSON allows no comma after the last element: remove it"};
  if (context == "value" && single_quote)
    return {"a string in single quotes", "a string in double quotes", "", quotes_hint};
  if (context == "value" && rest.rfind("invalid literal", 0) == 0)
    return {"a word that is not a JSON value", "a string in double quotes, a number, true, false or null", "",
            "put text in double quotes; true, false and null are written in lower case", true};
  if (context == "value" && expected == "end of input")
    return {"more text after the end of the JSON", "nothing after the JSON's last '}' or ']'", got, ""};
  if (context == "value" && (unexpected == "'}'" || unexpected == "']'" || unexpected == "','"))
    return {"a value is missing", "a value", got, ""};
  if (rest.find("control character") != std::string::npos)
    return {"a line break or other control character inside a string", "a string on one line", "",
            "write a line break as \\n and a tab as \\t"};
  // Not recognised: nlohmann's words, without the content it read, and "expected" once (the
  // lexer's own, "invalid number; expected digit after '-'", else the parser's).
  if (auto e = rest.find("; expected "); e != std::string::npos) {
    expected = rest.substr(e + 11);
    rest.erase(e);
  }
  return {"syntax error while parsing " + context + ": " + rest,
          expected.empty() ? "well-formed JSON (RFC 8259)" : token_words(expected), "", ""};
}

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
    const std::string raw = detail;  // our words never quote the content; the check needs it
    if (!options_.quote_content) {
      auto last = detail.find("; last read: ");
      if (last != std::string::npos) {
        auto next = detail.find("; ", last + 2);
        detail.erase(last, next == std::string::npos ? std::string::npos : next - last);
      }
    }
    std::size_t at = position > 0 ? position - 1 : 0;
    if (ex.id == 406) {
      error_ = {at, "malformed " + options_.what + ": number out of range", "well-formed JSON (RFC 8259)"};
      return false;
    }
    Syntax words = detail.rfind("syntax error while parsing ", 0) == 0
                       ? syntax_in_words(raw, text_, at)
                       : Syntax{detail, "well-formed JSON (RFC 8259)", "", ""};
    if (words.token) at = token_start(text_, at);
    error_ = {at, "malformed " + options_.what + ": " + words.detail, words.expected, words.got, words.hint};
    return false;
  }

  struct Error {
    std::size_t at = 0;
    std::string message, expected, got = {}, hint = {};
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
    Diagnostic d{Severity::Error, options.code, file, to_string(line_col(text, e.at)), e.message, e.expected, e.got, {}};
    if (!e.hint.empty()) d.hints.push_back(e.hint);
    sink.report(std::move(d));
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
