#include "recon/writers/output_set.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <tbb/parallel_for.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/file_digest.hpp"
#include "recon/files/private_files.hpp"

namespace recon {
namespace fs = std::filesystem;
namespace {

// A staged or published output file: its name in the set, its size and XXH64 (digest_file's).
struct NamedDigest {
  std::string name;
  std::uint64_t bytes = 0;
  std::uint64_t xxh64 = 0;
};

std::string error_text() { return std::strerror(errno); }

NamedDigest digest_named(const fs::path& path, std::string name, bool sync) {
  const FileDigest d = digest_file(path, sync);
  return {std::move(name), d.bytes, d.xxh64};
}

// The set's id: the run's (recon/writers/run_id.hpp: made from its inputs and options), which the summaries
// and the report carry too; without one, the XXH64 of the file list. Never a clock or a random number, so
// that the same inputs still give byte-identical outputs (the manifest included).
std::string manifest_text(const std::vector<NamedDigest>& files, const std::string& run_id) {
  std::string list;
  for (const NamedDigest& f : files)
    list += f.name + ' ' + std::to_string(f.bytes) + ' ' + hex64(f.xxh64) + '\n';
  const std::string id = run_id.empty() ? hex64(XXH64(list.data(), list.size(), 0)) : run_id;
  std::string s = "{\n  \"run_id\": \"" + id + "\",\n  \"files\": [";
  for (std::size_t i = 0; i < files.size(); ++i)
    s += std::string(i ? "," : "") + "\n    {\"name\": \"" + files[i].name +
         "\", \"bytes\": " + std::to_string(files[i].bytes) + ", \"xxh64\": \"" + hex64(files[i].xxh64) +
         "\"}";
  return s + "\n  ]\n}\n";
}

// Parses what manifest_text wrote; nullopt when it is not that.
std::optional<std::vector<NamedDigest>> parse_manifest(const std::string& text, std::string& run_id) {
  static const std::regex id_re(R"re("run_id": "([0-9a-f]{16})")re");
  // A name is a plain file in --out or one folder down (packs/RTH.xlsx), no part with a leading '.' (so never
  // "..", nor a staging directory).
  static const std::regex file_re(
      R"re(\{"name": "([^"/.][^"/]*(?:/[^"/.][^"/]*)?)", "bytes": (\d+), "xxh64": "([0-9a-f]{16})"\})re");
  std::smatch m;
  if (!std::regex_search(text, m, id_re)) return std::nullopt;
  run_id = m[1];
  std::vector<NamedDigest> files;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), file_re); it != std::sregex_iterator(); ++it)
    files.push_back({(*it)[1], std::stoull((*it)[2]), std::stoull((*it)[3], nullptr, 16)});
  if (files.empty()) return std::nullopt;
  return files;
}

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    throw FatalError("cannot move " + from.string() + " to " + to.string() + ": " + error_text());
}

// Exclusive use of --out for one run's clean-up or publication (flock on the directory itself: no lock file
// to leave behind). Released when the process dies, however it dies.
class DirLock {
 public:
  explicit DirLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0)
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_;
};

// The folder a set's file "FOLDER/NAME" is published into, created with the user's usual mode (as --out
// itself) when missing. Nothing for a file directly in --out.
void make_parent_dir(const fs::path& out, const std::string& name) {
  const std::size_t slash = name.find('/');
  if (slash == std::string::npos) return;
  const fs::path dir = out / name.substr(0, slash);
  if (::mkdir(dir.c_str(), 0777) != 0 && !(errno == EEXIST && fs::is_directory(dir)))
    throw FatalError("cannot create " + dir.string() + ": " + error_text());
}

bool valid_set_file_name(const std::string& name) {
  static const std::regex name_re(R"re([^"/.\\][^"/\\]*(?:/[^"/.\\][^"/\\]*)?)re");
  return std::regex_match(name, name_re);
}

void warn(const std::string& message) { std::cerr << "recon: warning: " << message << "\n"; }

