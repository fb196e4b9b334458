// Template nodes + view → document. Evaluates the expressions parsed at load time; reports
// missing fields and type errors at the template's line:col and leaves the text empty.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "template/nodes.h"
#include "template/reporter.h"

namespace jixiao::tmpl {

class Instantiator {
 public:
  Instantiator(const FormNode& form, const json& view, Reporter& report)
      : form_(form), scope_(view), report_(report) {}

  doc::Document run();

 private:
  // Walks nodes, expanding <for> and <if>, and hands every other node to leaf.
  template <class Leaf>
  void expand(const Nodes& nodes, Leaf&& leaf);

  // Runs the body of f once for an element of the array or object it walks.
  template <class Leaf>
  void iterate(const ForNode& f, const json& item, std::int64_t i, const std::string* key,
               const std::string& pointer, Leaf& leaf);
  void block(const Node& n, std::vector<doc::Block>& out);
  void table(const TableNode& t, std::vector<doc::Block>& out);
  std::vector<doc::PageMark> marks(const std::vector<MarkNode>& nodes);
  // With data: the JSON pointer of what the text shows: the value its bindings read (when
  // several, the part of the data they share), else the element of the innermost <for>,
  // else "".
  std::string text(const TextTemplate& t, std::string* data = nullptr);
  static std::string common_pointer(const std::string& a, const std::string& b);
  static bool is_within(const std::string& p, const std::string& inner);
  // With pointer: the JSON pointer of the value, when it is a path into the data.
  std::optional<Value> eval(const Binding& b, std::string* pointer = nullptr);
  int span(const SpanAttr& s, const char* what);
  // "/projects/0/indicators has 100000 elements": the first array of the data e reads, so
  // that a limit passed because of the data's size names the data, not the template.
  std::string data_array(const Expr& e);

  const FormNode& form_;
  Scope scope_;
  Reporter& report_;
  std::vector<std::int64_t> iterations_;  // index of the current iteration of each open <for>
  std::vector<std::string> items_;  // JSON pointer of the element of each open <for> ("" if none)
};

}  // namespace jixiao::tmpl
