#include "report/html.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "report/assets/assets.h"
#include "report/map.h"
#include "report/timex_days.h"

namespace sitrep::report {
namespace {

// ---------------------------------------------------------------------------------------
// Small text helpers.

void AppendEscaped(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += c;
        }
    }
  }
}

// At most max_bytes of text, cut at a character boundary, with "…" when cut.
std::string Clip(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  std::string out(text.substr(0, n));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

// Characters (code points) in UTF-8 text, for estimating label widths.
size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Number(double v) {
  if (std::abs(v) < 1e15 && v == std::floor(v)) {
    // Thousands separators for whole numbers.
    std::string digits = std::to_string(static_cast<long long>(std::abs(v)));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return v < 0 ? "-" + out : out;
  }
  return Fixed(v, 2);
}

std::string Percent(double share) { return std::to_string(std::lround(share * 100)) + "%"; }

std::string Px(double v) { return Fixed(v, 1); }

std::string RandomNonce() {
  std::random_device rd;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 22; ++i) out += kAlphabet[rd() % 62];
  return out;
}

bool IsJunk(BlockRole role) {
  return role == BlockRole::kBoilerplate || role == BlockRole::kCaption ||
         role == BlockRole::kRepeat;
}

// ---------------------------------------------------------------------------------------
// Indexes over the report that every section needs.

class Index {
 public:
  explicit Index(const Report& r) {
    for (size_t i = 0; i < r.documents.size(); ++i) doc_index_.emplace(r.documents[i].id, i);
    for (const Entity& e : r.entities) entities_.emplace(e.id, &e);
    // Copy families: the report's clusters, else connected components of reuse pairs.
    if (!r.clusters.empty()) {
      for (const CopyCluster& c : r.clusters) {
        for (const std::string& d : c.docs) cluster_of_[d] = c.id;
        families_.push_back(c.docs);
        family_ids_.push_back(c.id);
      }
    } else {
      std::unordered_map<std::string, std::string> parent;
      auto find = [&](std::string x) {
        while (parent.count(x) && parent[x] != x) x = parent[x];
        return x;
      };
      for (const Reuse& u : r.reuse) {
        if (!parent.count(u.source)) parent[u.source] = u.source;
        if (!parent.count(u.copy)) parent[u.copy] = u.copy;
        const std::string a = find(u.source), b = find(u.copy);
        if (a != b) parent[b] = a;
      }
      std::map<std::string, std::vector<std::string>> groups;
      for (const Document& d : r.documents) {
        if (parent.count(d.id)) groups[find(d.id)].push_back(d.id);
      }
      for (auto& [root, docs] : groups) {
        const std::string id = "k" + std::to_string(families_.size() + 1);
        for (const std::string& d : docs) cluster_of_[d] = id;
        families_.push_back(std::move(docs));
        family_ids_.push_back(id);
      }
    }
  }

  // Position of a document in report.documents, or -1.
  long Doc(std::string_view id) const {
    auto it = doc_index_.find(std::string(id));
    return it == doc_index_.end() ? -1 : static_cast<long>(it->second);
  }
  const sitrep::Entity* FindEntity(const std::optional<std::string>& id) const {
    if (!id) return nullptr;
    auto it = entities_.find(*id);
    return it == entities_.end() ? nullptr : it->second;
  }
  // The copy family a document belongs to ("" when it has none).
  std::string ClusterOf(const std::string& doc) const {
    auto it = cluster_of_.find(doc);
    return it == cluster_of_.end() ? std::string() : it->second;
  }
  // Distinct sources among documents: one per copy family, one per other document.
  size_t Independent(const std::vector<std::string>& docs) const {
    std::set<std::string> keys;
    for (const std::string& d : docs) {
      const std::string c = ClusterOf(d);
      keys.insert(c.empty() ? "doc:" + d : "cluster:" + c);
    }
    return keys.size();
  }
  const std::vector<std::vector<std::string>>& families() const { return families_; }
  const std::vector<std::string>& family_ids() const { return family_ids_; }

 private:
  std::unordered_map<std::string, size_t> doc_index_;
  std::unordered_map<std::string, const sitrep::Entity*> entities_;
  std::unordered_map<std::string, std::string> cluster_of_;
  std::vector<std::vector<std::string>> families_;
  std::vector<std::string> family_ids_;
};

// The page under construction, with the helpers every section uses.
class Page {
 public:
  Page(const Report& r, const HtmlOptions& o) : r(r), o(o), idx(r) {
    out.reserve(64 * 1024 + r.documents.size() * 512);
  }

  void Raw(std::string_view s) { out += s; }
  void Text(std::string_view s) { AppendEscaped(out, s); }
  // <tag class="cls">escaped text</tag>
  void El(std::string_view tag, std::string_view cls, std::string_view text) {
    out += '<';
    out += tag;
    if (!cls.empty()) {
      out += " class=\"";
      out += cls;
      out += '"';
    }
    out += '>';
    Text(text);
    out += "</";
    out += tag;
    out += '>';
  }
  // A link to a document's view (or its index row when it has no full view).
  void DocLink(const std::string& id) {
    const long i = idx.Doc(id);
    if (i < 0) {
      El("span", "doc missing", id);
      return;
    }
    out += "<a class=\"doc\" href=\"#";
    out += full_view.count(static_cast<size_t>(i)) ? "doc-" : "docrow-";
    out += std::to_string(i);
    out += "\">";
    Text(id);
    out += "</a>";
  }
  void DocLinks(const std::vector<std::string>& ids) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) out += ", ";
      DocLink(ids[i]);
    }
  }
  size_t Limit(size_t n) const { return o.max_items == 0 ? n : std::min(n, o.max_items); }
  void MoreNote(size_t shown, size_t total, std::string_view what) {
    if (shown >= total) return;
    out +=
        "<p class=\"note\">Showing " + std::to_string(shown) + " of " + std::to_string(total) + " ";
    Text(what);
    out += "; the JSON report (<code>--format json</code>) has them all.</p>\n";
  }
  std::string EntityName(const std::optional<std::string>& id) const {
    const sitrep::Entity* e = idx.FindEntity(id);
    return e ? e->name : id.value_or("");
  }

  const Report& r;
  const HtmlOptions& o;
  Index idx;
  std::set<size_t> full_view;  // documents with a per-document view
  std::string out;
};

// ---------------------------------------------------------------------------------------
// Summary.

