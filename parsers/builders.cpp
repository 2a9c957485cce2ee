#include "parsers/builders.hpp"

#include <cctype>
#include <charconv>

#include "core/nhs_number.hpp"
#include "parsers/clinical_code_fields.hpp"
#include "parsers/invoice_pod.hpp"

namespace recon {
namespace {

// A field's value as a reject reason quotes it: cut to 24 characters, and any run of ten or more digits (an
// NHS number in the wrong column, say through a column map) shown as '#'s, so no reason can carry one.
std::string shown(std::string_view v) {
  std::string out = "'" + std::string(v.substr(0, 24));
  for (std::size_t i = 1, run = 0; i <= out.size(); ++i) {
    const bool digit = i < out.size() && out[i] >= '0' && out[i] <= '9';
    if (digit) {
      ++run;
    } else {
      if (run >= 10) out.replace(i - run, run, run, '#');
      run = 0;
    }
  }
  return out + (v.size() > 24 ? "...'" : "'");
}

// BlankedFields holds one bit per field of an activity schema.
static_assert(apc::kCount <= 64 && op::kCount <= 64 && ae::kCount <= 64);

// Padding round a code or a date (fixed-width CHAR columns of SQL exports, HES's "-  ") is not part of it.
std::string_view trimmed(std::string_view v) {
  // Nearly every value is empty or starts and ends with a byte above the space (tab and space are below).
  if (v.empty() ||
      (static_cast<unsigned char>(v.front()) > ' ' && static_cast<unsigned char>(v.back()) > ' '))
    return v;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// GPPRAC values that say the practice is not known, read as no practice (so no rule looks the patient up
// at a "practice" V81999). The NHS Data Dictionary's default codes summary lists V81999 "Code of GP Practice
// is unknown" and V81998 for a practice code not applicable (prison practice, dentist practice, MoD
// doctor's practice); V81997 is the ODS default for "no registered GP practice" (not in that summary;
// taken from the list); HES writes '&' for unknown (HES data dictionary, GPPRAC: "& = Unknown").
bool is_gp_not_known(Code gp) {
  return gp == Code::of("V81997") || gp == Code::of("V81998") || gp == Code::of("V81999") ||
         gp == Code::of("&");
}

// Field helpers append to `err` (first error wins) and return the parsed value. A required field that is
// empty or unreadable makes the row a reject. An optional one that is unreadable is a reject only where
// `blank_unreadable` is off (practice files, reference tables); for activity rows it is read as empty, its
// bit set in `blanked`, and the row is still checked (docs/data_quality.md, FIELDS_BLANKED). PRICE is the
// exception: a price that cannot be read still rejects the row, as recon would otherwise pay the tariff
// price of a record the provider charged something else for.
struct Reader {
  const FieldRow& row;
  const Schema& schema;
  std::string err;
  bool blank_unreadable = false;
  BlankedFields blanked = 0;

  const std::string& name(int f) const { return schema.fields[static_cast<std::size_t>(f)].name; }
  void fail(std::string msg) {
    if (err.empty()) err = std::move(msg);
  }
  // An unreadable value of field f: `required` fails the row, an optional one is blanked where allowed.
  void unreadable(int f, bool required, std::string msg) {
    if (!required && blank_unreadable)
      blanked |= BlankedFields{1} << f;
    else
      fail(std::move(msg));
  }
  bool present(int f) const { return !row[f].empty(); }

  // Every row has a dozen codes or more: the common cases are inline, and what builds a reason is out of
  // line (its strings made the whole function set up a large frame for every code: about a third of its
  // instructions).
  Code code(int f, bool required = false) {
    std::string_view v = trimmed(row[f]);
    if (v.empty()) {
      if (required) [[unlikely]]
        empty_required(f);
      return {};
    }
    if (v.size() > Code::kMaxLength) [[unlikely]]
      return too_long(f, required, v);
    return Code::upper_of(v);
  }
  [[gnu::noinline, gnu::cold]] void empty_required(int f) { fail(name(f) + " is empty"); }
  [[gnu::noinline, gnu::cold]] Code too_long(int f, bool required, std::string_view v) {
    unreadable(f, required, name(f) + " " + shown(v) + " is longer than 8 characters");
    return {};
  }
  // PROCODE3, also when given as a 5-character site code (PROCODE5 / SITETRET, e.g. RTH08): the provider is
  // the trust, its first three characters, and the site is kept in `site`. All-digit 5-character codes are
  // the Data Dictionary's default provider codes (89997, 89999), not sites of a trust: kept whole.
  Code provider(int f, bool required, Code* site) {
    const Code c = code(f, required);
    if (c.size() != 5 || c[0] < 'A' || c[0] > 'Z') return c;
    if (site) *site = c;
    return c.prefix(3);
  }
  // As code(): the reasons are built out of line.
  Day date(int f, bool required = false, bool private_value = false) {
    std::string_view v = trimmed(row[f]);
    if (v.empty()) {
      if (required) [[unlikely]]
        empty_required(f);
      return kNoDay;
    }
    const Day d = read_extract_day(v);
    if (d == kUnreadableDay || (d == kNoDay && required)) [[unlikely]]
      return not_a_date(f, required, private_value, v, d != kUnreadableDay);
    return d;
  }
  // `null_date`: v is a HES null date (read as no date), in a required field; otherwise v is unreadable.
  [[gnu::noinline, gnu::cold]] Day not_a_date(int f, bool required, bool private_value, std::string_view v,
                                              bool null_date) {
    if (null_date)
      fail(name(f) + (private_value ? "" : " " + shown(v)) + " is a HES null date");
    else
      unreadable(f, required,
                 name(f) + (private_value ? "" : " " + shown(v)) + " is not a date (YYYY-MM-DD or YYYYMMDD)");
    return kNoDay;
  }
  // DOB, to the day or to the month; never quoted in a reason.
  DateOfBirth date_of_birth(int f) {
    std::string_view v = trimmed(row[f]);
    if (v.empty()) return {};
    DateOfBirth dob;
    if (!read_date_of_birth(v, dob)) [[unlikely]] {
      unreadable(f, false, name(f) + " is not a date (YYYY-MM-DD or YYYYMMDD)");
      return {};
    }
    return dob;
  }
  Pence money(int f, bool required = false) {
    std::string_view v = row[f];
    if (v.empty()) {
      if (required) fail(name(f) + " is empty");
      return kNoPrice;
    }
    Pence p = 0;
    if (!read_money(v, p)) {
      fail(name(f) + " " + shown(v) + " is not an amount of money" +
           (v.find(',') != std::string_view::npos
                ? " (pence follow a point; a comma may only separate groups of three digits)"
                : ""));
      return kNoPrice;
    }
    // Activity and tariff prices alike: a credit or a corrupt field is not a price to pay or to price by,
    // so it is refused (a reject for an activity row, a fatal error for a reference table) rather than
    // letting it shrink or swell a provider's total.
    if (p < 0) {
      fail("negative " + name(f) + " " + shown(v));
      return kNoPrice;
    }
    if (p > kMaxPrice) {
      fail(name(f) + " " + shown(v) + " is above the " + format_money(kMaxPrice) + " limit for one price");
      return kNoPrice;
    }
    return p;
  }
  int integer(int f, int missing = -1) {
    std::string_view v = row[f];
    if (v.empty()) return missing;
    int x = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc{} || ptr != v.data() + v.size()) {
      // Tolerate "3.0" from spreadsheets.
      if (auto dot = v.find('.');
          dot != std::string_view::npos && v.find_first_not_of('0', dot + 1) == std::string_view::npos) {
        auto [p2, ec2] = std::from_chars(v.data(), v.data() + dot, x);
        if (ec2 == std::errc{} && p2 == v.data() + dot) return x;
      }
      fail(name(f) + " " + shown(v) + " is not a whole number");
      return missing;
    }
    return x;
  }
  // An optional whole number in [lo, hi]; 0 when absent, when it is one of the `unknown` codes, or when it is
  // unreadable or out of range (then blanked).
  int optional_integer(int f, int lo, int hi, std::initializer_list<int> unknown = {}) {
    std::string_view v = trimmed(row[f]);
    if (v.empty()) return 0;
    int x = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec == std::errc{} && ptr == v.data() + v.size()) {
      for (int u : unknown)
        if (x == u) return 0;
      if (x >= lo && x <= hi) return x;
    }
    unreadable(f, false,
               name(f) + " " + shown(v) + " is not a number from " + std::to_string(lo) + " to " +
                   std::to_string(hi));
    return 0;
  }
  std::string_view text(int f, bool required = false) {
    if (row[f].empty() && required) fail(name(f) + " is empty");
    return row[f];
  }
  void patient(int nhs_f, int dob_f, int sex_f, int gp_f, PatientFields& p) {
    p.nhs_state = parse_nhs_number(row[nhs_f], p.nhs, p.nhs_valid);  // invalid numbers are a rule's business
    p.dob = date_of_birth(dob_f);
    p.sex = code(sex_f);
    p.gpprac = code(gp_f);
    p.gpprac_not_known = is_gp_not_known(p.gpprac);
    if (p.gpprac_not_known) p.gpprac = {};
  }
  // DIAG_01.. or OPERTN_01.. (N positions from field `first`) into `out`; returns the index of the last
  // present code + 1. A list of codes in the first field with the other positions empty (SUS
  // Der_Diagnosis_All mapped to DIAG_01, say) is spread over the positions (clinical_code_fields.hpp). A list
  // anywhere else cannot be placed: that field is blanked. So is a list with more codes than positions,
  // after its first N codes are kept (the field is counted; the codes past N are lost).
  template <std::size_t N>
  std::uint8_t clinical_codes(int first, std::array<Code, N>& out) {
    auto field = [&](std::size_t i) { return row[first + static_cast<int>(i)]; };
    if (holds_code_list(field(0))) {
      bool rest_empty = true;
      for (std::size_t i = 1; i < N && rest_empty; ++i) rest_empty = trimmed(field(i)).empty();
      if (rest_empty) {
        const std::size_t n = split_code_list(field(0), out);
        if (n > N) unreadable(first, false, name(first) + " holds more codes than there are positions");
        return last_present(out);
      }
    }
    std::uint8_t n = 0;  // last_present(out), counted on the way
    for (std::size_t i = 0; i < N; ++i) {
      if (field(i).empty()) {  // most positions of most rows: nothing to read
        out[i] = {};
        continue;
      }
      if (holds_code_list(field(i))) {
        unreadable(first + static_cast<int>(i), false,
                   name(first + static_cast<int>(i)) + " holds a list of codes");
      } else {
        out[i] = position_code(field(i));
      }
      if (!out[i].empty()) n = static_cast<std::uint8_t>(i + 1);
    }
    return n;
  }
  // OPERTN_01..: as clinical_codes, with the default codes X998/X999 read as no code.
  template <std::size_t N>
  std::uint8_t procedure_codes(int first, std::array<Code, N>& out) {
    std::uint8_t n = clinical_codes(first, out);
    for (std::size_t i = 0; i < n; ++i)  // past n every position is empty
      if (is_opcs_default_code(out[i])) out[i] = {};
    while (n > 0 && out[n - 1].empty()) --n;
    return n;
  }
  template <std::size_t N>
  static std::uint8_t last_present(const std::array<Code, N>& codes) {
    std::uint8_t n = 0;
    for (std::size_t i = 0; i < N; ++i)
      if (!codes[i].empty()) n = static_cast<std::uint8_t>(i + 1);
    return n;
  }
};

// A reference table holds one row per key: a second row would silently replace (or shadow) the first.
std::string duplicate_key(const char* key) {
  return std::string("duplicate ") + key + ": an earlier row has the same " + key +
         " (a reference table holds one row per key)";
}

// A practice file's patient id: an NHS number, or the pseudonym the activity is keyed by.
void practice_patient_id(Reader& r, std::string_view text, PatientIds ids, NhsNumber& out) {
  if (ids == PatientIds::kPseudonyms) {
    text = trimmed(text);
    if (text.empty()) return r.fail("NHSNUMBER (the patient's pseudonym) is empty");
    out = pseudonym_key(text);
    return;
  }
  if (parse_nhs_number(text, out) != NhsState::kPresent) r.fail("NHSNUMBER is not a 10-digit number");
}

}  // namespace

