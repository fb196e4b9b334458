// Template roots as a careless clerk or an attacker leaves them: a form, rule set, schema or
// prefill map that is a symbolic link out of its root (to /etc/passwd, or to a good file
// elsewhere), and directory options naming no directory. The real CLI and the real preview.
#include <signal.h>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "preview/child.h"
#include "support/support.h"

using namespace jixiao::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A copy of the mof example and the templates, rendered with --templates.
struct Copy {
  PreviewDir files = copy_example(kMofExample, kMofForm);
  std::string out = files.dir + "/out.pdf";
  BoundedResult render(const std::string& extra = "") const {
    return run_jixiao_bounded("render " + files.data_file + " -o " + out + " --templates " + files.templates + extra);
  }
};

// Replaces path by a symbolic link to target (made beside it and renamed over it, as a save).
void link_over(const std::string& target, const std::string& path) {
  std::string tmp = path + ".linking";
  fs::remove(tmp);
  fs::create_symlink(target, tmp);
  fs::rename(tmp, path);
}

// The file outside the root a link leads to: a good copy of what it replaces, so that only
// where it lies is wrong.
std::string copy_outside(const Copy& c, const std::string& sub, const std::string& file) {
  std::string outside = c.files.dir + "/elsewhere-" + file;
  fs::copy_file(c.files.templates + "/" + sub + "/" + file, outside, fs::copy_options::overwrite_existing);
  return outside;
}

}  // namespace

TEST_CASE("a form that is a link to /etc/passwd is refused naming the file and its root and where it leads") {
  Copy c;
  link_over("/etc/passwd", c.files.form_file);
  BoundedResult r = c.render();
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.seconds < hostile_seconds());
  CHECK(has(r.err, c.files.form_file + ": error: forms/mof-project-selfeval-2020.xml leads outside its template directory " +
                       c.files.templates + "; expected a file inside " + c.files.templates));
  CHECK(has(r.err, "got /etc/passwd"));
  CHECK_FALSE(has(r.err, "root:"));
  CHECK_FALSE(file_exists(c.out));

  auto zh = run_jixiao("check " + c.files.data_file + " --lang zh --templates " + c.files.templates);
  CHECK(zh.exit_code == 2);
  CHECK(has(zh.err, "指向其模板目录 " + c.files.templates + " 之外"));

  auto check = run_jixiao("templates --check --templates " + c.files.templates);
  CHECK(check.exit_code == 2);
  CHECK(has(check.err, c.files.form_file + ": error: forms/mof-project-selfeval-2020.xml leads outside"));
  auto list = run_jixiao("templates --templates " + c.files.templates);
  CHECK(list.exit_code == 2);
  CHECK_FALSE(has(list.out, "mof-project-selfeval-2020\t"));  // neither the link nor the built-in form
}

TEST_CASE("a rule set or schema or prefill map linked from outside its root is refused even when it is a good one") {
  for (const auto& [sub, file] : std::vector<std::pair<std::string, std::string>>{
           {"rules", "mof-2020.json"},
           {"schemas", "mof-project-selfeval.schema.json"},
           {"prefill", "mof-project-selfeval-2020.json"}}) {
    INFO(sub << "/" << file);
    Copy c;
    std::string outside = sub == "prefill" ? copy_outside(c, "prefill", "suzhou-project-selfeval-2021.json")
                                           : copy_outside(c, sub, file);
    std::string link = c.files.templates + "/" + sub + "/" + file;
    link_over(outside, link);
    BoundedResult r = c.render();
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.seconds < hostile_seconds());
    CHECK(has(r.err, link + ": error: " + sub + "/" + file + " leads outside its template directory " + c.files.templates));
    CHECK(has(r.err, "got " + fs::canonical(outside).string()));
    CHECK_FALSE(file_exists(c.out));
    auto check = run_jixiao("templates --check --templates " + c.files.templates);
    CHECK(check.exit_code == 2);
    CHECK(has(check.err, link + ": error: " + sub + "/" + file + " leads outside"));
  }
}

TEST_CASE("a link that stays inside its root and a root that is itself a link keep working") {
  Copy c;
  fs::create_directories(c.files.templates + "/kept");
  fs::rename(c.files.form_file, c.files.templates + "/kept/mof-project-selfeval-2020.xml");
  link_over("../kept/mof-project-selfeval-2020.xml", c.files.form_file);
  BoundedResult r = c.render();
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(file_exists(c.out));
  std::string root_link = c.files.dir + "/templates-link";
  fs::create_directory_symlink(c.files.templates, root_link);
  auto via_link = run_jixiao("render " + c.files.data_file + " -o " + c.files.dir + "/b.pdf --templates " + root_link);
  INFO(via_link.err);
  CHECK(via_link.exit_code == 0);
  CHECK(run_jixiao("templates --check --templates " + root_link).exit_code == 0);
}

