// AFTER_DEATH golden tests: activity after the register's DOD; the day of death itself is allowed.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

TEST(AfterDeath, FlagsActivityAfterTheDateOfDeath) {
  const std::string died = valid_nhs(1), conflicting = valid_nhs(2), alive = valid_nhs(3);
  RuleInputs in;
  in.register_ = "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + died +
                 ",A81001,1940-01-01,1,2000-01-01,2025-04-10,2025-04-10\n" +
                 // Two rows disagreeing on DOD: the latest (2025-06-01) is used.
                 conflicting + ",B81002,1945-01-01,2,2010-01-01,2020-01-01,2025-01-01\n" + conflicting +
                 ",A81001,1945-01-01,2,2020-01-01,,2025-06-01\n" + alive +
                 ",A81001,1950-01-01,1,2000-01-01,,\n";
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,PRICE\n"
      "S1,RXH," +
      died +
      ",A81001,2025-04-11,2025-04-12,21,EB03C,3000.00\n"
      // Near-misses: admitted on the day of death; admitted before death, discharge recorded after it.
      "S2,RXH," +
      died +
      ",A81001,2025-04-10,2025-04-10,21,EB03C,3000.00\n"
      "S3,RXH," +
      died + ",A81001,2025-04-05,2025-04-20,21,EB03C,3000.00\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,PRICE\n"
      // Near-miss: after the earlier, superseded DOD only.
      "O1,RXH," +
      conflicting +
      ",A81001,2025-03-01,1,100,150.00\n"
      "O2,RXH," +
      conflicting + ",A81001,2025-06-30,1,100,150.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n"
      "A1,RXH," +
      alive +
      ",A81001,2025-05-10,VB11Z,120.00\n"
      "A2,RXH," +
      died +
      ",A81001,2025-05-10,VB11Z,120.00\n"
      // Near-miss: an invalid NHS number is never matched to the register.
      "A3,RXH,1111111111,A81001,2025-05-10,VB11Z,120.00\n";

  const std::vector<std::string> expected = {
      "AFTER_DEATH,HIGH,RXH,A81001,apc,S1," + died +
          ",2025-04-11,3000.00,3000.00,\"Activity on 2025-04-11 is 1 day after the patient's date of death, "
          "2025-04-10, recorded by practice A81001: either the record belongs to another patient or its date "
          "is wrong.\",dod=2025-04-10; dod_practice=A81001; days_after_death=1",
      "AFTER_DEATH,HIGH,RXH,A81001,op,O2," + conflicting +
          ",2025-06-30,150.00,150.00,\"Activity on 2025-06-30 is 29 days after the patient's date of death, "
          "2025-06-01, recorded by practice A81001: either the record belongs to another patient or its date "
          "is wrong.\",dod=2025-06-01; dod_practice=A81001; days_after_death=29",
      "AFTER_DEATH,HIGH,RXH,A81001,ae,A2," + died +
          ",2025-05-10,120.00,120.00,\"Activity on 2025-05-10 is 30 days after the patient's date of death, "
          "2025-04-10, recorded by practice A81001: either the record belongs to another patient or its date "
          "is wrong.\",dod=2025-04-10; dod_practice=A81001; days_after_death=30",
  };
  EXPECT_EQ(run_rule("AFTER_DEATH", in), expected);
}

TEST(AfterDeath, QuietWhenNobodyHasDied) {
  const std::string n = valid_nhs(1);
  RuleInputs in;
  in.register_ =
      "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + n + ",A81001,1950-01-01,1,2020-01-01,,\n";
  in.ae = "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\nA1,RXH," + n +
          ",A81001,2025-04-01,VB11Z,120.00\n";
  EXPECT_TRUE(run_rule("AFTER_DEATH", in).empty());
}

TEST(AfterDeath, DoesNotRunWithoutARegister) {
  EXPECT_EQ(testing::why_rule_does_not_run("AFTER_DEATH"), "no practice register supplied");
}

}  // namespace
}  // namespace recon
