#include "recon/generate/anomaly_planner.hpp"

#include <algorithm>

#include "recon/generate/submission_calendar.hpp"

namespace recon::generate {

template <typename Record>
void plan_anomaly_kinds(PatientContext& ctx, Dataset dataset, std::vector<Record>& records,
                        Anomaly first_kind, Anomaly last_kind, RowSchedule& malformed,
                        std::uint64_t first_row) {
  const auto kinds = row_anomalies(dataset);
  const double rate = ctx.g.options.anomaly_rate;
  for (std::size_t j = 0; j < records.size(); ++j) {
    Anomaly kind = Anomaly::none;
    if (j == 0 && first_kind != Anomaly::none) {
      kind = first_kind;
    } else if (j + 1 == records.size() && last_kind != Anomaly::none) {
      kind = last_kind;
    } else if (rate > 0 && ctx.rng.chance(rate)) {
      const bool clean_predecessor = j > 0 && records[j - 1].kind == Anomaly::none;
      do {
        kind = kinds[ctx.rng.below(kinds.size())];
      } while (needs_predecessor(kind) && !clean_predecessor);
    }
    if (kind == Anomaly::none && rate > 0) {
      const std::uint8_t what = malformed.take(first_row + j);
      if (what == 1) kind = Anomaly::malformed_bad_date;
      if (what == 2) kind = Anomaly::malformed_too_few_fields;
    }
    records[j].kind = kind;
    if (needs_predecessor(kind)) {
      records[j].ref = static_cast<std::int32_t>(j - 1);
      records[j - 1].referenced = true;
    }
  }
}

template void plan_anomaly_kinds(PatientContext&, Dataset, std::vector<ApcRecord>&, Anomaly, Anomaly,
                                 RowSchedule&, std::uint64_t);
template void plan_anomaly_kinds(PatientContext&, Dataset, std::vector<OpRecord>&, Anomaly, Anomaly,
                                 RowSchedule&, std::uint64_t);
template void plan_anomaly_kinds(PatientContext&, Dataset, std::vector<AeRecord>&, Anomaly, Anomaly,
                                 RowSchedule&, std::uint64_t);

namespace {

bool codes_fit(const PatientContext& ctx, const CodeList<20>* diags, const CodeList<24>* procs, int age,
               char sex) {
  const char letter = sex == '1' ? 'M' : 'F';
  if (diags != nullptr) {
    for (std::uint8_t i = 0; i < diags->size; ++i) {
      const IcdCode& code = ctx.g.codes.icd(diags->ids[i]);
      if (code.in_catalogue && !code.allowed_for(age, letter)) return false;
    }
  }
  if (procs != nullptr) {
    for (std::uint8_t i = 0; i < procs->size; ++i) {
      const OpcsCode& code = ctx.g.codes.opcs(procs->ids[i]);
      if (code.sex != 0 && code.sex != letter) return false;
    }
  }
  return true;
}

// A typist's kind of wrong date of birth: day and month swapped, a year out, a few days out.
bool try_dob_mismatch(PatientContext& ctx, RecordBase& record, Day activity, const CodeList<20>* diags,
                      const CodeList<24>* procs) {
  const Day real = ctx.patient->dob;
  const Ymd ymd = civil_from_days(real);
  Day candidates[4];
  int count = 0;
  if (ymd.day <= 12 && ymd.day != ymd.month)
    candidates[count++] = days_from_civil(ymd.year, ymd.day, ymd.month);
  candidates[count++] =
      days_from_civil(ymd.year - 1, ymd.month, ymd.day > 28 && ymd.month == 2 ? 28 : ymd.day);
  candidates[count++] = real - static_cast<Day>(ctx.rng.between(1, 3));
  candidates[count++] = real + static_cast<Day>(ctx.rng.between(1, 3));
  const int offset = static_cast<int>(ctx.rng.below(static_cast<std::uint64_t>(count)));
  for (int k = 0; k < count; ++k) {
    const Day dob = candidates[(k + offset) % count];
    if (dob == real || dob >= activity) continue;  // must not also make the activity precede birth
    if (!codes_fit(ctx, diags, procs, age_in_years(dob, activity), record.who.sex)) continue;
    record.who.dob = dob;
    return true;
  }
  return false;
}

bool try_sex_mismatch(PatientContext& ctx, RecordBase& record, Day activity, const CodeList<20>* diags,
                      const CodeList<24>* procs) {
  const char other = record.who.sex == '1' ? '2' : '1';
  if (!codes_fit(ctx, diags, procs, age_in_years(record.who.dob, activity), other)) return false;
  record.who.sex = other;
  return true;
}

}  // namespace

void apply_demographic_anomaly(PatientContext& ctx, RecordBase& record, Day activity,
                               const CodeList<20>* diags, const CodeList<24>* procs) {
  switch (record.kind) {
    case Anomaly::invalid_nhs: {
      constexpr std::uint16_t kWeights[] = {40, 15, 15, 20, 10};  // InvalidNhsKind order
      const auto kind =
          static_cast<InvalidNhsKind>(ctx.rng.weighted(std::span<const std::uint16_t>(kWeights)));
      record.nhs_problem = static_cast<std::uint8_t>(kind);
      record.who.nhs = make_invalid_nhs_number(ctx.patient->nhs_number, kind, ctx.rng);
      break;
    }
    case Anomaly::not_registered: {
      const auto practices = static_cast<std::uint16_t>(ctx.g.orgs.practices.size());
      if (ctx.move_date != kNoDay) {
        // The classic case: the practice the patient has left (or not yet joined).
        record.who.practice = activity >= ctx.move_date ? ctx.patient->practice : ctx.patient->new_practice;
      } else if (practices > 1) {
        record.who.practice =
            static_cast<std::uint16_t>((record.who.practice + 1 + ctx.rng.below(practices - 1U)) % practices);
      } else {
        record.who.practice = kUnlistedPractice;
      }
      break;
    }
    case Anomaly::dob_mismatch:
      if (!try_dob_mismatch(ctx, record, activity, diags, procs)) record.kind = Anomaly::late_submission;
      break;
    case Anomaly::sex_mismatch:
      if (!try_sex_mismatch(ctx, record, activity, diags, procs)) {
        record.kind = try_dob_mismatch(ctx, record, activity, diags, procs) ? Anomaly::dob_mismatch
                                                                            : Anomaly::late_submission;
      }
      break;
    default:
      break;
  }
}

Day clean_submission_date(PatientContext& ctx, Day after, Day month_day) {
  const Day lo = after + 1;
  const Day hi = inclusion_date(month_number(month_day));
  return hi <= lo ? lo : static_cast<Day>(ctx.rng.between(lo, hi));
}

Day late_submission_date(PatientContext& ctx, Day month_day) {
  return post_reconciliation_date(month_number(month_day)) + static_cast<Day>(ctx.rng.between(1, 60));
}

Day submission_date(PatientContext& ctx, Anomaly kind, Day after, Day month_day) {
  if (kind == Anomaly::late_submission) return late_submission_date(ctx, month_day);
  if (kind == Anomaly::late_inclusion) {
    const int month = month_number(month_day);
    const Day lo = std::max(after, inclusion_date(month)) + 1;
    return static_cast<Day>(ctx.rng.between(lo, std::max(lo, post_reconciliation_date(month))));
  }
  return clean_submission_date(ctx, after, month_day);
}

}  // namespace recon::generate
