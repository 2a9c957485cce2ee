// DUP: the same APC spell, outpatient attendance or A&E attendance submitted more than once, however it was
// recoded. The most complete copy (then the latest submitted, then the first in input order) is the original
// and is left alone; every other copy is challenged at its full charge.
#include <cctype>
#include <string>

#include "rules/patient/patient_history.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class DupRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "DUP", "Same activity submitted more than once", Severity::kHigh,
        "A spell or attendance is paid once. Records of the same patient at the same provider are the same "
        "activity billed again, whatever their record ids and HRGs (a resubmission is often recoded and "
        "regrouped): APC spells with the same admission and discharge dates (for a spell admitted and "
        "discharged the same day, also the same admission method: an elective day case and an emergency "
        "admission later that day are two stays); outpatient attendances on the same date in the same "
        "treatment function; A&E attendances on the same date with the same attendance category and HRG (a "
        "same-day return is a real second attendance). The copy kept as the original is the most complete "
        "(most fields filled: diagnoses, procedures, HRG, codes, price), then the latest submitted "
        "(SUBDATE), "
        "then the first in input order, following HES duplicate cleaning, which removes the copies a "
        "failed overwrite leaves in SUS and keeps the corrected resubmission. Source: NHS Digital, "
        "'Methodology for identifying and removing duplicate records from the HES data set'.",
        "The duplicate's full charge; the original is left to be paid."};
    return kInfo;
  }

  void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                     ChallengeSink& out) const override {
    const std::vector<std::uint32_t> originals = patient_history::duplicate_originals(history);
    if (originals.empty()) return;
    for (std::size_t i = 0; i < history.size(); ++i) {
      if (!patient_history::is_duplicate(originals, i)) continue;
      const Activity& copy = history[i];
      const Activity& original = history[originals[i]];
      Challenge c = challenge_for(info(), copy, ctx.id_of(copy));
      c.challenged = copy.charged;
      c.reason = describe(copy, ctx.id_of(copy)) + " repeats " + std::string(noun(copy)) + " " +
                 std::string(ctx.id_of(original)) + " (" + std::string(matched_fields(copy)) +
                 "): the same activity billed again, which is paid once.";
      c.evidence = "original=" + std::string(ctx.id_of(original)) +
                   "; original_charged=" + format_money(original.charged);
      out.push_back(std::move(c));
    }
  }

 private:
  static std::string_view noun(const Activity& a) {
    switch (a.dataset) {
      case Dataset::kApc:
        return "spell";
      case Dataset::kOp:
        return "outpatient attendance";
      case Dataset::kAe:
        return "A&E attendance";
    }
    return "record";
  }
  static std::string_view matched_fields(const Activity& a) {
    switch (a.dataset) {
      case Dataset::kApc:
        return a.start == a.end ? "same patient, provider, admission and discharge date and admission method"
                                : "same patient, provider, admission and discharge dates";
      case Dataset::kOp:
        return "same patient, provider, appointment date and treatment function";
      case Dataset::kAe:
        return "same patient, provider, arrival date, attendance category and HRG";
    }
    return "";
  }
  // e.g. "Spell S2 (RXH, 2025-04-01 to 2025-04-03, HRG EB03C)"
  static std::string describe(const Activity& a, std::string_view id) {
    std::string s(noun(a));
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    s += " " + std::string(id) + " (" + a.procode.str() + ", " + format_day(a.start);
    if (a.dataset == Dataset::kApc) s += " to " + format_day(a.end);
    if (a.dataset == Dataset::kOp) s += ", TRETSPEF " + (a.tretspef.empty() ? "empty" : a.tretspef.str());
    if (a.dataset == Dataset::kAe)
      s += ", AEATTENDCAT " + (a.attendcat ? std::to_string(a.attendcat) : std::string("empty"));
    s += ", HRG " + (a.hrg.empty() ? std::string("empty") : a.hrg.str()) + ")";
    return s;
  }
};

}  // namespace

RECON_REGISTER_RULE(DupRule)

}  // namespace recon
