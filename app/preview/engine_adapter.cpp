#include "preview/engine_adapter.h"

namespace jixiao::preview {

EngineRun run_engine(Engine& engine, const std::string& data_file, const std::vector<std::string>& changed,
                     bool debug) {
  if (!changed.empty()) engine.forget(changed);
  Request req;
  req.action = Request::Action::Render;
  req.data_file = data_file;
  req.pdf_in_memory = true;
  req.page_map = !debug;
  req.debug_layout = debug;
  EngineRun out;
  out.result = engine.run(req);
  out.pdf = std::move(out.result.pdf);
  out.page_map = std::move(out.result.page_map);
  out.inputs = out.result.inputs;
  return out;
}

}  // namespace jixiao::preview
