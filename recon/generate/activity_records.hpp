// In-memory form of one patient's records while they are planned: typed fields (day numbers, code ids,
// organisation indexes) that are only turned into text when the row is written.
#pragma once

#include <array>
#include <cstdint>

#include "recon/generate/anomaly.hpp"
#include "recon/generate/civil_date.hpp"
#include "recon/generate/code_catalogue.hpp"
#include "recon/generate/nhs_number.hpp"

namespace recon::generate {

// Practice index meaning "the commissioner's list has no such practice" (see Organisations).
inline constexpr std::uint16_t kUnlistedPractice = 0xFFFF;

template <std::size_t N>
struct CodeList {
  std::array<CodeId, N> ids{};
  std::uint8_t size = 0;
  bool contains(CodeId id) const {
    for (std::uint8_t i = 0; i < size; ++i) {
      if (ids[i] == id) return true;
    }
    return false;
  }
  bool full() const { return size == N; }
  void push(CodeId id) {
    if (size < N) ids[size++] = id;
  }
};

// Who the record says the patient is; differs from the register only where an anomaly is planted.
struct RecordPatient {
  NhsText nhs;
  Day dob = 0;
  char sex = '1';
  std::uint16_t practice = 0;
};

// Fields every activity record has, including its planted anomaly and ground-truth detail.
struct RecordBase {
  Anomaly kind = Anomaly::none;
  std::int32_t ref = -1;           // index of the related record of the same patient (duplicate of, ...)
  bool referenced = false;         // the next record relates to this one, so it must stay clean
  std::uint8_t note = 0;           // 1: valid CSV-quoted comma in COMMENT, 2: quoted newline
  std::uint8_t nhs_problem = 0;    // InvalidNhsKind when kind == invalid_nhs
  std::int32_t planted_code = -1;  // code id the anomaly added (ICD-10 for APC, OPCS-4 for OP)
  std::uint16_t provider = 0;
  RecordPatient who;
  Day subdate = 0;
  std::int64_t price_pence = -1;  // -1 = PRICE left empty (recon prices it from the tariff)
  std::uint8_t admincat = 1;      // ADMINCAT: 1 NHS patient; 2 private patient (private_patient)
};

struct ApcRecord : RecordBase {
  std::uint16_t case_index = 0;
  bool daycase = false;
  std::int32_t los = 0;
  Day admit = 0;
  Day disch = 0;
  std::uint8_t admimeth = 0;
  std::uint8_t admisorc = 19;
  std::uint8_t dismeth = 1;
  std::uint8_t classpat = 1;
  std::uint16_t tretspef = 0;
  std::uint16_t root = 0;
  std::int8_t claimed_letter = 0;    // split letter index written in SUSHRG (0 = A)
  std::int8_t supported_letter = 0;  // split the coded secondary diagnoses support
  std::int8_t unknown_hrg = -1;      // index into HrgCatalogue::unknown_apc_hrgs, or -1
  CodeList<20> diag;                 // diag.ids[0] is the primary
  CodeList<24> proc;
};

struct OpRecord : RecordBase {
  Day date = 0;
  std::uint8_t attended = 5;
  std::uint8_t firstatt = 1;
  std::uint8_t refsourc = 3;
  std::uint16_t tretspef = 0;
  CodeList<24> proc;
};

struct AeRecord : RecordBase {
  Day date = 0;
  std::uint8_t category = 1;
  std::uint8_t disposal = 3;
  std::int8_t hrg = 0;           // index into HrgCatalogue::ae_hrgs
  std::int8_t unknown_hrg = -1;  // index into HrgCatalogue::unknown_ae_hrgs, or -1
};

// A GP referral of the patient, written to referrals.csv. Named ...Record like the records above, and so
// apart from the checker's parsed recon::Referral (core/practice.hpp), a separate type on purpose
// (generator.hpp).
struct ReferralRecord {
  Day date = 0;
  std::uint16_t tretspef = 0;
  std::int32_t provider = -1;  // -1: PROCODE3 left empty
  std::uint16_t practice = 0;
};

}  // namespace recon::generate
