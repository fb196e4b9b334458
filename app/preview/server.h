// The preview's HTTP side (cpp-httplib): the web page, pdf.js, the PDF, the state, the event
// stream and the watched files' text, on 127.0.0.1 only. Endpoints: docs/preview.md.
#pragma once
#include <httplib.h>

#include <string>

#include "preview/connections.h"
#include "preview/events.h"
#include "preview/session.h"

namespace jixiao::preview {

class Server {
 public:
  explicit Server(Session& session);

  // Binds 127.0.0.1: port -1 tries 8030 to 8049, 0 takes any free port, another port
  // only that one. Returns the port, or -1 with why in error.
  int bind(int port, std::string& error);
  // Serves until stop(); on its own thread.
  void run();
  void stop();

 private:
  void routes();
  // Refuses requests whose target or Host is not what this page sends (see the .cpp).
  bool refused(const httplib::Request& req, httplib::Response& res) const;

  Session& session_;
  EventStreams streams_;
  GuardedServer http_;
  int port_ = 0;
  std::string web_dir_, pdfjs_dir_;  // real paths
};

}  // namespace jixiao::preview
