#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/challenge.hpp"
#include "core/report_data.hpp"
#include "recon/data_quality.hpp"
#include "recon/rejects.hpp"

namespace recon {

struct ProviderTotals {
  std::uint64_t records[3] = {0, 0, 0};  // by Dataset
  Pence charged = 0;
};

struct RuleStatus {
  std::string id;
  bool ran = false;
  std::string why_not;  // when not run
};

struct RunResult {
  std::vector<std::string> file_paths;  // SourcePos::file indexes this
  std::vector<FileCounts> counts;       // per input file
  std::vector<Reject> rejects;          // sorted by file, line
  std::vector<Challenge> challenges;    // in canonical order (challenge_order)
  std::map<Code, ProviderTotals> providers;
  std::vector<RuleStatus> rules;
  ReportData report;                // figures for the human report
  DataQualityCounter data_quality;  // completeness, validity, coverage by provider x dataset
  double seconds = 0;
  std::vector<std::pair<std::string, double>> phases;  // wall seconds per phase
  std::uint64_t activity_rows = 0;                     // APC + OP + A&E rows in
  struct StoreUse {
    std::uint64_t records = 0, spilled_records = 0;  // held for the patient rules; of them written to disk
    int spills = 0;
  } store;

  std::uint64_t rows_in() const;
  std::uint64_t accepted() const;
  std::uint64_t rejected() const;
};

}  // namespace recon
