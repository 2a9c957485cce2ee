#pragma once
// What the GP practice / commissioner holds: the registration list, the referral log and the QOF disease
// registers. Each is a vector sorted by NHS number (then date) and searched by binary search: compact,
// cache friendly and deterministic.
#include <span>
#include <string>
#include <vector>

#include "core/code.hpp"
#include "core/day.hpp"
#include "core/nhs_index.hpp"
#include "core/records.hpp"

namespace recon {

struct Registration {
  NhsNumber nhs = 0;
  Code gpprac;
  Day dob = kNoDay;
  Code sex;
  Day regdate = kNoDay, deregdate = kNoDay, dod = kNoDay;
  // Registered at this practice on `day` (REGDATE <= day, and DEREGDATE empty or after day).
  bool covers(Day day) const { return regdate <= day && (deregdate == kNoDay || day < deregdate); }
};
struct Referral {
  NhsNumber nhs = 0;
  Code gpprac;
  Day refdate = kNoDay;
  Code procode;  // may be empty: a referral to any provider
  Code tretspef;
};
struct Condition {
  NhsNumber nhs = 0;
  Code gpprac;
  Code register_;
  Day fromdate = kNoDay;
};

struct PracticeData {
  std::vector<Registration> registrations;  // sorted by (nhs, regdate)
  std::vector<Referral> referrals;          // sorted by (nhs, refdate)
  std::vector<Condition> conditions;        // sorted by (nhs, register)
  bool has_register = false, has_referrals = false, has_conditions = false;
  // Why the practice files cannot be matched with the activity (its patient ids are pseudonyms, theirs NHS
  // numbers, say); empty when they can. The rules that need them are then skipped with this reason.
  std::string unmatched_why;
  // Sets unmatched_why (when `why` is not empty) and takes the practice files out of the run.
  void withhold(std::string why) {
    if (why.empty()) return;
    unmatched_why = std::move(why);
    has_register = has_referrals = has_conditions = false;
  }

  // The practices each list speaks for (sorted, unique). A record whose GPPRAC is one of them is a patient
  // that list should know; any other practice's patient is not ours to judge.
  std::vector<Code> register_practices, referral_practices, condition_practices;

  std::span<const Registration> registrations_of(NhsNumber nhs) const;
  std::span<const Referral> referrals_of(NhsNumber nhs) const;
  std::span<const Condition> conditions_of(NhsNumber nhs) const;
  // Look-ahead for the row rules, which look up every record's patient in these lists: tables of millions
  // of rows, so each first look-up is a cache miss. Stage 1 starts loading the patient's index slots;
  // stage 2, some rows later when the slots have arrived, starts loading the patient's rows.
  void prefetch_index(NhsNumber nhs, bool referrals_too, bool conditions_too) const;
  void prefetch_rows(NhsNumber nhs, bool referrals_too, bool conditions_too) const;
  bool register_covers_practice(Code gpprac) const;
  bool referral_log_covers_practice(Code gpprac) const;
  bool conditions_cover_practice(Code gpprac) const;  // the practice supplied its disease registers
  void sort_all();  // after loading: sorts the lists and indexes them by patient and practice
  // Bytes the lists and their indexes hold in memory (their rows, not unused capacity, which is never
  // touched): charged to --memory-mb before the patient store and the challenge list get their share.
  std::uint64_t held_bytes() const;

 private:
  NhsIndex registration_index_, referral_index_, condition_index_;
};

}  // namespace recon
