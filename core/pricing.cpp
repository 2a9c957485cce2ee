#include "core/pricing.hpp"

#include <algorithm>

namespace recon {

std::uint8_t admission_method_number(Code admimeth) {
  if (admimeth.size() == 2 && admimeth[0] == '2' && admimeth[1] >= 'A' && admimeth[1] <= 'D') return 20;
  return small_number(admimeth);
}

Pence price_apc(const Reference& ref, Code hrg, std::uint8_t admimeth, std::uint8_t classpat, Day admidate,
                Day disdate) {
  auto it = ref.tariff_apc.find(hrg);
  if (it == ref.tariff_apc.end()) return 0;
  const TariffApc& t = it->second;
  const int los = (admidate != kNoDay && disdate != kNoDay) ? std::max(0, disdate - admidate) : 0;
  if (classpat == 2 && t.daycase != kNoPrice) return t.daycase;
  if (is_elective(admimeth)) {
    Pence base = t.elective != kNoPrice ? t.elective : (t.nonelective != kNoPrice ? t.nonelective : 0);
    if (t.el_trim >= 0 && los > t.el_trim) base += (los - t.el_trim) * t.excess_bed_day;
    return base;
  }
  Pence base = t.nonelective != kNoPrice ? t.nonelective : (t.elective != kNoPrice ? t.elective : 0);
  if (is_emergency(admimeth) && t.ssem_percent >= 0 && los <= 1) return base * t.ssem_percent / 100;
  if (t.nel_trim >= 0 && los > t.nel_trim) base += (los - t.nel_trim) * t.excess_bed_day;
  return base;
}

Pence price_op(const Reference& ref, Code tretspef, std::uint8_t firstatt) {
  auto it = ref.tariff_op.find(tretspef);
  if (it == ref.tariff_op.end()) return 0;
  Pence p = (firstatt == 1 || firstatt == 3) ? it->second.first : it->second.followup;
  return p == kNoPrice ? 0 : p;
}

Pence price_ae(const Reference& ref, Code hrg) {
  auto it = ref.tariff_ae.find(hrg);
  return it == ref.tariff_ae.end() ? 0 : it->second;
}

}  // namespace recon
