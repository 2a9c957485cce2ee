// `recon generate --invoice`: the provider's invoice (its SLAM file) for the generated activity, invoice.csv
// (or .ndjson), one line per billed record, with planted mismatches and their truth in truth.csv
// (DATASET "invoice"):
//   invoice_price:POUNDS       a line billing its record POUNDS above the record's tariff price
//   invoice_billed_twice       a second line billing a record already billed (the RECORD_ID is the record's)
//   invoice_no_activity        a line billing a record id no activity record has
// Every other line bills its record at its tariff price, as the checker prices it from the tariff tables
// this generator writes; a record the tariff cannot price (an HRG not in it) is billed at its PRICE, or at a
// fixed amount without one.
// Records with a planted activity anomaly are billed at full price too: the challenged activity the checker
// must report against the invoice. About one clean line in five gives no record id, so that it is matched
// by patient, dates and HRG instead. Which lines are planted is a hash of the record id: nothing is drawn
// from the random streams, so every other output is the same with or without --invoice.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "recon/generate/activity_records.hpp"
#include "recon/generate/patient_context.hpp"
#include "recon/generate/record_writer.hpp"

namespace recon::generate {

std::span<const std::string_view> invoice_columns();

class InvoiceOutput {
 public:
  InvoiceOutput(const GeneratorShared& shared, RecordWriter& invoice, RecordWriter& truth);

  // One billed record each (malformed rows, which the checker rejects, are not billed). `hrg` as written.
  void apc(const ApcRecord& rec, std::string_view id, std::string_view hrg);
  void op(const OpRecord& rec, std::string_view id, std::string_view hrg);
  void ae(const AeRecord& rec, std::string_view id, std::string_view hrg);

 private:
  struct Line {
    std::string_view pod, id, nhs, hrg, tretspef;
    Day start = 0, end = 0;
    bool with_end = false;
    std::int64_t tariff = 0;  // pence; 0: the tariff cannot price it
  };
  void bill(const RecordBase& rec, const Line& line);
  void write(const RecordBase& rec, const Line& line, std::string_view id, std::string_view nhs,
             std::int64_t amount);
  void truth(std::string_view id, std::string_view anomaly);

  const GeneratorShared& g_;
  RecordWriter& out_;
  RecordWriter& truth_;
};

}  // namespace recon::generate
