// Options of `recon generate` after defaults have been resolved (see generate_command.cpp for the CLI).
#pragma once

#include <cstdint>
#include <filesystem>

#include "recon/generate/civil_date.hpp"
#include "recon/generate/output_layout.hpp"
#include "recon/generate/record_writer.hpp"

namespace recon::generate {

struct GenerateOptions {
  std::filesystem::path out_dir;
  std::uint64_t seed = 1;
  std::uint64_t apc_rows = 10000;
  std::uint64_t op_rows = 20000;
  std::uint64_t ae_rows = 10000;
  std::uint64_t patients = 5000;
  std::uint32_t practices = 8;
  std::uint32_t providers = 6;
  OutputFormat format = OutputFormat::csv;
  OutputLayout layout = OutputLayout::contract;  // columns of the activity files (apc, op, ae)
  char delimiter = ',';                          // of every CSV file but truth.csv and the reference tables
  double anomaly_rate = 0.05;  // share of activity rows given a planted anomaly; 0 = clean data
  Day start_date = days_from_civil(2025, 4, 1);
  int months = 12;
  // Also write invoice.csv (.ndjson): the providers' invoice of the activity, with planted mismatches
  // (recon/generate/invoice_output.hpp). Contract layout only.
  bool invoice = false;

  Day period_end() const;  // last day of the activity period
};

// What was written, for the command's summary line and for tests.
struct GenerateSummary {
  std::uint64_t apc_rows = 0;    // rows of apc: one per spell, or per episode in the HES layout
  std::uint64_t apc_spells = 0;  // spells (truth.csv's APC record ids)
  std::uint64_t op_rows = 0;
  std::uint64_t ae_rows = 0;
  std::uint64_t register_rows = 0;
  std::uint64_t referral_rows = 0;
  std::uint64_t condition_rows = 0;
  std::uint64_t truth_rows = 0;
  std::uint64_t invoice_rows = 0;  // with --invoice
};

}  // namespace recon::generate
