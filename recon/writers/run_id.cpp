#include "recon/writers/run_id.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>

namespace recon {

std::string run_key_of(const RunResult& result, const RunConfig& config) {
  const RuleOptions& options = result.options;
  std::string key = std::string("recon ") + kReconVersion + '\n';
  for (const FileCounts& c : result.counts)  // in the order read
    key += c.dataset + ' ' + std::to_string(c.rows) + ' ' + std::to_string(c.accepted) + ' ' +
           std::to_string(c.rejected) + '\n';
  key += "as of " + std::to_string(options.as_of) + ", readmit " +
         std::to_string(options.readmit_window_days) + ", opfirst " + std::to_string(options.opfirst_months) +
         ", referral " + std::to_string(options.referral_window_days) + '\n';
  std::vector<std::string> disabled = config.disabled_rules;
  std::sort(disabled.begin(), disabled.end());
  for (const std::string& id : disabled) key += "disabled " + id + '\n';
  return key;
}

std::string run_id_of(const std::string& run_key, std::uint64_t challenges_csv_hash) {
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(challenges_csv_hash));
  const std::string text = run_key + "challenges.csv " + digest + '\n';
  char id[17];
  std::snprintf(id, sizeof id, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
  return id;
}

}  // namespace recon
