#include "recon/generate/referral_builder.hpp"

#include <algorithm>

#include "recon/generate/anomaly_planner.hpp"
#include "recon/generate/apc_builder.hpp"
#include "recon/generate/op_builder.hpp"

namespace recon::generate {

namespace {

constexpr int kReferralWindowDays = 90;   // clean referrals are 1-90 days before the activity
constexpr int kNoReferralLookback = 365;  // planted "no referral": none in the year before

// A stretch of days in which no referral for `tretspef` (0: for anything) may be dated.
struct Blackout {
  std::uint16_t tretspef;
  Day from;
  Day to;
};

bool blacked_out(const std::vector<Blackout>& blackouts, std::uint16_t tretspef, Day day) {
  for (const auto& b : blackouts) {
    if ((b.tretspef == 0 || b.tretspef == tretspef) && day >= b.from && day <= b.to) return true;
  }
  return false;
}

Day pick_referral_date(PatientContext& ctx, const std::vector<Blackout>& blackouts, std::uint16_t tretspef,
                       Day lo, Day hi) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    const Day day = static_cast<Day>(ctx.rng.between(lo, hi));
    if (!blacked_out(blackouts, tretspef, day)) return day;
  }
  for (Day day = hi; day >= lo; --day) {
    if (!blacked_out(blackouts, tretspef, day)) return day;
  }
  return hi;  // no free day: withdraw_broken() below then withdraws the planted anomaly instead
}

void add_referral(PatientContext& ctx, const std::vector<Blackout>& blackouts, std::uint16_t tretspef,
                  std::uint16_t provider, Day activity, Day earliest) {
  Day lo = std::max({activity - kReferralWindowDays, ctx.registration_start_on(activity), earliest});
  // Activity planted after death still had its referral while the patient was alive.
  const Day hi = ctx.dod != kNoDay ? std::min(activity - 1, ctx.dod - 1) : activity - 1;
  lo = std::min(lo, hi);
  ReferralRecord r;
  r.date = pick_referral_date(ctx, blackouts, tretspef, lo, hi);
  r.tretspef = tretspef;
  r.provider = ctx.rng.permille(800) ? provider : -1;
  r.practice = ctx.practice_on(r.date);
  ctx.referrals.push_back(r);
}

bool referral_between(const PatientContext& ctx, std::uint16_t tretspef, Day from, Day to) {
  for (const auto& r : ctx.referrals) {
    if ((tretspef == 0 || r.tretspef == tretspef) && r.date >= from && r.date <= to) return true;
  }
  return false;
}

std::vector<Blackout> planted_blackouts(const PatientContext& ctx) {
  std::vector<Blackout> blackouts;
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    const OpRecord& rec = ctx.op[j];
    if (rec.kind == Anomaly::repeat_first)
      blackouts.push_back({rec.tretspef, ctx.op[j - 1].date + 1, rec.date});
    if (rec.kind == Anomaly::no_referral)
      blackouts.push_back({rec.tretspef, rec.date - kNoReferralLookback, rec.date});
  }
  // An admission is matched to referrals by provider only (its treatment function often differs from the
  // one referred to), so a planted unreferred admission has no referral at all in the year before.
  for (const ApcRecord& rec : ctx.apc) {
    if (rec.kind == Anomaly::no_referral)
      blackouts.push_back({0, rec.admit - kNoReferralLookback, rec.admit});
  }
  return blackouts;
}

// Withdraws planted anomalies whose blackout could not be kept (rather than mislabel them); returns the
// no-referral records that were withdrawn, which now need an ordinary referral.
bool withdraw_broken(PatientContext& ctx, std::vector<std::size_t>& apc_fix,
                     std::vector<std::size_t>& op_fix) {
  bool changed = false;
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    ApcRecord& rec = ctx.apc[j];
    if (rec.kind == Anomaly::no_referral &&
        referral_between(ctx, 0, rec.admit - kNoReferralLookback, rec.admit)) {
      rec.kind = Anomaly::late_submission;
      rec.subdate = late_submission_date(ctx, rec.disch);
      apc_fix.push_back(j);
      changed = true;
    }
  }
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    OpRecord& rec = ctx.op[j];
    const bool broken = (rec.kind == Anomaly::no_referral &&
                         referral_between(ctx, rec.tretspef, rec.date - kNoReferralLookback, rec.date)) ||
                        (rec.kind == Anomaly::repeat_first &&
                         referral_between(ctx, rec.tretspef, ctx.op[j - 1].date + 1, rec.date));
    if (!broken) continue;
    if (rec.kind == Anomaly::repeat_first) {
      rec.firstatt = 2;  // now an ordinary follow-up, which needs no referral
      if (rec.price_pence > 0) rec.price_pence = op_tariff_pence(ctx, rec);
      rec.ref = -1;
      ctx.op[j - 1].referenced = false;
    } else {
      op_fix.push_back(j);
    }
    rec.kind = Anomaly::late_submission;
    rec.subdate = late_submission_date(ctx, rec.date);
    changed = true;
  }
  return changed;
}

