#pragma once
// Ingest through a column mapping that has derived columns (DerivedColumn, parsers/column_mapping.hpp): the
// derived columns' source columns are read as extra fields after the contract's own, and each row is handed
// to the sink with the joined values in the derived columns' places. The sink sees rows of the contract's
// schema only, as from a file that held those columns itself. The value parser (parsers/builders.hpp) is not
// involved: joining is the mapping's business, judging the joined value is the parser's.
#include "parsers/ingest.hpp"

namespace recon {

// ingest_file with options.mapping's derived columns for schema.dataset; exactly ingest_file when the
// mapping has none (or there is no mapping).
IngestResult ingest_mapped(const InputFile& file, const Schema& schema, RowSink& sink,
                           const IngestOptions& options);

}  // namespace recon
