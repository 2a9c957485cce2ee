// Generates everything about one patient's activity, in the order the dependencies require: anomaly
// kinds, clinical cases, the timeline (and whether the patient dies or moves practice), the fields of
// every record, and finally the referrals that the activity implies.
#pragma once

#include <array>
#include <cstdint>

#include "recon/generate/patient_context.hpp"

namespace recon::generate {

// `first_rows`: global row index the patient's first APC, OP and A&E record will have (malformed rows are
// scheduled by global row position).
void generate_patient(PatientContext& ctx, const Patient& patient, std::uint64_t index,
                      std::array<RowSchedule, 3>& malformed, const std::array<std::uint64_t, 3>& first_rows);

}  // namespace recon::generate
