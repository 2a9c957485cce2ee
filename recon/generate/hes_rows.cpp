// Rows in the HES layout (layout_columns.cpp's hes lists): admitted patient care as consultant episodes
// (episodes.hpp), outpatient and A&E attendances one row each.
#include <charconv>

#include "recon/generate/field_text.hpp"
#include "recon/generate/layout_rows.hpp"
#include "recon/generate/month_dob.hpp"
#include "recon/generate/pseudonym.hpp"

namespace recon::generate {

namespace {

class HesRowWriter final : public LayoutRowWriter {
 public:
  explicit HesRowWriter(const GeneratorShared& shared) : g_(shared) {}

  void apc(RecordWriter& w, const ApcRecord& rec, const RowText& text, std::string_view hrg,
           const EpisodePlan& episodes) override {
    char buf[32];
    for (int k = 0; k < episodes.count; ++k) {
      const bool last = k == episodes.count - 1;
      const bool unfinished = last && episodes.open;
      w.begin_row();
      w.plain_field(epikey_text(buf));
      w.plain_field(text.id);
      head(w, rec, text);
      if (rec.kind == Anomaly::malformed_too_few_fields) {
        w.end_truncated_row();
        return;
      }
      w.plain_field(digits_text(buf, k + 1, 1));
      w.plain_field(date_text(buf, episodes.start[k]));
      w.plain_field(unfinished ? std::string_view{} : date_text(buf, episodes.end[k]));
      w.plain_field(unfinished ? "1" : "3");  // EPISTAT: 1 unfinished, 3 finished
      // The spell's discharge is on its last episode; the others (and an open spell) have none, and
      // DISMETH 8: not applicable, the patient still in hospital.
      w.plain_field(last && !unfinished ? date_text(buf, rec.disch) : std::string_view{});
      w.plain_field(digits_text(buf, rec.admimeth, 2));
      w.plain_field(digits_text(buf, rec.admisorc, 2));
      w.plain_field(last && !unfinished ? digits_text(buf, rec.dismeth, 1) : "8");
      w.plain_field(digits_text(buf, rec.classpat, 1));
      w.plain_field(digits_text(buf, rec.tretspef, 3));
      // Every episode carries the spell's HRG, codes and price, so a spell built from any of its episodes,
      // or from all of them, has the spell's.
      w.plain_field(hrg);
      for (int i = 0; i < 20; ++i)
        w.plain_field(i < rec.diag.size ? g_.codes.icd(rec.diag.ids[i]).code() : std::string_view{});
      for (int i = 0; i < 24; ++i)
        w.plain_field(i < rec.proc.size ? g_.codes.opcs(rec.proc.ids[i]).code() : std::string_view{});
      tail(w, rec, k == 0);
    }
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
    for (int i = 0; i < 24; ++i)
      w.plain_field(i < rec.proc.size ? g_.codes.opcs(rec.proc.ids[i]).code() : std::string_view{});
    tail(w, rec, true);
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
    w.plain_field(digits_text(buf, rec.disposal, 2));
    w.plain_field(hrg);
    tail(w, rec, true);
  }

 private:
  // PSEUDO_HESID .. GPPRAC, then the activity date.
  void head(RecordWriter& w, const RecordBase& rec, const RowText& text) {
    char buf[40];
    w.plain_field(hes_pseudonym(buf, g_.options.seed, text.patient_index));
    w.plain_field(rec.who.nhs.view());
    w.plain_field(text.provider);
    w.plain_field(site_code(buf, text.provider, text.patient_index));
    w.plain_field(month_year_text(buf, rec.who.dob));
    w.plain_field({&rec.who.sex, 1});
    w.plain_field(text.practice);
    w.plain_field(text.activity_date);
  }

  // SUBDATE, PRICE, ADMINCAT, COMMENT (the note on one row of a spell only).
  static void tail(RecordWriter& w, const RecordBase& rec, bool with_note) {
    char buf[32];
    w.plain_field(date_text(buf, rec.subdate));
    w.number_field(rec.price_pence >= 0 ? price_text(buf, rec.price_pence) : std::string_view{});
    w.plain_field(digits_text(buf, rec.admincat, 2));
    w.field(with_note ? note_text(rec.note) : std::string_view{});
    w.end_row();
  }

  // EPIKEY: a 12-digit episode key, numbered through the file as HES's are unique.
  std::string_view epikey_text(char* buf) {
    const auto end = std::to_chars(buf, buf + 20, kFirstEpikey + episodes_written_++).ptr;
    return {buf, static_cast<std::size_t>(end - buf)};
  }

  static constexpr std::uint64_t kFirstEpikey = 300'000'000'001ULL;
  const GeneratorShared& g_;
  std::uint64_t episodes_written_ = 0;
};

}  // namespace

std::unique_ptr<LayoutRowWriter> make_hes_row_writer(const GeneratorShared& shared) {
  return std::make_unique<HesRowWriter>(shared);
}

}  // namespace recon::generate
