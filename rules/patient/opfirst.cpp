// OPFIRST: a first outpatient attendance for a patient already seen in the same clinic (provider and
// treatment function) in the previous N months, with no new referral since: it continues the same episode of
// care and is a follow-up, so only the follow-up price is payable.
#include <algorithm>
#include <string>
#include <tuple>

#include "core/pricing.hpp"
#include "rules/patient/patient_history.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

const RuleOption kOpfirstMonths{
    "OPFIRST", "opfirst-months", 6, 0, 120, "look-back for an earlier attendance, in months"};

bool attended(const Activity& a) { return a.attended == 5 || a.attended == 6; }
bool first_attendance(const Activity& a) { return a.firstatt == 1 || a.firstatt == 3; }

class OpfirstRule final : public PatientRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "OPFIRST", "First outpatient attendance for a patient already under the same clinic",
        Severity::kMedium,
        "A first attendance (FIRSTATT 1/3, attended) is priced for a new referral. If the patient attended "
        "the "
        "same provider and treatment function in the previous N calendar months (default 6, "
        "--opfirst-months) and the practice referral log holds no referral to that provider and treatment "
        "function after that attendance, it continues the same episode and is a follow-up. MEDIUM, not HIGH: "
        "a consultant-to-consultant or A&E referral for a new condition does not appear in a practice "
        "referral log. Without a referral log the rule still runs and says so.",
        "The charge minus the tariff follow-up price of the treatment function, not below 0; no challenge "
        "when "
        "the charge is already at or below the follow-up price. If the tariff has no follow-up price for the "
        "treatment function the challenge is raised with 0 at risk."};
    return kInfo;
  }

  void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                     ChallengeSink& out) const override {
    // Attended outpatient records by (provider, treatment function, date, activity order).
    std::vector<std::uint32_t> seen;
    bool any_first = false;
    for (std::size_t i = 0; i < history.size(); ++i) {
      const Activity& a = history[i];
      if (a.dataset != Dataset::kOp || !attended(a) || a.tretspef.empty()) continue;
      seen.push_back(static_cast<std::uint32_t>(i));
      any_first = any_first || first_attendance(a);
    }
    if (!any_first || seen.size() < 2) return;
    auto key = [&](std::uint32_t i) {
      return std::make_tuple(history[i].procode, history[i].tretspef, history[i].start, i);
    };
    std::sort(seen.begin(), seen.end(), [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });

    for (std::size_t k = 1; k < seen.size(); ++k) {
      const Activity& first = history[seen[k]];
      if (!first_attendance(first)) continue;
      // The latest earlier attendance in the same clinic: strictly before this day (same-day records are
      // either DUP's business or one visit coded twice, not a previous episode).
      const auto before = std::lower_bound(
          seen.begin(), seen.end(), std::make_tuple(first.procode, first.tretspef, first.start, 0u),
          [&](std::uint32_t x, const auto& probe) { return key(x) < probe; });
      if (before == seen.begin()) continue;
      const Activity& latest = history[*std::prev(before)];
      if (latest.procode != first.procode || latest.tretspef != first.tretspef) continue;
      if (latest.start < patient_history::months_before(first.start, ctx.options[kOpfirstMonths])) continue;
      if (new_referral(ctx, first, latest.start)) continue;
      const auto earliest_that_day = std::lower_bound(
          seen.begin(), seen.end(), std::make_tuple(latest.procode, latest.tretspef, latest.start, 0u),
          [&](std::uint32_t x, const auto& probe) { return key(x) < probe; });
      const Activity& previous = history[*earliest_that_day];

      const auto tariff = ctx.ref.tariff_op.find(first.tretspef);
      const Pence followup = tariff != ctx.ref.tariff_op.end() ? tariff->second.followup : kNoPrice;
      if (followup != kNoPrice && first.charged <= followup) continue;  // already charged as a follow-up
      out.push_back(challenge(first, previous, followup, ctx));
    }
  }

 private:
  // A referral (practice log) to this provider (or any) and treatment function (or any), dated after the
  // previous attendance and on or before this one, makes this a genuine new episode.
  static bool new_referral(const RuleContext& ctx, const Activity& first, Day previous) {
    const auto referrals = ctx.practice.referrals_of(first.nhs);  // sorted by date
    const auto from = std::partition_point(referrals.begin(), referrals.end(),
                                           [&](const Referral& r) { return r.refdate <= previous; });
    for (auto r = from; r != referrals.end() && r->refdate <= first.start; ++r) {
      if ((r->procode.empty() || r->procode == first.procode) &&
          (r->tretspef.empty() || r->tretspef == first.tretspef))
        return true;
    }
    return false;
  }

  Challenge challenge(const Activity& first, const Activity& previous, Pence followup,
                      const RuleContext& ctx) const {
    const std::string id(ctx.id_of(first)), previous_id(ctx.id_of(previous));
    const int months = ctx.options[kOpfirstMonths];
    const bool have_log = ctx.practice.has_referrals;
    Challenge c = challenge_for(info(), first, id);
    c.challenged = followup == kNoPrice ? 0 : std::max<Pence>(0, first.charged - followup);
    c.reason = "First attendance " + id + " at " + first.procode.str() + " (TRETSPEF " +
               first.tretspef.str() + ") on " + format_day(first.start) + " follows attendance " +
               previous_id + " in the same clinic on " + format_day(previous.start) + ", within " +
               std::to_string(months) + " months, with " +
               (have_log ? "no new referral in the practice referral log since"
                         : "no referral log supplied to show a new referral") +
               "; it should be charged as a follow-up" +
               (followup == kNoPrice ? " (the tariff has no follow-up price for TRETSPEF " +
                                           first.tretspef.str() + ", so the amount at risk is not priced)."
                                     : " at " + format_money(followup) + ".");
    c.evidence = "previous=" + previous_id + "; previous_date=" + format_day(previous.start) +
                 "; months=" + std::to_string(months) + "; followup_price=" +
                 (followup == kNoPrice ? std::string("unknown") : format_money(followup)) +
                 "; referral_log=" + (have_log ? "checked" : "not supplied");
    return c;
  }
};

}  // namespace

RECON_REGISTER_RULE(OpfirstRule)

}  // namespace recon
