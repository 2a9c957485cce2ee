#pragma once
// What a run given --invoice keeps for the reconciliation (invoice_match.hpp): the invoice lines (read whole,
// like the practice files), the activity records some line may bill (looked up by the lines' record-id and
// patient keys, so that what is kept grows with the invoice, not with the activity), and, for each such
// record, the activity rules' challenges on it (for invoice_challenges.csv: challenged activity still
// billed).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/challenge.hpp"
#include "core/invoice.hpp"
#include "recon/engine/invoice_match.hpp"

namespace recon {

// The activity rules' verdict on one record: its rules (sorted, each once) and largest amount at risk.
struct ActivityChallenges {
  std::vector<std::string> rules;
  Pence largest = 0;
};

class InvoiceBook {
 public:
  explicit InvoiceBook(std::vector<InvoiceLine> lines);

  // Thread-safe (reads only): whether some line may bill this record.
  bool may_bill(const Activity& record, std::string_view id) const;
  // Serial (the row stage's merge step): keeps a record some line may bill.
  void keep(const Activity& record, std::string_view id);
  // Every challenge of the run as it is added to the list (under the list's lock): the ones on a kept
  // record are noted.
  void seen(const Challenge& challenge);

  const std::vector<InvoiceLine>& lines() const { return lines_; }
  // The kept records in input order (sorted once, after the activity rules).
  std::vector<BilledActivity>& activity() { return activity_; }
  const ActivityChallenges* challenges_on(SourcePos pos) const;

 private:
  static std::uint64_t pos_key(SourcePos p) { return (std::uint64_t{p.file} << 48) | p.line; }

  std::vector<InvoiceLine> lines_;
  std::unordered_set<std::string> id_keys_, patient_keys_;
  std::vector<BilledActivity> activity_;
  std::unordered_set<std::uint64_t> kept_;
  std::unordered_map<std::uint64_t, ActivityChallenges> challenged_;
};

}  // namespace recon
