#include "parsers/xlsx/xlsx_workbook.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <pugixml.hpp>
#include <unordered_map>

#include "parsers/fatal_error.hpp"

namespace recon::xlsx {
namespace {

// A part larger than this is not a reference workbook's (a zip bomb, or the wrong file): refuse it rather
// than exhaust memory.
constexpr std::uint64_t kMaxPartBytes = 1ull << 30;

// pugixml does not resolve namespaces: some writers prefix every element ("x:row"), so names are compared
// without their prefix.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view n = node.name();
  if (auto colon = n.find(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
  return n;
}
pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c : node.children())
    if (local_name(c) == name) return c;
  return {};
}
// An attribute by local name ("r:id" and "id" both match "id" only when asked as "id" with a prefix).
pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view n = a.name();
    if (n == name) return a;
  }
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view n = a.name();
    if (auto colon = n.find(':'); colon != std::string_view::npos && n.substr(colon + 1) == name) return a;
  }
  return {};
}

// The text of a string item (<si> or <is>): its <t>, or its rich-text runs' <t>s joined; phonetic guides
// (<rPh>) are annotations, not text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node c : item.children()) {
    std::string_view n = local_name(c);
    if (n == "t") {
      text += c.text().get();
    } else if (n == "r") {
      if (pugi::xml_node t = child(c, "t")) text += t.text().get();
    }
  }
  return text;
}

// Resolves a relationship target against the folder of the part that holds the relationship.
std::string resolve_target(std::string_view base_folder, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::filesystem::path p = std::filesystem::path(std::string(base_folder)) / std::string(target);
  return p.lexically_normal().generic_string();
}

// Moves the decimal point of a number written in decimal (optional sign, digits, point, exponent) `places`
// to the right, in the text: "0.34" -> "34", "0.345" -> "34.5", "1E-3" -> "0.1". nullopt when not a number.
std::optional<std::string> shift_decimal(std::string_view text, int places) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  int exponent = 0;  // value = digits * 10^exponent
  bool seen_point = false, seen_digit = false;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      seen_digit = true;
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    std::string_view e = s.substr(i + 1);
    int sign = 1;
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) {
      sign = e[0] == '-' ? -1 : 1;
      e.remove_prefix(1);
    }
    if (e.empty() || e.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : e) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    exponent += sign * value;
  }
  exponent += places;
  std::string whole, fraction;
  if (exponent >= 0) {
    whole = digits + std::string(static_cast<std::size_t>(exponent), '0');
  } else {
    auto frac_len = static_cast<std::size_t>(-exponent);
    if (digits.size() <= frac_len) digits.insert(0, frac_len - digits.size() + 1, '0');
    whole = digits.substr(0, digits.size() - frac_len);
    fraction = digits.substr(digits.size() - frac_len);
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = whole;
  if (!fraction.empty()) out += "." + fraction;
  if (negative && out != "0") out.insert(0, "-");
  return out;
}

enum class NumberKind { kPlain, kPercent, kDate };

// What a number format shows a number as. Built-in ids: 9, 10 are 0% and 0.00%; 14-22 and 45-47 dates and
// times (ECMA-376 Part 1, 18.8.30); the locale-specific 27-36 and 50-58 are dates too.
NumberKind kind_of_format(int id, std::string_view code) {
  if (id == 9 || id == 10) return NumberKind::kPercent;
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return NumberKind::kDate;
  if (code.empty()) return NumberKind::kPlain;
  // Look at the format's own characters only: not quoted text, escaped characters or [colour]/[<=1] parts.
  bool percent = false, date = false, quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      bracket = c != ']';
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '%') {
      percent = true;
    } else {
      char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's') date = true;
    }
  }
  if (percent) return NumberKind::kPercent;
  return date ? NumberKind::kDate : NumberKind::kPlain;
}

// A whole-day serial as YYYY-MM-DD; nullopt when the number is not a whole day in range.
std::optional<std::string> serial_to_date(std::string_view text, bool date1904) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  long serial = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    serial = serial * 10 + (c - '0');
  }
  using namespace std::chrono;
  sys_days day;
  if (date1904) {
    day = sys_days(year{1904} / January / 1) + days(serial);
  } else {
    // Excel's 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
    if (serial == 0 || serial == 60) return std::nullopt;
    day = sys_days(year{1899} / December / 31) + days(serial < 60 ? serial : serial - 1);
  }
  year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(buf);
}

}  // namespace

int column_index(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  int index = 0;
  for (char c : letters) {
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u < 'A' || u > 'Z') return -1;
    index = index * 26 + (u - 'A' + 1);
  }
  return index - 1 < 16384 ? index - 1 : -1;
}

