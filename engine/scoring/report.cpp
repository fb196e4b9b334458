#include <algorithm>

#include <nlohmann/json.hpp>

#include "diag/lang.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

using ojson = nlohmann::ordered_json;

ojson indicator_json(const IndicatorScore& is) {
  ojson j = {{"name", is.name}};
  if (!is.category.empty()) j["category"] = is.category;
  j["weight"] = from_centi(is.weight);
  j["weight_source"] = is.weight_source;
  j["score"] = from_centi(is.score);
  j["score_text"] = centi_text(is.score, 2);
  j["computed"] = is.computed ? ojson(from_centi(*is.computed)) : ojson(nullptr);
  j["declared"] = is.declared ? ojson(from_centi(*is.declared)) : ojson(nullptr);
  j["rule"] = is.rule;
  if (!is.inputs.empty()) j["inputs"] = is.inputs;
  j["pointer"] = is.pointer;
  return j;
}

// Columns a string takes in a terminal: CJK and full-width characters take two.
std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
  std::size_t w = display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::string to_json(const std::vector<DocumentScore>& scores) {
  ojson docs = ojson::array();
  for (const auto& s : scores) {
    ojson inds = ojson::array();
    for (const auto& l : s.lines) inds.push_back(indicator_json(l));
    for (const auto& is : s.indicators) inds.push_back(indicator_json(is));
    ojson cats = ojson::array();
    for (const auto& c : s.categories)
      cats.push_back({{"name", c.name}, {"points", from_centi(c.points)}, {"weight", from_centi(c.weight)},
                      {"score", from_centi(c.score)}});
    ojson findings = ojson::array();
    for (const auto& f : s.findings) {
      ojson fj = {{"severity", severity_name(f.severity)}, {"code", f.code}, {"pointer", f.pointer},
                  {"message", f.message}};
      if (!f.computed.empty()) fj["computed"] = f.computed;
      if (!f.declared.empty()) fj["declared"] = f.declared;
      findings.push_back(fj);
    }
    docs.push_back({{"title", s.title},
                    {"pointer", s.pointer},
                    {"total", from_centi(s.total)},
                    {"total_text", centi_text(s.total, 2)},
                    {"max", from_centi(s.max)},
                    {"grade", s.grade},
                    {"indicators", inds},
                    {"categories", cats},
                    {"findings", findings}});
  }
  return ojson({{"documents", docs}}).dump(2) + "\n";
}

std::string finding_message(const Finding& f, const RuleSet* rules, const std::string& lang) {
  if (lang != "zh" || !rules) return f.message;
  for (const auto& c : rules->checks)
    if (c.code == f.code && !c.message_zh.empty() && f.message.rfind(c.message, 0) == 0)
      return c.message_zh + f.message.substr(c.message.size());  // keeps " — cannot check …"
  return f.message;
}

std::string to_table(const std::vector<DocumentScore>& scores, const std::string& lang, const RuleSet* rules) {
  const bool zh = lang == "zh";
  std::string out;
  for (const auto& s : scores) {
    out += s.title + "  (" + s.pointer + ")\n";
    std::size_t name_w = 12, rule_w = 8;
    // A line's rule is its id in the rule set (budget): the table says how it is scored.
    auto rule = [&](const IndicatorScore& is) {
      bool line = &is >= s.lines.data() && &is < s.lines.data() + s.lines.size();
      return translate("scoring.rule", line ? std::string("formula") : is.rule, lang);
    };
    auto widen = [&](const IndicatorScore& is) {
      name_w = std::max(name_w, display_width(is.name));
      rule_w = std::max(rule_w, display_width(rule(is)));
    };
    for (const auto& l : s.lines) widen(l);
    for (const auto& is : s.indicators) widen(is);
    out += "  " + pad(zh ? "指标" : "indicator", name_w) + "  " + pad(zh ? "分值" : "weight", 6, true) + "  " +
           pad(zh ? "规则" : "rule", rule_w) + "  " + pad(zh ? "得分" : "score", 6, true) + "  " +
           (zh ? "依据" : "from") + "\n";
    auto line = [&](const IndicatorScore& is) {
      std::string note = is.inputs;
      if (is.computed && is.declared && *is.computed != *is.declared)
        note += (note.empty() ? "" : "; ") + std::string(zh ? "计算 " : "computed ") + centi_text(*is.computed, -1) +
                (zh ? "，申报 " : ", declared ") + centi_text(*is.declared, -1);
      out += "  " + pad(is.name, name_w) + "  " + pad(centi_text(is.weight, -1), 6, true) + "  " +
             pad(rule(is), rule_w) + "  " + pad(centi_text(is.score, 2), 6, true) + "  " + note + "\n";
    };
    for (const auto& l : s.lines) line(l);
    for (const auto& is : s.indicators) line(is);
    out += std::string(zh ? "  总分 " : "  total ") + centi_text(s.total, -1) + " / " + centi_text(s.max, -1) +
           (zh ? "  评分等级 " : "  grade ") + s.grade + "\n";
    for (const auto& f : s.findings) {
      std::string message = finding_message(f, rules, lang) + numbers_text(f);
      // Worded as the same finding is in `jixiao check` (catalog, diag/lang.h).
      out += std::string("  ") + severity_name(f.severity, lang) + ": " + f.pointer + ": " +
             translate(f.code, message, lang) + "\n";
    }
    out += "\n";
  }
  return out;
}

namespace {

nlohmann::json points(Centi c) {
  // Whole points stay integers so that they print without decimals ("10", "100").
  if (c % 100 == 0) return nlohmann::json(static_cast<std::int64_t>(c / 100));
  return nlohmann::json(from_centi(c));
}

nlohmann::json score_view(const IndicatorScore& is) {
  return {{"weight", points(is.weight)},
          {"score", from_centi(is.score)},
          {"computed", is.computed ? nlohmann::json(from_centi(*is.computed)) : nlohmann::json(nullptr)},
          {"rule", is.rule}};
}

}  // namespace

nlohmann::json to_view(const DocumentScore& s) {
  nlohmann::json lines = nlohmann::json::object();
  for (const auto& l : s.lines) lines[l.rule] = score_view(l);
  nlohmann::json inds = nlohmann::json::array();
  for (const auto& is : s.indicators) inds.push_back(score_view(is));
  nlohmann::json cats = nlohmann::json::object();
  for (const auto& c : s.categories)
    cats[c.name] = {{"points", points(c.points)}, {"weight", points(c.weight)}, {"score", from_centi(c.score)}};
  return {{"values", s.values}, {"lines", lines},     {"indicators", inds}, {"categories", cats},
          {"total", from_centi(s.total)}, {"max", points(s.max)}, {"grade", s.grade}};
}

}  // namespace jixiao::scoring
