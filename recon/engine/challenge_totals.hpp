#pragma once
// The figures the summaries, the report and the terminal take from the challenge list, gathered in one pass
// over it in canonical order. A big run's list is never in memory all at once
// (recon/engine/challenge_spool.hpp): it streams past the writers once, and these totals are what the other
// outputs keep of it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/challenge.hpp"
#include "core/money.hpp"

namespace recon {

struct RuleSummary {
  std::uint64_t challenges = 0;
  Pence at_risk = 0;  // the sum of the rule's CHALLENGED amounts
};

struct ProviderChallenges {
  std::uint64_t challenges = 0;          // every challenge row against the provider
  std::uint64_t records_challenged = 0;  // distinct records with at least one challenge
  Pence at_risk = 0;                     // per record: its largest challenge, capped at its charge
  Pence pattern_at_risk = 0;             // provider-level (pattern) challenges, not tied to one record
};

// A challenge with its position in the whole list (its CHALLENGE_ID is challenge_id(index)).
struct IndexedChallenge {
  std::size_t index = 0;
  Challenge challenge;
};

class ChallengeTotals {
 public:
  static constexpr std::size_t kTop = 50;  // the largest challenges kept for the report

  // The next challenge of the list, in canonical order.
  void add(const Challenge& c);
  // After the last add.
  void finish();
  // add() of every challenge of a list in canonical order, then finish().
  static ChallengeTotals of(const std::vector<Challenge>& list);

  std::uint64_t count = 0;
  std::map<Code, ProviderChallenges> providers;  // providers with at least one challenge
  std::map<std::string, RuleSummary> rules;      // rules with at least one challenge
  // The kTop largest CHALLENGED amounts, largest first; ties in list order. Filled by finish().
  std::vector<IndexedChallenge> top;

 private:
  void close_group();
  // The record whose challenges are being summed: a record's challenges are adjacent in canonical order.
  bool in_group_ = false;
  SourcePos group_pos_;
  Dataset group_dataset_ = Dataset::kApc;
  Code group_provider_;
  Pence group_risk_ = 0;
};

}  // namespace recon
