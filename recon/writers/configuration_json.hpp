#pragma once
// run_summary.json's "configuration" member (a compatible extension, present only when a --config file was
// given): the file as given and every rule's settings in force, each with where it came from, so that a
// challenge can be traced to the rule text it was judged by.
#include <string>

#include "recon/engine/run_result.hpp"

namespace recon {

// `,\n  "configuration": {...}` (indented as run_summary.json), or "" without a --config file.
std::string configuration_json_member(const RunResult& result);

}  // namespace recon
