#include "preview/child.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/support.h"

namespace jixiao::test {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPatience = std::chrono::seconds(60);  // a limit for hangs, not a timing test

int status_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

Child::Child(const std::vector<std::string>& args) {
  err_file_ = temp_dir("preview-err") + "/stderr";
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return;
  // JIXIAO_PREVIEW_BINARY: another build of jixiao to run (a ThreadSanitizer one, say).
  const char* binary = std::getenv("JIXIAO_PREVIEW_BINARY");
  std::vector<std::string> argv_text = {binary && *binary ? binary : JIXIAO_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], 1);
    int err = ::open(err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err >= 0) ::dup2(err, 2);
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  out_ = pipe_fds[0];
}

Child::~Child() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) ::close(out_);
}

std::string Child::first_line() {
  std::string line;
  auto until = Clock::now() + kPatience;
  while (Clock::now() < until) {
    pollfd p{out_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char c;
    if (::read(out_, &c, 1) != 1) break;  // ended
    if (c == '\n') return line;
    line += c;
  }
  return "";
}

bool Child::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int Child::wait() {
  auto until = Clock::now() + kPatience;
  while (pid_ > 0 && Clock::now() < until) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status_of(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;  // the destructor kills it
}

int Child::stop(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
  return wait();
}

std::string Child::err() const { return slurp(err_file_); }

PreviewDir copy_example(const std::string& example_json, const std::string& form_id) {
  PreviewDir p;
  p.dir = temp_dir("preview");
  p.data_file = p.dir + "/" + fs::path(example_json).filename().string();
  fs::copy_file(source_path(example_json), p.data_file);
  p.templates = p.dir + "/templates";
  fs::copy(source_path("templates"), p.templates, fs::copy_options::recursive);
  p.form_file = p.templates + "/forms/" + form_id + ".xml";
  return p;
}

int port_of(const std::string& line) {
  const std::string prefix = "jixiao preview: http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0 || line.back() != '/') return 0;
  return std::atoi(line.substr(prefix.size()).c_str());
}

std::string Reply::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  return "";
}

Reply get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);
  Reply r;
  if (auto res = client.Get(path.c_str())) {
    r.status = res->status;
    r.body = res->body;
    for (const auto& h : res->headers) r.headers.push_back(h);
  }
  return r;
}

int connect_local(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

Reply raw_get(int port, const std::string& target, const std::string& host) {
  Reply r;
  int fd = connect_local(port);
  if (fd < 0) return r;
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: " +
                        (host.empty() ? "127.0.0.1:" + std::to_string(port) : host) +
                        "\r\nConnection: close\r\n\r\n";
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string reply;
  char buf[65536];
  for (ssize_t got; (got = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(got));
  ::close(fd);
  if (reply.rfind("HTTP/1.1 ", 0) == 0) r.status = std::atoi(reply.c_str() + 9);
  std::size_t body = reply.find("\r\n\r\n");
  if (body != std::string::npos) r.body = reply.substr(body + 4);
  return r;
}

nlohmann::json state(int port) {
  Reply r = get(port, "/state");
  if (r.status != 200) return nlohmann::json::object();
  return nlohmann::json::parse(r.body);
}

nlohmann::json wait_for_render(int port, int n) {
  auto until = Clock::now() + kPatience;
  nlohmann::json s;
  while (Clock::now() < until) {
    s = state(port);
    if (s.value("n", 0) >= n) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return s;
}

void save(const std::string& path, const std::string& text) {
  std::string tmp = path + ".saving";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
  }
  fs::rename(tmp, path);
}

std::string pdf_text(const std::string& pdf_bytes) {
  std::string dir = temp_dir("preview-pdf");
  {
    std::ofstream out(dir + "/p.pdf", std::ios::binary);
    out << pdf_bytes;
  }
  CommandResult r = run_command("pdftotext " + dir + "/p.pdf -");
  fs::remove_all(dir);
  return strip_space(r.out);
}

}  // namespace jixiao::test
