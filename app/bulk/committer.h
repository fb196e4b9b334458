// Where a bulk run's PDFs go to disk: the workers hand each rendered document over and go on
// rendering, while one thread writes them in batches (diag/files.h, write_files_atomic: one
// wait for the disk per batch, not two per PDF), records them in the manifest and stores
// their rows. A write that fails turns its row into a failed one with the reason.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bulk/manifest.h"
#include "bulk/progress.h"
#include "bulk/spill.h"
#include "diag/files.h"

namespace jixiao::bulk {

// A rendered document not yet on disk, with what is stored once it is.
struct Rendered {
  OutputFile file;
  std::string output;  // relative to the output directory (the manifest's name for it)
  std::string key;     // its --resume key; "" records nothing
  std::size_t row = 0;
  SummaryRow summary;  // as it is when written (status "ok" or "warnings")
  std::vector<Diagnostic> problems;
};

class Committer {
 public:
  // At most max_pending documents, or max_bytes of them, wait to be written: a worker
  // handing over more waits (memory stays bounded when the disk is slower than rendering).
  // lang: of the finding a failed write adds to its row.
  Committer(Manifest& manifest, Spill& spill, Tally& tally, std::string lang, std::size_t max_pending = 64,
            std::size_t max_bytes = std::size_t{64} << 20);
  ~Committer() { finish(); }
  Committer(const Committer&) = delete;
  Committer& operator=(const Committer&) = delete;

  void put(Rendered r);
  // Writes what is left and ends the thread; the rows are all stored when it returns.
  void finish();

 private:
  void run();
  bool batch_full() const;  // with mutex_ held
  void store(Rendered& r, const std::optional<Diagnostic>& failed);

  Manifest& manifest_;
  Spill& spill_;
  Tally& tally_;
  const std::string lang_;
  const std::size_t max_pending_, max_bytes_;
  static constexpr std::chrono::milliseconds kGather{20};
  std::deque<Rendered> waiting_;
  std::size_t waiting_bytes_ = 0;
  bool closed_ = false;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::thread thread_;
};

}  // namespace jixiao::bulk
