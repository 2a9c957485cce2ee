// HRG4+ spell HRGs with CC splits and their tariff, the clinical "cases" that produce APC spells,
// outpatient treatment functions with their tariff, and the A&E HRGs. Prices, trim points and CC bands
// are synthetic but shaped like the national tariff workbook.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "recon/generate/code_catalogue.hpp"

namespace recon::generate {

// A spell HRG root, e.g. EB03 "Heart Failure or Shock", split A..E by CC score (A = highest band).
struct HrgRoot {
  std::string_view code;  // 4 characters
  std::string_view name;
  std::uint8_t splits;  // 1 = no CC split (HRG ends in Z)
  int daycase;          // prices in whole pounds for the lowest split
  int elective;
  int nonelective;
  int el_trim;  // days
  int nel_trim;
  int excess_bed_day;             // pounds per day beyond the trim point
  int ssem;                       // short-stay emergency %, 0 = not applicable
  std::array<int, 5> band_min{};  // by split letter index (0 = A)
  std::array<int, 5> band_max{};

  char letter(int index) const { return splits == 1 ? 'Z' : static_cast<char>('A' + index); }
  // Split letter index whose CC band contains `score` (0 = A).
  int letter_for_score(int score) const;
  // Tariff price in pence for split `index`; column 0 day case, 1 elective, 2 non-elective.
  std::int64_t price_pence(int index, int column) const;
};

enum class CaseType : std::uint8_t { emergency, daycase, elective, maternity };

// A clinical template for an APC spell: who can have it, how it is coded, which HRG it groups to.
struct ClinicalCase {
  std::uint16_t root;
  std::uint16_t tretspef;
  CaseType type;
  std::uint16_t daycase_permille;  // for elective cases: share done as day cases
  std::uint8_t los_min;
  std::uint8_t los_max;
  std::vector<CodeId> primaries;  // empty: the patient's own code for `condition`
  std::vector<CodeId> procedures;
  std::uint16_t procedure_permille;
  std::int32_t extra_diagnosis;  // -1 or a code always coded as a secondary (Z370 after delivery, ...)
  std::int32_t supplementary_procedure;  // -1 or e.g. Y752 laparoscopic approach
  bool laterality;                       // add Z942/Z943 (right/left) after the procedure
  std::uint8_t min_age;
  std::uint8_t max_age;
  char sex;               // 0, 'M', 'F'
  std::int8_t condition;  // Register required, -1 = none
  std::uint16_t weight;
  bool zero_score_primary;  // every primary scores 0: safe base for the CC-split anomalies
  bool neoplasm;            // a primary can be a neoplasm (C00-D48)
};

// Outpatient treatment function with its first/follow-up tariff.
struct Specialty {
  std::uint16_t tretspef;
  std::string_view name;
  int first;
  int followup;
  std::uint8_t min_age;
  std::uint8_t max_age;
  char sex;
  std::uint16_t weight;
  std::vector<CodeId> procedures;
  std::uint16_t procedure_permille;
};

struct AeHrg {
  std::string_view code;
  int price;
  std::uint16_t weight;
};

class HrgCatalogue {
 public:
  static const HrgCatalogue& instance();

  std::span<const HrgRoot> roots() const { return roots_; }
  const HrgRoot& root(std::size_t i) const { return roots_[i]; }
  std::span<const ClinicalCase> cases() const { return cases_; }
  const ClinicalCase& clinical_case(std::size_t i) const { return cases_[i]; }
  std::span<const Specialty> specialties() const { return specialties_; }
  const Specialty* specialty(std::uint16_t tretspef) const;
  std::span<const AeHrg> ae_hrgs() const { return ae_hrgs_; }
  // Plausible HRG codes that are deliberately absent from the tariff (UZ01Z is the real "ungroupable").
  std::span<const std::string_view> unknown_apc_hrgs() const { return unknown_apc_hrgs_; }
  std::span<const std::string_view> unknown_ae_hrgs() const { return unknown_ae_hrgs_; }

 private:
  HrgCatalogue();
  std::vector<HrgRoot> roots_;
  std::vector<ClinicalCase> cases_;
  std::vector<Specialty> specialties_;
  std::vector<AeHrg> ae_hrgs_;
  std::vector<std::string_view> unknown_apc_hrgs_;
  std::vector<std::string_view> unknown_ae_hrgs_;
};

}  // namespace recon::generate
