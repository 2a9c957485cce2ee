// Patient pseudonyms as the HES and SUS layouts carry them next to (or instead of) the NHS number: HES's
// PSEUDO_HESID (32 letters and digits) and a data warehouse's Der_Pseudo_NHS_Number (a 12-digit number).
// One per patient (not per NHS number as written), so a record with a planted invalid NHS number still
// links to its patient, as a real pseudonym made from several identifiers does.
#pragma once

#include <cstdint>
#include <string_view>

namespace recon::generate {

std::string_view hes_pseudonym(char* buf, std::uint64_t seed, std::uint64_t patient_index);  // 32 bytes
std::string_view sus_pseudonym(char* buf, std::uint64_t seed, std::uint64_t patient_index);  // 12 bytes

}  // namespace recon::generate
