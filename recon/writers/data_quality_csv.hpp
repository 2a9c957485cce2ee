#pragma once
// data_quality.csv (docs/data_quality.md), from the DQMI measure's result (RunResult::data_quality).
#include <string>

#include "recon/engine/data_quality.hpp"

namespace recon {

// PROCODE3,DATASET,RECORDS,COMPLETENESS,VALIDITY,COVERAGE,DQ_SCORE,FIELDS_BLANKED,BLANKED_FIELDS, one row
// per provider x dataset in the table's order (percentages, two decimals; VALIDITY / COVERAGE empty where not
// measured; the field values blanked as unreadable, in all and by field). Written atomically.
void write_data_quality_csv(const DataQualityTable& quality, const std::string& path);

}  // namespace recon
