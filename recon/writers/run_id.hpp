#pragma once
// The run id: 16 hex digits carried by run_manifest.json and by every summary (summary_by_provider.csv and
// summary_by_rule.csv as a RUN_ID column, run_summary.json, report.html), so that a summary met on its own
// can be matched to the manifest of the set it came with. It is the XXH3-64 of the run key (this version of
// recon, the options that change the outputs, the --config file's settings that change a rule, and each
// input's dataset and row counts) and of
// challenges.csv as written. Never a clock or a random number, and no file path or input byte that differs
// between CSV and NDJSON of the same data: the same inputs give byte-identical outputs in either format and
// at any thread count, spilled or not.
#include <cstdint>
#include <string>

#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"

namespace recon {

inline constexpr const char* kReconVersion = "0.1.0";

// Uses result.options: the rule options as the run used them (with --as-of filled in).
std::string run_key_of(const RunResult& result, const RunConfig& config);
std::string run_id_of(const std::string& run_key, std::uint64_t challenges_csv_hash);

}  // namespace recon