void read_patient_id_as_pseudonym(std::string_view text, PatientFields& patient) {
  text = trimmed(text);
  patient.nhs = text.empty() ? 0 : pseudonym_key(text);
  patient.nhs_state = text.empty() ? NhsState::kMissing : NhsState::kPseudonym;
  patient.nhs_valid = !text.empty();  // matchable across the patient's records; never an NHS number
}

std::string build_apc(const FieldRow& row, ApcRow& out) {
  namespace F = apc;
  Reader r{row, apc_schema(), {}, /*blank_unreadable=*/true};
  out.pos = row.pos;
  out.id = r.text(F::SUSSPELLID, true);
  out.procode = r.provider(F::PROCODE3, true, &out.site);
  r.patient(F::NHSNUMBER, F::DOB, F::SEX, F::GPPRAC, out.patient);
  out.admidate = r.date(F::ADMIDATE, true);
  out.disdate = r.date(F::DISDATE, false);
  out.subdate = r.date(F::SUBDATE);
  out.admimeth = r.code(F::ADMIMETH);
  out.admisorc = r.code(F::ADMISORC);
  out.dismeth = r.code(F::DISMETH);
  out.classpat = r.code(F::CLASSPAT);
  out.tretspef = r.code(F::TRETSPEF);
  out.hrg = r.code(F::SUSHRG);
  out.price = r.money(F::PRICE);
  out.n_diag = r.clinical_codes(F::DIAG_01, out.diag);
  out.n_opertn = r.procedure_codes(F::OPERTN_01, out.opertn);
  out.admincat = r.code(F::ADMINCAT);
  // HES: EPIORDER 98 is "not applicable", 99 "not known".
  out.epiorder = static_cast<std::uint16_t>(r.optional_integer(F::EPIORDER, 1, 97, {98, 99}));
  out.epistart = r.date(F::EPISTART);
  out.epiend = r.date(F::EPIEND);
  out.blanked = r.blanked;
  return r.err;
}

