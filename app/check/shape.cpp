#include "check/shape.h"

#include <algorithm>

#include "diag/json.h"
#include "model/schema_pattern.h"

namespace jixiao::check {

namespace {

// $ref chains and nested combinators deeper than this are cut: a cycle ($ref to itself)
// must not loop, and no real schema nests this deep.
constexpr int kMaxDepth = 32;

bool speaks_of_members(const json& o) {
  return o.contains("properties") || o.contains("additionalProperties") || o.contains("patternProperties");
}

// As validation matches them (RE2: linear in the name); a refused pattern matches nothing,
// the schema's own check reports it.
bool pattern_matches(const std::string& pattern, const std::string& name) {
  model::Pattern p(pattern);
  return p.search(name);
}

}  // namespace

Shape Shape::of(const json& root, const std::string& file) {
  Shape s;
  s.any_ = false;
  s.add(root, root, "#", file, 0);
  return s;
}

void Shape::add(const json& root, const json& node, const std::string& pointer,
                const std::string& file, int depth) {
  if (depth > kMaxDepth) return;
  if (node.is_boolean()) {
    if (node.get<bool>()) any_ = true;  // true: anything goes
    return;
  }
  if (!node.is_object()) return;
  nodes_.push_back({&root, &node, pointer, file});
  if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
    const std::string& r = ref->get_ref<const std::string&>();
    if (r.empty() || r[0] != '#') {
      any_ = true;  // another file: not followed (the schema check refuses none, so be lenient)
    } else {
      try {
        json::json_pointer p(r.substr(1));
        if (root.contains(p)) add(root, root.at(p), r, file, depth + 1);
      } catch (const json::exception&) {
        any_ = true;
      }
    }
  }
  for (const char* k : {"allOf", "anyOf", "oneOf"})
    if (auto list = node.find(k); list != node.end() && list->is_array())
      for (std::size_t i = 0; i < list->size(); ++i)
        add(root, (*list)[i], pointer + "/" + k + "/" + std::to_string(i), file, depth + 1);
  for (const char* k : {"then", "else"})
    if (auto branch = node.find(k); branch != node.end())
      add(root, *branch, pointer + "/" + k, file, depth + 1);
}

void Shape::merge(const Shape& other) {
  any_ = any_ || other.any_;
  nodes_.insert(nodes_.end(), other.nodes_.begin(), other.nodes_.end());
  if (!view) view = other.view;
}

std::optional<Shape> Shape::member(const std::string& name) const {
  Shape out;
  out.view = view;
  if (tag == ViewTag::Document && view && view->evaluation && name == "evaluation") {
    Shape e = Shape::of(*view->evaluation, "the scores of the rule set");
    e.view = view;
    return e;
  }
  if (tag == ViewTag::Root && view && name == view->documents) out.tag = ViewTag::Documents;
  if (any_) return out;
  out.any_ = false;
  // A name is known when some schema of the shape declares it; unknown, when one of them
  // closes its object (additionalProperties: false). Schemas that leave members open add
  // nothing either way: allOf parts and then/else only narrow what another part allows.
  bool closed = false;
  for (const auto& n : nodes_) {
    const json& o = *n.node;
    if (!speaks_of_members(o)) continue;
    if (auto props = o.find("properties"); props != o.end() && props->is_object() && props->contains(name)) {
      out.add(*n.root, (*props)[name], n.pointer + "/properties/" + json_pointer_token(name), n.file, 0);
      continue;
    }
    bool matched = false;
    if (auto pats = o.find("patternProperties"); pats != o.end() && pats->is_object())
      for (auto it = pats->begin(); it != pats->end(); ++it)
        if (pattern_matches(it.key(), name)) {
          out.add(*n.root, it.value(), n.pointer + "/patternProperties/" + json_pointer_token(it.key()), n.file, 0);
          matched = true;
        }
    if (matched) continue;
    auto extra = o.find("additionalProperties");
    if (extra == o.end()) continue;
    if (extra->is_boolean() && !extra->get<bool>()) closed = true;
    else if (extra->is_object()) out.add(*n.root, *extra, n.pointer + "/additionalProperties", n.file, 0);
    else out.any_ = true;  // additionalProperties: true, said outright
  }
  if (out.nodes_.empty() && !out.any_) {
    if (tag == ViewTag::Root && name == "title") return Shape::any();  // the view always has it
    if (closed) return std::nullopt;
    out.any_ = true;
  }
  if (out.any_) out.nodes_.clear();
  return out;
}

