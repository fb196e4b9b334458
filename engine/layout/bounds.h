// What layout refuses before it starts, and how it stops: every length finite and within
// limits::kLengthPoints, font sizes readable, text within limits::kTextChars, one line of
// every block fitting on an empty page. Float arithmetic on bounded lengths stays exact
// enough that pagination always progresses. Internal to the layout stage.
#pragma once
#include "diag/diag.h"
#include "doc/document.h"

namespace jixiao::layout {

// Thrown after an error has gone to the sink: lay_out returns no pages.
struct LayoutStopped {};

// Reports every out-of-range value of the document as an error naming its origin; true
// when there was none.
bool check_bounds(const doc::Document& document, DiagnosticSink& sink);

// Reports a block that cannot be placed even on an empty page (code "layout.no-room") and
// throws LayoutStopped.
[[noreturn]] void no_room(const doc::Origin& origin, const std::string& what, DiagnosticSink& sink);

}  // namespace jixiao::layout
