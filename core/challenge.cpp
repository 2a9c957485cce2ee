#include "core/challenge.hpp"

#include <tuple>

namespace recon {

bool challenge_order(const Challenge& a, const Challenge& b) {
  return std::tie(a.pos, a.dataset, a.rule, a.procode, a.record_id, a.evidence) <
         std::tie(b.pos, b.dataset, b.rule, b.procode, b.record_id, b.evidence);
}

}  // namespace recon
