// CSV writer: the report's events as a table in ACLED-like columns, for spreadsheets and
// the tools conflict analysts already use.
//
// Columns, in order (header row first):
//   event_date, event_type, sub_event_type, actor1, actor2, location, latitude,
//   longitude, fatalities, sources, notes, event_id, independent_sources, country,
//   date_precision
// event_date is the event's TIMEX value ("2017-06-21", or "2017-06" when only the month is
// known; date_precision says which: day | week | month | quarter | season |
// half | year | decade, empty when undated). actor1 is the first actor, actor2 the others joined by
// "; ". location is the place's name, latitude/longitude its coordinates (empty when
// unknown). sources are document ids joined by "; ". notes is the event's summary.
//
// Format: RFC 4180 - CRLF line ends; a field is quoted when it holds a comma, a double
// quote, CR or LF, with double quotes doubled. UTF-8 without a byte-order mark.
// Text fields that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
// CR) get a leading apostrophe; numeric columns are written as plain numbers.
//
// Thread-safety: pure function.
#ifndef SITREP_REPORT_CSV_H_
#define SITREP_REPORT_CSV_H_

#include <string>
#include <string_view>

#include "sitrep/report.h"

namespace sitrep::report {

std::string WriteCsv(const Report& report);

// One CSV field per RFC 4180: quoted only when it must be.
std::string CsvField(std::string_view text);

}  // namespace sitrep::report

#endif  // SITREP_REPORT_CSV_H_
