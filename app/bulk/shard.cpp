#include "bulk/shard.h"

#include <cstdlib>

namespace jixiao::bulk {

namespace {

// A decimal number of at most 6 digits, nothing else.
std::optional<int> small_number(const std::string& s) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::atoi(s.c_str());
}

const char* system_getenv(const char* name) { return std::getenv(name); }

}  // namespace

std::string Shard::name() const { return std::to_string(index) + "/" + std::to_string(count); }

std::optional<Shard> parse_shard(const std::string& text, std::string* error,
                                 const char* (*getenv_fn)(const char*)) {
  if (!getenv_fn) getenv_fn = system_getenv;
  auto slash = text.find('/');
  if (slash == std::string::npos) {
    *error = "'" + text + "' is not K/N (e.g. 0/4: the first of 4 shares)";
    return std::nullopt;
  }
  std::string k = text.substr(0, slash), n = text.substr(slash + 1);
  std::string k_from = "--shard";
  if (k.empty()) {  // the job runner says which task this is
    for (const char* var : {"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}) {
      if (const char* v = getenv_fn(var); v && *v) {
        k = v;
        k_from = var;
        break;
      }
    }
    if (k.empty()) {
      *error = "'" + text + "' needs K, and neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set";
      return std::nullopt;
    }
  }
  auto count = small_number(n);
  if (!count || *count < 1 || *count > 100000) {
    *error = "N in --shard K/N must be a whole number from 1 to 100000, got '" + n + "'";
    return std::nullopt;
  }
  auto index = small_number(k);
  if (!index || *index >= *count) {
    *error = "K (from " + k_from + ") must be a whole number from 0 to " + std::to_string(*count - 1) +
             ", got '" + k + "'";
    return std::nullopt;
  }
  return Shard{*index, *count};
}

}  // namespace jixiao::bulk
