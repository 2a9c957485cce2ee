#pragma once
// Append-only store for record ids: one contiguous byte run per id, referenced by StrRef (12 bytes) instead
// of a std::string per record. Blocks never move, so views stay valid while the pool lives.
#include <memory>
#include <string_view>
#include <vector>

#include "core/records.hpp"

namespace recon {

class StringPool {
 public:
  StrRef add(std::string_view s);
  // Appends a whole blob (a chunk's local ids) and returns the base to add to the chunk's StrRef offsets.
  std::uint64_t append_blob(std::string_view blob);
  std::string_view view(StrRef r) const;
  std::uint64_t bytes() const { return bytes_; }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t capacity_ = 0, used_ = 0;  // of the last block
  std::uint64_t bytes_ = 0;
};

// A chunk-local id store: a std::string grown by append, rebased into the StringPool in file order.
struct LocalIds {
  std::string blob;
  StrRef add(std::string_view s) {
    StrRef r{blob.size(), static_cast<std::uint32_t>(s.size())};
    blob.append(s);
    return r;
  }
};

}  // namespace recon
