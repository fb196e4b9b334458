// Ids: a form is found by its file's name, so the id inside must be that name. A copy still
// bearing the original's id, two files declaring one id, or a rule set whose id is not its
// file's name are errors (exit 2) naming both files, in `templates` and in render, score
// and check alike.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

const std::string kForm = "templates/forms/suzhou-project-selfeval-2021.xml";
const std::string kRules = "templates/rules/suzhou-2021.json";

// A user's directory with forms/, rules/ and the schema "suzhou-copy" accepting data of
// form `form`, and such data.
std::string user_dir(const std::string& form) {
  auto dir = test::temp_dir("ids");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/rules " + dir + "/schemas");
  write(dir + "/schemas/suzhou-copy.schema.json",
        test::replace_all(test::slurp(test::source_path("templates/schemas/suzhou-project-selfeval.schema.json")),
                    "\"suzhou-project-selfeval-2021\"", "\"" + form + "\""));
  json data = json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  data.erase("$schema");
  data["form"] = form;
  std::ofstream(dir + "/data.json") << data.dump(2);
  return dir;
}

// The shipped form copied under another file name, its root element changed as given.
void copy_form(const std::string& to, const std::string& id, const std::string& rules) {
  write(to, test::replace_all(test::slurp(test::source_path(kForm)),
                        "id=\"suzhou-project-selfeval-2021\" rules=\"suzhou-2021\" schema=\"suzhou-project-selfeval\"",
                        "id=\"" + id + "\" rules=\"" + rules + "\" schema=\"suzhou-copy\""));
}

// render, score and check of the data all fail the same way.
void every_command_fails_with(const std::string& dir, const std::vector<std::string>& parts) {
  for (const std::string command : {"render " + dir + "/data.json -o " + dir + "/out.pdf", "score " + dir + "/data.json",
                                    "check " + dir + "/data.json"}) {
    auto r = test::run_jixiao(command + " --templates " + dir);
    INFO(command << "\n" << r.err);
    CHECK(r.exit_code == 2);
    for (const auto& part : parts) CHECK(r.err.find(part) != std::string::npos);
  }
  CHECK_FALSE(test::file_exists(dir + "/out.pdf"));
}

}  // namespace

TEST_CASE("a copied form still bearing the original's id names both files", "[cli][ids]") {
  auto dir = user_dir("suzhou-2023");
  copy_form(dir + "/forms/suzhou-2023.xml", "suzhou-project-selfeval-2021", "suzhou-2021");
  std::vector<std::string> parts = {
      dir + "/forms/suzhou-2023.xml: error: the template's id is 'suzhou-project-selfeval-2021'; "
            "expected id=\"suzhou-2023\", the name of the file",
      "\n  hint: 'suzhou-project-selfeval-2021' is also the id of " + test::source_path(kForm) +
          ": give a copy an id of its own"};

  auto list = test::run_jixiao("templates --templates " + dir);
  INFO(list.err);
  CHECK(list.exit_code == 2);
  for (const auto& part : parts) CHECK(list.err.find(part) != std::string::npos);
  CHECK(list.out.find("suzhou-2023.xml") == std::string::npos);  // not listed as a second form of that id
  CHECK(list.out.find("suzhou-project-selfeval-2021\tsuzhou-2021\t") != std::string::npos);  // the original is

  every_command_fails_with(dir, parts);
}

TEST_CASE("two template files declaring one id", "[cli][ids]") {
  auto dir = user_dir("suzhou-2024");
  copy_form(dir + "/forms/suzhou-2023.xml", "suzhou-2023", "suzhou-2021");
  copy_form(dir + "/forms/suzhou-2024.xml", "suzhou-2023", "suzhou-2021");  // copied from 2023, id left
  std::vector<std::string> parts = {
      dir + "/forms/suzhou-2024.xml: error: the template's id is 'suzhou-2023'; expected id=\"suzhou-2024\"",
      "hint: 'suzhou-2023' is also the id of " + dir + "/forms/suzhou-2023.xml"};

  auto list = test::run_jixiao("templates --templates " + dir);
  INFO(list.err);
  CHECK(list.exit_code == 2);
  for (const auto& part : parts) CHECK(list.err.find(part) != std::string::npos);
  CHECK(list.out.find("suzhou-2023\tsuzhou-2021\tsuzhou-copy\t" + dir + "/forms/suzhou-2023.xml\n") == 0);

  every_command_fails_with(dir, parts);

  // Neither named after the id: each names the other.
  test::run_command("mv " + dir + "/forms/suzhou-2023.xml " + dir + "/forms/suzhou-2022.xml");
  list = test::run_jixiao("templates --templates " + dir);
  CHECK(list.exit_code == 2);
  CHECK(list.err.find("suzhou-2022.xml: error: the template's id is 'suzhou-2023'") != std::string::npos);
  CHECK(list.err.find("hint: 'suzhou-2023' is also the id of " + dir + "/forms/suzhou-2024.xml") != std::string::npos);
  CHECK(list.err.find("hint: 'suzhou-2023' is also the id of " + dir + "/forms/suzhou-2022.xml") != std::string::npos);
}

TEST_CASE("a rule set whose id is not its file name names the file and the id", "[cli][ids]") {
  auto dir = user_dir("suzhou-2023");
  copy_form(dir + "/forms/suzhou-2023.xml", "suzhou-2023", "suzhou-2023");
  write(dir + "/rules/suzhou-2023.json", test::slurp(test::source_path(kRules)));  // still "id": "suzhou-2021"
  std::vector<std::string> parts = {
      dir + "/rules/suzhou-2023.json: /id: error: the rule set's id 'suzhou-2021' is not its file name "
            "'suzhou-2023'; expected \"suzhou-2023\", got \"suzhou-2021\"",
      "hint: 'suzhou-2021' is the id of " + test::source_path(kRules)};

  auto list = test::run_jixiao("templates --templates " + dir);
  INFO(list.err);
  CHECK(list.exit_code == 2);
  for (const auto& part : parts) CHECK(list.err.find(part) != std::string::npos);
  CHECK(list.out.find("suzhou-2023") == std::string::npos);

  every_command_fails_with(dir, parts);

  // With its id put right the copy is a form like any other.
  write(dir + "/rules/suzhou-2023.json",
        test::replace_all(test::slurp(test::source_path(kRules)), "\"id\": \"suzhou-2021\"", "\"id\": \"suzhou-2023\""));
  list = test::run_jixiao("templates --templates " + dir);
  INFO(list.err);
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("suzhou-2023\tsuzhou-2023\tsuzhou-copy\t") == 0);
  auto score = test::run_jixiao("score " + dir + "/data.json --templates " + dir);
  INFO(score.err);
  CHECK(score.exit_code == 0);
}
