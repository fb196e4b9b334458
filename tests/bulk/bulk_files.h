// What the bulk tests make and read back: data files of many projects, the PDFs of an
// output directory, the summary's rows.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace jixiao::test {

// Every PDF below dir, by its path relative to dir, with its bytes.
std::map<std::string, std::string> pdfs_in(const std::string& dir);
std::vector<std::string> lines_of(const std::string& text);
// The summary's rows without its header line, sorted.
std::vector<std::string> summary_rows(const std::string& csv_file);
void write(const std::string& path, const std::string& text);
// n_files data files of the Shenzhen 2021 project form, docs_each projects each, taken
// round from the example's nine with their names numbered: deterministic.
void make_projects(const std::string& dir, int n_files, int docs_each);

}  // namespace jixiao::test
