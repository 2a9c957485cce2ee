#pragma once
// Helpers shared by the complication-split row rules (CC_UNSUPPORTED, CC_NO_REGISTER): the CC score of a
// spell's coded secondary diagnoses, the split of an HRG root that a score supports, and what a split that
// the score does not support puts at risk.
//
// HRG4+ splits a root (e.g. EB03) by a complication/comorbidity (CC) score summed over the secondary
// diagnoses; hrg_cc_bands says which band of scores each split letter claims (EB03B: 11-13). The score here
// is an upper bound of the grouper's: every distinct secondary code (DIAG_02..DIAG_20) counts once at its
// cc_scores value, with no cap and no exclusion list except that a repeat of the primary diagnosis is not a
// comorbidity of itself. A grouper's exclusions only lower the score, so a split this score cannot reach
// the grouper cannot reach either.
//
// secondary_cc() and the band lookup run for every APC spell: they allocate nothing.
#include <array>
#include <cstdint>
#include <string>

#include "core/code.hpp"
#include "core/money.hpp"
#include "core/records.hpp"
#include "core/reference.hpp"

namespace recon::cc_split {

// The secondary diagnoses that carry a CC score.
struct CcCodes {
  static constexpr std::size_t kMax = 19;  // DIAG_02..DIAG_20
  int score = 0;                           // sum of `points`
  std::uint8_t n = 0;
  std::array<std::uint8_t, kMax> diag_index{};  // index into ApcRow::diag (1 = DIAG_02)
  std::array<int, kMax> points{};

  Code code(const ApcRow& row, std::size_t i) const { return row.diag[diag_index[i]]; }
};
CcCodes secondary_cc(const Reference& ref, const ApcRow& row);

// The band an HRG claims, or nullptr if hrg_cc_bands does not list it (not a CC split).
inline const CcBand* claimed_band(const Reference& ref, Code hrg) {
  auto it = ref.hrg_cc_bands.find(hrg);
  return it == ref.hrg_cc_bands.end() ? nullptr : &it->second;
}

// The split of `hrg`'s root (first four characters + a letter A..Y listed in hrg_cc_bands) whose band
// contains `score` (the highest such band if bands overlap); if none contains it, the highest split whose
// MIN_SCORE is at most `score`; empty if there is none.
Code supported_split(const Reference& ref, Code hrg, int score);

// A claimed split that `score` does not reach: the split the score supports, its tariff price (same
// admission method, patient class and length of stay) and the charge above it.
struct SplitRisk {
  Code supported;        // empty: no lower split listed for the root
  Pence price = 0;       // 0: not priced (no supported split, or not in the APC tariff)
  Pence amount = 0;      // max(0, charged - price); 0 when the supported split cannot be priced
  std::string why;       // sentence for REASON: "That score supports EB03D (1500.00), ..."
  std::string evidence;  // "supported_hrg=EB03D; supported_price=1500.00"
};
SplitRisk split_risk(const Reference& ref, const ApcRow& row, const Activity& priced, int score);

// "11-13"
std::string band_text(const CcBand& band);
// The codes whose bit is set in `mask` (bit i = cc.code(i)) with their scores, "none" if no code:
//   evidence style "I48:3, E119:2", or, with `in_words`, "I48 scores 3, E119 scores 2".
std::string codes_text(const ApcRow& row, const CcCodes& cc, std::uint32_t mask, bool in_words);

}  // namespace recon::cc_split
