#pragma once
// Helpers shared by the miscoding row rules (CODE_INVALID, CODE_SEX, CODE_AGE): the shape of ICD-10 and
// OPCS-4 codes, the OPCS-4 lookup, and one pricing of "a clinical code on this record is wrong", so that the
// three rules put the same money at risk for the same kind of error.
//
// The shape checks and lookups run for every code of every row: they allocate nothing. The pricing and
// wording helpers build strings and are only called once a rule has decided to fire.
#include <string>

#include "core/code.hpp"
#include "core/money.hpp"
#include "core/records.hpp"
#include "core/reference.hpp"

namespace recon::clinical_codes {

inline bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ICD-10 as the parser normalises it (upper case, dot removed, HES "I10X" filler cut to "I10"): a letter,
// two digits, an optional 4th character (a digit, or the HES filler X before a 5th character) and an
// optional 5th character (a digit, or a letter such as the HES dagger/asterisk markers D and A).
inline bool icd10_well_formed(Code c) {
  const std::size_t n = c.size();
  if (n < 3 || n > 5) return false;
  if (!is_letter(c[0]) || !is_digit(c[1]) || !is_digit(c[2])) return false;
  if (n >= 4 && !is_digit(c[3]) && c[3] != 'X') return false;
  if (n == 5 && !is_digit(c[4]) && !is_letter(c[4])) return false;
  return true;
}

// OPCS-4: a letter and three digits (W401, from "W40.1"), or the three-character category (W40).
inline bool opcs4_well_formed(Code c) {
  const std::size_t n = c.size();
  if (n < 3 || n > 4) return false;
  if (!is_letter(c[0]) || !is_digit(c[1]) || !is_digit(c[2])) return false;
  return n == 3 || is_digit(c[3]);
}

// An OPCS-4 code in the reference list: the code itself, else its 3-character category (as
// Reference::find_icd10 does for ICD-10, since reference lists often hold both levels).
inline const Opcs4Info* find_opcs4(const Reference& ref, Code c) {
  auto it = ref.opcs4.find(c);
  if (it == ref.opcs4.end() && c.size() > 3) it = ref.opcs4.find(c.prefix(3));
  return it == ref.opcs4.end() ? nullptr : &it->second;
}

// "DIAG_03" / "OPERTN_12" for the 0-based position i.
std::string field_name(const char* prefix, std::size_t i);

// What a wrong clinical code puts at risk, with the sentence that explains it and the figures behind it.
struct CodingRisk {
  Pence amount = 0;
  std::string why;       // one sentence for REASON
  std::string evidence;  // "key=value; ..." to append to EVIDENCE (may be empty)
};

// APC spell. `hrg_root_at_risk`: the wrong code is the primary diagnosis or a procedure, which choose the
// HRG itself, so the whole charge is at risk. Otherwise only secondary diagnoses are wrong: they only move
// the complication (CC) split, so the spell stays payable at its HRG's lowest split in the tariff (same
// admission method, patient class and length of stay) and only the charge above that is at risk.
CodingRisk apc_coding_risk(const Reference& ref, const ApcRow& row, const Activity& priced,
                           bool hrg_root_at_risk);

// Outpatient attendance: the tariff prices it by treatment function and first/follow-up, not by procedure,
// so a procedure code can only justify the charge above that attendance price.
CodingRisk op_coding_risk(const OpRow& row, const Activity& priced);

// The HRG's lowest complication split in the APC tariff: its root with the alphabetically last split letter
// present (EB03C -> EB03E). The HRG itself if it is not a 5-character split HRG but is in the tariff; empty
// if nothing is found.
Code lowest_cc_split(const Reference& ref, Code hrg);

}  // namespace recon::clinical_codes