TEST_CASE("the preview neither watches nor serves a form linked out of its root but a link inside works") {
  Copy c;
  link_over("/etc/passwd", c.files.form_file);
  Child child{{"preview", c.files.data_file, "--templates", c.files.templates, "--port", "0"}};
  int port = port_of(child.first_line());
  REQUIRE(port > 0);
  Reply st = get(port, "/state");
  REQUIRE(st.status == 200);
  CHECK_FALSE(has(st.body, "root:"));
  nlohmann::json s = nlohmann::json::parse(st.body);
  CHECK(s["ok"] == false);
  REQUIRE(!s["diagnostics"].empty());
  CHECK(s["diagnostics"][0]["code"] == "template.outside-root");
  CHECK(s["diagnostics"][0]["source_line"].is_null());
  std::vector<std::string> watching = s["watching"];
  CHECK(std::count(watching.begin(), watching.end(), c.files.form_file) == 0);
  Reply source = get(port, "/source?file=" + httplib::detail::encode_query_param(c.files.form_file));
  CHECK(source.status == 404);
  CHECK_FALSE(has(source.body, "root:"));

  // Now a link that stays in the root: rendered, watched and served.
  std::string kept = c.files.templates + "/kept.xml";
  fs::copy_file(source_path("templates/forms/mof-project-selfeval-2020.xml"), kept);
  link_over("../kept.xml", c.files.form_file);
  s = wait_for_render(port, 2);
  CHECK(s["ok"] == true);
  source = get(port, "/source?file=" + httplib::detail::encode_query_param(c.files.form_file));
  CHECK(source.status == 200);
  CHECK(source.body == slurp(kept));

  // A watched file outside every root (a font file) is watched but never served.
  CHECK(get(port, "/source?file=/etc/passwd").status == 404);
  for (const std::string f : s["watching"]) {
    if (f.size() < 4 || (f.substr(f.size() - 4) != ".otf" && f.substr(f.size() - 4) != ".ttf" && f.substr(f.size() - 4) != ".ttc"))
      continue;
    INFO(f);
    CHECK(get(port, "/source?file=" + httplib::detail::encode_query_param(f)).status == 404);
  }
  CHECK(child.stop(SIGTERM) == 0);
}

TEST_CASE("a directory option naming no directory is a usage error naming the option and the path") {
  std::string dir = temp_dir("no-dir");
  std::string file = dir + "/a-file";
  std::ofstream(file) << "x";
  std::string data = source_path(kMofExample);
  std::string out = dir + "/out.pdf";
  for (const std::string option : {"--templates", "--data-dir", "--font-dir", "--declaration-dir"}) {
    for (const std::string& command : std::vector<std::string>{"render " + data + " -o " + out, "check " + data, "score " + data,
                                                               "preview " + data + " --port 0", "templates"}) {
      if (command == "templates" && (option == "--font-dir" || option == "--declaration-dir")) continue;
      if (command.rfind("score", 0) == 0 && option == "--font-dir") continue;
      if (command.rfind("check", 0) == 0 && option == "--font-dir") continue;
      INFO(command << " " << option);
      BoundedResult missing = run_jixiao_bounded(command + " " + option + " " + dir + "/nowhere");
      CHECK(missing.exit_code == 1);
      CHECK(has(missing.err, "jixiao: " + option + " '" + dir + "/nowhere' does not exist; expected a directory"));
      BoundedResult not_dir = run_jixiao_bounded(command + " " + option + " " + file);
      CHECK(not_dir.exit_code == 1);
      CHECK(has(not_dir.err, "jixiao: " + option + " '" + file + "' is not a directory"));
      CHECK(missing.out.empty());  // a preview never started: no address line
    }
  }
  CHECK_FALSE(file_exists(out));
  auto zh = run_jixiao("render " + data + " -o " + out + " --lang zh --templates " + dir + "/nowhere");
  CHECK(zh.exit_code == 1);
  CHECK(has(zh.err, "--templates '" + dir + "/nowhere' 不存在；应为目录"));
  auto no_templates = run_jixiao("check " + data + " --data-dir " + dir);
  CHECK(no_templates.exit_code == 1);
  CHECK(has(no_templates.err, "--data-dir '" + dir + "' has no templates/ directory"));
}
