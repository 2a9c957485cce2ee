// CODE_SEX: a diagnosis or procedure that the reference lists as male-only or female-only, on a patient of
// the other recorded sex (e.g. a delivery on a man). Either the sex or the code is wrong; the grouper cannot
// be trusted with either.
#include "rules/registry.hpp"
#include "rules/row/clinical_codes.hpp"

namespace recon {
namespace {

using namespace clinical_codes;

// The reference sex ('M'/'F') that contradicts the patient's SEX (1 male, 2 female); 0 when SEX is unknown.
char conflicting_sex(std::uint8_t patient_sex) { return patient_sex == 1 ? 'F' : patient_sex == 2 ? 'M' : 0; }

template <std::size_t N, class Find>
std::uint32_t conflicts(const std::array<Code, N>& codes, std::uint8_t n, char wrong, Find find) {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (codes[i].empty()) continue;
    const auto* info = find(codes[i]);
    if (info && info->sex == wrong) bad |= 1u << i;
  }
  return bad;
}

template <std::size_t N>
void describe(const std::array<Code, N>& codes, std::uint32_t bad, const char* field, char sex,
              std::string& reason, std::string& evidence) {
  const char* only = sex == 'F' ? "female-only" : "male-only";
  for (std::size_t i = 0; i < N; ++i) {
    if (!(bad & (1u << i))) continue;
    const std::string name = field_name(field, i), code = codes[i].str();
    if (!reason.empty()) reason += "; ";
    reason += name + ' ' + code + " is " + only;
    evidence += "; " + name + '=' + code + " (" + sex + ')';
  }
}

class CodeSexRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "CODE_SEX",
        "Diagnosis or procedure impossible for the patient's recorded sex",
        Severity::kMedium,
        "The icd10 and opcs4 reference lists mark some codes male-only (M) or female-only (F). A record "
        "whose "
        "SEX is 1 (male) with a female-only code, or 2 (female) with a male-only code, is internally "
        "inconsistent: either the sex or the code is wrong, and the HRG grouped from it cannot be relied on. "
        "Unknown sex (0, 9 or empty) never fires. APC diagnoses and procedures, OP procedures; each code "
        "list "
        "is only used when supplied (codes are also matched by their 3-character category). MEDIUM: we "
        "cannot "
        "tell which of the two is wrong, so it is a query.",
        "As CODE_INVALID: APC: the whole charge when the conflicting code is the primary diagnosis or a "
        "procedure; the charge minus the HRG's lowest CC split price when only secondary diagnoses conflict. "
        "OP: the charge minus the attendance price for the treatment function. Never below zero.",
        {.any = input::kIcd10 | input::kOpcs4}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const char wrong = conflicting_sex(priced.sex);
    if (!wrong) return;  // unknown sex: nothing can conflict
    const Reference& ref = ctx.ref;
    const std::uint32_t bad_diag =
        ref.has_icd10 ? conflicts(row.diag, row.n_diag, wrong, [&](Code c) { return ref.find_icd10(c); }) : 0;
    const std::uint32_t bad_op =
        ref.has_opcs4 ? conflicts(row.opertn, row.n_opertn, wrong, [&](Code c) { return find_opcs4(ref, c); })
                      : 0;
    if (!bad_diag && !bad_op) return;
    const bool hrg_root_at_risk = (bad_diag & 1u) || bad_op;
    emit(row.diag, bad_diag, row.opertn, bad_op, wrong, apc_coding_risk(ref, row, priced, hrg_root_at_risk),
         priced, row.id, out);
  }

  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    const char wrong = conflicting_sex(priced.sex);
    if (!wrong || !ctx.ref.has_opcs4) return;
    const std::uint32_t bad_op =
        conflicts(row.opertn, row.n_opertn, wrong, [&](Code c) { return find_opcs4(ctx.ref, c); });
    if (!bad_op) return;
    emit(std::array<Code, 0>{}, 0, row.opertn, bad_op, wrong, op_coding_risk(row, priced), priced, row.id,
         out);
  }

 private:
  template <std::size_t ND>
  void emit(const std::array<Code, ND>& diag, std::uint32_t bad_diag, const std::array<Code, 24>& opertn,
            std::uint32_t bad_op, char wrong, CodingRisk risk, const Activity& priced, std::string_view id,
            ChallengeSink& out) const {
    const bool male = wrong == 'F';
    std::string list, evidence = male ? "SEX=1" : "SEX=2";
    describe(diag, bad_diag, "DIAG", wrong, list, evidence);
    describe(opertn, bad_op, "OPERTN", wrong, list, evidence);
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = risk.amount;
    c.reason = std::string("The patient is recorded as ") + (male ? "male" : "female") + " but " + list +
               ": either the sex or the code is wrong. " + risk.why;
    c.evidence = risk.evidence.empty() ? evidence : evidence + "; " + risk.evidence;
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(CodeSexRule)

}  // namespace recon
