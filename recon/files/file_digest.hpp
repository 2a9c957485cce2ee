#pragma once
// A file's size and XXH64 (seed 0), read once: the output manifest's checksums (recon/writers/output_set)
// and the history's record of each input (recon/history/history_record).
#include <cstdint>
#include <filesystem>
#include <string>

namespace recon {

struct FileDigest {
  std::uint64_t bytes = 0;
  std::uint64_t xxh64 = 0;
};

// Reads `path` in 1 MiB blocks; `sync` also makes it durable (fsync). Throws FatalError naming the file.
FileDigest digest_file(const std::filesystem::path& path, bool sync = false);

// XXH64's canonical (big-endian) form, 16 lower-case hex digits, as `xxhsum -H1` prints it.
std::string hex64(std::uint64_t value);

}  // namespace recon
