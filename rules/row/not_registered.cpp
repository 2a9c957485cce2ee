// NOT_REGISTERED: the patient was not registered with the record's practice (GPPRAC) on the activity date,
// according to the practice register. The register defines whose patients the commissioner pays for; a
// record attributed to a practice the patient was not registered with on that day is charged to the wrong
// commissioner (or practice budget) and is refused from this invoice.
//
// Which records the register can judge: a register lists the patients of the practices it covers, so
//  * a patient who is on the register (any practice, any dates) is judged: the register knows their whole
//    registration history with its practices;
//  * a patient who is not on the register is judged only if GPPRAC is one of the register's practices (the
//    provider says the patient belongs to a practice whose list does not hold them);
//  * a patient absent from the register whose GPPRAC is some other practice is not ours to judge.
#include "rules/registry.hpp"

namespace recon {
namespace {

class NotRegisteredRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "NOT_REGISTERED",
        "Patient not registered with the recorded practice (GPPRAC) on the activity date",
        Severity::kHigh,
        "The commissioner pays for the patients registered with its practices. A record with a valid NHS "
        "number is challenged when no register entry of that patient at the record's GPPRAC covers the "
        "activity date (ADMIDATE / APPTDATE / ARRIVALDATE; registered from REGDATE inclusive until "
        "DEREGDATE exclusive): the patient was registered with another practice that day, with none of "
        "the register's practices, or is not on the list of the practice the record names. Patients "
        "absent from the register whose GPPRAC is not a practice on the register, and records without "
        "GPPRAC, are not judged.",
        "The whole charge.",
        {.all = input::kRegister}};
    return kInfo;
  }

  void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const std::string_view id = row.id;
    const Activity& a = priced;
    if (!a.nhs_valid || a.gpprac.empty() || a.start == kNoDay) return;
    const std::span<const Registration> regs = ctx.practice.registrations_of(a.nhs);
    for (const Registration& r : regs)
      if (r.gpprac == a.gpprac && r.covers(a.start)) return;  // the happy path
    if (regs.empty() && !ctx.practice.register_covers_practice(a.gpprac))
      return;  // neither patient nor practice is ours
    out.push_back(challenge(id, a, regs));
  }

  Challenge challenge(std::string_view id, const Activity& a, std::span<const Registration> regs) const {
    const std::string practice = a.gpprac.str();
    const std::string date = format_day(a.start);
    const Registration* elsewhere = nullptr;  // where the patient was registered that day, if anywhere
    for (const Registration& r : regs)
      if (r.covers(a.start)) {
        elsewhere = &r;
        break;
      }
    Challenge c = challenge_for(info(), a, id);
    c.challenged = a.charged;
    if (elsewhere) {
      c.reason = "On " + date + " the patient was registered with practice " + elsewhere->gpprac.str() +
                 ", not with " + practice +
                 " as recorded: the activity is attributed to the wrong practice and is not payable as "
                 "charged until it is re-attributed to the practice the patient was registered with that "
                 "day.";
    } else if (!regs.empty()) {
      c.reason = "On " + date + " the patient was not registered with " + practice +
                 " or any other practice on the register (registration history in the evidence), so is not "
                 "this commissioner's patient for that date.";
    } else {
      c.reason =
          "The patient is not on the registration list of practice " + practice +
          ", the practice recorded on the activity, nor on that of any other practice on the register, "
          "so is not this commissioner's patient.";
    }
    c.evidence =
        "registered_on_activity_date=" + (elsewhere ? elsewhere->gpprac.str() : std::string("none")) +
        "; registrations=" + history(regs);
    return c;
  }

  // "A81001 from 2020-05-01 to 2025-03-01, A81002 from 2025-03-01" (DEREGDATE: first day not registered).
 private:
  static std::string history(std::span<const Registration> regs) {
    if (regs.empty()) return "none";
    constexpr std::size_t kShown = 8;
    std::string s;
    for (std::size_t i = 0; i < regs.size() && i < kShown; ++i) {
      const Registration& r = regs[i];
      if (i) s += ", ";
      s += r.gpprac.str() + " from " + format_day(r.regdate);
      if (r.deregdate != kNoDay) s += " to " + format_day(r.deregdate);
    }
    if (regs.size() > kShown) s += ", and " + std::to_string(regs.size() - kShown) + " more";
    return s;
  }
};

}  // namespace

RECON_REGISTER_RULE(NotRegisteredRule)

}  // namespace recon
