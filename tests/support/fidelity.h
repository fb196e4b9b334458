// The fidelity metric (tests/cli/fidelity_test.cpp, tests/ofd): how much of a seed's text a
// rendering's extracted text holds, and in which order.
#pragma once
#include <string>

namespace jixiao::test {

// Share of the seed's characters (as a multiset) found in the extraction (both without
// white space).
double recall(const std::string& seed, const std::string& got);
// Share of the seed's lines (cells, paragraphs; at least 4 characters) found in the
// extraction after the previous one found: the reading order kept.
double in_order(const std::string& seed_text, const std::string& got);
// The seed without its source system's page furniture ("<p>" tags of seed 001).
std::string clean_seed(std::string s);

}  // namespace jixiao::test
