#include "recon/writers/pack_workbook.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/money.hpp"
#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"
#include "recon/writers/text_escape.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

constexpr double kExcelDayOfUnixEpoch = 25569;  // 1970-01-01 in Excel's 1900 date system
constexpr std::size_t kMaxCellText = 32767;     // Excel's limit on a cell's characters

enum class CellKind { kText, kMoney, kDate };

CellKind kind_of_column(std::string_view name) {
  if (name == "CHARGED" || name == "CHALLENGED") return CellKind::kMoney;
  if (name == "ACTIVITY_DATE") return CellKind::kDate;
  return CellKind::kText;
}

double column_width(std::string_view name) {
  static const std::map<std::string_view, double> kWidths = {
      {"CHALLENGE_ID", 13}, {"RULE", 18},      {"SEVERITY", 10},  {"PROCODE3", 10},      {"GPPRAC", 10},
      {"DATASET", 9},       {"RECORD_ID", 14}, {"NHSNUMBER", 12}, {"ACTIVITY_DATE", 13}, {"CHARGED", 12},
      {"CHALLENGED", 12},   {"REASON", 60},    {"EVIDENCE", 40},  {"RESPONSE", 12},      {"COMMENT", 40},
      {"FINGERPRINT", 34},  {"STATUS", 11}};
  const auto it = kWidths.find(name);
  return it == kWidths.end() ? 14 : it->second;
}

// Whether a Challenges sheet's XML (its largest part) could pass the 4 GB a zip entry holds without ZIP64:
// escaping grows text at most 6 times ("&" is "&amp;", U+FFFD three bytes for one), and a row's markup (cell
// references, types, styles) takes under 1 KB.
bool needs_zip64(const PackWorkbookInfo& info) {
  constexpr std::uint64_t kLimit = std::uint64_t{4} << 30;
  return info.text_bytes * 6 + info.rows * 1024 > kLimit / 2;  // half the limit: a margin for the estimate
}

// The workbook and the checks on every libxlsxwriter call: the first error is thrown, naming the file.
class Workbook {
 public:
  Workbook(const std::filesystem::path& path, const std::filesystem::path& tmpdir,
           const PackWorkbookInfo& info)
      : path_(path.string()), tmpdir_(tmpdir.string()) {
    ::close(create_private_file(path));  // 0600 and O_EXCL; libxlsxwriter then truncates and fills it
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir_.data();
    options.use_zip64 = needs_zip64(info) ? LXW_TRUE : LXW_FALSE;
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (!wb_) throw FatalError("cannot create the workbook " + path_);
    // Reproducible: created/modified is the run's as-of date, never the clock.
    title_ = "Challenge pack: " + info.for_whom;
    lxw_doc_properties properties{};
    properties.title = title_.data();
    properties.author = const_cast<char*>("recon");
    properties.created = static_cast<time_t>(info.as_of == kNoDay ? 0 : info.as_of) * 86400;
    check(workbook_set_properties(wb_, &properties));
    check(workbook_set_custom_property_string(wb_, "recon run id", info.run_id.c_str()));
  }
  ~Workbook() {
    if (wb_) {  // an error on the way: close to free it, and leave the file to the staging clean-up
      workbook_close(wb_);
    }
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return wb_; }
  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR)
      throw FatalError("cannot write the workbook " + path_ + ": " + lxw_strerror(error));
  }
  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw FatalError("cannot add the sheet '" + name + "' to the workbook " + path_);
    return ws;
  }
  lxw_format* add_format() { return workbook_add_format(wb_); }
  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    check(workbook_close(wb));
  }

 private:
  std::string path_, tmpdir_, title_;
  lxw_workbook* wb_ = nullptr;
};

struct Formats {
  lxw_format *header, *title, *money, *date, *bold_money, *bold;
  explicit Formats(Workbook& wb) {
    header = wb.add_format();
    format_set_bold(header);
    format_set_bg_color(header, 0xD9E1F2);
    format_set_bottom(header, LXW_BORDER_THIN);
    title = wb.add_format();
    format_set_bold(title);
    format_set_font_size(title, 14);
    money = wb.add_format();
    format_set_num_format(money, "#,##0.00");
    date = wb.add_format();
    format_set_num_format(date, "yyyy-mm-dd");
    bold = wb.add_format();
    format_set_bold(bold);
    bold_money = wb.add_format();
    format_set_bold(bold_money);
    format_set_num_format(bold_money, "#,##0.00");
  }
};

std::string cell_text(std::string_view s) {
  std::string text = xml_text(s);
  if (text.size() <= kMaxCellText) return text;
  constexpr std::string_view kCut = " [cut: the whole text is in the pack's CSV]";
  std::size_t keep = kMaxCellText - kCut.size();
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;  // whole characters
  return text.substr(0, keep) + std::string(kCut);
}

