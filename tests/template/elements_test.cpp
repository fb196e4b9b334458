// Each element and attribute of the template language, instantiated.
#include <catch2/catch.hpp>

#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {
const json kEmpty = json::object();
}  // namespace

TEST_CASE("form: id, rules and document properties") {
  auto l = load_text(form_text("", R"(title="{title}年" subject="自评" author="中心" keywords="绩效")"));
  REQUIRE(l.tmpl);
  CHECK(l.tmpl->form_id() == "f");
  CHECK(l.tmpl->rule_set() == "r");
  CHECK(l.tmpl->file() == l.path);
  DiagnosticSink sink;
  auto d = l.tmpl->instantiate({{"title", "2021"}}, sink);
  CHECK_FALSE(sink.has_errors());
  CHECK(d.title == "2021年");
  CHECK(d.subject == "自评");
  CHECK(d.author == "中心");
  CHECK(d.keywords == "绩效");
  CHECK(d.blocks.empty());
}

TEST_CASE("form: page size, orientation and margins") {
  auto d = run("", kEmpty).doc;  // defaults: A4 portrait, 20mm/15mm
  CHECK(d.page.width == Approx(595.276).epsilon(1e-5));
  CHECK(d.page.height == Approx(841.89).epsilon(1e-5));
  CHECK(d.page.margin_top == Approx(20 * kMm).epsilon(1e-3));
  CHECK(d.page.margin_left == Approx(15 * kMm).epsilon(1e-3));

  d = run("", kEmpty, R"(page="A3" orientation="landscape" margin="10mm")").doc;
  CHECK(d.page.width == Approx(420 * kMm));
  CHECK(d.page.height == Approx(297 * kMm));
  CHECK(d.page.margin_top == Approx(10 * kMm));
  CHECK(d.page.margin_right == Approx(10 * kMm));
  CHECK(d.page.margin_bottom == Approx(10 * kMm));
  CHECK(d.page.margin_left == Approx(10 * kMm));

  d = run("", kEmpty, R"(page="A4" orientation="portrait" margin="20mm 1.5cm")").doc;
  CHECK(d.page.width == Approx(210 * kMm));
  CHECK(d.page.margin_top == Approx(20 * kMm));
  CHECK(d.page.margin_bottom == Approx(20 * kMm));
  CHECK(d.page.margin_right == Approx(15 * kMm));
  CHECK(d.page.margin_left == Approx(15 * kMm));

  d = run("", kEmpty, R"(page="100mm 50mm" margin="1 2 3 4")").doc;
  CHECK(d.page.width == Approx(100 * kMm));
  CHECK(d.page.height == Approx(50 * kMm));
  CHECK(d.page.margin_top == 1);
  CHECK(d.page.margin_right == 2);
  CHECK(d.page.margin_bottom == 3);
  CHECK(d.page.margin_left == 4);

  d = run("", kEmpty, R"(page="A5" orientation="landscape")").doc;
  CHECK(d.page.width == Approx(210 * kMm));
  CHECK(d.page.height == Approx(148 * kMm));
}

TEST_CASE("p: text, style and spacing") {
  auto r = run(R"(<p>默认</p><p align="center" font="hei" size="三号" bold="true" indent="2em" space-before="6pt" space-after="2mm" line-height="1.5">标题</p><p align="justify" size="10.5pt">x</p><p align="right" size="小五">y</p>)",
               kEmpty, R"(font="kai" size="12")");
  CHECK_FALSE(r.sink.has_errors());
  const auto& p0 = paragraph(r.doc, 0);
  CHECK(p0.text == "默认");
  CHECK(p0.style.family == "kai");
  CHECK(p0.style.size == 12);
  CHECK_FALSE(p0.style.bold);
  CHECK(p0.align == doc::Align::Left);
  CHECK(p0.first_line_indent == 0);
  CHECK(p0.line_height == Approx(1.3));
  CHECK(p0.origin.file == r.path);
  CHECK(p0.origin.place == "1:45");
  const auto& p1 = paragraph(r.doc, 1);
  CHECK(p1.text == "标题");
  CHECK(p1.style.family == "hei");
  CHECK(p1.style.size == 16);
  CHECK(p1.style.bold);
  CHECK(p1.align == doc::Align::Center);
  CHECK(p1.first_line_indent == 32);  // 2em of 16pt
  CHECK(p1.space_before == 6);
  CHECK(p1.space_after == Approx(2 * kMm));
  CHECK(p1.line_height == 1.5);
  CHECK(paragraph(r.doc, 2).align == doc::Align::Justify);
  CHECK(paragraph(r.doc, 2).style.size == 10.5);
  CHECK(paragraph(r.doc, 3).align == doc::Align::Right);
  CHECK(paragraph(r.doc, 3).style.size == 9);
}

