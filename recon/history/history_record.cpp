#include "recon/history/history_record.hpp"

#include <algorithm>
#include <ctime>
#include <memory>

#include "core/money.hpp"
#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/file_digest.hpp"
#include "recon/history/batched_insert.hpp"
#include "recon/history/fingerprint_column.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/run_id.hpp"

namespace recon::history {
namespace fs = std::filesystem;
namespace {

InputFile checksum_file(const std::string& role, const std::string& path,
                        const std::vector<FileCounts>& read) {
  for (const FileCounts& f : read)
    if (f.xxh64 && f.path == path) return {role, path, f.bytes, hex64(*f.xxh64)};
  const FileDigest d = digest_file(path);
  return {role, path, d.bytes, hex64(d.xxh64)};
}

// The columns of challenges.csv the history keeps, by name.
struct Columns {
  std::size_t id, rule, severity, procode, gpprac, dataset, record, nhs, date, charged, challenged,
      fingerprint, status;
};

Columns columns_of(const std::vector<std::string>& header) {
  auto at = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw FatalError("internal error: challenges.csv has no " + std::string(name) + " column");
    return static_cast<std::size_t>(it - header.begin());
  };
  return {at("CHALLENGE_ID"), at("RULE"),        at("SEVERITY"),  at("PROCODE3"),      at("GPPRAC"),
          at("DATASET"),      at("RECORD_ID"),   at("NHSNUMBER"), at("ACTIVITY_DATE"), at("CHARGED"),
          at("CHALLENGED"),   at("FINGERPRINT"), at("STATUS")};
}

std::int64_t pence(std::string_view text) {
  const std::optional<Pence> p = parse_money(text);
  return p ? *p : 0;
}

// A record's fields as views into it, without copying (split_csv_record copies every field, REASON and
// EVIDENCE included, and a run may have a million records). A quoted field is viewed without its quotes, its
// "" pairs still doubled: value() undoes them, in the rare field that has any.
class FieldScan {
 public:
  // The first `limit` fields only: the facts come before REASON and EVIDENCE, the longest fields.
  void scan(std::string_view record, std::size_t limit) {
    fields_.clear();
    std::size_t pos = 0;
    for (;;) {
      if (pos < record.size() && record[pos] == '"') {
        std::size_t end = pos + 1;
        for (;;) {
          end = record.find('"', end);
          if (end == std::string_view::npos) {
            end = record.size();
            break;
          }
          if (end + 1 < record.size() && record[end + 1] == '"') {
            end += 2;
            continue;
          }
          break;
        }
        fields_.push_back(record.substr(pos + 1, end - pos - 1));
        pos = std::min(record.size(), end + 1);
      } else {
        std::size_t end = pos;  // a fact's field is a few characters: no memchr call for it
        while (end < record.size() && record[end] != ',') ++end;
        fields_.push_back(record.substr(pos, end - pos));
        pos = end;
      }
      if (pos >= record.size() || fields_.size() == limit) break;
      ++pos;  // the comma
      if (pos == record.size()) {
        fields_.emplace_back();
        break;
      }
    }
  }
  std::size_t size() const { return fields_.size(); }
  // Whether value(i) is a view into the record itself (no "" to undo): it stays valid as long as the record,
  // where an undone one is overwritten by a later row's.
  bool in_record(std::size_t i) const { return fields_[i].find("\"\"") == std::string_view::npos; }
  std::string_view value(std::size_t i) {
    const std::string_view raw = fields_[i];
    if (raw.find("\"\"") == std::string_view::npos) return raw;
    std::string& out = unquoted_[i % kScratch];
    out.clear();
    for (std::size_t k = 0; k < raw.size(); ++k) {
      out += raw[k];
      if (raw[k] == '"') ++k;
    }
    return out;
  }

