#pragma once
// The run's output files are published as one set, so that a reader can always tell a complete set from a
// mixed one (README "Outputs").
//
// Why a manifest and not a directory swap: users (and their scripts) read --out/challenges.csv etc. as
// plain files. Swapping a symlinked directory would be atomic, but every output would become a symlink,
// which copies, archives and network shares do not all follow. So the files stay plain files, renamed into
// place one by one, and run_manifest.json is the last file in: it names every file of the set with its size
// and XXH64, so a reader (or `recon`) can verify the set, and its absence means "not a complete set".
//
// The life of a set:
//   1. the constructor, before any input is read: --out is created if missing, leftovers of dead runs are
//      cleaned up (or, for a run killed while publishing, finished), and the private staging directory
//      --out/.recon-tmp-PID (0700) is created and proved writable with a probe file;
//   2. the writers write every output into the staging directory (files 0600);
//   3. publish(): each file is synced and hashed, then the manifest is written into the staging directory:
//      from that moment the set is committed. The old run_manifest.json is removed, the files are renamed
//      into --out, and the new manifest is renamed in last.
// A run killed before 3 leaves the previous set untouched (its staging directory is removed by the next
// run). A run killed during 3 leaves --out without a manifest; the next run in the same --out finds the
// committed staging directory and completes the renames. Two runs publishing into the same --out take turns
// (flock on the directory).
//
// A set may also hold files one folder down (the challenge packs, packs/RTH.xlsx), named "FOLDER/NAME" and
// staged as staging/FOLDER/NAME; the folder is created in --out when the set is published. Because such
// files vary from run to run (one per provider), publishing removes the files the previous set's manifest
// named that this set does not have (and their folder, once empty), so --out never mixes one run's packs
// with another's. Files recon did not write are never touched.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recon/files/signal_cleanup.hpp"

namespace recon {

inline constexpr std::string_view kManifestName = "run_manifest.json";

class OutputSet {
 public:
  // Step 1. `expected_files` are the names a set has (to clean up earlier versions' NAME.tmp-PID files).
  // Prints one "recon: warning:" line on stderr for each thing it found and did. Throws FatalError naming
  // `out_dir` when it cannot be created or written.
  OutputSet(std::filesystem::path out_dir, std::vector<std::string> expected_files);
  ~OutputSet();  // removes the staging directory and whatever is still in it
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  const std::filesystem::path& staging_dir() const { return staging_; }
  std::filesystem::path staged(std::string_view name) const { return staging_ / name; }
  // A file known only once the run has written it (e.g. "packs/RTH.xlsx": at most one folder down, no name
  // part starting with '.'); staged like the others, before publish().
  void add_file(std::string name);
  // Step 3 for every expected file (each must be in the staging directory). Throws FatalError.
  void publish();
  // The run id the manifest names (recon/writers/run_id.hpp); without one, the XXH64 of the file list.
  void set_run_id(std::string id) { run_id_ = std::move(id); }

 private:
  std::string run_id_;
  std::filesystem::path out_, staging_;
  std::vector<std::string> files_;
  unsigned default_mode_;  // 0666 & ~umask: the mode the outputs had before staging existed
  std::optional<RemoveOnSignal> remove_on_signal_;
};

// The result of checking --out against its run_manifest.json.
struct SetCheck {
  bool complete = false;  // a manifest, and every file it names matches it
  std::string run_id;     // from the manifest
  std::string problem;    // why not complete (no patient data: file names and sizes only)
};
// `hashes`: also compare each file's XXH64 (reads every file), not just its size.
SetCheck check_output_set(const std::filesystem::path& out_dir, bool hashes = true);

}  // namespace recon
