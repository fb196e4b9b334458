#include "jixiao.h"

namespace jixiao {

int Result::exit_code() const {
  if (diagnostics.has_errors()) return 2;
  for (const auto& d : diagnostics.all())
    if (d.severity == Severity::Warning) return 3;
  return 0;
}

std::string default_data_dir() { return JIXIAO_DATA_DIR; }

Result run(const Request&) { return {}; }

}  // namespace jixiao
