// Reports template errors for one template file. A template is instantiated for many
// projects at once, so the same mistake (a misspelt field inside <for>) would repeat once
// per project; each (place, message) is reported only once per Reporter, and after
// limits::kTemplateErrors errors the rest are dropped with one note saying so.
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "diag/limits.h"

namespace jixiao::tmpl {

class Reporter {
 public:
  Reporter(DiagnosticSink& sink, std::string file) : sink_(sink), file_(std::move(file)) {}

  void error(std::string code, std::string place, std::string message, std::string expected = {},
             std::string got = {}, std::vector<std::string> hints = {}) {
    if (seen_.size() >= static_cast<std::size_t>(limits::kTemplateErrors)) {
      if (!dropped_)
        sink_.error("template.errors", file_, std::move(place),
                    "too many errors; the rest in this template are not reported",
                    "at most " + std::to_string(limits::kTemplateErrors) + " errors", "more");
      dropped_ = true;
      return;
    }
    if (!seen_.insert(place + '\n' + message).second) return;
    sink_.report({Severity::Error, std::move(code), file_, std::move(place), std::move(message),
                  std::move(expected), std::move(got), std::move(hints)});
  }
  const std::string& file() const { return file_; }
  bool has_errors() const { return !seen_.empty(); }

 private:
  DiagnosticSink& sink_;
  std::string file_;
  std::set<std::string> seen_;
  bool dropped_ = false;
};

}  // namespace jixiao::tmpl
