// `recon layouts`: the named input layouts (parsers/layouts.hpp), each contract column with the columns it
// is read from. docs/layouts.md is `recon layouts --markdown` verbatim (a test keeps the two in step).
#include <cctype>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "parsers/invoice_pod.hpp"
#include "parsers/layouts.hpp"
#include "parsers/schema.hpp"
#include "recon/cli/commands.hpp"

namespace recon {
namespace {

const Schema& schema_of(std::string_view dataset) {
  if (dataset == "apc") return apc_schema();
  if (dataset == "op") return op_schema();
  return ae_schema();
}

// The count of a numbered run's target ("DIAG_##20": 20), else 1; and its pattern without it ("DIAG_##").
int run_length(std::string_view target) {
  const auto hash = target.find("##");
  return hash == std::string_view::npos ? 1 : std::stoi(std::string(target.substr(hash + 2)));
}
std::string_view run_pattern(std::string_view target) { return target.substr(0, target.find("##") + 2); }

// A name with "##" as its run: "DIAG_4_##" over 20 is "DIAG_4_01..DIAG_4_20"; "##" at 1 is "01".
std::string shown(std::string_view pattern, int count) {
  const auto hash = pattern.find("##");
  if (hash == std::string_view::npos) return std::string(pattern);
  auto at = [&](int n) {
    return std::string(pattern.substr(0, hash)) + (n < 10 ? "0" : "") + std::to_string(n) +
           std::string(pattern.substr(hash + 2));
  };
  return count == 1 ? at(1) : at(1) + ".." + at(count);
}

// The contract column a layout column starts at (DIAG_01 for "DIAG_##20").
std::string first_target(const LayoutColumn& column) {
  return to_upper(run_length(column.target) > 1 ? shown(run_pattern(column.target), 1) : column.target);
}

std::string sources_text(const LayoutColumn& column) {
  const int count = run_length(column.target);
  std::string text;
  for (const LayoutSource& source : column.sources) {
    if (!text.empty()) text += ", else ";
    for (std::size_t i = 0; i < source.parts.size(); ++i) {
      const LayoutSource::Part& part = source.parts[i];
      text += (i ? " + " : "") + shown(part.column, count);
      if (source.parts.size() > 1) text += " (" + std::to_string(part.width) + " digits)";
    }
  }
  return text;
}

struct Row {
  std::string target, sources;
  std::string_view note;
};

// The number of a contract column named like DIAG_07, or 0.
int number_of(const std::string& name) {
  const std::size_t n = name.size();
  if (n < 3 || name[n - 3] != '_' || !std::isdigit(static_cast<unsigned char>(name[n - 2])) ||
      !std::isdigit(static_cast<unsigned char>(name[n - 1])))
    return 0;
  return std::stoi(name.substr(n - 2));
}

// Every contract column of the dataset, in the contract's order, with what the layout reads it from; a run
// of numbered columns (DIAG_01..DIAG_20) is one row.
std::vector<Row> rows_of(const DatasetLayout& dataset) {
  const Schema& schema = schema_of(dataset.dataset);
  auto column_at = [&](const std::string& field) -> const LayoutColumn* {
    for (const LayoutColumn& c : dataset.columns)
      if (first_target(c) == field) return &c;
    return nullptr;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < schema.fields.size();) {
    const std::string& field = schema.fields[i].name;
    if (const LayoutColumn* c = column_at(field)) {
      const int count = run_length(c->target);
      rows.push_back({count > 1 ? shown(run_pattern(c->target), count) : field, sources_text(*c), c->note});
      i += static_cast<std::size_t>(run_length(c->target));
      continue;
    }
    // Not in the layout: with the numbered columns after it that are not either.
    std::size_t end = i + 1;
    if (const int n = number_of(field))
      while (end < schema.fields.size() &&
             number_of(schema.fields[end].name) == n + static_cast<int>(end - i) &&
             schema.fields[end].name.substr(0, field.size() - 2) == field.substr(0, field.size() - 2) &&
             !column_at(schema.fields[end].name))
        ++end;
    rows.push_back({end - i > 1 ? field + ".." + schema.fields[end - 1].name : field, "", {}});
    i = end;
  }
  return rows;
}

std::string markers_text(const Layout& layout) {
  if (layout.markers.empty())
    return "every column the contract requires for its dataset (always tried first)";
  std::string text;
  for (const std::vector<std::string_view>& group : layout.markers) {
    std::string any;
    for (std::size_t i = 0; i < group.size(); ++i)
      any += (i == 0 ? "" : i + 1 == group.size() ? " or " : ", ") + std::string(group[i]);
    text += (text.empty() ? "" : "; and ") + any;
  }
  return text;
}

std::string cell(std::string_view v) {
  std::string out;
  for (char c : v) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

constexpr std::string_view kHowLayoutsApply =
    "`recon run --layout NAME` reads every activity file (`--apc`, `--op`, `--ae`, `--previous-apc`) in "
    "that layout; `--layout auto`, the default, chooses for each file from its header row and names on "
    "stderr each file it reads in a layout other than the contract's (the file's name and the layout's, "
    "nothing of its data). Practice files and reference tables are always read in the contract's layout.\n\n"
    "How a file is read in a layout:\n"
    "1. Your `--column-map` renames (docs/data_contract.md) come first: a column you rename is read as you "
    "say, and the layout neither uses it nor fills the column you renamed it to.\n"
    "2. A column that already carries the contract's name is read as that column.\n"
    "3. Every other contract column is read from the first of the layout's sources the file has (`A, else "
    "B`). A numbered run (`DIAG_4_01..DIAG_4_20`) feeds the contract's run position by position. A derived "
    "column (`A (2 digits) + B (4 digits)`) joins its source columns, each left-padded with zeros to its "
    "width, into one value; it is empty when any of them is. The choice is made once for the file, from its "
    "header: a row whose chosen column is empty is not filled from the next source.\n"
    "4. The file's other columns are ignored, and listed as such in the run summary.\n\n"
    "Layouts map columns, nothing more: a value is read by the same value parser whatever the layout (see "
    "the notes; a pseudonym where an NHS number belongs, a month-and-year date of birth, a list of codes in "
    "one field).\n";

// The invoice (--invoice) is read in one layout, its own (docs/invoice.md): its columns and the POD codes.
struct InvoiceColumn {
  std::string_view name, meaning;
};
constexpr InvoiceColumn kInvoiceColumns[] = {
    {"PROCODE3", "the provider (a 5-character site code is read as its trust)"},
    {"POD", "the dataset billed (APC, OP, AE) or a SLAM point of delivery (below)"},
    {"RECORD_ID", "the activity's record id (SUSSPELLID, ATTENDKEY, AEKEY), where the provider gives one"},
    {"NHSNUMBER", "the patient, as the activity gives it (NHS number or pseudonym)"},
    {"ACTIVITY_DATE", "admission, appointment or arrival date"},
    {"DISDATE", "discharge date (APC)"},
    {"SUSHRG", "the HRG billed (also read from HRG)"},
    {"TRETSPEF", "the treatment function billed"},
    {"AMOUNT", "the amount billed, in pounds"},
};

std::string invoice_layout_markdown() {
  std::string s =
      "\n## invoice: the provider's invoice (`--invoice`)\n\nOne line per billed item (docs/invoice.md), "
      "always "
      "read in this layout, with your `--column-map` renames (dataset `invoice`).\n\n"
      "| column | | meaning |\n|---|---|---|\n";
  const Schema& schema = invoice_schema();
  for (const InvoiceColumn& c : kInvoiceColumns) {
    const int f = schema.index_of(c.name);
    s += "| " + std::string(c.name) + " | " +
         (f >= 0 && schema.fields[static_cast<std::size_t>(f)].required ? "R" : "") + " | " +
         cell(c.meaning) + " |\n";
  }
  s += "\nPOD codes read as each dataset:\n\n";
  for (Dataset d : {Dataset::kApc, Dataset::kOp, Dataset::kAe})
    s += "- " + std::string(dataset_name(d)) + ": " + pod_codes_of(d) + "\n";
  return s;
}

}  // namespace

std::string layouts_markdown() {
  std::string s =
      "# Input layouts\n\n"
      "Generated by `recon layouts --markdown` from parsers/layouts.cpp; do not edit by hand. The columns "
      "themselves are defined in [data_contract.md](data_contract.md).\n\n" +
      std::string(kHowLayoutsApply) +
      "\n| layout | for | chosen by `--layout auto` when the header has |\n|---|---|---|\n";
  for (const Layout& layout : all_layouts())
    s += "| `" + std::string(layout.name) + "` | " + cell(layout.title) + " | " + cell(markers_text(layout)) +
         " |\n";
  for (const Layout& layout : all_layouts()) {
    s += "\n## " + std::string(layout.name) + ": " + std::string(layout.title) + "\n\n" +
         std::string(layout.description) + "\n";
    if (!layout.references.empty()) {
      s += "\nColumn names from:\n";
      for (std::string_view reference : layout.references) s += "- " + std::string(reference) + "\n";
    }
    for (const DatasetLayout& dataset : layout.datasets) {
      s += "\n### " + std::string(dataset.dataset) + ": " + std::string(dataset.extract) +
           "\n\n| contract column | read from (the first the file has) | note |\n|---|---|---|\n";
      for (const Row& row : rows_of(dataset))
        s += "| " + row.target + " | " + (row.sources.empty() ? "(not in this layout)" : cell(row.sources)) +
             " | " + cell(row.note) + " |\n";
    }
  }
  return s + invoice_layout_markdown();
}

int layouts_command(int argc, const char* const* argv) {
  if (argc > 1 && !std::strcmp(argv[1], "--markdown")) {
    std::cout << layouts_markdown();
    return 0;
  }
  if (argc > 1) {
    std::cerr << "recon layouts: unknown option '" << argv[1] << "' (recon layouts [--markdown])\n";
    return 2;
  }
  for (const Layout& layout : all_layouts()) {
    std::cout << layout.name << "  " << layout.title
              << "\n    chosen by --layout auto when the header has: " << markers_text(layout) << "\n";
    for (const DatasetLayout& dataset : layout.datasets) {
      std::cout << "    " << dataset.dataset << ": " << dataset.extract << "\n";
      for (const Row& row : rows_of(dataset))
        if (!row.sources.empty())
          std::cout << "      " << row.target << " <- " << row.sources
                    << (row.note.empty() ? "" : "  (" + std::string(row.note) + ")") << "\n";
    }
  }
  std::cout << "invoice  the provider's invoice (--invoice; docs/invoice.md)\n";
  for (const InvoiceColumn& c : kInvoiceColumns) std::cout << "      " << c.name << "  " << c.meaning << "\n";
  for (Dataset d : {Dataset::kApc, Dataset::kOp, Dataset::kAe})
    std::cout << "    POD read as " << dataset_name(d) << ": " << pod_codes_of(d) << "\n";
  return 0;
}

}  // namespace recon
