#include "preview/server.h"

#include <sys/socket.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "diag/limits.h"
#include "data_dir.h"

namespace jixiao::preview {

namespace fs = std::filesystem;

namespace {

constexpr int kFirstPort = 8030, kLastPort = 8049;

// The real path (symlinks and ".." resolved), "" when it does not exist.
std::string real(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

// A name under the web directory: segments of letters, digits, '.', '_', '-', none
// starting with '.' (so no "..", no hidden files), no empty segment.
bool safe_relative(const std::string& rel) {
  if (rel.empty() || rel.size() > 200) return false;
  bool segment_start = true;
  for (char c : rel) {
    if (c == '/') {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!plain || (segment_start && c == '.')) return false;
    segment_start = false;
  }
  return !segment_start;
}

std::string content_type(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  return "application/octet-stream";
}

void not_found(httplib::Response& res, const std::string& why = "not found") {
  res.status = 404;
  res.set_content(why + "\n", "text/plain; charset=utf-8");
}

// Serves the file at real path `file` if it lies inside real directory `dir`.
void serve_inside(const std::string& dir, const std::string& file, httplib::Response& res) {
  std::string r = real(file);
  std::error_code ec;
  if (r.empty() || r.compare(0, dir.size() + 1, dir + "/") != 0 || !fs::is_regular_file(r, ec))
    return not_found(res);
  try {
    res.set_content(read_file(r, limits::kDataFileBytes), content_type(r));
    res.set_header("Cache-Control", "no-cache");
  } catch (const std::exception&) {
    not_found(res);
  }
}

std::optional<int> parse_port(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(s);
}

}  // namespace

Server::Server(Session& session)
    : session_(session), streams_(session), web_dir_(real(app::preview_web_dir(session.data_dir()))),
      pdfjs_dir_(real(std::string(JIXIAO_PDFJS_DIR) + "/build")) {
  // Small writes (an event, a PDF's last segment) go out at once, not after a delayed ACK.
  http_.set_tcp_nodelay(true);
  // httplib sets SO_REUSEPORT: a second preview could then share a port in use (the kernel
  // spreading connections between them). SO_REUSEADDR only: a busy port is refused.
  http_.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  routes();
}

int Server::bind(int port, std::string& error) {
  const char* host = "127.0.0.1";
  if (port == 0) {
    port_ = http_.bind_to_any_port(host);
  } else if (port > 0) {
    port_ = http_.bind_to_port(host, port) ? port : -1;
    if (port_ < 0) error = "port " + std::to_string(port) + " on 127.0.0.1 is in use (or not allowed); --port 0 takes any free one";
  } else {
    port_ = -1;
    for (int p = kFirstPort; p <= kLastPort && port_ < 0; ++p)
      if (http_.bind_to_port(host, p)) port_ = p;
    if (port_ < 0) error = "ports 8030 to 8049 on 127.0.0.1 are all in use; give one with --port P (0: any free port)";
  }
  if (port_ < 0 && error.empty()) error = "cannot listen on 127.0.0.1";
  return port_;
}

void Server::run() { http_.serve(); }

void Server::stop() { http_.stop_serving(); }

// Only what the page itself sends: a path without encoded dots, slashes, backslashes or
// NULs and no ".." (httplib decodes %2e%2e before routing), and a Host naming this server
// (a page elsewhere reaching 127.0.0.1 through DNS rebinding sends its own host name).
bool Server::refused(const httplib::Request& req, httplib::Response& res) const {
  std::string raw = req.target.substr(0, req.target.find('?'));
  std::string lower;
  for (char c : raw) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  bool bad = req.path.find("..") != std::string::npos || req.path.find('\0') != std::string::npos ||
             req.path.find('\\') != std::string::npos || lower.find("%2e") != std::string::npos ||
             lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
             lower.find("%00") != std::string::npos || req.path.empty() || req.path[0] != '/';
  if (req.method != "GET" && req.method != "HEAD") {  // refused before any body is read
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_header("Connection", "close");
    GuardedServer::close_this_connection();
    res.set_content("refused: the preview only answers GET\n", "text/plain; charset=utf-8");
    return true;
  }
  if (bad) {
    res.status = 400;
    res.set_content("refused: the path must name a file of the preview plainly\n", "text/plain; charset=utf-8");
    return true;
  }
  if (req.has_header("Host")) {
    std::string host = req.get_header_value("Host");
    std::size_t colon = host.rfind(':');
    std::string name = host.substr(0, colon);
    std::optional<int> port = colon == std::string::npos ? std::optional<int>(port_) : parse_port(host.substr(colon + 1));
    if ((name != "127.0.0.1" && name != "localhost") || port != port_) {
      res.status = 403;
      res.set_content("refused: Host must be 127.0.0.1:" + std::to_string(port_) + "\n", "text/plain; charset=utf-8");
      return true;
    }
  }
  return false;
}

void Server::routes() {
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    // Debian's httplib brotli-compresses text, JSON and JS at quality 11 for a browser that
    // accepts it: 0.4 s for the 003 report's /state, nothing gained on loopback. httplib
    // decides from the request's Accept-Encoding, so it is dropped here (the Request is
    // httplib's own non-const object, handed to handlers as const).
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    return refused(req, res) ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
  });
  http_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty() && res.status == 404) not_found(res);
  });
  http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("internal error\n", "text/plain; charset=utf-8");
  });

  http_.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    serve_inside(web_dir_, web_dir_ + "/index.html", res);
  });
  http_.Get(R"(/web/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    std::string rel = req.matches[1];
    if (!safe_relative(rel)) return not_found(res);
    serve_inside(web_dir_, web_dir_ + "/" + rel, res);
  });
  for (const char* name : {"pdf.js", "pdf.worker.js"}) {
    http_.Get(std::string("/pdfjs/") + name, [this, name](const httplib::Request&, httplib::Response& res) {
      serve_inside(pdfjs_dir_, pdfjs_dir_ + "/" + name, res);
    });
  }
  http_.Get("/render.pdf", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::shared_ptr<const std::string> pdf;
    if (req.get_param_value("debug") == "1") {
      std::string error;
      pdf = session_.debug_pdf(error);
      if (!pdf) {
        res.status = 409;
        return res.set_content(error + "\n", "text/plain; charset=utf-8");
      }
    } else {
      std::shared_ptr<const Snapshot> s = session_.snapshot();
      pdf = s ? s->pdf : nullptr;
      if (!pdf) return not_found(res, "no render has succeeded yet (see /state)");
      res.set_header("X-Jixiao-Render", std::to_string(s->good));
    }
    // The PDF stays alive while it is sent, whatever the renders do meanwhile.
    res.set_content_provider(pdf->size(), "application/pdf",
                             [pdf](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               return sink.write(pdf->data() + offset, length);
                             });
  });
  http_.Get("/state", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::string lang = req.has_param("lang") ? req.get_param_value("lang") : session_.lang();
    if (std::find(std::begin(kLanguages), std::end(kLanguages), lang) == std::end(kLanguages)) {
      res.status = 400;
      return res.set_content("unknown lang '" + lang.substr(0, 20) + "': the preview speaks en or zh\n",
                             "text/plain; charset=utf-8");
    }
    std::shared_ptr<const Snapshot> s = session_.snapshot();
    if (!s) return not_found(res, "no render yet");
    res.set_content(s->state_json.at(lang), "application/json");
  });
  http_.Get("/events", [this](const httplib::Request&, httplib::Response& res) { streams_.serve(res); });
  http_.Get("/source", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::string file = req.get_param_value("file");
    std::shared_ptr<const Snapshot> s = session_.snapshot();
    std::error_code ec;
    // Exactly a watched file by the name /state gives, inside a root, still a regular file.
    if (!s || file.empty() || !s->sources.count(file) || !session_.in_source_root(file) || !fs::is_regular_file(file, ec))
      return not_found(res, "not a watched file inside a template root, the data's or a declaration directory");
    try {
      res.set_content(read_file(file, limits::kDataFileBytes), "text/plain; charset=utf-8");
    } catch (const std::exception&) {
      not_found(res);
    }
  });
}

}  // namespace jixiao::preview
