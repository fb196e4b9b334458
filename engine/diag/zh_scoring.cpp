// Chinese wording: scoring findings (scoring.*), the score command, the engine's last resort,
// the names of scoring rules shown in the score table ("scoring.rule", not a code) and the
// command line's usage errors ("cli.usage").
#include "diag/zh_parts.h"

namespace jixiao::zh {

std::vector<CatalogEntry> scoring() {
  return {
      // Findings: the weight (分值) and the score (得分) of one indicator.
      {"scoring.score-above-weight", "得分 exceeds 分值", "得分超过分值"},
      {"scoring.score-above-weight", "得分 exceeds 分值 (computed {1}, declared {2})", "得分超过分值（分值 {1}，得分 {2}）"},
      {"scoring.negative", "得分 cannot be negative", "得分不能为负数"},
      {"scoring.negative", "得分 cannot be negative (computed , declared {1})", "得分不能为负数（得分 {1}）"},
      // The same with the numbers named as they are ("(分值 9.17, 得分 9.2)", branch rules).
      {"scoring.score-above-weight", "得分 exceeds 分值 (分值 {1}, 得分 {2})", "得分超过分值（分值 {1}，得分 {2}）"},
      {"scoring.negative", "得分 cannot be negative (得分 {1})", "得分不能为负数（得分 {1}）"},
      {"scoring.deduction-without-reason",
       "得分 is below 分值 but 偏差原因分析及改进措施 gives no reason (分值 {1}, 得分 {2})",
       "得分低于分值，但偏差原因分析及改进措施未说明原因（分值 {1}，得分 {2}）"},
      {"scoring.deduction-without-reason", "得分 is below 分值 but 偏差原因分析及改进措施 gives no reason",
       "得分低于分值，但偏差原因分析及改进措施未说明原因"},
      {"scoring.deduction-without-reason",
       "得分 is below 分值 but 偏差原因分析及改进措施 gives no reason (computed {1}, declared {2})",
       "得分低于分值，但偏差原因分析及改进措施未说明原因（分值 {1}，得分 {2}）"},
      {"scoring.declared-differs", "declared 得分 of {1} differs from the {2} ({3}) and no reason is given",
       "{1} 的申报得分与按{2}算出的不同（{3}），且未说明原因"},
      {"scoring.declared-differs", "declared 得分 of {1} differs from the {2} ({3}); kept with its reason",
       "{1} 的申报得分与按{2}算出的不同（{3}）；已说明原因，保留申报得分"},
      {"scoring.no-actual", "no actual value and no explanation: {1} scores 0", "没有实际完成值也没有说明：{1} 得 0 分"},
      {"scoring.no-score", "no declared score and none can be computed for {1}", "{1} 没有申报得分，也无法算出得分"},
      {"scoring.formula", "cannot compute {1} (rule {2}): {3}", "无法计算 {1}（规则 {2}）：{3}"},
      {"scoring.line", "cannot compute {1} (rule {2}): {3}", "无法计算 {1}（规则 {2}）：{3}"},
      {"scoring.value", "cannot compute value '{1}' (rule {2}): {3}", "无法计算值 '{1}'（规则 {2}）：{3}"},
      {"scoring.formula-input", "the formula for {1} needs input '{2}'", "{1} 的公式需要输入 '{2}'"},
      {"scoring.category-points", "分值 of {1} do not add up to the category's points", "{1} 各指标分值之和不等于该类指标的分值"},
      {"scoring.category-points", "分值 of {1} do not add up to the category's points (computed {2}, declared {3})",
       "{1} 各指标分值之和不等于该类指标的分值（应为 {2}，实为 {3}）"},
      // The numbers named as numbers_text names them ("(points 55, sum of 分值 50)").
      {"scoring.category-points", "分值 of {1} do not add up to the category's points (points {2}, sum of 分值 {3})",
       "{1} 各指标分值之和不等于该类指标的分值（该类分值 {2}，各指标分值之和 {3}）"},
      {"scoring.category-points", "分值 of pool {1} do not add up to the pool's points", "共享分值组 {1} 各指标分值之和不等于该组的分值"},
      {"scoring.category-points", "分值 of pool {1} do not add up to the pool's points (points {2}, sum of 分值 {3})",
       "共享分值组 {1} 各指标分值之和不等于该组的分值（该组分值 {2}，各指标分值之和 {3}）"},
      {"scoring.weight-sum", "分值 do not add up to the total points", "各指标分值之和不等于总分"},
      {"scoring.weight-sum", "分值 do not add up to the total points (total {1}, sum of 分值 {2})",
       "各指标分值之和不等于总分（总分 {1}，各指标分值之和 {2}）"},
      {"scoring.weight-sum", "分值 do not add up to the total points (computed {1}, declared {2})",
       "各指标分值之和不等于总分（应为 {1}，实为 {2}）"},
      {"scoring.unknown-category", "'{1}' is not a category of rule set {2}", "'{1}' 不是评分规则 {2} 中的指标类别"},
      {"scoring.unreadable-value", "cannot read \"{1}\": {2}", "无法读懂 \"{1}\"：{2}"},
      // Why a value cannot be read (scoring/value*.cpp) and why a formula gives nothing
      // (scoring/evaluate.cpp): values inside the findings above.
      {"scoring.unreadable-value", "no number, date or known word", "没有数字、日期或可识别的词"},
      {"scoring.unreadable-value", "a number written in words", "数字是用文字写的"},
      {"scoring.unreadable-value", "not valid UTF-8", "不是有效的 UTF-8"},
      {"scoring.unreadable-value", "a comparison without a number", "有比较符号但没有数字"},
      {"scoring.unreadable-value", "unexpected \"{1}\" after the number", "数字后有多余的 \"{1}\""},
      {"scoring.unreadable-value", "unexpected \"{1}\" after the date", "日期后有多余的 \"{1}\""},
      {"scoring.unreadable-value", "a range with a comparison", "范围又带比较符号"},
      {"scoring.unreadable-value", "conflicting comparisons", "比较符号相互矛盾"},
      {"scoring.unreadable-value", "a range whose lower bound is not below its upper one", "范围的下限不小于上限"},
      {"scoring.unreadable-value", "a signed number (a ratio to a negative value means nothing)", "带符号的数（与负数求比率没有意义）"},
      {"scoring.unreadable-value", "a malformed number", "数字写法有误"},
      {"scoring.formula", "no formula", "没有公式"},
      {"scoring.formula", "\"{1}\" is not a number", "\"{1}\" 的结果不是数字"},
      {"scoring.formula", "\"{1}\" gives no finite number (a division by zero?)", "\"{1}\" 的结果不是有限的数（除以 0 了？）"},
      {"scoring.formula", "{1}; expected {2}, got {3}", "{1}；应为 {2}，实为 {3}"},
      {"scoring.formula", "{1}; expected {2}", "{1}；应为 {2}"},
      {"scoring.formula", "{1} — cannot check (rule {2}): {3}", "{1} —— 无法检查（规则 {2}）：{3}"},

      // The rules that scored an indicator, as the score table names them.
      {"scoring.rule", "declared", "申报"},
      {"scoring.rule", "formula", "公式"},
      {"scoring.rule", "grade", "等级"},
      {"scoring.rule", "ratio", "比率"},
      {"scoring.rule", "band", "区间"},
      {"scoring.rule", "none", "无"},

      // Usage errors of the command line (app/cli.cpp; "cli.usage" is not a diagnostic code).
      {"cli.usage", "option '{1}' needs a value", "选项 '{1}' 需要一个值"},
      {"cli.usage", "unknown option '{1}'", "未知选项 '{1}'"},
      {"cli.usage", "unknown option '{1}' for {2}", "{2} 没有选项 '{1}'"},
      {"cli.usage", "unknown option '{1}' (it is an option of {2})", "未知选项 '{1}'（它是 {2} 的选项）"},
      {"cli.usage", "unknown option '{1}' for {2} (it is an option of {3})", "{2} 没有选项 '{1}'（它是 {3} 的选项）"},
      {"cli.usage", "jixiao itself", "jixiao 本身"},
      {"cli.usage", "unknown command '{1}'", "未知命令 '{1}'"},
      {"cli.usage", "templates takes no data file", "templates 不接受数据文件"},
      {"cli.usage", "unexpected '{1}'", "多余的 '{1}'"},
      {"cli.usage", "help takes one command", "help 只接受一个命令"},
      {"cli.usage", "more than one data file", "数据文件多于一个"},
      {"cli.usage", "no data file", "没有数据文件"},
      {"cli.usage", "render needs -o OUT.pdf", "render 需要 -o OUT.pdf"},
      {"cli.usage", "bad date '{1}'; expected seconds since 1970 or YYYY-MM-DD", "日期 '{1}' 不对；应为自 1970 年起的秒数或 YYYY-MM-DD"},
      {"cli.usage", "no command '{1}'; the commands are {2}", "没有命令 '{1}'；命令有 {2}"},
      {"cli.usage", "a bulk run writes into a directory, and '{1}' is a file; give -o DIR/",
       "批量运行写入目录，而 '{1}' 是文件；请给出 -o DIR/"},
      {"cli.usage", "a bulk run writes one PDF per document into a directory, not into '{1}'; give -o DIR/",
       "批量运行把每个文档各写成一个 PDF 放进目录，而不是写入 '{1}'；请给出 -o DIR/"},
      {"cli.usage", "bad --shard: {1}", "--shard 不对：{1}"},
      {"cli.usage", "{1} '{2}' does not exist; expected a directory", "{1} '{2}' 不存在；应为目录"},
      {"cli.usage", "{1} '{2}' is not a directory", "{1} '{2}' 不是目录"},
      {"cli.usage", "--data-dir '{1}' has no {2}/ directory", "--data-dir '{1}' 中没有 {2}/ 目录"},
      // The preview page's event stream let go for a newer one (app/preview/events.cpp).
      {"preview.streams", "more than {1} pages follow this preview: this one, the oldest, no longer does; reload it to follow again",
       "跟随此预览的页面超过 {1} 个：这个最早打开的页面已不再跟随；刷新页面即可重新跟随"},

      // The score command and the engine (jixiao.cpp).
      {"score.no-rules", "form '{1}' is not scored (its template names no rule set)", "表式 '{1}' 不评分（其模板未指定评分规则）"},
      {"score.no-rules", "a form with rules=\"…\"", "带 rules=\"…\" 的表式"},
      {"internal", "internal error: {1}", "内部错误：{1}"},
      {"internal", "no internal error (please report this with the data file)", "不应出现内部错误（请连同数据文件一起报告）"},
  };
}

}  // namespace jixiao::zh
