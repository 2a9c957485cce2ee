#pragma once
// Files and directories only this user can read: the staged outputs and the spill files hold NHS numbers,
// so they are created 0600 (directories 0700) whatever the umask, and never over an existing name
// (O_EXCL: a planted symlink or file is an error, not something to write through).
//
// Leftovers of runs that died (kill -9, power cut) carry the dead process's id in their name; the next run
// in the same --out removes them (remove_dead_leftovers).
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace recon {

// open(O_CREAT|O_EXCL|O_WRONLY|O_CLOEXEC, 0600); returns the descriptor. Throws FatalError.
int create_private_file(const std::filesystem::path& path);
// mkdir(0700). Throws FatalError (also when the name exists).
void create_private_dir(const std::filesystem::path& path);
// A new private file (create_private_file) holding `text`, then given `mode` and fsynced. Throws FatalError.
void write_private_text(const std::filesystem::path& path, std::string_view text, unsigned mode = 0600);
// fsync a file or directory by name; throws FatalError.
void fsync_path(const std::filesystem::path& path);

// Whether a process with this id exists (a process of another user counts as alive).
bool process_is_alive(pid_t pid);
// The process id in `name` when it is PREFIX followed by decimal digits only (".recon-tmp-1234"), else 0.
pid_t pid_in_name(std::string_view name, std::string_view prefix);

// The name prefixes of this process's private working directories in --out; the PID follows.
inline constexpr std::string_view kStagingPrefix = ".recon-tmp-";
inline constexpr std::string_view kLegacySpillPrefix =
    ".recon-spill-";  // spill directories before the staging dir

// Removes from `out_dir` what runs whose process no longer exists left behind: PREFIX<pid> entries for each
// prefix in `dir_prefixes` (whole trees) and NAME.tmp-<pid> files for each NAME in `file_names` (the
// temporary files of earlier versions, which wrote beside the target). Returns the names removed.
std::vector<std::string> remove_dead_leftovers(const std::filesystem::path& out_dir,
                                               const std::vector<std::string_view>& dir_prefixes,
                                               const std::vector<std::string_view>& file_names);

}  // namespace recon
