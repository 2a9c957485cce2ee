#pragma once
// A file's column names, read before the file is ingested: a named layout (parsers/layouts.hpp) is chosen,
// and its alternatives resolved, from the columns a file has. The names are those ingest_file will see: the
// header record of a CSV file (UTF-8 BOM dropped, blank lines before it skipped, its line ending and
// delimiter found as the ingest finds them), or the keys of the first line holding a JSON object of an
// NDJSON file. Only the header is read; the file is read again, whole, by the ingest.
#include <string>
#include <vector>

#include "parsers/ingest.hpp"

namespace recon {

// Trimmed, case kept, in file order. Empty when the file has no readable header (ingest_file then says what
// is wrong with it). Throws FatalError only when the file cannot be opened or read.
std::vector<std::string> read_column_names(const InputFile& file, const IngestOptions& options);

}  // namespace recon
