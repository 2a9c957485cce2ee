#include "recon/history/responses_import.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "parsers/fatal_error.hpp"
#include "parsers/xlsx/xlsx_workbook.hpp"
#include "recon/files/file_digest.hpp"
#include "recon/history/fingerprint_column.hpp"
#include "recon/history/history_record.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/challenge_fingerprint.hpp"
#include "recon/writers/pack_workbook.hpp"

namespace recon::history {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kErrorsShown = 20;

// A pack's rows as read: where each is (for messages), and the header's columns.
struct PackRow {
  std::string where;  // "row 5", "sheet 'Challenges 2' row 7"
  std::vector<std::string> fields;
};
struct PackText {
  std::vector<std::string> header;
  std::vector<PackRow> rows;
  std::string run_id;  // the workbook's; "" for a CSV
};

bool is_xlsx(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".xlsx";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError(path.string() + ": cannot read it");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CSV as the pack writer wrote it, or as a spreadsheet saved it again (a UTF-8 byte order mark, CRLF).
PackText read_csv_pack(const fs::path& path) {
  std::string text = read_file(path);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  PackText pack;
  std::size_t line = 1;
  bool first = true;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = csv_record_end(text, pos);
    std::string_view record = std::string_view(text).substr(pos, end - pos);
    const std::size_t record_line = line;
    line += static_cast<std::size_t>(std::count(record.begin(), record.end(), '\n')) + 1;
    pos = end + 1;
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (first) {
      pack.header = split_csv_record(record);
      first = false;
      continue;
    }
    if (record.empty()) continue;
    pack.rows.push_back({"line " + std::to_string(record_line), split_csv_record(record)});
  }
  return pack;
}

PackText read_xlsx_pack(const fs::path& path) {
  const xlsx::Workbook book(path.string());
  PackText pack;
  if (book.has_sheet("Summary")) {
    const xlsx::Rows summary = book.read_sheet("Summary");
    for (const xlsx::Row& row : summary)
      if (row.size() >= 2 && row[0] == "Run id") pack.run_id = row[1];
  }
  bool any = false;
  for (const std::string& sheet : book.sheet_names()) {
    if (sheet != "Challenges" && sheet.rfind("Challenges ", 0) != 0) continue;
    any = true;
    const xlsx::Rows rows = book.read_sheet(sheet);
    if (rows.empty()) continue;
    if (pack.header.empty()) pack.header = rows[0];
    for (std::size_t i = 1; i < rows.size(); ++i)
      pack.rows.push_back({"sheet '" + sheet + "' row " + std::to_string(i + 1), rows[i]});
  }
  if (!any) throw FatalError(path.string() + ": no 'Challenges' sheet: not a challenge pack");
  return pack;
}

std::string trimmed_upper(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

bool allowed_response(const std::string& r) {
  return std::find(kPackResponses.begin(), kPackResponses.end(), r) != kPackResponses.end();
}

// The response as the message may quote it: a short word, never anything that could be patient data.
std::string quoted_response(const std::string& r) {
  const bool word = r.size() <= 24 && std::all_of(r.begin(), r.end(), [](unsigned char c) {
                      return (c >= 'A' && c <= 'Z') || c == ' ' || c == '_' || c == '-';
                    });
  return word ? " '" + r + "'" : "";
}

// "CH00000012" -> 11 (its position in the run's list).
std::optional<std::int64_t> position_of(std::string_view id) {
  if (id.size() < 3 || id.substr(0, 2) != "CH") return std::nullopt;
  std::int64_t n = 0;
  for (const char ch : id.substr(2)) {
    if (ch < '0' || ch > '9' || n > (INT64_MAX - 9) / 10) return std::nullopt;
    n = n * 10 + (ch - '0');
  }
  return n >= 1 ? std::optional<std::int64_t>(n - 1) : std::nullopt;
}

struct Answer {
  std::string response, comment;
};

}  // namespace

ImportSummary import_responses(const fs::path& pack_path, const fs::path& history_path) {
  const std::string name = pack_path.string();
  const PackText pack = is_xlsx(pack_path) ? read_xlsx_pack(pack_path) : read_csv_pack(pack_path);
  auto column = [&](std::string_view wanted) -> std::size_t {
    const auto it = std::find(pack.header.begin(), pack.header.end(), wanted);
    return it == pack.header.end() ? SIZE_MAX : static_cast<std::size_t>(it - pack.header.begin());
  };
  const std::size_t id_col = column("CHALLENGE_ID"), fp_col = column("FINGERPRINT"),
                    response_col = column("RESPONSE"), comment_col = column("COMMENT");
  if (id_col == SIZE_MAX || response_col == SIZE_MAX)
    throw FatalError(name + ": no CHALLENGE_ID and RESPONSE columns in its header: not a challenge pack");
  if (fp_col == SIZE_MAX)
    throw FatalError(
        name +
        ": no FINGERPRINT column: a pack of a run without --history, whose challenges no history "
        "knows; answer the pack of a run made with --history");

  const std::unique_ptr<Database> db = open_existing(history_path);
  if (!db)
    throw FatalError("history " + history_path.string() + ": no such file (a run with --history creates it)");
  Transaction write(*db, true);
  migrate(*db);

  ImportSummary summary;
  std::vector<std::string> errors;
  auto error = [&](const PackRow& row, const std::string& what) {
    errors.push_back(name + " " + row.where + ": " + what);
  };
  auto field = [](const PackRow& row, std::size_t col) {
    return col < row.fields.size() ? row.fields[col] : std::string();
  };

  // The pack's run: the workbook names it; a CSV's is the run its first row belongs to.
  std::int64_t run_seq = 0;
  Statement run_of_row(
      *db,
      "SELECT r.run_seq, r.run_id FROM runs r JOIN run_challenges rc ON rc.run_seq = r.run_seq "
      "AND rc.position = ?1 WHERE rc.fingerprint = ?2 AND (?3 = '' OR r.run_id = ?3) "
      "ORDER BY r.run_seq DESC LIMIT 1");
  Statement in_run(*db, "SELECT fingerprint FROM run_challenges WHERE run_seq = ?1 AND position = ?2");
  Statement known(*db, "SELECT 1 FROM challenges WHERE fingerprint = ?1");
  if (!pack.run_id.empty()) {
    Statement recorded(*db, "SELECT 1 FROM runs WHERE run_id = ?1");
    recorded.bind(1, pack.run_id);
    if (!recorded.step())
      throw FatalError(name + ": a pack of run " + pack.run_id + ", which history " + history_path.string() +
                       " has not recorded (a run without --history, or another history file)");
  }

  std::map<Fingerprint, Answer> answers;  // one answer per challenge
  for (const PackRow& row : pack.rows) {
    if (std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return f.empty(); }))
      continue;
    ++summary.rows;
    const std::string fp_text = field(row, fp_col), id = field(row, id_col);
    const std::optional<Fingerprint> fp = parse_fingerprint(fp_text);
    const std::optional<std::int64_t> position = position_of(id);
    if (!fp || !position) {
      error(row, !fp ? "FINGERPRINT is not 32 hex digits" : "CHALLENGE_ID is not CH followed by digits");
      continue;
    }
    const Fingerprint fingerprint = *fp;
    if (run_seq == 0) {
      bind_fingerprint(run_of_row.bind(1, *position), 2, fingerprint).bind(3, pack.run_id);
      if (run_of_row.step()) {
        run_seq = run_of_row.integer(0);
        summary.run_id = run_of_row.text(1);
      }
      run_of_row.reset();
      if (run_seq == 0) {
        bind_fingerprint(known, 1, fingerprint);
        const bool is_known = known.step();
        known.reset();
        error(row, is_known
                       ? "CHALLENGE_ID " + id + " with this FINGERPRINT is in no recorded run" +
                             (pack.run_id.empty() ? "" : " " + pack.run_id) + " (was CHALLENGE_ID edited?)"
                       : "FINGERPRINT unknown to history " + history_path.string() +
                             " (a pack of another history file, or edited)");
        continue;
      }
    } else {
      in_run.bind(1, run_seq).bind(2, *position);
      const bool found = in_run.step() && fingerprint_column(*db, in_run, 0) == fingerprint;
      in_run.reset();
      if (!found) {
        error(row, "CHALLENGE_ID " + id + " is not this FINGERPRINT in run " + summary.run_id +
                       ", the pack's run (rows of two runs' packs mixed, or a column edited)");
        continue;
      }
    }
    const std::string response = trimmed_upper(field(row, response_col));
    const std::string comment = field(row, comment_col);
    if (response.empty()) {
      ++summary.not_answered;
      if (!comment.empty())
        summary.warnings.push_back(name + " " + row.where +
                                   ": a COMMENT without a RESPONSE is not stored (set RESPONSE to answer)");
      continue;
    }
    if (!allowed_response(response)) {
      error(row, "RESPONSE" + quoted_response(response) + " is not ACCEPTED, DISPUTED or QUERY (or empty)");
      continue;
    }
    auto [it, added] = answers.try_emplace(fingerprint, Answer{response, comment});
    if (!added && (it->second.response != response || it->second.comment != comment)) {
      summary.warnings.push_back(
          name + " " + row.where +
          ": the same challenge (FINGERPRINT) answered twice; this later answer is kept");
      it->second = Answer{response, comment};
    }
  }
  if (!errors.empty()) {
    std::string message = name + ": " + std::to_string(errors.size()) +
                          (errors.size() == 1 ? " row" : " rows") +
                          " cannot be imported; nothing was stored:";
    for (std::size_t i = 0; i < errors.size() && i < kErrorsShown; ++i) message += "\n  " + errors[i];
    if (errors.size() > kErrorsShown)
      message += "\n  ... and " + std::to_string(errors.size() - kErrorsShown) + " more";
    throw FatalError(message);
  }
  if (run_seq == 0 && !pack.run_id.empty()) {
    Statement latest(*db, "SELECT max(run_seq) FROM runs WHERE run_id = ?1");
    latest.bind(1, pack.run_id);
    latest.step();
    run_seq = latest.integer(0);
    summary.run_id = pack.run_id;
  }

  const std::string bytes = read_file(pack_path);
  Statement add_import(
      *db,
      "INSERT INTO imports(imported_at, file, bytes, xxh64, run_seq, rows, answered, changed) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)");
  add_import.bind(1, utc_now())
      .bind(2, name)
      .bind(3, static_cast<std::int64_t>(bytes.size()))
      .bind(4, hex64(XXH64(bytes.data(), bytes.size(), 0)))
      .bind(5, run_seq)
      .bind(6, static_cast<std::int64_t>(summary.rows))
      .bind(7, static_cast<std::int64_t>(answers.size()))
      .run();
  const std::int64_t import_seq = db->last_insert_rowid();
  Statement earlier(*db, "SELECT response, comment FROM answers WHERE fingerprint = ?1");
  Statement store(
      *db,
      "INSERT INTO answers(fingerprint, response, comment, run_seq, import_seq) "
      "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(fingerprint) DO UPDATE SET response = excluded.response, "
      "comment = excluded.comment, run_seq = excluded.run_seq, import_seq = excluded.import_seq");
  Statement log(*db,
                "INSERT INTO answer_log(import_seq, fingerprint, response, comment) VALUES(?1, ?2, ?3, ?4)");
  for (const auto& [fingerprint, a] : answers) {
    bind_fingerprint(earlier, 1, fingerprint);
    if (earlier.step() && (earlier.text(0) != a.response || earlier.text(1) != a.comment)) ++summary.changed;
    earlier.reset();
    bind_fingerprint(store, 1, fingerprint)
        .bind(2, a.response)
        .bind(3, a.comment)
        .bind(4, run_seq)
        .bind(5, import_seq)
        .run();
    bind_fingerprint(log.bind(1, import_seq), 2, fingerprint).bind(3, a.response).bind(4, a.comment).run();
    ++summary.answered;
    if (a.response == "ACCEPTED") ++summary.accepted;
    if (a.response == "DISPUTED") ++summary.disputed;
    if (a.response == "QUERY") ++summary.queried;
  }
  Statement counted(*db, "UPDATE imports SET changed = ?1 WHERE import_seq = ?2");
  counted.bind(1, static_cast<std::int64_t>(summary.changed)).bind(2, import_seq).run();
  write.commit();
  return summary;
}

}  // namespace recon::history
