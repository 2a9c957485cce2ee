#pragma once
// What a run given --invoice keeps for the reconciliation (invoice_match.hpp): the invoice lines (read whole,
// like the practice files), the activity records some line may bill (looked up by the lines' record-id and
// patient keys, so that what is kept grows with the invoice, not with the activity), and, for each such
// record, the activity rules' challenges on it (for invoice_challenges.csv: challenged activity still
// billed).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/challenge.hpp"
#include "core/flat_u64_table.hpp"
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
  // The row stage's merge step (serial, in file order): one chunk's records some line may bill, kept, and
  // that chunk's challenges (the row rules') on them noted.
  void keep_chunk(std::vector<BilledActivity>& records, const std::vector<Challenge>& challenges);
  // After the row stage: the kept records indexed by position, so that seen() can look them up.
  void freeze();
  // After freeze(), every later challenge of the run as it is added to the list (under the list's lock):
  // the ones on a kept record are noted.
  void seen(const Challenge& challenge);

  const std::vector<InvoiceLine>& lines() const { return lines_; }
  // The kept records in input order (once frozen).
  const std::vector<BilledActivity>& activity() const { return activity_; }
  const ActivityChallenges* challenges_on(SourcePos pos) const;

 private:
  static std::uint64_t pos_key(SourcePos p) { return (std::uint64_t{p.file} << 48) | p.line; }
  void note(const Challenge& c);

  std::vector<InvoiceLine> lines_;
  FlatU64Table<std::uint8_t, 0> keys_;  // the lines' record-id and patient keys (never 0)
  std::vector<BilledActivity> activity_;
  // kNoRecord's key is all ones: the empty slot, never found.
  FlatU64Table<std::uint8_t, ~std::uint64_t{0}> kept_;
  std::unordered_map<std::uint64_t, ActivityChallenges> challenged_;  // the few challenged kept records
};

}  // namespace recon
