// The helpers of the golden rule tests: option names, NHS-number placeholders and the line diff.
#include <gtest/gtest.h>

#include "core/day.hpp"
#include "tests/golden_options.hpp"
#include "tests/line_diff.hpp"
#include "tests/patient_placeholders.hpp"

namespace recon {
namespace {

// The value a rule would read for option `name`.
int option_value(const testing::RuleInputs& in, std::string_view name) {
  const RuleOption* option = find_rule_option(name);
  EXPECT_NE(option, nullptr) << name;
  return option ? in.options[*option] : -1;
}

TEST(GoldenOptions, SetsTheRuleOptionsByTheirRunCommandNames) {
  testing::RuleInputs in;
  EXPECT_EQ(testing::set_rule_option(in, "as-of", "2025-06-30"), "");
  EXPECT_EQ(in.options.as_of, make_day(2025, 6, 30));
  EXPECT_EQ(testing::set_rule_option(in, "readmit-days", "7"), "");
  EXPECT_EQ(option_value(in, "readmit-days"), 7);
  EXPECT_EQ(testing::set_rule_option(in, "opfirst-months", "3"), "");
  EXPECT_EQ(option_value(in, "opfirst-months"), 3);
  EXPECT_EQ(testing::set_rule_option(in, "referral-days", "30"), "");
  EXPECT_EQ(option_value(in, "referral-days"), 30);

  EXPECT_NE(testing::set_rule_option(in, "readmit_days", "7"), "");
  EXPECT_NE(testing::set_rule_option(in, "readmit-days", "7x"), "");
  EXPECT_NE(testing::set_rule_option(in, "readmit-days", "-1"), "");
  EXPECT_NE(testing::set_rule_option(in, "as-of", "2025-02-30"), "");
  EXPECT_EQ(option_value(in, "readmit-days"), 7) << "a bad value changes nothing";
}

TEST(PatientPlaceholders, StandForValidNhsNumbersAndWriteBack) {
  const std::string text = "{P1},{P12},{P0},{P},{Px},P1";
  const std::string expanded = testing::with_patients(text);
  EXPECT_EQ(expanded, testing::valid_nhs(1) + "," + testing::valid_nhs(12) + "," + testing::valid_nhs(0) +
                          ",{P},{Px},P1");
  EXPECT_EQ(testing::patients_in(text), (std::set<int>{0, 1, 12}));
  EXPECT_EQ(testing::as_placeholders(expanded, {0, 1, 12}), text);
  EXPECT_EQ(testing::as_placeholders(expanded, {1}),
            "{P1}," + testing::valid_nhs(12) + "," + testing::valid_nhs(0) + ",{P},{Px},P1");
}

TEST(LineDiff, KeepsTheCommonLinesAndMarksTheRest) {
  EXPECT_EQ(golden::format_diff({"a", "b", "c"}, {"a", "c", "d"}), "  a\n- b\n  c\n+ d\n");
  EXPECT_EQ(golden::format_diff({}, {"x"}), "+ x\n");
  EXPECT_EQ(golden::format_diff({"x"}, {}), "- x\n");
  EXPECT_EQ(golden::format_diff({"same"}, {"same"}), "  same\n");
}

}  // namespace
}  // namespace recon
