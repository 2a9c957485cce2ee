// DUP golden tests. Tariff: EB03C non-elective 3000.00; OP TRETSPEF 100 follow-up 90.00; A&E VB01Z 350.00.
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
const char* const kOpHeader =
    "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n";
const char* const kAeHeader = "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,AEATTENDCAT,SUSHRG,PRICE\n";

TEST(DupRule, ChallengesEveryLaterCopyOfTheSameActivityAtItsFullCharge) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         // Same spell again under another id, priced from the tariff.
                         "S2,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         // Near-misses: other HRG, other provider, other patient, other discharge date.
                         "S3,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03D,I500,\n"
                         "S4,RXQ,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         "S5,RXH,{P2},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         "S6,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-04,21,1,300,EB03C,I500,\n"
                         // A third copy with the original's id and its own price: still the first copy's
                         // duplicate.
                         "S1,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,2500.00\n"
                         // Invalid NHS number: cannot be matched to anyone (NHS_INVALID's business).
                         "S7,RXH,1234567890,1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         "S8,RXH,1234567890,1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n");
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P1},A81001,2025-05-01,5,2,100,WF01A,\n"
                        "O2,RXH,{P1},A81001,2025-05-01,5,2,100,WF01A,\n"
                        // Near-misses: other treatment function, other day.
                        "O3,RXH,{P1},A81001,2025-05-01,5,2,110,WF01A,\n"
                        "O4,RXH,{P1},A81001,2025-05-02,5,2,100,WF01A,\n");
  in.ae = with_patients(std::string(kAeHeader) +
                        "A1,RXH,{P1},A81001,2025-06-01,1,VB01Z,\n"
                        "A2,RXH,{P1},A81001,2025-06-01,1,VB01Z,\n"
                        // Near-misses: a same-day unplanned return (category 3) and another HRG.
                        "A3,RXH,{P1},A81001,2025-06-01,3,VB01Z,\n"
                        "A4,RXH,{P1},A81001,2025-06-01,1,VB11Z,\n");

  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "DUP,HIGH,RXH,A81001,apc,S2,{P1},2025-04-01,3000.00,3000.00,"
      "\"Spell S2 (RXH, 2025-04-01 to 2025-04-03, HRG EB03C) repeats spell S1 (same patient, provider, "
      "admission and discharge dates and HRG): the same activity billed again, which is paid once.\","
      "original=S1; original_charged=3000.00",
      "DUP,HIGH,RXH,A81001,apc,S1,{P1},2025-04-01,2500.00,2500.00,"
      "\"Spell S1 (RXH, 2025-04-01 to 2025-04-03, HRG EB03C) repeats spell S1 (same patient, provider, "
      "admission and discharge dates and HRG): the same activity billed again, which is paid once.\","
      "original=S1; original_charged=3000.00",
      "DUP,HIGH,RXH,A81001,op,O2,{P1},2025-05-01,90.00,90.00,"
      "\"Outpatient attendance O2 (RXH, 2025-05-01, TRETSPEF 100, HRG WF01A) repeats outpatient attendance "
      "O1 "
      "(same patient, provider, appointment date, treatment function and HRG): the same activity billed "
      "again, which is paid once.\","
      "original=O1; original_charged=90.00",
      "DUP,HIGH,RXH,A81001,ae,A2,{P1},2025-06-01,350.00,350.00,"
      "\"A&E attendance A2 (RXH, 2025-06-01, AEATTENDCAT 1, HRG VB01Z) repeats A&E attendance A1 (same "
      "patient, provider, arrival date, attendance category and HRG): the same activity billed again, which "
      "is paid once.\","
      "original=A1; original_charged=350.00",
  });
  EXPECT_EQ(run_rule("DUP", in), expected);
}

TEST(DupRule, OriginalIsTheFirstCopyInInputOrderNotTheLowestId) {
  // Copies in different input orders: the first in input order is kept, whatever its id.
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "Z9,RXH,{P3},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,300,EB03C,I500,2000.00\n"
                         "A1,RXH,{P3},1950-01-01,A81001,2025-04-01,2025-04-03,11,1,300,EB03C,I500,2100.00\n");
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "DUP,HIGH,RXH,A81001,apc,A1,{P3},2025-04-01,2100.00,2100.00,"
      "\"Spell A1 (RXH, 2025-04-01 to 2025-04-03, HRG EB03C) repeats spell Z9 (same patient, provider, "
      "admission and discharge dates and HRG): the same activity billed again, which is paid once.\","
      "original=Z9; original_charged=2000.00",
  });
  EXPECT_EQ(run_rule("DUP", in), expected);
}

TEST(DupRule, LongRunsOfCopiesAreAllChallengedAgainstTheFirst) {
  // More copies than the small-run scan handles: the sorted path must give the same answer.
  std::string apc = kApcHeader;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    std::string id = "L";  // not "L" + to_string(): a GCC 12 -Wrestrict false positive
    id += std::to_string(100 + i);
    const char* hrg = i % 2 ? "EB03D" : "EB03C";  // two interleaved claims
    // TRETSPEF varies but is not part of an APC claim: the first copy in input order (TRETSPEF 320) stays
    // the original even though other copies have a lower TRETSPEF.
    const char* tretspef = i % 3 == 0 ? "320" : i % 3 == 1 ? "300" : "100";
    apc += id + ",RXH,{P4},1950-01-01,A81001,2025-04-01,2025-04-03,21,1," + tretspef + "," + hrg +
           ",I500,100.00\n";
    if (i < 2) continue;
    expected.push_back("DUP,HIGH,RXH,A81001,apc," + id + ",{P4},2025-04-01,100.00,100.00,\"Spell " + id +
                       " (RXH, 2025-04-01 to 2025-04-03, HRG " + hrg + ") repeats spell " +
                       (i % 2 ? "L101" : "L100") +
                       " (same patient, provider, admission and discharge dates and HRG): the same activity "
                       "billed again, which is paid once.\",original=" +
                       (i % 2 ? "L101" : "L100") + "; original_charged=100.00");
  }
  RuleInputs in;
  in.apc = with_patients(apc);
  EXPECT_EQ(run_rule("DUP", in), with_patients(expected));
}

TEST(DupRule, DoesNotFireOnCleanActivity) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1950-01-01,A81001,2025-04-01,2025-04-03,21,1,300,EB03C,I500,\n"
                         "S2,RXH,{P1},1950-01-01,A81001,2025-04-10,2025-04-12,21,1,300,EB03C,I500,\n");
  in.op = with_patients(std::string(kOpHeader) + "O1,RXH,{P1},A81001,2025-05-01,5,1,100,WF01A,\n" +
                        "O2,RXH,{P1},A81001,2025-06-01,5,2,100,WF01A,\n");
  in.ae = with_patients(std::string(kAeHeader) + "A1,RXH,{P1},A81001,2025-06-01,1,VB01Z,\n");
  EXPECT_EQ(run_rule("DUP", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
