#pragma once
// Outputs are written to a temporary file beside the target and renamed into place on commit(), so a reader
// never sees a half-written challenge list, and a failed run leaves the previous outputs intact.
#include <cstdio>
#include <string>
#include <string_view>

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

// Field quoting for the CSV and JSON writers.
std::string csv_field(std::string_view s);
std::string json_string(std::string_view s);
// The same, appended to `out` (no temporary strings: the challenge writers format millions of fields).
void append_csv_field(std::string& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);

}  // namespace recon
