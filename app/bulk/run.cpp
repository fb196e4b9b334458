#include "bulk/run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "bulk/documents.h"
#include "bulk/inputs.h"
#include "bulk/manifest.h"
#include "bulk/outputs.h"
#include "bulk/spill.h"
#include "diag/files.h"
#include "diag/stack.h"

namespace jixiao::bulk {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Task {
  std::size_t row = 0;  // slot in the result rows
  const Plan* plan = nullptr;
  std::optional<std::size_t> index;  // the document, when split
  std::string text;
  std::string output;  // relative to the output directory
};

// Producer/consumer queue with a bound: the reader waits while the workers are busy, so
// memory holds at most `capacity` documents' text however large the run.
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity) {}
  void push(Task t) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(t));
    ready_.notify_one();
  }
  std::optional<Task> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Task t = std::move(items_.front());
    items_.pop_front();
    room_.notify_one();
    return t;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::deque<Task> items_;
  bool closed_ = false;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
};

std::string suffix(const Shard& s) {
  return s.count > 1 ? ".shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) : "";
}

// A JSON Lines line is read as a file of one line: "batch.jsonl:8" at "1:7813" is the
// file's line 8, column 7813.
Diagnostic located(Diagnostic d, const DataSet& set) {
  if (set.line == 0 || d.file != set.name || d.place.rfind("1:", 0) != 0 ||
      d.place.find_first_not_of("0123456789", 2) != std::string::npos)
    return d;
  d.file = set.path;
  d.place = std::to_string(set.line) + d.place.substr(1);
  return d;
}

// Findings of the rules (structured) and the engine's other diagnostics, for the summary.
void fill_findings(const Result& res, const DataSet& set, SummaryRow& row) {
  auto add = [&](const std::string& sev, std::string code, std::string file, std::string ptr, std::string msg,
                 std::string computed, std::string declared) {
    if (sev == "error") ++row.errors;
    else if (sev == "warning") ++row.warnings;
    else ++row.notes;
    row.findings.push_back({sev, std::move(code), std::move(file), std::move(ptr), std::move(msg),
                            std::move(computed), std::move(declared)});
  };
  auto is_finding = [&](const Diagnostic& d) {
    for (const auto& doc : res.documents)
      for (const auto& f : doc.findings)
        if (f.code == d.code && f.pointer == d.place) return true;
    return false;
  };
  for (const auto& doc : res.documents)
    for (const auto& f : doc.findings)
      add(severity_name(f.severity), f.code, row.input, f.pointer, f.message, f.computed, f.declared);
  for (const auto& d : res.diagnostics.all())
    if (!is_finding(d)) {
      Diagnostic at = located(d, set);
      add(severity_name(at.severity), at.code, at.file, at.place, at.message, "", "");
    }
}

}  // namespace

int BulkResult::exit_code() const {
  if (run.has_errors() || progress.failed > 0 || stopped_by != 0) return 2;
  return warned > 0 ? 3 : 0;  // an unchanged document with warnings counts, as in the run that wrote it
}

