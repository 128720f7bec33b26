#include "reconcile/figures.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sitrep::reconcile {
namespace {

TEST(CanonicalAbout, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"civilians killed", "civilian killed"},
      {"killed civilians", "civilian killed"},
      {"civilian deaths", "civilian killed"},
      {"Civilians Killed", "civilian killed"},
      {"people killed", "killed people"},
      {"people dead", "killed people"},
      {"persons died", "killed people"},
      {"people wounded", "people wounded"},
      {"people injured", "people wounded"},
      {"injuries", "wounded"},
      {"Russian soldiers", "russian soldier"},
      {"Russian troops", "russian soldier"},
      {"tanks", "tank"},
      {"children killed", "child killed"},
      {"of the civilians who were killed", "civilian killed"},
      {"casualties", "casualty"},
      {"people displaced", "displaced people"},
      {"refugees", "displaced"},
      {"Ukraine's soldiers", "soldier"},
      {"Ukrainian soldiers", "soldier ukrainian"},
      {"Islamic State fighters", "militant"},
      {"militants", "militant"},
      {"young men", "man"},
      {"armoured vehicles", "vehicle"},
      {"residents killed", "civilian killed"},
      {"", ""},
      {"123", ""},
      {"the", ""},
  };
  for (const auto& [in, want] : cases) {
    SCOPED_TRACE(in);
    EXPECT_EQ(CanonicalAbout(in), want);
  }
}

TEST(CanonicalAbout, CapitalsFromTheSurface) {
  EXPECT_EQ(CanonicalAbout("russian soldiers", "200 Russian soldiers"), "russian soldier");
  EXPECT_EQ(CanonicalAbout("russian soldiers", "200 russian soldiers"), "soldier");
  EXPECT_EQ(CanonicalAbout("islamic state fighters", "5,000 Islamic State fighters"), "militant");
}

TEST(Singular, Table) {
  const std::pair<const char*, const char*> cases[] = {{"civilians", "civilian"},
                                                       {"casualties", "casualty"},
                                                       {"children", "child"},
                                                       {"women", "woman"},
                                                       {"bodies", "body"},
                                                       {"missiles", "missile"},
                                                       {"churches", "church"},
                                                       {"boxes", "box"},
                                                       {"bus", "bus"},
                                                       {"press", "press"},
                                                       {"crisis", "crisis"},
                                                       {"gas", "gas"},
                                                       {"people", "people"},
                                                       {"tank", "tank"}};
  for (const auto& [in, want] : cases) EXPECT_EQ(Singular(in), want) << in;
}

// A figure as the quantity extractor gives it: value, qualifier ("" = none), range.
struct Fig {
  double value;
  const char* qualifier = "";
  double low = -1, high = -1;  // -1: no range
  const char* written = "";    // qualifier_text ("" = none)
};

Quantity Q(const Fig& f) {
  Quantity q;
  q.value = f.value;
  if (*f.qualifier) q.qualifier = std::string(f.qualifier);
  if (f.low >= 0) q.low = f.low;
  if (f.high >= 0) q.high = f.high;
  if (*f.written) q.qualifier_text = std::string(f.written);
  return q;
}

TEST(FigureRange, Qualifiers) {
  EXPECT_DOUBLE_EQ(FigureRange(Q({10}), 0.1).lo, 10);
  EXPECT_DOUBLE_EQ(FigureRange(Q({10}), 0.1).hi, 10);
  EXPECT_DOUBLE_EQ(FigureRange(Q({100, "about"}), 0.1).lo, 90);
  EXPECT_DOUBLE_EQ(FigureRange(Q({100, "about"}), 0.1).hi, 110);
  EXPECT_DOUBLE_EQ(FigureRange(Q({100, "nearly"}), 0.1).hi, 100);
  EXPECT_TRUE(std::isinf(FigureRange(Q({3, "at least"}), 0.1).hi));
  EXPECT_DOUBLE_EQ(FigureRange(Q({50, "up to"}), 0.1).lo, 45);
  EXPECT_DOUBLE_EQ(FigureRange(Q({50, "up to", -1, -1, "less than"}), 0.1).lo, 0);
  EXPECT_DOUBLE_EQ(FigureRange(Q({35, "", 30, 40}), 0.1).lo, 30);
  EXPECT_DOUBLE_EQ(FigureRange(Q({35, "", 30, 40}), 0.1).hi, 40);
}

struct ConflictCase {
  Fig a, b;
  bool conflict;
  const char* why;
};

TEST(FiguresConflict, Table) {
  const ConflictCase cases[] = {
      {{9000, "about"}, {1260}, true, "about 9,000 vs 1,260"},
      {{12}, {15}, true, "12 vs 15"},
      {{12}, {12}, false, "same"},
      {{1000}, {1040}, false, "within 5% tolerance"},
      {{1000}, {1100}, true, "10% apart"},
      {{3, "at least"}, {5}, false, "at least 3 allows 5"},
      {{5, "at least"}, {3}, true, "at least 5 excludes 3"},
      {{3, "more than"}, {40}, false, "more than 3 allows 40"},
      {{50, "up to"}, {30}, true, "up to 50 is an estimate of about 50, not 30"},
      {{50, "up to", -1, -1, "less than"}, {30}, false, "less than 50 allows 30"},
      {{3000, "", 3000, 5000}, {6000, "up to"}, true, "3,000-5,000 vs up to 6,000"},
      {{50, "up to"}, {80}, true, "up to 50 excludes 80"},
      {{9000, "about"}, {9500}, false, "about 9,000 allows 9,500"},
      {{9000, "about"}, {12000}, true, "about 9,000 excludes 12,000"},
      {{35, "", 30, 40}, {38}, false, "30-40 allows 38"},
      {{35, "", 30, 40}, {60}, true, "30-40 excludes 60"},
      {{100, "nearly"}, {120}, true, "nearly 100 excludes 120"},
      {{0}, {0}, false, "zero"},
      {{100, "up to", -1, -1, "nearly"}, {120}, true, "nearly 100 (filed as up to) vs 120"},
      {{100, "up to", -1, -1, "nearly"}, {50}, true, "nearly 100 is not 50"},
      {{100, "up to", -1, -1, "as many as"}, {95}, false, "as many as 100 allows 95"},
      {{24, "at least", -1, -1, "dozens"}, {60}, false, "dozens allows 60"},
      {{24, "at least", -1, -1, "dozens"}, {12}, true, "dozens is more than 12"},
  };
  for (const ConflictCase& c : cases) {
    EXPECT_EQ(FiguresConflict(Q(c.a), Q(c.b), 0.05, 0.1), c.conflict) << c.why;
    EXPECT_EQ(FiguresConflict(Q(c.b), Q(c.a), 0.05, 0.1), c.conflict) << c.why << " (swapped)";
  }
}

}  // namespace
}  // namespace sitrep::reconcile
