// DATE_IMPOSSIBLE golden tests. The run date (as_of) is 2026-01-01 unless a test sets it. Tariff: EB03C
// non-elective 3000.00; OP TRETSPEF 100 follow-up 90.00; A&E VB01Z 350.00.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,SUBDATE,PRICE\n";
const char* const kOpHeader =
    "ATTENDKEY,PROCODE3,NHSNUMBER,DOB,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,SUBDATE,PRICE\n";
const char* const kAeHeader = "AEKEY,PROCODE3,NHSNUMBER,DOB,GPPRAC,ARRIVALDATE,SUSHRG,SUBDATE,PRICE\n";

// REASON is CSV-quoted only when it holds a comma.
const char* const kTail = ". The record cannot be paid until its dates are corrected.";

std::string apc(const std::string& id, const std::string& tail) {
  return "DATE_IMPOSSIBLE,HIGH,RXH,A81001,apc," + id + ",{P1}," + tail;
}

TEST(DateImpossibleRule, ChallengesDatesThatCannotAllBeTrue) {
  RuleInputs in;
  in.apc =
      with_patients(std::string(kApcHeader) +
                    "S1,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-05,21,EB03C,,\n"
                    // Near-miss: discharged the day of admission.
                    "S2,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-10,21,EB03C,,\n"
                    "S3,RXH,{P1},2025-03-11,A81001,2025-03-10,2025-03-12,21,EB03C,,\n"
                    // Near-miss: admitted on the day of birth.
                    "S4,RXH,{P1},2025-03-10,A81001,2025-03-10,2025-03-12,21,EB03C,,\n"
                    "S5,RXH,{P1},1950-01-01,A81001,2026-01-02,2026-01-05,21,EB03C,,\n"
                    // Near-miss: admitted on the run date itself, not yet discharged.
                    "S6,RXH,{P1},1950-01-01,A81001,2026-01-01,,21,EB03C,,\n"
                    "S7,RXH,{P1},1950-01-01,A81001,2025-12-20,2026-01-03,21,EB03C,,\n"
                    "S8,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-12,21,EB03C,2025-03-09,\n"
                    // Near-misses: submitted on the admission day; submitted during the stay.
                    "S9,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-12,21,EB03C,2025-03-10,\n"
                    "S10,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-20,21,EB03C,2025-03-15,\n"
                    // Every problem of a record in one challenge.
                    "S11,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-05,21,EB03C,2025-03-01,2750.00\n");
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P2},1950-01-01,A81001,2026-02-01,2,100,,\n"
                        "O2,RXH,{P2},1950-01-01,A81001,2025-12-31,2,100,2026-01-01,\n");
  in.ae = with_patients(std::string(kAeHeader) +
                        "A1,RXH,{P3},2025-06-02,A81001,2025-06-01,VB01Z,,\n"
                        "A2,RXH,{P3},2025-06-02,A81001,2025-06-02,VB01Z,2025-06-01,\n");

  const std::string tail = kTail;
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      apc("S1",
          "2025-03-10,3000.00,3000.00,\"Impossible dates: discharged on 2025-03-05, before the admission "
          "on 2025-03-10" +
              tail + "\",ADMIDATE=2025-03-10; DISDATE=2025-03-05"),
      apc("S3",
          "2025-03-10,3000.00,3000.00,Impossible dates: admission on 2025-03-10 is before the "
          "patient's date of birth" +
              tail + ",ADMIDATE=2025-03-10; DOB=after ADMIDATE"),
      apc("S5",
          "2026-01-02,3000.00,3000.00,Impossible dates: admission on 2026-01-02 is after the run date "
          "2026-01-01; discharge on 2026-01-05 is after the run date 2026-01-01" +
              tail + ",ADMIDATE=2026-01-02; DISDATE=2026-01-05; as_of=2026-01-01"),
      apc("S7",
          "2025-12-20,3000.00,3000.00,Impossible dates: discharge on 2026-01-03 is after the run date "
          "2026-01-01" +
              tail + ",ADMIDATE=2025-12-20; DISDATE=2026-01-03; as_of=2026-01-01"),
      apc("S8",
          "2025-03-10,3000.00,3000.00,\"Impossible dates: submitted on 2025-03-09, before the admission "
          "on 2025-03-10" +
              tail + "\",ADMIDATE=2025-03-10; SUBDATE=2025-03-09"),
      apc("S11",
          "2025-03-10,2750.00,2750.00,\"Impossible dates: discharged on 2025-03-05, before the "
          "admission on 2025-03-10; submitted on 2025-03-01, before the admission on 2025-03-10" +
              tail + "\",ADMIDATE=2025-03-10; DISDATE=2025-03-05; SUBDATE=2025-03-01"),
      "DATE_IMPOSSIBLE,HIGH,RXH,A81001,op,O1,{P2},2026-02-01,90.00,90.00,Impossible dates: appointment on "
      "2026-02-01 is after the run date 2026-01-01" +
          tail + ",APPTDATE=2026-02-01; as_of=2026-01-01",
      "DATE_IMPOSSIBLE,HIGH,RXH,A81001,ae,A1,{P3},2025-06-01,350.00,350.00,Impossible dates: arrival on "
      "2025-06-01 is before the patient's date of birth" +
          tail + ",ARRIVALDATE=2025-06-01; DOB=after ARRIVALDATE",
      "DATE_IMPOSSIBLE,HIGH,RXH,A81001,ae,A2,{P3},2025-06-02,350.00,350.00,\"Impossible dates: submitted on "
      "2025-06-01, before the arrival on 2025-06-02" +
          tail + "\",ARRIVALDATE=2025-06-02; SUBDATE=2025-06-01",
  });
  EXPECT_EQ(run_rule("DATE_IMPOSSIBLE", in), expected);
}

TEST(DateImpossibleRule, TheFutureIsJudgedAgainstTheRunDate) {
  RuleInputs in;
  in.options.as_of = make_day(2025, 6, 30);
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P2},1950-01-01,A81001,2025-06-30,2,100,,\n"
                        "O2,RXH,{P2},1950-01-01,A81001,2025-07-01,2,100,,\n");
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "DATE_IMPOSSIBLE,HIGH,RXH,A81001,op,O2,{P2},2025-07-01,90.00,90.00,Impossible dates: appointment on "
      "2025-07-01 is after the run date 2025-06-30" +
          std::string(kTail) + ",APPTDATE=2025-07-01; as_of=2025-06-30",
  });
  EXPECT_EQ(run_rule("DATE_IMPOSSIBLE", in), expected);
}

TEST(DateImpossibleRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1950-01-01,A81001,2025-03-10,2025-03-12,21,EB03C,2025-04-02,\n"
                         "S2,RXH,{P1},,A81001,2025-03-10,,21,EB03C,,\n");
  in.op = with_patients(std::string(kOpHeader) + "O1,RXH,{P2},,A81001,2025-05-01,2,100,2025-05-20,\n");
  in.ae = with_patients(std::string(kAeHeader) + "A1,RXH,{P3},2000-02-29,A81001,2025-06-01,VB01Z,,\n");
  EXPECT_EQ(run_rule("DATE_IMPOSSIBLE", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
