#include "parsers/national/prices_workbook.hpp"

#include <cctype>
#include <map>

#include "parsers/fatal_error.hpp"
#include "parsers/national/cell_values.hpp"
#include "parsers/national/headings.hpp"

namespace recon::national {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// HRG4+ codes: two letters, two digits, a letter (EB03C, VB01Z).
bool is_hrg_code(std::string_view s) {
  return s.size() == 5 && std::isalpha(static_cast<unsigned char>(s[0])) &&
         std::isalpha(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[2])) &&
         std::isdigit(static_cast<unsigned char>(s[3])) && std::isalpha(static_cast<unsigned char>(s[4]));
}

// Treatment function codes: three digits (100, 110, 300).
bool is_treatment_function(std::string_view s) {
  return s.size() == 3 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[2]));
}

std::string money_text(Pence p) { return p == kNoPrice ? std::string() : format_money(p); }
std::string days_text(int d) { return d < 0 ? std::string() : std::to_string(d); }

// Reads the rows under a header: for each row, the key cell is checked; a row whose key is not a code of
// the sheet's kind is a note or sub-heading and skipped, unless it holds a value in a column read (then it
// is an error: a price would be lost). A key seen twice is an error (which price holds?).
class SheetRows {
 public:
  SheetRows(const SourceTable& table, const Header& header, int key_spec, const char* key_name,
            bool (*is_key)(std::string_view), ConversionReport& report)
      : table_(table),
        header_(header),
        key_spec_(key_spec),
        key_name_(key_name),
        is_key_(is_key),
        report_(report) {}

  template <class F>
  void each(F&& f) {
    for (std::size_t r = header_.row + 1; r < table_.rows.size(); ++r) {
      const SourceRow& row = table_.rows[r];
      const int key_column = header_.column[static_cast<std::size_t>(key_spec_)];
      const std::string key = upper(row.cell(key_column));
      if (!is_key_(key)) {
        for (std::size_t s = 0; s < header_.column.size(); ++s) {
          const int c = header_.column[s];
          if (static_cast<int>(s) == key_spec_ || c < 0 || s == name_spec_) continue;
          if (!is_no_value(row.cell(c)))
            throw FatalError(
                table_.where(row, key_column, header_.heading[static_cast<std::size_t>(key_spec_)]) + ": '" +
                row.cell(key_column).substr(0, 24) + "' is not " + key_name_ +
                ", but the row has a value under '" + header_.heading[s] +
                "': fix the code (recon will not drop a priced row)");
        }
        report_.skipped.push_back(
            {table_.where(row), key.empty() ? "no " + std::string(key_name_) + " (a note or sub-heading row)"
                                            : "'" + row.cell(key_column).substr(0, 40) + "' is not " +
                                                  key_name_ + " (a note or sub-heading row)"});
        continue;
      }
      auto [it, fresh] = seen_.try_emplace(key, row.number);
      if (!fresh)
        throw FatalError(table_.where(row, key_column, header_.heading[static_cast<std::size_t>(key_spec_)]) +
                         ": " + key + " again (first on row " + std::to_string(it->second) +
                         "): which price holds would be a guess");
      f(row, key);
    }
  }
  void set_name_spec(std::size_t s) { name_spec_ = s; }

 private:
  const SourceTable& table_;
  const Header& header_;
  int key_spec_;
  const char* key_name_;
  bool (*is_key_)(std::string_view);
  ConversionReport& report_;
  std::size_t name_spec_ = static_cast<std::size_t>(-1);
  std::map<std::string, std::uint64_t> seen_;
};

std::string ignored_columns(const SourceTable& table, const Header& header) {
  std::string out;
  for (int c : header.unmatched) out += (out.empty() ? "'" : ", '") + table.rows[header.row].cell(c) + "'";
  return out;
}

void report_read(const SourceTable& table, const Header& header, std::size_t count, const char* what,
                 ConversionReport& report) {
  std::string line = (table.sheet.empty() ? table.file : table.file + " sheet '" + table.sheet + "'") + ": " +
                     std::to_string(count) + " " + what + " (header on " +
                     (table.sheet.empty() ? "line " : "row ") +
                     std::to_string(table.rows[header.row].number) + ")";
  if (std::string ignored = ignored_columns(table, header); !ignored.empty())
    line += "; columns not read: " + ignored;
  report.read.push_back(line);
}