BulkResult run_bulk(Engine& engine, const Options& engine_options, const BulkOptions& options) {
  BulkResult result;
  DiagnosticSink& sink = result.run;
  const fs::path out_dir(options.output_dir);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir, ec)) {
    sink.error("bulk.output", options.output_dir, "", "cannot make the output directory", "a directory that can be written");
    return result;
  }
  std::vector<DataSet> sets = expand_inputs(options.inputs, options.output_dir, sink);
  if (sink.has_errors()) return result;
  if (sets.empty()) {
    sink.error("bulk.input", options.inputs.empty() ? "" : options.inputs.front(), "", "no data files found",
               "*.json or *.jsonl files");
    return result;
  }
  const std::vector<Plan> plans = make_plans(engine, std::move(sets));
  if (!check_outputs(plans, sink)) return result;  // the whole run's names: every shard refuses alike

  // Rows in input order, of this shard's documents only.
  std::size_t rows = 0;
  for (const auto& p : plans)
    for (std::size_t i = 0; i < p.documents; ++i) rows += options.shard.holds(p.first + i);
  std::vector<double> millis(rows, 0);
  result.progress.total = rows;

  // What every document's key for --resume shares: version, options that change bytes, fonts.
  FileHashes file_hashes;
  const Hash common = run_key(engine, engine_options, options.version, file_hashes, sink);
  if (sink.has_errors()) return result;
  std::optional<Manifest> manifest;
  try {
    manifest.emplace((out_dir / (".jixiao-manifest" + suffix(options.shard) + ".tsv")).string(), options.resume);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return result;
  }
  // Finished rows go to disk: memory follows the documents in flight, not the run.
  std::optional<Spill> spill;
  try {
    spill.emplace(out_dir.string(), rows);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return result;
  }
  auto stopping = [&] { return options.stop_requested && options.stop_requested() != 0; };

  std::atomic<std::size_t> done{0}, failed{0}, unchanged{0}, warned{0};
  const auto start = Clock::now();
  auto progress_now = [&] {
    Progress p;
    p.done = done;
    p.total = rows;
    p.failed = failed;
    p.unchanged = unchanged;
    p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return p;
  };

  auto render = [&](Task& task) {
    if (stopping()) return;  // left for the summary as `not-rendered`
    const Plan& plan = *task.plan;
    SummaryRow row;
    std::vector<Diagnostic> problems;
    row.input = plan.set.name;
    if (task.index) row.document = "/" + plan.member + "/" + std::to_string(*task.index);
    const fs::path out = out_dir / task.output;
    std::error_code local;
    fs::create_directories(out.parent_path(), local);  // sub-paths of input directories
    std::string hash;
    std::optional<Written> kept;  // --resume: the PDF there is what was written for this key
    Request req;
    req.action = Request::Action::Render;
    req.data_file = plan.set.name;
    req.data_text = std::move(task.text);
    req.output_file = out.string();
    req.document_pointer = row.document;
    req.unchanged = [&](const std::vector<std::string>& inputs) {
      hash = document_key(common, *req.data_text, inputs, file_hashes);
      if (options.resume) kept = manifest->unchanged(task.output, hash, out.string());
      return kept.has_value();
    };
    auto t0 = Clock::now();
    Result res = engine.run(req);
    millis[task.row] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    row.form = res.form;
    if (res.documents.size() == 1) {
      const ScoredDocument& d = res.documents.front();
      row.unit = d.unit;
      row.project = d.title;
      row.total = d.total;
      row.max = d.max;
      row.grade = d.grade;
      if (row.document.empty()) row.document = d.pointer;
    }
    fill_findings(res, plan.set, row);
    int code = res.exit_code();
    if (code == 2) {
      row.status = "failed";
      for (const auto& d : res.diagnostics.all())
        if (d.severity != Severity::Note) problems.push_back(located(d, plan.set));
      ++failed;
    } else {
      row.status = res.unchanged ? "unchanged" : code == 3 ? "warnings" : "ok";
      if (row.status == "warnings" || (res.unchanged && row.warnings > 0)) ++warned;  // resumed: as first run
      row.output = task.output;
      row.pages = res.pages;
      row.bytes = res.pdf_bytes;
      if (res.unchanged) {
        ++unchanged;
        row.pages = kept->pages;
        row.bytes = kept->bytes;
      } else if (!hash.empty()) {
        manifest->record(task.output, hash, out.string(), res.pages, res.pdf_bytes);
      }
    }
    spill->put(task.row, row, problems);
    ++done;
  };

  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Queue queue(static_cast<std::size_t>(jobs) * 2);
  // Large stacks, so that schema validation runs on the worker itself (diag/stack.h).
  std::vector<LargeStackThread> workers;
  auto work = [&] {
    while (auto task = queue.pop()) render(*task);
  };
  for (int i = 0; i < jobs; ++i) {
    workers.push_back(start_large_stack_thread(work));
    if (!workers.back().started) {
      workers.pop_back();
      if (workers.empty()) sink.error("bulk.threads", "", "", "cannot start a worker thread", "a thread to be had");
      break;
    }
  }
  if (workers.empty()) return result;
  std::atomic<bool> finished{false};
  std::thread reporter;
  if (options.on_progress)
    reporter = std::thread([&] {
      while (!finished) {
        options.on_progress(progress_now());
        for (int i = 0; i < 20 && !finished; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });

  // The reader: tasks in input order; a split set hands out one document at a time.
  std::size_t next_row = 0;
  for (const auto& plan : plans) {
    if (stopping()) break;
    std::size_t first_row = next_row, held = 0;
    for (std::size_t i = 0; i < plan.documents; ++i) held += options.shard.holds(plan.first + i);
    if (held == 0) continue;
    next_row += held;
    auto fail_all = [&](const Diagnostic& d) {
      for (std::size_t r = first_row, i = 0; i < plan.documents; ++i) {
        if (!options.shard.holds(plan.first + i)) continue;
        SummaryRow row;
        row.input = plan.set.name;
        if (!plan.member.empty()) row.document = "/" + plan.member + "/" + std::to_string(i);
        row.status = "failed";
        row.errors = 1;
        row.findings.push_back({"error", d.code, d.file, d.place, d.message, "", ""});
        spill->put(r++, row, {d});
        ++failed;
        ++done;
      }
    };
    try {
      std::string text = read_data_set(plan.set);
      if (plan.member.empty()) {
        queue.push({first_row, &plan, std::nullopt, std::move(text), output_name(plan, std::nullopt)});
        continue;
      }
      std::size_t r = first_row;
      DiagnosticSink bad;
      bool ok = split_documents(
          plan.set.name, text, plan.member, [&](std::size_t i) { return options.shard.holds(plan.first + i); },
          [&](std::size_t i, std::string doc) {
            if (stopping()) return;
            queue.push({r++, &plan, i, std::move(doc), output_name(plan, i)});
          },
          bad);
      if (!ok && r == first_row && !bad.all().empty()) fail_all(bad.all().front());
    } catch (const Failure& f) {
      fail_all(f.diagnostic());
    }
  }
  queue.close();
  for (auto& w : workers) join_large_stack_thread(w);
  finished = true;
  if (reporter.joinable()) reporter.join();
  result.progress = progress_now();
  if (options.on_progress) options.on_progress(result.progress);

  result.warned = warned;
  result.summarised = true;
  result.stopped_by = options.stop_requested ? options.stop_requested() : 0;

  // Every row in order, read back from the spill; one never stored was not reached.
  auto each_row = [&](const std::function<void(std::size_t, SummaryRow&, std::vector<Diagnostic>*)>& f,
                      bool with_problems) {
    std::size_t r = 0;
    SummaryRow row;
    std::vector<Diagnostic> problems;
    for (const auto& plan : plans)
      for (std::size_t i = 0; i < plan.documents; ++i) {
        if (!options.shard.holds(plan.first + i)) continue;
        problems.clear();
        if (!spill->get(r, row, with_problems ? &problems : nullptr)) {
          row = SummaryRow{};
          row.input = plan.set.name;
          if (!plan.member.empty()) row.document = "/" + plan.member + "/" + std::to_string(i);
          row.status = "not-rendered";
        }
        f(r++, row, &problems);
      }
  };
  try {
    each_row([&](std::size_t, SummaryRow& row, std::vector<Diagnostic>* problems) {
      if (row.status == "not-rendered") ++result.not_rendered;
      if (row.status == "failed" && result.failed.size() < kListedFailures)
        result.failed.push_back({row.input + (row.document.empty() ? "" : " " + row.document), std::move(*problems)});
    }, true);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return result;
  }
  const RowSource source(rows, [&](const std::function<void(const SummaryRow&)>& f) {
    each_row([&](std::size_t, SummaryRow& row, std::vector<Diagnostic>*) { f(row); }, false);
  });

  // Each summary file on its own: one that cannot be written is said, the others still are.
  const std::string sfx = suffix(options.shard);
  auto write_one = [&](std::string& name, const std::string& file, void (*write)(const std::string&, const RowSource&)) {
    std::string path = (out_dir / file).string();
    try {
      write(path, source);
      name = path;
    } catch (const Failure& f) {
      sink.report(f.diagnostic());
    }
  };
  write_one(result.summary_csv, "summary" + sfx + ".csv", write_csv);
  write_one(result.summary_xlsx, "summary" + sfx + ".xlsx", write_xlsx);
  write_one(result.findings_json, "findings" + sfx + ".json", write_findings_json);
  if (!options.timings_file.empty()) {
    try {
      write_file_streamed(options.timings_file, [&](const std::function<void(std::string_view)>& put) {
        each_row([&](std::size_t r, SummaryRow& row, std::vector<Diagnostic>*) {
          char ms[32];
          std::snprintf(ms, sizeof ms, "%.3f", millis[r]);
          put(row.input + "\t" + row.document + "\t" + ms + "\n");
        }, false);
      });
    } catch (const Failure& f) {
      sink.report(f.diagnostic());
    }
  }
  return result;
}

}  // namespace jixiao::bulk
