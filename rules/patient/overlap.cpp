// OVERLAP: two admitted-patient spells of one patient that share at least one night. A patient cannot be in
// two beds at once (at the same provider or at two), so the spell admitted while the patient was still in
// another bed is not payable as charged.
#include <algorithm>
#include <string>
#include <tuple>

#include "rules/patient/patient_history.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class OverlapRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "OVERLAP", "Admitted spell overlaps another spell of the same patient", Severity::kHigh,
        "A patient cannot be in two beds at once. A spell (at any provider) admitted after an "
        "earlier-admitted spell and before its discharge, or admitted the same day as a spell at least as "
        "long "
        "and staying at least one night, double-counts the patient's stay. Of spells admitted the same day "
        "the "
        "longest is kept; of equally long ones (at different providers: equal spells at one provider are "
        "DUP's) "
        "the first in activity order (provider code, then input order) is kept and the others are "
        "challenged. Admission on another "
        "spell's discharge day is not an overlap (same provider: see SPLIT; another provider: a transfer), a "
        "same-day spell on the day of another admission is not judged, and copies DUP challenges take no "
        "part (their original does).",
        "The full charge of the later-admitted (contained or overlapping) spell: the earlier spell already "
        "pays for the patient's bed, and the two claims cannot both stand as submitted."};
    return kInfo;
  }

  void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                     ChallengeSink& out) const override {
    // Spells in admission order; for the same admission date the longer spell first, so that the one
    // contained in it is the one challenged. Copies DUP challenges take no part (their original does).
    const std::vector<std::uint32_t> originals = patient_history::duplicate_originals(history);
    std::vector<std::uint32_t> spells;
    for (std::size_t i = 0; i < history.size(); ++i)
      if (history[i].dataset == Dataset::kApc && !patient_history::is_duplicate(originals, i))
        spells.push_back(static_cast<std::uint32_t>(i));
    if (spells.size() < 2) return;
    std::sort(spells.begin(), spells.end(), [&](std::uint32_t x, std::uint32_t y) {
      return std::make_tuple(history[x].start, -static_cast<std::int64_t>(history[x].end), x) <
             std::make_tuple(history[y].start, -static_cast<std::int64_t>(history[y].end), y);
    });

    // Sweep by admission day. `cover`: of the spells admitted on earlier days, the one discharged last (the
    // first such on ties). A spell admitted strictly before that discharge was admitted while the patient was
    // still in it. Among spells admitted on the same day, the longest comes first; a later one that stays at
    // least one night shares that first night with it. A same-day spell (admitted and discharged on one day)
    // admitted on the day of another admission is not judged: it may have ended before the other began.
    constexpr std::uint32_t kNone = UINT32_MAX;
    std::uint32_t cover = kNone;
    for (std::size_t b = 0; b < spells.size();) {
      const Day day = history[spells[b]].start;
      std::size_t e = b + 1;
      while (e < spells.size() && history[spells[e]].start == day) ++e;
      const bool inside_earlier = cover != kNone && day < history[cover].end;
      for (std::size_t k = b; k < e; ++k) {
        const Activity& later = history[spells[k]];
        if (inside_earlier)
          out.push_back(challenge(later, history[cover], /*same_day=*/false, ctx));
        else if (k > b && later.end > later.start)
          out.push_back(challenge(later, history[spells[b]], /*same_day=*/true, ctx));
      }
      if (cover == kNone || history[spells[b]].end > history[cover].end) cover = spells[b];
      b = e;
    }
  }

 private:
  // `same_day`: both admitted on one day (`earlier` is the longer spell).
  Challenge challenge(const Activity& later, const Activity& earlier, bool same_day,
                      const RuleContext& ctx) const {
    const std::string later_id(ctx.id_of(later)), earlier_id(ctx.id_of(earlier));
    const Day overlap_to = std::min(later.end, earlier.end);
    Challenge c = challenge_for(info(), later, later_id);
    c.challenged = later.charged;
    c.reason = "Spell " + later_id + " at " + later.procode.str() + " (" + format_day(later.start) + " to " +
               format_day(later.end) + ") was admitted " +
               (same_day ? "on the same day as spell " : "while the patient was still in spell ") +
               earlier_id + " at " +
               (later.procode == earlier.procode ? "the same provider" : earlier.procode.str()) + " (" +
               format_day(earlier.start) + " to " + format_day(earlier.end) + "); the spells overlap from " +
               format_day(later.start) + " to " + format_day(overlap_to) +
               " and a patient cannot be in two beds at once.";
    c.evidence = "overlaps=" + earlier_id + "; overlaps_procode=" + earlier.procode.str() +
                 "; overlaps_admidate=" + format_day(earlier.start) +
                 "; overlaps_disdate=" + format_day(earlier.end) +
                 "; overlap_from=" + format_day(later.start) + "; overlap_to=" + format_day(overlap_to);
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(OverlapRule)

}  // namespace recon
