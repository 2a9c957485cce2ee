#pragma once
// report.html's "Rule configuration" section: the --config file and every rule it (or a flag) changes from
// the catalogue, with each setting's value and where it came from, so that a challenge in the report can be
// traced to the rule text in force. Only present when a --config file was given.
#include <string>

#include "recon/engine/run_result.hpp"

namespace recon {

// Appends the section to `h`; nothing without a --config file.
void configuration_section(const RunResult& result, std::string& h);

}  // namespace recon
