#include "bulk/worker.h"

#include <chrono>
#include <optional>

#include "bulk/findings.h"

namespace jixiao::bulk {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void DocumentRenderer::render(Task& task) const {
  if (stopping()) return;  // left for the summary as `not-rendered`
  const Plan& plan = *task.plan;
  SummaryRow row = document_row(plan, task.index.value_or(0));
  std::vector<Diagnostic> problems;
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
  req.document_source = std::move(task.source);
  req.document_at = task.at;
  req.document_line_col = task.at_line_col;
  req.pdf_in_memory = true;  // written by the committer, while this worker renders the next
  req.unchanged = [&](const std::vector<std::string>& inputs) {
    hash = document_key(common, *req.data_text, inputs, file_hashes);
    if (options.resume) kept = manifest.unchanged(task.output, hash, out.string());
    return kept.has_value();
  };
  auto t0 = Clock::now();
  Result res = engine.run(req);
  millis[task.row] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  row.form = res.form;
  if (res.documents.size() == 1) {
    const ScoredDocument& d = res.documents.front();
    set_unit(d.unit, row);
    row.project = d.title;
    row.total = d.total;
    row.max = d.max;
    row.grade = d.grade;
    if (row.document.empty()) row.document = d.pointer;
  }
  fill_findings(res, plan.set, options.lang, row);
  int code = res.exit_code();
  if (code == 2) {
    row.status = "failed";
    if (res.documents.empty() && req.data_text && !row.form.empty()) {  // failed before scoring: what the data says
      DiagnosticSink ignored;  // the render has said what is wrong with the form
      if (auto fields = engine.document_fields(row.form, plan.set.name, ignored))
        fill_from_data(*req.data_text, *fields, plan.member, row);
    }
    for (const auto& d : res.diagnostics.all())
      if (d.severity != Severity::Note) problems.push_back(located(d, plan.set));
    ++tally.failed;
  } else if (res.unchanged) {
    row.status = "unchanged";
    if (row.warnings > 0) ++tally.warned;  // resumed: as first run
    row.output = task.output;
    row.pages = kept->pages;
    row.bytes = kept->bytes;
    ++tally.unchanged;
  } else {
    row.status = code == 3 ? "warnings" : "ok";
    row.output = task.output;
    row.pages = res.pages;
    row.bytes = res.pdf_bytes;
    Rendered r;
    r.file = {out.string(), std::move(res.pdf), std::move(res.inputs)};
    r.output = task.output;
    r.key = hash;
    r.row = task.row;
    r.summary = std::move(row);
    r.problems = std::move(problems);
    committer.put(std::move(r));
    return;  // its row is stored once the PDF is on the disk
  }
  spill.put(task.row, row, problems);
  ++tally.done;
}

std::vector<LargeStackThread> start_workers(int jobs, Queue& queue, const DocumentRenderer& renderer,
                                            DiagnosticSink& sink) {
  // Large stacks, so that schema validation runs on the worker itself (diag/stack.h).
  std::vector<LargeStackThread> workers;
  auto work = [&queue, &renderer] {
    while (auto task = queue.pop()) renderer.render(*task);
  };
  for (int i = 0; i < jobs; ++i) {
    workers.push_back(start_large_stack_thread(work));
    if (!workers.back().started) {
      workers.pop_back();
      if (workers.empty()) sink.error("bulk.threads", "", "", "cannot start a worker thread", "a thread to be had");
      break;
    }
  }
  return workers;
}

}  // namespace jixiao::bulk