void Summary(Page& p) {
  const Report& r = p.r;
  std::vector<std::string> all;
  all.reserve(r.documents.size());
  for (const Document& d : r.documents) all.push_back(d.id);
  size_t between = 0, drift_contradictions = 0, drift_facts = 0, junk = 0, families = 0;
  for (const Contradiction& c : r.contradictions) {
    (c.kind == "copy-drift" ? drift_contradictions : between)++;
  }
  for (const Reuse& u : r.reuse) drift_facts += u.drift.size();
  for (const Document& d : r.documents) {
    for (const Block& b : d.blocks) junk += IsJunk(b.role);
  }
  for (const auto& f : p.idx.families()) families += f.size() > 1;
  struct Card {
    std::string value, label, href;
  };
  const std::vector<Card> cards = {
      {Number(r.documents.size()), "documents", "#documents"},
      {Number(p.idx.Independent(all)), "independent sources", "#copies"},
      {Number(r.events.size()), "events", "#events"},
      {Number(between), "disagreements between sources", "#figures"},
      {Number(r.reuse.size()), "copies in " + Number(families) + " families", "#copies"},
      {Number(std::max(drift_facts, drift_contradictions)), "facts changed in copying", "#figures"},
      {Number(junk), "junk blocks struck out", "#documents"},
  };
  p.Raw("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
  for (const Card& c : cards) {
    p.Raw("<a class=\"card\" href=\"" + c.href + "\"><span class=\"value\">");
    p.Text(c.value);
    p.Raw("</span><span class=\"label\">");
    p.Text(c.label);
    p.Raw("</span></a>");
  }
  p.Raw("</div>\n");
  if (!r.timeline.empty()) {
    std::string lo = r.timeline.front().date, hi = lo;
    for (const TimelineEntry& t : r.timeline) {
      lo = std::min(lo, t.date);
      hi = std::max(hi, t.date);
    }
    p.Raw("<p class=\"span\">Dated events from <time>");
    p.Text(lo);
    p.Raw("</time> to <time>");
    p.Text(hi);
    p.Raw("</time>.</p>\n");
  }
  // Info diagnostics (what a WARC file held) are listed but are not problems.
  const auto problems =
      std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                    [](const auto& d) { return d.severity != Diagnostic::Severity::kInfo; });
  if (problems > 0) {
    p.Raw("<p class=\"warn\"><a href=\"#diagnostics\">" + Number(static_cast<size_t>(problems)) +
          " input problem(s)</a>: some inputs were skipped or repaired.</p>\n");
  }
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Timeline: an SVG chart (points for days, bars for weeks, months and years) and the
// ordered list it links to.

struct TimelineItem {
  size_t entry;  // index in report.timeline
  DayRange days;
};

void TimelineAxis(Page& p, int64_t lo, int64_t hi, double x0, double width, double y) {
  const double span = static_cast<double>(hi - lo);
  auto X = [&](int64_t d) { return x0 + (d - lo) / span * width; };
  p.Raw("<g class=\"axis\"><line x1=\"" + Px(x0) + "\" y1=\"" + Px(y) + "\" x2=\"" +
        Px(x0 + width) + "\" y2=\"" + Px(y) + "\"/>");
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  struct Tick {
    int64_t day;
    std::string label;
  };
  std::vector<Tick> ticks;
  const Civil first = CivilFromDays(lo), last = CivilFromDays(hi);
  if (span <= 62) {
    const int64_t step = span <= 16 ? 1 : span <= 31 ? 2 : 7;
    for (int64_t d = lo; d <= hi; d += step) {
      const Civil c = CivilFromDays(d);
      ticks.push_back({d, std::to_string(c.day) + " " + kMonths[c.month - 1]});
    }
  } else if (span <= 3 * 366) {
    const int step = span <= 200 ? 1 : span <= 400 ? 2 : span <= 800 ? 3 : 6;
    for (int y = first.year, m = first.month;
         y < last.year || (y == last.year && m <= last.month);) {
      if ((m - 1) % step == 0) {
        const int64_t d = DaysFromCivil(y, m, 1);
        if (d >= lo) {
          ticks.push_back({d, std::string(kMonths[m - 1]) +
                                  (m == 1 || ticks.empty() ? " " + std::to_string(y) : "")});
        }
      }
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  } else {
    const int years = last.year - first.year + 1;
    const int step = std::max(1, years / 10);
    for (int y = first.year; y <= last.year + 1; ++y) {
      if (y % step) continue;
      const int64_t d = DaysFromCivil(y, 1, 1);
      if (d >= lo && d <= hi) ticks.push_back({d, std::to_string(y)});
    }
  }
  for (const Tick& t : ticks) {
    const double x = X(t.day);
    p.Raw("<line class=\"tick\" x1=\"" + Px(x) + "\" y1=\"" + Px(y) + "\" x2=\"" + Px(x) +
          "\" y2=\"" + Px(y + 5) + "\"/><text x=\"" + Px(x) + "\" y=\"" + Px(y + 18) + "\">");
    p.Text(t.label);
    p.Raw("</text>");
  }
  p.Raw("</g>");
}

void Timeline(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"timeline\"><h2>Timeline</h2>\n");
  if (r.timeline.empty()) {
    p.Raw("<p class=\"empty\">No dated events were found.</p></section>\n");
    return;
  }
  // Entries in date order (the reconcile stage orders them already; this makes the page
  // right whatever it is given). Undatable values sort last, by their text.
  std::vector<TimelineItem> items;
  items.reserve(r.timeline.size());
  for (size_t i = 0; i < r.timeline.size(); ++i) {
    items.push_back({i, ParseTimexDays(r.timeline[i].date)});
  }
  std::stable_sort(items.begin(), items.end(), [&](const TimelineItem& a, const TimelineItem& b) {
    if (a.days.ok != b.days.ok) return a.days.ok;
    if (a.days.ok && a.days.start != b.days.start) return a.days.start < b.days.start;
    if (a.days.ok && a.days.end != b.days.end) return a.days.end < b.days.end;
    return r.timeline[a.entry].date < r.timeline[b.entry].date;
  });
  const size_t shown = p.Limit(items.size());

  // The chart.
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t k = 0; k < shown; ++k) {
    if (!items[k].days.ok) continue;
    lo = std::min(lo, items[k].days.start);
    hi = std::max(hi, items[k].days.end);
  }
  if (lo <= hi) {
    const int64_t pad = std::max<int64_t>(2, (hi - lo) / 30);
    lo -= pad;
    hi += pad;
    constexpr double kWidth = 960, kLeft = 12, kRight = 12, kRow = 22, kTop = 14;
    constexpr double kCharWidth = 6.4;
    constexpr size_t kLanes = 12;
    const double plot = kWidth - kLeft - kRight;
    auto X = [&](int64_t d) { return kLeft + static_cast<double>(d - lo) / (hi - lo) * plot; };
    std::vector<double> lane_end;
    enum class Label { kNone, kRight, kLeft };
    struct Placed {
      size_t k;
      size_t lane;
      Label label;
    };
    std::vector<Placed> placed;
    bool crowded = false;
    for (size_t k = 0; k < shown; ++k) {
      if (!items[k].days.ok) continue;
      const double x = X(items[k].days.start);
      const TimelineEntry& t = r.timeline[items[k].entry];
      const double label_width = CodePoints(Clip(t.summary, 60)) * kCharWidth + 14;
      // The label goes right of the marker, or left of it near the right edge; a lane
      // takes the entry when the label's start is past the lane's last use.
      const bool right = x + label_width <= kWidth;
      const bool left = !right && x - label_width >= 0;
      const double start = right ? x : left ? x - label_width : x;
      size_t lane = 0;
      while (lane < lane_end.size() && lane_end[lane] > start) ++lane;
      if (lane == lane_end.size() && lane_end.size() < kLanes) lane_end.push_back(0);
      if (lane < lane_end.size()) {
        lane_end[lane] = std::max(X(items[k].days.end), right ? x + label_width : x + 8);
        placed.push_back({k, lane, right ? Label::kRight : left ? Label::kLeft : Label::kNone});
      } else {
        placed.push_back({k, kLanes, Label::kNone});  // the crowded row: marker only
        crowded = true;
      }
    }
    const size_t rows = lane_end.size() + (crowded ? 1 : 0);
    const double axis_y = kTop + rows * kRow + 4;
    const double height = axis_y + 28;
    p.Raw("<figure class=\"chart\"><svg class=\"timeline-chart\" role=\"img\" viewBox=\"0 0 " +
          Px(kWidth) + " " + Px(height) + "\" width=\"" + Px(kWidth) + "\" height=\"" + Px(height) +
          "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Timeline of " + Number(shown) +
          " dated entries</title>");
    for (const Placed& pl : placed) {
      const TimelineItem& it = items[pl.k];
      const TimelineEntry& t = r.timeline[it.entry];
      const double y = kTop + std::min(pl.lane, lane_end.size()) * kRow;
      const double x = X(it.days.start);
      const double x_end = X(it.days.end);
      const int independent = std::max(t.independent_sources, 1);
      p.Raw("<a class=\"tl-item\" href=\"#tl-" + std::to_string(pl.k) + "\" data-tl=\"" +
            std::to_string(pl.k) + "\"><title>");
      p.Text(t.date + " — " + t.summary + " (" + std::to_string(t.independent_sources) +
             " independent source" + (t.independent_sources == 1 ? "" : "s") + ")");
      p.Raw("</title>");
      if (x_end - x > 6) {  // a week, month or year: a bar over its span
        p.Raw("<rect class=\"span-bar\" x=\"" + Px(x) + "\" y=\"" + Px(y + 4) + "\" width=\"" +
              Px(x_end - x) + "\" height=\"8\" rx=\"3\"/>");
      } else {
        const double radius = 3 + 1.2 * std::min(independent, 6);
        p.Raw("<circle class=\"dot\" cx=\"" + Px(x) + "\" cy=\"" + Px(y + 8) + "\" r=\"" +
              Px(std::min(radius, 9.0)) + "\"/>");
      }
      if (pl.label == Label::kRight) {
        p.Raw("<text x=\"" + Px(x + 10) + "\" y=\"" + Px(y + 12) + "\">");
      } else if (pl.label == Label::kLeft) {
        p.Raw("<text class=\"left\" x=\"" + Px(x - 10) + "\" y=\"" + Px(y + 12) + "\">");
      }
      if (pl.label != Label::kNone) {
        p.Text(Clip(t.summary, 60));
        p.Raw("</text>");
      }
      p.Raw("</a>");
    }
    TimelineAxis(p, lo, hi, kLeft, plot, axis_y);
    p.Raw("</svg></figure>\n");
  }

  // The list.
  p.Raw("<ol class=\"timeline-list\">\n");
  for (size_t k = 0; k < shown; ++k) {
    const TimelineEntry& t = r.timeline[items[k].entry];
    p.Raw("<li id=\"tl-" + std::to_string(k) + "\" data-tl=\"" + std::to_string(k) + "\"><time>");
    p.Text(t.date);
    p.Raw("</time>");
    if (t.precision) p.El("span", "precision", *t.precision);
    p.Raw(" ");
    p.El("span", "summary", t.summary);
    if (t.status != "reported") p.El("span", "status status-" + t.status, t.status);
    if (!t.changed_in_copy.empty()) {
      p.El("span", "changed",
           std::to_string(t.changed_in_copy.size()) + " fact(s) changed in copies");
    }
    p.Raw(" <span class=\"sources\">");
    p.Text(std::to_string(t.independent_sources) + " independent of " +
           std::to_string(t.sources.size()) + ": ");
    p.DocLinks(t.sources);
    p.Raw("</span></li>\n");
  }
  p.Raw("</ol>\n");
  p.MoreNote(shown, items.size(), "timeline entries");
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Map.

struct MapCache {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const Result<std::vector<MapShape>>>> files;
};

std::shared_ptr<const Result<std::vector<MapShape>>> LoadMap(const std::string& path) {
  static MapCache* cache = new MapCache;  // never destroyed: safe at exit
  std::lock_guard<std::mutex> lock(cache->mu);
  auto& slot = cache->files[path];
  if (!slot) {
    slot = std::make_shared<const Result<std::vector<MapShape>>>(LoadTopoJsonFile(path));
  }
  return slot;
}

struct Place {
  const Entity* entity;
  std::vector<size_t> events;  // indexes in report.events
  size_t documents = 0;
};

void Map(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"map\"><h2>Map</h2>\n");
  std::vector<Place> places;
  std::unordered_map<std::string, size_t> place_of;
  for (const Entity& e : r.entities) {
    if (!e.lat || !e.lon || !std::isfinite(*e.lat) || !std::isfinite(*e.lon)) continue;
    if (std::abs(*e.lat) > 90 || std::abs(*e.lon) > 180) continue;
    std::set<std::string> docs;
    for (const Mention& m : e.mentions) docs.insert(m.doc);
    place_of[e.id] = places.size();
    places.push_back({&e, {}, docs.size()});
  }
  for (size_t i = 0; i < r.events.size(); ++i) {
    if (!r.events[i].location) continue;
    auto it = place_of.find(*r.events[i].location);
    if (it != place_of.end()) places[it->second].events.push_back(i);
  }
  if (places.empty()) {
    p.Raw("<p class=\"empty\">No places with coordinates were found.</p></section>\n");
    return;
  }
  std::vector<LonLat> focus;
  for (const Place& pl : places) {
    if (!pl.events.empty()) focus.push_back({*pl.entity->lon, *pl.entity->lat});
  }
  if (focus.empty()) {
    for (const Place& pl : places) focus.push_back({*pl.entity->lon, *pl.entity->lat});
  }
  constexpr double kWidth = 960, kHeight = 560;
  const MapView view = MapView::Fit(focus, kWidth, kHeight);

  const std::string path = p.o.map_data_path.empty() ? FindMapData() : p.o.map_data_path;
  std::shared_ptr<const Result<std::vector<MapShape>>> shapes;
  std::string missing;
  if (path.empty()) {
    missing =
        "Map data is missing: the world-atlas package was not found (run "
        "scripts/install-deps.sh, or set SITREP_DATA_DIR). Places are drawn without "
        "country outlines.";
  } else {
    shapes = LoadMap(path);
    if (!shapes->ok()) {
      missing = "Map data is missing or unreadable (" + shapes->status().message() +
                "). Places are drawn without country outlines.";
    }
  }
  if (!missing.empty()) p.El("p", "warn map-missing", missing);

  p.Raw("<figure class=\"chart\"><svg class=\"map\" role=\"img\" viewBox=\"0 0 " + Px(kWidth) +
        " " + Px(kHeight) + "\" width=\"" + Px(kWidth) + "\" height=\"" + Px(kHeight) +
        "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Map of " + Number(places.size()) +
        " places</title><rect class=\"sea\" width=\"" + Px(kWidth) + "\" height=\"" + Px(kHeight) +
        "\"/>");
  // Graticule: a line every 1, 2, 5, 10 or 30 degrees, about six across.
  {
    const double span = view.max_lon() - view.min_lon();
    double step = 30;
    for (double s : {1.0, 2.0, 5.0, 10.0, 30.0}) {
      if (span / s <= 8) {
        step = s;
        break;
      }
    }
    p.Raw("<g class=\"graticule\">");
    for (double lon = std::ceil(view.min_lon() / step) * step; lon <= view.max_lon(); lon += step) {
      const double x = view.X(lon);
      p.Raw("<line x1=\"" + Px(x) + "\" y1=\"0\" x2=\"" + Px(x) + "\" y2=\"" + Px(kHeight) +
            "\"/>");
    }
    for (double lat = std::ceil(view.min_lat() / step) * step; lat <= view.max_lat(); lat += step) {
      const double y = view.Y(lat);
      p.Raw("<line x1=\"0\" y1=\"" + Px(y) + "\" x2=\"" + Px(kWidth) + "\" y2=\"" + Px(y) + "\"/>");
    }
    p.Raw("</g>");
  }
  if (shapes && shapes->ok()) {
    p.Raw("<g class=\"countries\">");
    for (const MapShape& s : **shapes) {
      const std::string d = view.PathData(s);
      if (d.empty()) continue;
      p.Raw("<path class=\"country\" d=\"" + d + "\"><title>");
      p.Text(s.name);
      p.Raw("</title></path>");
    }
    p.Raw("</g>");
  }
  // Places: larger for more events; labels for the busiest that do not collide.
  std::vector<size_t> order(places.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (places[a].events.size() != places[b].events.size()) {
      return places[a].events.size() > places[b].events.size();
    }
    return places[a].documents > places[b].documents;
  });
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> labels;
  std::string circles, texts;
  size_t drawn = 0;
  for (size_t i : order) {
    const Place& pl = places[i];
    const LonLat at{*pl.entity->lon, *pl.entity->lat};
    if (!view.Contains(at)) continue;
    ++drawn;
    const double x = view.X(at.lon), y = view.Y(at.lat);
    const double radius = pl.events.empty() ? 3 : 5 + 2.5 * std::sqrt(pl.events.size() - 1.0);
    circles += "<a class=\"place-link\" href=\"#place-" + std::to_string(i) +
               "\"><circle class=\"place" + std::string(pl.events.empty() ? "" : " has-events") +
               "\" cx=\"" + Px(x) + "\" cy=\"" + Px(y) + "\" r=\"" + Px(std::min(radius, 16.0)) +
               "\"><title>";
    AppendEscaped(circles, pl.entity->name + ": " + std::to_string(pl.events.size()) +
                               " event(s), " + std::to_string(pl.documents) + " document(s)");
    circles += "</title></circle></a>";
    if (labels.size() < 60) {
      const double w = CodePoints(pl.entity->name) * 6.6 + 4;
      const Box box{x + radius + 2, y - 8, x + radius + 2 + w, y + 6};
      bool clash = box.x1 > kWidth;
      for (const Box& b : labels) {
        clash |= box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1;
      }
      if (!clash) {
        labels.push_back(box);
        texts += "<text class=\"place-label\" x=\"" + Px(box.x0) + "\" y=\"" + Px(y + 4) + "\">";
        AppendEscaped(texts, pl.entity->name);
        texts += "</text>";
      }
    }
  }
  p.Raw("<g class=\"places\">" + circles + "</g><g class=\"labels\">" + texts + "</g>");
  p.Raw("</svg><figcaption>Equirectangular view of " + Fixed(view.min_lat(), 1) + "° to " +
        Fixed(view.max_lat(), 1) + "° latitude, " + Fixed(view.min_lon(), 1) + "° to " +
        Fixed(view.max_lon(), 1) + "° longitude; " + Number(drawn) + " of " +
        Number(places.size()) +
        " places inside it. Red circles: places with events (larger: more events). "
        "Outlines: Natural Earth via the world-atlas package.</figcaption></figure>\n");

  // The places table.
  const size_t shown = p.Limit(order.size());
  p.Raw(
      "<table class=\"places\"><thead><tr><th>Place</th><th>Country</th><th>Lat, lon</th>"
      "<th>Events</th><th>Documents</th></tr></thead><tbody>\n");
  for (size_t k = 0; k < shown; ++k) {
    const Place& pl = places[order[k]];
    p.Raw("<tr id=\"place-" + std::to_string(order[k]) + "\"><td>");
    p.Text(pl.entity->name);
    p.Raw("</td><td>");
    p.Text(pl.entity->country.value_or(""));
    p.Raw("</td><td class=\"num\">" + Fixed(*pl.entity->lat, 4) + ", " + Fixed(*pl.entity->lon, 4) +
          "</td><td>");
    for (size_t j = 0; j < pl.events.size(); ++j) {
      if (j) p.Raw(", ");
      p.Raw("<a href=\"#event-" + std::to_string(pl.events[j]) + "\">");
      p.Text(r.events[pl.events[j]].id);
      p.Raw("</a>");
    }
    p.Raw("</td><td class=\"num\">" + std::to_string(pl.documents) + "</td></tr>\n");
  }
  p.Raw("</tbody></table>\n");
  p.MoreNote(shown, order.size(), "places");
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Events.

