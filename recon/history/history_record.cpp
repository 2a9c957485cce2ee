#include "recon/history/history_record.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "core/money.hpp"
#include "parsers/fatal_error.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/run_id.hpp"

namespace recon::history {
namespace fs = std::filesystem;
namespace {

InputFile checksum_file(const std::string& role, const std::string& path) {
  InputFile f{role, path, 0, {}};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw FatalError(path + ": cannot read it for the history's checksum: " + std::strerror(errno));
  const std::unique_ptr<XXH64_state_t, XXH_errorcode (*)(XXH64_state_t*)> state(XXH64_createState(),
                                                                                XXH64_freeState);
  XXH64_reset(state.get(), 0);
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw FatalError(path + ": cannot read it for the history's checksum: " + std::strerror(error));
    }
    if (n == 0) break;
    XXH64_update(state.get(), buffer.data(), static_cast<std::size_t>(n));
    f.bytes += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH64_digest(state.get())));
  f.xxh64 = hex;
  return f;
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

std::int64_t pence(const std::string& text) {
  const std::optional<Pence> p = parse_money(text);
  return p ? *p : 0;
}

void insert_challenges(Database& db, std::int64_t run_seq, std::string_view text) {
  Statement fact(db,
                 "INSERT OR IGNORE INTO challenges(fingerprint, rule, dataset, procode3, gpprac, record_id, "
                 "nhs_number, activity_date, charged, challenged, first_run_seq) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  Statement raised(
      db,
      "INSERT INTO run_challenges(run_seq, position, challenge_id, fingerprint, severity, status) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  const std::size_t header_end = csv_record_end(text, 0);
  const Columns col = columns_of(split_csv_record(text.substr(0, header_end)));
  std::int64_t position = 0;
  for (std::size_t pos = std::min(header_end + 1, text.size()); pos < text.size();) {
    const std::size_t end = csv_record_end(text, pos);
    const std::string_view record = text.substr(pos, end - pos);
    pos = end + 1;
    if (record.empty()) continue;
    const std::vector<std::string> f = split_csv_record(record);
    if (f.size() <= col.status) throw FatalError("internal error: challenges.csv has a short row");
    fact.bind(1, f[col.fingerprint])
        .bind(2, f[col.rule])
        .bind(3, f[col.dataset])
        .bind(4, f[col.procode])
        .bind(5, f[col.gpprac])
        .bind(6, f[col.record])
        .bind(7, f[col.nhs])
        .bind(8, f[col.date])
        .bind(9, pence(f[col.charged]))
        .bind(10, pence(f[col.challenged]))
        .bind(11, run_seq)
        .run();
    raised.bind(1, run_seq)
        .bind(2, position++)
        .bind(3, f[col.id])
        .bind(4, f[col.fingerprint])
        .bind(5, f[col.severity])
        .bind(6, f[col.status])
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

std::pair<std::int64_t, std::string> record_run(const fs::path& path, const RunToRecord& run) {
  const std::unique_ptr<Database> db = open_or_create(path);
  Transaction write(*db, true);
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

  insert_challenges(*db, run_seq, run.challenges_csv);

  Statement resolved(*db, "INSERT OR IGNORE INTO run_resolved(run_seq, fingerprint) VALUES(?1, ?2)");
  for (const PreviousChallenge* c : tally.resolved)
    resolved.bind(1, run_seq).bind(2, fingerprint_text(c->fingerprint)).run();

  Statement provider(*db,
                     "INSERT INTO run_providers(run_seq, procode3, challenges, challenged) "
                     "VALUES(?1, ?2, ?3, ?4)");
  for (const auto& [procode, p] : tally.providers)
    provider.bind(1, run_seq)
        .bind(2, procode)
        .bind(3, static_cast<std::int64_t>(p.challenges))
        .bind(4, p.challenged)
        .run();
  fault_point("history");  // tests: a run killed here, mid-transaction, must leave the file as it was
  write.commit();
  return {run_seq, warning};
}

}  // namespace recon::history
