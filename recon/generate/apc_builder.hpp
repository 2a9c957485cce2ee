// Builds one patient's admitted patient care spells: the clinical case of each spell, its place on the
// patient's timeline, and every field (method, provider, ICD-10/OPCS-4 coding, HRG with CC split, price).
#pragma once

#include <vector>

#include "recon/generate/patient_context.hpp"
#include "recon/generate/timeline.hpp"

namespace recon::generate {

inline bool is_elective_method(int admimeth) { return admimeth >= 11 && admimeth <= 13; }
inline bool is_emergency_method(int admimeth) { return admimeth >= 21 && admimeth <= 28; }

// Picks the clinical case and length of stay of each spell, honouring what the planted anomalies need
// (an elective spell before a planted readmission, a long spell around a planted overlap, ...).
void plan_apc_cases(PatientContext& ctx);

// Timeline slots for the spells (relations such as split spells become fixed gaps).
void apc_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots);

// Shortens stays when the patient has more spells than the window can hold.
void shorten_apc_stays(PatientContext& ctx);

// Copies the laid-out dates into the spells and derives the dates of untimed spells.
void assign_apc_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots);

// Fills every remaining field of every spell.
void fill_apc(PatientContext& ctx);

}  // namespace recon::generate
