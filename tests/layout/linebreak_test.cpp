// Line-break opportunities: UAX #14 (ICU) plus the Chinese 禁则 and the number/word rules,
// on texts of the seed forms. Each case: the text with '|' where a line may break.
#include <catch2/catch.hpp>

#include <string>

#include "diag/utf8.h"
#include "layout/text.h"

using namespace jixiao::layout;

namespace {

std::u32string utf32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += len;
  }
  return out;
}

std::string utf8(char32_t c) {
  std::string s;
  jixiao::append_utf8(s, c);
  return s;
}

// The text with '|' before each character a line may start with.
std::string marked(const std::string& text) {
  std::u32string t = utf32(text);
  std::vector<bool> breaks = break_opportunities(t);
  REQUIRE(breaks.size() == t.size());
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (breaks[i]) out += '|';
    out += utf8(t[i]);
  }
  return out;
}

struct Case {
  const char* text;
  const char* expected;
};

// clang-format off
const Case kCases[] = {
  // Ideographs: a break between any two.
  {"偏差原因分析及改进措施", "偏|差|原|因|分|析|及|改|进|措|施"},
  // The long 偏差原因 cell: never before ，。, the Latin full stop and its space stay on the left.
  {"因招投标需求反复变更，以及疫情导致项目进展较慢，导致项目验收较晚. 以后会不断加强前期工作的充分性提高项目绩效目标准确性。",
   "因|招|投|标|需|求|反|复|变|更，|以|及|疫|情|导|致|项|目|进|展|较|慢，|导|致|项|目|验|收|较|晚. |以|后|会|不|断|加|强|前|期|工|作|的|充|分|性|提|高|项|目|绩|效|目|标|准|确|性。"},
  {"设置指标少写一个0的情况，实际成本指标达标，故得满分。",
   "设|置|指|标|少|写|一|个|0|的|情|况，|实|际|成|本|指|标|达|标，|故|得|满|分。"},
  // Numbers stay whole, with their comparator, sign, currency, percent and unit signs.
  {"≥93.69", "≥93.69"},
  {"1,035,356.30", "1,035,356.30"},
  {"1,035,356.30元", "1,035,356.30元"},
  {"870996.00", "870996.00"},
  {"100%", "100%"},
  {"完成率达 100%。其中", "完|成|率|达 |100%。|其|中"},
  {"第一季度为27.22%，", "第|一|季|度|为|27.22%，"},
  // A number keeps its unit (with a magnitude 万 亿 before it, and a space between).
  {"2.06万元", "2.06万元"},
  {"¥1,000元", "¥1,000元"},
  {"资金2.06万元到位", "资|金|2.06万元|到|位"},
  {"得 6 分", "得 |6 分"},
  {"接入 78 家单位", "接|入 |78 家|单|位"},
  {"共3个月", "共|3个月"},
  {"面积120平方米", "面|积|120平方米"},
  {"少写一个0的情况", "少|写|一|个|0|的|情|况"},
  {"±5%", "±5%"},
  {"−3.5", "−3.5"},
  {"-5℃", "-5℃"},
  {"温度25℃以下", "温|度|25℃|以|下"},
  {"2021-12-03", "2021-12-03"},
  {"10:30开会", "10:30|开|会"},
  {"第3.1节", "第|3.1|节"},
  {"87654321%", "87654321%"},
  // Brackets: never after an opening one, never before a closing one.
  // A short bracketed group (six characters with its brackets) never breaks inside.
  {"（万元）", "（万元）"},
  {"档案整理成本（万元）≤93.69", "档|案|整|理|成|本|（万元）|≤93.69"},
  {"满分（80分）", "满|分|（80分）"},
  {"得分(2分)", "得|分|(2分)"},
  {"（1分）；", "（1分）；"},
  {"项目设立依据（相关批文名称）", "项|目|设|立|依|据|（相|关|批|文|名|称）"},
  {"（一）部门主要职能", "（一）|部|门|主|要|职|能"},
  {"项目(一)完成", "项|目|(一)|完|成"},
  {"《需求规格说明书》", "《需|求|规|格|说|明|书》"},
  // Quotes: a break before “ and after ” like before 《 and after 》.
  {"开展“智慧住建”项目立项。", "开|展|“智慧住建”|项|目|立|项。"},
  {"开展“智慧住建系统”项目", "开|展|“智|慧|住|建|系|统”|项|目"},
  {"“互联网+”政务", "“互联网+”|政|务"},
  // Enumeration comma, dashes and ellipses never start a line; a dash pair stays whole.
  {"确保档案及时、完整归档", "确|保|档|案|及|时、|完|整|归|档"},
  {"——以及……等", "——|以|及……|等"},
  // Latin words and codes stay whole; a line may break after the spaces between them.
  {"UPS蓄电池", "UPS|蓄|电|池"},
  {"COVID-19疫情", "COVID-19|疫|情"},
  {"e-mail and www.sz.gov.cn ok", "e-mail |and |www.sz.gov.cn |ok"},
  {"决算数 887,400.39 元，并未超支。", "决|算|数 |887,400.39 元，|并|未|超|支。"},
  {"原因: 偏差", "原|因: |偏|差"},
  // Small kana and the prolonged sound mark never start a line.
  {"ゃっき", "ゃっ|き"},
  {"コーヒー", "コー|ヒー"},
};
// Dates and ranges: never broken inside, a break still allowed after them.
const Case kDateCases[] = {
  // Dates never break inside; a line may break after one (before 前, 完成 …).
  {"2021年12月前", "2021年12月|前"},
  {"2021年11月25日", "2021年11月25日"},
  {"于2021年12月3日完成", "于|2021年12月3日|完|成"},
  {"2021年7月前完成", "2021年7月|前|完|成"},
  {"2020年", "2020年"},
  {"2020年度预算", "2020年|度|预|算"},
  {"12月31日前", "12月31日|前"},
  {"每月15号", "每|月|15号"},
  {"２０２１年３月", "２０２１年３月"},
  // Spaces around the units, as the seeds write them.
  {"均为 2021 年 12 月 31 日。定性", "均|为 |2021 年 12 月 31 日。|定|性"},
  {"2020 年度", "2020 年|度"},
  {"共 8 个项目", "共 |8 个|项|目"},
  // 12 个 is no month: the date ends at 年.
  {"2020年12个项目", "2020年|12个|项|目"},
  // Ranges and comparisons stay whole.
  {"90%～100%", "90%～100%"},
  {"得分90%～100%的", "得|分|90%～100%|的"},
  {"≥95%", "≥95%"},
  {"满意度≥95%的", "满|意|度|≥95%|的"},
  {"1~3个", "1~3个"},
  {"5%-10%", "5%-10%"},
};
// clang-format on

}  // namespace