std::string build_op(const FieldRow& row, OpRow& out) {
  namespace F = op;
  Reader r{row, op_schema(), {}, /*blank_unreadable=*/true};
  out.pos = row.pos;
  out.id = r.text(F::ATTENDKEY, true);
  out.procode = r.provider(F::PROCODE3, true, &out.site);
  r.patient(F::NHSNUMBER, F::DOB, F::SEX, F::GPPRAC, out.patient);
  out.apptdate = r.date(F::APPTDATE, true);
  out.subdate = r.date(F::SUBDATE);
  out.attended = r.code(F::ATTENDED);
  out.firstatt = r.code(F::FIRSTATT);
  out.refsourc = r.code(F::REFSOURC);
  out.tretspef = r.code(F::TRETSPEF);
  out.hrg = r.code(F::SUSHRG);
  out.price = r.money(F::PRICE);
  out.n_opertn = r.procedure_codes(F::OPERTN_01, out.opertn);
  out.admincat = r.code(F::ADMINCAT);
  out.blanked = r.blanked;
  return r.err;
}

std::string build_ae(const FieldRow& row, AeRow& out) {
  namespace F = ae;
  Reader r{row, ae_schema(), {}, /*blank_unreadable=*/true};
  out.pos = row.pos;
  out.id = r.text(F::AEKEY, true);
  out.procode = r.provider(F::PROCODE3, true, &out.site);
  r.patient(F::NHSNUMBER, F::DOB, F::SEX, F::GPPRAC, out.patient);
  out.arrivaldate = r.date(F::ARRIVALDATE, true);
  out.subdate = r.date(F::SUBDATE);
  out.attendcat = r.code(F::AEATTENDCAT);
  out.attenddisp = r.code(F::AEATTENDDISP);
  out.hrg = r.code(F::SUSHRG);
  out.price = r.money(F::PRICE);
  out.admincat = r.code(F::ADMINCAT);
  out.blanked = r.blanked;
  return r.err;
}

