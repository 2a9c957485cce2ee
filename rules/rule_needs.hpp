#pragma once
// What a rule needs besides the activity files: reference tables and practice files. Each rule declares it
// in its RuleInfo; whether the rule can run, the reason it gives when it cannot, and the catalogue's "needs"
// column (recon rules, docs/rules.md) are all derived from that one declaration.
#include <cstdint>
#include <string>

#include "core/practice.hpp"
#include "core/reference.hpp"

namespace recon {

using InputMask = std::uint32_t;

// One bit per input. Reference tables are named as their files (tariff_apc.csv ...).
namespace input {
inline constexpr InputMask kTariffApc = 1u << 0;
inline constexpr InputMask kTariffOp = 1u << 1;
inline constexpr InputMask kTariffAe = 1u << 2;
inline constexpr InputMask kIcd10 = 1u << 3;
inline constexpr InputMask kOpcs4 = 1u << 4;
inline constexpr InputMask kCcScores = 1u << 5;
inline constexpr InputMask kHrgCcBands = 1u << 6;
inline constexpr InputMask kQofMap = 1u << 7;
inline constexpr InputMask kCalendar = 1u << 8;
inline constexpr InputMask kRegister = 1u << 9;     // practice registration list (--register)
inline constexpr InputMask kReferrals = 1u << 10;   // practice referral log (--referrals)
inline constexpr InputMask kConditions = 1u << 11;  // practice disease registers (--conditions)
inline constexpr InputMask kInvoice = 1u << 12;     // the provider's invoice (--invoice)
inline constexpr int kCount = 13;
}  // namespace input

struct RuleNeeds {
  InputMask all = 0;  // every one of these
  InputMask any = 0;  // at least one of these (when not 0): e.g. ICD-10 or OPCS-4 codes to check
};

// The inputs of `mask` that this run supplied.
InputMask inputs_supplied(const Reference& ref, const PracticeData& practice, bool invoice = false);

// Empty when `needs` is met by `supplied`; otherwise why not, naming only what is missing, e.g.
// "no icd10 reference table supplied", "no tariff_apc, tariff_op reference tables supplied",
// "no icd10 or opcs4 reference table supplied", "no practice register supplied".
std::string missing_inputs(const RuleNeeds& needs, InputMask supplied);

// The catalogue's "needs" column, e.g. "cc_scores, hrg_cc_bands reference tables; practice register";
// "-" when the rule needs nothing but the activity files.
std::string describe_needs(const RuleNeeds& needs);

}  // namespace recon
