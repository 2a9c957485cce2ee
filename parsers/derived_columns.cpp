#include "parsers/derived_columns.hpp"

#include <algorithm>

namespace recon {
namespace {

// Where one derived column's target and parts sit among the fields of the extended schema.
struct Derivation {
  int target = 0;
  struct Part {
    int field = 0;
    std::size_t width = 0;
  };
  std::vector<Part> parts;
};

// The contract's schema with every source column of a derived column appended, optional: the ingest maps
// them from the header like any other field. A source that is a contract column already keeps its field.
Schema with_sources(const Schema& contract, const std::vector<DerivedColumn>& derived,
                    std::vector<Derivation>& derivations) {
  Schema extended = contract;
  for (const DerivedColumn& column : derived) {
    Derivation d{contract.index_of(column.target), {}};
    for (const DerivedColumn::Part& part : column.parts) {
      int field = extended.index_of(part.source);
      if (field < 0) field = extended.add_field({part.source, false});
      d.parts.push_back({field, part.width});
    }
    derivations.push_back(std::move(d));
  }
  return extended;
}

// Hands each row on with the derived values in place; everything else passes straight through.
class DerivingSink final : public RowSink {
 public:
  DerivingSink(RowSink& inner, std::size_t contract_fields, std::vector<Derivation> derivations)
      : inner_(inner), contract_fields_(contract_fields), derivations_(std::move(derivations)) {}

  struct Work : ChunkWork {
    std::unique_ptr<ChunkWork> inner;
    std::vector<std::string_view> values;  // the row as the inner sink sees it
    std::vector<std::string> joined;       // one buffer per derived column, reused from row to row
  };

  std::unique_ptr<ChunkWork> begin_chunk() override {
    auto work = std::make_unique<Work>();
    work->inner = inner_.begin_chunk();
    work->values.resize(contract_fields_);
    work->joined.resize(derivations_.size());
    return work;
  }
  void row(ChunkWork& w, const FieldRow& row) override {
    auto& work = static_cast<Work&>(w);
    std::copy_n(row.values.begin(), contract_fields_, work.values.begin());
    for (std::size_t i = 0; i < derivations_.size(); ++i)
      work.values[static_cast<std::size_t>(derivations_[i].target)] =
          join(derivations_[i], row, work.joined[i]);
    inner_.row(*work.inner, FieldRow{work.values, row.pos});
  }
  void malformed(ChunkWork& w, SourcePos pos, std::string reason) override {
    inner_.malformed(*static_cast<Work&>(w).inner, pos, std::move(reason));
  }
  void finish_chunk(ChunkWork& w) override { inner_.finish_chunk(*static_cast<Work&>(w).inner); }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    inner_.end_chunk(std::move(static_cast<Work&>(*w).inner));
  }

 private:
  // The parts' values, each left-padded with zeros to its width, joined into `out`; empty (missing) when
  // any part is empty, so that half a date of birth is never taken for a whole one.
  static std::string_view join(const Derivation& d, const FieldRow& row, std::string& out) {
    out.clear();
    for (const Derivation::Part& part : d.parts) {
      const std::string_view value = row[part.field];
      if (value.empty()) return {};
      if (value.size() < part.width) out.append(part.width - value.size(), '0');
      out += value;
    }
    return out;
  }

  RowSink& inner_;
  std::size_t contract_fields_;
  std::vector<Derivation> derivations_;
};

}  // namespace

IngestResult ingest_mapped(const InputFile& file, const Schema& schema, RowSink& sink,
                           const IngestOptions& options) {
  if (!options.mapping || options.mapping->derived(schema.dataset).empty())
    return ingest_file(file, schema, sink, options);
  std::vector<Derivation> derivations;
  const Schema extended = with_sources(schema, options.mapping->derived(schema.dataset), derivations);
  DerivingSink deriving(sink, schema.fields.size(), std::move(derivations));
  return ingest_file(file, extended, deriving, options);
}

}  // namespace recon
