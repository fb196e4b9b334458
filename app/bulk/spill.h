// The finished rows of a bulk run, kept on disk rather than in memory: each document's
// summary row, findings and failure messages go to an unnamed file in the output directory
// as soon as it is done, and are read back in row order for the summaries. Memory then
// follows the documents in flight, not the run (300,000 failed documents held ~1.3 GB).
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bulk/summary.h"
#include "diag/diag.h"

namespace jixiao::bulk {

class Spill {
 public:
  // A hidden ".jixiao-spill-XXXXXX" made exclusively in dir and unlinked at once (a killed
  // run leaves nothing), for rows 0 … rows-1. Throws Failure ("io.write", dir).
  Spill(const std::string& dir, std::size_t rows);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  // Stores row `row` (any thread; each row once). A full disk keeps it in memory instead.
  void put(std::size_t row, const SummaryRow& r, const std::vector<Diagnostic>& problems);
  // Reads row `row` back; false when it was never stored (the run stopped before it).
  bool get(std::size_t row, SummaryRow& r, std::vector<Diagnostic>* problems) const;

 private:
  std::string dir_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  std::uint64_t end_ = 0;
  struct Place {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;  // 0: not stored
  };
  std::vector<Place> places_;
  std::map<std::size_t, std::string> kept_;  // rows the disk refused
};

}  // namespace jixiao::bulk
