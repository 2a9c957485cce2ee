#include "recon/engine/challenge_totals.hpp"

#include <algorithm>

namespace recon {
namespace {
// Ranks for the top list: larger amount first, then earlier in the list.
bool ranks_before(const IndexedChallenge& a, const IndexedChallenge& b) {
  return a.challenge.challenged != b.challenge.challenged ? a.challenge.challenged > b.challenge.challenged
                                                          : a.index < b.index;
}
}  // namespace

// The amount at risk of a record is the largest single challenge against it (capped at its charge): a record
// that breaks three rules is still only paid once, so summing every challenge would overstate the money.
// The challenges come in canonical order (challenge_order), which puts all of a record's challenges next to
// each other, so a record's group is a run of equal (pos, dataset); one pass, no map of records.
void ChallengeTotals::add(const Challenge& c) {
  const std::size_t index = count++;
  RuleSummary& rule = rules[c.rule];
  ++rule.challenges;
  rule.at_risk = add_money(rule.at_risk, c.challenged);

  ProviderChallenges& p = providers[c.procode];
  ++p.challenges;
  if (c.pos == kNoRecord) {
    p.pattern_at_risk = add_money(p.pattern_at_risk, c.challenged);
  } else {
    if (!in_group_ || c.pos != group_pos_ || c.dataset != group_dataset_) {
      close_group();
      in_group_ = true;
      group_pos_ = c.pos;
      group_dataset_ = c.dataset;
      group_provider_ = c.procode;
      group_risk_ = 0;
    }
    group_risk_ = std::max(group_risk_, std::min(c.challenged, c.charged > 0 ? c.charged : c.challenged));
  }

  // `top` is a heap while adding: its first element is the one that ranks last, the first to make way.
  if (top.size() < kTop) {
    top.push_back({index, c});
    std::push_heap(top.begin(), top.end(), ranks_before);
  } else if (kTop > 0 && c.challenged > top.front().challenge.challenged) {  // ties: the earlier one stays
    std::pop_heap(top.begin(), top.end(), ranks_before);
    top.back() = {index, c};
    std::push_heap(top.begin(), top.end(), ranks_before);
  }
}

void ChallengeTotals::close_group() {
  if (!in_group_) return;
  ProviderChallenges& p = providers[group_provider_];
  ++p.records_challenged;
  p.at_risk = add_money(p.at_risk, group_risk_);
  in_group_ = false;
}

void ChallengeTotals::finish() {
  close_group();
  std::sort_heap(top.begin(), top.end(), ranks_before);
}

ChallengeTotals ChallengeTotals::of(const std::vector<Challenge>& list) {
  ChallengeTotals t;
  for (const Challenge& c : list) t.add(c);
  t.finish();
  return t;
}

}  // namespace recon