// One evidence sentence with the words that decided the event marked (role in the title).
void EvidenceSentence(Page& p, const Evidence& ev) {
  p.Raw("<li><span class=\"ev-doc\">");
  p.Text(ev.doc);
  if (ev.copy_of) p.Text(" (copy of " + *ev.copy_of + ")");
  p.Raw("</span> ");
  size_t at = ev.start;
  for (const EvidenceWord& w : ev.words) {
    if (w.start < at || w.end > ev.end || w.start < ev.start) continue;  // overlapping words
    p.Text(std::string_view(ev.text).substr(at - ev.start, w.start - at));
    p.Raw("<mark class=\"w-" + w.role + "\" title=\"" + w.role + "\">");
    p.Text(std::string_view(ev.text).substr(w.start - ev.start, w.end - w.start));
    p.Raw("</mark>");
    at = w.end;
  }
  p.Text(std::string_view(ev.text).substr(at - ev.start));
  p.Raw("</li>");
}

void EventRows(Page& p, const std::vector<size_t>& which, size_t shown) {
  const Report& r = p.r;
  p.Raw(
      "<table class=\"events\"><thead><tr><th>Date</th><th>Type</th><th>Place</th>"
      "<th>Status</th><th>What happened (click for the evidence)</th><th>Actors</th>"
      "<th>Fatalities</th><th>Sources</th></tr></thead><tbody>\n");
  for (size_t k = 0; k < shown && k < which.size(); ++k) {
    const size_t i = which[k];
    const Event& e = r.events[i];
    p.Raw("<tr id=\"event-" + std::to_string(i) + "\"><td>");
    p.Text(e.date.value_or(""));
    if (e.date && e.date_basis == "published") {
      p.El("span", "basis", "on or before (publication date)");
    }
    p.Raw("</td><td>");
    p.Text(e.type);
    if (e.subtype) p.El("span", "subtype", *e.subtype);
    p.Raw("</td><td>");
    p.Text(p.EntityName(e.location));
    p.Raw("</td><td>");
    p.El("span", "status status-" + e.status, e.status);
    for (size_t j = 0; j < e.claimants.size(); ++j) {
      p.Raw(j ? ", " : " by ");
      p.Text(p.EntityName(e.claimants[j]));
    }
    p.Raw("</td><td><details class=\"evidence\"><summary>");
    p.Text(e.summary);
    p.Raw("</summary><ol>");
    for (const Evidence& ev : e.evidence) EvidenceSentence(p, ev);
    p.Raw("</ol>");
    if (!e.changed_in_copy.empty()) {
      p.Raw("<p class=\"changed\">Changed in copies:</p><ul class=\"changed\">");
      for (const CopyChange& c : e.changed_in_copy) {
        p.Raw("<li>");
        p.Text(c.kind + (c.kind == "added" ? ": “" + c.copy_text + "”"
                                           : ": “" + c.source_text + "” → “" + c.copy_text + "”"));
        p.Text(" in ");
        p.DocLinks(c.docs);
        p.Raw("</li>");
      }
      p.Raw("</ul>");
    }
    p.Raw("</details></td><td>");
    for (size_t j = 0; j < e.actors.size(); ++j) {
      if (j) p.Raw(", ");
      p.Text(p.EntityName(e.actors[j]));
    }
    p.Raw("</td><td class=\"num\">");
    if (e.fatalities) p.Text(Number(*e.fatalities));
    p.Raw("</td><td><span class=\"indep\" title=\"independent sources\">" +
          std::to_string(e.independent_sources) + "</span> ");
    p.DocLinks(e.sources);
    p.Raw("</td></tr>\n");
  }
  p.Raw("</tbody></table>\n");
}

