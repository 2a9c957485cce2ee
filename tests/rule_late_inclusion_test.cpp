// LATE_INCLUSION golden tests. Test calendar: 2025-04 inclusion 2025-05-21, reconciliation 2025-06-05.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

TEST(LateInclusion, ReportsSubmissionsBetweenInclusionAndReconciliation) {
  const std::string n1 = valid_nhs(1), n2 = valid_nhs(2);
  RuleInputs in;
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,SUBDATE,PRICE\n"
      // Discharged in April, submitted the day after April's inclusion date.
      "S1,RXH," +
      n1 +
      ",A81001,2025-03-30,2025-04-02,21,EB03C,2025-05-22,3000.00\n"
      // Near-misses: on the inclusion date; after the reconciliation date (LATE_SUBMISSION's); no SUBDATE.
      "S2,RXH," +
      n1 +
      ",A81001,2025-04-10,2025-04-12,21,EB03C,2025-05-21,3000.00\n"
      "S3,RXH," +
      n1 +
      ",A81001,2025-04-10,2025-04-12,21,EB03C,2025-06-06,3000.00\n"
      "S4,RXH," +
      n1 + ",A81001,2025-04-10,2025-04-12,21,EB03C,,3000.00\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,SUBDATE,PRICE\n"
      // On the reconciliation date itself: still only late for inclusion.
      "O1,RXH," +
      n2 + ",A81001,2025-04-15,1,100,2025-06-05,150.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,SUBDATE,PRICE\n"
      "A1,RXH," +
      n2 +
      ",A81001,2025-04-30,VB11Z,2025-05-30,120.00\n"
      // Near-miss: a May arrival is under May's inclusion date (2025-06-21).
      "A2,RXH," +
      n2 + ",A81001,2025-05-01,VB11Z,2025-05-30,120.00\n";

  const std::vector<std::string> expected = {
      "LATE_INCLUSION,LOW,RXH,A81001,apc,S1," + n1 +
          ",2025-03-30,3000.00,0.00,\"Submitted to SUS on 2025-05-22, 1 day after the inclusion (flex) date "
          "2025-05-21 of activity month 2025-04 (the month of discharge) but by its reconciliation date "
          "2025-06-05: payable, reported for information as a late submission.\",activity_month=2025-04; "
          "month_from=DISDATE; inclusion_date=2025-05-21; reconciliation_date=2025-06-05; "
          "subdate=2025-05-22; "
          "days_after_inclusion=1",
      "LATE_INCLUSION,LOW,RXH,A81001,op,O1," + n2 +
          ",2025-04-15,150.00,0.00,\"Submitted to SUS on 2025-06-05, 15 days after the inclusion (flex) date "
          "2025-05-21 of activity month 2025-04 (the month of the appointment) but by its reconciliation "
          "date "
          "2025-06-05: payable, reported for information as a late submission.\",activity_month=2025-04; "
          "month_from=APPTDATE; inclusion_date=2025-05-21; reconciliation_date=2025-06-05; "
          "subdate=2025-06-05; "
          "days_after_inclusion=15",
      "LATE_INCLUSION,LOW,RXH,A81001,ae,A1," + n2 +
          ",2025-04-30,120.00,0.00,\"Submitted to SUS on 2025-05-30, 9 days after the inclusion (flex) date "
          "2025-05-21 of activity month 2025-04 (the month of arrival) but by its reconciliation date "
          "2025-06-05: payable, reported for information as a late submission.\",activity_month=2025-04; "
          "month_from=ARRIVALDATE; inclusion_date=2025-05-21; reconciliation_date=2025-06-05; "
          "subdate=2025-05-30; days_after_inclusion=9",
  };
  EXPECT_EQ(run_rule("LATE_INCLUSION", in), expected);
}

TEST(LateInclusion, QuietOnTimelySubmissions) {
  RuleInputs in;
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,SUBDATE,PRICE\n"
      "O1,RXH," +
      valid_nhs(1) + ",A81001,2025-04-15,1,100,2025-05-02,150.00\n";
  EXPECT_TRUE(run_rule("LATE_INCLUSION", in).empty());
}

TEST(LateInclusion, DoesNotRunWithoutACalendar) {
  EXPECT_EQ(testing::why_rule_does_not_run("LATE_INCLUSION"),
            "no calendar reference table (SUS inclusion and reconciliation dates) supplied");
}

}  // namespace
}  // namespace recon
