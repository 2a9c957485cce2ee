#pragma once
// Golden-test harness for rules: hand-made input rows in, exact challenge rows out.
// It runs the real pipeline (recon::run_recon) on small files written to a temporary directory, with only the
// rule under test enabled, and returns the rows of challenges.csv without the CHALLENGE_ID column, e.g.
//   "DUP,HIGH,RXH,A81001,apc,S2,9434765919,2025-04-01,1000.00,1000.00,<reason>,<evidence>"
// Reference tables default to tests/data/reference (a small hand-made set); a test may override any table.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace recon::testing {

struct RuleInputs {
  std::string apc, op, ae;                       // CSV text including the header row; empty = not supplied
  std::string register_, referrals, conditions;  // CSV text; empty = not supplied
  std::string invoice;                           // CSV text of an --invoice file (invoice.csv); empty = none
  std::map<std::string, std::string> reference;  // table name -> CSV text, replacing the default table
  RuleOptions options;                           // as_of defaults to 2026-01-01 here
  int threads = 2;
};

// Challenge rows for `rule_id` (other rules disabled), in canonical order, CHALLENGE_ID removed.
std::vector<std::string> run_rule(const std::string& rule_id, const RuleInputs& inputs);

// Why `rule_id` declines to run when nothing is supplied (an empty reference, no practice records); nullopt
// if it would run. Fails the test if the rule is not registered.
std::optional<std::string> why_rule_does_not_run(const std::string& rule_id);

// A valid (Modulus 11) NHS number derived from `seed`, for hand-made rows.
std::string valid_nhs(int seed);

}  // namespace recon::testing
