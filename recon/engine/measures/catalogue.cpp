#include "recon/engine/measures/catalogue.hpp"

#include "recon/engine/measures/dqmi_measure.hpp"

namespace recon {

std::vector<const Measure*> row_measures() {
  static const DqmiMeasure dqmi;
  return {&dqmi};
}

}  // namespace recon
