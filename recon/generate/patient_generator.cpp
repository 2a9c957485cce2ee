#include "recon/generate/patient_generator.hpp"

#include <algorithm>

#include "recon/generate/ae_builder.hpp"
#include "recon/generate/anomaly_planner.hpp"
#include "recon/generate/apc_builder.hpp"
#include "recon/generate/op_builder.hpp"
#include "recon/generate/referral_builder.hpp"

namespace recon::generate {

namespace {

// Patient-level anomalies are rarer than rows, so eligible patients get them this many times as often.
constexpr double kPatientLevelBoost = 8.0;

bool lay_out_all(PatientContext& ctx, Day last) {
  apc_timeline_slots(ctx, ctx.slots[0]);
  op_timeline_slots(ctx, ctx.slots[1]);
  ae_timeline_slots(ctx, ctx.slots[2]);
  for (auto& slots : ctx.slots) {
    if (!lay_out_timeline(slots, ctx.window_first, last, ctx.rng)) return false;
  }
  return true;
}

void cancel_death(PatientContext& ctx) {
  ctx.dod = kNoDay;
  auto clear_last = [](auto& records) {
    if (!records.empty() && records.back().kind == Anomaly::activity_after_death)
      records.back().kind = Anomaly::none;
  };
  clear_last(ctx.apc);
  clear_last(ctx.op);
  clear_last(ctx.ae);
}

void lay_out(PatientContext& ctx) {
  if (ctx.dod != kNoDay) {
    if (lay_out_all(ctx, ctx.dod - 1)) return;
    cancel_death(ctx);  // too much activity to fit before the death date: this patient lives
  }
  if (lay_out_all(ctx, ctx.window_last)) return;
  shorten_apc_stays(ctx);
  if (lay_out_all(ctx, ctx.window_last)) return;
  // Far more records than days (tiny --patients): let the activity run past the end of the period.
  std::int64_t needed = 0;
  for (auto& slots : ctx.slots) needed = std::max(needed, timeline_required_days(slots));
  lay_out_all(ctx, ctx.window_first + static_cast<Day>(needed));
}

// Picks a move date on a quiet day: no activity within a day either side, so every record is clearly
// before or after the move and every referral falls within one registration.
void choose_move_date(PatientContext& ctx) {
  const Day lo = ctx.g.period_start + 30;
  const Day hi = ctx.dod != kNoDay ? std::min(ctx.dod - 2, ctx.g.period_end - 30) : ctx.g.period_end - 30;
  if (hi < lo) return;
  std::vector<std::pair<Day, Day>> busy;
  for (const auto& r : ctx.apc)
    busy.push_back({std::min(r.admit, r.disch) - 1, std::max(r.admit, r.disch) + 1});
  for (const auto& r : ctx.op) busy.push_back({r.date - 1, r.date + 1});
  for (const auto& r : ctx.ae) busy.push_back({r.date - 1, r.date + 1});
  std::sort(busy.begin(), busy.end());
  std::vector<std::pair<Day, Day>> free;
  Day cursor = lo;
  for (const auto& [from, to] : busy) {
    if (from > cursor) free.push_back({cursor, std::min(from - 1, hi)});
    cursor = std::max(cursor, to + 1);
    if (cursor > hi) break;
  }
  if (cursor <= hi) free.push_back({cursor, hi});
  std::int64_t total = 0;
  for (const auto& [from, to] : free) total += to >= from ? to - from + 1 : 0;
  if (total == 0) return;
  std::int64_t k = static_cast<std::int64_t>(ctx.rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& [from, to] : free) {
    const std::int64_t len = to >= from ? to - from + 1 : 0;
    if (k < len) {
      ctx.move_date = from + static_cast<Day>(k);
      return;
    }
    k -= len;
  }
}

// Leaves some of the patient's disease registers out of the practice records. Only registers whose codes
// appear on the patient's linkable spells are candidates: elsewhere the gap could not be noticed.
void choose_missing_registers(PatientContext& ctx) {
  if (!ctx.g.plant()) return;
  std::uint16_t coded = 0;
  for (const ApcRecord& rec : ctx.apc) {
    if (rec.kind == Anomaly::invalid_nhs || rec.kind == Anomaly::malformed_bad_date ||
        rec.kind == Anomaly::malformed_too_few_fields) {
      continue;
    }
    for (std::uint8_t i = 0; i < rec.diag.size; ++i) {
      const int qof = ctx.g.codes.icd(rec.diag.ids[i]).qof;
      if (qof >= 0) coded |= static_cast<std::uint16_t>(1U << qof);
    }
  }
  for (int reg = 0; reg < kRegisterCount; ++reg) {
    if (ctx.patient->has(static_cast<Register>(reg)) && ((coded >> reg) & 1U) &&
        ctx.rng.chance(ctx.g.options.anomaly_rate)) {
      ctx.missing_registers |= static_cast<std::uint16_t>(1U << reg);
    }
  }
}

}  // namespace

void generate_patient(PatientContext& ctx, const Patient& patient, std::uint64_t index,
                      std::array<RowSchedule, 3>& malformed, const std::array<std::uint64_t, 3>& first_rows) {
  ctx.reset(patient, index);
  const GeneratorShared& g = ctx.g;
  const double rate = g.options.anomaly_rate;
  const double patient_rate = std::min(1.0, rate * kPatientLevelBoost);

  if (patient.dies && g.period_end - ctx.window_first > 90) {
    const Day lo = ctx.window_first + (g.period_end - ctx.window_first) / 3;
    ctx.dod = static_cast<Day>(ctx.rng.between(lo, g.period_end - 20));
  }

  Anomaly first_kind[3] = {Anomaly::none, Anomaly::none, Anomaly::none};
  Anomaly last_kind[3] = {Anomaly::none, Anomaly::none, Anomaly::none};
  const std::uint64_t counts[3] = {ctx.apc.size(), ctx.op.size(), ctx.ae.size()};
  if (ctx.dod != kNoDay && rate > 0 && counts[0] + counts[1] + counts[2] > 0 &&
      ctx.rng.chance(patient_rate)) {
    last_kind[ctx.rng.weighted(std::span<const std::uint64_t>(counts, 3))] = Anomaly::activity_after_death;
  }
  // Only OP and A&E: their records carry no age-limited codes that a date before birth would upset.
  if (patient.infant && rate > 0 && counts[1] + counts[2] > 0 && ctx.rng.chance(patient_rate)) {
    first_kind[1 + ctx.rng.weighted(std::span<const std::uint64_t>(counts + 1, 2))] =
        Anomaly::activity_before_birth;
  }
  plan_anomaly_kinds(ctx, Dataset::kApc, ctx.apc, first_kind[0], last_kind[0], malformed[0], first_rows[0]);
  plan_anomaly_kinds(ctx, Dataset::kOp, ctx.op, first_kind[1], last_kind[1], malformed[1], first_rows[1]);
  plan_anomaly_kinds(ctx, Dataset::kAe, ctx.ae, first_kind[2], last_kind[2], malformed[2], first_rows[2]);
  plan_apc_cases(ctx);

  lay_out(ctx);
  assign_apc_dates(ctx, ctx.slots[0]);
  assign_op_dates(ctx, ctx.slots[1]);
  assign_ae_dates(ctx, ctx.slots[2]);
  if (patient.mover) choose_move_date(ctx);

  fill_apc(ctx);
  fill_op(ctx);
  fill_ae(ctx);
  build_referrals(ctx);
  choose_missing_registers(ctx);
}

}  // namespace recon::generate
