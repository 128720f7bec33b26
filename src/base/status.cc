#include "sitrep/status.h"

#include "sitrep/document.h"
#include "sitrep/report.h"

namespace sitrep {

std::string Status::ToString() const {
  switch (code_) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidInput:
      return "invalid input: " + message_;
    case StatusCode::kNotFound:
      return "not found: " + message_;
    case StatusCode::kIOError:
      return "I/O error: " + message_;
    case StatusCode::kCorrupt:
      return "corrupt: " + message_;
    case StatusCode::kInternal:
      return "internal error: " + message_;
  }
  return message_;
}

std::string_view SeverityName(Diagnostic::Severity severity) {
  switch (severity) {
    case Diagnostic::Severity::kWarning:
      return "warning";
    case Diagnostic::Severity::kError:
      return "error";
    case Diagnostic::Severity::kInfo:
      return "info";
  }
  return "warning";
}

std::string_view BlockRoleName(BlockRole role) {
  switch (role) {
    case BlockRole::kTitle:
      return "title";
    case BlockRole::kDek:
      return "dek";
    case BlockRole::kBody:
      return "body";
    case BlockRole::kHeading:
      return "heading";
    case BlockRole::kCaption:
      return "caption";
    case BlockRole::kByline:
      return "byline";
    case BlockRole::kBoilerplate:
      return "boilerplate";
    case BlockRole::kRepeat:
      return "repeat";
  }
  return "body";
}

const Document* Report::FindDocument(std::string_view id) const {
  for (const Document& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace sitrep
