// What each rule needs before it runs, or before it can judge a record: checks on the rule objects
// themselves, with no input files. The rules' golden rows are in tests/rules/<RULE>.test
// (golden_rules_test.cpp).
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::why_rule_does_not_run;

TEST(RulePreconditions, AfterDeathDoesNotRunWithoutARegister) {
  EXPECT_EQ(why_rule_does_not_run("AFTER_DEATH"), "no practice register supplied");
}

TEST(RulePreconditions, DemographicsDoesNotRunWithoutARegister) {
  EXPECT_EQ(why_rule_does_not_run("DEMOGRAPHICS"), "no practice register supplied");
}

TEST(RulePreconditions, NotRegisteredDoesNotRunWithoutARegister) {
  EXPECT_EQ(why_rule_does_not_run("NOT_REGISTERED"), "no practice register supplied");
}

TEST(RulePreconditions, NoReferralDoesNotRunWithoutAReferralLog) {
  EXPECT_EQ(why_rule_does_not_run("NO_REFERRAL"), "no practice referral log supplied");
}

TEST(RulePreconditions, LateInclusionDoesNotRunWithoutACalendar) {
  EXPECT_EQ(why_rule_does_not_run("LATE_INCLUSION"),
            "no calendar reference table (SUS inclusion and post-reconciliation inclusion dates) supplied");
}

TEST(RulePreconditions, LateSubmissionDoesNotRunWithoutACalendar) {
  EXPECT_EQ(why_rule_does_not_run("LATE_SUBMISSION"),
            "no calendar reference table (SUS inclusion and post-reconciliation inclusion dates) supplied");
}

TEST(RulePreconditions, InvoiceRulesDoNotRunWithoutAnInvoice) {
  EXPECT_EQ(why_rule_does_not_run("INVOICE_NO_ACTIVITY"), "no invoice (--invoice) supplied");
  EXPECT_EQ(why_rule_does_not_run("INVOICE_PRICE"),
            "no invoice (--invoice) and no tariff_apc or tariff_op or tariff_ae reference table supplied");
}

// INVOICE_PRICE judges a line against the tariff: with an invoice and no tariff it still does not run.
TEST(RulePreconditions, InvoicePriceNeedsATariff) {
  const Rule* rule = RuleRegistry::instance().find("INVOICE_PRICE");
  ASSERT_NE(rule, nullptr);
  Reference ref;
  const PracticeData practice;
  const RuleOptions options;
  std::string why_not;
  EXPECT_FALSE(rule->can_run(RuleContext{ref, practice, options, nullptr, true}, why_not));
  EXPECT_EQ(why_not, "no tariff_apc or tariff_op or tariff_ae reference table supplied");
  ref.has_tariff_op = true;
  EXPECT_TRUE(rule->can_run(RuleContext{ref, practice, options, nullptr, true}, why_not));
}

// Each code list is only used when supplied; with neither the rule does not run at all.
TEST(RulePreconditions, CodeInvalidChecksOnlyTheCodeSystemsWhoseListWasSupplied) {
  const auto* rule = dynamic_cast<const RowRule*>(RuleRegistry::instance().find("CODE_INVALID"));
  ASSERT_NE(rule, nullptr);
  Reference ref;
  PracticeData practice;
  RuleOptions options;
  const RuleContext ctx{ref, practice, options};
  std::string why_not;
  EXPECT_FALSE(rule->can_run(ctx, why_not));
  EXPECT_EQ(why_not, "no icd10 or opcs4 reference table supplied");

  ApcRow row;
  row.id = "S1";
  row.diag[0] = Code::of("Q999");
  row.n_diag = 1;
  row.opertn[0] = Code::of("Z9");
  row.n_opertn = 1;
  Activity priced;
  priced.charged = 100000;

  ref.has_icd10 = true;  // an empty ICD-10 list: only the diagnosis is judged
  ChallengeSink out;
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "DIAG_01=Q999");

  ref.has_icd10 = false;
  ref.has_opcs4 = true;  // an empty OPCS-4 list: only the procedure is judged
  out.clear();
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "OPERTN_01=Z9");
}

// Without the icd10 table only the missing primary can be judged.
TEST(RulePreconditions, PrimaryInvalidWithoutTheIcd10ListOnlyAMissingPrimaryFires) {
  const auto* rule = dynamic_cast<const RowRule*>(RuleRegistry::instance().find("PRIMARY_INVALID"));
  ASSERT_NE(rule, nullptr);
  Reference ref;
  ref.icd10[Code::of("B962")] = Icd10Info{0, -1, -1, false, {}};  // present but not supplied as a table
  PracticeData practice;
  RuleOptions options;
  const RuleContext ctx{ref, practice, options};
  ApcRow row;
  row.id = "S1";
  row.diag[0] = Code::of("B962");
  row.n_diag = 1;
  Activity priced;
  ChallengeSink out;
  rule->check_apc(row, priced, ctx, out);
  EXPECT_TRUE(out.empty());
  row.diag[0] = Code{};
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "DIAG_01=empty");
}

}  // namespace
}  // namespace recon