 private:
  static constexpr std::size_t kScratch = 32;
  std::vector<std::string_view> fields_;
  std::string unquoted_[kScratch];
};

void insert_challenges(Database& db, std::int64_t run_seq, std::string_view text,
                       const std::vector<HistoryTally::Listed>& listed) {
  // Only a NEW challenge's facts can be missing: a REPEAT or ANSWERED one was raised, so recorded, before.
  // The facts go into a table keyed by fingerprint: inserted in fingerprint order, each lands beside the last
  // instead of on a random page (several times faster for a few hundred thousand).
  // Each with where its row starts in challenges.csv (in list order: the first row of a fingerprint stated
  // twice sorts first).
  std::vector<std::pair<Fingerprint, std::uint64_t>> by_fingerprint;
  for (const HistoryTally::Listed& c : listed)
    if (c.status == ChallengeStatus::kNew) by_fingerprint.emplace_back(c.fingerprint, c.csv_offset);
  // challenges.csv is read only for those facts, each from where the writer says its row starts: a month
  // whose challenges were all raised before reads none.
  if (!by_fingerprint.empty()) {
    const Columns col = columns_of(split_csv_record(text.substr(0, csv_record_end(text, 0))));
    const std::size_t facts = 1 + std::max({col.rule, col.dataset, col.procode, col.gpprac, col.record,
                                            col.nhs, col.date, col.charged, col.challenged});
    std::sort(by_fingerprint.begin(), by_fingerprint.end());
    by_fingerprint.erase(  // facts stated twice: the first row's
        std::unique(by_fingerprint.begin(), by_fingerprint.end(),
                    [](const auto& a, const auto& b) { return a.first == b.first; }),
        by_fingerprint.end());
    BatchedInsert fact(db,
                       "INSERT OR IGNORE INTO challenges(fingerprint, rule, dataset, procode3, gpprac, "
                       "record_id, nhs_number, activity_date, charged, challenged, first_run_seq)",
                       11, by_fingerprint.size());
    FieldScan f;
    // The rows are read in fingerprint order, all over a file of a hundred MB or more: each would wait for
    // memory (it was most of this loop's time), so the rows a few challenges ahead are fetched meanwhile.
    constexpr std::size_t kAhead = 16;
    for (std::size_t k = 0; k < by_fingerprint.size(); ++k) {
      if (k + kAhead < by_fingerprint.size()) {
        const char* ahead = text.data() + by_fingerprint[k + kAhead].second;
        for (int line = 0; line < 3; ++line) __builtin_prefetch(ahead + 64 * line);  // the facts' bytes
      }
      const auto& [fingerprint, row] = by_fingerprint[k];
      if (row == 0 || row >= text.size() || text[row - 1] != '\n')  // the writer's offsets, checked
        throw FatalError("internal error: a challenge's row is not where challenges.csv has a row");
      f.scan(text.substr(row), facts);
      if (f.size() < facts) throw FatalError("internal error: challenges.csv has a short row");
      Statement& s = fact.statement();
      const int at = fact.row_base();
      // The fields are bound as views into the mapped file (it outlives the batch), but those whose ""
      // pairs were undone, copied.
      auto field = [&](int column, std::size_t csv_column) {
        if (f.in_record(csv_column))
          s.bind_view(at + column, f.value(csv_column));
        else
          s.bind(at + column, f.value(csv_column));
      };
      bind_fingerprint(s, at + 1, fingerprint);
      field(2, col.rule);
      field(3, col.dataset);
      field(4, col.procode);
      field(5, col.gpprac);
      field(6, col.record);
      field(7, col.nhs);
      field(8, col.date);
      s.bind(at + 9, pence(f.value(col.charged)))
          .bind(at + 10, pence(f.value(col.challenged)))
          .bind(at + 11, run_seq);
      fact.row_done();
    }
  }
  BatchedInsert raised(
      db, "INSERT INTO run_challenges(run_seq, position, fingerprint, procode3, severity, status)", 6,
      listed.size());
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const HistoryTally::Listed& c = listed[i];
    Statement& s = raised.statement();
    const int at = raised.row_base();
    s.bind(at + 1, run_seq).bind(at + 2, static_cast<std::int64_t>(i));
    bind_fingerprint(s, at + 3, c.fingerprint)
        .bind(at + 4, std::string_view(c.procode.str()))  // copied: the string goes before the batch runs
        .bind_view(at + 5, severity_name(c.severity))
        .bind_view(at + 6, status_name(c.status));
    raised.row_done();
  }
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::vector<InputFile> checksum_inputs(const RunConfig& c, const std::vector<FileCounts>& read) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [role, paths] : {std::pair{"apc", &c.apc}, std::pair{"op", &c.op}, std::pair{"ae", &c.ae},
                                    std::pair{"previous_apc", &c.previous_apc}})
    for (const std::string& p : *paths) files.emplace_back(role, p);
  for (const auto& [role, path] :
       {std::pair{"register", &c.register_file}, std::pair{"referrals", &c.referrals_file},
        std::pair{"conditions", &c.conditions_file}, std::pair{"column_map", &c.column_map},
        std::pair{"config", &c.rule_settings.config_file}})
    if (!path->empty()) files.emplace_back(role, *path);
  if (!c.reference_dir.empty()) {
    std::vector<std::string> tables;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(c.reference_dir, ec))
      if (entry.is_regular_file(ec)) tables.push_back(entry.path().string());
    std::sort(tables.begin(), tables.end());
    for (std::string& t : tables) files.emplace_back("reference", std::move(t));
  }
  std::vector<InputFile> inputs;
  for (const auto& [role, path] : files) inputs.push_back(checksum_file(role, path, read));
  return inputs;
}

