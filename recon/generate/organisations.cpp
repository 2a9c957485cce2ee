#include "recon/generate/organisations.hpp"

#include <string>

namespace recon::generate {

namespace {

OrgCode make_code(std::string_view text) {
  OrgCode code;
  for (std::size_t i = 0; i < text.size() && i < code.chars.size(); ++i) code.chars[i] = text[i];
  code.size = static_cast<std::uint8_t>(text.size() < code.chars.size() ? text.size() : code.chars.size());
  return code;
}

// Real acute trust codes, so the sample data reads like an SUS extract.
constexpr std::string_view kTrusts[] = {"RXH", "RTH", "RJ1", "RRK", "RR8", "RM1", "RAL", "RGT", "RTD", "R0A",
                                        "RWE", "RHM", "RA7", "RKB", "RDE", "RJE", "RWA", "RXW", "RBK", "RVJ"};

}  // namespace

Organisations make_organisations(std::uint32_t providers, std::uint32_t practices) {
  Organisations orgs;
  for (std::uint32_t i = 0; i < providers; ++i) {
    if (i < std::size(kTrusts)) {
      orgs.providers.push_back(make_code(kTrusts[i]));
    } else {
      // Beyond the list: "R" + two base-36 characters, skipping the codes already used above.
      for (std::uint32_t n = i;; n += static_cast<std::uint32_t>(std::size(kTrusts))) {
        constexpr std::string_view kDigits = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        std::string text = "R";
        text += kDigits[(n / kDigits.size()) % kDigits.size()];
        text += kDigits[n % kDigits.size()];
        bool taken = false;
        for (const auto& p : orgs.providers) taken = taken || p.view() == text;
        if (!taken) {
          orgs.providers.push_back(make_code(text));
          break;
        }
      }
    }
  }
  // Practice codes: region letter + 2 digits + 3-digit serial, e.g. A81001, B82005, C84012.
  constexpr std::string_view kLetters = "ABCDEFGHJKLMNPY";
  constexpr auto kLetterCount = static_cast<std::uint32_t>(kLetters.size());
  for (std::uint32_t i = 0; i < practices; ++i) {
    std::string text;
    text += kLetters[i % kLetterCount];
    const std::uint32_t region = 81 + (i / kLetterCount) % 10;
    const std::uint32_t serial = 1 + i / (kLetterCount * 10);
    text += std::to_string(region);
    const std::string s = std::to_string(serial % 1000);
    text += std::string(3 - s.size(), '0') + s;
    orgs.practices.push_back(make_code(text));
    orgs.practice_weight.push_back(static_cast<std::uint16_t>(1 + (i * 7 + 3) % 3));
    orgs.local_provider.push_back(static_cast<std::uint16_t>(i % (providers == 0 ? 1 : providers)));
  }
  orgs.upcoding_provider = static_cast<std::uint16_t>(providers > 1 ? 1 : 0);
  orgs.unlisted_practice = make_code("Y99999");
  return orgs;
}

}  // namespace recon::generate