TEST_CASE("break opportunities of the seed texts", "[linebreak]") {
  for (const Case& c : kCases) {
    INFO(c.text);
    CHECK(marked(c.text) == c.expected);
  }
}

TEST_CASE("break opportunities: dates and ranges stay whole", "[linebreak]") {
  for (const Case& c : kDateCases) {
    INFO(c.text);
    CHECK(marked(c.text) == c.expected);
  }
}

TEST_CASE("break opportunities of short texts", "[linebreak]") {
  CHECK(break_opportunities(U"").empty());
  CHECK(break_opportunities(U"偏") == std::vector<bool>{false});
  CHECK(break_opportunities(U"偏差") == std::vector<bool>{false, true});
  // The other half-width closing signs, and an opening bracket at the end.
  CHECK(marked("是,是.是;是:是?是!是)是]是}是") == "是,|是.|是;|是:|是?|是!|是)|是]|是}|是");
  CHECK(marked("是（是「是『是《是〈是【是〔是“是‘是") == "是|（是|「是|『是|《是|〈是|【是|〔是|“是|‘是");
  CHECK(marked("是”是’是") == "是”|是’|是");
  CHECK(marked("是」是』是》是〉是】是〕是…是—是‰是℃是") == "是」|是』|是》|是〉|是】|是〕|是…|是—|是‰|是℃|是");
}
