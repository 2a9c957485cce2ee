#pragma once
// Data-quality results per provider and dataset (docs/data_quality.md): the counts behind completeness,
// validity and coverage, the three dimensions NHS Digital's Data Quality Maturity Index (DQMI) scores,
// computed with our own item list and checks (this is not the official DQMI), and the scores worked out from
// them for the writers.
//
// The counting is the DQMI measure (measures/dqmi_measure.hpp), run by the row stage without a second pass:
// each chunk fills its own DataQualityTable (plain integer counts), and the chunks are merged in file order.
// Integer counts make the result identical whatever the thread count; std::map keys make the output order
// fixed.
#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/code.hpp"
#include "core/dataset.hpp"

namespace recon {

// The mandatory data items of a dataset, in a fixed order (the item index of DataQualityCounts::items).
std::span<const std::string_view> data_quality_items(Dataset dataset);
inline constexpr std::size_t kMaxDataQualityItems = 12;

struct DataQualityItemCounts {
  std::uint64_t present = 0;  // records in which the item is populated
  std::uint64_t checked = 0;  // populated values a validity test was applied to (its reference table given)
  std::uint64_t valid = 0;    // of those, valid
};

// One provider x dataset.
struct DataQualityCounts {
  std::uint64_t records = 0;
  std::array<DataQualityItemCounts, kMaxDataQualityItems> items{};
  std::uint64_t coverage_checked = 0;  // records tested against the practice register (only when supplied)
  std::uint64_t coverage_matched = 0;  // of those, a valid NHS number that the register holds
  // Field values that could not be read and were blanked (the row kept; parsers/builders.hpp), by the
  // field's schema id (core/records.hpp BlankedFields), and their total.
  std::array<std::uint64_t, 64> blanked_by_field{};
  std::uint64_t fields_blanked = 0;

  void merge(const DataQualityCounts& other);
};

struct DataQualityKey {
  Code procode;
  Dataset dataset = Dataset::kApc;
  friend auto operator<=>(const DataQualityKey&, const DataQualityKey&) = default;
};

// The counts of every provider x dataset: of one chunk while the row stage runs, of the run once merged
// (RunResult::data_quality).
class DataQualityTable {
 public:
  void merge(const DataQualityTable& other);

  const std::map<DataQualityKey, DataQualityCounts>& counts() const { return counts_; }
  std::map<DataQualityKey, DataQualityCounts>& counts() { return counts_; }

 private:
  std::map<DataQualityKey, DataQualityCounts> counts_;
};

// The measures of one provider x dataset, each a share in [0, 1]; nullopt where nothing could be measured
// (no register supplied: no coverage; no populated value with a validity test: no validity).
struct DataQualityScores {
  double completeness = 0;
  std::optional<double> validity, coverage;
  double score = 0;          // mean of the measures present (the DQ_SCORE column)
  std::string weakest;       // the item with the lowest item score, e.g. "DIAG_01" ("" if all are perfect)
  double weakest_score = 1;  // that item's score: share of records with it present and valid
};
DataQualityScores data_quality_scores(Dataset dataset, const DataQualityCounts& counts);

// The blanked fields of one provider x dataset, "FIELD=count" in schema order joined by ';' (e.g.
// "DOB=2;DISDATE=1"); "" if none. The BLANKED_FIELDS column of data_quality.csv.
std::string blanked_fields_text(Dataset dataset, const DataQualityCounts& counts);

}  // namespace recon
