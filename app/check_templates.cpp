#include "check_templates.h"

#include <iostream>

#include "check/check.h"
#include "count.h"
#include "diag/lang.h"
#include "catalog/catalog.h"

namespace jixiao::app {

int check_templates(const Options& options) {
  DiagnosticSink sink;
  check::Summary sum = check::check_templates(Catalog(options), sink);
  for (const auto& d : sink.all()) std::cerr << format(d, options.lang) << "\n";
  std::size_t errors = sink.error_count();
  if (options.lang == "zh") {
    std::cerr << "检查了 " << sum.forms << " 个表式、" << sum.rule_sets << " 个评分规则、" << sum.schemas
              << " 个结构定义、" << sum.prefill_maps << " 个预填映射："
              << (errors == 0 ? std::string("没有错误") : std::to_string(errors) + " 个错误") << "\n";
  } else {
    std::cerr << count(sum.forms, "form") << ", " << count(sum.rule_sets, "rule set") << ", "
              << count(sum.schemas, "schema") << ", " << count(sum.prefill_maps, "prefill map") << " checked: "
              << (errors == 0 ? std::string("no errors") : count(errors, "error")) << "\n";
  }
  return errors == 0 ? 0 : 2;
}

}  // namespace jixiao::app
