// Rows in the SUS commissioner layout (layout_columns.cpp's sus lists): APCS spells, OPA appointments and
// ECDS attendances, one row each, with dates as a SQL Server export writes them and the spell's codes in
// the Der_Diagnosis_All / Der_Procedure_All lists.
#include <string>

#include "recon/generate/field_text.hpp"
#include "recon/generate/layout_rows.hpp"
#include "recon/generate/pseudonym.hpp"

namespace recon::generate {

namespace {

class SusRowWriter final : public LayoutRowWriter {
 public:
  explicit SusRowWriter(const GeneratorShared& shared) : g_(shared) {}

  void apc(RecordWriter& w, const ApcRecord& rec, const RowText& text, std::string_view hrg,
           const EpisodePlan&) override {
    char buf[32];
    w.begin_row();
    w.plain_field(text.id);
    head(w, rec, text);
    if (rec.kind == Anomaly::malformed_too_few_fields) {
      w.end_truncated_row();
      return;
    }
    w.plain_field(datetime_text(buf, date_text(buf, rec.disch)));
    w.plain_field(digits_text(buf, rec.admimeth, 2));
    w.plain_field(digits_text(buf, rec.admisorc, 2));
    w.plain_field(digits_text(buf, rec.dismeth, 1));
    w.plain_field(digits_text(buf, rec.classpat, 1));
    w.plain_field(digits_text(buf, rec.tretspef, 3));
    w.plain_field(hrg);
    list_.clear();
    for (int i = 0; i < rec.diag.size; ++i) {
      // "||I500 ,E119 ,J449 ": the list's opening bars, and each code padded to five as SUS stores them.
      list_ += i == 0 ? "||" : ",";
      list_ += g_.codes.icd(rec.diag.ids[i]).code();
      list_ += ' ';
    }
    w.field(list_);
    procedures(w, rec.proc);
    tail(w, rec);
  }

  void op(RecordWriter& w, const OpRecord& rec, const RowText& text, std::string_view hrg) override {
    char buf[32];
    w.begin_row();
    w.plain_field(text.id);
    head(w, rec, text);
    if (rec.kind == Anomaly::malformed_too_few_fields) {
      w.end_truncated_row();
      return;
    }
    w.plain_field(digits_text(buf, rec.attended, 1));
    w.plain_field(digits_text(buf, rec.firstatt, 1));
    w.plain_field(digits_text(buf, rec.refsourc, 2));
    w.plain_field(digits_text(buf, rec.tretspef, 3));
    w.plain_field(hrg);
    procedures(w, rec.proc);
    tail(w, rec);
  }

  void ae(RecordWriter& w, const AeRecord& rec, const RowText& text, std::string_view hrg) override {
    char buf[32];
    w.begin_row();
    w.plain_field(text.id);
    head(w, rec, text);
    if (rec.kind == Anomaly::malformed_too_few_fields) {
      w.end_truncated_row();
      return;
    }
    w.plain_field(digits_text(buf, rec.category, 1));
    w.plain_field(hrg);
    tail(w, rec);
  }

 private:
  // Der_Provider_Code .. GP_Practice_Code, then the activity date.
  void head(RecordWriter& w, const RecordBase& rec, const RowText& text) {
    char buf[40];
    w.plain_field(text.provider);
    w.plain_field(site_code(buf, text.provider, text.patient_index));
    w.plain_field(rec.who.nhs.view());
    w.plain_field(sus_pseudonym(buf, g_.options.seed, text.patient_index));
    const Ymd birth = civil_from_days(rec.who.dob);
    w.integer_field(birth.month);  // unpadded, as the SUS column holds a number
    w.integer_field(birth.year);
    w.plain_field({&rec.who.sex, 1});
    w.plain_field(text.practice);
    w.plain_field(datetime_text(buf, text.activity_date));
  }

  // Tariff_Total_Payment, SUBDATE, Administrative_Category, COMMENT.
  static void tail(RecordWriter& w, const RecordBase& rec) {
    char buf[32];
    w.number_field(rec.price_pence >= 0 ? price_text(buf, rec.price_pence) : std::string_view{});
    w.plain_field(date_text(buf, rec.subdate));
    w.plain_field(digits_text(buf, rec.admincat, 2));
    w.field(note_text(rec.note));
    w.end_row();
  }

  // "||E851,T124": Der_Procedure_All; empty when nothing was done.
  template <std::size_t N>
  void procedures(RecordWriter& w, const CodeList<N>& proc) {
    list_.clear();
    for (int i = 0; i < proc.size; ++i) {
      list_ += i == 0 ? "||" : ",";
      list_ += g_.codes.opcs(proc.ids[i]).code();
    }
    w.field(list_);
  }

  // "2025-10-02 00:00:00.000" as SQL Server exports a date; an unreadable date (a planted malformed row)
  // is left as it is. `date` may point into `buf`.
  static std::string_view datetime_text(char* buf, std::string_view date) {
    if (date.size() != 10) return date;
    constexpr std::string_view kMidnight = " 00:00:00.000";
    if (date.data() != buf) date.copy(buf, 10);
    kMidnight.copy(buf + 10, kMidnight.size());
    return {buf, 10 + kMidnight.size()};
  }

  const GeneratorShared& g_;
  std::string list_;  // reused for every row, so a row allocates nothing once it has grown
};

}  // namespace

std::unique_ptr<LayoutRowWriter> make_sus_row_writer(const GeneratorShared& shared) {
  return std::make_unique<SusRowWriter>(shared);
}

}  // namespace recon::generate
