// SPLIT: discharge and readmission at the same provider on the same day. A local contract rule (no national
// text sets it) counts the two (or more) spells as one continuous stay, paid once; the provider has billed it
// as separate spells.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "rules/patient/patient_history.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class SplitRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SPLIT", "Same-day discharge and readmission billed as two spells", Severity::kMedium,
        "A patient discharged and readmitted by the same provider on the same day has had one continuous "
        "stay, to be paid as one spell, not one per administrative spell. A local contract rule: no national "
        "text (PbR guidance, NHS Payment Scheme, SUS+ PbR derivations) says that a same-day discharge and "
        "readmission is paid as one spell, so it is MEDIUM, applied where the contract agrees it. Maternity "
        "spells (ADMIMETH 31-32, TRETSPEF 501/560 or HRG chapter NZ), regular day/night attenders (CLASSPAT "
        "3/4) and copies DUP challenges are excluded.",
        "The excess of the joined charges over the single highest one, attributed to the later spell: the "
        "lower of this spell's charge and the highest charge among the spells it joins (for two spells, the "
        "smaller charge). Summed along a chain of same-day readmissions this is the chain's total minus its "
        "highest charge, which is what paying the stay once at the higher price saves."};
    return kInfo;
  }

  void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                     ChallengeSink& out) const override {
    const std::vector<std::uint32_t> originals = patient_history::duplicate_originals(history);
    // Spells discharged so far, by (provider, discharge day): the first such spell in activity order and the
    // highest-charged spell of the chain(s) of same-day readmissions that end there.
    struct Discharged {
      std::uint32_t first;
      std::uint32_t highest;
    };
    std::map<std::pair<Code, Day>, Discharged> discharged;

    // A predecessor (discharged on this spell's admission day) always precedes it in activity order, so one
    // pass in that order sees every link.
    for (std::size_t i = 0; i < history.size(); ++i) {
      const Activity& spell = history[i];
      if (spell.dataset != Dataset::kApc || patient_history::is_duplicate(originals, i) ||
          patient_history::is_maternity_spell(spell) || patient_history::is_regular_attender(spell))
        continue;
      std::uint32_t highest = static_cast<std::uint32_t>(i);
      if (auto it = discharged.find({spell.procode, spell.start}); it != discharged.end()) {
        // The joined stay is paid once, at the highest charge among its spells.
        if (history[it->second.highest].charged >= spell.charged) highest = it->second.highest;
        out.push_back(
            challenge(spell, history[it->second.first], history[it->second.highest], history[highest], ctx));
      }
      auto [it, inserted] = discharged.try_emplace({spell.procode, spell.end},
                                                   Discharged{static_cast<std::uint32_t>(i), highest});
      if (!inserted && history[highest].charged > history[it->second.highest].charged)
        it->second.highest = highest;
    }
  }

 private:
  // `joined_top`: the highest charge before this spell; `top`: the highest including it.
  Challenge challenge(const Activity& spell, const Activity& previous, const Activity& joined_top,
                      const Activity& top, const RuleContext& ctx) const {
    const std::string id(ctx.id_of(spell)), previous_id(ctx.id_of(previous)), top_id(ctx.id_of(top));
    Challenge c = challenge_for(info(), spell, id);
    c.challenged = std::max<Pence>(0, std::min(spell.charged, joined_top.charged));
    c.reason = "Spell " + id + " at " + spell.procode.str() + " was admitted on " + format_day(spell.start) +
               ", the day spell " + previous_id +
               " at the same provider was discharged; the contract counts the spells as one continuous stay, "
               "paid once "
               "at the highest of their charges (" +
               format_money(top.charged) + " for " + top_id + "), so the excess of " +
               format_money(c.challenged) + " is not payable.";
    c.evidence = "previous=" + previous_id + "; previous_admidate=" + format_day(previous.start) +
                 "; previous_disdate=" + format_day(previous.end) + "; highest_joined=" + top_id +
                 "; highest_charged=" + format_money(top.charged);
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(SplitRule)

}  // namespace recon
