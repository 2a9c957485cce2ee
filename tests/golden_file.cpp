#include "tests/golden_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>

#include "tests/line_diff.hpp"

namespace recon::golden {
namespace {

struct Lines {
  std::vector<std::string> lines;
  bool final_newline = false;
};

Lines split_lines(std::string_view text) {
  Lines out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.lines.emplace_back(text.substr(start));
      return out;
    }
    out.lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  out.final_newline = !text.empty();
  return out;
}

std::string join_lines(const Lines& l) {
  std::string text;
  for (std::size_t i = 0; i < l.lines.size(); ++i) {
    if (i) text += '\n';
    text += l.lines[i];
  }
  if (l.final_newline && !l.lines.empty()) text += '\n';
  return text;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

bool all_of_chars(std::string_view s, bool (*ok)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool table_char(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
         c == '_';
}
bool blank_char(char c) { return c == ' ' || c == '\t'; }

bool known_dataset(const std::string& d) {
  static const std::set<std::string> kDatasets{"apc",       "op",         "ae",     "register",
                                               "referrals", "conditions", "invoice"};
  if (kDatasets.count(d)) return true;
  return d.starts_with("reference/") && all_of_chars(std::string_view(d).substr(10), table_char);
}

std::optional<long> whole_number(std::string_view s) {
  long n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

// `tmpl` with {i} replaced by `counter` and {i%K} by counter modulo K.
std::string expand_counter(const std::string& tmpl, long counter) {
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl.compare(i, 3, "{i}") == 0) {
      out += std::to_string(counter);
      i += 3;
      continue;
    }
    if (tmpl.compare(i, 3, "{i%") == 0) {
      const std::size_t close = tmpl.find('}', i);
      const auto k = close == std::string::npos
                         ? std::nullopt
                         : whole_number(std::string_view(tmpl).substr(i + 3, close - i - 3));
      if (k && *k > 0) {
        out += std::to_string(counter % *k);
        i = close + 1;
        continue;
      }
    }
    out += tmpl[i++];
  }
  return out;
}

struct Block {
  std::vector<std::string> rows;
  std::vector<std::string> rows_as_written;            // expect blocks only: each row's line as written
  std::vector<std::vector<std::string>> comments{{}};  // as in Case::comments
  std::size_t end = 0;                                 // index of the line after the block
};

// The block that starts at lines[first]: up to the first empty line or the end of the file.
Block read_block(const std::vector<std::string>& lines, std::size_t first, bool input_block) {
  Block b;
  long repeated = 0;  // rows made by @repeat so far in this block: the {i} of the next one is repeated + 1
  std::size_t i = first;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const std::string& line = lines[i];
    const int line_no = static_cast<int>(i) + 1;
    if (all_of_chars(line, blank_char))
      throw ParseError(line_no,
                       "a line of only spaces: leave it empty to end the block, or write \\ for an "
                       "empty data line");
    if (line[0] == '#') {
      b.comments.back().push_back(line);
      continue;
    }
    if (line[0] == '@') {
      if (!input_block)
        throw ParseError(line_no,
                         "@ lines are only allowed in input blocks (write a row that "
                         "starts with @ as \\@...)");
      // "@repeat COUNT ROW": ROW is the rest of the line after the space that follows COUNT.
      const std::size_t count_at = line.find(' ') == std::string::npos ? line.size() : line.find(' ') + 1;
      const std::size_t tmpl_at = line.find(' ', count_at);
      long count = 0;
      if (line.compare(0, count_at, "@repeat ") == 0 && tmpl_at != std::string::npos)
        count = whole_number(std::string_view(line).substr(count_at, tmpl_at - count_at)).value_or(0);
      if (count < 1 || count > 1000000 || tmpl_at + 1 >= line.size())
        throw ParseError(line_no, "expected '@repeat COUNT ROW' (COUNT from 1 to 1000000)");
      const std::string tmpl = line.substr(tmpl_at + 1);
      for (long k = 0; k < count; ++k) {
        b.rows.push_back(expand_counter(tmpl, ++repeated));
        b.comments.emplace_back();
      }
      continue;
    }
    b.rows.push_back(line[0] == '\\' ? line.substr(1) : line);
    b.rows_as_written.push_back(line);
    b.comments.emplace_back();
  }
  b.end = i;
  return b;
}

// A physical line of an expect block for `row`, escaped where it would otherwise read as something else.
std::string escaped(const std::string& row) {
  if (row.empty() || row[0] == '#' || row[0] == '\\' || row[0] == '@') return "\\" + row;
  return row;
}

}  // namespace

