#include "preview/connections.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

namespace jixiao::preview {

namespace {

using ms = std::chrono::milliseconds;

// httplib listens with 5: a burst of clients waited for SYN retries (1 s). While all
// connections are taken, newcomers wait here.
constexpr int kBacklog = 1024;
constexpr std::size_t kRequestBytes = 64 * 1024;  // request line and headers (a GET has no body)
constexpr std::size_t kRequestsPerConnection = 100;
// How long a connection waits for a request, or reads one, before a newcomer may take its
// place when all are taken: a client sending its headers at once is never cut for another.
constexpr auto kGrace = ms(100);

thread_local void* t_connection = nullptr;  // the Connection this thread serves
thread_local GuardedServer* t_server = nullptr;

void address(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  auto* sa = reinterpret_cast<sockaddr*>(&a);
  if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return;
  char host[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&a);
    ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    port = ntohs(in->sin_port);
  } else if (a.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&a);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    port = ntohs(in6->sin6_port);
  }
  ip = host;
}

}  // namespace

// A socket whose reads and writes fail once the connection's phase is past its deadline,
// or when one does not move for `progress`; a request's line and headers are read from a
// budget of kRequestBytes (httplib keeps a whole line in memory, however long).
class GuardedServer::Stream : public httplib::Stream {
 public:
  Stream(const Connection& c, ms progress) : c_(c), progress_(progress) {}

  void start_request() { budget_ = kRequestBytes; }
  bool has_buffered() const { return off_ < len_; }

  bool is_readable() const override { return has_buffered() || wait(POLLIN); }
  bool is_writable() const override { return wait(POLLOUT); }

  ssize_t read(char* ptr, size_t size) override {
    if (!has_buffered()) {
      if (budget_ == 0 || !wait(POLLIN)) return -1;
      ssize_t n = ::recv(c_.fd, buf_, std::min(sizeof buf_, budget_), 0);
      if (n <= 0) return n;
      budget_ -= static_cast<std::size_t>(n);
      off_ = 0;
      len_ = static_cast<std::size_t>(n);
    }
    std::size_t n = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_ + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!wait(POLLOUT)) return -1;
    return ::send(c_.fd, ptr, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(c_.fd, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(c_.fd, false, ip, port); }
  socket_t socket() const override { return c_.fd; }

 private:
  // Whether the socket became ready for events before the deadline and within progress_.
  bool wait(short events) const {
    while (true) {
      auto now = Clock::now();
      if (now >= c_.deadline) return false;
      auto left = std::chrono::ceil<ms>(c_.deadline - now);
      pollfd p{c_.fd, events, 0};
      int r = ::poll(&p, 1, static_cast<int>(std::min(left, progress_).count()));
      if (r < 0 && errno == EINTR) continue;
      return r > 0;
    }
  }

  const Connection& c_;
  ms progress_;
  std::size_t budget_ = kRequestBytes;
  char buf_[4096];
  std::size_t off_ = 0, len_ = 0;
};

GuardedServer::GuardedServer(ConnectionLimits limits) : limits_(limits), pool_(limits.connections) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  // What the Keep-Alive header tells clients: the limits serve_connection keeps.
  set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.idle).count());
  set_keep_alive_max_count(kRequestsPerConnection);
  set_payload_max_length(1024);  // nothing is posted; a body is never read into memory
}

GuardedServer::~GuardedServer() {
  if (!pool_joined_) pool_.shutdown();  // serve() never ran
  socket_t s = svr_sock_.exchange(INVALID_SOCKET);
  if (s != INVALID_SOCKET) ::close(s);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

GuardedServer::Connection* GuardedServer::longest_waiting() {
  Connection* oldest = nullptr;
  for (auto& c : open_)
    if (!c.cut && (c.phase == Phase::Idle || c.phase == Phase::Reading) && (!oldest || c.since < oldest->since))
      oldest = &c;
  return oldest;
}

std::size_t GuardedServer::live() const {
  return static_cast<std::size_t>(std::count_if(open_.begin(), open_.end(), [](const Connection& c) { return !c.cut; }));
}

void GuardedServer::serve() {
  socket_t listener = svr_sock_;
  if (listener == INVALID_SOCKET || wake_fd_ < 0) return;
  ::listen(listener, kBacklog);  // listen() again only sets the backlog
  while (!stopping_) {
    // Accepts while there is room, or a connection that has waited the grace to give up;
    // otherwise newcomers wait in the kernel's queue for a connection to end.
    bool room = true;
    int timeout = -1;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (live() >= limits_.connections) {
        Connection* oldest = longest_waiting();
        auto now = Clock::now();
        room = oldest && now >= oldest->since + kGrace;
        if (oldest && !room) timeout = static_cast<int>(std::chrono::ceil<ms>(oldest->since + kGrace - now).count());
      }
    }
    pollfd fds[2] = {{room ? listener : -1, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    int r = ::poll(fds, 2, timeout);
    if (r < 0 && errno != EINTR) break;
    if (r <= 0) continue;
    if (fds[1].revents) {  // a connection ended, or stop_serving()
      std::uint64_t n;
      ssize_t ignored = ::read(wake_fd_, &n, sizeof n);
      (void)ignored;
      continue;
    }
    int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) admit(fd);
    else if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(ms(10));  // deadlines free some
  }
  stopping_ = true;
  // httplib's chunked writer stops when the listening socket is gone.
  socket_t s = svr_sock_.exchange(INVALID_SOCKET);
  if (s != INVALID_SOCKET) ::close(s);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& c : open_) {
      c.cut = true;
      ::shutdown(c.fd, SHUT_RDWR);
    }
  }
  pool_.shutdown();  // joins, after the connections still queued have seen `stopping_`
  pool_joined_ = true;
}