void Events(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"events\"><h2>Events</h2>\n");
  if (r.events.empty()) {
    p.Raw("<p class=\"empty\">No events were found.</p></section>\n");
    return;
  }
  // Reported and claimed events; denied and background ones in a table of their own.
  std::vector<size_t> main, apart;
  for (size_t i = 0; i < r.events.size(); ++i) {
    const std::string& s = r.events[i].status;
    (s == "denied" || s == "background" ? apart : main).push_back(i);
  }
  const size_t shown = p.Limit(main.size());
  EventRows(p, main, shown);
  p.MoreNote(shown, main.size(), "events");
  if (!apart.empty()) {
    p.Raw("<h3 id=\"events-apart\">Denied, and long before the reporting</h3>\n");
    const size_t shown_apart = p.Limit(apart.size());
    EventRows(p, apart, shown_apart);
    p.MoreNote(shown_apart, apart.size(), "denied or background events");
  }
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Key figures and disagreements.

void ContradictionList(Page& p, std::string_view kind) {
  p.Raw("<ul class=\"contradictions\">\n");
  size_t n = 0;
  for (const Contradiction& c : p.r.contradictions) {
    if ((c.kind == "copy-drift") != (kind == "copy-drift")) continue;
    if (p.o.max_items && n >= p.o.max_items) break;
    ++n;
    p.Raw("<li class=\"contradiction\">");
    p.El("strong", "about", c.about);
    p.Raw("<ul>");
    for (const TextRef& v : c.values) {
      p.Raw("<li><q>");
      p.Text(v.text);
      p.Raw("</q> — ");
      p.DocLink(v.doc);
      const long d = p.idx.Doc(v.doc);
      if (d >= 0 && p.r.documents[d].outlet) {
        p.Raw(" ");
        p.El("span", "outlet", *p.r.documents[d].outlet);
      }
      p.Raw("</li>");
    }
    p.Raw("</ul></li>\n");
  }
  p.Raw("</ul>\n");
}

