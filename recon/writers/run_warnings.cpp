#include "recon/writers/run_warnings.hpp"

#include <cstdint>
#include <cstdio>

#include "recon/writers/report_text.hpp"

namespace recon {
namespace {

// "12 of 40,210 activity records have an NHS number on the supplied register (0.03%): ..."
void warn_if_few_on_register(const RunResult& r, std::vector<std::string>& out) {
  std::uint64_t checked = 0, matched = 0;
  for (const auto& [key, counts] : r.data_quality.counts()) {
    checked += counts.coverage_checked;
    matched += counts.coverage_matched;
  }
  if (checked == 0 || static_cast<double>(matched) >= kFewOnRegister * static_cast<double>(checked)) return;
  char share[32];
  std::snprintf(share, sizeof share, "%.2f%%",
                100.0 * static_cast<double>(matched) / static_cast<double>(checked));
  out.push_back(
      format_count(matched) + " of " + format_count(checked) +
      " activity records have an NHS number on the supplied register (" + share +
      "): is it the right register, and are the activity's patient ids NHS numbers (not pseudonyms)?");
}

}  // namespace

std::vector<std::string> run_warnings(const RunResult& result) {
  std::vector<std::string> warnings;
  warn_if_few_on_register(result, warnings);
  return warnings;
}

}  // namespace recon
