#pragma once
// What the fuzz targets share: a private scratch directory per process (on /dev/shm when there is one, so
// the millions of small writes stay in memory) and a way to fail loudly when a property breaks.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace recon::fuzz {

inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp");
    tmpl += "/recon-fuzz-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    std::atexit([] { std::filesystem::remove_all(scratch_dir()); });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Plain open/write, not an ofstream: its buffer is an allocation per execution, which ASan makes costly.
inline std::string write_scratch(const std::string& name, std::string_view bytes) {
  std::string path = (scratch_dir() / name).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) std::abort();
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;  // libFuzzer's timer signal
    if (n < 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return path;
}

// A broken property is a crash, which libFuzzer reports with the input that caused it.
[[noreturn]] inline void property_broken(const char* what) {
  std::fprintf(stderr, "property broken: %s\n", what);
  std::abort();
}

}  // namespace recon::fuzz
