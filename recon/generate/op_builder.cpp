#include "recon/generate/op_builder.hpp"

#include <algorithm>

#include "recon/generate/anomaly_planner.hpp"

namespace recon::generate {

namespace {

// "Seen in the same clinic within 6 months": 186 days covers any 6 calendar months.
constexpr int kRepeatWindowDays = 186;

struct Episode {
  bool open = false;
  std::uint16_t provider = 0;
  std::uint16_t tretspef = 0;
  std::uint8_t refsourc = 3;
};

std::uint16_t pick_tretspef(PatientContext& ctx, int age) {
  const auto specialties = ctx.g.hrgs.specialties();
  std::uint32_t weights[32];
  const std::size_t n = std::min<std::size_t>(specialties.size(), 32);
  for (std::size_t i = 0; i < n; ++i) {
    const Specialty& s = specialties[i];
    const bool fits =
        age >= s.min_age && age <= s.max_age && (s.sex == 0 || s.sex == ctx.patient->sex_letter());
    weights[i] = fits ? s.weight * (age < 16 && s.tretspef == 420 ? 3U : 1U) : 0U;
  }
  return specialties[ctx.rng.weighted(std::span<const std::uint32_t>(weights, n))].tretspef;
}

std::uint8_t pick_refsourc(Rng& rng) {
  // 03 GP, 05 consultant (not A&E), 10 A&E, 01 after an emergency admission, 92 dentist, 17 screening.
  constexpr std::uint8_t kCodes[] = {3, 5, 10, 1, 92, 17};
  constexpr std::uint16_t kWeights[] = {70, 12, 8, 5, 2, 3};
  return kCodes[rng.weighted(std::span<const std::uint16_t>(kWeights))];
}

// Whether a clean non-attendance is planted as charged (charged_not_attended): a multiplicative hash of the
// appointment date below the anomaly rate, so the choice draws nothing from the random stream and the rest of
// the data is as it would be without the kind.
bool charge_not_attended(const PatientContext& ctx, const OpRecord& rec) {
  const std::uint32_t hash = static_cast<std::uint32_t>(rec.date) * 2654435761u;
  return (hash >> 16) % 1000 < static_cast<std::uint32_t>(ctx.g.options.anomaly_rate * 1000);
}

std::uint8_t pick_attended(Rng& rng) {
  // 5 seen, 6 late but seen, 3 did not attend, 7 too late to be seen.
  constexpr std::uint8_t kCodes[] = {5, 6, 3, 7};
  constexpr std::uint16_t kWeights[] = {880, 30, 70, 20};
  return kCodes[rng.weighted(std::span<const std::uint16_t>(kWeights))];
}

// Would a first attendance here read as a repeat: the patient already seen (first or follow-up, attended
// or not) in the same clinic, provider and treatment function, within six months? Clean data never does that.
bool seen_in_clinic(const PatientContext& ctx, std::size_t j, std::uint16_t provider, std::uint16_t tretspef,
                    Day date) {
  for (std::size_t k = 0; k < j; ++k) {
    const OpRecord& o = ctx.op[k];
    if (o.provider != provider || o.tretspef != tretspef) continue;
    const Day gap = date - o.date;
    if (gap >= 0 && gap <= kRepeatWindowDays) return true;
  }
  return false;
}

// Starts a new episode with a first attendance; false if every choice tried would repeat a recent first.
bool start_episode(PatientContext& ctx, std::size_t j, int age, bool gp_referred, Episode& episode) {
  OpRecord& rec = ctx.op[j];
  for (int attempt = 0; attempt < 12; ++attempt) {
    const std::uint16_t tretspef = pick_tretspef(ctx, age);
    const std::uint16_t provider = ctx.choose_provider();
    if (seen_in_clinic(ctx, j, provider, tretspef, rec.date)) continue;
    rec.provider = provider;
    rec.tretspef = tretspef;
    rec.firstatt = gp_referred || ctx.rng.permille(900) ? 1 : 3;
    rec.refsourc = gp_referred ? 3 : pick_refsourc(ctx.rng);
    episode = Episode{true, provider, tretspef, rec.refsourc};
    return true;
  }
  return false;
}

void follow_up(PatientContext& ctx, OpRecord& rec, int age, Episode& episode) {
  if (!episode.open) {
    // A follow-up in an episode that began before the period: its first attendance is not in the data.
    episode = Episode{true, ctx.choose_provider(), pick_tretspef(ctx, age), pick_refsourc(ctx.rng)};
  }
  rec.provider = episode.provider;
  rec.tretspef = episode.tretspef;
  rec.refsourc = episode.refsourc;
  rec.firstatt = ctx.rng.permille(900) ? 2 : 4;
}

// Record j as a GP-referred first attendance: the original of a planted repeat (`next` is repeat_first),
// or one planted with no referral. Where no such attendance can be started, the planted relation is given
// up (the repeat after it, or the record itself, just becomes late) and the record is a follow-up.
void gp_referred_first(PatientContext& ctx, std::size_t j, Anomaly next, int age, Episode& episode) {
  OpRecord& rec = ctx.op[j];
  if (start_episode(ctx, j, age, true, episode)) return;
  if (next == Anomaly::repeat_first) {
    ctx.op[j + 1].kind = Anomaly::late_submission;
    ctx.op[j + 1].ref = -1;
    rec.referenced = false;
  } else {
    rec.kind = Anomaly::late_submission;
  }
  follow_up(ctx, rec, age, episode);
}

// A planted repeat of the first attendance before it: same provider and treatment function, GP-referred.
void repeat_first_attendance(PatientContext& ctx, std::size_t j, int age, Episode& episode) {
  OpRecord& rec = ctx.op[j];
  const OpRecord& original = ctx.op[j - 1];
  if (original.firstatt == 1) {
    rec.provider = original.provider;
    rec.tretspef = original.tretspef;
    rec.refsourc = 3;
    rec.firstatt = 1;
  } else {  // the original could not be made a first attendance
    rec.kind = Anomaly::late_submission;
    follow_up(ctx, rec, age, episode);
  }
}

// Provider, treatment function, REFSOURC and FIRSTATT of record j, as its planted anomaly (or the next
// record's) needs. True when the record must be attended, so that a planted relation is about a real
// attendance.
bool set_clinic(PatientContext& ctx, std::size_t j, int age, Episode& episode) {
  OpRecord& rec = ctx.op[j];
  const Anomaly next = j + 1 < ctx.op.size() ? ctx.op[j + 1].kind : Anomaly::none;
  if (next == Anomaly::repeat_first || rec.kind == Anomaly::no_referral) {
    gp_referred_first(ctx, j, next, age, episode);
    return true;
  }
  if (rec.kind == Anomaly::repeat_first) {
    repeat_first_attendance(ctx, j, age, episode);
    return true;
  }
  if (next == Anomaly::duplicate || rec.kind == Anomaly::invalid_nhs ||
      rec.kind == Anomaly::activity_before_birth) {
    // Follow-ups: a duplicated first attendance would also read as a repeated first, and a first
    // attendance under an unlinkable NHS number would also read as unreferred.
    follow_up(ctx, rec, age, episode);
    return true;
  }
  const bool continue_episode = episode.open && ctx.rng.permille(750);
  if (continue_episode || !start_episode(ctx, j, age, false, episode)) follow_up(ctx, rec, age, episode);
  return false;
}

// OPCS-4 procedures: one in some attended clinics, and a planted sex-impossible procedure.
void code_op_procedures(PatientContext& ctx, OpRecord& rec) {
  const Specialty* s = ctx.g.hrgs.specialty(rec.tretspef);
  if (op_attended(rec) && s != nullptr && !s->procedures.empty() && ctx.rng.permille(s->procedure_permille)) {
    rec.proc.push(ctx.rng.pick(std::span<const CodeId>(s->procedures)));
  }
  if (rec.kind == Anomaly::sex_impossible_code) {
    const CodeCatalogue& codes = ctx.g.codes;
    const CodeId id = ctx.patient->sex == '1' ? codes.female_only_procedure() : codes.male_only_procedure();
    rec.proc.push(id);
    rec.planted_code = id;
  }
}

}  // namespace

void op_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots) {
  slots.assign(ctx.op.size(), TimelineSlot{});
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    const Anomaly kind = ctx.op[j].kind;
    if (kind == Anomaly::duplicate || kind == Anomaly::activity_after_death ||
        kind == Anomaly::activity_before_birth) {
      slots[j].timed = false;
    } else if (kind == Anomaly::repeat_first) {
      slots[j].gap_fixed = static_cast<std::int32_t>(7 + (ctx.index * 11 + j * 5) % 39);  // 7..45 days later
    }
  }
}

