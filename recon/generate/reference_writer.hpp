// Writes the synthetic reference files (tariffs, code lists, CC scores and bands, QOF map, submission
// calendar) into DIR/reference, always as CSV with exactly the contract's columns.
#pragma once

#include <filesystem>

#include "recon/generate/civil_date.hpp"

namespace recon::generate {

// `first_month_day` .. `last_month_day`: any days in the first and last month the calendar must cover.
void write_reference_files(const std::filesystem::path& dir, Day first_month_day, Day last_month_day);

}  // namespace recon::generate