std::string column_name(int index) {
  std::string name;
  for (int n = index + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

struct Workbook::Impl {
  std::string path;
  unzFile zip = nullptr;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_parts;  // the worksheet part of each sheet, in the same order
  std::vector<std::string> shared_strings;
  std::vector<NumberKind> style_kinds;  // by cell style index (the `s` attribute)
  bool date1904 = false;

  ~Impl() {
    if (zip) unzClose(zip);
  }

  [[noreturn]] void fail(const std::string& what) const { throw FatalError(path + ": " + what); }

  bool has_part(const std::string& name) const { return unzLocateFile(zip, name.c_str(), 1) == UNZ_OK; }

  std::string read_part(const std::string& name) const {
    if (unzLocateFile(zip, name.c_str(), 1) != UNZ_OK) fail("not an .xlsx workbook: it has no part " + name);
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      fail("cannot read the zip entry " + name);
    if (info.uncompressed_size > kMaxPartBytes)
      fail(name + " is larger than 1 GiB: not a reference workbook");
    if (unzOpenCurrentFile(zip) != UNZ_OK) fail("cannot open the zip entry " + name);
    std::string data(static_cast<std::size_t>(info.uncompressed_size), '\0');
    int got = data.empty() ? 0 : unzReadCurrentFile(zip, data.data(), static_cast<unsigned>(data.size()));
    int closed = unzCloseCurrentFile(zip);  // checks the CRC when the whole entry was read
    if (got < 0 || static_cast<std::size_t>(got) != data.size() || closed != UNZ_OK)
      fail("the zip entry " + name + " is damaged (cannot be decompressed, or its CRC does not match)");
    return data;
  }

  pugi::xml_document parse_part(const std::string& name, const std::string& where = {}) const {
    std::string data = read_part(name);
    pugi::xml_document doc;
    pugi::xml_parse_result r =
        doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!r)
      fail((where.empty() ? "" : where + ": ") + name + " is not well-formed XML (" + r.description() +
           " at byte " + std::to_string(r.offset) + ")");
    return doc;
  }

  // Relationship id -> target part, and the targets by type suffix, of one .rels part.
  struct Rels {
    std::unordered_map<std::string, std::string> by_id;
    std::vector<std::pair<std::string, std::string>> by_type;  // (type, target)
  };
  Rels read_rels(const std::string& rels_part, std::string_view base_folder) const {
    Rels rels;
    if (!has_part(rels_part)) return rels;
    pugi::xml_document doc = parse_part(rels_part);
    for (pugi::xml_node r : child(doc, "Relationships").children()) {
      if (local_name(r) != "Relationship") continue;
      std::string target = resolve_target(base_folder, attribute(r, "Target").value());
      rels.by_id[attribute(r, "Id").value()] = target;
      rels.by_type.emplace_back(attribute(r, "Type").value(), target);
    }
    return rels;
  }
  static std::string target_of_type(const Rels& rels, std::string_view type_suffix) {
    for (const auto& [type, target] : rels.by_type)
      if (std::string_view(type).ends_with(type_suffix)) return target;
    return {};
  }

  void open() {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) fail("no such file");
    zip = unzOpen64(path.c_str());
    if (!zip) fail("not an .xlsx workbook (not a zip archive); a CSV export is read as CSV");

    std::string workbook_part = target_of_type(read_rels("_rels/.rels", ""), "/officeDocument");
    if (workbook_part.empty()) workbook_part = "xl/workbook.xml";
    const std::string folder = std::filesystem::path(workbook_part).parent_path().generic_string();
    const std::string file = std::filesystem::path(workbook_part).filename().string();
    Rels rels = read_rels(folder + "/_rels/" + file + ".rels", folder);

    pugi::xml_document wb = parse_part(workbook_part);
    pugi::xml_node root = child(wb, "workbook");
    if (pugi::xml_node pr = child(root, "workbookPr")) date1904 = attribute(pr, "date1904").as_bool();
    for (pugi::xml_node s : child(root, "sheets").children()) {
      if (local_name(s) != "sheet") continue;
      std::string id = attribute(s, "id").value();
      auto it = rels.by_id.find(id);
      std::string part = it != rels.by_id.end() ? it->second : std::string();
      sheet_names.emplace_back(attribute(s, "name").value());
      sheet_parts.push_back(part);
    }
    if (sheet_names.empty()) fail("the workbook lists no sheets");

    std::string strings_part = target_of_type(rels, "/sharedStrings");
    if (strings_part.empty() && has_part(folder + "/sharedStrings.xml"))
      strings_part = folder + "/sharedStrings.xml";
    if (!strings_part.empty() && has_part(strings_part)) {
      pugi::xml_document doc = parse_part(strings_part);
      for (pugi::xml_node si : child(doc, "sst").children())
        if (local_name(si) == "si") shared_strings.push_back(string_item_text(si));
    }

    std::string styles_part = target_of_type(rels, "/styles");
    if (!styles_part.empty() && has_part(styles_part)) read_styles(parse_part(styles_part));
  }

  void read_styles(const pugi::xml_document& doc) {
    pugi::xml_node root = child(doc, "styleSheet");
    std::unordered_map<int, std::string> custom;
    for (pugi::xml_node f : child(root, "numFmts").children())
      if (local_name(f) == "numFmt")
        custom[attribute(f, "numFmtId").as_int()] = attribute(f, "formatCode").value();
    for (pugi::xml_node xf : child(root, "cellXfs").children()) {
      if (local_name(xf) != "xf") continue;
      int id = attribute(xf, "numFmtId").as_int();
      auto it = custom.find(id);
      style_kinds.push_back(kind_of_format(id, it != custom.end() ? std::string_view(it->second) : ""));
    }
  }

  std::string number_text(std::string_view value, int style) const {
    NumberKind kind = style >= 0 && static_cast<std::size_t>(style) < style_kinds.size()
                          ? style_kinds[static_cast<std::size_t>(style)]
                          : NumberKind::kPlain;
    if (kind == NumberKind::kPercent) {
      if (auto shifted = shift_decimal(value, 2)) return *shifted + "%";
    } else if (kind == NumberKind::kDate) {
      if (auto date = serial_to_date(value, date1904)) return *date;
    }
    return std::string(value);
  }

  Rows read_sheet(std::size_t index) const {
    const std::string& name = sheet_names[index];
    const std::string where = "sheet '" + name + "'";
    if (sheet_parts[index].empty() || !has_part(sheet_parts[index]))
      fail(where + ": its worksheet part is missing from the workbook");
    pugi::xml_document doc = parse_part(sheet_parts[index], where);
    pugi::xml_node data = child(child(doc, "worksheet"), "sheetData");
    Rows rows;
    long row_number = 0;  // 1-based, as the sheet numbers them
    for (pugi::xml_node r : data.children()) {
      if (local_name(r) != "row") continue;
      long n = attribute(r, "r").as_llong(0);
      row_number = n > 0 ? n : row_number + 1;
      if (row_number > 1048576)
        fail(where + ": row " + std::to_string(row_number) + " is beyond Excel's last row");
      if (rows.size() < static_cast<std::size_t>(row_number))
        rows.resize(static_cast<std::size_t>(row_number));
      Row& out = rows[static_cast<std::size_t>(row_number - 1)];
      int column = -1;
      for (pugi::xml_node c : r.children()) {
        if (local_name(c) != "c") continue;
        std::string_view ref = attribute(c, "r").value();
        if (ref.empty()) {
          ++column;
        } else {
          std::size_t letters = 0;
          while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) ++letters;
          column = column_index(ref.substr(0, letters));
          if (column < 0 || ref.substr(letters) != std::to_string(row_number))
            fail(where + ": cell reference '" + std::string(ref.substr(0, 16)) + "' in row " +
                 std::to_string(row_number) + " is not a cell of that row");
        }
        const std::string cell = column_name(column) + std::to_string(row_number);
        std::string value = cell_text(c, where, cell);
        if (out.size() <= static_cast<std::size_t>(column)) out.resize(static_cast<std::size_t>(column) + 1);
        out[static_cast<std::size_t>(column)] = std::move(value);
      }
    }
    return rows;
  }

  std::string cell_text(const pugi::xml_node& c, const std::string& where, const std::string& cell) const {
    std::string_view type = attribute(c, "t").value();
    pugi::xml_node v = child(c, "v");
    std::string_view value = v ? v.text().get() : "";
    if (type == "inlineStr") {
      pugi::xml_node is = child(c, "is");
      return is ? string_item_text(is) : std::string(value);
    }
    if (type == "s") {
      char* end = nullptr;
      std::string text(value);
      unsigned long i = std::strtoul(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || i >= shared_strings.size())
        fail(where + " cell " + cell + ": shared string index '" + text.substr(0, 16) +
             "' is not in the workbook's " + std::to_string(shared_strings.size()) + " shared strings");
      return shared_strings[i];
    }
    if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : std::string(value);
    if (type == "str" || type == "e" || type == "d") return std::string(value);
    if (value.empty()) return {};
    return number_text(value, attribute(c, "s").as_int(-1));
  }
};

Workbook::Workbook(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->open();
}
Workbook::~Workbook() = default;
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook& Workbook::operator=(Workbook&&) noexcept = default;

const std::string& Workbook::path() const { return impl_->path; }
const std::vector<std::string>& Workbook::sheet_names() const { return impl_->sheet_names; }

bool Workbook::has_sheet(std::string_view name) const {
  return std::find(impl_->sheet_names.begin(), impl_->sheet_names.end(), name) != impl_->sheet_names.end();
}

Rows Workbook::read_sheet(std::string_view name) const {
  auto it = std::find(impl_->sheet_names.begin(), impl_->sheet_names.end(), name);
  if (it == impl_->sheet_names.end()) {
    std::string listed;
    for (const std::string& s : impl_->sheet_names) listed += (listed.empty() ? "'" : ", '") + s + "'";
    impl_->fail("no sheet named '" + std::string(name) + "' (its sheets: " + listed + ")");
  }
  return impl_->read_sheet(static_cast<std::size_t>(it - impl_->sheet_names.begin()));
}

}  // namespace recon::xlsx
