#pragma once
// The run's outputs (DATA_CONTRACT.md "Output"), each written atomically into the output directory:
//   challenges.csv, challenges.json   the challenge list (CHALLENGE_ID ... EVIDENCE)
//   summary_by_provider.csv           per provider: records, charged, challenged (each record counted once)
//   summary_by_rule.csv               per rule: challenges and amount at risk
//   rejects.csv                       malformed input rows: FILE,LINE,DATASET,REASON
//   run_summary.json                  rows in / accepted / rejected per file, rules run and skipped
//   data_quality.csv                  per provider x dataset: completeness, validity, coverage
//   report.html                       the human report: one self-contained page (recon/report_html.hpp)
#include <string>

#include "recon/run_result.hpp"

namespace recon {

std::string challenge_id(std::size_t index);  // "CH00000001" for index 0
void write_outputs(const RunResult& result, const std::string& out_dir);

}  // namespace recon