void GuardedServer::wake() {
  std::uint64_t one = 1;
  ssize_t ignored = ::write(wake_fd_, &one, sizeof one);
  (void)ignored;
}

void GuardedServer::stop_serving() {
  stopping_ = true;
  wake();
}

void GuardedServer::admit(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // an event goes out at once
  std::list<Connection>::iterator it;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = Clock::now();
    // Room is made by closing the connection that has waited or sent headers the longest.
    // (None when it began answering since serve() looked: then one more, for a moment.)
    if (live() >= limits_.connections)
      if (Connection* oldest = longest_waiting(); oldest && now >= oldest->since + kGrace) {
        oldest->cut = true;
        ::shutdown(oldest->fd, SHUT_RDWR);  // its thread sees the end and closes it
      }
    it = open_.insert(open_.end(), Connection{fd, Phase::Queued, now, now + limits_.idle, false, false});
  }
  pool_.enqueue([this, it] { serve_connection(it); });
}

void GuardedServer::enter(Connection& c, Phase phase, ms limit) {
  bool full = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    c.phase = phase;
    c.since = Clock::now();
    c.deadline = c.since + limit;
    full = phase == Phase::Idle && live() >= limits_.connections;
  }
  // All taken, and this one may now make room: the accept loop, waiting for a connection
  // to end, looks again (after the grace).
  if (full) wake();
}

void GuardedServer::serve_connection(std::list<Connection>::iterator it) {
  Connection& c = *it;
  Stream strm(c, limits_.progress);
  t_connection = &c;
  t_server = this;
  for (std::size_t served = 0; !stopping_ && served < kRequestsPerConnection; ++served) {
    enter(c, Phase::Idle, limits_.idle);
    if (!strm.is_readable()) break;  // nothing came, or it was cut
    enter(c, Phase::Reading, limits_.headers);
    strm.start_request();
    bool closed = false, headers_in = false;
    bool last = served + 1 == kRequestsPerConnection;
    bool ok = process_request(strm, last, closed, [&](httplib::Request&) {
      headers_in = true;
      enter(c, Phase::Responding, limits_.response);
    });
    // httplib answers a request whose headers did not come in time (or were malformed) with
    // 400 and reports success: such a connection ends here.
    if (!ok || !headers_in || closed || c.last || c.phase == Phase::Streaming) break;
  }
  t_connection = nullptr;
  t_server = nullptr;
  // What the client sent and was not read (a refused request's body) is taken first: closing
  // over unread bytes resets the connection, and the client may lose the answer.
  ::shutdown(c.fd, SHUT_WR);
  char drain[4096];
  for (int i = 0; i < 16 && ::recv(c.fd, drain, sizeof drain, MSG_DONTWAIT) > 0; ++i) {
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ::close(c.fd);
    open_.erase(it);
  }
  wake();  // the accept loop may be waiting for room
}

void GuardedServer::this_connection_streams() {
  if (!t_server || !t_connection) return;
  auto& c = *static_cast<Connection*>(t_connection);
  std::lock_guard<std::mutex> lock(t_server->mutex_);
  c.phase = Phase::Streaming;
  c.since = Clock::now();
  c.deadline = Clock::time_point::max();  // each write still has `progress` to move
}

void GuardedServer::close_this_connection() {
  if (t_connection) static_cast<Connection*>(t_connection)->last = true;
}

}  // namespace jixiao::preview
