// CODE_AGE: a diagnosis that the ICD-10 reference restricts to an age range (MIN_AGE / MAX_AGE, e.g.
// perinatal conditions, obstetric codes) on a patient outside it at admission.
#include "rules/registry.hpp"
#include "rules/row/clinical_codes.hpp"

namespace recon {
namespace {

using namespace clinical_codes;

bool outside(const Icd10Info& info, int age) {
  return (info.min_age >= 0 && age < info.min_age) || (info.max_age >= 0 && age > info.max_age);
}

std::string allowed_ages(const Icd10Info& info) {
  if (info.max_age < 0) return "ages " + std::to_string(info.min_age) + " and over";
  if (info.min_age < 0) return "ages up to " + std::to_string(info.max_age);
  return "ages " + std::to_string(info.min_age) + " to " + std::to_string(info.max_age);
}
std::string age_range(const Icd10Info& info) {
  return (info.min_age >= 0 ? std::to_string(info.min_age) : std::string()) + '-' +
         (info.max_age >= 0 ? std::to_string(info.max_age) : std::string());
}

class CodeAgeRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "CODE_AGE",
        "Diagnosis impossible for the patient's age at admission",
        Severity::kMedium,
        "The icd10 reference gives some diagnoses an age range (MIN_AGE, MAX_AGE, inclusive, in whole "
        "years). "
        "A diagnosis on a patient whose age on the admission date (from DOB, birthday-exact) is below "
        "MIN_AGE "
        "or above MAX_AGE means either the date of birth or the code is wrong, and the HRG grouped from it "
        "cannot be relied on. APC diagnoses only (OPCS-4 carries no age limits). No DOB, an admission before "
        "the date of birth (DATE_IMPOSSIBLE's business), or a DOB known only to the month (HES MYDOB) that "
        "leaves the age on admission uncertain, never fires. MEDIUM: we cannot tell which of the two is "
        "wrong, so it is a query.",
        "As CODE_INVALID: the whole charge when the primary diagnosis conflicts; otherwise the charge minus "
        "the price of the HRG's lowest CC split (same admission method, patient class and length of stay), "
        "or the whole charge when the HRG has no split in the tariff. Never below zero.",
        {.all = input::kIcd10}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const DateOfBirth& dob = row.patient.dob;
    if (!dob.known() || row.admidate < dob.last) return;
    const Reference& ref = ctx.ref;
    std::optional<int> age;  // worked out once, and only if a diagnosis has an age range
    bool age_worked_out = false;
    std::uint32_t bad = 0;
    for (std::size_t i = 0; i < row.n_diag; ++i) {
      if (row.diag[i].empty()) continue;
      const Icd10Info* info = ref.find_icd10(row.diag[i]);
      if (!info || (info->min_age < 0 && info->max_age < 0)) continue;
      if (!age_worked_out) {
        age = certain_age(dob, row.admidate);
        age_worked_out = true;
      }
      if (!age) return;  // a DOB known only to the month, and the age on admission depends on the day
      if (outside(*info, *age)) bad |= 1u << i;
    }
    if (!bad) return;

    std::string list, evidence = "age=" + std::to_string(*age);
    for (std::size_t i = 0; i < row.n_diag; ++i) {
      if (!(bad & (1u << i))) continue;
      const Icd10Info& info = *ref.find_icd10(row.diag[i]);
      const std::string name = field_name("DIAG", i), code = row.diag[i].str();
      if (!list.empty()) list += "; ";
      list += name + ' ' + code + " is for " + allowed_ages(info);
      evidence += "; " + name + '=' + code + " (" + age_range(info) + ')';
    }
    const CodingRisk risk = apc_coding_risk(ref, row, priced, /*hrg_root_at_risk=*/bad & 1u);
    Challenge c = challenge_for(info(), priced, row.id);
    c.challenged = risk.amount;
    c.reason = "The patient was " + std::to_string(*age) + " on admission (" + format_day(row.admidate) +
               ") but " + list + ": either the date of birth or the code is wrong. " + risk.why;
    c.evidence = risk.evidence.empty() ? evidence : evidence + "; " + risk.evidence;
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(CodeAgeRule)

}  // namespace recon
