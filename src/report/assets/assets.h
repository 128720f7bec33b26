// The report page's CSS and JavaScript, embedded into the binary at build time.
//
// The sources are src/report/assets/report.css and report.js; assets/embed.cmake turns
// them into a generated report_assets.cc (see assets.cmake), so the HTML report needs no
// file or network access to style itself. Constants live for the whole program.
#ifndef SITREP_REPORT_ASSETS_ASSETS_H_
#define SITREP_REPORT_ASSETS_ASSETS_H_

#include <string_view>

namespace sitrep::report::assets {

extern const std::string_view kReportCss;  // report.css
extern const std::string_view kReportJs;   // report.js

}  // namespace sitrep::report::assets

#endif  // SITREP_REPORT_ASSETS_ASSETS_H_
