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
      // The common syntax errors in our words (diag/json.cpp; the rest keep nlohmann's).
      {"", "malformed {1}: the text ends before the JSON does (an object or array is not closed)",
       "{1} 格式错误：文本在 JSON 结束之前就结束了（有对象或数组没有闭合）"},
      {"", "malformed {1}: a comma is missing between two members", "{1} 格式错误：两个成员之间缺少逗号"},
      {"", "malformed {1}: a comma is missing between two elements", "{1} 格式错误：两个元素之间缺少逗号"},
      {"", "malformed {1}: a comma after the last member", "{1} 格式错误：最后一个成员后面多了逗号"},
      {"", "malformed {1}: a comma after the last element", "{1} 格式错误：最后一个元素后面多了逗号"},
      {"", "malformed {1}: two commas in a row", "{1} 格式错误：连着两个逗号"},
      {"", "malformed {1}: a key in single quotes", "{1} 格式错误：键用了单引号"},
      {"", "malformed {1}: a key without quotes", "{1} 格式错误：键没有加引号"},
      {"", "malformed {1}: a ':' is missing after the key", "{1} 格式错误：键后面缺少 ':'"},
      {"", "malformed {1}: a string in single quotes", "{1} 格式错误：字符串用了单引号"},
      {"", "malformed {1}: a word that is not a JSON value", "{1} 格式错误：这个词不是 JSON 值"},
      {"", "malformed {1}: more text after the end of the JSON", "{1} 格式错误：JSON 结束后还有多余的文本"},
      {"", "malformed {1}: a value is missing", "{1} 格式错误：缺少值"},
      {"", "malformed {1}: a line break or other control character inside a string",
       "{1} 格式错误：字符串中有换行或其他控制字符"},
      {"", "',' or '}'", "',' 或 '}'"},
      {"", "',' or ']'", "',' 或 ']'"},
      {"", "a key in double quotes", "用双引号括起的键"},
      {"", "a string in double quotes", "用双引号括起的字符串"},
      {"", "a string in double quotes, a number, true, false or null", "用双引号括起的字符串、数字、true、false 或 null"},
      {"", "nothing after the JSON's last '}' or ']'", "JSON 最后的 '}' 或 ']' 之后没有别的内容"},
      {"", "a string on one line", "写在一行内的字符串"},
      {"", "the end of the text", "文本结尾"},
      {"", "put a comma after every member but the last: {\"a\": 1, \"b\": 2}",
       "除最后一个成员外，每个成员后面都加逗号：{\"a\": 1, \"b\": 2}"},
      {"", "put a comma after every element but the last: [1, 2]", "除最后一个元素外，每个元素后面都加逗号：[1, 2]"},
      {"", "JSON allows no comma after the last member: remove it", "JSON 不允许最后一个成员后面有逗号：删掉它"},
      {"", "JSON allows no comma after the last element: remove it", "JSON 不允许最后一个元素后面有逗号：删掉它"},
      {"", "remove the extra comma", "删掉多余的逗号"},
      {"", "JSON keys and strings take double quotes: \"key\", not 'key'", "JSON 的键和字符串要用双引号：\"key\"，不是 'key'"},
      {"", "put the key in double quotes: {\"key\": 1}", "给键加上双引号：{\"key\": 1}"},
      {"", "put text in double quotes; true, false and null are written in lower case",
       "文字要加双引号；true、false 和 null 用小写"},
      {"", "write a line break as \\n and a tab as \\t", "换行写作 \\n，制表符写作 \\t"},
      // Operating system errors (os_error in diag/files.cpp): the rarer ones stay in the C
      // library's English.
      {"", "no such file or directory", "文件或目录不存在"},
      {"", "permission denied", "没有权限"},
      {"", "operation not permitted", "不允许此操作"},
      {"", "is a directory", "是目录"},
      {"", "a part of the path is not a directory", "路径中有一段不是目录"},
      {"", "no space left on the device", "设备上没有剩余空间"},
      {"", "disk quota exceeded", "超出磁盘配额"},
      {"", "read-only file system", "文件系统是只读的"},
      {"", "the file exists", "文件已存在"},
      {"", "too many levels of symbolic links", "符号链接层数太多"},
      {"", "file name too long", "文件名太长"},
      {"", "too many open files", "打开的文件太多"},
      {"", "input/output error", "输入输出错误"},
      {"", "the file is busy", "文件正忙"},
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
