// jixiao command line: parse arguments (cli.cpp), run the engine, print diagnostics, exit
// 0 (ok) / 2 (errors, nothing written) / 3 (done with warnings) / 1 (usage).
#include <unistd.h>

#include <iostream>

#include "check_templates.h"
#include "cli.h"
#include "jixiao.h"
#include "preview/preview.h"
#include "progress.h"

namespace {

int list_forms(jixiao::Options options) {
  jixiao::Engine engine(std::move(options));
  jixiao::DiagnosticSink sink;
  for (const auto& f : engine.forms(sink))
    std::cout << f.id << "\t" << (f.rules.empty() ? "-" : f.rules) << "\t"
              << (f.schema.empty() ? "-" : f.schema) << "\t" << f.file << "\n";
  for (const auto& d : sink.all()) std::cerr << jixiao::format(d) << "\n";
  return sink.has_errors() ? 2 : 0;
}

int run(const jixiao::app::CommandLine& line) {
  const jixiao::Request& req = line.request;
  // A SIGINT/SIGTERM while the PDF is being written must not leave its temporary behind.
  jixiao::install_output_cleanup();
  jixiao::Engine engine(line.options);
  jixiao::Result res = engine.run(req);
  for (const auto& d : res.diagnostics.all()) std::cerr << jixiao::format(d) << "\n";
  if (req.action == jixiao::Request::Action::Score && !res.score_json.empty())
    std::cout << (line.json ? res.score_json : res.score_table);
  if (req.action == jixiao::Request::Action::Render && res.pages > 0)
    std::cerr << "jixiao: wrote " << req.output_file << " (" << res.pages << " pages, "
              << res.pdf_bytes << " bytes)\n";
  return res.exit_code();
}

// Many inputs into a directory: progress while it runs, then every failure with its file
// and place, and where the summaries are.
int run_bulk(jixiao::app::CommandLine& line) {
  jixiao::install_output_cleanup();
  jixiao::Engine engine(line.options);
  jixiao::app::ProgressPrinter printer(::isatty(2) == 1);
  line.bulk.on_progress = [&](const jixiao::bulk::Progress& p) { printer(p); };
  jixiao::bulk::BulkResult res = jixiao::bulk::run_bulk(engine, line.options, line.bulk);
  printer.finish();
  for (const auto& d : res.run.all()) std::cerr << jixiao::format(d) << "\n";
  if (!res.failed.empty()) {
    std::cerr << "jixiao: " << res.failed.size() << " of " << res.progress.total << " documents failed:\n";
    for (const auto& f : res.failed) {
      std::cerr << "  " << f.name << "\n";
      for (const auto& d : f.diagnostics) {
        std::string text = jixiao::format(d);  // hints on lines of their own: indent them too
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 5))
          text.insert(at + 1, "    ");
        std::cerr << "    " << text << "\n";
      }
    }
  }
  if (!res.summary_csv.empty())
    std::cerr << "jixiao: " << res.progress.done - res.progress.failed << " of " << res.progress.total
              << " documents rendered into " << line.bulk.output_dir << " (" << res.progress.unchanged
              << " unchanged); summary: " << res.summary_csv << ", " << res.summary_xlsx << ", "
              << res.findings_json << "\n";
  return res.exit_code();
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
    case jixiao::app::CommandLine::Run::Print: break;
  }
  std::cout << line.out;
  std::cerr << line.err;
  return line.exit_code;
}
