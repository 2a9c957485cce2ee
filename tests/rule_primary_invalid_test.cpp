// PRIMARY_INVALID golden tests. Reference: B962 has PRIMARY_OK = N. Tariff: EB03C non-elective 3000.00.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,SUSHRG,DIAG_01,DIAG_02,PRICE\n";

TEST(PrimaryInvalidRule, ChallengesAMissingPrimaryAndOneNotAllowedAsPrimary) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         // DIAG_01 empty although a secondary diagnosis is present.
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,,I10,\n"
                         "S2,RXH,{P1},A81001,2025-04-10,2025-04-12,21,EB03C,B96.2,I500,2800.00\n"
                         // B9620 is matched by its listed parent B962.
                         "S3,RXH,{P1},A81001,2025-05-10,2025-05-12,21,EB03C,B9620,I500,\n"
                         // Near-misses: a valid primary; B962 as a secondary; a primary not in the list at
                         // all (CODE_INVALID's business); a malformed primary (also CODE_INVALID's).
                         "S4,RXH,{P1},A81001,2025-06-10,2025-06-12,21,EB03C,I500,B962,\n"
                         "S5,RXH,{P1},A81001,2025-07-10,2025-07-12,21,EB03C,Q999,,\n"
                         "S6,RXH,{P1},A81001,2025-08-10,2025-08-12,21,EB03C,12,,\n");
  const std::string tail = ", so the spell cannot be grouped to a valid HRG and is not payable as charged.";
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      "PRIMARY_INVALID,HIGH,RXH,A81001,apc,S1,{P1},2025-03-10,3000.00,3000.00,\"The spell has no primary "
      "diagnosis (DIAG_01 is empty), so it cannot be grouped to a valid HRG and is not payable as charged.\","
      "DIAG_01=empty",
      "PRIMARY_INVALID,HIGH,RXH,A81001,apc,S2,{P1},2025-04-10,2800.00,2800.00,\"DIAG_01 B962 is not allowed "
      "as a primary diagnosis (it only adds detail to the main condition treated)" +
          tail + "\",DIAG_01=B962; PRIMARY_OK=N",
      "PRIMARY_INVALID,HIGH,RXH,A81001,apc,S3,{P1},2025-05-10,3000.00,3000.00,\"DIAG_01 B9620 is not allowed "
      "as a primary diagnosis (it only adds detail to the main condition treated)" +
          tail + "\",DIAG_01=B9620; PRIMARY_OK=N",
  });
  EXPECT_EQ(run_rule("PRIMARY_INVALID", in), expected);
}

TEST(PrimaryInvalidRule, DoesNotFireOnCleanRows) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-03-10,2025-03-12,21,EB03C,I500,E119,\n"
                         "S2,RXH,{P2},A81001,2025-03-10,2025-03-12,21,DZ22C,J18.9,,\n"
                         "S3,RXH,{P3},A81001,2025-03-10,2025-03-12,21,EB03C,Z515,B962,\n");
  EXPECT_EQ(run_rule("PRIMARY_INVALID", in), std::vector<std::string>{});
}

// Without the icd10 table only the missing primary can be judged.
TEST(PrimaryInvalidRule, WithoutTheIcd10ListOnlyAMissingPrimaryFires) {
  const auto* rule = dynamic_cast<const RowRule*>(RuleRegistry::instance().find("PRIMARY_INVALID"));
  ASSERT_NE(rule, nullptr);
  Reference ref;
  ref.icd10[Code::of("B962")] = Icd10Info{0, -1, -1, false, {}};  // present but not supplied as a table
  PracticeData practice;
  RuleOptions options;
  const RuleContext ctx{ref, practice, options};
  ApcRow row;
  row.id = "S1";
  row.diag[0] = Code::of("B962");
  row.n_diag = 1;
  Activity priced;
  ChallengeSink out;
  rule->check_apc(row, priced, ctx, out);
  EXPECT_TRUE(out.empty());
  row.diag[0] = Code{};
  rule->check_apc(row, priced, ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, "DIAG_01=empty");
}

}  // namespace
}  // namespace recon
