#include <algorithm>
#include <nlohmann/json.hpp>

#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

nlohmann::ordered_json indicator_json(const IndicatorScore& is) {
  return {{"name", is.name},
          {"weight", from_centi(is.weight)},
          {"score", from_centi(is.score)},
          {"score_text", centi_text(is.score, 2)},
          {"rule", is.rule}};
}

}  // namespace

std::string to_json(const std::vector<ProjectScore>& scores) {
  nlohmann::ordered_json docs = nlohmann::ordered_json::array();
  for (const auto& s : scores) {
    nlohmann::ordered_json inds = nlohmann::ordered_json::array();
    auto budget = indicator_json(s.budget);
    budget["rate"] = from_centi(s.total.rate);
    budget["rate_text"] = centi_text(s.total.rate, 2);
    inds.push_back(budget);
    for (const auto& is : s.indicators) inds.push_back(indicator_json(is));
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : s.findings) {
      nlohmann::ordered_json fj = {{"severity", severity_name(f.severity)},
                                   {"code", f.code},
                                   {"pointer", f.pointer},
                                   {"message", f.message}};
      if (!f.computed.empty()) fj["computed"] = f.computed;
      if (!f.declared.empty()) fj["declared"] = f.declared;
      findings.push_back(fj);
    }
    docs.push_back({{"title", s.title},
                    {"total", from_centi(s.total_score)},
                    {"total_text", centi_text(s.total_score, -1)},
                    {"max", from_centi(s.max_score)},
                    {"grade", s.grade},
                    {"indicators", inds},
                    {"findings", findings}});
  }
  nlohmann::ordered_json out = {{"documents", docs}};
  return out.dump(2) + "\n";
}

}  // namespace jixiao::scoring

namespace jixiao::scoring {

namespace {

// Columns a string takes in a terminal: CJK and full-width characters take two.
std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
  std::size_t w = display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::string to_table(const std::vector<ProjectScore>& scores) {
  std::string out;
  for (const auto& s : scores) {
    out += s.title + "\n";
    std::size_t name_w = 12;
    for (const auto& is : s.indicators) name_w = std::max(name_w, display_width(is.name));
    auto line = [&](const IndicatorScore& is, const std::string& note) {
      out += "  " + pad(is.name, name_w) + "  " + pad(centi_text(is.weight, -1), 6, true) + "  " +
             pad(centi_text(is.score, 2), 6, true) + "  " + is.rule + note + "\n";
    };
    out += "  " + pad("指标", name_w) + "  " + pad("分值", 6, true) + "  " + pad("得分", 6, true) +
           "  规则\n";
    line(s.budget, " (执行率 " + centi_text(s.total.rate, 2) + ")");
    for (const auto& is : s.indicators) line(is, "");
    out += "  总分 " + centi_text(s.total_score, -1) + " / " + centi_text(s.max_score, -1) +
           "  评分等级 " + s.grade + "\n";
    for (const auto& f : s.findings) {
      out += std::string("  ") + severity_name(f.severity) + ": " + f.pointer + ": " + f.message;
      if (!f.computed.empty() || !f.declared.empty())
        out += " (computed " + f.computed + ", declared " + f.declared + ")";
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace jixiao::scoring