std::string build_registration(const FieldRow& row, Registration& out, PatientIds ids) {
  namespace F = reg;
  Reader r{row, register_schema(), {}};
  practice_patient_id(r, row[F::NHSNUMBER], ids, out.nhs);
  out.gpprac = r.code(F::GPPRAC, true);
  out.dob = r.date(F::DOB, false, true);
  out.sex = r.code(F::SEX);
  out.regdate = r.date(F::REGDATE, true);
  out.deregdate = r.date(F::DEREGDATE);
  out.dod = r.date(F::DOD, false, true);
  return r.err;
}

std::string build_referral(const FieldRow& row, Referral& out, PatientIds ids) {
  namespace F = referral;
  Reader r{row, referrals_schema(), {}};
  practice_patient_id(r, row[F::NHSNUMBER], ids, out.nhs);
  out.gpprac = r.code(F::GPPRAC, true);
  out.refdate = r.date(F::REFDATE, true);
  out.procode = r.provider(F::PROCODE3, false, nullptr);
  out.tretspef = r.code(F::TRETSPEF);
  return r.err;
}

std::string build_condition(const FieldRow& row, Condition& out, PatientIds ids) {
  namespace F = condition;
  Reader r{row, conditions_schema(), {}};
  practice_patient_id(r, row[F::NHSNUMBER], ids, out.nhs);
  out.gpprac = r.code(F::GPPRAC, true);
  out.register_ = r.code(F::REGISTER, true);
  out.fromdate = r.date(F::FROMDATE);
  return r.err;
}

