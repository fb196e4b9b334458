#include "model/schema_subjects.h"

#include <cstdint>
#include <unordered_map>
#include <utility>

#include "diag/limits.h"
#include "model/reader.h"
#include "model/schema_pattern.h"

using jixiao::limits::kFormatSubjectChars;
using jixiao::limits::kSchemaRefDepth;

namespace jixiao::model {
namespace {

using json = nlohmann::json;


// ASCII white space and the ideographic space U+3000.
bool blank(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') ++i;
    else if (s.compare(i, 3, "\xE3\x80\x80") == 0) i += 3;
    else return false;
  }
  return true;
}

// valijson matches formats with std::regex (patterns go to RE2, which needs no bound).
bool has_format(const json& s) { return s.is_object() && s.contains("format"); }

class Subjects {
 public:
  Subjects(const json& root, const PatternSet& patterns, const std::string& file, DiagnosticSink& sink)
      : root_(root), patterns_(patterns), file_(file), sink_(sink) {}

  void walk(const json& v, const json& s0, const std::string& ptr, bool own_path, int refs) {
    if (refs > kSchemaRefDepth || steps_++ > kStepBudget) return;
    const json& s = resolved(s0);
    if (!s.is_object()) return;
    if (&s != &s0) ++refs;
    if (v.is_string()) text(v.get_ref<const std::string&>(), s, ptr, own_path);
    if (v.is_object()) object(v, s, ptr, own_path, refs);
    if (v.is_array()) array(v, s, ptr, own_path, refs);
    // allOf applies as surely as the schema holding it; the others may or may not.
    if (s.contains("allOf") && s["allOf"].is_array())
      for (const auto& b : s["allOf"]) walk(v, b, ptr, own_path, refs + 1);
    for (const char* k : {"anyOf", "oneOf"})
      if (s.contains(k) && s[k].is_array())
        for (const auto& b : s[k]) walk(v, b, ptr, false, refs + 1);
    for (const char* k : {"if", "then", "else", "not"})
      if (s.contains(k)) walk(v, s[k], ptr, false, refs + 1);
  }

  // Whether the validator may run; when not, what it would also have said is said here.
  bool finish() {
    if (!safe_)
      for (auto& d : too_long_) sink_.report(std::move(d));
    return safe_;
  }

 private:
  // Real schemas and data need a few thousand steps; a schema whose branches multiply
  // (oneOf inside oneOf …) stops being followed here rather than taking minutes.
  static constexpr long kStepBudget = 20'000'000;

  // The most characters s's "format" or "pattern" may check (none when it has neither), and
  // the keyword that bounds it: valijson's std::regex recurses once a character for a
  // format; RE2's worst case grows with characters × the pattern's steps (limits.h).
  using Bound = std::pair<std::size_t, const char*>;
  Bound bound(const json& s, Bound b = {SIZE_MAX, ""}) const {
    if (has_format(s) && kFormatSubjectChars < b.first) b = {kFormatSubjectChars, "format"};
    if (auto p = s.find("pattern"); p != s.end() && p->is_string()) b = pattern_bound(p->get<std::string>(), b);
    return b;
  }
  Bound pattern_bound(const std::string& pattern, Bound b) const {
    const Pattern* re = patterns_.find(pattern);
    return re && re->max_subject_chars() < b.first ? Bound{re->max_subject_chars(), "pattern"} : b;
  }

  void text(const std::string& t, const json& s, const std::string& ptr, bool own_path) {
    if (auto [most, keyword] = bound(s); char_count(t) > most) {
      safe_ = false;
      sink_.error("model.too-long", file_, ptr, std::string("text too long to check against the schema's ") + keyword,
                  "at most " + std::to_string(most) + " characters", std::to_string(char_count(t)) + " characters");
    } else if (own_path && s.contains("maxLength") && s["maxLength"].is_number_unsigned() &&
               char_count(t) > s["maxLength"].get<std::size_t>()) {
      // Said only when the validator will not run (it says it too).
      too_long_.push_back({Severity::Error, "model.too-long", file_, ptr, field_name(ptr) + " is too long",
                           "at most " + s["maxLength"].dump() + " characters",
                           std::to_string(char_count(t)) + " characters", {}});
    } else if (own_path && s.contains("minLength") && s["minLength"].is_number() &&
               s["minLength"].get<double>() >= 1 && !t.empty() && blank(t)) {
      sink_.error("model.empty", file_, ptr, field_name(ptr) + " is empty",
                  "a non-empty string", "only white space");
    }
  }

  void object(const json& v, const json& s, const std::string& ptr, bool own_path, int refs) {
    const json* props = s.contains("properties") && s["properties"].is_object() ? &s["properties"] : nullptr;
    const json* patterns = s.contains("patternProperties") && s["patternProperties"].is_object()
                               ? &s["patternProperties"] : nullptr;
    const json* extra = s.contains("additionalProperties") ? &s["additionalProperties"] : nullptr;
    Bound key_bound{SIZE_MAX, ""};
    if (patterns)
      for (auto p = patterns->begin(); p != patterns->end(); ++p) key_bound = pattern_bound(p.key(), key_bound);
    if (s.contains("propertyNames")) key_bound = bound(resolved(s["propertyNames"]), key_bound);
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      std::string cp = child(ptr, key);
      if (char_count(key) > key_bound.first) {
        key_too_long(key, cp, key_bound);
        continue;
      }
      bool named = props && props->contains(key);
      if (named) walk(it.value(), (*props)[key], cp, own_path, refs);
      bool by_pattern = false;
      if (patterns) {
        for (auto p = patterns->begin(); p != patterns->end(); ++p)
          if (const Pattern* re = patterns_.find(p.key()); re && re->search(key)) {
            by_pattern = true;
            walk(it.value(), p.value(), cp, own_path, refs);
          }
      }
      if (!named && !by_pattern && extra && extra->is_object()) walk(it.value(), *extra, cp, own_path, refs);
    }
  }

