// Paragraph markup exported by budget systems ("<p>…</p>", "<br>") in data text: it becomes
// paragraphs in every form, and text that only looks like markup stays text.
#include <catch2/catch.hpp>

#include "template/markup.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using jixiao::tmpl::paragraphs_from_markup;
using nlohmann::json;

TEST_CASE("markup: <p> paragraphs become lines") {
  CHECK(paragraphs_from_markup("<p>甲</p><p>乙</p>") == "甲\n乙");
  CHECK(paragraphs_from_markup("<p>甲</p>\n  <p>乙</p>\n") == "甲\n乙");
  CHECK(paragraphs_from_markup("<P style=\"text-indent:2em\">甲</P>") == "甲");
  CHECK(paragraphs_from_markup("<div>甲</div><div>乙</div>") == "甲\n乙");
  // The seed's 评分标准: items separated by '\n' inside one <p>, kept.
  CHECK(paragraphs_from_markup("<p>1. 部门预算公开（1.5分）：\n（1）按规定公开的，得1.5分。</p>") ==
        "1. 部门预算公开（1.5分）：\n（1）按规定公开的，得1.5分。");
  // Text outside any <p> is a paragraph of its own.
  CHECK(paragraphs_from_markup("前言<p>甲</p>后记") == "前言\n甲\n后记");
}

TEST_CASE("markup: <br> is a line break, blank lines and empty paragraphs go") {
  CHECK(paragraphs_from_markup("甲<br>乙<br/>丙<BR />丁") == "甲\n乙\n丙\n丁");
  CHECK(paragraphs_from_markup("甲<br><br>乙") == "甲\n乙");
  CHECK(paragraphs_from_markup("<p></p><p> </p><p>&nbsp;</p><p>甲</p><p><br></p>") == "甲");
  CHECK(paragraphs_from_markup("<p>甲<br></p><p>乙</p>") == "甲\n乙");
}

TEST_CASE("markup: inline tags go, their text stays") {
  CHECK(paragraphs_from_markup("<p><span style=\"color:red\">甲</span><b>乙</b><strong>丙</strong></p>") ==
        "甲乙丙");
}

TEST_CASE("markup: entities are decoded only in marked-up text") {
  CHECK(paragraphs_from_markup("<p>&lt;90%&nbsp;得3分 &amp; &#8220;好&#x201D;</p>") ==
        "<90% 得3分 & “好”");
  CHECK(paragraphs_from_markup("A &amp; B") == "A &amp; B");  // no tag: the user's own text
  CHECK(paragraphs_from_markup("<p>&#0;&#xD800;&bogus;&#</p>") == "&#0;&#xD800;&bogus;&#");
}

TEST_CASE("markup: what only looks like markup is text") {
  for (const char* s : {"得分<90%", "<=3分", "a<b", "<a href=x>", "<i>", "<p", "</p",
                        "x < p > y", "<p\n>甲", "<pre>甲</pre>", "<>"}) {
    INFO(s);
    CHECK(paragraphs_from_markup(s) == s);
  }
}

TEST_CASE("markup: a bound data string is turned into paragraphs, template text is not") {
  json view = {{"d", "<p>第一段。</p><p>第二段。</p>"}, {"n", 3}};
  auto r = run(R"(<p>{d}</p><p>&lt;p&gt;{n}</p>)", view);
  CHECK_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 0).text == "第一段。\n第二段。");
  CHECK(paragraph(r.doc, 0).origin.data == "/d");
  CHECK(paragraph(r.doc, 1).text == "<p>3");
}

TEST_CASE("markup: a megabyte of near-markup is handled in linear time") {
  std::string amp = "<p>" + std::string(1 << 20, '&');
  CHECK(paragraphs_from_markup(amp).size() == (1u << 20));
  std::string open;
  for (int i = 0; i < 100000; ++i) open += "<p a";
  CHECK(paragraphs_from_markup(open) == open);
}
