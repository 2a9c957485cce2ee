// The SUS-style submission timetable: for each activity month an inclusion date (by when a record should
// be submitted) and a post-reconciliation inclusion date (after which it is late). Dates are month end + 20
// and + 35 days, moved forward off weekends, like the published flex/freeze dates.
#pragma once

#include "recon/generate/civil_date.hpp"

namespace recon::generate {

Day inclusion_date(int month_no);  // month_no as returned by month_number()
Day post_reconciliation_date(int month_no);

}  // namespace recon::generate
