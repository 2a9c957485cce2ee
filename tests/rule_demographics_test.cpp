// DEMOGRAPHICS golden tests: DOB / SEX on the record against the practice register for the same NHS number.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

const std::string kTail =
    ": the NHS number may belong to another patient; please confirm the patient's identity or correct the "
    "record.";

TEST(Demographics, FlagsDobOrSexDifferingFromTheRegister) {
  const std::string p1 = valid_nhs(1), p2 = valid_nhs(2), p3 = valid_nhs(3), p4 = valid_nhs(4),
                    absent = valid_nhs(5);
  RuleInputs in;
  in.register_ =
      "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + p1 + ",A81001,1950-02-03,1,2020-01-01,,\n" +
      // Re-registered; the later entry carries a corrected DOB: either entry agreeing is enough.
      p2 + ",B81002,1960-05-05,2,2010-01-01,2020-01-01,\n" + p2 + ",A81001,1960-05-06,2,2020-01-01,,\n" +
      // Nothing to compare against.
      p3 + ",A81001,,9,2020-01-01,,\n" +
      // Sex as a letter.
      p4 + ",A81001,1980-01-01,F,2020-01-01,,\n";
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,PRICE\n"
      "S1,RXH," +
      p1 +
      ",1950-03-02,1,A81001,2025-04-01,2025-04-02,21,EB03C,3000.00\n"
      "S2,RXH," +
      p1 +
      ",1950-02-03,2,A81001,2025-04-01,2025-04-02,21,EB03C,3000.00\n"
      "S3,RXH," +
      p1 +
      ",1950-03-02,2,A81001,2025-04-01,2025-04-02,21,EB03C,3000.00\n"
      // Near-misses: sex not known on the record; DOB missing on the record.
      "S4,RXH," +
      p1 +
      ",1950-02-03,9,A81001,2025-04-01,2025-04-02,21,EB03C,3000.00\n"
      "S5,RXH," +
      p1 + ",,1,A81001,2025-04-01,2025-04-02,21,EB03C,3000.00\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,PRICE\n"
      "O1,RXH," +
      p2 +
      ",1960-05-05,2,A81001,2025-04-01,1,100,150.00\n"
      "O2,RXH," +
      p2 +
      ",1960-05-07,2,A81001,2025-04-01,1,100,150.00\n"
      "O3,RXH," +
      p3 + ",1999-01-01,1,A81001,2025-04-01,1,100,150.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n"
      "A1,RXH," +
      p4 +
      ",1980-01-01,2,A81001,2025-04-01,VB11Z,120.00\n"
      "A2,RXH," +
      p4 +
      ",1980-01-01,1,A81001,2025-04-01,VB11Z,120.00\n"
      // Near-misses: patient not on the register; invalid NHS number.
      "A3,RXH," +
      absent +
      ",1901-01-01,1,A81001,2025-04-01,VB11Z,120.00\n"
      "A4,RXH,1111111111,1901-01-01,1,A81001,2025-04-01,VB11Z,120.00\n";

  const std::vector<std::string> expected = {
      "DEMOGRAPHICS,MEDIUM,RXH,A81001,apc,S1," + p1 +
          ",2025-04-01,3000.00,3000.00,Date of birth 1950-03-02 on the record differs from 1950-02-03 on the "
          "practice register" +
          kTail + ",differs=DOB; dob_record=1950-03-02; dob_register=1950-02-03",
      "DEMOGRAPHICS,MEDIUM,RXH,A81001,apc,S2," + p1 +
          ",2025-04-01,3000.00,3000.00,Sex female on the record differs from male on the practice register" +
          kTail + ",differs=SEX; sex_record=2; sex_register=1",
      "DEMOGRAPHICS,MEDIUM,RXH,A81001,apc,S3," + p1 +
          ",2025-04-01,3000.00,3000.00,\"Date of birth 1950-03-02 on the record differs from 1950-02-03 on "
          "the "
          "practice register, and sex female on the record differs from male on the practice register" +
          kTail +
          "\",\"differs=DOB,SEX; dob_record=1950-03-02; dob_register=1950-02-03; sex_record=2; "
          "sex_register=1\"",
      "DEMOGRAPHICS,MEDIUM,RXH,A81001,op,O2," + p2 +
          ",2025-04-01,150.00,150.00,Date of birth 1960-05-07 on the record differs from 1960-05-06 on the "
          "practice register" +
          kTail + ",differs=DOB; dob_record=1960-05-07; dob_register=1960-05-06",
      "DEMOGRAPHICS,MEDIUM,RXH,A81001,ae,A2," + p4 +
          ",2025-04-01,120.00,120.00,Sex male on the record differs from female on the practice register" +
          kTail + ",differs=SEX; sex_record=1; sex_register=2",
  };
  EXPECT_EQ(run_rule("DEMOGRAPHICS", in), expected);
}

TEST(Demographics, QuietWhenTheRecordAgreesWithTheRegister) {
  const std::string n = valid_nhs(1);
  RuleInputs in;
  in.register_ =
      "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + n + ",A81001,1950-01-01,2,2020-01-01,,\n";
  in.ae = "AEKEY,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\nA1,RXH," + n +
          ",1950-01-01,2,A81001,2025-04-01,VB11Z,120.00\n";
  EXPECT_TRUE(run_rule("DEMOGRAPHICS", in).empty());
}

TEST(Demographics, DoesNotRunWithoutARegister) {
  EXPECT_EQ(testing::why_rule_does_not_run("DEMOGRAPHICS"), "no practice register supplied");
}

}  // namespace
}  // namespace recon
