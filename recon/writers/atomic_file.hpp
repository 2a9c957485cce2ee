#pragma once
// Outputs are written to a temporary file beside the target and renamed into place on commit(), so a reader
// never sees a half-written challenge list, and a failed run leaves the previous outputs intact. The file is
// created 0600 (it may hold NHS numbers): a run writes into its private staging directory and the output set
// gives the files the user's default mode when it publishes them together (recon/writers/output_set.hpp).
#include <cstdio>
#include <string>
#include <string_view>

#include "recon/writers/text_escape.hpp"  // the writers that use AtomicFile escape with it

namespace recon {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);  // throws FatalError if the temp file cannot be created
  ~AtomicFile();                          // removes the temp file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view s);
  AtomicFile& operator<<(std::string_view s) {
    write(s);
    return *this;
  }
  void commit();  // flush, fsync-free close, rename; throws FatalError on failure

 private:
  std::string path_, temp_;
  std::FILE* f_ = nullptr;
  std::string buf_;
};

}  // namespace recon
