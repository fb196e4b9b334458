// GET /events: a server-sent-events stream, one "render" event per re-render.
#pragma once
#include <httplib.h>

#include "preview/session.h"

namespace jixiao::preview {

// Streams on res: the current render at once, then each new one, and a ": keep-alive"
// comment every 15 s; ends when the client goes or the session stops.
void serve_events(Session& session, httplib::Response& res);

}  // namespace jixiao::preview
