// What a JSON Schema says a value may be, as far as names go: the fields an object may
// have, what an array holds, the values an enum allows. Enough to tell, without data,
// whether a path a template or rule set names ("p.budget.initial") can exist. $ref (local,
// "#/…"), allOf/anyOf/oneOf and if/then/else are followed; a schema that says nothing about
// a value leaves it open ("any"), and an open value is never an error.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jixiao::check {

using json = nlohmann::json;

// One schema object and the document it lies in (for $ref), with its pointer for messages.
struct SchemaNode {
  const json* root = nullptr;
  const json* node = nullptr;
  std::string pointer;  // "#/definitions/project"
  std::string file;     // the schema file
};

// Where a value stands in a form's view (docs/templates.md): the view adds "title" to the
// root and "evaluation" (the scores, shape given by the rule set) to each document.
enum class ViewTag { None, Root, Documents, Document };

struct ViewInfo {
  std::string documents;                 // the rule set's documents member; "" when none
  std::shared_ptr<const json> evaluation;  // schema of a document's "evaluation"
};

class Shape {
 public:
  // Anything: no schema speaks about it.
  static Shape any() { return Shape(); }
  // The value a schema describes (combinators and $ref flattened).
  static Shape of(const json& root, const std::string& file);

  bool is_any() const { return any_; }
  // Several schemas each allow a member or an item: their union.
  void merge(const Shape& other);

  // The value of a member. nullopt: no schema of the shape allows that name (an error);
  // an open shape or one whose schemas say nothing of members gives any().
  std::optional<Shape> member(const std::string& name) const;
  // Any element of an array, or any member of an object (a key not known statically).
  // nullopt: the value can be neither (a string, a number).
  std::optional<Shape> element() const;
  // The names members may have (for "did you mean"), in schema order without repeats.
  std::vector<std::string> member_names() const;
  // The values an enum or const allows, when every schema that speaks of values lists them.
  std::optional<std::vector<json>> allowed_values() const;
  // The types the schemas allow ("object", "string" …), empty when none says.
  std::vector<std::string> types() const;
  // "#/definitions/project" (schema.json) for messages: where the names were looked up.
  std::string where() const;

  // The view: when set, the shape is of the view of a form (see ViewTag).
  ViewTag tag = ViewTag::None;
  std::shared_ptr<const ViewInfo> view;

 private:
  void add(const json& root, const json& node, const std::string& pointer, const std::string& file,
           int depth);
  bool any_ = true;
  std::vector<SchemaNode> nodes_;
};

}  // namespace jixiao::check
