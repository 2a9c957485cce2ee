// CC_UNSUPPORTED: the spell is charged at a complication (CC) split whose CC-score band its own coded
// secondary diagnoses cannot reach. The split is derived from those diagnoses, so a split above what they
// score is not what the submitted coding groups to: the spell is payable at the split the score supports.
#include "rules/registry.hpp"
#include "rules/row/cc_split.hpp"

namespace recon {
namespace {

using namespace cc_split;

class CcUnsupportedRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "CC_UNSUPPORTED",
        "Complication (CC) split not supported by the spell's coded secondary diagnoses",
        Severity::kHigh,
        "HRG4+ chooses a root's split (EB03A..EB03E) from the CC score of the secondary diagnoses. An APC "
        "spell whose SUSHRG is listed in hrg_cc_bands is challenged when the CC score of its secondary "
        "diagnoses is below the band's MIN_SCORE. The score is the sum of the cc_scores value (longest "
        "matching code or prefix) of each distinct code in DIAG_02..DIAG_20, not capped and not weighted; a "
        "repeat of the primary diagnosis does not count. A grouper's exclusion lists only remove codes, so "
        "a band this score cannot reach is not reachable at all. Not judged: HRGs without a band, bands "
        "with MIN_SCORE 0, and a score above MAX_SCORE (under-coding costs the commissioner nothing).",
        "The charge minus the tariff price of the split the score supports (the split of the same root whose "
        "band contains the score, else the highest split whose MIN_SCORE is at most the score), priced with "
        "the spell's admission method, patient class and length of stay; never below zero. Zero when no such "
        "split is listed or the tariff does not price it.",
        {.all = input::kCcScores | input::kHrgCcBands}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const CcBand* band = claimed_band(ctx.ref, row.hrg);
    if (!band || band->min_score <= 0) return;
    const CcCodes cc = secondary_cc(ctx.ref, row);
    if (cc.score >= band->min_score) return;  // the happy path: nothing allocated
    out.push_back(challenge(row, priced, ctx, *band, cc));
  }

 private:
  Challenge challenge(const ApcRow& row, const Activity& priced, const RuleContext& ctx, const CcBand& band,
                      const CcCodes& cc) const {
    const SplitRisk risk = split_risk(ctx.ref, row, priced, cc.score);
    const std::string id(row.id), hrg = row.hrg.str();
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = risk.amount;
    c.reason = "Spell " + id + " is charged as " + hrg + ", the split for a CC score of " + band_text(band) +
               ", but its secondary diagnoses " +
               (cc.n ? "score only " + std::to_string(cc.score) + " (" + codes_text(row, cc, ~0u, true) + ")"
                     : std::string("carry no CC score")) +
               ". " + risk.why;
    c.evidence = "hrg=" + hrg + "; band=" + band_text(band) + "; cc_score=" + std::to_string(cc.score) +
                 "; cc_codes=" + codes_text(row, cc, ~0u, false) + "; " + risk.evidence;
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(CcUnsupportedRule)

}  // namespace recon
