#include "recon/generate/invoice_output.hpp"

#include <algorithm>

#include "recon/generate/field_text.hpp"
#include "recon/generate/op_builder.hpp"
#include "recon/generate/rng.hpp"

namespace recon::generate {
namespace {

// What a record the tariff cannot price, and that carries no PRICE, is billed at.
constexpr std::int64_t kUnpricedAmount = 50000;

std::uint64_t hash_of(std::uint64_t seed, std::string_view id) {
  std::uint64_t h = 1469598103934665603ull ^ seed;
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::uint64_t state = h;
  return splitmix64(state);
}

bool malformed(const RecordBase& rec) {
  return rec.kind == Anomaly::malformed_bad_date || rec.kind == Anomaly::malformed_too_few_fields;
}

// The spell's price as the checker's tariff pricing gives it (core/pricing.cpp price_apc), from the same
// catalogue the tariff tables are written from: day case, elective or non-elective by the claimed split,
// excess bed days past the trim point, the short-stay emergency percentage.
std::int64_t apc_tariff(const HrgCatalogue& hrgs, const ApcRecord& rec) {
  if (rec.unknown_hrg >= 0) return 0;
  const HrgRoot& root = hrgs.root(rec.root);
  const int split = rec.claimed_letter;
  const int los = std::max(0, rec.disch - rec.admit);
  if (rec.classpat == 2) return root.price_pence(split, 0);
  const std::int64_t excess_day = std::int64_t{root.excess_bed_day} * 100;
  if (rec.admimeth >= 11 && rec.admimeth <= 13) {
    std::int64_t price = root.price_pence(split, 1);
    if (root.el_trim >= 0 && los > root.el_trim) price += (los - root.el_trim) * excess_day;
    return price;
  }
  std::int64_t price = root.price_pence(split, 2);
  const bool emergency = rec.admimeth >= 20 && rec.admimeth <= 28;
  if (emergency && root.ssem > 0 && los <= 1) return price * root.ssem / 100;
  if (root.nel_trim >= 0 && los > root.nel_trim) price += (los - root.nel_trim) * excess_day;
  return price;
}

}  // namespace

std::span<const std::string_view> invoice_columns() {
  static const std::string_view columns[] = {"PROCODE3", "POD",    "RECORD_ID", "NHSNUMBER", "ACTIVITY_DATE",
                                             "DISDATE",  "SUSHRG", "TRETSPEF",  "AMOUNT"};
  return columns;
}

InvoiceOutput::InvoiceOutput(const GeneratorShared& shared, RecordWriter& invoice, RecordWriter& truth)
    : g_(shared), out_(invoice), truth_(truth) {}

void InvoiceOutput::apc(const ApcRecord& rec, std::string_view id, std::string_view hrg) {
  if (malformed(rec)) return;
  char tfc[32];
  const std::string_view pod = rec.classpat == 2                            ? "DC"
                               : (rec.admimeth >= 11 && rec.admimeth <= 13) ? "EL"
                                                                            : "NEL";
  bill(rec, {pod, id, rec.who.nhs.view(), hrg, digits_text(tfc, rec.tretspef, 3), rec.admit, rec.disch, true,
             apc_tariff(g_.hrgs, rec)});
}

void InvoiceOutput::op(const OpRecord& rec, std::string_view id, std::string_view hrg) {
  if (malformed(rec)) return;
  char tfc[32];
  const Specialty* specialty = g_.hrgs.specialty(rec.tretspef);
  const bool first = rec.firstatt == 1 || rec.firstatt == 3;
  const std::int64_t tariff =
      specialty ? std::int64_t{first ? specialty->first : specialty->followup} * 100 : 0;
  bill(rec, {first ? "OPFA" : "OPFU", id, rec.who.nhs.view(), hrg, digits_text(tfc, rec.tretspef, 3),
             rec.date, rec.date, false, tariff});
}

void InvoiceOutput::ae(const AeRecord& rec, std::string_view id, std::string_view hrg) {
  if (malformed(rec)) return;
  const std::int64_t tariff =
      rec.unknown_hrg >= 0 ? 0
                           : std::int64_t{g_.hrgs.ae_hrgs()[static_cast<std::size_t>(rec.hrg)].price} * 100;
  bill(rec, {"AE", id, rec.who.nhs.view(), hrg, {}, rec.date, rec.date, false, tariff});
}

void InvoiceOutput::bill(const RecordBase& rec, const Line& line) {
  const std::uint64_t h = hash_of(g_.options.seed, line.id);
  const bool clean = rec.kind == Anomaly::none;
  const bool plant = g_.plant();
  // A record the tariff cannot price is billed at what it charged (its PRICE), else at a fixed amount.
  const std::int64_t full =
      line.tariff > 0 ? line.tariff : (rec.price_pence >= 0 ? rec.price_pence : kUnpricedAmount);
  if (plant && clean && line.tariff > 0 && h % 97 == 5) {
    const std::int64_t over = static_cast<std::int64_t>(10 + (h / 97) % 190) * 100;
    write(rec, line, line.id, line.nhs, full + over);
    char buf[32];
    truth(line.id, "invoice_price:" + std::string(price_text(buf, over)));
    return;
  }
  // A fifth of the clean lines give no record id: the checker matches them by patient, dates and HRG.
  const bool by_patient = clean && !line.nhs.empty() && h % 5 == 2;
  write(rec, line, by_patient ? std::string_view{} : line.id, line.nhs, full);
  if (!plant) return;
  if (clean && !by_patient && h % 89 == 7) {  // the same record billed again, on the next line
    write(rec, line, line.id, line.nhs, full);
    truth(line.id, "invoice_billed_twice");
  }
  if (h % 83 == 11) {  // an item no activity record has (no patient either, so nothing can match it)
    const std::string phantom = "N" + std::string(line.id);
    write(rec, line, phantom, {}, full);
    truth(phantom, "invoice_no_activity");
  }
}

void InvoiceOutput::write(const RecordBase& rec, const Line& line, std::string_view id, std::string_view nhs,
                          std::int64_t amount) {
  char buf[32];
  out_.begin_row();
  out_.plain_field(g_.orgs.providers[rec.provider].view());
  out_.plain_field(line.pod);
  out_.field(id);
  out_.plain_field(nhs);
  out_.plain_field(date_text(buf, line.start));
  out_.plain_field(line.with_end ? date_text(buf, line.end) : std::string_view{});
  out_.plain_field(line.hrg);
  out_.plain_field(line.tretspef);
  out_.number_field(price_text(buf, amount));
  out_.end_row();
}

void InvoiceOutput::truth(std::string_view id, std::string_view anomaly) {
  truth_.begin_row();
  truth_.field("invoice");
  truth_.field(id);
  truth_.field(anomaly);
  truth_.end_row();
}

}  // namespace recon::generate