StagedRun::StagedRun(std::unique_ptr<Database> db, std::unique_ptr<Transaction> write, std::int64_t run_seq,
                     std::string warning)
    : db_(std::move(db)), write_(std::move(write)), run_seq_(run_seq), warning_(std::move(warning)) {}

StagedRun::~StagedRun() = default;  // the transaction first (rolled back unless committed), then the file

void StagedRun::commit() {
  fault_point(
      "history");  // tests: a run killed here, its rows written but not committed, leaves the file as it was
  write_->commit();
}

std::unique_ptr<StagedRun> stage_run(const fs::path& path, const RunToRecord& run) {
  std::unique_ptr<Database> db = open_or_create(path);
  auto write = std::make_unique<Transaction>(*db, true);
  migrate(*db);
  std::string warning;
  {
    Statement latest(*db, "SELECT coalesce(max(run_seq), 0) FROM runs");
    latest.step();
    if (latest.integer(0) != run.earlier->previous_run_seq)
      warning = "history " + path.string() +
                ": other runs were recorded while this one ran; its statuses and resolved.csv are against "
                "the history as it was when it started";
  }
  const HistoryTally& tally = *run.tally;
  Statement add_run(*db,
                    "INSERT INTO runs(run_id, recorded_at, as_of, recon_version, out_dir, options, "
                    "configuration, previous_run_seq, challenges, new_challenges, repeat_challenges, "
                    "answered_challenges, resolved_challenges) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  const std::uint64_t total = tally.counts[0] + tally.counts[1] + tally.counts[2];
  add_run.bind(1, run.run_id)
      .bind(2, utc_now())
      .bind(3, run.as_of)
      .bind(4, std::string_view(kReconVersion))
      .bind(5, run.out_dir)
      .bind(6, run.options);
  if (run.configuration.empty())
    add_run.bind_null(7);
  else
    add_run.bind(7, run.configuration);
  if (run.earlier->previous_run_seq)
    add_run.bind(8, run.earlier->previous_run_seq);
  else
    add_run.bind_null(8);
  add_run.bind(9, static_cast<std::int64_t>(total))
      .bind(10, static_cast<std::int64_t>(tally.counts[0]))
      .bind(11, static_cast<std::int64_t>(tally.counts[1]))
      .bind(12, static_cast<std::int64_t>(tally.counts[2]))
      .bind(13, static_cast<std::int64_t>(tally.resolved.size()))
      .run();
  const std::int64_t run_seq = db->last_insert_rowid();

  Statement input(*db,
                  "INSERT INTO run_inputs(run_seq, position, role, path, bytes, xxh64) "
                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  std::int64_t position = 0;
  for (const InputFile& f : run.inputs)
    input.bind(1, run_seq)
        .bind(2, position++)
        .bind(3, f.role)
        .bind(4, f.path)
        .bind(5, static_cast<std::int64_t>(f.bytes))
        .bind(6, f.xxh64)
        .run();

  insert_challenges(*db, run_seq, run.challenges_csv, tally.listed);

  Statement resolved(*db, "INSERT OR IGNORE INTO run_resolved(run_seq, fingerprint) VALUES(?1, ?2)");
  for (const PreviousChallenge& c : tally.resolved)
    bind_fingerprint(resolved.bind(1, run_seq), 2, c.fingerprint).run();

  Statement provider(*db,
                     "INSERT INTO run_providers(run_seq, procode3, challenges, challenged) "
                     "VALUES(?1, ?2, ?3, ?4)");
  for (const auto& [procode, p] : tally.providers)
    provider.bind(1, run_seq)
        .bind(2, procode)
        .bind(3, static_cast<std::int64_t>(p.challenges))
        .bind(4, p.challenged)
        .run();
  return std::make_unique<StagedRun>(std::move(db), std::move(write), run_seq, std::move(warning));
}

}  // namespace recon::history
