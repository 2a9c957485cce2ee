#pragma once
// Helpers shared by the cross-record (patient) rules DUP, OVERLAP, SPLIT, READMIT and OPFIRST: what counts as
// the same claim submitted twice, and the clinical exclusions of the PbR spell rules. Header-only so that a
// rule stays one .cpp file; nothing here keeps state.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
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

// The rest of the "same claim" key, beyond the same patient (the caller's history), dataset, provider and
// dates.
//  * APC: nothing else: two spells of one patient at one provider with the same admission and discharge dates
//    are the same stay however they are coded (a resubmission is often regrouped to another HRG, under
//    another spell id). Only for a spell admitted and discharged the same day does the admission method count
//    too: an elective day case and an emergency admission later that day are two real stays (SPLIT's
//    business).
//  * OP: the treatment function, whatever the HRG (a recoded resubmission changes the HRG).
//  * A&E: the attendance category and the HRG, because a same-day return to A&E (AEATTENDCAT 3, unplanned
//    follow-up) is a real second attendance, while a resubmitted record repeats the category.
// Fields that do not count for the dataset are blanked.
inline std::tuple<Code, Code, std::uint8_t> content_key(const Activity& a) {
  switch (a.dataset) {
    case Dataset::kApc:
      return {Code{}, Code{}, a.start == a.end ? a.admimeth : std::uint8_t{0}};
    case Dataset::kOp:
      return {Code{}, a.tretspef, 0};
    case Dataset::kAe:
      return {a.hrg, Code{}, a.attendcat};
  }
  return {};
}
inline bool same_content(const Activity& a, const Activity& b) { return content_key(a) == content_key(b); }

// Of two copies of one record, whether `a` is kept as the original rather than `b`: the more complete copy,
// then the later submitted (Activity::copy_rank, as HES keeps the resubmission that corrects a record), then
// the first in activity order (input order among equals).
inline bool kept_before(const Activity& a, std::uint32_t ia, const Activity& b, std::uint32_t ib) {
  return a.copy_rank != b.copy_rank ? a.copy_rank > b.copy_rank : ia < ib;
}

// For each record of `history` (sorted by activity_order) that repeats another record's claim (same_slot and
// same_content), the index of the original kept (kept_before); kNoOriginal otherwise. Returns an empty vector
// (no allocation) when the history holds no duplicate at all, the usual case. O(n) for ordinary histories; a
// run of records with the same dates is sorted, so a pathological history costs O(n log n), never O(n^2).
inline std::vector<std::uint32_t> duplicate_originals(std::span<const Activity> history) {
  std::vector<std::uint32_t> original;
  std::vector<std::uint32_t> run;
  for (std::size_t b = 0; b < history.size();) {
    std::size_t e = b + 1;
    while (e < history.size() && same_slot(history[b], history[e])) ++e;
    if (e - b > 1) {
      run.clear();
      for (std::size_t k = b; k < e; ++k) run.push_back(static_cast<std::uint32_t>(k));
      // By content key; within a key the original first.
      std::sort(run.begin(), run.end(), [&](std::uint32_t x, std::uint32_t y) {
        const auto kx = content_key(history[x]), ky = content_key(history[y]);
        if (kx != ky) return kx < ky;
        return kept_before(history[x], x, history[y], y);
      });
      for (std::size_t g = 0; g < run.size();) {
        std::size_t h = g + 1;
        while (h < run.size() && same_content(history[run[g]], history[run[h]])) ++h;
        if (h - g > 1 && original.empty()) original.assign(history.size(), kNoOriginal);
        for (std::size_t k = g + 1; k < h; ++k) original[run[k]] = run[g];
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

// An HRG in one of the given 2-letter chapters (e.g. NZ, maternity).
inline bool in_hrg_chapter(Code hrg, std::initializer_list<Code> chapters) {
  const Code chapter = hrg.prefix(2);
  return std::find(chapters.begin(), chapters.end(), chapter) != chapters.end();
}

// Maternity spell: ADMIMETH 31-32, treatment function 501 (obstetrics) / 560 (midwife episode), or an HRG in
// chapter NZ (obstetric medicine). Maternity is paid by pathway, and antenatal / delivery / postnatal
// admissions are legitimately separate spells.
inline bool is_maternity_spell(const Activity& a) {
  static const Code kObstetrics = Code::of("501"), kMidwife = Code::of("560"), kNz = Code::of("NZ");
  return is_maternity(a.admimeth) || a.tretspef == kObstetrics || a.tretspef == kMidwife ||
         in_hrg_chapter(a.hrg, {kNz});
}

// Chemotherapy (HRG chapter SB), radiotherapy (SC) and renal dialysis (LD, LE): planned series of treatment
// whose complications are not a failure of an earlier spell; excluded from READMIT on either spell.
inline bool is_planned_series_treatment(const Activity& a) {
  static const Code kSb = Code::of("SB"), kSc = Code::of("SC"), kLd = Code::of("LD"), kLe = Code::of("LE");
  return in_hrg_chapter(a.hrg, {kSb, kSc, kLd, kLe});
}

// Primary diagnosis of cancer as the national readmission rule counts it: ICD-10 C00-C97 (malignant) and
// D37-D48 (uncertain or unknown behaviour); not D00-D36 (in situ and benign neoplasms).
inline bool is_cancer(Code diag) {
  static const Code kC00 = Code::of("C00"), kC97 = Code::of("C97"), kD37 = Code::of("D37"),
                    kD48 = Code::of("D48");
  if (diag.empty()) return false;
  const Code category = diag.prefix(3);
  return (category >= kC00 && category <= kC97) || (category >= kD37 && category <= kD48);
}

// Admitted as a transfer from another provider: ADMIMETH 2B (emergency transfer of an admitted patient from
// another provider), ADMISORC 51-53 (a ward of another NHS hospital provider) or 87 (an independent sector
// hospital).
inline bool is_transfer_admission(Code admimeth, Code admisorc) {
  static const Code k2B = Code::of("2B"), k51 = Code::of("51"), k52 = Code::of("52"), k53 = Code::of("53"),
                    k87 = Code::of("87");
  return admimeth == k2B || admisorc == k51 || admisorc == k52 || admisorc == k53 || admisorc == k87;
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