void Figures(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"figures\"><h2>Key figures and disagreements</h2>\n");
  size_t between = 0, drift = 0;
  for (const Contradiction& c : r.contradictions) (c.kind == "copy-drift" ? drift : between)++;

  p.Raw("<h3>Disagreements between independent sources</h3>\n");
  if (between == 0) {
    p.Raw("<p class=\"empty\">None found.</p>\n");
  } else {
    ContradictionList(p, "between-sources");
  }

  p.Raw("<h3>Facts changed in copying</h3>\n");
  if (drift > 0) ContradictionList(p, "copy-drift");
  size_t drift_rows = 0;
  for (const Reuse& u : r.reuse) drift_rows += u.drift.size();
  if (drift_rows == 0 && drift == 0) {
    p.Raw("<p class=\"empty\">None found.</p>\n");
  } else if (drift_rows > 0) {
    p.Raw(
        "<table class=\"drift\"><thead><tr><th>Copy</th><th>Source</th><th>Kind</th>"
        "<th>Source says</th><th>Copy says</th></tr></thead><tbody>\n");
    size_t n = 0;
    for (const Reuse& u : r.reuse) {
      for (const Drift& d : u.drift) {
        if (p.o.max_items && n >= p.o.max_items) break;
        ++n;
        p.Raw("<tr><td>");
        p.DocLink(u.copy);
        p.Raw("</td><td>");
        p.DocLink(u.source);
        p.Raw("</td><td>");
        p.El("span", "kind", d.kind);
        p.Raw("</td><td>");
        p.El("span", "was", d.source_text.empty() ? "(nothing)" : d.source_text);
        p.Raw("</td><td>");
        p.El("mark", "drift", d.copy_text.empty() ? "(left out)" : d.copy_text);
        p.Raw("</td></tr>\n");
      }
    }
    p.Raw("</tbody></table>\n");
    p.MoreNote(n, drift_rows, "changed facts");
  }

  // Figures grouped by what they count, with who gives which value.
  struct Value {
    std::string text;
    std::vector<std::string> docs;
  };
  struct Group {
    std::string about;
    std::map<std::string, Value> values;  // by value key
    std::set<std::string> docs;
  };
  std::map<std::string, Group> groups;
  for (const Quantity& q : r.quantities) {
    if (!q.about || q.about->empty()) continue;
    std::string key = *q.about;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Group& g = groups[key];
    if (g.about.empty()) g.about = *q.about;
    const std::string value_key = Fixed(q.low.value_or(q.value), 3) + "|" +
                                  Fixed(q.high.value_or(q.value), 3) + "|" +
                                  q.qualifier.value_or("");
    Value& v = g.values[value_key];
    if (v.text.empty()) v.text = q.text;
    if (std::find(v.docs.begin(), v.docs.end(), q.doc) == v.docs.end()) v.docs.push_back(q.doc);
    g.docs.insert(q.doc);
  }
  std::vector<const Group*> ordered;
  for (const auto& [key, g] : groups) ordered.push_back(&g);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const Group* a, const Group* b) { return a->docs.size() > b->docs.size(); });
  p.Raw("<h3>Figures reported</h3>\n");
  if (ordered.empty()) {
    p.Raw("<p class=\"empty\">No counted figures were found.</p>\n");
  } else {
    const size_t shown = p.Limit(ordered.size());
    p.Raw(
        "<table class=\"figures\"><thead><tr><th>What is counted</th><th>Values given (and by "
        "whom)</th><th>Independent sources</th></tr></thead><tbody>\n");
    for (size_t k = 0; k < shown; ++k) {
      const Group& g = *ordered[k];
      std::set<std::string> value_clusters;
      const bool disputed = g.values.size() > 1;
      p.Raw(disputed ? "<tr class=\"disputed\"><td>" : "<tr><td>");
      p.Text(g.about);
      p.Raw("</td><td><ul class=\"values\">");
      for (const auto& [key, v] : g.values) {
        p.Raw("<li><q>");
        p.Text(v.text);
        p.Raw("</q> — ");
        p.DocLinks(v.docs);
        p.Raw(" <span class=\"indep\">(" + std::to_string(p.idx.Independent(v.docs)) +
              " independent)</span></li>");
      }
      p.Raw("</ul></td><td class=\"num\">" +
            std::to_string(p.idx.Independent({g.docs.begin(), g.docs.end()})) + "</td></tr>\n");
    }
    p.Raw("</tbody></table>\n");
    p.MoreNote(shown, ordered.size(), "figures");
  }
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Copy graph: one small SVG diagram per copy family, then the table of pairs.

