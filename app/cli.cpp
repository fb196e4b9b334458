#include "cli.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "data_dir.h"
#include "diag/lang.h"
#include "diag/suggest.h"
#include "version.h"

namespace jixiao::app {
namespace {

const char* kMoreHelp =
    "Run 'jixiao help COMMAND' or 'jixiao COMMAND --help' for a command's options.";
const char* kMoreHelpZh = "运行 'jixiao help COMMAND' 或 'jixiao COMMAND --help' 查看某个命令的选项。";
// Exit status, as each command returns it (app/main.cpp): only render exits 3 for warnings.
const char* kExitStatus =
    "Exit status: 0 ok, 1 usage, 2 errors (no output written), 3 (render only) written with\n"
    "warnings (see render --fail-on).";
const char* kExitStatusZh = "退出状态：0 成功，1 用法错误，2 有错误（不写输出），3（仅 render）已写出但有警告\n"
                            "（见 render --fail-on）。";
const char* kRenderExit =
    "Exit status: 0 ok, 1 usage, 2 errors (no output written), 3 written with warnings\n"
    "(--fail-on warning, the default for one document).";
const char* kRenderExitZh = "退出状态：0 成功，1 用法错误，2 有错误（不写输出），3 已写出但有警告\n"
                            "（--fail-on warning，单个文档的默认值）。";
const char* kCheckExit = "Exit status: 0 no errors (warnings are printed, and exit 0), 1 usage, 2 errors.";
const char* kCheckExitZh = "退出状态：0 没有错误（警告会打印出来，仍退出 0），1 用法错误，2 有错误。";
const char* kPlainExit = "Exit status: 0 ok, 1 usage, 2 errors.";
const char* kPlainExitZh = "退出状态：0 成功，1 用法错误，2 有错误。";

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

// CLI11's validators speak their own English ("--jobs: Value 0 not in range 1 to 256",
// "--format: xyz not in {pdf,ofd}"): said again in ours, which the catalog translates.
std::string own_words(const std::string& what) {
  static const std::regex range(R"(^(\S+): Value (.*) not in range (\S+) to (\S+)$)");
  static const std::regex member(R"(^(\S+): (.*) not in \{(.*)\}$)");
  std::smatch m;
  if (std::regex_match(what, m, range))
    return m[1].str() + ": '" + m[2].str() + "' is not a whole number from " + m[3].str() + " to " + m[4].str();
  if (std::regex_match(what, m, member))
    return m[1].str() + ": '" + m[2].str() + "' is not one of: " + std::regex_replace(m[3].str(), std::regex(","), " | ");
  return what;
}

class Parser {
 public:
  // zh: the help in Chinese (--lang zh anywhere on the line, else a Chinese locale).
  explicit Parser(bool zh) : zh_(zh) {
    format_->column_width(30);
    if (zh_) {
      format_->label("Usage", "用法");
      format_->label("Positionals", "参数");
      format_->label("Env", "环境变量");
      app_.option_defaults()->group("选项");
    }
    app_.formatter(format_);  // before add_subcommand: commands copy the formatter and -h
    app_.description(T("jixiao: Chinese fiscal performance forms (绩效自评表) from JSON data to PDF",
                       "jixiao：由 JSON 数据生成财政绩效自评表（PDF）"));
    app_.set_help_flag("-h,--help", T("print this help and exit", "显示本帮助后退出"));
    app_.set_version_flag("--version", std::string("jixiao ") + kVersion + " (" + kCommit + ")",
                          T("print the version and git commit and exit", "显示版本号和 git 提交后退出"));
    app_.require_subcommand(0, 1);
    app_.allow_extras();  // unknown options and commands: reported by finish(), by name
    app_.footer(std::string(T(kMoreHelp, kMoreHelpZh)) + "\n" + T(kExitStatus, kExitStatusZh));

    render_ = command("render", T("render the data's form to PDF or OFD (one file, or many into a directory)",
                                  "把数据生成表式的 PDF 或 OFD（一个文件，或多个文件到一个目录）"),
                      "jixiao render DATA.json -o OUT.pdf [OPTIONS]\n"
                      "       jixiao render INPUT… -o OUTDIR/ [-j N] [--resume] [--shard K/N] [OPTIONS]",
                      T(kRenderExit, kRenderExitZh));
    render_->add_option("INPUT", inputs_,
                        T("a data file; or, for a bulk run, data files, directories of them\n"
                          "and JSON Lines files (.jsonl, one data file's object a line)",
                          "数据文件；批量生成时可为多个数据文件、存放它们的目录，\n"
                          "以及 JSON Lines 文件（.jsonl，每行一个数据对象）"))
        ->type_name("");
    render_->add_option("-o,--output", line_.request.output_file,
                        T("the PDF (or .ofd) to write (written only when there is no error); a\n"
                          "directory (ending in /) for a bulk run: one PDF per document,\n"
                          "summary.csv, summary.xlsx and findings.json",
                          "要写出的 PDF（或 .ofd），没有错误时才写出；批量生成时为目录\n"
                          "（以 / 结尾）：每份文档一个 PDF，另有 summary.csv、summary.xlsx\n"
                          "和 findings.json"))
        ->type_name("FILE|DIR/")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("-j,--jobs", jobs_, T("bulk: documents rendered at once (default: one per core)",
                                              "批量：同时生成的文档数（默认每个 CPU 核一个）"))
        ->type_name("N")->check(CLI::Range(1, 256).description(""))->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_flag("--resume", line_.bulk.resume,
                      T("bulk: skip documents whose PDF is there and whose inputs (data,\n"
                        "template, rule set, schema, fonts) have not changed since",
                        "批量：跳过 PDF 已在、且输入（数据、模板、评分规则、结构定义、\n"
                        "字体）此后未改动的文档"));
    render_->add_option("--shard", shard_text_,
                        T("bulk: render only the K-th (from 0) of N shares of the documents;\n"
                          "'/N' takes K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID",
                          "批量：只生成文档 N 等份中的第 K 份（从 0 起）；'/N' 从\n"
                          "JOB_COMPLETION_INDEX 或 SLURM_ARRAY_TASK_ID 取 K"))
        ->type_name("K/N")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--fail-on", fail_on_,
                        T("what besides errors makes the exit status non-zero: 'warning'\n"
                          "(exit 3 when there are warnings; the default for one document) or\n"
                          "'error' (warnings exit 0; the default for a bulk run, so that a job\n"
                          "runner does not count a shard that wrote every PDF as failed)",
                          "除错误外还有什么使退出状态非零：'warning'（有警告时退出 3；单个\n"
                          "文档的默认值）或 'error'（有警告也退出 0；批量生成的默认值，\n"
                          "免得作业调度把写出了全部 PDF 的分片算作失败）"))
        ->type_name("error|warning")->check(CLI::IsMember({"error", "warning"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--timings", line_.bulk.timings_file,
                        T("bulk: write each document's render time (ms) to FILE, for benchmarks",
                          "批量：把每份文档的生成时间（毫秒）写入 FILE，供性能测试用"))
        ->type_name("FILE")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--date", date_text_,
                        T("PDF creation date: seconds since 1970 or YYYY-MM-DD[THH:MM:SSZ]\n"
                          "(default: $SOURCE_DATE_EPOCH, else now)",
                          "PDF 的创建日期：自 1970 年起的秒数或 YYYY-MM-DD[THH:MM:SSZ]\n"
                          "（默认取 $SOURCE_DATE_EPOCH，否则为当前时间）"))
        ->type_name("WHEN")->envname("SOURCE_DATE_EPOCH")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--format", output_format_,
                        T("'pdf' or 'ofd' (GB/T 33190 fixed-layout documents, docs/ofd.md). Default: as\n"
                          "-o's extension says (.ofd or .pdf), else pdf; a bulk run's files all\n"
                          "take it",
                          "'pdf' 或 'ofd'（GB/T 33190 版式文档，见 docs/ofd.md）。默认按 -o 的\n"
                          "扩展名（.ofd 或 .pdf），否则为 pdf；批量生成的文件都用它"))
        ->type_name("pdf|ofd")->check(CLI::IsMember({"pdf", "ofd"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    render_->add_option("--pdf-standard", line_.options.pdf_standard,
                        T("'a-2b': PDF/A-2b for archives (XMP metadata, sRGB output intent; a\n"
                          "character no font has is an error); 'ua-1': PDF/UA-1 for screen\n"
                          "readers (the form must have a title); 'a-2b,ua-1': both; 'none': a\n"
                          "plain PDF. Default: as the form's pdf-standard attribute says, else none",
                          "'a-2b'：供归档的 PDF/A-2b（XMP 元数据、sRGB 输出意图；没有字体\n"
                          "含有的字符算错误）；'ua-1'：供读屏软件的 PDF/UA-1（表式须有标题）；\n"
                          "'a-2b,ua-1'：两者兼有；'none'：普通 PDF。默认按表式的\n"
                          "pdf-standard 属性，否则为 none"))
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
                      T("a tagged PDF: a structure tree of headings, paragraphs and table\n"
                        "cells for screen readers (larger and slower; ua-1 implies it)",
                        "带标签的 PDF：供读屏软件的标题、段落和表格单元格结构树\n"
                        "（文件更大、更慢；ua-1 隐含此项）"));
    render_->add_flag("--debug-layout", line_.options.debug_layout,
                      T("draw the layout over the pages: cell and block boxes, baselines,\n"
                        "overflowing text in red, where each page broke and why",
                        "在页面上画出版面：单元格和块的边框、基线、红色的溢出文字，\n"
                        "以及每页在哪里、为什么分页"));
    lookup_options(*render_, true);
    repeatable(*render_, "--font-dir", line_.options.font_dirs,
               T("look for font files named in the manifest in DIR first", "先在 DIR 中查找字体清单所列的字体文件"));

    score_ = command("score", T("scores, totals, grades and findings", "得分、合计、等级和检查结果"),
                     "jixiao score DATA.json [--json] [OPTIONS]", T(kCheckExit, kCheckExitZh));
    data_file(*score_);
    score_->add_flag("--json", line_.json, T("print them as JSON, for programs", "以 JSON 输出，供程序读取"));
    lookup_options(*score_, true);

    check_ = command("check", T("validation and checks only", "只做校验和检查"), "jixiao check DATA.json [OPTIONS]",
                     T(kCheckExit, kCheckExitZh));
    data_file(*check_);
    lookup_options(*check_, true);

    templates_ = command("templates", T("the forms found: id, rule set, schema, file", "找到的表式：编号、评分规则、结构定义、文件"),
                         "jixiao templates [--check] [OPTIONS]", T(kPlainExit, kPlainExitZh));
    templates_->add_flag("--check", check_templates_,
                         T("load every form, rule set, schema and prefill map found and check\n"
                           "every field and category they name against the schema",
                           "载入找到的每个表式、评分规则、结构定义和预填映射，并按结构定义\n"
                           "检查它们用到的每个字段和类别"));
    lookup_options(*templates_, false);

    preview_ = command("preview", T("a live preview in the browser, re-rendered on every save",
                                    "在浏览器中实时预览，每次保存后重新生成"),
                       "jixiao preview DATA.json [--templates DIR] [--port P] [OPTIONS]", T(kPlainExit, kPlainExitZh));
    data_file(*preview_);
    preview_->add_option("--port", line_.port, T("the port on 127.0.0.1 (default 8030, or the next free one up to\n"
                                                 "8049; 0: any free port)",
                                                 "127.0.0.1 上的端口（默认 8030，或其后直到 8049 的第一个空闲\n"
                                                 "端口；0：任一空闲端口）"))
        ->type_name("P")->check(CLI::Range(0, 65535).description(""))->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    preview_->add_option("--editor", line_.editor,
                         T("a link to open file:line:col in your editor, a URL pattern such as\n"
                           "vscode://file/{file}:{line}:{col} (default: $JIXIAO_EDITOR; none: no link)",
                           "在编辑器中打开 文件:行:列 的链接，一个 URL 模式，例如\n"
                           "vscode://file/{file}:{line}:{col}（默认：$JIXIAO_EDITOR；没有则不显示链接）"))
        ->type_name("URL")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    lookup_options(*preview_, true);
    repeatable(*preview_, "--font-dir", line_.options.font_dirs,
               T("look for font files named in the manifest in DIR first", "先在 DIR 中查找字体清单所列的字体文件"));

    merge_ = command("merge", T("a sharded bulk run's summaries made one, as a single run's",
                                "把分片批量生成的汇总合并为一份，与一次运行的相同"),
                     "jixiao merge OUTDIR/ [--lang en|zh]", T(kPlainExit, kPlainExitZh));
    merge_->add_option("OUTDIR", line_.merge_dir,
                       T("the output directory the shards (--shard K/N) wrote into: their\n"
                         "rows.shard-K-of-N.jsonl become summary.csv, summary.xlsx and\n"
                         "findings.json, byte for byte a single run's; a missing or incomplete\n"
                         "shard is named and nothing is written; files of another N are removed",
                         "各分片（--shard K/N）写入的输出目录：它们的 rows.shard-K-of-N.jsonl\n"
                         "合并为 summary.csv、summary.xlsx 和 findings.json，与一次运行的逐字节\n"
                         "相同；缺少或不完整的分片会被指出，且什么也不写；其他 N 的文件会被删除"))
        ->type_name("");
    lang_option(*merge_, T("language of messages: en or zh", "消息的语言：en 或 zh"));

    help_ = command("help", T("a command's options, or this overview", "某个命令的选项，或本概览"),
                    "jixiao help [COMMAND] [--lang en|zh]", "");
    help_->add_option("COMMAND", help_topic_, T("render, score, check, templates, preview or merge",
                                                "render、score、check、templates、preview 或 merge"))
        ->type_name("");
    lang_option(*help_, T("language of the help: en or zh", "帮助的语言：en 或 zh"));
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
      return usage(own_words(e.what()));
    }
    return finish();
  }

