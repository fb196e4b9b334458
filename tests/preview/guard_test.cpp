// The preview under clients that would starve it: hundreds of event streams, clients that
// send their headers a line at a time, more connections than it keeps. A real `jixiao
// preview` on a free port, real sockets; /state and the page must still answer at once.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "preview/child.h"

using namespace jixiao::test;

namespace {

using Clock = std::chrono::steady_clock;

// Sockets closed when the test ends, whatever happened.
struct Sockets {
  std::vector<int> fds;
  ~Sockets() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
};

void send_text(int fd, const std::string& text) { ::send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

std::string request(int port, const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n\r\n";
}

// What fd receives until `until` says it is enough, it closes, or the time runs out.
// closed: whether the server closed it.
std::string receive(int fd, std::chrono::milliseconds patience, bool* closed = nullptr,
                    const std::function<bool(const std::string&)>& until = nullptr) {
  std::string got;
  auto end = Clock::now() + patience;
  if (closed) *closed = false;
  while (Clock::now() < end && !(until && until(got))) {
    pollfd p{fd, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

// A GET on a fresh connection, timed.
struct Timed {
  int status = 0;
  double seconds = 0;
};
Timed timed_get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  client.set_connection_timeout(10, 0);
  auto start = Clock::now();
  auto res = client.Get(path.c_str());
  return {res ? res->status : 0, std::chrono::duration<double>(Clock::now() - start).count()};
}

// A value of /proc/PID/status ("Threads", "VmRSS" in kB).
long proc_status(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
  return -1;
}

}  // namespace

TEST_CASE("300 event streams and 40 clients sending headers a line at a time leave /state and the page answering") {
  Running p;
  REQUIRE(p.port > 0);
  Sockets streams, slow;
  for (int i = 0; i < 300; ++i) {
    int fd = connect_local(p.port);
    REQUIRE(fd >= 0);
    streams.fds.push_back(fd);
    send_text(fd, request(p.port, "/events"));
    if (i == 0)  // the oldest is surely a stream before the others come
      CHECK(receive(fd, std::chrono::seconds(5), nullptr, [](const std::string& s) {
              return s.find("event: render") != std::string::npos;
            }).find("event: render") != std::string::npos);
  }
  // Slow clients: the request line, then a header line every half second, never the end.
  std::vector<Clock::time_point> slow_start;
  for (int i = 0; i < 40; ++i) {
    int fd = connect_local(p.port);
    REQUIRE(fd >= 0);
    slow.fds.push_back(fd);
    slow_start.push_back(Clock::now());
    send_text(fd, "GET /state HTTP/1.1\r\n");
  }
  std::atomic<bool> dribbling{true};
  std::thread dribble([&] {
    for (int n = 0; dribbling; ++n) {
      for (int fd : slow.fds) send_text(fd, "X-Slow-" + std::to_string(n) + ": 1\r\n");
      for (int i = 0; i < 50 && dribbling; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });

  long threads = proc_status(p.child.pid(), "Threads");
  long rss_kib = proc_status(p.child.pid(), "VmRSS");
  Timed state = timed_get(p.port, "/state");
  Timed page = timed_get(p.port, "/");
  CHECK(state.status == 200);
  CHECK(state.seconds < 1.0);
  CHECK(page.status == 200);
  CHECK(page.seconds < 1.0);

  // The oldest stream was let go for a newer one, told why; the newest still follows.
  bool closed = false;
  std::string oldest = receive(streams.fds.front(), std::chrono::seconds(5), &closed);
  CHECK(oldest.find("event: dropped") != std::string::npos);
  CHECK(oldest.find("more than 8 pages follow this preview") != std::string::npos);
  CHECK(closed);
  std::string newest = receive(streams.fds.back(), std::chrono::milliseconds(300), &closed);
  CHECK(newest.find("event: render") != std::string::npos);
  CHECK_FALSE(closed);

  // Each slow client is cut within its 2 s for the headers (1 s more for a loaded machine),
  // dribbling or not.
  int cut = 0;
  for (std::size_t i = 0; i < slow.fds.size(); ++i) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(slow_start[i] + std::chrono::seconds(3) - Clock::now());
    receive(slow.fds[i], std::max(left, std::chrono::milliseconds(1)), &closed);
    cut += closed ? 1 : 0;
  }
  dribbling = false;
  dribble.join();
  CHECK(cut == 40);

  INFO("threads " << threads << ", resident " << rss_kib / 1024 << " MiB");
  CHECK(threads > 0);
  CHECK(threads <= 64 + 8);  // a thread per connection kept, and the preview's own
  CHECK(rss_kib < 200 * 1024);
  CHECK(timed_get(p.port, "/state").status == 200);
  CHECK(p.child.running());
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("more idle connections than the preview keeps: the oldest are closed, /state answers") {
  Running p;
  REQUIRE(p.port > 0);
  Sockets idle;
  for (int i = 0; i < 100; ++i) {
    int fd = connect_local(p.port);
    REQUIRE(fd >= 0);
    idle.fds.push_back(fd);
  }
  Timed state = timed_get(p.port, "/state");
  CHECK(state.status == 200);
  CHECK(state.seconds < 1.0);
  // At most 64 kept: the first ones went to make room for the later ones and /state.
  bool closed = false;
  receive(idle.fds.front(), std::chrono::seconds(1), &closed);
  CHECK(closed);
  receive(idle.fds.back(), std::chrono::milliseconds(100), &closed);
  CHECK_FALSE(closed);
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("a request other than GET is refused before its body is read, and its connection closed") {
  Running p;
  REQUIRE(p.port > 0);
  Sockets s;
  int fd = connect_local(p.port);
  REQUIRE(fd >= 0);
  s.fds.push_back(fd);
  send_text(fd, "POST /state HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(p.port) +
                    "\r\nContent-Length: 100000000\r\n\r\n" + std::string(1000, 'x'));
  bool closed = false;
  std::string reply = receive(fd, std::chrono::seconds(5), &closed);
  CHECK(reply.rfind("HTTP/1.1 405", 0) == 0);
  CHECK(closed);
  CHECK(timed_get(p.port, "/state").status == 200);
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("with --lang zh the stream let go says why in Chinese") {
  PreviewDir files = copy_example(kMofExample, kMofForm);
  Child child{{"preview", files.data_file, "--templates", files.templates, "--port", "0", "--lang", "zh"}};
  int port = port_of(child.first_line());
  REQUIRE(port > 0);
  Sockets streams;
  for (int i = 0; i < 9; ++i) {
    int fd = connect_local(port);
    REQUIRE(fd >= 0);
    streams.fds.push_back(fd);
    send_text(fd, request(port, "/events"));
    receive(fd, std::chrono::seconds(5), nullptr, [](const std::string& s) { return s.find("event: render") != std::string::npos; });
  }
  std::string oldest = receive(streams.fds.front(), std::chrono::seconds(5));
  CHECK(oldest.find("event: dropped") != std::string::npos);
  CHECK(oldest.find("跟随此预览的页面超过 8 个") != std::string::npos);
  std::string second = receive(streams.fds[1], std::chrono::milliseconds(100));
  CHECK(second.find("event: dropped") == std::string::npos);  // only the oldest goes
  CHECK(child.stop(SIGTERM) == 0);
}
