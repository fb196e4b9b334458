// The document tree: what a form instantiated with data looks like, before layout.
// Produced by the template stage, consumed by layout. Knows nothing of fonts files, PDF or
// any city's forms; lengths are in points (1/72 inch).
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace jixiao::doc {

enum class Align { Left, Center, Right, Justify };
enum class VAlign { Top, Middle, Bottom };

struct TextStyle {
  std::string family = "song";  // a family of the font manifest: song 宋, hei 黑, kai 楷, fangsong 仿宋
  double size = 10.5;           // points (五号)
  bool bold = false;
};

// Where a piece of text came from, so later stages can name it in warnings.
struct Origin {
  std::string file;   // template file
  std::string place;  // "line:col" in the template
  std::string data;   // JSON pointer of the data shown, when the text is one binding ("/projects/0/name")
};

// A paragraph of text; '\n' inside text is a hard line break.
struct Paragraph {
  std::string text;
  TextStyle style;
  Align align = Align::Left;
  double space_before = 0;
  double space_after = 0;
  double first_line_indent = 0;  // points
  double line_height = 1.3;      // line pitch as a multiple of the font size
  int heading_level = 0;         // 1 一、 2 （一） 3 1. …; 0 body text. Headings keep with next.
  bool keep_with_next = false;   // never the last thing on a page
  int orphans = 2;               // fewest lines left at a page foot (when the paragraph has more)
  int widows = 2;                // fewest lines carried to the next page
  // An outline (bookmark) entry starts with this paragraph: its title (empty: none) and
  // level (0 for a project's or department's block, heading_level for a heading).
  std::string outline;
  int outline_level = 0;
  Origin origin;
};

struct Cell {
  std::string text;  // '\n' is a hard line break
  bool stacked = false;  // one character a line (narrow label columns, 003's 年度主要任务完成情况)
  double first_line_indent = 0;  // points, at the start of each paragraph of the cell
  int colspan = 1;
  int rowspan = 1;
  Align align = Align::Center;
  VAlign valign = VAlign::Middle;
  TextStyle style;
  // Put at the end of the first line of a rowspan label drawn again on a page its span
  // continues on ("（续）"); unset: the table's continued_mark.
  std::optional<std::string> continued_mark;
  Origin origin;
};

struct Row {
  std::vector<Cell> cells;  // cells covered by an earlier rowspan are not listed (as in HTML)
  bool header = false;      // repeated at the top of every page the table continues on
  bool keep_with_next = false;  // never the last row on a page (a title row over its table)
  bool keep_with_previous = false;  // never the first body row on a page (a 合计 row)
  // A heading row inside the body (003's 一级指标 | 二级指标 | … under 年度绩效指标完成情况):
  // repeated under the header rows on every page its section continues on. A run of such
  // rows heads a section that ends with the last row spanned by a cell starting in the run.
  bool repeat = false;
  double min_height = 0;    // points
};

// A column whose width comes from its cells' text (widths="auto", "18mm..30mm"), within
// min to max points.
struct AutoWidth {
  double min = 0;
  double max = 14400;  // the largest length (limits::kLengthPoints): no bound
};

struct Table {
  // Points; their sum is the table width. An automatic column's entry is 0: layout sizes it.
  std::vector<double> column_widths;
  // Per column when any is automatic (else empty): its bounds, or none for a fixed column.
  std::vector<std::optional<AutoWidth>> auto_widths;
  // The total the automatic columns share what the fixed ones leave of; 0: the text width.
  double width = 0;
  std::vector<Row> rows;
  double border_width = 0.5;
  // The official forms leave about 1.5 mm beside and 1 mm above and below cell text.
  double padding_x = 4;
  double padding_y = 3;
  // The last closing_rows rows stay on one page (综合评分, 评分等级, 填表人): 2 keeps the
  // final row from standing alone under a repeated header.
  int closing_rows = 2;
  // A row split between pages leaves at least this many lines of its tallest cell on
  // each side; otherwise the whole row moves.
  int min_split_lines = 3;
  std::string continued_mark;  // default of Cell::continued_mark
  double line_height = 1.25;
  Align align = Align::Center;  // placement of the table between the margins
  double space_before = 0;
  double space_after = 0;
  Origin origin;
};

struct PageBreak {};

using Block = std::variant<Paragraph, Table, PageBreak>;

// A running header or footer: text with {page} and {pages} placeholders ("第 {page} 页 共 {pages} 页",
// "- {page} -"), drawn on every page from first_page on.
struct PageMark {
  std::string text;
  TextStyle style;
  Align align = Align::Center;
  int first_page = 1;
};

struct PageSetup {
  double width = 595.276;  // A4 portrait
  double height = 841.89;
  double margin_top = 56.69;  // 20 mm
  double margin_right = 42.52;
  double margin_bottom = 56.69;
  double margin_left = 42.52;
  std::vector<PageMark> headers;  // drawn in the top margin
  std::vector<PageMark> footers;  // drawn in the bottom margin
  double header_offset = 28.35;   // baseline distance from the page top edge (10 mm)
  double footer_offset = 28.35;   // baseline distance from the page bottom edge
};

struct Document {
  std::string title;    // PDF /Title
  std::string subject;  // PDF /Subject
  std::string author;   // PDF /Author
  std::string keywords;
  std::string pdf_standard;  // the form's default: "" (plain), "none", "a-2b", "ua-1" or "a-2b,ua-1"
  PageSetup page;
  std::vector<Block> blocks;
};

}  // namespace jixiao::doc
