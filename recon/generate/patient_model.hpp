// The synthetic population: who the patients are (NHS number, birth, sex, practice, chronic conditions,
// whether they move practice or die) and how many APC/OP/A&E records each one gets. Only this compact
// table is held in memory; activity rows are produced patient by patient and streamed out.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "recon/generate/civil_date.hpp"
#include "recon/generate/code_catalogue.hpp"
#include "recon/generate/generate_options.hpp"
#include "recon/generate/organisations.hpp"

namespace recon::generate {

struct Patient {
  std::uint64_t nhs_number = 0;
  Day dob = 0;
  Day regdate = 0;  // registration at `practice`
  std::uint32_t apc_count = 0;
  std::uint32_t op_count = 0;
  std::uint32_t ae_count = 0;
  std::uint16_t practice = 0;
  std::uint16_t new_practice = 0;  // movers only: the practice they move to during the period
  std::uint16_t conditions = 0;    // bit per Register
  std::array<std::uint8_t, kRegisterCount> condition_code{};  // index into ChronicCondition::codes
  char sex = '1';                                             // '1' male, '2' female (the HES codes)
  bool infant = false;                                        // born during the activity period
  bool mover = false;  // intends to move practice (confirmed when a quiet date exists)
  bool dies = false;   // intends to die during the period (confirmed when activity fits)

  bool has(Register reg) const { return (conditions >> static_cast<int>(reg)) & 1U; }
  char sex_letter() const { return sex == '1' ? 'M' : 'F'; }
};

// Random streams, so that each part of the generator draws independently of the others.
enum Stream : std::uint64_t { kStreamPopulation = 1, kStreamActivity = 2, kStreamSchedule = 3 };

std::vector<Patient> build_population(const GenerateOptions& options, const Organisations& orgs);

}  // namespace recon::generate
