#include "recon/engine/patient_stage.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <span>

namespace recon {
namespace {

// A partition's rows in activity_order. Comparison-sorting tens of thousands of records per partition was
// most of the patient phase; but the rules only need each patient's history in order (the order of patients
// does not show: challenges are sorted at the end). So: a stable LSD radix sort of (NHS number, index) keys
// groups the patients (three passes of 12 bits cover the 34 bits of a 10-digit number, six a pseudonym's key;
// a run of equal numbers keeps input order), then each patient's few records are sorted with activity_order
// itself, and the rows are gathered once.
std::vector<Activity> sorted_by_activity_order(const std::vector<Activity>& rows) {
  struct Key {
    NhsNumber nhs;
    std::uint32_t index;
  };
  const std::size_t n = rows.size();
  std::vector<Key> keys(n), scratch(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = {rows[i].nhs, static_cast<std::uint32_t>(i)};
  constexpr int kBits = 12;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  // As many passes as the largest key needs: three for NHS numbers, six when pseudonyms' 64-bit keys
  // (core/nhs_number.hpp pseudonym_key) are among them.
  NhsNumber all_bits = 0;
  for (const Key& k : keys) all_bits |= k.nhs;
  for (int shift = 0; shift < 64 && (all_bits >> shift) != 0; shift += kBits) {
    std::vector<std::uint32_t> start(kBuckets + 1, 0);
    for (const Key& k : keys) ++start[((k.nhs >> shift) & (kBuckets - 1)) + 1];
    if (std::any_of(start.begin(), start.end(), [&](std::uint32_t c) { return c == n; }))
      continue;  // one digit
    for (std::size_t b = 1; b <= kBuckets; ++b) start[b] += start[b - 1];
    for (const Key& k : keys) scratch[start[(k.nhs >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(scratch);
  }
  for (std::size_t b = 0; b < n;) {
    std::size_t e = b + 1;
    while (e < n && keys[e].nhs == keys[b].nhs) ++e;
    if (e - b > 1)
      std::sort(keys.begin() + static_cast<std::ptrdiff_t>(b), keys.begin() + static_cast<std::ptrdiff_t>(e),
                [&](const Key& x, const Key& y) { return activity_order(rows[x.index], rows[y.index]); });
    b = e;
  }
  std::vector<Activity> sorted;
  sorted.reserve(n);
  for (const Key& k : keys) sorted.push_back(rows[k.index]);
  return sorted;
}

}  // namespace

// Partitions are loaded (from memory or their spill file), sorted and scanned one per task, so at most
// `threads` partitions are expanded at once; each partition's challenges go to the spool as it finishes.
// A spilled partition larger than its share of --memory-mb is handed over in pieces (each patient whole in
// one), so what the patient stage holds is bounded by the budget, not by the input's size. The share: a
// quarter of the budget split between the threads (a piece is held about 2.5 times over while it is
// sorted), and never under 256 KiB, below which pieces would only cost file operations.
void run_patient_stage(ActivityStore& store, const std::vector<const PatientRule*>& rules,
                       const ConfiguredRules& configured, const RuleContext& ctx, std::uint64_t memory_budget,
                       ChallengeSpool& out) {
  const auto threads = static_cast<std::uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const std::uint64_t max_piece = std::max<std::uint64_t>(memory_budget / (4 * threads), 256u << 10);
  tbb::parallel_for(std::size_t{0}, ActivityStore::kPartitions, [&](std::size_t i) {
    store.take_in_pieces(i, max_piece, [&](ActivityPartition& part) {
      std::vector<Challenge> found;
      part.rows = sorted_by_activity_order(part.rows);
      RuleContext local = ctx;
      local.ids = &part.ids;
      for (std::size_t b = 0; b < part.rows.size();) {
        std::size_t e = b + 1;
        while (e < part.rows.size() && part.rows[e].nhs == part.rows[b].nhs) ++e;
        std::span<const Activity> history(part.rows.data() + b, e - b);
        for (const PatientRule* rule : rules)
          check_per_provider(configured, rule->info().id, local, found,
                             [&](const RuleContext& c, std::vector<Challenge>& sink) {
                               rule->check_patient(history, c, sink);
                             });
        b = e;
      }
      configured.apply(found);
      out.add(found);
    });
  });
}

}  // namespace recon
