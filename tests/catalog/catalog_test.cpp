// The catalog: definitions loaded once (failures too), shared by runs as immutable
// shared_ptrs, and forget() replacing entries while runs hold the old ones — so a preview's
// forget() may run beside renders (this test runs under TSan in scripts/tsan.sh and under
// ASan in scripts/sanitize.sh).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "catalog/catalog.h"
#include "jixiao.h"
#include "layout/fonts.h"
#include "scoring/scoring.h"
#include "support/support.h"
#include "template/template.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const char* kForm = "templates/forms/mof-project-selfeval-2020.xml";
const char* kRules = "templates/rules/mof-2020.json";
const char* kExample = "examples/mof-2020-project-selfeval.json";

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

Result render(Engine& engine, const std::string& data) {
  Request req;
  req.data_file = data;
  req.pdf_in_memory = true;
  return engine.run(req);
}

// A template root holding a copy of the mof form (and what it names) under test's name.
std::string copied_root(const std::string& name) {
  std::string dir = test::temp_dir(name);
  for (const char* f : {kForm, kRules, "templates/schemas/mof-project-selfeval.schema.json"})
    write(dir + "/" + fs::path(f).parent_path().filename().string() + "/" + fs::path(f).filename().string(),
          test::slurp(test::source_path(f)));
  return dir;
}

}  // namespace

TEST_CASE("a broken template is loaded once and its errors given to every run", "[catalog]") {
  std::string dir = copied_root("catalog-broken");
  write(dir + "/forms/mof-project-selfeval-2020.xml", "<form id=\"mof-project-selfeval-2020\"><table>");
  Options opt;
  opt.template_dirs = {dir};
  Engine engine(opt);
  std::size_t before = engine.catalog().loads();
  Result first = render(engine, test::source_path(kExample));
  Result second = render(engine, test::source_path(kExample));
  CHECK(engine.catalog().loads() == before + 1);  // the template once; nothing after it
  REQUIRE(first.diagnostics.has_errors());
  REQUIRE(first.diagnostics.all().size() == second.diagnostics.all().size());
  CHECK(format(first.diagnostics.all()[0]) == format(second.diagnostics.all()[0]));
  CHECK(first.diagnostics.all()[0].file == dir + "/forms/mof-project-selfeval-2020.xml");
  // Mended and forgotten, it loads again.
  write(dir + "/forms/mof-project-selfeval-2020.xml", test::slurp(test::source_path(kForm)));
  engine.forget({dir + "/forms/mof-project-selfeval-2020.xml"});
  CHECK(render(engine, test::source_path(kExample)).exit_code() != 2);
}

TEST_CASE("forget() replaces an entry, a holder keeps the old definition", "[catalog]") {
  std::string dir = copied_root("catalog-forget");
  Catalog catalog(CatalogOptions{{}, {dir}, {}});
  DiagnosticSink sink;
  auto held = catalog.form("mof-project-selfeval-2020", "data.json", sink);
  REQUIRE(held);
  auto rules = catalog.rules(*held, sink);
  REQUIRE(rules);
  CHECK(catalog.form("mof-project-selfeval-2020", "data.json", sink) == held);  // the same object
  std::string rules_file = dir + "/rules/mof-2020.json";
  write(rules_file, test::replace_all(test::slurp(rules_file), "\"mof-2020\"", "\"mof-2020-copy\""));
  catalog.forget({dir + "/forms/../rules/mof-2020.json"});  // named another way: the same file
  DiagnosticSink after;
  CHECK(catalog.rules(*held, after) == nullptr);  // loaded anew: its id is now wrong
  REQUIRE(after.has_errors());
  CHECK(after.all()[0].code == "rules.id");
  CHECK(rules->id == "mof-2020");  // what a run took stays whole
  CHECK(catalog.form("mof-project-selfeval-2020", "data.json", sink) == held);  // not forgotten
  CHECK(!sink.has_errors());
}

TEST_CASE("one code for each file a form names and does not find", "[catalog]") {
  Catalog catalog(CatalogOptions{});
  Diagnostic d = catalog.missing(Catalog::Part::Rules, "no-such", "f.xml");
  CHECK(d.code == "template.rules");
  CHECK(format(d) == "f.xml: error: rule set 'no-such' not found; expected a file rules/no-such.json in a template directory");
  CHECK(catalog.missing(Catalog::Part::Schema, "x", "f.xml").code == "template.schema");
  CHECK(catalog.missing(Catalog::Part::Prefill, "x", "f.xml").code == "template.prefill");
  CHECK(catalog.find("forms", "../rules/mof-2020", ".json").empty());  // never a path out of forms/
  CHECK(catalog.find(Catalog::Part::Rules, "mof-2020") == test::source_path(kRules));
  DiagnosticSink sink;
  CHECK(catalog.form("no-such-form", "d.json", sink) == nullptr);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "model.unknown-form");
  CHECK(sink.all()[0].expected.find("mof-project-selfeval-2020") != std::string::npos);
}

TEST_CASE("forget() of a template, a rule set and the fonts in a loop while two threads render",
          "[catalog][threads]") {
  Options opt;
  opt.date = 1640995200;
  Engine engine(opt);
  const std::string data = test::source_path(kExample);
  Result reference = render(engine, data);
  REQUIRE(reference.exit_code() == 0);
  const std::string expected = reference.pdf;
  const int renders = test::sanitized() ? 4 : 12;
  std::atomic<int> running{2}, wrong{0}, forgets{0};
  auto worker = [&] {
    for (int i = 0; i < renders; ++i) {
      Result r = render(engine, data);
      if (r.exit_code() != 0 || r.pdf != expected) ++wrong;
    }
    --running;
  };
  std::thread a(worker), b(worker);
  const std::vector<std::string> changed = {test::source_path(kForm), test::source_path(kRules),
                                            test::source_path("fonts/fonts.json")};
  while (running > 0 || forgets < 3) {  // at least a few, also when renders are quick
    engine.forget(changed);
    ++forgets;
    std::this_thread::yield();
  }
  a.join();
  b.join();
  CHECK(wrong == 0);
  CHECK(forgets > 0);
  CHECK(render(engine, data).pdf == expected);
}
