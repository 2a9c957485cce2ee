#include "rules/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace recon {

RuleRegistry& RuleRegistry::instance() {
  static RuleRegistry registry;
  return registry;
}

void RuleRegistry::add(std::unique_ptr<Rule> rule) {
  if (find(rule->info().id)) throw std::logic_error("duplicate rule id " + std::string(rule->info().id));
  rules_.push_back(std::move(rule));
  std::sort(rules_.begin(), rules_.end(),
            [](const auto& a, const auto& b) { return a->info().id < b->info().id; });
}

std::vector<const Rule*> RuleRegistry::all() const {
  std::vector<const Rule*> out;
  for (const auto& r : rules_) out.push_back(r.get());
  return out;
}

std::vector<const RowRule*> RuleRegistry::row_rules() const {
  std::vector<const RowRule*> out;
  for (const auto& r : rules_)
    if (auto* rr = dynamic_cast<const RowRule*>(r.get())) out.push_back(rr);
  return out;
}

std::vector<const PatientRule*> RuleRegistry::patient_rules() const {
  std::vector<const PatientRule*> out;
  for (const auto& r : rules_)
    if (auto* pr = dynamic_cast<const PatientRule*>(r.get())) out.push_back(pr);
  return out;
}

std::vector<const AggregateRule*> RuleRegistry::aggregate_rules() const {
  std::vector<const AggregateRule*> out;
  for (const auto& r : rules_)
    if (auto* ar = dynamic_cast<const AggregateRule*>(r.get())) out.push_back(ar);
  return out;
}

const Rule* RuleRegistry::find(std::string_view id) const {
  for (const auto& r : rules_)
    if (r->info().id == id) return r.get();
  return nullptr;
}

}  // namespace recon
