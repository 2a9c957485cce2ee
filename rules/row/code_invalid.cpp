// CODE_INVALID: diagnosis (ICD-10) or procedure (OPCS-4) codes that are malformed or not in the national code
// list. The HRG is grouped from these codes, so a record carrying them cannot be priced with confidence.
#include <string>

#include "rules/registry.hpp"
#include "rules/row/clinical_codes.hpp"

namespace recon {
namespace {

using namespace clinical_codes;

// A 3-character category that the list subdivides (J18 -> J180 ... J189) is incomplete alone: only the 4th
// character says what was diagnosed. Only reached for 3-character codes, which are rare in real extracts.
bool subdivided(const Reference& ref, Code category) {
  std::string code = category.str() + '0';
  for (char d = '0'; d <= '9'; ++d) {
    code.back() = d;
    if (ref.find_icd10_exact(Code::of(code))) return true;
  }
  return false;
}

// An ICD-10 code as the national list reads it: a 4-character code must itself be a row of the list (I50.5
// does not exist although I50 does); a 3-character code is valid alone only when the list has no 4-character
// codes under it (I10 yes, J18 no). A 5th character is an optional extension: a dagger or asterisk marker (a
// letter) or a 5th digit; the code is then judged by its first 4 characters unless the 5-character code is
// listed itself. A 4th-character X is HES's filler for a code with no 4th character.
bool icd10_listed(const Reference& ref, Code c) {
  if (c.size() == 5) {
    if (!is_letter(c[4]) && ref.find_icd10_exact(c)) return true;
    c = c.prefix(4);
  }
  if (c.size() == 4 && c[3] == 'X') c = c.prefix(3);
  if (!ref.find_icd10_exact(c)) return false;
  return c.size() != 3 || !subdivided(ref, c);
}

bool icd10_ok(const Reference& ref, Code c) { return icd10_well_formed(c) && icd10_listed(ref, c); }
bool opcs4_ok(const Reference& ref, Code c) { return opcs4_well_formed(c) && find_opcs4(ref, c) != nullptr; }

// Bit i set = position i holds a present but invalid code. At most 24 positions: fits in 32 bits.
template <std::size_t N>
std::uint32_t bad_positions(const std::array<Code, N>& codes, std::uint8_t n, const Reference& ref,
                            bool (*ok)(const Reference&, Code)) {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!codes[i].empty() && !ok(ref, codes[i])) bad |= 1u << i;
  return bad;
}

// An ICD-10 code that is a listed category the list subdivides (J18, or J18X with the HES filler).
bool incomplete_category(const Reference& ref, Code c) {
  if (c.size() == 4 && c[3] == 'X') c = c.prefix(3);
  return c.size() == 3 && ref.find_icd10_exact(c) && subdivided(ref, c);
}

// Appends "DIAG_03 Q999 (not in the ICD-10 code list)" to the reason list and "DIAG_03=Q999" to the evidence.
// `ref` is given for ICD-10 only, to say when a code is a category that needs its 4th character.
template <std::size_t N>
void describe(const std::array<Code, N>& codes, std::uint32_t bad, const char* field, const char* system,
              bool (*well_formed)(Code), const Reference* ref, std::string& reason, std::string& evidence) {
  for (std::size_t i = 0; i < N; ++i) {
    if (!(bad & (1u << i))) continue;
    const std::string name = field_name(field, i), code = codes[i].str();
    if (!reason.empty()) reason += "; ";
    reason += name + ' ' + code +
              (!well_formed(codes[i]) ? std::string(" (not a well-formed ") + system + " code)"
               : ref && incomplete_category(*ref, codes[i])
                   ? std::string(" (a category the ") + system +
                         " code list subdivides: incomplete without its 4th "
                         "character)"
                   : std::string(" (not in the ") + system + " code list)");
    if (!evidence.empty()) evidence += "; ";
    evidence += name + '=' + code;
  }
}

class CodeInvalidRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "CODE_INVALID",
        "ICD-10 or OPCS-4 code malformed or not in the reference code list",
        Severity::kMedium,
        "The HRG is grouped from the diagnoses (ICD-10, DIAG_nn) and procedures (OPCS-4, OPERTN_nn), so a "
        "code "
        "that is not well-formed (ICD-10: letter, 2 digits, optional 4th and 5th character; OPCS-4: letter "
        "and "
        "3 digits, or the 3-character category) or not in the supplied icd10/opcs4 list makes the grouping "
        "unsafe. ICD-10 is read as the national list (NHS England, ICD-10 5th Edition classification, the "
        "code list in TRUD) reads: a 4-character code must be a row of the list itself (I50.5 and N39.5 do "
        "not exist although I50 and N39 do); a 3-character category is complete alone only when the list "
        "has no 4-character codes under it (I10 yes; J18 and E11 alone are incomplete); a 5th character (a "
        "dagger/asterisk marker or a 5th digit) is judged by the first 4 characters. OPCS-4 codes are also "
        "accepted when their 3-character category is listed. One challenge per "
        "record lists every bad code. APC diagnoses and procedures, OP procedures; ICD-10 codes are only "
        "checked when the icd10 table is supplied, OPCS-4 codes only when the opcs4 table is. A missing "
        "primary diagnosis is PRIMARY_INVALID's business, not this rule's. MEDIUM: the care was probably "
        "given, the coding needs correcting.",
        "APC: the whole charge when the primary diagnosis or any procedure is invalid (they choose the HRG "
        "itself); when only secondary diagnoses are invalid (they only move the complication split), the "
        "charge minus the price of the HRG's lowest CC split in the tariff (same admission method, patient "
        "class and length of stay), or the whole charge when the HRG has no split in the tariff. OP: the "
        "charge minus the attendance price for the treatment function (procedures do not change it), or the "
        "whole charge when the treatment function is not in the tariff. Never below zero.",
        {.any = input::kIcd10 | input::kOpcs4}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const Reference& ref = ctx.ref;
    const std::uint32_t bad_diag = ref.has_icd10 ? bad_positions(row.diag, row.n_diag, ref, icd10_ok) : 0;
    const std::uint32_t bad_op = ref.has_opcs4 ? bad_positions(row.opertn, row.n_opertn, ref, opcs4_ok) : 0;
    if (!bad_diag && !bad_op) return;  // the happy path: nothing allocated
    const bool hrg_root_at_risk = (bad_diag & 1u) || bad_op;
    emit(row.diag, bad_diag, row.opertn, bad_op, apc_coding_risk(ref, row, priced, hrg_root_at_risk), priced,
         row.id, ref, out);
  }

  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    if (!ctx.ref.has_opcs4) return;
    const std::uint32_t bad_op = bad_positions(row.opertn, row.n_opertn, ctx.ref, opcs4_ok);
    if (!bad_op) return;
    emit(std::array<Code, 0>{}, 0, row.opertn, bad_op, op_coding_risk(row, priced), priced, row.id, ctx.ref,
         out);
  }

 private:
  template <std::size_t ND>
  void emit(const std::array<Code, ND>& diag, std::uint32_t bad_diag, const std::array<Code, 24>& opertn,
            std::uint32_t bad_op, CodingRisk risk, const Activity& priced, std::string_view id,
            const Reference& ref, ChallengeSink& out) const {
    std::string list, evidence;
    describe(diag, bad_diag, "DIAG", "ICD-10", icd10_well_formed, &ref, list, evidence);
    describe(opertn, bad_op, "OPERTN", "OPCS-4", opcs4_well_formed, nullptr, list, evidence);
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = risk.amount;
    c.reason = "Invalid clinical codes: " + list + ". " + risk.why;
    c.evidence = risk.evidence.empty() ? evidence : evidence + "; " + risk.evidence;
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(CodeInvalidRule)

}  // namespace recon
