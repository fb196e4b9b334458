// Chinese wording: `jixiao templates --check` (check/*.cpp): a form, rule set or prefill map
// checked against the schema of the data, before any data reaches it. Words as finance staff
// say them: 表式 (form), 评分规则 (rule set), 结构定义 (schema), 预填映射 (prefill map), 字段.
#include "diag/zh_parts.h"

namespace jixiao::zh {

std::vector<CatalogEntry> check() {
  std::vector<CatalogEntry> v = {
      // A name a binding, formula or mapping uses that the schema does not have (paths.cpp).
      {"check.field", "no field '{1}' in '{2}' ({3})", "'{2}' 中没有字段 '{1}'（{3}）"},
      {"check.field", "no field '{1}' in 'the data' ({2})", "数据中没有字段 '{1}'（{2}）"},
      {"check.field", "no field at all", "没有任何字段"},
      {"check.field", "unknown name '{1}': no variable and no field of the data ({2})",
       "未知名称 '{1}'：既不是变量，也不是数据中的字段（{2}）"},
      {"check.type", "'{1}' is {2} ({3}), not an object with field '{4}'", "'{1}' 是 {2}（{3}），不是含字段 '{4}' 的对象"},
      {"check.type", "'{1}' is {2} ({3}), not an array or object", "'{1}' 是 {2}（{3}），不是数组或对象"},
      {"check.type", "an array (or an object)", "数组（或对象）"},
      // The schema's type names as a list ("number or null"): the last name is spelt out so
      // that "number {1}" (a number's description) does not win over the list.
      {"check.type", "{1} or {2}", "{1} 或 {2}"},
      {"check.type", "{1} or null", "{1} 或 null"},
      {"check.type", "{1} or string", "{1} 或 字符串"},
      {"check.type", "{1} or number", "{1} 或 数字"},
      {"check.type", "{1} or integer", "{1} 或 整数"},
      {"check.type", "{1} or boolean", "{1} 或 布尔值"},
      {"check.type", "{1} or array", "{1} 或 数组"},
      {"check.type", "{1} or object", "{1} 或 对象"},
      {"check.value", "'{1}' is never '{2}' ({3})", "'{1}' 的取值中没有 '{2}'（{3}）"},

      // Ids and the files a form names (check.cpp, prefill.cpp).
      {"check.schema", "the form names no schema (schema=\"…\"): its bindings and rule set are not checked",
       "表式未指定结构定义（schema=\"…\"）：其中的绑定和评分规则没有检查"},
      {"check.prefill", "no form with a schema uses prefill map '{1}': what it fills in is not checked",
       "没有指定结构定义的表式使用预填映射 '{1}'：它填写的内容没有检查"},
      {"check.form", "no form '{1}' with a schema in the template directories", "模板目录中没有指定结构定义的表式 '{1}'"},
      {"check.form", "the id of a declaration form (forms/<id>.xml naming a schema)",
       "申报书表式的 id（指定结构定义的 forms/<id>.xml）"},
      {"check.rules-failed", "not checked: its rule set {1} failed to load", "未检查：其评分规则 {1} 未能读入"},
      {"internal", "no internal error", "不应出现内部错误"},
  };
  // Where a shape comes from (Shape::where: "file #/pointer"), inside the messages above:
  // the scores a rule set gives (a form's "evaluation") and a rule set's own values.
  for (const char* code : {"check.field", "check.type", "check.value"}) {
    v.push_back({code, "the scores of the rule set {1}", "评分规则算出的得分 {1}"});
    v.push_back({code, "{1} values {2}", "{1} 中的 values {2}"});
  }
  return v;
}

}  // namespace jixiao::zh
