// Fuzz target: the whole render (Engine::run, Render) of a fuzzed data file with the
// built-in templates, rule sets and fonts, one Engine kept across inputs as a bulk run
// keeps it. Besides crashes it stops on an "internal error" diagnostic (an exception the
// engine did not expect), on a PDF written although an error was reported, and on a
// success that wrote nothing.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "common.h"
#include "jixiao.h"

using namespace jixiao;

namespace {

Engine& engine() {
  static Engine* e = [] {
    Options o;
    o.date = 1614556800;  // fixed, as the tests do
    return new Engine(std::move(o));
  }();
  return *e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  engine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Request req;
  req.action = Request::Action::Render;
  req.data_file = fuzz::write_temp("data.json", data, size);
  req.output_file = fuzz::temp_dir() + "/out.pdf";
  ::unlink(req.output_file.c_str());
  Result res = engine().run(req);
  fuzz::abort_on_internal(res.diagnostics);
  bool written = ::access(req.output_file.c_str(), F_OK) == 0;
  int code = res.exit_code();
  if ((code == 2 && written) || (code != 2 && !written)) {
    std::fprintf(stderr, "fuzz: exit %d but the PDF was %swritten\n", code, written ? "" : "not ");
    for (const auto& d : res.diagnostics.all()) std::fprintf(stderr, "%s\n", format(d).c_str());
    std::abort();
  }
  ::unlink(req.output_file.c_str());
  return 0;
}
