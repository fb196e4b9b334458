#include "bulk/shard_rows.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "diag/files.h"

namespace jixiao::bulk {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Invalid UTF-8 (a file name) is written as U+FFFD rather than failing the shard.
std::string line_of(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

json to_json(std::size_t ordinal, const SummaryRow& r) {
  json findings = json::array();
  for (const auto& f : r.findings)
    findings.push_back({{"severity", f.severity}, {"code", f.code}, {"file", f.file}, {"pointer", f.pointer},
                        {"message", f.message}, {"computed", f.computed}, {"declared", f.declared},
                        {"line", f.line}, {"col", f.col}, {"expected", f.expected}, {"got", f.got},
                        {"hints", f.hints}});
  return {{"n", ordinal},        {"input", r.input},   {"document", r.document}, {"unit", r.unit},
          {"unit_code", r.unit_code}, {"project", r.project}, {"form", r.form},     {"total", r.total},       {"max", r.max},
          {"grade", r.grade},     {"errors", r.errors}, {"warnings", r.warnings}, {"notes", r.notes},
          {"status", r.status},   {"output", r.output}, {"pages", r.pages},       {"bytes", r.bytes},
          {"findings", findings}};
}

SummaryRow from_json(const json& j) {
  SummaryRow r;
  r.input = j.at("input");
  r.document = j.at("document");
  r.unit = j.at("unit");
  r.unit_code = j.at("unit_code");
  r.project = j.at("project");
  r.form = j.at("form");
  r.total = j.at("total");
  r.max = j.at("max");
  r.grade = j.at("grade");
  r.errors = j.at("errors");
  r.warnings = j.at("warnings");
  r.notes = j.at("notes");
  r.status = j.at("status");
  r.output = j.at("output");
  r.pages = j.at("pages");
  r.bytes = j.at("bytes");
  for (const auto& f : j.at("findings"))
    r.findings.push_back({f.at("severity"), f.at("code"), f.at("file"), f.at("pointer"), f.at("message"),
                          f.at("computed"), f.at("declared"), f.at("line"), f.at("col"), f.at("expected"),
                          f.at("got"), f.at("hints")});
  return r;
}

struct ShardFile {
  std::string path;
  ShardHeader header;
  bool ok = false;
};

ShardFile read_header(const std::string& path, DiagnosticSink& sink) {
  ShardFile f{path, {}, false};
  std::ifstream in(path, std::ios::binary);
  std::string line;
  try {
    if (!in || !std::getline(in, line)) throw std::runtime_error("unreadable or empty");
    json h = json::parse(line);
    f.header.shard.index = h.at("shard");
    f.header.shard.count = h.at("of");
    f.header.documents = h.at("documents");
    f.header.rows = h.at("rows");
    f.header.run = h.at("run");
    f.header.lang = h.value("lang", "en");  // rows files before the summaries had a language
    f.ok = true;
  } catch (const std::exception& e) {
    sink.error("merge.shard", path, "1:1", "not a shard's rows file (" + std::string(e.what()) + ")",
               "the file a shard run (--shard K/N) writes");
  }
  return f;
}

// Every rows.shard-K-of-N.jsonl in dir: (N, K) → path, and the N of the newest.
std::map<std::pair<int, int>, std::string> shard_files(const std::string& dir, int& newest) {
  static const std::regex name(R"(rows\.shard-(\d{1,6})-of-(\d{1,6})\.jsonl)");
  std::map<std::pair<int, int>, std::string> out;
  fs::file_time_type latest{};
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    std::string file = e.path().filename().string();
    if (!e.is_regular_file(ec) || !std::regex_match(file, m, name)) continue;
    int k = std::stoi(m[1]), n = std::stoi(m[2]);
    out[{n, k}] = e.path().string();
    auto t = e.last_write_time(ec);
    if (out.size() == 1 || t > latest) latest = t, newest = n;
  }
  return out;
}

}  // namespace

std::string shard_rows_name(const Shard& s) {
  return "rows.shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".jsonl";
}

void write_shard_rows(const std::string& path, const ShardHeader& header,
                      const std::function<void(const std::function<void(std::size_t, const SummaryRow&)>&)>& each) {
  write_file_streamed(path, [&](const std::function<void(std::string_view)>& put) {
    put(line_of({{"shard", header.shard.index}, {"of", header.shard.count}, {"documents", header.documents},
                 {"rows", header.rows}, {"run", header.run}, {"lang", header.lang}}));
    each([&](std::size_t ordinal, const SummaryRow& row) { put(line_of(to_json(ordinal, row))); });
  });
}