// A referral for every clean GP-referred activity, 1-90 days before it: elective admissions (by provider)
// and GP-referred first attendances (by treatment function).
void refer_activity(PatientContext& ctx, const std::vector<Blackout>& blackouts) {
  for (const ApcRecord& rec : ctx.apc) {
    if (rec.kind == Anomaly::no_referral || rec.kind == Anomaly::duplicate ||
        !is_elective_method(rec.admimeth))
      continue;
    add_referral(ctx, blackouts, rec.tretspef, rec.provider, rec.admit, rec.admit - kReferralWindowDays);
  }
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    const OpRecord& rec = ctx.op[j];
    if (!op_is_first(rec) || rec.refsourc != 3) continue;
    if (rec.kind == Anomaly::no_referral || rec.kind == Anomaly::repeat_first ||
        rec.kind == Anomaly::duplicate)
      continue;
    // The original of a planted repeat: its referral is also within 90 days of the repeat, so the repeat
    // is about "no new referral", not about "no referral at all".
    const bool repeated = j + 1 < ctx.op.size() && ctx.op[j + 1].kind == Anomaly::repeat_first;
    const Day earliest =
        repeated ? ctx.op[j + 1].date - (kReferralWindowDays - 1) : rec.date - kReferralWindowDays;
    add_referral(ctx, blackouts, rec.tretspef, rec.provider, rec.date, earliest);
  }
}

// Withdraws the planted anomalies whose blackout the referrals broke, and refers the withdrawn
// no-referral records like clean ones; a few rounds, as each new referral may break another blackout.
void withdraw_broken_plants(PatientContext& ctx) {
  std::vector<std::size_t> apc_fix, op_fix;
  for (int round = 0; round < 4 && withdraw_broken(ctx, apc_fix, op_fix); ++round) {
    const std::vector<Blackout> blackouts = planted_blackouts(ctx);
    for (auto j : apc_fix) {
      const ApcRecord& rec = ctx.apc[j];
      add_referral(ctx, blackouts, rec.tretspef, rec.provider, rec.admit, rec.admit - kReferralWindowDays);
    }
    for (auto j : op_fix) {
      const OpRecord& rec = ctx.op[j];
      add_referral(ctx, blackouts, rec.tretspef, rec.provider, rec.date, rec.date - kReferralWindowDays);
    }
    apc_fix.clear();
    op_fix.clear();
  }
}

// Some referrals have not led to any activity yet: dated after the patient's last activity.
void add_pending_referral(PatientContext& ctx) {
  if (ctx.dod != kNoDay || !ctx.rng.permille(100)) return;
  Day last = ctx.window_first;
  for (const auto& r : ctx.apc) last = std::max({last, r.admit, r.disch});
  for (const auto& r : ctx.op) last = std::max(last, r.date);
  for (const auto& r : ctx.ae) last = std::max(last, r.date);
  const Day date = last + static_cast<Day>(ctx.rng.between(1, 60));
  const auto specialties = ctx.g.hrgs.specialties();
  const int age = std::max(0, ctx.age_on(date));
  for (int attempt = 0; attempt < 8; ++attempt) {
    const Specialty& s = specialties[ctx.rng.below(specialties.size())];
    if (age < s.min_age || age > s.max_age || (s.sex != 0 && s.sex != ctx.patient->sex_letter())) continue;
    ReferralRecord r;
    r.date = date;
    r.tretspef = s.tretspef;
    r.provider = ctx.rng.permille(500) ? ctx.choose_provider() : -1;
    r.practice = ctx.practice_on(date);
    ctx.referrals.push_back(r);
    return;
  }
}

}  // namespace

void build_referrals(PatientContext& ctx) {
  refer_activity(ctx, planted_blackouts(ctx));
  withdraw_broken_plants(ctx);
  add_pending_referral(ctx);
  std::stable_sort(ctx.referrals.begin(), ctx.referrals.end(),
                   [](const ReferralRecord& a, const ReferralRecord& b) { return a.date < b.date; });
}

}  // namespace recon::generate
