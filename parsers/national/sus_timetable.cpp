#include "parsers/national/sus_timetable.hpp"

#include <cstdio>
#include <map>

#include "core/day.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/national/headings.hpp"
#include "parsers/national/named_month_dates.hpp"

namespace recon::national {
namespace {

enum Spec : int { MONTH, INCLUSION, POST_RECONCILIATION, BARE_RECONCILIATION, kCount };
const std::vector<ColumnSpec>& specs() {
  static const std::vector<ColumnSpec> s = {
      {"activity month", {"activity month*", "month of activity*", "activity period*"}, true},
      {"inclusion date", {"inclusion date", "inclusion", "flex", "flex date"}, true},
      {"post-reconciliation inclusion date", {"post reconciliation*", "freeze", "freeze date"}, true},
      // A bare "reconciliation date" could be read as either date; recon will not guess (see below).
      {"reconciliation date", {"reconciliation date", "reconciliation"}, false},
  };
  return s;
}

// "202504" (YYYYMM, as the timetable writes it), "2025-04" or "Apr-25" -> "2025-04"; empty when none.
std::string activity_month(std::string_view text) {
  std::string digits;
  if (text.size() == 6) {
    digits = std::string(text);
  } else if (text.size() == 7 && text[4] == '-') {
    digits = std::string(text.substr(0, 4)) + std::string(text.substr(5));
  } else {
    return parse_named_month(text);  // "Apr-25", "April 2025": a spreadsheet's display of the month
  }
  for (char c : digits)
    if (c < '0' || c > '9') return parse_named_month(text);  // "Apr-25" is six characters too
  const int month = std::stoi(digits.substr(4));
  if (month < 1 || month > 12 || digits.substr(0, 2) < "19") return {};
  return digits.substr(0, 4) + "-" + digits.substr(4);
}

}  // namespace

OutputTable read_sus_timetable(const SourceTable& file, ConversionReport& report) {
  const Header h = find_header(file, specs(), MONTH);
  const SourceRow& header_row = file.rows[h.row];
  if (h.column[BARE_RECONCILIATION] >= 0)
    throw FatalError(
        file.where(header_row, h.column[BARE_RECONCILIATION], h.heading[BARE_RECONCILIATION]) +
        ": a 'reconciliation' date that does not say whether it is the post-reconciliation inclusion "
        "date: recon will not guess which SUS date it is (rename it 'Post reconciliation inclusion "
        "date' if it is that one)");
  OutputTable out{"calendar", {"ACTIVITY_MONTH", "INCLUSION_DATE", "POST_RECONCILIATION_DATE"}, {}};
  std::map<std::string, std::uint64_t> seen;
  for (std::size_t r = h.row + 1; r < file.rows.size(); ++r) {
    const SourceRow& row = file.rows[r];
    const std::string& month_text = row.cell(h.column[MONTH]);
    const std::string month = activity_month(month_text);
    if (month.empty()) {
      if (row.cell(h.column[INCLUSION]).empty() && row.cell(h.column[POST_RECONCILIATION]).empty()) {
        report.skipped.push_back({file.where(row), "no activity month and no dates (a note row)"});
        continue;
      }
      throw FatalError(file.where(row, h.column[MONTH], h.heading[MONTH]) + ": '" + month_text.substr(0, 16) +
                       "' is not an activity month (YYYYMM, YYYY-MM or Apr-2025)");
    }
    Day dates[2];
    const Spec date_specs[2] = {INCLUSION, POST_RECONCILIATION};
    for (int i = 0; i < 2; ++i) {
      const int c = h.column[date_specs[i]];
      std::optional<Day> d = parse_extract_day(row.cell(c));
      if (!d) d = parse_named_month_day(row.cell(c));
      if (!d || *d == kNoDay)
        throw FatalError(file.where(row, c, h.heading[date_specs[i]]) + ": '" + row.cell(c).substr(0, 24) +
                         "' is not a date (YYYY-MM-DD, YYYYMMDD, dd/mm/yyyy or 21-Apr-2025)");
      dates[i] = *d;
    }
    if (dates[1] < dates[0])
      throw FatalError(file.where(row, h.column[POST_RECONCILIATION], h.heading[POST_RECONCILIATION]) +
                       ": the post-reconciliation date " + format_day(dates[1]) +
                       " is before the inclusion date " + format_day(dates[0]) +
                       ": the columns are the wrong way round");
    auto [it, fresh] = seen.try_emplace(month, row.number);
    if (!fresh)
      throw FatalError(file.where(row, h.column[MONTH], h.heading[MONTH]) + ": " + month +
                       " again (first on " + (file.sheet.empty() ? "line " : "row ") +
                       std::to_string(it->second) + ")");
    out.rows.push_back({month, format_day(dates[0]), format_day(dates[1])});
  }
  report.read.push_back(file.where(header_row) + " (header): " + std::to_string(out.rows.size()) +
                        " activity months");
  report.derived.push_back("calendar: INCLUSION_DATE from '" + h.heading[INCLUSION] +
                           "', POST_RECONCILIATION_DATE from '" + h.heading[POST_RECONCILIATION] +
                           "', ACTIVITY_MONTH from '" + h.heading[MONTH] + "'");
  return out;
}

}  // namespace recon::national
