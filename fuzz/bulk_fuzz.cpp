// Fuzz target: the bulk reader of JSON Lines. The input is a .jsonl file's bytes; it is
// expanded as a bulk run expands it (bulk::expand_inputs: one data set per non-blank line),
// each line read back (read_data_set), outlined (form, root arrays) and, for each root array,
// split into its documents (split_documents) as a run splits a file by its rule set's member.
// Besides crashes: a data set outside the file or holding a line break, lines out of order,
// or a split-off document that is not one JSON object holding one element stop the target.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bulk/documents.h"
#include "bulk/inputs.h"
#include "common.h"

using namespace jixiao;

namespace {

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_bulk: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz::write_temp("batch.jsonl", data, size);
  const std::string text(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink;
  auto sets = bulk::expand_inputs({path}, "", sink);
  check(!sink.has_errors(), "a readable JSON Lines file reported as a run problem");
  std::size_t previous_end = 0, previous_line = 0;
  for (const auto& set : sets) {
    check(set.line > previous_line && set.offset >= previous_end, "lines out of order");
    check(set.offset + set.length <= size, "a line outside the file");
    previous_line = set.line;
    previous_end = set.offset + set.length;
    std::string line;
    try {
      line = bulk::read_data_set(set);
    } catch (const Failure&) {
      continue;  // reported (a line over the limit): fine
    }
    check(line == text.substr(set.offset, set.length), "a line read back differs from the file");
    check(line.find('\n') == std::string::npos, "a line holding a line break");
    bulk::Outline o = bulk::outline(line);
    if (!o.ok) continue;
    for (const auto& array : o.arrays) {
      const std::string& member = array.first;  // not a structured binding: clang 14 cannot capture one
      const std::size_t count = array.second;
      std::size_t emitted = 0;
      DiagnosticSink bad;
      bulk::split_documents(
          set.name, line, member, [](std::size_t i) { return i % 2 == 0; },
          [&](std::size_t i, std::string doc, std::size_t at) {
            check(i % 2 == 0 && i < count, "a document not asked for");
            check(at < line.size() && std::string_view(" \t\r\n,:").find(line[at]) == std::string_view::npos,
                  "a document's offset is not where a value starts");
            auto j = nlohmann::json::parse(doc, nullptr, false);
            check(j.is_object() && j.contains(member) && j[member].is_array() && j[member].size() == 1,
                  "a split-off document is not an object holding one element");
            ++emitted;
          },
          bad);
      fuzz::abort_on_internal(bad);
      check(emitted <= (count + 1) / 2, "more documents than the outline counted");
    }
  }
  return 0;
}
