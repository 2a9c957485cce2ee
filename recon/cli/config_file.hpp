#pragma once
// `recon run --config FILE` and `recon rules --config FILE`: a contract's local rules as a TOML file
// (docs/configuration.md; samples/contract_config.toml is an example). Read with toml++ (Debian's
// libtomlplusplus-dev): a maintained, complete TOML 1.0 parser that keeps the line of every key and value,
// which is what lets an error say where it is.
#include <stdexcept>
#include <string>

#include "recon/engine/rule_settings.hpp"
#include "rules/rule_option.hpp"

namespace recon {

// A config that cannot be used. what() is one line: "FILE:LINE: KEY: what is wrong" (KEY the dotted path of
// the key, e.g. rules.READMIT.readmit-days; a TOML syntax error gives FILE:LINE:COLUMN and no key).
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads `path` into settings (its config_file set to `path`): each rule's enabled and severity, and its
// per-provider settings; the run-wide option values go into `options`, their source into
// settings.option_sources. Unknown keys, unknown rules, wrong types and out-of-range values are errors.
RuleSettings read_config_file(const std::string& path, RuleOptions& options);

}  // namespace recon
