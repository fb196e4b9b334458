// Paragraph markup in data text. Budget systems export narrative fields as HTML fragments
// ("<p>…</p><p>…</p>", "<br>"); printed as they are, the tags show on the page. Every string
// a binding prints goes through here, so all forms treat the markup alike.
#pragma once
#include <string>
#include <string_view>

namespace jixiao::tmpl {

// Turns paragraph markup into the document model's paragraphs: each <p>…</p> or <div>…</div>
// becomes one paragraph, paragraphs joined by '\n' (a hard break; a cell's indent applies
// to each); <br> is '\n'; inline formatting tags (<span>, <b>, <strong>, <font> …) are
// dropped with their text kept; empty paragraphs and the white space between and around
// paragraphs are dropped. Only when a tag was found are the entities &nbsp; &amp; &lt;
// &gt; &quot; &#39; and &#N;/&#xN; decoded (a plain text's "&amp;" is the user's own).
// Anything else that starts with '<' ("<90%", "<=3", "<a") is text and kept as it is.
// Returns text unchanged when it has no markup.
std::string paragraphs_from_markup(std::string_view text);

}  // namespace jixiao::tmpl
