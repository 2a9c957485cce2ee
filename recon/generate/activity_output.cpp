#include "recon/generate/activity_output.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "recon/generate/civil_date.hpp"
#include "recon/generate/episodes.hpp"
#include "recon/generate/field_text.hpp"
#include "recon/generate/month_dob.hpp"
#include "recon/generate/op_builder.hpp"

namespace recon::generate {

ActivityOutput::ActivityOutput(const GeneratorShared& shared, OutputFiles& files,
                               std::array<RowSchedule, 3>& notes)
    : g_(shared),
      files_(files),
      notes_(notes),
      layout_rows_(make_layout_row_writer(shared.options.layout, shared)),
      earliest_(shared.period_start),
      latest_(shared.period_end) {
  id_width_ = {id_width(shared.options.apc_rows), id_width(shared.options.op_rows),
               id_width(shared.options.ae_rows)};
  if (files.invoice) invoice_ = std::make_unique<InvoiceOutput>(shared, *files.invoice, *files.truth);
}

std::array<std::uint64_t, 3> ActivityOutput::rows_written() const {
  return {apc_spells_, files_.op->rows(), files_.ae->rows()};
}

void ActivityOutput::see(Day day) {
  earliest_ = std::min(earliest_, day);
  latest_ = std::max(latest_, day);
}

void ActivityOutput::truth(Dataset dataset, std::string_view id, std::string_view anomaly) {
  truth_line(dataset_name(dataset), id, anomaly);
}

void ActivityOutput::truth_line(std::string_view dataset, std::string_view id, std::string_view anomaly) {
  RecordWriter& w = *files_.truth;
  w.begin_row();
  w.field(dataset);
  w.field(id);
  w.field(anomaly);
  w.end_row();
}

void ActivityOutput::write_patient(PatientContext& ctx) {
  write_apc(ctx);
  write_op(ctx);
  write_ae(ctx);
  write_practice_records(ctx);
}

namespace {

// The ANOMALY text of a record: kind, then details (related record, code, HRGs, ...).
std::string anomaly_text(const RecordBase& rec, std::string_view related_id, std::string_view code_text,
                         std::string_view practice) {
  std::string text(anomaly_name(rec.kind));
  switch (rec.kind) {
    case Anomaly::duplicate:
    case Anomaly::overlap:
    case Anomaly::split_spell:
    case Anomaly::readmission:
    case Anomaly::repeat_first:
      text += ':';
      text += related_id;
      break;
    case Anomaly::invalid_nhs:
      text += ':';
      text += invalid_nhs_kind_name(static_cast<InvalidNhsKind>(rec.nhs_problem));
      break;
    case Anomaly::invalid_icd10:
    case Anomaly::sex_impossible_code:
    case Anomaly::age_impossible_code:
    case Anomaly::primary_not_allowed:
    case Anomaly::hrg_not_in_tariff:
    case Anomaly::out_of_scope:
      text += ':';
      text += code_text;
      break;

    case Anomaly::not_registered:
      text += ':';
      text += practice;
      break;
    default:
      break;
  }
  return text;
}

// SUSHRG of a spell: the HRG root with the split letter it claims, or a planted HRG that is not in the
// tariff. Written into `buf` (at least 5 bytes) when built.
std::string_view claimed_hrg(const HrgCatalogue& hrgs, const ApcRecord& rec, char* buf) {
  if (rec.unknown_hrg >= 0) return hrgs.unknown_apc_hrgs()[static_cast<std::size_t>(rec.unknown_hrg)];
  const HrgRoot& root = hrgs.root(rec.root);
  root.code.copy(buf, 4);
  buf[4] = root.letter(rec.claimed_letter);
  return {buf, 5};
}

// The ANOMALY text of a CC split claim: KIND:CLAIMED_HRG:SUPPORTED_HRG.
std::string split_claim_text(const HrgRoot& root, const ApcRecord& rec, std::string_view claimed) {
  char supported[5];
  root.code.copy(supported, 4);
  supported[4] = root.letter(rec.supported_letter);
  std::string text(anomaly_name(rec.kind));
  text += ':';
  text += claimed;
  text += ':';
  text += std::string_view(supported, 5);
  return text;
}

}  // namespace

std::string_view ActivityOutput::practice_code(const RecordPatient& who) const {
  return who.practice == kUnlistedPractice ? g_.orgs.unlisted_practice.view()
                                           : g_.orgs.practices[who.practice].view();
}

void ActivityOutput::write_head(RecordWriter& w, const RecordBase& rec, std::string_view id,
                                std::string_view practice, Day activity_date) {
  char buf[32];
  w.begin_row();
  w.plain_field(id);
  w.plain_field(g_.orgs.providers[rec.provider].view());
  w.plain_field(rec.who.nhs.view());
  w.plain_field(date_text(buf, rec.who.dob));
  w.plain_field({&rec.who.sex, 1});
  w.plain_field(practice);
  w.plain_field(activity_date_text(buf, rec, activity_date));
}

std::string_view ActivityOutput::activity_date_text(char* buf, const RecordBase& rec, Day activity_date) {
  return rec.kind == Anomaly::malformed_bad_date ? bad_date_text(buf, activity_date, bad_dates_++)
                                                 : date_text(buf, activity_date);
}

bool ActivityOutput::anomaly_seen(const PatientContext& ctx, const RecordBase& rec, Day activity_date) const {
  return !dob_to_the_month(g_.options.layout) || seen_with_month_dob(rec, ctx.patient->dob, activity_date);
}

void ActivityOutput::write_tail(RecordWriter& w, const RecordBase& rec) {
  char buf[32];
  w.plain_field(date_text(buf, rec.subdate));
  w.number_field(rec.price_pence >= 0 ? price_text(buf, rec.price_pence) : std::string_view{});
  w.plain_field(digits_text(buf, rec.admincat, 2));
  w.field(note_text(rec.note));
  w.end_row();
}

void ActivityOutput::write_apc(PatientContext& ctx) {
  RecordWriter& w = *files_.apc;
  const std::uint64_t first_id = apc_spells_ + 1;
  char id_buf[32], ref_buf[32], hrg_buf[8], date_buf[32];
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    ApcRecord& rec = ctx.apc[j];
    if (rec.kind == Anomaly::none) rec.note = notes_[0].take(apc_spells_);
    const std::string_view id = id_text(id_buf, "S", first_id + j, id_width_[0]);
    const std::string_view practice = practice_code(rec.who);
    const std::string_view hrg = claimed_hrg(g_.hrgs, rec, hrg_buf);
    bool open = false;
    if (layout_rows_ != nullptr) {
      EpisodePlan episodes;
      if (g_.options.layout == OutputLayout::hes) {
        // Only the patient's last spell may be open (a later one would overlap it), and not when a register
        // is left out of the practice records: an open spell's CC split is not checked yet, so the
        // cc_register_missing that gap may plant on it would not be found.
        const bool may_be_open = j + 1 == ctx.apc.size() && ctx.missing_registers == 0;
        episodes = plan_episodes(rec, g_.options.seed, first_id + j, may_be_open, g_.period_end);
      }
      open = episodes.open;
      const RowText text{id, g_.orgs.providers[rec.provider].view(), practice,
                         activity_date_text(date_buf, rec, rec.admit), ctx.index};
      layout_rows_->apc(w, rec, text, hrg, episodes);
    } else {
      write_head(w, rec, id, practice, rec.admit);
      if (rec.kind == Anomaly::malformed_too_few_fields) {
        w.end_truncated_row();
      } else {
        write_apc_body(w, rec, hrg);
        write_tail(w, rec);
      }
    }
    ++apc_spells_;
    see(rec.admit);
    see(rec.disch);
    const std::string_view related =
        rec.ref >= 0 ? id_text(ref_buf, "S", first_id + rec.ref, id_width_[0]) : std::string_view{};
    apc_truth(ctx, rec, id, related, hrg, practice);
    if (open) truth(Dataset::kApc, id, "note:open_spell");
    if (invoice_) invoice_->apc(rec, id, hrg);
  }
}

