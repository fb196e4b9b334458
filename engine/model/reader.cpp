#include "model/reader.h"

#include <cmath>

namespace jixiao::model {

std::string describe(const nlohmann::json& v) {
  auto shorten = [](std::string s) {
    if (s.size() > 40) {
      std::size_t cut = 37;  // at a character boundary: messages end up in JSON, which must be UTF-8
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      s = s.substr(0, cut) + "...";
    }
    return s;
  };
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return std::string("boolean ") + (v.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::string: return "string " + shorten(v.dump());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + v.dump();
    case nlohmann::json::value_t::object: return "object";
    case nlohmann::json::value_t::array: return "array";
    default: return "a value";
  }
}

std::string child(const std::string& ptr, const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return ptr + "/" + escaped;
}

std::string child(const std::string& ptr, std::size_t index) {
  return ptr + "/" + std::to_string(index);
}

bool Reader::object(const nlohmann::json& v, const std::string& ptr, const char* what) {
  if (v.is_object()) return true;
  sink_.error("model.type", file_, ptr.empty() ? "/" : ptr, std::string("wrong type for ") + what,
              "an object", describe(v));
  return false;
}

const nlohmann::json* Reader::member(const nlohmann::json& obj, const std::string& ptr,
                                     const char* key, const char* expected) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    sink_.error("model.missing", file_, child(ptr, key),
                std::string("missing required field '") + key + "'", expected);
    return nullptr;
  }
  return &*it;
}

bool Reader::string(const nlohmann::json& obj, const std::string& ptr, const char* key,
                    std::string& out, bool non_empty) {
  const char* expected = non_empty ? "a non-empty string" : "a string";
  const nlohmann::json* v = member(obj, ptr, key, expected);
  if (!v) return false;
  if (!v->is_string()) {
    sink_.error("model.type", file_, child(ptr, key), std::string("wrong type for '") + key + "'",
                expected, describe(*v));
    return false;
  }
  out = v->get<std::string>();
  if (non_empty && out.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink_.error("model.empty", file_, child(ptr, key), std::string("'") + key + "' is empty",
                expected, describe(*v));
    return false;
  }
  return true;
}

bool Reader::number(const nlohmann::json& obj, const std::string& ptr, const char* key,
                    double& out) {
  const nlohmann::json* v = member(obj, ptr, key, "a number");
  if (!v) return false;
  if (!v->is_number() || !std::isfinite(v->get<double>())) {
    sink_.error("model.type", file_, child(ptr, key), std::string("wrong type for '") + key + "'",
                "a number", describe(*v));
    return false;
  }
  out = v->get<double>();
  return true;
}

const nlohmann::json* Reader::array(const nlohmann::json& obj, const std::string& ptr,
                                    const char* key, bool non_empty) {
  const char* expected = non_empty ? "an array with at least one element" : "an array";
  const nlohmann::json* v = member(obj, ptr, key, expected);
  if (!v) return nullptr;
  if (!v->is_array() || (non_empty && v->empty())) {
    sink_.error(v->is_array() ? "model.empty" : "model.type", file_, child(ptr, key),
                std::string(v->is_array() ? "empty '" : "wrong type for '") + key + "'", expected,
                v->is_array() ? "an empty array" : describe(*v));
    return nullptr;
  }
  return v;
}

void Reader::only(const nlohmann::json& obj, const std::string& ptr,
                  std::initializer_list<const char*> known) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (ok) continue;
    std::string list;
    for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    sink_.error("model.unknown-field", file_, child(ptr, it.key()),
                "unknown field '" + it.key() + "'", "one of: " + list);
  }
}

}  // namespace jixiao::model
