#include "recon/engine/invoice_book.hpp"

#include <algorithm>

namespace recon {

InvoiceBook::InvoiceBook(std::vector<InvoiceLine> lines) : lines_(std::move(lines)) {
  std::sort(lines_.begin(), lines_.end(),
            [](const InvoiceLine& a, const InvoiceLine& b) { return a.pos < b.pos; });
  std::vector<std::uint64_t> keys;
  for (const InvoiceLine& line : lines_) {
    if (!line.record_id.empty()) keys.push_back(record_id_key(line.procode, line.dataset, line.record_id));
    for (NhsNumber patient : {line.nhs, line.pseudonym})
      if (patient != 0) keys.push_back(patient_key(line.procode, line.dataset, patient, line.start));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys_.reset(keys.size());
  for (std::uint64_t key : keys) keys_.insert(key, 1);
}

bool InvoiceBook::may_bill(const Activity& a, std::string_view id) const {
  if (keys_.find(record_id_key(a.procode, a.dataset, id))) return true;
  return a.nhs != 0 && keys_.find(patient_key(a.procode, a.dataset, a.nhs, a.start));
}

void InvoiceBook::keep_chunk(std::vector<BilledActivity>& records, const std::vector<Challenge>& challenges) {
  if (records.empty()) return;
  // A chunk's records are few: its challenges are matched to them by a search of their positions.
  std::vector<std::uint64_t> kept;
  for (const BilledActivity& b : records) kept.push_back(pos_key(b.record.pos));
  std::sort(kept.begin(), kept.end());
  for (const Challenge& c : challenges)
    if (c.pos != kNoRecord && std::binary_search(kept.begin(), kept.end(), pos_key(c.pos))) note(c);
  for (BilledActivity& b : records) activity_.push_back(std::move(b));
  records.clear();
}

void InvoiceBook::freeze() {
  std::sort(activity_.begin(), activity_.end(),
            [](const BilledActivity& a, const BilledActivity& b) { return a.record.pos < b.record.pos; });
  kept_.reset(activity_.size());
  for (std::size_t i = 0; i < activity_.size(); ++i) {
    const std::uint64_t key = pos_key(activity_[i].record.pos);
    if (i == 0 || pos_key(activity_[i - 1].record.pos) != key) kept_.insert(key, 1);
  }
}

void InvoiceBook::seen(const Challenge& c) {
  if (kept_.find(pos_key(c.pos))) note(c);
}

void InvoiceBook::note(const Challenge& c) {
  ActivityChallenges& on = challenged_[pos_key(c.pos)];
  const auto at = std::lower_bound(on.rules.begin(), on.rules.end(), c.rule);
  if (at == on.rules.end() || *at != c.rule) on.rules.insert(at, c.rule);
  on.largest = std::max(on.largest, c.challenged);
}

const ActivityChallenges* InvoiceBook::challenges_on(SourcePos pos) const {
  const auto it = challenged_.find(pos_key(pos));
  return it == challenged_.end() ? nullptr : &it->second;
}

}  // namespace recon
