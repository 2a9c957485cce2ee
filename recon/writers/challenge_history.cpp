#include "recon/writers/challenge_history.hpp"

#include <algorithm>

namespace recon {
namespace {
constexpr std::size_t kBuckets = std::size_t{1} << 16;
}  // namespace

std::string_view status_name(ChallengeStatus s) {
  switch (s) {
    case ChallengeStatus::kNew:
      return "NEW";
    case ChallengeStatus::kRepeat:
      return "REPEAT";
    case ChallengeStatus::kAnswered:
      return "ANSWERED";
  }
  return "?";
}

void ChallengeHistory::add_raised(Fingerprint f) { entries_.push_back({f, kNone, kNone, true}); }

void ChallengeHistory::add_answer(Fingerprint f, ChallengeAnswer answer) {
  entries_.push_back({f, static_cast<std::uint32_t>(answers_.size()), kNone, false});
  answers_.push_back(std::move(answer));
}

void ChallengeHistory::add_previous(PreviousListed c) {
  entries_.push_back({c.fingerprint, kNone, static_cast<std::uint32_t>(previous_.size()), true});
  previous_.push_back(std::move(c));
}

void ChallengeHistory::finish() {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.fingerprint < b.fingerprint; });
  // One entry per fingerprint, its facts merged.
  std::vector<Entry> merged;
  merged.reserve(entries_.size());
  for (const Entry& e : entries_) {
    if (merged.empty() || merged.back().fingerprint != e.fingerprint) {
      merged.push_back(e);
      continue;
    }
    Entry& m = merged.back();
    m.raised = m.raised || e.raised;
    if (e.answer != kNone) m.answer = e.answer;
    if (e.previous != kNone) m.previous = e.previous;
  }
  entries_ = std::move(merged);
  entries_.shrink_to_fit();
  buckets_.assign(kBuckets + 1, static_cast<std::uint32_t>(entries_.size()));
  for (std::size_t i = entries_.size(); i-- > 0;)
    buckets_[entries_[i].fingerprint.high >> 48] = static_cast<std::uint32_t>(i);
  for (std::size_t b = kBuckets; b-- > 0;) buckets_[b] = std::min(buckets_[b], buckets_[b + 1]);
}

ChallengeHistory::Prior ChallengeHistory::find(Fingerprint f) const {
  Prior prior;
  prior.fingerprint = f;
  if (buckets_.empty()) return prior;
  const std::size_t bucket = f.high >> 48;
  const auto end = entries_.begin() + buckets_[bucket + 1];
  const auto it =
      std::lower_bound(entries_.begin() + buckets_[bucket], end, f,
                       [](const Entry& e, const Fingerprint& key) { return e.fingerprint < key; });
  // An answer without a raising run cannot happen in a history recon wrote; it reads as not raised.
  if (it == end || it->fingerprint != f || !it->raised) return prior;
  prior.previous = it->previous;
  if (it->answer != kNone) {
    prior.status = ChallengeStatus::kAnswered;
    prior.answer = &answers_[it->answer];
  } else {
    prior.status = ChallengeStatus::kRepeat;
  }
  return prior;
}

void ChallengeHistory::find_all(std::span<const Fingerprint> fingerprints, std::vector<Prior>& out) const {
  // Two stages ahead: the bucket's bounds 16 look-ups ahead, then (from them, by now in cache) the bucket's
  // entries 8 ahead.
  constexpr std::size_t kBucketsAhead = 16, kEntriesAhead = 8;
  const std::size_t n = fingerprints.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (!buckets_.empty()) {
      if (k + kBucketsAhead < n) __builtin_prefetch(&buckets_[fingerprints[k + kBucketsAhead].high >> 48]);
      if (k + kEntriesAhead < n) {
        const std::uint32_t first = buckets_[fingerprints[k + kEntriesAhead].high >> 48];
        if (first < entries_.size()) {
          const char* at = reinterpret_cast<const char*>(&entries_[first]);
          __builtin_prefetch(at);
          __builtin_prefetch(at + 64);
        }
      }
    }
    out.push_back(find(fingerprints[k]));
  }
}

void HistoryTally::add(const Challenge& c, const ChallengeHistory::Prior& prior, std::uint64_t csv_offset) {
  const std::string procode = c.procode.str();  // str() makes a string: a view of it would dangle
  const Pence challenged = c.challenged;
  listed.push_back({prior.fingerprint, csv_offset, prior.status, c.severity, c.procode});
  ++counts[static_cast<int>(prior.status)];
  if (prior.previous != ChallengeHistory::kNone) previous_seen[prior.previous] = 1;
  TrendPoint& p = providers[std::string(procode)];
  p.procode = procode;
  ++p.challenges;
  p.challenged = add_money(p.challenged, challenged);
  if (!prior.answer) return;
  if (prior.answer->response == "ACCEPTED") {
    ++p.accepted;
    p.accepted_amount = add_money(p.accepted_amount, challenged);
  } else if (prior.answer->response == "DISPUTED") {
    ++p.disputed;
    p.disputed_amount = add_money(p.disputed_amount, challenged);
  } else if (prior.answer->response == "QUERY") {
    ++p.queried;
  }
}

}  // namespace recon
