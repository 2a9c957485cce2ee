#include "core/challenge.hpp"

#include <tuple>

namespace recon {

// Every written field takes part (the later ones almost never decide), so the order is total on what is
// written: a parallel sort, which may swap equal elements, still gives byte-identical files.
bool challenge_order(const Challenge& a, const Challenge& b) {
  return std::tie(a.pos, a.dataset, a.rule, a.procode, a.record_id, a.evidence, a.reason, a.challenged,
                  a.charged, a.severity, a.gpprac, a.nhs, a.activity_date) <
         std::tie(b.pos, b.dataset, b.rule, b.procode, b.record_id, b.evidence, b.reason, b.challenged,
                  b.charged, b.severity, b.gpprac, b.nhs, b.activity_date);
}

}  // namespace recon
