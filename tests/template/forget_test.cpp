// Engine::forget: a changed template is loaded again, what did not change stays cached.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "jixiao.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

void replace_in(const std::string& file, const std::string& from, const std::string& to) {
  std::string text = test::slurp(file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("forget: a changed template is read again at the next run", "[template][forget]") {
  // A user's template directory holding a copy of the MOF form, shadowing the built-in one.
  const auto dir = test::temp_dir("forget");
  fs::create_directories(dir + "/forms");
  const std::string form = dir + "/forms/mof-project-selfeval-2020.xml";
  fs::copy_file(test::source_path("templates/forms/mof-project-selfeval-2020.xml"), form);
  Options opt;
  opt.template_dirs = {dir};
  opt.date = 1640995200;
  Engine engine(opt);
  Request req;
  req.data_file = test::source_path("examples/mof-2020-project-selfeval.json");
  req.pdf_in_memory = true;
  req.page_map = true;
  Result first = engine.run(req);
  REQUIRE(first.exit_code() == 0);
  CHECK(first.inputs.at(1) == form);
  CHECK(first.page_map.find("项目支出绩效自评表") != std::string::npos);

  replace_in(form, ">项目支出绩效自评表</p>", ">项目支出绩效自评表（改）</p>");
  CHECK(engine.run(req).page_map.find("自评表（改）") == std::string::npos);  // still cached
  engine.forget({dir + "/./forms/../forms/mof-project-selfeval-2020.xml"});  // any spelling
  Result second = engine.run(req);
  REQUIRE(second.exit_code() == 0);
  CHECK(second.page_map.find("自评表（改）") != std::string::npos);

  // A syntax error: the run fails naming the template, which stays among the inputs.
  replace_in(form, "</form>", "</frm>");
  engine.forget({form});
  Result broken = engine.run(req);
  CHECK(broken.exit_code() == 2);
  CHECK(broken.pdf.empty());
  CHECK(std::find(broken.inputs.begin(), broken.inputs.end(), form) != broken.inputs.end());
  replace_in(form, "</frm>", "</form>");
  engine.forget({form});
  CHECK(engine.run(req).exit_code() == 0);
}
