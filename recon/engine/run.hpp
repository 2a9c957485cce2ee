#pragma once
#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"

namespace recon {

// The whole job: load reference data and practice records, stream the activity files through the parallel
// parse stage (row rules), run the patient rules over the patient partitions in parallel, sort the challenges
// into canonical order and write every output atomically. Throws FatalError on set-up problems.
RunResult run_recon(const RunConfig& config);

// The human summary printed at the end of a run (no patient identifiers).
std::string format_run_summary(const RunResult& result, const RunConfig& config);

}  // namespace recon