std::string build_invoice_line(const FieldRow& row, InvoiceLine& out, PatientIds) {
  namespace F = invoice;
  Reader r{row, invoice_schema(), {}};
  out.pos = row.pos;
  out.procode = r.provider(F::PROCODE3, true, nullptr);
  out.pod = r.code(F::POD, true);
  if (!out.pod.empty()) {
    PodReading pod = dataset_of_pod(out.pod);
    if (pod.dataset)
      out.dataset = *pod.dataset;
    else
      r.fail(std::move(pod.why));
  }
  out.record_id = std::string(trimmed(r.text(F::RECORD_ID)));
  // The patient as the activity gives it: an NHS number, or a pseudonym (matched by its key). Neither is
  // ever quoted in a reason.
  const std::string_view patient = trimmed(row[F::NHSNUMBER]);
  if (!patient.empty()) {
    NhsNumber nhs = 0;
    bool valid = false;
    if (parse_nhs_number(patient, nhs, valid) == NhsState::kPresent) {
      out.nhs = nhs;
      out.nhs_valid = valid;
    }
    out.pseudonym = pseudonym_key(patient);
  }
  if (out.record_id.empty() && patient.empty())
    r.fail("neither RECORD_ID nor NHSNUMBER is given: the line cannot be matched to any activity");
  out.start = r.date(F::ACTIVITY_DATE, true);
  out.end = r.date(F::DISDATE);
  out.hrg = r.code(F::SUSHRG);
  out.tretspef = r.code(F::TRETSPEF);
  out.amount = r.money(F::AMOUNT, true);
  return r.err;
}

std::string add_tariff_apc(const FieldRow& row, Reference& ref) {
  namespace F = tariff_apc;
  Reader r{row, tariff_apc_schema(), {}};
  Code hrg = r.code(F::HRG, true);
  TariffApc t;
  t.daycase = r.money(F::DAYCASE);
  t.elective = r.money(F::ELECTIVE);
  t.nonelective = r.money(F::NONELECTIVE);
  t.el_trim = r.integer(F::EL_TRIM);
  t.nel_trim = r.integer(F::NEL_TRIM);
  Pence ebd = r.money(F::EXCESS_BED_DAY);
  t.excess_bed_day = ebd == kNoPrice ? 0 : ebd;
  if (r.present(F::SSEM)) {
    std::string_view v = row[F::SSEM];
    if (v.ends_with('%')) v.remove_suffix(1);
    auto pct = parse_money(v);  // accepts "75" or "75.0"
    if (!pct || *pct < 0 || *pct > 100 * 100 || *pct % 100 != 0)
      r.fail("SSEM " + shown(row[F::SSEM]) + " is not a whole percentage from 0 to 100");
    else
      t.ssem_percent = static_cast<int>(*pct / 100);
  }
  if (r.err.empty() && !ref.tariff_apc.try_emplace(hrg, t).second) r.fail(duplicate_key("HRG"));
  return r.err;
}

std::string add_tariff_op(const FieldRow& row, Reference& ref) {
  namespace F = tariff_op;
  Reader r{row, tariff_op_schema(), {}};
  Code tf = r.code(F::TRETSPEF, true);
  TariffOp t{r.money(F::FIRST), r.money(F::FOLLOWUP)};
  if (r.err.empty() && !ref.tariff_op.try_emplace(tf, t).second) r.fail(duplicate_key("TRETSPEF"));
  return r.err;
}

std::string add_tariff_ae(const FieldRow& row, Reference& ref) {
  namespace F = tariff_ae;
  Reader r{row, tariff_ae_schema(), {}};
  Code hrg = r.code(F::HRG, true);
  Pence p = r.money(F::PRICE, true);
  if (r.err.empty() && !ref.tariff_ae.try_emplace(hrg, p).second) r.fail(duplicate_key("HRG"));
  return r.err;
}

