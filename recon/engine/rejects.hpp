#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/records.hpp"

namespace recon {

// A malformed input row: written to rejects.csv as FILE,LINE,DATASET,REASON.
struct Reject {
  SourcePos pos;
  std::string dataset;
  std::string reason;
};

// Per input file: rows in = accepted + rejected, always.
struct FileCounts {
  std::string path;
  std::string dataset;
  std::uint64_t rows = 0, accepted = 0, rejected = 0, bytes = 0;
  std::vector<std::string> ignored_columns;
  std::optional<std::uint64_t> xxh64;  // with LoadContext::digest_inputs: the file's, taken as it was read
};

}  // namespace recon
