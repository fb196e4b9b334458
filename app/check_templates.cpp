#include "check_templates.h"

#include <iostream>

#include "check/check.h"

namespace jixiao::app {

int check_templates(const Options& options) {
  DiagnosticSink sink;
  check::Summary sum = check::check_templates(check::template_roots(options), sink);
  for (const auto& d : sink.all()) std::cerr << format(d) << "\n";
  std::size_t errors = sink.error_count();
  std::cerr << sum.forms << " forms, " << sum.rule_sets << " rule sets, " << sum.schemas << " schemas, "
            << sum.prefill_maps << " prefill maps checked: "
            << (errors == 0 ? std::string("no errors") : std::to_string(errors) + (errors == 1 ? " error" : " errors"))
            << "\n";
  return errors == 0 ? 0 : 2;
}

}  // namespace jixiao::app