  void array(const json& v, const json& s, const std::string& ptr, bool own_path, int refs) {
    // A list past its bound is not a real form (docs/limits.md): say so and stop, rather
    // than have the validator look at each of 100,000 elements.
    if (own_path && s.contains("maxItems") && s["maxItems"].is_number_unsigned() &&
        v.size() > s["maxItems"].get<std::size_t>()) {
      safe_ = false;
      sink_.error("model.too-many", file_, ptr, "too many elements in " + field_name(ptr),
                  "at most " + s["maxItems"].dump(), std::to_string(v.size()) + " elements");
      return;
    }
    const json* items = s.contains("items") ? &s["items"] : nullptr;
    const json* extra = s.contains("additionalItems") ? &s["additionalItems"] : nullptr;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string cp = child(ptr, i);
      if (items && items->is_array()) {
        if (i < items->size()) walk(v[i], (*items)[i], cp, own_path, refs);
        else if (extra) walk(v[i], *extra, cp, own_path, refs);
      } else if (items) {
        walk(v[i], *items, cp, own_path, refs);
      }
      if (s.contains("contains")) walk(v[i], s["contains"], cp, false, refs);
    }
  }

  // resolve_ref's answer for a schema node, found once: following a "$ref" parses a JSON
  // pointer, and every element of a list of projects meets the same one.
  const json& resolved(const json& s) {
    auto [it, added] = refs_.try_emplace(&s, nullptr);
    if (added) it->second = &resolve_ref(root_, s);
    return *it->second;
  }

  void key_too_long(const std::string& key, const std::string& ptr, Bound b) {
    safe_ = false;
    sink_.error("model.too-long", file_, ptr, std::string("field name too long to check against the schema's ") + b.second,
                "at most " + std::to_string(b.first) + " characters",
                std::to_string(char_count(key)) + " characters");
  }

  const json& root_;
  const PatternSet& patterns_;
  const std::string& file_;
  DiagnosticSink& sink_;
  std::vector<Diagnostic> too_long_;
  std::unordered_map<const json*, const json*> refs_;
  long steps_ = 0;
  bool safe_ = true;
};

}  // namespace

std::string field_name(const std::string& ptr) {
  if (ptr.empty()) return "the document";
  auto pos = ptr.rfind('/');
  std::string key = ptr.substr(pos + 1);
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos)
    return "element " + key + " of " + field_name(ptr.substr(0, pos));
  return "'" + key + "'";
}

std::size_t char_count(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const json& resolve_ref(const json& root, const json& s) {
  const json* cur = &s;
  for (int depth = 0; depth < kSchemaRefDepth && cur->is_object() && cur->contains("$ref"); ++depth) {
    const json& ref = (*cur)["$ref"];
    if (!ref.is_string() || ref.get<std::string>().rfind('#', 0) != 0) break;
    try {
      json::json_pointer p(ref.get<std::string>().substr(1));
      if (!root.contains(p)) break;
      cur = &root.at(p);
    } catch (const json::exception&) {
      break;
    }
  }
  return *cur;
}

bool check_text_subjects(const json& data, const json& schema, const PatternSet& patterns,
                         const std::string& data_file, DiagnosticSink& sink) {
  Subjects subjects(schema, patterns, data_file, sink);
  subjects.walk(data, schema, "", true, 0);
  return subjects.finish();
}

const json* schema_at(const json& root, const json& data, const std::string& pointer) {
  const json* s = &resolve_ref(root, root);
  const json* v = &data;
  std::size_t pos = 0;
  while (pos < pointer.size()) {
    std::size_t next = pointer.find('/', pos + 1);
    std::string token = pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    pos = next == std::string::npos ? pointer.size() : next;
    for (std::size_t at = token.find('~'); at != std::string::npos; at = token.find('~', at + 1))
      token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
    if (!s->is_object()) return nullptr;
    const json* found = nullptr;
    if (v && v->is_array()) {
      std::size_t i = token.find_first_not_of("0123456789") == std::string::npos && !token.empty() && token.size() < 10
                          ? std::stoul(token) : v->size();
      const json* items = s->contains("items") ? &(*s)["items"] : nullptr;
      if (items && items->is_array()) found = i < items->size() ? &(*items)[i] : s->contains("additionalItems") ? &(*s)["additionalItems"] : nullptr;
      else found = items;
      v = i < v->size() ? &(*v)[i] : nullptr;
    } else {
      if (s->contains("properties") && (*s)["properties"].contains(token)) found = &(*s)["properties"][token];
      else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object()) found = &(*s)["additionalProperties"];
      v = v && v->is_object() && v->contains(token) ? &(*v)[token] : nullptr;
    }
    if (!found) return nullptr;
    s = &resolve_ref(root, *found);
  }
  return s;
}

}  // namespace jixiao::model
