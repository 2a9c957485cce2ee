#pragma once
// The earlier runs of a challenge history, read before this run's outputs are written: every fingerprint
// raised before, the providers' latest answers, the previous run's challenges (for resolved.csv) and the
// latest runs' figures per provider (the report's month-on-month view). One read transaction, so a run or
// import committing meanwhile is seen whole or not at all; nothing is written.
#include <filesystem>

#include "recon/writers/challenge_history.hpp"

namespace recon::history {

// A file that does not exist yet reads as a history with no runs. Throws FatalError naming the file.
ChallengeHistory read_history(const std::filesystem::path& path);

}  // namespace recon::history
