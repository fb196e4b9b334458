#include "preview/preview.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "preview/server.h"
#include "preview/session.h"
#include "preview/watcher.h"

namespace jixiao::app {

// Threads: this one waits for SIGINT/SIGTERM; the watcher's renders; httplib's listener and
// its pool of handlers. The signals are blocked before any thread starts, so only sigwait
// here takes them: a stop is an ordinary return through the destructors, exit status 0.
int run_preview(const CommandLine& line) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);  // a browser closing its tab mid-response is no reason to die

  preview::Session session(line.options, line.request.data_file, line.editor);
  preview::Watcher watcher(session);
  std::string error;
  if (!watcher.open(error)) {
    std::cerr << "jixiao: " << error << "\n";
    return 1;
  }
  watcher.add_watches();  // before the first render: a save during it is not lost
  preview::Server server(session);
  int port = server.bind(line.port, error);
  if (port < 0) {
    std::cerr << "jixiao: " << error << "\n";
    return 1;
  }
  session.render({});
  watcher.add_watches();

  std::thread renders([&] { watcher.run(); });
  std::thread http([&] { server.run(); });
  const bool zh = line.options.lang == "zh";
  // The same in both languages: scripts and the tests read the port from it.
  std::printf("jixiao preview: http://127.0.0.1:%d/\n", port);
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, zh ? "jixiao 预览：收到 %s，停止\n" : "jixiao preview: stopping (%s)\n",
               sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
  session.stop();  // ends the event streams
  watcher.stop();  // after the render under way, if any
  server.stop();
  renders.join();
  http.join();
  return 0;
}

}  // namespace jixiao::app
