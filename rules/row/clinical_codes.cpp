#include "rules/row/clinical_codes.hpp"

#include <algorithm>
#include <cstdio>

#include "core/pricing.hpp"

namespace recon::clinical_codes {

std::string field_name(const char* prefix, std::size_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%s_%02zu", prefix, i + 1);
  return buf;
}

Code lowest_cc_split(const Reference& ref, Code hrg) {
  if (hrg.size() != 5) return ref.tariff_apc.contains(hrg) ? hrg : Code{};
  char buf[5];
  for (std::size_t i = 0; i < 4; ++i) buf[i] = hrg[i];
  for (char letter = 'Z'; letter >= 'A'; --letter) {
    buf[4] = letter;
    Code split = Code::of({buf, 5});
    if (ref.tariff_apc.contains(split)) return split;
  }
  return {};
}

CodingRisk apc_coding_risk(const Reference& ref, const ApcRow& row, const Activity& priced,
                           bool hrg_root_at_risk) {
  CodingRisk r;
  const std::string hrg = row.hrg.empty() ? std::string("the spell's HRG") : "HRG " + row.hrg.str();
  if (hrg_root_at_risk) {
    r.amount = priced.charged;
    r.why = "The primary diagnosis and procedures determine the HRG, so " + hrg +
            " cannot be confirmed and the whole charge is at risk.";
    return r;
  }
  const Code lowest = lowest_cc_split(ref, row.hrg);
  if (lowest.empty()) {
    r.amount = priced.charged;
    r.why = "Secondary diagnoses only set the complication (CC) split, but " + hrg +
            " has no split in the APC tariff to fall back to, so the whole charge is at risk.";
    r.evidence = "lowest_split=none";
    return r;
  }
  const Pence floor_price =
      price_apc(ref, lowest, priced.admimeth, priced.classpat, row.admidate, row.disdate);
  r.amount = std::max<Pence>(0, priced.charged - floor_price);
  r.why =
      "Secondary diagnoses only set the complication (CC) split, so the spell is payable at most at the "
      "lowest split " +
      lowest.str() + " (" + format_money(floor_price) + ") and any charge above that is at risk.";
  r.evidence = "lowest_split=" + lowest.str() + "; lowest_split_price=" + format_money(floor_price);
  return r;
}

CodingRisk op_coding_risk(const OpRow& row, const Activity& priced) {
  CodingRisk r;
  const std::string tf = row.tretspef.empty() ? std::string("(none)") : row.tretspef.str();
  if (priced.tariff == 0) {
    r.amount = priced.charged;
    r.why = "Outpatient attendances are priced by treatment function, and treatment function " + tf +
            " has no outpatient tariff, so the whole charge is at risk.";
    r.evidence = "attendance_price=none";
    return r;
  }
  r.amount = std::max<Pence>(0, priced.charged - priced.tariff);
  r.why =
      "Outpatient attendances are priced by treatment function, not by procedure, so only the charge "
      "above the attendance price for treatment function " +
      tf + " (" + format_money(priced.tariff) + ") is at risk.";
  r.evidence = "attendance_price=" + format_money(priced.tariff);
  return r;
}

}  // namespace recon::clinical_codes
