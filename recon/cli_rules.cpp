#include <iostream>

#include "recon/cli.hpp"
#include "rules/registry.hpp"

namespace recon {

int rules_command(int, const char* const*) {
  for (const Rule* r : RuleRegistry::instance().all()) {
    const RuleInfo& i = r->info();
    std::cout << i.id << "  [" << severity_name(i.severity) << "]  " << i.title
              << "\n    why: " << i.rationale << "\n    amount at risk: " << i.pricing << "\n";
  }
  return 0;
}

}  // namespace recon
