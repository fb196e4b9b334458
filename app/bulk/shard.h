// Scale-out: a bulk run split over N machines or job-array tasks, each rendering the K-th
// of N deterministic shares of the documents. The share of a document depends only on its
// place in the run's document order, so the N shares together are exactly the single run.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace jixiao::bulk {

struct Shard {
  int index = 0;  // K, 0-based
  int count = 1;  // N
  bool holds(std::uint64_t ordinal) const { return ordinal % static_cast<std::uint64_t>(count) == static_cast<std::uint64_t>(index); }
  std::string name() const;  // "3/8" (K/N as given: 0-based)
};

// "K/N" with 0 ≤ K < N ≤ 100000; "/N" takes K from the job runner's environment
// (JOB_COMPLETION_INDEX of a Kubernetes indexed Job, else SLURM_ARRAY_TASK_ID).
// On failure returns nullopt and says why in *error.
std::optional<Shard> parse_shard(const std::string& text, std::string* error,
                                 const char* (*getenv_fn)(const char*) = nullptr);

}  // namespace jixiao::bulk
