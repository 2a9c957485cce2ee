#include "core/practice.hpp"

#include <tbb/parallel_invoke.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <tuple>

namespace recon {
namespace {
template <class T>
std::span<const T> rows_of(const std::vector<T>& v, const NhsIndex& index, NhsNumber nhs) {
  const NhsIndex::Range r = index.find(nhs);
  return {v.data() + r.begin, r.count};
}
}  // namespace

std::span<const Registration> PracticeData::registrations_of(NhsNumber nhs) const {
  return rows_of(registrations, registration_index_, nhs);
}
std::span<const Referral> PracticeData::referrals_of(NhsNumber nhs) const {
  return rows_of(referrals, referral_index_, nhs);
}
std::span<const Condition> PracticeData::conditions_of(NhsNumber nhs) const {
  return rows_of(conditions, condition_index_, nhs);
}

void PracticeData::prefetch_index(NhsNumber nhs, bool referrals_too, bool conditions_too) const {
  registration_index_.prefetch(nhs);
  if (referrals_too) referral_index_.prefetch(nhs);
  if (conditions_too) condition_index_.prefetch(nhs);
}

void PracticeData::prefetch_rows(NhsNumber nhs, bool referrals_too, bool conditions_too) const {
  if (const NhsIndex::Range r = registration_index_.find(nhs); r.count)
    __builtin_prefetch(&registrations[r.begin]);
  if (!referrals_too) return;
  if (const NhsIndex::Range r = referral_index_.find(nhs); r.count) __builtin_prefetch(&referrals[r.begin]);
  if (!conditions_too) return;
  if (const NhsIndex::Range r = condition_index_.find(nhs); r.count) __builtin_prefetch(&conditions[r.begin]);
}

namespace {
template <class Rows>
std::vector<Code> practices_of(const Rows& rows) {
  std::vector<Code> codes;
  for (const auto& r : rows)  // rows come in runs of one practice: only a change is kept
    if (codes.empty() || codes.back() != r.gpprac) codes.push_back(r.gpprac);
  tbb::parallel_sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}
}  // namespace

bool PracticeData::register_covers_practice(Code gpprac) const {
  return std::binary_search(register_practices.begin(), register_practices.end(), gpprac);
}
bool PracticeData::referral_log_covers_practice(Code gpprac) const {
  return std::binary_search(referral_practices.begin(), referral_practices.end(), gpprac);
}

bool PracticeData::conditions_cover_practice(Code gpprac) const {
  return std::binary_search(condition_practices.begin(), condition_practices.end(), gpprac);
}

namespace {
// One list's preparation: the practices it speaks for, the list sorted by `key` (full keys, so that rows
// equal on what matters still sort the same way every run), and its per-patient index.
template <class Rows, class Key>
void prepare(Rows& rows, std::vector<Code>& practices, NhsIndex& index, Key key) {
  practices = practices_of(rows);
  tbb::parallel_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  index.build(rows);
}
}  // namespace

std::uint64_t PracticeData::held_bytes() const {
  return registrations.size() * sizeof(Registration) + referrals.size() * sizeof(Referral) +
         conditions.size() * sizeof(Condition) +
         (register_practices.size() + referral_practices.size() + condition_practices.size()) * sizeof(Code) +
         registration_index_.bytes() + referral_index_.bytes() + condition_index_.bytes();
}

// The three lists are prepared concurrently, each with a parallel sort. Each key holds every field of its
// row, so rows equal on it are identical and the sorted list is the same at every thread count (a key that
// left a field out would let a parallel sort order rows that differ only there differently from run to run).
void PracticeData::sort_all() {
  // A field added to a row must join its key below: these sizes are the fields the keys hold.
  static_assert(sizeof(Registration) == 48 && sizeof(Referral) == 40 && sizeof(Condition) == 32,
                "a row's fields changed: make its sort key hold every field");
  tbb::parallel_invoke(
      [&] {
        prepare(registrations, register_practices, registration_index_, [](const Registration& r) {
          return std::tie(r.nhs, r.regdate, r.gpprac, r.deregdate, r.dob, r.sex, r.dod);
        });
      },
      [&] {
        prepare(referrals, referral_practices, referral_index_, [](const Referral& r) {
          return std::tie(r.nhs, r.refdate, r.gpprac, r.procode, r.tretspef);
        });
      },
      [&] {
        prepare(conditions, condition_practices, condition_index_,
                [](const Condition& c) { return std::tie(c.nhs, c.register_, c.fromdate, c.gpprac); });
      });
}

}  // namespace recon
