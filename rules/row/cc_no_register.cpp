// CC_NO_REGISTER: the spell's complication (CC) split rests on chronic comorbidities (diabetes, COPD, heart
// failure, ...) that the patient's own GP practice does not have on its QOF disease registers. A practice
// registers every patient it knows to have such a condition, so a comorbidity coded in hospital but absent
// from the register of the practice that holds the patient's record is doubtful. Evidence only the GP holds:
// a query for the provider to substantiate (MEDIUM), not a refusal.
//
// Which spells the registers can judge: the practice must have supplied its disease registers (it appears in
// the conditions file) and the patient must be registered with it (practice register) when the spell began;
// a practice that does not hold the patient holds no evidence either way.
#include <algorithm>
#include <vector>

#include "rules/registry.hpp"
#include "rules/row/cc_split.hpp"

namespace recon {
namespace {

using namespace cc_split;

// A condition newly diagnosed during the spell reaches the register from the discharge summary: an entry
// dated up to this many days after discharge still corroborates the hospital's coding.
constexpr Day kRegisterGraceDays = 90;  // the reason's wording says 90 too

class CcNoRegisterRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "CC_NO_REGISTER",
        "Complication (CC) split driven by comorbidities absent from the GP practice's disease registers",
        Severity::kMedium,
        "An APC spell charged at a CC split (SUSHRG listed in hrg_cc_bands) that its secondary diagnoses "
        "support (see CC_UNSUPPORTED for the score) is queried when it would fall below the split's "
        "MIN_SCORE without the CC-scoring secondary diagnoses whose QOF register (qof_map, longest prefix) "
        "does not list the patient at the spell's GPPRAC with a FROMDATE on or before discharge + 90 days "
        "(or no FROMDATE). Judged only for a valid NHS number, a GPPRAC that supplied its disease registers "
        "(appears in the conditions file) and a patient registered with that practice on the admission date; "
        "codes that map to no QOF register are taken as coded. Spells that keep their split without those "
        "codes, and spells whose full score already misses the band (CC_UNSUPPORTED), are not queried. "
        "MEDIUM: the registers are evidence only the GP holds, to be put to the provider.",
        "The charge minus the tariff price of the split supported by the CC score without the unregistered "
        "comorbidities (the split of the same root whose band contains that score, else the highest split "
        "whose MIN_SCORE is at most it), priced with the spell's admission method, patient class and length "
        "of stay; never below zero. Zero when no such split is listed or the tariff does not price it.",
        {.all =
             input::kCcScores | input::kHrgCcBands | input::kQofMap | input::kRegister | input::kConditions}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const CcBand* band = claimed_band(ctx.ref, row.hrg);
    if (!band || band->min_score <= 0) return;  // the lowest split: no comorbidity needed
    const CcCodes cc = secondary_cc(ctx.ref, row);
    if (cc.score < band->min_score || cc.n == 0) return;  // CC_UNSUPPORTED's business

    // Bit i: code i maps to a QOF register; only those can be checked against the practice.
    std::array<Code, CcCodes::kMax> registers{};
    std::uint32_t on_a_register = 0;
    int register_score = 0;
    for (std::size_t i = 0; i < cc.n; ++i) {
      registers[i] = ctx.ref.qof_register(cc.code(row, i));
      if (registers[i].empty()) continue;
      on_a_register |= 1u << i;
      register_score += cc.points[i];
    }
    if (cc.score - register_score >= band->min_score) return;  // the split holds whatever the registers say

    if (!priced.nhs_valid || row.patient.gpprac.empty() ||
        !ctx.practice.conditions_cover_practice(row.patient.gpprac))
      return;
    if (!registered_at(ctx.practice, priced.nhs, row.patient.gpprac, row.admidate)) return;

    const Day latest = (row.disdate == kNoDay ? row.admidate : row.disdate) + kRegisterGraceDays;
    const std::span<const Condition> conditions = ctx.practice.conditions_of(priced.nhs);
    std::uint32_t missing = 0;
    int missing_score = 0;
    for (std::size_t i = 0; i < cc.n; ++i) {
      if (!(on_a_register & (1u << i))) continue;
      if (on_register(conditions, row.patient.gpprac, registers[i], latest)) continue;
      missing |= 1u << i;
      missing_score += cc.points[i];
    }
    if (cc.score - missing_score >= band->min_score) return;
    out.push_back(challenge(row, priced, ctx, *band, cc, registers, missing, cc.score - missing_score));
  }

 private:
  static bool registered_at(const PracticeData& practice, NhsNumber nhs, Code gpprac, Day day) {
    for (const Registration& r : practice.registrations_of(nhs))
      if (r.gpprac == gpprac && r.covers(day)) return true;
    return false;
  }
  static bool on_register(std::span<const Condition> conditions, Code gpprac, Code register_, Day latest) {
    for (const Condition& c : conditions)
      if (c.gpprac == gpprac && c.register_ == register_ && (c.fromdate == kNoDay || c.fromdate <= latest))
        return true;
    return false;
  }

  Challenge challenge(const ApcRow& row, const Activity& priced, const RuleContext& ctx, const CcBand& band,
                      const CcCodes& cc, const std::array<Code, CcCodes::kMax>& registers,
                      std::uint32_t missing, int score_without) const {
    const SplitRisk risk = split_risk(ctx.ref, row, priced, score_without);
    const std::string id(row.id), hrg = row.hrg.str(), practice = row.patient.gpprac.str();
    // "CKD" / "DM and CKD" / "AF, DM and CKD" for the reason; "DM,CKD" for the evidence; the codes.
    std::vector<std::string> names;
    std::string codes;
    for (std::size_t i = 0; i < cc.n; ++i) {
      if (!(missing & (1u << i))) continue;
      const std::string reg = registers[i].str();
      if (std::find(names.begin(), names.end(), reg) == names.end()) names.push_back(reg);
      codes += (codes.empty() ? "" : ", ") + cc.code(row, i).str();
    }
    std::string in_words, listed;
    for (std::size_t i = 0; i < names.size(); ++i) {
      in_words += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
      listed += (i == 0 ? "" : ",") + names[i];
    }
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = risk.amount;
    c.reason = "Spell " + id + " is charged as " + hrg + ", the split for a CC score of " + band_text(band) +
               ", with secondary diagnoses scoring " + std::to_string(cc.score) + " (" +
               codes_text(row, cc, ~0u, true) + "), but the patient's practice " + practice +
               " does not have the patient on its " + in_words + " register" + (names.size() > 1 ? "s" : "") +
               " (coded " + codes + ") by 90 days after the discharge on " + format_day(row.disdate) +
               ". Without " + codes + " the CC score is " + std::to_string(score_without) + ". " + risk.why +
               " The disease registers are evidence only the GP holds: the provider is asked to substantiate "
               "the comorbidities.";
    c.evidence = "hrg=" + hrg + "; band=" + band_text(band) + "; cc_score=" + std::to_string(cc.score) +
                 "; cc_codes=" + codes_text(row, cc, ~0u, false) +
                 "; unregistered_codes=" + codes_text(row, cc, missing, false) +
                 "; missing_registers=" + listed + "; score_without=" + std::to_string(score_without) + "; " +
                 risk.evidence;
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(CcNoRegisterRule)

}  // namespace recon
