// The summary files of a bulk run, read back: the CSV by an RFC 4180 parser, the workbook
// by the real unzip and pugixml, the findings JSON by nlohmann.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "bulk/summary.h"
#include "diag/diag.h"
#include "support/support.h"
#include "xlsx_reader.h"

using namespace jixiao;
using bulk::FindingRow;
using bulk::SummaryRow;

namespace {

// CJK text, commas, quotes, line breaks, formula-like text, a document not scored.
std::vector<SummaryRow> sample_rows() {
  SummaryRow a{"data/深圳,2021.json", "/projects/0", "深圳市住房和建设局", "档案整理 \"一期\"", "004", "87.10",
               "100.00", "良", 0, 1, 1, "warnings", "深圳市住房和建设局/档案整理.pdf", 3, 123456, {}};
  a.findings = {{"warning", "scoring.declared-differs", "data/深圳,2021.json", "/projects/0/evaluation/total",
                 "自评总分与计算不符,\n请核对", "87.10", "88.00", 118, 7},
                {"note", "scoring.rounded", "rules/004.json", "", "按两位小数取整", "", "", 12, 3}};
  a.unit_code = "0102013";
  SummaryRow b{"batch.jsonl:2", "", "", "=SUM(A1:A9)", "003", "", "", "", 2, 0, 0, "failed", "", 0, 0, {}};
  b.findings = {{"error", "model.type", "batch.jsonl:2", "/projects/1/funds", "期望数字，得到 \"abc\"\r\n第二行", "", "",
                 0, 0, "数字", "\"abc\"", {"写成 123.45", "=不带引号"}},
                {"error", "model.required", "batch.jsonl:2", "/projects/1", "@SUM(1) +cmd|' /C calc'!A0", "", "-1"}};
  SummaryRow c{"c.json", "/projects/2", "+86 电话", "-1", "004", "-1", "100", "优", 0, 0, 0, "ok", "c-2.pdf", 1, 9, {}};
  return {a, b, c};
}

// RFC 4180: fields split by commas, records by CR LF; a quoted field may hold both, and ""
// for a quote. A bare LF outside quotes is a failure (Excel would split the record there).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        REQUIRE(i < text.size());
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
          else break;
        } else {
          field += text[i];
        }
      }
      ++i;
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') field += text[i++];
    }
    REQUIRE(i < text.size());  // every record ends in CR LF, the last one too
    if (text[i] == ',') {
      record.push_back(field);
      field.clear();
      ++i;
      continue;
    }
    REQUIRE(text.compare(i, 2, "\r\n") == 0);
    record.push_back(field);
    field.clear();
    records.push_back(record);
    record.clear();
    i += 2;
  }
  return records;
}

std::string guarded(const std::string& s) {
  return !s.empty() && std::string("=+-@").find(s[0]) != std::string::npos ? "'" + s : s;
}

// Excel keeps one line break for CR LF.
std::string in_excel(std::string s) {
  for (std::size_t p; (p = s.find("\r\n")) != std::string::npos;) s.erase(p, 1);
  return s;
}

// The hint column: the hints one a line.
std::string hints_cell(const FindingRow& f) {
  std::string out;
  for (const auto& h : f.hints) out += (out.empty() ? "" : "\n") + h;
  return out;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("summary CSV: BOM, CR LF, RFC 4180 quoting, text guarded from formulas", "[bulk][summary]") {
  auto dir = test::temp_dir("summary-csv");
  auto rows = sample_rows();
  bulk::write_csv(dir + "/summary.csv", rows);
  std::string text = test::slurp(dir + "/summary.csv");
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  auto records = parse_csv(text.substr(3));
  REQUIRE(records.size() == 4);
  CHECK(records[0] == std::vector<std::string>{"input", "document", "unit", "unit_code", "project", "form", "total",
                                               "max", "grade", "errors", "warnings", "notes", "status", "output",
                                               "pages", "bytes"});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    INFO("row " << i);
    CHECK(records[i + 1] ==
          std::vector<std::string>{guarded(r.input), guarded(r.document), guarded(r.unit), guarded(r.unit_code),
                                   guarded(r.project), guarded(r.form), r.total, r.max, guarded(r.grade), std::to_string(r.errors),
                                   std::to_string(r.warnings), std::to_string(r.notes), guarded(r.status),
                                   guarded(r.output), std::to_string(r.pages), std::to_string(r.bytes)});
  }
  // The cells that matter, spelled out: a formula and a leading "-" or "+" in text are
  // guarded, a negative total is a number; a comma or quote is quoted.
  CHECK(records[1][3] == "0102013");
  CHECK(records[2][4] == "'=SUM(A1:A9)");
  CHECK(records[3][2] == "'+86 电话");
  CHECK(records[3][4] == "'-1");
  CHECK(records[3][6] == "-1");
  CHECK(text.find("\"data/深圳,2021.json\"") != std::string::npos);
  CHECK(text.find("\"档案整理 \"\"一期\"\"\"") != std::string::npos);
}

