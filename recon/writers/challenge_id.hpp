#pragma once
// A challenge's CHALLENGE_ID: "CH" + its 1-based position in the whole challenge list, zero-padded to 8
// digits (more digits past 99,999,999). The challenge list files number every challenge with it and
// report.html names its top challenges by it, so the two always agree; a header of its own so that the
// report does not depend on the writer of the output set.
#include <charconv>
#include <cstddef>
#include <string>

namespace recon {

// Appended to `out` (inline: the challenge list writers number millions of rows).
inline void append_challenge_id(std::string& out, std::size_t index) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, index + 1).ptr;
  const std::size_t n = static_cast<std::size_t>(end - digits);
  out += "CH";
  if (n < 8) out.append(8 - n, '0');
  out.append(digits, n);
}

inline std::string challenge_id(std::size_t index) {  // "CH00000001" for index 0
  std::string id;
  append_challenge_id(id, index);
  return id;
}

}  // namespace recon
