#pragma once
// Shared by the challenge-history tests (history_cycle_test.cpp, history_test.cpp): a generated data set, a
// `recon run` over it with --history, CSV files read and written as tables, and queries on the history file.
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "recon/writers/challenge_csv_rows.hpp"
#include "tests/read_whole_file.hpp"
#include "tests/recon_binary.hpp"

namespace recon::test_support {

// A CSV file as a table (RFC 4180, as recon writes and reads it).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::size_t col(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return header.size();
    return static_cast<std::size_t>(it - header.begin());
  }
  std::string at(std::size_t row, std::string_view name) const {
    const std::size_t c = col(name);
    return c < rows[row].size() ? rows[row][c] : std::string();
  }
};

inline Table read_table(const std::filesystem::path& path) {
  const std::string text = slurp(path);
  Table t;
  bool first = true;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = csv_record_end(text, pos);
    const std::string_view record = std::string_view(text).substr(pos, end - pos);
    pos = end + 1;
    if (first) {
      t.header = split_csv_record(record);
      first = false;
    } else if (!record.empty()) {
      t.rows.push_back(split_csv_record(record));
    }
  }
  return t;
}

inline std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (const char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

inline void write_table(const std::filesystem::path& path, const Table& t) {
  std::string text;
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_cell(fields[i]);
    text += '\n';
  };
  line(t.header);
  for (const auto& row : t.rows) line(row);
  write_whole_file(path, text);
}

// A small generated data set (recon generate): DIR/apc.csv, op.csv, ae.csv, the practice files, reference/.
inline void generate_data(const std::filesystem::path& dir, int apc_rows, int seed,
                          const std::string& more_options = "") {
  const BinaryOutput g =
      run_recon_binary("generate --out " + dir.string() + " --apc-rows " + std::to_string(apc_rows) +
                       " --seed " + std::to_string(seed) + more_options);
  if (g.status != 0) throw std::runtime_error("recon generate failed: " + g.text);
}

// `recon run` on a data set in `data` (activity files possibly replaced by those in `activity`).
inline std::string run_args(const std::filesystem::path& data, const std::filesystem::path& activity,
                            const std::filesystem::path& out, const std::string& as_of) {
  const std::string a = activity.string(), d = data.string();
  return "run --apc " + a + "/apc.csv --op " + a + "/op.csv --ae " + a + "/ae.csv --register " + d +
         "/register.csv --referrals " + d + "/referrals.csv --conditions " + d +
         "/conditions.csv --reference " + d + "/reference --as-of " + as_of + " --out " + out.string() +
         " --no-progress --quiet";
}

// One query's rows, each column as text (NULL as ""). Opened read-write, as recon opens it: a run killed in
// its transaction leaves a journal that the next opener rolls back (a read-only connection cannot).
inline std::vector<std::vector<std::string>> query(const std::filesystem::path& db_path,
                                                   const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::vector<std::string>> rows;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path.string());
  }
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("query failed: " + why);
  }
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
      row.push_back(t ? t : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

inline std::string query_one(const std::filesystem::path& db_path, const std::string& sql) {
  const auto rows = query(db_path, sql);
  return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
}

}  // namespace recon::test_support
