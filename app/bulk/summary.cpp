// The summary files of a bulk run, written row by row from a RowSource (nothing the size of
// the run is held) through write_file_streamed. libxlsxwriter writes the workbook to a file
// itself, so it gets a scratch file beside the output, which is then copied in atomically
// (one place for the output's safety checks: symlinks, directories, permissions, fsync).
#include "bulk/summary.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "diag/files.h"
#include "diag/lang.h"
#include "diag/utf8.h"

namespace jixiao::bulk {

namespace {

[[noreturn]] void fail(const std::string& path, std::string message, std::string expected = {}) {
  throw Failure({Severity::Error, "io.write", path, "", std::move(message), std::move(expected), "", {}});
}

// Column headers, English and Chinese (the zh catalog's words: 表式, 应为/实为, 提示 …).
struct Header {
  const char* en;
  const char* zh;
};
const Header kColumns[] = {{"input", "文件"},    {"document", "文档"}, {"unit", "单位"},      {"unit_code", "单位代码"},
                           {"project", "项目"},  {"form", "表式"},     {"total", "总分"},     {"max", "满分"},
                           {"grade", "评分等级"}, {"errors", "错误"},  {"warnings", "警告"},  {"notes", "说明"},
                           {"status", "状态"},   {"output", "输出文件"}, {"pages", "页数"},   {"bytes", "字节数"}};
constexpr int kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);
constexpr int kTotalColumn = 6, kMaxColumn = 7;
const Header kFindingColumns[] = {{"input", "文件"},    {"document", "文档"}, {"severity", "级别"}, {"code", "代码"},
                                  {"file", "所在文件"}, {"pointer", "位置"},  {"line", "行"},       {"col", "列"},
                                  {"message", "内容"},  {"expected", "应为"}, {"got", "实为"},      {"hint", "提示"},
                                  {"computed", "计算"}, {"declared", "申报"}};
constexpr int kLineColumn = 6, kColColumn = 7, kMessageColumn = 8, kHintColumn = 11;
constexpr int kFindingColumnCount = sizeof(kFindingColumns) / sizeof(kFindingColumns[0]);

std::vector<std::string> headers(const Header* columns, int count, const std::string& lang) {
  std::vector<std::string> out;
  for (int c = 0; c < count; ++c) out.push_back(lang == "zh" ? columns[c].zh : columns[c].en);
  return out;
}

// A row's status and a finding's severity as people read them; findings.json keeps the
// English values programs compare.
std::string status_text(const std::string& status, const std::string& lang) {
  if (lang != "zh") return status;
  static const std::pair<const char*, const char*> kStatus[] = {
      {"ok", "正常"}, {"warnings", "有警告"}, {"failed", "失败"}, {"unchanged", "未变"}, {"not-rendered", "未生成"}};
  for (const auto& [en, zh] : kStatus)
    if (status == en) return zh;
  return status;
}
std::string severity_text(const std::string& severity, const std::string& lang) {
  if (lang != "zh") return severity;
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Note})
    if (severity == severity_name(s)) return severity_name(s, "zh");
  return severity;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// A cell of the summary: text, or a number (totals, counts) that spreadsheets must not
// take for a formula nor quote.
struct Cell {
  std::string text;
  bool number = false;
};

// "87.10", "-1", "100": what the engine prints for points. Anything else is text.
bool is_number(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0, digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t frac = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
    if (frac == 0) return false;
  }
  return digits > 0 && i == s.size();
}

Cell points_cell(const std::string& s) { return {s, !s.empty() && is_number(s)}; }
Cell count_cell(long long n) { return {std::to_string(n), true}; }

std::vector<Cell> summary_cells(const SummaryRow& r, const std::string& lang) {
  return {{r.input},   {r.document}, {r.unit}, {r.unit_code}, {r.project}, {r.form},
          points_cell(r.total), points_cell(r.max), {r.grade},
          count_cell(r.errors), count_cell(r.warnings), count_cell(r.notes),
          {status_text(r.status, lang)},  {r.output}, count_cell(r.pages),
          count_cell(static_cast<long long>(r.bytes))};
}

std::vector<std::string> finding_cells(const SummaryRow& r, const FindingRow& f, const std::string& lang) {
  auto number = [](int n) { return n > 0 ? std::to_string(n) : std::string(); };
  return {r.input,         r.document,    severity_text(f.severity, lang), f.code,     f.file,    f.pointer,
          number(f.line), number(f.col), f.message,  f.expected, f.got, joined(f.hints), f.computed, f.declared};
}

