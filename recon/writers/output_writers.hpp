#pragma once
// The run's outputs (docs/data_contract.md), published together as one set
// (recon/writers/output_set.hpp):
//   challenges.csv, challenges.json   the challenge list (CHALLENGE_ID ... EVIDENCE)
//   summary_by_provider.csv           per provider: records, charged, challenged (each record counted once)
//   summary_by_rule.csv               per rule: challenges and amount at risk
//   rejects.csv                       malformed input rows: FILE,LINE,DATASET,REASON
//   run_summary.json                  rows in / accepted / rejected per file, rules run and skipped
//   data_quality.csv                  per provider x dataset: completeness, validity, coverage
//   report.html                       the human report: one self-contained page
//   (recon/writers/report_html.hpp)
//   packs/<CODE>.csv, .xlsx           with --packs: a challenge pack per provider or practice
//   (recon/writers/challenge_packs.hpp)
//   resolved.csv                      with --history: the previous run's challenges this run no longer raises
//   (recon/writers/resolved_csv.hpp; the statuses: recon/writers/challenge_history.hpp)
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "recon/engine/challenge_spool.hpp"
#include "recon/engine/run_result.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/challenge_history.hpp"
#include "recon/writers/challenge_id.hpp"  // the CHALLENGE_ID column
#include "recon/writers/challenge_packs.hpp"
#include "recon/writers/output_set.hpp"

namespace recon {

// A run with a challenge history: the earlier runs as read (`history`, required), and what the writers hand
// back for recording this run once the set is published.
struct HistoryOutputs {
  const ChallengeHistory* history = nullptr;
  HistoryTally tally;  // this run's statuses, per provider; the resolved challenges
  // challenges.csv as published (with its FINGERPRINT and STATUS columns), mapped as soon as it is written:
  // the same bytes whatever a later run does to --out.
  std::unique_ptr<MappedChallengeCsv> challenges_csv;
  // Called once the list is written and the tally complete, before the other files are written and the set
  // is published: the history can be written meanwhile (and committed after).
  std::function<void()> list_written;
};

// The names of the files above, the set write_outputs publishes (and run_manifest.json lists).
const std::vector<std::string>& output_file_names();
// Writes every file into the output set's staging directory, then publishes them as one set. `packs`: the
// challenge packs to add (its grouping; the run id and date are the run's).
void write_outputs(RunResult& result, OutputSet& outputs, const PackOptions& packs = {},
                   HistoryOutputs* history = nullptr);
// The same for a list that is not in result.challenges (a spilled one, merged from disk as it streams):
// the challenge files are written first, and result.challenge_totals, gathered on the way, feeds the rest.
void write_outputs(RunResult& result, ChallengeSource& challenges, OutputSet& outputs,
                   const PackOptions& packs = {}, HistoryOutputs* history = nullptr);

}  // namespace recon