std::string add_icd10(const FieldRow& row, Reference& ref) {
  namespace F = icd10;
  Reader r{row, icd10_schema(), {}};
  if (row[F::CODE].empty()) r.fail("CODE is empty");
  Code code = normalise_clinical_code(row[F::CODE]);
  Icd10Info info;
  std::string_view sex = row[F::SEX];
  if (!sex.empty()) {
    char s = static_cast<char>(std::toupper(static_cast<unsigned char>(sex[0])));
    if (s == '1') s = 'M';
    if (s == '2') s = 'F';
    if (s != 'M' && s != 'F') r.fail("SEX " + shown(sex) + " is not M, F or empty");
    info.sex = s;
  }
  info.min_age = r.integer(F::MIN_AGE);
  info.max_age = r.integer(F::MAX_AGE);
  std::string_view pok = row[F::PRIMARY_OK];
  info.primary_ok = pok.empty() || pok[0] == 'Y' || pok[0] == 'y' || pok[0] == '1';
  info.chapter = r.code(F::CHAPTER);
  if (r.err.empty() && !ref.icd10.try_emplace(code, info).second) r.fail(duplicate_key("CODE"));
  return r.err;
}

std::string add_opcs4(const FieldRow& row, Reference& ref) {
  namespace F = opcs4;
  Reader r{row, opcs4_schema(), {}};
  if (row[F::CODE].empty()) r.fail("CODE is empty");
  Opcs4Info info;
  std::string_view sex = row[F::SEX];
  if (!sex.empty()) {
    char s = static_cast<char>(std::toupper(static_cast<unsigned char>(sex[0])));
    if (s == '1') s = 'M';
    if (s == '2') s = 'F';
    if (s != 'M' && s != 'F') r.fail("SEX " + shown(sex) + " is not M, F or empty");
    info.sex = s;
  }
  if (r.err.empty() && !ref.opcs4.try_emplace(normalise_clinical_code(row[F::CODE]), info).second)
    r.fail(duplicate_key("CODE"));
  return r.err;
}

std::string add_cc_score(const FieldRow& row, Reference& ref) {
  namespace F = cc_scores;
  Reader r{row, cc_scores_schema(), {}};
  if (row[F::CODE].empty()) r.fail("CODE is empty");
  int score = r.integer(F::SCORE);
  if (r.err.empty() && !ref.cc_scores.try_emplace(normalise_clinical_code(row[F::CODE]), score).second)
    r.fail(duplicate_key("CODE"));
  return r.err;
}

std::string add_hrg_cc_band(const FieldRow& row, Reference& ref) {
  namespace F = hrg_cc_bands;
  Reader r{row, hrg_cc_bands_schema(), {}};
  Code hrg = r.code(F::HRG, true);
  CcBand band{r.integer(F::MIN_SCORE), r.integer(F::MAX_SCORE)};
  if (r.err.empty() && band.max_score < band.min_score) r.fail("MAX_SCORE is below MIN_SCORE");
  if (r.err.empty() && !ref.hrg_cc_bands.try_emplace(hrg, band).second) r.fail(duplicate_key("HRG"));
  return r.err;
}

std::string add_qof_map(const FieldRow& row, Reference& ref) {
  namespace F = qof_map;
  Reader r{row, qof_map_schema(), {}};
  if (row[F::CODE_PREFIX].empty()) r.fail("CODE_PREFIX is empty");
  Code reg = r.code(F::REGISTER, true);
  const Code prefix = normalise_clinical_code(row[F::CODE_PREFIX]);
  for (const QofMapping& m : ref.qof_map)  // small table; two registers for one prefix would be a coin toss
    if (r.err.empty() && m.prefix == prefix) r.fail(duplicate_key("CODE_PREFIX"));
  if (r.err.empty()) ref.qof_map.push_back({prefix, reg});
  return r.err;
}

std::string add_calendar(const FieldRow& row, Reference& ref) {
  namespace F = calendar;
  Reader r{row, calendar_schema(), {}};
  auto month = parse_month(row[F::ACTIVITY_MONTH]);
  if (!month) r.fail("ACTIVITY_MONTH " + shown(row[F::ACTIVITY_MONTH]) + " is not YYYY-MM");
  CalendarMonth m{r.date(F::INCLUSION_DATE, true), r.date(F::RECONCILIATION_DATE, true)};
  if (r.err.empty() && !ref.calendar.try_emplace(*month, m).second) r.fail(duplicate_key("ACTIVITY_MONTH"));
  return r.err;
}

}  // namespace recon
