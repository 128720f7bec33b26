// Figures: when two quantities count the same thing, and when they disagree.
//
// "The same thing" is keyed by the canonical form of what is counted (Quantity::about):
// its head noun (singular, synonyms folded: fighters/militants/insurgents -> "militant",
// troops -> "soldier", residents -> "civilian"), what happened to them (words for the dead
// folded to "killed", for the hurt to "wounded"; displaced, evacuated, missing...), and
// demonyms written capitalized ("Russian"), words sorted. Other modifiers are dropped. So
// "civilians killed", "killed civilians" and "civilian deaths" share "civilian killed";
// "Islamic State fighters" and "militants" share "militant"; "Russian soldiers" and
// "Ukrainian soldiers" stay apart. The caller adds place, unit, rate and time.
//
// A figure stands for an interval of values by its qualifier:
//   exact 1,260 -> [1260, 1260]       a range 30-40 -> [30, 40]
//   about / around / some / roughly / approximately 9,000 -> [9000(1-m), 9000(1+m)]
//   nearly / almost / just under N -> [N(1-m), N]
//   at least / more than / over / over N -> [N, inf)
//   up to / as many as N (an upper estimate)    -> [N(1-m), N]
//   fewer than / less than / at most / under N  -> [0, N]
// (m = about_margin). Two figures disagree when the gap between their intervals is more
// than `tolerance` times the larger value at the gap: "at least 3" and "5" agree, 1,000
// and 1,040 agree (4 % < 5 %), "about 9,000" and "1,260" disagree.
//
// Thread-safety: pure functions.
#ifndef SITREP_RECONCILE_FIGURES_H_
#define SITREP_RECONCILE_FIGURES_H_

#include <string>
#include <string_view>

#include "sitrep/report.h"

namespace sitrep::reconcile {

// Canonical key of what a figure counts ("" when nothing countable is left). `surface` is
// the quantity's text as written, used to see which words are capitalized.
std::string CanonicalAbout(std::string_view about, std::string_view surface = {});

// Singular of a lower-case English noun ("casualties" -> "casualty", "children" -> "child").
std::string Singular(std::string_view word);

struct ValueRange {
  double lo = 0;
  double hi = 0;
};

// The values a figure allows (see the file comment).
ValueRange FigureRange(const Quantity& q, double about_margin);

// True when the two figures cannot both be right.
bool FiguresConflict(const Quantity& a, const Quantity& b, double tolerance, double about_margin);

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_FIGURES_H_
