// NOT_REGISTERED golden tests: registration covers REGDATE inclusive to DEREGDATE exclusive.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

TEST(NotRegistered, FlagsActivityOfPatientsNotRegisteredWithTheRecordedPractice) {
  const std::string moved = valid_nhs(1), left = valid_nhs(2), joined = valid_nhs(3), stranger = valid_nhs(4),
                    foreign = valid_nhs(5);
  RuleInputs in;
  in.register_ =
      "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + moved +
      ",A81001,1950-01-01,1,2020-01-01,2025-03-01,\n" + moved + ",B81002,1950-01-01,1,2025-03-01,,\n" + left +
      ",A81001,1960-01-01,2,2024-01-01,2025-02-01,\n" + joined + ",A81001,1970-01-01,1,2024-06-01,,\n";
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,PRICE\n"
      // Admitted on the day of deregistration from A81001: registered with B81002 that day.
      "S1,RXH," +
      moved +
      ",A81001,2025-03-01,2025-03-03,21,EB03C,3000.00\n"
      // Near-misses: the day before deregistration; the new practice on its first day.
      "S2,RXH," +
      moved +
      ",A81001,2025-02-28,2025-03-03,21,EB03C,3000.00\n"
      "S3,RXH," +
      moved + ",B81002,2025-03-01,2025-03-03,21,EB03C,3000.00\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,PRICE\n"
      // Left every practice on the register before the appointment.
      "O1,RXH," +
      left +
      ",A81001,2025-04-01,1,100,150.00\n"
      // The day before registration; near-miss: the day of registration.
      "O2,RXH," +
      joined +
      ",A81001,2024-05-31,1,100,150.00\n"
      "O3,RXH," +
      joined + ",A81001,2024-06-01,1,100,150.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n"
      // Not on the register, but the record names one of the register's practices.
      "A1,RXH," +
      stranger +
      ",A81001,2025-04-01,VB11Z,120.00\n"
      // Near-misses: patient and practice both unknown to the register; invalid NHS number; no GPPRAC.
      "A2,RXH," +
      foreign +
      ",Z99999,2025-04-01,VB11Z,120.00\n"
      "A3,RXH,1111111111,A81001,2025-04-01,VB11Z,120.00\n"
      "A4,RXH," +
      left +
      ",,2025-04-01,VB11Z,120.00\n"
      // A patient on the register recorded at a practice the register does not cover.
      "A5,RXH," +
      joined + ",Z99999,2025-04-01,VB11Z,120.00\n";

  const std::vector<std::string> expected = {
      "NOT_REGISTERED,HIGH,RXH,A81001,apc,S1," + moved +
          ",2025-03-01,3000.00,3000.00,\"On 2025-03-01 the patient was registered with practice B81002, not "
          "with A81001 as recorded: the activity is attributed to the wrong practice and is not payable as "
          "charged until it is re-attributed to the practice the patient was registered with that day.\","
          "\"registered_on_activity_date=B81002; registrations=A81001 from 2020-01-01 to 2025-03-01, B81002 "
          "from 2025-03-01\"",
      "NOT_REGISTERED,HIGH,RXH,A81001,op,O1," + left +
          ",2025-04-01,150.00,150.00,\"On 2025-04-01 the patient was not registered with A81001 or any "
          "other practice on the register (registration history in the evidence), so is not this "
          "commissioner's patient for that date.\",registered_on_activity_date=none; registrations=A81001 "
          "from 2024-01-01 to 2025-02-01",
      "NOT_REGISTERED,HIGH,RXH,A81001,op,O2," + joined +
          ",2024-05-31,150.00,150.00,\"On 2024-05-31 the patient was not registered with A81001 or any "
          "other practice on the register (registration history in the evidence), so is not this "
          "commissioner's patient for that date.\",registered_on_activity_date=none; registrations=A81001 "
          "from 2024-06-01",
      "NOT_REGISTERED,HIGH,RXH,A81001,ae,A1," + stranger +
          ",2025-04-01,120.00,120.00,\"The patient is not on the registration list of practice A81001, "
          "the practice recorded on the activity, nor on that of any other practice on the register, so is "
          "not this commissioner's patient.\",registered_on_activity_date=none; registrations=none",
      "NOT_REGISTERED,HIGH,RXH,Z99999,ae,A5," + joined +
          ",2025-04-01,120.00,120.00,\"On 2025-04-01 the patient was registered with practice A81001, not "
          "with Z99999 as recorded: the activity is attributed to the wrong practice and is not payable as "
          "charged until it is re-attributed to the practice the patient was registered with that day.\","
          "registered_on_activity_date=A81001; registrations=A81001 from 2024-06-01",
  };
  EXPECT_EQ(run_rule("NOT_REGISTERED", in), expected);
}

TEST(NotRegistered, QuietWhenEveryPatientIsRegisteredWithTheRecordedPractice) {
  const std::string n = valid_nhs(1);
  RuleInputs in;
  in.register_ =
      "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + n + ",A81001,1950-01-01,1,2020-01-01,,\n";
  in.op = "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,PRICE\nO1,RXH," + n +
          ",A81001,2025-04-01,1,100,150.00\n";
  EXPECT_TRUE(run_rule("NOT_REGISTERED", in).empty());
}

TEST(NotRegistered, DoesNotRunWithoutARegister) {
  EXPECT_EQ(testing::why_rule_does_not_run("NOT_REGISTERED"), "no practice register supplied");
}

}  // namespace
}  // namespace recon