TEST_CASE("form default style is song 五号") {
  auto r = run("<p>x</p>", kEmpty);
  CHECK(paragraph(r.doc, 0).style.family == "song");
  CHECK(paragraph(r.doc, 0).style.size == 10.5);
}

TEST_CASE("Chinese size names") {
  const std::pair<const char*, double> sizes[] = {
      {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22},  {"小二", 18},
      {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
      {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5}};
  for (const auto& [name, pt] : sizes) {
    auto r = run(std::string("<p size=\"") + name + "\">x</p>", kEmpty);
    CHECK(paragraph(r.doc, 0).style.size == pt);
  }
}

TEST_CASE("bindings in text, <br/> and brace escapes") {
  json view = {{"p", {{"name", "档案整理"}, {"amount", 3700700}}}};
  auto r = run("<p>名称：{p.name}<br/>金额：{p.amount | money}元 {{p}} &lt;&amp;&gt;</p>", view);
  CHECK_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 0).text == "名称：档案整理\n金额：3,700,700.00元 {p} <&>");
}

TEST_CASE("white space: indentation disappears next to Chinese, becomes a space in Latin text") {
  json view = {{"v", "  值  "}};
  auto r = run(R"(
  <p>
    第一行，
    接着写
  </p>
  <p>
    Latin words
    continue here
  </p>
  <p>  a  b  </p>
  <p>
    行一<br/>
    行二 <br/>
    <br/>  行四
  </p>
  <p>
    值：{v}
  </p>
  <p>{v} {v}
  {v}</p>
  <p>A
    中</p>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 0).text == "第一行，接着写");
  CHECK(paragraph(r.doc, 1).text == "Latin words continue here");
  CHECK(paragraph(r.doc, 2).text == "a  b");  // runs without a line break are kept
  CHECK(paragraph(r.doc, 3).text == "行一\n行二\n\n行四");
  CHECK(paragraph(r.doc, 4).text == "值：  值  ");  // values are printed as they are
  CHECK(paragraph(r.doc, 5).text == "  值     值     值  ");
  CHECK(paragraph(r.doc, 6).text == "A中");
}

TEST_CASE("CDATA is literal text") {
  auto r = run("<p>a<![CDATA[{not a binding} <x>]]>b</p>", kEmpty);
  CHECK(paragraph(r.doc, 0).text == "a{not a binding} <x>b");
}

TEST_CASE("for: repeats with the item and name_index bound") {
  json view = {{"items", {"甲", "乙", "丙"}}, {"groups", {{{"n", {1, 2}}}, {{"n", {3}}}}}};
  auto r = run(R"(<for each="items" as="it"><p>{it_index}:{it}</p></for>
                  <for each="groups" as="g"><for each="g.n" as="n"><p>{g_index}.{n_index}={n}</p></for></for>
                  <for each="{items}" as="x"/>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 6);
  CHECK(paragraph(r.doc, 0).text == "0:甲");
  CHECK(paragraph(r.doc, 2).text == "2:丙");
  CHECK(paragraph(r.doc, 3).text == "0.0=1");
  CHECK(paragraph(r.doc, 4).text == "0.1=2");
  CHECK(paragraph(r.doc, 5).text == "1.0=3");
}

TEST_CASE("if and else") {
  json view = {{"a", 5}, {"s", ""}};
  auto r = run(R"(<if test="a > 3"><p>大</p></if><else><p>小</p></else>
                  <if test="a > 10"><p>大</p></if>
                  <else>
                    <p>小</p>
                  </else>
                  <if test="s"><p>有</p></if>
                  <if test="{not s}"><p>空</p></if>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 3);
  CHECK(paragraph(r.doc, 0).text == "大");
  CHECK(paragraph(r.doc, 1).text == "小");
  CHECK(paragraph(r.doc, 2).text == "空");
}

