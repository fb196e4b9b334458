// json_value_offsets (diag/json.h): nlohmann's reader with a SAX handler that keeps the
// pointer of the value being read and notes where the wanted ones start.
#include <unordered_map>

#include "diag/json.h"
#include "diag/json_text.h"

namespace jixiao {

namespace {

class OffsetSax {
 public:
  using json = nlohmann::json;
  OffsetSax(std::string_view text, const std::size_t* read, std::unordered_map<std::string, JsonSpot>& spots,
            std::size_t exact)
      : text_(text), read_(read), spots_(spots), left_(exact) {}

  bool null() { return scalar(); }
  bool boolean(bool) { return scalar(); }
  bool number_integer(json::number_integer_t) { return scalar(); }
  bool number_unsigned(json::number_unsigned_t) { return scalar(); }
  bool number_float(json::number_float_t, const std::string&) { return scalar(); }
  bool string(std::string&) { return scalar(); }
  bool binary(json::binary_t&) { return scalar(); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    key_at_ = json_text::next_token(text_, last_end_);
    path_.resize(frames_.back().path);
    path_ += "/" + json_pointer_token(k);
    last_end_ = *read_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Frame {
    bool object;
    std::size_t path;  // length of the container's own pointer in path_
    std::size_t index;
  };

  // A value starts: name it and note where, if wanted. False once every spot is found:
  // nothing more to read.
  bool start() {
    std::size_t at = json_text::next_token(text_, last_end_), key = at;
    if (!frames_.empty() && !frames_.back().object) {
      path_.resize(frames_.back().path);
      path_ += "/" + std::to_string(frames_.back().index++);
    } else if (!frames_.empty()) {
      key = key_at_;
    }
    auto it = spots_.find(path_);
    if (it != spots_.end() && !it->second.found) {
      it->second = {at, key, true};
      --left_;
    }
    return left_ > 0;
  }
  bool scalar() {
    bool go = start();
    last_end_ = *read_;
    return go;
  }
  bool open(bool object) {
    bool go = start();
    frames_.push_back({object, path_.size(), 0});
    last_end_ = *read_;
    return go;
  }
  bool close() {
    frames_.pop_back();
    last_end_ = *read_;
    return true;
  }

  std::string_view text_;
  const std::size_t* read_;
  std::unordered_map<std::string, JsonSpot>& spots_;
  std::size_t left_;  // spots not found yet
  std::vector<Frame> frames_;
  std::string path_;
  std::size_t last_end_ = 0, key_at_ = 0;
};

}  // namespace

std::vector<JsonSpot> json_value_offsets(std::string_view text, const std::vector<std::string>& pointers) {
  // Every pointer and the pointers enclosing it: a missing member falls back to its object.
  std::unordered_map<std::string, JsonSpot> spots;
  for (const std::string& p : pointers)
    for (std::string q = p;; q.resize(q.rfind('/'))) {
      spots.emplace(q, JsonSpot{});
      if (q.empty() || q[0] != '/') break;
    }
  std::size_t read = 0;
  OffsetSax sax(text, &read, spots, spots.size());
  const char* b = text.data();
  json_text::CountingIterator first(b, b, &read), last(b + text.size(), b, &read);
  nlohmann::json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json, false);
  std::vector<JsonSpot> out;
  for (const std::string& p : pointers) {
    JsonSpot spot;
    for (std::string q = p;; q.resize(q.rfind('/'))) {
      if (auto it = spots.find(q); it != spots.end() && it->second.found) {
        spot = it->second;
        spot.found = q == p;
        break;
      }
      if (q.empty() || q[0] != '/') break;
    }
    out.push_back(spot);
  }
  return out;
}

}  // namespace jixiao
