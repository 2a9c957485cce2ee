#include "parsers/national/source_table.hpp"

#include <fstream>
#include <iterator>

#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/xlsx/xlsx_workbook.hpp"

namespace recon::national {
namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  // A non-breaking space (U+00A0, as Excel pastes it) around a value is padding too.
  while (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
  while (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
  return std::string(s);
}

void add_row(SourceTable& table, std::uint64_t number, std::vector<std::string> cells) {
  bool any = false;
  for (std::string& c : cells) {
    c = trimmed(c);
    any = any || !c.empty();
  }
  if (any) table.rows.push_back({number, std::move(cells)});
}

}  // namespace

const std::string& SourceRow::cell(int column) const {
  static const std::string kEmpty;
  return column >= 0 && static_cast<std::size_t>(column) < cells.size()
             ? cells[static_cast<std::size_t>(column)]
             : kEmpty;
}

std::string SourceTable::where(const SourceRow& row) const {
  if (sheet.empty()) return file + " line " + std::to_string(row.number);
  return file + " sheet '" + sheet + "' row " + std::to_string(row.number);
}

std::string SourceTable::where(const SourceRow& row, int column, std::string_view heading) const {
  std::string col =
      sheet.empty() ? "field " + std::to_string(column + 1) : "column " + xlsx::column_name(column);
  return where(row) + " " + col + (heading.empty() ? "" : " ('" + std::string(heading) + "')");
}

bool is_zip_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

SourceTable read_workbook_sheet(const std::string& path, std::string_view sheet) {
  xlsx::Workbook book(path);
  SourceTable table{path, std::string(sheet), {}};
  xlsx::Rows rows = book.read_sheet(sheet);
  for (std::size_t i = 0; i < rows.size(); ++i) add_row(table, i + 1, std::move(rows[i]));
  return table;
}

SourceTable read_delimited_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError(path + ": cannot open the file");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw FatalError(path + ": cannot read the file");
  std::size_t start = data.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::string_view text(data.data() + start, data.size() - start);
  csv::Dialect dialect;
  dialect.newline = csv::detect_newline(text.substr(0, 1 << 16), text.size() <= (1 << 16));
  const std::string_view first_line = text.substr(0, text.find(dialect.newline));
  dialect.delimiter = first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  SourceTable table{path, "", {}};
  if (dialect.delimiter == '\t') {
    // TRUD's tab-separated files are not quoted: a quote is part of a title (`"Hold" syndrome`), so lines are
    // split on tabs alone.
    std::uint64_t number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t end = text.find(dialect.newline, pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      ++number;
      if (dialect.newline == '\n' && line.ends_with('\r')) line.remove_suffix(1);
      std::vector<std::string> cells;
      for (std::size_t from = 0;;) {
        std::size_t tab = line.find('\t', from);
        cells.emplace_back(
            line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
        if (tab == std::string_view::npos) break;
        from = tab + 1;
      }
      add_row(table, number, std::move(cells));
    }
    return table;
  }
  csv::Tokenizer tokenizer(data.data() + start, text.size(), 1, dialect);
  csv::Record record;
  while (tokenizer.next(record)) {
    if (!record.error.empty())
      throw FatalError(path + " line " + std::to_string(record.line) + ": " + std::string(record.error));
    std::vector<std::string> cells(record.fields.begin(), record.fields.end());
    add_row(table, record.line, std::move(cells));
  }
  return table;
}

SourceTable read_source_table(const std::string& path, std::string_view sheet) {
  if (!is_zip_file(path)) return read_delimited_file(path);
  if (sheet.empty()) {
    xlsx::Workbook book(path);
    std::string listed;
    for (const std::string& s : book.sheet_names()) listed += (listed.empty() ? "'" : ", '") + s + "'";
    throw FatalError(path + ": a workbook: say which sheet to read (its sheets: " + listed + ")");
  }
  return read_workbook_sheet(path, sheet);
}

}  // namespace recon::national
