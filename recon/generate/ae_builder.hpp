// Builds one patient's A&E attendances.
#pragma once

#include <vector>

#include "recon/generate/patient_context.hpp"
#include "recon/generate/timeline.hpp"

namespace recon::generate {

void ae_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots);
void assign_ae_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots);
void fill_ae(PatientContext& ctx);

}  // namespace recon::generate
