// Every command in both languages, good runs and bad: with --lang zh no English word may be
// left in what a user reads (outside names, codes, paths and values), and with --lang en no
// Chinese outside the forms' own terms (words of the data and of templates/). A word in the
// wrong language anywhere here is a catalog entry or a string in app/ that was missed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diag/utf8.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const std::string kExamples = test::source_path("examples");

// English words left in text once names, codes, paths and values are taken out.
std::set<std::string> english_words(const std::string& text) {
  // Order matters: quoted values and paths go before the words inside them are looked at.
  static const std::vector<std::regex> names = {
      std::regex(R"('[^'\n]*'|"[^"\n]*"|`[^`\n]*`|\{[^}\n]*\})"),   // quoted values, bindings
      std::regex(R"(\b[a-z]+://\S*)"),                                  // URLs, editor links
      std::regex(R"([\w.\-~…]*/[\w.\-/~…]*)"),                        // paths and JSON pointers
      std::regex(R"([\w\-.]*\.(json|jsonl|xml|pdf|ofd|csv|xlsx|md|ttf|otf|ttc)\b)"),  // files, .jsonl
      std::regex(R"(\b[a-z]+(\.[a-z][a-z0-9\-]*)+\b)"),               // codes: model.type
      std::regex(R"((^|[^\w\-])--?[A-Za-z][\w\-]*)"),                 // options
      std::regex(R"(\b\w+=)"),                                          // attributes: rules="…"
      std::regex(R"(\b\w+(-\w+)+\b)"),                                // ids: mof-project-selfeval-2020, ua-1
      std::regex(R"(\b\w+ -?[0-9][0-9.]*)"),                            // a value's name and number
      std::regex(R"(\b\w+(, \w+)+)"),                                  // lists of names: id, label, …
      std::regex(R"(\b\w*[_0-9]\w*\b)"),                              // identifiers, numbers
      std::regex(R"(\b[A-Z][A-Z]+\b)"),                               // PDF, DIR, LANG
  };
  // Names that are words: the program, its commands and option values, and two formats.
  static const std::set<std::string> allowed = {"jixiao", "render", "score",   "check", "templates", "preview",
                                                "merge",  "help",   "en",      "zh",    "pdf",       "ofd",
                                                "error",  "warning", "none",   "sRGB",  "Lines",     "git"};
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    for (const auto& re : names) line = std::regex_replace(line, re, " ");
    static const std::regex word(R"([A-Za-z]{2,})");
    for (std::sregex_iterator it(line.begin(), line.end(), word), end; it != end; ++it)
      if (!allowed.count(it->str())) out.insert(it->str());
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

// The forms' own terms: every file of examples/ and templates/, where each Chinese run of
// English output must be found.
const std::string& form_terms() {
  static const std::string corpus = [] {
    std::string all;
    for (const char* dir : {"examples", "templates"})
      for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir)))
        if (e.is_regular_file()) all += test::slurp(e.path().string()) + "\n";
    return all;
  }();
  return corpus;
}

// Runs of Chinese in text that the forms do not use.
std::set<std::string> chinese_words(const std::string& raw) {
  static const std::regex quoted(R"('[^'\n]*'|"[^"\n]*")");  // values the user gave
  const std::string text = std::regex_replace(raw, quoted, " ");
  std::set<std::string> out;
  std::string run;
  auto flush = [&] {
    if (!run.empty() && form_terms().find(run) == std::string::npos) out.insert(run);
    run.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    if (!next_code_point(text, i, c)) continue;
    if (is_cjk(c)) append_utf8(run, c);
    else flush();
  }
  flush();
  return out;
}

// What a user reads of a summary file: a findings.json's messages (its keys and status
// values stay English for programs, docs/bulk-summary.md), a CSV whole.
std::string readable(const std::string& path) {
  std::string text = test::slurp(path);
  if (!path.ends_with(".json")) return text;
  std::string out;
  const nlohmann::json findings = nlohmann::json::parse(text);  // kept: the loop reads into it
  for (const auto& doc : findings["documents"])
    for (const auto& f : doc["findings"]) {
      for (const char* key : {"message", "expected", "got"})
        if (f.contains(key)) out += f[key].get<std::string>() + "\n";
      if (f.contains("hints"))
        for (const auto& h : f["hints"]) out += h.get<std::string>() + "\n";
    }
  return out;
}

struct Sweep {
  std::string dir = test::temp_dir("lang-sweep");
  std::vector<std::string> failures;

  // Runs jixiao ARGS in both languages and keeps every word in the wrong one. The output
  // files a run writes (summaries) are read too when named.
  void run(const std::string& args, const std::vector<std::string>& files = {}) {
    for (const std::string lang : {"zh", "en"}) {
      // --lang last: `rendr x.json --lang zh` must find it too. A command line with a '|'
      // or '&' of its own puts {lang} where --lang goes.
      std::string line = args.find("{lang}") == std::string::npos ? args + " --lang " + lang
                                                                  : test::replace_all(args, "{lang}", "--lang " + lang);
      auto r = test::run_jixiao(line);
      std::string text = r.out + r.err;
      for (const auto& f : files)
        if (test::file_exists(dir + "/" + f)) text += readable(dir + "/" + f);
      auto wrong = lang == "zh" ? english_words(text) : chinese_words(text);
      for (const auto& w : wrong) failures.push_back("--lang " + lang + " " + args + ": '" + w + "'");
      if (!wrong.empty()) std::fprintf(stderr, "--lang %s %s:\n%s\n", lang.c_str(), args.c_str(), text.c_str());
    }
  }

  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir + "/" + name;
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path) << text;
    return path;
  }
};

std::string example(const std::string& name) { return kExamples + "/" + name; }

}  // namespace

TEST_CASE("lang sweep: the word checkers find what they must and pass what they must", "[cli][lang][sweep]") {
  CHECK(english_words("jixiao: 已写出 a.pdf（1 页）").empty());
  CHECK(english_words("x.json:3:5: /projects/0/name: 错误：'nmae' 不是字段 {p.nmae}；model.type").empty());
  CHECK(english_words("  -j,--jobs N  批量：JSON Lines 文件（.jsonl）SOURCE_DATE_EPOCH").empty());
  CHECK(english_words("jixiao: 14/14 documents") == std::set<std::string>{"documents"});
  CHECK(english_words("错误：cannot read") == std::set<std::string>{"cannot", "read"});
  CHECK(chinese_words("total 92 / 100  grade 优; 预算执行率 10").empty());
  CHECK(chinese_words("error: 无法读取 x") == std::set<std::string>{"无法读取"});
  CHECK(chinese_words("got string \"效果目标\"").empty());
}

TEST_CASE("lang sweep: every command, good runs and bad, in one language at a time", "[cli][lang][sweep]") {
  Sweep s;
  const std::string d = s.dir;
  // Help and usage errors.
  s.run("--help");
  for (const char* c : {"render", "score", "check", "templates", "preview", "merge", "help"}) {
    s.run(std::string("help ") + c);
    s.run(std::string(c) + " --help");
  }
  s.run("rendr x.json");
  s.run("help bulk");
  s.run("render");
  s.run("render x.json");
  s.run("render --ouput x.pdf x.json");
  s.run("score a.json b.json");
  s.run("templates x.json");
  s.run("merge");
  s.run("render x.json -o " + d + "/o/ -j 0");
  s.run("render x.json -o " + d + "/o/ --format xyz");
  s.run("render x.json -o " + d + "/o/ --fail-on never");
  s.run("render x.json -o " + d + "/o/ --shard 5/2");
  s.run("render x.json -o " + d + "/x.pdf --date yesterday");
  s.run("render x.json -o " + d + "/x.pdf --pdf-standard a-3");
  s.run("preview x.json --port 99999");
  s.run("templates --templates " + d + "/nowhere");
  s.run("score " + example("mof-2020-project-selfeval.json") + " --port 3");

  // Good runs: every example scored and checked, one rendered.
  for (const auto& e : fs::directory_iterator(kExamples)) {
    if (e.path().extension() != ".json") continue;
    s.run("score " + e.path().string());
    s.run("check " + e.path().string());
  }
  s.run("render " + example("shenzhen-2020-department-selfeval.json") + " -o " + d + "/dept.pdf");
  s.run("render " + example("mof-2020-project-selfeval.json") + " -o " + d + "/nowhere/x.pdf");
  s.run("templates");
  s.run("templates --check");

  // Bad data: a missing file, JSON syntax, a wrong type, a misspelt field, a bad enum value,
  // an unknown form.
  auto data = nlohmann::json::parse(test::slurp(example("suzhou-2021-project-selfeval.json")));
  data.erase("$schema");
  s.run("check " + d + "/missing.json");
  s.run("check " + s.write("syntax.json", "{\"form\": \"x\" \"b\": 1}"));
  s.run("check " + s.write("trailing.json", "{\"form\": \"x\",}"));
  auto typed = data;
  typed["projects"][0]["indicators"][2]["score"] = "六";
  s.run("check " + s.write("typed.json", typed.dump(2)));
  auto misspelt = data;
  misspelt["projects"][0]["nmae"] = misspelt["projects"][0]["name"];
  s.run("render " + s.write("misspelt.json", misspelt.dump(2)) + " -o " + d + "/m.pdf");
  auto category = data;
  category["projects"][0]["indicators"][12]["category"] = "效果目标";
  s.run("score " + s.write("category.json", category.dump(2)));
  auto form = data;
  form["form"] = "suzhou-project-selfeval-2012";
  s.run("check " + s.write("form.json", form.dump(2)));

  // Bad templates: a misspelt binding, a rule set with an unknown key.
  std::string t = d + "/t";
  s.write("t/forms/x.xml", "<form id=\"x\" schema=\"nope\">\n<p>{p.nmae}</p>\n</form>\n");
  auto rules = nlohmann::json::parse(test::slurp(test::source_path("templates/rules/suzhou-2021.json")));
  rules["id"] = "bad";
  rules["remainders"] = "first";
  s.write("t/rules/bad.json", rules.dump(2));
  s.run("templates --check --templates " + t);

  // Bulk: progress, failures, the summary files, then merge of shards.
  std::string in = d + "/in";
  fs::create_directories(in);
  for (const char* e : {"mof-2020-project-selfeval.json", "suzhou-2021-project-selfeval.json"})
    fs::copy_file(example(e), in + "/" + e);
  s.write("in/broken.json", "{\"form\": ");
  s.run("render " + in + " -o " + d + "/bulk/ -j 2", {"bulk/summary.csv", "bulk/findings.json"});
  s.run("render " + in + " -o " + d + "/shards/ --shard 0/2");
  s.run("merge " + d + "/shards/");

  // The preview's log on the terminal: its address, a render, a stop. SIGTERM, once the
  // address is out: a background job of sh ignores SIGINT until the preview blocks it, and a
  // slow start (a sanitizer build) would miss a signal sent at a fixed time.
  std::string log = d + "/preview.log";
  s.run("preview " + example("mof-2020-project-selfeval.json") + " --port 0 {lang} >" + log + " 2>&1 & p=$!; " +
        "for i in $(seq 600); do grep -q 'http://127' " + log + " && break; sleep 0.1; done; kill -TERM $p; wait $p; cat " +
        log);

  for (const auto& f : s.failures) std::fprintf(stderr, "wrong language: %s\n", f.c_str());
  CHECK(s.failures.empty());
}