void CopyGraph(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"copies\"><h2>Copy graph</h2>\n");
  std::vector<size_t> families;
  for (size_t i = 0; i < p.idx.families().size(); ++i) {
    if (p.idx.families()[i].size() > 1) families.push_back(i);
  }
  if (families.empty() && r.reuse.empty()) {
    p.Raw(
        "<p class=\"empty\">No copies were found: every document is its own source.</p>"
        "</section>\n");
    return;
  }
  std::stable_sort(families.begin(), families.end(), [&](size_t a, size_t b) {
    return p.idx.families()[a].size() > p.idx.families()[b].size();
  });
  constexpr size_t kMaxDiagrams = 12, kMaxNodes = 13;
  constexpr double kCellW = 316, kCellH = 250, kNodeR = 9;
  const size_t diagrams = std::min(families.size(), kMaxDiagrams);
  if (diagrams > 0) {
    const size_t cols = std::min<size_t>(3, diagrams);
    const size_t rows = (diagrams + cols - 1) / cols;
    const double width = cols * kCellW, height = rows * kCellH;
    p.Raw("<figure class=\"chart\"><svg class=\"copy-graph\" role=\"img\" viewBox=\"0 0 " +
          Px(width) + " " + Px(height) + "\" width=\"" + Px(width) + "\" height=\"" + Px(height) +
          "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Copy families</title>"
          "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
          "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
          "<path d=\"M0 0L10 5L0 10Z\"/></marker></defs>");
    std::unordered_map<std::string, std::vector<const Reuse*>> pairs_of;  // by cluster id
    for (const Reuse& u : r.reuse) pairs_of[p.idx.ClusterOf(u.copy)].push_back(&u);
    for (size_t c = 0; c < diagrams; ++c) {
      const std::vector<std::string>& docs = p.idx.families()[families[c]];
      const std::string& cluster_id = p.idx.family_ids()[families[c]];
      const double cx = (c % 3) * kCellW + kCellW / 2, cy = (c / 3) * kCellH + kCellH / 2 + 6;
      // The family's root: a document copied from but copying nothing, with most copies.
      std::map<std::string, int> out_degree, in_degree;
      for (const Reuse* u : pairs_of[cluster_id]) {
        out_degree[u->source]++;
        in_degree[u->copy]++;
      }
      std::string root = docs.front();
      int best = -1;
      for (const std::string& d : docs) {
        const int score = out_degree[d] * 2 - in_degree[d] * 3;
        if (score > best) {
          best = score;
          root = d;
        }
      }
      std::map<std::string, std::pair<double, double>> pos;
      pos[root] = {cx, cy};
      std::vector<std::string> others;
      for (const std::string& d : docs) {
        if (d != root && others.size() + 1 < kMaxNodes) others.push_back(d);
      }
      const double radius_x = 122, radius_y = 86;  // an ellipse fills the wide cell
      for (size_t k = 0; k < others.size(); ++k) {
        // Offset by half a step so that two copies sit left and right of the source.
        const double angle = -3.14159265 / 2 + 3.14159265 * (2 * k + 1) / others.size();
        pos[others[k]] = {cx + radius_x * std::cos(angle), cy + radius_y * std::sin(angle)};
      }
      p.Raw("<g class=\"family\"><text class=\"family-title\" x=\"" + Px(cx) + "\" y=\"" +
            Px(cy - kCellH / 2 + 12) + "\">");
      p.Text("Family " + cluster_id + ": " + std::to_string(docs.size()) +
             " documents, one source");
      p.Raw("</text>");
      for (const Reuse* u : pairs_of[cluster_id]) {
        auto a = pos.find(u->source), b = pos.find(u->copy);
        if (a == pos.end() || b == pos.end()) continue;
        const double dx = b->second.first - a->second.first,
                     dy = b->second.second - a->second.second;
        const double len = std::max(1.0, std::hypot(dx, dy));
        const double x1 = a->second.first + dx / len * kNodeR,
                     y1 = a->second.second + dy / len * kNodeR;
        const double x2 = b->second.first - dx / len * (kNodeR + 1);
        const double y2 = b->second.second - dy / len * (kNodeR + 1);
        std::string relation_class;
        for (char ch : u->relation)
          relation_class += std::isalpha(static_cast<unsigned char>(ch)) ? ch : '-';
        p.Raw("<g class=\"edge rel-" + relation_class + "\"><title>");
        p.Text(u->copy + " copies " + u->source + ": " + u->relation + ", coverage " +
               Percent(u->coverage) + ", similarity " + Percent(u->similarity) + ", " +
               std::to_string(u->drift.size()) +
               " fact(s) changed; direction: " + u->direction_basis);
        p.Raw("</title><line x1=\"" + Px(x1) + "\" y1=\"" + Px(y1) + "\" x2=\"" + Px(x2) +
              "\" y2=\"" + Px(y2) + "\" marker-end=\"url(#arrow)\"/><text x=\"" +
              Px((x1 + x2) / 2) + "\" y=\"" + Px((y1 + y2) / 2 - 3) + "\">");
        p.Text(u->relation + " " + Percent(u->coverage));
        p.Raw("</text></g>");
      }
      for (const auto& [doc, xy] : pos) {
        const long i = p.idx.Doc(doc);
        const bool has_drift = std::any_of(
            pairs_of[cluster_id].begin(), pairs_of[cluster_id].end(),
            [&doc = doc](const Reuse* u) { return u->copy == doc && !u->drift.empty(); });
        const std::string cls =
            std::string("node") + (doc == root ? " root" : "") + (has_drift ? " drifted" : "");
        if (i >= 0) {
          p.Raw("<a class=\"" + cls + "\" href=\"#" + (p.full_view.count(i) ? "doc-" : "docrow-") +
                std::to_string(i) + "\"><title>");
        } else {  // a document the report does not hold: nothing to link to
          p.Raw("<g class=\"" + cls + "\"><title>");
        }
        std::string tip = doc;
        if (i >= 0 && r.documents[i].title) tip += " — " + *r.documents[i].title;
        if (i >= 0 && r.documents[i].outlet) tip += " (" + *r.documents[i].outlet + ")";
        p.Text(tip);
        // Labels go away from the centre: above nodes in the upper half, else below.
        const double label_y =
            xy.second < cy - 1 ? xy.second - kNodeR - 5 : xy.second + kNodeR + 12;
        p.Raw("</title><circle cx=\"" + Px(xy.first) + "\" cy=\"" + Px(xy.second) + "\" r=\"" +
              Px(kNodeR) + "\"/><text x=\"" + Px(xy.first) + "\" y=\"" + Px(label_y) + "\">");
        p.Text(Clip(doc, 24));
        p.Raw(i >= 0 ? "</text></a>" : "</text></g>");
      }
      if (docs.size() > kMaxNodes) {
        p.Raw("<text class=\"more\" x=\"" + Px(cx) + "\" y=\"" + Px(cy + kCellH / 2 - 8) + "\">+" +
              std::to_string(docs.size() - kMaxNodes) + " more</text>");
      }
      p.Raw("</g>");
    }
    p.Raw(
        "</svg><figcaption>Arrows point from the source to the copy; labels give the relation "
        "and the share of the copy taken from the source. Orange nodes: copies with changed "
        "facts. A family counts as one independent source.</figcaption></figure>\n");
    if (families.size() > diagrams) {
      p.Raw("<p class=\"note\">Diagrams for the " + std::to_string(diagrams) + " largest of " +
            std::to_string(families.size()) + " copy families; the table lists the pairs.</p>\n");
    }
  }
  const size_t shown = p.Limit(r.reuse.size());
  p.Raw(
      "<table class=\"reuse\"><thead><tr><th>Source</th><th>Copy</th><th>Relation</th>"
      "<th>Coverage</th><th>Similarity</th><th>Why this direction</th><th>Changed facts</th>"
      "</tr></thead><tbody>\n");
  for (size_t i = 0; i < shown; ++i) {
    const Reuse& u = r.reuse[i];
    p.Raw("<tr><td>");
    p.DocLink(u.source);
    p.Raw("</td><td>");
    p.DocLink(u.copy);
    p.Raw("</td><td>");
    p.Text(u.relation);
    p.Raw("</td><td class=\"num\">" + Percent(u.coverage) + "</td><td class=\"num\">" +
          Percent(u.similarity) + "</td><td>");
    p.Text(u.direction_basis);
    p.Raw("</td><td class=\"num\">" + std::to_string(u.drift.size()) + "</td></tr>\n");
  }
  p.Raw("</tbody></table>\n");
  p.MoreNote(shown, r.reuse.size(), "copy pairs");
  p.Raw("</section>\n");
}

