// Reports template errors for one template file. A template is instantiated for many
// projects at once, so the same mistake (a misspelt field inside <for>) would repeat once
// per project; each (place, message) is reported only once per Reporter.
#pragma once
#include <set>
#include <string>
#include <utility>

#include "diag/diag.h"

namespace jixiao::tmpl {

class Reporter {
 public:
  Reporter(DiagnosticSink& sink, std::string file) : sink_(sink), file_(std::move(file)) {}

  void error(std::string code, std::string place, std::string message, std::string expected = {},
             std::string got = {}) {
    if (!seen_.insert(place + '\n' + message).second) return;
    sink_.error(std::move(code), file_, std::move(place), std::move(message), std::move(expected),
                std::move(got));
  }
  const std::string& file() const { return file_; }
  bool has_errors() const { return !seen_.empty(); }

 private:
  DiagnosticSink& sink_;
  std::string file_;
  std::set<std::string> seen_;
};

}  // namespace jixiao::tmpl
