// A schema's "pattern" and "patternProperties" names, matched with RE2 (Debian libre2-dev):
// linear in the text, whatever the pattern. std::regex backtracks: "^(a+)+$" against 30
// characters took 25 s. JSON Schema patterns are ECMAScript (ECMA-262); each is translated
// to RE2's syntax with ECMAScript's meaning (\s, ".", \uXXXX …), and what RE2 cannot match
// in linear time (backreferences, lookahead, lookbehind) is refused when the schema loads.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace jixiao::model {

// Why a pattern is refused: message and what was expected, for a "schema.pattern" error.
struct PatternProblem {
  std::string message;
  std::string expected;
};

// A pattern compiled for matching; problem is set (and matching impossible) when refused.
class Pattern {
 public:
  explicit Pattern(const std::string& ecma);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  bool ok() const { return re_ != nullptr; }
  const PatternProblem& problem() const { return problem_; }
  // Whether the pattern matches anywhere in text (ECMAScript's unanchored search).
  bool search(std::string_view text) const;
  // The longest text (in characters) it is matched against: limits::kPatternWork over its
  // program's size, so the worst case stays near half a second.
  std::size_t max_subject_chars() const;

 private:
  std::unique_ptr<re2::RE2> re_;
  std::size_t steps_ = 1;
  PatternProblem problem_;
};

// The RE2 spelling of an ECMAScript pattern; empty with *problem set when refused.
std::string ecma_to_re2(std::string_view ecma, PatternProblem* problem);

// The patterns of one schema, compiled once at load and shared by the threads validating.
class PatternSet {
 public:
  // The pattern compiled (added if new); read-only use after load is thread-safe.
  const Pattern& add(const std::string& ecma);
  // nullptr when the pattern was not added at load.
  const Pattern* find(const std::string& ecma) const;
  std::size_t size() const { return patterns_.size(); }

 private:
  std::map<std::string, std::unique_ptr<Pattern>, std::less<>> patterns_;
};

// The set valijson's "pattern" and "patternProperties" use on this thread while alive.
class ActivePatterns {
 public:
  explicit ActivePatterns(const PatternSet& set);
  ~ActivePatterns();
  ActivePatterns(const ActivePatterns&) = delete;
  ActivePatterns& operator=(const ActivePatterns&) = delete;

  // Whether the active set's pattern matches text; throws when none is active or the
  // pattern is not in it (load compiles every pattern the schema has, so neither happens).
  static bool search(const std::string& ecma, std::string_view text);

 private:
  const PatternSet* previous_;
};

}  // namespace jixiao::model
