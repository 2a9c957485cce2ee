// Unit tests of the invoice reconciliation's matching (recon/engine/invoice_match.hpp): record id first,
// then patient, provider, dataset and dates (and HRG / treatment function where the line gives them); one
// line per activity record, claimed in invoice order, record-id matches before patient matches.
#include "recon/engine/invoice_match.hpp"

#include <gtest/gtest.h>

#include "core/nhs_number.hpp"

namespace recon {
namespace {

constexpr NhsNumber kPatient = 9434765919;

BilledActivity record(std::uint64_t line, std::string id, Dataset dataset = Dataset::kApc,
                      NhsNumber nhs = kPatient, Day start = make_day(2025, 4, 1), const char* hrg = "EB03C") {
  BilledActivity b;
  b.record.pos = {1, line};
  b.record.procode = Code::of("RXH");
  b.record.dataset = dataset;
  b.record.nhs = nhs;
  b.record.start = start;
  b.record.end = dataset == Dataset::kApc ? start + 2 : start;
  b.record.hrg = Code::of(hrg);
  b.record.tretspef = Code::of("100");
  b.id = std::move(id);
  return b;
}

InvoiceLine line(std::uint64_t at, std::string id, NhsNumber nhs = kPatient,
                 Day start = make_day(2025, 4, 1)) {
  InvoiceLine l;
  l.pos = {0, at};
  l.procode = Code::of("RXH");
  l.dataset = Dataset::kApc;
  l.record_id = std::move(id);
  l.nhs = nhs;
  l.amount = 300000;
  l.start = start;
  return l;
}

using By = LineMatch::By;

TEST(InvoiceMatch, ByRecordIdThenByPatient) {
  const std::vector<BilledActivity> activity = {
      record(2, "S1"), record(3, "S2", Dataset::kApc, kPatient, make_day(2025, 5, 1))};
  const std::vector<InvoiceLine> lines = {line(2, "S2"), line(3, "", kPatient), line(4, "S9")};
  const std::vector<LineMatch> m = match_invoice(lines, activity);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].by, By::kRecordId);
  EXPECT_EQ(m[0].activity, 1);
  EXPECT_EQ(m[1].by, By::kPatient);  // the patient's spell on 2025-04-01
  EXPECT_EQ(m[1].activity, 0);
  EXPECT_EQ(m[2].by, By::kNone);  // S9: an id no activity has; its patient's spell is already claimed
  EXPECT_EQ(m[2].activity, -1);
  EXPECT_EQ(m[2].first_line, 1);  // ... by line 3: billed twice
}

TEST(InvoiceMatch, RecordIdMatchesClaimBeforePatientMatchesWhateverTheLineOrder) {
  const std::vector<BilledActivity> activity = {record(2, "S1")};
  const std::vector<InvoiceLine> lines = {line(2, ""), line(3, "S1")};
  const std::vector<LineMatch> m = match_invoice(lines, activity);
  EXPECT_EQ(m[1].by, By::kRecordId);
  EXPECT_EQ(m[1].activity, 0);
  EXPECT_EQ(m[0].activity, -1);
  EXPECT_EQ(m[0].first_line, 1);
}

TEST(InvoiceMatch, ARecordIsBilledOnceTheFirstLineInInvoiceOrderClaimsIt) {
  const std::vector<BilledActivity> activity = {record(2, "S1")};
  const std::vector<InvoiceLine> lines = {line(2, "S1"), line(3, "S1"), line(4, "S1")};
  const std::vector<LineMatch> m = match_invoice(lines, activity);
  EXPECT_EQ(m[0].activity, 0);
  EXPECT_EQ(m[1].first_line, 0);
  EXPECT_EQ(m[2].first_line, 0);
}

TEST(InvoiceMatch, CopiesOfOneRecordAreClaimedInInputOrder) {
  const std::vector<BilledActivity> activity = {record(2, "S1"), record(3, "S2")};
  const std::vector<InvoiceLine> lines = {line(2, ""), line(3, ""), line(4, "")};
  const std::vector<LineMatch> m = match_invoice(lines, activity);
  EXPECT_EQ(m[0].activity, 0);
  EXPECT_EQ(m[1].activity, 1);
  EXPECT_EQ(m[2].activity, -1);
  EXPECT_EQ(m[2].first_line, 0);
}

TEST(InvoiceMatch, APatientMatchAgreesWithWhatTheLineGives) {
  const std::vector<BilledActivity> activity = {record(2, "S1")};
  InvoiceLine other_hrg = line(2, ""), other_discharge = line(3, ""), other_provider = line(4, ""),
              other_dataset = line(5, ""), agrees = line(6, "");
  other_hrg.hrg = Code::of("EB03D");
  other_discharge.end = make_day(2025, 4, 9);
  other_provider.procode = Code::of("RTH");
  other_dataset.dataset = Dataset::kOp;
  agrees.hrg = Code::of("EB03C");
  agrees.end = make_day(2025, 4, 3);
  agrees.tretspef = Code::of("100");
  const std::vector<LineMatch> m =
      match_invoice(std::vector{other_hrg, other_discharge, other_provider, other_dataset, agrees}, activity);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(m[static_cast<std::size_t>(i)].activity, -1) << i;
    EXPECT_EQ(m[static_cast<std::size_t>(i)].first_line, -1) << i;  // nothing to bill twice: no match at all
  }
  EXPECT_EQ(m[4].by, By::kPatient);
}

TEST(InvoiceMatch, RecordIdsAreComparedWholeAndPerProviderAndDataset) {
  const std::vector<BilledActivity> activity = {record(2, "S1"), record(3, "S1", Dataset::kOp)};
  InvoiceLine op = line(2, "S1");
  op.dataset = Dataset::kOp;
  InvoiceLine prefix = line(3, "S", 0), rth = line(4, "S1", 0);
  rth.procode = Code::of("RTH");
  const std::vector<LineMatch> m = match_invoice(std::vector{op, prefix, rth}, activity);
  EXPECT_EQ(m[0].activity, 1);
  EXPECT_EQ(m[1].activity, -1);
  EXPECT_EQ(m[2].activity, -1);
}

TEST(InvoiceMatch, APseudonymMatchesPseudonymisedActivity) {
  const NhsNumber key = pseudonym_key("0A1B2C3D4E");
  const std::vector<BilledActivity> activity = {record(2, "S1", Dataset::kApc, key)};
  InvoiceLine l = line(2, "", 0);
  l.pseudonym = key;
  const std::vector<LineMatch> m = match_invoice(std::vector{l}, activity);
  EXPECT_EQ(m[0].by, By::kPatient);
  EXPECT_EQ(m[0].activity, 0);
}

}  // namespace
}  // namespace recon
