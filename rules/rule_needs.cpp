#include "rules/rule_needs.hpp"

#include <string_view>
#include <vector>

namespace recon {
namespace {

struct InputName {
  InputMask bit;
  std::string_view name;
  bool reference;         // a reference table (else a practice file)
  std::string_view note;  // said when it is the one table missing
};

constexpr InputName kInputs[input::kCount] = {
    {input::kTariffApc, "tariff_apc", true, {}},
    {input::kTariffOp, "tariff_op", true, {}},
    {input::kTariffAe, "tariff_ae", true, {}},
    {input::kIcd10, "icd10", true, {}},
    {input::kOpcs4, "opcs4", true, {}},
    {input::kCcScores, "cc_scores", true, {}},
    {input::kHrgCcBands, "hrg_cc_bands", true, "it defines the CC splits of each HRG root"},
    {input::kQofMap, "qof_map", true, {}},
    {input::kCalendar, "calendar", true, "SUS inclusion and post-reconciliation inclusion dates"},
    {input::kRegister, "practice register", false, {}},
    {input::kReferrals, "practice referral log", false, {}},
    {input::kConditions, "practice disease registers (conditions)", false, {}},
    {input::kInvoice, "invoice (--invoice)", false, {}},
};

std::string joined(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) s += std::string(i ? separator : "") + std::string(names[i]);
  return s;
}

// "icd10 reference table", "tariff_apc, tariff_op reference tables", "calendar reference table (note)".
std::string tables(const std::vector<const InputName*>& list, std::string_view separator) {
  std::vector<std::string_view> names;
  for (const InputName* i : list) names.push_back(i->name);
  std::string s = joined(names, separator) +
                  (list.size() > 1 && separator == ", " ? " reference tables" : " reference table");
  if (list.size() == 1 && !list[0]->note.empty()) s += " (" + std::string(list[0]->note) + ")";
  return s;
}

std::vector<const InputName*> inputs_of(InputMask mask, bool reference) {
  std::vector<const InputName*> list;
  for (const InputName& i : kInputs)
    if ((mask & i.bit) && i.reference == reference) list.push_back(&i);
  return list;
}

// The parts of a sentence about `mask`: its reference tables as one part, its practice files as another.
std::vector<std::string> parts_of(InputMask mask, std::string_view separator) {
  std::vector<std::string> parts;
  if (const auto refs = inputs_of(mask, true); !refs.empty()) parts.push_back(tables(refs, separator));
  std::vector<std::string_view> files;
  for (const InputName* i : inputs_of(mask, false)) files.push_back(i->name);
  if (!files.empty()) parts.push_back(joined(files, separator == ", " ? " and " : separator));
  return parts;
}

}  // namespace

InputMask inputs_supplied(const Reference& ref, const PracticeData& practice, bool invoice) {
  InputMask m = 0;
  const std::pair<bool, InputMask> present[] = {{ref.has_tariff_apc, input::kTariffApc},
                                                {ref.has_tariff_op, input::kTariffOp},
                                                {ref.has_tariff_ae, input::kTariffAe},
                                                {ref.has_icd10, input::kIcd10},
                                                {ref.has_opcs4, input::kOpcs4},
                                                {ref.has_cc_scores, input::kCcScores},
                                                {ref.has_hrg_cc_bands, input::kHrgCcBands},
                                                {ref.has_qof_map, input::kQofMap},
                                                {ref.has_calendar, input::kCalendar},
                                                {practice.has_register, input::kRegister},
                                                {practice.has_referrals, input::kReferrals},
                                                {practice.has_conditions, input::kConditions},
                                                {invoice, input::kInvoice}};
  for (const auto& [has, bit] : present)
    if (has) m |= bit;
  return m;
}

std::string missing_inputs(const RuleNeeds& needs, InputMask supplied) {
  std::vector<std::string> missing = parts_of(needs.all & ~supplied, ", ");
  if (needs.any && !(needs.any & supplied))
    for (std::string& part : parts_of(needs.any, " or ")) missing.push_back(std::move(part));
  if (missing.empty()) return {};
  std::string why = "no " + missing[0];
  for (std::size_t i = 1; i < missing.size(); ++i) why += " and no " + missing[i];
  return why + " supplied";
}

std::string describe_needs(const RuleNeeds& needs) {
  std::vector<std::string> parts = parts_of(needs.all, ", ");
  for (std::string& part : parts_of(needs.any, " or ")) parts.push_back(std::move(part));
  if (parts.empty()) return "-";
  std::string s = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) s += "; " + parts[i];
  return s;
}

}  // namespace recon
