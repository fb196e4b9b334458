// Typed access to JSON objects that reports every problem with its JSON pointer.
// Internal to the model stage.
#pragma once
#include <initializer_list>
#include <string>

#include "model/model.h"

namespace jixiao::model {

class Reader {
 public:
  Reader(std::string file, DiagnosticSink& sink) : file_(std::move(file)), sink_(sink) {}

  // Each returns false (after reporting) when the field is missing or of the wrong type.
  bool object(const nlohmann::json& v, const std::string& ptr, const char* what);
  bool string(const nlohmann::json& obj, const std::string& ptr, const char* key,
              std::string& out, bool non_empty = false);
  bool number(const nlohmann::json& obj, const std::string& ptr, const char* key, double& out);
  const nlohmann::json* array(const nlohmann::json& obj, const std::string& ptr, const char* key,
                              bool non_empty);
  const nlohmann::json* member(const nlohmann::json& obj, const std::string& ptr, const char* key,
                               const char* expected);
  // Reports fields of obj not in known (typos such as "weigth").
  void only(const nlohmann::json& obj, const std::string& ptr,
            std::initializer_list<const char*> known);

 private:
  std::string file_;
  DiagnosticSink& sink_;
};

std::string child(const std::string& ptr, const std::string& key);
std::string child(const std::string& ptr, std::size_t index);

}  // namespace jixiao::model
