// `jixiao preview` as a user runs it: a real process on a free port over a copy of an example
// and its templates, edited on disk while the tests read the server's answers.
#include <signal.h>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

#include "preview/child.h"
#include "support/support.h"

using namespace jixiao::test;

namespace {

const char* kExample = kMofExample;
const char* kForm = kMofForm;
const std::string kTitle = "项目支出绩效自评表</p>";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

int line_of(const std::string& text, const std::string& what) {
  std::size_t at = text.find(what);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// The "render" events of /events, read on a thread of their own until there are `want`.
class EventReader {
 public:
  EventReader(int port, std::size_t want) : thread_([this, port, want] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      client.Get("/events", [&](const char* data, std::size_t len) {
        std::lock_guard<std::mutex> lock(mutex_);
        text_.append(data, len);
        return events_locked().size() < want;
      });
    }) {}
  ~EventReader() { thread_.join(); }
  std::vector<std::string> events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_locked();
  }

 private:
  std::vector<std::string> events_locked() const {
    std::vector<std::string> out;
    std::regex event("event: render\ndata: (\\{[^\n]*\\})\n\n");
    for (std::sregex_iterator it(text_.begin(), text_.end(), event), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
  }
  std::mutex mutex_;
  std::string text_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("state, pages and page map of the first render") {
  Running p;
  REQUIRE(p.port > 0);
  nlohmann::json s = state(p.port);
  CHECK(s["n"] == 1);
  CHECK(s["ok"] == true);
  CHECK(s["good"] == 1);
  CHECK(s["diagnostics"].empty());
  REQUIRE(s["documents"].size() == 1);
  CHECK(s["documents"][0]["pointer"] == "/projects/0");
  CHECK(!s["documents"][0]["grade"].get<std::string>().empty());
  REQUIRE(s["page_map"].is_object());
  REQUIRE(!s["page_map"]["pages"].empty());
  CHECK(!s["page_map"]["pages"][0]["boxes"].empty());
  std::vector<std::string> watching = s["watching"];
  CHECK(std::count(watching.begin(), watching.end(), p.files.data_file) == 1);
  CHECK(std::count(watching.begin(), watching.end(), p.files.form_file) == 1);

  Reply pdf = get(p.port, "/render.pdf?n=1");
  CHECK(pdf.status == 200);
  CHECK(pdf.header("Content-Type") == "application/pdf");
  CHECK(pdf.header("Cache-Control") == "no-store");
  CHECK(pdf_text(pdf.body).find("项目支出绩效自评表") != std::string::npos);

  // The overlay: the same pages drawn with boxes and baselines, so other bytes.
  Reply overlay = get(p.port, "/render.pdf?n=1&debug=1");
  CHECK(overlay.status == 200);
  CHECK(overlay.body.rfind("%PDF-", 0) == 0);
  CHECK(overlay.body != pdf.body);
  CHECK(pdf_text(overlay.body).find("项目支出绩效自评表") != std::string::npos);

  Reply source = get(p.port, "/source?file=" + httplib::detail::encode_query_param(p.files.form_file));
  CHECK(source.status == 200);
  CHECK(source.body == slurp(p.files.form_file));
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("nothing is compressed on loopback, even for a browser that accepts brotli") {
  // Brotli at httplib's quality 11 took 0.4 s for the 003 report's /state.
  Running p;
  REQUIRE(p.port > 0);
  for (const char* path : {"/state", "/pdfjs/pdf.worker.js", "/"}) {
    httplib::Client client("127.0.0.1", p.port);
    client.set_decompress(false);
    auto res = client.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
    INFO(path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Encoding").empty());
  }
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("a template edit re-renders, a broken template keeps the last good PDF until fixed") {
  Running p;
  REQUIRE(p.port > 0);
  EventReader events(p.port, 4);
  const std::string original = slurp(p.files.form_file);

  save(p.files.form_file, replaced(original, kTitle, "项目支出绩效自评表预览测试</p>"));
  nlohmann::json s = wait_for_render(p.port, 2);
  REQUIRE(s["n"] == 2);
  CHECK(s["ok"] == true);
  CHECK(s["good"] == 2);
  CHECK(pdf_text(get(p.port, "/render.pdf?n=2").body).find("项目支出绩效自评表预览测试") != std::string::npos);

  // A closing tag that does not match: an XML error at that line, quoted with a marker.
  std::string broken = replaced(original, kTitle, "项目支出绩效自评表预览测试</q>");
  save(p.files.form_file, broken);
  s = wait_for_render(p.port, 3);
  REQUIRE(s["n"] == 3);
  CHECK(s["ok"] == false);
  CHECK(s["good"] == 2);
  REQUIRE(!s["diagnostics"].empty());
  nlohmann::json d = s["diagnostics"][0];
  CHECK(d["file"] == p.files.form_file);
  CHECK(d["line"] == line_of(broken, "</q>"));
  REQUIRE(d["source_line"].is_string());
  CHECK(d["source_line"].get<std::string>().find("预览测试</q>") != std::string::npos);
  CHECK(d["marker_col"].get<int>() >= 1);
  Reply last_good = get(p.port, "/render.pdf?n=3");
  CHECK(last_good.status == 200);
  CHECK(last_good.header("X-Jixiao-Render") == "2");
  CHECK(pdf_text(last_good.body).find("项目支出绩效自评表预览测试") != std::string::npos);
  CHECK(!s["page_map"].is_null());  // the last good one, for the dimmed pages

  save(p.files.form_file, original);
  s = wait_for_render(p.port, 4);
  CHECK(s["ok"] == true);
  CHECK(s["good"] == 4);
  CHECK(s["diagnostics"].empty());

  // Connected after render 1 at the latest: each render since then as an event, in order.
  std::vector<std::string> seen;
  for (int i = 0; i < 600 && seen.size() < 4; ++i) {
    seen = events.events();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(!seen.empty());
  CHECK(seen.back() == R"({"n":4,"ok":true})");
  CHECK(std::count(seen.begin(), seen.end(), R"({"n":3,"ok":false})") == 1);
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("a data error's JSON pointer is shown on its line of the data file") {
  Running p;
  REQUIRE(p.port > 0);
  std::string data = replaced(slurp(p.files.data_file), R"("department": "某市住房和建设局")", R"("department": 12345)");
  save(p.files.data_file, data);
  nlohmann::json s = wait_for_render(p.port, 2);
  CHECK(s["ok"] == false);
  bool found = false;
  for (const auto& d : s["diagnostics"]) {
    if (d["place"] != "/projects/0/department") continue;
    found = true;
    CHECK(d["file"] == p.files.data_file);
    CHECK(d["line"] == line_of(data, R"("department": 12345)"));
    CHECK(d["source_line"] == R"(      "department": 12345,)");
    CHECK(d["marker_col"] == 7);  // the key's opening quote
  }
  CHECK(found);
  CHECK(p.child.stop(SIGINT) == 0);
}

TEST_CASE("with --lang zh the page's diagnostics are in Chinese, codes and places as in English") {
  PreviewDir files = copy_example(kExample, kForm);
  Child child{{"preview", files.data_file, "--templates", files.templates, "--port", "0", "--lang", "zh"}};
  int port = port_of(child.first_line());
  REQUIRE(port > 0);
  save(files.data_file, replaced(slurp(files.data_file), R"("department": "某市住房和建设局")", R"("department": 12345)"));
  nlohmann::json s = wait_for_render(port, 2);
  CHECK(s["ok"] == false);
  bool found = false;
  for (const auto& d : s["diagnostics"]) {
    if (d["place"] != "/projects/0/department") continue;
    found = true;
    INFO(d.dump());
    CHECK(d["code"] == "model.type");
    CHECK(d["file"] == files.data_file);
    CHECK(d["message"].get<std::string>().find("类型") != std::string::npos);
    CHECK(d["expected"].get<std::string>().find("字符串") != std::string::npos);
  }
  CHECK(found);
  CHECK(child.stop(SIGTERM) == 0);
}

TEST_CASE("/state?lang= words the same diagnostics and findings in either language, and refuses a bad lang") {
  PreviewDir files = copy_example(kExample, kForm);
  Child child{{"preview", files.data_file, "--templates", files.templates, "--port", "0", "--lang", "zh",
               "--editor", "vscode://file/{file}:{line}:{col}"}};
  int port = port_of(child.first_line());
  REQUIRE(port > 0);
  save(files.data_file, replaced(slurp(files.data_file), R"("department": "某市住房和建设局")", R"("department": 12345)"));
  nlohmann::json zh = wait_for_render(port, 2);
  REQUIRE(zh["ok"] == false);
  Reply en_reply = get(port, "/state?lang=en"), zh_reply = get(port, "/state?lang=zh");
  REQUIRE(en_reply.status == 200);
  REQUIRE(zh_reply.status == 200);
  nlohmann::json en = nlohmann::json::parse(en_reply.body);
  CHECK(nlohmann::json::parse(zh_reply.body) == zh);  // no ?lang: the preview's own (--lang zh)
  CHECK(zh["lang"] == "zh");
  CHECK(en["lang"] == "zh");
  CHECK(zh["wording"] == "zh");
  CHECK(en["wording"] == "en");
  CHECK(zh["editor"] == "vscode://file/{file}:{line}:{col}");
  REQUIRE(zh["diagnostics"].size() == en["diagnostics"].size());
  REQUIRE(!zh["diagnostics"].empty());
  bool translated = false;
  for (std::size_t i = 0; i < zh["diagnostics"].size(); ++i) {
    const auto &z = zh["diagnostics"][i], &e = en["diagnostics"][i];
    INFO(z.dump() + "\n" + e.dump());
    CHECK(z["code"] == e["code"]);
    CHECK(z["file"] == e["file"]);
    CHECK(z["place"] == e["place"]);
    CHECK(z["line"] == e["line"]);
    if (z["code"] == "model.type") {
      translated = true;
      CHECK(z["message"] != e["message"]);
      CHECK(e["message"].get<std::string>().find("类型") == std::string::npos);
    }
  }
  CHECK(translated);
  // The findings of the last good render, worded either way, same codes and pointers.
  REQUIRE(zh["documents"].size() == en["documents"].size());
  for (std::size_t i = 0; i < zh["documents"].size(); ++i) {
    const auto &zf = zh["documents"][i]["findings"], &ef = en["documents"][i]["findings"];
    REQUIRE(zf.size() == ef.size());
    for (std::size_t k = 0; k < zf.size(); ++k) {
      CHECK(zf[k]["code"] == ef[k]["code"]);
      CHECK(zf[k]["pointer"] == ef[k]["pointer"]);
    }
  }
  for (const char* bad : {"/state?lang=fr", "/state?lang=", "/state?lang=EN"}) {
    Reply r = get(port, bad);
    INFO(bad);
    CHECK(r.status == 400);
    CHECK(r.body.find("en or zh") != std::string::npos);
  }
  CHECK(child.stop(SIGTERM) == 0);
}

TEST_CASE("without --editor /state's editor is null") {
  Running p;
  REQUIRE(p.port > 0);
  nlohmann::json s = state(p.port);
  CHECK(s.contains("editor"));
  CHECK(s["editor"].is_null());
  CHECK((s["lang"] == "en" || s["lang"] == "zh"));
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("nothing outside the preview's own files is served") {
  Running p;
  REQUIRE(p.port > 0);
  CHECK(get(p.port, "/").status == 200);
  CHECK(get(p.port, "/pdfjs/pdf.js").status == 200);
  CHECK(get(p.port, "/pdfjs/pdf.worker.js").status == 200);
  for (const std::string& target : std::vector<std::string>{
           "/web/../CMakeLists.txt", "/web/../../CMakeLists.txt", "/web/%2e%2e/%2e%2e/etc/passwd",
        "/web/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/web/..%2f..%2fCMakeLists.txt", "/web//etc/passwd",
        "/web/%00index.html", "/web/.hidden", "/pdfjs/../../../../etc/passwd", "/pdfjs/pdf.js.map",
        "/pdfjs/../web/viewer.html", "/source?file=/etc/passwd", "/source?file=%2Fetc%2Fpasswd",
        "/source?file=../CMakeLists.txt", "/source?file=" + p.files.dir + "/templates/../../../etc/passwd",
        "/etc/passwd", "//etc/passwd", "/render.pdf/../../etc/passwd", "/web/..\\..\\etc\\passwd"}) {
    INFO(target);
    Reply r = raw_get(p.port, target);
    CHECK((r.status == 400 || r.status == 404));
    CHECK(r.body.find("root:") == std::string::npos);
    CHECK(r.body.find("cmake_minimum_required") == std::string::npos);
  }
  // A page elsewhere that reaches 127.0.0.1 by DNS rebinding names its own host.
  CHECK(raw_get(p.port, "/state", "evil.example:" + std::to_string(p.port)).status == 403);
  CHECK(raw_get(p.port, "/state").status == 200);
  CHECK(p.child.running());
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("it listens on 127.0.0.1 only") {
  Running p;
  REQUIRE(p.port > 0);
  // /proc/net/tcp: "sl local_address rem_address st ..." in hex; 0A is LISTEN.
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  char port_hex[8];
  std::snprintf(port_hex, sizeof port_hex, ":%04X", p.port);
  int listening = 0;
  while (std::getline(tcp, line)) {
    std::istringstream in(line);
    std::string sl, local, remote, st;
    in >> sl >> local >> remote >> st;
    if (st != "0A" || local.size() < 5 || local.substr(local.size() - 5) != port_hex) continue;
    ++listening;
    CHECK(local == std::string("0100007F") + port_hex);
  }
  CHECK(listening == 1);
  std::ifstream tcp6("/proc/net/tcp6");
  while (std::getline(tcp6, line)) {
    std::istringstream in(line);
    std::string sl, local, remote, st;
    in >> sl >> local >> remote >> st;
    CHECK_FALSE((st == "0A" && local.size() > 5 && local.substr(local.size() - 5) == port_hex));
  }
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("an explicit port in use is an error") {
  Running p;
  REQUIRE(p.port > 0);
  PreviewDir other = copy_example(kExample, kForm);
  Child second({"preview", other.data_file, "--port", std::to_string(p.port)});
  CHECK(second.wait() == 1);
  CHECK(second.err().find("port " + std::to_string(p.port) + " on 127.0.0.1 is in use") != std::string::npos);
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("without --port it takes 8030 or the next free port up to 8049") {
  PreviewDir files = copy_example(kExample, kForm);
  Child first({"preview", files.data_file});
  Child second({"preview", files.data_file});
  int a = port_of(first.first_line()), b = port_of(second.first_line());
  CHECK(a >= 8030);
  CHECK(a <= 8049);
  CHECK(b >= 8030);
  CHECK(b <= 8049);
  CHECK(a != b);
  CHECK(first.stop(SIGTERM) == 0);
  CHECK(second.stop(SIGTERM) == 0);
}

TEST_CASE("hostile templates in the watched directory give errors, never a crash") {
  Running p;
  REQUIRE(p.port > 0);
  const std::string original = slurp(p.files.form_file);
  std::string deep = original.substr(0, original.find("<for each"));
  for (int i = 0; i < 200000; ++i) deep += "<p>";
  std::string huge = original + "<!--" + std::string(8u << 20, 'x') + "-->";
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                       "<form id=\"mof-project-selfeval-2020\">&d;&d;&d;&d;</form>";
  std::string bytes = "<form id=\"mof-project-selfeval-2020\">";
  bytes += std::string("\0\xff\xfe<p>\xc3</form>", 14);
  int n = 1;
  for (const std::string& text : {deep, huge, laughs, bytes, std::string()}) {
    INFO("template of " << text.size() << " bytes");
    save(p.files.form_file, text);
    nlohmann::json s = wait_for_render(p.port, ++n);
    REQUIRE(s["n"] == n);
    CHECK(s["ok"] == false);
    CHECK(!s["diagnostics"].empty());
    CHECK(get(p.port, "/render.pdf").status == 200);  // the first render's pages still
  }
  save(p.files.form_file, original);
  CHECK(wait_for_render(p.port, ++n)["ok"] == true);
  CHECK(p.child.stop(SIGTERM) == 0);
}

TEST_CASE("SIGTERM and SIGINT end it with exit status 0, event streams open or not") {
  for (int sig : {SIGTERM, SIGINT}) {
    Running p;
    REQUIRE(p.port > 0);
    {
      EventReader events(p.port, 2);  // stays open: the server must end it
      for (int i = 0; i < 600 && events.events().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      CHECK(events.events().size() == 1);
      CHECK(p.child.stop(sig) == 0);
    }
    CHECK(p.child.err().find("stopping") != std::string::npos);
  }
}
