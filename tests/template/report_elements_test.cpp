// The elements and attributes of prose reports: <h>, paragraph breaking hints, stacked cells,
// running headers and footers, <for> over an object, the form's schema, and Origin::data.
#include <catch2/catch.hpp>

#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

const json kEmpty = json::object();

// The only load error of form_text(body, attrs), path replaced by "T".
std::string load_error(const std::string& body, const std::string& attrs = "") {
  auto l = load_text(form_text(body, attrs));
  CHECK_FALSE(l.tmpl);
  std::string e = only_error(l.sink);
  REQUIRE(e.compare(0, l.path.size(), l.path) == 0);
  return "T" + e.substr(l.path.size());
}

}  // namespace

TEST_CASE("h: heading levels in the styles of GB/T 9704, keeping with the next block") {
  auto r = run(R"(<h level="1">一、概况</h><h level="2">（一）职能</h><h level="3">1. 任务</h><h level="4">(1) 细目</h><p>正文</p>)",
               kEmpty, R"(font="fangsong" size="16")");
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 5);
  const auto& h1 = paragraph(r.doc, 0);
  CHECK(h1.text == "一、概况");
  CHECK(h1.heading_level == 1);
  CHECK(h1.keep_with_next);
  CHECK(h1.style.family == "hei");
  CHECK(h1.style.size == 16);  // the body's size, as in 公文
  CHECK_FALSE(h1.style.bold);
  const auto& h2 = paragraph(r.doc, 1);
  CHECK(h2.heading_level == 2);
  CHECK(h2.style.family == "kai");
  const auto& h3 = paragraph(r.doc, 2);
  CHECK(h3.heading_level == 3);
  CHECK(h3.style.family == "fangsong");
  CHECK(h3.style.bold);
  const auto& h4 = paragraph(r.doc, 3);
  CHECK(h4.style.family == "fangsong");
  CHECK_FALSE(h4.style.bold);
  const auto& body = paragraph(r.doc, 4);
  CHECK(body.heading_level == 0);
  CHECK_FALSE(body.keep_with_next);
  CHECK(body.origin.place == "1:138");  // columns count characters
}

TEST_CASE("h takes every attribute of p") {
  auto r = run(R"(<h level="1" font="kai" size="12pt" bold="true" align="center" indent="2em" space-before="6pt" space-after="3pt" line-height="1.5" keep-with-next="false" orphans="3" widows="1">{t}</h>)",
               {{"t", "标题"}});
  CHECK_FALSE(r.sink.has_errors());
  const auto& h = paragraph(r.doc, 0);
  CHECK(h.text == "标题");
  CHECK(h.style.family == "kai");
  CHECK(h.style.size == 12);
  CHECK(h.style.bold);
  CHECK(h.align == doc::Align::Center);
  CHECK(h.first_line_indent == 24);
  CHECK(h.space_before == 6);
  CHECK(h.space_after == 3);
  CHECK(h.line_height == 1.5);
  CHECK_FALSE(h.keep_with_next);
  CHECK(h.orphans == 3);
  CHECK(h.widows == 1);
  CHECK(h.origin.data == "/t");
}

TEST_CASE("h: errors") {
  CHECK(load_error(R"(<h>x</h>)") ==
        "T:1:24: error: <h> needs the attribute 'level'; expected level=\"1\", got no level");
  CHECK(load_error(R"(<h level="5">x</h>)") ==
        "T:1:34: error: bad value for 'level' on <h>; expected a whole number from 1 to 4, got '5'");
  CHECK(load_error(R"(<h level="1" merge="down">x</h>)").find("unknown attribute 'merge' on <h>") !=
        std::string::npos);
}

TEST_CASE("p: keep-with-next, orphans and widows") {
  auto r = run(R"(<p>a</p><p keep-with-next="true" orphans="3" widows="4">b</p>)", kEmpty);
  CHECK_FALSE(r.sink.has_errors());
  const auto& a = paragraph(r.doc, 0);
  CHECK_FALSE(a.keep_with_next);
  CHECK(a.orphans == 2);
  CHECK(a.widows == 2);
  CHECK(a.heading_level == 0);
  const auto& b = paragraph(r.doc, 1);
  CHECK(b.keep_with_next);
  CHECK(b.orphans == 3);
  CHECK(b.widows == 4);
  CHECK(load_error(R"(<p orphans="0">x</p>)") ==
        "T:1:36: error: bad value for 'orphans' on <p>; expected a whole number from 1 to 20, "
        "got '0'");
  CHECK(load_error(R"(<p widows="2.5">x</p>)").find("bad value for 'widows'") != std::string::npos);
  CHECK(load_error(R"(<p keep-with-next="yes">x</p>)") ==
        "T:1:43: error: bad value for 'keep-with-next' on <p>; expected one of: false, true, got "
        "'yes'");
}