std::optional<Shape> Shape::element() const {
  Shape out;
  out.view = view;
  if (tag == ViewTag::Documents) out.tag = ViewTag::Document;
  if (any_) return out;
  out.any_ = false;
  bool speaks = false, open = false, closed = false, objects = false;
  for (const auto& n : nodes_) {
    const json& o = *n.node;
    if (auto items = o.find("items"); items != o.end()) {
      speaks = true;
      if (items->is_array()) {
        for (std::size_t i = 0; i < items->size(); ++i)
          out.add(*n.root, (*items)[i], n.pointer + "/items/" + std::to_string(i), n.file, 0);
        auto more = o.find("additionalItems");
        if (more == o.end() || (more->is_boolean() && more->get<bool>())) open = true;
        else if (more->is_object()) out.add(*n.root, *more, n.pointer + "/additionalItems", n.file, 0);
      } else {
        out.add(*n.root, *items, n.pointer + "/items", n.file, 0);
      }
    } else if (speaks_of_members(o)) {
      speaks = objects = true;
      if (auto props = o.find("properties"); props != o.end() && props->is_object())
        for (auto it = props->begin(); it != props->end(); ++it)
          out.add(*n.root, it.value(), n.pointer + "/properties/" + json_pointer_token(it.key()), n.file, 0);
      if (auto pats = o.find("patternProperties"); pats != o.end() && pats->is_object())
        for (auto it = pats->begin(); it != pats->end(); ++it)
          out.add(*n.root, it.value(), n.pointer + "/patternProperties/" + json_pointer_token(it.key()), n.file, 0);
      auto extra = o.find("additionalProperties");
      if (extra == o.end()) continue;
      if (extra->is_boolean()) (extra->get<bool>() ? open : closed) = true;
      else if (extra->is_object()) out.add(*n.root, *extra, n.pointer + "/additionalProperties", n.file, 0);
    }
  }
  if (objects && !closed) open = true;  // a key of any name, with a value of any kind
  if (!speaks) {
    auto t = types();
    bool container = t.empty() || std::count(t.begin(), t.end(), "array") || std::count(t.begin(), t.end(), "object");
    if (!container) return std::nullopt;
    open = true;
  }
  if (open) {
    out.any_ = true;
    out.nodes_.clear();
  }
  return out;
}

std::vector<std::string> Shape::member_names() const {
  std::vector<std::string> out;
  for (const auto& n : nodes_) {
    auto props = n.node->find("properties");
    if (props == n.node->end() || !props->is_object()) continue;
    for (auto it = props->begin(); it != props->end(); ++it)
      if (std::find(out.begin(), out.end(), it.key()) == out.end()) out.push_back(it.key());
  }
  return out;
}

std::optional<std::vector<json>> Shape::allowed_values() const {
  if (any_) return std::nullopt;
  std::optional<std::vector<json>> out;
  for (const auto& n : nodes_) {
    std::vector<json> here;
    if (auto e = n.node->find("enum"); e != n.node->end() && e->is_array()) here.assign(e->begin(), e->end());
    else if (auto c = n.node->find("const"); c != n.node->end()) here.push_back(*c);
    else continue;
    if (!out) out.emplace();
    for (auto& v : here)
      if (std::find(out->begin(), out->end(), v) == out->end()) out->push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> Shape::types() const {
  std::vector<std::string> out;
  if (any_) return out;
  auto add = [&](const json& t) {
    if (t.is_string() && std::find(out.begin(), out.end(), t.get<std::string>()) == out.end())
      out.push_back(t.get<std::string>());
  };
  for (const auto& n : nodes_) {
    auto t = n.node->find("type");
    if (t == n.node->end()) continue;
    if (t->is_array()) for (const auto& x : *t) add(x);
    else add(*t);
  }
  // "integer" is a number too; both are scalars for what this is used for.
  return out;
}

std::string Shape::where() const {
  for (const auto& n : nodes_)
    if (n.node->contains("properties") || n.node->contains("enum")) return n.file + " " + n.pointer;
  return nodes_.empty() ? std::string() : nodes_.front().file + " " + nodes_.front().pointer;
}

}  // namespace jixiao::check
