#pragma once
// What the writers need of the challenge history (`recon run --history FILE`, docs/history.md), and what
// they gather for it. The SQLite file itself is recon/history/'s: it reads the earlier runs into a
// ChallengeHistory before the outputs are written, and records this run once they are published.
//
// With a history, every challenge carries a STATUS (trailing columns of challenges.csv/.json and the packs:
// FINGERPRINT, STATUS, RESPONSE, COMMENT):
//   NEW        no earlier run raised its fingerprint;
//   REPEAT     an earlier run raised it, and the provider has not answered it;
//   ANSWERED   an earlier run raised it and the provider answered (RESPONSE and COMMENT: the latest answer);
// and resolved.csv lists the RESOLVED ones: raised by the previous run, not by this one, for a provider this
// run has activity of (the record was corrected or withdrawn).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "recon/writers/challenge_fingerprint.hpp"

namespace recon {

enum class ChallengeStatus : std::uint8_t { kNew, kRepeat, kAnswered };
std::string_view status_name(ChallengeStatus s);  // "NEW", "REPEAT", "ANSWERED"
inline constexpr std::string_view kResolvedStatus = "RESOLVED";

struct ChallengeAnswer {
  std::string response;  // ACCEPTED, DISPUTED or QUERY (kPackResponses)
  std::string comment;
};

// A challenge of the previous run, as challenges.csv had it: resolved.csv lists it when this run does not
// raise its fingerprint again. Read with its fingerprint, position and provider only; the rest is filled in
// (ChallengeHistory::describe) for the few that are resolved.
struct PreviousChallenge {
  Fingerprint fingerprint;
  std::int64_t position = 0;  // in the previous run's list: its CHALLENGE_ID less one
  std::string procode;
  std::string challenge_id, rule, severity, gpprac, dataset, record_id, nhs, activity_date;
  Pence charged = 0, challenged = 0;
  std::string first_run_id;  // the run that first raised it
};

// What is held of each of the previous run's challenges while this run's are looked up: a few hundred
// thousand of them, so the compact part only (a PreviousChallenge is made for the few resolved).
struct PreviousListed {
  Fingerprint fingerprint;
  std::int64_t position = 0;
  std::string procode;  // three characters: no allocation

  PreviousChallenge challenge() const {
    PreviousChallenge c;
    c.fingerprint = fingerprint;
    c.position = position;
    c.procode = procode;
    return c;
  }
};

// One provider in one run, for the report's month-on-month view. Amounts are sums of CHALLENGED (a record
// challenged by two rules counts in both); accepted/disputed/queried: the challenges of that run whose
// latest answer says so.
struct TrendPoint {
  std::string run_id;
  std::string as_of;  // the run's --as-of date, YYYY-MM-DD: the month it stands for
  std::string procode;
  std::uint64_t challenges = 0, accepted = 0, disputed = 0, queried = 0;
  Pence challenged = 0, accepted_amount = 0, disputed_amount = 0;
};

class ChallengeHistory {
 public:
  static constexpr std::size_t kNone = std::numeric_limits<std::uint32_t>::max();

  // Filled by recon/history, then finish() (sorts; afterwards find() may be called from any thread).
  void add_raised(Fingerprint f);  // raised by an earlier run
  void add_answer(Fingerprint f, ChallengeAnswer answer);
  void add_previous(PreviousListed c);  // raised by the previous run (also add_raised)
  void add_previous(const PreviousChallenge& c) {
    add_previous(PreviousListed{c.fingerprint, c.position, c.procode});
  }
  void finish();

  struct Prior {
    Fingerprint fingerprint;  // the one looked up
    ChallengeStatus status = ChallengeStatus::kNew;
    const ChallengeAnswer* answer = nullptr;  // ANSWERED only
    std::size_t previous = kNone;             // its index in previous(), if the previous run raised it
  };
  Prior find(Fingerprint f) const;
  // find() for each of `fingerprints`, appended to `out` in order: the same answers, with the entries of the
  // fingerprints a few ahead fetched from memory meanwhile (a look-up is a few cache misses in a table of
  // the previous runs' hundreds of thousands of challenges; the list's look-ups were most of its cost).
  void find_all(std::span<const Fingerprint> fingerprints, std::vector<Prior>& out) const;
  const std::vector<PreviousListed>& previous() const { return previous_; }
  // Fills in the rest of these previous challenges (set by recon/history; nothing without one).
  std::function<void(std::vector<PreviousChallenge>&)> describe;

  std::string previous_run_id;        // the run resolved.csv is against; "" for a history with no run yet
  std::int64_t previous_run_seq = 0;  // its number in the history file (0: none)
  std::uint64_t runs_recorded = 0;
  std::vector<TrendPoint> trend;  // the earlier runs (the latest few), by run then provider

 private:
  struct Entry {
    Fingerprint fingerprint;
    std::uint32_t answer = kNone, previous = kNone;
    bool raised = false;
  };
  std::vector<Entry> entries_;  // by fingerprint
  // entries_ index of the first fingerprint whose top 16 bits are at least b, for b = 0 .. 65536: a look-up
  // searches a bucket of a few entries instead of the whole list (random fingerprints spread evenly).
  std::vector<std::uint32_t> buckets_;
  std::vector<ChallengeAnswer> answers_;
  std::vector<PreviousListed> previous_;
};

// What the writers gather of this run for the history, on the challenge list's way to its files (in list
// order), and hand back.
struct HistoryTally {
  std::uint64_t counts[3] = {0, 0, 0};          // by ChallengeStatus
  std::vector<char> previous_seen;              // by ChallengeHistory::previous() index
  std::map<std::string, TrendPoint> providers;  // this run's points, by PROCODE3
  std::vector<PreviousChallenge> resolved;      // filled once the list is written, in previous() order
  // Each challenge of the list, in list order: what the history's run_challenges keeps of it, gathered here
  // so that recording the run need not parse it back out of challenges.csv (its FINGERPRINT and STATUS come
  // after REASON and EVIDENCE: scanning every row for them cost more than the inserts), and where its row
  // starts in challenges.csv: a NEW challenge's facts are read from there, as the file states them, without
  // splitting the whole file into rows first.
  struct Listed {
    Fingerprint fingerprint;
    std::uint64_t csv_offset;
    ChallengeStatus status;
    Severity severity;
    Code procode;
  };
  std::vector<Listed> listed;

  void add(const Challenge& c, const ChallengeHistory::Prior& prior, std::uint64_t csv_offset);
};

}  // namespace recon