namespace apc {
enum Spec : int {
  HRG,
  NAME,
  COMBINED,
  DAYCASE,
  ELECTIVE,
  EL_TRIM,
  NONELECTIVE,
  NEL_TRIM,
  EXCESS_BED_DAY,
  SSEM_APPLIES,
  SSEM_PERCENT,
  SSEM_PRICE,
  OUTPATIENT_PROCEDURE,
  kCount
};
// Headings of the NHS Payment Scheme annex (docs/national_reference.md), normalised.
const std::vector<ColumnSpec>& specs() {
  static const std::vector<ColumnSpec> s = {
      {"HRG code", {"hrg code", "hrg"}, true},
      {"HRG name", {"hrg name", "hrg description"}, false},
      {"combined day case / ordinary elective spell tariff",
       {"combined day case ordinary elective spell tariff*",
        "combined day case and ordinary elective spell tariff*"},
       false},
      {"day case spell tariff", {"day case spell tariff*"}, false},
      {"ordinary elective spell tariff", {"ordinary elective spell tariff*"}, false},
      {"ordinary elective long stay trim point", {"ordinary elective long stay trim point*"}, false},
      {"non-elective spell tariff", {"non elective spell tariff*"}, true},
      {"non-elective long stay trim point", {"non elective long stay trim point*"}, false},
      {"per day long stay payment", {"per day long stay payment*"}, false},
      {"reduced short stay emergency tariff applicable?",
       {"reduced short stay emergency tariff applicable*"},
       false},
      {"% applied in calculation of reduced short stay emergency tariff",
       {"applied in calculation of reduced short stay emergency tariff*"},
       false},
      {"reduced short stay emergency tariff (£)", {"reduced short stay emergency tariff"}, false},
      {"outpatient procedure tariff", {"outpatient procedure tariff*"}, false},
  };
  return s;
}
}  // namespace apc

}  // namespace

OutputTable read_apc_prices(const SourceTable& sheet, ConversionReport& report) {
  using namespace apc;
  const Header h = find_header(sheet, specs(), HRG);
  const auto col = [&](Spec s) { return h.column[s]; };
  const auto cell = [&](const SourceRow& row, Spec s) { return CellRef{sheet, row, col(s), h.heading[s]}; };
  if (col(COMBINED) < 0 && (col(DAYCASE) < 0 || col(ELECTIVE) < 0))
    throw FatalError(
        sheet.where(sheet.rows[h.row]) +
        ": the header row has neither a combined day case / ordinary elective price column nor both "
        "a day case and an ordinary elective one");

  OutputTable out{
      "tariff_apc",
      {"HRG", "NAME", "DAYCASE", "ELECTIVE", "NONELECTIVE", "EL_TRIM", "NEL_TRIM", "EXCESS_BED_DAY", "SSEM"},
      {}};
  std::size_t from_combined = 0, separate = 0, from_fraction = 0, ssem_checked = 0, no_price = 0;
  SheetRows rows(sheet, h, HRG, "an HRG code", is_hrg_code, report);
  rows.set_name_spec(NAME);
  rows.each([&](const SourceRow& row, const std::string& hrg) {
    Pence combined = col(COMBINED) >= 0 ? read_price(cell(row, COMBINED)) : kNoPrice;
    Pence daycase = col(DAYCASE) >= 0 ? read_price(cell(row, DAYCASE)) : kNoPrice;
    Pence elective = col(ELECTIVE) >= 0 ? read_price(cell(row, ELECTIVE)) : kNoPrice;
    if (combined != kNoPrice) {
      // One price for both: it feeds DAYCASE and ELECTIVE. A separate price that differs cannot be both.
      for (auto [price, spec] : {std::pair{daycase, DAYCASE}, std::pair{elective, ELECTIVE}})
        if (price != kNoPrice && price != combined)
          cell(row, spec).fail("differs from the combined day case / ordinary elective price " +
                               format_money(combined) + " in column '" + h.heading[COMBINED] +
                               "': which one is meant cannot be told");
      daycase = elective = combined;
      ++from_combined;
    } else if (daycase != kNoPrice || elective != kNoPrice) {
      ++separate;
    }
    const Pence nonelective = read_price(cell(row, NONELECTIVE));
    const int el_trim = col(EL_TRIM) >= 0 ? read_days(cell(row, EL_TRIM)) : -1;
    const int nel_trim = col(NEL_TRIM) >= 0 ? read_days(cell(row, NEL_TRIM)) : -1;
    const Pence excess = col(EXCESS_BED_DAY) >= 0 ? read_price(cell(row, EXCESS_BED_DAY)) : kNoPrice;
    if (daycase == kNoPrice && elective == kNoPrice && nonelective == kNoPrice) ++no_price;

    int ssem = -1;
    if (col(SSEM_PERCENT) >= 0) {
      bool fraction = false;
      ssem = read_percentage(cell(row, SSEM_PERCENT), fraction);
      from_fraction += fraction ? 1 : 0;
    }
    if (col(SSEM_APPLIES) >= 0) {
      const std::string applies = upper(row.cell(col(SSEM_APPLIES)));
      const bool yes = applies == "YES" || applies == "Y", no = applies == "NO" || applies == "N";
      if (!yes && !no && !is_no_value(applies)) cell(row, SSEM_APPLIES).fail("is not Yes or No");
      if (no && ssem > 0)
        cell(row, SSEM_PERCENT)
            .fail("is a short-stay percentage, but the row says the reduction does not apply");
      if (yes && ssem < 0)
        cell(row, SSEM_PERCENT).fail("is no percentage, but the row says the reduction applies");
      if (no) ssem = -1;
    }
    // The published reduced price is the percentage of the non-elective price: when both are there, they
    // must agree (to the pound, as prices are rounded), which also settles how the percentage was written.
    if (ssem >= 0 && col(SSEM_PRICE) >= 0 && nonelective != kNoPrice) {
      const Pence reduced = read_price(cell(row, SSEM_PRICE));
      if (reduced != kNoPrice) {
        const Pence expected = nonelective * ssem / 100;
        if (expected - reduced > 100 || reduced - expected > 100)
          cell(row, SSEM_PERCENT)
              .fail("read as " + std::to_string(ssem) + "% gives " + format_money(expected) +
                    " of the non-elective " + format_money(nonelective) + ", but '" + h.heading[SSEM_PRICE] +
                    "' says " + format_money(reduced));
        ++ssem_checked;
      }
    }
    out.rows.push_back({hrg, col(NAME) >= 0 ? row.cell(col(NAME)) : std::string(), money_text(daycase),
                        money_text(elective), money_text(nonelective), days_text(el_trim),
                        days_text(nel_trim), money_text(excess),
                        ssem < 0 ? std::string() : std::to_string(ssem)});
  });
  report_read(sheet, h, out.rows.size(), "HRGs", report);
  if (from_combined)
    report.derived.push_back(
        "tariff_apc: DAYCASE and ELECTIVE both from the combined day case / ordinary elective "
        "price for " +
        std::to_string(from_combined) + " HRGs; separate prices for " + std::to_string(separate));
  if (no_price)
    report.derived.push_back("tariff_apc: " + std::to_string(no_price) +
                             " HRGs with no national price ('-'): kept as known HRGs with empty prices");
  if (from_fraction)
    report.derived.push_back("tariff_apc: SSEM from a fraction (0.34 read as 34%) for " +
                             std::to_string(from_fraction) + " HRGs");
  if (ssem_checked)
    report.derived.push_back(
        "tariff_apc: SSEM checked against the published reduced short stay emergency tariff for " +
        std::to_string(ssem_checked) + " HRGs");
  if (col(OUTPATIENT_PROCEDURE) >= 0)
    report.derived.push_back("tariff_apc: '" + h.heading[OUTPATIENT_PROCEDURE] +
                             "' not used (recon's tariff_apc has no outpatient procedure price)");
  return out;
}

