// DEMOGRAPHICS: the record's date of birth or sex disagrees with what the practice register holds for the
// same NHS number. A valid NHS number with someone else's demographics suggests a wrong patient match (a
// tracing error, a mix-up at booking): the charge is queried until the provider confirms the identity.
//
// DOB values are printed in REASON and EVIDENCE: the challenge list is a patient-level document (it already
// carries the NHS number) and a provider cannot check the query without them. They are never logged.
#include <cctype>

#include "rules/registry.hpp"

namespace recon {
namespace {

// 1 male, 2 female, 0 not known (0, 9, empty or anything else). M/F accepted for registers exported that way.
std::uint8_t known_sex(Code c) {
  if (c.empty() || c[1] != 0) return 0;
  switch (c[0]) {
    case '1':
    case 'M':
      return 1;
    case '2':
    case 'F':
      return 2;
    default:
      return 0;
  }
}
const char* sex_word(std::uint8_t s) { return s == 1 ? "male" : "female"; }

class DemographicsRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "DEMOGRAPHICS",
        "Date of birth or sex differs from the practice register for the same NHS number",
        Severity::kMedium,
        "A record with a valid NHS number whose DOB, or SEX, matches none of the practice register's "
        "entries for that patient suggests the NHS number belongs to another patient, who may not be the "
        "commissioner's. It is a query: the provider confirms the identity or corrects the record. Only "
        "compared where both sides are present; SEX 0/9 (not known) and a missing DOB are never a "
        "difference, and a DOB known only to the month (HES MYDOB) agrees with any day of that month.",
        "The whole charge, held until the patient's identity is confirmed.",
        {.all = input::kRegister}};
    return kInfo;
  }

  void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const std::string_view id = row.id;
    const PatientFields& p = row.patient;
    const Activity& a = priced;
    if (!a.nhs_valid) return;
    const std::uint8_t sex = known_sex(p.sex);
    if (!p.dob.known() && sex == 0) return;
    // A field differs when the register holds it for this patient and no entry agrees with the record (a
    // patient re-registered elsewhere has several entries; any one agreeing is enough). The value shown is
    // the latest entry's (entries are sorted by REGDATE).
    Day register_dob = kNoDay;
    std::uint8_t register_sex = 0;
    bool dob_agrees = false, sex_agrees = false;
    for (const Registration& r : ctx.practice.registrations_of(a.nhs)) {
      if (r.dob != kNoDay) {
        register_dob = r.dob;
        dob_agrees |= p.dob.could_be(r.dob);  // a DOB known to the month agrees with any day of it
      }
      if (const std::uint8_t s = known_sex(r.sex)) {
        register_sex = s;
        sex_agrees |= s == sex;
      }
    }
    const bool dob_differs = p.dob.known() && register_dob != kNoDay && !dob_agrees;
    const bool sex_differs = sex != 0 && register_sex != 0 && !sex_agrees;
    if (!dob_differs && !sex_differs) return;  // the happy path

    std::string what, fields, figures;
    if (dob_differs) {
      const std::string rec = format_date_of_birth(p.dob), reg = format_day(register_dob);
      what = "date of birth " + rec + " on the record differs from " + reg + " on the practice register";
      fields = "DOB";
      figures = "; dob_record=" + rec + "; dob_register=" + reg;
    }
    if (sex_differs) {
      what += std::string(what.empty() ? "" : ", and ") + "sex " + sex_word(sex) +
              " on the record differs from " + sex_word(register_sex) + " on the practice register";
      fields += fields.empty() ? "SEX" : ",SEX";
      figures += "; sex_record=" + std::to_string(sex) + "; sex_register=" + std::to_string(register_sex);
    }
    what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
    Challenge c = challenge_for(info(), a, id);
    c.challenged = a.charged;
    c.reason = what +
               ": the NHS number may belong to another patient; please confirm the patient's identity or "
               "correct the record.";
    c.evidence = "differs=" + fields + figures;
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(DemographicsRule)

}  // namespace recon
