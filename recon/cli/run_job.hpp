#pragma once
// `recon run` without its option parsing: the inputs checked, the output set opened (before any input is
// read, so an unwritable --out fails at once), the engine run, and the writers given its result. What the
// CLI and the tests call.
#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"

namespace recon {

// Throws FatalError on set-up problems; the outputs are published as one set, or not at all.
RunResult run_recon(const RunConfig& config);

}  // namespace recon
