// The GP referral log: a referral 1-90 days before every GP-referred activity (elective admissions and
// GP-referred first outpatient attendances), none for the planted "no referral" records, and no new
// referral between a planted repeated first attendance and its original.
#pragma once

#include "recon/generate/patient_context.hpp"

namespace recon::generate {

void build_referrals(PatientContext& ctx);

}  // namespace recon::generate
