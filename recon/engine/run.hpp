#pragma once
// The engine: a run as a sequence of stages. It reads the inputs and returns what it found; it prints
// nothing and writes no output (recon/writers/ write the outputs from the result), only its private spill
// files into the directory it is lent.
//
//   load stage       recon/engine/table_loader.hpp     reference tables and practice records, whole
//   rule selection   recon/engine/rule_selection.hpp   which rules can run on what was supplied
//   row stage        recon/engine/row_stage.hpp        activity files streamed in parallel: row rules,
//                                                      aggregate counters, data quality, the patient store
//   patient stage    recon/engine/patient_stage.hpp    each patient's history: the patient rules
//   aggregate stage  recon/engine/aggregate_stage.hpp  the pattern rules, judged once
//   challenge list   recon/engine/challenge_spool.hpp  in canonical order, in memory or merged from disk
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "recon/engine/challenge_spool.hpp"
#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"

namespace recon {

// What the caller lends the engine.
struct EngineIo {
  std::filesystem::path spill_dir;                 // a private (0700) directory for spill files
  std::function<void(std::uint64_t)> on_progress;  // input bytes read (a progress bar)
  // A line for the user, such as a delimiter detected (IngestOptions::on_notice).
  std::function<void(const std::string&)> on_notice{};
};

struct EngineRun {
  RunResult result;  // result.challenges holds the list in canonical order, unless it was spilled:
  // then `spilled_list` holds it (in its sorted runs on disk) and `merged` hands it out, merged, in canonical
  // order; the writers stream it and gather the totals on the way.
  std::unique_ptr<ChallengeSpool> spilled_list;
  std::unique_ptr<ChallengeSource> merged;  // declared after the spool it reads: destroyed first
};

// Throws FatalError on a problem with the inputs (call check_inputs first to fail before any work).
EngineRun run_engine(const RunConfig& config, const EngineIo& io);

}  // namespace recon