File parse(std::string_view text) {
  const std::vector<std::string> lines = split_lines(text).lines;
  File file;
  Case* current = nullptr;
  auto line_no = [](std::size_t i) { return static_cast<int>(i) + 1; };
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (line.find('\r') != std::string::npos)
      throw ParseError(line_no(i), "carriage return: .test files have LF line endings");
    if (line.empty() || line[0] == '#') {
      ++i;
      continue;
    }
    if (all_of_chars(line, blank_char)) throw ParseError(line_no(i), "a line of only spaces");
    const std::vector<std::string> w = words(line);
    const std::string& keyword = w[0];
    if (keyword == "case") {
      if (w.size() != 2 || !all_of_chars(w[1], name_char))
        throw ParseError(line_no(i), "expected 'case NAME' (letters, digits and _)");
      for (const Case& c : file.cases)
        if (c.name == w[1])
          throw ParseError(line_no(i), "case " + w[1] + " already at line " + std::to_string(c.line));
      file.cases.push_back({});
      current = &file.cases.back();
      current->name = w[1];
      current->line = line_no(i);
      ++i;
      continue;
    }
    if (!current) throw ParseError(line_no(i), "'" + keyword + "' before the first 'case'");
    if (keyword == "option") {
      if (w.size() != 3) throw ParseError(line_no(i), "expected 'option NAME VALUE'");
      current->options.push_back({w[1], w[2], line_no(i)});
      ++i;
    } else if (keyword == "threads") {
      const auto n = w.size() == 2 ? whole_number(w[1]) : std::nullopt;
      if (!n || *n < 1 || *n > 256) throw ParseError(line_no(i), "expected 'threads N' (N from 1 to 256)");
      if (current->threads_line) throw ParseError(line_no(i), "threads set twice in case " + current->name);
      current->threads = static_cast<int>(*n);
      current->threads_line = line_no(i);
      ++i;
    } else if (keyword == "input") {
      if (w.size() != 2 || !known_dataset(w[1]))
        throw ParseError(line_no(i),
                         "expected 'input DATASET': apc, op, ae, register, referrals, conditions, invoice or "
                         "reference/<table>");
      for (const Input& in : current->inputs)
        if (in.dataset == w[1])
          throw ParseError(line_no(i), "input " + w[1] + " given twice in case " + current->name);
      const Block b = read_block(lines, i + 1, true);
      if (b.rows.empty()) throw ParseError(line_no(i), "input " + w[1] + " has no lines");
      Input in{w[1], {}, line_no(i)};
      for (const std::string& row : b.rows) in.csv += row + '\n';
      current->inputs.push_back(std::move(in));
      i = b.end;
    } else if (keyword == "expect") {
      if (w.size() > 2 || (w.size() == 2 && w[1] != "none"))
        throw ParseError(line_no(i), "expected 'expect' (then the rows) or 'expect none'");
      if (current->expect_line) throw ParseError(line_no(i), "a second expect in case " + current->name);
      current->expect_line = line_no(i);
      current->expect_begin = i;
      if (w.size() == 2) {
        current->expect_none = true;
        current->expect_end = ++i;
      } else {
        Block b = read_block(lines, i + 1, false);
        current->expected = std::move(b.rows);
        current->expected_as_written = std::move(b.rows_as_written);
        current->comments = std::move(b.comments);
        current->expect_end = i = b.end;
      }
    } else {
      throw ParseError(line_no(i),
                       "unknown directive '" + keyword + "' (case, option, threads, input, expect)");
    }
  }
  if (file.cases.empty()) throw ParseError(1, "no case in the file");
  for (const Case& c : file.cases)
    if (!c.expect_line) throw ParseError(c.line, "case " + c.name + " has no 'expect' or 'expect none'");
  return file;
}

std::string replace_expected(std::string_view text, std::string_view case_name,
                             const std::vector<std::string>& rows) {
  const File file = parse(text);
  const auto c =
      std::find_if(file.cases.begin(), file.cases.end(), [&](const Case& k) { return k.name == case_name; });
  if (c == file.cases.end()) throw std::invalid_argument("no case " + std::string(case_name));

  // A row holding a line break is written, and compared, as several lines.
  std::vector<std::string> new_lines;
  for (const std::string& row : rows) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = row.find('\n', start)) != std::string::npos; start = nl + 1)
      new_lines.push_back(row.substr(start, nl - start));
    new_lines.push_back(row.substr(start));
  }
  std::vector<std::string> section{"expect"};
  const std::vector<std::vector<std::string>> comments =
      c->expect_none ? std::vector<std::vector<std::string>>{{}} : c->comments;
  auto add_comments = [&](const std::vector<std::string>& lines) {
    section.insert(section.end(), lines.begin(), lines.end());
  };
  for (const DiffStep& step : diff_lines(c->expected, new_lines)) {
    if (step.kind != DiffStep::kAdd) add_comments(comments[step.index]);
    if (step.kind == DiffStep::kKeep) section.push_back(c->expected_as_written[step.index]);
    if (step.kind == DiffStep::kAdd) section.push_back(escaped(new_lines[step.index]));
  }
  add_comments(comments.back());
  if (section.size() == 1) section = {"expect none"};

  Lines l = split_lines(text);
  // A block needs an empty line after it: `expect none` may have been followed directly by other lines.
  if (section.size() > 1 && c->expect_end < l.lines.size() && !l.lines[c->expect_end].empty())
    section.push_back("");
  l.lines.erase(l.lines.begin() + static_cast<std::ptrdiff_t>(c->expect_begin),
                l.lines.begin() + static_cast<std::ptrdiff_t>(c->expect_end));
  l.lines.insert(l.lines.begin() + static_cast<std::ptrdiff_t>(c->expect_begin), section.begin(),
                 section.end());
  return join_lines(l);
}

}  // namespace recon::golden
