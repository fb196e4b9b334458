// "Did you mean …?": the nearest names to a misspelt one, for messages about unknown
// keywords, fields and categories.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// Edit distance (insertions, deletions, substitutions, swaps of neighbours) between two
// UTF-8 strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to word, when it is near enough to be a misspelling of it (at most
// a third of its letters wrong, at least one allowed); "" otherwise. Ties: the first.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// The hint of every unknown-name error (a field, keyword, category, form, enum value, option,
// command): "did you mean 'X'?" with X nearest(word, candidates), or "" when none is near.
// In Chinese (the catalog's shared phrase): "是不是要写 'X'？".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Appends did_you_mean(word, candidates) to hints when there is one; whether it did.
bool suggest(std::vector<std::string>& hints, std::string_view word, const std::vector<std::string>& candidates);

}  // namespace jixiao
