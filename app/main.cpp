// jixiao command line: parse arguments, run the engine, print diagnostics, exit
// 0 (ok) / 2 (errors, nothing written) / 3 (done with warnings) / 1 (usage).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <optional>
#include <string>

#include "jixiao.h"

namespace {

const char* kUsage = R"(usage:
  jixiao render DATA.json -o OUT.pdf [options]   render the data's form to PDF
  jixiao score DATA.json [--json]                 scores, totals, grades and findings
  jixiao check DATA.json                          validation and checks only
  jixiao templates [--templates DIR]              the forms found, with their rule sets and schemas
options:
  -o, --output FILE     the PDF to write (render); written only when there is no error
  --date WHEN           PDF creation date: seconds since 1970 or YYYY-MM-DD[THH:MM:SSZ]
                        (default: $SOURCE_DATE_EPOCH, else now)
  --templates DIR       also look for forms/ and rules/ in DIR (before the built-in ones)
  --font-dir DIR        look for font files named in the manifest in DIR first
  --data-dir DIR        directory holding templates/ and fonts/ (default: built in)
  --declaration-dir DIR a declaration named by the data may also lie in DIR (besides the
                        data file's own directory)
exit status: 0 ok, 1 usage, 2 errors (no output written), 3 done with warnings
)";

int usage(const std::string& problem) {
  std::cerr << "jixiao: " << problem << "\n" << kUsage;
  return 1;
}

// Seconds since the epoch from "1700000000", "2021-12-31" or "2021-12-31T08:00:00Z".
std::optional<std::int64_t> parse_date(const std::string& s) {
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789") == std::string::npos) {
    if (s.size() > 12) return std::nullopt;  // past the year 33658: not a filing date
    return std::stoll(s);
  }
  std::tm tm{};
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                      &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
  if (n != 3 && n != 6) return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage("no command");
  std::string command = argv[1];
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  jixiao::Request req;
  bool list_forms = command == "templates";
  if (list_forms) {}
  else if (command == "render") req.action = jixiao::Request::Action::Render;
  else if (command == "score") req.action = jixiao::Request::Action::Score;
  else if (command == "check") req.action = jixiao::Request::Action::Check;
  else return usage("unknown command '" + command + "'");

  jixiao::Options opt;
  bool json = false;
  std::string date_text;
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) date_text = e;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(name) + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "-o" || a == "--output") req.output_file = value("-o");
      else if (a == "--json") json = true;
      else if (a == "--date") date_text = value("--date");
      else if (a == "--templates") opt.template_dirs.push_back(value("--templates"));
      else if (a == "--font-dir") opt.font_dirs.push_back(value("--font-dir"));
      else if (a == "--data-dir") opt.data_dir = value("--data-dir");
      else if (a == "--declaration-dir") opt.declaration_dirs.push_back(value("--declaration-dir"));
      else if (!a.empty() && a[0] == '-') return usage("unknown option '" + a + "'");
      else if (req.data_file.empty()) req.data_file = a;
      else return usage("more than one data file");
    } catch (const std::invalid_argument& e) {
      return usage(e.what());
    }
  }
  if (list_forms) {
    if (!req.data_file.empty()) return usage("templates takes no data file");
    jixiao::Engine engine(std::move(opt));
    jixiao::DiagnosticSink sink;
    for (const auto& f : engine.forms(sink))
      std::cout << f.id << "\t" << (f.rules.empty() ? "-" : f.rules) << "\t"
                << (f.schema.empty() ? "-" : f.schema) << "\t" << f.file << "\n";
    for (const auto& d : sink.all()) std::cerr << jixiao::format(d) << "\n";
    return sink.has_errors() ? 2 : 0;
  }
  if (req.data_file.empty()) return usage("no data file");
  if (req.action == jixiao::Request::Action::Render && req.output_file.empty())
    return usage("render needs -o OUT.pdf");
  if (!date_text.empty()) {
    opt.date = parse_date(date_text);
    if (!opt.date) return usage("bad date '" + date_text + "'; expected seconds since 1970 or YYYY-MM-DD");
  }

  // A SIGINT/SIGTERM while the PDF is being written must not leave its temporary behind.
  jixiao::install_output_cleanup();
  jixiao::Engine engine(std::move(opt));
  jixiao::Result res = engine.run(req);
  for (const auto& d : res.diagnostics.all()) std::cerr << jixiao::format(d) << "\n";
  if (req.action == jixiao::Request::Action::Score && !res.score_json.empty())
    std::cout << (json ? res.score_json : res.score_table);
  if (req.action == jixiao::Request::Action::Render && res.pages > 0)
    std::cerr << "jixiao: wrote " << req.output_file << " (" << res.pages << " pages, "
              << res.pdf_bytes << " bytes)\n";
  return res.exit_code();
}
