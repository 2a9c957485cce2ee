#pragma once
// The measure interface. A measure describes the accepted rows of the current period (it challenges nothing):
// counted in the row stage's parallel parse step next to the row rules, with the aggregate rules' shape
// (rules/rule.hpp AggregateRule): a state per chunk, merged in file order, finished once into the RunResult
// that the writers read. The row stage runs every measure of measures/catalogue.hpp.
#include <memory>
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "recon/engine/run_result.hpp"
#include "rules/rule.hpp"

namespace recon {

// A measure's counters for one chunk (and, merged, for the run).
struct MeasureState {
  virtual ~MeasureState() = default;
};

class Measure {
 public:
  virtual ~Measure() = default;
  virtual std::string_view name() const = 0;  // e.g. "DQMI"
  virtual std::unique_ptr<MeasureState> new_state() const = 0;
  // Parallel step: one state per chunk, no sharing. Called for every accepted row of the current period (not
  // for --previous-apc rows), so an add must not allocate once its state has seen the row's key.
  virtual void add(MeasureState& state, const ApcRow& row, const RuleContext& ctx) const = 0;
  virtual void add(MeasureState& state, const OpRow& row, const RuleContext& ctx) const = 0;
  virtual void add(MeasureState& state, const AeRow& row, const RuleContext& ctx) const = 0;
  virtual void merge(MeasureState& into, const MeasureState& from) const = 0;  // serial, in file order
  // Once, after the row stage, with the run's merged state (which it may empty): the result into `result`.
  virtual void finish(MeasureState& run, RunResult& result) const = 0;
};

// The run's state of every measure, in the order of `measures`.
struct MeasureTotals {
  std::vector<const Measure*> measures;
  std::vector<std::unique_ptr<MeasureState>> states;
  explicit MeasureTotals(std::vector<const Measure*> m);
  void finish(RunResult& result);  // each measure's finish(), in order
};

}  // namespace recon
