#pragma once
// Helpers shared by the cross-record (patient) rules DUP, OVERLAP, SPLIT, READMIT and OPFIRST: what counts as
// the same claim submitted twice, and the clinical exclusions of the PbR spell rules. Header-only so that a
// rule stays one .cpp file; nothing here keeps state.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

#include "core/pricing.hpp"
#include "core/records.hpp"

namespace recon::patient_history {

inline constexpr std::uint32_t kNoOriginal = UINT32_MAX;

// Same dates, dataset and provider: records equal on these are adjacent in activity_order.
inline bool same_slot(const Activity& a, const Activity& b) {
  return a.start == b.start && a.end == b.end && a.dataset == b.dataset && a.procode == b.procode;
}

// The rest of the "same claim" key. OP: also the treatment function. A&E: also the attendance category,
// because a same-day return to A&E (AEATTENDCAT 3, unplanned follow-up) is a real second attendance with the
// same HRG, while a resubmitted record repeats the category. Fields that do not count for the dataset are
// blanked.
inline std::tuple<Code, Code, std::uint8_t> content_key(const Activity& a) {
  return {a.hrg, a.dataset == Dataset::kOp ? a.tretspef : Code{},
          a.dataset == Dataset::kAe ? a.attendcat : 0};
}
inline bool same_content(const Activity& a, const Activity& b) { return content_key(a) == content_key(b); }

// The same claim submitted twice is same_slot and same_content: same patient (the caller's history), dataset,
// provider, dates and HRG (plus the dataset-specific fields above). Record ids may differ.

// For each record of `history` (sorted by activity_order) that repeats an earlier record's claim, the index
// of the original (the first copy in activity order, i.e. input order among equals); kNoOriginal otherwise.
// Returns an empty vector (no allocation) when the history holds no duplicate at all, the usual case.
// O(n) for ordinary histories; runs of more than a few records with the same dates are sorted, so a
// pathological history costs O(n log n), never O(n^2).
inline std::vector<std::uint32_t> duplicate_originals(std::span<const Activity> history) {
  std::vector<std::uint32_t> original;
  std::vector<std::uint32_t> run;
  auto mark = [&](std::uint32_t copy, std::uint32_t first) {
    if (original.empty()) original.assign(history.size(), kNoOriginal);
    original[copy] = first;
  };
  constexpr std::size_t kSmallRun = 16;
  for (std::size_t b = 0; b < history.size();) {
    std::size_t e = b + 1;
    while (e < history.size() && same_slot(history[b], history[e])) ++e;
    if (e - b > 1 && e - b <= kSmallRun) {
      // Scanning from the front finds the first copy: if m repeated an earlier record, that one matches too.
      for (std::size_t k = b + 1; k < e; ++k)
        for (std::size_t m = b; m < k; ++m)
          if (same_content(history[m], history[k])) {
            mark(static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(m));
            break;
          }
    } else if (e - b > kSmallRun) {
      run.clear();
      for (std::size_t k = b; k < e; ++k) run.push_back(static_cast<std::uint32_t>(k));
      // Stable: equal keys keep activity order, so the first of each group is the original.
      std::stable_sort(run.begin(), run.end(), [&](std::uint32_t x, std::uint32_t y) {
        return content_key(history[x]) < content_key(history[y]);
      });
      for (std::size_t g = 0; g < run.size();) {
        std::size_t h = g + 1;
        while (h < run.size() && same_content(history[run[g]], history[run[h]])) ++h;
        for (std::size_t k = g + 1; k < h; ++k) mark(run[k], run[g]);
        g = h;
      }
    }
    b = e;
  }
  return original;
}

inline bool is_duplicate(const std::vector<std::uint32_t>& originals, std::size_t i) {
  return !originals.empty() && originals[i] != kNoOriginal;
}

// Maternity spell: ADMIMETH 31-32, or treatment function 501 (obstetrics) / 560 (midwife episode). Maternity
// is paid by pathway, and antenatal / delivery / postnatal admissions are legitimately separate spells.
inline bool is_maternity_spell(const Activity& a) {
  static const Code kObstetrics = Code::of("501"), kMidwife = Code::of("560");
  return is_maternity(a.admimeth) || a.tretspef == kObstetrics || a.tretspef == kMidwife;
}

// Primary diagnosis in ICD-10 C00-D48 (neoplasms): excluded from the readmission rule, because cancer
// treatment brings planned and unplanned returns that are not a failure of the index spell.
inline bool is_neoplasm(Code diag) {
  if (diag.empty()) return false;
  const Code category = diag.prefix(3);
  static const Code kFirst = Code::of("C00"), kLast = Code::of("D48");
  return category >= kFirst && category <= kLast;
}

// CLASSPAT 3/4: regular day / night attenders, admitted in a planned series (e.g. dialysis, chemotherapy).
inline bool is_regular_attender(const Activity& a) { return a.classpat == 3 || a.classpat == 4; }

// `day` minus `months` calendar months, the day of month clamped to the target month's last day
// (2025-08-31 minus 6 months = 2025-02-28).
inline Day months_before(Day day, int months) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_day(day, y, m, d);
  const int total = y * 12 + static_cast<int>(m) - 1 - months;
  const int ny = total >= 0 ? total / 12 : (total - 11) / 12;
  const unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
  const unsigned last = static_cast<unsigned>(
      std::chrono::year_month_day_last{std::chrono::year{ny} / std::chrono::month{nm} / std::chrono::last}
          .day());
  return make_day(ny, nm, std::min(d, last));
}

}  // namespace recon::patient_history
