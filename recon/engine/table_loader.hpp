#pragma once
// Loads a whole table (practice records or a reference table) through the streaming ingest, collecting typed
// rows; malformed rows go to the run's rejects like any other input.
#include <functional>
#include <string>
#include <vector>

#include "core/practice.hpp"
#include "core/reference.hpp"
#include "parsers/builders.hpp"
#include "parsers/column_mapping.hpp"
#include "recon/engine/rejects.hpp"

namespace recon {

struct LoadContext {
  const ColumnMapping* mapping = nullptr;
  int threads = 0;
  std::vector<std::string>* file_paths = nullptr;  // the run's file list: SourcePos::file indexes it
  std::vector<Reject>* rejects = nullptr;  // malformed practice rows (reference rows are fatal instead)
  std::vector<FileCounts>* counts = nullptr;
  std::function<void(std::uint64_t)> on_progress;
  char delimiter = 0;  // practice files' (RunConfig::delimiter); reference tables' is always detected
  std::function<void(const std::string&)> on_notice{};  // IngestOptions::on_notice
  // What the practice files' NHSNUMBER column holds: pseudonyms with --practice-pseudonym-column.
  PatientIds practice_ids = PatientIds::kNhsNumbers;
  // Each input's XXH64 taken as it is read (FileCounts::xxh64), for the challenge history (--history).
  bool digest_inputs = false;
};

// Practice records. A missing file is fatal (the user named it).
void load_register(const std::string& path, PracticeData& out, LoadContext& ctx);
void load_referrals(const std::string& path, PracticeData& out, LoadContext& ctx);
void load_conditions(const std::string& path, PracticeData& out, LoadContext& ctx);

// The provider's invoice (--invoice): its lines, appended to `out`. A missing file is fatal.
void load_invoice(const std::string& path, std::vector<InvoiceLine>& out, LoadContext& ctx);

// Reference tables from a directory: each table is <name>.csv or <name>.ndjson; an absent table is not fatal
// (the rules that need it are skipped, and the run summary says so), an absent directory is. The tables are
// the price list, so they are exact: a row that cannot be read, a duplicate key or a negative price is a
// FatalError naming file, line and key (never a reject that would silently drop or replace a price).
//
// `given`: tables read from files of other names (the national files converted,
// recon/engine/national_tables): each is read from its path, named by its label in the outputs and errors,
// and wins over the folder's table of the same name. `dir` may then be empty.
struct ReferenceTableFile {
  std::string name;   // "tariff_apc"
  std::string path;   // the file read
  std::string label;  // what the outputs call it
};
void load_reference(const std::string& dir, Reference& out, LoadContext& ctx,
                    const std::vector<ReferenceTableFile>& given = {});

// Registers a file in the run's file list; returns its index (for SourcePos::file).
std::uint32_t register_file(LoadContext& ctx, const std::string& path);

}  // namespace recon