// --- CSV ---------------------------------------------------------------------------------

void append_csv_cell(std::string& out, const Cell& c) {
  std::string text = c.text;
  // A text cell starting like a formula would be run by Excel or LibreOffice on opening
  // (CSV injection); an apostrophe makes it text. Tab and CR are on OWASP's list too.
  if (!c.number && !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
    text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

void append_csv_row(std::string& out, const std::vector<Cell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    append_csv_cell(out, cells[i]);
  }
  out += "\r\n";
}

// --- XLSX --------------------------------------------------------------------------------

constexpr std::size_t kMaxCellChars = 32000;  // Excel holds 32,767 characters in a cell

// Text as Excel can store it: valid UTF-8 (else U+FFFD), no control characters XML cannot
// hold, CR LF as one line break, at most kMaxCellChars characters, and a literal "_x0041_"
// kept literal ("_x005F_" is Excel's escape of "_"), since Excel decodes _xHHHH_ in cells.
std::string excel_text(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0, chars = 0;
  auto hex = [&](std::size_t k) { return k < s.size() && std::isxdigit(static_cast<unsigned char>(s[k])); };
  while (i < s.size()) {
    if (++chars > kMaxCellChars) {
      out += "…";
      break;
    }
    std::size_t at = i;
    char32_t cp = 0;
    if (!next_code_point(s, i, cp)) cp = 0xFFFD;
    if (cp == '\r') {
      if (i < s.size() && s[i] == '\n') ++i;
      cp = '\n';
    } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF) {
      cp = 0xFFFD;
    } else if (cp == '_' && at + 6 < s.size() && s[at + 1] == 'x' && hex(at + 2) && hex(at + 3) &&
               hex(at + 4) && hex(at + 5) && s[at + 6] == '_') {
      out += "_x005F_";
      continue;
    }
    append_utf8(out, cp);
  }
  return out;
}

// Columns as wide as their widest cell (CJK characters count twice), within bounds.
class Widths {
 public:
  explicit Widths(const std::vector<std::string>& headers) {
    for (const auto& h : headers) w_.push_back(h.size() + 2);  // a CJK header: 3 bytes, 2 wide
  }
  void see(std::size_t col, const std::string& s) {
    std::size_t w = 0, i = 0;
    char32_t cp = 0;
    while (i < s.size() && w < kMax) {
      if (!next_code_point(s, i, cp)) cp = '?';
      if (cp == '\n') w = 0;  // a line break: only the widest line counts
      else w += cp >= 0x1100 ? 2 : 1;
      w_[col] = std::max(w_[col], std::min(w + 2, kMax));
    }
  }
  void apply(lxw_worksheet* ws) const {
    for (std::size_t c = 0; c < w_.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(w_[c]), nullptr);
  }

 private:
  static constexpr std::size_t kMax = 60;
  std::vector<std::size_t> w_;
};

// A workbook open on a scratch file; closed (and freed) by close() or the destructor.
class Workbook {
 public:
  Workbook(const std::string& scratch, const std::string& path) : path_(path) {
    lxw_workbook_options options{};
    // Rows go straight to a temporary file as they are written: memory stays flat for
    // 10,000 documents. Strings are then stored inline, which changes nothing in Excel.
    options.constant_memory = LXW_TRUE;
    wb_ = workbook_new_opt(scratch.c_str(), &options);
    if (!wb_) fail(path, "cannot start the workbook (out of memory)");
    // Created 0 would mean "now", in docProps/core.xml: a fixed date keeps the bytes the
    // same from run to run (libxlsxwriter 1.1.4 dates every zip entry 1980-01-01 itself).
    lxw_doc_properties props{};
    props.created = 946684800;  // 2000-01-01T00:00:00Z
    workbook_set_properties(wb_, &props);
  }
  ~Workbook() {
    if (wb_) workbook_close(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  lxw_workbook* get() { return wb_; }
  void close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) fail(path_, std::string("cannot write the workbook: ") + lxw_strerror(e));
  }

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
};

struct Formats {
  lxw_format* header;
  lxw_format* points;
  lxw_format* wrap;
};

