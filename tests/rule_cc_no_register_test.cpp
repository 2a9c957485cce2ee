// CC_NO_REGISTER golden tests. Reference (tests/data/reference): cc_scores E11 2, I48 3, N18 4, J44 3, I10 1;
// qof_map E11 DM, I48 AF, N18 CKD, J44 COPD, I10 HYP; bands EB03C 8-10, D 4-7, E 0-3; non-elective tariff
// EB03C 3000, D 2000, E 1500.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/rule_harness.hpp"

namespace recon {
namespace {

using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

constexpr const char* kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,SUSHRG,DIAG_01,DIAG_02,"
    "DIAG_03,DIAG_04,DIAG_05\n";
constexpr const char* kRegisterHeader = "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n";
constexpr const char* kConditionsHeader = "NHSNUMBER,GPPRAC,REGISTER,FROMDATE\n";

std::string nhs(int patient) { return valid_nhs(patient); }
// Emergency admission 2025-04-01, discharged 2025-04-04; `rest` = "SUSHRG,DIAG_01,..,DIAG_05".
std::string spell(const std::string& id, int patient, const std::string& gpprac, const std::string& rest) {
  return id + ",RXH," + nhs(patient) + ",1950-01-01,1," + gpprac + ",2025-04-01,2025-04-04,21,1," + rest +
         "\n";
}
std::string registered(int patient, const std::string& gpprac, const std::string& from = "2015-01-01") {
  return nhs(patient) + "," + gpprac + ",1950-01-01,1," + from + ",,\n";
}
std::string condition(int patient, const std::string& gpprac, const std::string& reg,
                      const std::string& from = "2020-01-01") {
  return nhs(patient) + "," + gpprac + "," + reg + "," + from + "\n";
}

// EB03C (8-10) on I48 (AF, 3) + E119 (DM, 2) + N183 (CKD, 4) = 9; without N183: 5, EB03D.
const std::string kNine = "EB03C,I500,I48,E119,N183,";

TEST(CcNoRegisterRule, QueriesComorbiditiesTheGpDoesNotHoldOnlyWhereTheGpCanSay) {
  RuleInputs in;
  in.apc = std::string(kApcHeader) + spell("N1", 1, "A81001", kNine) +  // no CKD on A81001's register: fires
           spell("N2", 2, "A81001", kNine) +                            // CKD on the register
           spell("N3", 3, "A81001", kNine) +  // registered with A81002, not A81001: A81001 holds no record
           spell("N4", 4, "A81001", kNine) +  // CKD entered 2025-05-01, within 90 days of discharge
           spell("N5", 5, "A81001", kNine) +  // CKD entered 2025-08-01, beyond: fires
           spell("N6", 6, "A81009", kNine) +  // A81009 supplied no disease registers
           spell("N7", 7, "A81001", "EB03C,I500,I48,E119,N183,J440") +  // 12; without N183 8 = MIN: holds
           spell("N8", 8, "A81001", "EB03C,I500,I48,E119,,") +          // 5 < 8: CC_UNSUPPORTED's business
           spell("N9", 9, "A81001", "EB03E,I500,N183,,,") +             // lowest split
           spell("N10", 10, "A81001", kNine) +                          // registered only after admission
           spell("N11", 11, "A81001", "EB03C,I500,I48,E119,N183,") +    // nothing on any register: fires
           spell("N12", 12, "A81001", kNine);                           // CKD only at another practice: fires
  in.register_ = std::string(kRegisterHeader) + registered(1, "A81001") + registered(2, "A81001") +
                 registered(3, "A81002") + registered(4, "A81001") + registered(5, "A81001") +
                 registered(6, "A81009") + registered(7, "A81001") + registered(8, "A81001") +
                 registered(9, "A81001") + registered(10, "A81001", "2025-04-02") + registered(11, "A81001") +
                 registered(12, "A81001");
  in.conditions = std::string(kConditionsHeader) + condition(1, "A81001", "AF") +
                  condition(1, "A81001", "DM") + condition(2, "A81001", "AF") + condition(2, "A81001", "DM") +
                  condition(2, "A81001", "CKD") + condition(3, "A81002", "AF") +
                  condition(3, "A81002", "DM") + condition(4, "A81001", "AF") + condition(4, "A81001", "DM") +
                  condition(4, "A81001", "CKD", "2025-05-01") + condition(5, "A81001", "AF") +
                  condition(5, "A81001", "DM") + condition(5, "A81001", "CKD", "2025-08-01") +
                  condition(7, "A81001", "AF") + condition(7, "A81001", "DM") +
                  condition(7, "A81001", "COPD") + condition(10, "A81001", "AF") +
                  condition(10, "A81001", "DM") + condition(12, "A81001", "AF") +
                  condition(12, "A81001", "DM") + condition(12, "A81002", "CKD");
  const std::string ckd_reason =
      " is charged as EB03C, the split for a CC score of 8-10, with secondary diagnoses scoring 9 (I48 "
      "scores "
      "3, E119 scores 2, N183 scores 4), but the patient's practice A81001 does not have the patient on its "
      "CKD "
      "register (coded N183) by 90 days after the discharge on 2025-04-04. Without N183 the CC score is 5. "
      "That "
      "score supports EB03D (2000.00 for this admission method, patient class and length of stay), so the "
      "1000.00 charged above it is at risk. The disease registers are evidence only the GP holds: the "
      "provider "
      "is asked to substantiate the comorbidities.\",\"";
  const std::string ckd_evidence =
      "hrg=EB03C; band=8-10; cc_score=9; cc_codes=I48:3, E119:2, N183:4; unregistered_codes=N183:4; "
      "missing_registers=CKD; score_without=5; supported_hrg=EB03D; supported_price=2000.00\"";
  auto row = [](const std::string& id, int patient) {
    return "CC_NO_REGISTER,MEDIUM,RXH,A81001,apc," + id + "," + nhs(patient) + ",2025-04-01,3000.00,1000.00,";
  };
  const std::vector<std::string> expected{
      row("N1", 1) + "\"Spell N1" + ckd_reason + ckd_evidence,
      row("N5", 5) + "\"Spell N5" + ckd_reason + ckd_evidence,
      "CC_NO_REGISTER,MEDIUM,RXH,A81001,apc,N11," + nhs(11) +
          ",2025-04-01,3000.00,1500.00,\"Spell N11 is charged as EB03C, the split for a CC score of 8-10, "
          "with "
          "secondary diagnoses scoring 9 (I48 scores 3, E119 scores 2, N183 scores 4), but the patient's "
          "practice A81001 does not have the patient on its AF, DM and CKD registers (coded I48, E119, N183) "
          "by "
          "90 days after the discharge on 2025-04-04. Without I48, E119, N183 the CC score is 0. That score "
          "supports EB03E (1500.00 for this admission method, patient class and length of stay), so the "
          "1500.00 charged above it is at risk. The disease registers are evidence only the GP holds: the "
          "provider is asked to substantiate the comorbidities.\",\"hrg=EB03C; band=8-10; cc_score=9; "
          "cc_codes=I48:3, E119:2, N183:4; unregistered_codes=I48:3, E119:2, N183:4; "
          "missing_registers=AF,DM,CKD; score_without=0; supported_hrg=EB03E; supported_price=1500.00\"",
      row("N12", 12) + "\"Spell N12" + ckd_reason + ckd_evidence};
  EXPECT_EQ(run_rule("CC_NO_REGISTER", in), expected);
}

TEST(CcNoRegisterRule, CodesWithoutARegisterAreTakenAsCoded) {
  // J18 scores 5 but belongs to no QOF register: J189 (5) + I48 (3) = 8 holds EB03C without the GP's word.
  RuleInputs in;
  in.reference["cc_scores"] = "CODE,SCORE\nE11,2\nI48,3\nN18,4\nJ44,3\nI10,1\nJ18,5\n";
  in.apc = std::string(kApcHeader) + spell("N1", 1, "A81001", "EB03C,I500,J189,I48,,") +
           spell("N2", 2, "A81001", "EB03C,I500,J189,N183,,");  // 9; without N183: 5
  in.register_ = std::string(kRegisterHeader) + registered(1, "A81001") + registered(2, "A81001");
  in.conditions =
      std::string(kConditionsHeader) + condition(1, "A81001", "AF") + condition(2, "A81001", "HF");
  const std::vector<std::string> rows = run_rule("CC_NO_REGISTER", in);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find(",N2,"), std::string::npos) << rows[0];
  EXPECT_NE(rows[0].find("cc_codes=J189:5, N183:4; unregistered_codes=N183:4; missing_registers=CKD; "
                         "score_without=5; supported_hrg=EB03D"),
            std::string::npos)
      << rows[0];
}

TEST(CcNoRegisterRule, DoesNotRunWithoutTheDiseaseRegisters) {
  RuleInputs in;
  in.apc = std::string(kApcHeader) + spell("N1", 1, "A81001", kNine);
  in.register_ = std::string(kRegisterHeader) + registered(1, "A81001");
  EXPECT_EQ(run_rule("CC_NO_REGISTER", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
