#pragma once
// resolved.csv (with --history, docs/history.md): the challenges the previous run recorded in the history
// raised that this run does not, for the providers this run has activity of: the record was corrected (its
// challenge's facts changed, so its fingerprint did) or withdrawn. One row each, STATUS RESOLVED, with what
// the previous run's challenges.csv said of it and the provider's latest answer, if any:
//   FINGERPRINT, STATUS, RULE, SEVERITY, PROCODE3, GPPRAC, DATASET, RECORD_ID, NHSNUMBER, ACTIVITY_DATE,
//   CHARGED, CHALLENGED, LAST_RUN_ID, LAST_CHALLENGE_ID, FIRST_RUN_ID, RESPONSE, COMMENT
// It names records and NHS numbers, like challenges.csv: a file for the commissioner and the provider.
#include <string>
#include <vector>

#include "recon/writers/challenge_history.hpp"

namespace recon {

// Atomically; `resolved` in the previous run's list order.
void write_resolved_csv(const std::vector<PreviousChallenge>& resolved, const ChallengeHistory& history,
                        const std::string& path);

}  // namespace recon
