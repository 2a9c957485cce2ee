// READMIT golden tests: prices are given explicitly, so CHARGED is the PRICE column.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,TRETSPEF,SUSHRG,DIAG_01,"
    "PRICE\n";

const std::string kRows =
    std::string(kApcHeader) +
    // P1: two emergency readmissions after one elective spell, 7 and 30 days on.
    "I1,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
    "R1a,RXH,{P1},1950-01-01,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "R1b,RXH,{P1},1950-01-01,A81001,2025-05-03,2025-05-05,2A,1,300,DZ22C,J189,1600.00\n"
    // P2: day 31 does not fire; a day-case index does.
    "I2,RXH,{P2},1950-01-01,A81001,2025-04-01,2025-04-03,12,1,110,HN12B,M170,6000.00\n"
    "R2,RXH,{P2},1950-01-01,A81001,2025-05-04,2025-05-06,21,1,300,DZ22C,J189,1600.00\n"
    "D2,RXH,{P2},1950-01-01,A81001,2025-06-01,2025-06-01,11,2,110,HN12B,M170,5500.00\n"
    "R2b,RXH,{P2},1950-01-01,A81001,2025-06-02,2025-06-04,22,1,300,DZ22C,J189,1600.00\n"
    // P3: another provider does not fire; the latest elective discharge is the index.
    "I3,RXH,{P3},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
    "R3,RXQ,{P3},1950-01-01,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "I3b,RXH,{P3},1950-01-01,A81001,2025-07-01,2025-07-05,11,1,110,HN12B,M170,6000.00\n"
    "I3c,RXH,{P3},1950-01-01,A81001,2025-07-10,2025-07-12,11,1,110,HN12B,M170,6000.00\n"
    "R3c,RXH,{P3},1950-01-01,A81001,2025-07-20,2025-07-22,21,1,300,DZ22C,J189,1600.00\n"
    // P4: same-day readmission is SPLIT's business.
    "I4,RXH,{P4},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
    "R4,RXH,{P4},1950-01-01,A81001,2025-04-03,2025-04-05,21,1,300,DZ22C,J189,1600.00\n"
    // P5: maternity index (TRETSPEF 501) or readmission (560).
    "I5,RXH,{P5},1990-01-01,A81001,2025-04-01,2025-04-03,11,1,501,DZ22C,J189,1200.00\n"
    "R5,RXH,{P5},1990-01-01,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "I5b,RXH,{P5},1990-01-01,A81001,2025-06-01,2025-06-03,11,1,300,DZ22C,J189,1200.00\n"
    "R5b,RXH,{P5},1990-01-01,A81001,2025-06-05,2025-06-07,21,1,560,DZ22C,J189,1600.00\n"
    // P6 is 3 on readmission (4 the next day); P7 turns 4 on the day of readmission.
    "I6,RXH,{P6},2021-04-11,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
    "R6,RXH,{P6},2021-04-11,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "I7,RXH,{P7},2021-04-10,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
    "R7,RXH,{P7},2021-04-10,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    // P8: cancer (C00-D48) on the index or on the readmission; D50 is outside the range.
    "I8,RXH,{P8},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,C509,6000.00\n"
    "R8,RXH,{P8},1950-01-01,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "I8b,RXH,{P8},1950-01-01,A81001,2025-06-01,2025-06-02,11,1,110,HN12B,I500,6000.00\n"
    "R8b,RXH,{P8},1950-01-01,A81001,2025-06-10,2025-06-12,21,1,300,DZ22C,D37,1600.00\n"
    "I8c,RXH,{P8},1950-01-01,A81001,2025-08-01,2025-08-02,11,1,110,HN12B,I500,6000.00\n"
    "R8c,RXH,{P8},1950-01-01,A81001,2025-08-05,2025-08-07,21,1,300,DZ22C,D500,1600.00\n"
    // P9: the index must be elective and not a regular day attender (CLASSPAT 3).
    "I9,RXH,{P9},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,DZ22C,J189,1600.00\n"
    "R9,RXH,{P9},1950-01-01,A81001,2025-04-10,2025-04-12,21,1,300,DZ22C,J189,1600.00\n"
    "I9b,RXH,{P9},1950-01-01,A81001,2025-06-01,2025-06-01,11,3,300,DZ22C,J189,500.00\n"
    "R9b,RXH,{P9},1950-01-01,A81001,2025-06-05,2025-06-07,21,1,300,DZ22C,J189,1600.00\n";

std::string readmit(const std::string& id, const std::string& patient, const std::string& date,
                    const std::string& admimeth, int days, const std::string& index,
                    const std::string& index_method, const std::string& discharge, int window) {
  const std::string d = std::to_string(days), w = std::to_string(window);
  return "READMIT,HIGH,RXH,A81001,apc," + id + "," + patient + "," + date +
         ",1600.00,1600.00,Emergency admission " + id + " (ADMIMETH " + admimeth + ") at RXH on " + date +
         " is " + d + (days == 1 ? " day" : " days") + " after discharge on " + discharge +
         " from elective spell " + index + " at the same provider; an emergency readmission within " + w +
         " days of an elective discharge is not paid under the PbR readmissions rule.,index=" + index +
         "; index_admimeth=" + index_method + "; index_disdate=" + discharge + "; days_after_discharge=" + d +
         "; window_days=" + w;
}

TEST(ReadmitRule, ChallengesEmergencyReadmissionsWithinThirtyDaysOfAnElectiveDischarge) {
  RuleInputs in;
  in.apc = with_patients(kRows);
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      readmit("R1a", "{P1}", "2025-04-10", "21", 7, "I1", "11", "2025-04-03", 30),
      readmit("R1b", "{P1}", "2025-05-03", "2A-2D", 30, "I1", "11", "2025-04-03", 30),
      readmit("R2b", "{P2}", "2025-06-02", "22", 1, "D2", "11", "2025-06-01", 30),
      readmit("R3c", "{P3}", "2025-07-20", "21", 8, "I3c", "11", "2025-07-12", 30),
      readmit("R7", "{P7}", "2025-04-10", "21", 7, "I7", "11", "2025-04-03", 30),
      readmit("R8c", "{P8}", "2025-08-05", "21", 3, "I8c", "11", "2025-08-02", 30),
  });
  EXPECT_EQ(run_rule("READMIT", in), expected);
}

TEST(ReadmitRule, WindowIsConfigurable) {
  RuleInputs in;
  in.apc = with_patients(kRows);
  in.options.readmit_window_days = 7;
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      readmit("R1a", "{P1}", "2025-04-10", "21", 7, "I1", "11", "2025-04-03", 7),
      readmit("R2b", "{P2}", "2025-06-02", "22", 1, "D2", "11", "2025-06-01", 7),
      readmit("R7", "{P7}", "2025-04-10", "21", 7, "I7", "11", "2025-04-03", 7),
      readmit("R8c", "{P8}", "2025-08-05", "21", 3, "I8c", "11", "2025-08-02", 7),
  });
  EXPECT_EQ(run_rule("READMIT", in), expected);
}

TEST(ReadmitRule, DoesNotFireOnElectiveFollowOnsOrLateEmergencies) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "I1,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,110,HN12B,M170,6000.00\n"
                         "I2,RXH,{P1},1950-01-01,A81001,2025-04-10,2025-04-12,12,1,110,HN12B,M170,6000.00\n"
                         "R1,RXH,{P1},1950-01-01,A81001,2025-06-10,2025-06-12,21,1,300,DZ22C,J189,1600.00\n");
  EXPECT_EQ(run_rule("READMIT", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
