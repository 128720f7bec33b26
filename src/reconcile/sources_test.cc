#include "reconcile/sources.h"

#include <gtest/gtest.h>

namespace sitrep::reconcile {
namespace {

Report Docs(std::initializer_list<const char*> ids) {
  Report r;
  for (const char* id : ids) {
    Document d;
    d.id = id;
    r.documents.push_back(d);
  }
  return r;
}

TEST(SourceClusters, EachDocumentAloneByDefault) {
  Report r = Docs({"a", "b", "c"});
  SourceClusters s(r);
  const std::vector<size_t> all = {0, 1, 2};
  EXPECT_EQ(s.CountIndependent(all), 3);
  EXPECT_EQ(s.DocIndex("b"), 1);
  EXPECT_EQ(s.DocIndex("zz"), -1);
}

TEST(SourceClusters, ClustersAndReusePairsJoin) {
  struct Case {
    std::vector<std::vector<std::string>> clusters;
    std::vector<std::pair<std::string, std::string>> pairs;
    int independent;  // among a, b, c, d, e
  };
  const Case cases[] = {
      {{}, {}, 5},
      {{{"a", "b"}}, {}, 4},
      {{}, {{"a", "b"}}, 4},
      {{{"a", "b"}}, {{"b", "c"}}, 3},
      {{{"a", "b", "c"}, {"d", "e"}}, {}, 2},
      {{}, {{"a", "b"}, {"c", "d"}, {"d", "e"}}, 2},
      {{{"a", "zz"}}, {{"yy", "c"}}, 5},  // unknown ids are ignored
      {{{"a", "a"}}, {{"e", "e"}}, 5},
  };
  for (const Case& c : cases) {
    Report r = Docs({"a", "b", "c", "d", "e"});
    for (size_t i = 0; i < c.clusters.size(); ++i) {
      r.clusters.push_back({"k" + std::to_string(i), c.clusters[i]});
    }
    for (const auto& [src, copy] : c.pairs) {
      Reuse u;
      u.source = src;
      u.copy = copy;
      r.reuse.push_back(u);
    }
    SourceClusters s(r);
    const std::vector<size_t> all = {0, 1, 2, 3, 4, 0, 1};
    EXPECT_EQ(s.CountIndependent(all), c.independent);
  }
}

}  // namespace
}  // namespace sitrep::reconcile
