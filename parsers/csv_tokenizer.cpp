#include "parsers/csv_tokenizer.hpp"

#include <cstring>

namespace recon::csv {

bool Tokenizer::next(Record& rec) {
  rec.fields.clear();
  rec.error = {};
  // Skip blank lines (LF or CRLF).
  while (p_ < end_ && (*p_ == '\n' || (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n'))) {
    p_ += (*p_ == '\r') ? 2 : 1;
    ++line_;
  }
  if (p_ >= end_) return false;
  rec.line = line_;
  for (;;) {
    if (p_ < end_ && *p_ == '"') {
      // Quoted field: unescape "" in place; embedded newlines are kept (and counted).
      char* out = ++p_;
      char* start = out;
      bool closed = false;
      while (p_ < end_) {
        char c = *p_++;
        if (c == '"') {
          if (p_ < end_ && *p_ == '"') {
            *out++ = '"';
            ++p_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') ++line_;
        *out++ = c;
      }
      rec.fields.emplace_back(start, static_cast<std::size_t>(out - start));
      if (!closed) {
        rec.error = "unterminated quoted field";
        return true;
      }
      if (p_ < end_ && *p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n') ++p_;
      if (p_ >= end_) return true;
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == '\n') {
        ++p_;
        ++line_;
        return true;
      }
      // Text after a closing quote: malformed; skip to the end of the record so parsing resynchronises.
      rec.error = "unexpected character after closing quote";
      while (p_ < end_ && *p_ != '\n') ++p_;
      if (p_ < end_) ++p_, ++line_;
      return true;
    }
    // Unquoted field: runs to the next comma or newline (a stray quote inside is kept literally).
    char* start = p_;
    while (p_ < end_ && *p_ != ',' && *p_ != '\n') ++p_;
    char* stop = p_;
    if (p_ >= end_ || *p_ == '\n') {
      if (stop > start && stop[-1] == '\r') --stop;
      rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
      if (p_ < end_) ++p_, ++line_;
      return true;
    }
    rec.fields.emplace_back(start, static_cast<std::size_t>(stop - start));
    ++p_;  // comma
    if (p_ >= end_) {
      rec.fields.emplace_back();  // trailing comma at end of data: one last empty field
      return true;
    }
  }
}

std::size_t find_cut(const char* data, std::size_t size, std::size_t max_quoted_bytes) {
  if (!std::memchr(data, '"', size)) {
    // Fast path: no quotes, so every newline is a record boundary.
    for (std::size_t i = size; i > 0; --i)
      if (data[i - 1] == '\n') return i;
    return 0;
  }
  enum { kFieldStart, kUnquoted, kQuoted, kQuoteSeen } state = kFieldStart;
  std::size_t last_cut = 0, record_start = 0, quote_open = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    switch (state) {
      case kFieldStart:
      case kUnquoted:
        if (c == '\n') {
          last_cut = record_start = i + 1;
          state = kFieldStart;
        } else if (c == ',') {
          state = kFieldStart;
        } else if (c == '"' && state == kFieldStart) {
          state = kQuoted;
          quote_open = i;
        } else {
          state = kUnquoted;
        }
        break;
      case kQuoted:
        if (c == '"') {
          state = kQuoteSeen;
        } else if (i - quote_open > max_quoted_bytes) {
          const void* nl = std::memchr(data + record_start, '\n', size - record_start);
          if (nl) return static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
        }
        break;
      case kQuoteSeen:
        if (c == '"')
          state = kQuoted;
        else if (c == ',')
          state = kFieldStart;
        else if (c == '\n') {
          last_cut = record_start = i + 1;
          state = kFieldStart;
        } else
          state = kUnquoted;  // malformed; the tokenizer rejects it
        break;
    }
  }
  return last_cut;
}

}  // namespace recon::csv
