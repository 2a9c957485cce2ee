#include "recon/generate/patient_context.hpp"

namespace recon::generate {

void PatientContext::reset(const Patient& p, std::uint64_t patient_index) {
  patient = &p;
  nhs_text = format_nhs_number(p.nhs_number);
  index = patient_index;
  rng = Rng(g.options.seed, kStreamActivity, patient_index);
  window_first = p.infant ? p.dob + 7 : g.period_start;
  window_last = g.period_end;
  dod = kNoDay;
  move_date = kNoDay;
  missing_registers = 0;
  apc.assign(p.apc_count, ApcRecord{});
  op.assign(p.op_count, OpRecord{});
  ae.assign(p.ae_count, AeRecord{});
  referrals.clear();
}

RecordPatient PatientContext::identity_on(Day day) const {
  RecordPatient who;
  who.nhs = nhs_text;
  who.dob = patient->dob;
  who.sex = patient->sex;
  who.practice = practice_on(day);
  return who;
}

std::uint16_t PatientContext::choose_provider() {
  const auto providers = static_cast<std::uint16_t>(g.orgs.providers.size());
  const std::uint16_t local = g.orgs.local_provider[patient->practice];
  if (providers <= 1 || rng.permille(750)) return local;
  return static_cast<std::uint16_t>(rng.below(providers));
}

}  // namespace recon::generate
