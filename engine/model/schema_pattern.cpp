#include "model/schema_pattern.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "diag/limits.h"

namespace jixiao::model {
namespace {

// ECMAScript's \s (ECMA-262 WhiteSpace and LineTerminator), as a class body: RE2's \s
// lacks \v and the Unicode spaces (U+3000, the ideographic space, among them).
constexpr std::string_view kSpaces =
    "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}"
    "\\x{3000}\\x{FEFF}";
// ECMAScript's "." stops at every line terminator; RE2's only at \n.
constexpr std::string_view kDot = "[^\\n\\r\\x{2028}\\x{2029}]";
constexpr const char* kEcma = "an ECMAScript regular expression";
constexpr const char* kLinear =
    "a pattern without backreferences, lookahead or lookbehind (patterns are matched in linear time)";

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string code_point(unsigned long cp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "\\x{%lX}", cp);
  return buf;
}

// One pass over the ECMAScript pattern, writing RE2 syntax. Everything RE2 reads
// differently (a class's "[:", "\Q", "\z", "(?i)" …) is escaped or refused, never passed on.
class Translator {
 public:
  explicit Translator(std::string_view p) : p_(p) {}

  std::string run(PatternProblem* problem) {
    // valijson keeps a pattern as a C string: it would see only what comes before a NUL.
    if (p_.find('\0') != std::string_view::npos) refuse("a NUL character in a pattern", "a pattern without NUL characters");
    while (i_ < p_.size() && ok()) {
      char c = p_[i_];
      if (c == '\\') escape(out_, false);
      else if (c == '[') char_class();
      else if (c == '(') group();
      else if (c == '.') out_ += kDot, ++i_;
      else if (c == '{') brace();
      else if (c == '}' || c == ']') out_ += '\\', out_ += c, ++i_;  // literal in ECMAScript
      else out_ += c, ++i_;
    }
    if (ok()) return out_;
    *problem = problem_;
    return "";
  }

 private:
  bool ok() const { return problem_.message.empty(); }
  void refuse(std::string message, const char* expected) { problem_ = {std::move(message), expected}; }
  bool starts(std::string_view s) const { return p_.substr(i_, s.size()) == s; }

  void group() {
    if (starts("(?:")) {
      out_ += "(?:", i_ += 3;
    } else if (starts("(?=") || starts("(?!")) {
      refuse("a lookahead " + std::string(p_.substr(i_, 3)) + "…) in a pattern", kLinear);
    } else if (starts("(?<=") || starts("(?<!")) {
      refuse("a lookbehind " + std::string(p_.substr(i_, 4)) + "…) in a pattern", kLinear);
    } else if (starts("(?<")) {  // a named group: RE2 spells it (?P<name>
      std::size_t end = p_.find('>', i_ + 3);
      if (end == std::string_view::npos) return refuse("a group name without its closing '>'", kEcma);
      out_ += "(?P<", out_ += p_.substr(i_ + 3, end - i_ - 3), out_ += '>';
      i_ = end + 1;
    } else if (starts("(?")) {
      refuse("a group ECMAScript does not have: " + std::string(p_.substr(i_, 3)) + "…", kEcma);
    } else {
      out_ += '(', ++i_;
    }
  }

  // {n}, {n,} and {n,m} repeat; any other "{" is a literal one in ECMAScript.
  void brace() {
    std::size_t j = i_ + 1;
    auto digits = [&] {
      std::size_t from = j;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') ++j;
      return j > from;
    };
    bool repeat = digits();
    if (repeat && j < p_.size() && p_[j] == ',') ++j, digits();
    if (repeat && j < p_.size() && p_[j] == '}') {
      out_ += p_.substr(i_, j + 1 - i_);
      i_ = j + 1;
    } else {
      out_ += "\\{", ++i_;
    }
  }