TEST_CASE("summary workbook: the summary sheet holds the rows, the findings sheet every finding",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-xlsx");
  auto rows = sample_rows();
  std::string path = dir + "/summary.xlsx";
  bulk::write_xlsx(path, rows);

  auto sheet = test::read_sheet(path, 1);
  REQUIRE(sheet.size() == 4);
  REQUIRE(sheet[0].size() == 16);
  CHECK(sheet[0][0] == "input");
  CHECK(sheet[0][3] == "unit_code");
  CHECK(sheet[0][15] == "bytes");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    INFO("row " << i);
    CHECK(sheet[i + 1] == std::vector<std::string>{r.input, r.document, r.unit, r.unit_code, r.project, r.form,
                                                   sheet[i + 1][6], sheet[i + 1][7], r.grade,
                                                   std::to_string(r.errors), std::to_string(r.warnings),
                                                   std::to_string(r.notes), r.status, r.output,
                                                   std::to_string(r.pages), std::to_string(r.bytes)});
  }
  // Totals are numbers (shown 0.00 by the cell format), blank when not scored.
  CHECK(sheet[1][6] == "87.1");
  CHECK(sheet[1][7] == "100");
  CHECK(sheet[2][6] == "");
  CHECK(sheet[2][7] == "");
  CHECK(sheet[3][6] == "-1");

  auto findings = test::read_sheet(path, 2);
  REQUIRE(findings.size() == 5);
  CHECK(findings[0] == std::vector<std::string>{"input", "document", "severity", "code", "file", "pointer",
                                                "line", "col", "message", "expected", "got", "hint",
                                                "computed", "declared"});
  std::size_t n = 1;
  auto number = [](int k) { return k > 0 ? std::to_string(k) : std::string(); };  // numbers, blank when unknown
  for (const auto& r : rows)
    for (const auto& f : r.findings) {
      INFO("finding " << n);
      CHECK(findings[n++] == std::vector<std::string>{r.input, r.document, f.severity, f.code, f.file, f.pointer,
                                                      number(f.line), number(f.col), in_excel(f.message),
                                                      f.expected, f.got, hints_cell(f), f.computed, f.declared});
    }
  CHECK(findings[3][8] == "期望数字，得到 \"abc\"\n第二行");
  CHECK(findings[3][9] == "数字");
  CHECK(findings[3][10] == "\"abc\"");
  CHECK(findings[3][11] == "写成 123.45\n=不带引号");  // one hint a line, text not a formula

  // Strings, never formulas; the header row frozen and bold; totals formatted 0.00; a fixed
  // creation date (the bytes must not depend on the clock).
  std::string xml1 = test::xlsx_part(path, "xl/worksheets/sheet1.xml");
  std::string xml2 = test::xlsx_part(path, "xl/worksheets/sheet2.xml");
  CHECK(xml1.find("<f>") == std::string::npos);
  CHECK(xml2.find("<f>") == std::string::npos);
  CHECK(xml1.find("ySplit=\"1\"") != std::string::npos);
  CHECK(xml1.find("state=\"frozen\"") != std::string::npos);
  std::string styles = test::xlsx_part(path, "xl/styles.xml");
  CHECK(styles.find("formatCode=\"0.00\"") != std::string::npos);
  CHECK(styles.find("<b/>") != std::string::npos);
  CHECK(test::xlsx_part(path, "docProps/core.xml").find("2000-01-01T00:00:00Z") != std::string::npos);
  std::string workbook = test::xlsx_part(path, "xl/workbook.xml");
  CHECK(workbook.find("name=\"summary\"") != std::string::npos);
  CHECK(workbook.find("name=\"findings\"") != std::string::npos);
}

