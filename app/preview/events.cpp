#include "preview/events.h"

#include <chrono>
#include <memory>
#include <string>

namespace jixiao::preview {
namespace {

std::string event_text(int n, bool ok) {
  return "event: render\ndata: {\"n\":" + std::to_string(n) + ",\"ok\":" + (ok ? "true" : "false") + "}\n\n";
}

bool send(httplib::DataSink& sink, const std::string& text) { return sink.write(text.data(), text.size()); }

}  // namespace

void serve_events(Session& session, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  auto seen = std::make_shared<int>(-1);  // the last render number sent on this stream
  res.set_chunked_content_provider("text/event-stream", [&session, seen](std::size_t, httplib::DataSink& sink) {
    if (*seen < 0) {
      std::shared_ptr<const Snapshot> s = session.snapshot();
      *seen = s ? s->n : 0;
      return send(sink, event_text(*seen, s && s->ok));
    }
    // One call of this provider per event or keep-alive; it blocks (a thread per stream).
    std::vector<RenderEvent> events = session.wait_events(*seen, std::chrono::seconds(15));
    if (session.stopped()) {
      sink.done();
      return true;
    }
    if (events.empty()) return send(sink, ": keep-alive\n\n");
    for (const auto& e : events) {
      if (!send(sink, event_text(e.n, e.ok))) return false;
      *seen = e.n;
    }
    return true;
  });
}

}  // namespace jixiao::preview
