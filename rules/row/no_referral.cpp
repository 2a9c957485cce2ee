// NO_REFERRAL: GP-referred activity with no matching referral in the practice referral log. The practice
// knows which patients it referred, where and when; a provider claiming a GP referral the practice never made
// is asked to produce it before the activity is paid.
//
// What counts as GP-referred:
//  * OP: a first attendance (FIRSTATT 1, or 3 non-face-to-face) with REFSOURC 03 (GP referral). The
//    referral must be to the record's provider and treatment function (a referral with PROCODE3 or TRETSPEF
//    empty matches any).
//  * APC: an elective admission from the waiting list or booked (ADMIMETH 11, 12). The contract gives APC no
//    referral source, and the admitting treatment function often differs from the specialty referred to
//    (e.g. referred to general surgery, admitted under colorectal surgery), so only the provider must match.
//    Planned admissions (ADMIMETH 13: repeat treatment in an agreed course, e.g. chemotherapy cycles) are
//    not a new referral and are not judged; nor are emergency, maternity and other admissions, A&E and OP
//    follow-ups.
// A referral from any practice in the log counts (the patient may have moved practice mid-pathway). Only
// records whose GPPRAC is one of the practices the log or the register speaks for are judged: for any other
// practice the log cannot be expected to hold the referral.
#include <cstdlib>

#include "rules/registry.hpp"

namespace recon {
namespace {

const RuleOption kReferralDays{
    "NO_REFERRAL", "referral-days",
    365,           0,
    3650,          "GP referral must be at most this many days before the activity"};

class NoReferralRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "NO_REFERRAL",
        "GP-referred activity with no referral from the practice in the referral log",
        Severity::kMedium,
        "An outpatient first attendance recorded as a GP referral (FIRSTATT 1/3 with REFSOURC 03), or an "
        "elective admission from the waiting list or booked (ADMIMETH 11/12), needs a referral in the "
        "practice referral log for the patient dated on the activity date or up to --referral-days "
        "(default 365) before it, to the record's provider (PROCODE3; empty in the log = any) and, for "
        "outpatients, to its treatment function (TRETSPEF; empty = any); a referral from any practice "
        "counts. Only judged for a valid NHS number and a GPPRAC that is one of the practices in the "
        "referral log or the register. The log may be incomplete, so it is a query: the provider supplies "
        "the referral or the charge is refused.",
        "The whole charge.",
        {.all = input::kReferrals}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    if (priced.admimeth != 11 && priced.admimeth != 12) return;
    check(row.id, priced, /*match_tretspef=*/false, ctx, out);
  }
  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    if (!priced.gp_referred || (priced.firstatt != 1 && priced.firstatt != 3)) return;
    check(row.id, priced, /*match_tretspef=*/true, ctx, out);
  }

 private:
  // A GPPRAC this run's practice records speak for: in the referral log or on the register.
  static bool covered(const PracticeData& practice, Code gpprac) {
    return practice.referral_log_covers_practice(gpprac) || practice.register_covers_practice(gpprac);
  }
  enum class Miss { kNone, kAfter, kTooEarly, kProvider, kTretspef };

  // Why `r` does not support the activity (kNone: it does).
  static Miss miss(const Referral& r, const Activity& a, Day window_start, bool match_tretspef) {
    if (r.refdate > a.start) return Miss::kAfter;
    if (r.refdate < window_start) return Miss::kTooEarly;
    if (!r.procode.empty() && r.procode != a.procode) return Miss::kProvider;
    if (match_tretspef && !r.tretspef.empty() && !a.tretspef.empty() && r.tretspef != a.tretspef)
      return Miss::kTretspef;
    return Miss::kNone;
  }

  void check(std::string_view id, const Activity& a, bool match_tretspef, const RuleContext& ctx,
             ChallengeSink& out) const {
    if (!a.nhs_valid || a.start == kNoDay || a.gpprac.empty() || !covered(ctx.practice, a.gpprac)) return;
    const Day window_start = a.start - ctx.options[kReferralDays];
    const std::span<const Referral> refs = ctx.practice.referrals_of(a.nhs);
    for (const Referral& r : refs)
      if (miss(r, a, window_start, match_tretspef) == Miss::kNone) return;  // the happy path
    out.push_back(challenge(id, a, refs, window_start, match_tretspef));
  }

  Challenge challenge(std::string_view id, const Activity& a, std::span<const Referral> refs,
                      Day window_start, bool match_tretspef) const {
    const std::string from = format_day(window_start), to = format_day(a.start);
    const std::string provider = a.procode.str();
    Challenge c = challenge_for(info(), a, id);
    c.challenged = a.charged;
    if (a.dataset == Dataset::kOp) {
      const std::string tf = a.tretspef.empty() ? std::string("an unrecorded treatment function")
                                                : "treatment function " + a.tretspef.str();
      c.reason =
          "First attendance on " + to + " at " + provider + " in " + tf +
          " is recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral "
          "of this patient to " +
          provider + (a.tretspef.empty() ? "" : " for " + a.tretspef.str()) + " dated " + from + " to " + to +
          ": please supply the referral.";
    } else {
      c.reason = "Elective admission (ADMIMETH " + std::to_string(a.admimeth) +
                 (a.admimeth == 11 ? ", waiting list" : ", booked") + ") on " + to + " at " + provider +
                 ", but the practice referral log holds no referral of this patient to " + provider +
                 " dated " + from + " to " + to + ": please supply the referral that started this pathway.";
    }
    c.evidence = "window=" + from + " to " + to + "; referrals_in_log=" + std::to_string(refs.size());
    if (!refs.empty()) c.evidence += "; nearest=" + nearest(refs, a, window_start, match_tretspef);
    return c;
  }

  // The patient's referral dated closest to the activity, and why it does not count, e.g.
  // "2025-02-01 from A81001 to RXJ for 100 (another provider)".
  static std::string nearest(std::span<const Referral> refs, const Activity& a, Day window_start,
                             bool match_tretspef) {
    const Referral* best = &refs[0];
    for (const Referral& r : refs)
      if (std::abs(r.refdate - a.start) < std::abs(best->refdate - a.start)) best = &r;
    const char* why = "";
    switch (miss(*best, a, window_start, match_tretspef)) {
      case Miss::kAfter:
        why = "after the activity";
        break;
      case Miss::kTooEarly:
        why = "before the window";
        break;
      case Miss::kProvider:
        why = "another provider";
        break;
      case Miss::kTretspef:
        why = "another treatment function";
        break;
      case Miss::kNone:
        break;
    }
    return format_day(best->refdate) + " from " + best->gpprac.str() + " to " +
           (best->procode.empty() ? std::string("any provider") : best->procode.str()) + " for " +
           (best->tretspef.empty() ? std::string("any treatment function") : best->tretspef.str()) + " (" +
           why + ")";
  }
};

}  // namespace

RECON_REGISTER_RULE(NoReferralRule)

}  // namespace recon
