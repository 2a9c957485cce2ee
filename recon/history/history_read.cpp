#include "recon/history/history_read.hpp"

#include <algorithm>

#include "parsers/fatal_error.hpp"
#include "recon/history/fingerprint_column.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/writers/challenge_id.hpp"
#include "recon/writers/history_trend_html.hpp"

namespace recon::history {
namespace {

// The previous run's challenges, by fingerprint and position only (a range of run_challenges, no join): the
// rest is read for the few that turn out resolved (describe_previous).
void read_previous_run(Database& db, std::int64_t version, std::int64_t run_seq, ChallengeHistory& h) {
  Statement s(
      db, "SELECT position, fingerprint, procode3 FROM run_challenges WHERE run_seq = ?1 ORDER BY position");
  s.bind(1, run_seq);
  std::vector<PreviousListed> rows;
  while (s.step()) {
    PreviousListed c;
    c.position = s.integer(0);
    c.fingerprint = fingerprint_column(db, s, 1, version);
    c.procode = s.text(2);
    rows.push_back(std::move(c));
  }
  // A fingerprint raised twice in one run is one challenge: its first row.
  // Sorted as (fingerprint, index) pairs: the first row of each fingerprint comes first, as a stable sort of
  // the rows would put it, without moving the rows themselves.
  std::vector<std::pair<Fingerprint, std::uint32_t>> order(rows.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = {rows[i].fingerprint, i};
  std::sort(order.begin(), order.end());
  std::vector<char> repeated(rows.size(), 0);
  for (std::size_t k = 1; k < order.size(); ++k)
    if (order[k].first == order[k - 1].first) repeated[order[k].second] = 1;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!repeated[i]) h.add_previous(std::move(rows[i]));
}

// What resolved.csv says of a previous challenge: its facts, as first recorded, and its row in that run.
void describe_previous(const std::filesystem::path& path, std::int64_t run_seq,
                       std::vector<PreviousChallenge>& challenges) {
  if (challenges.empty()) return;
  const std::unique_ptr<Database> db = open_existing(path);
  if (!db) throw FatalError("history " + path.string() + ": no longer there");
  Transaction read(*db, false);
  // Read as the file is now: another run may have upgraded it since this one read it.
  const std::int64_t version = db->user_version();
  Statement facts(
      *db,
      "SELECT c.rule, c.gpprac, c.dataset, c.record_id, c.nhs_number, c.activity_date, c.charged, "
      "c.challenged, r.run_id FROM challenges c LEFT JOIN runs r ON r.run_seq = c.first_run_seq "
      "WHERE c.fingerprint = ?1");
  Statement row(*db, "SELECT severity FROM run_challenges WHERE run_seq = ?1 AND position = ?2");
  for (PreviousChallenge& c : challenges) {
    bind_fingerprint(facts, 1, c.fingerprint, version);
    if (facts.step()) {
      c.rule = facts.text(0);
      c.gpprac = facts.text(1);
      c.dataset = facts.text(2);
      c.record_id = facts.text(3);
      c.nhs = facts.text(4);
      c.activity_date = facts.text(5);
      c.charged = facts.integer(6);
      c.challenged = facts.integer(7);
      c.first_run_id = facts.text(8);
    }
    facts.reset();
    row.bind(1, run_seq).bind(2, c.position);
    if (row.step()) {
      c.challenge_id = challenge_id(static_cast<std::size_t>(c.position));
      c.severity = row.text(0);
    }
    row.reset();
  }
  read.commit();
}

// The latest runs but one (this run is the last bar), oldest first, per provider.
void read_trend(Database& db, bool has_answers, ChallengeHistory& h) {
  Statement runs(db, "SELECT run_seq FROM runs ORDER BY run_seq DESC LIMIT ?1");
  runs.bind(1, static_cast<std::int64_t>(kTrendRuns - 1));
  std::int64_t first = -1;
  while (runs.step()) first = runs.integer(0);
  if (first < 0) return;
  Statement points(db,
                   "SELECT p.run_seq, r.run_id, r.as_of, p.procode3, p.challenges, p.challenged FROM "
                   "run_providers p JOIN runs r ON r.run_seq = p.run_seq WHERE p.run_seq >= ?1 "
                   "ORDER BY p.run_seq, p.procode3");
  points.bind(1, first);
  std::map<std::pair<std::int64_t, std::string>, std::size_t> index;
  while (points.step()) {
    TrendPoint p;
    p.run_id = points.text(1);
    p.as_of = points.text(2);
    p.procode = points.text(3);
    p.challenges = static_cast<std::uint64_t>(points.integer(4));
    p.challenged = points.integer(5);
    index[{points.integer(0), p.procode}] = h.trend.size();
    h.trend.push_back(std::move(p));
  }
  if (!has_answers) return;
  Statement answered(db,
                     "SELECT rc.run_seq, c.procode3, a.response, count(*), sum(c.challenged) FROM "
                     "run_challenges rc JOIN answers a ON a.fingerprint = rc.fingerprint JOIN challenges c "
                     "ON c.fingerprint = rc.fingerprint WHERE rc.run_seq >= ?1 GROUP BY 1, 2, 3");
  answered.bind(1, first);
  while (answered.step()) {
    const auto it = index.find({answered.integer(0), answered.text(1)});
    if (it == index.end()) continue;
    TrendPoint& p = h.trend[it->second];
    const std::string response = answered.text(2);
    const auto n = static_cast<std::uint64_t>(answered.integer(3));
    if (response == "ACCEPTED") {
      p.accepted += n;
      p.accepted_amount = add_money(p.accepted_amount, answered.integer(4));
    } else if (response == "DISPUTED") {
      p.disputed += n;
      p.disputed_amount = add_money(p.disputed_amount, answered.integer(4));
    } else if (response == "QUERY") {
      p.queried += n;
    }
  }
}

}  // namespace

ChallengeHistory read_history(const std::filesystem::path& path) {
  ChallengeHistory h;
  const std::unique_ptr<Database> db = open_existing(path);
  if (!db) {
    h.finish();
    return h;
  }
  Transaction read(*db, false);
  const std::int64_t version = db->user_version();
  if (version >= 1) {
    Statement last(
        *db, "SELECT run_seq, run_id, (SELECT count(*) FROM runs) FROM runs ORDER BY run_seq DESC LIMIT 1");
    if (last.step()) {
      h.previous_run_id = last.text(1);
      h.previous_run_seq = last.integer(0);
      h.runs_recorded = static_cast<std::uint64_t>(last.integer(2));
      read_previous_run(*db, version, last.integer(0), h);
      h.describe = [path = std::filesystem::path(path),
                    run_seq = h.previous_run_seq](std::vector<PreviousChallenge>& challenges) {
        describe_previous(path, run_seq, challenges);
      };
    }
    Statement raised(*db, "SELECT fingerprint FROM challenges");
    while (raised.step()) h.add_raised(fingerprint_column(*db, raised, 0, version));
  }
  if (version >= 2) {
    Statement answers(*db, "SELECT fingerprint, response, comment FROM answers");
    while (answers.step())
      h.add_answer(fingerprint_column(*db, answers, 0, version), {answers.text(1), answers.text(2)});
  }
  if (version >= 1) {
    // The answers' share of each run: a join over every challenge of the latest runs, skipped while no
    // answer has been imported (a history's first months).
    bool has_answers = false;
    if (version >= 2) {
      Statement any(*db, "SELECT EXISTS(SELECT 1 FROM answers)");
      has_answers = any.step() && any.integer(0) != 0;
    }
    read_trend(*db, has_answers, h);
  }
  read.commit();
  h.finish();
  return h;
}

}  // namespace recon::history
