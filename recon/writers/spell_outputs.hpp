#pragma once
// What episode-level APC files became (recon/engine/spell_stage.hpp), for the user: open_spells.csv lists
// the spells not finished yet (not checked: not billable until the patient is discharged), and
// run_summary.json gains a "spells" member per episode-level file. Both appear only for a run that read
// episodes, so a spell-level run's output set is as it always was.
#include <string>

#include "recon/engine/run_result.hpp"

namespace recon {

// True when any APC file held episodes; then open_spells.csv is written (header only when none is open).
bool run_read_episodes(const RunResult& r);

// FILE,LINE,DATASET,RECORD_ID,PROCODE3,ADMIDATE,EPISODES,REASON: no patient identifier.
void write_open_spells_csv(const RunResult& r, const std::string& path);

// ",\n  \"spells\": [...]" for run_summary.json, or "" when no file held episodes.
std::string spells_json_member(const RunResult& r);

}  // namespace recon
