#pragma once
// Test helper for the patient-rule golden tests: hand-made CSV text with NHS-number placeholders {P1}..{P9}
// replaced by valid (Modulus 11) numbers, so that rows stay readable one per line.
#include <string>
#include <vector>

#include "tests/rule_harness.hpp"

namespace recon::testing {

// {P1} -> valid_nhs(1), ..., {P9} -> valid_nhs(9).
inline std::string with_patients(std::string text) {
  for (int p = 1; p <= 9; ++p) {
    const std::string token = "{P" + std::to_string(p) + "}", nhs = valid_nhs(p);
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + nhs.size()))
      text.replace(at, token.size(), nhs);
  }
  return text;
}

inline std::vector<std::string> with_patients(std::vector<std::string> rows) {
  for (std::string& row : rows) row = with_patients(std::move(row));
  return rows;
}

}  // namespace recon::testing
