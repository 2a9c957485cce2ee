#include "recon/cli/run_job.hpp"

#include <unistd.h>

#include <chrono>
#include <future>
#include <iostream>
#include <optional>

#include "core/day.hpp"
#include "parsers/fatal_error.hpp"
#include "recon/cli/progress_bar.hpp"
#include "recon/engine/input_checks.hpp"
#include "recon/engine/run.hpp"
#include "recon/history/history_read.hpp"
#include "recon/history/history_record.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/configuration_json.hpp"
#include "recon/writers/output_set.hpp"
#include "recon/writers/output_writers.hpp"
#include "recon/writers/run_id.hpp"

namespace recon {
namespace {

// run_summary.json's configuration member, as the object alone ("" without --config).
std::string configuration_object(const RunResult& result) {
  const std::string member = configuration_json_member(result);
  const std::size_t brace = member.find('{');
  return brace == std::string::npos ? std::string() : member.substr(brace);
}

// The run into the history, in one write transaction: staged while the rest of the outputs are written and
// published (so that its inserts overlap them), committed only once the set is published.
history::RunToRecord run_to_record(const RunConfig& config, const RunResult& result,
                                   const ChallengeHistory& earlier, const HistoryOutputs& outputs) {
  history::RunToRecord run;
  run.run_id = result.run_id;
  run.as_of = format_day(result.options.as_of);
  run.out_dir = config.out_dir;
  run.options = result.run_key;
  run.configuration = configuration_object(result);
  run.earlier = &earlier;
  run.tally = &outputs.tally;
  run.challenges_csv = outputs.challenges_csv->text();
  return run;
}

// What the terminal says of it.
void note_recorded(const RunConfig& config, RunResult& result, const ChallengeHistory& earlier,
                   const HistoryOutputs& outputs, const history::StagedRun& staged) {
  const std::uint64_t* n = outputs.tally.counts;
  result.history_notes.push_back(
      "challenge history: run " + std::to_string(staged.run_seq()) + " recorded in " + config.history_file +
      ": " + std::to_string(n[0]) + " new, " + std::to_string(n[1]) + " repeat, " + std::to_string(n[2]) +
      " answered; " + std::to_string(outputs.tally.resolved.size()) + " resolved since run " +
      (earlier.previous_run_id.empty() ? std::string("(none)") : earlier.previous_run_id) +
      " (resolved.csv)");
  if (!staged.warning().empty()) result.history_warnings.push_back(staged.warning());
}

[[noreturn]] void history_not_recorded(const FatalError& e) {
  throw FatalError(std::string(e.what()) +
                   " (the outputs in --out are complete, but this run is not in the history: run it again to "
                   "record it)");
}

}  // namespace

RunResult run_recon(const RunConfig& config) {
  const auto start = std::chrono::steady_clock::now();
  check_inputs(config);
  PackOptions packs;
  if (!config.packs.empty()) {
    const std::optional<PackGrouping> grouping = parse_pack_grouping(config.packs);
    if (!grouping) throw FatalError("packs by '" + config.packs + "': not provider or practice");
    packs.grouping = *grouping;
  }
  const bool with_history = !config.history_file.empty();
  if (with_history)
    if (const std::string warning = history::check_history_path(config.history_file); !warning.empty())
      std::cerr << "recon: warning: " << warning << '\n';
  OutputSet outputs(config.out_dir, output_file_names());
  // The earlier runs are read while the engine runs (which takes the inputs' checksums as it reads them).
  std::future<ChallengeHistory> earlier;
  if (with_history)
    earlier = std::async(std::launch::async, [&] { return history::read_history(config.history_file); });
  EngineRun run;
  {
    ProgressBar progress(total_input_bytes(config), config.progress);
    // Spill files live in the run's private staging directory: one place to clean up, whatever happens.
    // A notice starts on a line of its own: "\r" plus erase-line where the bar may be drawn on this one.
    const char* clear_bar = config.progress && ::isatty(STDERR_FILENO) ? "\r\033[K" : "";
    run = run_engine(config,
                     {outputs.staging_dir(), [&](std::uint64_t n) { progress.add(n); },
                      [&](const std::string& line) { std::cerr << clear_bar << "recon: " << line << '\n'; }});
  }
  RunResult& result = run.result;
  result.run_key = run_key_of(result, config);
  const auto written = std::chrono::steady_clock::now();
  std::optional<ChallengeHistory> history;
  HistoryOutputs history_outputs;
  std::future<std::unique_ptr<history::StagedRun>> staged;
  if (with_history) {
    history = earlier.get();
    history_outputs.history = &*history;
    history_outputs.list_written = [&] {
      staged = std::async(std::launch::async,
                          [&, run = run_to_record(config, result, *history, history_outputs)]() mutable {
                            run.inputs = history::checksum_inputs(config, result.counts);
                            return history::stage_run(config.history_file, run);
                          });
    };
  }
  HistoryOutputs* with = with_history ? &history_outputs : nullptr;
  // Should the outputs fail, a history transaction staged meanwhile is rolled back when `staged` goes.
  if (run.merged)
    write_outputs(result, *run.merged, outputs, packs, with);
  else
    write_outputs(result, outputs, packs, with);
  auto end = std::chrono::steady_clock::now();
  result.phases.emplace_back("write outputs", std::chrono::duration<double>(end - written).count());
  if (with_history) {
    try {
      const std::unique_ptr<history::StagedRun> recorded = staged.get();
      recorded->commit();
      note_recorded(config, result, *history, history_outputs, *recorded);
    } catch (const FatalError& e) {
      history_not_recorded(e);
    }
    const auto committed = std::chrono::steady_clock::now();
    result.phases.emplace_back("record history", std::chrono::duration<double>(committed - end).count());
    end = committed;
  }
  result.seconds = std::chrono::duration<double>(end - start).count();
  return std::move(result);
}

}  // namespace recon
