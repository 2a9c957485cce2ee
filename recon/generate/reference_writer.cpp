#include "recon/generate/reference_writer.hpp"

#include <string>

#include "recon/generate/code_catalogue.hpp"
#include "recon/generate/hrg_catalogue.hpp"
#include "recon/generate/record_writer.hpp"
#include "recon/generate/submission_calendar.hpp"

namespace recon::generate {

namespace {

using Columns = std::initializer_list<std::string_view>;

RecordWriter open_csv(const std::filesystem::path& path, Columns columns) {
  return RecordWriter(path, OutputFormat::csv,
                      std::span<const std::string_view>(columns.begin(), columns.size()));
}

std::string pounds(std::int64_t pence) { return std::to_string(pence / 100); }

std::string band_name(const HrgRoot& root, int index) {
  if (root.splits == 1) return std::string(root.name);
  const int lo = root.band_min[index];
  const int hi = root.band_max[index];
  std::string name = std::string(root.name) + ", with CC Score " + std::to_string(lo);
  name += index == 0 ? "+" : lo == hi ? "" : "-" + std::to_string(hi);
  return name;
}

// tariff_apc.csv: one row per HRG split, priced by admission type, with trim points and adjustments.
void write_apc_tariff(const std::filesystem::path& dir) {
  const HrgCatalogue& hrgs = HrgCatalogue::instance();
  RecordWriter w = open_csv(dir / "tariff_apc.csv", {"HRG", "NAME", "DAYCASE", "ELECTIVE", "NONELECTIVE",
                                                     "EL_TRIM", "NEL_TRIM", "EXCESS_BED_DAY", "SSEM"});
  for (const HrgRoot& root : hrgs.roots()) {
    for (int i = 0; i < root.splits; ++i) {
      w.begin_row();
      w.field(std::string(root.code) + root.letter(i));
      w.field(band_name(root, i));
      w.field(pounds(root.price_pence(i, 0)));
      w.field(pounds(root.price_pence(i, 1)));
      w.field(pounds(root.price_pence(i, 2)));
      w.integer_field(root.el_trim);
      w.integer_field(root.nel_trim);
      w.integer_field(root.excess_bed_day);
      w.field(root.ssem > 0 ? std::to_string(root.ssem) : std::string());
      w.end_row();
    }
  }
  w.close();
}

// hrg_cc_bands.csv: the CC score band of every split of a root that has CC splits.
void write_cc_bands(const std::filesystem::path& dir) {
  const HrgCatalogue& hrgs = HrgCatalogue::instance();
  RecordWriter w = open_csv(dir / "hrg_cc_bands.csv", {"HRG", "MIN_SCORE", "MAX_SCORE"});
  for (const HrgRoot& root : hrgs.roots()) {
    if (root.splits == 1) continue;  // no CC split, nothing to claim
    for (int i = 0; i < root.splits; ++i) {
      w.begin_row();
      w.field(std::string(root.code) + root.letter(i));
      w.integer_field(root.band_min[i]);
      w.integer_field(root.band_max[i]);
      w.end_row();
    }
  }
  w.close();
}

// tariff_op.csv: first and follow-up attendance prices by treatment function.
void write_op_tariff(const std::filesystem::path& dir) {
  const HrgCatalogue& hrgs = HrgCatalogue::instance();
  RecordWriter w = open_csv(dir / "tariff_op.csv", {"TRETSPEF", "FIRST", "FOLLOWUP"});
  for (const Specialty& s : hrgs.specialties()) {
    w.begin_row();
    w.integer_field(s.tretspef);
    w.integer_field(s.first);
    w.integer_field(s.followup);
    w.end_row();
  }
  w.close();
}

// tariff_ae.csv: the price of each A&E HRG.
void write_ae_tariff(const std::filesystem::path& dir) {
  const HrgCatalogue& hrgs = HrgCatalogue::instance();
  RecordWriter w = open_csv(dir / "tariff_ae.csv", {"HRG", "PRICE"});
  for (const AeHrg& h : hrgs.ae_hrgs()) {
    w.begin_row();
    w.field(h.code);
    w.integer_field(h.price);
    w.end_row();
  }
  w.close();
}

// SEX column of the code lists: empty for either sex.
std::string_view sex_text(char sex) {
  return sex == 0 ? std::string_view{} : std::string_view(sex == 'M' ? "M" : "F");
}

// icd10.csv: the catalogue's codes (not the planted unknown ones) with their sex, age and primary edits.
void write_icd10(const std::filesystem::path& dir) {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  RecordWriter w =
      open_csv(dir / "icd10.csv", {"CODE", "SEX", "MIN_AGE", "MAX_AGE", "PRIMARY_OK", "CHAPTER"});
  for (std::size_t id = 0; id < codes.icd_size(); ++id) {
    const IcdCode& code = codes.icd(static_cast<CodeId>(id));
    if (!code.in_catalogue) continue;
    w.begin_row();
    w.field(code.code());
    w.field(sex_text(code.sex));
    w.integer_field(code.min_age);
    w.integer_field(code.max_age);
    w.field(code.primary_ok ? "Y" : "N");
    w.field(code.chapter);
    w.end_row();
  }
  w.close();
}

// opcs4.csv: the OPCS-4 codes with their sex edits.
void write_opcs4(const std::filesystem::path& dir) {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  RecordWriter w = open_csv(dir / "opcs4.csv", {"CODE", "SEX"});
  for (std::size_t id = 0; id < codes.opcs_size(); ++id) {
    const OpcsCode& code = codes.opcs(static_cast<CodeId>(id));
    w.begin_row();
    w.field(code.code());
    w.field(sex_text(code.sex));
    w.end_row();
  }
  w.close();
}

// cc_scores.csv: the CC score of each diagnosis prefix.
void write_cc_scores(const std::filesystem::path& dir) {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  RecordWriter w = open_csv(dir / "cc_scores.csv", {"CODE", "SCORE"});
  for (const ScoreEntry& e : codes.cc_scores()) {
    w.begin_row();
    w.field(e.prefix);
    w.integer_field(e.score);
    w.end_row();
  }
  w.close();
}

// qof_map.csv: the QOF register each diagnosis prefix puts a patient on.
void write_qof_map(const std::filesystem::path& dir) {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  RecordWriter w = open_csv(dir / "qof_map.csv", {"CODE_PREFIX", "REGISTER"});
  for (const QofEntry& e : codes.qof_map()) {
    w.begin_row();
    w.field(e.prefix);
    w.field(register_name(e.reg));
    w.end_row();
  }
  w.close();
}

void write_calendar(const std::filesystem::path& dir, Day first_month_day, Day last_month_day) {
  RecordWriter w =
      open_csv(dir / "calendar.csv", {"ACTIVITY_MONTH", "INCLUSION_DATE", "POST_RECONCILIATION_DATE"});
  char buf[16];
  for (int month = month_number(first_month_day); month <= month_number(last_month_day); ++month) {
    format_iso_date(buf, first_day_of_month_number(month));
    w.begin_row();
    w.field(std::string_view(buf, 7));  // YYYY-MM
    format_iso_date(buf, inclusion_date(month));
    w.field(std::string_view(buf, 10));
    format_iso_date(buf, post_reconciliation_date(month));
    w.field(std::string_view(buf, 10));
    w.end_row();
  }
  w.close();
}

}  // namespace

void write_reference_files(const std::filesystem::path& dir, Day first_month_day, Day last_month_day) {
  write_apc_tariff(dir);
  write_cc_bands(dir);
  write_op_tariff(dir);
  write_ae_tariff(dir);
  write_icd10(dir);
  write_opcs4(dir);
  write_cc_scores(dir);
  write_qof_map(dir);
  write_calendar(dir, first_month_day, last_month_day);
}

}  // namespace recon::generate
