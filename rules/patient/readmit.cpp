// READMIT: an emergency readmission within the readmission window (default 30 days) of discharge from an
// elective spell at the same provider. Under the PbR readmissions rule such a readmission is not paid: the
// elective spell's price already covers putting right what went wrong after it.
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

class ReadmitRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "READMIT", "Emergency readmission within the window after an elective discharge", Severity::kHigh,
        "Under the PbR readmissions rule an emergency admission (ADMIMETH 21-28, 2A-2D) to the same provider "
        "1 to N days (default 30, --readmit-days) after discharge from an elective spell (ADMIMETH "
        "11-13, day cases included) is not paid. Same-day readmission is SPLIT's business. Excluded as in "
        "the "
        "national rule: patients under 4 at readmission, maternity (ADMIMETH 31-32 or TRETSPEF 501/560) and "
        "cancer (primary diagnosis C00-D48) on either spell, regular day/night attenders (CLASSPAT 3/4) as "
        "the index, and exact duplicates (DUP).",
        "The readmission's full charge."};
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
             !patient_history::is_maternity_spell(a) && !a.primary_neoplasm;
    };

    // Possible index spells, by (provider, discharge day, activity order).
    std::vector<std::uint32_t> index;
    for (std::size_t i = 0; i < history.size(); ++i)
      if (usable(i) && is_elective(history[i].admimeth) && !patient_history::is_regular_attender(history[i]))
        index.push_back(static_cast<std::uint32_t>(i));
    if (index.empty()) return;
    auto key = [&](std::uint32_t i) { return std::make_tuple(history[i].procode, history[i].end, i); };
    std::sort(index.begin(), index.end(), [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });

    for (std::size_t i = 0; i < history.size(); ++i) {
      const Activity& readmission = history[i];
      if (!usable(i) || !is_emergency(readmission.admimeth)) continue;
      if (readmission.under_four) continue;
      // The most recent elective discharge at this provider on or before the day before admission.
      const auto last = std::upper_bound(
          index.begin(), index.end(), std::make_tuple(readmission.procode, readmission.start - 1, UINT32_MAX),
          [&](const auto& probe, std::uint32_t x) { return probe < key(x); });
      if (last == index.begin()) continue;
      const Activity& latest = history[*std::prev(last)];
      if (latest.procode != readmission.procode || latest.end < readmission.start - window) continue;
      // Of several discharged that day, name the first in activity order.
      const auto first =
          std::lower_bound(index.begin(), index.end(), std::make_tuple(latest.procode, latest.end, 0u),
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
    c.challenged = readmission.charged;
    c.reason = "Emergency admission " + id + " (ADMIMETH " + admimeth_text(readmission.admimeth) + ") at " +
               readmission.procode.str() + " on " + format_day(readmission.start) + " is " +
               std::to_string(days) + (days == 1 ? " day" : " days") + " after discharge on " +
               format_day(index.end) + " from elective spell " + index_id +
               " at the same provider; an emergency readmission within " + std::to_string(window) +
               " days of an elective discharge is not paid under the PbR readmissions "
               "rule.";
    c.evidence = "index=" + index_id + "; index_admimeth=" + admimeth_text(index.admimeth) +
                 "; index_disdate=" + format_day(index.end) +
                 "; days_after_discharge=" + std::to_string(days) + "; window_days=" + std::to_string(window);
    return c;
  }
  // 2A-2D are held as 20: print them as "2A-2D".
  static std::string admimeth_text(std::uint8_t m) { return m == 20 ? "2A-2D" : std::to_string(m); }
};

}  // namespace

RECON_REGISTER_RULE(ReadmitRule)

}  // namespace recon
