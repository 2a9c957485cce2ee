#include "recon/generate/submission_calendar.hpp"

#include <vector>

namespace recon::generate {

namespace {
Day next_working_day(Day day) {
  while (weekday(day) >= 5) ++day;
  return day;
}

// Both dates of every month from 1880 to 2149, computed once: SUBDATE needs them for every row.
class Timetable {
 public:
  Timetable() {
    for (int m = kFirst; m < kLast; ++m) {
      inclusion_.push_back(next_working_day(last_day_of_month_number(m) + 20));
      reconciliation_.push_back(next_working_day(last_day_of_month_number(m) + 35));
    }
  }
  Day inclusion(int m) const {
    return m >= kFirst && m < kLast ? inclusion_[m - kFirst]
                                    : next_working_day(last_day_of_month_number(m) + 20);
  }
  Day reconciliation(int m) const {
    return m >= kFirst && m < kLast ? reconciliation_[m - kFirst]
                                    : next_working_day(last_day_of_month_number(m) + 35);
  }

 private:
  static constexpr int kFirst = 1880 * 12;
  static constexpr int kLast = 2150 * 12;
  std::vector<Day> inclusion_;
  std::vector<Day> reconciliation_;
};

const Timetable& timetable() {
  static const Timetable table;
  return table;
}

}  // namespace

Day inclusion_date(int month_no) { return timetable().inclusion(month_no); }

Day post_reconciliation_date(int month_no) { return timetable().reconciliation(month_no); }

}  // namespace recon::generate
