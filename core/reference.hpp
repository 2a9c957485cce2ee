#pragma once
// National reference data (tariffs, code lists, CC scores, the SUS calendar), loaded once before ingest and
// read-only afterwards, so the parallel stages may share it without locks.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/code.hpp"
#include "core/day.hpp"
#include "core/flat_u64_table.hpp"
#include "core/money.hpp"

namespace recon {

struct TariffApc {
  Pence daycase = kNoPrice, elective = kNoPrice, nonelective = kNoPrice;
  int el_trim = -1, nel_trim = -1;  // days; -1 = no trim point
  Pence excess_bed_day = 0;
  int ssem_percent = -1;  // short-stay emergency % of the non-elective price; -1 = none
};
struct TariffOp {
  Pence first = kNoPrice, followup = kNoPrice;
};
struct Icd10Info {
  char sex = 0;  // 'M', 'F' or 0 (either)
  int min_age = -1, max_age = -1;
  bool primary_ok = true;
  Code chapter;
};
struct Opcs4Info {
  char sex = 0;
};
struct CcBand {
  int min_score = 0, max_score = 0;
};
struct CalendarMonth {
  Day inclusion = kNoDay, reconciliation = kNoDay;
};
struct QofMapping {
  Code prefix;     // ICD-10 prefix, normalised
  Code register_;  // QOF register, e.g. DM
};

struct Reference {
  // Distinct for every Reference made (or copied) in this process: a safe key for per-thread memos.
  std::uint64_t instance_id() const { return instance_id_.value; }

  std::unordered_map<Code, TariffApc, CodeHash> tariff_apc;
  std::unordered_map<Code, TariffOp, CodeHash> tariff_op;  // by TRETSPEF
  std::unordered_map<Code, Pence, CodeHash> tariff_ae;     // by HRG
  std::unordered_map<Code, Icd10Info, CodeHash> icd10;
  std::unordered_map<Code, Opcs4Info, CodeHash> opcs4;
  std::unordered_map<Code, int, CodeHash> cc_scores;  // ICD-10 code or prefix -> score
  std::unordered_map<Code, CcBand, CodeHash> hrg_cc_bands;
  std::vector<QofMapping> qof_map;                  // longest prefix wins
  std::unordered_map<int, CalendarMonth> calendar;  // by month_index()

  // Which optional tables were supplied: a rule whose table is absent does not run (and says so).
  bool has_icd10 = false, has_opcs4 = false, has_cc_scores = false, has_hrg_cc_bands = false,
       has_qof_map = false, has_calendar = false, has_tariff_apc = false, has_tariff_op = false,
       has_tariff_ae = false;

  // Looks up an ICD-10 code, falling back to its 3-character category (reference lists often hold both).
  const Icd10Info* find_icd10(Code code) const;
  // Looks up exactly this ICD-10 code, with no fallback (is this code itself a row of the list?).
  const Icd10Info* find_icd10_exact(Code code) const;
  // CC score of a diagnosis: the longest matching code/prefix in cc_scores, 0 if none.
  int cc_score(Code diag) const;
  // The QOF register a diagnosis belongs to (longest prefix), empty if none.
  Code qof_register(Code diag) const;
  const CalendarMonth* calendar_for(Day activity) const;

  // After loading: indexes the icd10 and cc_scores tables for the look-ups above, which run for every
  // diagnosis of every spell: which key lengths they hold (bit n = some key has n characters), so prefix
  // look-ups probe only lengths that can match, and flat copies of the tables (FlatU64Table). A Reference
  // changed afterwards must be indexed again; one never indexed (as tests build) uses the maps directly.
  void index_key_lengths();

 private:
  struct InstanceId {
    std::uint64_t value = next();
    InstanceId() = default;
    InstanceId(const InstanceId&) : value(next()) {}
    InstanceId& operator=(const InstanceId&) {
      value = next();
      return *this;
    }
    static std::uint64_t next();
  } instance_id_;
  std::uint32_t icd10_lengths_ = ~0u, cc_score_lengths_ = ~0u;
  // Keyed by Code::bits(); the empty code (0) is never a key.
  FlatU64Table<Icd10Info, 0> icd10_index_;
  FlatU64Table<int, 0> cc_score_index_;
};

}  // namespace recon
