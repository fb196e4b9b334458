#include "preview/events.h"

#include <algorithm>
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/lang.h"
#include "preview/connections.h"

namespace jixiao::preview {
namespace {

std::string event_text(int n, bool ok) {
  return "event: render\ndata: {\"n\":" + std::to_string(n) + ",\"ok\":" + (ok ? "true" : "false") + "}\n\n";
}

// What the page shows when its stream was let go for a newer one, in the preview's language.
std::string dropped_text(const std::string& lang) {
  std::string message = "more than " + std::to_string(EventStreams::kMaxStreams) +
                        " pages follow this preview: this one, the oldest, no longer does; reload it to follow again";
  nlohmann::json data = {{"code", "preview.streams"}, {"message", translate("preview.streams", message, lang)}};
  return "event: dropped\ndata: " + data.dump() + "\n\n";
}

bool send(httplib::DataSink& sink, const std::string& text) { return sink.write(text.data(), text.size()); }

}  // namespace

void EventStreams::serve(httplib::Response& res) {
  GuardedServer::this_connection_streams();
  auto stream = std::make_shared<Stream>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open_.push_back(stream);
    if (open_.size() > kMaxStreams) {
      open_.front()->dropped = true;
      open_.pop_front();
    }
  }
  session_.wake();  // the dropped stream waits for renders: it sees the flag now
  res.set_header("Cache-Control", "no-store");
  auto seen = std::make_shared<int>(-1);  // the last render number sent on this stream
  Session& session = session_;
  res.set_chunked_content_provider(
      "text/event-stream",
      [&session, seen, stream](std::size_t, httplib::DataSink& sink) {
        if (*seen < 0) {
          std::shared_ptr<const Snapshot> s = session.snapshot();
          *seen = s ? s->n : 0;
          return send(sink, event_text(*seen, s && s->ok));
        }
        // One call of this provider per event or keep-alive; it blocks (a thread per stream).
        std::vector<RenderEvent> events = session.wait_events(*seen, std::chrono::seconds(15), &stream->dropped);
        if (stream->dropped) {
          if (send(sink, dropped_text(session.lang()))) sink.done();
          return true;
        }
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
      },
      [this, stream](bool) { close(stream); });
}

void EventStreams::close(const std::shared_ptr<Stream>& s) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.erase(std::remove(open_.begin(), open_.end(), s), open_.end());
}

}  // namespace jixiao::preview
