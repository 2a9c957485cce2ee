// LATE_SUBMISSION golden tests. Test calendar: 2025-04 inclusion 2025-05-21, reconciliation 2025-06-05;
// 2025-03 reconciliation 2025-05-06; 2025-05 reconciliation 2025-07-06; 2025-06 reconciliation 2025-08-05.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

TEST(LateSubmission, FlagsRecordsSubmittedAfterTheFreezeOfTheirActivityMonth) {
  const std::string n1 = valid_nhs(1), n2 = valid_nhs(2), n3 = valid_nhs(3);
  RuleInputs in;
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,SUBDATE,PRICE\n"
      // Discharged in April: April's freeze (2025-06-05) applies, one day late.
      "S1,RXH," +
      n1 +
      ",A81001,2025-03-30,2025-04-02,21,EB03C,2025-06-06,3000.00\n"
      // Near-miss: submitted on the reconciliation date itself.
      "S2,RXH," +
      n1 +
      ",A81001,2025-03-30,2025-04-02,21,EB03C,2025-06-05,3000.00\n"
      // Near-miss: late for the admission month (March freeze 2025-05-06) but in time for the discharge
      // month.
      "S3,RXH," +
      n2 +
      ",A81001,2025-03-30,2025-04-02,21,EB03C,2025-05-20,3000.00\n"
      // No discharge date: placed by its admission month.
      "S4,RXH," +
      n2 +
      ",A81001,2025-04-10,,11,EB03C,2025-07-10,2000.00\n"
      // Near-misses: no SUBDATE; activity month not in the calendar.
      "S5,RXH," +
      n3 +
      ",A81001,2025-04-10,2025-04-12,11,EB03C,,2000.00\n"
      "S6,RXH," +
      n3 + ",A81001,2024-11-01,2024-11-03,11,EB03C,2025-12-01,2000.00\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,SUBDATE,PRICE\n"
      "O1,RXH," +
      n1 +
      ",A81001,2025-04-15,1,100,2025-06-20,150.00\n"
      "O2,RXH," +
      n1 + ",A81001,2025-04-30,2,100,2025-06-05,90.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,SUBDATE,PRICE\n"
      // Last day of May: May's freeze 2025-07-06.
      "A1,RXH," +
      n2 +
      ",A81001,2025-05-31,VB11Z,2025-07-07,120.00\n"
      // Near-miss: first day of June is under June's freeze 2025-08-05.
      "A2,RXH," +
      n2 + ",A81001,2025-06-01,VB11Z,2025-07-07,120.00\n";

  const std::vector<std::string> expected = {
      "LATE_SUBMISSION,HIGH,RXH,A81001,apc,S1," + n1 +
          ",2025-03-30,3000.00,3000.00,\"Submitted to SUS on 2025-06-06, 1 day after the reconciliation "
          "(freeze) "
          "date 2025-06-05 of activity month 2025-04 (the month of discharge): activity submitted after the "
          "freeze is outside the reconciled position and is not paid from this invoice.\","
          "activity_month=2025-04; month_from=DISDATE; reconciliation_date=2025-06-05; subdate=2025-06-06; "
          "days_late=1",
      "LATE_SUBMISSION,HIGH,RXH,A81001,apc,S4," + n2 +
          ",2025-04-10,2000.00,2000.00,\"Submitted to SUS on 2025-07-10, 35 days after the reconciliation "
          "(freeze) date 2025-06-05 of activity month 2025-04 (the month of admission; no discharge date): "
          "activity submitted after the freeze is outside the reconciled position and is not paid from this "
          "invoice.\",activity_month=2025-04; month_from=ADMIDATE; reconciliation_date=2025-06-05; "
          "subdate=2025-07-10; days_late=35",
      "LATE_SUBMISSION,HIGH,RXH,A81001,op,O1," + n1 +
          ",2025-04-15,150.00,150.00,\"Submitted to SUS on 2025-06-20, 15 days after the reconciliation "
          "(freeze) date 2025-06-05 of activity month 2025-04 (the month of the appointment): activity "
          "submitted after the freeze is outside the reconciled position and is not paid from this "
          "invoice.\","
          "activity_month=2025-04; month_from=APPTDATE; reconciliation_date=2025-06-05; subdate=2025-06-20; "
          "days_late=15",
      "LATE_SUBMISSION,HIGH,RXH,A81001,ae,A1," + n2 +
          ",2025-05-31,120.00,120.00,\"Submitted to SUS on 2025-07-07, 1 day after the reconciliation "
          "(freeze) "
          "date 2025-07-06 of activity month 2025-05 (the month of arrival): activity submitted after the "
          "freeze is outside the reconciled position and is not paid from this invoice.\","
          "activity_month=2025-05; month_from=ARRIVALDATE; reconciliation_date=2025-07-06; "
          "subdate=2025-07-07; "
          "days_late=1",
  };
  EXPECT_EQ(run_rule("LATE_SUBMISSION", in), expected);
}

TEST(LateSubmission, QuietOnTimelySubmissions) {
  RuleInputs in;
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,SUBDATE,PRICE\n"
      "S1,RXH," +
      valid_nhs(1) + ",A81001,2025-04-01,2025-04-03,21,EB03C,2025-05-10,3000.00\n";
  EXPECT_TRUE(run_rule("LATE_SUBMISSION", in).empty());
}

TEST(LateSubmission, DoesNotRunWithoutACalendar) {
  EXPECT_EQ(testing::why_rule_does_not_run("LATE_SUBMISSION"),
            "no calendar reference table (SUS inclusion and reconciliation dates) supplied");
}

}  // namespace
}  // namespace recon
