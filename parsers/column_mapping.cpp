#include "parsers/column_mapping.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"

namespace recon {

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

static std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

ColumnMapping ColumnMapping::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError("cannot open column-mapping file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  csv::Tokenizer tok(text.data(), text.size(), 1);
  csv::Record rec;
  ColumnMapping m;
  if (!tok.next(rec) || rec.fields.size() < 3 || to_upper(trim(rec.fields[0])) != "DATASET" ||
      to_upper(trim(rec.fields[1])) != "FROM" || to_upper(trim(rec.fields[2])) != "TO")
    throw FatalError("column-mapping file " + path + " must start with the header DATASET,FROM,TO");
  while (tok.next(rec)) {
    if (!rec.error.empty() || rec.fields.size() < 3)
      throw FatalError("column-mapping file " + path + " line " + std::to_string(rec.line) +
                       ": expected DATASET,FROM,TO");
    m.add(trim(rec.fields[0]), trim(rec.fields[1]), trim(rec.fields[2]));
  }
  return m;
}

void ColumnMapping::add(std::string dataset, std::string from, std::string to) {
  std::string ds = dataset == "*" ? "*" : to_upper(dataset);
  renames_[{ds, to_upper(from)}] = to_upper(to);
}

std::string ColumnMapping::resolve(std::string_view dataset, std::string_view source_name) const {
  std::string name = to_upper(source_name);
  if (auto it = renames_.find({to_upper(dataset), name}); it != renames_.end()) return it->second;
  if (auto it = renames_.find({"*", name}); it != renames_.end()) return it->second;
  return name;
}

}  // namespace recon
