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

// --- Expressions and templates -----------------------------------------------------------
// Nesting of an expression (parentheses, operators, calls): real ones nest 5 deep.
constexpr int kExprDepth = 64;
// Length of one expression's source text: the longest real one is ~300 bytes.
constexpr std::size_t kExprBytes = 16u << 10;
// Nesting of template elements (<if>, <for>, <table>, <td> …): real forms nest 12 deep.
constexpr int kTemplateDepth = 64;

}  // namespace jixiao::limits