// A dead run's staging directory. With a manifest in it, that run was killed while publishing: its set is
// committed and complete in the staging directory plus --out, so finish the renames. Without one, it died
// before committing and --out still holds the set before it: just remove its files.
void recover_dead_staging(const fs::path& out, const fs::path& staging, pid_t pid) {
  const std::string who = "an earlier run (process " + std::to_string(pid) + ")";
  std::string run_id;
  const auto manifest = read_text(staging / kManifestName);
  const auto files = manifest ? parse_manifest(*manifest, run_id) : std::nullopt;
  if (files) {
    for (const NamedDigest& f : *files) {
      std::error_code ec;
      if (fs::exists(staging / f.name, ec)) {
        try {
          make_parent_dir(out, f.name);
        } catch (const FatalError&) {  // the check below reports the file as missing
        }
        fs::rename(staging / f.name, out / f.name, ec);
      }
    }
    std::error_code ec;
    fs::rename(staging / kManifestName, out / kManifestName, ec);
    const SetCheck check = check_output_set(out);
    warn(who + " was killed while publishing its outputs in " + out.string() + ": " +
         (check.complete ? "its set (run " + run_id + ") has now been completed from its staged files"
                         : "they could not be completed (" + check.problem + "); this run replaces them"));
  } else {
    warn("removed the unfinished temporary files of " + who + " that was interrupted in " + out.string() +
         "; the outputs there are still those of the run before it");
  }
  std::error_code ec;
  fs::remove_all(staging, ec);
}

void recover_dead_runs(const fs::path& out, const std::vector<std::string>& expected_files) {
  DirLock lock(out);  // not while another recon publishes here
  std::vector<std::pair<fs::path, pid_t>> dead;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out, ec)) {
    const pid_t pid = pid_in_name(e.path().filename().string(), kStagingPrefix);
    if (pid && pid != ::getpid() && !process_is_alive(pid)) dead.emplace_back(e.path(), pid);
  }
  for (const auto& [staging, pid] : dead) recover_dead_staging(out, staging, pid);
  // What earlier versions left: spill directories and NAME.tmp-PID files beside the outputs.
  const std::vector<std::string_view> names(expected_files.begin(), expected_files.end());
  const std::vector<std::string> removed = remove_dead_leftovers(out, {kLegacySpillPrefix}, names);
  if (!removed.empty())
    warn("removed " + std::to_string(removed.size()) + " temporary file(s) left in " + out.string() +
         " by interrupted runs");
  if (fs::exists(out / kManifestName, ec)) {
    const SetCheck check = check_output_set(out, /*hashes=*/false);  // sizes only: cheap on every start
    if (!check.complete)
      warn("the outputs in " + out.string() + " do not match their run_manifest.json (" + check.problem +
           "); this run replaces them");
  } else if (std::any_of(expected_files.begin(), expected_files.end(),
                         [&](const std::string& f) { return fs::exists(out / f, ec); })) {
    warn("the outputs in " + out.string() + " have no run_manifest.json, so they cannot be told to be one " +
         "set (left by a run stopped while publishing, or by a recon before manifests); this run replaces "
         "them");
  }
}

}  // namespace

OutputSet::OutputSet(fs::path out_dir, std::vector<std::string> expected_files)
    : out_(std::move(out_dir)), files_(std::move(expected_files)) {
  std::error_code ec;
  fs::create_directories(out_, ec);
  if (ec || !fs::is_directory(out_))
    throw FatalError("cannot create output directory " + out_.string() + ": " +
                     (ec ? ec.message() : "not a directory"));
  const mode_t umask_now = ::umask(0);  // umask can only be read by setting it; this runs before any writer
  ::umask(umask_now);
  default_mode_ = 0666 & ~umask_now;

  // Prove --out is writable now, not after the whole run: create the staging directory and a file in it
  // (a real attempt, not a permission check: root passes those, and a read-only mount fails neither).
  staging_ = out_ / (std::string(kStagingPrefix) + std::to_string(::getpid()));
  if (fs::exists(staging_, ec)) {  // a dead run's, whose process id this one now has
    DirLock lock(out_);
    recover_dead_staging(out_, staging_, ::getpid());
  }
  try {
    create_private_dir(staging_);
    const fs::path probe = staging_ / ".probe";
    const int fd = create_private_file(probe);
    const bool wrote = ::write(fd, "", 0) == 0;
    ::close(fd);
    if (!wrote || std::remove(probe.c_str()) != 0)
      throw FatalError("cannot write in " + staging_.string() + ": " + error_text());
  } catch (const FatalError& e) {
    fs::remove_all(staging_, ec);
    throw FatalError("output directory " + out_.string() + " is not writable (" + e.what() + ")");
  }
  remove_on_signal_.emplace(staging_);
  recover_dead_runs(out_, files_);
}

