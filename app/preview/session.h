// The preview's one engine and what its last renders gave: re-renders run on one thread
// (the watcher's), HTTP handlers read immutable snapshots, the event streams wait on a
// condition variable for the next render number.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jixiao.h"
#include "preview/engine_adapter.h"

namespace jixiao::preview {

// What a render left, for the handlers; never changed once published.
struct Snapshot {
  int n = 0;         // render number, from 1
  bool ok = false;   // this render succeeded
  int good = 0;      // number of the last good render (0: none yet)
  // GET /state, one per language of kLanguages (?lang=): built at render time, the page
  // switches language without waiting for a render.
  std::map<std::string, std::string> state_json;
  std::shared_ptr<const std::string> pdf;  // the last good render's PDF (null: none)
  std::set<std::string> watching;          // files whose saves re-render
  std::set<std::string> sources;           // files /source may serve (Session::sources)
};

// The languages /state words diagnostics and findings in (diag/lang.h).
inline const char* const kLanguages[] = {"en", "zh"};

struct RenderEvent {
  int n = 0;
  bool ok = false;
};

class Session {
 public:
  // editor: the --editor URL pattern /state hands the page ("": none).
  Session(Options options, std::string data_file, std::string editor = "");

  // Renders again after these files changed (none: the first render). Render thread only.
  void render(const std::vector<std::string>& changed);

  std::shared_ptr<const Snapshot> snapshot() const;

  // The files as they are now drawn with the layout overlay (the last render's, unless a
  // save is being rendered); rendered on demand, beside a re-render if one is under way,
  // and kept until the next render. null when the files do not render (why in error).
  std::shared_ptr<const std::string> debug_pdf(std::string& error);

  // What to watch: the files of the last renders, the font manifest and files, and the
  // directories whose .xml/.json files count even before a render reads them (the template
  // roots' forms/ rules/ schemas/ prefill/).
  std::set<std::string> watched_files() const;
  std::vector<std::string> watched_dirs() const;

  // Whether file is the data file, or its real path lies inside a template root, the data
  // file's directory or a --declaration-dir, or it is the font manifest: what /source may serve (Snapshot::sources,
  // checked again when served). Any thread.
  bool in_source_root(const std::string& file) const;

  // Blocks until a render after `after` (returns its events, oldest first), until the
  // timeout (returns none), until stop() (returns none; stopped() is then true) or until
  // *dropped is set and wake() called (returns none).
  std::vector<RenderEvent> wait_events(int after, std::chrono::milliseconds timeout,
                                       const std::atomic<bool>* dropped = nullptr);
  void wake();
  void stop();
  bool stopped() const;
  const std::string& lang() const { return options_.lang; }
  const std::string& data_dir() const { return options_.data_dir; }

 private:
  void publish(std::shared_ptr<const Snapshot> s);
  // One engine run with the PDF in memory; debug: with the overlay. Any thread: the engine
  // takes concurrent runs and forget().
  EngineRun run(const std::vector<std::string>& changed, bool debug);
  std::set<std::string> watched_files_unlocked() const;  // render thread
  // The watched files /source serves and /state quotes: those in_source_root, never a font
  // file (binary; a --font-dir may be any directory). Render thread.
  std::set<std::string> sources(const std::set<std::string>& watching) const;

  Options options_;
  std::string data_file_;
  Engine engine_;

  // Render thread's own record (read under state_mutex_ by watched_files()).
  std::set<std::string> last_inputs_, good_inputs_, fonts_;
  std::string editor_;
  std::string good_page_map_;
  std::vector<ScoredDocument> good_documents_;  // untranslated: worded per language in each state
  std::shared_ptr<const std::string> good_pdf_;
  int n_ = 0, good_ = 0;

  mutable std::mutex state_mutex_;
  std::condition_variable changed_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::deque<RenderEvent> events_;  // the last renders, for streams that fell behind
  bool stopped_ = false;
  std::shared_ptr<const std::string> debug_pdf_;  // overlay of the current render
};

}  // namespace jixiao::preview
