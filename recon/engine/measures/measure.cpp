#include "recon/engine/measures/measure.hpp"

namespace recon {

MeasureTotals::MeasureTotals(std::vector<const Measure*> m) : measures(std::move(m)) {
  for (const Measure* measure : measures) states.push_back(measure->new_state());
}

void MeasureTotals::finish(RunResult& result) {
  for (std::size_t i = 0; i < measures.size(); ++i) measures[i]->finish(*states[i], result);
}

}  // namespace recon
