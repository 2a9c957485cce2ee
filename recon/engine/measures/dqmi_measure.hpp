#pragma once
// The DQMI-style data-quality measure (docs/data_quality.md): for each provider x dataset, how many of the
// mandatory items each record has populated (completeness), how many of those values pass their check
// (validity), and how many records name a patient on the practice register (coverage). Its result is
// RunResult::data_quality (recon/engine/data_quality.hpp), which data_quality.csv and report.html are written
// from.
//
// One measure rather than three: completeness and validity are two counts of the same item values, coverage
// is counted for the same records, and the DQ score and the weakest item combine them per provider x dataset;
// three measures would each keep that table (and its look-up per row) for the writers to join back.
#include "recon/engine/measures/measure.hpp"

namespace recon {

class DqmiMeasure final : public Measure {
 public:
  std::string_view name() const override { return "DQMI"; }
  std::unique_ptr<MeasureState> new_state() const override;
  void add(MeasureState& state, const ApcRow& row, const RuleContext& ctx) const override;
  void add(MeasureState& state, const OpRow& row, const RuleContext& ctx) const override;
  void add(MeasureState& state, const AeRow& row, const RuleContext& ctx) const override;
  void merge(MeasureState& into, const MeasureState& from) const override;
  void finish(MeasureState& run, RunResult& result) const override;  // moves the table into data_quality
};

}  // namespace recon
