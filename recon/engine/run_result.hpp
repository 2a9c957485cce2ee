#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/challenge.hpp"
#include "core/report_data.hpp"
#include "recon/engine/challenge_totals.hpp"
#include "recon/engine/data_quality.hpp"
#include "recon/engine/invoice_stage.hpp"
#include "recon/engine/rejects.hpp"
#include "recon/engine/rule_settings.hpp"
#include "recon/engine/spell_stage.hpp"
#include "rules/rule.hpp"

namespace recon {

struct ProviderTotals {
  std::uint64_t records[3] = {0, 0, 0};  // by Dataset
  Pence charged = 0;
};

struct RuleStatus {
  std::string id;
  bool ran = false;
  std::string why_not;  // when not run
  // When run: how many records the rule was handed, and what they were ("activity records with a valid NHS
  // number" for the patient rules). A rule that ran on none checked nothing, and the outputs say so rather
  // than report "0 challenges" as if it had looked.
  std::uint64_t records_checked = 0;
  std::string records_what;
};

struct RunResult {
  std::string run_key;                  // what the run id is made of besides the challenge list (run_id.hpp)
  std::string run_id;                   // set by the writers once challenges.csv is written
  std::vector<std::string> file_paths;  // SourcePos::file indexes this
  std::vector<FileCounts> counts;       // per input file
  std::vector<Reject> rejects;          // sorted by file, line
  // In canonical order (challenge_order). Empty after a run whose list outgrew --memory-mb: that list was
  // spilled to disk and streamed to challenges.csv/.json, and challenge_totals holds what the other outputs
  // need of it.
  std::vector<Challenge> challenges;
  std::optional<ChallengeTotals> challenge_totals;
  std::map<Code, ProviderTotals> providers;
  std::vector<RuleStatus> rules;
  RuleOptions options;  // as the rules used them (--as-of filled in)
  // The rule configuration in force, every rule (rule_settings.hpp), and the --config file (empty: none).
  std::vector<EffectiveRule> configuration;
  std::string config_file;
  bool configured_on_command_line = false;  // --enable or --severity given
  // Episode-level APC files: what their episodes became (one entry per file that held any), and the spells
  // not finished yet (spell_stage.hpp), in file order.
  std::vector<SpellCounts> spells;
  std::vector<OpenSpell> open_spells;
  ReportData report;              // figures for the human report
  DataQualityTable data_quality;  // the DQMI measure's counts (completeness, validity, coverage)
  double seconds = 0;
  std::vector<std::pair<std::string, double>> phases;  // wall seconds per phase
  std::uint64_t activity_rows = 0;                     // APC + OP + A&E rows in
  struct StoreUse {
    std::uint64_t records = 0, spilled_records = 0;  // held for the patient rules; of them written to disk
    int spills = 0;
    int partitions_in_pieces = 0;      // spilled partitions too large for memory, read back in pieces
    std::uint64_t practice_bytes = 0;  // the practice lists in memory, charged to --memory-mb first
    std::uint64_t budget_bytes = 0;    // what --memory-mb left the store and the challenge list
  } store;
  std::size_t challenge_runs = 0;  // sorted runs of the challenge list spilled to disk (0: held in memory)
  std::size_t packs_written = 0;   // challenge packs (--packs), each a .csv and an .xlsx
  std::optional<InvoiceReconciliation> invoice;  // only for a run given --invoice
  // With --history: what recording the run said (for the terminal), and its warnings.
  std::vector<std::string> history_notes, history_warnings;

  std::uint64_t rows_in() const;
  std::uint64_t accepted() const;
  std::uint64_t rejected() const;
  // challenge_totals when the list was streamed, else the totals of `challenges` (a list held in memory).
  ChallengeTotals totals() const;
};

}  // namespace recon
