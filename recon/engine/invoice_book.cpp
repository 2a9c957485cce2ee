#include "recon/engine/invoice_book.hpp"

#include <algorithm>

namespace recon {

InvoiceBook::InvoiceBook(std::vector<InvoiceLine> lines) : lines_(std::move(lines)) {
  std::sort(lines_.begin(), lines_.end(),
            [](const InvoiceLine& a, const InvoiceLine& b) { return a.pos < b.pos; });
  for (const InvoiceLine& line : lines_) {
    if (!line.record_id.empty()) id_keys_.insert(record_id_key(line.procode, line.dataset, line.record_id));
    for (NhsNumber patient : {line.nhs, line.pseudonym})
      if (patient != 0) patient_keys_.insert(patient_key(line.procode, line.dataset, patient, line.start));
  }
}

bool InvoiceBook::may_bill(const Activity& a, std::string_view id) const {
  if (id_keys_.contains(record_id_key(a.procode, a.dataset, id))) return true;
  return a.nhs != 0 && patient_keys_.contains(patient_key(a.procode, a.dataset, a.nhs, a.start));
}

void InvoiceBook::keep(const Activity& record, std::string_view id) {
  activity_.push_back({record, std::string(id)});
  kept_.insert(pos_key(record.pos));
}

void InvoiceBook::seen(const Challenge& c) {
  if (c.pos == kNoRecord || !kept_.contains(pos_key(c.pos))) return;
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
