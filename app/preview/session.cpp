#include "preview/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "count.h"
#include "diag/lang.h"
#include "preview/engine_adapter.h"
#include "preview/state_json.h"
#include "catalog/catalog.h"
#include "catalog/roots.h"

namespace jixiao::preview {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kEventsKept = 64;

// Paths as the engine names them, but absolute and without "." or "..", so that a watched
// file compares equal to the path inotify gives for it.
std::string normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

std::string data_dir(const Options& o) { return o.data_dir.empty() ? default_data_dir() : o.data_dir; }

// Directories made absolute, so that every file the engine names (diagnostics, page map,
// inputs) is a path the page can give back to /source.
Options absolute_dirs(Options o) {
  o.data_dir = normal(data_dir(o));
  for (auto* dirs : {&o.template_dirs, &o.font_dirs, &o.declaration_dirs})
    for (auto& d : *dirs) d = normal(d);
  return o;
}

// The page speaks the language the CLI would (--lang, LANG): the catalog's wording for the
// message, expected, got and hints; codes, files and places stay as they are.
Diagnostic in_language(Diagnostic d, const std::string& lang) {
  d.message = translate(d.code, d.message, lang);
  d.expected = translate(d.code, d.expected, lang);
  d.got = translate(d.code, d.got, lang);
  for (auto& h : d.hints) h = translate(d.code, h, lang);
  return d;
}

std::vector<ScoredDocument> in_language(std::vector<ScoredDocument> documents, const std::string& lang) {
  for (auto& doc : documents)
    for (auto& f : doc.findings) f.message = translate(f.code, f.message, lang);
  return documents;
}

}  // namespace

Session::Session(Options options, std::string data_file, std::string editor)
    : options_(absolute_dirs(std::move(options))), data_file_(normal(data_file)), engine_(options_),
      editor_(std::move(editor)) {}

void Session::render(const std::vector<std::string>& changed) {
  auto started = std::chrono::steady_clock::now();
  EngineRun run_result = run(changed, false);
  Result& res = run_result.result;
  auto rendered = std::chrono::steady_clock::now();
  bool ok = !res.diagnostics.has_errors() && !run_result.pdf.empty();

  ++n_;
  last_inputs_.clear();
  last_inputs_.insert(data_file_);
  for (const auto& f : run_result.inputs) last_inputs_.insert(normal(f));
  if (ok) {
    good_ = n_;
    good_inputs_ = last_inputs_;
    good_pdf_ = std::make_shared<const std::string>(std::move(run_result.pdf));
    good_page_map_ = std::move(run_result.page_map);
  }
  if (fonts_.empty() || ok) {  // the font files once the library loads (it stays loaded)
    DiagnosticSink ignored;  // font problems come with the render's own diagnostics
    for (const auto& f : engine_.font_files(ignored)) fonts_.insert(normal(f));
  }
  // The documents of this render when it got as far as scoring, else the last good ones.
  if (!res.documents.empty() || ok) good_documents_ = res.documents;

  State st;
  st.n = n_;
  st.ok = ok;
  st.good = good_;
  st.data_file = data_file_;
  st.lang = options_.lang;
  st.editor = editor_;
  st.watching = watched_files_unlocked();
  st.sources = sources(st.watching);
  st.page_map = good_page_map_;
  auto snap = std::make_shared<Snapshot>();
  snap->n = n_;
  snap->ok = ok;
  snap->good = good_;
  for (const char* lang : kLanguages) {
    st.wording = lang;
    st.diagnostics.clear();
    for (const auto& d : res.diagnostics.all()) st.diagnostics.push_back(in_language(d, lang));
    st.documents = documents_json(in_language(good_documents_, lang));
    snap->state_json[lang] = state_json(st);
  }
  snap->pdf = good_pdf_;
  snap->watching = std::move(st.watching);
  snap->sources = std::move(st.sources);

  auto ms = [](auto from, auto to) { return std::chrono::duration<double, std::milli>(to - from).count(); };
  auto done = std::chrono::steady_clock::now();
  std::string names;
  for (const auto& f : changed) names += (names.empty() ? "" : ", ") + fs::path(f).filename().string();
  std::size_t pages = ok ? static_cast<std::size_t>(res.pages) : 0, bytes = ok ? good_pdf_->size() : 0;
  if (options_.lang == "zh")
    std::fprintf(stderr, "jixiao 预览：第 %d 次生成%s，用时 %.1f 毫秒（引擎 %.1f，状态 %.1f；%zu 页，%zu 字节）%s%s\n", n_,
                 ok ? "成功" : "失败", ms(started, done), ms(started, rendered), ms(rendered, done), pages, bytes,
                 names.empty() ? "" : "；改动：", names.c_str());
  else
    std::fprintf(stderr, "jixiao preview: render %d %s in %.1f ms (engine %.1f, state %.1f; %s, %s)%s%s\n", n_,
                 ok ? "ok" : "failed", ms(started, done), ms(started, rendered), ms(rendered, done),
                 app::count(pages, "page").c_str(), app::count(bytes, "byte").c_str(),
                 names.empty() ? "" : "; changed: ", names.c_str());
  for (const auto& d : res.diagnostics.all()) std::fprintf(stderr, "  %s\n", format(d, options_.lang).c_str());
  std::fflush(stderr);
  publish(std::move(snap));
}