MergeResult merge_shards(const std::string& dir) {
  MergeResult res;
  DiagnosticSink& sink = res.diagnostics;
  int n = 0;
  auto files = shard_files(dir, n);
  if (files.empty()) {
    sink.error("merge.none", dir, "", "no shard rows here (rows.shard-K-of-N.jsonl)",
               "the output directory of a run split with --shard K/N");
    return res;
  }
  res.shards = n;
  std::vector<ShardFile> shards;
  for (int k = 0; k < n; ++k) {
    auto it = files.find({n, k});
    if (it == files.end()) {
      sink.error("merge.missing", dir, "", "shard " + std::to_string(k) + "/" + std::to_string(n) + " is missing",
                 (fs::path(dir) / shard_rows_name({k, n})).string() + ", written when that shard finishes");
      continue;
    }
    shards.push_back(read_header(it->second, sink));
  }
  if (sink.has_errors()) return res;
  const ShardHeader& first = shards.front().header;
  res.documents = first.documents;
  std::vector<std::pair<std::size_t, SummaryRow>> rows;
  rows.reserve(std::min<std::size_t>(first.documents, 1 << 16));  // the count is read from a file: never trusted for memory
  for (const auto& s : shards) {
    if (s.header.run != first.run || s.header.documents != first.documents) {
      sink.error("merge.other-run", s.path, "", "this shard is of another run (other inputs or documents)",
                 "the inputs of " + shards.front().path);
      continue;
    }
    if (s.header.lang != first.lang) {
      sink.error("merge.lang", s.path, "", "this shard's summary is in another language (--lang " + s.header.lang + ")",
                 "--lang " + first.lang + " as " + shards.front().path + " (run that shard again with it)", s.header.lang);
      continue;
    }
    std::ifstream in(s.path, std::ios::binary);
    std::string line;
    std::getline(in, line);  // the header
    std::size_t count = 0, missing = 0, number = 1;
    while (std::getline(in, line)) {
      ++number;
      try {
        json j = json::parse(line);
        rows.emplace_back(j.at("n").get<std::size_t>(), from_json(j));
        missing += rows.back().second.status == "not-rendered";
        ++count;
      } catch (const std::exception& e) {
        sink.error("merge.shard", s.path, std::to_string(number) + ":1", std::string("a row that does not read: ") + e.what());
        break;
      }
    }
    if (count != s.header.rows || missing > 0)
      sink.error("merge.incomplete", s.path, "",
                 "shard " + s.header.shard.name() + " is incomplete: " + std::to_string(missing + (s.header.rows - std::min(count, s.header.rows))) +
                     " of its " + std::to_string(s.header.rows) + " documents not rendered",
                 "every document rendered (run that shard again with --resume)");
  }
  if (sink.has_errors()) return res;
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i <= rows.size(); ++i)  // i == size: a count that is not the run's
    if (i == rows.size() ? rows.size() != first.documents : rows[i].first != i) {
      sink.error("merge.rows", dir, "", "the shards' rows do not make the whole run (document " + std::to_string(i) + ")",
                 std::to_string(first.documents) + " documents, each in one shard");
      return res;
    }
  const RowSource source(rows.size(), [&](const std::function<void(const SummaryRow&)>& f) {
    for (const auto& [ordinal, row] : rows) f(row);
  });
  using Writer = std::function<void(const std::string&, const RowSource&)>;
  const std::string& lang = first.lang;
  const std::pair<const char*, Writer> writers[] = {
      {"summary.csv", [&](const std::string& p, const RowSource& r) { write_csv(p, r, lang); }},
      {"summary.xlsx", [&](const std::string& p, const RowSource& r) { write_xlsx(p, r, lang); }},
      {"findings.json", [](const std::string& p, const RowSource& r) { write_findings_json(p, r); }}};
  try {
    for (const auto& [file, write] : writers) {
      std::string path = (fs::path(dir) / file).string();
      write(path, source);
      res.written.push_back(path);
    }
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return res;
  }
  // What shards of another N left: their summaries, rows and manifests are not this run's.
  static const std::regex other(R"((summary|findings|rows|\.jixiao-manifest)\.shard-\d{1,6}-of-(\d{1,6})\.(csv|xlsx|json|jsonl|tsv))");
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    std::string file = e.path().filename().string();
    if (e.is_regular_file(ec) && std::regex_match(file, m, other) && std::stoi(m[2]) != n) stale.push_back(e.path());
  }
  std::sort(stale.begin(), stale.end());
  for (const auto& p : stale)
    if (fs::remove(p, ec)) res.removed.push_back(p.string());
  return res;
}

}  // namespace jixiao::bulk
