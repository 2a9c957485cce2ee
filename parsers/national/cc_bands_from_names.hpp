#pragma once
// recon's hrg_cc_bands table (HRG, MIN_SCORE, MAX_SCORE) from the HRG names of the prices workbook, for when
// the HRG grouper's own tables are not to hand: HRG4+ names state the complication and comorbidity band a
// split letter stands for ("Heart Failure or Shock, with CC Score 4-6", "... with CC Score 11+", "... with CC
// Score 0"). An HRG whose name states no band gets no row (the CC_SPLIT check then does not apply to it).
#include <optional>
#include <string_view>

#include "parsers/national/conversion.hpp"

namespace recon::national {

struct CcBandRange {
  int min_score = 0, max_score = 0;  // "11+" is 11..999
};

// The band a name states; nullopt when it states none. `error` is set (and nullopt returned) when it says
// "CC Score" but what follows is not a score, a range or an open range.
std::optional<CcBandRange> cc_band_from_name(std::string_view name, std::string& error);

// From tariff_apc (HRG and NAME columns, as read_apc_prices writes it).
OutputTable cc_bands_from_hrg_names(const OutputTable& tariff_apc, ConversionReport& report);

}  // namespace recon::national
