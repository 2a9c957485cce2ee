#pragma once
// Pricing from the national tariff, used when a record carries no PRICE, and as the benchmark price that
// rules compare against (e.g. first minus follow-up attendance).
#include "core/records.hpp"
#include "core/reference.hpp"

namespace recon {

// ADMIMETH as a number: "21" -> 21; the newer 2A..2D emergency codes -> 20 (emergency); 0 if absent/unknown.
std::uint8_t admission_method_number(Code admimeth);
inline bool is_elective(std::uint8_t m) { return m >= 11 && m <= 13; }
inline bool is_emergency(std::uint8_t m) { return m >= 20 && m <= 28; }
inline bool is_maternity(std::uint8_t m) { return m >= 31 && m <= 32; }

// APC spell price: day case (CLASSPAT 2) -> DAYCASE; elective -> ELECTIVE; otherwise NONELECTIVE;
// plus EXCESS_BED_DAY for each day of stay past the trim point (EL_TRIM / NEL_TRIM); an emergency stay of
// 0-1 days with an SSEM percentage is paid that percentage of the non-elective price.
// Returns 0 if the HRG is not in the tariff.
Pence price_apc(const Reference& ref, Code hrg, std::uint8_t admimeth, std::uint8_t classpat, Day admidate,
                Day disdate);
// Outpatient: FIRST for FIRSTATT 1/3, FOLLOWUP for 2/4, by treatment function. 0 if unknown.
Pence price_op(const Reference& ref, Code tretspef, std::uint8_t firstatt);
Pence price_ae(const Reference& ref, Code hrg);

// Small numeric code fields ("1", "02", "21") -> number, 0 if absent or not numeric. Inline: several fields
// of every row are read this way when it is compacted and measured.
inline std::uint8_t small_number(Code c) {
  const std::size_t n = c.size();
  if (n == 0 || n > 3) return 0;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned digit = static_cast<unsigned char>(c[i]) - unsigned{'0'};
    if (digit > 9) return 0;
    v = v * 10 + digit;
  }
  return v > 255 ? 0 : static_cast<std::uint8_t>(v);
}

}  // namespace recon