TEST_CASE("td stacked") {
  auto r = run(R"(<table widths="10mm 20mm"><tr><td stacked="true">年度主要任务</td><td>x</td></tr></table>)",
               kEmpty);
  CHECK_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(t.rows[0].cells[0].stacked);
  CHECK_FALSE(t.rows[0].cells[1].stacked);
}

TEST_CASE("header and footer: page number placeholders stay, other bindings are filled in") {
  auto r = run(R"(<header align="right" font="hei" size="9" first-page="2">{title} 第 {page} 页 共 {pages} 页</header>
                  <footer>- {page} -</footer><footer align="left" bold="true">{{page}} {org.name}</footer><p>x</p>)",
               {{"title", "自评报告"}, {"org", {{"name", "中心"}}}},
               R"(font="kai" size="12" header-offset="12mm" footer-offset="1.5cm")");
  CHECK_FALSE(r.sink.has_errors());
  const auto& page = r.doc.page;
  REQUIRE(page.headers.size() == 1);
  CHECK(page.headers[0].text == "自评报告 第 {page} 页 共 {pages} 页");
  CHECK(page.headers[0].align == doc::Align::Right);
  CHECK(page.headers[0].style.family == "hei");
  CHECK(page.headers[0].style.size == 9);
  CHECK(page.headers[0].first_page == 2);
  REQUIRE(page.footers.size() == 2);
  CHECK(page.footers[0].text == "- {page} -");
  CHECK(page.footers[0].align == doc::Align::Center);
  CHECK(page.footers[0].style.family == "kai");
  CHECK(page.footers[0].style.size == 12);
  CHECK(page.footers[0].first_page == 1);
  CHECK(page.footers[1].text == "{page} 中心");  // {{page}} is a literal "{page}" too
  CHECK(page.footers[1].style.bold);
  CHECK(page.header_offset == Approx(12 * kMm));
  CHECK(page.footer_offset == Approx(15 * kMm));
  CHECK(r.doc.blocks.size() == 1);

  auto plain = run("<p>x</p>", kEmpty).doc.page;
  CHECK(plain.headers.empty());
  CHECK(plain.footers.empty());
  CHECK(plain.footer_offset == Approx(28.35));  // doc::PageSetup's 10 mm
}

TEST_CASE("header and footer: errors") {
  CHECK(load_error(R"(<for each="ps" as="p"><footer>{page}</footer></for>)") ==
        "T:1:46: error: <footer> must be directly in <form>; expected <footer> in <form>, outside "
        "<for> and <if>, got <footer> in <for>");
  CHECK(load_error(R"(<header>{page | fixed:0}</header>)") ==
        "T:1:32: error: {page} is the page number placeholder and takes no filter; expected "
        "{page}, got a filter");
  CHECK(load_error(R"(<footer>a<br/>b</footer>)") ==
        "T:1:33: error: unknown element <br> in <footer>; expected one line of text and {…} "
        "bindings, got <br>");
  CHECK(load_error(R"(<footer first-page="0">x</footer>)").find("bad value for 'first-page'") !=
        std::string::npos);
  CHECK(load_error(R"(<footer align="justify">x</footer>)").find("bad value for 'align'") !=
        std::string::npos);
  // Bindings in a header see the view's top level only.
  auto r = run(R"(<header>{p.name}</header><for each="ps" as="p"><p>{p.name}</p></for>)",
               {{"ps", {{{"name", "甲"}}}}});
  CHECK(only_error(r.sink).find("no field or loop variable 'p'") != std::string::npos);
}

TEST_CASE("form schema") {
  auto l = load_text(form_text("", R"(schema="shenzhen-department-selfeval")"));
  REQUIRE(l.tmpl);
  CHECK(l.tmpl->schema() == "shenzhen-department-selfeval");
  auto plain = load_text(form_text(""));
  REQUIRE(plain.tmpl);
  CHECK(plain.tmpl->schema().empty());
  CHECK(load_error("", R"(schema="")") ==
        "T:1:32: error: bad value for 'schema' on <form>; expected a schema name "
        "(shenzhen-project-selfeval), got ''");
}

