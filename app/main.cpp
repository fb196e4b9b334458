// jixiao command line: parse arguments (cli.cpp), run the engine, print diagnostics, exit
// 0 (ok) / 2 (errors, nothing written) / 3 (done with warnings) / 1 (usage).
#include <unistd.h>

#include <csignal>

#include <iostream>

#include "bulk/shard_rows.h"
#include "check_templates.h"
#include "cli.h"
#include "count.h"
#include "diag/files.h"
#include "diag/lang.h"
#include "jixiao.h"
#include "preview/preview.h"
#include "progress.h"

namespace {

using jixiao::app::count;

int list_forms(jixiao::Options options) {
  const std::string lang = options.lang;
  jixiao::Engine engine(std::move(options));
  jixiao::DiagnosticSink sink;
  for (const auto& f : engine.forms(sink))
    std::cout << f.id << "\t" << (f.rules.empty() ? "-" : f.rules) << "\t"
              << (f.schema.empty() ? "-" : f.schema) << "\t" << f.file << "\n";
  for (const auto& d : sink.all()) std::cerr << jixiao::format(d, lang) << "\n";
  return sink.has_errors() ? 2 : 0;
}

int run(const jixiao::app::CommandLine& line) {
  const jixiao::Request& req = line.request;
  // A SIGINT/SIGTERM while the PDF is being written must not leave its temporary behind.
  jixiao::install_output_cleanup();
  jixiao::Engine engine(line.options);
  jixiao::Result res = engine.run(req);
  if (!line.warnings_fail) res.warnings_exit_3 = false;
  const bool zh = line.options.lang == "zh";
  for (const auto& d : res.diagnostics.all()) std::cerr << jixiao::format(d, line.options.lang) << "\n";
  if (req.action == jixiao::Request::Action::Score && !res.score_json.empty())
    std::cout << (line.json ? res.score_json : res.score_table);
  // Only when the file is there: an output that could not be created is an error, not "wrote".
  if (req.action == jixiao::Request::Action::Render && res.pages > 0 && !res.diagnostics.has_errors()) {
    if (zh)
      std::cerr << "jixiao: 已写出 " << req.output_file << "（" << res.pages << " 页，" << res.pdf_bytes << " 字节）\n";
    else
      std::cerr << "jixiao: wrote " << req.output_file << " (" << count(static_cast<std::size_t>(res.pages), "page") << ", "
                << count(static_cast<std::size_t>(res.pdf_bytes), "byte") << ")\n";
  }
  // check says so when all is well: silence would look like nothing was checked.
  if (req.action == jixiao::Request::Action::Check && !res.diagnostics.has_errors()) {
    std::size_t warnings = 0;
    for (const auto& d : res.diagnostics.all()) warnings += d.severity == jixiao::Severity::Warning;
    if (zh)
      std::cout << req.data_file << "：没有错误，" << (warnings ? std::to_string(warnings) + " 个警告" : "没有警告") << "\n";
    else
      std::cout << req.data_file << ": no errors, " << (warnings ? count(warnings, "warning") : "no warnings") << "\n";
  }
  return res.exit_code();
}

const char* signal_name(int sig) {
  return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "a signal";
}

// "a, b, c" or "a、b、c": the summary files that were written.
std::string written(const jixiao::bulk::BulkResult& res, bool zh) {
  std::string out;
  for (const std::string* f : {&res.summary_csv, &res.summary_xlsx, &res.findings_json})
    if (!f->empty()) out += (out.empty() ? "" : zh ? "、" : ", ") + *f;
  return out;
}

// Many inputs into a directory: progress while it runs, then the first failures with their
// file and place, and where the summaries are. A SIGINT/SIGTERM stops the run (documents
// in flight finish), the summary of what was done is written, and the process then ends by
// that signal, as the shell and a job runner expect (exit status 128+N: 130, 143).
int run_bulk(jixiao::app::CommandLine& line) {
  jixiao::install_stop_request();
  line.bulk.stop_requested = [] { return jixiao::stop_signal(); };
  jixiao::Engine engine(line.options);
  jixiao::app::ProgressPrinter printer(::isatty(2) == 1, line.options.lang == "zh");
  line.bulk.on_progress = [&](const jixiao::bulk::Progress& p) { printer(p); };
  jixiao::bulk::BulkResult res = jixiao::bulk::run_bulk(engine, line.options, line.bulk);
  printer.finish();
  const std::string& lang = line.options.lang;
  const bool zh = lang == "zh";
  for (const auto& d : res.run.all()) std::cerr << jixiao::format(d, lang) << "\n";
  const std::size_t failed = res.progress.failed;
  if (failed > 0) {
    if (zh)
      std::cerr << "jixiao: " << res.progress.total << " 个文档中有 " << failed << " 个失败：\n";
    else
      std::cerr << "jixiao: " << failed << " of " << res.progress.total << " documents failed:\n";
    for (const auto& f : res.failed) {
      std::cerr << "  " << f.name << "\n";
      for (const auto& d : f.diagnostics) {
        std::string text = jixiao::format(d, lang);  // hints on lines of their own: indent them too
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 5))
          text.insert(at + 1, "    ");
        std::cerr << "    " << text << "\n";
      }
    }
    if (failed > res.failed.size()) {
      std::string where = res.findings_json.empty() ? res.summary_csv : res.findings_json;
      if (zh)
        std::cerr << "  另有 " << failed - res.failed.size() << " 个" << (where.empty() ? "" : "：见 " + where) << "\n";
      else
        std::cerr << "  and " << failed - res.failed.size() << " more" << (where.empty() ? "" : ": see " + where) << "\n";
    }
  }
  if (res.stopped_by) {
    if (zh)
      std::cerr << "jixiao: 收到 " << signal_name(res.stopped_by) << "，已停止：" << res.not_rendered << " 个文档未生成\n";
    else
      std::cerr << "jixiao: stopped by " << signal_name(res.stopped_by) << ": " << res.not_rendered
                << " documents not rendered (status not-rendered in the summary)\n";
  }
  const std::string files = written(res, zh);
  if (res.summarised && zh)
    std::cerr << "jixiao: " << res.progress.total << " 个文档中 " << res.progress.done - res.progress.failed
              << " 个已生成到 " << line.bulk.output_dir << "（" << res.progress.unchanged << " 个未变）；"
              << (files.empty() ? "汇总未能写出" : "汇总：" + files) << "\n";
  else if (res.summarised)
    std::cerr << "jixiao: " << res.progress.done - res.progress.failed << " of " << res.progress.total
              << " documents rendered into " << line.bulk.output_dir << " (" << res.progress.unchanged
              << " unchanged); " << (files.empty() ? "no summary could be written" : "summary: " + files) << "\n";
  if (res.stopped_by) {
    std::cerr.flush();
    std::signal(res.stopped_by, SIG_DFL);
    std::raise(res.stopped_by);
    return 128 + res.stopped_by;
  }
  return res.exit_code();
}

