#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/records.hpp"

namespace recon {

// NHS number Modulus 11 check (NHS Data Dictionary): weights 10..2 over the first nine digits,
// check digit = 11 - (sum mod 11), 11 -> 0, 10 -> the number is invalid. All-same-digit numbers
// (e.g. 0000000000, 4444444444) pass the arithmetic but are never issued, so they are invalid too.
bool nhs_number_valid(NhsNumber n);
// Parses exactly 10 digits, allowing spaces or dashes as the usual 3-3-4 separators. A number that went
// through Excel as a number is read too: 7661768313.0 (only zeros after the point), and 7.661768313E+09 when
// all ten digits are there (a shorter mantissa was rounded by Excel: malformed).
NhsState parse_nhs_number(std::string_view text, NhsNumber& out);
// The same, also setting `valid` to nhs_number_valid(out) (false unless kPresent), worked out from the
// digits as they are read: cheaper than taking the number apart again.
NhsState parse_nhs_number(std::string_view text, NhsNumber& out, bool& valid);
// 10 digits, zero-padded; empty for a pseudonym's key (a pseudonym is never printed as a number).
std::string format_nhs_number(NhsNumber n);

// Pseudonymised extracts: the patient's key made from the pseudonym text (surrounding blanks ignored): a
// 64-bit hash with the top bit set, so it can never equal an NHS number (at most 10 digits) nor the empty
// key of the look-up tables. Two records match when their pseudonyms are the same text. Collisions between
// two pseudonyms are possible in principle and negligible in practice (about one in 10^7 at a hundred
// million patients).
NhsNumber pseudonym_key(std::string_view pseudonym);
inline bool is_pseudonym_key(NhsNumber n) { return (n >> 63) != 0; }
// A non-identifying tag for logs: never print an NHS number itself.
std::string redact_nhs_number(NhsNumber n);

}  // namespace recon
