// A real `jixiao preview` process for the tests, and the few ways they talk to it.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jixiao::test {

// Starts build/jixiao with args, stdout on a pipe, stderr into a file. Killed (SIGKILL) and
// reaped when it goes out of scope, whatever happened in the test.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The first line of stdout ("" when the process ended or printed none within a minute).
  std::string first_line();
  // Sends sig and waits (at most a minute, then SIGKILL): the exit status, or -1 when it
  // ended by a signal or had to be killed.
  int stop(int sig);
  // Waits for the end without sending anything (at most a minute): exit status as stop().
  int wait();
  bool running();
  std::string err() const;  // what it wrote on stderr so far
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string err_file_;
};

// A preview of a copy of an example and of the templates in a fresh directory.
struct PreviewDir {
  std::string dir, data_file, templates, form_file;
};
PreviewDir copy_example(const std::string& example_json, const std::string& form_id);

// The port from "jixiao preview: http://127.0.0.1:PORT/" (0 when not that).
int port_of(const std::string& address_line);

inline const char* kMofExample = "examples/mof-2020-project-selfeval.json";
inline const char* kMofForm = "mof-project-selfeval-2020";

// A running preview of a fresh copy of the mof example and the templates, on a free port.
struct Running {
  PreviewDir files = copy_example(kMofExample, kMofForm);
  Child child{{"preview", files.data_file, "--templates", files.templates, "--port", "0"}};
  std::string line = child.first_line();
  int port = port_of(line);
};

struct Reply {
  int status = 0;  // 0: no reply
  std::string body;
  std::string header(const std::string& name) const;
  std::vector<std::pair<std::string, std::string>> headers;
};
// A socket connected to 127.0.0.1:port (-1 when refused), blocking.
int connect_local(int port);
// GET through httplib's client.
Reply get(int port, const std::string& path);
// GET with exactly this request target and Host, written on a socket by hand (clients
// normalise or encode what the traversal tests must send as it is).
Reply raw_get(int port, const std::string& target, const std::string& host = "");

nlohmann::json state(int port);
// Polls /state until its n reaches at least n (gives up after a minute: then n is lower).
nlohmann::json wait_for_render(int port, int n);

// Writes text to path as editors do: a new file renamed over the old one.
void save(const std::string& path, const std::string& text);
// The text of a PDF (pdftotext), white space removed.
std::string pdf_text(const std::string& pdf_bytes);

}  // namespace jixiao::test
