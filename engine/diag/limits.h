// Every limit the engine puts on what it reads, in one place. jixiao runs unattended on
// files sent in by hundreds of units (bulk runs, the preview server): no input may make it
// read a file it was not given, recurse without bound, take quadratic time or memory, or
// hand a library a value it cannot hold. Each limit is far above any real form (the
// reason is beside it) and ends in an error naming the file and place, never a crash.
// docs/limits.md lists them for users; keep the two in step.
#pragma once
#include <cstddef>

namespace jixiao::limits {

// --- Files -------------------------------------------------------------------------------
// A data file: seed 004's nine projects are 30 KB; a bureau's 10,000 projects ~50 MB.
constexpr std::size_t kDataFileBytes = 64u << 20;
// A declaration (申报表) named by a data file: one project, a few KB.
constexpr std::size_t kDeclarationFileBytes = 4u << 20;
// Templates, rule sets, schemas, prefill maps, the font manifest: the largest is ~40 KB.
constexpr std::size_t kDefinitionFileBytes = 4u << 20;

// --- JSON --------------------------------------------------------------------------------
// Nesting of arrays/objects. Real data nests 6 deep; recursive code downstream (validation,
// prefill, dumping) must never see more.
constexpr int kJsonDepth = 64;
// One string value in data (a narrative cell): the longest in the seeds is ~3 KB.
constexpr std::size_t kJsonStringBytes = 1u << 20;
// A string a schema's "format" (date, time, date-time) is matched against: valijson matches
// formats with std::regex, which recurses once a character (~160 bytes of stack), so a
// 50,000-character "date" would crash it; a date is a few dozen characters. ("pattern" is
// matched with RE2, without recursion: its text is bounded by kPatternWork below.)
constexpr std::size_t kFormatSubjectChars = 10000;
// One schema pattern compiled by RE2 (model/schema_pattern.h): its program, in RE2's steps
// (instructions). A phone number or code is ~15 steps, "^[\u4e00-\u9fa5]{2,50}$" 500.
constexpr std::size_t kPatternProgramSize = 5000;
// A pattern's text times its steps. RE2 is linear in the text, but when a pattern's DFA
// would need too many states it falls back to a matcher that takes ~10 ns a character and
// step: 5e7 keeps the worst case near half a second. A 500-step pattern checks 100,000
// characters, "^(a+)+$" (7 steps) any string data may hold (kJsonStringBytes).
constexpr std::size_t kPatternWork = 50'000'000;
// Memory RE2 may use for one pattern (program and its DFA's states).
constexpr std::size_t kPatternMemoryBytes = 1u << 20;
// Distinct patterns in one schema (pattern and patternProperties): each may hold up to
// kPatternMemoryBytes while the schema is loaded; real schemas have none to a few dozen.
constexpr std::size_t kSchemaPatterns = 100;
// Schemas reached again for one data value through "$ref" (a recursive schema) before the
// pre-check gives up following them.
constexpr int kSchemaRefDepth = 32;

// --- Expressions and templates -----------------------------------------------------------
// Nesting of an expression (parentheses, operators, calls): real ones nest 5 deep.
constexpr int kExprDepth = 64;
// Length of one expression's source text: the longest real one is ~300 bytes.
constexpr std::size_t kExprBytes = 16u << 10;
// Nesting of template elements (<if>, <for>, <table>, <td> …): real forms nest 12 deep.
constexpr int kTemplateDepth = 64;
// (kExprDepth bounds the height of the parsed tree too, so a chain a+b+c… counts one level
// per operator: evaluation recurses along it. Real chains have under 10 operators.)
// Errors reported for one template file before the rest are dropped: a hostile file
// (200,000 unknown attributes) must not make 200,000 messages; the first ones say enough.
constexpr int kTemplateErrors = 100;
// Font sizes, points: the largest Chinese size (初号) is 42; layout works in int
// hundredths of a point, so 1e20 would overflow. Below 1 pt nothing is legible.
constexpr double kFontSizeMinPt = 1;
constexpr double kFontSizeMaxPt = 200;
// Page sides, points: PDF 1.x viewers accept 3 to 14,400 units (200 in); a form is A5 to A3.
constexpr double kPageSideMinPt = 72;
constexpr double kPageSideMaxPt = 14400;
// What the margins must leave of the page, each way: layout needs room for a line, else
// it would start a new page for ever. 1 in; real forms keep 170 mm × 250 mm.
constexpr double kPageContentMinPt = 72;
// Other lengths (indent, spacing, padding, min-height, column widths) must fit within the
// page's content area: a row taller than a page, or a cell with no room for text left
// after padding, would page for ever.
// line-height as a multiple of the font size: real forms use 1.25 to 1.5.
constexpr double kLineHeightMin = 0.5;
constexpr double kLineHeightMax = 5;
// colspan/rowspan, written or computed (rowspan="{count(p.indicators) + 1}"): the longest
// real table has ~60 rows. Keeps span arithmetic far from int overflow; a data file with
// more rows than this in one merged cell is named in the error, not the template.
constexpr int kTableSpan = 10000;

// --- Layout and PDF ----------------------------------------------------------------------
// Any length (page size, margin, column width, padding, indent, space, font size): PDF's
// largest page is 14,400 pt (200 in, also libharu's limit); a form never needs more.
constexpr double kLengthPoints = 14400;
// (The smallest font size is kFontSizeMinPt above: content-stream arithmetic divides by it.)
// The text of one paragraph or table cell, in characters: the longest real narrative is
// ~3,000; 100,000 fill ~30 pages. Line breaking is linear, this bounds memory and output.
constexpr std::size_t kTextChars = 100000;
// Pages of one rendered file: a bureau's whole report is ~200. Also ends any layout that
// would not progress.
constexpr std::size_t kPages = 10000;
// Largest number written into a PDF content stream: the PDF reference's implementation limit
// for reals (Annex C), which libharu also applies.
constexpr double kPdfNumber = 32767;
// An Info dictionary string (title, subject …) as UTF-16 must stay under libharu's 65,535
// bytes; longer metadata is cut at a character boundary (the pages keep the whole text).
constexpr std::size_t kPdfInfoChars = 16000;

}  // namespace jixiao::limits
