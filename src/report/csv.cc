#include "report/csv.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include "report/timex_days.h"

namespace sitrep::report {
namespace {

// Numbers without trailing zeros: 36.34, 43.1333, 12.
std::string Plain(double v, int max_decimals) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", max_decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

// A text cell: guarded against spreadsheet formulas, then quoted as needed.
std::string TextCell(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return CsvField("'" + std::string(text));
  }
  return CsvField(text);
}

std::string Joined(const std::vector<std::string>& items, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < items.size(); ++i) {
    if (i > from) out += "; ";
    out += items[i];
  }
  return out;
}

// How precise a TIMEX date value is.
std::string Precision(std::string_view value) {
  const DayRange days = ParseTimexDays(value);
  if (!days.ok) return "";
  const int64_t span = days.end - days.start;
  if (span == 1) return "day";
  if (span == 7) return "week";
  if (span <= 31) return "month";
  if (value.size() == 7 && value[5] == 'Q') return "quarter";
  if (value.size() == 7 && value[5] == 'H') return "half";
  if (span <= 92) return "season";
  if (span <= 366) return "year";
  return "decade";
}

}  // namespace

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string WriteCsv(const Report& report) {
  std::unordered_map<std::string, const Entity*> entities;
  for (const Entity& e : report.entities) entities.emplace(e.id, &e);
  auto name = [&](const std::string& id) {
    auto it = entities.find(id);
    return it == entities.end() ? id : it->second->name;
  };
  std::string out =
      "event_date,event_type,sub_event_type,actor1,actor2,location,latitude,longitude,"
      "fatalities,sources,notes,event_id,independent_sources,country,date_precision\r\n";
  out.reserve(out.size() + report.events.size() * 256);
  for (const Event& e : report.events) {
    const Entity* place = nullptr;
    if (e.location) {
      auto it = entities.find(*e.location);
      if (it != entities.end()) place = it->second;
    }
    std::vector<std::string> actors;
    for (const std::string& a : e.actors) actors.push_back(name(a));
    const std::string date = e.date.value_or("");
    const std::vector<std::string> cells = {
        TextCell(date),
        TextCell(e.type),
        TextCell(e.subtype.value_or("")),
        TextCell(actors.empty() ? "" : actors[0]),
        TextCell(Joined(actors, 1)),
        TextCell(place ? place->name : e.location.value_or("")),
        place && place->lat ? Plain(*place->lat, 6) : "",
        place && place->lon ? Plain(*place->lon, 6) : "",
        e.fatalities ? Plain(*e.fatalities, 2) : "",
        TextCell(Joined(e.sources)),
        TextCell(e.summary),
        TextCell(e.id),
        std::to_string(e.independent_sources),
        TextCell(place && place->country ? *place->country : ""),
        Precision(date),
    };
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += cells[i];
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace sitrep::report
