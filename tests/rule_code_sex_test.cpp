// CODE_SEX golden tests. Reference: O800 and OPCS-4 Q073 female-only, N40 and M611 male-only. Tariff:
// EB03C non-elective 3000.00 (lowest split EB03E 1500.00); HN12A elective 7000.00; OP 502 follow-up 80.00.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,DIAG_01,DIAG_02,OPERTN_01,"
    "OPERTN_02,PRICE\n";
const char* const kOpHeader =
    "ATTENDKEY,PROCODE3,NHSNUMBER,SEX,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,OPERTN_01,PRICE\n";

TEST(CodeSexRule, ChallengesCodesOfTheOtherSexAndPricesTheRiskByWhatTheCodesDecide) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         // A female-only primary diagnosis on a man: the whole charge.
                         "S1,RXH,{P1},1,A81001,2025-03-10,2025-03-12,21,EB03C,O800,,,,\n"
                         // A male-only secondary (N40.9 matched by its category N40) on a woman: the split.
                         "S2,RXH,{P2},2,A81001,2025-03-10,2025-03-12,21,EB03C,I500,N40.9,,,\n"
                         // Every conflicting code is listed; a procedure puts the whole charge at risk.
                         "S3,RXH,{P1},1,A81001,2025-04-10,2025-04-12,11,HN12A,I500,O800,W401,Q073,\n"
                         // Near-misses: codes of the patient's own sex, and unknown sex (9, empty, 0).
                         "S4,RXH,{P2},2,A81001,2025-05-10,2025-05-12,21,EB03C,O800,,Q073,,\n"
                         "S5,RXH,{P3},9,A81001,2025-05-10,2025-05-12,21,EB03C,O800,N40,,,\n"
                         "S6,RXH,{P3},,A81001,2025-05-10,2025-05-12,21,EB03C,N40,O800,,,\n"
                         "S7,RXH,{P3},0,A81001,2025-05-10,2025-05-12,21,EB03C,O800,,M611,,\n"
                         "S8,RXH,{P1},1,A81001,2025-05-10,2025-05-12,21,EB03C,N40,,M611,,\n");
  in.op = with_patients(std::string(kOpHeader) +
                        // Procedures do not change the OP price: only the charge above 80.00 is at risk.
                        "O1,RXH,{P1},1,A81001,2025-06-01,2,502,Q07.3,300.00\n"
                        "O2,RXH,{P2},2,A81001,2025-06-01,2,502,Q073,300.00\n"
                        "O3,RXH,{P2},2,A81001,2025-06-02,2,502,M611,\n");

  const std::string root = "The primary diagnosis and procedures determine the HRG, so HRG ";
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "CODE_SEX,MEDIUM,RXH,A81001,apc,S1,{P1},2025-03-10,3000.00,3000.00,\"The patient is recorded as male "
      "but DIAG_01 O800 is female-only: either the sex or the code is wrong. " +
          root + "EB03C cannot be confirmed and the whole charge is at risk.\",SEX=1; DIAG_01=O800 (F)",
      "CODE_SEX,MEDIUM,RXH,A81001,apc,S2,{P2},2025-03-10,3000.00,1500.00,\"The patient is recorded as female "
      "but DIAG_02 N409 is male-only: either the sex or the code is wrong. Secondary diagnoses only set the "
      "complication (CC) split, so the spell is payable at most at the lowest split EB03E (1500.00) and any "
      "charge above that is at risk.\",SEX=2; DIAG_02=N409 (M); lowest_split=EB03E; "
      "lowest_split_price=1500.00",
      "CODE_SEX,MEDIUM,RXH,A81001,apc,S3,{P1},2025-04-10,7000.00,7000.00,\"The patient is recorded as male "
      "but DIAG_02 O800 is female-only; OPERTN_02 Q073 is female-only: either the sex or the code is "
      "wrong. " +
          root +
          "HN12A cannot be confirmed and the whole charge is at risk.\",SEX=1; DIAG_02=O800 (F); "
          "OPERTN_02=Q073 (F)",
      "CODE_SEX,MEDIUM,RXH,A81001,op,O1,{P1},2025-06-01,300.00,220.00,\"The patient is recorded as male but "
      "OPERTN_01 Q073 is female-only: either the sex or the code is wrong. Outpatient attendances are priced "
      "by treatment function, not by procedure, so only the charge above the attendance price for treatment "
      "function 502 (80.00) is at risk.\",SEX=1; OPERTN_01=Q073 (F); attendance_price=80.00",
      "CODE_SEX,MEDIUM,RXH,A81001,op,O3,{P2},2025-06-02,80.00,0.00,\"The patient is recorded as female but "
      "OPERTN_01 M611 is male-only: either the sex or the code is wrong. Outpatient attendances are priced "
      "by treatment function, not by procedure, so only the charge above the attendance price for treatment "
      "function 502 (80.00) is at risk.\",SEX=2; OPERTN_01=M611 (M); attendance_price=80.00",
  });
  EXPECT_EQ(run_rule("CODE_SEX", in), expected);
}

TEST(CodeSexRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},1,A81001,2025-03-10,2025-03-12,21,EB03C,I500,N40,M611,,\n"
                         "S2,RXH,{P2},2,A81001,2025-03-10,2025-03-12,21,EB03C,O800,I10,Q073,W401,\n");
  in.op = with_patients(std::string(kOpHeader) + "O1,RXH,{P1},1,A81001,2025-06-01,2,502,W401,\n");
  EXPECT_EQ(run_rule("CODE_SEX", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
