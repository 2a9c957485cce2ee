#pragma once
// The summary `recon run` prints at the end: rows in = accepted + rejected per file, challenges and the
// amount at risk per rule, rules not run and why, time and memory. No patient identifiers.
#include <string>

#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"

namespace recon {

std::string format_run_summary(const RunResult& result, const RunConfig& config);

}  // namespace recon
