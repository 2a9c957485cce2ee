// State shared by the per-patient builders: the run-wide catalogues and the one patient being generated.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "recon/generate/activity_records.hpp"
#include "recon/generate/code_catalogue.hpp"
#include "recon/generate/generate_options.hpp"
#include "recon/generate/hrg_catalogue.hpp"
#include "recon/generate/organisations.hpp"
#include "recon/generate/patient_model.hpp"
#include "recon/generate/rng.hpp"
#include "recon/generate/timeline.hpp"

namespace recon::generate {

struct GeneratorShared {
  const GenerateOptions& options;
  const CodeCatalogue& codes;
  const HrgCatalogue& hrgs;
  const Organisations& orgs;
  Day period_start;
  Day period_end;
  bool plant() const { return options.anomaly_rate > 0; }
};

// Fixed global row positions at which something special is written (malformed rows, valid quoted
// fields). A position is used by the first suitable row at or after it.
class RowSchedule {
 public:
  void add(std::uint64_t row, std::uint8_t what) { targets_.push_back({row, what}); }
  void sort() { std::sort(targets_.begin(), targets_.end()); }
  // What is due at `row` (0 = nothing); consumes it.
  std::uint8_t take(std::uint64_t row) {
    if (next_ < targets_.size() && targets_[next_].first <= row) return targets_[next_++].second;
    return 0;
  }

 private:
  std::vector<std::pair<std::uint64_t, std::uint8_t>> targets_;
  std::size_t next_ = 0;
};

struct PatientContext {
  explicit PatientContext(const GeneratorShared& shared) : g(shared) {}

  // Starts a new patient; the vectors keep their capacity, so steady state allocates nothing.
  void reset(const Patient& p, std::uint64_t patient_index);

  const GeneratorShared& g;
  const Patient* patient = nullptr;
  NhsText nhs_text;  // the patient's NHS number, formatted once
  std::uint64_t index = 0;
  Rng rng{0, 0, 0};
  Day window_first = 0;  // clean activity lies within [window_first, window_last]
  Day window_last = 0;
  Day dod = kNoDay;        // date of death, when the patient dies during the period
  Day move_date = kNoDay;  // movers: deregistered from `practice` and registered with `new_practice`
  std::uint16_t missing_registers = 0;  // bit per Register left out of the practice's disease registers
  std::vector<ApcRecord> apc;
  std::vector<OpRecord> op;
  std::vector<AeRecord> ae;
  std::vector<ReferralRecord> referrals;
  std::vector<TimelineSlot> slots[3];  // scratch space for laying out APC, OP and A&E

  int age_on(Day day) const { return age_in_years(patient->dob, day); }
  std::uint16_t practice_on(Day day) const {
    return move_date != kNoDay && day >= move_date ? patient->new_practice : patient->practice;
  }
  // First day of the registration in force on `day` (referrals must not predate it).
  Day registration_start_on(Day day) const {
    return move_date != kNoDay && day >= move_date ? move_date + 1 : patient->regdate;
  }
  // The register's view of the patient on `day`, as a clean record states it.
  RecordPatient identity_on(Day day) const;
  std::uint16_t choose_provider();  // mostly the practice's local trust
};

}  // namespace recon::generate