void ActivityOutput::write_apc_body(RecordWriter& w, const ApcRecord& rec, std::string_view hrg) {
  char buf[32];
  w.plain_field(date_text(buf, rec.disch));
  w.plain_field(digits_text(buf, rec.admimeth, 2));
  w.plain_field(digits_text(buf, rec.admisorc, 2));
  w.plain_field(digits_text(buf, rec.dismeth, 1));
  w.plain_field(digits_text(buf, rec.classpat, 1));
  w.plain_field(digits_text(buf, rec.tretspef, 3));
  w.plain_field(hrg);
  const bool dotted = rec.provider % 2 == 1;
  for (int i = 0; i < 20; ++i) {
    w.plain_field(i < rec.diag.size ? icd_text(buf, g_.codes.icd(rec.diag.ids[i]), dotted)
                                    : std::string_view{});
  }
  for (int i = 0; i < 24; ++i)
    w.plain_field(i < rec.proc.size ? g_.codes.opcs(rec.proc.ids[i]).code() : std::string_view{});
}

void ActivityOutput::apc_truth(const PatientContext& ctx, const ApcRecord& rec, std::string_view id,
                               std::string_view related, std::string_view hrg, std::string_view practice) {
  if (rec.note != 0) truth(Dataset::kApc, id, rec.note == 1 ? "note:quoted_comma" : "note:quoted_newline");
  if (rec.kind == Anomaly::none) {
    cc_register_truth(ctx, rec, id);
    return;
  }
  if (rec.kind == Anomaly::cc_split_unsupported || rec.kind == Anomaly::upcoded) {
    truth(Dataset::kApc, id, split_claim_text(g_.hrgs.root(rec.root), rec, hrg));
    return;
  }
  cc_register_truth(ctx, rec, id);
  if (!anomaly_seen(ctx, rec, rec.admit)) return;
  std::string_view code;
  if (rec.kind == Anomaly::hrg_not_in_tariff) code = hrg;
  if (rec.planted_code >= 0) code = g_.codes.icd(static_cast<CodeId>(rec.planted_code)).code();
  truth(Dataset::kApc, id, anomaly_text(rec, related, code, practice));
}

