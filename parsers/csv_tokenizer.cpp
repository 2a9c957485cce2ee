#include "parsers/csv_tokenizer.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "parsers/count_byte.hpp"

namespace recon::csv {

namespace {

constexpr std::string_view kUnterminated = "unterminated quoted field";
constexpr std::string_view kTextAfterQuote = "unexpected character after closing quote";
// Said instead of the two above when the broken record runs over a line end. The reason must not depend on
// where the file was cut into chunks, and once a record spans a line end, a chunk may end before the bytes
// that would tell the two apart (the next record starts on the following line, so a cut can fall there).
constexpr std::string_view kStrayQuote =
    "quoted field not closed properly on its line (a stray quote?); reading goes on from the next line";

const char* find_byte(const char* from, const char* to, char byte) {
  return from < to ? static_cast<const char*>(std::memchr(from, byte, static_cast<std::size_t>(to - from)))
                   : nullptr;
}

// The quote that closes the quoted field opened at `open`, skipping "" pairs (`has_escapes`: there were
// some); null if the field does not close before `end`.
const char* find_closing_quote(const char* open, const char* end, bool& has_escapes) {
  for (const char* q = open + 1;;) {
    q = find_byte(q, end, '"');
    if (!q || q + 1 >= end || q[1] != '"') return q;
    has_escapes = true;
    q += 2;
  }
}

}  // namespace

char detect_newline(std::string_view head, bool at_eof) {
  const std::size_t end = head.find_first_of("\r\n");
  if (end == std::string_view::npos || head[end] == '\n') return '\n';
  if (end + 1 < head.size()) return head[end + 1] == '\n' ? '\n' : '\r';
  return at_eof ? '\r' : '\n';  // a CR as the last byte read: CRLF or CR-only can't be told yet
}

bool Tokenizer::at_line_end(const char* p) const {
  if (*p == dialect_.newline) return true;
  return dialect_.newline == '\n' && *p == '\r' && p + 1 < end_ && p[1] == '\n';
}

const char* Tokenizer::past_line_end(const char* p) const {
  return p + ((*p == '\r' && dialect_.newline == '\n') ? 2 : 1);
}

bool Tokenizer::fail(Record& rec, const char* record_start, const char* first_newline,
                     std::string_view reason) {
  // Nothing of this record was unescaped yet, so the bytes after `record_start` are the file's own and
  // reading can go on from the line after the record's first.
  rec.fields.clear();
  if (first_newline)
    reason = kStrayQuote;
  else
    first_newline = find_byte(p_, end_, dialect_.newline);
  rec.error = reason;
  if (first_newline) {
    p_ = const_cast<char*>(first_newline) + 1;
    line_ = rec.line + 1;
  } else {
    p_ = end_;
    line_ = rec.line;
  }
  (void)record_start;
  return true;
}

// The steps of next_record() but the unquoted field (see there), in the order it takes them. `nl` is
// dialect_.newline, passed in from a local of next_record(): a member would be read again after each
// emplace_back (the delimiter is a constant of next_record, see there).

inline void Tokenizer::skip_blank_lines() {  // blank lines hold no row, but count
  while (p_ < end_ && at_line_end(p_)) {
    p_ = const_cast<char*>(past_line_end(p_));
    ++line_;
  }
}

// A quoted field, p_ at its opening quote: find the closing quote first (skipping "" pairs) and unescape only
// once the whole record is known to be good (unescape_quoted_fields), so that a broken record leaves the
// bytes after it untouched. Forced inline: left to its size limits, GCC 12 keeps it out of line, and the call
// costs every field, quoted or not (about 4% more instructions on unquoted data, counted by callgrind).
[[gnu::always_inline]] inline Tokenizer::FieldEnd Tokenizer::quoted_field(Record& rec, RecordScan& scan,
                                                                          char nl) {
  char* const open = p_;
  bool has_escapes = false;
  const char* const close = find_closing_quote(open, end_, has_escapes);
  const char* const content_end = close ? close : end_;
  if (!scan.first_newline) scan.first_newline = find_byte(open + 1, content_end, nl);
  if (!close || static_cast<std::size_t>(close - open) > dialect_.max_quoted_bytes) {
    p_ = const_cast<char*>(content_end);
    fail(rec, scan.start, scan.first_newline, kUnterminated);
    return FieldEnd::kMalformed;
  }
  if (scan.first_newline)
    scan.quoted_lines += count_byte(open + 1, static_cast<std::size_t>(close - open - 1), nl);
  if (has_escapes) escaped_.push_back(static_cast<std::uint32_t>(rec.fields.size()));
  rec.fields.emplace_back(open + 1, static_cast<std::size_t>(close - open - 1));
  p_ = const_cast<char*>(close) + 1;
  return after_closing_quote(rec, scan);
}

// p_ just past a closing quote: only the delimiter or the line end may follow.
inline Tokenizer::FieldEnd Tokenizer::after_closing_quote(Record& rec, const RecordScan& scan) {
  if (p_ >= end_) return FieldEnd::kRecordEnd;
  if (*p_ == dialect_.delimiter) {
    if (++p_ >= end_) {
      rec.fields.emplace_back();  // trailing delimiter at end of data: one last empty field
      return FieldEnd::kRecordEnd;
    }
    return FieldEnd::kNextField;
  }
  if (at_line_end(p_)) {
    p_ = const_cast<char*>(past_line_end(p_));
    ++line_;
    return FieldEnd::kRecordEnd;
  }
  if (dialect_.newline == '\n' && *p_ == '\r' && p_ + 1 == end_) {  // a lone CR as the data's very last byte
    p_ = end_;
    return FieldEnd::kRecordEnd;
  }
  fail(rec, scan.start, scan.first_newline, kTextAfterQuote);
  return FieldEnd::kMalformed;
}

// "" -> " in place in the fields that hold such pairs, now that the record is known to be good.
inline void Tokenizer::unescape_quoted_fields(Record& rec) const {
  for (std::uint32_t i : escaped_) {
    std::string_view& f = rec.fields[i];
    char* w = const_cast<char*>(f.data());
    for (const char *r = f.data(), *e = r + f.size(); r < e; ++r) {
      *w++ = *r;
      if (*r == '"') ++r;
    }
    f = std::string_view(f.data(), static_cast<std::size_t>(w - f.data()));
  }
}

// The fields of one record with the field-end index: next_record()'s loop, but each unquoted field's end
// is the next set bit of the index. The bits are walked in a local word, so finding a field's end does
// not wait for the previous field's bytes; quoted fields take the byte-by-byte steps, after which the walk
// starts again from where they left off. False: the record is malformed (fail() has filled `rec`).
//
// The walk's state (the data's end, the index's words and how many are made) and where the fields go are
// kept in locals: as members they were loaded again after every field was stored, since the compiler cannot
// tell that storing a field does not change them. The fields overwrite the previous record's in place
// (`rec.fields` comes in holding them: records of a file are mostly one width, so it rarely grows), and
// `rec.fields` is cut to this record's fields at the end; a quoted field is added by quoted_field() to
// `rec.fields` itself, so the fields so far are handed back to it first.
bool Tokenizer::indexed_fields(Record& rec, RecordScan& scan, char nl) {
  const char* const base = ends_->data();
  const std::size_t n_words = ends_->word_count();
  const std::uint64_t* const words = ends_->words();
  char* const end = end_;
  char* p = p_;
  std::size_t w = 0, made = 0;
  std::uint64_t bits = 0;
  const auto word = [&](std::size_t at) {
    if (at >= made) made = ends_->made_through(at);
    return words[at];
  };
  std::vector<std::string_view>& fields = rec.fields;
  std::string_view* slots = fields.data();
  std::size_t n_slots = fields.size(), n = 0;
  const auto put = [&](const char* from, std::size_t size) {
    if (n < n_slots) [[likely]] {
      slots[n++] = std::string_view(from, size);
      return;
    }
    fields.resize(n);
    fields.emplace_back(from, size);
    slots = fields.data();
    n_slots = n = fields.size();
  };
  const auto walk_from = [&](const char* at) {
    const auto offset = static_cast<std::size_t>(at - base);
    w = offset >> 6;
    bits = w < n_words ? word(w) & (~std::uint64_t{0} << (offset & 63)) : 0;
  };
  walk_from(p);
  for (;;) {
    if (*p == '"') {
      p_ = p;
      fields.resize(n);
      const FieldEnd field_end = quoted_field(rec, scan, nl);
      if (field_end == FieldEnd::kMalformed) return false;
      slots = fields.data();
      n_slots = n = fields.size();
      p = p_;
      if (field_end == FieldEnd::kRecordEnd) break;
      walk_from(p);
      continue;
    }
    while (bits == 0 && w + 1 < n_words) bits = word(++w);
    char* const start = p;
    char* stop = end;
    if (bits != 0) {
      stop = const_cast<char*>(base) + (w << 6) + std::countr_zero(bits);  // the bytes are ours to write
      bits &= bits - 1;
    }
    if (stop >= end || *stop == nl) {
      char* field_end = stop;
      if (nl == '\n' && field_end > start && field_end[-1] == '\r') --field_end;
      put(start, static_cast<std::size_t>(field_end - start));
      p = stop;
      if (p < end) ++p, ++line_;
      break;
    }
    put(start, static_cast<std::size_t>(stop - start));
    p = stop + 1;
    if (p >= end) {
      put(nullptr, 0);  // trailing delimiter at end of data: one last empty field
      break;
    }
  }
  fields.resize(n);
  p_ = p;
  return true;
}

// The record reader with the delimiter a constant (kDelimiter; '\0': the dialect's, read at run time): as
// a run-time value GCC 12 kept it in a stack slot and loaded it again for every field, about 1% more
// instructions on a typical file; each of comma, pipe and tab gets a copy with it as an immediate.
bool Tokenizer::next(Record& rec) {
  switch (dialect_.delimiter) {
    case ',':
      return next_record<','>(rec);
    case '|':
      return next_record<'|'>(rec);
    case '\t':
      return next_record<'\t'>(rec);
  }
  return next_record<'\0'>(rec);
}

template <char kDelimiter>
bool Tokenizer::next_record(Record& rec) {
  if (!ends_) rec.fields.clear();  // indexed_fields overwrites the last record's fields in place
  rec.error = {};
  escaped_.clear();
  skip_blank_lines();
  if (p_ >= end_) {
    rec.fields.clear();
    return false;
  }
  rec.line = line_;
  const char nl = dialect_.newline;
  const char delimiter = kDelimiter ? kDelimiter : dialect_.delimiter;
  RecordScan scan{p_};
  if (ends_) {
    if (!indexed_fields(rec, scan, nl)) return true;  // malformed: fail() has filled `rec`
    line_ += scan.quoted_lines;
    unescape_quoted_fields(rec);
    return true;
  }
  for (;;) {
    if (*p_ == '"') {
      const FieldEnd end = quoted_field(rec, scan, nl);
      if (end == FieldEnd::kNextField) continue;
      if (end == FieldEnd::kMalformed) return true;  // fail() has filled `rec`
      break;
    }
    // Unquoted field: runs to the next delimiter or line end (a quote inside it is kept literally). The
    // common case, so read here in the loop itself: made a step of its own, even inlined, the loop compiled
    // differently (GCC 12) and tokenized 5-15% slower for the same count of instructions.
    char* start = p_;
    while (p_ < end_ && *p_ != delimiter && *p_ != nl) ++p_;
    char* stop = p_;
    if (p_ >= end_ || *p_ == nl) {
      if (nl == '\n' && stop > start && stop[-1] == '\r') --stop;
      rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
      if (p_ < end_) ++p_, ++line_;
      break;
    }
    rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
    if (++p_ >= end_) {
      rec.fields.emplace_back();  // trailing delimiter at end of data: one last empty field
      break;
    }
  }
  line_ += scan.quoted_lines;
  unescape_quoted_fields(rec);
  return true;
}

std::size_t find_cut(const char* data, std::size_t size, Dialect dialect) {
  // Jumps from quote to quote with memchr (SIMD in glibc) instead of walking every byte: outside quotes
  // every line end ends a record; a quote opens a quoted field only at the start of a field, exactly as in
  // Tokenizer::next (elsewhere it is a literal character). A record's fate must be known from the bytes
  // present, or the cut stays before it. The delimiter matters only beside a quote (does it open a field,
  // may it close one); between quotes only line ends count, whatever the delimiter.
  const char nl = dialect.newline;
  const char delimiter = dialect.delimiter;
  const char* const end = data + size;
  std::size_t pos = 0, last_cut = 0, record_start = 0;
  for (;;) {
    const char* q = find_byte(data + pos, end, '"');
    const std::size_t qpos = q ? static_cast<std::size_t>(q - data) : size;
    if (pos < qpos)
      if (const void* line_end = memrchr(data + pos, nl, qpos - pos))
        last_cut = record_start = static_cast<std::size_t>(static_cast<const char*>(line_end) - data) + 1;
    if (!q) return last_cut;
    if (qpos != record_start && data[qpos - 1] != delimiter) {
      pos = qpos + 1;  // a literal quote inside an unquoted field
      continue;
    }
    bool broken = false;
    for (std::size_t i = qpos + 1;;) {  // find the closing quote, skipping "" pairs
      const char* close = find_byte(data + i, end, '"');
      const std::size_t c = close ? static_cast<std::size_t>(close - data) : size;
      if (c - qpos > dialect.max_quoted_bytes) {
        broken = true;  // a stray quote, whatever comes later
        break;
      }
      if (!close || c + 1 == size) return last_cut;  // the field (or a "" pair) may go on past the buffer
      if (data[c + 1] == '"') {
        i = c + 2;
        continue;
      }
      const char after = data[c + 1];
      if (after == delimiter || after == nl) {
        pos = c + 1;
      } else if (nl == '\n' && after == '\r') {
        if (c + 2 == size) return last_cut;  // CRLF or a broken record: the next byte tells
        if (data[c + 2] == '\n')
          pos = c + 1;
        else
          broken = true;
      } else {
        broken = true;  // text after the closing quote
      }
      break;
    }
    if (!broken) continue;
    // A broken record ends at the first line end after its start; the next record starts after it.
    const char* line_end = find_byte(data + record_start, end, nl);
    if (!line_end) return last_cut;
    pos = last_cut = record_start = static_cast<std::size_t>(line_end - data) + 1;
  }
}

bool read_first_record(std::string_view head, bool at_eof, const Dialect& dialect, FirstRecord& out) {
  // Up to a cut the bytes hold whole records, each read as the whole data would read it; the cut is looked
  // for in a prefix of `head` that doubles until it holds the record (a header is short, a read is MiBs).
  constexpr std::size_t kFirstLook = 64 * 1024;
  for (std::size_t look = std::min(head.size(), kFirstLook);; look = std::min(head.size(), look * 2)) {
    const bool all = look == head.size();
    const std::size_t whole = all && at_eof ? look : find_cut(head.data(), look, dialect);
    out.storage.assign(head.substr(0, whole));
    Tokenizer tok(out.storage.data(), out.storage.size(), 1, dialect);
    out.found = tok.next(out.record);
    if (out.found) {
      out.end = static_cast<std::size_t>(tok.position() - out.storage.data());
      out.lines = tok.line() - 1;
      return true;
    }
    if (all) return at_eof;  // at the end of the data: none; before it: blank lines so far, or no cut yet
  }
}

}  // namespace recon::csv
