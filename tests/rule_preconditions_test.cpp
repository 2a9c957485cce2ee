// What each rule needs before it runs, or before it can judge a record: checks on the rule objects
// themselves, with no input files. The rules' golden rows are in tests/rules/<RULE>.test
// (golden_rules_test.cpp).
#include <gtest/gtest.h>

#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::why_rule_does_not_run;

TEST(RulePreconditions, AfterDeathDoesNotRunWithoutARegister) {
  EXPECT_EQ(why_rule_does_not_run("AFTER_DEATH"), "no practice register supplied");
}

}  // namespace
}  // namespace recon
