#include "parsers/national/headings.hpp"

#include <algorithm>

#include "parsers/fatal_error.hpp"

namespace recon::national {
namespace {

bool matches(const std::string& heading, const ColumnSpec& spec) {
  for (const std::string& h : spec.headings) {
    if (h.ends_with('*')) {
      if (heading.starts_with(std::string_view(h).substr(0, h.size() - 1))) return true;
    } else if (heading == h) {
      return true;
    }
  }
  return false;
}

std::string source_name(const SourceTable& table) {
  return table.sheet.empty() ? table.file : table.file + " sheet '" + table.sheet + "'";
}

}  // namespace

std::string normalise_heading(std::string_view heading) {
  std::string out;
  bool gap = false;
  for (char c : heading) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

Header find_header(const SourceTable& table, const std::vector<ColumnSpec>& specs, std::size_t anchor) {
  const std::size_t limit = std::min<std::size_t>(table.rows.size(), 50);
  for (std::size_t r = 0; r < limit; ++r) {
    const SourceRow& row = table.rows[r];
    bool has_anchor = false;
    for (const std::string& cell : row.cells)
      has_anchor = has_anchor || matches(normalise_heading(cell), specs[anchor]);
    if (!has_anchor) continue;

    Header h{r, std::vector<int>(specs.size(), -1), std::vector<std::string>(specs.size()), {}};
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].empty()) continue;
      const std::string heading = normalise_heading(row.cells[c]);
      bool any = false;
      for (std::size_t s = 0; s < specs.size(); ++s) {
        if (!matches(heading, specs[s])) continue;
        any = true;
        if (h.column[s] >= 0)
          throw FatalError(table.where(row, static_cast<int>(c), row.cells[c]) + ": a second column for " +
                           specs[s].field + " (the first is '" + h.heading[s] +
                           "'): which one to read would be a guess; remove or rename one");
        h.column[s] = static_cast<int>(c);
        h.heading[s] = row.cells[c];
      }
      if (!any) h.unmatched.push_back(static_cast<int>(c));
    }
    std::string missing;
    for (std::size_t s = 0; s < specs.size(); ++s)
      if (specs[s].required && h.column[s] < 0) missing += (missing.empty() ? "" : ", ") + specs[s].field;
    if (!missing.empty()) {
      std::string found;
      for (const std::string& cell : row.cells)
        if (!cell.empty()) found += (found.empty() ? "'" : ", '") + cell + "'";
      throw FatalError(table.where(row) + ": the header row has no column for " + missing +
                       " (its headings: " + found + ")");
    }
    return h;
  }
  std::string expected;
  for (const std::string& e : specs[anchor].headings)
    expected += (expected.empty() ? "'" : " or '") + e + "'";
  throw FatalError(source_name(table) + ": no header row: none of its first " + std::to_string(limit) +
                   " rows has a " + specs[anchor].field + " column (a heading reading " + expected +
                   ", ignoring case and punctuation)");
}

}  // namespace recon::national
