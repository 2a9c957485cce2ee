#pragma once
// The rule catalogue. Rules register themselves at static-initialisation time (rules/ is an OBJECT library,
// so every rule's registrar is linked in); lists come back sorted by id so the run order is deterministic.
#include <memory>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace recon {

class RuleRegistry {
 public:
  static RuleRegistry& instance();
  void add(std::unique_ptr<Rule> rule);
  std::vector<const Rule*> all() const;
  std::vector<const RowRule*> row_rules() const;
  std::vector<const PatientRule*> patient_rules() const;
  std::vector<const AggregateRule*> aggregate_rules() const;
  const Rule* find(std::string_view id) const;

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
};

template <class R>
struct RuleRegistrar {
  RuleRegistrar() { RuleRegistry::instance().add(std::make_unique<R>()); }
};

}  // namespace recon

#define RECON_REGISTER_RULE(RuleClass) \
  static const ::recon::RuleRegistrar<RuleClass> recon_registrar_##RuleClass{};
