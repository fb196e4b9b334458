// Units of meaning in set lines (seed texts): a date, a number with its unit and a short
// bracketed group never break inside while a line has room for them; wider than the line,
// they are cut at the least harmful place (2021年11月 | 25日, （万 | 元）) before any other.
#include <catch2/catch.hpp>

#include "typeset_fixture.h"

using namespace jixiao::layout::typeset;
using Lines = std::vector<std::string>;

TEST_CASE("typeset: a date wider than its cell is cut after 月, not before 日", "[typeset]") {
  Setter s(10.5);
  const float month = s.width_of("2021年11月");
  CHECK(texts(s.set("2021年11月25日", month + 1)) == Lines{"2021年11月", "25日"});
  // Narrower than 2021年11月 too: after 年.
  CHECK(texts(s.set("2021年11月25日", s.width_of("2021年11"))) == Lines{"2021年", "11月25日"});
  // With room for it the date moves whole to the next line.
  CHECK(texts(s.set("完成时间2021年11月25日", s.width_of("完成时间2021年11月"))) ==
        Lines{"完成时间", "2021年11月25日"});
}

TEST_CASE("typeset: a number keeps its unit", "[typeset]") {
  Setter s(10.5);
  const float w = s.width_of("资金到位2.06万");
  CHECK(texts(s.set("资金到位2.06万元", w)) == Lines{"资金到位", "2.06万元"});
  CHECK(texts(s.set("考核得 6 分", s.width_of("考核得 6"))) == Lines{"考核得", "6 分"});
  CHECK(texts(s.set("接入 78 家单位", s.width_of("接入 78 家") - 1)) == Lines{"接入", "78 家单位"});
}

TEST_CASE("typeset: short bracketed groups stay whole", "[typeset]") {
  Setter s(10.5);
  CHECK(texts(s.set("档案整理成本（万元）", s.width_of("档案整理成本（万"))) ==
        Lines{"档案整理成本", "（万元）"});
  CHECK(texts(s.set("部门预算（80分）", s.width_of("部门预算（80"))) == Lines{"部门预算", "（80分）"});
  // A group wider than its cell is cut inside, not between characters anywhere.
  CHECK(texts(s.set("（万元）", 3 * s.em())) == Lines{"（万", "元）"});
}
