// The preview's connections: its own accept loop and sockets under httplib's request
// handling, so that no client can starve the page. httplib 0.11's loop gives a connection a
// pool thread from accept to close and queues the rest; its read timeout starts again with
// every byte, so a client sending a header line every 3 s held a thread for ever: 300 event
// streams or 40 slow clients left /state unanswered. Limits: docs/preview.md.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>

namespace jixiao::preview {

struct ConnectionLimits {
  std::size_t connections = 64;                  // open at once, a thread each
  std::chrono::milliseconds idle{5000};          // for a request's first byte (keep-alive too)
  std::chrono::milliseconds headers{2000};       // from that byte to the end of its headers
  std::chrono::milliseconds response{30000};     // to send a response; event streams excepted
  std::chrono::milliseconds progress{5000};      // for one read or write to move
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits = {});
  ~GuardedServer() override;

  // After bind_to_port or bind_to_any_port: accepts and serves until stop_serving(), on the
  // calling thread; returns once every connection is closed.
  void serve();
  // Any thread, also before serve(): closes the listening socket and every connection.
  void stop_serving();

  // For a handler, about the request it handles: its connection carries an event stream (no
  // response deadline, never closed to make room, closed when the stream ends).
  static void this_connection_streams();
  // … its connection is closed once the answer is sent (a body that was not read follows).
  static void close_this_connection();

 private:
  enum class Phase { Queued, Idle, Reading, Responding, Streaming };  // Queued: for a thread
  struct Connection {
    int fd = -1;
    Phase phase = Phase::Idle;
    std::chrono::steady_clock::time_point since, deadline;  // of this phase
    bool cut = false;  // shut down to make room, or by stop_serving
    bool last = false;  // close after this answer (its own thread only)
  };
  using Clock = std::chrono::steady_clock;
  class Stream;

  // On the accept thread: a thread for fd, after closing the connection idle or reading the
  // longest when all are taken.
  void admit(int fd);
  Connection* longest_waiting();  // idle or reading; under mutex_
  std::size_t live() const;       // not cut; under mutex_
  void wake();                    // the accept loop: a connection ended, or stop
  void serve_connection(std::list<Connection>::iterator c);
  void enter(Connection& c, Phase phase, std::chrono::milliseconds limit);

  ConnectionLimits limits_;
  // Started with the server, before its address is printed: a client that comes at once
  // is served at once.
  httplib::ThreadPool pool_;
  bool pool_joined_ = false;
  int wake_fd_ = -1;  // eventfd
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;  // guards the connections' phases and the list; fds are closed under it
  std::list<Connection> open_;
};

}  // namespace jixiao::preview
