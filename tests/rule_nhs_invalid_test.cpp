// NHS_INVALID golden tests. Tariff: EB03C non-elective 3000.00; OP TRETSPEF 100 follow-up 90.00; A&E VB01Z
// 350.00.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,PRICE\n";
const char* const kOpHeader = "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,TRETSPEF,PRICE\n";
const char* const kAeHeader = "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n";

const char* const kReasonTail =
    ": the activity cannot be attributed to a registered patient, so the commissioner does not pay it.";

// A well-formed number with a wrong check digit (the check digit of a valid number is unique).
std::string failing_modulus_11(int seed) {
  std::string n = testing::valid_nhs(seed);
  n[9] = n[9] == '9' ? '0' : static_cast<char>(n[9] + 1);
  return n;
}

// The valid number of patient 1 written 3-3-4 with spaces, as on a letter.
std::string spaced(const std::string& n) { return n.substr(0, 3) + ' ' + n.substr(3, 3) + ' ' + n.substr(6); }

TEST(NhsInvalidRule, ChallengesMissingMalformedFailingAndRepeatedDigitNumbersAtTheFullCharge) {
  const std::string bad = failing_modulus_11(4);
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         // Near-misses: valid numbers, plain and with the usual spaces.
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S2,RXH," +
                         spaced(testing::valid_nhs(1)) +
                         ",A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S3,RXH,,A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S4,RXH,12345,A81001,2025-03-10,2025-03-12,21,EB03C,1234.50\n"
                         "S5,RXH,NHS1234567,A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S6,RXH," +
                         bad +
                         ",A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S7,RXH,4444444444,A81001,2025-03-10,2025-03-12,21,EB03C,\n"
                         "S8,RXH,000 000 0000,A81001,2025-03-10,2025-03-12,21,EB03C,\n");
  in.op = with_patients(std::string(kOpHeader) +
                        "O1,RXH,{P2},A81001,2025-05-01,2,100,\n"
                        "O2,RXH,,A81001,2025-05-01,2,100,\n");
  in.ae = with_patients(std::string(kAeHeader) +
                        "A1,RXH,{P3},A81001,2025-06-01,VB01Z,\n"
                        "A2,RXH,123-456-789,A81001,2025-06-01,VB01Z,\n");

  const std::string tail = kReasonTail;
  const std::vector<std::string> expected{
      "NHS_INVALID,HIGH,RXH,A81001,apc,S3,,2025-03-10,3000.00,3000.00,\"The NHS number is missing" + tail +
          "\",nhs_check=missing",
      "NHS_INVALID,HIGH,RXH,A81001,apc,S4,,2025-03-10,1234.50,1234.50,\"The NHS number is not a 10-digit "
      "number" +
          tail + "\",nhs_check=not_10_digits",
      "NHS_INVALID,HIGH,RXH,A81001,apc,S5,,2025-03-10,3000.00,3000.00,\"The NHS number is not a 10-digit "
      "number" +
          tail + "\",nhs_check=not_10_digits",
      // A well-formed number that fails is shown in the NHSNUMBER column (never in REASON or EVIDENCE).
      "NHS_INVALID,HIGH,RXH,A81001,apc,S6," + bad +
          ",2025-03-10,3000.00,3000.00,\"The NHS number fails the Modulus 11 check digit, so it is not a "
          "real NHS number" +
          tail + "\",nhs_check=modulus_11",
      "NHS_INVALID,HIGH,RXH,A81001,apc,S7,4444444444,2025-03-10,3000.00,3000.00,\"The NHS number is a "
      "single digit repeated ten times, which is never issued" +
          tail + "\",nhs_check=repeated_digit",
      // 0000000000 is held as 0, which the output writes as an empty NHSNUMBER.
      "NHS_INVALID,HIGH,RXH,A81001,apc,S8,,2025-03-10,3000.00,3000.00,\"The NHS number is a "
      "single digit repeated ten times, which is never issued" +
          tail + "\",nhs_check=repeated_digit",
      "NHS_INVALID,HIGH,RXH,A81001,op,O2,,2025-05-01,90.00,90.00,\"The NHS number is missing" + tail +
          "\",nhs_check=missing",
      "NHS_INVALID,HIGH,RXH,A81001,ae,A2,,2025-06-01,350.00,350.00,\"The NHS number is not a 10-digit "
      "number" +
          tail + "\",nhs_check=not_10_digits",
  };
  EXPECT_EQ(run_rule("NHS_INVALID", in), expected);
}

TEST(NhsInvalidRule, DoesNotFireOnValidNumbers) {
  RuleInputs in;
  std::string apc = kApcHeader;
  for (int p = 1; p <= 40; ++p)
    apc += "S" + std::to_string(p) + ",RXH," + testing::valid_nhs(p) +
           ",A81001,2025-03-10,2025-03-12,21,EB03C,\n";
  in.apc = apc;
  EXPECT_EQ(run_rule("NHS_INVALID", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