TEST_CASE("summary in Chinese: headers, status and severity in zh, findings.json keeps English keys and values",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-zh");
  auto rows = sample_rows();
  bulk::write_csv(dir + "/summary.csv", rows, "zh");
  bulk::write_xlsx(dir + "/summary.xlsx", rows, "zh");
  bulk::write_findings_json(dir + "/findings.json", rows);
  auto records = parse_csv(test::slurp(dir + "/summary.csv").substr(3));
  const std::vector<std::string> header{"文件", "文档", "单位", "单位代码", "项目", "表式", "总分", "满分",
                                        "评分等级", "错误", "警告", "说明", "状态", "输出文件", "页数", "字节数"};
  CHECK(records[0] == header);
  CHECK(records[1][12] == "有警告");
  CHECK(records[2][12] == "失败");
  CHECK(records[3][12] == "正常");
  auto sheet = test::read_sheet(dir + "/summary.xlsx", 1);
  CHECK(sheet[0] == header);
  CHECK(sheet[2][12] == "失败");
  auto findings = test::read_sheet(dir + "/summary.xlsx", 2);
  CHECK(findings[0] == std::vector<std::string>{"文件", "文档", "级别", "代码", "所在文件", "位置", "行", "列", "内容",
                                                "应为", "实为", "提示", "计算", "申报"});
  CHECK(findings[1][2] == "警告");
  CHECK(findings[2][2] == "说明");
  CHECK(findings[3][2] == "错误");
  CHECK(findings[3][3] == "model.type");  // codes never change
  auto j = nlohmann::json::parse(test::slurp(dir + "/findings.json"));
  CHECK(j["documents"][1]["status"] == "failed");
  CHECK(j["documents"][1]["findings"][0]["severity"] == "error");
  // The other statuses.
  SummaryRow u = rows[2], n = rows[2];
  u.status = "unchanged";
  n.status = "not-rendered";
  bulk::write_csv(dir + "/summary.csv", std::vector<SummaryRow>{u, n}, "zh");
  records = parse_csv(test::slurp(dir + "/summary.csv").substr(3));
  CHECK(records[1][12] == "未变");
  CHECK(records[2][12] == "未生成");
}

TEST_CASE("summary workbook: text XML cannot hold is replaced, a literal _x0041_ stays literal",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-xlsx-hostile");
  SummaryRow r;
  r.input = "bad\xFF" "name.json";
  r.project = "控制\x01字符";
  r.status = "failed";
  r.findings = {{"error", "io.read", "x.json", "", "_x0041_ and \x1B[31m", "", ""}};
  std::string path = dir + "/summary.xlsx";
  bulk::write_xlsx(path, {r});
  auto sheet = test::read_sheet(path, 1);
  REQUIRE(sheet.size() == 2);
  CHECK(sheet[1][0] == "bad\uFFFDname.json");
  CHECK(sheet[1][4] == "控制\uFFFD字符");
  auto findings = test::read_sheet(path, 2);
  REQUIRE(findings.size() == 2);
  CHECK(findings[1][8] == "_x0041_ and \uFFFD[31m");
  // The JSON keeps going too (nlohmann would throw on the invalid byte by default).
  bulk::write_findings_json(dir + "/findings.json", {r});
  auto j = nlohmann::json::parse(test::slurp(dir + "/findings.json"));
  CHECK(j["documents"][0]["input"] == "bad\uFFFDname.json");
}

