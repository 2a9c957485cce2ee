#include "recon/engine/input_checks.hpp"

#include <filesystem>

#include "parsers/fatal_error.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace fs = std::filesystem;

std::vector<std::string> all_input_paths(const RunConfig& c) {
  std::vector<std::string> paths;
  for (const auto* list : {&c.apc, &c.op, &c.ae, &c.previous_apc, &c.invoice})
    paths.insert(paths.end(), list->begin(), list->end());
  for (const std::string* p : {&c.register_file, &c.referrals_file, &c.conditions_file, &c.column_map})
    if (!p->empty()) paths.push_back(*p);
  return paths;
}

void check_inputs(const RunConfig& c) {
  if (c.out_dir.empty()) throw FatalError("no output directory: use --out DIR");
  if (c.apc.empty() && c.op.empty() && c.ae.empty())
    throw FatalError("no activity file given: use --apc, --op and/or --ae");
  for (const std::string& p : all_input_paths(c)) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) throw FatalError("input file " + p + " does not exist or is not a file");
  }
  if (!c.reference_dir.empty() && !fs::is_directory(c.reference_dir))
    throw FatalError("reference directory " + c.reference_dir + " does not exist");
  for (const std::string& id : c.disabled_rules)
    if (!RuleRegistry::instance().find(id))
      throw FatalError("--disable: there is no rule " + id + " (see recon rules)");
}

std::uint64_t total_input_bytes(const RunConfig& c) {
  std::uint64_t n = 0;
  for (const std::string& p : all_input_paths(c)) {
    std::error_code ec;
    n += fs::file_size(p, ec);
  }
  return n;
}

}  // namespace recon
