#pragma once
// One line of a provider's invoice (its SLAM file: the patient-level activity it bills), as read from an
// `--invoice` file (docs/invoice.md). The invoice is reconciled against the activity before payment
// (recon/engine/invoice_match.hpp).
#include <string>

#include "core/records.hpp"

namespace recon {

struct InvoiceLine {
  SourcePos pos;  // the invoice file and line: every invoice challenge names them
  Code procode;
  Dataset dataset = Dataset::kApc;  // from POD: the dataset itself or a SLAM point-of-delivery code
  Code pod;                         // POD as written (upper case)
  std::string record_id;            // the activity's record id; empty when the provider gave none
  // The patient as the activity gives it: an NHS number (`nhs`, 0 if none could be read) and the text's
  // pseudonym key (`pseudonym`, 0 if empty), so that a line matches pseudonymised activity too.
  NhsNumber nhs = 0;
  bool nhs_valid = false;
  NhsNumber pseudonym = 0;
  Day start = kNoDay;  // ADMIDATE / APPTDATE / ARRIVALDATE of the billed activity
  Day end = kNoDay;    // DISDATE (APC), when given
  Code hrg, tretspef;  // when given
  Pence amount = 0;    // billed
};

}  // namespace recon
