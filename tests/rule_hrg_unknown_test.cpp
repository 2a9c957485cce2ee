// HRG_UNKNOWN golden tests. Tariffs: APC EB03C non-elective 3000.00; OP by TRETSPEF 100/110/320/502; A&E
// VB01Z 350.00 and VB11Z 120.00.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,PRICE\n";
const char* const kOpHeader = "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n";
const char* const kAeHeader = "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n";

TEST(HrgUnknownRule, ChallengesActivityThatCannotBePricedAgainstTheTariff) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         // No HRG: with no PRICE recon could not price it either (0.00).
                         "S2,RXH,{P1},A81001,2025-04-10,2025-04-12,21,,\n"
                         "S3,RXH,{P1},A81001,2025-05-10,2025-05-12,21,,1200.00\n"
                         "S4,RXH,{P1},A81001,2025-06-10,2025-06-12,21,XX99Z,2500.00\n"
                         // Near-miss: HRGs are matched whatever their case.
                         "S5,RXH,{P1},A81001,2025-07-10,2025-07-12,21,eb03c,\n");
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P2},A81001,2025-05-01,1,999,,\n"
                        // Near-misses: a PRICE was submitted; a priced treatment function (the OP SUSHRG is
                        // not what prices outpatients).
                        "O2,RXH,{P2},A81001,2025-05-02,1,999,,120.00\n"
                        "O3,RXH,{P2},A81001,2025-05-03,1,110,XX99Z,\n"
                        "O4,RXH,{P2},A81001,2025-05-04,1,,,\n");
  in.ae = with_patients(std::string(kAeHeader) +
                        "A1,RXH,{P3},A81001,2025-06-01,VB99Z,200.00\n"
                        // Near-misses: a tariff HRG; no HRG (allowed for A&E by the data contract).
                        "A2,RXH,{P3},A81001,2025-06-02,VB01Z,\n"
                        "A3,RXH,{P3},A81001,2025-06-03,,100.00\n"
                        "A4,RXH,{P3},A81001,2025-06-04,VB99Z,\n");

  const std::string no_hrg =
      "\"The spell has no HRG (SUSHRG is empty), so it cannot be checked against the national tariff and is "
      "not payable as charged.\",SUSHRG=empty";
  const std::string ae_unknown =
      "\"HRG VB99Z is not in the A&E tariff, so the attendance cannot be priced and is not payable as "
      "charged.\",SUSHRG=VB99Z; tariff=tariff_ae";
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "HRG_UNKNOWN,HIGH,RXH,A81001,apc,S2,{P1},2025-04-10,0.00,0.00," + no_hrg,
      "HRG_UNKNOWN,HIGH,RXH,A81001,apc,S3,{P1},2025-05-10,1200.00,1200.00," + no_hrg,
      "HRG_UNKNOWN,HIGH,RXH,A81001,apc,S4,{P1},2025-06-10,2500.00,2500.00,\"HRG XX99Z is not in the APC "
      "tariff, so the spell cannot be priced and is not payable as charged.\",SUSHRG=XX99Z; "
      "tariff=tariff_apc",
      "HRG_UNKNOWN,HIGH,RXH,A81001,op,O1,{P2},2025-05-01,0.00,0.00,\"Treatment function 999 is not in the "
      "outpatient tariff and no PRICE was submitted, so the attendance cannot be priced.\",TRETSPEF=999; "
      "PRICE=absent; tariff=tariff_op",
      "HRG_UNKNOWN,HIGH,RXH,A81001,op,O4,{P2},2025-05-04,0.00,0.00,\"The attendance has no treatment "
      "function (TRETSPEF is empty) and no PRICE, so it cannot be priced from the outpatient tariff.\","
      "TRETSPEF=empty; PRICE=absent; tariff=tariff_op",
      "HRG_UNKNOWN,HIGH,RXH,A81001,ae,A1,{P3},2025-06-01,200.00,200.00," + ae_unknown,
      "HRG_UNKNOWN,HIGH,RXH,A81001,ae,A4,{P3},2025-06-04,0.00,0.00," + ae_unknown,
  });
  EXPECT_EQ(run_rule("HRG_UNKNOWN", in), expected);
}

TEST(HrgUnknownRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) + "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,11,HN12B,\n");
  in.op = with_patients(std::string(kOpHeader) + "O1,RXH,{P2},A81001,2025-05-01,2,320,,\n");
  in.ae = with_patients(std::string(kAeHeader) + "A1,RXH,{P3},A81001,2025-06-01,VB11Z,\n");
  EXPECT_EQ(run_rule("HRG_UNKNOWN", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
