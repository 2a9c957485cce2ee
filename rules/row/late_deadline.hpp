#pragma once
// Which date of the SUS timetable makes a record late, shared by LATE_SUBMISSION and LATE_INCLUSION so that
// the two always agree. The SUS national timetable gives each activity month an inclusion date (the first-cut
// position, formerly "flex") and a post-reconciliation inclusion date (the reconciled position the month is
// settled on, formerly "freeze"); the calendar table holds them as INCLUSION_DATE and
// POST_RECONCILIATION_DATE (CalendarMonth::inclusion and ::reconciliation). Which of them the contract treats
// as the deadline for payment is a local choice.
#include "core/day.hpp"
#include "core/reference.hpp"
#include "rules/rule_option.hpp"

namespace recon::late_deadline {

enum Deadline : int { kInclusion = 1, kPostReconciliation = 2 };

// One option for both rules (an inline variable: registered once, however many files include this header).
inline const RuleOption kLateDeadline{
    "LATE_SUBMISSION",
    "late-deadline",
    kPostReconciliation,
    kInclusion,
    kPostReconciliation,
    "the SUS date after which a record is not paid: 1 inclusion date, 2 post-reconciliation inclusion date"};

// The payment deadline of an activity month under `choice`, kNoDay when the calendar does not give it.
inline Day payment_deadline(const CalendarMonth& month, int choice) {
  return choice == kInclusion ? month.inclusion : month.reconciliation;
}

}  // namespace recon::late_deadline