OutputSet::~OutputSet() {
  remove_on_signal_.reset();
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputSet::add_file(std::string name) {
  if (!valid_set_file_name(name) || std::find(files_.begin(), files_.end(), name) != files_.end())
    throw FatalError("internal error: '" + name + "' cannot be added to the output set");
  files_.push_back(std::move(name));
}

namespace {
// After the new set's files are in place, before its manifest is: the previous set's files that this set
// does not have (only the previous manifest's, never a file recon did not write), then their folders if
// that leaves them empty.
void remove_files_of_previous_set(const fs::path& out, const std::vector<NamedDigest>& previous,
                                  const std::vector<std::string>& current) {
  std::vector<fs::path> folders;
  for (const NamedDigest& f : previous) {
    if (std::find(current.begin(), current.end(), f.name) != current.end()) continue;
    if (std::remove((out / f.name).c_str()) != 0 && errno != ENOENT)
      throw FatalError("cannot remove " + (out / f.name).string() + " of the previous set: " + error_text());
    if (const std::size_t slash = f.name.find('/'); slash != std::string::npos)
      folders.push_back(out / f.name.substr(0, slash));
  }
  for (const fs::path& dir : folders) ::rmdir(dir.c_str());  // fails, as it should, unless empty
}
}  // namespace

void OutputSet::publish() {
  // Seal: every staged file gets the mode the outputs always had, is made durable and hashed.
  std::vector<NamedDigest> digests(files_.size());
  tbb::parallel_for(std::size_t{0}, files_.size(), [&](std::size_t i) {
    const fs::path path = staged(files_[i]);
    if (::chmod(path.c_str(), default_mode_) != 0)
      throw FatalError("cannot set the mode of " + path.string() + ": " + error_text());
    digests[i] = digest_named(path, files_[i], /*sync=*/true);
  });
  // Commit: the manifest in the staging directory says the set is complete (written whole, then renamed).
  const fs::path part = staged(std::string(kManifestName) + ".part");
  write_private_text(part, manifest_text(digests, run_id_), default_mode_);
  rename_or_throw(part, staged(kManifestName));
  fsync_path(staging_);

  DirLock lock(out_);
  DeferSignalCleanup finish_before_any_signal_cleanup;
  std::string previous_id;
  const auto previous_text = read_text(out_ / kManifestName);
  const std::vector<NamedDigest> previous =
      previous_text ? parse_manifest(*previous_text, previous_id).value_or(std::vector<NamedDigest>{})
                    : std::vector<NamedDigest>{};
  if (std::remove((out_ / kManifestName).c_str()) != 0 && errno != ENOENT)
    throw FatalError("cannot remove the old " + (out_ / kManifestName).string() + ": " + error_text());
  fsync_path(out_);  // no old manifest from here on, or it would vouch for a mixed set
  for (const std::string& name : files_) {
    make_parent_dir(out_, name);
    rename_or_throw(staged(name), out_ / name);
    fault_point("published");
  }
  remove_files_of_previous_set(out_, previous, files_);
  std::set<std::string> folders;  // the renames into a folder made durable too (before the manifest)
  for (const std::string& name : files_)
    if (const std::size_t slash = name.find('/'); slash != std::string::npos)
      folders.insert(name.substr(0, slash));
  for (const std::string& folder : folders) fsync_path(out_ / folder);
  rename_or_throw(staged(kManifestName), out_ / kManifestName);
  fsync_path(out_);
}

SetCheck check_output_set(const fs::path& out_dir, bool hashes) {
  SetCheck check;
  const auto text = read_text(out_dir / kManifestName);
  if (!text) {
    check.problem = "no " + std::string(kManifestName);
    return check;
  }
  const auto files = parse_manifest(*text, check.run_id);
  if (!files) {
    check.problem = std::string(kManifestName) + " is not a recon manifest";
    return check;
  }
  for (const NamedDigest& f : *files) {
    std::error_code ec;
    const std::uint64_t bytes = fs::file_size(out_dir / f.name, ec);
    if (ec) {
      check.problem = f.name + " is missing";
      return check;
    }
    if (bytes != f.bytes) {
      check.problem =
          f.name + " has " + std::to_string(bytes) + " bytes, the manifest says " + std::to_string(f.bytes);
      return check;
    }
    if (hashes && digest_file(out_dir / f.name).xxh64 != f.xxh64) {
      check.problem = f.name + " does not match its XXH64 in the manifest";
      return check;
    }
  }
  check.complete = true;
  return check;
}

}  // namespace recon
