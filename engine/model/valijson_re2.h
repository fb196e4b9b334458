// valijson 1.0 (Debian's) matches "pattern" and "patternProperties" with std::regex, which
// backtracks ("^(a+)+$" took 25 s on 30 characters) and has no hook for another engine.
// These explicit specializations of its visitor's two members that match patterns make them
// match with RE2, through the schema's patterns compiled at load (ActivePatterns); the rest
// of valijson (oneOf, if/then, additionalProperties …) is unchanged. Include only from
// model/schema.cpp, after valijson's headers and before any validation is instantiated.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "model/schema_pattern.h"

namespace valijson {

using JsonTarget = adapters::NlohmannJsonAdapter;

// Declared first: defining one instantiates the others' class (propertyNames validates
// names through a StdStringAdapter visitor).
template <>
bool ValidationVisitor<JsonTarget>::visit(const constraints::PatternConstraint& constraint);
template <>
bool ValidationVisitor<adapters::StdStringAdapter>::visit(const constraints::PatternConstraint& constraint);
template <>
bool ValidationVisitor<JsonTarget>::visit(const constraints::PropertiesConstraint& constraint);

namespace jixiao_re2 {

template <typename Target>
bool pattern(const Target& target, bool strict, const constraints::PatternConstraint& constraint,
             const std::vector<std::string>& context, ValidationResults* results) {
  if ((strict && !target.isString()) || !target.maybeString()) return true;
  if (jixiao::model::ActivePatterns::search(constraint.getPattern<std::string::allocator_type>(), target.asString()))
    return true;
  // valijson's own words: model/schema_messages.cpp recognises them.
  if (results) results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
  return false;
}

}  // namespace jixiao_re2

template <>
inline bool ValidationVisitor<JsonTarget>::visit(const constraints::PatternConstraint& constraint) {
  return jixiao_re2::pattern(m_target, m_strictTypes, constraint, m_context, m_results);
}

template <>
inline bool ValidationVisitor<adapters::StdStringAdapter>::visit(const constraints::PatternConstraint& constraint) {
  return jixiao_re2::pattern(m_target, m_strictTypes, constraint, m_context, m_results);
}

// valijson's visit(PropertiesConstraint), with RE2 deciding which names a patternProperties
// entry applies to. Unlike valijson, a failure under one pattern does not stop the others
// when every problem is wanted (results set), as it does not for "properties".
template <>
inline bool ValidationVisitor<JsonTarget>::visit(const constraints::PropertiesConstraint& constraint) {
  if ((m_strictTypes && !m_target.isObject()) || !m_target.maybeObject()) return true;
  bool validated = true;
  std::set<std::string> matched;
  const typename JsonTarget::Object object = m_target.asObject();
  constraint.applyToProperties(ValidatePropertySubschemas(object, m_context, true, m_results != nullptr, true,
                                                          m_strictTypes, m_results, &matched, &validated,
                                                          m_regexesCache));
  if (!validated && !m_results) return false;

  auto member = [&](const typename JsonTarget::ObjectMember& m, const Subschema& schema) {
    std::vector<std::string> context = m_context;
    context.push_back("[" + m.first + "]");
    ValidationVisitor validator(m.second, context, m_strictTypes, m_results, m_regexesCache);
    return validator.validateSchema(schema);
  };
  constraint.applyToPatternProperties([&](const auto& pattern, const Subschema* schema) {
    const std::string ecma(pattern.c_str());
    for (const typename JsonTarget::ObjectMember m : object) {
      if (!jixiao::model::ActivePatterns::search(ecma, m.first)) continue;
      matched.insert(m.first);
      if (member(m, *schema)) continue;
      if (m_results) m_results->pushError(m_context, "Failed to validate against schema associated with pattern '" + ecma + "'.");
      validated = false;
      if (!m_results) return false;
    }
    return true;
  });
  if (!validated && !m_results) return false;

  const Subschema* additional = constraint.getAdditionalPropertiesSubschema();
  if (!additional) {
    if (matched.size() == m_target.getObjectSize()) return validated;
    if (m_results) {
      std::string unwanted;
      for (const typename JsonTarget::ObjectMember m : object)
        if (!matched.count(m.first)) {
          unwanted = m.first;
          break;
        }
      m_results->pushError(m_context, "Object contains a property that could not be validated using 'properties' "
                                      "or 'additionalProperties' constraints: '" + unwanted + "'.");
    }
    return false;
  }
  for (const typename JsonTarget::ObjectMember m : object) {
    if (matched.count(m.first) || member(m, *additional)) continue;
    if (m_results) m_results->pushError(m_context, "Failed to validate against additional properties schema");
    validated = false;
    if (!m_results) return false;
  }
  return validated;
}

}  // namespace valijson