void ActivityOutput::write_op(PatientContext& ctx) {
  RecordWriter& w = *files_.op;
  const std::uint64_t first_id = w.rows() + 1;
  const CodeCatalogue& codes = g_.codes;
  char id_buf[32], ref_buf[32], buf[32];
  for (std::size_t j = 0; j < ctx.op.size(); ++j) {
    OpRecord& rec = ctx.op[j];
    if (rec.kind == Anomaly::none) rec.note = notes_[1].take(w.rows());
    const std::string_view id = id_text(id_buf, "OP", first_id + j, id_width_[1]);
    const std::string_view practice = practice_code(rec.who);
    // WF01B first / WF01A follow-up, face to face; WF01D / WF01C non-face-to-face. Non-attendances are
    // ungrouped.
    constexpr std::string_view kHrg[] = {"", "WF01B", "WF01A", "WF01D", "WF01C"};
    const std::string_view hrg = rec.kind == Anomaly::out_of_scope ? out_of_scope_hrg(rec.date)
                                 : op_attended(rec)                ? kHrg[rec.firstatt]
                                                                   : std::string_view{};
    if (layout_rows_ != nullptr) {
      const RowText text{id, g_.orgs.providers[rec.provider].view(), practice,
                         activity_date_text(buf, rec, rec.date), ctx.index};
      layout_rows_->op(w, rec, text, hrg);
    } else {
      write_head(w, rec, id, practice, rec.date);
      if (rec.kind == Anomaly::malformed_too_few_fields) {
        w.end_truncated_row();
      } else {
        w.plain_field(digits_text(buf, rec.attended, 1));
        w.plain_field(digits_text(buf, rec.firstatt, 1));
        w.plain_field(digits_text(buf, rec.refsourc, 2));
        w.plain_field(digits_text(buf, rec.tretspef, 3));
        w.plain_field(hrg);
        for (int i = 0; i < 24; ++i)
          w.plain_field(i < rec.proc.size ? codes.opcs(rec.proc.ids[i]).code() : std::string_view{});
        write_tail(w, rec);
      }
    }
    see(rec.date);
    if (invoice_) invoice_->op(rec, id, hrg);

    if (rec.note != 0) truth(Dataset::kOp, id, rec.note == 1 ? "note:quoted_comma" : "note:quoted_newline");
    if (rec.kind == Anomaly::none) continue;
    const std::string_view related =
        rec.ref >= 0 ? id_text(ref_buf, "OP", first_id + rec.ref, id_width_[1]) : "";
    const std::string_view code =
        rec.planted_code >= 0 ? codes.opcs(static_cast<CodeId>(rec.planted_code)).code() : std::string_view{};
    if (anomaly_seen(ctx, rec, rec.date))
      truth(Dataset::kOp, id,
            anomaly_text(rec, related, rec.kind == Anomaly::out_of_scope ? hrg : code, practice));
    if (rec.kind == Anomaly::activity_before_birth) {
      // Registration starts at birth, so the record's practice did not have the patient yet either.
      truth(Dataset::kOp, id, std::string("not_registered:") + std::string(practice));
    }
  }
}

