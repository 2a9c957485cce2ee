// Turns a generated patient into text: activity rows (CSV or NDJSON), register, referral and condition
// rows, and the ground-truth lines for everything planted.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "recon/generate/invoice_output.hpp"
#include "recon/generate/layout_rows.hpp"
#include "recon/generate/output_columns.hpp"
#include "recon/generate/patient_context.hpp"
#include "recon/generate/record_writer.hpp"

namespace recon::generate {

struct OutputFiles {
  std::unique_ptr<RecordWriter> apc, op, ae, patient_register, referrals, conditions, truth;
  std::unique_ptr<RecordWriter> invoice;  // only with --invoice
};

class ActivityOutput {
 public:
  // `notes`: global row positions of rows whose COMMENT holds a valid quoted comma (1) or newline (2).
  ActivityOutput(const GeneratorShared& shared, OutputFiles& files, std::array<RowSchedule, 3>& notes);

  // Records written so far per dataset (APC: spells, which in the HES layout are more rows than that).
  std::array<std::uint64_t, 3> rows_written() const;
  void write_patient(PatientContext& ctx);
  void write_provider_truth();  // the upcoding trust (a provider-level pattern, not a row)

  Day earliest_activity() const { return earliest_; }
  Day latest_activity() const { return latest_; }

 private:
  void write_apc(PatientContext& ctx);
  void write_apc_body(RecordWriter& w, const ApcRecord& rec, std::string_view hrg);  // DISDATE .. OPERTN_24
  // Ground truth of spell `id`: its COMMENT note, its planted anomaly and details (`related`: the id of
  // the record it relates to), and a CC split resting on a register left out of the practice records.
  void apc_truth(const PatientContext& ctx, const ApcRecord& rec, std::string_view id,
                 std::string_view related, std::string_view hrg, std::string_view practice);
  void write_op(PatientContext& ctx);
  void write_ae(PatientContext& ctx);
  void write_practice_records(PatientContext& ctx);  // practice_output.cpp: the three steps below
  void write_registrations(const PatientContext& ctx);
  void write_referrals(const PatientContext& ctx);
  void write_condition_registers(PatientContext& ctx);
  // The columns every activity file starts with (record id, PROCODE3, NHSNUMBER, DOB, SEX, GPPRAC, the
  // activity date: unreadable for a malformed_bad_date record) and ends with (SUBDATE, PRICE, COMMENT).
  void write_head(RecordWriter& w, const RecordBase& rec, std::string_view id, std::string_view practice,
                  Day activity_date);
  // The activity date as written: unreadable for a malformed_bad_date record (buf: at least 32 bytes).
  std::string_view activity_date_text(char* buf, const RecordBase& rec, Day activity_date);
  // False when the layout's date of birth, known only to the month, hides `rec`'s planted anomaly.
  bool anomaly_seen(const PatientContext& ctx, const RecordBase& rec, Day activity_date) const;
  void write_tail(RecordWriter& w, const RecordBase& rec);
  std::string_view practice_code(const RecordPatient& who) const;  // GPPRAC as the record gives it
  // Ground truth for a spell whose CC split rests on codes of a register left out of the practice records.
  void cc_register_truth(const PatientContext& ctx, const ApcRecord& rec, std::string_view id);
  void truth(Dataset dataset, std::string_view id, std::string_view anomaly);
  void truth_line(std::string_view dataset, std::string_view id, std::string_view anomaly);
  void see(Day day);

  const GeneratorShared& g_;
  OutputFiles& files_;
  std::array<RowSchedule, 3>& notes_;
  std::unique_ptr<LayoutRowWriter> layout_rows_;  // HES or SUS rows; null for the contract's
  std::unique_ptr<InvoiceOutput> invoice_;        // --invoice: the records billed; null without it
  std::uint64_t apc_spells_ = 0;
  std::array<int, 3> id_width_{};
  std::uint32_t bad_dates_ = 0;
  Day earliest_;
  Day latest_;
};

}  // namespace recon::generate
