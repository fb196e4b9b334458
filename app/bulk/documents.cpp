#include "bulk/documents.h"

#include <vector>

#include <nlohmann/json.hpp>

#include "diag/json.h"

namespace jixiao::bulk {

namespace {

// Counts without building: depth, the current root key, and each root array's length.
class OutlineSax {
 public:
  explicit OutlineSax(Outline& out) : out_(out) {}
  bool null() { return scalar(); }
  bool boolean(bool) { return scalar(); }
  bool number_integer(nlohmann::json::number_integer_t) { return scalar(); }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return scalar(); }
  bool number_float(nlohmann::json::number_float_t, const std::string&) { return scalar(); }
  bool string(std::string& s) {
    if (depth_ == 1 && key_ == "form") out_.form = s;
    return scalar();
  }
  bool binary(nlohmann::json::binary_t&) { return scalar(); }
  bool start_object(std::size_t) { return open(false); }
  bool key(std::string& k) {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(true); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  bool scalar() {
    if (depth_ == 0) return false;  // the root must be an object
    element();
    return true;
  }
  bool open(bool array) {
    if (depth_ == 0 && array) return false;
    element();
    ++depth_;
    if (depth_ == 2 && array) out_.arrays[key_] = 0;
    in_root_array_.push_back(depth_ == 2 && array);
    return true;
  }
  bool close() {
    in_root_array_.pop_back();
    --depth_;
    return true;
  }
  // A value directly inside a root array member counts as one of its elements.
  void element() {
    if (depth_ == 2 && !in_root_array_.empty() && in_root_array_.back()) ++out_.arrays[key_];
  }

  Outline& out_;
  int depth_ = 0;
  std::string key_;
  std::vector<bool> in_root_array_;
};

}  // namespace

Outline outline(const std::string& text) {
  Outline out;
  OutlineSax sax(out);
  out.ok = text.find('\0') == std::string::npos &&
           nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, true);
  return out;
}

bool split_documents(const std::string& name, const std::string& text, const std::string& member,
                     const std::function<bool(std::size_t)>& wanted,
                     const std::function<void(std::size_t, std::string, std::size_t)>& emit,
                     DiagnosticSink& sink) {
  // The rest of the data set (title, unit, …) may follow the documents in the file: read
  // it first without them, then hand each document out with it.
  nlohmann::json header;
  auto skip = [](std::size_t, nlohmann::json&&, std::size_t) { return true; };
  if (!parse_json_elements(name, text, member, header, skip, sink, {"model.json", "JSON"})) return false;
  nlohmann::json rest;
  DiagnosticSink again;  // the same text: no new problem can appear
  auto hand_out = [&](std::size_t index, nlohmann::json&& element, std::size_t at) {
    if (!wanted(index)) return true;
    nlohmann::json set = header;
    set[member] = nlohmann::json::array({std::move(element)});
    emit(index, set.dump(), at);
    return true;
  };
  return parse_json_elements(name, text, member, rest, hand_out, again, {"model.json", "JSON"});
}

}  // namespace jixiao::bulk