TEST_CASE("page-break, and page-break between iterations") {
  json view = {{"ps", {1, 2, 3}}};
  auto r = run(R"(<p>a</p><page-break/><for each="ps" as="p"><page-break between="true"/><p>{p}</p></for>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 7);
  CHECK(std::holds_alternative<doc::PageBreak>(r.doc.blocks[1]));
  CHECK(paragraph(r.doc, 2).text == "1");
  CHECK(std::holds_alternative<doc::PageBreak>(r.doc.blocks[3]));
  CHECK(paragraph(r.doc, 4).text == "2");
  CHECK(std::holds_alternative<doc::PageBreak>(r.doc.blocks[5]));
  CHECK(paragraph(r.doc, 6).text == "3");
}

TEST_CASE("table: widths, border, padding, spacing and style cascade") {
  auto r = run(R"(<table widths="10mm 2cm 30" border="1" padding="3" line-height="1.4" font="hei" size="小四" space-before="4" space-after="1em" align="left">
  <tr header="true" min-height="8mm"><td>甲</td><td font="kai" size="9" bold="true" align="left" valign="top">乙</td><td align="right" valign="bottom">丙</td></tr>
</table>
<table widths="20 20" padding="2 2.5"><tr><td align="justify">x</td><td>y</td></tr></table>)",
               kEmpty, R"(font="song" size="10")");
  CHECK_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  REQUIRE(t.column_widths.size() == 3);
  CHECK(t.column_widths[0] == Approx(10 * kMm));
  CHECK(t.column_widths[1] == Approx(20 * kMm));
  CHECK(t.column_widths[2] == 30);
  CHECK(t.border_width == 1);
  CHECK(t.padding_x == 3);
  CHECK(t.padding_y == 3);
  CHECK(t.line_height == 1.4);
  CHECK(t.space_before == 4);
  CHECK(t.space_after == 12);  // 1em of 小四
  CHECK(t.align == doc::Align::Left);
  CHECK(t.origin.place == "1:46");
  REQUIRE(t.rows.size() == 1);
  const auto& row = t.rows[0];
  CHECK(row.header);
  CHECK(row.min_height == Approx(8 * kMm));
  REQUIRE(row.cells.size() == 3);
  CHECK(row.cells[0].text == "甲");
  CHECK(row.cells[0].style.family == "hei");
  CHECK(row.cells[0].style.size == 12);
  CHECK(row.cells[0].align == doc::Align::Center);
  CHECK(row.cells[0].valign == doc::VAlign::Middle);
  CHECK(row.cells[0].colspan == 1);
  CHECK(row.cells[0].rowspan == 1);
  CHECK(row.cells[0].origin.place == "2:38");
  CHECK(row.cells[1].style.family == "kai");
  CHECK(row.cells[1].style.size == 9);
  CHECK(row.cells[1].style.bold);
  CHECK(row.cells[1].align == doc::Align::Left);
  CHECK(row.cells[1].valign == doc::VAlign::Top);
  CHECK(row.cells[2].align == doc::Align::Right);
  CHECK(row.cells[2].valign == doc::VAlign::Bottom);

  const auto& t2 = table(r.doc, 1);
  CHECK(t2.padding_y == 2);  // like CSS: vertical, then horizontal
  CHECK(t2.padding_x == 2.5);
  CHECK(t2.border_width == 0.5);
  CHECK(t2.line_height == 1.25);
  CHECK(t2.align == doc::Align::Center);
  CHECK(t2.rows[0].cells[0].align == doc::Align::Justify);
  CHECK(t2.rows[0].cells[0].style.family == "song");
  CHECK(t2.rows[0].cells[0].style.size == 10);
  CHECK_FALSE(t2.rows[0].header);
}

TEST_CASE("table: rows and cells from for and if, spans from expressions") {
  json view = {{"xs", {{{"a", "1"}, {"b", "2"}}, {{"a", "3"}, {"b", "4"}}}}, {"cols", {"c", "d"}},
               {"wide", true}};
  auto r = run(R"(<table widths="10 10 10">
  <tr><td rowspan="{count(xs) + 1}">标签</td><for each="cols" as="c"><td>{c}</td></for></tr>
  <for each="xs" as="x">
    <tr><td>{x.a}</td><if test="x_index == 0"><td>{x.b}</td></if><else><td>-</td></else></tr>
  </for>
  <if test="wide"><tr><td colspan="{1 + 2}">合计</td></tr></if>
  <tr><td colspan=" 2 ">左</td><td>右</td></tr>
</table>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(row_texts(t) == std::vector<std::string>{"标签|c|d", "1|2", "3|-", "合计", "左|右"});
  CHECK(t.rows[0].cells[0].rowspan == 3);
  CHECK(t.rows[3].cells[0].colspan == 3);
  CHECK(t.rows[4].cells[0].colspan == 2);
}

TEST_CASE("an empty td is an empty cell") {
  auto r = run(R"(<table widths="10 10"><tr><td/><td>
  </td></tr></table>)",
               kEmpty);
  CHECK(row_texts(table(r.doc, 0)) == std::vector<std::string>{"|"});
}

TEST_CASE("a byte-order mark does not shift columns") {
  auto l = load_text("\xEF\xBB\xBF<form id=\"f\" rules=\"r\"><p>{x.}</p></form>");
  CHECK_FALSE(l.tmpl);
  CHECK(only_place(l.sink) == "1:30");
}

TEST_CASE("instantiating twice gives the same document") {
  auto l = load_text(form_text(R"(<for each="ps" as="p"><p>{p}</p></for>)"));
  REQUIRE(l.tmpl);
  DiagnosticSink sink;
  json view = {{"ps", {"a", "b"}}};
  auto d1 = l.tmpl->instantiate(view, sink);
  auto d2 = l.tmpl->instantiate(view, sink);
  CHECK(d1.blocks.size() == 2);
  CHECK(d2.blocks.size() == 2);
  CHECK(paragraph(d2, 1).text == "b");
}
