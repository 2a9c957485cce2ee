#include "recon/generate/anomaly.hpp"

namespace recon::generate {

std::string_view anomaly_name(Anomaly anomaly) {
  switch (anomaly) {
    case Anomaly::none:
      return "none";
    case Anomaly::duplicate:
      return "duplicate_of";
    case Anomaly::overlap:
      return "overlaps";
    case Anomaly::split_spell:
      return "split_spell";
    case Anomaly::readmission:
      return "readmission_after";
    case Anomaly::repeat_first:
      return "repeat_first_attendance";
    case Anomaly::invalid_nhs:
      return "invalid_nhs_number";
    case Anomaly::invalid_icd10:
      return "invalid_icd10";
    case Anomaly::sex_impossible_code:
      return "sex_impossible_code";
    case Anomaly::age_impossible_code:
      return "age_impossible_code";
    case Anomaly::primary_not_allowed:
      return "primary_not_allowed";
    case Anomaly::hrg_not_in_tariff:
      return "hrg_not_in_tariff";
    case Anomaly::discharge_before_admission:
      return "discharge_before_admission";
    case Anomaly::activity_before_birth:
      return "activity_before_birth";
    case Anomaly::late_submission:
      return "late_submission";
    case Anomaly::late_inclusion:
      return "late_inclusion";
    case Anomaly::not_registered:
      return "not_registered";
    case Anomaly::activity_after_death:
      return "activity_after_death";
    case Anomaly::dob_mismatch:
      return "dob_mismatch";
    case Anomaly::sex_mismatch:
      return "sex_mismatch";
    case Anomaly::no_referral:
      return "no_referral";
    case Anomaly::cc_split_unsupported:
      return "cc_split_unsupported";
    case Anomaly::upcoded:
      return "upcoded";
    case Anomaly::charged_not_attended:
      return "charged_not_attended";
    case Anomaly::private_patient:
      return "private_patient";
    case Anomaly::out_of_scope:
      return "out_of_scope";
    case Anomaly::malformed_bad_date:
    case Anomaly::malformed_too_few_fields:
      return "malformed";
  }
  return "none";
}

bool needs_predecessor(Anomaly anomaly) {
  return anomaly == Anomaly::duplicate || anomaly == Anomaly::overlap || anomaly == Anomaly::split_spell ||
         anomaly == Anomaly::readmission || anomaly == Anomaly::repeat_first;
}

namespace {
// Relational kinds are listed twice: they need a patient with an earlier clean record, so they are drawn
// more often to end up about as frequent as the others. So is an unreferred admission, which is withdrawn
// whenever the patient has any referral in the year before it.
constexpr Anomaly kApcKinds[] = {
    Anomaly::duplicate,
    Anomaly::duplicate,
    Anomaly::overlap,
    Anomaly::overlap,
    Anomaly::split_spell,
    Anomaly::split_spell,
    Anomaly::readmission,
    Anomaly::readmission,
    Anomaly::invalid_nhs,
    Anomaly::invalid_icd10,
    Anomaly::sex_impossible_code,
    Anomaly::age_impossible_code,
    Anomaly::primary_not_allowed,
    Anomaly::hrg_not_in_tariff,
    Anomaly::discharge_before_admission,
    Anomaly::late_submission,
    Anomaly::late_inclusion,
    Anomaly::not_registered,
    Anomaly::dob_mismatch,
    Anomaly::sex_mismatch,
    Anomaly::no_referral,
    Anomaly::no_referral,
    Anomaly::cc_split_unsupported,
};
constexpr Anomaly kOpKinds[] = {
    Anomaly::duplicate,      Anomaly::duplicate,           Anomaly::repeat_first,    Anomaly::repeat_first,
    Anomaly::invalid_nhs,    Anomaly::sex_impossible_code, Anomaly::late_submission, Anomaly::late_inclusion,
    Anomaly::not_registered, Anomaly::dob_mismatch,        Anomaly::sex_mismatch,    Anomaly::no_referral,
};
constexpr Anomaly kAeKinds[] = {
    Anomaly::duplicate,         Anomaly::duplicate,       Anomaly::invalid_nhs,
    Anomaly::hrg_not_in_tariff, Anomaly::late_submission, Anomaly::late_inclusion,
    Anomaly::not_registered,    Anomaly::dob_mismatch,    Anomaly::sex_mismatch,
};
}  // namespace

std::span<const Anomaly> row_anomalies(Dataset dataset) {
  switch (dataset) {
    case Dataset::kApc:
      return kApcKinds;
    case Dataset::kOp:
      return kOpKinds;
    case Dataset::kAe:
      return kAeKinds;
  }
  return {};
}

bool private_patient_planted(double anomaly_rate, std::int32_t activity_day, std::uint32_t record_index) {
  std::uint32_t hash = static_cast<std::uint32_t>(activity_day) * 2654435761u ^ (record_index + 1) * 40503u;
  hash ^= hash >> 15;
  hash *= 2246822519u;
  hash ^= hash >> 13;
  return hash % 10000 < static_cast<std::uint32_t>(anomaly_rate * 1000);
}

bool out_of_scope_planted(double anomaly_rate, std::int32_t activity_day, std::uint32_t record_index) {
  std::uint32_t hash =
      static_cast<std::uint32_t>(activity_day) * 2246822519u ^ (record_index + 7) * 3266489917u;
  hash ^= hash >> 16;
  hash *= 2654435761u;
  hash ^= hash >> 13;
  return hash % 10000 < static_cast<std::uint32_t>(anomaly_rate * 1000);
}

std::string_view out_of_scope_hrg(std::int32_t activity_day) {
  static constexpr std::string_view kProcurement[] = {"SB01Z", "SB02Z", "SB03Z", "SB04Z", "SB05Z",
                                                      "SB06Z", "SB07Z", "SB08Z", "SB09Z", "SB10Z"};
  return kProcurement[static_cast<std::uint32_t>(activity_day) % 10];
}

}  // namespace recon::generate
