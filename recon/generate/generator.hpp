// Entry point of the synthetic data generator behind `recon generate`.
//
// The generator is an independent oracle. Its truth.csv is the ground truth the checker is judged
// against, so it shares no code with the checker (core/, parsers/, rules/, recon/engine/ and the rest of
// recon/): it has its own calendar arithmetic, NHS number check, code and HRG catalogues and tariff
// prices, written from the specification and not from the checker's derivations. A bug in the
// checker therefore cannot be copied into the truth that would otherwise have caught it. The one shared
// header is core/dataset.hpp, a header-only vocabulary enum (recon::Dataset and its name) with no logic
// behind it. CMake builds the generator as its own library (recon_generate) linking nothing of the
// checker, and GenerateIndependence.IncludesNothingOfTheChecker (tests/generate_test.cpp) fails if a file
// here includes a project header from outside recon/generate/ other than core/dataset.hpp.
#pragma once

#include "recon/generate/generate_options.hpp"

namespace recon::generate {

// Writes the whole coherent data set into options.out_dir (created if missing). Throws
// std::invalid_argument for impossible options and std::runtime_error for I/O failures.
GenerateSummary run_generator(const GenerateOptions& options);

// File names the generator writes, relative to the output directory.
const char* activity_extension(OutputFormat format);  // ".csv" or ".ndjson"

}  // namespace recon::generate
