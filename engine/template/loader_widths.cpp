// <table widths> and <table width>: fixed columns, and automatic ones (auto, MIN..MAX) that
// layout sizes from their text within what the fixed ones leave of the table's width.
#include <cmath>
#include <numeric>

#include "template/loader.h"
#include "template/units.h"

namespace jixiao::tmpl {

namespace {

// What an entry may be. Every length is at most the text width: a wider column would make
// layout page for ever.
std::string entry_help(double text_width) {
  return "one entry per column: a length more than 0 (14mm), auto, or MIN..MAX with either side "
         "left out (18mm..30mm, 18mm.., ..30mm); each length at most " +
         mm_text(text_width) + " (the text width of the page)";
}

// What is wrong with one entry of widths, or "" when nothing is.
std::string entry_problem(const std::optional<ColumnWidthEntry>& e, double text_width) {
  const bool lengths_fit = e && (e->automatic ? (!e->min || length_within(*e->min, text_width)) &&
                                                    (!e->max || length_within(*e->max, text_width))
                                              : e->fixed > 0 && length_within(e->fixed, text_width));
  if (!lengths_fit) return entry_help(text_width);
  if (e->max && *e->max <= 0) return "a MAX more than 0 (..30mm)";
  if (e->min && e->max && *e->min > *e->max) return "MIN..MAX with MIN at most MAX (18mm..30mm)";
  return "";
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// What keeps the columns from filling the table's width exactly, or "": the fixed ones and
// the automatic ones' MINs wider than it, or (every automatic column bounded) with their
// MAXes narrower.
std::string fill_problem(double fixed, double mins, std::optional<double> maxes, double total) {
  if (!length_within(fixed + mins, total))
    return "at least " + mm_text(fixed + mins) +
           " of table width for the fixed columns and the automatic columns' MIN; the table is " +
           mm_text(total) + " wide";
  if (maxes && length_short_of(fixed + *maxes, total))
    return "columns that can fill the table's " + mm_text(total) +
           ": the fixed columns and the automatic columns' MAX give " + mm_text(fixed + *maxes) +
           "; leave one MAX out (18mm..)";
  return "";
}

}  // namespace

void Loader::column_widths(Attributes& a, doc::Table& t, double em) {
  const auto* widths = a.require("widths", "14mm 16mm 18mm");
  const auto* width = a.find("width");
  double total = content_width_;
  if (width) {
    auto v = parse_length(width->value, em);
    if (v && *v > 0 && length_within(*v, content_width_)) total = *v;
    else a.bad_value(*width, "a length more than 0 and at most " + mm_text(content_width_) +
                                 " (the text width of the page)");
  }
  if (!widths) return;
  const auto entries = words(widths->value);
  if (entries.empty()) {
    a.bad_value(*widths, entry_help(content_width_));
    return;
  }
  std::vector<double> fixed, mins, maxes;
  std::vector<std::optional<doc::AutoWidth>> automatic;
  bool any_auto = false, all_bounded = true, ok = true;
  for (const Word& w : entries) {
    const auto e = parse_column_width(w.text, em);
    if (const std::string problem = entry_problem(e, content_width_); !problem.empty()) {
      a.bad_part(*widths, w.at, w.text, problem);
      ok = false;
      continue;
    }
    fixed.push_back(e->automatic ? 0 : e->fixed);
    automatic.emplace_back();
    if (!e->automatic) continue;
    any_auto = true;
    all_bounded = all_bounded && e->max;
    automatic.back() = doc::AutoWidth{e->min.value_or(0), e->max.value_or(total)};
    mins.push_back(automatic.back()->min);
    maxes.push_back(automatic.back()->max);
  }
  if (!ok) return;
  t.column_widths = fixed;
  if (!any_auto) {
    if (width && !length_within(std::abs(sum(fixed) - total), 0))
      a.bad_value(*width, "the sum of the widths, " + mm_text(sum(fixed)) +
                              " (width= is for a table with auto columns)");
    return;
  }
  t.auto_widths = std::move(automatic);
  t.width = total;
  const auto bounded = all_bounded ? std::optional<double>(sum(maxes)) : std::nullopt;
  if (const std::string problem = fill_problem(sum(fixed), sum(mins), bounded, total); !problem.empty())
    a.bad_value(width ? *width : *widths, problem);
}

}  // namespace jixiao::tmpl