  void char_class() {
    ++i_;
    bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    std::string body;
    bool non_space = false;  // \S, which RE2 cannot say inside a class with ECMAScript's meaning
    while (i_ < p_.size() && p_[i_] != ']' && ok()) {
      char c = p_[i_];
      if (c == '\\' && i_ + 1 < p_.size() && p_[i_ + 1] == 'S') non_space = true, i_ += 2;
      else if (c == '\\') escape(body, true);
      else if (c == '[') body += "\\[", ++i_;  // RE2 would read "[:alpha:]"
      else body += c, ++i_;
    }
    if (!ok()) return;
    if (i_ >= p_.size()) return refuse("a character class '[' without its closing ']'", kEcma);
    ++i_;
    std::string any = "\\x00-\\x{10FFFF}";
    if (!non_space) {
      // ECMAScript's [] matches nothing and [^] anything; RE2 would read "]" as a member.
      if (body.empty()) body = any, negated = !negated;
      out_ += negated ? "[^" : "[", out_ += body, out_ += ']';
    } else if (negated) {
      refuse("\\S inside [^…] in a pattern", "the class written without \\S");
    } else {
      std::string others = "[^" + std::string(kSpaces) + "]";
      out_ += body.empty() ? others : "(?:[" + body + "]|" + others + ")";
    }
  }

  // The escape at i_, appended to out (a class body when in_class).
  void escape(std::string& out, bool in_class) {
    if (i_ + 1 >= p_.size()) return refuse("a pattern ending in a lone backslash", kEcma);
    char c = p_[i_ + 1];
    std::string shown(p_.substr(i_, 2));
    switch (c) {
      case 'd': case 'D': case 'w': case 'W':
      case 't': case 'n': case 'r': case 'f': case 'v':
        out += shown, i_ += 2;
        return;
      case 'b': case 'B':
        if (in_class && c == 'B') return refuse("unknown escape \\B inside a class", kEcma);
        out += in_class ? "\\x08" : shown, i_ += 2;  // [\b] is a backspace
        return;
      case 's':
        out += in_class ? std::string(kSpaces) : "[" + std::string(kSpaces) + "]", i_ += 2;
        return;
      case 'S':
        out += "[^" + std::string(kSpaces) + "]", i_ += 2;
        return;
      case '0':
        if (i_ + 2 < p_.size() && p_[i_ + 2] >= '0' && p_[i_ + 2] <= '9')
          return refuse("an octal escape " + std::string(p_.substr(i_, 3)) + " in a pattern", kEcma);
        out += "\\x00", i_ += 2;
        return;
      case 'k':
        if (i_ + 2 < p_.size() && p_[i_ + 2] == '<') return refuse("a backreference \\k<…> in a pattern", kLinear);
        break;
      case 'x':
        if (i_ + 3 < p_.size() && is_hex(p_[i_ + 2]) && is_hex(p_[i_ + 3])) {
          out += code_point(std::stoul(std::string(p_.substr(i_ + 2, 2)), nullptr, 16)), i_ += 4;
          return;
        }
        return refuse("\\x without two hex digits in a pattern", kEcma);
      case 'u':
        return unicode(out);
      case 'c':
        if (i_ + 2 < p_.size() && ((p_[i_ + 2] | 0x20) >= 'a' && (p_[i_ + 2] | 0x20) <= 'z')) {
          out += code_point(p_[i_ + 2] % 32), i_ += 3;
          return;
        }
        break;
      case 'p': case 'P': {  // a Unicode property: RE2 knows the short names (\p{Han}, \p{L})
        std::size_t end = p_.find('}', i_);
        if (i_ + 2 < p_.size() && p_[i_ + 2] == '{' && end != std::string_view::npos) {
          out += p_.substr(i_, end + 1 - i_), i_ = end + 1;
          return;
        }
        break;
      }
      default:
        if (c >= '1' && c <= '9') {
          std::size_t j = i_ + 1;
          while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') ++j;
          return refuse("a backreference " + std::string(p_.substr(i_, j - i_)) + " in a pattern", kLinear);
        }
        if (static_cast<unsigned char>(c) >= 0x80) {  // "\中" is "中"; the loop copies it
          ++i_;
          return;
        }
        if (!is_alnum(c)) {
          out += c > ' ' && c < 0x7F ? shown : code_point(static_cast<unsigned char>(c)), i_ += 2;
          return;
        }
    }
    refuse("unknown escape " + shown + " in a pattern", kEcma);
  }