// `jixiao merge OUTDIR`: the shards' rows made the single run's summaries.
int merge(const jixiao::app::CommandLine& line) {
  jixiao::bulk::MergeResult res = jixiao::bulk::merge_shards(line.merge_dir);
  const bool zh = line.options.lang == "zh";
  for (const auto& d : res.diagnostics.all()) std::cerr << jixiao::format(d, line.options.lang) << "\n";
  if (res.diagnostics.has_errors()) return 2;
  for (const auto& f : res.removed) std::cerr << (zh ? "jixiao: 已删除其他分片数的文件 " : "jixiao: removed, of another shard count: ") << f << "\n";
  std::string files;
  for (const auto& f : res.written) files += (files.empty() ? "" : zh ? "、" : ", ") + f;
  if (zh)
    std::cerr << "jixiao: 已合并 " << res.shards << " 个分片（" << res.documents << " 份文档）：" << files << "\n";
  else
    std::cerr << "jixiao: merged " << count(static_cast<std::size_t>(res.shards), "shard") << " (" << count(res.documents, "document") << "): " << files << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  jixiao::app::CommandLine line = jixiao::app::parse_command_line(argc, argv);
  switch (line.run) {
    case jixiao::app::CommandLine::Run::ListForms: return list_forms(line.options);
    case jixiao::app::CommandLine::Run::CheckTemplates: return jixiao::app::check_templates(line.options);
    case jixiao::app::CommandLine::Run::Preview: return jixiao::app::run_preview(line);
    case jixiao::app::CommandLine::Run::Engine: return run(line);
    case jixiao::app::CommandLine::Run::Bulk: return run_bulk(line);
    case jixiao::app::CommandLine::Run::Merge: return merge(line);
    case jixiao::app::CommandLine::Run::Print: break;
  }
  std::cout << line.out;
  std::cerr << line.err;
  return line.exit_code;
}
