#include "recon/writers/data_quality_csv.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "recon/writers/atomic_file.hpp"
#include "recon/writers/text_escape.hpp"

namespace recon {
namespace {

std::string percent(std::optional<double> share) {
  if (!share) return {};
  char buf[32];
  // Rounded down, so that 100.00 means complete (99.996 is not); the epsilon keeps 0.95 at 95.00.
  std::snprintf(buf, sizeof buf, "%.2f", std::floor(*share * 10000.0 + 1e-7) / 100.0);
  return buf;
}

}  // namespace

void write_data_quality_csv(const DataQualityTable& quality, const std::string& path) {
  AtomicFile f(path);
  f << "PROCODE3,DATASET,RECORDS,COMPLETENESS,VALIDITY,COVERAGE,DQ_SCORE,FIELDS_BLANKED,BLANKED_FIELDS\n";
  for (const auto& [key, counts] : quality.counts()) {
    const DataQualityScores s = data_quality_scores(key.dataset, counts);
    f << csv_field(key.procode.str()) + ',' + std::string(dataset_name(key.dataset)) + ',' +
             std::to_string(counts.records) + ',' + percent(s.completeness) + ',' + percent(s.validity) +
             ',' + percent(s.coverage) + ',' + percent(s.score) + ',' +
             std::to_string(counts.fields_blanked) + ',' +
             csv_field(blanked_fields_text(key.dataset, counts)) + '\n';
  }
  f.commit();
}

}  // namespace recon