TEST_CASE("summary findings JSON: every document and finding, computed/declared only when set",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-json");
  auto rows = sample_rows();
  bulk::write_findings_json(dir + "/findings.json", rows);
  std::string text = test::slurp(dir + "/findings.json");
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  CHECK(text.rfind("{\n  \"documents\": [\n    {\n      \"input\"", 0) == 0);
  auto j = nlohmann::json::parse(text);
  auto& docs = j["documents"];
  REQUIRE(docs.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    INFO("document " << i);
    CHECK(docs[i]["input"] == r.input);
    CHECK(docs[i]["document"] == r.document);
    CHECK(docs[i]["unit"] == r.unit);
    CHECK(docs[i]["project"] == r.project);
    CHECK(docs[i]["form"] == r.form);
    CHECK(docs[i]["grade"] == r.grade);
    CHECK(docs[i]["status"] == r.status);
    CHECK(docs[i]["output"] == r.output);
    REQUIRE(docs[i]["findings"].size() == r.findings.size());
    for (std::size_t k = 0; k < r.findings.size(); ++k) {
      const auto& f = r.findings[k];
      const auto& fj = docs[i]["findings"][k];
      CHECK(fj["severity"] == f.severity);
      CHECK(fj["code"] == f.code);
      CHECK(fj["file"] == f.file);
      CHECK(fj["pointer"] == f.pointer);
      CHECK(fj["line"] == (f.line > 0 ? nlohmann::json(f.line) : nlohmann::json(nullptr)));
      CHECK(fj["col"] == (f.col > 0 ? nlohmann::json(f.col) : nlohmann::json(nullptr)));
      CHECK(fj["message"] == f.message);
      CHECK(fj.value("expected", "") == f.expected);
      CHECK(fj.value("got", "") == f.got);
      CHECK(fj.contains("hints") == !f.hints.empty());
      CHECK(fj.contains("computed") == !f.computed.empty());
      CHECK(fj.contains("declared") == !f.declared.empty());
    }
  }
  // Totals as `jixiao score --json` gives them: numbers, null when not scored.
  CHECK(docs[0]["total"] == 87.1);
  CHECK(docs[1]["total"].is_null());
  CHECK(docs[2]["total"] == -1);
  CHECK(docs[0]["findings"][0]["computed"] == "87.10");
  CHECK(docs[1]["findings"][1]["declared"] == "-1");
  CHECK(docs[0]["unit_code"] == "0102013");
  CHECK(docs[1]["findings"][0]["hints"] == nlohmann::json::array({"写成 123.45", "=不带引号"}));
}

TEST_CASE("summary: the same rows give the same bytes, a second apart", "[bulk][summary]") {
  auto rows = sample_rows();
  std::vector<std::string> dirs = {test::temp_dir("summary-det-a"), test::temp_dir("summary-det-b")};
  for (const auto& d : dirs) {
    if (&d != &dirs[0]) std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past a zip's 2 s tick
    bulk::write_csv(d + "/summary.csv", rows);
    bulk::write_xlsx(d + "/summary.xlsx", rows);
    bulk::write_findings_json(d + "/findings.json", rows);
  }
  for (const char* f : {"/summary.csv", "/summary.xlsx", "/findings.json"}) {
    INFO(f);
    CHECK(test::slurp(dirs[0] + f) == test::slurp(dirs[1] + f));
  }
}

TEST_CASE("summary: a directory that does not exist fails naming the file, leaving nothing",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-missing");
  auto rows = sample_rows();
  using Writer = void (*)(const std::string&, const std::vector<SummaryRow>&);
  const Writer csv = [](const std::string& p, const std::vector<SummaryRow>& r) { bulk::write_csv(p, r); };
  const Writer xlsx = [](const std::string& p, const std::vector<SummaryRow>& r) { bulk::write_xlsx(p, r); };
  for (auto [name, write] : {std::pair<const char*, Writer>{"summary.csv", csv},
                             {"summary.xlsx", xlsx}, {"findings.json", bulk::write_findings_json}}) {
    std::string path = dir + "/missing/" + name;
    INFO(path);
    try {
      write(path, rows);
      FAIL("no Failure");
    } catch (const Failure& e) {
      CHECK(e.diagnostic().code == "io.write");
      CHECK(e.diagnostic().file == path);
      CHECK(std::string(e.what()).find("no such file or directory") != std::string::npos);
    }
  }
  CHECK(files_in(dir).empty());
}