void assign_op_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots) {
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    OpRecord& rec = ctx.op[j];
    if (slots[j].timed) {
      rec.date = slots[j].start;
    } else if (rec.kind == Anomaly::duplicate) {
      rec.date = ctx.op[j - 1].date;
    } else if (rec.kind == Anomaly::activity_after_death) {
      rec.date = ctx.dod + static_cast<Day>(ctx.rng.between(1, 15));
    } else {  // activity before birth
      rec.date = ctx.patient->dob - static_cast<Day>(ctx.rng.between(1, 20));
    }
  }
}

std::int64_t op_tariff_pence(const PatientContext& ctx, const OpRecord& rec) {
  if (!op_attended(rec)) return 0;
  const Specialty* s = ctx.g.hrgs.specialty(rec.tretspef);
  if (s == nullptr) return 0;
  return static_cast<std::int64_t>(op_is_first(rec) ? s->first : s->followup) * 100;
}

void fill_op(PatientContext& ctx) {
  Episode episode;
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    OpRecord& rec = ctx.op[j];
    if (rec.kind == Anomaly::duplicate) {
      copy_previous_record(ctx.op, j);
      continue;
    }
    const int age = std::max(0, ctx.age_on(rec.date));
    rec.proc.size = 0;
    const bool must_attend = set_clinic(ctx, j, age, episode);
    rec.attended = must_attend ? 5 : pick_attended(ctx.rng);
    code_op_procedures(ctx, rec);

    rec.who = ctx.identity_on(rec.date);
    apply_demographic_anomaly(ctx, rec, rec.date, nullptr, &rec.proc);
    rec.subdate = submission_date(ctx, rec.kind, rec.date, rec.date);
    const std::int64_t tariff = op_tariff_pence(ctx, rec);
    rec.price_pence = !op_attended(rec) ? 0 : ctx.rng.permille(700) ? tariff : -1;
    // Charged at the price the attendance would have had.
    const Specialty* specialty = ctx.g.hrgs.specialty(rec.tretspef);
    const std::int64_t attendance_price =
        specialty == nullptr
            ? 0
            : static_cast<std::int64_t>(op_is_first(rec) ? specialty->first : specialty->followup) * 100;
    if (rec.kind == Anomaly::none && !op_attended(rec) && rec.attended != 0 && attendance_price > 0 &&
        charge_not_attended(ctx, rec)) {
      rec.kind = Anomaly::charged_not_attended;
      rec.price_pence = attendance_price;
    }
    // A private patient's attendance charged to the commissioner; not one a duplicate copies next.
    const bool copied_next = j + 1 < ctx.op.size() && ctx.op[j + 1].kind == Anomaly::duplicate;
    if (rec.kind == Anomaly::none && op_attended(rec) && attendance_price > 0 && !copied_next &&
        private_patient_planted(ctx.g.options.anomaly_rate, rec.date, static_cast<std::uint32_t>(j))) {
      rec.kind = Anomaly::private_patient;
      rec.admincat = 2;
    }
    // A chemotherapy drug procurement line (no national price) charged as an attendance; its SUSHRG is
    // written by activity_output.
    if (rec.kind == Anomaly::none && op_attended(rec) && attendance_price > 0 && !copied_next &&
        out_of_scope_planted(ctx.g.options.anomaly_rate, rec.date, static_cast<std::uint32_t>(j)))
      rec.kind = Anomaly::out_of_scope;
  }
}

}  // namespace recon::generate
