#pragma once
// NHS-number placeholders of the golden rule tests: {P1}, {P2}, ... stand for valid (Modulus 11) NHS numbers
// (valid_nhs(1), valid_nhs(2), ...), so that hand-made rows stay readable one per line.
#include <set>
#include <string>
#include <string_view>

namespace recon::testing {

// Every {P<n>} (n = 0, 1, 2, ...) replaced by valid_nhs(n).
std::string with_patients(std::string_view text);

// The numbers n of the placeholders {P<n>} in `text`.
std::set<int> patients_in(std::string_view text);

// The reverse of with_patients for the patients `numbers`: each valid_nhs(n) written back as {P<n>}.
std::string as_placeholders(std::string text, const std::set<int>& numbers);

}  // namespace recon::testing