TEST_CASE("summary workbook: an output that is a directory fails and leaves no scratch file",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-isdir");
  std::filesystem::create_directory(dir + "/summary.xlsx");
  REQUIRE_THROWS_AS(bulk::write_xlsx(dir + "/summary.xlsx", sample_rows()), Failure);
  CHECK(files_in(dir) == std::vector<std::string>{"summary.xlsx"});
  CHECK(std::filesystem::is_directory(dir + "/summary.xlsx"));
}

TEST_CASE("summary: 10,000 documents with 30,000 findings are all written",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-10k");
  auto base = sample_rows();
  std::vector<SummaryRow> rows;
  for (int i = 0; i < 10000; ++i) {
    SummaryRow r = base[static_cast<std::size_t>(i % 3)];
    r.document = "/projects/" + std::to_string(i);
    r.findings = {base[0].findings[0], base[0].findings[1], base[1].findings[0]};
    rows.push_back(std::move(r));
  }
  auto start = std::chrono::steady_clock::now();
  bulk::write_csv(dir + "/summary.csv", rows);
  bulk::write_xlsx(dir + "/summary.xlsx", rows);
  bulk::write_findings_json(dir + "/findings.json", rows);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("10,000 documents: " << seconds << " s; xlsx " << std::filesystem::file_size(dir + "/summary.xlsx")
                            << " bytes, csv " << std::filesystem::file_size(dir + "/summary.csv") << " bytes");
  // Time is reported, not asserted (bench/ measures speed; a busy machine must not fail this).
  auto sheet = test::read_sheet(dir + "/summary.xlsx", 1);
  REQUIRE(sheet.size() == 10001);
  CHECK(sheet[10000][1] == "/projects/9999");
  auto findings = test::read_sheet(dir + "/summary.xlsx", 2);
  REQUIRE(findings.size() == 30001);
  CHECK(findings[30000][1] == "/projects/9999");
}

TEST_CASE("summary findings JSON: written a document at a time, the bytes of one whole dump(2)",
          "[bulk][summary]") {
  auto dir = test::temp_dir("summary-json-stream");
  using ojson = nlohmann::ordered_json;
  for (const auto& rows : {sample_rows(), std::vector<SummaryRow>{}, std::vector<SummaryRow>{sample_rows()[1]}}) {
    ojson docs = ojson::array();
    for (const auto& r : rows) {
      ojson findings = ojson::array();
      for (const auto& f : r.findings) {
        auto number = [](int k) { return k > 0 ? ojson(k) : ojson(nullptr); };
        ojson fj = {{"severity", f.severity}, {"code", f.code}, {"file", f.file}, {"pointer", f.pointer},
                    {"line", number(f.line)}, {"col", number(f.col)}, {"message", f.message}};
        if (!f.expected.empty()) fj["expected"] = f.expected;
        if (!f.got.empty()) fj["got"] = f.got;
        if (!f.hints.empty()) fj["hints"] = f.hints;
        if (!f.computed.empty()) fj["computed"] = f.computed;
        if (!f.declared.empty()) fj["declared"] = f.declared;
        findings.push_back(fj);
      }
      ojson total = r.total.empty() ? ojson(nullptr) : ojson(std::stod(r.total));
      docs.push_back({{"input", r.input}, {"document", r.document}, {"unit", r.unit}, {"unit_code", r.unit_code},
                      {"project", r.project},
                      {"form", r.form}, {"total", total}, {"grade", r.grade}, {"status", r.status},
                      {"output", r.output}, {"findings", findings}});
    }
    bulk::write_findings_json(dir + "/findings.json", rows);
    CHECK(test::slurp(dir + "/findings.json") == ojson({{"documents", docs}}).dump(2) + "\n");
  }
}
