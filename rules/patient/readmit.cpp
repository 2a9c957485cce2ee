// READMIT: an emergency readmission within the readmission window (default 30 days) of discharge from an
// elective spell at the same provider. Under the former PbR readmissions rule such a readmission was not
// paid: the elective spell's price already covers putting right what went wrong after it. Under the NHS
// Payment Scheme it is a local contract rule, so MEDIUM by default; its exclusions follow the national
// derivation.
#include <algorithm>
#include <string>
#include <tuple>

#include "rules/patient/patient_history.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

const RuleOption kReadmitDays{
    "READMIT", "readmit-days", 30,
    0,         3650,           "emergency readmission within this many days of discharge (0: rule off)"};
// Where the contract still withholds payment for a readmission it may withhold only part of it (a local
// rule).
const RuleOption kReadmitShareNotPaid{
    "READMIT", "readmit-share-not-paid",
    100,       0,
    100,       "percent of the readmission's charge not paid (the amount at risk)"};

// The SUS 30-day readmission derivation also counts a readmission to another provider; most contracts do not.
const RuleOption kReadmitAnyProvider{"READMIT",
                                     "readmit-any-provider",
                                     0,
                                     0,
                                     1,
                                     "1: also count an emergency readmission to another provider than the "
                                     "elective spell's (0: same provider)"};

class ReadmitRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "READMIT", "Emergency readmission within the window after an elective discharge", Severity::kMedium,
        "An emergency admission (ADMIMETH 21-28, 2A-2D) to the same provider (any provider with "
        "--readmit-any-provider 1) 1 to N days (default 30, --readmit-days) after discharge from an elective "
        "spell (ADMIMETH 11-13, day cases included) was not paid under the PbR emergency readmissions rule. "
        "The NHS Payment Scheme no longer sets it (most activity is paid under aligned payment and incentive "
        "contracts): where it applies it is a local contract rule, hence MEDIUM. Exclusions as in the "
        "national rule and the SUS 30-day readmission derivation (Spell_RE30): patients aged 3 or under at "
        "readmission; maternity (ADMIMETH 31-32, TRETSPEF 501/560 or HRG chapter NZ), cancer (primary "
        "diagnosis C00-C97 or D37-D48; D00-D36 is not excluded), chemotherapy and radiotherapy (HRG chapters "
        "SB, SC) and renal dialysis (LD, LE) on either spell; an index spell ended by self-discharge against "
        "clinical advice (DISMETH 2) or of regular day/night attenders (CLASSPAT 3/4); a readmission that is "
        "a "
        "transfer (ADMIMETH 2B, ADMISORC 51-53 or 87); and copies DUP challenges. Same-day readmission is "
        "SPLIT's business. Sources: Department of Health, Payment by Results guidance, emergency "
        "readmissions "
        "(exclusions (b)-(h), reproduced in Ann R Coll Surg Engl 2016;98(4):250, table 1); NHS England, NCDR "
        "reference library, SUS+ PbR derived fields (Spell_RE30).",
        "The readmission's charge times the share not paid (--readmit-share-not-paid, default 100%: all "
        "of it), rounded to the penny."};
    return kInfo;
  }

  void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                     ChallengeSink& out) const override {
    const int window = ctx.options[kReadmitDays];
    if (window < 1) return;
    const std::vector<std::uint32_t> originals = patient_history::duplicate_originals(history);
    auto usable = [&](std::size_t i) {
      const Activity& a = history[i];
      return a.dataset == Dataset::kApc && !patient_history::is_duplicate(originals, i) &&
             !patient_history::is_maternity_spell(a) && !a.primary_cancer &&
             !patient_history::is_planned_series_treatment(a);
    };
    // The provider in the search key: none when a readmission to any provider counts.
    const bool any_provider = ctx.options[kReadmitAnyProvider] == 1;
    auto provider = [&](const Activity& a) { return any_provider ? Code{} : a.procode; };

    // Possible index spells, by (provider, discharge day, activity order).
    std::vector<std::uint32_t> index;
    for (std::size_t i = 0; i < history.size(); ++i)
      if (usable(i) && is_elective(history[i].admimeth) &&
          !patient_history::is_regular_attender(history[i]) && !history[i].self_discharged)
        index.push_back(static_cast<std::uint32_t>(i));
    if (index.empty()) return;
    auto key = [&](std::uint32_t i) { return std::make_tuple(provider(history[i]), history[i].end, i); };
    std::sort(index.begin(), index.end(), [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });

    for (std::size_t i = 0; i < history.size(); ++i) {
      const Activity& readmission = history[i];
      if (!usable(i) || !is_emergency(readmission.admimeth)) continue;
      if (readmission.under_four || readmission.transfer_in) continue;
      // The most recent elective discharge at this provider (or any) on or before the day before admission.
      const auto last =
          std::upper_bound(index.begin(), index.end(),
                           std::make_tuple(provider(readmission), readmission.start - 1, UINT32_MAX),
                           [&](const auto& probe, std::uint32_t x) { return probe < key(x); });
      if (last == index.begin()) continue;
      const Activity& latest = history[*std::prev(last)];
      if (provider(latest) != provider(readmission) || latest.end < readmission.start - window) continue;
      // Of several discharged that day, name the first in activity order.
      const auto first =
          std::lower_bound(index.begin(), index.end(), std::make_tuple(provider(latest), latest.end, 0u),
                           [&](std::uint32_t x, const auto& probe) { return key(x) < probe; });
      out.push_back(challenge(readmission, history[*first], window, ctx));
    }
  }

 private:
  Challenge challenge(const Activity& readmission, const Activity& index, int window,
                      const RuleContext& ctx) const {
    const std::string id(ctx.id_of(readmission)), index_id(ctx.id_of(index));
    const int days = readmission.start - index.end;
    Challenge c = challenge_for(info(), readmission, id);
    const int share = ctx.options[kReadmitShareNotPaid];
    const Pence share_of_charge = readmission.charged * share;  // charges are at most kMaxPrice: no overflow
    c.challenged = (share_of_charge >= 0 ? share_of_charge + 50 : share_of_charge - 50) / 100;  // half away
    c.reason =
        "Emergency admission " + id + " (ADMIMETH " + admimeth_text(readmission.admimeth) + ") at " +
        readmission.procode.str() + " on " + format_day(readmission.start) + " is " + std::to_string(days) +
        (days == 1 ? " day" : " days") + " after discharge on " + format_day(index.end) +
        " from elective spell " + index_id +
        (index.procode == readmission.procode ? " at the same provider" : " at " + index.procode.str()) +
        "; an emergency readmission within " + std::to_string(window) +
        " days of an elective discharge is not paid under the contract's readmissions rule (the former "
        "PbR rule).";
    c.evidence = "index=" + index_id + "; index_admimeth=" + admimeth_text(index.admimeth) +
                 "; index_disdate=" + format_day(index.end) +
                 "; days_after_discharge=" + std::to_string(days) + "; window_days=" + std::to_string(window);
    if (share != 100) c.evidence += "; share_not_paid=" + std::to_string(share) + "%";
    return c;
  }
  // 2A-2D are held as 20: print them as "2A-2D".
  static std::string admimeth_text(std::uint8_t m) { return m == 20 ? "2A-2D" : std::to_string(m); }
};

}  // namespace

RECON_REGISTER_RULE(ReadmitRule)

}  // namespace recon