TEST_CASE("for over an object: the value, its key and its position") {
  json view = {{"cats", {{"部门管理", {{"points", 20}}}, {"部门决策", {{"points", 20}}}}}};
  auto r = run(R"(<for each="cats" as="c"><p>{c_index} {c_key} {c.points}</p></for>)", view);
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 2);
  // In the order of the keys (nlohmann::json keeps objects sorted), not as written.
  CHECK(paragraph(r.doc, 0).text == "0 部门决策 20");
  CHECK(paragraph(r.doc, 1).text == "1 部门管理 20");
  auto e = run(R"(<for each="cats" as="c"><p>{c_key}</p></for><for each="list" as="c"><p>{c_key}</p></for>)",
               {{"cats", json::object()}, {"list", {1}}});
  CHECK(only_error(e.sink).find("no field or loop variable 'c_key'") != std::string::npos);
}

TEST_CASE("Origin::data: the JSON pointer of the value a text shows, else its <for> element") {
  json view = {{"title", "报告"},
               {"ds", {{{"name", "中心"},
                        {"rows", {{{"level1", "部门决策"}, {"n", 1}}, {{"level1", "部门管理"}, {"n", 2}}}},
                        {"ev", {{"cats", {{"部门决策", {{"points", 20}}}, {"部门管理", {{"points", 20}}}}},
                                {"scores", {5, 3}}}},
                        {"odd/key", "x"}}}}};
  auto r = run(R"(<p>{title}</p>
    <for each="ds" as="d">
      <p> {d.name} </p>
      <p>名称：{d.name}</p>
      <p>{d['odd/key']}</p>
      <table widths="10mm 10mm 10mm 10mm">
        <for each="d.rows" as="row">
          <tr><td>{row.level1}</td><td>{d.ev.cats[row.level1].points | trim:2}</td>
              <td>{d.ev.scores[row_index]}</td><td>{row_index}</td></tr>
        </for>
      </table>
      <for each="d.ev.cats" as="c"><p>{c.points}</p><p>{c_key}</p></for>
      <p>{count(d.rows)}</p>
    </for>)",
               view);
  CHECK_FALSE(r.sink.has_errors());
  REQUIRE(r.doc.blocks.size() == 10);
  CHECK(paragraph(r.doc, 0).origin.data == "/title");
  CHECK(paragraph(r.doc, 1).origin.data == "/ds/0/name");
  CHECK(paragraph(r.doc, 2).origin.data == "/ds/0/name");  // text around the binding
  CHECK(paragraph(r.doc, 3).origin.data == "/ds/0/odd~1key");
  const auto& t = table(r.doc, 4);
  CHECK(t.rows[0].cells[0].origin.data == "/ds/0/rows/0/level1");
  CHECK(t.rows[1].cells[1].origin.data == "/ds/0/ev/cats/部门管理/points");
  CHECK(t.rows[1].cells[2].origin.data == "/ds/0/ev/scores/1");
  CHECK(t.rows[1].cells[3].origin.data == "/ds/0/rows/1");  // an index is no data: the row's element
  CHECK(paragraph(r.doc, 5).origin.data == "/ds/0/ev/cats/部门决策/points");
  CHECK(paragraph(r.doc, 6).origin.data == "/ds/0/ev/cats/部门决策");  // a key: its member
  CHECK(paragraph(r.doc, 9).origin.data == "/ds/0");  // computed: the <for>'s element
  CHECK(paragraph(r.doc, 9).text == "2");
}

TEST_CASE("functions in bindings and tests") {
  json view = {{"tasks", {{{"b", 1.5}}, {{"b", 2.25}}}}, {"x", -3}, {"opt", {{"a", 1}}}};
  auto r = run(R"X(<p>{sum(tasks, 'b') | fixed:2}</p><p>{max(abs(x), 2)}</p><p>{if(x > 0, '正', '负')}</p>
                  <if test="has(opt.b)"><p>b</p></if><else><p>no b</p></else><p>{round(2.675, 2)}</p>)X",
               view);
  CHECK_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 0).text == "3.75");
  CHECK(paragraph(r.doc, 1).text == "3");
  CHECK(paragraph(r.doc, 2).text == "负");
  CHECK(paragraph(r.doc, 3).text == "no b");
  CHECK(paragraph(r.doc, 4).text == "2.68");
  CHECK(load_error(R"(<p>{total(x)}</p>)") ==
        "T:1:28: error: expression syntax: unknown function 'total'; expected one of: abs, count, "
        "has, if, join, max, min, round, sum, got 'total'");
}
