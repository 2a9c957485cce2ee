// The practice side of a patient: registrations (with the move between practices and the date of death),
// the referral log, and the QOF disease registers, less any register planted as missing.
#include <algorithm>
#include <string>

#include "recon/generate/activity_output.hpp"
#include "recon/generate/field_text.hpp"

namespace recon::generate {

void ActivityOutput::write_practice_records(PatientContext& ctx) {
  write_registrations(ctx);
  write_referrals(ctx);
  write_condition_registers(ctx);
}

// One row per practice the patient is registered with: a mover leaves the first on the move date.
void ActivityOutput::write_registrations(const PatientContext& ctx) {
  const Patient& p = *ctx.patient;
  char buf[32], buf2[32], buf3[32];
  const std::string_view dod = ctx.dod != kNoDay ? date_text(buf3, ctx.dod) : std::string_view{};
  RecordWriter& reg = *files_.patient_register;
  auto registration = [&](std::uint16_t practice, Day from, Day to) {
    reg.begin_row();
    reg.plain_field(ctx.nhs_text.view());
    reg.plain_field(g_.orgs.practices[practice].view());
    reg.plain_field(date_text(buf, p.dob));
    reg.plain_field({&p.sex, 1});
    reg.plain_field(date_text(buf, from));
    reg.plain_field(to != kNoDay ? date_text(buf2, to) : std::string_view{});
    reg.plain_field(dod);
    reg.end_row();
  };
  if (ctx.move_date != kNoDay) {
    registration(p.practice, p.regdate, ctx.move_date);
    registration(p.new_practice, ctx.move_date, kNoDay);
  } else {
    registration(p.practice, p.regdate, kNoDay);
  }
}

void ActivityOutput::write_referrals(const PatientContext& ctx) {
  char buf[32], buf2[32];
  RecordWriter& refs = *files_.referrals;
  for (const ReferralRecord& r : ctx.referrals) {
    refs.begin_row();
    refs.plain_field(ctx.nhs_text.view());
    refs.plain_field(g_.orgs.practices[r.practice].view());
    refs.plain_field(date_text(buf, r.date));
    refs.plain_field(r.provider >= 0 ? g_.orgs.providers[static_cast<std::size_t>(r.provider)].view()
                                     : std::string_view{});
    refs.plain_field(digits_text(buf2, r.tretspef, 3));
    refs.end_row();
  }
}

// Disease registers: every practice the patient was registered with during the period lists them, from a
// date before the period; a register planted as missing is left out and written to the truth instead.
void ActivityOutput::write_condition_registers(PatientContext& ctx) {
  const Patient& p = *ctx.patient;
  const std::string_view nhs_text = ctx.nhs_text.view();
  char buf[32];
  RecordWriter& cond = *files_.conditions;
  for (int reg_index = 0; reg_index < kRegisterCount; ++reg_index) {
    const auto reg_id = static_cast<Register>(reg_index);
    if (!p.has(reg_id)) continue;
    if ((ctx.missing_registers >> reg_index) & 1U) {
      truth_line("conditions", nhs_text,
                 std::string("register_missing:") + std::string(register_name(reg_id)));
      continue;
    }
    const ChronicCondition& condition = g_.codes.condition(reg_id);
    const Day earliest =
        std::max(p.dob + condition.min_age * 365 + condition.min_age / 4, g_.period_start - 15 * 365);
    const Day latest = g_.period_start - 60;
    const Day from = earliest >= latest ? std::min(earliest, g_.period_start - 1)
                                        : static_cast<Day>(ctx.rng.between(earliest, latest));
    for (int k = 0; k < (ctx.move_date != kNoDay ? 2 : 1); ++k) {
      cond.begin_row();
      cond.plain_field(nhs_text);
      cond.plain_field(g_.orgs.practices[k == 0 ? p.practice : p.new_practice].view());
      cond.plain_field(register_name(reg_id));
      cond.plain_field(date_text(buf, from));
      cond.end_row();
    }
  }
}

}  // namespace recon::generate