EngineRun Session::run(const std::vector<std::string>& changed, bool debug) {
  EngineRun r;
  try {
    r = run_engine(engine_, data_file_, changed, debug);
  } catch (const std::exception& e) {  // the engine catches its own; this is memory running out
    r.result.diagnostics.error("internal", data_file_, "", std::string("internal error: ") + e.what());
    r.pdf.clear();
  }
  return r;
}

std::set<std::string> Session::watched_files_unlocked() const {
  std::set<std::string> out = last_inputs_;
  out.insert(good_inputs_.begin(), good_inputs_.end());
  out.insert(fonts_.begin(), fonts_.end());
  out.insert(normal(engine_.catalog().font_manifest()));
  return out;
}

bool Session::in_source_root(const std::string& file) const {
  if (file == data_file_) return true;  // named on the command line, wherever its link leads
  const Catalog& catalog = engine_.catalog();
  if (file == normal(catalog.font_manifest())) return inside_root(file, catalog.fonts_dir());
  std::vector<std::string> roots = catalog.template_roots();
  roots.push_back(fs::path(data_file_).parent_path().string());
  roots.insert(roots.end(), options_.declaration_dirs.begin(), options_.declaration_dirs.end());
  return std::any_of(roots.begin(), roots.end(), [&](const auto& root) { return inside_root(file, root); });
}

std::set<std::string> Session::sources(const std::set<std::string>& watching) const {
  std::set<std::string> out;
  for (const auto& f : watching)
    if (!fonts_.count(f) && in_source_root(f)) out.insert(f);
  return out;
}

std::set<std::string> Session::watched_files() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return snapshot_ ? snapshot_->watching : std::set<std::string>{data_file_};
}

std::vector<std::string> Session::watched_dirs() const {
  std::vector<std::string> out = engine_.catalog().watched_dirs();
  for (auto& dir : out) dir = normal(dir);
  return out;
}

void Session::publish(std::shared_ptr<const Snapshot> s) {
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    events_.push_back({s->n, s->ok});
    if (events_.size() > kEventsKept) events_.pop_front();
    snapshot_ = std::move(s);
    debug_pdf_.reset();  // the overlay of an older render: drawn again when asked
  }
  changed_.notify_all();
}

std::shared_ptr<const Snapshot> Session::snapshot() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return snapshot_;
}

std::shared_ptr<const std::string> Session::debug_pdf(std::string& error) {
  // A re-render may run meanwhile (the catalog keeps both runs' definitions alive); the
  // overlay is kept only if no render was published since it began.
  int n = 0;
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (debug_pdf_) return debug_pdf_;
    n = snapshot_ ? snapshot_->n : 0;
  }
  EngineRun res = run({}, true);
  if (res.result.diagnostics.has_errors() || res.pdf.empty()) {
    error = "the files do not render now (see /state); the overlay needs a render that succeeds";
    return nullptr;
  }
  auto pdf = std::make_shared<const std::string>(std::move(res.pdf));
  std::lock_guard<std::mutex> lock(state_mutex_);
  if (snapshot_ && snapshot_->n == n) debug_pdf_ = pdf;
  return pdf;
}

std::vector<RenderEvent> Session::wait_events(int after, std::chrono::milliseconds timeout,
                                              const std::atomic<bool>* dropped) {
  std::unique_lock<std::mutex> lock(state_mutex_);
  auto let_go = [&] { return stopped_ || (dropped && *dropped); };
  auto newer = [&] { return let_go() || (!events_.empty() && events_.back().n > after); };
  if (!changed_.wait_for(lock, timeout, newer) || let_go()) return {};
  std::vector<RenderEvent> out;
  for (const auto& e : events_)
    if (e.n > after) out.push_back(e);
  return out;
}

void Session::wake() {
  { std::lock_guard<std::mutex> lock(state_mutex_); }  // a waiter is either waiting or sees the flag set before
  changed_.notify_all();
}

void Session::stop() {
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool Session::stopped() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return stopped_;
}

}  // namespace jixiao::preview