 private:
  const char* T(const char* en, const char* zh) const { return zh_ ? zh : en; }

  CLI::App* command(const char* name, const char* description, const char* usage, const char* exit_status) {
    CLI::App* c = app_.add_subcommand(name, description);
    c->group(T("Commands", "命令"));
    if (zh_) c->get_help_ptr()->group("选项");  // a command's -h is made before option_defaults reach it
    format_->usage(c, usage);
    c->allow_extras();
    c->footer(exit_status);
    return c;
  }

  void data_file(CLI::App& c) {
    c.add_option("DATA.json", line_.request.data_file, T("the data file (JSON)", "数据文件（JSON）"))->type_name("");
  }

  void repeatable(CLI::App& c, const char* name, std::vector<std::string>& into, const char* what) {
    c.add_option(name, into, std::string(what) + T("; repeatable", "；可重复"))->type_name("DIR")
        ->allow_extra_args(false);  // one DIR per occurrence: the data file is not a DIR
  }

  void lang_option(CLI::App& c, const char* what) {
    c.add_option("--lang", lang_, what)
        // An empty description: the help shows "en|zh", not CLI11's "en|zh:{en,zh}".
        ->type_name("en|zh")->check(CLI::IsMember({"en", "zh"}).description(""))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }

  void lookup_options(CLI::App& c, bool declarations) {
    repeatable(c, "--templates", line_.options.template_dirs,
               T("also look for forms/, rules/, schemas/ and prefill/ in DIR, before the\n"
                 "built-in ones",
                 "也在 DIR 中查找 forms/、rules/、schemas/ 和 prefill/，先于内置的"));
    c.add_option("--data-dir", line_.options.data_dir,
                 T("directory holding templates/ and fonts/ (default: $JIXIAO_DATA_DIR, else\n"
                   "../share/jixiao beside the executable, else this build's source tree)",
                   "存放 templates/ 和 fonts/ 的目录（默认取 $JIXIAO_DATA_DIR，否则为程序旁的\n"
                   "../share/jixiao，否则为本次构建的源码目录）"))
        ->type_name("DIR")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    lang_option(c, T("language of messages and the score table: en or zh\n"
                     "(default: zh when LANG, LC_ALL or LC_MESSAGES starts with zh)",
                     "消息和得分表的语言：en 或 zh（LANG、LC_ALL 或 LC_MESSAGES\n"
                     "以 zh 开头时默认为 zh）"));
    if (declarations)
      repeatable(c, "--declaration-dir", line_.options.declaration_dirs,
                 T("a declaration named by the data may also lie in DIR\n"
                   "(besides the data file's own directory)",
                   "数据所指的申报表也可以在 DIR 中（除数据文件所在目录外）"));
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
  CommandLine usage(const std::string& problem, const std::string& hint = "") {
    CLI::App* c = chosen();
    if (language() == "zh")
      return fail("jixiao: " + translate("cli.usage", problem, "zh") + "\n" +
                  (hint.empty() ? "" : "  提示：" + translate("cli.usage", hint, "zh") + "\n") +
                  (c && c != help_ ? "运行 'jixiao help " + c->get_name() + "' 查看它的选项。\n"
                                   : "运行 'jixiao help' 查看所有命令。\n"));
    return fail("jixiao: " + problem + "\n" + (hint.empty() ? "" : "  hint: " + hint + "\n") +
                (c && c != help_ ? "Run 'jixiao help " + c->get_name() + "' for its options.\n"
                                 : "Run 'jixiao help' for the commands.\n"));
  }

  // --lang when it parsed, else as the help's (a --lang seen on the line, else the locale):
  // `rendr x.json --lang zh` has no command to parse --lang for.
  std::string language() const {
    return lang_ == "zh" || lang_ == "en" ? lang_ : zh_ ? "zh" : "en";
  }

  // Every option name of command c ("--output", "-o"), for "did you mean".
  static std::vector<std::string> option_names(const CLI::App& c) {
    std::vector<std::string> names;
    for (const CLI::Option* o : c.get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
    return names;
  }

  std::vector<std::string> command_names() const {
    std::vector<std::string> names;
    for (const CLI::App* c : app_.get_subcommands([](const CLI::App*) { return true; })) names.push_back(c->get_name());
    return names;
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
    return usage(problem, owners.empty() ? did_you_mean(name, option_names(in ? *in : app_)) : "");
  }

  CommandLine finish() {
    for (const std::string& arg : app_.remaining()) {
      if (is_option(arg)) return unknown_option(arg, nullptr);
      return usage("unknown command '" + arg + "'", did_you_mean(arg, command_names()));
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
      if (std::string problem = bad_editor(); !problem.empty())
        return usage(problem, "a pattern such as vscode://file/{file}:{line}:{col}");
      line_.run = CommandLine::Run::Preview;
      return std::move(line_);
    }
    return engine_request(c);
  }

  // preview --editor (else $JIXIAO_EDITOR): a URL with a scheme and {file}, or the page
  // would offer links that open nothing.
  std::string bad_editor() {
    std::string option = "--editor";
    if (line_.editor.empty()) {
      const char* env = std::getenv("JIXIAO_EDITOR");
      if (!env || !*env) return "";
      line_.editor = env;
      option = "JIXIAO_EDITOR";
    }
    std::size_t colon = line_.editor.find(':');
    bool scheme = colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(line_.editor[0])) &&
                  line_.editor.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") == colon;
    if (!scheme || line_.editor.find("{file}") == std::string::npos)
      return option + ": '" + line_.editor + "' is not a URL pattern with a scheme and {file}";
    return "";
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
    return usage("no command '" + help_topic_ + "'; the commands are render, score, check, templates, preview, merge",
                 did_you_mean(help_topic_, command_names()));
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

  bool zh_;
  CLI::App app_{"", "jixiao"};
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
  // The help's language is chosen before the parser is built: its texts are set up with it.
  std::string lang;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) lang = argv[i + 1];
    else if (arg.rfind("--lang=", 0) == 0) lang = arg.substr(7);
  }
  if (lang != "zh" && lang != "en") lang = language_from_environment();
  CommandLine line = Parser(lang == "zh").parse(argc, argv);
  line.argv.assign(argv, argv + argc);
  return line;
}

}  // namespace jixiao::app