void ActivityOutput::write_ae(PatientContext& ctx) {
  RecordWriter& w = *files_.ae;
  const std::uint64_t first_id = w.rows() + 1;
  const HrgCatalogue& hrgs = g_.hrgs;
  char id_buf[32], ref_buf[32], buf[32];
  for (std::size_t j = 0; j < ctx.ae.size(); ++j) {
    AeRecord& rec = ctx.ae[j];
    if (rec.kind == Anomaly::none) rec.note = notes_[2].take(w.rows());
    const std::string_view id = id_text(id_buf, "AE", first_id + j, id_width_[2]);
    const std::string_view practice = practice_code(rec.who);
    const std::string_view hrg = rec.unknown_hrg >= 0
                                     ? hrgs.unknown_ae_hrgs()[static_cast<std::size_t>(rec.unknown_hrg)]
                                     : hrgs.ae_hrgs()[static_cast<std::size_t>(rec.hrg)].code;
    if (layout_rows_ != nullptr) {
      const RowText text{id, g_.orgs.providers[rec.provider].view(), practice,
                         activity_date_text(buf, rec, rec.date), ctx.index};
      layout_rows_->ae(w, rec, text, hrg);
    } else {
      write_head(w, rec, id, practice, rec.date);
      if (rec.kind == Anomaly::malformed_too_few_fields) {
        w.end_truncated_row();
      } else {
        w.plain_field(digits_text(buf, rec.category, 1));
        w.plain_field(digits_text(buf, rec.disposal, 2));
        w.plain_field(hrg);
        write_tail(w, rec);
      }
    }
    see(rec.date);
    if (invoice_) invoice_->ae(rec, id, hrg);

    if (rec.note != 0) truth(Dataset::kAe, id, rec.note == 1 ? "note:quoted_comma" : "note:quoted_newline");
    if (rec.kind == Anomaly::none) continue;
    const std::string_view related =
        rec.ref >= 0 ? id_text(ref_buf, "AE", first_id + rec.ref, id_width_[2]) : "";
    if (anomaly_seen(ctx, rec, rec.date)) {
      truth(Dataset::kAe, id,
            anomaly_text(rec, related, rec.kind == Anomaly::hrg_not_in_tariff ? hrg : "", practice));
    }
    if (rec.kind == Anomaly::activity_before_birth) {
      truth(Dataset::kAe, id, std::string("not_registered:") + std::string(practice));
    }
  }
}

void ActivityOutput::cc_register_truth(const PatientContext& ctx, const ApcRecord& rec, std::string_view id) {
  if (ctx.missing_registers == 0 || rec.unknown_hrg >= 0) return;
  switch (rec.kind) {
    case Anomaly::invalid_nhs:     // cannot be linked to the practice records
    case Anomaly::not_registered:  // the record's practice does not hold the patient
    case Anomaly::malformed_bad_date:
    case Anomaly::malformed_too_few_fields:
    case Anomaly::cc_split_unsupported:  // the full score already misses the band
    case Anomaly::upcoded:
      return;
    default:
      break;
  }
  const HrgRoot& root = g_.hrgs.root(rec.root);
  if (root.splits < 2) return;
  int reduced = 0;
  std::string registers;
  for (std::uint8_t i = 1; i < rec.diag.size; ++i) {
    const IcdCode& code = g_.codes.icd(rec.diag.ids[i]);
    if (code.qof >= 0 && code.cc_score > 0 && ((ctx.missing_registers >> code.qof) & 1U)) {
      if (!registers.empty()) registers += '+';
      registers += register_name(static_cast<Register>(code.qof));
      continue;
    }
    reduced += code.cc_score;
  }
  if (registers.empty() || reduced >= root.band_min[rec.claimed_letter]) return;
  truth(Dataset::kApc, id, "cc_register_missing:" + registers);
}

void ActivityOutput::write_provider_truth() {
  // A case-mix pattern needs peers to stand out against: none with a single provider.
  if (!g_.plant() || g_.options.apc_rows == 0 || g_.orgs.providers.size() < 2) return;
  truth_line("apc", g_.orgs.providers[g_.orgs.upcoding_provider].view(), "upcoding_provider");
}

}  // namespace recon::generate
