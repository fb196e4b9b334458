#include "cli.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data_dir.h"
#include "diag/lang.h"
#include "version.h"

namespace jixiao::app {
namespace {

const char* kMoreHelp =
    "Run 'jixiao help COMMAND' or 'jixiao COMMAND --help' for a command's options.";
const char* kExitStatus =
    "Exit status: 0 ok, 1 usage, 2 errors (no output written), 3 done with warnings.";

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

// "--output=x.pdf" → "--output", "-ox.pdf" → "-o": the option as CLI11 names it.
std::string option_name(const std::string& arg) {
  if (arg.rfind("--", 0) == 0) return arg.substr(0, arg.find('='));
  return arg.substr(0, 2);
}

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

// "zh" when the locale the user runs under is Chinese (LC_ALL, then LC_MESSAGES, then LANG,
// as gettext reads them), else "en".
std::string language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string(v).rfind("zh", 0) == 0 ? "zh" : "en";
  }
  return "en";
}

// CLI11's help with our usage lines: "jixiao render DATA.json -o OUT.pdf [OPTIONS]" says
// more than its generated "[OPTIONS] [DATA]"; the overview lists every command's.
class Formatter : public CLI::Formatter {
 public:
  void usage(const CLI::App* command, std::string line) {
    lines_.emplace_back(command, std::move(line));
  }

  std::string make_usage(const CLI::App* app, std::string) const override {
    std::string all;
    for (const auto& [command, line] : lines_) {
      if (command == app) return get_label("Usage") + ": " + line + "\n";
      all += "  " + line + "\n";
    }
    return get_label("Usage") + ":\n" + all + "  jixiao --version\n";
  }

 private:
  std::vector<std::pair<const CLI::App*, std::string>> lines_;
};

