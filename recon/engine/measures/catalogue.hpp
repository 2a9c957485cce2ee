#pragma once
// The measures the row stage runs, in the order they finish. A plain list rather than self-registration as
// the rules do (rules/registry.hpp): the engine is a static library, from which the linker would drop a
// measure's registrar that nothing references; and each measure's result is a member of RunResult with a
// writer of its own, so adding a measure touches those files anyway.
#include <vector>

#include "recon/engine/measures/measure.hpp"

namespace recon {

std::vector<const Measure*> row_measures();

}  // namespace recon
