#include "recon/history/history_record.hpp"

#include <algorithm>
#include <ctime>
#include <memory>

#include "core/money.hpp"
#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/file_digest.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/challenge_id.hpp"
#include "recon/writers/run_id.hpp"

namespace recon::history {
namespace fs = std::filesystem;
namespace {

InputFile checksum_file(const std::string& role, const std::string& path) {
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

// challenges.csv's records (without their newlines), in list order.
std::vector<std::string_view> records_of(std::string_view text, std::string_view& header) {
  const std::size_t header_end = csv_record_end(text, 0);
  header = text.substr(0, header_end);
  std::vector<std::string_view> records;
  for (std::size_t pos = std::min(header_end + 1, text.size()); pos < text.size();) {
    const std::size_t end = csv_record_end(text, pos);
    if (end > pos) records.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return records;
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
        const std::size_t end = std::min(record.find(',', pos), record.size());
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
  std::vector<std::pair<Fingerprint, std::uint32_t>> by_fingerprint;
  for (std::size_t i = 0; i < listed.size(); ++i)
    if (listed[i].status == ChallengeStatus::kNew)
      by_fingerprint.emplace_back(listed[i].fingerprint, static_cast<std::uint32_t>(i));
  // challenges.csv is read only for those facts: a month whose challenges were all raised before reads none.
  if (!by_fingerprint.empty()) {
    std::string_view header;
    const std::vector<std::string_view> records = records_of(text, header);
    if (records.size() != listed.size())
      throw FatalError("internal error: challenges.csv has " + std::to_string(records.size()) +
                       " rows, the list " + std::to_string(listed.size()));
    const Columns col = columns_of(split_csv_record(header));
    const std::size_t facts = 1 + std::max({col.rule, col.dataset, col.procode, col.gpprac, col.record,
                                            col.nhs, col.date, col.charged, col.challenged});
    FieldScan f;
    std::sort(by_fingerprint.begin(), by_fingerprint.end());
    Statement fact(
        db,
        "INSERT OR IGNORE INTO challenges(fingerprint, rule, dataset, procode3, gpprac, record_id, "
        "nhs_number, activity_date, charged, challenged, first_run_seq) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (std::size_t k = 0; k < by_fingerprint.size(); ++k) {
      if (k && by_fingerprint[k].first == by_fingerprint[k - 1].first) continue;  // facts stated twice
      f.scan(records[by_fingerprint[k].second], facts);
      if (f.size() < facts) throw FatalError("internal error: challenges.csv has a short row");
      fact.bind(1, fingerprint_text(by_fingerprint[k].first))
          .bind_view(2, f.value(col.rule))
          .bind_view(3, f.value(col.dataset))
          .bind_view(4, f.value(col.procode))
          .bind_view(5, f.value(col.gpprac))
          .bind_view(6, f.value(col.record))
          .bind_view(7, f.value(col.nhs))
          .bind_view(8, f.value(col.date))
          .bind(9, pence(f.value(col.charged)))
          .bind(10, pence(f.value(col.challenged)))
          .bind(11, run_seq)
          .run();
    }
  }
  Statement raised(
      db,
      "INSERT INTO run_challenges(run_seq, position, challenge_id, fingerprint, procode3, severity, status) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  std::string id, fingerprint;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const HistoryTally::Listed& c = listed[i];
    id.clear();
    append_challenge_id(id, i);
    fingerprint.clear();
    append_fingerprint(fingerprint, c.fingerprint);
    raised.bind(1, run_seq)
        .bind(2, static_cast<std::int64_t>(i))
        .bind_view(3, id)
        .bind_view(4, fingerprint)
        .bind_view(5, c.procode.str())
        .bind_view(6, severity_name(c.severity))
        .bind_view(7, status_name(c.status))
        .run();
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

std::vector<InputFile> checksum_inputs(const RunConfig& c) {
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
  for (const auto& [role, path] : files) inputs.push_back(checksum_file(role, path));
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
    resolved.bind(1, run_seq).bind(2, fingerprint_text(c.fingerprint)).run();

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
