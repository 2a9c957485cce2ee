#pragma once
// A set-up problem the run cannot continue past (missing file, missing required column, bad option):
// thrown before or outside the hot loop, caught once in main, printed as one line, non-zero exit.
// Messages must never contain patient identifiers.
#include <stdexcept>

namespace recon {
struct FatalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
}  // namespace recon
