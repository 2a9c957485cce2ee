#include "recon/cli/run_job.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "parsers/fatal_error.hpp"
#include "recon/cli/progress_bar.hpp"
#include "recon/engine/input_checks.hpp"
#include "recon/engine/run.hpp"
#include "recon/writers/output_set.hpp"
#include "recon/writers/output_writers.hpp"
#include "recon/writers/run_id.hpp"

namespace recon {

RunResult run_recon(const RunConfig& config) {
  const auto start = std::chrono::steady_clock::now();
  check_inputs(config);
  PackOptions packs;
  if (!config.packs.empty()) {
    const std::optional<PackGrouping> grouping = parse_pack_grouping(config.packs);
    if (!grouping) throw FatalError("packs by '" + config.packs + "': not provider or practice");
    packs.grouping = *grouping;
  }
  OutputSet outputs(config.out_dir, output_file_names());
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
  if (run.merged)
    write_outputs(result, *run.merged, outputs, packs);
  else
    write_outputs(result, outputs, packs);
  const auto end = std::chrono::steady_clock::now();
  result.phases.emplace_back("write outputs", std::chrono::duration<double>(end - written).count());
  result.seconds = std::chrono::duration<double>(end - start).count();
  return std::move(result);
}

}  // namespace recon
