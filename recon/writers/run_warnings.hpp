#pragma once
// Warnings about a run that finished but whose inputs look wrong for each other: said on stderr after the
// summary, as "recon: warning: ...". No patient data: counts only.
#include <string>
#include <vector>

#include "recon/engine/run_result.hpp"

namespace recon {

// Below this share of the activity records found on the supplied register, the register is probably not the
// one the activity belongs to (another practice or area), or the activity's patient ids are pseudonyms: the
// practice-record rules would then challenge nearly every record.
inline constexpr double kFewOnRegister = 0.10;

std::vector<std::string> run_warnings(const RunResult& result);

}  // namespace recon
