#include "parsers/column_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include "parsers/csv_delimiter.hpp"
#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/schema.hpp"

namespace recon {

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

namespace {
std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::vector<const Schema*>& all_schemas() {
  static const std::vector<const Schema*> all = {
      &apc_schema(),          &op_schema(),         &ae_schema(),         &register_schema(),
      &referrals_schema(),    &conditions_schema(), &tariff_apc_schema(), &tariff_op_schema(),
      &tariff_ae_schema(),    &icd10_schema(),      &opcs4_schema(),      &cc_scores_schema(),
      &hrg_cc_bands_schema(), &qof_map_schema(),    &calendar_schema(),   &invoice_schema()};
  return all;
}

// The schemas a mapping row's DATASET covers: all of them for *, none for an unknown name.
std::vector<const Schema*> schemas_for(const std::string& dataset) {
  if (dataset == "*") return all_schemas();
  for (const Schema* s : all_schemas())
    if (s->dataset == dataset) return {s};
  return {};
}

std::string dataset_names() {
  std::string names;
  for (const Schema* s : all_schemas()) names += (names.empty() ? "" : ", ") + s->dataset;
  return names;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}
}  // namespace

ColumnMapping ColumnMapping::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError("cannot open column-mapping file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  // Comma-, pipe- or tab-separated, as the activity files may be (the header row says which).
  csv::Dialect dialect;
  dialect.newline = csv::detect_newline(text, true);
  dialect.delimiter = csv::detect_delimiter(text, dialect);
  csv::Tokenizer tok(text.data(), text.size(), 1, dialect);
  csv::Record rec;
  ColumnMapping m;
  if (!tok.next(rec) || rec.fields.size() < 3 || to_upper(trim(rec.fields[0])) != "DATASET" ||
      to_upper(trim(rec.fields[1])) != "FROM" || to_upper(trim(rec.fields[2])) != "TO")
    throw FatalError("column-mapping file " + path + " must start with the header DATASET,FROM,TO");
  while (tok.next(rec)) {
    if (!rec.error.empty() || rec.fields.size() < 3)
      throw FatalError("column-mapping file " + path + " line " + std::to_string(rec.line) +
                       ": expected DATASET,FROM,TO");
    m.add(trim(rec.fields[0]), trim(rec.fields[1]), trim(rec.fields[2]),
          "column-mapping file " + path + " line " + std::to_string(rec.line), rec.line);
  }
  return m;
}

void ColumnMapping::add(std::string dataset, std::string from, std::string to, const std::string& where,
                        std::uint64_t line) {
  auto fail = [&](const std::string& why) { throw FatalError(where + ": " + why); };
  const std::string ds = dataset == "*" ? "*" : to_lower(dataset);
  const std::string source = to_upper(from), target = to_upper(to);
  if (source.empty() || target.empty()) fail("FROM and TO must both name a column");
  const std::vector<const Schema*> schemas = schemas_for(ds);
  if (schemas.empty())
    fail("unknown dataset '" + dataset + "' (expected * or one of " + dataset_names() + ")");
  if (std::none_of(schemas.begin(), schemas.end(), [&](const Schema* s) { return s->index_of(target) >= 0; }))
    fail("'" + to + "' is not a column of " + (ds == "*" ? std::string("any dataset") : "dataset " + ds) +
         " in the data contract");
  const auto [it, added] = renames_.try_emplace({to_upper(ds), source}, Rename{target, line});
  if (!added)
    fail("column '" + from + "' of " + (ds == "*" ? std::string("*") : ds) + " is already renamed to " +
         it->second.to + (it->second.line ? " on line " + std::to_string(it->second.line) : std::string()) +
         "; one source column can have only one target");
}

void ColumnMapping::add_derived(std::string dataset, DerivedColumn column, const std::string& where) {
  auto fail = [&](const std::string& why) { throw FatalError(where + ": " + why); };
  const std::string ds = to_lower(dataset);
  const std::vector<const Schema*> schemas = ds == "*" ? std::vector<const Schema*>{} : schemas_for(ds);
  if (schemas.empty()) fail("a derived column needs one dataset of the contract, not '" + dataset + "'");
  column.target = to_upper(column.target);
  const int field = schemas.front()->index_of(column.target);
  if (field < 0) fail("'" + column.target + "' is not a column of dataset " + ds + " in the data contract");
  // The file's header is checked for required columns before any row is read, so a required column must
  // come from the file itself.
  if (schemas.front()->fields[static_cast<std::size_t>(field)].required)
    fail("'" + column.target + "' is a required column of dataset " + ds + ": it cannot be derived");
  if (column.parts.empty()) fail("derived column " + column.target + " has no source columns");
  for (DerivedColumn::Part& part : column.parts) {
    part.source = to_upper(trim(part.source));
    if (part.source.empty()) fail("derived column " + column.target + " has an empty source column");
  }
  std::vector<DerivedColumn>& list = derived_[ds];
  for (const DerivedColumn& d : list)
    if (d.target == column.target) fail("column " + column.target + " of " + ds + " is already derived");
  list.push_back(std::move(column));
}

const std::vector<DerivedColumn>& ColumnMapping::derived(std::string_view dataset) const {
  static const std::vector<DerivedColumn> none;
  const auto it = derived_.find(to_lower(dataset));
  return it == derived_.end() ? none : it->second;
}

std::string ColumnMapping::resolve(std::string_view dataset, std::string_view source_name) const {
  std::string name = to_upper(source_name);
  if (auto it = renames_.find({to_upper(dataset), name}); it != renames_.end()) return it->second.to;
  if (auto it = renames_.find({"*", name}); it != renames_.end()) return it->second.to;
  return name;
}

}  // namespace recon