namespace op {
enum Spec : int {
  TFC,
  NAME,
  FIRST_SINGLE,
  FIRST_MULTI,
  FOLLOWUP_SINGLE,
  FOLLOWUP_MULTI,
  FIRST,
  FOLLOWUP,
  kCount
};
const std::vector<ColumnSpec>& specs() {
  static const std::vector<ColumnSpec> s = {
      {"treatment function code", {"treatment function code", "tfc", "tfc code", "treatment function"}, true},
      {"treatment function name",
       {"treatment function name*", "tfc name*", "treatment function description*"},
       false},
      {"first attendance, single professional",
       {"first attendance single professional*", "first single professional*"},
       false},
      {"first attendance, multi-professional",
       {"first attendance multi professional*", "first multi professional*"},
       false},
      {"follow-up attendance, single professional",
       {"follow up attendance single professional*", "follow up single professional*",
        "followup attendance single professional*"},
       false},
      {"follow-up attendance, multi-professional",
       {"follow up attendance multi professional*", "follow up multi professional*",
        "followup attendance multi professional*"},
       false},
      {"first attendance", {"first attendance", "first attendance tariff", "first attendance price"}, false},
      {"follow-up attendance",
       {"follow up attendance", "follow up attendance tariff", "follow up attendance price"},
       false},
  };
  return s;
}
}  // namespace op