// ---------------------------------------------------------------------------------------
// Documents: the index and the per-document views.

struct Mark {
  size_t start, end;
  std::string cls;    // drift | drift-source | disputed
  std::string title;  // tooltip
};

// Where `needle` sits in `text`: inside the aligned passage [from, to) when given, else
// inside `context` when that is found, else the first occurrence. npos when absent.
size_t Locate(std::string_view text, std::string_view needle, std::string_view context,
              size_t from = 0, size_t to = 0) {
  if (needle.empty()) return std::string_view::npos;
  if (from < to && to <= text.size()) {
    const std::string_view passage = text.substr(from, to - from);
    size_t c = context.empty() ? std::string_view::npos : passage.find(context);
    if (c != std::string_view::npos) {
      const size_t n = context.find(needle);
      if (n != std::string_view::npos) return from + c + n;
    }
    c = passage.find(needle);
    if (c != std::string_view::npos) return from + c;
  }
  if (!context.empty()) {
    const size_t c = text.find(context);
    if (c != std::string_view::npos) {
      const size_t n = context.find(needle);
      if (n != std::string_view::npos) return c + n;
    }
  }
  return text.find(needle);
}

std::vector<std::vector<Mark>> CollectMarks(const Page& p) {
  const Report& r = p.r;
  std::vector<std::vector<Mark>> marks(r.documents.size());
  auto add = [&](const std::string& doc, std::string_view needle, std::string_view context,
                 std::string cls, std::string title, size_t from = 0, size_t to = 0) {
    const long i = p.idx.Doc(doc);
    if (i < 0 || !p.full_view.count(i)) return;
    const std::string& text = r.documents[i].text;
    const size_t at = Locate(text, needle, context, from, to);
    if (at == std::string_view::npos) return;
    marks[i].push_back({at, at + needle.size(), std::move(cls), std::move(title)});
  };
  for (const Reuse& u : r.reuse) {
    for (const Drift& d : u.drift) {
      // The aligned passage, when the reuse stage says which, pins the place exactly.
      const Passage* passage = d.passage >= 0 && static_cast<size_t>(d.passage) < u.passages.size()
                                   ? &u.passages[d.passage]
                                   : nullptr;
      // A fact the copy added is the copy's alone: nothing to show in the source.
      add(u.copy, d.copy_text, d.copy_context, "drift",
          d.kind == "added" ? "added by this copy: not in " + u.source
                            : d.kind + " changed: " + u.source + " says \"" + d.source_text + "\"",
          passage ? passage->copy_start : 0, passage ? passage->copy_end : 0);
      add(u.source, d.source_text, d.source_context, "drift-source",
          d.kind + " changed in " + u.copy + " to \"" + d.copy_text + "\"",
          passage ? passage->source_start : 0, passage ? passage->source_end : 0);
    }
  }
  for (const Contradiction& c : r.contradictions) {
    if (c.kind == "copy-drift") continue;
    for (const TextRef& v : c.values) {
      std::string others;
      for (const TextRef& w : c.values) {
        if (&w == &v) continue;
        if (!others.empty()) others += "; ";
        others += w.doc + ": \"" + w.text + "\"";
      }
      add(v.doc, v.text, "", "disputed", "Disputed (" + c.about + "). Others: " + others);
    }
  }
  for (auto& m : marks) {
    std::stable_sort(m.begin(), m.end(), [](const Mark& a, const Mark& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::vector<Mark> kept;  // overlapping marks: the first wins
    for (Mark& x : m) {
      if (kept.empty() || x.start >= kept.back().end) kept.push_back(std::move(x));
    }
    m = std::move(kept);
  }
  return marks;
}

// Writes text[start, end) with the marks that fall inside it.
void MarkedText(Page& p, std::string_view text, size_t start, size_t end,
                const std::vector<Mark>& marks) {
  size_t at = start;
  auto it = std::lower_bound(marks.begin(), marks.end(), start,
                             [](const Mark& m, size_t s) { return m.end <= s; });
  for (; it != marks.end() && it->start < end; ++it) {
    const size_t s = std::max(it->start, at), e = std::min(it->end, end);
    if (s >= e) continue;
    p.Text(text.substr(at, s - at));
    p.Raw("<mark class=\"" + it->cls + "\" title=\"");
    p.Text(it->title);
    p.Raw("\">");
    p.Text(text.substr(s, e - s));
    p.Raw("</mark>");
    at = e;
  }
  if (at < end) p.Text(text.substr(at, end - at));
}

void DocumentView(Page& p, size_t i, const std::vector<Mark>& marks,
                  const std::vector<const Reuse*>& as_copy) {
  const Document& d = p.r.documents[i];
  p.Raw("<article class=\"document\" id=\"doc-" + std::to_string(i) + "\"><h3>");
  p.Text(d.title.value_or(d.id));
  p.Raw("</h3>\n<p class=\"doc-meta\">");
  p.El("code", "", d.id);
  if (d.outlet) p.Raw(" · "), p.El("span", "outlet", *d.outlet);
  if (d.author) p.Raw(" · "), p.El("span", "author", *d.author);
  if (d.published) {
    p.Raw(" · <time>");
    p.Text(*d.published);
    p.Raw("</time>");
    if (d.published_basis) p.El("span", "basis", " (" + *d.published_basis + ")");
  }
  if (d.language) p.Raw(" · "), p.El("span", "lang", *d.language);
  p.Raw(" · ");
  p.El("span", "path", d.path);
  const std::string cluster = p.idx.ClusterOf(d.id);
  if (!cluster.empty()) p.Raw(" · "), p.El("span", "family", "copy family " + cluster);
  p.Raw("</p>\n");
  for (const Reuse* u : as_copy) {
    p.Raw("<p class=\"copy-of\">Copy of ");
    p.DocLink(u->source);
    p.Text(" (" + u->relation + ", " + Percent(u->coverage) + " of this text taken from it)");
    if (!u->drift.empty()) {
      p.Raw(" — changed facts: ");
      for (size_t k = 0; k < u->drift.size(); ++k) {
        const Drift& dr = u->drift[k];
        if (k) p.Raw("; ");
        p.El("span", "kind", dr.kind);
        p.Raw(" ");
        p.El("span", "was", dr.source_text.empty() ? "(nothing)" : dr.source_text);
        p.Raw(" → ");
        p.El("mark", "drift", dr.copy_text.empty() ? "(left out)" : dr.copy_text);
      }
    }
    p.Raw("</p>\n");
  }
  p.Raw("<div class=\"blocks\">\n");
  const std::string_view text = d.text;
  if (d.blocks.empty()) {
    p.Raw("<p class=\"blk role-body\">");
    MarkedText(p, text, 0, text.size(), marks);
    p.Raw("</p>\n");
  }
  for (const Block& b : d.blocks) {
    if (b.start > b.end || b.end > text.size()) continue;
    const std::string_view role = BlockRoleName(b.role);
    const bool junk = IsJunk(b.role);
    p.Raw("<p class=\"blk role-" + std::string(role) + (junk ? " junk" : "") + "\">");
    if (b.role != BlockRole::kBody) p.El("span", "role", role);
    if (junk) p.Raw("<del>");
    MarkedText(p, text, b.start, b.end, marks);
    if (junk) p.Raw("</del>");
    p.Raw("</p>\n");
  }
  p.Raw("</div></article>\n");
}

void Documents(Page& p) {
  const Report& r = p.r;
  p.Raw("<section id=\"documents\"><h2>Documents</h2>\n");
  std::vector<std::vector<const Reuse*>> as_copy(r.documents.size());
  for (const Reuse& u : r.reuse) {
    const long i = p.idx.Doc(u.copy);
    if (i >= 0) as_copy[i].push_back(&u);
  }
  p.Raw(
      "<p class=\"controls\"><label>Filter <input type=\"search\" id=\"doc-filter\" "
      "placeholder=\"id, title, outlet\"></label> <label><input type=\"checkbox\" "
      "id=\"hide-junk\"> hide struck-out junk</label></p>\n");
  p.Raw(
      "<table class=\"doc-index\"><thead><tr><th>Document</th><th>Title</th><th>Outlet</th>"
      "<th>Published</th><th>Family</th><th>Copy of</th><th>Junk blocks</th></tr></thead>"
      "<tbody>\n");
  for (size_t i = 0; i < r.documents.size(); ++i) {
    const Document& d = r.documents[i];
    size_t junk = 0;
    for (const Block& b : d.blocks) junk += IsJunk(b.role);
    p.Raw("<tr id=\"docrow-" + std::to_string(i) + "\"><td>");
    p.DocLink(d.id);
    p.Raw("</td><td>");
    p.Text(d.title.value_or(""));
    p.Raw("</td><td>");
    p.Text(d.outlet.value_or(""));
    p.Raw("</td><td>");
    p.Text(d.published.value_or(""));
    p.Raw("</td><td>");
    p.Text(p.idx.ClusterOf(d.id));
    p.Raw("</td><td>");
    for (size_t k = 0; k < as_copy[i].size(); ++k) {
      if (k) p.Raw(", ");
      p.DocLink(as_copy[i][k]->source);
      p.Text(" (" + as_copy[i][k]->relation + ")");
    }
    p.Raw("</td><td class=\"num\">" + std::to_string(junk) + "</td></tr>\n");
  }
  p.Raw("</tbody></table>\n");
  if (p.full_view.size() < r.documents.size()) {
    p.Raw("<p class=\"note\">Full text is shown for " + std::to_string(p.full_view.size()) +
          " of " + std::to_string(r.documents.size()) +
          " documents (those involved in copying or disagreements first).</p>\n");
  }
  const std::vector<std::vector<Mark>> marks = CollectMarks(p);
  for (size_t i : p.full_view) DocumentView(p, i, marks[i], as_copy[i]);
  p.Raw("</section>\n");
}

// Picks the documents that get a full view: those in copy pairs, contradictions and
// events first, then the rest, in report order.
std::set<size_t> ChooseFullViews(const Report& r, const Index& idx, size_t limit) {
  std::set<size_t> chosen;
  if (limit == 0 || limit >= r.documents.size()) {
    for (size_t i = 0; i < r.documents.size(); ++i) chosen.insert(i);
    return chosen;
  }
  auto take = [&](const std::string& id) {
    const long i = idx.Doc(id);
    if (i >= 0 && chosen.size() < limit) chosen.insert(i);
  };
  for (const Contradiction& c : r.contradictions) {
    for (const TextRef& v : c.values) take(v.doc);
  }
  for (const Reuse& u : r.reuse) {
    if (u.drift.empty()) continue;
    take(u.source);
    take(u.copy);
  }
  for (const Reuse& u : r.reuse) {
    take(u.source);
    take(u.copy);
  }
  for (size_t i = 0; i < r.documents.size() && chosen.size() < limit; ++i) chosen.insert(i);
  return chosen;
}

void Diagnostics(Page& p) {
  if (p.r.diagnostics.empty()) return;
  p.Raw("<section id=\"diagnostics\"><h2>Input problems</h2>\n<ul class=\"diagnostics\">\n");
  for (const Diagnostic& d : p.r.diagnostics) {
    const std::string name(SeverityName(d.severity));
    p.Raw("<li class=\"" + name + "\"><strong>" + name + "</strong> ");
    p.El("code", "", d.path);
    p.Raw(": ");
    p.Text(d.message);
    p.Raw("</li>\n");
  }
  p.Raw("</ul></section>\n");
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscaped(out, text);
  return out;
}

std::string FindMapData() {
  namespace fs = std::filesystem;
  constexpr const char* kRelative = "node_modules/world-atlas/countries-50m.json";
  std::vector<fs::path> candidates;
  if (const char* dir = std::getenv("SITREP_DATA_DIR"); dir && *dir) {
    candidates.push_back(fs::path(dir) / kRelative);
    candidates.push_back(fs::path(dir) / "world-atlas/countries-50m.json");
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const char* rel : {"../data", "../share/sitrep/data", "data", "../../data"}) {
      candidates.push_back(dir / rel / kRelative);
    }
  }
#ifdef SITREP_SOURCE_DIR
  candidates.push_back(fs::path(SITREP_SOURCE_DIR) / "data" / kRelative);
#endif
  for (const fs::path& c : candidates) {
    if (fs::is_regular_file(c, ec)) return c.lexically_normal().string();
  }
  return "";
}

std::string WriteHtml(const Report& report, const HtmlOptions& options) {
  Page p(report, options);
  p.full_view = ChooseFullViews(report, p.idx, options.max_documents);
  const std::string nonce = options.nonce.empty() ? RandomNonce() : EscapeHtml(options.nonce);
  p.Raw(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "img-src data:; style-src 'nonce-" +
      nonce + "'; script-src 'nonce-" + nonce +
      "'; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"generator\" content=\"sitrep ");
  p.Text(report.version);
  p.Raw("\">\n<title>");
  p.Text(options.title);
  p.Raw("</title>\n<style nonce=\"" + nonce + "\">\n");
  p.Raw(assets::kReportCss);
  p.Raw("</style>\n</head>\n<body>\n<header><h1>");
  p.Text(options.title);
  p.Raw("</h1><p class=\"generated\">Written by sitrep ");
  p.Text(report.version);
  p.Raw(" from " + Number(report.documents.size()) +
        " documents. Every finding links to the documents it comes from.</p>\n"
        "<nav><a href=\"#summary\">Summary</a> <a href=\"#timeline\">Timeline</a> "
        "<a href=\"#map\">Map</a> <a href=\"#events\">Events</a> <a href=\"#figures\">Figures "
        "&amp; disagreements</a> <a href=\"#copies\">Copy graph</a> <a "
        "href=\"#documents\">Documents</a>");
  if (!report.diagnostics.empty()) p.Raw(" <a href=\"#diagnostics\">Input problems</a>");
  p.Raw("</nav></header>\n<main>\n");
  Summary(p);
  Timeline(p);
  Map(p);
  Events(p);
  Figures(p);
  CopyGraph(p);
  Documents(p);
  Diagnostics(p);
  p.Raw(
      "</main>\n<footer>Generated by sitrep. Article text is quoted as found; struck-out "
      "text is what cleaning set aside as page furniture.</footer>\n<script nonce=\"" +
      nonce + "\">\n");
  p.Raw(assets::kReportJs);
  p.Raw("</script>\n</body>\n</html>\n");
  return std::move(p.out);
}

}  // namespace sitrep::report
