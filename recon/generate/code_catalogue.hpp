// The clinical code catalogue: ICD-10 diagnoses (with sex/age/primary edits, CC scores and QOF registers),
// OPCS-4 procedures, and the chronic conditions that drive both the QOF registers and the coding of
// secondary diagnoses. One table feeds both the reference files and the activity, so they always agree.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recon::generate {

using CodeId = std::uint16_t;

// QOF disease registers the generator models (the `conditions` file and `qof_map`).
enum class Register : std::uint8_t { DM, HYP, CHD, AF, HF, COPD, AST, CKD, STIA, DEM, CAN };
inline constexpr int kRegisterCount = 11;
std::string_view register_name(Register reg);

inline constexpr int kAgeBands = 5;  // 0-17, 18-44, 45-64, 65-79, 80+
int age_band(int age);

struct IcdCode {
  char text[5] = {};  // stored without the dot, e.g. "I500", "I10X"
  char sex = 0;       // 0 = any, 'M', 'F'
  std::uint8_t min_age = 0;
  std::uint8_t max_age = 120;
  bool primary_ok = true;
  bool in_catalogue = true;  // false for the deliberately unknown codes planted as anomalies
  std::uint8_t cc_score = 0;
  std::int8_t qof = -1;      // Register, or -1 when the code maps to no register
  std::string_view chapter;  // roman numeral, e.g. "IX"
  std::string_view code() const { return {text, 4}; }
  bool allowed_for(int age, char patient_sex) const {
    return age >= min_age && age <= max_age && (sex == 0 || sex == patient_sex);
  }
};

struct OpcsCode {
  char text[5] = {};
  char sex = 0;  // 0 = any, 'M', 'F'
  std::string_view code() const { return {text, 4}; }
};

struct ChronicCondition {
  Register reg;
  std::uint8_t min_age;
  std::array<std::uint16_t, kAgeBands> prevalence_permille;
  std::vector<CodeId> codes;  // a patient on the register carries one of these
};

// A weighted entry of the pool of acute comorbidities coded as secondary diagnoses.
struct SecondaryCode {
  CodeId id;
  std::uint8_t min_age;
  std::uint8_t max_age;
};

struct ScoreEntry {
  std::string_view prefix;
  int score;
};
struct QofEntry {
  std::string_view prefix;
  Register reg;
};

class CodeCatalogue {
 public:
  static const CodeCatalogue& instance();

  const IcdCode& icd(CodeId id) const { return icd_[id]; }
  CodeId icd_id(std::string_view code) const;  // the code must exist (programming error otherwise)
  std::size_t icd_size() const { return icd_.size(); }
  const OpcsCode& opcs(CodeId id) const { return opcs_[id]; }
  CodeId opcs_id(std::string_view code) const;
  std::size_t opcs_size() const { return opcs_.size(); }

  std::span<const ScoreEntry> cc_scores() const { return cc_scores_; }
  std::span<const QofEntry> qof_map() const { return qof_map_; }
  std::span<const ChronicCondition> conditions() const { return conditions_; }
  const ChronicCondition& condition(Register reg) const { return conditions_[static_cast<int>(reg)]; }

  std::span<const SecondaryCode> secondary_pool() const { return secondary_pool_; }
  std::span<const CodeId> unknown_codes() const { return unknown_codes_; }
  std::span<const CodeId> not_primary_codes() const { return not_primary_codes_; }
  // Sex-specific codes to plant on the other sex (the pregnancy codes also carry an age range).
  std::span<const CodeId> male_only_codes() const { return male_only_codes_; }
  std::span<const CodeId> female_only_codes() const { return female_only_codes_; }
  std::span<const CodeId> perinatal_codes() const { return perinatal_codes_; }
  std::span<const CodeId> elderly_only_codes() const { return elderly_only_codes_; }
  std::span<const CodeId> infant_secondary_codes() const { return infant_secondary_codes_; }
  CodeId male_only_procedure() const { return male_only_procedure_; }
  CodeId female_only_procedure() const { return female_only_procedure_; }

  // Index of the cc_scores entry a code matches (entries never nest), or -1; lets a spell avoid
  // coding two codes that score through the same entry.
  int score_entry(CodeId id) const { return score_entry_[id]; }

 private:
  CodeCatalogue();
  // The constructor's steps, in this order.
  void build_icd_codes();            // the catalogue's codes, then the unknown ones
  void score_and_index_icd_codes();  // CC score, cc_scores entry and QOF register of each; the lookup
  void build_opcs_codes();
  void build_code_lists();  // chronic conditions, secondary pool, the lists anomalies draw from
  std::vector<IcdCode> icd_;
  std::vector<int> score_entry_;
  std::unordered_map<std::string_view, CodeId> icd_index_;
  std::vector<OpcsCode> opcs_;
  std::unordered_map<std::string_view, CodeId> opcs_index_;
  std::vector<ScoreEntry> cc_scores_;
  std::vector<QofEntry> qof_map_;
  std::vector<ChronicCondition> conditions_;
  std::vector<SecondaryCode> secondary_pool_;
  std::vector<CodeId> unknown_codes_;
  std::vector<CodeId> not_primary_codes_;
  std::vector<CodeId> male_only_codes_;
  std::vector<CodeId> female_only_codes_;
  std::vector<CodeId> perinatal_codes_;
  std::vector<CodeId> elderly_only_codes_;
  std::vector<CodeId> infant_secondary_codes_;
  CodeId male_only_procedure_ = 0;
  CodeId female_only_procedure_ = 0;
};

}  // namespace recon::generate
