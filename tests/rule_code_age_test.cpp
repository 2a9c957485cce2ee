// CODE_AGE golden tests. Reference: O800 ages 10-55, P070 ages 0-1. Tariff: EB03C non-elective 3000.00
// (lowest split EB03E 1500.00). All admissions on 2025-06-15.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,DIAG_01,DIAG_02,PRICE\n";

TEST(CodeAgeRule, ChallengesDiagnosesOutsideTheirAgeRangeWithInclusiveBounds) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         // 56 on the day of admission (a birthday): above 55.
                         "S1,RXH,{P1},1969-06-15,A81001,2025-06-15,2025-06-17,21,EB03C,O800,,\n"
                         // Near-miss: 55 until the next day.
                         "S2,RXH,{P2},1969-06-16,A81001,2025-06-15,2025-06-17,21,EB03C,O800,,\n"
                         // 9: below 10. Near-miss: 10 exactly.
                         "S3,RXH,{P3},2015-06-16,A81001,2025-06-15,2025-06-17,21,EB03C,O800,,\n"
                         "S4,RXH,{P4},2015-06-15,A81001,2025-06-15,2025-06-17,21,EB03C,O800,,\n"
                         // A secondary diagnosis at age 2 (0-1 allowed): only the CC split is at risk.
                         "S5,RXH,{P5},2023-06-15,A81001,2025-06-15,2025-06-17,21,EB03C,I500,P07.0,\n"
                         // Near-misses: age 1; no DOB; admitted before birth (DATE_IMPOSSIBLE's business).
                         "S6,RXH,{P6},2023-06-16,A81001,2025-06-15,2025-06-17,21,EB03C,I500,P070,\n"
                         "S7,RXH,{P7},,A81001,2025-06-15,2025-06-17,21,EB03C,O800,P070,\n"
                         "S8,RXH,{P8},2025-06-20,A81001,2025-06-15,2025-06-17,21,EB03C,P070,,\n");

  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "CODE_AGE,MEDIUM,RXH,A81001,apc,S1,{P1},2025-06-15,3000.00,3000.00,\"The patient was 56 on admission "
      "(2025-06-15) but DIAG_01 O800 is for ages 10 to 55: either the date of birth or the code is wrong. "
      "The "
      "primary diagnosis and procedures determine the HRG, so HRG EB03C cannot be confirmed and the whole "
      "charge is at risk.\",age=56; DIAG_01=O800 (10-55)",
      "CODE_AGE,MEDIUM,RXH,A81001,apc,S3,{P3},2025-06-15,3000.00,3000.00,\"The patient was 9 on admission "
      "(2025-06-15) but DIAG_01 O800 is for ages 10 to 55: either the date of birth or the code is wrong. "
      "The "
      "primary diagnosis and procedures determine the HRG, so HRG EB03C cannot be confirmed and the whole "
      "charge is at risk.\",age=9; DIAG_01=O800 (10-55)",
      "CODE_AGE,MEDIUM,RXH,A81001,apc,S5,{P5},2025-06-15,3000.00,1500.00,\"The patient was 2 on admission "
      "(2025-06-15) but DIAG_02 P070 is for ages 0 to 1: either the date of birth or the code is wrong. "
      "Secondary diagnoses only set the complication (CC) split, so the spell is payable at most at the "
      "lowest split EB03E (1500.00) and any charge above that is at risk.\",age=2; DIAG_02=P070 (0-1); "
      "lowest_split=EB03E; lowest_split_price=1500.00",
  });
  EXPECT_EQ(run_rule("CODE_AGE", in), expected);
}

TEST(CodeAgeRule, DescribesOpenEndedRangesAndListsEveryConflict) {
  RuleInputs in;
  in.reference["icd10"] =
      "CODE,SEX,MIN_AGE,MAX_AGE,PRIMARY_OK,CHAPTER\n"
      "I500,,,,Y,IX\n"
      "M81,,50,,Y,XIII\n"  // adults of 50 and over only (a category: M810 matches it)
      "Q90,,,17,Y,XVII\n";
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1990-01-01,A81001,2025-06-15,2025-06-17,21,EB03C,M810,Q90,\n"
                         "S2,RXH,{P2},1970-01-01,A81001,2025-06-15,2025-06-17,21,EB03C,M810,I500,\n");
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "CODE_AGE,MEDIUM,RXH,A81001,apc,S1,{P1},2025-06-15,3000.00,3000.00,\"The patient was 35 on admission "
      "(2025-06-15) but DIAG_01 M810 is for ages 50 and over; DIAG_02 Q90 is for ages up to 17: either the "
      "date of birth or the code is wrong. The primary diagnosis and procedures determine the HRG, so HRG "
      "EB03C cannot be confirmed and the whole charge is at risk.\",age=35; DIAG_01=M810 (50-); DIAG_02=Q90 "
      "(-17)",
  });
  EXPECT_EQ(run_rule("CODE_AGE", in), expected);
}

TEST(CodeAgeRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1990-03-01,A81001,2025-06-15,2025-06-17,21,EB03C,O800,I500,\n"
                         "S2,RXH,{P2},2025-06-15,A81001,2025-06-15,2025-06-17,21,EB03C,P070,,\n"
                         "S3,RXH,{P3},1940-03-01,A81001,2025-06-15,2025-06-17,21,EB03C,I500,N183,\n");
  EXPECT_EQ(run_rule("CODE_AGE", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
