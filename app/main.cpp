// jixiao command line: parse arguments (cli.cpp), run the engine, print diagnostics, exit
// 0 (ok) / 2 (errors, nothing written) / 3 (done with warnings) / 1 (usage).
#include <unistd.h>

#include <iostream>

#include "check_templates.h"
#include "cli.h"
#include "diag/lang.h"
#include "jixiao.h"
#include "preview/preview.h"
#include "progress.h"

namespace {

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
  const bool zh = line.options.lang == "zh";
  for (const auto& d : res.diagnostics.all()) std::cerr << jixiao::format(d, line.options.lang) << "\n";
  if (req.action == jixiao::Request::Action::Score && !res.score_json.empty())
    std::cout << (line.json ? res.score_json : res.score_table);
  if (req.action == jixiao::Request::Action::Render && res.pages > 0) {
    if (zh)
      std::cerr << "jixiao: 已写出 " << req.output_file << "（" << res.pages << " 页，" << res.pdf_bytes << " 字节）\n";
    else
      std::cerr << "jixiao: wrote " << req.output_file << " (" << res.pages << " pages, "
                << res.pdf_bytes << " bytes)\n";
  }
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
  const std::string& lang = line.options.lang;
  const bool zh = lang == "zh";
  for (const auto& d : res.run.all()) std::cerr << jixiao::format(d, lang) << "\n";
  if (!res.failed.empty()) {
    if (zh)
      std::cerr << "jixiao: " << res.progress.total << " 个文档中有 " << res.failed.size() << " 个失败：\n";
    else
      std::cerr << "jixiao: " << res.failed.size() << " of " << res.progress.total << " documents failed:\n";
    for (const auto& f : res.failed) {
      std::cerr << "  " << f.name << "\n";
      for (const auto& d : f.diagnostics) {
        std::string text = jixiao::format(d, lang);  // hints on lines of their own: indent them too
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 5))
          text.insert(at + 1, "    ");
        std::cerr << "    " << text << "\n";
      }
    }
  }
  if (!res.summary_csv.empty() && zh)
    std::cerr << "jixiao: " << res.progress.total << " 个文档中 " << res.progress.done - res.progress.failed
              << " 个已生成到 " << line.bulk.output_dir << "（" << res.progress.unchanged << " 个未变）；汇总："
              << res.summary_csv << "、" << res.summary_xlsx << "、" << res.findings_json << "\n";
  else if (!res.summary_csv.empty())
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