class Parser {
 public:
  Parser() {
    format_->column_width(30);
    app_.formatter(format_);  // before add_subcommand: commands copy the formatter and -h
    app_.set_help_flag("-h,--help", "print this help and exit");
    app_.set_version_flag("--version", std::string("jixiao ") + kVersion + " (" + kCommit + ")",
                          "print the version and git commit and exit");
    app_.require_subcommand(0, 1);
    app_.allow_extras();  // unknown options and commands: reported by finish(), by name
    app_.footer(std::string(kMoreHelp) + "\n" + kExitStatus);

    render_ = command("render", "render the data's form to PDF or OFD (one file, or many into a directory)",
                      "jixiao render DATA.json -o OUT.pdf [OPTIONS]\n"
                      "       jixiao render INPUT… -o OUTDIR/ [-j N] [--resume] [--shard K/N] [OPTIONS]");
    render_->add_option("INPUT", inputs_,
                        "a data file; or, for a bulk run, data files, directories of them\n"
                        "and JSON Lines files (.jsonl, one data file's object a line)")
        ->type_name("");
    render_->add_option("-o,--output", line_.request.output_file,
                        "the PDF (or .ofd) to write (written only when there is no error); a\n"
                        "directory (ending in /) for a bulk run: one PDF per document,\n"
                        "summary.csv, summary.xlsx and findings.json")
        ->type_name("FILE|DIR/")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("-j,--jobs", jobs_, "bulk: documents rendered at once (default: one per core)")
        ->type_name("N")->check(CLI::Range(1, 256))->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_flag("--resume", line_.bulk.resume,
                      "bulk: skip documents whose PDF is there and whose inputs (data,\n"
                      "template, rule set, schema, fonts) have not changed since");
    render_->add_option("--shard", shard_text_,
                        "bulk: render only the K-th (from 0) of N shares of the documents;\n"
                        "'/N' takes K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID")
        ->type_name("K/N")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--fail-on", fail_on_,
                        "what besides errors makes the exit status non-zero: 'warning'\n"
                        "(exit 3 when there are warnings; the default for one document) or\n"
                        "'error' (warnings exit 0; the default for a bulk run, so that a job\n"
                        "runner does not count a shard that wrote every PDF as failed)")
        ->type_name("error|warning")->check(CLI::IsMember({"error", "warning"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--timings", line_.bulk.timings_file,
                        "bulk: write each document's render time (ms) to FILE, for benchmarks")
        ->type_name("FILE")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--date", date_text_,
                        "PDF creation date: seconds since 1970 or YYYY-MM-DD[THH:MM:SSZ]\n"
                        "(default: $SOURCE_DATE_EPOCH, else now)")
        ->type_name("WHEN")->envname("SOURCE_DATE_EPOCH")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--format", output_format_,
                        "'pdf' or 'ofd' (GB/T 33190 版式文档, docs/ofd.md). Default: as\n"
                        "-o's extension says (.ofd or .pdf), else pdf; a bulk run's files all\n"
                        "take it")
        ->type_name("pdf|ofd")->check(CLI::IsMember({"pdf", "ofd"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--pdf-standard", line_.options.pdf_standard,
                        "'a-2b': PDF/A-2b for archives (XMP metadata, sRGB output intent; a\n"
                        "character no font has is an error); 'ua-1': PDF/UA-1 for screen\n"
                        "readers (the form must have a title); 'a-2b,ua-1': both; 'none': a\n"
                        "plain PDF. Default: as the form's pdf-standard attribute says, else none")
        ->type_name("a-2b|ua-1|a-2b,ua-1|none")
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
              for (const char* ok : {"a-2b", "ua-1", "a-2b,ua-1", "none"})
                if (v == ok) return "";
              return v + " is not one of: a-2b | ua-1 | a-2b,ua-1 | none";
            },
            ""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_flag("--tags", line_.options.tagged,
                      "a tagged PDF: a structure tree of headings, paragraphs and table\n"
                      "cells for screen readers (larger and slower; ua-1 implies it)");
    render_->add_flag("--debug-layout", line_.options.debug_layout,
                      "draw the layout over the pages: cell and block boxes, baselines,\n"
                      "overflowing text in red, where each page broke and why");
    lookup_options(*render_, true);
    repeatable(*render_, "--font-dir", line_.options.font_dirs,
               "look for font files named in the manifest in DIR first");

    score_ = command("score", "scores, totals, grades and findings",
                     "jixiao score DATA.json [--json] [OPTIONS]");
    data_file(*score_);
    score_->add_flag("--json", line_.json, "print them as JSON, for programs");
    lookup_options(*score_, true);

    check_ = command("check", "validation and checks only", "jixiao check DATA.json [OPTIONS]");
    data_file(*check_);
    lookup_options(*check_, true);

    templates_ = command("templates", "the forms found: id, rule set, schema, file",
                         "jixiao templates [--check] [OPTIONS]");
    templates_->add_flag("--check", check_templates_,
                         "load every form, rule set, schema and prefill map found and check\n"
                         "every field and category they name against the schema");
    lookup_options(*templates_, false);

    preview_ = command("preview", "a live preview in the browser, re-rendered on every save",
                       "jixiao preview DATA.json [--templates DIR] [--port P] [OPTIONS]");
    data_file(*preview_);
    preview_->add_option("--port", line_.port, "the port on 127.0.0.1 (default 8030, or the next free one up to\n"
                         "8049; 0: any free port)")
        ->type_name("P")->check(CLI::Range(0, 65535))->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    lookup_options(*preview_, true);
    repeatable(*preview_, "--font-dir", line_.options.font_dirs,
               "look for font files named in the manifest in DIR first");

    merge_ = command("merge", "a sharded bulk run's summaries made one, as a single run's",
                     "jixiao merge OUTDIR/ [--lang en|zh]");
    merge_->add_option("OUTDIR", line_.merge_dir,
                       "the output directory the shards (--shard K/N) wrote into: their\n"
                       "rows.shard-K-of-N.jsonl become summary.csv, summary.xlsx and\n"
                       "findings.json, byte for byte a single run's; a missing or incomplete\n"
                       "shard is named and nothing is written; files of another N are removed")
        ->type_name("");
    merge_->add_option("--lang", lang_, "language of messages: en or zh")
        ->type_name("en|zh")->check(CLI::IsMember({"en", "zh"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    help_ = command("help", "a command's options, or this overview", "jixiao help [COMMAND]");
    help_->add_option("COMMAND", help_topic_, "render, score, check, templates, preview or merge")->type_name("");
  }

  CommandLine parse(int argc, const char* const* argv) {
    try {
      app_.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      return print(app_.help());  // the chosen command's help, else the overview
    } catch (const CLI::CallForVersion& e) {
      return print(std::string(e.what()) + "\n");
    } catch (const CLI::ArgumentMismatch& e) {
      std::string what = e.what();  // "--output: 1 required FILE missing"
      std::size_t colon = what.find(':');
      if (colon != std::string::npos && what.ends_with(" missing"))
        return usage("option '" + what.substr(0, colon) + "' needs a value");
      return usage(what);
    } catch (const CLI::ParseError& e) {
      return usage(e.what());
    }
    return finish();
  }

 private:
  CLI::App* command(const char* name, const char* description, const char* usage) {
    CLI::App* c = app_.add_subcommand(name, description);
    c->group("Commands");
    format_->usage(c, usage);
    c->allow_extras();
    c->footer(kExitStatus);
    return c;
  }

  void data_file(CLI::App& c) {
    c.add_option("DATA.json", line_.request.data_file, "the data file (JSON)")->type_name("");
  }

  void repeatable(CLI::App& c, const char* name, std::vector<std::string>& into, const char* what) {
    c.add_option(name, into, std::string(what) + "; repeatable")->type_name("DIR")
        ->allow_extra_args(false);  // one DIR per occurrence: the data file is not a DIR
  }

  void lookup_options(CLI::App& c, bool declarations) {
    repeatable(c, "--templates", line_.options.template_dirs,
               "also look for forms/, rules/, schemas/ and prefill/ in DIR, before the\n"
               "built-in ones");
    c.add_option("--data-dir", line_.options.data_dir,
                 "directory holding templates/ and fonts/ (default: $JIXIAO_DATA_DIR, else\n"
                 "../share/jixiao beside the executable, else this build's source tree)")
        ->type_name("DIR")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.add_option("--lang", lang_, "language of messages and the score table: en or zh\n"
                 "(default: zh when LANG, LC_ALL or LC_MESSAGES starts with zh)")
        // An empty description: the help shows "en|zh", not CLI11's "en|zh:{en,zh}".
        ->type_name("en|zh")->check(CLI::IsMember({"en", "zh"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    if (declarations)
      repeatable(c, "--declaration-dir", line_.options.declaration_dirs,
                 "a declaration named by the data may also lie in DIR\n"
                 "(besides the data file's own directory)");
  }

  CLI::App* chosen() const {
    auto subs = app_.get_subcommands();
    return subs.empty() ? nullptr : subs.front();
  }

  std::string overview() const {
    return app_.get_formatter()->make_help(&app_, app_.get_name(), CLI::AppFormatMode::Normal);
  }

  CommandLine print(std::string text) {
    line_.run = CommandLine::Run::Print;
    line_.out = std::move(text);
    line_.exit_code = 0;
    return std::move(line_);
  }

  CommandLine fail(std::string text) {
    line_.run = CommandLine::Run::Print;
    line_.err = std::move(text);
    line_.exit_code = 1;
    return std::move(line_);
  }

  // A usage error, and where to read how the command is used; in Chinese under --lang zh
  // or a Chinese locale (a --lang that did not parse leaves the locale to decide).
  CommandLine usage(const std::string& problem) {
    CLI::App* c = chosen();
    if ((lang_ == "zh" || lang_ == "en" ? lang_ : language_from_environment()) == "zh")
      return fail("jixiao: " + translate("cli.usage", problem, "zh") + "\n" +
                  (c && c != help_ ? "运行 'jixiao help " + c->get_name() + "' 查看它的选项。\n"
                                   : "运行 'jixiao help' 查看所有命令。\n"));
    return fail("jixiao: " + problem + "\n" +
                (c && c != help_ ? "Run 'jixiao help " + c->get_name() + "' for its options.\n"
                                 : "Run 'jixiao help' for the commands.\n"));
  }

  // Names the option and, when another command (or jixiao itself) has it, where it belongs.
  CommandLine unknown_option(const std::string& arg, CLI::App* in) {
    std::string name = option_name(arg), owners;
    for (const CLI::App* c : {&app_, render_, score_, check_, templates_, preview_}) {
      if (c == in || !c->get_option_no_throw(name)) continue;
      owners += (owners.empty() ? "" : ", ") + (c == &app_ ? "jixiao itself" : c->get_name());
    }
    std::string problem = "unknown option '" + name + "'";
    if (in) problem += " for " + in->get_name();
    if (!owners.empty()) problem += " (it is an option of " + owners + ")";
    return usage(problem);
  }

  CommandLine finish() {
    for (const std::string& arg : app_.remaining()) {
      if (is_option(arg)) return unknown_option(arg, nullptr);
      return usage("unknown command '" + arg + "'");
    }
    CLI::App* c = chosen();
    if (!c) return fail("jixiao: no command\n" + overview());
    for (const std::string& arg : c->remaining())
      if (is_option(arg)) return unknown_option(arg, c);
    if (!c->remaining().empty()) {
      if (c == templates_) return usage("templates takes no data file");
      if (c == render_) return usage("unexpected '" + c->remaining().front() + "'");
      if (c == help_) return usage("help takes one command");
      return usage("more than one data file");
    }
    if (c == help_) return help();
    if (std::string problem = bad_directory(); !problem.empty()) return usage(problem);
    line_.options.lang = lang_.empty() ? language_from_environment() : lang_;
    if (c == merge_) {  // reads only what the shards wrote: no data directory needed
      if (line_.merge_dir.empty()) return usage("no output directory");
      line_.run = CommandLine::Run::Merge;
      return std::move(line_);
    }
    if (std::string problem = resolve_data_dir(); !problem.empty()) {
      CommandLine failed;
      failed.err = "jixiao: " + problem + "\n";
      failed.exit_code = 2;
      return failed;
    }
    if (c == templates_) {
      line_.run = check_templates_ ? CommandLine::Run::CheckTemplates : CommandLine::Run::ListForms;
      return std::move(line_);
    }
    if (c == preview_) {
      if (line_.request.data_file.empty()) return usage("no data file");
      line_.run = CommandLine::Run::Preview;
      return std::move(line_);
    }
    return engine_request(c);
  }

  // Every command but help reads templates/ and fonts/: where they are is settled once, so
  // a binary without them says where it looked instead of knowing no forms.
  std::string resolve_data_dir() {
    DataDirSearch found = find_data_dir(line_.options.data_dir);
    if (!found.dir.empty()) {
      line_.options.data_dir = found.dir;
      return "";
    }
    std::string looked;
    for (const auto& l : found.looked) looked += "\n  looked at " + l;
    return "no data directory (templates/ and fonts/ of jixiao)" + looked +
           "\n  hint: install jixiao's package, or give --data-dir DIR or JIXIAO_DATA_DIR";
  }

  // A directory option that names no directory would be passed over in silence, and the
  // user would edit files never used: a usage error, as other bad option values are.
  std::string bad_directory() const {
    namespace fs = std::filesystem;
    auto not_dir = [](const std::string& option, const std::string& dir) -> std::string {
      std::error_code ec;
      if (!fs::exists(dir, ec)) return option + " '" + dir + "' does not exist; expected a directory";
      if (!fs::is_directory(dir, ec)) return option + " '" + dir + "' is not a directory";
      return "";
    };
    auto has = [](const std::string& dir, const char* sub) {
      std::error_code ec;
      return fs::is_directory(fs::path(dir) / sub, ec);
    };
    for (const auto& d : line_.options.template_dirs)
      if (std::string why = not_dir("--templates", d); !why.empty()) return why;
    if (const std::string& d = line_.options.data_dir; !d.empty()) {
      if (std::string why = not_dir("--data-dir", d); !why.empty()) return why;
      for (const char* sub : {"templates", "fonts"})
        if (!has(d, sub)) return "--data-dir '" + d + "' has no " + sub + "/ directory";
    }
    for (const auto& d : line_.options.font_dirs)
      if (std::string why = not_dir("--font-dir", d); !why.empty()) return why;
    for (const auto& d : line_.options.declaration_dirs)
      if (std::string why = not_dir("--declaration-dir", d); !why.empty()) return why;
    return "";
  }

  CommandLine help() {
    if (help_topic_.empty()) return print(overview());
    for (CLI::App* c : {render_, score_, check_, templates_, preview_, merge_, help_})
      if (c->get_name() == help_topic_) return print(c->help(app_.get_name()));
    return usage("no command '" + help_topic_ +
                 "'; the commands are render, score, check, templates, preview, merge");
  }

  CommandLine engine_request(CLI::App* c) {
    using Action = Request::Action;
    line_.request.action =
        c == render_ ? Action::Render : c == score_ ? Action::Score : Action::Check;
    if (c == render_) {
      if (inputs_.empty()) return usage("no data file");
      if (line_.request.output_file.empty()) return usage("render needs -o OUT.pdf");
      if (!date_text_.empty()) {
        line_.options.date = parse_date(date_text_);
        if (!line_.options.date)
          return usage("bad date '" + date_text_ + "'; expected seconds since 1970 or YYYY-MM-DD");
      }
      if (is_bulk()) {
        line_.options.format = output_format_.empty() ? "pdf" : output_format_;
        line_.bulk.extension = "." + line_.options.format;
        return bulk_request();
      }
      const std::string& out = line_.request.output_file;
      const std::string named = out.ends_with(".ofd") ? "ofd" : out.ends_with(".pdf") ? "pdf" : "";
      if (!output_format_.empty() && !named.empty() && named != output_format_)
        return usage("--format " + output_format_ + " writes " + output_format_ + ", and -o '" + out + "' names a ." + named +
                     " file; give -o OUT." + output_format_ + " or leave --format out");
      line_.options.format = !output_format_.empty() ? output_format_ : !named.empty() ? named : "pdf";
      line_.request.data_file = inputs_.front();
      line_.warnings_fail = fail_on_ != "error";
    }
    if (line_.request.data_file.empty()) return usage("no data file");
    line_.run = CommandLine::Run::Engine;
    return std::move(line_);
  }

  // Many inputs, a directory or JSON Lines in, -o DIR/, or a bulk option: a bulk run.
  bool is_bulk() const {
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string& out = line_.request.output_file;
    // One data file and an existing directory without '/' stays an error ("the output is a
    // directory"): a typo must not turn a single render into a bulk run.
    if (inputs_.size() > 1 || out.ends_with('/')) return true;
    if (fs::is_directory(inputs_.front(), ec) || inputs_.front().ends_with(".jsonl")) return true;
    return jobs_ > 0 || line_.bulk.resume || !shard_text_.empty() || !line_.bulk.timings_file.empty();
  }

  CommandLine bulk_request() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string& out = line_.request.output_file;
    if (fs::exists(out, ec) && !fs::is_directory(out, ec))
      return usage("a bulk run writes into a directory, and '" + out + "' is a file; give -o DIR/");
    if ((out.ends_with(".pdf") || out.ends_with(".ofd")) && !fs::exists(out, ec))  // `render *.json -o all.pdf`
      return usage(std::string("a bulk run writes one ") + (out.ends_with(".ofd") ? "OFD" : "PDF") +
                   " per document into a directory, not into '" + out + "'; give -o DIR/");
    if (!shard_text_.empty()) {
      std::string why;
      auto shard = bulk::parse_shard(shard_text_, &why);
      if (!shard) return usage("bad --shard: " + why);
      line_.bulk.shard = *shard;
    }
    line_.bulk.inputs = inputs_;
    line_.bulk.output_dir = out;
    line_.bulk.jobs = jobs_;
    line_.bulk.warnings_fail = fail_on_ == "warning";
    line_.bulk.lang = line_.options.lang;  // the summaries speak as the terminal does
    line_.bulk.version = std::string(kVersion) + " (" + kCommit + ")";
    line_.run = CommandLine::Run::Bulk;
    return std::move(line_);
  }

  CLI::App app_{"jixiao: Chinese fiscal performance forms (绩效自评表) from JSON data to PDF",
                "jixiao"};
  std::shared_ptr<Formatter> format_ = std::make_shared<Formatter>();
  CLI::App *render_, *score_, *check_, *templates_, *preview_, *merge_, *help_;
  CommandLine line_;
  std::string date_text_, help_topic_, shard_text_, lang_, fail_on_, output_format_;
  bool check_templates_ = false;
  std::vector<std::string> inputs_;  // render: data file(s), directories, JSON Lines
  int jobs_ = 0;
};

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
  return Parser().parse(argc, argv);
}

}  // namespace jixiao::app