// The Challenges sheets: written a row at a time, a new sheet when one is full.
class ChallengeSheets {
 public:
  ChallengeSheets(Workbook& wb, const Formats& formats, const PackWorkbookInfo& info)
      : wb_(wb), formats_(formats), info_(info) {
    columns_ = info.columns;
    // With --history the list has them already (an ANSWERED challenge's latest answer).
    if (columns_.size() < 2 || columns_[columns_.size() - 2] != "RESPONSE" || columns_.back() != "COMMENT") {
      columns_.push_back("RESPONSE");
      columns_.push_back("COMMENT");
    }
    for (const std::string& c : info.columns) kinds_.push_back(kind_of_column(c));
  }

  void add(const std::vector<std::string>& fields) {
    if (!sheet_ || row_ > info_.max_rows_per_sheet) start_sheet();
    const auto r = static_cast<lxw_row_t>(row_);
    for (std::size_t c = 0; c < kinds_.size() && c < fields.size(); ++c) {
      const std::string& value = fields[c];
      const auto col = static_cast<lxw_col_t>(c);
      if (value.empty()) continue;  // a blank cell
      if (kinds_[c] == CellKind::kMoney) {
        if (const auto pence = parse_money(value)) {
          wb_.check(
              worksheet_write_number(sheet_, r, col, static_cast<double>(*pence) / 100, formats_.money));
          continue;
        }
      } else if (kinds_[c] == CellKind::kDate) {
        if (const auto day = parse_day(value)) {
          wb_.check(worksheet_write_number(sheet_, r, col, *day + kExcelDayOfUnixEpoch, formats_.date));
          continue;
        }
      }
      wb_.check(worksheet_write_string(sheet_, r, col, cell_text(value).c_str(), nullptr));
    }
    ++row_;
  }

  void finish() {
    if (!sheet_) start_sheet();  // an empty pack still has its (header-only) sheet
    close_sheet();
  }

 private:
  void start_sheet() {
    if (sheet_) close_sheet();
    ++sheets_;
    sheet_ = wb_.add_sheet(sheets_ == 1 ? "Challenges" : "Challenges " + std::to_string(sheets_));
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const CellKind kind = c < kinds_.size() ? kinds_[c] : CellKind::kText;
      lxw_format* format = kind == CellKind::kMoney  ? formats_.money
                           : kind == CellKind::kDate ? formats_.date
                                                     : nullptr;
      wb_.check(worksheet_set_column(sheet_, col, col, column_width(columns_[c]), format));
      wb_.check(worksheet_write_string(sheet_, 0, col, columns_[c].c_str(), formats_.header));
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;
  }

  // The autofilter and RESPONSE's list cover the sheet's rows (at least one, so an empty sheet has them).
  void close_sheet() {
    const auto last_row = static_cast<lxw_row_t>(std::max<std::size_t>(row_ - 1, 1));
    const auto last_col = static_cast<lxw_col_t>(columns_.size() - 1);
    wb_.check(worksheet_autofilter(sheet_, 0, 0, last_row, last_col));
    const char* responses[kPackResponses.size() + 1] = {};
    std::copy(kPackResponses.begin(), kPackResponses.end(), responses);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = const_cast<char**>(responses);  // libxlsxwriter only reads them
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    validation.input_title = const_cast<char*>("RESPONSE");
    validation.input_message = const_cast<char*>("ACCEPTED, DISPUTED or QUERY; explain in COMMENT");
    validation.error_title = const_cast<char*>("RESPONSE");
    validation.error_message = const_cast<char*>("Answer ACCEPTED, DISPUTED or QUERY (or leave it empty).");
    const auto response_col = static_cast<lxw_col_t>(columns_.size() - 2);
    wb_.check(worksheet_data_validation_range(sheet_, 1, response_col, last_row, response_col, &validation));
  }

  Workbook& wb_;
  const Formats& formats_;
  const PackWorkbookInfo& info_;
  std::vector<std::string> columns_;
  std::vector<CellKind> kinds_;
  lxw_worksheet* sheet_ = nullptr;
  std::size_t row_ = 0;
  int sheets_ = 0;
};

struct RuleLine {
  // The severities in force on the rule's challenges (each challenge carries its provider's configured
  // severity), so the summary says what the rows say rather than the catalogue's default.
  std::set<std::string> severities;
  std::uint64_t challenges = 0;
  Pence challenged = 0;
};

// "HIGH", or "HIGH, MEDIUM" when the config gives the rule different severities for the providers in the
// pack (a practice's pack holds several providers' challenges): highest first.
std::string severities_text(const std::set<std::string>& severities) {
  std::string s;
  for (const char* level : {"HIGH", "MEDIUM", "LOW"})
    if (severities.count(level)) s += (s.empty() ? "" : ", ") + std::string(level);
  for (const std::string& other : severities)
    if (other != "HIGH" && other != "MEDIUM" && other != "LOW")
      s += (s.empty() ? "" : ", ") + cell_text(other);
  return s;
}

