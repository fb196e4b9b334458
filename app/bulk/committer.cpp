#include "bulk/committer.h"

#include "bulk/findings.h"

namespace jixiao::bulk {

Committer::Committer(Manifest& manifest, Spill& spill, Tally& tally, std::string lang, std::size_t max_pending,
                     std::size_t max_bytes)
    : manifest_(manifest), spill_(spill), tally_(tally), lang_(std::move(lang)), max_pending_(max_pending),
      max_bytes_(max_bytes),
      thread_([this] { run(); }) {}

void Committer::put(Rendered r) {
  std::unique_lock<std::mutex> lock(mutex_);
  // One always fits: a PDF larger than max_bytes waits only for the others to be written.
  room_.wait(lock, [&] {
    return waiting_.empty() || (waiting_.size() < max_pending_ && waiting_bytes_ + r.file.bytes.size() <= max_bytes_);
  });
  waiting_bytes_ += r.file.bytes.size();
  waiting_.push_back(std::move(r));
  // The committer gathers a batch before it writes (run): woken when one starts and when it
  // is full, not for every PDF (a wake-up per PDF was a futex call and an interrupt to the
  // other core).
  if (waiting_.size() == 1 || batch_full()) ready_.notify_one();
}

bool Committer::batch_full() const {
  return closed_ || waiting_.size() >= max_pending_ / 2 || waiting_bytes_ >= max_bytes_ / 2;
}

void Committer::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void Committer::run() {
  for (;;) {
    std::vector<Rendered> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return !waiting_.empty() || closed_; });
      if (waiting_.empty()) return;
      // Half the bound, or what came within kGather: a batch shares one sync of the disk, and
      // a PDF still reaches it soon after its render.
      ready_.wait_for(lock, kGather, [&] { return batch_full(); });
      // All that waits: the longer the disk takes, the larger the next batch.
      while (!waiting_.empty()) {
        batch.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
      }
      waiting_bytes_ = 0;
    }
    room_.notify_all();
    std::vector<OutputFile> files;
    files.reserve(batch.size());
    for (auto& r : batch) files.push_back(std::move(r.file));
    std::vector<std::optional<Diagnostic>> failed = write_files_atomic(files);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].file = std::move(files[i]);
      store(batch[i], failed[i]);
    }
  }
}

// Only once the PDF and its name are on the disk: a run killed before leaves no record of
// it, and --resume renders it again.
void Committer::store(Rendered& r, const std::optional<Diagnostic>& failed) {
  SummaryRow& row = r.summary;
  if (failed) {
    row.status = "failed";
    row.output.clear();
    row.pages = 0;
    row.bytes = 0;
    r.problems.push_back(*failed);
    ++row.errors;  // and listed with the findings, as any error of its render would be
    row.findings.push_back(finding_row(*failed, lang_));
    ++tally_.failed;
  } else {
    if (row.status == "warnings") ++tally_.warned;
    if (!r.key.empty()) manifest_.record(r.output, r.key, r.file.bytes, row.pages);
  }
  spill_.put(r.row, row, r.problems);
  ++tally_.done;
}

}  // namespace jixiao::bulk
