// CODE_INVALID golden tests. Tariff: EB03C non-elective 3000.00, its lowest split EB03E 1500.00; HN12A
// elective 7000.00; OP TRETSPEF 110 first 160.00. icd10/opcs4: tests/data/reference.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,DIAG_01,DIAG_02,DIAG_03,OPERTN_01,"
    "OPERTN_02,PRICE\n";
const char* const kOpHeader =
    "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,OPERTN_01,PRICE\n";

const char* const kRootAtRisk = "The primary diagnosis and procedures determine the HRG, so HRG ";
const char* const kSplitAtRisk =
    "Secondary diagnoses only set the complication (CC) split, so the spell is payable at most at the lowest "
    "split ";

TEST(CodeInvalidRule, ListsEveryBadCodeOfARecordAndPricesTheRiskByWhatTheCodesDecide) {
  RuleInputs in;
  in.apc = with_patients(
      std::string(kApcHeader) +
      // Near-misses: valid codes, also written with dots, with the HES X filler, or a 4-character code whose
      // 3-character category is listed (I48.9 -> I48).
      "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,I50.0,E119,I10X,K40.1,W401,\n"
      "S2,RXH,{P1},A81001,2025-04-10,2025-04-12,21,EB03C,I500,I48.9,,,,\n"
      // A secondary diagnosis not in the list: only the CC split is at risk (3000.00 - EB03E 1500.00).
      "S3,RXH,{P1},A81001,2025-05-10,2025-05-12,21,EB03C,I500,Q99.9,,,,\n"
      // Malformed primary: the whole charge.
      "S4,RXH,{P1},A81001,2025-06-10,2025-06-12,21,EB03C,123,,,,,\n"
      // A malformed procedure (and a malformed secondary): the whole PRICE.
      "S5,RXH,{P1},A81001,2025-07-10,2025-07-12,11,HN12A,M170,,I5,W401,Z9,7500.00\n"
      // Already at the lowest split: the query stands, nothing is at risk.
      "S6,RXH,{P1},A81001,2025-08-10,2025-08-12,21,EB03E,I500,Q999,,,,\n"
      // An HRG with no split in the tariff to fall back to: the whole charge.
      "S7,RXH,{P1},A81001,2025-09-10,2025-09-12,21,XX01A,I500,Q999,,,,900.00\n"
      // A gap in the diagnoses is not a code. W40 is a well-formed 3-character category, but the list only
      // holds W401: a procedure, so the whole charge.
      "S8,RXH,{P1},A81001,2025-10-10,2025-10-12,21,EB03C,I500,,,W40,,\n");
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P2},A81001,2025-05-01,1,110,W40.1,400.00\n"
                        // Well-formed but not listed: only the charge above the 160.00 attendance price.
                        "O2,RXH,{P2},A81001,2025-05-02,1,110,Q999,400.00\n"
                        // A treatment function with no tariff: the whole charge.
                        "O3,RXH,{P2},A81001,2025-05-03,1,999,Q999,200.00\n");

  const std::string root = kRootAtRisk, split = kSplitAtRisk;
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S3,{P1},2025-05-10,3000.00,1500.00,\"Invalid clinical codes: "
      "DIAG_02 Q999 (not in the ICD-10 code list). " +
          split +
          "EB03E (1500.00) and any charge above that is at risk.\",DIAG_02=Q999; lowest_split=EB03E; "
          "lowest_split_price=1500.00",
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S4,{P1},2025-06-10,3000.00,3000.00,\"Invalid clinical codes: "
      "DIAG_01 123 (not a well-formed ICD-10 code). " +
          root + "EB03C cannot be confirmed and the whole charge is at risk.\",DIAG_01=123",
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S5,{P1},2025-07-10,7500.00,7500.00,\"Invalid clinical codes: "
      "DIAG_03 I5 (not a well-formed ICD-10 code); OPERTN_02 Z9 (not a well-formed OPCS-4 code). " +
          root + "HN12A cannot be confirmed and the whole charge is at risk.\",DIAG_03=I5; OPERTN_02=Z9",
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S6,{P1},2025-08-10,1500.00,0.00,\"Invalid clinical codes: "
      "DIAG_02 Q999 (not in the ICD-10 code list). " +
          split +
          "EB03E (1500.00) and any charge above that is at risk.\",DIAG_02=Q999; lowest_split=EB03E; "
          "lowest_split_price=1500.00",
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S7,{P1},2025-09-10,900.00,900.00,\"Invalid clinical codes: "
      "DIAG_02 Q999 (not in the ICD-10 code list). Secondary diagnoses only set the complication (CC) split, "
      "but HRG XX01A has no split in the APC tariff to fall back to, so the whole charge is at risk.\","
      "DIAG_02=Q999; lowest_split=none",
      "CODE_INVALID,MEDIUM,RXH,A81001,apc,S8,{P1},2025-10-10,3000.00,3000.00,\"Invalid clinical codes: "
      "OPERTN_01 W40 (not in the OPCS-4 code list). " +
          root + "EB03C cannot be confirmed and the whole charge is at risk.\",OPERTN_01=W40",
      "CODE_INVALID,MEDIUM,RXH,A81001,op,O2,{P2},2025-05-02,400.00,240.00,\"Invalid clinical codes: "
      "OPERTN_01 Q999 (not in the OPCS-4 code list). Outpatient attendances are priced by treatment "
      "function, not by procedure, so only the charge above the attendance price for treatment function 110 "
      "(160.00) is at risk.\",OPERTN_01=Q999; attendance_price=160.00",
      "CODE_INVALID,MEDIUM,RXH,A81001,op,O3,{P2},2025-05-03,200.00,200.00,\"Invalid clinical codes: "
      "OPERTN_01 Q999 (not in the OPCS-4 code list). Outpatient attendances are priced by treatment "
      "function, and treatment function 999 has no outpatient tariff, so the whole charge is at risk.\","
      "OPERTN_01=Q999; attendance_price=none",
  });
  EXPECT_EQ(run_rule("CODE_INVALID", in), expected);
}

