#include "recon/generate/generator.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "recon/generate/activity_output.hpp"
#include "recon/generate/layout_columns.hpp"
#include "recon/generate/patient_generator.hpp"
#include "recon/generate/patient_model.hpp"
#include "recon/generate/reference_writer.hpp"

namespace recon::generate {

Day GenerateOptions::period_end() const {
  const Ymd ymd = civil_from_days(start_date);
  const int month_no = ymd.year * 12 + ymd.month - 1 + months;
  const int y = month_no / 12;
  const int m = month_no % 12 + 1;
  return days_from_civil(y, m, std::min(ymd.day, days_in_month(y, m))) - 1;
}

const char* activity_extension(OutputFormat format) {
  return format == OutputFormat::csv ? ".csv" : ".ndjson";
}

namespace {

void validate(const GenerateOptions& o) {
  if (o.out_dir.empty()) throw std::invalid_argument("--out is required");
  if (o.patients < 1) throw std::invalid_argument("--patients must be at least 1");
  if (o.patients > 50'000'000) throw std::invalid_argument("--patients must be at most 50000000");
  if (o.practices < 1 || o.practices > 100'000) throw std::invalid_argument("--practices must be 1..100000");
  if (o.providers < 1 || o.providers > 1000) throw std::invalid_argument("--providers must be 1..1000");
  if (o.months < 1 || o.months > 240) throw std::invalid_argument("--months must be 1..240");
  if (o.invoice && o.layout != OutputLayout::contract)
    throw std::invalid_argument("--invoice is written for the contract layout only");
  if (o.delimiter != ',' && o.delimiter != '|')
    throw std::invalid_argument("--delimiter must be comma or pipe");
  if (!(o.anomaly_rate >= 0.0 && o.anomaly_rate <= 1.0))
    throw std::invalid_argument("--anomaly-rate must be 0..1");
  constexpr std::uint64_t kMaxRows = 2'000'000'000;
  if (o.apc_rows > kMaxRows || o.op_rows > kMaxRows || o.ae_rows > kMaxRows) {
    throw std::invalid_argument("row counts must be at most 2000000000");
  }
  // Each patient's records must fit in the period without touching (heavy users get ~10x the average):
  // at most one spell and two attendances per patient per month on average.
  const std::uint64_t patient_months = o.patients * static_cast<std::uint64_t>(o.months);
  if (o.apc_rows > patient_months || o.op_rows > 2 * patient_months || o.ae_rows > 2 * patient_months) {
    const std::uint64_t needed =
        std::max({(o.apc_rows + o.months - 1) / o.months, (o.op_rows + 2 * o.months - 1) / (2 * o.months),
                  (o.ae_rows + 2 * o.months - 1) / (2 * o.months)});
    throw std::invalid_argument("--patients " + std::to_string(o.patients) +
                                " is too few for the requested rows over " + std::to_string(o.months) +
                                " months (at least " + std::to_string(needed) +
                                " needed: one APC spell and two OP or A&E attendances per patient-month)");
  }
}

// Scheduled global row positions: malformed rows (1 bad date, 2 too few fields) and valid-quoting rows
// (1 comma, 2 newline), a few per dataset and more for big ones, spread over the middle of the file.
void schedule(RowSchedule& schedule, Rng& rng, std::uint64_t rows, std::uint64_t per_row,
              std::uint8_t kinds) {
  if (rows < 20) return;
  const std::uint64_t count = 1 + rows / per_row;
  for (std::uint8_t what = 1; what <= kinds; ++what) {
    for (std::uint64_t k = 0; k < count; ++k) schedule.add(rows / 10 + rng.below(rows * 8 / 10), what);
  }
  schedule.sort();
}

// The activity, practice and truth files, each with its header written.
OutputFiles open_output_files(const GenerateOptions& options) {
  auto open = [&](const char* name, std::span<const std::string_view> columns, OutputFormat format,
                  char delimiter) {
    return std::make_unique<RecordWriter>(options.out_dir / (std::string(name) + activity_extension(format)),
                                          format, columns, delimiter);
  };
  const OutputLayout layout = options.layout;
  const char delimiter = options.delimiter;
  OutputFiles files;
  files.apc = open("apc", activity_columns(layout, Dataset::kApc), options.format, delimiter);
  files.op = open("op", activity_columns(layout, Dataset::kOp), options.format, delimiter);
  files.ae = open("ae", activity_columns(layout, Dataset::kAe), options.format, delimiter);
  files.patient_register = open("register", register_columns(), options.format, delimiter);
  files.referrals = open("referrals", referral_columns(), options.format, delimiter);
  files.conditions = open("conditions", condition_columns(), options.format, delimiter);
  files.truth = open("truth", truth_columns(), OutputFormat::csv, ',');
  if (options.invoice) files.invoice = open("invoice", invoice_columns(), options.format, delimiter);
  return files;
}

// Where each dataset's malformed and valid-quoting rows go (none when nothing is planted).
void schedule_special_rows(const GeneratorShared& shared, std::array<RowSchedule, 3>& malformed,
                           std::array<RowSchedule, 3>& notes) {
  if (!shared.plant()) return;
  const GenerateOptions& options = shared.options;
  const std::uint64_t rows[3] = {options.apc_rows, options.op_rows, options.ae_rows};
  for (int d = 0; d < 3; ++d) {
    Rng rng(options.seed, kStreamSchedule, static_cast<std::uint64_t>(d));
    schedule(malformed[d], rng, rows[d], 250'000, 2);
    schedule(notes[d], rng, rows[d], 500'000, 2);
  }
}

// Closes every file, after counting the rows written to each.
GenerateSummary close_output_files(OutputFiles& files) {
  GenerateSummary summary;
  summary.apc_rows = files.apc->rows();
  summary.op_rows = files.op->rows();
  summary.ae_rows = files.ae->rows();
  summary.register_rows = files.patient_register->rows();
  summary.referral_rows = files.referrals->rows();
  summary.condition_rows = files.conditions->rows();
  summary.truth_rows = files.truth->rows();
  if (files.invoice) {
    summary.invoice_rows = files.invoice->rows();
    files.invoice->close();
  }
  for (auto* w : {files.apc.get(), files.op.get(), files.ae.get(), files.patient_register.get(),
                  files.referrals.get(), files.conditions.get(), files.truth.get()}) {
    w->close();
  }
  return summary;
}

}  // namespace

GenerateSummary run_generator(const GenerateOptions& options) {
  validate(options);
  std::filesystem::create_directories(options.out_dir / "reference");

  const Organisations orgs = make_organisations(options.providers, options.practices);
  const std::vector<Patient> patients = build_population(options, orgs);
  const GeneratorShared shared{options, CodeCatalogue::instance(), HrgCatalogue::instance(),
                               orgs,    options.start_date,        options.period_end()};
  OutputFiles files = open_output_files(options);
  std::array<RowSchedule, 3> malformed, notes;
  schedule_special_rows(shared, malformed, notes);

  ActivityOutput output(shared, files, notes);
  PatientContext ctx(shared);
  for (std::uint64_t i = 0; i < patients.size(); ++i) {
    generate_patient(ctx, patients[i], i, malformed, output.rows_written());
    output.write_patient(ctx);
  }
  output.write_provider_truth();
  GenerateSummary summary = close_output_files(files);
  summary.apc_spells = output.rows_written()[0];

  // The calendar covers the period, a month either side, and any activity that ran beyond it.
  const Day first = std::min(options.start_date, output.earliest_activity()) - 28;
  const Day last = std::max(options.period_end(), output.latest_activity()) + 95;
  write_reference_files(options.out_dir / "reference", first, last);
  return summary;
}

}  // namespace recon::generate
