#include "recon/files/file_digest.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "parsers/fatal_error.hpp"

namespace recon {

FileDigest digest_file(const std::filesystem::path& path, bool sync) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw FatalError("cannot read " + path.string() + ": " + std::strerror(errno));
  const std::unique_ptr<XXH64_state_t, XXH_errorcode (*)(XXH64_state_t*)> state(XXH64_createState(),
                                                                                XXH64_freeState);
  XXH64_reset(state.get(), 0);
  FileDigest d;
  std::vector<char> buffer(1 << 20);
  ssize_t n;
  while ((n = ::read(fd, buffer.data(), buffer.size())) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    XXH64_update(state.get(), buffer.data(), static_cast<std::size_t>(n));
    d.bytes += static_cast<std::uint64_t>(n);
  }
  const bool ok = n == 0 && (!sync || ::fsync(fd) == 0);
  const int error = errno;
  ::close(fd);
  if (!ok)
    throw FatalError("cannot read" + std::string(sync ? " or sync " : " ") + path.string() + ": " +
                     std::strerror(error));
  d.xxh64 = XXH64_digest(state.get());
  return d;
}

std::string hex64(std::uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace recon