  // \uXXXX (a UTF-16 unit: a surrogate pair is one character) or \u{X…}: RE2's \x{X…}.
  void unicode(std::string& out) {
    auto unit = [&](std::size_t at) -> long {
      if (p_.substr(at, 2) != "\\u" || at + 6 > p_.size()) return -1;
      for (std::size_t k = at + 2; k < at + 6; ++k)
        if (!is_hex(p_[k])) return -1;
      return std::stol(std::string(p_.substr(at + 2, 4)), nullptr, 16);
    };
    long cp = -1;
    if (i_ + 2 < p_.size() && p_[i_ + 2] == '{') {
      std::size_t end = p_.find('}', i_);
      std::size_t n = end == std::string_view::npos ? 0 : end - i_ - 3;
      bool hex = n >= 1 && n <= 6;
      for (std::size_t k = 0; hex && k < n; ++k) hex = is_hex(p_[i_ + 3 + k]);
      if (hex) cp = std::stol(std::string(p_.substr(i_ + 3, n)), nullptr, 16), i_ = end + 1;
      if (cp > 0x10FFFF) cp = -1;
    } else if ((cp = unit(i_)) >= 0) {
      i_ += 6;
      long low = cp >= 0xD800 && cp <= 0xDBFF ? unit(i_) : -1;
      if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), i_ += 6;
    }
    if (cp < 0) return refuse("\\u without four hex digits (or a code point up to 10FFFF in braces) in a pattern", kEcma);
    if (cp >= 0xD800 && cp <= 0xDFFF)
      return refuse("a lone surrogate " + code_point(cp) + " in a pattern (UTF-8 text has none)", "a whole character");
    out += code_point(cp);
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::string out_;
  PatternProblem problem_;
};

thread_local const PatternSet* g_active = nullptr;

}  // namespace

std::string ecma_to_re2(std::string_view ecma, PatternProblem* problem) {
  return Translator(ecma).run(problem);
}

Pattern::Pattern(const std::string& ecma) {
  std::string translated = ecma_to_re2(ecma, &problem_);
  if (!problem_.message.empty()) return;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(true);
  options.set_max_mem(limits::kPatternMemoryBytes);
  auto re = std::make_unique<RE2>(translated, options);
  if (!re->ok()) {
    if (re->error_code() == RE2::ErrorPatternTooLarge)
      problem_ = {"pattern too large to match in bounded memory",
                  "a pattern of at most " + std::to_string(limits::kPatternProgramSize) + " steps compiled"};
    else
      problem_ = {"invalid regular expression: " + re->error(), kEcma};
    return;
  }
  if (re->ProgramSize() > static_cast<int>(limits::kPatternProgramSize)) {
    problem_ = {"pattern too large: " + std::to_string(re->ProgramSize()) + " steps compiled",
                "a pattern of at most " + std::to_string(limits::kPatternProgramSize) + " steps compiled"};
    return;
  }
  steps_ = std::max(1, re->ProgramSize());
  re_ = std::move(re);
}

Pattern::~Pattern() = default;

bool Pattern::search(std::string_view text) const {
  return re_ && re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, nullptr, 0);
}

std::size_t Pattern::max_subject_chars() const { return limits::kPatternWork / steps_; }

const Pattern& PatternSet::add(const std::string& ecma) {
  auto it = patterns_.find(ecma);
  if (it == patterns_.end()) it = patterns_.emplace(ecma, std::make_unique<Pattern>(ecma)).first;
  return *it->second;
}

const Pattern* PatternSet::find(const std::string& ecma) const {
  auto it = patterns_.find(ecma);
  return it == patterns_.end() ? nullptr : it->second.get();
}

ActivePatterns::ActivePatterns(const PatternSet& set) : previous_(g_active) { g_active = &set; }
ActivePatterns::~ActivePatterns() { g_active = previous_; }

bool ActivePatterns::search(const std::string& ecma, std::string_view text) {
  const Pattern* p = g_active ? g_active->find(ecma) : nullptr;
  if (!p || !p->ok()) throw std::logic_error("pattern not compiled when the schema loaded: " + ecma);
  return p->search(text);
}

}  // namespace jixiao::model