TEST(CodeInvalidRule, AcceptsACategoryCodeWhenTheListHoldsIt) {
  RuleInputs in;
  in.reference["opcs4"] = "CODE,SEX\nW40,\n";
  in.reference["icd10"] = "CODE,SEX,MIN_AGE,MAX_AGE,PRIMARY_OK,CHAPTER\nI50,,,,Y,IX\n";
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,I500,I50,,W401,W40,\n");
  EXPECT_EQ(run_rule("CODE_INVALID", in), std::vector<std::string>{});
}

TEST(CodeInvalidRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,I500,N183,J440,,,\n"
                         "S2,RXH,{P2},A81001,2025-03-10,2025-03-12,11,HN12B,M170,,,W401,H011,\n"
                         "S3,RXH,{P3},A81001,2025-03-10,2025-03-12,21,DZ22C,J189,Z515,,,,\n");
  in.op = with_patients(std::string(kOpHeader) + "O1,RXH,{P2},A81001,2025-05-01,1,110,,\n");
  EXPECT_EQ(run_rule("CODE_INVALID", in), std::vector<std::string>{});
}

// Each code list is only used when supplied; with neither the rule does not run at all.
TEST(CodeInvalidRule, ChecksOnlyTheCodeSystemsWhoseListWasSupplied) {
  const auto* rule = dynamic_cast<const RowRule*>(RuleRegistry::instance().find("CODE_INVALID"));
  ASSERT_NE(rule, nullptr);
  Reference ref;
  PracticeData practice;
  RuleOptions options;
  const RuleContext ctx{ref, practice, options};
  std::string why_not;
  EXPECT_FALSE(rule->can_run(ctx, why_not));
  EXPECT_EQ(why_not, "no icd10 or opcs4 reference table supplied");

  ApcRow row;
  row.id = "S1";
  row.diag[0] = Code::of("Q999");
  row.n_diag = 1;
  row.opertn[0] = Code::of("Z9");
  row.n_opertn = 1;
  Activity priced;
  priced.charged = 100000;

  ref.has_icd10 = true;  // an empty ICD-10 list: only the diagnosis is judged
  ChallengeSink out;
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "DIAG_01=Q999");

  ref.has_icd10 = false;
  ref.has_opcs4 = true;  // an empty OPCS-4 list: only the procedure is judged
  out.clear();
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "OPERTN_01=Z9");
}

}  // namespace
}  // namespace recon
