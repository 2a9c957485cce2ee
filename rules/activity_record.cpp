#include "rules/activity_record.hpp"

#include "core/pricing.hpp"
#include "rules/patient/patient_flags.hpp"

namespace recon {
namespace {

void fill_patient(const PatientFields& p, Activity& a) {
  a.nhs = p.nhs;
  a.nhs_valid = p.nhs_valid;
  a.gpprac = p.gpprac;
  a.sex = patient_flags::four_bits(small_number(p.sex));
}

}  // namespace

Activity compact_apc(const ApcRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kApc;
  a.pos = row.pos;
  a.start = row.admidate;
  a.end = row.disdate == kNoDay ? row.admidate : row.disdate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.tretspef = row.tretspef;
  patient_flags::set_from_apc(row, a);
  a.admimeth = admission_method_number(row.admimeth);
  a.classpat = small_number(row.classpat);
  a.tariff = price_apc(ref, row.hrg, a.admimeth, a.classpat, row.admidate, row.disdate);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

Activity compact_op(const OpRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kOp;
  a.pos = row.pos;
  a.start = a.end = row.apptdate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.tretspef = row.tretspef;
  a.firstatt = patient_flags::four_bits(small_number(row.firstatt));
  a.attended = patient_flags::four_bits(small_number(row.attended));
  patient_flags::set_from_op(row, a);
  a.gp_referred = small_number(row.refsourc) == 3;
  a.tariff = price_op(ref, row.tretspef, a.firstatt);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

Activity compact_ae(const AeRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kAe;
  a.pos = row.pos;
  a.start = a.end = row.arrivaldate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.attendcat = patient_flags::four_bits(small_number(row.attendcat));
  patient_flags::set_from_ae(row, a);
  a.tariff = price_ae(ref, row.hrg);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

}  // namespace recon
