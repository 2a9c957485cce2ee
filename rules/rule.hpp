#pragma once
// The rule interface. A rule is one file in rules/ that defines a class derived from RowRule or PatientRule
// and registers itself with RECON_REGISTER_RULE; adding a rule touches no other rule.
//  * RowRule: looks at one record at a time, inside the parallel parse stage (no second pass over the data).
//  * PatientRule: looks at one patient's whole history (APC, OP and A&E, valid NHS numbers only), sorted by
//    date, inside the parallel partition stage.
//  * AggregateRule: mergeable counters over every accepted record (e.g. provider x HRG root x CC split),
//    filled per chunk in the parse stage, merged in file order, judged once at the end (pattern rules).
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/challenge.hpp"
#include "core/invoice.hpp"
#include "core/practice.hpp"
#include "core/records.hpp"
#include "core/reference.hpp"
#include "core/report_data.hpp"
#include "rules/activity_month.hpp"
#include "rules/rule_needs.hpp"
#include "rules/rule_option.hpp"

namespace recon {

// The catalogue entry of a rule (docs/rules.md mirrors these).
struct RuleInfo {
  std::string_view id;     // e.g. "DUP"
  std::string_view title;  // one line
  Severity severity;
  std::string_view rationale;  // why it is not payable as charged
  std::string_view pricing;    // how the amount at risk is priced
  RuleNeeds needs{};           // reference tables and practice files it cannot run without
};

struct RuleContext {
  const Reference& ref;
  const PracticeData& practice;
  const RuleOptions& options;
  const std::string* ids = nullptr;  // the id store of the partition being checked (patient rules)
  bool invoice_supplied = false;     // --invoice was given: the invoice rules can run

  std::string_view id_of(const Activity& a) const {
    return ids ? std::string_view(*ids).substr(a.id.offset, a.id.length) : std::string_view{};
  }
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // A rule whose inputs (info().needs) are absent, e.g. no register supplied, does not run; it says why.
  bool can_run(const RuleContext& ctx, std::string& why_not) const;
};

class RowRule : public Rule {
 public:
  // `priced` is the compact record of the same row, with `charged` (PRICE or tariff) filled in.
  virtual void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                         ChallengeSink& out) const {}
  virtual void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                        ChallengeSink& out) const {}
  virtual void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                        ChallengeSink& out) const {}
};

// What every dataset's row has in common, for rules that judge APC, OP and A&E records alike.
struct CommonRow {
  std::string_view id;
  const PatientFields& patient;
  Day subdate;
  activity_month::MonthDay month;  // the date SUS files the record under (rules/activity_month.hpp)
};

// A row rule that treats APC, OP and A&E records the same way overrides check_row only.
class CommonRowRule : public RowRule {
 public:
  virtual void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                         ChallengeSink& out) const = 0;
  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const final {
    check_row({row.id, row.patient, row.subdate, activity_month::of(row)}, priced, ctx, out);
  }
  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const final {
    check_row({row.id, row.patient, row.subdate, activity_month::of(row)}, priced, ctx, out);
  }
  void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const final {
    check_row({row.id, row.patient, row.subdate, activity_month::of(row)}, priced, ctx, out);
  }
};

class PatientRule : public Rule {
 public:
  // `history` is one patient's records sorted by activity_order(). Called concurrently for different
  // patients.
  virtual void check_patient(std::span<const Activity> history, const RuleContext& ctx,
                             ChallengeSink& out) const = 0;
};

// Per-run counters of an AggregateRule; each chunk fills its own and they are merged in file order.
struct AggregateState {
  virtual ~AggregateState() = default;
};

class AggregateRule : public Rule {
 public:
  virtual std::unique_ptr<AggregateState> new_state() const = 0;
  // Parallel stage: one state per chunk, no sharing. `row` is the whole row for APC (nullptr for OP/A&E).
  virtual void add(AggregateState& state, const Activity& record, const ApcRow* row) const = 0;
  virtual void merge(AggregateState& into, AggregateState& from) const = 0;  // serial, in file order
  // Once, after ingest. `previous` holds the counters of the previous period's files (--previous-apc), or
  // nullptr when none was given. Plots for the report go into `report`.
  virtual void finish(const AggregateState& current, const AggregateState* previous, const RuleContext& ctx,
                      ChallengeSink& out, ReportData& report) const = 0;
};

// What the reconciliation made of one invoice line (recon/engine/invoice_match.hpp, docs/invoice.md).
struct InvoiceMatch {
  const InvoiceLine& line;
  std::string_view file;               // the invoice file's name (without its directory)
  const Activity* activity = nullptr;  // the activity record the line bills; nullptr when none
  std::string_view activity_id{};      // that record's id
  // A line matching only activity that an earlier line already bills (the same item billed twice): that
  // earlier line's position in `file_of_first` (kNoRecord when the line is not billed twice).
  SourcePos first_billed_at{kMaxSourceFile, kMaxSourceLine};
  std::string_view file_of_first{};
};

class InvoiceRule : public Rule {
 public:
  virtual void check_line(const InvoiceMatch& match, const RuleContext& ctx, ChallengeSink& out) const = 0;
};

// A challenge pre-filled from an invoice line: its provider, dataset, record id (the line's, else the matched
// activity's), patient, date and amount billed; `pos` is the line's, so the list sorts it by invoice file and
// line. The evidence starts with where the line is: "invoice=FILE:LINE".
Challenge challenge_for(const RuleInfo& rule, const InvoiceMatch& match);

// Canonical order within a patient's history: start date, end date, dataset, provider, then input position.
bool activity_order(const Activity& a, const Activity& b);

// A challenge pre-filled from a record (dataset, position, id, provider, practice, patient, date, charge).
Challenge challenge_for(const RuleInfo& rule, const Activity& record, std::string_view record_id);

}  // namespace recon
