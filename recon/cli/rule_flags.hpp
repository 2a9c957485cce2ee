#pragma once
// The command line's side of the rule settings, shared by `recon run` and `recon rules`: each rule option's
// flag (from the registered RuleOptions) and how a --config file and the flags combine: the file first,
// then every flag given on the command line over it (run-wide and for every provider).
#include <boost/program_options.hpp>
#include <string>

#include "recon/engine/run_config.hpp"

namespace recon {

// "Rule options": --enable and --severity, and one --NAME flag per registered option, its default shown.
boost::program_options::options_description rule_option_flags();

// Reads `config_file` (if not empty) into c.rule_settings and c.rule_options, then sets each rule option
// given on the command line (a flag overrides the file, for every provider too). Empty on success, else one
// line saying what is wrong (a config error names file, line and key).
std::string apply_rule_settings(const boost::program_options::variables_map& vm,
                                const std::string& config_file, RunConfig& c);

}  // namespace recon