OutputTable read_op_prices(const SourceTable& sheet, ConversionReport& report) {
  using namespace op;
  const Header h = find_header(sheet, specs(), TFC);
  const auto col = [&](Spec s) { return h.column[s]; };
  // Single-professional prices are the attendance prices; a sheet without the split has one first and one
  // follow-up price. Both layouts at once would leave which to read a guess.
  const Spec first = col(FIRST_SINGLE) >= 0 ? FIRST_SINGLE : FIRST;
  const Spec followup = col(FOLLOWUP_SINGLE) >= 0 ? FOLLOWUP_SINGLE : FOLLOWUP;
  for (auto [a, b] : {std::pair{FIRST_SINGLE, FIRST}, std::pair{FOLLOWUP_SINGLE, FOLLOWUP}})
    if (col(a) >= 0 && col(b) >= 0)
      throw FatalError(sheet.where(sheet.rows[h.row], col(b), h.heading[b]) + ": both '" + h.heading[a] +
                       "' and '" + h.heading[b] + "': which is the attendance price cannot be told");
  if (col(first) < 0 || col(followup) < 0)
    throw FatalError(
        sheet.where(sheet.rows[h.row]) +
        ": the header row has no first attendance or no follow-up attendance price column (single "
        "professional, or without the single / multi-professional split)");

  OutputTable out{"tariff_op", {"TRETSPEF", "FIRST", "FOLLOWUP"}, {}};
  SheetRows rows(sheet, h, TFC, "a treatment function code", is_treatment_function, report);
  rows.set_name_spec(NAME);
  rows.each([&](const SourceRow& row, const std::string& tfc) {
    Pence f = read_price({sheet, row, col(first), h.heading[first]});
    Pence u = read_price({sheet, row, col(followup), h.heading[followup]});
    for (Spec multi : {FIRST_MULTI, FOLLOWUP_MULTI})  // read, so that a bad cell is still an error
      if (col(multi) >= 0) read_price({sheet, row, col(multi), h.heading[multi]});
    out.rows.push_back({tfc, money_text(f), money_text(u)});
  });
  report_read(sheet, h, out.rows.size(), "treatment functions", report);
  if (first == FIRST_SINGLE)
    report.derived.push_back("tariff_op: FIRST and FOLLOWUP from the single-professional prices");
  if (col(FIRST_MULTI) >= 0 || col(FOLLOWUP_MULTI) >= 0)
    report.derived.push_back(
        "tariff_op: multi-professional prices checked but not used: recon's activity contract has no "
        "multi-professional indicator, so an attendance is priced at the single-professional price");
  return out;
}

OutputTable read_ae_prices(const SourceTable& sheet, const std::string& price_heading,
                           ConversionReport& report) {
  enum Spec : int { HRG, NAME, PRICE };
  std::vector<ColumnSpec> specs = {{"HRG code", {"hrg code", "hrg"}, true},
                                   {"HRG name", {"hrg name", "hrg description"}, false}};
  if (!price_heading.empty())
    specs.push_back({"price ('" + price_heading + "')", {normalise_heading(price_heading)}, true});
  const Header h = find_header(sheet, specs, HRG);
  int price_column = price_heading.empty() ? -1 : h.column[PRICE];
  std::string heading = price_heading.empty() ? std::string() : h.heading[PRICE];
  if (price_heading.empty()) {
    if (h.unmatched.size() != 1)
      throw FatalError(sheet.where(sheet.rows[h.row]) + ": " +
                       (h.unmatched.empty() ? std::string("no price column beside the HRG code and name")
                                            : std::to_string(h.unmatched.size()) +
                                                  " possible price columns (" + ignored_columns(sheet, h) +
                                                  "): name the one to read with --ae-price-column"));
    price_column = h.unmatched.front();
    heading = sheet.rows[h.row].cell(price_column);
  }
  Header keyed = h;
  keyed.unmatched.clear();
  if (price_heading.empty()) {
    keyed.column.push_back(price_column);
    keyed.heading.push_back(heading);
  }
  OutputTable out{"tariff_ae", {"HRG", "PRICE"}, {}};
  SheetRows rows(sheet, keyed, HRG, "an HRG code", is_hrg_code, report);
  rows.set_name_spec(NAME);
  rows.each([&](const SourceRow& row, const std::string& hrg) {
    CellRef price{sheet, row, price_column, heading};
    Pence p = read_price(price);
    // recon's tariff_ae holds a price for every HRG it knows; leaving the HRG out would challenge every
    // attendance of it as HRG_UNKNOWN, and a 0 would price them at nothing.
    if (p == kNoPrice)
      price.fail(
          "is no price: recon's A&E tariff cannot hold an HRG without a price (leaving it out would "
          "challenge every attendance of it as HRG_UNKNOWN); give the price, or remove the row knowingly");
    out.rows.push_back({hrg, format_money(p)});
  });
  report_read(sheet, keyed, out.rows.size(), "A&E HRGs", report);
  report.derived.push_back("tariff_ae: PRICE from '" + heading + "'");
  return out;
}

}  // namespace recon::national
