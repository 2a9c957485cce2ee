#include "recon/writers/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/private_files.hpp"

namespace recon {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  temp_ = path_ + ".tmp-" + std::to_string(::getpid());
  // 0600 and O_EXCL (recon/files/private_files.hpp): an output may hold NHS numbers.
  const int fd = create_private_file(temp_);
  f_ = ::fdopen(fd, "wb");
  if (!f_) {
    const int err = errno;
    ::close(fd);
    std::remove(temp_.c_str());
    throw FatalError("cannot write " + temp_ + ": " + std::strerror(err));
  }
}

AtomicFile::~AtomicFile() {
  if (f_) {
    std::fclose(f_);
    std::remove(temp_.c_str());
  }
}

void AtomicFile::write(std::string_view s) {
  buf_.append(s);
  if (buf_.size() >= (1u << 20)) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
      throw FatalError("cannot write " + temp_ + ": " + std::strerror(errno));
    buf_.clear();
  }
}

void AtomicFile::commit() {
  bool ok = std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
  ok = (std::fclose(f_) == 0) && ok;
  f_ = nullptr;
  if (!ok || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_.c_str());
    throw FatalError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  fault_point("staged");
}

}  // namespace recon