void write_summary(Workbook& wb, lxw_worksheet* ws, const Formats& f, const PackWorkbookInfo& info,
                   const std::map<std::string, RuleLine>& by_rule) {
  std::uint64_t total_n = 0;
  Pence total = 0;
  for (const auto& [rule, line] : by_rule) {
    total_n += line.challenges;
    total = add_money(total, line.challenged);
  }
  wb.check(worksheet_set_column(ws, 0, 0, 22, nullptr));
  wb.check(worksheet_set_column(ws, 1, 1, 60, nullptr));
  wb.check(worksheet_set_column(ws, 2, 4, 16, nullptr));
  wb.check(worksheet_write_string(ws, 0, 0, cell_text("Challenge pack: " + info.for_whom).c_str(), f.title));
  wb.check(worksheet_write_string(ws, 2, 0, "Run id", f.bold));
  wb.check(worksheet_write_string(ws, 2, 1, info.run_id.c_str(), nullptr));
  wb.check(worksheet_write_string(ws, 3, 0, "As of", f.bold));
  if (info.as_of != kNoDay)
    wb.check(worksheet_write_number(ws, 3, 1, info.as_of + kExcelDayOfUnixEpoch, f.date));
  wb.check(worksheet_write_string(ws, 4, 0, "Challenges", f.bold));
  wb.check(worksheet_write_number(ws, 4, 1, static_cast<double>(total_n), nullptr));
  wb.check(worksheet_write_string(ws, 5, 0, "Amount challenged", f.bold));
  wb.check(worksheet_write_number(ws, 5, 1, static_cast<double>(total) / 100, f.bold_money));

  const char* headers[] = {"RULE", "TITLE", "SEVERITY", "CHALLENGES", "AMOUNT_AT_RISK"};
  lxw_row_t row = 7;
  for (lxw_col_t c = 0; c < 5; ++c) wb.check(worksheet_write_string(ws, row, c, headers[c], f.header));
  for (const auto& [rule, line] : by_rule) {
    ++row;
    const Rule* r = RuleRegistry::instance().find(rule);
    wb.check(worksheet_write_string(ws, row, 0, cell_text(rule).c_str(), nullptr));
    if (r) wb.check(worksheet_write_string(ws, row, 1, cell_text(r->info().title).c_str(), nullptr));
    const std::string severity = severities_text(line.severities);
    wb.check(worksheet_write_string(ws, row, 2, severity.c_str(), nullptr));
    wb.check(worksheet_write_number(ws, row, 3, static_cast<double>(line.challenges), nullptr));
    wb.check(worksheet_write_number(ws, row, 4, static_cast<double>(line.challenged) / 100, f.money));
  }
  ++row;
  wb.check(worksheet_write_string(ws, row, 0, "Total", f.bold));
  wb.check(worksheet_write_number(ws, row, 3, static_cast<double>(total_n), f.bold));
  wb.check(worksheet_write_number(ws, row, 4, static_cast<double>(total) / 100, f.bold_money));
  row += 2;
  // Each note one cell; the parentheses say that a note split over two lines is one string on purpose.
  const char* notes[] = {
      ("AMOUNT_AT_RISK is the sum of the rule's CHALLENGED amounts: a record challenged by two rules "
       "counts in both."),
      ("To answer: on the Challenges sheet, set RESPONSE for each challenge to ACCEPTED, DISPUTED or "
       "QUERY and explain in COMMENT."),
      ("Keep CHALLENGE_ID and the other columns as they are: the answers are matched to the challenges by "
       "CHALLENGE_ID and this run id.")};
  for (const char* note : notes) wb.check(worksheet_write_string(ws, row++, 0, note, nullptr));
}

}  // namespace

void write_pack_workbook(const std::filesystem::path& path, const std::filesystem::path& tmpdir,
                         const PackWorkbookInfo& info, const PackRowSource& rows) {
  const auto column = [&](std::string_view name) {
    const auto it = std::find(info.columns.begin(), info.columns.end(), name);
    return it == info.columns.end() ? info.columns.size()
                                    : static_cast<std::size_t>(it - info.columns.begin());
  };
  const std::size_t rule_col = column("RULE"), severity_col = column("SEVERITY"),
                    challenged_col = column("CHALLENGED");
  Workbook wb(path, tmpdir, info);
  const Formats formats(wb);
  lxw_worksheet* summary = wb.add_sheet("Summary");  // the first tab; filled once the rows are counted
  ChallengeSheets sheets(wb, formats, info);
  std::map<std::string, RuleLine> by_rule;
  rows([&](const std::vector<std::string>& fields) {
    sheets.add(fields);
    if (rule_col < fields.size()) {
      RuleLine& line = by_rule[fields[rule_col]];
      ++line.challenges;
      if (severity_col < fields.size()) line.severities.insert(fields[severity_col]);
      if (challenged_col < fields.size())
        if (const auto pence = parse_money(fields[challenged_col]))
          line.challenged = add_money(line.challenged, *pence);
    }
  });
  sheets.finish();
  write_summary(wb, summary, formats, info, by_rule);
  wb.close();
}

}  // namespace recon
