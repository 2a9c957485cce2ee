// Entry point of the synthetic data generator behind `recon generate`.
#pragma once

#include "recon/generate/generate_options.hpp"

namespace recon::generate {

// Writes the whole coherent data set into options.out_dir (created if missing). Throws
// std::invalid_argument for impossible options and std::runtime_error for I/O failures.
GenerateSummary run_generator(const GenerateOptions& options);

// File names the generator writes, relative to the output directory.
const char* activity_extension(OutputFormat format);  // ".csv" or ".ndjson"

}  // namespace recon::generate
