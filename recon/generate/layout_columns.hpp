// Column names of the activity files in the HES and SUS layouts, in the order they are written. Each file
// opens with its record key, the patient's identifiers, the provider and the activity date, so a row cut
// short after the activity date (a planted malformed row) is cut at the same point in every layout.
//
// Names are the published ones: the HES data dictionary (as in NHS Digital's Artificial HES files,
// ../shared/realdata) and the SUS commissioner extracts (SEM tables APCS, OPA, ECDS). The contract's
// SUBDATE (and PRICE in HES, which has no payment) are kept under the contract's names, as a commissioner
// adds them to an extract, so that the late-submission anomalies planted in the data can still be found;
// COMMENT is a free-text column no layout reads.
#pragma once

#include <span>
#include <string_view>

#include "core/dataset.hpp"
#include "recon/generate/output_layout.hpp"

namespace recon::generate {

// The activity columns of `dataset` in `layout` (contract: output_columns.hpp's lists).
std::span<const std::string_view> activity_columns(OutputLayout layout, Dataset dataset);

}  // namespace recon::generate
