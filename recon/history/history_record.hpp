#pragma once
// Recording a run in the challenge history, once its outputs are published (docs/history.md): the run (id,
// as-of date, options, configuration), its inputs (role, path, size, XXH64), every challenge by its
// fingerprint (the facts once, the first time they are raised) and the status this run gave it, the
// challenges it resolved, and its figures per provider. All in one write transaction: a run is in the
// history whole or not at all, and a run that failed before this point wrote nothing to it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recon/engine/rejects.hpp"
#include "recon/engine/run_config.hpp"
#include "recon/history/sqlite_db.hpp"
#include "recon/writers/challenge_history.hpp"

namespace recon::history {

struct InputFile {
  std::string
      role;  // apc, op, ae, previous_apc, register, referrals, conditions, reference, column_map, config
  std::string path;
  std::uint64_t bytes = 0;
  std::string xxh64;  // 16 hex digits, as xxhsum -H1 prints it
};

// The run's input files, in the order of the options (a reference directory's tables by name), with their
// size and XXH64: as the run read them where it took them on the way (`read`: FileCounts::xxh64, the
// activity and practice files and the reference folder's tables), the others (the column map, the config,
// any other file in the reference folder) read once more.
// Throws FatalError naming a file that cannot be read.
std::vector<InputFile> checksum_inputs(const RunConfig& config, const std::vector<FileCounts>& read);

struct RunToRecord {
  std::string run_id, as_of, out_dir;
  std::string options;        // what the run id was made of besides the list (recon/writers/run_id.hpp)
  std::string configuration;  // run_summary.json's configuration member; "" without --config
  std::vector<InputFile> inputs;
  const ChallengeHistory* earlier = nullptr;  // as read before the outputs were written
  const HistoryTally* tally = nullptr;
  std::string_view challenges_csv;  // challenges.csv as published, with its FINGERPRINT and STATUS columns
};

// A run written into the history but not committed yet: the write lock is held, and nothing is visible to
// other readers until commit(). Destroyed uncommitted (the run failed to publish its outputs), it is rolled
// back: the file is as it was.
class StagedRun {
 public:
  StagedRun(std::unique_ptr<Database> db, std::unique_ptr<Transaction> write, std::int64_t run_seq,
            std::string warning);
  ~StagedRun();
  StagedRun(const StagedRun&) = delete;
  StagedRun& operator=(const StagedRun&) = delete;

  std::int64_t run_seq() const { return run_seq_; }
  // Other runs were recorded since `earlier` was read (this run's statuses are against the history as it
  // was then); "" if not.
  const std::string& warning() const { return warning_; }
  void commit();  // throws FatalError

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<Transaction> write_;
  std::int64_t run_seq_;
  std::string warning_;
};

// Everything of the run but the commit, in one write transaction (taking the write lock, waiting for another
// run's or import's). Done while the rest of the outputs are written; committed once they are published.
// Throws FatalError; then nothing of the run is in the file.
std::unique_ptr<StagedRun> stage_run(const std::filesystem::path& path, const RunToRecord& run);

// Now, UTC, as YYYY-MM-DDTHH:MM:SSZ (when a run or import was recorded).
std::string utc_now();

}  // namespace recon::history
