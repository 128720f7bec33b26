// JSON writer: the report contract v1.1 (docs/report-format.md).
//
// Every top-level key is always present, lists possibly empty. Optional values are
// written as null. Fields beyond the contract's minimum (clusters, diagnostics,
// direction_basis, precision, ...) are additions the contract allows.
//
// Thread-safety: pure function.
#ifndef SITREP_REPORT_JSON_H_
#define SITREP_REPORT_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep::report {

// The contract version written as the report's "contract" field. 1.1 added events'
// status, claimants, evidence and changed_in_copy, and the timeline's status and
// changed_in_copy (additive: every v1 field is still there).
inline constexpr const char* kContractVersion = "1.1";

struct JsonOptions {
  // Spaces of indentation; -1 writes one compact line.
  int indent = 2;
};

std::string WriteJson(const Report& report, const JsonOptions& options = {});

// The contract's value for a reuse relation or a drift kind. Contract 1.x keeps the four
// relations and twelve drift kinds of 1.0 (tools check them); the finer values of the
// reuse stage ("excerpt", a partial copy; "added", a fact with no counterpart, "other")
// are written beside them as `relation_detail` and `kind_detail`.
std::string_view ContractRelation(std::string_view relation);
std::string_view ContractDriftKind(std::string_view kind);

// One reuse pair as a JSON object, as `sitrep compare --format json` prints it: the
// report's reuse entry, each drifted fact also with the index of its passage ("passage").
std::string WriteReuseJson(const Reuse& pair, const JsonOptions& options = {});

// Reading back: reuse pairs from a JSON array of the objects the writer writes (a report's
// "reuse", or `sitrep compare --format json` objects), for a caller that found the pairs
// elsewhere (a distributed job hands a piece of the corpus the pairs of the whole). The
// finer relation and drift kind are taken from `relation_detail` and `kind_detail` when
// present; passages keep their byte ranges; a fact's passage index is -1 when not written.
// An error names the first entry that is not a reuse pair.
Result<std::vector<Reuse>> ReadReuseJson(std::string_view json);

}  // namespace sitrep::report

#endif  // SITREP_REPORT_JSON_H_