lxw_worksheet* add_sheet(lxw_workbook* wb, const char* name, const std::vector<std::string>& headers,
                         const Widths& widths, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  widths.apply(ws);
  worksheet_freeze_panes(ws, 1, 0);
  for (std::size_t c = 0; c < headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), f.header);
  return ws;
}

void write_summary_sheet(lxw_workbook* wb, const RowSource& rows, const Formats& f,
                         const std::string& path, const std::string& lang) {
  if (rows.count >= LXW_ROW_MAX)
    fail(path, "more documents than a worksheet holds (" + std::to_string(rows.count) + ")",
         "at most " + std::to_string(LXW_ROW_MAX - 1) + " documents; the CSV file lists them all");
  const auto header = headers(kColumns, kColumnCount, lang);
  Widths widths(header);
  rows.each([&](const SummaryRow& r) {
    auto cells = summary_cells(r, lang);
    for (int c = 0; c < kColumnCount; ++c)
      if (!cells[c].number) widths.see(static_cast<std::size_t>(c), cells[c].text);
  });
  lxw_worksheet* ws = add_sheet(wb, "summary", header, widths, f);
  lxw_row_t row = 1;
  rows.each([&](const SummaryRow& r) {
    auto cells = summary_cells(r, lang);
    for (int c = 0; c < kColumnCount; ++c) {
      const Cell& cell = cells[c];
      auto col = static_cast<lxw_col_t>(c);
      lxw_format* format = c == kTotalColumn || c == kMaxColumn ? f.points : nullptr;
      if (cell.number)
        worksheet_write_number(ws, row, col, std::strtod(cell.text.c_str(), nullptr), format);
      else if (cell.text.empty())
        worksheet_write_blank(ws, row, col, format);
      else
        worksheet_write_string(ws, row, col, excel_text(cell.text).c_str(), nullptr);
    }
    ++row;
  });
  if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, kColumnCount - 1);
}

void write_findings_sheet(lxw_workbook* wb, const RowSource& rows, const Formats& f, const std::string& lang) {
  const auto header = headers(kFindingColumns, kFindingColumnCount, lang);
  Widths widths(header);
  std::size_t total = 0;
  rows.each([&](const SummaryRow& r) {
    for (const auto& fr : r.findings) {
      auto cells = finding_cells(r, fr, lang);
      for (std::size_t c = 0; c < cells.size(); ++c) widths.see(c, cells[c]);
      ++total;
    }
  });
  lxw_worksheet* ws = add_sheet(wb, "findings", header, widths, f);
  // A sheet holds 1,048,576 rows: past that, say what is missing rather than drop it silently.
  const std::size_t room = LXW_ROW_MAX - 2;
  lxw_row_t row = 1;
  rows.each([&](const SummaryRow& r) {
    for (const auto& fr : r.findings) {
      if (row > room) break;
      auto cells = finding_cells(r, fr, lang);
      for (int c = 0; c < kFindingColumnCount; ++c) {
        auto col = static_cast<lxw_col_t>(c);
        if (c == kLineColumn || c == kColColumn) {
          if (!cells[c].empty()) worksheet_write_number(ws, row, col, std::stod(cells[c]), nullptr);
          continue;
        }
        bool wrap = c == kMessageColumn || c == kHintColumn;
        worksheet_write_string(ws, row, col, excel_text(cells[c]).c_str(), wrap ? f.wrap : nullptr);
      }
      ++row;
    }
  });
  if (total > room) {
    std::string more = lang == "zh" ? "另有 " + std::to_string(total - room) + " 条问题，见 findings.json"
                                    : std::to_string(total - room) + " more findings are in the findings JSON file";
    worksheet_write_string(ws, row++, kMessageColumn, more.c_str(), nullptr);
  }
  if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, kFindingColumnCount - 1);
}

