// The cross-record rules give byte-identical challenge lists whatever the thread count: a few hundred rows
// across many patients, interleaved in the input, with duplicates, same-day readmissions, 30-day
// readmissions, overlapping spells and repeat outpatient firsts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/day.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

// Written out rather than "E" + std::to_string(p), which trips a GCC 12 -Wrestrict false positive.
std::string id(const char* prefix, int p) {
  std::string s(prefix);
  s += std::to_string(p);
  return s;
}

RuleInputs mixed_history(int patients) {
  RuleInputs in;
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,TRETSPEF,SUSHRG,DIAG_01,"
      "PRICE\n";
  in.op = "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n";
  in.ae = "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,AEATTENDCAT,SUSHRG,PRICE\n";
  in.referrals = "NHSNUMBER,GPPRAC,REFDATE,PROCODE3,TRETSPEF\n";
  const Day base = make_day(2025, 4, 1);
  auto apc = [&](const std::string& id, int p, const char* procode, int from, int to, const char* method,
                 const char* hrg, const char* diag) {
    in.apc += id + "," + procode + "," + valid_nhs(p) + ",1960-01-01,A81001," + format_day(base + from) +
              "," + format_day(base + to) + "," + method + ",1,300," + hrg + "," + diag + ",\n";
  };
  auto op = [&](const std::string& id, int p, int day, const char* firstatt, const char* tretspef) {
    in.op += id + ",RXH," + valid_nhs(p) + ",A81001," + format_day(base + day) + ",5," + firstatt + "," +
             tretspef + ",WF01B,\n";
  };
  // Each pass adds one kind of record for every patient, so a patient's records are spread over the file.
  for (int p = 1; p <= patients; ++p) apc(id("E", p), p, "RXH", p % 7, p % 7 + 2, "11", "HN12B", "M170");
  for (int p = 1; p <= patients; ++p)  // emergency readmission 1..40 days after the elective discharge
    apc(id("R", p), p, "RXH", p % 7 + 2 + p % 40 + 1, p % 7 + 5 + p % 40, "21", "DZ22C", "J189");
  for (int p = 1; p <= patients; p += 3)  // resubmitted elective spell
    apc(id("E", p) + "x", p, "RXH", p % 7, p % 7 + 2, "11", "HN12B", "M170");
  for (int p = 2; p <= patients; p += 4)  // same-day readmission after the elective spell
    apc(id("S", p), p, "RXH", p % 7 + 2, p % 7 + 3, "21", "EB03E", "I500");
  for (int p = 3; p <= patients; p += 5)  // overlapping spell at another provider
    apc(id("V", p), p, "RXQ", p % 7 + 1, p % 7 + 4, "21", "EB03D", "I500");
  for (int p = 1; p <= patients; ++p) op(id("F", p), p, 60, "1", p % 2 ? "100" : "110");
  for (int p = 1; p <= patients; ++p) op(id("U", p), p, 90, "2", p % 2 ? "100" : "110");
  for (int p = 1; p <= patients; ++p) op(id("N", p), p, 120 + p, "1", p % 2 ? "100" : "110");
  for (int p = 4; p <= patients; p += 6) op(id("U", p) + "x", p, 90, "2", "110");
  for (int p = 5; p <= patients; p += 4)
    in.referrals += valid_nhs(p) + ",A81001," + format_day(base + 100) + ",RXH,\n";
  for (int p = 1; p <= patients; ++p)
    for (int copy = 0; copy < 1 + (p % 3 == 0); ++copy)
      in.ae += id("A", p) + "_" + std::to_string(copy) + ",RXH," + valid_nhs(p) + ",A81001," +
               format_day(base + 200) + ",1,VB11Z,\n";
  return in;
}

TEST(PatientRulesDeterminism, SameChallengesWithOneAndFourThreads) {
  RuleInputs in = mixed_history(80);
  for (const char* rule : {"DUP", "OVERLAP", "SPLIT", "READMIT", "OPFIRST"}) {
    in.threads = 1;
    const std::vector<std::string> one = run_rule(rule, in);
    in.threads = 4;
    const std::vector<std::string> four = run_rule(rule, in);
    EXPECT_FALSE(one.empty()) << rule;
    EXPECT_EQ(one, four) << rule;
  }
}

}  // namespace
}  // namespace recon
