// The column layouts `recon generate` can write the activity files in: recon's own contract, the HES
// layout (NHS England's Hospital Episode Statistics, APC one row per consultant episode) and the SUS
// commissioner layout (SEM: APCS spells, OPA, ECDS). They are the layouts the checker reads
// (parsers/layouts.cpp, docs/layouts.md), written here from the published field names, not from that code.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace recon::generate {

enum class OutputLayout : std::uint8_t { contract, hes, sus };

constexpr std::string_view layout_name(OutputLayout layout) {
  switch (layout) {
    case OutputLayout::hes:
      return "hes";
    case OutputLayout::sus:
      return "sus";
    default:
      return "contract";
  }
}

constexpr std::optional<OutputLayout> parse_layout(std::string_view name) {
  for (OutputLayout l : {OutputLayout::contract, OutputLayout::hes, OutputLayout::sus})
    if (layout_name(l) == name) return l;
  return std::nullopt;
}

// HES and SUS give the date of birth to the month only (MYDOB; Month_ and Year_of_Birth_SUS).
constexpr bool dob_to_the_month(OutputLayout layout) { return layout != OutputLayout::contract; }

}  // namespace recon::generate
