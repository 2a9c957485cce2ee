// Builds one patient's outpatient attendances: episodes of a first attendance followed by follow-ups at
// one provider and treatment function, with the planted anomalies placed where they are unambiguous.
#pragma once

#include <vector>

#include "recon/generate/patient_context.hpp"
#include "recon/generate/timeline.hpp"

namespace recon::generate {

void op_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots);
void assign_op_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots);
void fill_op(PatientContext& ctx);

// Outpatient tariff price in pence for an attendance (first or follow-up), 0 if not attended.
std::int64_t op_tariff_pence(const PatientContext& ctx, const OpRecord& rec);

inline bool op_is_first(const OpRecord& rec) { return rec.firstatt == 1 || rec.firstatt == 3; }
inline bool op_attended(const OpRecord& rec) { return rec.attended == 5 || rec.attended == 6; }

}  // namespace recon::generate
