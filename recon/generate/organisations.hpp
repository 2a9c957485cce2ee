// Provider (trust) and GP practice codes. Real-looking ODS codes: PROCODE3 like RXH, practices like A81001.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace recon::generate {

struct OrgCode {
  std::array<char, 8> chars{};
  std::uint8_t size = 0;
  std::string_view view() const { return {chars.data(), size}; }
};

struct Organisations {
  std::vector<OrgCode> providers;
  std::vector<OrgCode> practices;
  std::vector<std::uint16_t> practice_weight;  // list sizes differ: some practices are three times bigger
  std::vector<std::uint16_t> local_provider;   // the trust most of a practice's patients use
  std::uint16_t upcoding_provider = 0;         // the one trust that shifts CC splits towards A
  OrgCode unlisted_practice;                   // a practice outside the commissioner's list
};

Organisations make_organisations(std::uint32_t providers, std::uint32_t practices);

}  // namespace recon::generate