// A unique empty file beside path (so a missing or read-only directory fails here, naming
// the output), removed when this goes out of scope.
class Scratch {
 public:
  explicit Scratch(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    std::string file = ".";  // built piecewise: "." + name + … trips GCC 12's -Wrestrict
    file += fs::path(path).filename().string();
    file += ".xlsx-XXXXXX";
    name_ = (dir / file).string();
    fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
    if (fd_ < 0) fail(path, std::string("cannot create output: ") + os_error(errno));
    ::flock(fd_, LOCK_EX | LOCK_NB);  // held while it lives: not taken for a killed run's leftover
  }
  ~Scratch() {
    ::unlink(name_.c_str());
    ::close(fd_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  int fd_ = -1;
};

// Copies a file into write_file_streamed's output a block at a time.
void copy_into(const std::string& from, const std::string& path, const std::function<void(std::string_view)>& put) {
  int fd = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, std::string("cannot read the workbook back: ") + os_error(errno));
  std::vector<char> block(1 << 16);
  for (;;) {
    ssize_t n = ::read(fd, block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      if (n < 0) fail(path, std::string("cannot read the workbook back: ") + os_error(e));
      return;
    }
    put(std::string_view(block.data(), static_cast<std::size_t>(n)));
  }
}

// "87.10" → 87.1 as in `jixiao score --json`; null when not scored.
nlohmann::ordered_json points_json(const std::string& s) {
  if (s.empty()) return nullptr;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return s;
  return v;
}

}  // namespace

void write_csv(const std::string& path, const RowSource& rows, const std::string& lang) {
  write_file_streamed(path, [&](const std::function<void(std::string_view)>& put) {
    // The BOM: Excel on Chinese Windows reads UTF-8 without one as GBK.
    std::string out = "\xEF\xBB\xBF";
    std::vector<Cell> header;
    for (const auto& c : headers(kColumns, kColumnCount, lang)) header.push_back({c});
    append_csv_row(out, header);
    put(out);
    rows.each([&](const SummaryRow& r) {
      out.clear();
      append_csv_row(out, summary_cells(r, lang));
      put(out);
    });
  });
}

void write_xlsx(const std::string& path, const RowSource& rows, const std::string& lang) {
  Scratch scratch(path);
  {
    Workbook wb(scratch.name(), path);
    Formats f{workbook_add_format(wb.get()), workbook_add_format(wb.get()), workbook_add_format(wb.get())};
    format_set_bold(f.header);
    format_set_num_format(f.points, "0.00");
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
    write_summary_sheet(wb.get(), rows, f, path, lang);
    write_findings_sheet(wb.get(), rows, f, lang);
    wb.close();
  }
  // The workbook is a zip of compressed XML, a few hundred bytes a document: copied, not held.
  write_file_streamed(path, [&](const std::function<void(std::string_view)>& put) { copy_into(scratch.name(), path, put); });
}

void write_findings_json(const std::string& path, const RowSource& rows) {
  using ojson = nlohmann::ordered_json;
  // The layout dump(2) gives the whole {"documents": [...]}, one document at a time: each
  // is dumped alone and indented by its depth (a dumped string holds no raw line break).
  write_file_streamed(path, [&](const std::function<void(std::string_view)>& put) {
    if (rows.count == 0) {
      put("{\n  \"documents\": []\n}\n");
      return;
    }
    put("{\n  \"documents\": [\n");
    bool first = true;
    rows.each([&](const SummaryRow& r) {
      ojson findings = ojson::array();
      for (const auto& f : r.findings) {
        auto number = [](int n) { return n > 0 ? ojson(n) : ojson(nullptr); };
        ojson fj = {{"severity", f.severity}, {"code", f.code},         {"file", f.file},
                    {"pointer", f.pointer},   {"line", number(f.line)}, {"col", number(f.col)},
                    {"message", f.message}};
        if (!f.expected.empty()) fj["expected"] = f.expected;
        if (!f.got.empty()) fj["got"] = f.got;
        if (!f.hints.empty()) fj["hints"] = f.hints;
        if (!f.computed.empty()) fj["computed"] = f.computed;
        if (!f.declared.empty()) fj["declared"] = f.declared;
        findings.push_back(std::move(fj));
      }
      ojson doc = {{"input", r.input},
                   {"document", r.document},
                   {"unit", r.unit},
                   {"unit_code", r.unit_code},
                   {"project", r.project},
                   {"form", r.form},
                   {"total", points_json(r.total)},
                   {"grade", r.grade},
                   {"status", r.status},
                   {"output", r.output},
                   {"findings", std::move(findings)}};
      // replace: a file name in a message may not be UTF-8; dump() would throw on it.
      std::string text = doc.dump(2, ' ', false, ojson::error_handler_t::replace);
      std::string out = first ? "    " : ",\n    ";
      first = false;
      for (char c : text) {
        out += c;
        if (c == '\n') out += "    ";
      }
      put(out);
    });
    put("\n  ]\n}\n");
  });
}

}  // namespace jixiao::bulk
