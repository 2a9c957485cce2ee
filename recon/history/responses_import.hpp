#pragma once
// `recon responses import PACK --history FILE` (docs/history.md): the provider's answers in a challenge pack
// (packs/<CODE>.csv or .xlsx of a run made with --history) stored in the history, so that the next run
// marks those challenges ANSWERED and the report counts what was accepted and disputed.
//
// A row is matched to its challenge by FINGERPRINT, and CHALLENGE_ID must be that fingerprint's id in the
// pack's run (the run id on the workbook's Summary sheet; for a CSV, the recorded run whose CHALLENGE_ID and
// FINGERPRINT agree with its rows): a pack of another history, of a run never recorded, or with rows of two
// runs' packs mixed is refused. RESPONSE is ACCEPTED, DISPUTED or QUERY (any case, spaces around ignored),
// or empty: not answered (a COMMENT alone is not stored: a warning). Any error (file and row named) stops
// the import with nothing stored; otherwise every answer is stored in one transaction, replacing the
// challenge's earlier answer, and the import itself is logged (file, size, XXH64, counts).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace recon::history {

struct ImportSummary {
  std::string run_id;  // the pack's run
  std::uint64_t rows = 0, answered = 0, changed = 0, not_answered = 0;
  std::uint64_t accepted = 0, disputed = 0, queried = 0;
  std::vector<std::string> warnings;  // "FILE row N: ..." (no patient data)
};

// Throws FatalError naming the file (and the rows) when the pack cannot be imported; nothing is stored then.
ImportSummary import_responses(const std::filesystem::path& pack, const std::filesystem::path& history);

}  // namespace recon::history
