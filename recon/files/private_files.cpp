#include "recon/files/private_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "parsers/fatal_error.hpp"

namespace recon {
namespace fs = std::filesystem;

int create_private_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) throw FatalError("cannot create " + path.string() + ": " + std::strerror(errno));
  return fd;
}

void create_private_dir(const fs::path& path) {
  // mkdir applies the umask, which can only remove bits: 0700 & ~umask is at most 0700. A umask that
  // removes the owner's own bits would make the directory useless, so set the mode exactly.
  if (::mkdir(path.c_str(), 0700) != 0 || ::chmod(path.c_str(), 0700) != 0)
    throw FatalError("cannot create directory " + path.string() + ": " + std::strerror(errno));
}

void write_private_text(const fs::path& path, std::string_view text, unsigned mode) {
  const int fd = create_private_file(path);
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) throw FatalError("cannot write " + path.string() + ": " + std::strerror(err));
}

void fsync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int err = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) throw FatalError("cannot sync " + path.string() + ": " + std::strerror(err));
}

bool process_is_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

pid_t pid_in_name(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix)) return 0;
  const std::string_view digits = name.substr(prefix.size());
  pid_t pid = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || digits[0] == '+')
    return 0;
  return pid > 0 ? pid : 0;
}

std::vector<std::string> remove_dead_leftovers(const fs::path& out_dir,
                                               const std::vector<std::string_view>& dir_prefixes,
                                               const std::vector<std::string_view>& file_names) {
  std::vector<fs::path> dead;  // collected first: removing entries while reading the directory is unspecified
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out_dir, ec)) {
    const std::string name = e.path().filename().string();
    pid_t pid = 0;
    for (std::string_view prefix : dir_prefixes)
      if (!pid) pid = pid_in_name(name, prefix);
    for (std::string_view file : file_names)
      if (!pid && name.starts_with(file))
        pid = pid_in_name(std::string_view(name).substr(file.size()), ".tmp-");
    // A live process (another recon writing here now) keeps its files; our own id is never a leftover.
    if (pid && pid != ::getpid() && !process_is_alive(pid)) dead.push_back(e.path());
  }
  std::vector<std::string> removed;
  for (const fs::path& p : dead) {
    std::error_code rm;
    fs::remove_all(p, rm);
    if (!rm) removed.push_back(p.filename().string());
  }
  return removed;
}

}  // namespace recon
