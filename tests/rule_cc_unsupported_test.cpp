// CC_UNSUPPORTED golden tests. Reference (tests/data/reference): cc_scores E11 2, I48 3, N18 4, J44 3, I10 1;
// bands EB03A 14-99, B 11-13, C 8-10, D 4-7, E 0-3 and DZ22A 9-99, B 5-8, C 0-4; non-elective tariff EB03A
// 5000 .. EB03E 1500 (elective 4000 .. 1000), DZ22A 3500, B 2400, C 1600.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/rule_harness.hpp"

namespace recon {
namespace {

using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

constexpr const char* kHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,SUSHRG,DIAG_01,DIAG_02,"
    "DIAG_03,DIAG_04,PRICE\n";

// A 3-day stay admitted 2025-04-01; `rest` =
// "ADMIMETH,CLASSPAT,SUSHRG,DIAG_01,DIAG_02,DIAG_03,DIAG_04,PRICE".
std::string spell(const std::string& id, int patient, const std::string& rest) {
  return id + ",RXH," + valid_nhs(patient) + ",1950-01-01,1,A81001,2025-04-01,2025-04-04," + rest + "\n";
}
std::string nhs(int patient) { return valid_nhs(patient); }

TEST(CcUnsupportedRule, FlagsSplitsTheSecondaryDiagnosesCannotReach) {
  RuleInputs in;
  in.apc = std::string(kHeader) +
           spell("S1", 1, "21,1,EB03C,I500,I48,E11.9,,") +     // 3 + 2 = 5 < 8: supports EB03D
           spell("S2", 2, "21,1,EB03C,I500,I48,E119,N183,") +  // 9: inside 8-10
           spell("S3", 3, "21,1,EB03D,I500,I48,I10,,") +       // 4: exactly MIN_SCORE
           spell("S4", 4, "21,1,EB03D,I500,I48,I48,,") +       // a repeated code counts once: 3 < 4
           spell("S5", 5, "11,1,EB03A,I500,,,,6000.00") +      // no secondary diagnoses, charged 6000
           spell("S6", 6, "21,1,EB03E,I500,I48,N183,E119,") +  // 9 above EB03E's 0-3: under-coded, not ours
           spell("S7", 7, "21,1,XX01A,I500,,,,900.00") +       // no CC band
           spell("S8", 8, "21,1,EB03D,I48,I48,I10,,") +        // the primary repeated is no comorbidity: 1
           spell("S9", 9, "21,1,DZ22A,J189,J440,N183,,");      // 3 + 4 = 7 < 9: supports DZ22B
  const std::vector<std::string> expected{
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S1," + nhs(1) +
          ",2025-04-01,3000.00,1000.00,\"Spell S1 is charged as EB03C, the split for a CC score of 8-10, but "
          "its secondary diagnoses score only 5 (I48 scores 3, E119 scores 2). That score supports EB03D "
          "(2000.00 for this admission method, patient class and length of stay), so the 1000.00 charged "
          "above "
          "it is at risk.\",\"hrg=EB03C; band=8-10; cc_score=5; cc_codes=I48:3, E119:2; supported_hrg=EB03D; "
          "supported_price=2000.00\"",
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S4," + nhs(4) +
          ",2025-04-01,2000.00,500.00,\"Spell S4 is charged as EB03D, the split for a CC score of 4-7, but "
          "its "
          "secondary diagnoses score only 3 (I48 scores 3). That score supports EB03E (1500.00 for this "
          "admission method, patient class and length of stay), so the 500.00 charged above it is at risk.\","
          "hrg=EB03D; band=4-7; cc_score=3; cc_codes=I48:3; supported_hrg=EB03E; supported_price=1500.00",
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S5," + nhs(5) +
          ",2025-04-01,6000.00,5000.00,\"Spell S5 is charged as EB03A, the split for a CC score of 14-99, "
          "but "
          "its secondary diagnoses carry no CC score. That score supports EB03E (1000.00 for this admission "
          "method, patient class and length of stay), so the 5000.00 charged above it is at "
          "risk.\",hrg=EB03A; "
          "band=14-99; cc_score=0; cc_codes=none; supported_hrg=EB03E; supported_price=1000.00",
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S8," + nhs(8) +
          ",2025-04-01,2000.00,500.00,\"Spell S8 is charged as EB03D, the split for a CC score of 4-7, but "
          "its "
          "secondary diagnoses score only 1 (I10 scores 1). That score supports EB03E (1500.00 for this "
          "admission method, patient class and length of stay), so the 500.00 charged above it is at risk.\","
          "hrg=EB03D; band=4-7; cc_score=1; cc_codes=I10:1; supported_hrg=EB03E; supported_price=1500.00",
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S9," + nhs(9) +
          ",2025-04-01,3500.00,1100.00,\"Spell S9 is charged as DZ22A, the split for a CC score of 9-99, but "
          "its secondary diagnoses score only 7 (J440 scores 3, N183 scores 4). That score supports DZ22B "
          "(2400.00 for this admission method, patient class and length of stay), so the 1100.00 charged "
          "above "
          "it is at risk.\",\"hrg=DZ22A; band=9-99; cc_score=7; cc_codes=J440:3, N183:4; "
          "supported_hrg=DZ22B; "
          "supported_price=2400.00\""};
  EXPECT_EQ(run_rule("CC_UNSUPPORTED", in), expected);
}

TEST(CcUnsupportedRule, CleanSpellsDoNotFire) {
  RuleInputs in;
  in.apc = std::string(kHeader) + spell("S1", 1, "21,1,EB03B,I500,I48,E119,N183,J440") +  // 12 in 11-13
           spell("S2", 2, "21,1,EB03E,I500,,,,") + spell("S3", 3, "11,2,HN12A,M170,E119,,,");
  EXPECT_EQ(run_rule("CC_UNSUPPORTED", in), std::vector<std::string>{});
}

TEST(CcUnsupportedRule, SupportedSplitTheTariffDoesNotPriceLeavesNothingAtRisk) {
  RuleInputs in;
  in.reference["tariff_apc"] =
      "HRG,NAME,DAYCASE,ELECTIVE,NONELECTIVE,EL_TRIM,NEL_TRIM,EXCESS_BED_DAY,SSEM\n"
      "EB03C,Heart Failure 8-10,,2000.00,3000.00,12,15,300.00,\n";
  in.apc = std::string(kHeader) + spell("S1", 1, "21,1,EB03C,I500,I48,,,");
  const std::vector<std::string> expected{
      "CC_UNSUPPORTED,HIGH,RXH,A81001,apc,S1," + nhs(1) +
      ",2025-04-01,3000.00,0.00,\"Spell S1 is charged as EB03C, the split for a CC score of 8-10, but its "
      "secondary diagnoses score only 3 (I48 scores 3). That score supports EB03E, which the APC tariff does "
      "not price, so the amount at risk cannot be priced.\",hrg=EB03C; band=8-10; cc_score=3; "
      "cc_codes=I48:3; "
      "supported_hrg=EB03E; supported_price=none"};
  EXPECT_EQ(run_rule("CC_UNSUPPORTED", in), expected);
}

}  // namespace
}  // namespace recon
