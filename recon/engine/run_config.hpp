#pragma once
#include <string>
#include <vector>

#include "parsers/national/national_reference.hpp"
#include "recon/engine/rule_settings.hpp"
#include "rules/rule.hpp"

namespace recon {

// Everything `recon run` needs; filled from the command line (recon/cli/run_command.cpp) or directly by
// tests.
struct RunConfig {
  std::vector<std::string> apc, op, ae;   // provider activity files (several allowed)
  std::vector<std::string> previous_apc;  // an earlier period's APC: the pattern rules' own-past baseline
  std::string register_file, referrals_file, conditions_file;  // practice records (optional)
  std::string reference_dir;                                   // national reference tables (optional)
  // The national files as published (--prices, --icd10, ...): converted and loaded with reference_dir's
  // tables, each winning over the folder's of the same name (recon/engine/national_tables.hpp).
  national::NationalFiles national;
  std::string column_map;  // optional column-mapping file
  // The activity files' column layout (parsers/layouts.hpp): contract, hes, sus, or auto (each file's from
  // its header row).
  std::string layout = "auto";
  std::string out_dir;                      // required
  int threads = 0;                          // 0 = all cores
  bool progress = false;                    // progress bar (only when stderr is a terminal)
  bool quiet = false;                       // no summary on stdout
  std::vector<std::string> disabled_rules;  // rule ids to skip
  RuleOptions rule_options;
  RuleSettings rule_settings;  // --config: severities, rules on or off, per-provider settings, and sources
  std::size_t chunk_bytes = 4u << 20;
  // Records held for the patient rules beyond this are spilled to disk (in --out), keeping memory bounded.
  std::uint64_t memory_budget_bytes = std::uint64_t{1024} << 20;
  // CSV activity and practice files: ',', '|', '\t', or 0 to detect each file's from its header row
  // (parsers/csv_delimiter.hpp). Reference tables are always detected.
  char delimiter = 0;
  // Pseudonymised data (recon/engine/patient_ids.hpp): every activity file's patient id is a pseudonym
  // (HES and SUS layouts say so themselves), and the practice files' column that holds the same pseudonym.
  bool pseudonymised = false;
  std::string practice_pseudonym_column;
  // Challenge packs (--packs, --packs-by): "" for none, "provider" or "practice"
  // (recon/writers/challenge_packs.hpp).
  std::string packs;
  // The provider's invoice (SLAM) files, reconciled against the activity (--invoice, docs/invoice.md).
  std::vector<std::string> invoice;
  // The challenge history (--history, docs/history.md): a SQLite file; "" for none.
  std::string history_file;
};

}  // namespace recon
