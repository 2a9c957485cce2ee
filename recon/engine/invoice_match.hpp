#pragma once
// Invoice reconciliation: which activity record each line of the provider's invoice bills (docs/invoice.md).
//
//  1. By record id: a line that names one is matched to an activity record of the same provider, dataset
//     and record id.
//  2. Otherwise, and for a line whose record id is in no activity record of its provider and dataset: by
//     patient (NHS number, or the pseudonym the activity carries), provider, dataset and activity date,
//     and, where the line gives them, discharge date (APC), HRG and treatment function.
//  3. Each activity record is billed by at most one line. Lines claim records in invoice order (file, then
//     line), all record-id matches before any patient match; of several records a line could bill it takes
//     the first in input order that no earlier line claimed. A line whose candidate records are all claimed
//     already bills one item twice, and is told the first line that claimed them.
// The result depends only on the lines and records, not on the order they arrive in: deterministic whatever
// the threads or chunk sizes.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/invoice.hpp"
#include "core/records.hpp"

namespace recon {

// An activity record an invoice line may bill, with its record id.
struct BilledActivity {
  Activity record;
  std::string id;
};

struct LineMatch {
  enum class By : std::uint8_t { kNone, kRecordId, kPatient };
  By by = By::kNone;
  std::int64_t activity = -1;    // index into the activity span; -1 when none
  std::int64_t first_line = -1;  // billed twice: the index of the line that claimed the record first
};

// `lines` in canonical order (by pos), `activity` in input order (by record.pos). One LineMatch per line.
std::vector<LineMatch> match_invoice(std::span<const InvoiceLine> lines,
                                     std::span<const BilledActivity> activity);

// The keys an activity record is looked up by (64-bit hashes, never 0; equal keys are compared in full
// before a match): recon keeps only the activity some line may bill (invoice_book.hpp), and these say which.
std::uint64_t record_id_key(Code procode, Dataset dataset, std::string_view id);
std::uint64_t patient_key(Code procode, Dataset dataset, NhsNumber patient, Day start);

}  // namespace recon
