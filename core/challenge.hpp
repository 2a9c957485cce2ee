#pragma once
// One row of the challenge list (DATA_CONTRACT.md "Output: the challenge list").
#include <string>
#include <vector>

#include "core/records.hpp"

namespace recon {

enum class Severity : std::uint8_t { kLow, kMedium, kHigh };
inline constexpr std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kLow:
      return "LOW";
    case Severity::kMedium:
      return "MEDIUM";
    case Severity::kHigh:
      return "HIGH";
  }
  return "?";
}

struct Challenge {
  std::string rule;
  Severity severity = Severity::kMedium;
  Dataset dataset = Dataset::kApc;
  SourcePos pos;          // of the challenged record; pattern (aggregate) challenges use kNoRecord
  std::string record_id;  // empty for pattern challenges
  Code procode, gpprac;
  NhsNumber nhs = 0;  // 0 = missing/malformed (printed empty)
  Day activity_date = kNoDay;
  Pence charged = 0;
  Pence challenged = 0;  // amount at risk
  std::string reason;    // plain English
  std::string evidence;  // related record ids, register dates, figures
};

inline constexpr SourcePos kNoRecord{kMaxSourceFile, kMaxSourceLine};

// Collects the challenges one unit of work produces (a chunk, a partition). Not shared between threads.
using ChallengeSink = std::vector<Challenge>;

// The canonical order of the challenge list: by input file and line, then rule; pattern challenges last.
// Whatever the thread count, sorting by this key gives byte-identical output.
bool challenge_order(const Challenge& a, const Challenge& b);

}  // namespace recon
