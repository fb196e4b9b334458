// The Chinese catalog, and the phrases shared by many codes: how values are described
// ("number 3", "an object"), expected values, JSON syntax errors, hints. Wording for the
// users, finance staff: plain words, field names and values exactly as in their files.
#include "diag/zh_parts.h"

namespace jixiao {

namespace zh {
std::vector<CatalogEntry> check();  // zh_check.cpp: templates --check
}

const std::vector<CatalogEntry>& zh_catalog() {
  static const std::vector<CatalogEntry> all = [] {
    std::vector<CatalogEntry> v;
    for (auto part : {zh::shared, zh::data, zh::forms, zh::scoring, zh::check}) {
      auto p = part();
      v.insert(v.end(), p.begin(), p.end());
    }
    return v;
  }();
  return all;
}

namespace zh {

std::vector<CatalogEntry> shared() {
  return {
      // What was found (model::describe, expr describe/kind_name).
      {"", "boolean {1}", "布尔值 {1}"},
      {"", "string {1}", "字符串 {1}"},
      {"", "number {1}", "数字 {1}"},
      {"", "object", "对象"},
      {"", "array", "数组"},
      {"", "a value", "一个值"},
      {"", "an empty array", "空数组"},
      {"", "{1} elements", "{1} 个元素"},
      {"", "{1} characters", "{1} 个字符"},
      {"", "{1} bytes", "{1} 字节"},
      {"", "{1} bytes or more", "{1} 字节以上"},
      {"", "only white space", "只有空白字符"},
      {"", "more", "更多"},
      {"", "none", "没有"},
      {"", "end of text", "文本结束"},
      {"", "end of file", "文件结束"},
      {"", "infinity", "无穷大"},
      // Fields, as field_name() names them.
      {"", "the document", "整个文档"},
      {"", "element {1} of {2}", "{2} 的元素 {1}"},
      // What was expected.
      {"", "a string", "字符串"},
      {"", "a non-empty string", "非空字符串"},
      {"", "a number", "数字"},
      {"", "an integer", "整数"},
      {"", "a whole number", "整数"},
      {"", "true or false", "true 或 false"},
      {"", "an object", "对象"},
      {"", "a JSON object", "JSON 对象"},
      {"", "an array", "数组"},
      {"", "an array or object", "数组或对象"},
      {"", "an array with elements", "有元素的数组"},
      {"", "an array with at least one element", "至少有一个元素的数组"},
      {"", "a string or null", "字符串或 null"},
      {"", "a number or null", "数字或 null"},
      {"", "a number or a string", "数字或字符串"},
      {"", "a string or a number", "字符串或数字"},
      {"", "a value the schema allows", "结构定义允许的值"},
      {"", "a finite number", "有限的数"},
      {"", "an expression", "表达式"},
      {"", "an expression string", "表达式字符串"},
      {"", "a readable file", "可读取的文件"},
      {"", "a regular file", "普通文件"},
      {"", "one of: {1}", "以下之一：{1}"},
      {"", "at most {1}", "至多 {1}"},
      {"", "at most {1} characters", "至多 {1} 个字符"},
      {"", "at most {1} bytes", "至多 {1} 字节"},
      {"", "at most {1} errors", "至多 {1} 个错误"},
      {"", "at most {1} pages", "至多 {1} 页"},
      {"", "{1} to {2} pt", "{1} 到 {2} pt"},
      {"", "0 to {1}", "0 到 {1}"},
      {"", "a number at least {1}", "不小于 {1} 的数字"},
      {"", "a number at most {1}", "不大于 {1} 的数字"},
      {"", "a number more than {1}", "大于 {1} 的数字"},
      {"", "a number less than {1}", "小于 {1} 的数字"},
      {"", "a number at least {1} and at most {2}", "不小于 {1} 且不大于 {2} 的数字"},
      {"", "a number more than {1} and at most {2}", "大于 {1} 且不大于 {2} 的数字"},
      {"", "a number at least {1} and less than {2}", "不小于 {1} 且小于 {2} 的数字"},
      {"", "a number more than {1} and less than {2}", "大于 {1} 且小于 {2} 的数字"},
      // Hints.
      {"", "did you mean '{1}'?", "是不是要写 '{1}'？"},
      {"", "write the number without quotes", "数字不要加引号"},
      // JSON files (diag/json.cpp), whichever kind of file: data, rule set, schema, prefill
      // mapping, font manifest.
      {"", "rule set", "评分规则"},
      {"", "prefill mapping", "预填映射"},
      {"", "font manifest", "字体清单"},
      {"", "malformed {1}", "{1} 格式错误"},
      {"", "malformed {1}: {2}", "{1} 格式错误：{=2}"},
      {"", "a NUL byte", "含有 NUL 字节"},
      {"", "number out of range", "数字超出范围"},
      {"", "well-formed JSON", "格式正确的 JSON"},
      {"", "well-formed JSON (RFC 8259)", "格式正确的 JSON（RFC 8259）"},
      {"", "text without NUL bytes (UTF-8 JSON)", "不含 NUL 字节的文本（UTF-8 编码的 JSON）"},
      {"", "text without NUL characters", "不含 NUL 字符的文本"},
      {"", "a number a double can hold (about ±1.8e308)", "双精度浮点数能表示的数（约 ±1.8e308 以内）"},
      {"", "duplicate key '{1}' at {2}", "{2} 处的键 '{1}' 重复"},
      {"", "each key once in an object (a second one would silently replace the first)",
       "对象中每个键只出现一次（重复的键会悄悄覆盖前一个）"},
      {"", "nested too deeply at {1}", "{1} 处嵌套太深"},
      {"", "at most {1} levels of arrays and objects", "数组和对象至多嵌套 {1} 层"},
      {"", "a NUL character (\\u0000) in a string at {1}", "{1} 处的字符串含有 NUL 字符（\\u0000）"},
      {"", "a string of {1} bytes at {2}", "{2} 处的字符串长 {1} 字节"},
      {"", "at most {1} bytes in one string", "单个字符串至多 {1} 字节"},
      // A finding reported as a diagnostic (check, render): what the rule computed and what
      // the data declares.
      {"", "{1} (computed {2}, declared {3})", "{1}（计算值 {2}，申报值 {3}）"},
      {"", "{1} (computed {2})", "{1}（计算值 {2}）"},
      {"", "{1} (declared {2})", "{1}（申报值 {2}）"},
      {"", "{1} (分值 {2}, 得分 {3})", "{1}（分值 {2}，得分 {3}）"},
      {"", "{1} (得分 {2})", "{1}（得分 {2}）"},
  };
}

}  // namespace zh
}  // namespace jixiao
