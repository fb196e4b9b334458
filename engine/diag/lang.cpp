#include "diag/lang.h"

#include <string_view>
#include <unordered_map>

namespace jixiao {
namespace {

// An English pattern cut at its values: text[0] {n[0]} text[1] {n[1]} … text[k].
struct Pattern {
  std::vector<std::string> text;
  std::vector<int> value;  // the number of each value, in order
  std::size_t fixed = 0;   // characters of fixed text: the more, the more specific
  const char* zh = nullptr;
};

Pattern compile(const CatalogEntry& e) {
  Pattern p;
  p.zh = e.zh;
  std::string_view en = e.en;
  std::string cur;
  for (std::size_t i = 0; i < en.size(); ++i) {
    std::size_t close = en.find('}', i);
    if (en[i] == '{' && close != std::string_view::npos && close > i + 1 && close - i <= 3 &&
        en.substr(i + 1, close - i - 1).find_first_not_of("0123456789") == std::string_view::npos) {
      p.fixed += cur.size();
      p.text.push_back(std::move(cur));
      cur.clear();
      p.value.push_back(std::stoi(std::string(en.substr(i + 1, close - i - 1))));
      i = close;
    } else {
      cur += en[i];
    }
  }
  p.fixed += cur.size();
  p.text.push_back(std::move(cur));
  return p;
}

// Values are never empty; each ends at the first place where the rest still matches.
bool match(const Pattern& p, std::string_view s, std::size_t k, std::size_t pos,
           std::vector<std::string_view>& values) {
  if (k == p.value.size()) return pos == s.size();
  const std::string& next = p.text[k + 1];
  if (next.empty()) {  // the last value takes the rest (patterns never put two values side by side)
    if (k + 1 != p.value.size() || pos >= s.size()) return false;
    values[k] = s.substr(pos);
    return true;
  }
  for (std::size_t at = s.find(next, pos + 1); at != std::string_view::npos; at = s.find(next, at + 1)) {
    values[k] = s.substr(pos, at - pos);
    if (match(p, s, k + 1, at + next.size(), values)) return true;
  }
  return false;
}

struct Catalog {
  std::unordered_map<std::string, std::vector<Pattern>> by_code;  // "" holds the shared phrases
  std::vector<Pattern> all;  // every entry with some fixed text

  Catalog() {
    for (const auto& e : zh_catalog()) {
      by_code[e.code].push_back(compile(e));
      // Out of its code, "{1}: {2}" or "{1} and {2}" would match about anything; a whole
      // phrase ("ratio") only itself.
      if (Pattern p = compile(e); p.fixed >= 6 || p.value.empty()) all.push_back(std::move(p));
    }
  }

  // A text is looked up among its code's entries and the shared phrases first, then among
  // all entries: expression errors are worded once (expr.*) and reported under template and
  // rules codes; a value inside a message may be another code's message.
  std::string translate(const std::string& code, std::string_view s, int depth) const {
    const Pattern* best = nullptr;
    std::vector<std::string_view> values, best_values;
    auto search = [&](const std::vector<Pattern>& list) {
      for (const Pattern& p : list) {
        if (best && p.fixed <= best->fixed) continue;
        if (s.substr(0, p.text[0].size()) != p.text[0]) continue;
        values.assign(p.value.size(), {});
        if (match(p, s, 0, p.text[0].size(), values)) {
          best = &p;
          best_values = values;
        }
      }
    };
    for (const std::string& c : {code, std::string()})
      if (auto it = by_code.find(c); it != by_code.end()) search(it->second);
    if (!best) search(all);
    if (!best) return std::string(s);
    std::string out;
    std::string_view zh = best->zh;
    for (std::size_t i = 0; i < zh.size(); ++i) {
      std::size_t close = zh.find('}', i);
      bool verbatim = i + 1 < zh.size() && zh[i + 1] == '=';
      std::size_t from = i + 1 + (verbatim ? 1 : 0);
      int n = -1;
      if (zh[i] == '{' && close != std::string_view::npos && close > from && close - from <= 2 &&
          zh.substr(from, close - from).find_first_not_of("0123456789") == std::string_view::npos)
        n = std::stoi(std::string(zh.substr(from, close - from)));
      std::size_t k = 0;
      while (n >= 0 && k < best->value.size() && best->value[k] != n) ++k;
      if (n < 0 || k == best->value.size()) {
        out += zh[i];
        continue;
      }
      // A value may itself be a known phrase ("a number", "element 2 of 'x'"); {=n} is
      // carried over as it is (another library's words, half-translated, would be worse).
      out += depth < 4 && !verbatim ? translate(code, best_values[k], depth + 1) : std::string(best_values[k]);
      i = close;
    }
    return out;
  }
};

const Catalog& catalog() {
  static const Catalog c;
  return c;
}

}  // namespace

std::string translate(const std::string& code, const std::string& text, const std::string& lang) {
  if (lang != "zh" || text.empty()) return text;
  return catalog().translate(code, text, 0);
}

bool has_translation(const std::string& code) {
  return !code.empty() && catalog().by_code.count(code) > 0;
}

}  // namespace jixiao
