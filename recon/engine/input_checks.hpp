#pragma once
// What is checked before any work is done, so that a long run never dies half-way on a typo.
#include <cstdint>
#include <string>
#include <vector>

#include "recon/engine/run_config.hpp"

namespace recon {

// Every input file the run reads, activity and practice files and the column map (not the reference tables).
std::vector<std::string> all_input_paths(const RunConfig& config);

// Throws FatalError naming the first missing input, an absent reference directory or an unknown --disable id.
// --out itself is checked (created, and proved writable) by the OutputSet made right after this.
void check_inputs(const RunConfig& config);

// The bytes the run will read (for the progress bar).
std::uint64_t total_input_bytes(const RunConfig& config);

}  // namespace recon
