#include "recon/engine/data_quality.hpp"

#include <iterator>

#include "parsers/schema.hpp"

namespace recon {
namespace {

// Item lists (docs/data_quality.md). PROCODE3 and the record id are not items: a row without them is
// rejected, and they are the keys the measures are reported by. The activity date is an item although it is
// always present in an accepted row (a row without it is rejected too), because it has a validity test.
constexpr std::string_view kApcItems[] = {"NHSNUMBER", "DOB",      "SEX",     "GPPRAC",
                                          "ADMIDATE",  "DISDATE",  "SUBDATE", "ADMIMETH",
                                          "CLASSPAT",  "TRETSPEF", "SUSHRG",  "DIAG_01"};
constexpr std::string_view kOpItems[] = {"NHSNUMBER", "DOB",      "SEX",      "GPPRAC",   "APPTDATE",
                                         "SUBDATE",   "ATTENDED", "FIRSTATT", "REFSOURC", "TRETSPEF"};
constexpr std::string_view kAeItems[] = {"NHSNUMBER", "DOB",         "SEX",          "GPPRAC", "ARRIVALDATE",
                                         "SUBDATE",   "AEATTENDCAT", "AEATTENDDISP", "SUSHRG"};
static_assert(std::size(kApcItems) <= kMaxDataQualityItems && std::size(kOpItems) <= kMaxDataQualityItems &&
              std::size(kAeItems) <= kMaxDataQualityItems);

}  // namespace

std::span<const std::string_view> data_quality_items(Dataset dataset) {
  switch (dataset) {
    case Dataset::kApc:
      return kApcItems;
    case Dataset::kOp:
      return kOpItems;
    case Dataset::kAe:
      return kAeItems;
  }
  return {};
}

void DataQualityCounts::merge(const DataQualityCounts& o) {
  records += o.records;
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].present += o.items[i].present;
    items[i].checked += o.items[i].checked;
    items[i].valid += o.items[i].valid;
  }
  coverage_checked += o.coverage_checked;
  coverage_matched += o.coverage_matched;
  for (std::size_t f = 0; f < blanked_by_field.size(); ++f) blanked_by_field[f] += o.blanked_by_field[f];
  fields_blanked += o.fields_blanked;
}

void DataQualityTable::merge(const DataQualityTable& other) {
  for (const auto& [key, counts] : other.counts_) counts_[key].merge(counts);
}

DataQualityScores data_quality_scores(Dataset dataset, const DataQualityCounts& c) {
  DataQualityScores s;
  const std::span<const std::string_view> items = data_quality_items(dataset);
  if (c.records == 0 || items.empty()) return s;
  const double records = static_cast<double>(c.records);
  std::uint64_t present = 0, checked = 0, valid = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const DataQualityItemCounts& item = c.items[i];
    present += item.present;
    checked += item.checked;
    valid += item.valid;
    // An item's own score: the share of records in which it is present and (where tested) valid. The first
    // lowest wins ties, so the choice is fixed.
    const double item_score = static_cast<double>(item.checked ? item.valid : item.present) / records;
    if (item_score < s.weakest_score) {
      s.weakest_score = item_score;
      s.weakest = std::string(items[i]);
    }
  }
  s.completeness = static_cast<double>(present) / (records * static_cast<double>(items.size()));
  if (checked) s.validity = static_cast<double>(valid) / static_cast<double>(checked);
  if (c.coverage_checked)
    s.coverage = static_cast<double>(c.coverage_matched) / static_cast<double>(c.coverage_checked);
  double sum = s.completeness;
  int n = 1;
  for (const auto& m : {s.validity, s.coverage})
    if (m) {
      sum += *m;
      ++n;
    }
  s.score = sum / n;
  return s;
}

std::string blanked_fields_text(Dataset dataset, const DataQualityCounts& c) {
  const Schema& schema = dataset == Dataset::kApc  ? apc_schema()
                         : dataset == Dataset::kOp ? op_schema()
                                                   : ae_schema();
  std::string text;
  for (std::size_t f = 0; f < schema.fields.size() && f < c.blanked_by_field.size(); ++f) {
    if (!c.blanked_by_field[f]) continue;
    if (!text.empty()) text += ';';
    text += schema.fields[f].name + '=' + std::to_string(c.blanked_by_field[f]);
  }
  return text;
}

}  // namespace recon
