#pragma once
// Wording shared by the invoice rules: what an invoice line bills, in a reason.
#include <string>

#include "rules/rule.hpp"

namespace recon::invoice_text {

// "an APC spell", "an outpatient attendance", "an A&E attendance".
inline std::string item_of(Dataset d) {
  switch (d) {
    case Dataset::kApc:
      return "an APC spell";
    case Dataset::kOp:
      return "an outpatient attendance";
    case Dataset::kAe:
      return "an A&E attendance";
  }
  return "an item";
}

// "Invoice line 12 of slam.csv (POD NEL, record S1)" -- the record only when the line names one.
inline std::string line_of(const InvoiceMatch& m) {
  std::string s = "Invoice line " + std::to_string(m.line.pos.line) + " of " + std::string(m.file) +
                  " (POD " + m.line.pod.str();
  if (!m.line.record_id.empty()) s += ", record " + m.line.record_id;
  return s + ")";
}

}  // namespace recon::invoice_text
