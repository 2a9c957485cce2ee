#pragma once
// Typed records. Two levels:
//  * ApcRow / OpRow / AeRow: a whole parsed row, alive only inside the parallel parse stage, where the row
//    rules look at it (all diagnoses and procedures);
//  * Activity: the compact record kept for the cross-record (patient) and aggregate rules.
#include <array>
#include <compare>
#include <cstdint>
#include <string_view>

#include "core/code.hpp"
#include "core/dataset.hpp"
#include "core/date_of_birth.hpp"
#include "core/day.hpp"
#include "core/money.hpp"

namespace recon {

// Where a record came from: index into the run's input file list, and the 1-based physical line on which
// the record starts (the header is line 1 in CSV).
// Packed into 8 bytes because every stored activity carries one: 16 bits of file index (a run reads a
// handful of files) and 48 bits of line number (far beyond any file a disk can hold).
struct SourcePos {
  std::uint64_t file : 16 = 0;
  std::uint64_t line : 48 = 0;
  // Spelled out: a defaulted comparison does not cover bit-fields.
  friend constexpr bool operator==(const SourcePos& a, const SourcePos& b) {
    return a.file == b.file && a.line == b.line;
  }
  friend constexpr std::strong_ordering operator<=>(const SourcePos& a, const SourcePos& b) {
    if (a.file != b.file) return std::uint64_t{a.file} <=> std::uint64_t{b.file};
    return std::uint64_t{a.line} <=> std::uint64_t{b.line};
  }
};
inline constexpr std::uint64_t kMaxSourceFile = (std::uint64_t{1} << 16) - 1;
inline constexpr std::uint64_t kMaxSourceLine = (std::uint64_t{1} << 48) - 1;

// NHS numbers are 10 digits: kept as an integer. Validity (Modulus 11) is a rule's business, not the
// parser's: a well-formed but invalid number is still a billed record to challenge.
using NhsNumber = std::uint64_t;
// kPseudonym: the extract's patient id is a pseudonym (HES PSEUDO_HESID, SUS Der_Pseudo_NHS_Number), held as
// its pseudonym_key (core/nhs_number.hpp): it matches the patient's records, but it is no NHS number.
enum class NhsState : std::uint8_t { kPresent, kMissing, kMalformed, kPseudonym };

struct PatientFields {
  NhsNumber nhs = 0;
  NhsState nhs_state = NhsState::kMissing;
  bool nhs_valid = false;         // present and passes Modulus 11 (worked out once, when parsed)
  DateOfBirth dob;                // to the day, or only to the month (core/date_of_birth.hpp)
  Code sex;                       // 1 male, 2 female, 0/9 unknown
  Code gpprac;                    // registered practice; empty if not given or given as "not known"
  bool gpprac_not_known = false;  // GPPRAC held a "not known" default code (V81997-V81999, &), read as empty
};

// Which fields of a row were unreadable and read as empty instead of rejecting the row: bit i is the field
// with schema id i (parsers/schema.hpp; every activity schema has at most 64 fields). Counted by the data
// quality measure.
using BlankedFields = std::uint64_t;

struct ApcRow {
  SourcePos pos;
  std::string_view id;  // SUSSPELLID
  Code procode;
  Code site;  // the 5-character site code when PROCODE3 was given as one (e.g. RTH08; procode RTH)
  PatientFields patient;
  Day admidate = kNoDay, disdate = kNoDay, subdate = kNoDay;
  Code admimeth, admisorc, dismeth, classpat, tretspef, hrg;
  std::array<Code, 20> diag{};  // ICD-10, normalised (upper case, no dot); diag[0] primary
  std::uint8_t n_diag = 0;      // index of last present diagnosis + 1 (gaps are empty codes)
  std::array<Code, 24> opertn{};
  std::uint8_t n_opertn = 0;
  Pence price = kNoPrice;  // PRICE as submitted
  Code admincat;           // administrative category: 01 NHS, 02 private patient, 03 amenity, 04 category II
  // Episode-level extracts (HES APC): the episode's order in its spell and its dates; 0 / kNoDay in a
  // spell-level file. recon/engine/spell_stage builds spells from the episodes before any rule runs.
  std::uint16_t epiorder = 0;
  Day epistart = kNoDay, epiend = kNoDay;
  BlankedFields blanked = 0;
};

struct OpRow {
  SourcePos pos;
  std::string_view id;  // ATTENDKEY
  Code procode;
  Code site;  // as ApcRow::site
  PatientFields patient;
  Day apptdate = kNoDay, subdate = kNoDay;
  Code attended, firstatt, refsourc, tretspef, hrg;
  std::array<Code, 24> opertn{};
  std::uint8_t n_opertn = 0;
  Pence price = kNoPrice;
  Code admincat;  // as ApcRow::admincat
  BlankedFields blanked = 0;
};

struct AeRow {
  SourcePos pos;
  std::string_view id;  // AEKEY
  Code procode;
  Code site;  // as ApcRow::site
  PatientFields patient;
  Day arrivaldate = kNoDay, subdate = kNoDay;
  Code attendcat, attenddisp, hrg;
  Pence price = kNoPrice;
  Code admincat;  // as ApcRow::admincat
  BlankedFields blanked = 0;
};

// Where a record id lies in its partition's id store (recon/engine/activity_store.hpp).
struct StrRef {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// The compact record kept for cross-record rules: 88 bytes, because ten million of them are held at once
// (a 10M-row run then fits the default 1 GiB store budget without spilling). What only the patient rules
// need of the wider row is reduced to flags and a rank when the row is compacted (primary_cancer, under_four,
// transfer_in, self_discharged, copy_rank; set by rules/patient/patient_flags.hpp).
struct Activity {
  NhsNumber nhs = 0;
  Code procode, gpprac, hrg, tretspef;
  Pence charged = 0;  // PRICE if submitted, else priced from the tariff
  Pence tariff = 0;   // what the tariff gives for this record (0 if unpriceable)
  StrRef id;          // record id
  SourcePos pos;
  Day start = kNoDay;  // ADMIDATE / APPTDATE / ARRIVALDATE
  Day end = kNoDay;    // DISDATE (= start for OP and A&E)
  Dataset dataset = Dataset::kApc;
  std::uint8_t admimeth = 0;  // APC: numeric ADMIMETH (e.g. 21), 0 if absent or non-numeric (2A..2D -> 20+)
  std::uint8_t classpat = 0;  // APC
  // Single-digit national codes held in 4 bits each (values above 15, which no national code has, are held
  // as 15 by the compaction), so that copy_rank fits in the 88 bytes.
  std::uint8_t firstatt : 4 = 0;     // OP
  std::uint8_t attended : 4 = 0;     // OP
  std::uint8_t attendcat : 4 = 0;    // A&E
  std::uint8_t sex : 4 = 0;          // 1 male, 2 female, 0 unknown
  bool gp_referred : 1 = false;      // OP REFSOURC 03
  bool nhs_valid : 1 = false;        // passed Modulus 11: only these take part in patient matching
  bool primary_cancer : 1 = false;   // APC: primary diagnosis in ICD-10 C00-C97 or D37-D48
  bool under_four : 1 = false;       // APC: DOB known and the patient under 4 years old on admission
  bool transfer_in : 1 = false;      // APC: admitted as a transfer (ADMIMETH 2B, ADMISORC 51-53 or 87)
  bool self_discharged : 1 = false;  // APC: DISMETH 2, self-discharged against clinical advice
  // Which copy of a record submitted twice is kept as the original (DUP): the higher rank, i.e. the more
  // complete copy (its count of filled fields, in the top 6 bits), then the later submitted (SUBDATE minus
  // the start date, 0-1023 days, in the low 10 bits). rules/patient/patient_flags.hpp computes it.
  std::uint16_t copy_rank = 0;
};
static_assert(sizeof(Activity) == 88, "Activity's size sets how many records fit the store's budget");

}  // namespace recon
